/* rule_kind.h - rule kinds are a vtable (masscan's OutputType).
 *
 * A kind says what a rule is run against (source text, an endpoint, a
 * token) and, for source kinds, how a confirmed pattern match turns into
 * findings: `regex` reports the secret, `jwt` decodes the token and judges
 * its claims, `token-request` judges a requested expiry date, ... Kinds for
 * endpoints are run by the probe code, which looks its rules up by id.
 */
#ifndef AUTHAUDIT_RULE_KIND_H
#define AUTHAUDIT_RULE_KIND_H

#include <stddef.h>
#include <time.h>

#include "finding.h"
#include "rule.h"
#include "lib/err.h"

enum rule_target {
	RULE_TARGET_SOURCE,
	RULE_TARGET_ENDPOINT,		/* `probe` */
	RULE_TARGET_AUTH,		/* `auth` */
	RULE_TARGET_TOKEN,
	RULE_TARGET__COUNT
};

/* One confirmed match of a source rule, with what a kind needs to judge. */
struct source_match {
	const struct ruleset *rs;
	const struct profile *profile;
	const char *path;		/* relative to the root */
	const char *const *aliases;	/* other paths of the same bytes: the
					 * finding is repeated at each */
	size_t nr_aliases;
	const char *root;		/* the root as given, or NULL */
	const char *buf;		/* the piece of the file scanned */
	size_t len;
	size_t start, end;		/* the match */
	size_t base;			/* a line start at or before it */
	unsigned base_line, base_col;	/* base's line and column */
	size_t sstart, send;		/* the secret (== match without one) */
	int client_side;		/* the file is client-side code */
	time_t now;
};

struct rule_kind {
	const char *name;		/* the YAML `kind:` value */
	enum rule_target target;
	int needs_pattern;
	/* Check kind-specific parameters at load time; may be NULL. */
	int (*prepare)(struct rule *r, struct err *e);
	/* Source kinds: judge a confirmed match, add findings to out. */
	void (*judge)(const struct rule *r, const struct source_match *m,
		      struct finding_list *out);
};

const struct rule_kind *rule_kind_find(const char *name);
/* How many rules of rs for targets of kind t profile p selects (p NULL:
 * all): the rules_loaded every command but scan reports (scan counts
 * what its engine compiled, scan_engine_rule_count()). */
unsigned long ruleset_count_selected(const struct ruleset *rs,
				     const struct profile *p,
				     enum rule_target t);
/* "source", "endpoint", "auth", "token"; rule_target_parse: 0 or -1. */
const char *rule_target_name(enum rule_target t);
int rule_target_parse(const char *name, enum rule_target *out);
/* For `rules` listings: the kinds, NULL-terminated. */
extern const struct rule_kind *const rule_kinds[];

/* The word list of weak JWT secrets the loaded rules name (the first
 * `jwt` rule with check weak-secret; read when the rules were loaded, kept
 * for the process): 0 with *words and *len set, -1 when no rule names
 * one. `authaudit token` and audits search a token's secret in it. */
int kind_jwt_wordlist(const struct ruleset *rs, const char **words,
		      size_t *len);

/* Shared by kinds: a finding at m's secret position with the given
 * confidence, severity raised one step for secrets in client-side files,
 * at m's path and each of its aliases. Takes ownership of message;
 * secret may be NULL. */
void source_match_emit(const struct rule *r, const struct source_match *m,
		       enum confidence conf, char *message,
		       const char *secret, size_t secret_len,
		       struct finding_list *out);
/* 1-based line and column (code points; invalid UTF-8 bytes count one) of
 * offset off in buf. text_lines: the newlines in p[0..n); text_width: the
 * characters, `prev` being the byte before s (-1 at a line start). */
unsigned long text_lines(const char *p, size_t n);
unsigned long text_width(const char *s, size_t n, int prev);
void text_position(const char *buf, size_t off, unsigned *line,
		   unsigned *col);

#endif
