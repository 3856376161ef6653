/* walk.c - directory traversal for scan; see walk.h for the policy. */
#include "walk.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "glob.h"
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

/* The entry's type from readdir, or from lstat() where the file system
 * does not fill d_type; -1 (with a notice) when it cannot be had. */
static int entry_type(const char *path, unsigned char dt, struct report *r)
{
	struct stat st;

	if (dt != DT_UNKNOWN)
		return dt;
	if (lstat(path, &st)) {
		report_add_notice(r, path, "cannot stat: %s", strerror(errno));
		r->stats.files_unreadable++;
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

/* dir is the path to open, rel its name relative to the root ("" at the
 * root). Entries are visited in name order so runs are reproducible. */
static void walk_dir(const char *root, const char *dir, const char *rel,
		     const struct strlist *excludes, struct walk_list *out,
		     struct report *r)
{
	struct dent *ents = NULL;
	size_t nr = 0, alloc = 0, idx = out->dirs.nr;
	struct dirent *de;
	DIR *d = opendir(dir);
	int slash = dir[strlen(dir) - 1] != '/';

	if (!d) {
		report_add_notice(r, dir, "cannot read directory: %s",
				  strerror(errno));
		r->stats.files_unreadable++;
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
	add_dir(out, dir);	/* only this thread adds: idx is its index */
	if (nr > 1)
		qsort(ents, nr, sizeof(*ents), cmp_dent);
	for (size_t i = 0; i < nr; i++) {
		struct strbuf path = STRBUF_INIT, sub = STRBUF_INIT;
		int type;

		if (__atomic_load_n(&out->stop, __ATOMIC_RELAXED)) {
			free(ents[i].name);
			continue;	/* the run is over: only free */
		}
		strbuf_addf(&path, "%s%s%s", dir, slash ? "/" : "",
			    ents[i].name);
		strbuf_addf(&sub, "%s%s%s", rel, *rel ? "/" : "",
			    ents[i].name);
		type = entry_type(path.buf, ents[i].type, r);
		if (type < 0) {
			;	/* reported */
		} else if (glob_any(excludes, sub.buf)) {
			r->stats.files_skipped_excluded++;
		} else if (type == DT_DIR) {
			if (!skipped_dir(ents[i].name))
				walk_dir(root, path.buf, sub.buf, excludes,
					 out, r);
			else
				r->stats.dirs_skipped_vcs++;
		} else if (type == DT_REG) {
			add(out, ents[i].name, idx, sub.buf, root);
		} else {
			/* symlinks, FIFOs, sockets, devices: never opened */
			count_skipped(type, r);
		}
		strbuf_release(&path);
		strbuf_release(&sub);
		free(ents[i].name);
	}
	free(ents);
}

int walk_root(const char *root, const struct strlist *excludes,
	      struct walk_list *out, struct report *r)
{
	struct stat st;

	/* the root itself was named by the user: follow it if a link */
	if (stat(root, &st)) {
		report_add_notice(r, root, "cannot scan: %s", strerror(errno));
		r->stats.files_unreadable++;
		return -1;
	}
	if (S_ISDIR(st.st_mode)) {
		walk_dir(strcmp(root, ".") && strcmp(root, "./") ? root : NULL,
			 root, "", excludes, out, r);
		return 0;
	}
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
