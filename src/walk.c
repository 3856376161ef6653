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

static void add(struct walk_list *l, const char *path, const char *rel)
{
	ALLOC_GROW(l->items, l->nr, l->alloc);
	l->items[l->nr].path = xstrdup(path);
	l->items[l->nr++].rel = xstrdup(rel);
}

static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int skipped_dir(const char *name)
{
	for (size_t i = 0; skip_dirs[i]; i++)
		if (!strcmp(name, skip_dirs[i]))
			return 1;
	return 0;
}

/* dir is the path to open, rel its name relative to the root ("" at the
 * root). Entries are visited in name order so runs are reproducible. */
static void walk_dir(const char *dir, const char *rel,
		     const struct strlist *excludes, struct walk_list *out,
		     struct report *r)
{
	struct strlist names = { 0 };
	struct dirent *de;
	DIR *d = opendir(dir);

	if (!d) {
		report_add_notice(r, dir, "cannot read directory: %s",
				  strerror(errno));
		r->stats.files_unreadable++;
		return;
	}
	while ((de = readdir(d)))
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, ".."))
			strlist_push(&names, de->d_name);
	closedir(d);
	qsort(names.items, names.nr, sizeof(char *), cmp_name);
	for (size_t i = 0; i < names.nr; i++) {
		const char *name = names.items[i];
		struct strbuf path = STRBUF_INIT, sub = STRBUF_INIT;
		struct stat st;

		strbuf_addf(&path, "%s%s%s", dir,
			    dir[strlen(dir) - 1] == '/' ? "" : "/", name);
		strbuf_addf(&sub, "%s%s%s", rel, *rel ? "/" : "", name);
		if (lstat(path.buf, &st)) {
			report_add_notice(r, path.buf, "cannot stat: %s",
					  strerror(errno));
			r->stats.files_unreadable++;
		} else if (glob_any(excludes, sub.buf)) {
			r->stats.files_skipped_excluded++;
		} else if (S_ISDIR(st.st_mode)) {
			if (!skipped_dir(name))
				walk_dir(path.buf, sub.buf, excludes, out, r);
		} else if (S_ISREG(st.st_mode)) {
			add(out, path.buf, sub.buf);
		}
		/* symlinks, FIFOs, sockets and devices: never opened */
		strbuf_release(&path);
		strbuf_release(&sub);
	}
	strlist_release(&names);
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
		walk_dir(root, "", excludes, out, r);
		return 0;
	}
	if (S_ISREG(st.st_mode)) {
		add(out, root, root);
		return 0;
	}
	report_add_notice(r, root, "not a file or directory; skipped");
	return -1;
}

void walk_list_release(struct walk_list *l)
{
	for (size_t i = 0; i < l->nr; i++) {
		free(l->items[i].path);
		free(l->items[i].rel);
	}
	free(l->items);
	memset(l, 0, sizeof(*l));
}
