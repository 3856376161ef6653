/* scan_run.h - a whole scan: walk the roots, scan the files on a pool of
 * threads, gather findings, counts and notices into a report. */
#ifndef AUTHAUDIT_SCAN_RUN_H
#define AUTHAUDIT_SCAN_RUN_H

#include "report.h"
#include "scan.h"

struct scan_run_opts {
	const struct strlist *roots;
	const struct strlist *excludes;
	unsigned long long max_file_size;
	unsigned threads;		/* 0: one per core */
	int inline_allow;
	int progress;			/* draw a progress line on stderr */
};

/* Returns how many files were scanned (0: nothing could be, exit status
 * 3, and a notice says so); everything else goes into r. */
size_t scan_run(const struct scan_engine *eng, const struct scan_run_opts *o,
		struct report *r);

#endif
