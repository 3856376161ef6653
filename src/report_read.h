/* report_read.h - read a JSON report (report_json.c's output) back into a
 * struct report: for --baseline, and for merging shard reports.
 * Findings whose rule is not in rs cannot be held (a finding borrows its
 * rule) and become notices instead, so nothing is dropped silently. */
#ifndef AUTHAUDIT_REPORT_READ_H
#define AUTHAUDIT_REPORT_READ_H

#include "err.h"
#include "report.h"
#include "rule.h"

/* out must be report_init()ed; errors name path:line:column. */
int report_read_json(const char *path, const struct ruleset *rs,
		     struct report *out, struct err *e);

#endif
