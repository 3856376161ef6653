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
	  "target needs 'endpoint'", 2, 5, 0 },
	{ T "    stlye: vista-gas\n", "unknown target key 'stlye'", 3, 5, 0 },
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
	  "    endpoint: /x\n    scope_endpoint: /a@other.test/\n",
	  "scope_endpoint '/a@other.test/' must be a path", 6, 21, 0 },
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
	  "    allow_token_reissue: yes\n",
	  "'allow_token_reissue' is true or false, not 'yes'", 7, 26, 0 },
	{ T "    style: presto-vendor\n    base_url: https://h\n"
	  "    endpoint: /x\n    allow_token_reissue: true\n",
	  "'allow_token_reissue' applies to presto-fi only", 6, 26, 0 },
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
	ck_assert_str_eq(c.targets[0].token_endpoint, "/connect/token");
	ck_assert_int_eq(c.targets[0].allow_token_reissue, 0);
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
	suite_add_tcase(s, tc);
	return s;
}
