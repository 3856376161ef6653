/* walk_ignore.c - git's ignore rules for the walk, through libgit2; see
 * walk_ignore.h for the policy. */
#include "walk_ignore.h"

#include <git2.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "lib/strbuf.h"
#include "lib/xalloc.h"

struct walk_ignore {
	git_repository *repo;
	git_index *index;	/* NULL: none could be read (nothing is
				 * tracked then) */
	struct strbuf path;	/* the root's path below the work tree,
				 * "" or "a/b/", then the entry asked about */
	size_t prefix_len;
};

/* Is the work-tree path p ignored by git's rules? Errors: no. */
static int ignored(git_repository *repo, const char *p)
{
	int ign = 0;

	if (git_ignore_path_is_ignored(&ign, repo, p) < 0)
		return 0;
	return ign == 1;
}

/* Where the root stands below the work tree: "" at its top, "a/b/"
 * below it; -1 when it is not inside it (the .git directory itself, a
 * path the real paths cannot relate). */
static int root_prefix(const char *root, const char *workdir,
		       struct strbuf *out)
{
	char *r = realpath(root, NULL), *w = realpath(workdir, NULL);
	size_t wl = w ? strlen(w) : 0;
	int rc = -1;

	if (r && w && !strncmp(r, w, wl) && (!r[wl] || r[wl] == '/' ||
					     (wl == 1 && *w == '/'))) {
		const char *rest = r + wl;

		while (*rest == '/')
			rest++;
		if (*rest)
			strbuf_addf(out, "%s/", rest);
		rc = 0;
	}
	free(r);
	free(w);
	return rc;
}

struct walk_ignore *walk_ignore_open(const char *root)
{
	struct walk_ignore *wi = xcalloc(1, sizeof(*wi));
	const char *workdir;

	strbuf_init(&wi->path, 0);
	git_libgit2_init();
	if (git_repository_open_ext(&wi->repo, root, 0, NULL) < 0)
		goto none;
	workdir = git_repository_workdir(wi->repo);
	if (!workdir || root_prefix(root, workdir, &wi->path))
		goto none;
	wi->prefix_len = wi->path.len;
	if (wi->prefix_len) {
		/* the user named an ignored directory: scan it whole */
		strbuf_setlen(&wi->path, wi->prefix_len - 1);
		if (!strncmp(wi->path.buf, ".git", 4) &&
		    (!wi->path.buf[4] || wi->path.buf[4] == '/'))
			goto none;
		strbuf_addch(&wi->path, '/');
		if (ignored(wi->repo, wi->path.buf))
			goto none;
	}
	if (git_repository_index(&wi->index, wi->repo) < 0)
		wi->index = NULL;
	return wi;
none:
	walk_ignore_free(wi);
	return NULL;
}

/* Does the index track p, or (a directory, p ending in '/') anything
 * below it? */
static int tracked(const struct walk_ignore *wi, const char *p, int is_dir)
{
	size_t pos;

	if (!wi->index)
		return 0;
	if (is_dir)
		return git_index_find_prefix(&pos, wi->index, p) == 0;
	return git_index_get_bypath(wi->index, p, 0) != NULL;
}

int walk_ignore_check(struct walk_ignore *wi, const char *rel, int is_dir)
{
	int ign;

	strbuf_setlen(&wi->path, wi->prefix_len);
	strbuf_addstr(&wi->path, rel);
	/* a trailing '/' tells libgit2 it is a directory without a stat */
	if (is_dir)
		strbuf_addch(&wi->path, '/');
	ign = ignored(wi->repo, wi->path.buf) &&
	      !tracked(wi, wi->path.buf, is_dir);
	return ign;
}

void walk_ignore_free(struct walk_ignore *wi)
{
	if (!wi)
		return;
	git_index_free(wi->index);
	git_repository_free(wi->repo);
	strbuf_release(&wi->path);
	free(wi);
	git_libgit2_shutdown();
}
