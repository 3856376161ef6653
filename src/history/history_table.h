/* history_table.h - what a history scan learns of a repository before it
 * reads a blob: the commits walked, each unique blob their changes held,
 * and each path a blob had with the commit that introduced it there.
 *
 * Everything is addressed by 32-bit index, so the tables stay compact on
 * a history of millions of objects; names (paths, authors) are interned
 * once in the table's arena and compared by pointer.
 *
 * Ownership: a history_table owns everything in it, names included;
 * history_table_release() frees it all. Filled by one thread, then only
 * read (the blob workers read it from several threads).
 */
#ifndef AUTHAUDIT_HISTORY_TABLE_H
#define AUTHAUDIT_HISTORY_TABLE_H

#include <git2/oid.h>
#include <stddef.h>
#include <stdint.h>

#define HISTORY_NONE UINT32_MAX
/* A pair's commit that is none: staged (HISTORY_NONE), or HEAD's blob
 * a staged change replaces (HISTORY_BASE: what it held is not new). */
#define HISTORY_BASE (UINT32_MAX - 1)
#define HISTORY_IS_COMMIT(c) ((c) < HISTORY_BASE)

/* An interned name with what a scan decided about it once. */
struct history_name {
	unsigned flags;			/* HISTORY_NAME_* */
	uint32_t cls;			/* paths whose rules agree share one
					 * (history_blob.c); HISTORY_NONE:
					 * not worked out */
	char str[];			/* NUL-terminated */
};

enum history_name_flag {
	HISTORY_NAME_JUDGED = 1 << 0,	/* the flags below are set */
	HISTORY_NAME_EXCLUDED = 1 << 1,	/* --exclude matches it */
	HISTORY_NAME_OTHER_SHARD = 1 << 2,	/* --shard leaves it */
	HISTORY_NAME_NOTED = 1 << 3,	/* counted or noticed already */
};

enum history_commit_flag {
	HISTORY_COMMIT_HIDDEN = 1 << 0,	/* reachable from a range's start */
	HISTORY_COMMIT_SCANNED = 1 << 1,	/* its changes are scanned */
	HISTORY_COMMIT_SHALLOW = 1 << 2,	/* a shallow clone's boundary:
						 * its parents are absent */
	HISTORY_COMMIT_MISSING = 1 << 3,	/* the repository lacks it */
};

struct history_commit {
	git_oid id, tree;
	const struct history_name *author, *email;
	long long time;			/* author date */
	long long ctime;		/* committer date (--since, --until) */
	int offset;			/* author's zone, minutes east */
	unsigned flags;			/* HISTORY_COMMIT_* */
	uint32_t parents, nr_parents;	/* parent_ids[parents ...] */
};

/* One path a blob had, and the commit that put it there first. */
struct history_path {
	const struct history_name *path;
	uint32_t commit;		/* or HISTORY_NONE, HISTORY_BASE */
	uint32_t next;			/* the blob's next path */
	int at_tip;			/* there at a scanned ref's tip */
};

struct history_blob {
	git_oid id;
	uint32_t first;			/* its first path; HISTORY_NONE */
	uint32_t nr_paths;
	uint64_t order;			/* where it sits in the packs */
};

/* oid (with a tag: 0, or a name's address) -> index. */
struct history_map {
	struct history_map_slot *slots;
	size_t nr, mask;
};

struct history_table {
	struct history_commit *commits;
	size_t nr_commits, alloc_commits;
	git_oid *parent_ids;
	size_t nr_parent_ids, alloc_parent_ids;
	struct history_blob *blobs;
	size_t nr_blobs, alloc_blobs;
	struct history_path *paths;
	size_t nr_paths, alloc_paths;
	struct history_map commit_map, blob_map;
	/* interned names: a hash set of pointers into arena blocks */
	struct history_name **names;
	size_t nr_names, names_mask;
	char *arena;			/* the current block; linked */
	size_t arena_used, arena_size;
};

void history_table_init(struct history_table *t);
void history_table_release(struct history_table *t);

/* The name s[0..n) interned (added when new). */
const struct history_name *history_table_name(struct history_table *t,
					      const char *s, size_t n);
/* The commit's index, added (zeroed but for its id) when new; *is_new
 * says which. */
uint32_t history_table_commit(struct history_table *t, const git_oid *id,
			      int *is_new);
/* The commit's index, or HISTORY_NONE when it was not walked. */
uint32_t history_table_find_commit(const struct history_table *t,
				   const git_oid *id);
/* Blob id was at path in commit c (HISTORY_NONE: staged): a new pair,
 * or an earlier commit for a pair seen before (by author date, then
 * committer date, then id: the same answer whatever the walk's order).
 * Returns the blob's index. */
uint32_t history_table_introduce(struct history_table *t, const git_oid *id,
				 const struct history_name *path, uint32_t c);
/* The blob's index, or HISTORY_NONE. */
uint32_t history_table_find_blob(const struct history_table *t,
				 const git_oid *id);
/* The pair (blob b, path), or NULL. */
struct history_path *history_table_pair(struct history_table *t, uint32_t b,
					const struct history_name *path);

/* A set of (oid, tag) for walks that visit a tree once. */
void history_map_init(struct history_map *m);
void history_map_release(struct history_map *m);
/* 1 when (id, tag) was there already, else it is added: 0. */
int history_map_visit(struct history_map *m, const git_oid *id,
		      uintptr_t tag);

#endif
