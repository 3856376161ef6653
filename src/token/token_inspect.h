/* token_inspect.h - everything `authaudit token` learns about one
 * credential (its format, for a JWT the decoded parts, the token_check
 * judgements, missing claims and a recovered HMAC secret), and the
 * findings that follow from it.
 *
 * Ownership: token_inspect() fills a caller's struct token_verdict that
 * owns the decoded JWT, the token copy and the secret found;
 * token_verdict_release() frees them. The ruleset and profile in the
 * struct token_ctx are borrowed and must outlive the findings.
 */
#ifndef AUTHAUDIT_TOKEN_INSPECT_H
#define AUTHAUDIT_TOKEN_INSPECT_H

#include <stddef.h>
#include <time.h>

#include "token_format.h"
#include "core/finding.h"
#include "core/rule.h"
#include "core/token_check.h"
#include "lib/jwt.h"

struct token_ctx {
	const struct ruleset *rs;
	const struct profile *profile;
	time_t now;
	const char *wordlist;		/* newline-separated secrets */
	size_t wordlist_len;
	const char *where;		/* finding path: "argument", a file */
	unsigned line;			/* in that file; 0 for an argument */
};

struct token_verdict {
	char *token;			/* trimmed, without "Bearer " */
	size_t len;
	int has_nul;			/* a NUL byte in it: no token of
					 * any type, left unjudged */
	struct token_info info;
	int decoded;			/* JWT: jwt holds the parts */
	char decode_error[sizeof(((struct err *)0)->msg)];
	struct jwt jwt;
	long max_lifetime;		/* the profile's, seconds */
	struct token_result results[TOKEN__COUNT];
	size_t nr_results;
	struct strlist missing_claims;
	int secret_state;		/* 1 found, 0 not, -1 not HMAC */
	unsigned long secrets_tried;
	char *secret;			/* the recovered HMAC secret */
};

/* Trim text, drop a "Bearer " prefix, classify and judge it. Text with
 * a NUL byte is no token: has_nul is set and its type stays unknown. */
void token_inspect(const struct token_ctx *c, const char *text,
		   size_t len, struct token_verdict *v);
/* Why v could not be judged (a NUL byte, an unknown type, a JWT that
 * does not decode), into buf: 1, or 0 when nothing stood in the way. */
int token_verdict_problem(const struct token_verdict *v, char *buf,
			  size_t n);
void token_verdict_release(struct token_verdict *v);
/* Add one finding per failed check whose rule the profile selects. */
void token_verdict_findings(const struct token_ctx *c,
			    const struct token_verdict *v,
			    struct finding_list *out);

#endif
