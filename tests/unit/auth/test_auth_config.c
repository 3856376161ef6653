/* test_auth_config.c - the auth config: what loads, and each refusal with
 * its message and file:line:col (an endpoint that could send a credential
 * to another host among them). */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "check_main.h"
#include "auth/auth_config.h"

#define T "targets:\n  - name: a\n"
#define APIKEY T "    style: reseller-apikey\n"
#define GAS T "    style: vista-gas\n    base_url: https://h\n"

static const struct {
	const char *yaml;
	const char *err;	/* NULL: loads */
	unsigned line, col;	/* where the error points; 0: not checked */
	int reissue;		/* when it loads: allow_token_reissue */
} configs[] = {
	{ APIKEY "    base_url: https://127.0.0.1:1\n    endpoint: /x\n",
	  NULL, 0, 0, 0 },
	{ APIKEY "    base_url: https://h/api/\n    endpoint: /x?a=1\n",
	  NULL, 0, 0, 0 },
	{ APIKEY "    base_url: http://127.0.0.1:1\n    endpoint: /x\n",
	  "target 'a': base_url must be https://", 4, 15, 0 },
	{ T "    style: nope\n    base_url: https://h\n    endpoint: /x\n",
	  "unknown style 'nope'", 2, 5, 0 },
	{ T "    style: presto-fi\n    base_url: https://h\n"
	  "    endpoint: /x\n", "token_endpoint", 2, 5, 0 },
	{ T "    style: vista-gas\n    base_url: https://h\n",
	  "target 'a': missing required key 'endpoint'", 2, 5, 0 },
	{ T "    stlye: vista-gas\n", "target 'a': unknown key 'stlye'", 3, 5, 0 },
	{ "target: []\n", "unknown key 'target'", 1, 1, 0 },
	{ T "    style: vista-gas\n    base_url: https://u:p@h/x\n"
	  "    endpoint: /x\n", "must not carry credentials", 4, 15, 0 },
	{ APIKEY "    base_url: https://h/x?a=@\n    endpoint: /x\n",
	  "must not have a query or a fragment", 4, 15, 0 },
	{ T "    style: vista-gas\n    base_url: https://h\n"
	  "    endpoint: /x\n    credentials: { vault: x }\n",
	  "unknown credentials key 'vault'", 6, 20, 0 },
	/* endpoints that would leave base_url's host, at their value */
	{ APIKEY "    base_url: https://127.0.0.1:1\n"
	  "    endpoint: \"@localhost:8443/Supplier/Products/List\"\n",
	  "target 'a': endpoint '@localhost:8443/Supplier/Products/List' "
	  "must be a path on base_url's host", 5, 15, 0 },
	{ APIKEY "    endpoint: //other.test/x\n"
	  "    base_url: https://127.0.0.1:1\n",
	  "endpoint '//other.test/x' must be a path", 4, 15, 0 },
	{ T "    style: vista-gas\n    base_url: https://h\n"
	  "    endpoint: /x\n    token_endpoint: https://other.test/t\n",
	  "token_endpoint 'https://other.test/t' must be a path", 6, 21, 0 },
	{ T "    style: vista-gas\n    base_url: https://h\n"
	  "    endpoint: /x\n    scope_checks:\n"
	  "      - { path: /a@other.test/, scope: admin }\n",
	  "scope_checks '/a@other.test/' must be a path", 7, 17, 0 },
	/* the key before scope_checks: said what replaced it */
	{ T "    style: vista-gas\n    base_url: https://h\n"
	  "    endpoint: /x\n    scope_endpoint: /admin\n",
	  "target 'a': 'scope_endpoint' is now 'scope_checks'", 6, 21, 0 },
	{ T "    style: vista-gas\n    base_url: https://h\n"
	  "    endpoint: /x\n    captcha_endpoint: x/y\n",
	  "captcha_endpoint 'x/y' must be a path", 6, 23, 0 },
	/* allow_token_reissue: presto-fi only, true or false */
	{ T "    style: presto-fi\n    base_url: https://h\n"
	  "    endpoint: /x\n    token_endpoint: /t\n"
	  "    allow_token_reissue: true\n", NULL, 0, 0, 1 },
	{ T "    style: presto-fi\n    base_url: https://h\n"
	  "    endpoint: /x\n    token_endpoint: /t\n"
	  "    allow_token_reissue: false\n", NULL, 0, 0, 0 },
	{ T "    style: presto-fi\n    base_url: https://h\n"
	  "    endpoint: /x\n    token_endpoint: /t\n"
	  "    allow_token_reissue: maybe\n",
	  "'allow_token_reissue' must be true or false", 7, 26, 0 },
	{ T "    style: presto-vendor\n    base_url: https://h\n"
	  "    endpoint: /x\n    allow_token_reissue: true\n",
	  "'allow_token_reissue' applies to presto-fi only", 6, 26, 0 },
	/* surfaces: each refusal at its node */
	{ GAS "    endpoint: { method: POST }\n",
	  "target 'a': endpoint needs 'path'", 5, 15, 0 },
	{ GAS "    endpoint: { path: /x, method: FETCH }\n",
	  "endpoint method: 'FETCH' is not one of GET, POST", 5, 35, 0 },
	{ GAS "    endpoint: { path: /x, method: GET, body: { a: 1 } }\n",
	  "endpoint body: a GET carries no body", 5, 46, 0 },
	{ GAS "    endpoint:\n      path: /x\n"
	  "      body: { u: '{{ user }}' }\n",
	  "endpoint '{{' at offset 0 does not open a placeholder", 7, 18, 0 },
	{ GAS "    endpoint:\n      path: /x\n"
	  "      headers: { authorization: x }\n",
	  "endpoint headers: 'authorization' is set by the probes", 7, 18, 0 },
	{ GAS "    endpoint:\n      path: /x\n"
	  "      headers: { X-A: \"a\\nb\" }\n",
	  "the value of 'X-A' holds a control character", 7, 23, 0 },
	{ GAS "    endpoint:\n      path: /x\n      headers: { 'X A': b }\n",
	  "endpoint headers: 'X A' is not a header name", 7, 18, 0 },
	{ GAS "    endpoint:\n      path: /x\n"
	  "      success_status: [200, 99]\n",
	  "success_status: '99' is not an HTTP status", 7, 29, 0 },
	{ GAS "    endpoint:\n      path: /x\n"
	  "      content_type: text/plain\n",
	  "content_type: there is no body", 7, 21, 0 },
	{ GAS "    endpoint:\n      path: /x\n      body: { a: b }\n"
	  "      content_type: text/plain\n",
	  "content_type 'text/plain' is neither", 7, 13, 0 },
	{ GAS "    endpoint:\n      path: /x\n      token_field: a.b\n",
	  "endpoint has no key 'token_field'", 7, 7, 0 },
	{ GAS "    endpoint:\n      path: /x\n      path: /y\n",
	  "endpoint gives 'path' twice", 7, 7, 0 },
	{ GAS "    endpoint: /x\n    endpoint: /y\n",
	  "target 'a': key 'endpoint' given twice", 6, 5, 0 },
	{ GAS "    endpoint: /x\n    scope_checks: [ { path: /adm } ]\n",
	  "scope_checks needs 'scope'", 6, 21, 0 },
	{ GAS "    endpoint: /x\n    scope_checks: /adm\n",
	  "'scope_checks' is a list of surfaces", 6, 19, 0 },
	{ GAS "    endpoint: /x\n    limited_scopes: { a: b }\n",
	  "'limited_scopes' is a list of names", 6, 21, 0 },
	/* the token endpoint each style may be given */
	{ T "    style: reseller-jwt\n    base_url: https://h\n"
	  "    endpoint: /x\n    token_endpoint: /Token/Generate\n",
	  "reseller-jwt: document 004 does not give the Generate Token "
	  "request", 6, 21, 0 },
	{ APIKEY "    base_url: https://h\n    endpoint: /x\n"
	  "    token_endpoint: /t\n", "reseller-apikey sends its ApiKey",
	  6, 21, 0 },
	{ GAS "    endpoint: /x\n    token_endpoint:\n      path: /t\n"
	  "      body: { a: b }\n", "vista-gas builds its token request",
	  7, 7, 0 },
	{ T "    style: reseller-jwt\n    base_url: https://h\n"
	  "    endpoint: /x\n    token_endpoint:\n      path: /t\n"
	  "      body: { s: '{{scope}}' }\n",
	  "holds {{scope}}, but neither scopes nor limited_scopes", 7, 7, 0 },
	/* scopes only where the token request asks for them */
	{ T "    style: presto-vendor\n    base_url: https://h\n"
	  "    endpoint: /x\n    limited_scopes: [a]\n",
	  "'limited_scopes' needs a token request that asks for scopes", 6,
	  21, 0 },
	{ T "    style: reseller-jwt\n    base_url: https://h\n"
	  "    endpoint: /x\n    token_endpoint:\n      path: /t\n"
	  "      body: { id: '{{client_id}}' }\n    scopes: [a]\n",
	  "'scopes' needs a token request that asks for scopes", 9, 13, 0 },
	/* the plain-HTTP check's URL: base_url's host only */
	{ GAS "    endpoint: /x\n    http_url: http://other.test/x\n",
	  "http_url 'http://other.test/x' must be on base_url's host", 6, 15,
	  0 },
	{ GAS "    endpoint: /x\n    http_url: https://h/x\n",
	  "http_url 'https://h/x' must be http://", 6, 15, 0 },
	{ GAS "    endpoint: /x\n    expiry_wait: 1m\n",
	  "'expiry_wait' applies to presto-vendor only", 6, 18, 0 },
	{ T "    style: presto-vendor\n    base_url: https://h\n"
	  "    endpoint: /x\n    expiry_wait: 2h\n",
	  "'expiry_wait' is at most 1h", 6, 18, 0 },
	{ GAS "    endpoint: /x\n    timeout: 0s\n",
	  "'timeout' takes a duration above 0", 6, 14, 0 },
	{ GAS "    endpoint: /x\n    timeout: soon\n",
	  "'timeout' takes a duration above 0", 6, 14, 0 },
};

START_TEST(test_config_rows)
{
	char path[] = "/tmp/authaudit-test-XXXXXX";
	int fd = mkstemp(path);
	struct auth_config c;
	struct err e = ERR_INIT;
	int rc;

	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq((int)write(fd, configs[_i].yaml,
				    strlen(configs[_i].yaml)),
			 (int)strlen(configs[_i].yaml));
	close(fd);
	rc = auth_config_load(&c, path, &e);
	unlink(path);
	if (!configs[_i].err) {
		ck_assert_msg(rc == 0, "%s", e.msg);
		ck_assert_uint_eq(c.nr, 1);
		ck_assert_int_eq(c.targets[0].allow_token_reissue,
				 configs[_i].reissue);
		auth_config_release(&c);
		return;
	}
	ck_assert_int_eq(rc, -1);
	ck_assert_msg(strstr(e.msg, configs[_i].err), "'%s' lacks '%s'",
		      e.msg, configs[_i].err);
	ck_assert_str_eq(e.file, path);
	if (configs[_i].line) {
		ck_assert_uint_eq(e.line, configs[_i].line);
		ck_assert_uint_eq(e.col, configs[_i].col);
	}
}
END_TEST

/* Defaults: the style's profile and token endpoint. */
START_TEST(test_defaults)
{
	static const char yaml[] = T "    style: vista-gas\n"
		"    base_url: https://h\n    endpoint: /x\n";
	char path[] = "/tmp/authaudit-test-XXXXXX";
	int fd = mkstemp(path);
	struct auth_config c;
	struct err e = ERR_INIT;

	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq((int)write(fd, yaml, sizeof(yaml) - 1),
			 (int)sizeof(yaml) - 1);
	close(fd);
	ck_assert_int_eq(auth_config_load(&c, path, &e), 0);
	unlink(path);
	ck_assert_str_eq(c.targets[0].profile, "vista-digital");
	ck_assert_str_eq(c.targets[0].token_endpoint.path, "/connect/token");
	ck_assert_int_eq(c.targets[0].allow_token_reissue, 0);
	auth_config_release(&c);
}
END_TEST

/* load() of yaml into c: 0, with the file removed again. */
static int load(const char *yaml, struct auth_config *c, struct err *e)
{
	char path[] = "/tmp/authaudit-test-XXXXXX";
	int fd = mkstemp(path), rc;

	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq((int)write(fd, yaml, strlen(yaml)),
			 (int)strlen(yaml));
	close(fd);
	rc = auth_config_load(c, path, e);
	unlink(path);
	return rc;
}

/* Surfaces as the probes will send them: a mapping body as compact JSON
 * (YAML's scalars typed as the core schema reads them) or as a form with
 * its literal parts %-encoded, placeholders kept for the send. */
START_TEST(test_surfaces)
{
	static const char yaml[] = T "    style: reseller-jwt\n"
		"    base_url: https://h:8443/api\n"
		"    endpoint:\n      path: /Orders/Create\n"
		"      body: { customer_id: \"{{customer_id}}\", n: 2, "
		"ok: true, none: null, q: \"2\", items: [ { sku: A 1 } ] }\n"
		"      headers: { CorrelationId: \"{{cid}}\" }\n"
		"      success_status: [201, 422]\n"
		"    scope_checks:\n"
		"      - { path: /Orders/Admin, method: post, scope: admin }\n"
		"    captcha_endpoint:\n      path: /l\n"
		"      body: { user: \"{{u}}\", note: a&b c }\n"
		"      content_type: application/x-www-form-urlencoded\n"
		"    token_endpoint:\n      path: /Token/Generate\n"
		"      body: { id: \"{{client_id}}\", scope: \"{{scope}}\" }\n"
		"      token_field: data.token\n"
		"    limited_scopes: orders read\n";
	struct auth_config c;
	struct err e = ERR_INIT;
	struct strbuf sb = STRBUF_INIT;
	const struct auth_target *t;

	ck_assert_msg(!load(yaml, &c, &e), "%s", e.msg);
	t = &c.targets[0];
	ck_assert_str_eq(t->endpoint.method, "POST");
	ck_assert_str_eq(t->endpoint.body, "{\"customer_id\":"
			 "\"{{customer_id}}\",\"n\":2,\"ok\":true,"
			 "\"none\":null,\"q\":\"2\",\"items\":"
			 "[{\"sku\":\"A 1\"}]}");
	ck_assert_int_eq(t->endpoint.body_kind, AUTH_BODY_JSON);
	ck_assert_str_eq(t->endpoint.content_type, "application/json");
	ck_assert_uint_eq(t->endpoint.headers.nr, 1);
	ck_assert_str_eq(t->endpoint.headers.items[0].key, "CorrelationId");
	ck_assert_str_eq(t->endpoint.headers.items[0].value, "{{cid}}");
	ck_assert_uint_eq(t->endpoint.nr_success, 2);
	ck_assert(auth_endpoint_success(&t->endpoint, 422));
	ck_assert(!auth_endpoint_success(&t->endpoint, 200));
	ck_assert(auth_endpoint_accepted(&t->endpoint, 200));
	ck_assert(auth_endpoint_accepted(&t->endpoint, 422));
	ck_assert(!auth_endpoint_accepted(&t->endpoint, 401));
	ck_assert_uint_eq(t->nr_scope_checks, 1);
	ck_assert_str_eq(t->scope_checks[0].method, "POST");
	ck_assert_str_eq(t->scope_checks[0].scope, "admin");
	ck_assert(!t->scope_checks[0].body);
	ck_assert(auth_endpoint_success(&t->scope_checks[0], 204));
	ck_assert(!auth_endpoint_success(&t->scope_checks[0], 403));
	ck_assert_str_eq(t->captcha_endpoint.body,
			 "user={{u}}&note=a%26b%20c");
	ck_assert_int_eq(t->captcha_endpoint.body_kind, AUTH_BODY_FORM);
	ck_assert_str_eq(t->token_endpoint.token_field, "data.token");
	ck_assert_uint_eq(t->limited_scopes.nr, 2);
	ck_assert_str_eq(t->limited_scopes.items[1], "read");
	ck_assert_int_eq(t->timeout, 30);
	/* no http_url: port 80 of base_url's host, never its TLS port */
	ck_assert_int_eq(auth_target_http_url(t, &sb, &e), 0);
	ck_assert_str_eq(sb.buf, "http://h/api/Orders/Create");
	strbuf_release(&sb);
	auth_config_release(&c);
}
END_TEST

static Suite *make_suite(void)
{
	Suite *s = suite_create("auth_config");
	TCase *tc = tcase_create("config");

	tcase_add_loop_test(tc, test_config_rows, 0,
			    sizeof(configs) / sizeof(configs[0]));
	tcase_add_test(tc, test_defaults);
	tcase_add_test(tc, test_surfaces);
	suite_add_tcase(s, tc);
	return s;
}
