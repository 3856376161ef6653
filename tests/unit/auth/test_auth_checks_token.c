/* test_auth_checks_token.c - the Presto policy limit: an issued
 * expiration_date after now + policy_max_token_request_days is reported,
 * whatever date was asked for (a server that caps at 380 days instead of
 * refusing); and the expiration_date read as the instant a token expires,
 * which the expired-token check waits for. */
#include "check_main.h"
#include "auth/auth_checks.h"

#define NOW 1767268800	/* 2026-01-01T12:00:00Z */

static const struct {
	const char *expiration_date;
	long max_days;
	int want;
} rows[] = {
	{ "2027-01-01T00:00:00.000000Z", 365, 0 },	/* the limit day */
	{ "2026-12-31T23:59:59.000000Z", 365, 0 },
	{ "2026-01-03T00:00:00.000000Z", 365, 0 },
	{ "2027-01-02T00:00:00.000000Z", 365, 1 },	/* 366 days */
	{ "2027-01-16T12:00:00.000000Z", 365, 1 },	/* 380 days */
	{ "2027-01-30", 365, 1 },			/* 394 days */
	{ "2036-01-01T12:00:00.000000Z", 365, 1 },	/* ten years */
	{ "2026-01-31T00:00:00.000000Z", 30, 0 },
	{ "2026-02-01T00:00:00.000000Z", 30, 1 },
};

START_TEST(test_limit_rows)
{
	ck_assert_int_eq(auth_presto_beyond_limit(rows[_i].expiration_date,
						  (time_t)NOW,
						  rows[_i].max_days),
			 rows[_i].want);
}
END_TEST

START_TEST(test_date_ahead)
{
	char d[16];

	auth_date_ahead((time_t)NOW, 2, d);
	ck_assert_str_eq(d, "2026-01-03");
	auth_date_ahead((time_t)NOW, 365 + 30, d);
	ck_assert_str_eq(d, "2027-01-31");
}
END_TEST

static const struct {
	const char *text;
	long long want;		/* -1: refused */
} expiry_rows[] = {
	{ "2026-01-02T00:00:00.000000Z", 1767312000LL },
	{ "2026-01-02T00:00:00Z", 1767312000LL },
	{ "2026-01-02T00:00:00", 1767312000LL },
	{ "2026-01-02T00:00:00+00:00", 1767312000LL },
	{ "2026-01-01T23:59:57.5Z", 1767311997LL },
	{ "2026-01-02", 1767312000LL },
	{ "2026-01-02 00:00:01", 1767312001LL },
	{ "2026-01-02T00:00:00+02:00", -1 },	/* not UTC */
	{ "2026-13-02T00:00:00Z", -1 },
	{ "2026-1-2", -1 },
	{ "tomorrow", -1 },
	{ "", -1 },
};

START_TEST(test_expiry_rows)
{
	long long t = -7;
	int rc = auth_presto_expiry_time(expiry_rows[_i].text, &t);

	if (expiry_rows[_i].want < 0) {
		ck_assert_msg(rc == -1, "'%s' read as %lld",
			      expiry_rows[_i].text, t);
	} else {
		ck_assert_msg(rc == 0, "'%s' refused", expiry_rows[_i].text);
		ck_assert_int_eq(t, expiry_rows[_i].want);
	}
}
END_TEST

static Suite *make_suite(void)
{
	Suite *s = suite_create("auth_checks_token");
	TCase *tc = tcase_create("presto-limit");

	tcase_add_loop_test(tc, test_limit_rows, 0,
			    sizeof(rows) / sizeof(rows[0]));
	tcase_add_test(tc, test_date_ahead);
	tcase_add_loop_test(tc, test_expiry_rows, 0,
			    sizeof(expiry_rows) / sizeof(expiry_rows[0]));
	suite_add_tcase(s, tc);
	return s;
}
