/* test_auth_probe.c - one target's probe session (auth_probe.c) against a
 * real HTTPS server on 127.0.0.1 (tls_fixture.h), its certificate made
 * now and trusted through the target's ca_file, each request recorded:
 *  - the control request carries the target's credential in its style
 *    (Bearer, ApiKey, the Vista headers), and each variant changes only
 *    the one thing it names; the status and the body come back as sent;
 *  - a control request refused, a missing credential, presto-fi without
 *    allow_token_reissue: "could not test" notices, and nothing sent that
 *    need not be;
 *  - redirects are reported by kind and never followed; a path off the
 *    origin is not sent; a dead port and an empty answer are notices;
 *  - tokens from the token endpoint in each style (JSON, form, Presto),
 *    the request bodies exactly; the created tokens listed with their
 *    expiry, never their values; the per-run and the ledger's limits;
 *    an answer without a token, one longer than 64 KiB;
 *  - findings only under rules the profile selects, placed on the URL.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "check_main.h"
#include "tls_fixture.h"
#include "auth/auth_probe.h"
#include "lib/strbuf.h"

#define NOW 1800000000LL	/* 2027-01-15T08:00:00Z */

static char dir[64], ca_path[96];
static EVP_PKEY *ca_key, *srv_key;
static X509 *ca, *srv_cert;
static struct ruleset rs = RULESET_INIT;

/* Only auth.missing-accepted, and a ledger that allows two tokens. */
static const char tight_yaml[] =
	"profiles:\n"
	"  - name: tight\n"
	"    title: Two tokens a quarter hour\n"
	"    rules: ['auth.missing-accepted']\n"
	"    params:\n"
	"      token_rate_limit: 2\n";

static void setup_run(void)
{
	static const struct tf_spec ca_s = { "authaudit test ca", -1, 30, 1,
					     NULL, NULL };
	static const struct tf_spec srv_s = { "127.0.0.1", -1, 30, 0,
					      "IP:127.0.0.1", NULL };
	struct err e = ERR_INIT;
	time_t now = time(NULL);

	snprintf(dir, sizeof(dir), "/tmp/authaudit-authprobe-%d",
		 (int)getpid());
	ck_assert_int_eq(mkdir(dir, 0700), 0);
	ca_key = tf_key(0);
	srv_key = tf_key(0);
	ca = tf_cert(&ca_s, now, ca_key, NULL, NULL);
	srv_cert = tf_cert(&srv_s, now, srv_key, ca, ca_key);
	snprintf(ca_path, sizeof(ca_path), "%s/ca.pem", dir);
	tf_write_certs(ca_path, &ca, 1);
	ck_assert_msg(!ruleset_load_dir(&rs, "rules", 0, &e), "%s", e.msg);
	ck_assert_msg(!ruleset_load_buffer(&rs, "tight.yaml", tight_yaml,
					   strlen(tight_yaml), 0, &e), "%s",
		      e.msg);
}

static void teardown_run(void)
{
	char cmd[128];

	X509_free(ca);
	X509_free(srv_cert);
	EVP_PKEY_free(ca_key);
	EVP_PKEY_free(srv_key);
	ruleset_release(&rs);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
}

/* Each test its own token-request ledger. */
static void setup(void)
{
	char state[128];

	snprintf(state, sizeof(state), "%s/state-%d", dir, (int)getpid());
	ck_assert_int_eq(setenv("AUTHAUDIT_STATE_DIR", state, 1), 0);
}

/* ---- the server's script ------------------------------------------- */

struct route {
	const char *method;	/* NULL: any */
	const char *path;
	const char *auth;	/* the Authorization it takes; NULL: any */
	int status;		/* the answer when it is there */
	const char *headers;	/* extra header lines, each with CRLF */
	const char *body;
	size_t big;		/* a body of this many bytes instead */
};

/* A route for rq's method and path answers; without the Authorization
 * it takes, 401; no route, 404; status -1, no answer at all. */
static void answer(void *arg, const struct tf_request *rq, struct strbuf *out)
{
	const struct route *rt = arg;
	char got[512];
	const char *body = "{\"message\":\"Not Found\"}", *extra = "";
	int status = 404;
	size_t len;

	for (; rt->path; rt++) {
		if (strcmp(rt->path, rq->path) ||
		    (rt->method && strcmp(rt->method, rq->method)))
			continue;
		if (rt->auth && (!tf_header(rq, "Authorization", got,
					    sizeof(got)) ||
				 strcmp(got, rt->auth))) {
			status = 401;
			body = "{\"error\":\"unauthorized\"}";
		} else {
			status = rt->status;
			body = rt->body ? rt->body : "";
			extra = rt->headers ? rt->headers : "";
		}
		break;
	}
	if (status < 0)
		return;		/* no answer at all */
	len = rt->path && rt->big ? rt->big : strlen(body);
	strbuf_addf(out, "HTTP/1.1 %d X\r\nContent-Type: application/json\r\n"
		    "Content-Length: %zu\r\nConnection: close\r\n%s\r\n",
		    status, len, extra);
	if (rt->path && rt->big) {
		size_t start = out->len;

		strbuf_addstr(out, "{\"pad\":\"");
		while (out->len - start < len)
			strbuf_addch(out, 'x');
	} else {
		strbuf_addstr(out, body);
	}
}

/* ---- a session ------------------------------------------------------ */

/* A GET surface at path, for a variant's ep. */
static const struct auth_endpoint *at_path(struct auth_endpoint *ep,
					   const char *path)
{
	memset(ep, 0, sizeof(*ep));
	ep->path = (char *)path;
	return ep;
}

struct sess {
	struct tf_server own, *srv;	/* srv: own, or one sessions share */
	struct auth_target t;
	struct kv env[8];
	char names[8][32];
	struct auth_creds cr;
	struct http_client http;
	struct auth_session s;
	struct report r;
	char base[64];
};

/* A target of style on srv (NULL: on a dead port), its credentials
 * "name", "value", ... from the environment, as a config's `env:` gives
 * them. */
static void sess_on(struct sess *x, enum auth_style style,
		    struct tf_server *srv, const char *const *creds)
{
	struct err e = ERR_INIT;
	size_t n = 0;
	unsigned port = srv ? srv->port : tf_closed_port();

	x->srv = srv;
	snprintf(x->base, sizeof(x->base), "https://127.0.0.1:%u", port);
	x->t.name = "api";
	x->t.style = style;
	x->t.style_name = (char *)auth_style_names[style];
	x->t.profile = (char *)auth_style_profile(style);
	x->t.base_url = x->base;
	x->t.endpoint.path = style == AUTH_RESELLER_APIKEY ?
			     "/Supplier/Products/List" : "/Orders/List";
	x->t.token_endpoint.path = style == AUTH_PRESTO ?
			      "/api/developer/v1/auth/token" :
			      style == AUTH_PRESTO_FI ?
			      "/api/fi/v1/auth/token" : style ==
			      AUTH_VISTA_GAS ? "/connect/token" :
			      "/oauth/token";
	x->t.ca_file = ca_path;
	for (; creds && creds[0]; creds += 2, n++) {
		snprintf(x->names[n], sizeof(x->names[n]), "AATEST_%s",
			 creds[0]);
		ck_assert_int_eq(setenv(x->names[n], creds[1], 1), 0);
		x->env[n].key = (char *)creds[0];
		x->env[n].value = x->names[n];
	}
	x->t.cred_env.items = x->env;
	x->t.cred_env.nr = x->t.cred_env.alloc = n;
	ck_assert_msg(!auth_creds_load(&x->cr, &x->t, &e), "%s", e.msg);
	ck_assert_msg(!http_client_init(&x->http, x->base, ca_path, &e),
		      "%s", e.msg);
	report_init(&x->r, "auth");
	x->s.t = &x->t;
	x->s.cr = &x->cr;
	x->s.http = &x->http;
	x->s.rs = &rs;
	x->s.profile = ruleset_profile(&rs, x->t.profile);
	ck_assert_ptr_nonnull(x->s.profile);
	x->s.r = &x->r;
	x->s.now = (time_t)NOW;
}

/* The same on a server of its own running routes (NULL: none). */
static void sess_init(struct sess *x, enum auth_style style,
		      const struct route *routes, const char *const *creds)
{
	memset(x, 0, sizeof(*x));
	if (routes)
		tf_server_start(&x->own, &srv_cert, 1, srv_key, answer,
				(void *)routes);
	sess_on(x, style, routes ? &x->own : NULL, creds);
}

static void sess_release(struct sess *x)
{
	auth_session_release(&x->s);
	report_release(&x->r);
	http_client_release(&x->http);
	auth_creds_release(&x->cr);
	for (size_t i = 0; i < x->t.cred_env.nr; i++)
		unsetenv(x->names[i]);
	if (x->own.ctx)
		tf_server_stop(&x->own);
}

/* The notices, one "where: message" line each, {base} being the
 * target's base URL and {port} its port in want. */
static void expect_notices(struct sess *x, const char *want)
{
	struct strbuf got = STRBUF_INIT, exp = STRBUF_INIT;
	const char *port = strrchr(x->base, ':') + 1;

	for (size_t i = 0; i < x->r.nr_notices; i++)
		strbuf_addf(&got, "%s: %s\n", x->r.notices[i].where,
			    x->r.notices[i].message);
	for (const char *p = want; *p; ) {
		if (!strncmp(p, "{base}", 6)) {
			strbuf_addstr(&exp, x->base);
			p += 6;
		} else if (!strncmp(p, "{port}", 6)) {
			strbuf_addstr(&exp, port);
			p += 6;
		} else {
			strbuf_addch(&exp, *p++);
		}
	}
	ck_assert_msg(!strcmp(got.buf, exp.buf), "notices\n%swant\n%s",
		      got.buf, exp.buf);
	strbuf_release(&got);
	strbuf_release(&exp);
}

/* Request i came as "METHOD PATH", with header name's value want (NULL:
 * absent). */
static void expect_header(struct sess *x, size_t i, const char *name,
			  const char *want)
{
	struct tf_request rq;
	char v[512];
	const char *got;

	tf_request_at(x->srv, i, &rq);
	got = tf_header(&rq, name, v, sizeof(v));
	if (!want)
		ck_assert_msg(!got, "request %zu: %s: %s sent", i, name, got);
	else
		ck_assert_msg(got && !strcmp(got, want), "request %zu: %s: "
			      "got '%s', want '%s'", i, name, got ? got :
			      "(none)", want);
}

static void expect_request(struct sess *x, size_t i, const char *method,
			   const char *path)
{
	struct tf_request rq;

	tf_request_at(x->srv, i, &rq);
	ck_assert_str_eq(rq.method, method);
	ck_assert_str_eq(rq.path, path);
}

static void expect_body(struct sess *x, size_t i, const char *type,
			const char *body)
{
	struct tf_request rq;

	tf_request_at(x->srv, i, &rq);
	expect_header(x, i, "Content-Type", type);
	ck_assert_str_eq(rq.body, body);
}

/* ---- the control request and its variants -------------------------- */

static const struct route bearer_routes[] = {
	{ "GET", "/Orders/List", "Bearer tok-valid", 200, NULL,
	  "{\"ok\":true}", 0 },
	{ "GET", "/Orders/Admin", "Bearer tok-valid", 403, NULL,
	  "{\"error\":\"insufficient_scope\"}", 0 },
	{ NULL, NULL, NULL, 0, NULL, NULL, 0 },
};

START_TEST(test_bearer_variants)
{
	static const char *const creds[] = { "token", "tok-valid", NULL };
	struct sess x;
	struct strbuf body = STRBUF_INIT;
	struct auth_endpoint ep;
	struct auth_variant v;

	sess_init(&x, AUTH_RESELLER_JWT, bearer_routes, creds);
	ck_assert_int_eq(auth_session_start(&x.s), 0);
	ck_assert_uint_eq(tf_requests(x.srv), 1);
	expect_request(&x, 0, "GET", "/Orders/List");
	expect_header(&x, 0, "Authorization", "Bearer tok-valid");
	expect_header(&x, 0, "ApiKey", NULL);
	expect_header(&x, 0, "CaptchaResponse", NULL);

	memset(&v, 0, sizeof(v));
	v.no_authorization = 1;
	ck_assert_int_eq(auth_call(&x.s, &v, NULL), 401);
	expect_header(&x, 1, "Authorization", NULL);

	memset(&v, 0, sizeof(v));
	v.authorization = "tok-valid";	/* no "Bearer " */
	ck_assert_int_eq(auth_call(&x.s, &v, NULL), 401);
	expect_header(&x, 2, "Authorization", "tok-valid");

	memset(&v, 0, sizeof(v));
	v.ep = at_path(&ep, "/Orders/Admin");
	v.captcha = "dummy-captcha";
	ck_assert_int_eq(auth_call(&x.s, &v, &body), 403);
	expect_request(&x, 3, "GET", "/Orders/Admin");
	expect_header(&x, 3, "Authorization", "Bearer tok-valid");
	expect_header(&x, 3, "CaptchaResponse", "dummy-captcha");
	ck_assert_str_eq(body.buf, "{\"error\":\"insufficient_scope\"}");

	ck_assert_uint_eq(tf_requests(x.srv), 4);
	expect_notices(&x, "");
	strbuf_release(&body);
	sess_release(&x);
}
END_TEST

START_TEST(test_control_refused)
{
	static const char *const creds[] = { "token", "tok-expired", NULL };
	struct sess x;

	sess_init(&x, AUTH_RESELLER_JWT, bearer_routes, creds);
	ck_assert_int_eq(auth_session_start(&x.s), -1);
	ck_assert_uint_eq(tf_requests(x.srv), 1);
	expect_notices(&x, "{base}: target 'api': could not test: the "
		       "control request (GET /Orders/List) with the valid "
		       "credential got 401, want 2xx\n");
	sess_release(&x);
}
END_TEST

static const struct route apikey_routes[] = {
	{ "GET", "/Supplier/Products/List", NULL, 200, NULL, "[]", 0 },
	{ NULL, NULL, NULL, 0, NULL, NULL, 0 },
};

START_TEST(test_apikey_variants)
{
	static const char *const creds[] = { "api_key", "ak_live_1", NULL };
	struct sess x;
	struct auth_variant v;
	struct tf_request rq;

	sess_init(&x, AUTH_RESELLER_APIKEY, apikey_routes, creds);
	ck_assert_int_eq(auth_session_start(&x.s), 0);
	expect_request(&x, 0, "GET", "/Supplier/Products/List");
	expect_header(&x, 0, "ApiKey", "ak_live_1");
	expect_header(&x, 0, "Authorization", NULL);

	memset(&v, 0, sizeof(v));
	v.apikey = "ak_live_2";
	v.apikey_header = "apikey";
	ck_assert_int_eq(auth_call(&x.s, &v, NULL), 200);
	tf_request_at(x.srv, 1, &rq);
	/* the header's name exactly as the variant spells it */
	ck_assert_ptr_nonnull(strstr(rq.head, "\r\napikey: ak_live_2\r\n"));
	ck_assert_ptr_null(strstr(rq.head, "ApiKey"));

	memset(&v, 0, sizeof(v));
	v.no_apikey = 1;
	ck_assert_int_eq(auth_call(&x.s, &v, NULL), 200);
	expect_header(&x, 2, "ApiKey", NULL);
	expect_notices(&x, "");
	sess_release(&x);
}
END_TEST

START_TEST(test_apikey_missing)
{
	struct sess x;

	sess_init(&x, AUTH_RESELLER_APIKEY, apikey_routes, NULL);
	ck_assert_int_eq(auth_session_start(&x.s), -1);
	ck_assert_uint_eq(tf_requests(x.srv), 0);
	expect_notices(&x, "{base}: target 'api': could not test: no "
		       "'api_key' credential\n");
	sess_release(&x);
}
END_TEST

START_TEST(test_vista_headers)
{
	static const char *const creds[] = {
		"token", "vi-tok", "vista_api_key", "vk-123", "tenant", "acme",
		NULL,
	};
	struct sess x;
	struct auth_variant v;

	sess_init(&x, AUTH_VISTA_INTEGRATION, bearer_routes, creds);
	ck_assert_int_eq(auth_session_start(&x.s), -1);	/* 401: vi-tok */
	expect_header(&x, 0, "Authorization", "Bearer vi-tok");
	expect_header(&x, 0, "Vista-Api-Key", "vk-123");
	expect_header(&x, 0, "Vista-Api-Tenant", "acme");

	memset(&v, 0, sizeof(v));
	v.no_vista_key = 1;
	ck_assert_int_eq(auth_call(&x.s, &v, NULL), 401);
	expect_header(&x, 1, "Vista-Api-Key", NULL);
	expect_header(&x, 1, "Vista-Api-Tenant", "acme");

	memset(&v, 0, sizeof(v));
	v.no_vista_tenant = 1;
	ck_assert_int_eq(auth_call(&x.s, &v, NULL), 401);
	expect_header(&x, 2, "Vista-Api-Key", "vk-123");
	expect_header(&x, 2, "Vista-Api-Tenant", NULL);
	sess_release(&x);
}
END_TEST

/* ---- what is not sent, what does not answer -------------------------- */

static const struct route redirect_routes[] = {
	{ NULL, "/same", NULL, 302, "Location: /elsewhere\r\n", NULL, 0 },
	{ NULL, "/self", NULL, 302, "Location: /self\r\n", NULL, 0 },
	{ NULL, "/host", NULL, 301,
	  "Location: https://localhost:1/x?token=s3cret\r\n", NULL, 0 },
	{ NULL, "/plain", NULL, 308, "Location: http://127.0.0.1/y\r\n", NULL,
	  0 },
	{ NULL, "/bad", NULL, 302, NULL, NULL, 0 },
	{ NULL, NULL, NULL, 0, NULL, NULL, 0 },
};

START_TEST(test_redirects)
{
	static const char *const creds[] = { "token", "tok-valid", NULL };
	static const struct {
		const char *path;
		long status;
	} calls[] = {
		{ "/same", 302 }, { "/self", 302 }, { "/host", 301 },
		{ "/plain", 308 }, { "/bad", 302 },
	};
	struct sess x;

	sess_init(&x, AUTH_RESELLER_JWT, redirect_routes, creds);
	for (size_t i = 0; i < sizeof(calls) / sizeof(calls[0]); i++) {
		struct auth_endpoint ep;
		struct auth_variant v = { .ep = at_path(&ep, calls[i].path) };

		ck_assert_int_eq(auth_call(&x.s, &v, NULL), calls[i].status);
	}
	/* never followed: one request each */
	ck_assert_uint_eq(tf_requests(x.srv), 5);
	expect_notices(&x,
		"{base}: target 'api': {base}/same answered 302, a redirect "
		"on the same host ('{base}/elsewhere'): not followed "
		"(redirects never are)\n"
		"{base}: target 'api': {base}/self answered 302, a redirect "
		"to itself ('{base}/self'): a loop, not followed\n"
		"{base}: target 'api': {base}/host answered 301, a redirect "
		"to another host or port ('https://localhost:1/x'): not "
		"followed, the credential was not sent there\n"
		"{base}: target 'api': {base}/plain answered 308, a redirect "
		"to plain HTTP ('http://127.0.0.1:80/y'): not followed, the "
		"credential was not sent without TLS\n"
		"{base}: target 'api': {base}/bad answered 302, a redirect "
		"without a usable Location: not followed\n");
	sess_release(&x);
}
END_TEST

static const struct route silent_routes[] = {
	{ NULL, "/Orders/List", NULL, -1, NULL, NULL, 0 },
	{ NULL, NULL, NULL, 0, NULL, NULL, 0 },
};

START_TEST(test_not_sent_and_no_answer)
{
	static const char *const creds[] = { "token", "tok-valid", NULL };
	struct sess x;
	struct auth_endpoint ep;
	struct auth_variant v = { .ep = at_path(&ep, "https://elsewhere.test/x") };

	/* a path that leaves the origin: refused before sending */
	sess_init(&x, AUTH_RESELLER_JWT, bearer_routes, creds);
	ck_assert_int_eq(auth_call(&x.s, &v, NULL), 0);
	v.ep = at_path(&ep, "//elsewhere.test/x");
	ck_assert_int_eq(auth_call(&x.s, &v, NULL), 0);
	ck_assert_uint_eq(tf_requests(x.srv), 0);
	expect_notices(&x, "{base}: target 'api': request not sent: "
		       "'https://elsewhere.test/x' must be a path on "
		       "base_url's host: one '/' first, no '//', scheme or "
		       "host\n"
		       "{base}: target 'api': request not sent: "
		       "'//elsewhere.test/x' must be a path on base_url's "
		       "host: one '/' first, no '//', scheme or host\n");
	sess_release(&x);

	/* the server reads the request and closes without a word */
	sess_init(&x, AUTH_RESELLER_JWT, silent_routes, creds);
	memset(&v, 0, sizeof(v));
	ck_assert_int_eq(auth_call(&x.s, &v, NULL), 0);
	ck_assert_uint_eq(tf_requests(x.srv), 1);
	expect_notices(&x, "{base}: target 'api': no answer from "
		       "{base}/Orders/List: Empty reply from server\n");
	sess_release(&x);

	/* nothing listening */
	sess_init(&x, AUTH_RESELLER_JWT, NULL, creds);
	ck_assert_int_eq(auth_session_start(&x.s), -1);
	ck_assert_uint_eq(x.r.nr_notices, 2);
	{
		struct strbuf want = STRBUF_INIT;

		strbuf_addf(&want, "target 'api': no answer from "
			    "%s/Orders/List: ", x.base);
		ck_assert_msg(!strncmp(x.r.notices[0].message, want.buf,
				       want.len), "%s",
			      x.r.notices[0].message);
		strbuf_release(&want);
	}
	ck_assert_str_eq(x.r.notices[1].message, "target 'api': could not "
			 "test: the control request (GET /Orders/List) with "
			 "the valid credential got 0, want 2xx");
	sess_release(&x);
}
END_TEST

/* ---- tokens from the token endpoint -------------------------------- */

static const struct route vi_routes[] = {
	{ "POST", "/oauth/token", NULL, 200, NULL,
	  "{\"access_token\":\"issued-vi\",\"expires_in\":3600}", 0 },
	{ "GET", "/Orders/List", "Bearer issued-vi", 200, NULL, "{}", 0 },
	{ NULL, NULL, NULL, 0, NULL, NULL, 0 },
};

static const char *const vi_creds[] = {
	"client_id", "vi-client", "client_secret", "vi-secret", "tenant",
	"acme", "vista_api_key", "vk-123", NULL,
};

START_TEST(test_issue_json)
{
	struct sess x;

	sess_init(&x, AUTH_VISTA_INTEGRATION, vi_routes, vi_creds);
	ck_assert_int_eq(auth_session_start(&x.s), 0);
	ck_assert_uint_eq(tf_requests(x.srv), 2);
	expect_request(&x, 0, "POST", "/oauth/token");
	expect_body(&x, 0, "application/json",
		    "{\"client_id\":\"vi-client\",\"grant_type\":"
		    "\"client_credentials\",\"client_secret\":\"vi-secret\","
		    "\"audience\":\"https://partner.vista.co/\","
		    "\"tenant_code\":\"acme\"}");
	/* the token request carries no other credential */
	expect_header(&x, 0, "Authorization", NULL);
	expect_request(&x, 1, "GET", "/Orders/List");
	expect_header(&x, 1, "Authorization", "Bearer issued-vi");
	ck_assert_str_eq(x.s.token, "issued-vi");
	ck_assert_int_eq(x.s.expires_in, 3600);
	ck_assert_uint_eq(x.s.token_requests, 1);
	auth_session_finish(&x.s);
	expect_notices(&x, "{base}: target 'api': tokens created by this run "
		       "(1; revoke them where the API allows): an access "
		       "token of /oauth/token expiring "
		       "2027-01-15T09:00:00Z\n");
	sess_release(&x);
}
END_TEST

static const struct route gas_routes[] = {
	{ "POST", "/connect/token", NULL, 200, NULL,
	  "{\"access_token\":\"issued-gas\"}", 0 },
	{ "GET", "/Orders/List", "Bearer issued-gas", 200, NULL, "{}", 0 },
	{ NULL, NULL, NULL, 0, NULL, NULL, 0 },
};

START_TEST(test_issue_form)
{
	static const char *const creds[] = {
		"client_id", "web", "username", "gas user", "password",
		"p&w=1%", NULL,
	};
	struct sess x;

	sess_init(&x, AUTH_VISTA_GAS, gas_routes, creds);
	ck_assert_int_eq(auth_session_start(&x.s), 0);
	expect_body(&x, 0, "application/x-www-form-urlencoded",
		    "grant_type=password&client_id=web&username=gas%20user&"
		    "password=p%26w%3D1%25");
	ck_assert_int_eq(x.s.expires_in, -1);
	auth_session_finish(&x.s);
	/* an opaque token without expires_in: its expiry is unknown */
	expect_notices(&x, "{base}: target 'api': tokens created by this run "
		       "(1; revoke them where the API allows): an access "
		       "token of /connect/token expiring at a time the "
		       "answer does not give\n");
	sess_release(&x);
}
END_TEST

static const struct route presto_routes[] = {
	{ "POST", "/api/developer/v1/auth/token", NULL, 200, NULL,
	  "{\"data\":{\"token\":{\"value\":\"pt-1\",\"expiration_date\":"
	  "\"2027-01-17\"}}}", 0 },
	{ "GET", "/Orders/List", "Bearer pt-1", 200, NULL, "{}", 0 },
	{ NULL, NULL, NULL, 0, NULL, NULL, 0 },
};

START_TEST(test_issue_presto)
{
	static const char *const creds[] = {
		"email", "vendor@example.test", "password", "pw-presto", NULL,
	};
	struct sess x;
	struct auth_issued is;

	sess_init(&x, AUTH_PRESTO, presto_routes, creds);
	ck_assert_int_eq(auth_session_start(&x.s), 0);
	/* the session token asks for AUTH_PRESTO_SESSION_DAYS ahead */
	expect_body(&x, 0, "application/json",
		    "{\"email\":\"vendor@example.test\",\"password\":"
		    "\"pw-presto\",\"token_name\":\"authaudit-probe\","
		    "\"token_expiration_date\":\"2027-01-17\"}");
	ck_assert_str_eq(x.s.expiration_date, "2027-01-17");
	ck_assert_int_eq(auth_issue(&x.s, "probe-2", "2028-02-01", NULL,
				    &is), 0);
	ck_assert_int_eq(is.status, 200);
	ck_assert_str_eq(is.token, "pt-1");
	auth_issued_release(&is);
	expect_body(&x, 2, "application/json",
		    "{\"email\":\"vendor@example.test\",\"password\":"
		    "\"pw-presto\",\"token_name\":\"probe-2\","
		    "\"token_expiration_date\":\"2028-02-01\"}");
	auth_session_finish(&x.s);
	expect_notices(&x, "{base}: target 'api': tokens created by this run "
		       "(2; revoke them where the API allows): "
		       "'authaudit-probe' expiring 2027-01-17; 'probe-2' "
		       "expiring 2027-01-17\n");
	sess_release(&x);
}
END_TEST

START_TEST(test_presto_fi_guard)
{
	static const char *const creds[] = {
		"email", "fi@example.test", "password", "pw", NULL,
	};
	struct sess x;
	struct auth_issued is;

	sess_init(&x, AUTH_PRESTO_FI, presto_routes, creds);
	ck_assert_int_eq(auth_session_start(&x.s), -1);
	ck_assert_int_eq(auth_issue(&x.s, "again", NULL, NULL, &is), -1);
	ck_assert_ptr_null(is.token);
	ck_assert_uint_eq(tf_requests(x.srv), 0);
	expect_notices(&x,
		"{base}: target 'api': could not test: give the current "
		"token as 'token', or set 'allow_token_reissue: true' (on "
		"presto-fi a new token revokes the integration's current "
		"one)\n"
		"{base}: target 'api': token request not made: on presto-fi "
		"a new token revokes the integration's current one; set "
		"'allow_token_reissue: true' on the target to allow it\n");
	sess_release(&x);
}
END_TEST

START_TEST(test_per_run_limit)
{
	static const char *const creds[] = {
		"token", "issued-vi", "client_id", "vi-client",
		"client_secret", "vi-secret", "tenant", "acme", NULL,
	};
	struct sess x;
	struct strbuf want = STRBUF_INIT;

	sess_init(&x, AUTH_VISTA_INTEGRATION, vi_routes, creds);
	for (unsigned i = 0; i <= AUTH_MAX_TOKEN_REQUESTS; i++) {
		struct auth_issued is;

		ck_assert_int_eq(auth_issue(&x.s, NULL, NULL, NULL, &is),
				 i < AUTH_MAX_TOKEN_REQUESTS ? 0 : -1);
		auth_issued_release(&is);
	}
	ck_assert_uint_eq(tf_requests(x.srv), AUTH_MAX_TOKEN_REQUESTS);
	auth_session_finish(&x.s);
	strbuf_addf(&want, "{base}: target 'api': token request skipped: %d "
		    "already made (the documented limit is 25 per client per "
		    "15 minutes)\n{base}: target 'api': tokens created by "
		    "this run (%d; revoke them where the API allows): ",
		    AUTH_MAX_TOKEN_REQUESTS, AUTH_MAX_TOKEN_REQUESTS);
	for (unsigned i = 0; i < AUTH_MAX_TOKEN_REQUESTS; i++)
		strbuf_addf(&want, "%san access token of /oauth/token "
			    "expiring 2027-01-15T09:00:00Z", i ? "; " : "");
	strbuf_addch(&want, '\n');
	expect_notices(&x, want.buf);
	strbuf_release(&want);
	sess_release(&x);
}
END_TEST

/* The ledger outlives a run: the next session of the same client is
 * held to what the earlier one used. */
START_TEST(test_ledger_limit)
{
	static const char skipped[] = "{base}: target 'api': token request "
		"skipped: 2 already made for this client in the last 15 min "
		"(token_rate_limit 2)\n";
	struct tf_server srv;
	struct strbuf want = STRBUF_INIT;
	struct sess x;
	struct auth_issued is;

	tf_server_start(&srv, &srv_cert, 1, srv_key, answer,
			(void *)vi_routes);
	for (int run = 0; run < 2; run++) {
		memset(&x, 0, sizeof(x));
		sess_on(&x, AUTH_VISTA_INTEGRATION, &srv, vi_creds);
		x.s.profile = ruleset_profile(&rs, "tight");
		ck_assert_ptr_nonnull(x.s.profile);
		for (int i = 0; i < 3; i++) {
			int want_ok = run == 0 && i < 2;

			ck_assert_int_eq(auth_issue(&x.s, NULL, NULL, NULL, &is),
					 want_ok ? 0 : -1);
			ck_assert_int_eq(is.token != NULL, want_ok);
			auth_issued_release(&is);
		}
		/* the second run sends none */
		ck_assert_uint_eq(tf_requests(&srv), 2);
		strbuf_reset(&want);
		for (int i = run ? 0 : 2; i < 3; i++)
			strbuf_addstr(&want, skipped);
		expect_notices(&x, want.buf);
		sess_release(&x);
	}
	tf_server_stop(&srv);
	strbuf_release(&want);
}
END_TEST

static const struct route no_token_routes[] = {
	{ "POST", "/oauth/token", NULL, 200, NULL, "{\"token_type\":\"x\"}",
	  0 },
	{ NULL, NULL, NULL, 0, NULL, NULL, 0 },
};

static const struct route refused_token_routes[] = {
	{ "POST", "/oauth/token", NULL, 400, NULL,
	  "{\"access_token\":\"not-this\"}", 0 },
	{ NULL, NULL, NULL, 0, NULL, NULL, 0 },
};

static const struct route long_token_routes[] = {
	{ "POST", "/oauth/token", NULL, 200, NULL, NULL, 100 * 1024 },
	{ NULL, NULL, NULL, 0, NULL, NULL, 0 },
};

START_TEST(test_token_answers)
{
	static const struct {
		const struct route *routes;
		const char *notices;
	} rows[] = {
		{ no_token_routes, "{base}: target 'api': could not test: the "
		  "token endpoint answered 200 without a token\n" },
		/* a token in a refusal is no token */
		{ refused_token_routes, "{base}: target 'api': could not "
		  "test: the token endpoint answered 400 without a token\n" },
		/* read as far as HTTP_BODY_MAX, and said so */
		{ long_token_routes, "{base}: target 'api': the token "
		  "endpoint's answer is longer than 64 KiB: not read past "
		  "that\n{base}: target 'api': could not test: the token "
		  "endpoint answered 200 without a token\n" },
	};

	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct sess x;

		sess_init(&x, AUTH_VISTA_INTEGRATION, rows[i].routes,
			  vi_creds);
		ck_assert_int_eq(auth_session_start(&x.s), -1);
		ck_assert_uint_eq(tf_requests(x.srv), 1);
		ck_assert_ptr_null(x.s.token);
		auth_session_finish(&x.s);
		expect_notices(&x, rows[i].notices);
		sess_release(&x);
	}
}
END_TEST

START_TEST(test_credential_missing)
{
	static const char *const creds[] = { "client_id", "vi-client", NULL };
	struct sess x;

	sess_init(&x, AUTH_VISTA_INTEGRATION, vi_routes, creds);
	ck_assert_int_eq(auth_session_start(&x.s), -1);
	ck_assert_uint_eq(tf_requests(x.srv), 0);
	ck_assert_uint_eq(x.s.token_requests, 0);
	expect_notices(&x, "{base}: target 'api': no 'client_secret' "
		       "credential for the token endpoint\n"
		       "{base}: target 'api': could not test: no valid "
		       "credential (give 'token' or the token endpoint's "
		       "credentials)\n");
	sess_release(&x);
}
END_TEST

/* A JWT's exp says when a token without expires_in expires. */
#define JWT_HEAD "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9"
static const struct route jwt_exp_routes[] = {
	{ "POST", "/oauth/token", NULL, 200, NULL, "{\"access_token\":\""
	  JWT_HEAD ".eyJleHAiOjE4MDAwMDcyMDB9.c2ln\"}", 0 },
	{ NULL, NULL, NULL, 0, NULL, NULL, 0 },
};

static const struct route jwt_no_exp_routes[] = {
	{ "POST", "/oauth/token", NULL, 200, NULL, "{\"access_token\":\""
	  JWT_HEAD ".eyJzdWIiOiJ4In0.c2ln\"}", 0 },
	{ NULL, NULL, NULL, 0, NULL, NULL, 0 },
};

START_TEST(test_created_expiry)
{
	static const struct {
		const struct route *routes;
		const char *when;
	} rows[] = {
		{ jwt_exp_routes, "2027-01-15T10:00:00Z" },
		{ jwt_no_exp_routes, "never (no exp)" },
	};

	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct sess x;
		struct auth_issued is;
		struct strbuf want = STRBUF_INIT;

		sess_init(&x, AUTH_VISTA_INTEGRATION, rows[i].routes,
			  vi_creds);
		ck_assert_int_eq(auth_issue(&x.s, NULL, NULL, NULL, &is), 0);
		ck_assert_int_eq(is.expires_in, -1);
		auth_issued_release(&is);
		auth_session_finish(&x.s);
		strbuf_addf(&want, "{base}: target 'api': tokens created by "
			    "this run (1; revoke them where the API allows): "
			    "an access token of /oauth/token expiring %s\n",
			    rows[i].when);
		expect_notices(&x, want.buf);
		/* the notice never holds the token */
		ck_assert_ptr_null(strstr(x.r.notices[0].message, JWT_HEAD));
		strbuf_release(&want);
		sess_release(&x);
	}
}
END_TEST

/* ---- findings and the small helpers -------------------------------- */

START_TEST(test_findings)
{
	static const char *const creds[] = { "token", "tok-valid", NULL };
	struct sess x;
	const struct finding *f;

	sess_init(&x, AUTH_RESELLER_JWT, bearer_routes, creds);
	auth_finding(&x.s, "auth.missing-accepted", "/Orders/List",
		     "HTTP 200", "accepted without %s", "Authorization");
	auth_finding(&x.s, "auth.nosuch-rule", "/Orders/List", NULL, "x");
	x.s.profile = ruleset_profile(&rs, "tight");
	auth_finding(&x.s, "auth.random-accepted", NULL, NULL, "not "
		     "selected by tight");
	auth_finding(&x.s, "auth.missing-accepted", NULL, NULL, "at the "
		     "base URL");
	ck_assert_uint_eq(x.r.findings.nr, 2);
	f = &x.r.findings.items[0];
	ck_assert_str_eq(f->rule->id, "auth.missing-accepted");
	ck_assert_int_eq(f->severity, f->rule->severity);
	ck_assert_str_eq(f->message, "target 'api': accepted without "
			 "Authorization");
	ck_assert_str_eq(f->target, "api");
	ck_assert_str_eq(f->evidence, "HTTP 200");
	ck_assert_str_eq(f->url + strlen(x.base), "/Orders/List");
	ck_assert_int_eq(strncmp(f->url, x.base, strlen(x.base)), 0);
	f = &x.r.findings.items[1];
	ck_assert_str_eq(f->message, "target 'api': at the base URL");
	ck_assert_str_eq(f->url, x.base);
	ck_assert_ptr_null(f->evidence);
	ck_assert_uint_eq(tf_requests(x.srv), 0);
	sess_release(&x);
}
END_TEST

START_TEST(test_helpers)
{
	static const struct {
		long status;
		int ok;
	} rows[] = {
		{ 0, 0 }, { 199, 0 }, { 200, 1 }, { 204, 1 }, { 299, 1 },
		{ 300, 0 }, { 401, 0 },
	};
	char day[16], ev[32];

	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		ck_assert_int_eq(auth_ok(rows[i].status), rows[i].ok);
	auth_date_ahead((time_t)NOW, AUTH_PRESTO_SESSION_DAYS, day);
	ck_assert_str_eq(day, "2027-01-17");
	auth_date_ahead((time_t)NOW, 365, day);
	ck_assert_str_eq(day, "2028-01-15");
	auth_evidence(204, ev);
	ck_assert_str_eq(ev, "HTTP 204");
}
END_TEST

static Suite *make_suite(void)
{
	Suite *s = suite_create("auth_probe");
	TCase *tc = tcase_create("session");

	tcase_set_timeout(tc, 120);
	tcase_add_unchecked_fixture(tc, setup_run, teardown_run);
	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, test_bearer_variants);
	tcase_add_test(tc, test_control_refused);
	tcase_add_test(tc, test_apikey_variants);
	tcase_add_test(tc, test_apikey_missing);
	tcase_add_test(tc, test_vista_headers);
	tcase_add_test(tc, test_redirects);
	tcase_add_test(tc, test_not_sent_and_no_answer);
	tcase_add_test(tc, test_issue_json);
	tcase_add_test(tc, test_issue_form);
	tcase_add_test(tc, test_issue_presto);
	tcase_add_test(tc, test_presto_fi_guard);
	tcase_add_test(tc, test_per_run_limit);
	tcase_add_test(tc, test_ledger_limit);
	tcase_add_test(tc, test_token_answers);
	tcase_add_test(tc, test_credential_missing);
	tcase_add_test(tc, test_created_expiry);
	tcase_add_test(tc, test_findings);
	tcase_add_test(tc, test_helpers);
	suite_add_tcase(s, tc);
	return s;
}
