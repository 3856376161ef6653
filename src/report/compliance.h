/* compliance.h - the guideline matrix: for each profile of a report, each
 * statement of the catalogue (rule.h's struct statement) against each
 * target the profile judged, with a verdict and the findings behind it.
 *
 * A cell is `fail` when a finding of one of the statement's rules belongs
 * to the target; `error` when the statement's rules ran there but the
 * target could not be checked (an endpoint.probe-failed finding, a notice
 * about the target itself, a check of one of its rules that was skipped
 * or did not reach its port: report_target_untested); `pass` when its
 * rules ran there and found
 * nothing; `not-tested` when none of its rules runs against that kind of
 * target, the profile selects none of them, or it is a manual check.
 *
 * Ownership: a struct compliance owns its arrays; it borrows the report,
 * its ruleset and findings, which must outlive it.
 */
#ifndef AUTHAUDIT_COMPLIANCE_H
#define AUTHAUDIT_COMPLIANCE_H

#include <stddef.h>

#include "core/report.h"
#include "core/rule.h"

enum compliance_verdict {
	COMPLY_PASS,
	COMPLY_FAIL,
	COMPLY_NOT_TESTED,
	COMPLY_ERROR,
	COMPLY__COUNT
};

struct compliance_cell {
	enum compliance_verdict verdict;
	size_t *findings;	/* indices into report->findings */
	size_t nr_findings;
	char *why;		/* not-tested and error: one line */
};

/* One profile's matrix: rows are statements, columns targets. */
struct compliance_matrix {
	const struct profile *profile;
	const struct statement **statements;
	size_t nr_statements;
	size_t *targets;	/* indices into report->targets */
	size_t nr_targets;
	struct compliance_cell *cells;	/* row-major: statement, target */
	unsigned long count[COMPLY__COUNT];
};

struct compliance {
	struct compliance_matrix *matrices;	/* one per profile used, in
						 * the order targets name them */
	size_t nr;
};

/* "pass", "fail", "not-tested", "error". */
const char *compliance_verdict_name(enum compliance_verdict v);
void compliance_build(const struct report *r, struct compliance *c);
void compliance_release(struct compliance *c);
static inline const struct compliance_cell *
compliance_cell(const struct compliance_matrix *m, size_t row, size_t col)
{
	return &m->cells[row * m->nr_targets + col];
}
/* The statements of rs that list rule, into out (at most n); how many
 * there are (may exceed n). */
size_t compliance_statements_of(const struct ruleset *rs,
				const struct rule *rule,
				const struct statement **out, size_t n);

#endif
