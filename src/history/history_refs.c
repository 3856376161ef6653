/* history_refs.c - the first stage of a history scan (history.h): open
 * the repository and say what to walk: every ref (branches, tags,
 * remotes, the stash and its older entries, a detached HEAD), the refs
 * --branch names, or a range's end with its start hidden. */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "history_internal.h"
#include "lib/strbuf.h"
#include "lib/xalloc.h"

static const char *git_message(void)
{
	const git_error *ge = git_error_last();

	return ge && ge->message ? ge->message : "unknown libgit2 error";
}

static void add_tip(struct history *h, const char *name, const git_oid *id)
{
	ALLOC_GROW(h->tips, h->nr_tips, h->alloc_tips);
	h->tips[h->nr_tips].name = xstrdup(name);
	git_oid_cpy(&h->tips[h->nr_tips].id, id);
	h->nr_tips++;
}

/* The commit a revision names (a ref, an abbreviated id, HEAD~2, ...). */
static int peel_spec(git_repository *repo, const char *spec, git_oid *out)
{
	git_object *obj = NULL, *c = NULL;
	int rc = git_revparse_single(&obj, repo, spec);

	if (!rc)
		rc = git_object_peel(&c, obj, GIT_OBJECT_COMMIT);
	if (!rc)
		git_oid_cpy(out, git_object_id(c));
	git_object_free(c);
	git_object_free(obj);
	return rc;
}

/* Every ref that leads to a commit; one that does not (a tag of a tree
 * or a blob, a dangling ref) is a notice. */
static int all_refs(struct history *h, struct err *e)
{
	git_reference_iterator *it;
	git_reference *ref;
	git_reflog *log;
	int rc;

	if (git_reference_iterator_new(&it, h->repo))
		return err_set(e, "'%s': cannot list refs: %s", h->o->path,
			       git_message());
	while (!(rc = git_reference_next(&ref, it))) {
		git_object *c = NULL;

		if (!git_reference_peel(&c, ref, GIT_OBJECT_COMMIT))
			add_tip(h, git_reference_name(ref), git_object_id(c));
		else
			report_add_notice(&h->prep, git_reference_name(ref),
					  "ref not walked: it leads to no "
					  "commit (%s)", git_message());
		git_object_free(c);
		git_reference_free(ref);
	}
	git_reference_iterator_free(it);
	if (rc != GIT_ITEROVER)
		return err_set(e, "'%s': cannot list refs: %s", h->o->path,
			       git_message());
	/* a detached HEAD's commits belong to no ref */
	if (git_repository_head_detached(h->repo) == 1) {
		git_oid id;

		if (!peel_spec(h->repo, "HEAD", &id))
			add_tip(h, "HEAD", &id);
	}
	/* older stashes live in the stash's reflog only */
	if (!git_reflog_read(&log, h->repo, "refs/stash")) {
		for (size_t i = 1; i < git_reflog_entrycount(log); i++) {
			const git_reflog_entry *en =
				git_reflog_entry_byindex(log, i);
			char name[32];

			snprintf(name, sizeof(name), "stash@{%zu}", i);
			add_tip(h, name, git_reflog_entry_id_new(en));
		}
		git_reflog_free(log);
	}
	return 0;
}

static int branches(struct history *h, struct err *e)
{
	const struct strlist *l = h->o->branches;

	for (size_t i = 0; i < l->nr; i++) {
		git_oid id;

		if (peel_spec(h->repo, l->items[i], &id))
			return err_set(e, "--branch '%s': no such ref or "
				       "commit in '%s' (%s)", l->items[i],
				       h->o->path, git_message());
		add_tip(h, l->items[i], &id);
		strlist_push(&h->facts->refs, l->items[i]);
	}
	return 0;
}

/* A..B: B's commits, less those A reaches (a pull request's own). */
static int range(struct history *h, struct err *e)
{
	const char *spec = h->o->range, *dots = strstr(spec, "..");
	git_revspec rs = { 0 };
	git_object *from = NULL, *to = NULL;
	int rc;

	if (!dots || dots == spec || !dots[2])
		return err_set(e, "--range takes A..B (both ends named), got "
			       "'%s'", spec);
	if (dots[2] == '.')
		return err_set(e, "--range '%s': A...B is not supported; "
			       "A..B already leaves out every commit A "
			       "reaches", spec);
	if (git_revparse(&rs, h->repo, spec)) {
		err_set(e, "--range '%s': %s", spec, git_message());
		/* libgit2 1.5 keeps A when B does not resolve */
		git_object_free(rs.from);
		git_object_free(rs.to);
		return -1;
	}
	rc = git_object_peel(&from, rs.from, GIT_OBJECT_COMMIT) ||
	     git_object_peel(&to, rs.to, GIT_OBJECT_COMMIT);
	if (!rc) {
		ALLOC_GROW(h->hide, h->nr_hide, h->alloc_hide);
		git_oid_cpy(&h->hide[h->nr_hide++], git_object_id(from));
		add_tip(h, dots + 2, git_object_id(to));
	} else {
		err_set(e, "--range '%s': %s", spec, git_message());
	}
	git_object_free(from);
	git_object_free(to);
	git_object_free(rs.from);
	git_object_free(rs.to);
	return rc ? -1 : 0;
}

static int cmp_oid(const void *a, const void *b)
{
	return git_oid_cmp(a, b);
}

/* A shallow clone names its boundary commits in $GIT_DIR/shallow: their
 * parents were never fetched, which is no damage. */
static void read_shallow(struct history *h)
{
	struct strbuf path = STRBUF_INIT, text = STRBUF_INIT;
	size_t alloc = 0;

	strbuf_addf(&path, "%sshallow", git_repository_commondir(h->repo));
	if (!strbuf_read_file(&text, path.buf, 64u << 20)) {
		for (char *line = text.buf; *line;) {
			char *nl = strchr(line, '\n');

			ALLOC_GROW(h->shallow, h->nr_shallow, alloc);
			if (!git_oid_fromstrn(&h->shallow[h->nr_shallow], line,
					      nl ? (size_t)(nl - line) :
					      strlen(line)))
				h->nr_shallow++;
			line = nl ? nl + 1 : line + strlen(line);
		}
		qsort(h->shallow, h->nr_shallow, sizeof(*h->shallow),
		      cmp_oid);
	}
	strbuf_release(&path);
	strbuf_release(&text);
}

int history_is_shallow(const struct history *h, const git_oid *id)
{
	return h->nr_shallow &&
	       bsearch(id, h->shallow, h->nr_shallow, sizeof(*h->shallow),
		       cmp_oid) != NULL;
}

/* What findings name as their root: the path as given when it is the
 * top of the work tree (nothing for "."), else the top itself, as paths
 * in history are relative to it. */
static void pick_root(struct history *h)
{
	const char *top = git_repository_workdir(h->repo);
	char given[PATH_MAX], real_top[PATH_MAX];
	size_t n;

	if (!top)
		top = git_repository_path(h->repo);
	if (realpath(h->o->path, given) && realpath(top, real_top) &&
	    !strcmp(given, real_top)) {
		if (strcmp(h->o->path, ".") && strcmp(h->o->path, "./"))
			h->root = xstrdup(h->o->path);
		h->facts->repository = xstrdup(real_top);
		return;
	}
	n = strlen(top);
	while (n > 1 && top[n - 1] == '/')
		n--;
	h->root = xstrndup(top, n);
	h->facts->repository = xstrndup(top, n);
}

static void head_facts(struct history *h)
{
	git_reference *head;
	git_oid id;
	char hex[GIT_OID_HEXSZ + 1];

	if (!peel_spec(h->repo, "HEAD", &id)) {
		git_oid_tostr(hex, sizeof(hex), &id);
		h->facts->head = xstrdup(hex);
	}
	if (!git_repository_head(&head, h->repo)) {
		if (git_reference_is_branch(head))
			h->facts->branch = xstrdup(
				git_reference_shorthand(head));
		git_reference_free(head);
	}
}

int history_refs_open(struct history *h, struct err *e)
{
	const struct history_opts *o = h->o;
	static const char *const modes[] = { "history", "range", "staged" };
	struct stat st;

	if (stat(o->path, &st))
		return err_set(e, "'%s': %s", o->path, strerror(errno));
	if (git_repository_open_ext(&h->repo, o->path, 0, NULL))
		return err_set(e, "'%s' is not a git repository (%s)",
			       o->path, git_message());
	h->facts->mode = modes[o->mode];
	pick_root(h);
	head_facts(h);
	read_shallow(h);
	if (o->mode == HISTORY_STAGED) {
		if (git_repository_is_bare(h->repo))
			return err_set(e, "--staged: '%s' is a bare "
				       "repository: nothing is staged there",
				       o->path);
		return 0;
	}
	if (o->mode == HISTORY_RANGE) {
		h->facts->range = xstrdup(o->range);
		return range(h, e);
	}
	return o->branches && o->branches->nr ? branches(h, e) : all_refs(h, e);
}

void history_refs_release(struct history *h)
{
	for (size_t i = 0; i < h->nr_tips; i++)
		free(h->tips[i].name);
	free(h->tips);
	free(h->hide);
	free(h->shallow);
	git_repository_free(h->repo);
	h->tips = NULL;
	h->hide = h->shallow = NULL;
	h->nr_tips = h->nr_hide = h->nr_shallow = 0;
	h->repo = NULL;
}
