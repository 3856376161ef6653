/* test_auth_checks.c - the reCAPTCHA check's verdict from the answers
 * without and with a (dummy) CaptchaResponse header. */
#include "check_main.h"
#include "auth/auth_checks.h"

static const struct {
	long without, with;
	enum auth_captcha_verdict want;
} rows[] = {
	{ 403, 200, AUTH_CAPTCHA_ENFORCED },
	{ 403, 204, AUTH_CAPTCHA_ENFORCED },
	{ 200, 0, AUTH_CAPTCHA_NOT_ENFORCED },
	{ 203, 0, AUTH_CAPTCHA_NOT_ENFORCED },
	/* 403 either way: another refusal (scope, Google rejecting the
	 * dummy) cannot be told apart, so no pass */
	{ 403, 403, AUTH_CAPTCHA_UNCLEAR },
	{ 403, 401, AUTH_CAPTCHA_UNCLEAR },
	{ 403, 0, AUTH_CAPTCHA_UNCLEAR },
	{ 401, 0, AUTH_CAPTCHA_OTHER },
	{ 404, 0, AUTH_CAPTCHA_OTHER },
	{ 302, 0, AUTH_CAPTCHA_OTHER },
	{ 0, 0, AUTH_CAPTCHA_NO_ANSWER },
};

START_TEST(test_captcha_rows)
{
	ck_assert_int_eq(auth_captcha_verdict(rows[_i].without, rows[_i].with),
			 rows[_i].want);
}
END_TEST

static Suite *make_suite(void)
{
	Suite *s = suite_create("auth_checks");
	TCase *tc = tcase_create("captcha");

	tcase_add_loop_test(tc, test_captcha_rows, 0,
			    sizeof(rows) / sizeof(rows[0]));
	suite_add_tcase(s, tc);
	return s;
}
