/* token_explain.c - write what a credential is and what was found about
 * it, for people; findings carry the same verdicts for machines. */
#include "token_explain.h"

#include "core/redact.h"

#include <stdlib.h>
#include <string.h>

static void row(struct strbuf *sb, const char *label)
{
	strbuf_addf(sb, "  %-12s", label);
}

static void rel(struct strbuf *sb, long long t, time_t now)
{
	long long d = t - (long long)now;

	token_fmt_time(sb, t);
	if (d == 0) {
		strbuf_addstr(sb, " (now)");
		return;
	}
	strbuf_addstr(sb, d > 0 ? " (in " : " (");
	token_fmt_span(sb, d > 0 ? d : -d);
	strbuf_addstr(sb, d > 0 ? ")" : " ago)");
}

static void json_row(struct strbuf *sb, const char *label, json_t *j)
{
	char *s = json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS);

	row(sb, label);
	strbuf_addf(sb, "%s\n", s ? s : "?");
	free(s);
}

static void explain_jwt(const struct token_ctx *c,
			const struct token_verdict *v, int show_secrets,
			struct strbuf *sb)
{
	const struct jwt *j = &v->jwt;

	json_row(sb, "header", j->header);
	json_row(sb, "claims", j->payload);
	if (j->has_iat) {
		row(sb, "issued");
		rel(sb, j->iat, c->now);
		strbuf_addch(sb, '\n');
	}
	if (j->has_nbf) {
		row(sb, "not before");
		rel(sb, j->nbf, c->now);
		strbuf_addch(sb, '\n');
	}
	if (*j->clamped) {
		row(sb, "out of range");
		strbuf_addf(sb, "%s (read as 9999-12-31, or as far before 1970)\n",
			    j->clamped);
	}
	row(sb, "expires");
	if (j->has_exp)
		rel(sb, j->exp, c->now);
	else
		strbuf_addstr(sb, "never (no exp claim)");
	strbuf_addch(sb, '\n');
	if (j->has_exp && (j->has_iat || j->has_nbf)) {
		row(sb, "lifetime");
		token_fmt_span(sb, j->exp - (j->has_iat ? j->iat : j->nbf));
		if (v->max_lifetime) {
			strbuf_addstr(sb, " (profile maximum ");
			token_fmt_span(sb, v->max_lifetime);
			strbuf_addch(sb, ')');
		}
		strbuf_addch(sb, '\n');
	}
	row(sb, "signature");
	if (token_alg_is_none(j->alg))
		strbuf_addf(sb, "none (alg '%s'): unsigned", j->alg);
	else
		strbuf_addf(sb, "%s, %zu bytes", *j->alg ? j->alg : "no alg",
			    j->sig_len);
	if (v->secret_state == 1) {
		strbuf_addstr(sb, "; HMAC secret recovered: ");
		if (show_secrets)
			strbuf_addf(sb, "'%s'", v->secret);
		else
			redact_secret(v->secret, sb);
	} else if (v->secret_state == 0) {
		strbuf_addf(sb, "; secret not among %lu weak secrets tried",
			    v->secrets_tried);
	}
	strbuf_addch(sb, '\n');
	for (size_t i = 0; i < v->nr_results && i < TOKEN__COUNT; i++) {
		row(sb, i ? "" : "problems");
		token_result_describe(&v->results[i], sb);
		strbuf_addch(sb, '\n');
	}
	for (size_t i = 0; i < v->missing_claims.nr; i++) {
		row(sb, "missing");
		strbuf_addf(sb, "claim '%s' (profile '%s')\n",
			    v->missing_claims.items[i],
			    c->profile ? c->profile->name : "default");
	}
}

void token_explain(const struct token_ctx *c, const struct token_verdict *v,
		   int show_secrets, struct strbuf *sb)
{
	strbuf_addstr(sb, "Token\n");
	row(sb, "value");
	if (show_secrets)
		strbuf_add(sb, v->token, v->len);
	else
		redact_secret(v->token, sb);
	strbuf_addch(sb, '\n');
	row(sb, "type");
	strbuf_addf(sb, "%s\n", token_type_name(v->info.type));
	row(sb, "profile");
	strbuf_addf(sb, "%s\n", c->profile ? c->profile->name : "default");
	switch (v->info.type) {
	case TOKEN_TYPE_JWT:
		if (v->decoded)
			explain_jwt(c, v, show_secrets, sb);
		else
			strbuf_addf(sb, "  %-12s%s\n", "error",
				    v->decode_error);
		break;
	case TOKEN_TYPE_PRESTO:
		row(sb, "token id");
		strbuf_addf(sb, "%.*s\n", (int)v->info.id_len, v->token);
		row(sb, "checksum");
		strbuf_addstr(sb, "none in this form (classic Sanctum)\n");
		break;
	case TOKEN_TYPE_PRESTO_CRC:
		row(sb, "token id");
		strbuf_addf(sb, "%.*s\n", (int)v->info.id_len, v->token);
		row(sb, "checksum");
		strbuf_addstr(sb, v->info.checksum ?
			      "crc32b of the random part verifies\n" :
			      "DOES NOT verify (altered or invented)\n");
		break;
	case TOKEN_TYPE_APIKEY:
		row(sb, "environment");
		strbuf_addstr(sb, v->info.live ? "live\n" : "test\n");
		row(sb, "format");
		strbuf_addstr(sb, v->info.well_formed ?
			      "well formed (no checksum in this format)\n" :
			      "MALFORMED: want ak_live_|ak_test_ + 32 "
			      "lower-case hex\n");
		break;
	case TOKEN_TYPE_UNKNOWN:
		strbuf_addstr(sb, "  not a JWT, Presto token or reseller "
			      "ApiKey\n");
		break;
	}
	strbuf_addch(sb, '\n');
}
