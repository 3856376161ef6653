/* walk.c - directory traversal for scan; see walk.h for the policy.
 *
 * The walk is a loop over a stack of directories, not a recursion, and
 * opens each one from its parent's descriptor: a tree may be as deep as
 * the file system allows, and only the reported path grows with it. */
#include "walk.h"

#include "walk_ignore.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lib/glob.h"
#include "lib/shard.h"
#include "lib/strbuf.h"
#include "lib/xalloc.h"

static const char *const skip_dirs[] = { ".git", ".hg", ".svn", NULL };

/* Publish one file to the threads waiting in walk_next(). */
static void add(struct walk_list *l, const char *name,
		const struct walk_dir *dir, const char *rel, const char *root)
{
	char *n = xstrdup(name), *r = xstrdup(rel);

	pthread_mutex_lock(&l->lock);
	ALLOC_GROW(l->items, l->nr, l->alloc);
	l->items[l->nr].name = n;
	l->items[l->nr].dir = dir;
	l->items[l->nr].rel = r;
	l->items[l->nr++].root = root;
	pthread_cond_signal(&l->more);
	pthread_mutex_unlock(&l->lock);
}

/* Record a directory read: items will point to it, so it is made before
 * them (their publication under the lock publishes it too). Only the
 * walking thread touches l->dirs. */
static const struct walk_dir *add_dir(struct walk_list *l,
				      const struct walk_dir *parent,
				      const char *name, const struct stat *st)
{
	size_t len = strlen(name);
	struct walk_dir *d = xmalloc(sizeof(*d) + len + 1);

	d->parent = parent;
	d->depth = parent ? parent->depth + 1 : 0;
	d->dev = st->st_dev;
	d->ino = st->st_ino;
	memcpy(d->name, name, len + 1);
	ALLOC_GROW(l->dirs, l->nr_dirs, l->alloc_dirs);
	l->dirs[l->nr_dirs++] = d;
	return d;
}

struct dent {
	char *name;
	unsigned char type;	/* DT_*, DT_UNKNOWN when the fs won't say */
};

static int cmp_dent(const void *a, const void *b)
{
	return strcmp(((const struct dent *)a)->name,
		      ((const struct dent *)b)->name);
}

static int skipped_dir(const char *name)
{
	for (size_t i = 0; skip_dirs[i]; i++)
		if (!strcmp(name, skip_dirs[i]))
			return 1;
	return 0;
}

/* A directory being walked: its entries in name order, the next one to
 * visit, and a descriptor on it while it is one of the deepest. */
struct frame {
	struct dent *ents;
	size_t nr, next;
	const struct walk_dir *dir;
	int fd;			/* -1: closed to bound descriptors, opened
				 * again on the way back up */
	size_t rel_len;		/* its path below the root: rel's first
				 * rel_len bytes */
};

/* One root's walk: what every directory of it shares. */
struct walker {
	const char *given;		/* the root as given */
	const char *root;		/* as items carry it: NULL for "." */
	const struct strlist *excludes;
	const struct shard *shard;
	struct walk_ignore *ignore;	/* git's rules; NULL: none */
	struct walk_list *out;
	struct report *r;
	int skip;			/* skip_dev/ino: a directory never
					 * entered (an audit's reports) */
	dev_t skip_dev;
	ino_t skip_ino;
	struct frame *stack;		/* the root first */
	size_t depth, alloc;
	struct strbuf rel;		/* the entry visited, below the root */
};

static int stopped(const struct walker *w)
{
	return __atomic_load_n(&w->out->stop, __ATOMIC_RELAXED);
}

/* The path a notice names: the root as given, then rel below it. */
static void notice_path(const struct walker *w, const char *rel,
			struct strbuf *out)
{
	size_t n = strlen(w->given);

	strbuf_addstr(out, w->given);
	if (*rel)
		strbuf_addf(out, "%s%s", n && w->given[n - 1] == '/' ? "" : "/",
			    rel);
}

/* Is the entry at rel ("" for the root) this shard's? If not, it counts
 * as another shard's (files_skipped_shard). Its key is the
 * path as reports show it: the root as given, '/', the path below it
 * (only the latter under "."), so a finding's location names its shard.
 * Every shard walks every directory, but what the walk counts (a file, a
 * skipped entry, an unreadable directory) counts in its own shard only
 * and in the others' other-shard count, so the shards' counts add up to
 * the unsharded run's (docs/sharding.md). */
static int in_shard(const struct walker *w, const char *rel)
{
	struct strbuf key = STRBUF_INIT;
	int keep;

	if (!w->shard || !w->shard->count)
		return 1;
	if (!*rel)
		strbuf_addstr(&key, w->given);
	else
		report_file_path(w->root, rel, &key);
	keep = shard_keeps(w->shard, key.buf);
	if (!keep)
		w->r->stats.files_skipped_shard++;
	strbuf_release(&key);
	return keep;
}

/* Something at rel could not be read: a notice and a count, in its
 * shard. */
static void unreadable(const struct walker *w, const char *rel,
		       const char *what, int err)
{
	struct strbuf where = STRBUF_INIT;

	if (!in_shard(w, rel))
		return;
	notice_path(w, rel, &where);
	report_add_notice(w->r, where.buf, "%s: %s", what, strerror(err));
	w->r->stats.files_unreadable++;
	strbuf_release(&where);
}

static int is_skip_dir(const struct walker *w, int dirfd, const char *name,
		       int type)
{
	struct stat st;

	return w->skip && type == DT_DIR &&
	       !fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW) &&
	       st.st_dev == w->skip_dev && st.st_ino == w->skip_ino;
}

/* The entry's type from readdir, or from fstatat() where the file system
 * does not fill d_type; -1 (with a notice, when it is this shard's) when
 * it cannot be had. */
static int entry_type(const struct walker *w, int dirfd, const char *name,
		      unsigned char dt)
{
	struct stat st;

	if (dt != DT_UNKNOWN)
		return dt;
	if (fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW)) {
		unreadable(w, w->rel.buf, "cannot stat", errno);
		return -1;
	}
	return IFTODT(st.st_mode);
}

/* Count an entry the walk passes over for its type: never silently. */
static void count_skipped(int type, struct report *r)
{
	if (type == DT_LNK)
		r->stats.files_skipped_links++;
	else
		r->stats.files_skipped_special++;
}

/* The entries of the directory open as fd (borrowed), but "." and "..",
 * in name order so runs are reproducible. -1 with errno set. */
static int read_entries(int fd, struct dent **ents, size_t *nr)
{
	size_t alloc = 0;
	struct dirent *de;
	int rfd = fcntl(fd, F_DUPFD_CLOEXEC, 0);
	DIR *d = rfd < 0 ? NULL : fdopendir(rfd);

	*ents = NULL;
	*nr = 0;
	if (!d) {
		int saved = errno;

		if (rfd >= 0)
			close(rfd);
		errno = saved;
		return -1;
	}
	while ((de = readdir(d))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		ALLOC_GROW(*ents, *nr, alloc);
		(*ents)[*nr].name = xstrdup(de->d_name);
		(*ents)[(*nr)++].type = de->d_type;
	}
	closedir(d);
	if (*nr > 1)
		qsort(*ents, *nr, sizeof(**ents), cmp_dent);
	return 0;
}

/* Enter the directory open as fd (owned; -1 with errno set when it could
 * not be opened), at rel, named name in parent (NULL: the root): read
 * it, record it and make it the top of the stack. Unreadable: a notice,
 * and the walk goes on beside it. */
static void enter(struct walker *w, int fd, const struct walk_dir *parent,
		  const char *name)
{
	struct frame *f;
	struct stat st;
	struct dent *ents;
	size_t nr;

	if (fd < 0 || fstat(fd, &st) || read_entries(fd, &ents, &nr)) {
		int saved = errno;

		if (fd >= 0)
			close(fd);
		unreadable(w, w->rel.buf, "cannot read directory", saved);
		return;
	}
	ALLOC_GROW(w->stack, w->depth, w->alloc);
	f = &w->stack[w->depth++];
	f->ents = ents;
	f->nr = nr;
	f->next = 0;
	f->dir = add_dir(w->out, parent, name, &st);
	f->fd = fd;
	f->rel_len = w->rel.len;
	/* descriptors stay bounded however deep the tree */
	if (w->depth > WALK_HELD_FDS) {
		struct frame *old = &w->stack[w->depth - 1 - WALK_HELD_FDS];

		if (old->fd >= 0) {
			close(old->fd);
			old->fd = -1;
		}
	}
}

/* Forget the entries of f not visited yet. */
static void drop_rest(struct frame *f)
{
	for (; f->next < f->nr; f->next++)
		free(f->ents[f->next].name);
}

/* Done with the top directory: back to its parent, whose descriptor, if
 * it was closed, comes from this one's by "..". A parent with entries
 * left that cannot be reached again is a notice, and the rest of it is
 * not walked. */
static void leave(struct walker *w)
{
	struct frame *f = &w->stack[--w->depth];

	drop_rest(f);
	free(f->ents);
	if (w->depth && !stopped(w)) {
		struct frame *up = &w->stack[w->depth - 1];

		if (up->fd < 0)
			up->fd = walk_dir_open(up->dir, f->dir, f->fd);
		if (up->fd < 0 && up->next < up->nr) {
			int saved = errno;

			strbuf_setlen(&w->rel, up->rel_len);
			unreadable(w, w->rel.buf, "cannot return to directory",
				   saved);
			drop_rest(up);
		}
	}
	if (f->fd >= 0)
		close(f->fd);
}

/* One entry, name, of the top directory (open as dirfd, recorded as
 * dir); w->rel is its path below the root. */
static void walk_entry(struct walker *w, int dirfd,
		       const struct walk_dir *dir, const char *name,
		       unsigned char dt)
{
	struct report *r = w->r;
	const char *rel = w->rel.buf;
	int type = entry_type(w, dirfd, name, dt), excluded;

	if (type < 0)
		return;		/* counted */
	excluded = glob_any(w->excludes, rel) ||
		   is_skip_dir(w, dirfd, name, type);
	if (!excluded && w->ignore && !(type == DT_DIR && skipped_dir(name)) &&
	    walk_ignore_check(w->ignore, rel, type == DT_DIR)) {
		if (in_shard(w, rel))
			r->stats.files_skipped_ignored++;
		return;
	}
	if (type == DT_DIR && !excluded && !skipped_dir(name)) {
		/* every shard walks it; a link swapped in since readdir
		 * is not followed */
		enter(w, openat(dirfd, name, O_RDONLY | O_DIRECTORY |
				O_NOFOLLOW | O_CLOEXEC), dir, name);
		return;
	}
	if (!in_shard(w, rel))
		return;
	if (excluded)
		r->stats.files_skipped_excluded++;
	else if (type == DT_DIR)
		r->stats.dirs_skipped_vcs++;
	else if (type == DT_REG)
		add(w->out, name, dir, rel, w->root);
	else	/* symlinks, FIFOs, sockets, devices: never opened */
		count_skipped(type, r);
}

/* Visit every entry below the directory on top of the stack, depth first
 * and in name order; once the run is over (walk_stop), only free. */
static void walk_tree(struct walker *w)
{
	while (w->depth) {
		struct frame *f = &w->stack[w->depth - 1];
		struct dent *e;

		if (f->next == f->nr || stopped(w)) {
			leave(w);
			continue;
		}
		e = &f->ents[f->next++];
		strbuf_setlen(&w->rel, f->rel_len);
		if (f->rel_len)
			strbuf_addch(&w->rel, '/');
		strbuf_addstr(&w->rel, e->name);
		/* f may move as the stack grows; e, in f->ents, does not */
		walk_entry(w, f->fd, f->dir, e->name, e->type);
		free(e->name);
	}
}

int walk_root(const char *root, const struct strlist *excludes,
	      const char *skip_dir, const struct shard *shard, unsigned flags,
	      struct walk_list *out, struct report *r)
{
	struct walker w = { root, NULL, excludes, shard, NULL, out, r, 0, 0,
			    0, NULL, 0, 0, STRBUF_INIT };
	struct stat st;

	if (skip_dir && !stat(skip_dir, &st) && S_ISDIR(st.st_mode)) {
		w.skip = 1;
		w.skip_dev = st.st_dev;
		w.skip_ino = st.st_ino;
	}
	/* the root itself was named by the user: follow it if a link */
	if (stat(root, &st)) {
		int saved = errno;

		if (in_shard(&w, "")) {
			report_add_notice(r, root, "cannot scan: %s",
					  strerror(saved));
			r->stats.files_unreadable++;
		}
		return -1;
	}
	if (S_ISDIR(st.st_mode)) {
		w.root = strcmp(root, ".") && strcmp(root, "./") ? root : NULL;
		if (flags & WALK_GIT_IGNORE)
			w.ignore = walk_ignore_open(root);
		enter(&w, open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC), NULL,
		      root);
		walk_tree(&w);
		walk_ignore_free(w.ignore);
		free(w.stack);
		strbuf_release(&w.rel);
		return 0;
	}
	if (!in_shard(&w, ""))
		return 0;
	if (S_ISREG(st.st_mode)) {
		add(out, root, NULL, root, NULL);
		return 0;
	}
	report_add_notice(r, root, "not a file or directory; skipped");
	r->stats.files_skipped_special++;
	return -1;
}

void walk_list_init(struct walk_list *l)
{
	memset(l, 0, sizeof(*l));
	pthread_mutex_init(&l->lock, NULL);
	pthread_cond_init(&l->more, NULL);
}

void walk_finish(struct walk_list *l)
{
	pthread_mutex_lock(&l->lock);
	l->done = 1;
	pthread_cond_broadcast(&l->more);
	pthread_mutex_unlock(&l->lock);
}

int walk_next(struct walk_list *l, struct walk_item *it)
{
	int got = 0;

	pthread_mutex_lock(&l->lock);
	while (l->next >= l->nr && !l->done)
		pthread_cond_wait(&l->more, &l->lock);
	if (l->next < l->nr) {
		/* a copy: items may move when the walker grows them; the
		 * strings and directories they point to do not */
		*it = l->items[l->next++];
		got = 1;
	}
	pthread_mutex_unlock(&l->lock);
	return got;
}

void walk_stop(struct walk_list *l)
{
	__atomic_store_n(&l->stop, 1, __ATOMIC_RELAXED);
}

size_t walk_count(struct walk_list *l)
{
	size_t n;

	pthread_mutex_lock(&l->lock);
	n = l->nr;
	pthread_mutex_unlock(&l->lock);
	return n;
}

void walk_list_release(struct walk_list *l)
{
	for (size_t i = 0; i < l->nr; i++) {
		free(l->items[i].name);
		free(l->items[i].rel);
	}
	free(l->items);
	for (size_t i = 0; i < l->nr_dirs; i++)
		free(l->dirs[i]);
	free(l->dirs);
	pthread_mutex_destroy(&l->lock);
	pthread_cond_destroy(&l->more);
	memset(l, 0, sizeof(*l));
}
