/* finding_context.h - where a finding sits: production code, a test, the
 * documentation or an example, told from its path alone (the table of
 * patterns is in finding_context.c, docs/context.md lists it). What a
 * run does with the contexts is context_policy.h's. Nothing here
 * allocates.
 */
#ifndef AUTHAUDIT_FINDING_CONTEXT_H
#define AUTHAUDIT_FINDING_CONTEXT_H

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

#endif
