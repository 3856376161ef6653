/* ignore.h - `.authauditignore`: findings a team reviewed and set aside,
 * one fingerprint (the JSON report's `fingerprint`) a line with an
 * optional `# comment`; and the repository config's allow.paths. Both are
 * applied like a baseline: the findings go, counted in
 * r->stats.suppressed_ignored.
 * Ownership: an ignore_list owns its fingerprints; paths are borrowed.
 * ignore_release() frees what it owns. */
#ifndef AUTHAUDIT_IGNORE_H
#define AUTHAUDIT_IGNORE_H

#include "core/report.h"
#include "lib/err.h"
#include "lib/strlist.h"

#define IGNORE_FILE_NAME ".authauditignore"

struct ignore_list {
	struct strlist fingerprints;	/* sorted, lower-case hex */
	const struct strlist *paths;	/* globs; NULL: none */
};

/* Read the ignore file at path; a line that is not a fingerprint is an
 * error at its file:line:column. */
int ignore_load(struct ignore_list *ig, const char *path, struct err *e);
/* Remove r's findings whose fingerprint ig lists or whose path one of its
 * globs matches. */
void ignore_apply(const struct ignore_list *ig, struct report *r);
void ignore_release(struct ignore_list *ig);

#endif
