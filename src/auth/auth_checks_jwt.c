/* auth_checks_jwt.c - forged JWTs checked live: the valid token with a
 * tampered signature, alg none in its spellings, no signature, and an
 * expired one, each of which the API must refuse with 401. */
#include "auth_checks.h"

#include <stdlib.h>
#include <string.h>

#include "jwt_forge.h"
#include "lib/jwt.h"
#include "lib/xalloc.h"

long auth_forged_accepted(struct auth_session *s, const char *tok)
{
	struct auth_variant v = { 0 };
	struct strbuf h = STRBUF_INIT;
	long st;

	strbuf_addf(&h, "Bearer %s", tok);
	v.authorization = h.buf;
	st = auth_call(s, &v, NULL);
	explicit_bzero(h.buf, h.len);
	strbuf_release(&h);
	return auth_endpoint_accepted(&s->t->endpoint, st) ? st : 0;
}

/* The valid token decoded into j: 0, or -1 when it is not a JWT. */
static int decode_valid(const struct auth_session *s, struct jwt *j)
{
	struct err e = ERR_INIT;

	return jwt_decode(s->token, strlen(s->token), j, &e);
}

void auth_check_jwt_forgeries(struct auth_session *s)
{
	static const char *const spellings[] = { "none", "None", "NONE",
						 "nOnE" };
	struct strbuf tok = STRBUF_INIT, acc = STRBUF_INIT;
	struct err e = ERR_INIT;
	const char *p = s->t->endpoint.path;
	char ev[32];
	struct jwt j;
	long st;

	if (decode_valid(s, &j)) {
		auth_skip(s, "auth.jwt-tampered-accepted,"
			  "auth.jwt-alg-none-accepted,"
			  "auth.jwt-unsigned-accepted,"
			  "auth.jwt-expired-accepted", "JWT checks skipped: "
			  "the valid token is not a JWT (no forgery or expiry "
			  "checks)");
		return;
	}
	jwt_release(&j);
	if (!jwt_forge_tampered(s->token, strlen(s->token), &tok, &e) &&
	    (st = auth_forged_accepted(s, tok.buf))) {
		auth_evidence(st, ev);
		auth_finding(s, "auth.jwt-tampered-accepted", p, ev,
			     "the JWT with a flipped signature bit answered "
			     "%ld, want 401", st);
	}
	strbuf_reset(&tok);
	for (size_t i = 0; i < ARRAY_SIZE(spellings); i++) {
		if (!jwt_forge_alg_none(s->token, strlen(s->token),
					spellings[i], &tok, &e) &&
		    auth_forged_accepted(s, tok.buf))
			strbuf_addf(&acc, "%s'%s'", acc.len ? ", " : "",
				    spellings[i]);
		strbuf_reset(&tok);
	}
	if (acc.len)
		auth_finding(s, "auth.jwt-alg-none-accepted", p, acc.buf,
			     "unsigned JWTs with alg %s were accepted, want "
			     "401", acc.buf);
	if (!jwt_forge_unsigned(s->token, strlen(s->token), &tok, &e) &&
	    (st = auth_forged_accepted(s, tok.buf))) {
		auth_evidence(st, ev);
		auth_finding(s, "auth.jwt-unsigned-accepted", p, ev,
			     "the JWT with its signature removed answered "
			     "%ld, want 401", st);
	}
	strbuf_release(&tok);
	strbuf_release(&acc);
}

#define ID_EXPIRED "auth.jwt-expired-accepted"

static int is_hmac(const char *alg)
{
	return !strcmp(alg, "HS256") || !strcmp(alg, "HS384") ||
	       !strcmp(alg, "HS512");
}

enum auth_expired_plan auth_expired_plan(const char *alg, int have_expired,
					 int have_key)
{
	if (have_expired)
		return AUTH_EXPIRED_GIVEN;
	if (!have_key)
		return AUTH_EXPIRED_SKIP_NO_CREDENTIAL;
	return is_hmac(alg) ? AUTH_EXPIRED_FORGE : AUTH_EXPIRED_SKIP_NOT_HMAC;
}

void auth_check_jwt_expired(struct auth_session *s)
{
	const char *given = auth_creds_get(s->cr, "expired_token");
	const char *key = auth_creds_get(s->cr, "jwt_key");
	struct strbuf tok = STRBUF_INIT;
	struct err e = ERR_INIT;
	char ev[32];
	struct jwt j;
	long st;

	if (decode_valid(s, &j))
		return;		/* the forgery check said why */
	switch (auth_expired_plan(j.alg, given != NULL, key != NULL)) {
	case AUTH_EXPIRED_GIVEN:
		strbuf_addstr(&tok, given);
		break;
	case AUTH_EXPIRED_FORGE:
		if (!jwt_forge_expired(s->token, strlen(s->token), key,
				       strlen(key), (long long)s->now, &tok,
				       &e))
			break;
		auth_skip(s, ID_EXPIRED, "expired-token check skipped: %s",
			  e.msg);
		goto out;
	case AUTH_EXPIRED_SKIP_NO_CREDENTIAL:
		auth_skip(s, ID_EXPIRED, "expired-token check skipped: no "
			  "'expired_token' or 'jwt_key' credential");
		goto out;
	case AUTH_EXPIRED_SKIP_NOT_HMAC:
		auth_skip(s, ID_EXPIRED, "expired-token check skipped: the "
			  "valid token is signed with '%s', not HMAC, so a "
			  "token re-signed with 'jwt_key' would test the "
			  "algorithm, not expiry (give 'expired_token')",
			  j.alg);
		goto out;
	}
	if ((st = auth_forged_accepted(s, tok.buf))) {
		auth_evidence(st, ev);
		auth_finding(s, ID_EXPIRED, s->t->endpoint.path, ev,
			     "%s answered %ld, want 401", given ?
			     "the given 'expired_token'" :
			     "a JWT that expired an hour ago", st);
	}
out:
	jwt_release(&j);
	explicit_bzero(tok.buf, tok.len);
	strbuf_release(&tok);
}
