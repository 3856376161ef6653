/* report_sarif.h - shared by the SARIF writer's two files: report_sarif.c
 * (the run, results, locations) and report_sarif_rule.c (the rule
 * descriptors). Not for other writers. */
#ifndef AUTHAUDIT_REPORT_SARIF_H
#define AUTHAUDIT_REPORT_SARIF_H

#include <jansson.h>
#include <stddef.h>

#include "core/report.h"

/* The rules the run used, in descriptor order. Owns its arrays; borrows
 * the rules. */
struct sarif_rules {
	const struct rule **rules;
	size_t nr, alloc;
	const struct ruleset *rs;
	size_t *pos;		/* by rule->index in rs: descriptor index,
				 * or SIZE_MAX */
};

/* Every rule of r->rules that ran against a target of the report (its
 * kind runs on that kind of target, and the target's profile selects
 * it), with or without results, in ruleset order; then any rule a finding
 * has that is not among them. */
void sarif_rules_collect(const struct report *r, struct sarif_rules *u);
/* The descriptor index of rule, or SIZE_MAX. */
size_t sarif_rules_index(const struct sarif_rules *u,
			 const struct rule *rule);
void sarif_rules_release(struct sarif_rules *u);
/* One reportingDescriptor. */
json_t *sarif_rule_json(const struct report *r, const struct rule *rule);

/* Helpers both files use. */
void sarif_set_str(json_t *o, const char *k, const char *v);
json_t *sarif_text(const char *s);	/* {"text": s} */
/* critical and high are errors, medium a warning, low and info notes */
const char *sarif_level(enum severity s);

#endif
