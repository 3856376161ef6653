/* test_auth_ratelimit.c - counting token requests in the window, and the
 * ledger across "runs" (calls) in a temporary state directory. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check_main.h"
#include "auth/auth_ratelimit.h"

#define NOW 2000000000LL

static const struct {
	long long times[4];
	size_t n;
	long window;
	size_t want;
} rows[] = {
	{ { 0 }, 0, 900, 0 },
	{ { NOW, NOW - 899, NOW - 900, NOW - 901 }, 4, 900, 2 },
	{ { NOW + 1, NOW - 1 }, 2, 900, 1 },	/* the future is not counted */
	{ { NOW - 10, NOW - 20, NOW - 30 }, 3, 15, 1 },
};

START_TEST(test_count)
{
	ck_assert_uint_eq(rate_count(rows[_i].times, rows[_i].n, (time_t)NOW,
				     rows[_i].window), rows[_i].want);
}
END_TEST

START_TEST(test_ledger)
{
	char dir[] = "/tmp/authaudit-ledger-XXXXXX", path[64];
	struct err e = ERR_INIT;
	size_t used;
	int allowed;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	setenv("AUTHAUDIT_STATE_DIR", dir, 1);
	for (int i = 0; i < 3; i++) {
		ck_assert_int_eq(rate_ledger_take("a", (time_t)NOW + i, 3, 900,
						  &allowed, &used, &e), 0);
		ck_assert_int_eq(allowed, 1);
		ck_assert_uint_eq(used, (size_t)i);
	}
	ck_assert_int_eq(rate_ledger_take("a", (time_t)NOW + 5, 3, 900,
					  &allowed, &used, &e), 0);
	ck_assert_int_eq(allowed, 0);
	ck_assert_uint_eq(used, 3);
	/* another client has its own budget */
	ck_assert_int_eq(rate_ledger_take("b", (time_t)NOW + 5, 3, 900,
					  &allowed, &used, &e), 0);
	ck_assert_int_eq(allowed, 1);
	/* after the window the budget is back */
	ck_assert_int_eq(rate_ledger_take("a", (time_t)NOW + 901, 3, 900,
					  &allowed, &used, &e), 0);
	ck_assert_int_eq(allowed, 1);
	ck_assert_uint_eq(used, 1);	/* NOW + 2 only */
	snprintf(path, sizeof(path), "%s/token-requests", dir);
	unlink(path);
	rmdir(dir);
}
END_TEST

static Suite *make_suite(void)
{
	Suite *s = suite_create("auth_ratelimit");
	TCase *tc = tcase_create("ledger");

	tcase_add_loop_test(tc, test_count, 0, sizeof(rows) / sizeof(rows[0]));
	tcase_add_test(tc, test_ledger);
	suite_add_tcase(s, tc);
	return s;
}
