/* auth_checks_token.c - what token endpoints issue, and what becomes of
 * it, checked live: Presto gives every token the expiration date asked
 * for, refuses a token past that date, yields no working token for a date
 * already past (document 000) and keeps to the organisation's policy
 * limit; Presto FI revokes the earlier token on reissue (001); issued
 * JWTs carry exp and live no longer than the document says (GAS: 12 h,
 * 002) or the organisation's policy allows. */
#include "auth_checks.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/token_check.h"
#include "lib/jwt.h"

/* Seconds past a token's expiry before it is sent again: the server's
 * clock may run a little behind the Date it sent. */
#define EXPIRY_LEEWAY 2

#define ID_HONOURED "auth.token-expiry-ignored"
#define ID_NO_DATE "auth.token-no-expiration-date"
#define ID_PAST "auth.token-past-date-issued"
#define ID_EXPIRED "auth.token-expired-accepted"
#define ID_POLICY_DAYS "policy.token-request-days"

/* 1 when the target holds the token endpoint's credentials; else the
 * notice, and ids (comma-separated) marked untested. */
static int can_issue(struct auth_session *s, const char *ids,
		     const char *check)
{
	if (auth_creds_get(s->cr, "email") &&
	    auth_creds_get(s->cr, "password"))
		return 1;
	auth_skip(s, ids, "%s skipped: no 'email' and 'password' credential, "
		  "so the token endpoint is not asked", check);
	return 0;
}

int auth_presto_beyond_limit(const char *expiration_date, time_t now,
			     long max_days)
{
	char limit[16];

	auth_date_ahead(now, max_days, limit);
	return strncmp(expiration_date, limit, 10) > 0;
}

int auth_presto_expiry_time(const char *s, long long *out)
{
	struct tm tm = { 0 };
	int y, mo, d, h = 0, mi = 0, sec = 0, n = 0;
	const char *p;

	if (sscanf(s, "%4d-%2d-%2d%n", &y, &mo, &d, &n) != 3 || n != 10 ||
	    mo < 1 || mo > 12 || d < 1 || d > 31)
		return -1;
	p = s + 10;
	if (*p == 'T' || *p == ' ') {
		if (sscanf(p + 1, "%2d:%2d:%2d%n", &h, &mi, &sec, &n) != 3 ||
		    n != 8 || h > 23 || mi > 59 || sec > 60)
			return -1;
		p += 9;
		if (*p == '.')
			p += 1 + strspn(p + 1, "0123456789");
		/* UTC only: the document's example ends in Z */
		if (*p && strcmp(p, "Z") && strcmp(p, "+00:00"))
			return -1;
	} else if (*p) {
		return -1;
	}
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = sec;
	*out = (long long)timegm(&tm);
	return 0;
}

/* Presto: the session token was asked for AUTH_PRESTO_SESSION_DAYS ahead
 * (or, with a given token, one is asked for now): it must have an
 * expiration_date, and it must be that day. */
static void check_presto_honoured(struct auth_session *s)
{
	struct auth_issued is = { 0 };
	const char *got = s->expiration_date;
	const char *where = s->t->token_endpoint.path;
	char want[16];

	auth_date_ahead(s->now, AUTH_PRESTO_SESSION_DAYS, want);
	if (auth_creds_get(s->cr, "token")) {
		if (auth_issue(s, "authaudit-expiry-check", want, NULL, &is) ||
		    !is.token) {
			auth_skip(s, ID_HONOURED "," ID_NO_DATE,
				  "token-expiry check skipped: no token was "
				  "issued (HTTP %ld)", is.status);
			goto out;
		}
		got = is.expiration_date;
	}
	if (!got[0])
		auth_finding(s, ID_NO_DATE, where, "no expiration_date",
			     "a token was issued without an expiration_date "
			     "(asked for %s)", want);
	else if (strncmp(got, want, 10))
		auth_finding(s, ID_HONOURED, where, got, "requested "
			     "token_expiration_date %s, the token expires "
			     "%.10s", want, got);
out:
	auth_issued_release(&is);
}

/* Presto: asked for a date already past, the endpoint refuses, or
 * issues a token the API refuses; never a token that works. */
static void check_presto_past(struct auth_session *s)
{
	struct auth_issued is;
	char past[16], ev[64];
	long st;

	if (!auth_wants(s, ID_PAST))
		return;
	auth_date_ahead(s->now, -1, past);
	if (auth_issue(s, "authaudit-past-date-check", past, NULL, &is) ||
	    !is.status) {
		auth_skip(s, ID_PAST, "past-date check skipped: the token "
			  "request could not be made");
	} else if (is.token) {
		struct auth_variant v = { .token = is.token };

		st = auth_call(s, &v, NULL);
		snprintf(ev, sizeof(ev), "HTTP %ld with a token for %s", st,
			 past);
		if (auth_endpoint_accepted(&s->t->endpoint, st))
			auth_finding(s, ID_PAST, s->t->token_endpoint.path,
				     ev, "asked for token_expiration_date %s "
				     "(yesterday), the endpoint issued a "
				     "token (expiring %.32s) that the API "
				     "accepted (%ld)", past,
				     is.expiration_date[0] ?
				     is.expiration_date : "at no stated date",
				     st);
		else if (!st)
			auth_skip(s, ID_PAST, "past-date check: the token "
				  "issued for %s could not be tried", past);
	}
	auth_issued_release(&is);
}

/* Organisation policy (no vendor document sets a limit): a
 * token_expiration_date beyond policy_max_token_request_days is refused,
 * or the token issued anyway expires by the limit. */
static void check_presto_policy(struct auth_session *s)
{
	struct auth_issued is;
	struct err e = ERR_INIT;
	long days = 0;
	char far[16];

	if (!auth_wants(s, ID_POLICY_DAYS) ||
	    profile_param_long(s->rs, s->profile,
			       "policy_max_token_request_days", &days, &e) ||
	    days <= 0)
		return;		/* no policy: nothing to hold it to */
	auth_date_ahead(s->now, days + 30, far);
	if (auth_issue(s, "authaudit-limit-check", far, NULL, &is) ||
	    !is.status) {
		auth_skip(s, ID_POLICY_DAYS, "token-limit check skipped: the "
			  "token request could not be made");
	} else if (!auth_ok(is.status)) {
		;	/* refused */
	} else if (!is.expiration_date[0]) {
		auth_finding(s, ID_NO_DATE, s->t->token_endpoint.path,
			     "no expiration_date", "a token was issued "
			     "without an expiration_date (asked for %s)", far);
	} else if (auth_presto_beyond_limit(is.expiration_date, s->now,
					    days)) {
		auth_finding(s, ID_POLICY_DAYS, s->t->token_endpoint.path,
			     is.expiration_date, "asked for %s, a token "
			     "expiring %.10s was issued, beyond the "
			     "organisation policy policy_max_token_request_"
			     "days (%ld days; document 000 sets no limit)",
			     far, is.expiration_date, days);
	}
	auth_issued_release(&is);
}

/* Wait seconds (a nanosleep that resumes after a signal). */
static void wait_seconds(long long seconds)
{
	struct timespec ts = { (time_t)seconds, 0 };

	while (seconds > 0 && nanosleep(&ts, &ts) && errno == EINTR)
		;
}

/* Presto: a token past its expiration date is refused. The token is the
 * given expired_token, or one asked to expire tomorrow (the soonest a
 * YYYY-MM-DD date allows) when that is within the target's expiry_wait
 * by the server's clock (its Date header): it must work, then be refused
 * once its expiration_date has passed. */
static void check_presto_expired(struct auth_session *s)
{
	const char *given = auth_creds_get(s->cr, "expired_token");
	struct auth_issued is;
	struct auth_variant v = { 0 };
	struct strbuf span = STRBUF_INIT;
	char day[16], ev[64];
	long long at, left;
	long st;

	if (given) {
		v.token = given;
		st = auth_call(s, &v, NULL);
		auth_evidence(st, ev);
		if (auth_endpoint_accepted(&s->t->endpoint, st))
			auth_finding(s, ID_EXPIRED, s->t->endpoint.path, ev,
				     "the given 'expired_token' (past its "
				     "expiration date) answered %ld, want 401",
				     st);
		else if (!st)
			auth_skip(s, ID_EXPIRED, "expired-token check: no "
				  "answer");
		return;
	}
	if (!auth_wants(s, ID_EXPIRED))
		return;
	if (!s->t->expiry_wait) {
		auth_skip(s, ID_EXPIRED, "expired-token check skipped: give "
			  "'expired_token' (a token past its expiration_date) "
			  "or set expiry_wait (then a token expiring "
			  "tomorrow is asked for, and waited out when that "
			  "is within expiry_wait)");
		return;
	}
	if (!can_issue(s, ID_EXPIRED, "expired-token check"))
		return;
	auth_date_ahead(s->now, 1, day);
	if (auth_issue(s, "authaudit-expiry-wait", day, NULL, &is) ||
	    !is.token) {
		auth_skip(s, ID_EXPIRED, "expired-token check skipped: no "
			  "token was issued for %s (HTTP %ld)", day,
			  is.status);
		goto out;
	}
	if (auth_presto_expiry_time(is.expiration_date, &at)) {
		auth_skip(s, ID_EXPIRED, "expired-token check skipped: the "
			  "token's expiration_date '%.32s' is not a UTC time",
			  is.expiration_date);
		goto out;
	}
	left = at - (is.date ? is.date : (long long)time(NULL));
	if (left > s->t->expiry_wait) {
		token_fmt_span(&span, left);
		strbuf_addstr(&span, ", more than expiry_wait ");
		token_fmt_span(&span, s->t->expiry_wait);
		auth_skip(s, ID_EXPIRED, "expired-token check skipped: the "
			  "soonest token ('authaudit-expiry-wait', %.32s) "
			  "expires in %s; give 'expired_token'",
			  is.expiration_date, span.buf);
		goto out;
	}
	v.token = is.token;
	st = auth_call(s, &v, NULL);
	if (!auth_endpoint_success(&s->t->endpoint, st)) {
		auth_skip(s, ID_EXPIRED, "expired-token check skipped: the "
			  "new token got %ld before its expiry", st);
		goto out;
	}
	wait_seconds(left + EXPIRY_LEEWAY);
	st = auth_call(s, &v, NULL);
	auth_evidence(st, ev);
	if (auth_endpoint_accepted(&s->t->endpoint, st))
		auth_finding(s, ID_EXPIRED, s->t->endpoint.path, ev, "the "
			     "token 'authaudit-expiry-wait' answered %ld "
			     "after its expiration_date %.32s, want 401", st,
			     is.expiration_date);
	else if (!st)
		auth_skip(s, ID_EXPIRED, "expired-token check: no answer");
out:
	strbuf_release(&span);
	auth_issued_release(&is);
}

void auth_check_presto_expiry(struct auth_session *s)
{
	check_presto_expired(s);
	if (!can_issue(s, ID_HONOURED "," ID_NO_DATE "," ID_PAST ","
		       ID_POLICY_DAYS, "token-expiry, past-date and "
		       "token-limit checks"))
		return;
	check_presto_honoured(s);
	check_presto_past(s);
	check_presto_policy(s);
}

/* Presto FI: a new token revokes the earlier one. Issuing one revokes the
 * integration's own token too, so it runs only when the target allows. */
void auth_check_fi_revocation(struct auth_session *s)
{
	static const char id[] = "auth.token-not-revoked";
	struct auth_issued is;
	struct auth_variant v = { 0 };
	char ev[32];
	long st;

	if (!s->t->allow_token_reissue) {
		auth_skip(s, id, "token-not-revoked check skipped: it issues "
			  "a new token, which on presto-fi revokes the "
			  "integration's current one; set "
			  "'allow_token_reissue: true' on the target to run "
			  "it");
		return;
	}
	if (!can_issue(s, id, "token-not-revoked check"))
		return;
	if (auth_issue(s, "authaudit-revocation-check", NULL, NULL, &is) ||
	    !is.token) {
		auth_skip(s, id, "token-not-revoked check skipped: no second "
			  "token was issued (HTTP %ld)", is.status);
		auth_issued_release(&is);
		return;
	}
	st = auth_call(s, &v, NULL);	/* the earlier token */
	auth_evidence(st, ev);
	if (auth_endpoint_accepted(&s->t->endpoint, st))
		auth_finding(s, id, s->t->token_endpoint.path, ev, "after a "
			     "new token was issued the earlier one answered "
			     "%ld, want 401", st);
	/* the new token is the valid one from now on */
	explicit_bzero(s->token, strlen(s->token));
	free(s->token);
	s->token = is.token;
	is.token = NULL;
	auth_issued_release(&is);
}

/* The issued token's lifetime over max (expires_in, then the JWT's exp -
 * iat) into msg; 1 when it is over. */
static int over(const struct auth_session *s, const struct jwt *j,
		long max, struct strbuf *msg)
{
	struct token_result res[TOKEN__COUNT];
	size_t n;
	int hit = 0;

	if (max <= 0)
		return 0;
	if (s->expires_in > max) {
		strbuf_addf(msg, "expires_in %lld s (", s->expires_in);
		token_fmt_span(msg, s->expires_in);
		strbuf_addstr(msg, ") exceeds the maximum of ");
		token_fmt_span(msg, max);
		hit = 1;
	}
	n = j ? token_check_jwt(j, max, s->now, res, TOKEN__COUNT) : 0;
	for (size_t i = 0; i < n && i < TOKEN__COUNT; i++) {
		if (res[i].issue != TOKEN_LIFETIME)
			continue;
		strbuf_addstr(msg, hit ? "; JWT " : "JWT ");
		token_result_describe(&res[i], msg);
		hit = 1;
	}
	return hit;
}

/* Issued JWTs: an exp (documents 002, 003), a lifetime within the
 * document's max_token_lifetime (only GAS states one: 12 h), and, where
 * no document limit is broken, within the organisation's
 * policy_max_token_lifetime. */
void auth_check_issued_lifetime(struct auth_session *s)
{
	static const char ids[] = "auth.token-lifetime,auth.token-no-exp,"
				  "policy.token-lifetime";
	const char *where = s->t->token_endpoint.path;
	struct strbuf msg = STRBUF_INIT;
	struct err e = ERR_INIT;
	struct jwt j;
	long doc = 0, policy = 0;
	int is_jwt;

	if (auth_creds_get(s->cr, "token")) {
		auth_skip(s, ids, "token-lifetime check skipped: the target "
			  "gives a 'token', so the token endpoint is not "
			  "asked (`authaudit token` explains a given token)");
		return;
	}
	if (profile_param_seconds(s->rs, s->profile, "max_token_lifetime",
				  &doc, &e))
		doc = 0;	/* the profile's document states none */
	if (profile_param_seconds(s->rs, s->profile,
				  "policy_max_token_lifetime", &policy, &e))
		policy = 0;
	is_jwt = !jwt_decode(s->token, strlen(s->token), &j, &e);
	if (is_jwt && !j.has_exp)
		auth_finding(s, "auth.token-no-exp", where, "no exp",
			     "the issued JWT has no exp claim: it never "
			     "expires");
	if (over(s, is_jwt ? &j : NULL, doc, &msg)) {
		auth_finding(s, "auth.token-lifetime", where, msg.buf,
			     "issued token: %s (the document's limit)",
			     msg.buf);
	} else {
		/* a policy finding only where no document one stands */
		strbuf_reset(&msg);
		if (over(s, is_jwt ? &j : NULL, policy, &msg))
			auth_finding(s, "policy.token-lifetime", where,
				     msg.buf, "issued token: %s, the "
				     "organisation policy "
				     "policy_max_token_lifetime (no vendor "
				     "document sets this limit)", msg.buf);
	}
	if (is_jwt)
		jwt_release(&j);
	strbuf_release(&msg);
}
