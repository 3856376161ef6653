/* test_auth_body.c - credential placeholders: which templates load, and
 * each value escaped for where it stands (a JSON string, a form field,
 * a header) when it is filled in; a missing one names itself and leaves
 * nothing behind. */
#include <string.h>

#include "check_main.h"
#include "auth/auth_body.h"

static const struct {
	const char *tpl;
	int ok;
} checks[] = {
	{ "{\"a\":\"{{email}}\"}", 1 },
	{ "{{a}}{{b_2}}", 1 },
	{ "no placeholder at all", 1 },
	{ "{\"a\":{\"b\":1}}", 1 },	/* JSON braces are no "{{" */
	{ "{{ email }}", 0 },
	{ "{{email}", 0 },
	{ "{{}}", 0 },
	{ "{{2fa}}", 0 },
	{ "{{e-mail}}", 0 },
	{ "x {{", 0 },
};

START_TEST(test_check_rows)
{
	struct err e = ERR_INIT;
	int rc = auth_template_check(checks[_i].tpl, &e);

	ck_assert_msg(checks[_i].ok ? rc == 0 : rc == -1, "'%s': %d %s",
		      checks[_i].tpl, rc, e.msg);
	if (!checks[_i].ok)
		ck_assert(strstr(e.msg, "does not open a placeholder"));
}
END_TEST

static const char *lookup(void *ctx, const char *name)
{
	static const struct {
		const char *name, *value;
	} creds[] = {
		{ "email", "ops@acme.test" },
		{ "password", "p\"w\\1\n\x01" },
		{ "scope", "orders admin" },
		{ "amp", "a&b=c/d" },
	};

	(void)ctx;
	for (size_t i = 0; i < sizeof(creds) / sizeof(creds[0]); i++)
		if (!strcmp(name, creds[i].name))
			return creds[i].value;
	return NULL;
}

static const struct {
	const char *tpl;
	enum auth_body_kind kind;
	const char *want;	/* NULL: refused */
	const char *missing;
} fills[] = {
	{ "{\"e\":\"{{email}}\",\"p\":\"{{password}}\"}", AUTH_BODY_JSON,
	  "{\"e\":\"ops@acme.test\",\"p\":\"p\\\"w\\\\1\\u000a\\u0001\"}",
	  NULL },
	{ "u={{email}}&s={{scope}}&x={{amp}}", AUTH_BODY_FORM,
	  "u=ops%40acme.test&s=orders%20admin&x=a%26b%3Dc%2Fd", NULL },
	{ "Bearer {{scope}}", AUTH_BODY_RAW, "Bearer orders admin", NULL },
	{ "{{ not one }} {{email}}", AUTH_BODY_RAW,
	  "{{ not one }} ops@acme.test", NULL },
	{ "{\"e\":\"{{email}}\",\"k\":\"{{api_key}}\"}", AUTH_BODY_JSON,
	  NULL, "api_key" },
};

START_TEST(test_fill_rows)
{
	struct strbuf out = STRBUF_INIT;
	char missing[64] = "";
	int rc;

	strbuf_addstr(&out, "left over");
	rc = auth_template_fill(fills[_i].tpl, fills[_i].kind, lookup, NULL,
				&out, missing, sizeof(missing));
	if (fills[_i].want) {
		ck_assert_int_eq(rc, 0);
		ck_assert_str_eq(out.buf, fills[_i].want);
	} else {
		ck_assert_int_eq(rc, -1);
		ck_assert_str_eq(missing, fills[_i].missing);
		ck_assert_str_eq(out.buf, "");
	}
	strbuf_release(&out);
}
END_TEST

/* auth_template_next walks the names in order. */
START_TEST(test_next)
{
	const char *tpl = "{\"a\":\"{{email}}\",\"{{ x }}\":\"{{scope}}\"}";
	size_t pos = 0;
	char name[64];

	ck_assert_int_eq(auth_template_next(tpl, &pos, name, sizeof(name)), 0);
	ck_assert_str_eq(name, "email");
	ck_assert_int_eq(auth_template_next(tpl, &pos, name, sizeof(name)), 0);
	ck_assert_str_eq(name, "scope");
	ck_assert_int_eq(auth_template_next(tpl, &pos, name, sizeof(name)),
			 -1);
}
END_TEST

static Suite *make_suite(void)
{
	Suite *s = suite_create("auth_body");
	TCase *tc = tcase_create("templates");

	tcase_add_loop_test(tc, test_check_rows, 0,
			    sizeof(checks) / sizeof(checks[0]));
	tcase_add_loop_test(tc, test_fill_rows, 0,
			    sizeof(fills) / sizeof(fills[0]));
	tcase_add_test(tc, test_next);
	suite_add_tcase(s, tc);
	return s;
}
