/* history.h - git history as a target of the source rules: every blob
 * the commits of a repository introduced (--history, --range) or that
 * `git add` staged (--staged), each unique blob scanned once, and every
 * finding attributed to the commit that introduced its blob at its path
 * (finding.h's struct finding_commit).
 *
 * One stage a file, in the order data flows:
 *   history_refs.c   open the repository; resolve refs, range, index
 *   history_walk.c   the commits and their n-way tree diffs -> table
 *   history_tips.c   which (blob, path) pairs the scanned tips hold
 *   history_pack.c   the order to read blobs in: the packs' own
 *   history_blob.c   read and scan the blobs on a pool of threads
 *   history.c        one finding per rule, path, secret and occurrence,
 *                    the earliest commit kept; presence at the tips
 * libgit2 reads the object database directly (packs, loose objects,
 * alternates); no git process runs.
 *
 * Ownership: history_open() returns a struct history that owns the
 * repository handle and all it learns; history_free() frees it. The
 * options (and the lists they point to) must outlive it.
 */
#ifndef AUTHAUDIT_HISTORY_H
#define AUTHAUDIT_HISTORY_H

#include <stddef.h>

#include "core/report.h"
#include "lib/err.h"
#include "lib/strlist.h"
#include "scan/scan.h"

struct shard;

enum history_mode {
	HISTORY_ALL,		/* --history: every ref, or --branch's */
	HISTORY_RANGE,		/* --range A..B: what B's commits not in A
				 * introduced */
	HISTORY_STAGED		/* --staged: the index against HEAD */
};

struct history_opts {
	const char *path;		/* the repository; "." by default */
	enum history_mode mode;
	const struct strlist *branches;	/* --branch; empty: every ref */
	const char *range;		/* --range */
	const char *since, *until;	/* as given, or NULL */
	long long since_t, until_t;	/* parsed: committer date bounds */
	const struct strlist *excludes;	/* --exclude, on paths */
	unsigned long long max_file_size;
	unsigned threads;		/* 0: one per core */
	int inline_allow;
	int progress;			/* a progress line on stderr */
	const struct shard *shard;	/* --shard, by path; NULL: all */
};

struct history;

/* Open the repository at o->path and resolve its refs, range or index:
 * -1 with e set when it is not a repository or a ref does not resolve
 * (exit status 2: before any rule loads). */
int history_open(struct history **out, const struct history_opts *o,
		 struct err *e);
/* Walk the commits and diff their trees on a thread of its own, while
 * the rules load (history_scan() waits for it). */
void history_start(struct history *h);
/* Scan what the walk found into r (findings, counts, notices and
 * r->history). Returns how many blobs were read and scanned, plus those
 * left to other shards; 0 is exit status 3 only for --history (an empty
 * range, or nothing staged, is clean). */
size_t history_scan(struct history *h, const struct scan_engine *eng,
		    struct report *r);
/* May nothing to scan be clean (a range, the index)? */
int history_may_be_empty(const struct history *h);
void history_free(struct history *h);

/* --since and --until: "2024-03-01" (UTC; its first second, or with
 * end_of_day its last), "2024-03-01T10:00:00" with "Z" or "+01:00" (UTC
 * without), "@1709287200" (seconds since 1970), or a duration before
 * now: "90d", "12h" (duration.h). -1 with e set when s is none of them. */
int history_parse_date(const char *s, long long now, int end_of_day,
		       long long *out, struct err *e);

#endif
