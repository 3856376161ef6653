/* test_rule_load.c - rule files: what loads, and every error naming
 * file:line:column (and the rule id where one applies). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check_main.h"
#include "core/rule.h"
#include "core/rule_kind.h"
#include "lib/yaml_doc.h"

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

#define PROFILE(name) \
	"  - name: " name "\n" \
	"    title: t\n" \
	"    rules: ['*']\n"

/* A rule with `extra` keys in place of its pattern line. */
#define RULE_WITH(id, extra) \
	"  - id: " id "\n" \
	"    title: t\n" \
	"    category: secret\n" \
	"    severity: low\n" \
	"    guideline: { doc: d, quote: q }\n" \
	extra \
	"    examples: [x]\n" \
	"    negative_examples: [y]\n"

static const struct {
	const char *name, *yaml;
	unsigned line, col;
	const char *want;	/* substring of the message */
	int override;		/* loaded as a --rules layer */
} bad[] = {
	{ "syntax", "rules:\n  - id: [x\n", 3, 1, "YAML", 0 },
	{ "unknown key", "rules:\n" GOOD_RULE("a.b") "    colour: red\n", 11, 5,
	  "rule 'a.b': unknown key 'colour'", 0 },
	{ "missing field", "rules:\n  - id: a.c\n    title: t\n", 2, 5,
	  "rule 'a.c': missing required key 'category'", 0 },
	/* a pattern error points at the pattern, not the rule's start */
	{ "bad regex", "rules:\n  - id: a.d\n    title: t\n    category: secret\n"
	  "    severity: low\n    guideline: { doc: d, quote: q }\n"
	  "    pattern: 'ab(c'\n    examples: [x]\n    negative_examples: [y]\n",
	  7, 14, "rule 'a.d': pattern does not compile at offset 4", 0 },
	{ "bad allow regex", "rules:\n" RULE_WITH("a.i", "    pattern: 'x'\n"
	  "    allow:\n      - '^ok$'\n      - '(bad'\n"), 10, 9,
	  "rule 'a.i': allow pattern '(bad' does not compile", 0 },
	{ "empty keyword", "rules:\n" RULE_WITH("a.j", "    pattern: 'x'\n"
	  "    keywords: [x, '']\n"), 8, 19, "rule 'a.j': empty keyword", 0 },
	{ "prefilter and keywords", "rules:\n" RULE_WITH("a.k",
	  "    pattern: 'x'\n    keywords: [x]\n    prefilter: 'x'\n"),
	  9, 16, "rule 'a.k': a prefilter stands in for keywords", 0 },
	{ "duplicate id", "rules:\n" GOOD_RULE("a.e") GOOD_RULE("a.e"), 11, 5,
	  "rule 'a.e': duplicate id (first defined at t.yaml:2:5)", 0 },
	{ "bad severity", "rules:\n  - id: a.f\n    severity: huge\n", 3, 15,
	  "rule 'a.f': severity must be one of", 0 },
	{ "unknown kind", "rules:\n  - id: a.g\n    kind: magic\n", 3, 11,
	  "rule 'a.g': unknown kind 'magic'", 0 },
	{ "top level", "rulez: []\n", 1, 1, "unknown top-level key 'rulez'",
	  0 },
	/* nothing reads a catalogue: the key is unknown, not ignored */
	{ "catalogue key", "catalogue: { tokens: x }\nrules: []\n", 1, 1,
	  "unknown top-level key 'catalogue'", 0 },
	/* a second document is read, not dropped: its error is found */
	{ "second document", "rules:\n" GOOD_RULE("a.l") "---\nrules:\n"
	  "  - id: a.m\n    severity: huge\n", 14, 15,
	  "rule 'a.m': severity must be one of", 0 },
	{ "duplicate in one --rules layer", "rules:\n" GOOD_RULE("a.n")
	  GOOD_RULE("a.n"), 11, 5,
	  "rule 'a.n': duplicate id (first defined at t.yaml:2:5)", 1 },
	{ "duplicate across documents", "rules:\n" GOOD_RULE("a.o")
	  "---\nrules:\n" GOOD_RULE("a.o"), 13, 5,
	  "rule 'a.o': duplicate id (first defined at t.yaml:2:5)", 1 },
	{ "duplicate profile in one --rules layer", "profiles:\n"
	  PROFILE("p1") PROFILE("p1"), 5, 5,
	  "profile 'p1': duplicate name (first defined at t.yaml:2:5)", 1 },
	{ "group too high", "rules:\n  - id: a.h\n    title: t\n"
	  "    category: secret\n    severity: low\n"
	  "    guideline: { doc: d, quote: q }\n    pattern: 'a(b)'\n"
	  "    secret_group: 3\n    examples: [x]\n    negative_examples: [y]\n",
	  8, 19, "secret_group 3 but the pattern has 1 groups", 0 },
	/* allow-lists that once crashed or leaked on the way out */
	{ "allowlist: patterns, then an unknown key",
	  "allowlist:\n  patterns: ['a']\n  bogus: 1\n", 3, 3,
	  "unknown key 'bogus'", 0 },
	{ "two allowlists, the second bad", "allowlist:\n  patterns: ['a']\n"
	  "---\nallowlist:\n  patterns: ['b', 'c']\n  bogus: 1\n", 6, 3,
	  "unknown key 'bogus'", 0 },
	{ "allowlist pattern does not compile",
	  "allowlist:\n  patterns: ['ok', '(bad', 'later']\n", 2, 3,
	  "allowlist: pattern '(bad' does not compile", 0 },
	{ "profile param", "profiles:\n  - name: p\n    title: t\n"
	  "    rules: ['*']\n    params: { max_token_lifetime: forever }\n",
	  2, 5, "parameter 'max_token_lifetime': 'forever'", 0 },
};

START_TEST(test_bad_rule_rows)
{
	struct ruleset rs = RULESET_INIT;
	struct err e = ERR_INIT;

	ck_assert_int_eq(ruleset_load_buffer(&rs, "t.yaml", bad[_i].yaml,
					     strlen(bad[_i].yaml),
					     bad[_i].override, &e), -1);
	ck_assert_str_eq(e.file, "t.yaml");
	ck_assert_msg(e.line == bad[_i].line && e.col == bad[_i].col,
		      "%s: at %u:%u, want %u:%u (%s)", bad[_i].name, e.line,
		      e.col, bad[_i].line, bad[_i].col, e.msg);
	ck_assert_msg(strstr(e.msg, bad[_i].want), "%s: message '%s' lacks "
		      "'%s'", bad[_i].name, e.msg, bad[_i].want);
	ruleset_release(&rs);
}
END_TEST

/* A rule with positive examples only. */
#define NO_NEGATIVES_RULE \
	"rules:\n  - id: a.x\n    title: t\n" \
	"    category: secret\n    severity: low\n" \
	"    guideline: { doc: d, quote: q }\n" \
	"    pattern: 'x'\n    examples: [x]\n"

START_TEST(test_rule_without_examples_fails_validation)
{
	struct ruleset rs = RULESET_INIT;
	struct err e = ERR_INIT;
	const char *y = NO_NEGATIVES_RULE;

	ck_assert_int_eq(ruleset_load_buffer(&rs, "t.yaml", y, strlen(y), 0,
					     &e), 0);
	ck_assert_int_eq(ruleset_validate(&rs, &e), -1);
	ck_assert_uint_eq(e.line, 2);
	ck_assert_ptr_nonnull(strstr(e.msg, "rule 'a.x': needs both"));
	ruleset_release(&rs);
}
END_TEST

/* The same rule through --rules (a layer of its own) loads, untested,
 * and a notice says so. */
START_TEST(test_user_rule_without_examples_is_a_notice)
{
	struct ruleset rs = RULESET_INIT;
	struct err e = ERR_INIT;
	const char *y = NO_NEGATIVES_RULE;

	ck_assert_int_eq(ruleset_load_buffer(&rs, "mine.yaml", y, strlen(y), 1,
					     &e), 0);
	ck_assert_int_eq(ruleset_validate(&rs, &e), 0);
	ck_assert_uint_eq(rs.notices.nr, 1);
	ck_assert_str_eq(rs.notices.items[0], "mine.yaml:2:5: rule 'a.x' has "
			 "no negative_examples: `authaudit rules test` cannot "
			 "check it");
	ck_assert_uint_eq(rs.errors.nr, 0);
	ruleset_release(&rs);
}
END_TEST

/* A file's broken rules are each an error, the good ones load. */
START_TEST(test_every_error_of_a_file)
{
	struct ruleset rs = RULESET_INIT;
	struct err e = ERR_INIT;
	const char *y = "rules:\n"
			"  - id: b.one\n    title: t\n    category: secret\n"
			"    severity: loud\n    guideline: { doc: d, quote: q }\n"
			"    pattern: 'x'\n"
			GOOD_RULE("g.two")
			"  - id: b.three\n    title: t\n    category: secret\n"
			"    severity: low\n    guideline: { doc: d, quote: q }\n"
			"    pattern: '(x'\n"
			"what: 1\n";

	ck_assert_int_eq(ruleset_load_buffer(&rs, "t.yaml", y, strlen(y), 0,
					     &e), -1);
	ck_assert_uint_eq(rs.errors.nr, 3);
	ck_assert_ptr_nonnull(strstr(rs.errors.items[0].msg, "rule 'b.one'"));
	ck_assert_ptr_nonnull(strstr(rs.errors.items[1].msg, "rule 'b.three'"));
	ck_assert_ptr_nonnull(strstr(rs.errors.items[2].msg,
				     "unknown top-level key 'what'"));
	ck_assert_uint_lt(rs.errors.items[0].line, rs.errors.items[1].line);
	ck_assert_str_eq(e.msg, rs.errors.items[0].msg);
	ck_assert_ptr_nonnull(ruleset_find(&rs, "g.two"));
	ck_assert_ptr_null(ruleset_find(&rs, "b.one"));
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

/* A later --rules layer still replaces an id of an earlier one, and a
 * profile too; only a second definition within one layer is refused. */
START_TEST(test_override_layers)
{
	struct ruleset rs = RULESET_INIT;
	struct err e = ERR_INIT;
	const char *a = "profiles:\n" PROFILE("p") "rules:\n" GOOD_RULE("o.r");
	const char *b = "profiles:\n" PROFILE("p") "rules:\n" GOOD_RULE("o.r");
	const char *c = "rules:\n" GOOD_RULE("o.r");

	ck_assert_int_eq(ruleset_load_buffer(&rs, "a.yaml", a, strlen(a), 0,
					     &e), 0);
	ck_assert_msg(!ruleset_load_buffer(&rs, "b.yaml", b, strlen(b), 1, &e),
		      "%s", e.msg);
	ck_assert_msg(!ruleset_load_buffer(&rs, "c.yaml", c, strlen(c), 1, &e),
		      "%s", e.msg);
	ck_assert_uint_eq(rs.nr, 1);
	ck_assert_uint_eq(rs.nr_profiles, 1);
	ck_assert_str_eq(ruleset_find(&rs, "o.r")->file, "c.yaml");
	ck_assert_str_eq(ruleset_profile(&rs, "p")->file, "b.yaml");
	ruleset_release(&rs);
}
END_TEST

/* Every document of a file is loaded. */
START_TEST(test_every_document)
{
	struct ruleset rs = RULESET_INIT;
	struct err e = ERR_INIT;
	const char *y = "---\nrules:\n" GOOD_RULE("d.one") "...\n---\n"
			"profiles:\n" PROFILE("p") "---\nrules:\n"
			GOOD_RULE("d.two");

	ck_assert_msg(!ruleset_load_buffer(&rs, "t.yaml", y, strlen(y), 0, &e),
		      "%s", e.msg);
	ck_assert_ptr_nonnull(ruleset_find(&rs, "d.one"));
	ck_assert_ptr_nonnull(ruleset_find(&rs, "d.two"));
	ck_assert_ptr_nonnull(ruleset_profile(&rs, "p"));
	ruleset_release(&rs);
}
END_TEST

/* yaml_doc_load(), for readers of one document (the auth config, probe
 * targets), refuses a second one rather than ignore it. */
static const struct {
	const char *yaml;
	int rc;
	unsigned line;
} one_doc[] = {
	{ "a: 1\n", 0, 0 },
	{ "---\na: 1\n...\n", 0, 0 },
	{ "", 0, 0 },
	{ "a: 1\n---\nb: 2\n", -1, 3 },
	{ "a: 1\n--- [x\n", -1, 3 },
};

START_TEST(test_yaml_doc_one_document)
{
	yaml_document_t doc;
	struct err e = ERR_INIT;
	int rc = yaml_doc_load(&doc, "c.yaml", one_doc[_i].yaml,
			       strlen(one_doc[_i].yaml), &e);

	ck_assert_msg(rc == one_doc[_i].rc, "row %d: rc %d (%s)", _i, rc,
		      e.msg);
	if (!rc)
		yaml_document_delete(&doc);
	else
		ck_assert_uint_eq(e.line, one_doc[_i].line);
}
END_TEST

static void write_file(const char *dir, const char *name, const char *text)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	fclose(f);
}

/* A --rules directory: *.yaml and *.yml load, recursively; any other
 * file is listed as not loaded (hidden ones aside); the built-in
 * directory lists nothing. */
START_TEST(test_dir_lists_what_it_ignores)
{
	char dir[] = "/tmp/authaudit-rules-XXXXXX", sub[64], want[128];
	struct ruleset rs = RULESET_INIT;
	struct err e = ERR_INIT;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(sub, sizeof(sub), "%s/more", dir);
	ck_assert_int_eq(mkdir(sub, 0700), 0);
	write_file(dir, "a.yaml", "rules:\n" GOOD_RULE("i.a"));
	write_file(sub, "b.yml", "rules:\n" GOOD_RULE("i.b"));
	write_file(dir, "c.yaml.bak", "rules:\n" GOOD_RULE("i.c"));
	write_file(dir, ".hidden.yaml", "rules: [");

	ck_assert_msg(!ruleset_load_dir(&rs, dir, 1, &e), "%s", e.msg);
	ck_assert_uint_eq(rs.nr, 2);
	ck_assert_uint_eq(rs.ignored.nr, 1);
	snprintf(want, sizeof(want), "%s/c.yaml.bak", dir);
	ck_assert_str_eq(rs.ignored.items[0], want);
	ruleset_release(&rs);

	ck_assert_msg(!ruleset_load_dir(&rs, dir, 0, &e), "%s", e.msg);
	ck_assert_uint_eq(rs.nr, 2);
	ck_assert_uint_eq(rs.ignored.nr, 0);
	ruleset_release(&rs);

	unlink(want);
	snprintf(want, sizeof(want), "%s/a.yaml", dir);
	unlink(want);
	snprintf(want, sizeof(want), "%s/.hidden.yaml", dir);
	unlink(want);
	snprintf(want, sizeof(want), "%s/b.yml", sub);
	unlink(want);
	rmdir(sub);
	rmdir(dir);
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
	tcase_add_test(tc, test_override_layers);
	tcase_add_test(tc, test_every_document);
	tcase_add_test(tc, test_user_rule_without_examples_is_a_notice);
	tcase_add_test(tc, test_every_error_of_a_file);
	tcase_add_loop_test(tc, test_yaml_doc_one_document, 0,
			    sizeof(one_doc) / sizeof(one_doc[0]));
	tcase_add_test(tc, test_dir_lists_what_it_ignores);
	suite_add_tcase(s, tc);
	return s;
}
