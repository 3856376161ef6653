/* history_walk.c - the second stage of a history scan (history.h): walk
 * the commits from the tips, then diff each commit's tree against all
 * of its parents' at once. A blob is introduced by a commit at a path
 * when no parent holds that blob at that path: a merge introduces only
 * what it resolved itself, never what its branches brought. A subtree
 * that any parent holds unchanged is not entered, so a commit costs the
 * trees along the paths it changed, not its whole tree.
 *
 * The walk is our own rather than git_revwalk, so that a commit or tree
 * the repository lacks (a partial or damaged clone) is a notice naming
 * it and the walk goes on, and a shallow clone's boundary commits are
 * diffed against nothing, as their parents were never fetched.
 */
#include <stdlib.h>
#include <string.h>

#include "history_internal.h"
#include "lib/glob.h"
#include "lib/shard.h"
#include "lib/strbuf.h"
#include "lib/xalloc.h"

/* Parents of a merge compared without a heap allocation: octopus merges
 * beyond this many parents take one. */
#define FEW_PARENTS 8

struct differ {
	struct history *h;
	uint32_t commit;
	struct strbuf path;
};

static void missing(struct history *h, const git_oid *id, const char *what,
		    const char *where)
{
	char hex[GIT_OID_HEXSZ + 1];

	git_oid_tostr(hex, sizeof(hex), id);
	h->facts->missing++;
	report_add_notice(&h->prep, where, "missing object %s (%s): not "
			  "scanned; the repository lacks it (a partial or "
			  "damaged clone?)", hex, what);
}

/* A commit still to walk, and who led to it (for a notice). */
struct pending {
	git_oid id;
	uint32_t child;			/* HISTORY_NONE: a tip */
	const char *tip;		/* the tip's name, for a tip */
};

/* The commit at p.id is missing: a notice naming it and its child. */
static void missing_commit(struct history *h, const struct pending *p)
{
	struct strbuf what = STRBUF_INIT;
	char hex[GIT_OID_HEXSZ + 1];

	if (p->child == HISTORY_NONE) {
		strbuf_addstr(&what, "commit");
	} else {
		git_oid_tostr(hex, sizeof(hex), &h->t.commits[p->child].id);
		strbuf_addf(&what, "commit, parent of %.12s; what it "
			    "introduced is not attributed", hex);
	}
	missing(h, &p->id, what.buf, p->tip ? p->tip : "history");
	strbuf_release(&what);
}

/* Record commit c (index ci) in the table. */
static void record(struct history *h, git_commit *c, uint32_t ci,
		   unsigned flags)
{
	struct history_table *t = &h->t;
	const git_signature *a = git_commit_author(c);
	const git_signature *cm = git_commit_committer(c);
	struct history_commit *hc = &t->commits[ci];
	unsigned np = git_commit_parentcount(c);

	git_oid_cpy(&hc->tree, git_commit_tree_id(c));
	hc->author = history_table_name(t, a->name, strlen(a->name));
	hc->email = history_table_name(t, a->email, strlen(a->email));
	hc->time = a->when.time;
	hc->offset = a->when.offset;
	hc->ctime = cm->when.time;
	hc->flags = flags;
	if (np && history_is_shallow(h, git_commit_id(c))) {
		hc->flags |= HISTORY_COMMIT_SHALLOW;
		np = 0;
	}
	hc->parents = (uint32_t)t->nr_parent_ids;
	hc->nr_parents = np;
	for (unsigned k = 0; k < np; k++) {
		ALLOC_GROW(t->parent_ids, t->nr_parent_ids,
			   t->alloc_parent_ids);
		git_oid_cpy(&t->parent_ids[t->nr_parent_ids++],
			    git_commit_parent_id(c, k));
	}
}

/* Commits from the starts in depth-first order, so that a commit is
 * mostly followed by its first parent, whose trees the next diff reads
 * again. */
static void walk_from(struct history *h, const struct pending *starts,
		      size_t n, unsigned flags)
{
	struct history_table *t = &h->t;
	struct pending *stack = NULL;
	size_t nr = 0, alloc = 0;

	for (size_t i = n; i-- > 0;) {
		ALLOC_GROW(stack, nr, alloc);
		stack[nr++] = starts[i];
	}
	while (nr) {
		struct pending p = stack[--nr];
		git_commit *c;
		int is_new;
		uint32_t ci = history_table_commit(t, &p.id, &is_new);

		if (!is_new)
			continue;
		if (git_commit_lookup(&c, h->repo, &p.id)) {
			t->commits[ci].flags = flags | HISTORY_COMMIT_MISSING;
			missing_commit(h, &p);
			continue;
		}
		record(h, c, ci, flags);
		/* first parent on top: walked next */
		for (uint32_t k = t->commits[ci].nr_parents; k-- > 0;) {
			ALLOC_GROW(stack, nr, alloc);
			git_oid_cpy(&stack[nr].id, git_commit_parent_id(c, k));
			stack[nr].child = ci;
			stack[nr++].tip = NULL;
		}
		git_commit_free(c);
	}
	free(stack);
}

int history_keeps(struct history *h, const struct history_name *name,
		  int is_dir)
{
	struct history_name *nm = (struct history_name *)name;

	if (!(nm->flags & HISTORY_NAME_JUDGED)) {
		nm->flags |= HISTORY_NAME_JUDGED;
		if (h->o->excludes && glob_any(h->o->excludes, nm->str))
			nm->flags |= HISTORY_NAME_EXCLUDED;
		if (!is_dir && h->o->shard && h->o->shard->count) {
			struct strbuf key = STRBUF_INIT;

			report_file_path(h->root, nm->str, &key);
			if (!shard_keeps(h->o->shard, key.buf))
				nm->flags |= HISTORY_NAME_OTHER_SHARD;
			strbuf_release(&key);
		}
	}
	if (nm->flags & (HISTORY_NAME_EXCLUDED | HISTORY_NAME_OTHER_SHARD)) {
		if (!(nm->flags & HISTORY_NAME_NOTED)) {
			nm->flags |= HISTORY_NAME_NOTED;
			if (nm->flags & HISTORY_NAME_EXCLUDED)
				h->prep.stats.files_skipped_excluded++;
			else
				h->prep.stats.files_skipped_shard++;
		}
		return 0;
	}
	return 1;
}

/* Something a commit holds that is not scanned, counted once a path:
 * a symbolic link (its blob is the link's target), a submodule. */
static void note_once(struct differ *d, const struct history_name *name,
		      const git_tree_entry *en)
{
	struct history_name *nm = (struct history_name *)name;
	char hex[GIT_OID_HEXSZ + 1];
	struct strbuf where = STRBUF_INIT;

	if (nm->flags & HISTORY_NAME_NOTED)
		return;
	nm->flags |= HISTORY_NAME_NOTED;
	if (git_tree_entry_filemode(en) == GIT_FILEMODE_LINK) {
		d->h->prep.stats.files_skipped_links++;
		return;
	}
	d->h->facts->gitlinks++;
	git_oid_tostr(hex, sizeof(hex), git_tree_entry_id(en));
	report_file_path(d->h->root, nm->str, &where);
	report_add_notice(&d->h->prep, where.buf, "submodule (gitlink to "
			  "commit %.12s): noted, not followed; scan its "
			  "repository on its own", hex);
	strbuf_release(&where);
}

/* The entry named like en in parent tree p: mostly at the same index. */
static const git_tree_entry *same_name(const git_tree *p, size_t i,
				       const char *name)
{
	const git_tree_entry *pe = i < git_tree_entrycount(p) ?
				   git_tree_entry_byindex(p, i) : NULL;

	if (pe && !strcmp(git_tree_entry_name(pe), name))
		return pe;
	return git_tree_entry_byname(p, name);
}

static void diff_tree(struct differ *d, const git_tree *t,
		      git_tree *const *ps, size_t np);

/* Enter subtree en of t, with the parents' trees at the same path. */
static void diff_subtree(struct differ *d, const git_tree_entry *en,
			 const git_oid *const *pids, size_t np)
{
	git_tree *few[FEW_PARENTS], **ps = np > FEW_PARENTS ?
		   xcalloc(np, sizeof(*ps)) : few;
	git_tree *sub;
	size_t n = 0;

	if (git_tree_lookup(&sub, d->h->repo, git_tree_entry_id(en))) {
		struct strbuf what = STRBUF_INIT;
		char hex[GIT_OID_HEXSZ + 1];

		struct strbuf where = STRBUF_INIT;

		git_oid_tostr(hex, sizeof(hex),
			      &d->h->t.commits[d->commit].id);
		strbuf_addf(&what, "tree in commit %.12s", hex);
		report_file_path(d->h->root, d->path.buf, &where);
		missing(d->h, git_tree_entry_id(en), what.buf, where.buf);
		strbuf_release(&what);
		strbuf_release(&where);
		if (ps != few)
			free(ps);
		return;
	}
	for (size_t k = 0; k < np; k++)
		if (!git_tree_lookup(&ps[n], d->h->repo, pids[k]))
			n++;
	strbuf_addch(&d->path, '/');
	diff_tree(d, sub, ps, n);
	for (size_t k = 0; k < n; k++)
		git_tree_free(ps[k]);
	git_tree_free(sub);
	if (ps != few)
		free(ps);
}

static void diff_tree(struct differ *d, const git_tree *t,
		      git_tree *const *ps, size_t np)
{
	size_t n = git_tree_entrycount(t), base = d->path.len;
	const git_oid *few[FEW_PARENTS], **pids = np > FEW_PARENTS ?
		xcalloc(np, sizeof(*pids)) : few;

	for (size_t i = 0; i < n; i++) {
		const git_tree_entry *en = git_tree_entry_byindex(t, i);
		const char *name = git_tree_entry_name(en);
		const git_oid *id = git_tree_entry_id(en);
		git_object_t type = git_tree_entry_type(en);
		const struct history_name *nm;
		size_t npids = 0;
		int same = 0;

		for (size_t k = 0; k < np && !same; k++) {
			const git_tree_entry *pe = same_name(ps[k], i, name);

			if (!pe || git_tree_entry_type(pe) != type)
				continue;
			if (git_oid_equal(git_tree_entry_id(pe), id))
				same = 1;
			else if (type == GIT_OBJECT_TREE)
				pids[npids++] = git_tree_entry_id(pe);
		}
		if (same)
			continue;
		strbuf_setlen(&d->path, base);
		strbuf_addstr(&d->path, name);
		nm = history_table_name(&d->h->t, d->path.buf, d->path.len);
		if (type == GIT_OBJECT_TREE) {
			if (history_keeps(d->h, nm, 1))
				diff_subtree(d, en, pids, npids);
		} else if (type == GIT_OBJECT_BLOB &&
			   git_tree_entry_filemode(en) != GIT_FILEMODE_LINK) {
			if (history_keeps(d->h, nm, 0))
				history_table_introduce(&d->h->t, id, nm,
							d->commit);
		} else {
			note_once(d, nm, en);
		}
	}
	strbuf_setlen(&d->path, base);
	if (pids != few)
		free(pids);
}

/* Is commit c's committer date within --since and --until? */
static int in_dates(const struct history *h, const struct history_commit *c)
{
	return (!h->o->since_t || c->ctime >= h->o->since_t) &&
	       (!h->o->until_t || c->ctime <= h->o->until_t);
}

/* What commit ci introduced, against each parent the walk has. */
static void diff_commit(struct differ *d, uint32_t ci)
{
	struct history_table *t = &d->h->t;
	struct history_commit *c = &t->commits[ci];
	git_tree *few[FEW_PARENTS], **ps = c->nr_parents > FEW_PARENTS ?
		   xcalloc(c->nr_parents, sizeof(*ps)) : few;
	git_tree *tree;
	size_t n = 0;
	char hex[GIT_OID_HEXSZ + 1];

	if (git_tree_lookup(&tree, d->h->repo, &c->tree)) {
		git_oid_tostr(hex, sizeof(hex), &c->id);
		strbuf_reset(&d->path);
		strbuf_addf(&d->path, "root tree of commit %.12s", hex);
		missing(d->h, &c->tree, d->path.buf, "history");
		strbuf_reset(&d->path);
		if (ps != few)
			free(ps);
		return;
	}
	for (uint32_t k = 0; k < c->nr_parents; k++) {
		uint32_t p = history_table_find_commit(
			t, &t->parent_ids[c->parents + k]);

		/* a parent the repository lacks was noticed already */
		if (p != HISTORY_NONE &&
		    !(t->commits[p].flags & HISTORY_COMMIT_MISSING) &&
		    !git_tree_lookup(&ps[n], d->h->repo,
				     &t->commits[p].tree))
			n++;
	}
	d->commit = ci;
	strbuf_reset(&d->path);
	diff_tree(d, tree, ps, n);
	for (size_t k = 0; k < n; k++)
		git_tree_free(ps[k]);
	git_tree_free(tree);
	if (ps != few)
		free(ps);
}

void history_walk(struct history *h)
{
	struct history_table *t = &h->t;
	struct differ d = { h, 0, STRBUF_INIT };
	size_t n = h->nr_hide > h->nr_tips ? h->nr_hide : h->nr_tips;
	struct pending *starts = xcalloc(n ? n : 1, sizeof(*starts));

	for (size_t i = 0; i < h->nr_hide; i++) {
		git_oid_cpy(&starts[i].id, &h->hide[i]);
		starts[i].child = HISTORY_NONE;
		starts[i].tip = h->o->range;
	}
	walk_from(h, starts, h->nr_hide, HISTORY_COMMIT_HIDDEN);
	for (size_t i = 0; i < h->nr_tips; i++) {
		git_oid_cpy(&starts[i].id, &h->tips[i].id);
		starts[i].child = HISTORY_NONE;
		starts[i].tip = h->tips[i].name;
	}
	walk_from(h, starts, h->nr_tips, 0);
	free(starts);
	for (size_t i = 0; i < t->nr_commits; i++) {
		struct history_commit *c = &t->commits[i];

		if (c->flags & (HISTORY_COMMIT_HIDDEN |
				HISTORY_COMMIT_MISSING) || !in_dates(h, c))
			continue;
		c->flags |= HISTORY_COMMIT_SCANNED;
		h->facts->commits++;
		diff_commit(&d, (uint32_t)i);
	}
	strbuf_release(&d.path);
}
