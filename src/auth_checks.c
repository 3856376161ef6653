/* auth_checks.c - the documented 401/403 behaviours and token-endpoint
 * rules, checked live: each check sends the valid request with one thing
 * changed and compares the status with what the vendor document says. */
#include "auth_checks.h"

#include <jansson.h>
#include <openssl/rand.h>
#include <stdlib.h>
#include <string.h>

#include "jwt.h"
#include "jwt_forge.h"
#include "token_check.h"
#include "xalloc.h"

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
	char ev[64];

	if (st && st != want && (want != 401 || auth_ok(st))) {
		snprintf(ev, sizeof(ev), "HTTP %ld", st);
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

/* Send "Bearer <forged>" and report id when it is accepted. */
static int forged(struct auth_session *s, const struct strbuf *tok)
{
	struct auth_variant v = { 0 };
	struct strbuf h = STRBUF_INIT;
	long st;

	strbuf_addf(&h, "Bearer %s", tok->buf);
	v.authorization = h.buf;
	st = auth_call(s, &v, NULL);
	explicit_bzero(h.buf, h.len);
	strbuf_release(&h);
	return auth_ok(st) ? (int)st : 0;
}

static int is_jwt(const struct auth_session *s)
{
	struct jwt j;
	struct err e = ERR_INIT;

	if (jwt_decode(s->token, strlen(s->token), &j, &e))
		return 0;
	jwt_release(&j);
	return 1;
}

static void check_jwt_forgeries(struct auth_session *s)
{
	static const char *const spellings[] = { "none", "None", "NONE",
						 "nOnE" };
	struct strbuf tok = STRBUF_INIT, acc = STRBUF_INIT;
	struct err e = ERR_INIT;
	const char *p = s->t->endpoint;
	int st;

	if (!is_jwt(s)) {
		auth_notice(s, "the valid token is not a JWT: no JWT forgery "
			    "checks");
		return;
	}
	if (!jwt_forge_tampered(s->token, strlen(s->token), &tok, &e) &&
	    (st = forged(s, &tok)))
		auth_finding(s, "auth.jwt-tampered-accepted", p, "HTTP 200",
			     "the JWT with a flipped signature bit answered "
			     "%d, want 401", st);
	strbuf_reset(&tok);
	for (size_t i = 0; i < ARRAY_SIZE(spellings); i++) {
		if (!jwt_forge_alg_none(s->token, strlen(s->token),
					spellings[i], &tok, &e) &&
		    forged(s, &tok))
			strbuf_addf(&acc, "%s'%s'", acc.len ? ", " : "",
				    spellings[i]);
		strbuf_reset(&tok);
	}
	if (acc.len)
		auth_finding(s, "auth.jwt-alg-none-accepted", p, acc.buf,
			     "unsigned JWTs with alg %s were accepted, want "
			     "401", acc.buf);
	if (!jwt_forge_unsigned(s->token, strlen(s->token), &tok, &e) &&
	    (st = forged(s, &tok)))
		auth_finding(s, "auth.jwt-unsigned-accepted", p, "HTTP 200",
			     "the JWT with its signature removed answered "
			     "%d, want 401", st);
	strbuf_release(&tok);
	strbuf_release(&acc);
}

static void check_jwt_expired(struct auth_session *s)
{
	const char *given = auth_creds_get(s->cr, "expired_token");
	const char *key = auth_creds_get(s->cr, "jwt_key");
	struct strbuf tok = STRBUF_INIT;
	struct err e = ERR_INIT;
	int st;

	if (!is_jwt(s))
		return;
	if (given) {
		strbuf_addstr(&tok, given);
	} else if (!key || jwt_forge_expired(s->token, strlen(s->token), key,
					     strlen(key), (long long)s->now,
					     &tok, &e)) {
		auth_notice(s, "expired-token check skipped: no "
			    "'expired_token' or 'jwt_key' credential");
		strbuf_release(&tok);
		return;
	}
	if ((st = forged(s, &tok)))
		auth_finding(s, "auth.jwt-expired-accepted", s->t->endpoint,
			     "HTTP 200", "a JWT that expired an hour ago "
			     "answered %d, want 401", st);
	explicit_bzero(tok.buf, tok.len);
	strbuf_release(&tok);
}

static void check_scope(struct auth_session *s)
{
	struct auth_variant v = { .path = s->t->scope_endpoint };
	long st;

	if (!v.path)
		return;
	st = auth_call(s, &v, NULL);
	if (auth_ok(st))
		auth_finding(s, "auth.scope-not-enforced", v.path, "HTTP 200",
			     "an endpoint outside the credential's scope "
			     "answered %ld, want 403", st);
	else if (st && st != 403)
		auth_notice(s, "scope check: %s answered %ld, want 403",
			    v.path, st);
}

static void check_captcha(struct auth_session *s)
{
	struct auth_variant v = { .path = s->t->captcha_endpoint };
	long st;

	if (!v.path)
		return;
	st = auth_call(s, &v, NULL);
	if (auth_ok(st))
		auth_finding(s, "auth.captcha-not-enforced", v.path,
			     "HTTP 200", "the reCAPTCHA endpoint answered %ld "
			     "without CaptchaResponse, want 403", st);
	else if (st && st != 403)
		auth_notice(s, "reCAPTCHA check: %s answered %ld, want 403",
			    v.path, st);
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
	long st;

	for (size_t i = 0; i < ARRAY_SIZE(rows); i++) {
		if (i == 2 && !revoked) {
			auth_notice(s, "revoked-key check skipped: no "
				    "'revoked_api_key' credential");
			continue;
		}
		strbuf_reset(&body);
		st = auth_call(s, &rows[i].v, &body);
		if (auth_ok(st))
			auth_finding(s, rows[i].id, s->t->endpoint, "HTTP 200",
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

/* Presto: the requested date is honoured, and one beyond the profile's
 * max_token_request_days is refused. */
static void check_presto_expiry(struct auth_session *s)
{
	struct auth_issued is;
	struct err e = ERR_INIT;
	char want[16], far[16];
	time_t t;
	struct tm tm;
	long days = 365;
	const char *ep = s->t->token_endpoint;

	if (!auth_creds_get(s->cr, "email"))
		return;		/* a given token: nothing to request */
	profile_param_long(s->rs, s->profile, "max_token_request_days", &days,
			   &e);
	t = s->now + 30 * 86400;
	gmtime_r(&t, &tm);
	strftime(want, sizeof(want), "%Y-%m-%d", &tm);
	if (!auth_issue(s, want, &is) && auth_ok(is.status) &&
	    strncmp(is.expiration_date, want, 10))
		auth_finding(s, "auth.token-expiry-ignored", ep,
			     is.expiration_date, "requested "
			     "token_expiration_date %s, the token expires "
			     "%.10s", want, is.expiration_date);
	auth_issued_release(&is);
	t = s->now + (days + 30) * 86400;
	gmtime_r(&t, &tm);
	strftime(far, sizeof(far), "%Y-%m-%d", &tm);
	if (!auth_issue(s, far, &is) && auth_ok(is.status) &&
	    strncmp(is.expiration_date, far, 10) >= 0)
		auth_finding(s, "auth.token-limit-not-enforced", ep,
			     is.expiration_date, "a token expiring %.10s, "
			     "beyond the profile's %ld days, was issued",
			     is.expiration_date, days);
	auth_issued_release(&is);
}

/* Presto FI: a new token revokes the earlier one. */
static void check_fi_revocation(struct auth_session *s)
{
	struct auth_issued is;
	struct auth_variant v = { 0 };
	long st;

	if (!auth_creds_get(s->cr, "email"))
		return;
	if (auth_issue(s, NULL, &is) || !is.token) {
		auth_notice(s, "revocation check: no second token (HTTP %ld)",
			    is.status);
		auth_issued_release(&is);
		return;
	}
	st = auth_call(s, &v, NULL);	/* the earlier token */
	if (auth_ok(st))
		auth_finding(s, "auth.token-not-revoked",
			     s->t->token_endpoint, "HTTP 200", "after a new "
			     "token was issued the earlier one answered %ld, "
			     "want 401", st);
	/* the new token is the valid one from now on */
	explicit_bzero(s->token, strlen(s->token));
	free(s->token);
	s->token = is.token;
	is.token = NULL;
	auth_issued_release(&is);
}

/* Vista: expires_in and the JWT's exp within max_token_lifetime. */
static void check_issued_lifetime(struct auth_session *s)
{
	struct token_result res[TOKEN__COUNT];
	struct strbuf msg = STRBUF_INIT;
	struct err e = ERR_INIT;
	struct jwt j;
	long max = 0;
	size_t n;

	if (auth_creds_get(s->cr, "token"))
		return;		/* a given token: the endpoint not asked */
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

static const struct auth_check {
	const char *name;
	unsigned styles;
	void (*run)(struct auth_session *s);
} checks[] = {
	{ "missing", BEARER, check_missing },
	{ "random", BEARER, check_random },
	{ "no-prefix", S(AUTH_RESELLER_JWT), check_no_prefix },
	{ "jwt-forgeries", JWT_STYLES, check_jwt_forgeries },
	{ "jwt-expired", JWT_STYLES, check_jwt_expired },
	{ "scope", BEARER, check_scope },
	{ "captcha", BEARER, check_captcha },
	{ "vista-headers", S(AUTH_VISTA_INTEGRATION), check_vista_headers },
	{ "apikey", S(AUTH_RESELLER_APIKEY), check_apikey },
	{ "lifetime", S(AUTH_VISTA_GAS) | S(AUTH_VISTA_INTEGRATION),
	  check_issued_lifetime },
	{ "presto-expiry", S(AUTH_PRESTO), check_presto_expiry },
	{ "fi-revocation", S(AUTH_PRESTO_FI), check_fi_revocation },
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
	strbuf_addf(&url, "http://%s%s", s->t->base_url + 8, s->t->endpoint);
	rq.url = url.buf;
	rq.plain = 1;
	if (!http_send(s->http, &rq, &rs, &e) && plain_served(rs.status)) {
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
