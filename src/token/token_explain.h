/* token_explain.h - the human explanation block `authaudit token` prints
 * in the text format: type, JWT header and claims, times in UTC and
 * relative to now, lifetime against the profile, the checks' verdicts.
 * The token and a recovered secret are redacted unless show_secrets. */
#ifndef AUTHAUDIT_TOKEN_EXPLAIN_H
#define AUTHAUDIT_TOKEN_EXPLAIN_H

#include "token_inspect.h"
#include "lib/strbuf.h"

void token_explain(const struct token_ctx *c, const struct token_verdict *v,
		   int show_secrets, struct strbuf *out);

#endif
