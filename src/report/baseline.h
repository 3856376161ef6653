/* baseline.h - --baseline: findings already accepted in an earlier JSON
 * report are suppressed, matched by fingerprint (rule, path or URL, and
 * the secret's hash or the matched text; never the line number), and the
 * entries no longer found are listed as stale. Ownership: a baseline owns
 * the report it read; baseline_release() frees it. */
#ifndef AUTHAUDIT_BASELINE_H
#define AUTHAUDIT_BASELINE_H

#include "core/report.h"
#include "core/rule.h"
#include "lib/err.h"

struct baseline {
	struct report old;
};

int baseline_load(struct baseline *b, const char *path,
		  const struct ruleset *rs, struct err *e);
/* Remove r's findings that the baseline holds (counting them in
 * r->stats.suppressed_baseline); move the baseline's unmatched entries to
 * r->stale and its notices (entries whose rule is not loaded) to r. */
void baseline_apply(struct baseline *b, struct report *r);
void baseline_release(struct baseline *b);

#endif
