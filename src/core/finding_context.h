/* finding_context.h - where a finding sits: production code, a test, the
 * documentation or an example, told from its path alone (the table of
 * patterns is in finding_context.c, docs/context.md lists it), and the
 * policy that lowers or drops findings by context (--context-severity,
 * --exclude-context, the profile keys context_severity and
 * exclude_context).
 *
 * Ownership: nothing here allocates; a struct context_policy is plain
 * data, filled by the parsers and read by context_policy_apply().
 */
#ifndef AUTHAUDIT_FINDING_CONTEXT_H
#define AUTHAUDIT_FINDING_CONTEXT_H

#include "lib/err.h"
#include "lib/severity.h"

struct finding_list;

/* In the order reports rank findings: production first. */
enum finding_context {
	CONTEXT_PRODUCTION,
	CONTEXT_TEST,
	CONTEXT_EXAMPLE,
	CONTEXT_DOCS,
	CONTEXT__COUNT
};

/* The context of a scanned file: path relative to the scan root, and the
 * root as given (NULL, "" or "."; an absolute root is not looked at, so
 * a checkout under /home/me/tests/ stays production). */
enum finding_context finding_context_of(const char *root, const char *path);
/* "production", "test", "example", "docs". */
const char *finding_context_name(enum finding_context c);
/* The context from its name (also "tests", "doc", "examples"); -1 when
 * unknown. */
int finding_context_parse(const char *s, enum finding_context *out);

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
