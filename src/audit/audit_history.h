/* audit_history.h - an audit's report directory across runs: one
 * subdirectory per run, named by its UTC start (20261122T141500Z), a
 * `latest` link to the newest, the comparison of a run with the one
 * before it and the trend of earlier runs.
 *
 * Ownership: the functions fill caller-owned structs; names returned as
 * char * are the caller's to free.
 */
#ifndef AUTHAUDIT_AUDIT_HISTORY_H
#define AUTHAUDIT_AUDIT_HISTORY_H

#include <time.h>

#include "core/report.h"
#include "lib/err.h"

#define AUDIT_REPORT_BASE "authaudit"	/* dir/RUN/authaudit.json, ... */
#define AUDIT_TREND_MAX 30		/* earlier runs in the trend */

/* The names of dir's run subdirectories, oldest first. */
void audit_runs_list(const char *dir, struct strlist *runs);
/* Create the directory of a new run for start in dir and return its
 * name ("...Z-2" when a run of that second exists; mkdir decides, so two
 * audits at once never share one); NULL with e set when it cannot be
 * created. */
char *audit_run_create(const char *dir, time_t start, struct err *e);
/* The previous run's JSON report: latest's, else the newest run's; NULL
 * when there is none. */
char *audit_previous_report(const char *dir, const struct strlist *runs);
/* Mark each finding of r new or still open against prev, and move prev's
 * findings not seen again into r->audit->resolved. */
void audit_compare(struct report *r, struct report *prev);
/* The trend: the last AUDIT_TREND_MAX runs' severity counts. */
void audit_trend(const char *dir, const struct strlist *runs,
		 struct report_audit *a);
/* Certificates (the probe's "certificate expires" facts) that expire
 * within their target profile's cert_expiry_warning. */
void audit_expiring_certs(struct report *r);
/* The expiring tokens another audit report lists (its audit.expiring),
 * added to a: for an audit made of shard reports, whose certificates are
 * found again in the endpoint facts but whose tokens are not. */
void audit_read_expiring_tokens(const char *path, struct report_audit *a);
/* Add an expiring item to a (tokens, certificates). */
void audit_add_expiry(struct report_audit *a, const char *what,
		      const char *where, time_t expires, time_t now);
/* Point dir/latest at run, atomically (a link renamed into place). */
int audit_latest_update(const char *dir, const char *run, struct err *e);
/* Remove all but the newest keep runs (keep 0: remove none). */
void audit_prune(const char *dir, const struct strlist *runs, long keep);

#endif
