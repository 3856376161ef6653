/* finding_context.h - where a finding sits: production code, a test, the
 * documentation or an example, told from its path alone (the table of
 * patterns is in finding_context.c, docs/context.md lists it), or from
 * a run's own globs (the repository config's contexts:) tried before
 * that table. What a run does with the contexts is context_policy.h's.
 * Nothing here allocates or keeps what it is given.
 */
#ifndef AUTHAUDIT_FINDING_CONTEXT_H
#define AUTHAUDIT_FINDING_CONTEXT_H

struct strlist;

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
/* The same with a run's own globs first: globs holds "NAME=GLOB" entries
 * (NAME a context finding_context_parse() knows), in the order they were
 * written; the first whose GLOB matches path (below the scan root, as
 * lib/glob.h matches: a glob without '/' against the base name) gives
 * the context; none matching, finding_context_of(root, path). globs may
 * be NULL or empty. */
enum finding_context finding_context_with(const struct strlist *globs,
					  const char *root, const char *path);
/* "production", "test", "example", "docs". */
const char *finding_context_name(enum finding_context c);
/* The context from its name (also "tests", "doc", "examples"); -1 when
 * unknown. */
int finding_context_parse(const char *s, enum finding_context *out);

#endif
