/* history_internal.h - what the stages of a history scan share (see
 * history.h for the flow). Nothing outside src/history*.c includes this
 * header, so libgit2 stays behind it.
 */
#ifndef AUTHAUDIT_HISTORY_INTERNAL_H
#define AUTHAUDIT_HISTORY_INTERNAL_H

#include <git2.h>
#include <pthread.h>

#include "history.h"
#include "history_packread.h"
#include "history_table.h"

/* A commit walked from: a ref's tip (--branch as given, a ref's full
 * name, "HEAD", "stash@{2}") or a range's end. */
struct history_tip {
	char *name;
	git_oid id;
};

struct history {
	const struct history_opts *o;
	git_repository *repo;
	char *root;			/* what findings name as their root;
					 * NULL: the current directory */
	struct history_tip *tips;
	size_t nr_tips, alloc_tips;
	git_oid *hide;			/* a range's start: walked, hidden */
	size_t nr_hide, alloc_hide;
	git_oid *shallow;		/* a shallow clone's boundary, sorted */
	size_t nr_shallow;
	struct history_table t;
	struct history_packs *packs;	/* mapped by history_pack_order */
	uint32_t *order;		/* blob indexes in reading order */
	size_t nr_order;
	struct report prep;		/* the walk's notices and counts */
	struct report_history *facts;	/* moved to the run's report */
	pthread_t tid;
	int threaded;			/* tid is a thread to join */
	int prepared;			/* the walk is done */
};

/* history_refs.c: open o->path, fill h's root, tips, hide, shallow and
 * facts; -1 with e set when that is not a repository or a ref, the range
 * or the index cannot be resolved. */
int history_refs_open(struct history *h, struct err *e);
void history_refs_release(struct history *h);
/* Is id a shallow clone's boundary commit (its parents absent)? */
int history_is_shallow(const struct history *h, const git_oid *id);

/* history_walk.c: the commits from h's tips (less those of h->hide) and
 * what each introduced, into h->t; notices and counts into h->prep. */
void history_walk(struct history *h);
/* history_walk.c: whether path (relative) is kept: not --exclude'd, and
 * the shard's (one answer per name, cached in its flags). */
int history_keeps(struct history *h, const struct history_name *name,
		  int is_dir);
/* history_staged.c: the index entries that differ from HEAD's tree. */
void history_walk_staged(struct history *h);
/* history_tips.c: mark the pairs that each tip's tree holds. */
void history_tips_mark(struct history *h);
/* history_pack.c: h->packs opened, and h->order, every blob once, in
 * the order of the packs that hold them (delta bases just read are
 * reused), loose ones last; each blob's order is where it sits
 * (history_packread.h), HISTORY_PACK_NOWHERE for a loose one. */
void history_pack_order(struct history *h);

/* history_blob.c: scan every blob of h->order on a pool of threads. */
struct history_hit {
	uint32_t commit;		/* the pair's commit; HISTORY_NONE:
					 * staged */
	uint32_t ordinal;		/* how many findings of this
					 * fingerprint came before it in
					 * this blob */
	int at_tip;			/* its pair is at a scanned tip */
};

struct history_found {
	struct finding_list findings;
	struct history_hit *hits;	/* one per finding, in its order */
	size_t nr_hits, alloc_hits;
};

void history_blobs_scan(struct history *h, const struct scan_engine *eng,
			struct history_found *out, struct report *r);


#endif
