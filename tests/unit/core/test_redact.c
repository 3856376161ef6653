/* test_redact.c - how secrets are shown. */
#include <string.h>

#include "check_main.h"
#include "core/redact.h"

static const struct {
	const char *secret, *want;
} rows[] = {
	{ "ak_live_0a1b2c3d4e5f60718293a4b5c6d7e8f9", "ak_l\xe2\x80\xa6(40 chars)" },
	{ "abcdefgh", "ab\xe2\x80\xa6(8 chars)" },
	{ "abc", "\xe2\x80\xa6(3 chars)" },
	{ "", "\xe2\x80\xa6(0 chars)" },
	/* UTF-8: characters, and never half of one */
	{ "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9",
	  "\xc3\xa9\xc3\xa9\xe2\x80\xa6(8 chars)" },
	/* bytes, whatever the encoding: Latin-1 shows nothing past its
	 * first invalid byte, and a secret of continuation bytes nothing
	 * at all (it once showed whole) */
	{ "\xb1\xb2\xb3\xb4\xb5\xb6\xb7\xb8", "\xe2\x80\xa6(8 chars)" },
	{ "p\xe9ssw\xf6rd-l\xe4nger", "p\xe2\x80\xa6(15 chars)" },
	{ "\x1b[31mredsecretvalue", "\xe2\x80\xa6(19 chars)" },
	{ "\xe2\x82\xac\xe2\x82\xac" "abcdefghij", "\xe2\x82\xac\xe2\x80\xa6(12 chars)" },
};

START_TEST(test_redact_rows)
{
	struct strbuf sb = STRBUF_INIT;

	redact_secret(rows[_i].secret, &sb);
	ck_assert_str_eq(sb.buf, rows[_i].want);
	strbuf_release(&sb);
}
END_TEST

START_TEST(test_show_secrets_switch)
{
	struct report r;
	struct finding f = { 0 };
	struct strbuf tmp = STRBUF_INIT;

	report_init(&r, "scan");
	f.secret = "ghp_0123456789abcdefghij0123456789abcdef";
	ck_assert_str_eq(report_secret_text(&r, &f, &tmp),
			 "ghp_\xe2\x80\xa6(40 chars)");
	r.show_secrets = 1;
	ck_assert_str_eq(report_secret_text(&r, &f, &tmp), f.secret);
	f.secret = NULL;
	ck_assert_ptr_null(report_secret_text(&r, &f, &tmp));
	strbuf_release(&tmp);
	report_release(&r);
}
END_TEST

static Suite *make_suite(void)
{
	Suite *s = suite_create("redact");
	TCase *tc = tcase_create("rows");

	tcase_add_loop_test(tc, test_redact_rows, 0,
			    sizeof(rows) / sizeof(rows[0]));
	tcase_add_test(tc, test_show_secrets_switch);
	suite_add_tcase(s, tc);
	return s;
}
