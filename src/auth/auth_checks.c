/* auth_checks.c - the table of auth checks, and the documented 401/403
 * refusals checked live: each check sends the valid request with one
 * thing changed and compares the status with what the vendor document
 * says. See auth_checks.h for the other checks' files. */
#include "auth_checks.h"

#include <curl/curl.h>
#include <jansson.h>
#include <openssl/rand.h>
#include <stdlib.h>
#include <string.h>

#include "auth_url.h"
#include "lib/jwt.h"
#include "lib/xalloc.h"

#define S(x) (1u << (x))
#define BEARER (S(AUTH_PRESTO) | S(AUTH_PRESTO_FI) | S(AUTH_VISTA_GAS) | \
		S(AUTH_VISTA_INTEGRATION) | S(AUTH_RESELLER_JWT))
#define JWT_STYLES (S(AUTH_VISTA_GAS) | S(AUTH_VISTA_INTEGRATION) | \
		    S(AUTH_RESELLER_JWT))

static const struct auth_endpoint *ep_of(const struct auth_session *s,
					 const struct auth_variant *v)
{
	return v->ep ? v->ep : &s->t->endpoint;
}

/* Send v; a status other than `want` reports rule id with what when it
 * let the request through (else it is a notice: refused all the same). */
static long expect(struct auth_session *s, const struct auth_variant *v,
		   long want, const char *id, const char *what)
{
	const struct auth_endpoint *ep = ep_of(s, v);
	long st = auth_call(s, v, NULL);
	char ev[32], where[600];

	auth_surface(ep, where, sizeof(where));
	if (st && st != want && (want != 401 ||
				 auth_endpoint_accepted(ep, st))) {
		auth_evidence(st, ev);
		auth_finding(s, id, ep->path, ev, "%s (%s) answered %ld, "
			     "want %ld", what, where, st, want);
	} else if (st && st != want) {
		auth_notice(s, "%s (%s) answered %ld (want %ld); not a "
			    "success, so not reported", what, where, st,
			    want);
	} else if (!st) {
		auth_skip(s, id, "%s (%s): no answer, so not checked", what,
			  where);
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

/* Does the JWT tok's scope claim (space-separated) hold scope: 1, 0, or
 * -1 when tok is no JWT or has no scope claim (nothing to tell by). */
static int jwt_scope_state(const char *tok, const char *scope)
{
	struct err e = ERR_INIT;
	struct jwt j;
	const char *sc;
	size_t n = strlen(scope);
	int hit = 0;

	if (jwt_decode(tok, strlen(tok), &j, &e))
		return -1;
	sc = json_string_value(json_object_get(j.payload, "scope"));
	for (const char *p = sc; p && *p && !hit; p += strcspn(p, " ")) {
		p += strspn(p, " ");
		hit = !strncmp(p, scope, n) && (p[n] == ' ' || !p[n]);
	}
	jwt_release(&j);
	return sc ? hit : -1;
}

/* A valid token that lacks scopes: the credential limited_token, else
 * one asked of the token endpoint for limited_scopes only (once). */
static const char *limited_token(struct auth_session *s, const char **why)
{
	const char *given = auth_creds_get(s->cr, "limited_token");
	struct auth_issued is;

	*why = "give credential 'limited_token' (a valid token lacking the "
	       "scope) or 'limited_scopes' (asked of the token endpoint)";
	if (given)
		return given;
	if (s->limited_token || s->limited_tried || !s->t->limited_scopes.nr)
		return s->limited_token;
	s->limited_tried = 1;
	if (!s->t->token_endpoint.path) {
		*why = "limited_scopes needs a token endpoint";
		return NULL;
	}
	if (auth_issue(s, "authaudit-limited", NULL, &s->t->limited_scopes,
		       &is) || !is.token) {
		*why = "the token endpoint issued no token for "
		       "limited_scopes";
		auth_issued_release(&is);
		return NULL;
	}
	s->limited_token = is.token;
	is.token = NULL;
	auth_issued_release(&is);
	return s->limited_token;
}

/* One scope_checks row: the valid credential succeeds there (so a 403
 * is about the scope), and a valid one lacking the scope gets 403. */
static void check_scope_row(struct auth_session *s,
			    const struct auth_endpoint *ep)
{
	static const char id[] = "auth.scope-not-enforced";
	struct auth_variant v = { .ep = ep };
	const char *lim, *why;
	char ev[32], where[600], name[700];
	long st;

	auth_surface(ep, where, sizeof(where));
	snprintf(name, sizeof(name), "scope check of %s (scope '%s')", where,
		 ep->scope);
	if (!auth_surface_ready(s, ep, id, name))
		return;
	st = auth_call(s, &v, NULL);
	if (!auth_endpoint_success(ep, st)) {
		auth_skip(s, id, "%s skipped: the valid credential got %ld "
			  "there, so a 403 would not show that the scope is "
			  "enforced", name, st);
		return;
	}
	if (!(lim = limited_token(s, &why))) {
		auth_skip(s, id, "%s skipped: no credential lacking the "
			  "scope: %s", name, why);
		return;
	}
	/* a token asked for fewer scopes is one only when it says so: a
	 * token endpoint that ignores the request would make a false
	 * finding (a given limited_token is the config's word) */
	switch (jwt_scope_state(lim, ep->scope)) {
	case 1:
		auth_skip(s, id, "%s skipped: the limited token holds scope "
			  "'%s' all the same", name, ep->scope);
		return;
	case -1:
		if (lim == s->limited_token) {
			auth_skip(s, id, "%s skipped: the token asked for "
				  "limited_scopes names no scopes, so it may "
				  "hold '%s'; give 'limited_token'", name,
				  ep->scope);
			return;
		}
		break;
	default:
		break;
	}
	v.token = lim;
	st = auth_call(s, &v, NULL);
	auth_evidence(st, ev);
	if (auth_endpoint_accepted(ep, st))
		auth_finding(s, id, ep->path, ev, "a valid token without "
			     "scope '%s' was accepted by %s (answered %ld), "
			     "want 403", ep->scope, where, st);
	else if (st != 403)
		auth_skip(s, id, "%s: a valid token without the scope got "
			  "%ld, want 403 (a valid token that lacks the scope)",
			  name, st);
}

static void check_scope(struct auth_session *s)
{
	for (size_t i = 0; i < s->t->nr_scope_checks; i++)
		check_scope_row(s, &s->t->scope_checks[i]);
}

/* Reseller ApiKey: a valid key on an endpoint its tenant lacks access to
 * (a scope_checks row) gets 403. */
static void check_apikey_access(struct auth_session *s)
{
	static const char id[] = "auth.apikey-access-not-enforced";

	for (size_t i = 0; i < s->t->nr_scope_checks; i++) {
		const struct auth_endpoint *ep = &s->t->scope_checks[i];
		struct auth_variant v = { .ep = ep };
		char ev[32], where[600], name[700];
		long st;

		auth_surface(ep, where, sizeof(where));
		snprintf(name, sizeof(name), "access check of %s (access "
			 "'%s')", where, ep->scope);
		if (!auth_surface_ready(s, ep, id, name))
			continue;
		st = auth_call(s, &v, NULL);
		auth_evidence(st, ev);
		if (auth_endpoint_accepted(ep, st))
			auth_finding(s, id, ep->path, ev, "the valid key was "
				     "accepted by %s (answered %ld), whose "
				     "access '%s' its tenant lacks; want "
				     "403", where, st, ep->scope);
		else if (st != 403)
			auth_skip(s, id, "%s: the valid key got %ld, want 403 "
				  "(the tenant lacks access)", name, st);
	}
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
	static const char id[] = "auth.captcha-not-enforced";
	const struct auth_endpoint *ep = &s->t->captcha_endpoint;
	struct auth_variant v = { .ep = ep };
	long without, with = 0;
	char ev[32], where[600];

	if (!ep->path || !auth_surface_ready(s, ep, id, "reCAPTCHA check"))
		return;
	auth_surface(ep, where, sizeof(where));
	without = auth_call(s, &v, NULL);
	if (without == 403) {
		v.captcha = "authaudit-probe-not-a-captcha-response";
		with = auth_call(s, &v, NULL);
	}
	auth_evidence(without, ev);
	switch (auth_captcha_verdict(auth_endpoint_accepted(ep, without) ?
				     200 : without,
				     auth_endpoint_accepted(ep, with) ? 200 :
				     with)) {
	case AUTH_CAPTCHA_NOT_ENFORCED:
		auth_finding(s, id, ep->path, ev, "the reCAPTCHA endpoint "
			     "(%s) answered %ld without CaptchaResponse, "
			     "want 403", where, without);
		break;
	case AUTH_CAPTCHA_UNCLEAR:
		auth_skip(s, id, "reCAPTCHA check: %s answered 403 without "
			  "CaptchaResponse and %ld with a dummy one: "
			  "reCAPTCHA enforcement could not be told apart "
			  "from another refusal", where, with);
		break;
	case AUTH_CAPTCHA_OTHER:
		auth_skip(s, id, "reCAPTCHA check: %s answered %ld, want 403",
			  where, without);
		break;
	case AUTH_CAPTCHA_NO_ANSWER:	/* auth_call said why */
		report_target_untested(s->r, s->target, id, "reCAPTCHA check: "
				       "no answer");
		break;
	case AUTH_CAPTCHA_ENFORCED:
		break;
	}
}

/* Vista Integration: each of the three headers missing, and the key and
 * tenant with values that are not the valid ones, get 401. */
static void check_vista_headers(struct auth_session *s)
{
	static const struct {
		struct auth_variant v;
		const char *id, *what;
	} rows[] = {
		{ { .no_vista_key = 1 }, "auth.vista-key-missing-accepted",
		  "a request without Vista-Api-Key" },
		{ { .vista_key = "authaudit-not-the-api-key" },
		  "auth.vista-key-invalid-accepted",
		  "a request with an invalid Vista-Api-Key" },
		{ { .no_vista_tenant = 1 },
		  "auth.vista-tenant-missing-accepted",
		  "a request without Vista-Api-Tenant" },
		{ { .vista_tenant = "authaudit-no-such-tenant" },
		  "auth.vista-tenant-invalid-accepted",
		  "a request with an invalid Vista-Api-Tenant" },
	};

	for (size_t i = 0; i < ARRAY_SIZE(rows); i++)
		expect(s, &rows[i].v, 401, rows[i].id, rows[i].what);
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
	const struct auth_endpoint *ep = &s->t->endpoint;
	static const char *const names[] = { "apikey", "APIKEY" };
	/* each way the document's 401 (-23) row names, the key of the
	 * credential named (NULL: the row's own value) */
	static const struct {
		const char *cred, *value, *id, *what, *check;
		int none;
	} rows[] = {
		{ NULL, NULL, "auth.apikey-missing-accepted",
		  "a request without ApiKey", NULL, 1 },
		{ NULL, "ak_live_not-a-key", "auth.apikey-malformed-accepted",
		  "a malformed ApiKey", NULL, 0 },
		{ "expired_api_key", NULL, "auth.apikey-expired-accepted",
		  "an expired ApiKey", "expired-key", 0 },
		{ "revoked_api_key", NULL, "auth.apikey-revoked-accepted",
		  "a revoked ApiKey", "revoked-key", 0 },
		{ "other_tenant_api_key", NULL,
		  "auth.apikey-wrong-tenant-accepted",
		  "the ApiKey of another tenant", "other-tenant-key", 0 },
	};
	struct strbuf body = STRBUF_INIT, bad = STRBUF_INIT;
	char ev[32], where[600];
	long st;

	auth_surface(ep, where, sizeof(where));
	for (size_t i = 0; i < ARRAY_SIZE(rows); i++) {
		struct auth_variant v = { .no_apikey = rows[i].none,
					  .apikey = rows[i].value };

		if (rows[i].cred &&
		    !(v.apikey = auth_creds_get(s->cr, rows[i].cred))) {
			auth_skip(s, rows[i].id, "%s check skipped: no '%s' "
				  "credential", rows[i].check, rows[i].cred);
			continue;
		}
		strbuf_reset(&body);
		st = auth_call(s, &v, &body);
		auth_evidence(st, ev);
		if (auth_endpoint_accepted(ep, st))
			auth_finding(s, rows[i].id, ep->path, ev, "%s (%s) "
				     "answered %ld, want 401 (code -23)",
				     rows[i].what, where, st);
		else if (st == 401 && !has_code_23(&body))
			strbuf_addf(&bad, "%s%s", bad.len ? ", " : "",
				    rows[i].what);
	}
	if (bad.len)
		auth_finding(s, "auth.apikey-error-code", ep->path,
			     "no code -23", "401 without code -23 for: %s",
			     bad.buf);
	strbuf_reset(&bad);
	for (size_t i = 0; i < ARRAY_SIZE(names); i++) {
		struct auth_variant v = { .apikey_header = names[i] };

		if (!auth_endpoint_success(ep, auth_call(s, &v, NULL)))
			strbuf_addf(&bad, "%s'%s'", bad.len ? ", " : "",
				    names[i]);
	}
	if (bad.len)
		auth_finding(s, "auth.apikey-header-case", ep->path,
			     bad.buf, "the valid key was refused under the "
			     "header name %s (%s)", bad.buf, where);
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
	{ "apikey-access", S(AUTH_RESELLER_APIKEY), check_apikey_access },
	{ "lifetime", JWT_STYLES, auth_check_issued_lifetime },
	{ "presto-expiry", S(AUTH_PRESTO), auth_check_presto_expiry },
	{ "fi-revocation", S(AUTH_PRESTO_FI), auth_check_fi_revocation },
};

void auth_checks_run(struct auth_session *s)
{
	for (size_t i = 0; i < ARRAY_SIZE(checks); i++)
		if (checks[i].styles & S(s->t->style))
			checks[i].run(s);
}

/* Did the API serve a plain-HTTP request? A redirect, 400 (nginx:
 * "plain HTTP request was sent to HTTPS port"), 403, 426 (Upgrade
 * Required) and nginx's 497 are refusals; anything else (200, 401,
 * 404...) means the API itself answered over plain HTTP. */
static int plain_served(long st)
{
	return !(st >= 300 && st < 400) && st != 400 && st != 403 &&
	       st != 426 && st != 497;
}

/* No status line came: was the request refused, or not even delivered?
 * Refused when the host said so: nothing listens on the port (a reset
 * to the connection attempt), or the server that took the connection
 * closed or reset it, or answered something that is not HTTP. A timeout,
 * a name that does not resolve, any other failure: not reached, which is
 * never a pass. */
static int plain_refused(const struct http_response *rs)
{
	switch (rs->curl_code) {
	case CURLE_COULDNT_CONNECT:
		return 1;
	case CURLE_GOT_NOTHING:
	case CURLE_RECV_ERROR:
	case CURLE_SEND_ERROR:
	case CURLE_WEIRD_SERVER_REPLY:
		return rs->connected;
	default:
		return 0;
	}
}

/* The port of an http:// URL (80 when it names none). */
static long port_of(const char *url)
{
	CURLU *u = curl_url();
	char *p = NULL;
	long port = 80;

	if (u && curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK &&
	    curl_url_get(u, CURLUPART_PORT, &p, CURLU_DEFAULT_PORT) ==
	    CURLUE_OK && p)
		port = strtol(p, NULL, 10);
	curl_free(p);
	curl_url_cleanup(u);
	return port;
}

/* Plain HTTP to the target's host: port 80 with the endpoint's path, or
 * the target's http_url; the endpoint's method, and no credential, no
 * body, no header at all. What came back is the evidence, with the port;
 * a request that reached nothing is said so and is no pass. */
void auth_check_plain_http(struct auth_session *s)
{
	static const char id[] = "auth.plain-http-answered";
	struct http_request rq = { 0 };
	struct http_response rs;
	struct strbuf url = STRBUF_INIT;
	struct err e = ERR_INIT;
	char ev[700];
	long port;

	if (auth_target_http_url(s->t, &url, &e)) {
		auth_skip(s, id, "plain-HTTP check skipped: %s", e.msg);
		strbuf_release(&url);
		return;
	}
	port = port_of(url.buf);
	rq.url = url.buf;
	rq.method = s->t->endpoint.method;
	rq.plain = 1;
	if (http_send(s->http, &rq, &rs, &e)) {
		auth_skip(s, id, "plain-HTTP check skipped: %s", e.msg);
	} else if (rs.status && plain_served(rs.status)) {
		snprintf(ev, sizeof(ev), "HTTP %ld over plain HTTP at %s "
			 "(port %ld)", rs.status, url.buf, port);
		auth_finding(s, id, s->t->endpoint.path, ev, "a plain-HTTP "
			     "request (no credentials) to port %ld was "
			     "answered with %ld instead of being refused",
			     port, rs.status);
	} else if (rs.status) {
		report_add_fact(s->r, url.buf, "plain HTTP", "port %ld: "
				"refused with HTTP %ld (target '%s')", port,
				rs.status, s->t->name);
	} else if (plain_refused(&rs)) {
		report_add_fact(s->r, url.buf, "plain HTTP", "port %ld: "
				"refused, no answer: %s (target '%s')", port,
				rs.error, s->t->name);
	} else {
		auth_skip(s, id, "plain-HTTP check: %s (port %ld) not reached "
			  "(%s): not counted as a pass; set http_url to the "
			  "plain-HTTP address the API may answer on", url.buf,
			  port, rs.error);
	}
	http_response_release(&rs);
	strbuf_release(&url);
}
