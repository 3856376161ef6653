/* test_filter.c - what a matched secret must pass to be reported. */
#include <math.h>
#include <string.h>

#include "check_main.h"
#include "scan/filter.h"

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

/* The shipped allowlist (rules/allowlist.yaml) under a rule that filters
 * nothing itself: placeholders go, keys that merely start with "my" or
 * "put" or hold "example"/"fake" somewhere stay. */
static const char bare_rule[] =
	"rules:\n"
	"  - id: f.bare\n"
	"    title: t\n"
	"    category: secret\n"
	"    severity: low\n"
	"    guideline: { doc: d, quote: q }\n"
	"    pattern: '(.+)'\n"
	"    examples: [x]\n"
	"    negative_examples: [y]\n";

static const struct {
	const char *secret;
	int rejected;
} shipped[] = {
	/* "your|my|insert|enter|replace|put" only with a separator or glued
	 * to a placeholder word */
	{ "MyJalrXUtnFEMI7K7MDENGbPxRfiCYzQ8vN3kL2w", 0 },
	{ "PutR8vN3kLm1Pw7Rt5Yx2Cb4Df6Gh", 0 },
	{ "EnterpriseZq8vN3kLm1Pw7Rt5", 0 },
	{ "my-api-key", 1 },
	{ "my_token_2", 1 },
	{ "your token here", 1 },
	{ "insert-key-here", 1 },
	{ "put_your_key_here", 1 },
	{ "mysecretkey", 1 },
	{ "YourApiKey", 1 },
	/* example, sample, fake, dummy, placeholder: whole placeholder-like
	 * values only */
	{ "Xk9#fakeQ2mP!v7Lw", 0 },
	{ "Tq7!SampleR9x#2Lm", 0 },
	{ "ExampleQ8vN3kLm1Pw7Rt5Yx2Cb", 0 },
	{ "dUmMyZq8vN3kLm1Pw7Rt5", 0 },
	{ "example-api-key", 1 },
	{ "dummy_password_12", 1 },
	{ "sample_service_token_value_1", 1 },
	{ "fake-Zq8vN3kLm1Pw7Rt5Yx2Cb4", 1 },
	{ "Zq8vN3kLm1Pw7Rt5Yx2Cb4_example", 1 },
	{ "PLACEHOLDER", 1 },
	{ "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY", 1 },
	{ "AKIAI44QH8DHBEXAMPLE", 1 },
	/* the other placeholder shapes and documented values */
	{ "<your-token>", 1 },
	{ "{{password}}", 1 },
	{ "${PRESTO_TOKEN}", 1 },
	{ "changeme", 1 },
	{ "changeme-in-production-123", 1 },
	{ "ChangeMeQ8vN3kLm1Pw7Rt5", 0 },
	{ "ak_live_8f3b1c0e5a4d4f2c9b1e7d6c5a4b3c2d", 1 },
	{ "2YotnFZFEjr1zCsicMWpAA", 1 },
	{ "your_api_key_Zq8vN3kLm1", 1 },
	{ "Zq8vN3kLm1Pw7Rt5Yx2C", 0 },
	/* templates inside a value, stock words with a counter */
	{ "pre${GAS_PASSWORD_TAIL}", 1 },
	{ "{{ vault.db_pw }}-2", 1 },
	{ "password123", 1 },
	{ "Admin2024!", 1 },
	/* a '$', '&', '{' or '<' alone is part of a real password */
	{ "t7&Kq$Wm9#pLz2", 0 },
	{ "Vq8$nR2&kLp9{xT", 0 },
	{ "$9vLq&Tz4!mWc", 0 },
};

START_TEST(test_shipped_allowlist)
{
	struct ruleset rs = RULESET_INIT;
	struct err e = ERR_INIT;
	const char *s = shipped[_i].secret;

	ck_assert_msg(!ruleset_load_file(&rs, "rules/allowlist.yaml", 0, &e),
		      "%s", e.msg);
	ck_assert_msg(!ruleset_load_buffer(&rs, "t", bare_rule,
					   strlen(bare_rule), 0, &e),
		      "%s", e.msg);
	ck_assert_msg(filter_rejects(&rs, rs.rules[0], s, strlen(s), s,
				     strlen(s)) == shipped[_i].rejected,
		      "'%s': want rejected=%d", s, shipped[_i].rejected);
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

/* The bar is min_entropy, or 0.7 log2(n) when that is lower: a short
 * random value is not dropped for being short, a repeat still is. */
START_TEST(test_entropy_bar)
{
	ck_assert_double_eq_tol(filter_entropy_bar(3.5, 10), 0.7 * log2(10),
				1e-9);
	ck_assert_double_eq_tol(filter_entropy_bar(3.5, 64), 3.5, 1e-9);
	ck_assert_double_eq_tol(filter_entropy_bar(2.8, 1), 0.0, 1e-9);
	/* ten different characters pass a 3.5 rule, a run of two does not */
	ck_assert(shannon_entropy("Q7x!mZ2kP9", 10) >=
		  filter_entropy_bar(3.5, 10));
	ck_assert(shannon_entropy("ababababab", 10) <
		  filter_entropy_bar(3.5, 10));
	ck_assert(shannon_entropy("aaaabbbbcccc", 12) <
		  filter_entropy_bar(2.8, 12));
}
END_TEST

static Suite *make_suite(void)
{
	Suite *s = suite_create("filter");
	TCase *tc = tcase_create("rows");

	tcase_add_loop_test(tc, test_filter_rows, 0,
			    sizeof(rows) / sizeof(rows[0]));
	tcase_add_loop_test(tc, test_shipped_allowlist, 0,
			    sizeof(shipped) / sizeof(shipped[0]));
	tcase_add_test(tc, test_entropy);
	tcase_add_test(tc, test_entropy_bar);
	suite_add_tcase(s, tc);
	return s;
}
