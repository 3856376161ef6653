/* test_filter.c - what a matched secret must pass to be reported. */
#include <string.h>

#include "check_main.h"
#include "filter.h"

static const char yaml[] =
	"allowlist:\n"
	"  values: ['ak_live_8f3b1c0e5a4d4f2c9b1e7d6c5a4b3c2d']\n"
	"  patterns: ['^<[^>]*>$', '^\\$\\{[^}]*\\}$']\n"
	"  stopwords: [example]\n"
	"rules:\n"
	"  - id: f.r\n"
	"    title: t\n"
	"    category: secret\n"
	"    severity: low\n"
	"    guideline: { doc: d, quote: q }\n"
	"    pattern: '(.+)'\n"
	"    min_entropy: 3.0\n"
	"    allow: ['^test_']\n"
	"    stopwords: [sandbox]\n"
	"    examples: [x]\n"
	"    negative_examples: [y]\n";

static const struct {
	const char *secret;
	int rejected;
} rows[] = {
	{ "Zq8vN3kLm1Pw7Rt5Yx2C", 0 },
	{ "", 1 },
	{ "xxxxxxxxxxxxxxxxxxxx", 1 },
	{ "********", 1 },
	{ "aaaabbbbaaaabbbb", 1 },			/* low entropy */
	{ "<your-api-key-here>", 1 },
	{ "${PRESTO_TOKEN}", 1 },
	{ "Zq8vN3kLmExample7Rt5", 1 },			/* global stopword */
	{ "Zq8vN3kSANDBOX7Rt5Yx", 1 },			/* rule stopword */
	{ "test_Zq8vN3kLm1Pw7Rt5", 1 },			/* rule allow */
	{ "ak_live_8f3b1c0e5a4d4f2c9b1e7d6c5a4b3c2d", 1 },	/* doc value */
	{ "8f3b1c0e5a4d4f2c9b1e7d6c5a4b3c2d", 1 },	/* part of it */
};

START_TEST(test_filter_rows)
{
	struct ruleset rs = RULESET_INIT;
	struct err e = ERR_INIT;
	const char *s = rows[_i].secret;

	ck_assert_int_eq(ruleset_load_buffer(&rs, "t", yaml, strlen(yaml), 0,
					     &e), 0);
	ck_assert_msg(filter_rejects(&rs, rs.rules[0], s, strlen(s), s,
				     strlen(s)) == rows[_i].rejected,
		      "'%s': want rejected=%d", s, rows[_i].rejected);
	ruleset_release(&rs);
}
END_TEST

START_TEST(test_entropy)
{
	ck_assert_double_eq_tol(shannon_entropy("aaaa", 4), 0.0, 1e-9);
	ck_assert_double_eq_tol(shannon_entropy("abab", 4), 1.0, 1e-9);
	ck_assert_double_eq_tol(shannon_entropy("abcd", 4), 2.0, 1e-9);
}
END_TEST

static Suite *make_suite(void)
{
	Suite *s = suite_create("filter");
	TCase *tc = tcase_create("rows");

	tcase_add_loop_test(tc, test_filter_rows, 0,
			    sizeof(rows) / sizeof(rows[0]));
	tcase_add_test(tc, test_entropy);
	suite_add_tcase(s, tc);
	return s;
}
