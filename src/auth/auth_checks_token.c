/* auth_checks_token.c - what token endpoints issue, checked live: Presto
 * honours the requested token_expiration_date and keeps to the profile's
 * limit, Presto FI revokes the earlier token on reissue, and Vista tokens
 * live no longer than the profile's max_token_lifetime. */
#include "auth_checks.h"

#include <stdlib.h>
#include <string.h>

#include "core/token_check.h"
#include "lib/jwt.h"

/* 1 when the target holds the token endpoint's credentials. */
static int can_issue(struct auth_session *s, const char *check)
{
	if (auth_creds_get(s->cr, "email") &&
	    auth_creds_get(s->cr, "password"))
		return 1;
	auth_notice(s, "%s skipped: no 'email' and "
		    "'password' credential, so the token endpoint is not "
		    "asked", check);
	return 0;
}

int auth_presto_beyond_limit(const char *expiration_date, time_t now,
			     long max_days)
{
	char limit[16];

	auth_date_ahead(now, max_days, limit);
	return strncmp(expiration_date, limit, 10) > 0;
}

/* Presto: the session token was asked for AUTH_PRESTO_SESSION_DAYS ahead
 * (or, with a given token, one is asked for now): its expiration_date
 * must be that day. */
static void check_presto_honoured(struct auth_session *s)
{
	struct auth_issued is = { 0 };
	const char *got = s->expiration_date;
	char want[16];

	auth_date_ahead(s->now, AUTH_PRESTO_SESSION_DAYS, want);
	if (auth_creds_get(s->cr, "token")) {
		if (auth_issue(s, "authaudit-expiry-check", want, &is) ||
		    !is.token) {
			auth_notice(s, "token-expiry check skipped: no token "
				    "was issued (HTTP %ld)", is.status);
			goto out;
		}
		got = is.expiration_date;
	}
	if (!got[0])
		auth_notice(s, "token-expiry check skipped: the token "
			    "response has no expiration_date");
	else if (strncmp(got, want, 10))
		auth_finding(s, "auth.token-expiry-ignored",
			     s->t->token_endpoint, got, "requested "
			     "token_expiration_date %s, the token expires "
			     "%.10s", want, got);
out:
	auth_issued_release(&is);
}

/* Presto: a token_expiration_date beyond max_token_request_days is
 * refused; a token issued anyway must not expire after the limit. */
static void check_presto_limit(struct auth_session *s)
{
	struct auth_issued is;
	struct err e = ERR_INIT;
	long days = 365;
	char far[16];

	profile_param_long(s->rs, s->profile, "max_token_request_days", &days,
			   &e);
	auth_date_ahead(s->now, days + 30, far);
	if (auth_issue(s, "authaudit-limit-check", far, &is) || !is.status) {
		auth_notice(s, "token-limit check skipped: the token request "
			    "could not be made");
	} else if (!auth_ok(is.status)) {
		;	/* refused, as it should be */
	} else if (!is.expiration_date[0]) {
		auth_notice(s, "token-limit check: a token was issued for "
			    "%s without an expiration_date", far);
	} else if (auth_presto_beyond_limit(is.expiration_date, s->now,
					    days)) {
		auth_finding(s, "auth.token-limit-not-enforced",
			     s->t->token_endpoint, is.expiration_date,
			     "asked for %s, a token expiring %.10s was "
			     "issued, beyond the profile's %ld days", far,
			     is.expiration_date, days);
	}
	auth_issued_release(&is);
}

void auth_check_presto_expiry(struct auth_session *s)
{
	if (!can_issue(s, "token-expiry and token-limit checks"))
		return;
	check_presto_honoured(s);
	check_presto_limit(s);
}

/* Presto FI: a new token revokes the earlier one. Issuing one revokes the
 * integration's own token too, so it runs only when the target allows. */
void auth_check_fi_revocation(struct auth_session *s)
{
	struct auth_issued is;
	struct auth_variant v = { 0 };
	char ev[32];
	long st;

	if (!s->t->allow_token_reissue) {
		auth_notice(s, "token-not-revoked check skipped: it issues a "
			    "new token, which on presto-fi revokes the "
			    "integration's current one; set "
			    "'allow_token_reissue: true' on the target to "
			    "run it");
		return;
	}
	if (!can_issue(s, "token-not-revoked check"))
		return;
	if (auth_issue(s, "authaudit-revocation-check", NULL, &is) ||
	    !is.token) {
		auth_notice(s, "token-not-revoked check skipped: no second "
			    "token was issued (HTTP %ld)", is.status);
		auth_issued_release(&is);
		return;
	}
	st = auth_call(s, &v, NULL);	/* the earlier token */
	auth_evidence(st, ev);
	if (auth_ok(st))
		auth_finding(s, "auth.token-not-revoked",
			     s->t->token_endpoint, ev, "after a new token "
			     "was issued the earlier one answered %ld, want "
			     "401", st);
	/* the new token is the valid one from now on */
	explicit_bzero(s->token, strlen(s->token));
	free(s->token);
	s->token = is.token;
	is.token = NULL;
	auth_issued_release(&is);
}

/* Vista: expires_in and the JWT's exp within max_token_lifetime. */
void auth_check_issued_lifetime(struct auth_session *s)
{
	struct token_result res[TOKEN__COUNT];
	struct strbuf msg = STRBUF_INIT;
	struct err e = ERR_INIT;
	struct jwt j;
	long max = 0;
	size_t n;

	if (auth_creds_get(s->cr, "token")) {
		auth_notice(s, "token-lifetime check skipped: the target "
			    "gives a 'token', so the token endpoint is not "
			    "asked (`authaudit token` explains a given "
			    "token)");
		return;
	}
	profile_param_seconds(s->rs, s->profile, "max_token_lifetime", &max,
			      &e);
	if (s->expires_in > max && max > 0) {
		strbuf_addf(&msg, "expires_in %lld s (", s->expires_in);
		token_fmt_span(&msg, s->expires_in);
		strbuf_addstr(&msg, ") exceeds the maximum of ");
		token_fmt_span(&msg, max);
	}
	if (!jwt_decode(s->token, strlen(s->token), &j, &e)) {
		n = token_check_jwt(&j, max, s->now, res, TOKEN__COUNT);
		for (size_t i = 0; i < n && i < TOKEN__COUNT; i++) {
			if (res[i].issue != TOKEN_LIFETIME &&
			    res[i].issue != TOKEN_NO_EXP)
				continue;
			strbuf_addstr(&msg, msg.len ? "; JWT " : "JWT ");
			token_result_describe(&res[i], &msg);
		}
		jwt_release(&j);
	}
	if (msg.len)
		auth_finding(s, "auth.token-lifetime", s->t->token_endpoint,
			     msg.buf, "issued token: %s", msg.buf);
	strbuf_release(&msg);
}
