/* auth_checks.c - the table of auth checks, and the documented 401/403
 * refusals checked live: each check sends the valid request with one
 * thing changed and compares the status with what the vendor document
 * says. See auth_checks.h for the other checks' files. */
#include "auth_checks.h"

#include <jansson.h>
#include <openssl/rand.h>
#include <stdlib.h>
#include <string.h>

#include "auth_url.h"
#include "lib/xalloc.h"

#define S(x) (1u << (x))
#define BEARER (S(AUTH_PRESTO) | S(AUTH_PRESTO_FI) | S(AUTH_VISTA_GAS) | \
		S(AUTH_VISTA_INTEGRATION) | S(AUTH_RESELLER_JWT))
#define JWT_STYLES (S(AUTH_VISTA_GAS) | S(AUTH_VISTA_INTEGRATION) | \
		    S(AUTH_RESELLER_JWT))

static const char *path_of(const struct auth_session *s,
			   const struct auth_variant *v)
{
	return v->path ? v->path : s->t->endpoint;
}

/* Send v; when the status is not `want`, report rule id with what. */
static long expect(struct auth_session *s, const struct auth_variant *v,
		   long want, const char *id, const char *what)
{
	long st = auth_call(s, v, NULL);
	char ev[32];

	if (st && st != want && (want != 401 || auth_ok(st))) {
		auth_evidence(st, ev);
		auth_finding(s, id, path_of(s, v), ev, "%s answered %ld, "
			     "want %ld", what, st, want);
	} else if (st && st != want) {
		auth_notice(s, "%s answered %ld (want %ld); not a success, "
			    "so not reported", what, st, want);
	}
	return st;
}

static void random_token(char *out, size_t n)
{
	static const char al[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnop"
				 "qrstuvwxyz0123456789";
	unsigned char r[64];

	RAND_bytes(r, sizeof(r));
	for (size_t i = 0; i + 1 < n && i < sizeof(r); i++)
		out[i] = al[r[i] % 62];
	out[n - 1 < sizeof(r) ? n - 1 : sizeof(r)] = '\0';
}

static void check_missing(struct auth_session *s)
{
	struct auth_variant v = { .no_authorization = 1 };

	expect(s, &v, 401, "auth.missing-accepted",
	       "a request without the Authorization header");
}

static void check_random(struct auth_session *s)
{
	struct auth_variant v = { 0 };
	char tok[48], hdr[64];

	random_token(tok, sizeof(tok));
	if (s->t->style == AUTH_PRESTO || s->t->style == AUTH_PRESTO_FI)
		snprintf(hdr, sizeof(hdr), "Bearer 999999|%s", tok);
	else
		snprintf(hdr, sizeof(hdr), "Bearer %s", tok);
	v.authorization = hdr;
	expect(s, &v, 401, "auth.random-accepted", "a random bearer token");
}

static void check_no_prefix(struct auth_session *s)
{
	struct auth_variant v = { .authorization = s->token };

	expect(s, &v, 401, "auth.bearer-prefix-optional",
	       "the token without the 'Bearer ' prefix");
}

static void check_scope(struct auth_session *s)
{
	struct auth_variant v = { .path = s->t->scope_endpoint };
	char ev[32];
	long st;

	if (!v.path)
		return;
	st = auth_call(s, &v, NULL);
	auth_evidence(st, ev);
	if (auth_ok(st))
		auth_finding(s, "auth.scope-not-enforced", v.path, ev,
			     "an endpoint outside the credential's scope "
			     "answered %ld, want 403", st);
	else if (st && st != 403)
		auth_notice(s, "scope check: %s answered %ld, want 403",
			    v.path, st);
}

enum auth_captcha_verdict auth_captcha_verdict(long without, long with)
{
	if (!without)
		return AUTH_CAPTCHA_NO_ANSWER;
	if (auth_ok(without))
		return AUTH_CAPTCHA_NOT_ENFORCED;
	if (without != 403)
		return AUTH_CAPTCHA_OTHER;
	return auth_ok(with) ? AUTH_CAPTCHA_ENFORCED : AUTH_CAPTCHA_UNCLEAR;
}

/* 403 without CaptchaResponse, and (so that the 403 is known to be about
 * reCAPTCHA) success with one. The probe cannot solve a CAPTCHA: it sends
 * a dummy value, which a server that checks it with Google refuses too;
 * then it says it could not tell, instead of counting a pass. */
static void check_captcha(struct auth_session *s)
{
	struct auth_variant v = { .path = s->t->captcha_endpoint };
	long without, with = 0;
	char ev[32];

	if (!v.path)
		return;
	without = auth_call(s, &v, NULL);
	if (without == 403) {
		v.captcha = "authaudit-probe-not-a-captcha-response";
		with = auth_call(s, &v, NULL);
	}
	auth_evidence(without, ev);
	switch (auth_captcha_verdict(without, with)) {
	case AUTH_CAPTCHA_NOT_ENFORCED:
		auth_finding(s, "auth.captcha-not-enforced", v.path, ev,
			     "the reCAPTCHA endpoint answered %ld without "
			     "CaptchaResponse, want 403", without);
		break;
	case AUTH_CAPTCHA_UNCLEAR:
		auth_notice(s, "reCAPTCHA check: %s answered 403 without "
			    "CaptchaResponse and %ld with a dummy one: "
			    "reCAPTCHA enforcement could not be told apart "
			    "from another refusal", v.path, with);
		break;
	case AUTH_CAPTCHA_OTHER:
		auth_notice(s, "reCAPTCHA check: %s answered %ld, want 403",
			    v.path, without);
		break;
	case AUTH_CAPTCHA_ENFORCED:
	case AUTH_CAPTCHA_NO_ANSWER:	/* auth_call said why */
		break;
	}
}

static void check_vista_headers(struct auth_session *s)
{
	struct auth_variant nokey = { .no_vista_key = 1 };
	struct auth_variant noten = { .no_vista_tenant = 1 };

	expect(s, &nokey, 401, "auth.vista-key-missing-accepted",
	       "a request without Vista-Api-Key");
	expect(s, &noten, 401, "auth.vista-tenant-missing-accepted",
	       "a request without Vista-Api-Tenant");
}

/* 1 when a refusal body carries the documented code -23. */
static int has_code_23(const struct strbuf *body)
{
	json_t *j = json_loadb(body->buf, body->len, 0, NULL);
	json_t *c = json_object_get(j, "code");
	int ok = (json_is_integer(c) && json_integer_value(c) == -23) ||
		 (json_is_string(c) && !strcmp(json_string_value(c), "-23"));

	json_decref(j);
	return ok;
}

static void check_apikey(struct auth_session *s)
{
	const char *revoked = auth_creds_get(s->cr, "revoked_api_key");
	static const char *const names[] = { "apikey", "APIKEY" };
	struct {
		struct auth_variant v;
		const char *id, *what;
	} rows[] = {
		{ { .no_apikey = 1 }, "auth.apikey-missing-accepted",
		  "a request without ApiKey" },
		{ { .apikey = "ak_live_not-a-key" },
		  "auth.apikey-malformed-accepted", "a malformed ApiKey" },
		{ { .apikey = revoked }, "auth.apikey-revoked-accepted",
		  "a revoked ApiKey" },
	};
	struct strbuf body = STRBUF_INIT, bad = STRBUF_INIT;
	char ev[32];
	long st;

	for (size_t i = 0; i < ARRAY_SIZE(rows); i++) {
		if (i == 2 && !revoked) {
			auth_notice(s, "revoked-key check skipped: no "
				    "'revoked_api_key' credential");
			continue;
		}
		strbuf_reset(&body);
		st = auth_call(s, &rows[i].v, &body);
		auth_evidence(st, ev);
		if (auth_ok(st))
			auth_finding(s, rows[i].id, s->t->endpoint, ev,
				     "%s answered %ld, want 401 (code -23)",
				     rows[i].what, st);
		else if (st == 401 && !has_code_23(&body))
			strbuf_addf(&bad, "%s%s", bad.len ? ", " : "",
				    rows[i].what);
	}
	if (bad.len)
		auth_finding(s, "auth.apikey-error-code", s->t->endpoint,
			     "no code -23", "401 without code -23 for: %s",
			     bad.buf);
	strbuf_reset(&bad);
	for (size_t i = 0; i < ARRAY_SIZE(names); i++) {
		struct auth_variant v = { .apikey_header = names[i] };

		if (!auth_ok(auth_call(s, &v, NULL)))
			strbuf_addf(&bad, "%s'%s'", bad.len ? ", " : "",
				    names[i]);
	}
	if (bad.len)
		auth_finding(s, "auth.apikey-header-case", s->t->endpoint,
			     bad.buf, "the valid key was refused under the "
			     "header name %s", bad.buf);
	strbuf_release(&body);
	strbuf_release(&bad);
}

static const struct auth_check {
	const char *name;
	unsigned styles;
	void (*run)(struct auth_session *s);
} checks[] = {
	{ "missing", BEARER, check_missing },
	{ "random", BEARER, check_random },
	{ "no-prefix", S(AUTH_RESELLER_JWT), check_no_prefix },
	{ "jwt-forgeries", JWT_STYLES, auth_check_jwt_forgeries },
	{ "jwt-expired", JWT_STYLES, auth_check_jwt_expired },
	{ "scope", BEARER, check_scope },
	{ "captcha", BEARER, check_captcha },
	{ "vista-headers", S(AUTH_VISTA_INTEGRATION), check_vista_headers },
	{ "apikey", S(AUTH_RESELLER_APIKEY), check_apikey },
	{ "lifetime", S(AUTH_VISTA_GAS) | S(AUTH_VISTA_INTEGRATION),
	  auth_check_issued_lifetime },
	{ "presto-expiry", S(AUTH_PRESTO), auth_check_presto_expiry },
	{ "fi-revocation", S(AUTH_PRESTO_FI), auth_check_fi_revocation },
};

void auth_checks_run(struct auth_session *s)
{
	for (size_t i = 0; i < ARRAY_SIZE(checks); i++)
		if (checks[i].styles & S(s->t->style))
			checks[i].run(s);
}

/* Did the API serve a plain-HTTP request? No answer, a redirect, 400
 * (nginx: "plain HTTP request was sent to HTTPS port"), 403, 426 (Upgrade
 * Required) and nginx's 497 are refusals; anything else (200, 401, 404...)
 * means the API itself answered over plain HTTP. */
static int plain_served(long st)
{
	return st && !(st >= 300 && st < 400) && st != 400 && st != 403 &&
	       st != 426 && st != 497;
}

void auth_check_plain_http(struct auth_session *s)
{
	struct http_request rq = { 0 };
	struct http_response rs;
	struct strbuf url = STRBUF_INIT;
	struct err e = ERR_INIT;
	char ev[64];

	/* the same host and port, http:// and no credential at all */
	if (auth_url_join(s->t->base_url, s->t->endpoint, 1, &url, &e)) {
		auth_notice(s, "plain-HTTP check skipped: %s", e.msg);
		return;
	}
	rq.url = url.buf;
	rq.plain = 1;
	if (http_send(s->http, &rq, &rs, &e)) {
		auth_notice(s, "plain-HTTP check skipped: %s", e.msg);
	} else if (plain_served(rs.status)) {
		snprintf(ev, sizeof(ev), "HTTP %ld over plain HTTP",
			 rs.status);
		auth_finding(s, "auth.plain-http-answered", s->t->endpoint,
			     ev, "a plain-HTTP request (no credentials) was "
			     "answered with %ld instead of being refused",
			     rs.status);
	}
	http_response_release(&rs);
	strbuf_release(&url);
}
