/* token_check.h - pure judgements on a decoded JWT, shared by the `jwt`
 * source kind (tokens found in files) and `authaudit token`, so both judge
 * a token the same way.
 *
 * Results are small values in the caller's array; the describe functions
 * append a one-line explanation to a strbuf; token_missing_claims() pushes
 * copies onto the caller's strlist.
 */
#ifndef AUTHAUDIT_TOKEN_CHECK_H
#define AUTHAUDIT_TOKEN_CHECK_H

#include <stddef.h>
#include <time.h>

#include "lib/jwt.h"
#include "lib/strbuf.h"
#include "lib/strlist.h"

enum token_issue {
	TOKEN_ALG_NONE,		/* header alg is none in any spelling */
	TOKEN_NO_EXP,		/* no exp claim: never expires */
	TOKEN_LIFETIME,		/* exp - iat (or nbf, or now) above max */
	TOKEN_EXPIRED,		/* exp <= now */
	TOKEN_NOT_YET_VALID,	/* nbf > now */
	TOKEN__COUNT
};

struct token_result {
	enum token_issue issue;
	long long value;	/* lifetime seconds, or the exp / nbf time */
	long long limit;	/* the maximum lifetime for TOKEN_LIFETIME */
};

/* Judge j against max_lifetime seconds (0: no limit) at time now. Fills
 * up to max results in out, in enum order, and returns how many issues
 * were found (which may exceed max). Lifetime is exp - iat, else exp -
 * nbf, else exp - now when neither is present. */
size_t token_check_jwt(const struct jwt *j, long max_lifetime, time_t now,
		       struct token_result *out, size_t max);

/* "alg-none", "no-exp", "lifetime", "expired", "not-yet-valid": the same
 * words as the `jwt` kind's params.check. NULL for an unknown value. */
const char *token_issue_name(enum token_issue i);
/* -1 when name is unknown. */
int token_issue_parse(const char *name);

/* Append e.g. "lifetime 30 days exceeds the maximum of 12 h". */
void token_result_describe(const struct token_result *r, struct strbuf *sb);

/* 1 when the header alg is none/None/NONE/nOnE/... */
int token_alg_is_none(const char *alg);
/* Push onto missing each claim of the comma-separated list (a profile's
 * token_required_claims; NULL or "" expects none) that j lacks; returns
 * how many were pushed. */
size_t token_missing_claims(const struct jwt *j, const char *list,
			    struct strlist *missing);
/* Append "lacks claim 'aud' expected by profile 'vista-integration'". */
void token_describe_missing(struct strbuf *sb, const struct strlist *missing,
			    const char *profile);

/* "30 days", "12 h", "45 min", "20 s" */
void token_fmt_span(struct strbuf *sb, long long seconds);
/* "2026-11-22T14:00:00Z" */
void token_fmt_time(struct strbuf *sb, long long t);

#endif
