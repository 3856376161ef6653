/* walk.c - directory traversal for scan; see walk.h for the policy. */
#include "walk.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "glob.h"
#include "shard.h"
#include "strbuf.h"
#include "xalloc.h"

static const char *const skip_dirs[] = { ".git", ".hg", ".svn", NULL };

/* Publish one file to the threads waiting in walk_next(). */
static void add(struct walk_list *l, const char *name, size_t dir,
		const char *rel, const char *root)
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

static void add_dir(struct walk_list *l, const char *dir)
{
	pthread_mutex_lock(&l->lock);
	strlist_push(&l->dirs, dir);
	pthread_mutex_unlock(&l->lock);
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

/* One root's walk: what every directory of it shares. */
struct walker {
	const char *given;		/* the root as given */
	const char *root;		/* as items carry it: NULL for "." */
	const struct strlist *excludes;
	const struct shard *shard;
	struct walk_list *out;
	struct report *r;
	int skip;			/* skip_dev/ino: a directory never
					 * entered (an audit's reports) */
	dev_t skip_dev;
	ino_t skip_ino;
};

static int is_skip_dir(const struct walker *w, const char *path, int type)
{
	struct stat st;

	return w->skip && type == DT_DIR && !stat(path, &st) &&
	       st.st_dev == w->skip_dev && st.st_ino == w->skip_ino;
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

/* The entry's type from readdir, or from lstat() where the file system
 * does not fill d_type; -1 (with a notice, when it is this shard's) when
 * it cannot be had. */
static int entry_type(const struct walker *w, const char *path,
		      const char *rel, unsigned char dt)
{
	struct stat st;

	if (dt != DT_UNKNOWN)
		return dt;
	if (lstat(path, &st)) {
		if (in_shard(w, rel)) {
			report_add_notice(w->r, path, "cannot stat: %s",
					  strerror(errno));
			w->r->stats.files_unreadable++;
		}
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

static void walk_dir(const struct walker *w, const char *dir,
		     const char *rel);

/* One entry of a directory: path to open it, rel below the root. */
static void walk_entry(const struct walker *w, const char *path,
		       const char *rel, const char *name, size_t idx,
		       unsigned char dt)
{
	struct report *r = w->r;
	int type = entry_type(w, path, rel, dt), excluded;

	if (type < 0)
		return;		/* counted */
	excluded = glob_any(w->excludes, rel) || is_skip_dir(w, path, type);
	if (type == DT_DIR && !excluded && !skipped_dir(name)) {
		walk_dir(w, path, rel);	/* every shard walks it */
		return;
	}
	if (!in_shard(w, rel))
		return;
	if (excluded)
		r->stats.files_skipped_excluded++;
	else if (type == DT_DIR)
		r->stats.dirs_skipped_vcs++;
	else if (type == DT_REG)
		add(w->out, name, idx, rel, w->root);
	else	/* symlinks, FIFOs, sockets, devices: never opened */
		count_skipped(type, r);
}

/* dir is the path to open, rel its name relative to the root ("" at the
 * root). Entries are visited in name order so runs are reproducible. */
static void walk_dir(const struct walker *w, const char *dir,
		     const char *rel)
{
	struct dent *ents = NULL;
	size_t nr = 0, alloc = 0, idx = w->out->dirs.nr;
	struct dirent *de;
	DIR *d = opendir(dir);
	int slash = dir[strlen(dir) - 1] != '/';

	if (!d) {
		int saved = errno;

		if (in_shard(w, rel)) {
			report_add_notice(w->r, dir, "cannot read directory: "
					  "%s", strerror(saved));
			w->r->stats.files_unreadable++;
		}
		return;
	}
	while ((de = readdir(d))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		ALLOC_GROW(ents, nr, alloc);
		ents[nr].name = xstrdup(de->d_name);
		ents[nr++].type = de->d_type;
	}
	closedir(d);
	add_dir(w->out, dir);	/* only this thread adds: idx is its */
	if (nr > 1)
		qsort(ents, nr, sizeof(*ents), cmp_dent);
	for (size_t i = 0; i < nr; i++) {
		struct strbuf path = STRBUF_INIT, sub = STRBUF_INIT;

		/* once the run is over, only free */
		if (!__atomic_load_n(&w->out->stop, __ATOMIC_RELAXED)) {
			strbuf_addf(&path, "%s%s%s", dir, slash ? "/" : "",
				    ents[i].name);
			strbuf_addf(&sub, "%s%s%s", rel, *rel ? "/" : "",
				    ents[i].name);
			walk_entry(w, path.buf, sub.buf, ents[i].name, idx,
				   ents[i].type);
		}
		strbuf_release(&path);
		strbuf_release(&sub);
		free(ents[i].name);
	}
	free(ents);
}

int walk_root(const char *root, const struct strlist *excludes,
	      const char *skip_dir, const struct shard *shard,
	      struct walk_list *out, struct report *r)
{
	struct walker w = { root, NULL, excludes, shard, out, r, 0, 0, 0 };
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
		walk_dir(&w, root, "");
		return 0;
	}
	if (!in_shard(&w, ""))
		return 0;
	if (S_ISREG(st.st_mode)) {
		add(out, root, WALK_NO_DIR, root, NULL);
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

int walk_next(struct walk_list *l, struct walk_item *it, const char **dir)
{
	int got = 0;

	pthread_mutex_lock(&l->lock);
	while (l->next >= l->nr && !l->done)
		pthread_cond_wait(&l->more, &l->lock);
	if (l->next < l->nr) {
		/* copies: items and dirs may move when the walker grows them;
		 * the strings they point to do not */
		*it = l->items[l->next++];
		*dir = it->dir == WALK_NO_DIR ? NULL : l->dirs.items[it->dir];
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
	strlist_release(&l->dirs);
	pthread_mutex_destroy(&l->lock);
	pthread_cond_destroy(&l->more);
	memset(l, 0, sizeof(*l));
}
