/* scan_run.h - a whole scan: walk the roots, scan the files on a pool of
 * threads, gather findings, counts and notices into a report.
 * Ownership: scan_run() and scan_walk_abandon() free the scan_walk. */
#ifndef AUTHAUDIT_SCAN_RUN_H
#define AUTHAUDIT_SCAN_RUN_H

#include "scan.h"
#include "core/report.h"

struct shard;

struct scan_run_opts {
	const struct strlist *roots;
	const struct strlist *excludes;
	unsigned long long max_file_size;
	unsigned threads;		/* 0: one per core */
	int inline_allow;
	int progress;			/* draw a progress line on stderr */
	const struct shard *shard;	/* --shard; NULL: every file */
	const char *skip_dir;		/* never entered; NULL: none */
	int no_ignore;			/* --no-ignore: git's ignore rules
					 * off (walk_ignore.h) */
};

/* The walk of o's roots, in a thread of its own: started as soon as the
 * command line is read, it goes on while the rules load. o must outlive
 * it. */
struct scan_walk;
struct scan_walk *scan_walk_start(const struct scan_run_opts *o);
/* Stop and free a walk that will not be scanned (a rule error). */
void scan_walk_abandon(struct scan_walk *wk);

/* Scan the files wk finds on a pool of threads, then free wk. Returns how
 * many files were scanned, plus those the walk left to other shards (0:
 * nothing could be, exit status 3, and a notice says so: a shard whose
 * share is empty is not that); everything else goes into r. */
size_t scan_run(struct scan_walk *wk, const struct scan_engine *eng,
		struct report *r);

#endif
