/* history_walk.c - the second stage of a history scan (history.h): walk
 * the commits from the tips, then diff each commit's tree against all
 * of its parents' at once. A blob is introduced by a commit at a path
 * when no parent holds that blob at that path: a merge introduces only
 * what it resolved itself, never what its branches brought. A subtree
 * that any parent holds unchanged is not entered, so a commit costs the
 * trees along the paths it changed, not its whole tree.
 *
 * The diffs run on a pool of threads, each with a repository handle of
 * its own (its own object cache), over runs of commits in walk order;
 * what they find is recorded as events, replayed into the table in
 * commit order by one thread, so that the table, the counts and the
 * notices are the same whatever the number of threads.
 *
 * The walk is our own rather than git_revwalk, so that a commit or tree
 * the repository lacks (a partial or damaged clone) is a notice naming
 * it and the walk goes on, and a shallow clone's boundary commits are
 * diffed against nothing, as their parents were never fetched.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "history_internal.h"
#include "lib/glob.h"
#include "lib/shard.h"
#include "lib/strbuf.h"
#include "lib/xalloc.h"

/* Parents of a merge compared without a heap allocation: octopus merges
 * beyond this many parents take one. */
#define FEW_PARENTS 8

/* Commits a diff worker takes at once: long enough that consecutive
 * commits (a commit and its first parent) share their trees in the
 * worker's cache. */
#define DIFF_RUN 256

/* What a diff found, replayed into the table in order (replay()). */
enum event_kind {
	EV_BLOB,			/* id introduced at name */
	EV_DIR_EXCLUDED,		/* name, a directory, not entered */
	EV_NOTE,			/* name is a link or gitlink (mode) */
	EV_MISSING,			/* id missing: what (name), where */
};

struct event {
	enum event_kind kind;
	unsigned mode;
	uint32_t commit;
	git_oid id;
	size_t name, where;		/* offsets in the run's strings */
	size_t name_len;
};

/* One run of commits: its events and their strings. */
struct diff_run {
	struct event *ev;
	size_t nr, alloc;
	struct strbuf str;
};

struct differ {
	struct history *h;
	git_repository *repo;		/* this worker's */
	struct diff_run *run;		/* where events go */
	uint32_t commit;
	struct strbuf path;
};

static struct event *event_add(struct differ *d, enum event_kind kind,
			       const git_oid *id, const char *name,
			       size_t len)
{
	struct diff_run *run = d->run;
	struct event *ev;

	ALLOC_GROW(run->ev, run->nr, run->alloc);
	ev = &run->ev[run->nr++];
	memset(ev, 0, sizeof(*ev));
	ev->kind = kind;
	ev->commit = d->commit;
	if (id)
		git_oid_cpy(&ev->id, id);
	ev->name = run->str.len;
	ev->name_len = len;
	strbuf_add(&run->str, name, len);
	strbuf_addch(&run->str, '\0');
	ev->where = ev->name;
	return ev;
}

/* A missing object found by a diff: replayed as missing() is. */
static void missing_later(struct differ *d, const git_oid *id,
			  const char *what, const char *where)
{
	struct event *ev = event_add(d, EV_MISSING, id, what, strlen(what));

	ev->where = d->run->str.len;
	strbuf_addstr(&d->run->str, where);
	strbuf_addch(&d->run->str, '\0');
}

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
static void note_once(struct history *h, const struct history_name *name,
		      unsigned mode, const git_oid *id)
{
	struct history_name *nm = (struct history_name *)name;
	char hex[GIT_OID_HEXSZ + 1];
	struct strbuf where = STRBUF_INIT;

	if (nm->flags & HISTORY_NAME_NOTED)
		return;
	nm->flags |= HISTORY_NAME_NOTED;
	if (mode == GIT_FILEMODE_LINK) {
		h->prep.stats.files_skipped_links++;
		return;
	}
	h->facts->gitlinks++;
	git_oid_tostr(hex, sizeof(hex), id);
	report_file_path(h->root, nm->str, &where);
	report_add_notice(&h->prep, where.buf, "submodule (gitlink to "
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

	if (git_tree_lookup(&sub, d->repo, git_tree_entry_id(en))) {
		struct strbuf what = STRBUF_INIT;
		char hex[GIT_OID_HEXSZ + 1];

		struct strbuf where = STRBUF_INIT;

		git_oid_tostr(hex, sizeof(hex),
			      &d->h->t.commits[d->commit].id);
		strbuf_addf(&what, "tree in commit %.12s", hex);
		report_file_path(d->h->root, d->path.buf, &where);
		missing_later(d, git_tree_entry_id(en), what.buf, where.buf);
		strbuf_release(&what);
		strbuf_release(&where);
		if (ps != few)
			free(ps);
		return;
	}
	for (size_t k = 0; k < np; k++)
		if (!git_tree_lookup(&ps[n], d->repo, pids[k]))
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
		if (type == GIT_OBJECT_TREE) {
			/* --exclude'd: not entered (counted at replay) */
			if (d->h->o->excludes &&
			    glob_any(d->h->o->excludes, d->path.buf))
				event_add(d, EV_DIR_EXCLUDED, NULL,
					  d->path.buf, d->path.len);
			else
				diff_subtree(d, en, pids, npids);
		} else if (type == GIT_OBJECT_BLOB &&
			   git_tree_entry_filemode(en) != GIT_FILEMODE_LINK) {
			event_add(d, EV_BLOB, id, d->path.buf, d->path.len);
		} else {
			event_add(d, EV_NOTE, id, d->path.buf, d->path.len)
				->mode = git_tree_entry_filemode(en);
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

	d->commit = ci;
	if (git_tree_lookup(&tree, d->repo, &c->tree)) {
		git_oid_tostr(hex, sizeof(hex), &c->id);
		strbuf_reset(&d->path);
		strbuf_addf(&d->path, "root tree of commit %.12s", hex);
		missing_later(d, &c->tree, d->path.buf, "history");
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
		    !git_tree_lookup(&ps[n], d->repo, &t->commits[p].tree))
			n++;
	}
	strbuf_reset(&d->path);
	diff_tree(d, tree, ps, n);
	for (size_t k = 0; k < n; k++)
		git_tree_free(ps[k]);
	git_tree_free(tree);
	if (ps != few)
		free(ps);
}

/* Replay a run's events into the table, in the order found. */
static void replay(struct history *h, struct diff_run *run)
{
	for (size_t i = 0; i < run->nr; i++) {
		const struct event *ev = &run->ev[i];
		const char *name = run->str.buf + ev->name;
		const struct history_name *nm;

		if (ev->kind == EV_MISSING) {
			missing(h, &ev->id, name, run->str.buf + ev->where);
			continue;
		}
		nm = history_table_name(&h->t, name, ev->name_len);
		if (ev->kind == EV_BLOB) {
			if (history_keeps(h, nm, 0))
				history_table_introduce(&h->t, &ev->id, nm,
							ev->commit);
		} else if (ev->kind == EV_DIR_EXCLUDED) {
			history_keeps(h, nm, 1);
		} else {
			note_once(h, nm, ev->mode, &ev->id);
		}
	}
	free(run->ev);
	strbuf_release(&run->str);
	memset(run, 0, sizeof(*run));
}

struct diff_pool {
	struct history *h;
	const uint32_t *commits;	/* those to diff, in walk order */
	size_t nr;
	struct diff_run *runs;		/* one per DIFF_RUN commits */
	atomic_size_t next;		/* the next run to take */
};

struct diff_worker {
	struct diff_pool *p;
	git_repository *repo;
	pthread_t tid;
	int running;
};

static void *diff_work(void *arg)
{
	struct diff_worker *w = arg;
	struct diff_pool *p = w->p;
	struct differ d = { p->h, w->repo, NULL, 0, STRBUF_INIT };

	for (;;) {
		size_t k = atomic_fetch_add(&p->next, 1), end;

		if (k * DIFF_RUN >= p->nr)
			break;
		end = (k + 1) * DIFF_RUN < p->nr ? (k + 1) * DIFF_RUN : p->nr;
		d.run = &p->runs[k];
		for (size_t i = k * DIFF_RUN; i < end; i++)
			diff_commit(&d, p->commits[i]);
	}
	strbuf_release(&d.path);
	return NULL;
}

/* Each diff worker's repository has an object cache of its own (up to
 * CACHE_TOTAL of trees, history.c), so their number is capped: memory
 * grows with it, and on curl's history two already halve the time. */
#define DIFF_THREADS_MAX 4

static unsigned diff_threads(const struct history *h)
{
	long n = h->o->threads ? (long)h->o->threads :
		 sysconf(_SC_NPROCESSORS_ONLN);

	return n < 1 ? 1 : n > DIFF_THREADS_MAX ? DIFF_THREADS_MAX :
	       (unsigned)n;
}

/* Diff every scanned commit on a pool of threads, then replay. */
static void diff_all(struct history *h)
{
	struct history_table *t = &h->t;
	struct diff_pool p = { 0 };
	unsigned nt = diff_threads(h);
	struct diff_worker *ws;
	uint32_t *commits = xcalloc(t->nr_commits ? t->nr_commits : 1,
				    sizeof(*commits));
	size_t nr_runs;

	for (size_t i = 0; i < t->nr_commits; i++)
		if (t->commits[i].flags & HISTORY_COMMIT_SCANNED)
			commits[p.nr++] = (uint32_t)i;
	nr_runs = (p.nr + DIFF_RUN - 1) / DIFF_RUN;
	if (nt > nr_runs)
		nt = nr_runs ? (unsigned)nr_runs : 1;
	p.h = h;
	p.commits = commits;
	p.runs = xcalloc(nr_runs ? nr_runs : 1, sizeof(*p.runs));
	ws = xcalloc(nt, sizeof(*ws));
	ws[0].p = &p;
	ws[0].repo = h->repo;
	/* the others with repositories of their own: libgit2's object
	 * cache is per repository and locked */
	for (unsigned i = 1; i < nt; i++) {
		ws[i].p = &p;
		if (git_repository_open(&ws[i].repo,
					git_repository_path(h->repo)))
			continue;
		ws[i].running = !pthread_create(&ws[i].tid, NULL, diff_work,
						&ws[i]);
	}
	diff_work(&ws[0]);
	for (unsigned i = 1; i < nt; i++) {
		if (ws[i].running)
			pthread_join(ws[i].tid, NULL);
		git_repository_free(ws[i].repo);
	}
	for (size_t k = 0; k < nr_runs; k++)
		replay(h, &p.runs[k]);
	free(p.runs);
	free(ws);
	free(commits);
}

void history_walk(struct history *h)
{
	struct history_table *t = &h->t;
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
	}
	diff_all(h);
}
