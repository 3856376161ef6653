/* audit_run.h - run what an audit config declares into one report: each
 * source tree scanned under its profile, every endpoint probed, every
 * token judged, expiring certificates and tokens listed.
 *
 * Ownership: borrows the config, ruleset and report; r->audit must be
 * allocated (it receives the expiring items).
 */
#ifndef AUTHAUDIT_AUDIT_RUN_H
#define AUTHAUDIT_AUDIT_RUN_H

#include "audit_config.h"
#include "core/report.h"
#include "core/rule.h"
#include "lib/err.h"

struct shard;

struct audit_run_opts {
	unsigned threads;		/* scan threads; 0: one per core */
	int progress;			/* progress lines on stderr */
	const char *output_dir;		/* the reports: never scanned */
	const struct shard *shard;	/* --shard: files by path, endpoints
					 * by scheme://host:port, tokens and
					 * auth targets by entry; NULL: all */
};

/* Every profile the config names exists; e at the config otherwise. */
int audit_check_profiles(const struct audit_config *c,
			 const struct ruleset *rs, struct err *e);
/* Returns how many files, endpoints and tokens could be checked (0:
 * nothing, exit status 3), or -1 with e set. */
long audit_run(const struct audit_config *c, const struct ruleset *rs,
	       const struct audit_run_opts *o, struct report *r,
	       struct err *e);

#endif
