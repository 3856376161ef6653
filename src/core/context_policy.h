/* context_policy.h - what a run does to the findings of each context
 * (finding_context.h): lower them or leave them out (--context-severity,
 * --exclude-context, the profile keys context_severity and
 * exclude_context; docs/context.md).
 *
 * Ownership: a struct context_policy is plain data, filled by the parsers
 * and read by context_policy_apply(), which releases the findings it
 * drops.
 */
#ifndef AUTHAUDIT_CONTEXT_POLICY_H
#define AUTHAUDIT_CONTEXT_POLICY_H

#include <stddef.h>

#include "finding.h"
#include "finding_context.h"
#include "lib/err.h"
#include "lib/severity.h"

/* What a run does to the findings of each context. */
struct context_policy {
	/* the highest severity a finding of the context keeps (it is
	 * lowered to this, never raised); SEV__COUNT: as the rule says */
	enum severity cap[CONTEXT__COUNT];
	unsigned char exclude[CONTEXT__COUNT];	/* 1: dropped */
};

/* Every context kept as its rules say. */
void context_policy_init(struct context_policy *p);
/* Add "test=low,docs=info" (a comma list of CONTEXT=SEVERITY; later
 * entries win). 0, or -1 with e naming the bad entry; p is then
 * unchanged. */
int context_policy_parse_caps(struct context_policy *p, const char *spec,
			      struct err *e);
/* Add "test,docs" (a comma list of contexts to drop). 0 or -1 as above. */
int context_policy_parse_exclude(struct context_policy *p, const char *spec,
				 struct err *e);
/* Does p change anything? */
int context_policy_active(const struct context_policy *p);
/* Drop the excluded findings of l (released) and lower the capped ones'
 * severity; the rest keep their order. Returns how many were dropped. */
size_t context_policy_apply(const struct context_policy *p,
			    struct finding_list *l);

#endif
