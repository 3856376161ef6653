/* history_packread.h - a history scan's own reader of pack files: where
 * an object sits (the .idx, version 2) and its bytes (the .pack: whole
 * objects, OFS_DELTA and REF_DELTA chains), without libgit2, so that
 * reading blobs in pack order costs an inflate and one delta each
 * (git's Documentation/gitformat-pack.txt describes both files).
 *
 * It reads packs only: loose objects, other index versions and anything
 * it cannot resolve are libgit2's (history_blob.c falls back), so a
 * failure here is never a missing object, only a slower read.
 *
 * Ownership: history_packs_open() maps the packs; history_packs_free()
 * unmaps them. A history_pack_reader (one per thread) owns its inflater
 * and delta-base cache; what history_pack_reader_read() hands out is the
 * reader's and stays valid until its next read or its free.
 */
#ifndef AUTHAUDIT_HISTORY_PACKREAD_H
#define AUTHAUDIT_HISTORY_PACKREAD_H

#include <git2/oid.h>
#include <stddef.h>
#include <stdint.h>

/* Where an object sits: its pack's number << 48 | its offset there. */
#define HISTORY_PACK_NOWHERE UINT64_MAX

/* The pack object types (gitformat-pack.txt). */
enum history_pack_type {
	HISTORY_PACK_COMMIT = 1,
	HISTORY_PACK_TREE = 2,
	HISTORY_PACK_BLOB = 3,
	HISTORY_PACK_TAG = 4,
};

struct history_packs;
struct history_pack_reader;

/* The packs of objects/pack under `objects` and of its alternates (one
 * level). Never NULL: a repository without packs has none. Read-only
 * once open: several readers share it. */
struct history_packs *history_packs_open(const char *objects);
void history_packs_free(struct history_packs *ps);
/* Where id sits, or HISTORY_PACK_NOWHERE. */
uint64_t history_packs_find(const struct history_packs *ps, const git_oid *id);
/* How many objects the packs' indexes list, and the id of the n-th
 * (pack by pack, in the index's order): for tests that read them all. */
size_t history_packs_count(const struct history_packs *ps);
int history_packs_nth(const struct history_packs *ps, size_t n, git_oid *id);

/* cache: bytes of inflated delta bases the reader keeps (0: a default). */
struct history_pack_reader *history_pack_reader_new(
	const struct history_packs *ps, size_t cache);
void history_pack_reader_free(struct history_pack_reader *r);

enum history_pack_read {
	HISTORY_PACK_READ_OK = 0,
	HISTORY_PACK_READ_TOO_LARGE = 1,	/* over max: not inflated */
	HISTORY_PACK_READ_FAILED = -1,	/* damaged, or a base elsewhere */
};

/* The object at `where` (history_packs_find): its type and bytes in
 * *type, *data, *len. max (0: none) is the largest size inflated; a
 * larger object is HISTORY_PACK_READ_TOO_LARGE with its size in *len. */
int history_pack_reader_read(struct history_pack_reader *r, uint64_t where,
			     size_t max, int *type, const unsigned char **data,
			     size_t *len);

#endif
