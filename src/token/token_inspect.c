/* token_inspect.c - judge one credential for `authaudit token` and turn
 * the judgements into findings of the token.* rules. See token_inspect.h. */
#include "token_inspect.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/token_secret.h"
#include "lib/strbuf.h"
#include "lib/xalloc.h"

static void inspect_jwt(const struct token_ctx *c, struct token_verdict *v)
{
	struct err e = ERR_INIT;

	if (jwt_decode(v->token, v->len, &v->jwt, &e)) {
		snprintf(v->decode_error, sizeof(v->decode_error), "%s",
			 e.msg);
		return;
	}
	v->decoded = 1;
	if (profile_param_seconds(c->rs, c->profile, "max_token_lifetime",
				  &v->max_lifetime, &e))
		v->max_lifetime = 0;
	v->nr_results = token_check_jwt(&v->jwt, v->max_lifetime, c->now,
					v->results, TOKEN__COUNT);
	token_missing_claims(&v->jwt, profile_param(c->rs, c->profile,
						    "token_required_claims"),
			     &v->missing_claims);
	v->secret_state = c->wordlist ?
		token_secret_search(&v->jwt, c->wordlist, c->wordlist_len,
				    &v->secret, &v->secrets_tried) : -1;
}

void token_inspect(const struct token_ctx *c, const char *text,
		   size_t len, struct token_verdict *v)
{
	memset(v, 0, sizeof(*v));
	v->secret_state = -1;
	while (len && isspace((unsigned char)*text)) {
		text++;
		len--;
	}
	while (len && isspace((unsigned char)text[len - 1]))
		len--;
	if (len > 7 && !strncasecmp(text, "Bearer ", 7)) {
		text += 7;
		len -= 7;
		while (len && *text == ' ') {
			text++;
			len--;
		}
	}
	v->token = xmalloc(len + 1);
	memcpy(v->token, text, len);
	v->token[len] = '\0';
	v->len = len;
	/* every reader of a token takes it as a C string somewhere */
	v->has_nul = memchr(text, '\0', len) != NULL;
	if (v->has_nul)
		return;
	token_identify(v->token, v->len, &v->info);
	if (v->info.type == TOKEN_TYPE_JWT)
		inspect_jwt(c, v);
}

int token_verdict_problem(const struct token_verdict *v, char *buf,
			  size_t n)
{
	if (v->has_nul)
		snprintf(buf, n, "a NUL byte: not a token");
	else if (v->info.type == TOKEN_TYPE_UNKNOWN)
		snprintf(buf, n, "not a JWT, Presto token or reseller ApiKey");
	else if (v->info.type == TOKEN_TYPE_JWT && !v->decoded)
		snprintf(buf, n, "JWT does not decode: %s", v->decode_error);
	else
		return 0;
	return 1;
}

void token_verdict_release(struct token_verdict *v)
{
	if (v->decoded)
		jwt_release(&v->jwt);
	strlist_release(&v->missing_claims);
	free(v->token);
	free(v->secret);
	memset(v, 0, sizeof(*v));
}

static void emit(const struct token_ctx *c, const struct token_verdict *v,
		 const char *id, struct strbuf *msg, struct finding_list *out)
{
	const struct rule *r = ruleset_find(c->rs, id);
	struct finding f = { 0 };

	if (!r || (c->profile && !profile_selects(c->profile, r))) {
		strbuf_release(msg);
		return;
	}
	f.rule = r;
	f.severity = r->severity;
	f.confidence = r->confidence;
	f.message = strbuf_detach(msg, NULL);
	f.path = xstrdup(c->where ? c->where : "token");
	f.line = c->line;
	f.column = 1;
	f.secret = xstrdup(v->token);
	finding_list_add(out, &f, id);
}

static const char *const issue_rules[TOKEN__COUNT] = {
	"token.alg-none", "token.no-exp", "token.lifetime", "token.expired",
	"token.not-yet-valid"
};

void token_verdict_findings(const struct token_ctx *c,
			    const struct token_verdict *v,
			    struct finding_list *out)
{
	struct strbuf sb = STRBUF_INIT;

	for (size_t i = 0; i < v->nr_results && i < TOKEN__COUNT; i++) {
		const struct token_result *res = &v->results[i];

		strbuf_addstr(&sb, "JWT ");
		token_result_describe(res, &sb);
		emit(c, v, issue_rules[res->issue], &sb, out);
	}
	if (v->missing_claims.nr) {
		strbuf_addstr(&sb, "JWT ");
		token_describe_missing(&sb, &v->missing_claims,
				       c->profile ? c->profile->name : NULL);
		emit(c, v, "token.missing-claim", &sb, out);
	}
	if (v->secret_state == 1) {
		strbuf_addstr(&sb, "JWT ");
		token_describe_weak_secret(&sb, v->jwt.alg, v->secrets_tried);
		emit(c, v, "token.weak-secret", &sb, out);
	}
	if (v->info.type == TOKEN_TYPE_PRESTO_CRC && v->info.checksum == 0) {
		strbuf_addstr(&sb, "Presto token: the last 8 hex digits are "
			      "not the crc32b of the 40 random characters");
		emit(c, v, "token.presto-checksum", &sb, out);
	}
	if (v->info.type == TOKEN_TYPE_APIKEY && !v->info.well_formed) {
		strbuf_addf(&sb, "ApiKey of %zu characters is not ak_live_ or "
			    "ak_test_ followed by 32 lower-case hex digits",
			    v->len);
		emit(c, v, "token.apikey-malformed", &sb, out);
	}
	strbuf_release(&sb);
}
