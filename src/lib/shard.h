/* shard.h - `--shard I/N`: one deterministic share of a run's work, so N
 * jobs (a CI matrix, a Kubernetes Indexed Job) split an estate with no
 * scheduler of ours, and `authaudit merge` puts the reports together.
 *
 * A key (a scan file's root and path, a probe endpoint's scheme, host and
 * port) belongs to shard 1 + h(key) mod N, where h is FNV-1a 64 over the
 * key's bytes finished by MurmurHash3's fmix64 (so that every bit of the
 * key reaches the low bits); docs/sharding.md. The answer depends on the
 * key alone: never on threads, machine or walk order.
 *
 * Ownership: struct shard and struct shard_set are plain values; nothing
 * to release.
 */
#ifndef AUTHAUDIT_SHARD_H
#define AUTHAUDIT_SHARD_H

#include <stddef.h>
#include <stdint.h>

#include "err.h"
#include "strbuf.h"

#define SHARD_MAX 1024		/* the largest N */
#define SHARD_NAME_MAX 16	/* "1024/1024" and its NUL */

/* Shard index of count, 1-based. {0, 0} is no shard: it keeps all. */
struct shard {
	unsigned index;
	unsigned count;
};

#define SHARD_NONE { 0, 0 }

/* "2/4" -> {2, 4}; -1 with e saying what is wrong ("--shard takes I/N
 * with 1 <= I <= N, e.g. 2/4"), "" too (an unset variable). NULL (no
 * option) gives SHARD_NONE. */
int shard_parse(const char *s, struct shard *out, struct err *e);
/* Does shard s keep key? Always when s is NULL or no shard. */
int shard_keeps(const struct shard *s, const char *key);
/* The shard of count (1..count) key belongs to. */
unsigned shard_of(const char *key, unsigned count);
/* The 64-bit hash behind shard_of(). */
uint64_t shard_hash(const char *key);
/* "2/4" into buf (at least SHARD_NAME_MAX), "" for no shard. */
void shard_name(const struct shard *s, char *buf, size_t n);

/* Which shards of one split a set of reports holds, and how often: for
 * `authaudit merge`, to tell a complete set from one that lacks or
 * repeats a shard. */
struct shard_set {
	unsigned count;			/* N; 0 while empty */
	unsigned char times[SHARD_MAX + 1];	/* [i]: shard i held, times
						 * (stops at 255) */
};

enum shard_pick { SHARD_HELD, SHARD_MISSING, SHARD_REPEATED };

void shard_set_init(struct shard_set *set);
/* Parse a report's "shard" field: "2/4", or the shards a partial merge
 * holds, "1-2,4/5" (ascending). -1 with e set when malformed. */
int shard_set_parse(const char *s, struct shard_set *out, struct err *e);
/* Add the shards of src to set: -1 when they are of another N. */
int shard_set_add(struct shard_set *set, const struct shard_set *src);
/* Does set hold every shard of src already? */
int shard_set_covers(const struct shard_set *set,
		     const struct shard_set *src);
/* Is every shard held exactly once? */
int shard_set_complete(const struct shard_set *set);
/* The picked shards as "1-2,4/5" (appended); nothing when none is. */
void shard_set_name(const struct shard_set *set, enum shard_pick pick,
		    struct strbuf *out);

#endif
