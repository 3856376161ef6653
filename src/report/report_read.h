/* report_read.h - read a JSON report (report_json.c's output) back into a
 * struct report: for --baseline, and for merging shard reports.
 * Findings whose rule is not in rs cannot be held (a finding borrows its
 * rule) and become notices instead, so nothing is dropped silently.
 * Ownership: what is read belongs to the struct report (report_release);
 * a struct report_run owns its strings (report_run_release). */
#ifndef AUTHAUDIT_REPORT_READ_H
#define AUTHAUDIT_REPORT_READ_H

#include <time.h>

#include "core/report.h"
#include "core/rule.h"
#include "lib/err.h"

/* What a report says of its run beside what goes into a struct report. */
struct report_run {
	char *command;		/* scan.command */
	char *profile;		/* scan.profile */
	char *shard;		/* scan.shard ("2/3"); NULL: not a shard */
	struct timespec start, end;	/* {0, 0} when absent */
	int used_baseline;	/* it suppressed or listed stale entries */
	unsigned long redacted;	/* secrets known by their redaction only
				 * (written without --show-secrets) */
	unsigned long unkeyed_v1;	/* schema 1.x findings whose secret
					 * is known by its plain SHA-256
					 * only: they cannot be rekeyed */
};

/* Targets, findings, notices, endpoints' facts and every count of the
 * report at path are added to out, which must be report_init()ed; errors
 * name path:line:column (a malformed report, a schema other than 1.x). */
int report_read_json(const char *path, const struct ruleset *rs,
		     struct report *out, struct err *e);
/* The same, plus the run's facts into run and its stale baseline entries
 * into out->stale; a finding of a rule not in rs is an error here, as a
 * merged report must not lose it. run is zeroed first. A schema 1.x
 * report's findings with their raw secret (written with --show-secrets)
 * get the keyed hash and fingerprint a run of this version gives them;
 * those with a redacted secret only are counted in run->unkeyed_v1
 * (merge refuses them) and rekeyed by finding_rekey_v1(). */
int report_read_run(const char *path, const struct ruleset *rs,
		    struct report *out, struct report_run *run,
		    struct err *e);
void report_run_release(struct report_run *run);

#endif
