/* test_rule_load.c - rule files: what loads, and every error naming
 * file:line:column (and the rule id where one applies). */
#include <string.h>

#include "check_main.h"
#include "rule.h"
#include "rule_kind.h"

#define GOOD_RULE(id) \
	"  - id: " id "\n" \
	"    title: Demo\n" \
	"    category: secret\n" \
	"    severity: high\n" \
	"    guideline: { doc: d.txt, quote: q }\n" \
	"    keywords: [demo_]\n" \
	"    pattern: 'demo_([a-z0-9]{8})'\n" \
	"    examples: ['k = demo_a1b2c3d4']\n" \
	"    negative_examples: ['k = demo_']\n"

START_TEST(test_loads_a_rule)
{
	struct ruleset rs = RULESET_INIT;
	struct err e = ERR_INIT;
	const char *y = "rules:\n" GOOD_RULE("demo.one");
	const struct rule *r;

	ck_assert_int_eq(ruleset_load_buffer(&rs, "t.yaml", y, strlen(y), 0,
					     &e), 0);
	r = ruleset_find(&rs, "demo.one");
	ck_assert_ptr_nonnull(r);
	ck_assert_str_eq(r->kind->name, "regex");
	ck_assert_int_eq(r->severity, SEV_HIGH);
	ck_assert_int_eq(r->confidence, CONF_MEDIUM);
	ck_assert_int_eq(r->secret_group, 1);	/* one group: the secret */
	ck_assert_uint_eq(r->line, 2);
	ck_assert_uint_eq(r->col, 5);
	ck_assert_uint_eq(r->nr_examples, 1);
	ck_assert_uint_eq(r->nr_negatives, 1);
	ck_assert_int_eq(ruleset_validate(&rs, &e), 0);
	ruleset_release(&rs);
}
END_TEST

static const struct {
	const char *name, *yaml;
	unsigned line, col;
	const char *want;	/* substring of the message */
} bad[] = {
	{ "syntax", "rules:\n  - id: [x\n", 3, 1, "YAML" },
	{ "unknown key", "rules:\n" GOOD_RULE("a.b") "    colour: red\n", 11, 5,
	  "rule 'a.b': unknown key 'colour'" },
	{ "missing field", "rules:\n  - id: a.c\n    title: t\n", 2, 5,
	  "rule 'a.c': missing required key 'category'" },
	{ "bad regex", "rules:\n  - id: a.d\n    title: t\n    category: secret\n"
	  "    severity: low\n    guideline: { doc: d, quote: q }\n"
	  "    pattern: 'ab(c'\n    examples: [x]\n    negative_examples: [y]\n",
	  2, 5, "rule 'a.d': pattern does not compile at offset 4" },
	{ "duplicate id", "rules:\n" GOOD_RULE("a.e") GOOD_RULE("a.e"), 11, 5,
	  "rule 'a.e': duplicate id (first defined at t.yaml:2:5)" },
	{ "bad severity", "rules:\n  - id: a.f\n    severity: huge\n", 3, 15,
	  "rule 'a.f': severity must be one of" },
	{ "unknown kind", "rules:\n  - id: a.g\n    kind: magic\n", 3, 11,
	  "rule 'a.g': unknown kind 'magic'" },
	{ "top level", "rulez: []\n", 1, 1, "unknown top-level key 'rulez'" },
	{ "group too high", "rules:\n  - id: a.h\n    title: t\n"
	  "    category: secret\n    severity: low\n"
	  "    guideline: { doc: d, quote: q }\n    pattern: 'a(b)'\n"
	  "    secret_group: 3\n    examples: [x]\n    negative_examples: [y]\n",
	  2, 5, "secret_group 3 but the pattern has 1 groups" },
	{ "profile param", "profiles:\n  - name: p\n    title: t\n"
	  "    rules: ['*']\n    params: { max_token_lifetime: forever }\n",
	  2, 5, "parameter 'max_token_lifetime': 'forever'" },
};

START_TEST(test_bad_rule_rows)
{
	struct ruleset rs = RULESET_INIT;
	struct err e = ERR_INIT;

	ck_assert_int_eq(ruleset_load_buffer(&rs, "t.yaml", bad[_i].yaml,
					     strlen(bad[_i].yaml), 0, &e), -1);
	ck_assert_str_eq(e.file, "t.yaml");
	ck_assert_msg(e.line == bad[_i].line && e.col == bad[_i].col,
		      "%s: at %u:%u, want %u:%u (%s)", bad[_i].name, e.line,
		      e.col, bad[_i].line, bad[_i].col, e.msg);
	ck_assert_msg(strstr(e.msg, bad[_i].want), "%s: message '%s' lacks "
		      "'%s'", bad[_i].name, e.msg, bad[_i].want);
	ruleset_release(&rs);
}
END_TEST

START_TEST(test_rule_without_examples_fails_validation)
{
	struct ruleset rs = RULESET_INIT;
	struct err e = ERR_INIT;
	const char *y = "rules:\n  - id: a.x\n    title: t\n"
			"    category: secret\n    severity: low\n"
			"    guideline: { doc: d, quote: q }\n"
			"    pattern: 'x'\n    examples: [x]\n";

	ck_assert_int_eq(ruleset_load_buffer(&rs, "t.yaml", y, strlen(y), 0,
					     &e), 0);
	ck_assert_int_eq(ruleset_validate(&rs, &e), -1);
	ck_assert_uint_eq(e.line, 2);
	ck_assert_ptr_nonnull(strstr(e.msg, "rule 'a.x': needs both"));
	ruleset_release(&rs);
}
END_TEST

START_TEST(test_override_replaces)
{
	struct ruleset rs = RULESET_INIT;
	struct err e = ERR_INIT;
	const char *a = "rules:\n" GOOD_RULE("o.r");
	const char *b = "rules:\n" GOOD_RULE("o.r");

	ck_assert_int_eq(ruleset_load_buffer(&rs, "a.yaml", a, strlen(a), 0,
					     &e), 0);
	ck_assert_int_eq(ruleset_load_buffer(&rs, "b.yaml", b, strlen(b), 1,
					     &e), 0);
	ck_assert_uint_eq(rs.nr, 1);
	ck_assert_str_eq(ruleset_find(&rs, "o.r")->file, "b.yaml");
	ruleset_release(&rs);
}
END_TEST

static Suite *make_suite(void)
{
	Suite *s = suite_create("rule_load");
	TCase *tc = tcase_create("load");

	tcase_add_test(tc, test_loads_a_rule);
	tcase_add_loop_test(tc, test_bad_rule_rows, 0,
			    sizeof(bad) / sizeof(bad[0]));
	tcase_add_test(tc, test_rule_without_examples_fails_validation);
	tcase_add_test(tc, test_override_replaces);
	suite_add_tcase(s, tc);
	return s;
}
