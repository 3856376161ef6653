/* test_compliance.c - the guideline catalogue (`guidelines:` in rule
 * files) and the matrix built from it: each verdict from a real report,
 * which target a finding belongs to, and the load errors a catalogue
 * author sees (file:line:column). */
#include <string.h>

#include "check_main.h"
#include "core/report.h"
#include "core/rule.h"
#include "report/compliance.h"

static const char catalogue[] =
	"rules:\n"
	"  - id: src.leak\n"
	"    title: Leak\n"
	"    category: secret\n"
	"    severity: high\n"
	"    guideline: { doc: d.txt, quote: Keep it secret. }\n"
	"    pattern: 'LEAK[0-9]+'\n"
	"    examples: ['LEAK1']\n"
	"    negative_examples: ['leak']\n"
	"  - id: endpoint.tls-old\n"
	"    title: Old TLS\n"
	"    kind: endpoint\n"
	"    category: transport\n"
	"    severity: high\n"
	"    guideline: { doc: d.txt, quote: Use TLS 1.2. }\n"
	"  - id: endpoint.probe-failed\n"
	"    title: Probe failed\n"
	"    kind: endpoint\n"
	"    category: transport\n"
	"    severity: info\n"
	"    guideline: { doc: d.txt, quote: Use TLS 1.2. }\n"
	"profiles:\n"
	"  - name: default\n"
	"    title: All\n"
	"    rules: ['*']\n"
	"  - name: vendor\n"
	"    title: The vendor\n"
	"    guideline: { doc: d.txt, quote: Use TLS 1.2. }\n"
	"    rules: ['src.*', 'endpoint.*']\n"
	"  - name: narrow\n"
	"    title: Endpoints only\n"
	"    guideline: { doc: d.txt, quote: Use TLS 1.2. }\n"
	"    rules: ['endpoint.*']\n"
	"guidelines:\n"
	"  - id: v.secret\n"
	"    title: Keep secrets out of code\n"
	"    doc: d.txt\n"
	"    section: Security\n"
	"    quote: Keep it secret.\n"
	"    rules: ['src.*']\n"
	"  - id: v.tls\n"
	"    title: TLS 1.2\n"
	"    doc: d.txt\n"
	"    section: Transport\n"
	"    quote: Use TLS 1.2.\n"
	"    rules: [endpoint.tls-old]\n"
	"  - id: v.manager\n"
	"    title: Tell the manager\n"
	"    doc: d.txt\n"
	"    section: Support\n"
	"    quote: Contact your manager.\n"
	"    manual: Ask the vendor's partner manager.\n"
	"  - id: other.doc\n"
	"    title: Another document\n"
	"    doc: e.txt\n"
	"    section: S\n"
	"    quote: Q.\n"
	"    rules: [src.leak]\n";

static struct ruleset rs;

static void setup(void)
{
	struct err e = ERR_INIT;

	memset(&rs, 0, sizeof(rs));
	if (ruleset_load_buffer(&rs, "cat.yaml", catalogue,
				sizeof(catalogue) - 1, 0, &e) ||
	    ruleset_validate(&rs, &e))
		ck_abort_msg("catalogue: %s:%u:%u: %s", e.file, e.line, e.col,
			     e.msg);
}

static void teardown(void)
{
	ruleset_release(&rs);
}

static void add(struct report *r, const char *rule, const char *path,
		const char *root, const char *url)
{
	struct finding f = { 0 };

	f.rule = ruleset_find(&rs, rule);
	ck_assert_ptr_nonnull(f.rule);
	f.severity = f.rule->severity;
	f.message = strdup("m");
	f.path = path ? strdup(path) : NULL;
	f.root = root ? strdup(root) : NULL;
	f.url = url ? strdup(url) : NULL;
	f.evidence = strdup("connect: refused");
	finding_list_add(&r->findings, &f, rule);
}

static enum compliance_verdict cell(const struct compliance_matrix *m,
				    const char *id, size_t col)
{
	for (size_t row = 0; row < m->nr_statements; row++)
		if (!strcmp(m->statements[row]->id, id))
			return compliance_cell(m, row, col)->verdict;
	ck_abort_msg("no row %s", id);
	return COMPLY__COUNT;
}

START_TEST(test_catalogue_loaded)
{
	const struct statement *st = ruleset_statement(&rs, "v.tls");

	ck_assert_uint_eq(rs.nr_statements, 4);
	ck_assert_ptr_nonnull(st);
	ck_assert_str_eq(st->guideline.quote, "Use TLS 1.2.");
	ck_assert_str_eq(st->guideline.section, "Transport");
	ck_assert(statement_tests(st, ruleset_find(&rs, "endpoint.tls-old")));
	ck_assert(!statement_tests(st, ruleset_find(&rs, "src.leak")));
	ck_assert(statement_tests(ruleset_statement(&rs, "v.secret"),
				  ruleset_find(&rs, "src.leak")));
	ck_assert_str_eq(ruleset_statement(&rs, "v.manager")->manual,
			 "Ask the vendor's partner manager.");
	ck_assert(profile_covers(ruleset_profile(&rs, "vendor"), st));
	ck_assert(!profile_covers(ruleset_profile(&rs, "vendor"),
				  ruleset_statement(&rs, "other.doc")));
	ck_assert(profile_covers(ruleset_profile(&rs, "default"),
				 ruleset_statement(&rs, "other.doc")));
}
END_TEST

/* Two source roots and two endpoints under one profile: each verdict. */
START_TEST(test_matrix_verdicts)
{
	struct report r;
	struct compliance c;
	const struct compliance_matrix *m;
	const struct statement *sts[4];

	report_init(&r, "audit");
	r.rules = &rs;
	r.profile = ruleset_profile(&rs, "vendor");
	report_add_target(&r, "app", RULE_TARGET_SOURCE, NULL);
	report_add_target(&r, ".", RULE_TARGET_SOURCE, NULL);
	report_add_target(&r, "https://a.test/api", RULE_TARGET_ENDPOINT,
			  NULL);
	report_add_target(&r, "https://b.test/", RULE_TARGET_ENDPOINT, NULL);
	add(&r, "src.leak", "x.py", "app", NULL);
	add(&r, "endpoint.tls-old", NULL, NULL, "https://a.test/api");
	add(&r, "endpoint.probe-failed", NULL, NULL, "https://b.test:8443/");
	compliance_build(&r, &c);
	ck_assert_uint_eq(c.nr, 1);
	m = &c.matrices[0];
	ck_assert_ptr_eq(m->profile, r.profile);
	ck_assert_uint_eq(m->nr_statements, 3);	/* other.doc is not d.txt */
	ck_assert_uint_eq(m->nr_targets, 4);
	ck_assert_int_eq(cell(m, "v.secret", 0), COMPLY_FAIL);
	ck_assert_int_eq(cell(m, "v.secret", 1), COMPLY_PASS);
	ck_assert_int_eq(cell(m, "v.secret", 2), COMPLY_NOT_TESTED);
	ck_assert_int_eq(cell(m, "v.tls", 0), COMPLY_NOT_TESTED);
	ck_assert_int_eq(cell(m, "v.tls", 2), COMPLY_FAIL);
	ck_assert_int_eq(cell(m, "v.tls", 3), COMPLY_ERROR);
	ck_assert_int_eq(cell(m, "v.manager", 2), COMPLY_NOT_TESTED);
	ck_assert_ptr_nonnull(strstr(compliance_cell(m, 2, 2)->why,
				     "manual check"));
	ck_assert_ptr_nonnull(strstr(compliance_cell(m, 1, 3)->why,
				     "refused"));
	ck_assert_ptr_nonnull(strstr(compliance_cell(m, 1, 0)->why,
				     "its rules run in probe"));
	ck_assert_uint_eq(compliance_cell(m, 0, 0)->nr_findings, 1);
	ck_assert_uint_eq(m->count[COMPLY_FAIL], 2);
	ck_assert_uint_eq(m->count[COMPLY_ERROR], 1);
	ck_assert_uint_eq(compliance_statements_of(&rs, ruleset_find(&rs,
				"src.leak"), sts, 4), 2);
	compliance_release(&c);
	report_release(&r);
}
END_TEST

/* One matrix per profile, in the order targets name them; a rule the
 * profile does not select leaves its statement not tested. */
START_TEST(test_matrix_per_profile)
{
	struct report r;
	struct compliance c;

	report_init(&r, "audit");
	r.rules = &rs;
	r.profile = ruleset_profile(&rs, "default");
	report_add_target(&r, "src", RULE_TARGET_SOURCE, "narrow");
	report_add_target(&r, "https://a.test/", RULE_TARGET_ENDPOINT, NULL);
	compliance_build(&r, &c);
	ck_assert_uint_eq(c.nr, 2);
	ck_assert_str_eq(c.matrices[0].profile->name, "narrow");
	ck_assert_str_eq(c.matrices[1].profile->name, "default");
	ck_assert_uint_eq(c.matrices[1].nr_statements, 4);
	ck_assert_int_eq(cell(&c.matrices[0], "v.secret", 0),
			 COMPLY_NOT_TESTED);
	ck_assert_ptr_nonnull(strstr(compliance_cell(&c.matrices[0], 0,
						     0)->why, "selects none"));
	compliance_release(&c);
	report_release(&r);
}
END_TEST

/* A check of a statement's rule that could not be made on a target (a
 * skipped check, a port not reached) makes that statement an error there
 * with the reason, never a pass; another target, or a rule of another
 * statement, is untouched. */
START_TEST(test_matrix_untested)
{
	struct report r;
	struct compliance c;
	const struct compliance_matrix *m;

	report_init(&r, "audit");
	r.rules = &rs;
	r.profile = ruleset_profile(&rs, "vendor");
	report_add_target(&r, "https://a.test/", RULE_TARGET_ENDPOINT, NULL);
	report_add_target(&r, "https://b.test/", RULE_TARGET_ENDPOINT, NULL);
	report_target_untested(&r, 0, "endpoint.tls-old", "not reached: "
			       "timeout");
	report_target_untested(&r, 0, "endpoint.tls-old", "second reason");
	report_target_untested(&r, 1, "src.leak", "skipped");
	ck_assert_str_eq(report_target_why_untested(&r.targets[0],
						    "endpoint.tls-old"),
			 "not reached: timeout");
	compliance_build(&r, &c);
	m = &c.matrices[0];
	ck_assert_int_eq(cell(m, "v.tls", 0), COMPLY_ERROR);
	ck_assert_str_eq(compliance_cell(m, 1, 0)->why,
			 "not reached: timeout");
	ck_assert_int_eq(cell(m, "v.tls", 1), COMPLY_PASS);
	/* src.leak does not run on endpoints: still not tested */
	ck_assert_int_eq(cell(m, "v.secret", 1), COMPLY_NOT_TESTED);
	compliance_release(&c);
	/* a finding outranks a skipped check: fail */
	add(&r, "endpoint.tls-old", NULL, NULL, "https://a.test/");
	compliance_build(&r, &c);
	ck_assert_int_eq(cell(&c.matrices[0], "v.tls", 0), COMPLY_FAIL);
	compliance_release(&c);
	report_release(&r);
}
END_TEST

/* Which target a finding belongs to. */
START_TEST(test_target_of)
{
	struct report r;
	struct finding f = { 0 };

	report_init(&r, "audit");
	report_add_target(&r, "app", RULE_TARGET_SOURCE, NULL);
	report_add_target(&r, "config/.env", RULE_TARGET_SOURCE, NULL);
	report_add_target(&r, "https://a.test/api/v1", RULE_TARGET_ENDPOINT,
			  NULL);
	report_add_target(&r, "https://b.test/", RULE_TARGET_ENDPOINT, NULL);
	ck_assert_uint_eq(report_add_target(&r, "app", RULE_TARGET_SOURCE,
					    NULL), 0);
	f.path = (char *)"x.py";
	f.root = (char *)"app";
	ck_assert_int_eq(report_target_of(&r, &f), 0);
	f.root = NULL;
	f.path = (char *)"config/.env";
	ck_assert_int_eq(report_target_of(&r, &f), 1);
	f.path = NULL;
	f.url = (char *)"https://a.test/api/v1";
	ck_assert_int_eq(report_target_of(&r, &f), 2);
	f.url = (char *)"https://b.test/other";
	ck_assert_int_eq(report_target_of(&r, &f), 3);
	f.url = (char *)"https://b.test:8443/";
	ck_assert_int_eq(report_target_of(&r, &f), 3);
	f.url = (char *)"https://c.test/";
	ck_assert_int_eq(report_target_of(&r, &f), -1);
	report_release(&r);
}
END_TEST

static const struct {
	const char *yaml, *want;
	unsigned line, col;
} bad[] = {
	{ "guidelines:\n  - id: a\n    title: t\n    doc: d\n    section: s\n"
	  "    quote: q\n", "give either 'rules'", 2, 5 },
	{ "guidelines:\n  - id: a\n    title: t\n    doc: d\n    section: s\n"
	  "    quote: q\n    rules: [src.leak]\n    manual: m\n",
	  "give either 'rules'", 2, 5 },
	{ "guidelines:\n  - id: a\n    title: t\n    doc: d\n    section: s\n"
	  "    quote: q\n    rule: [x]\n", "unknown key 'rule'", 7, 5 },
	{ "guidelines:\n  - id: a\n    doc: d\n    section: s\n    quote: q\n"
	  "    manual: m\n", "missing required key 'title'", 2, 5 },
	{ "guidelines:\n  - id: v.tls\n    title: t\n    doc: d\n"
	  "    section: s\n    quote: q\n    manual: m\n", "duplicate id", 2,
	  5 },
	{ "guidelines:\n  - id: z\n    title: t\n    doc: d\n    section: s\n"
	  "    quote: q\n    rules: [src.typo]\n", "no rule 'src.typo'", 2,
	  5 },
	{ "guidelines: {}\n", "'guidelines' must be a list", 1, 13 },
};

START_TEST(test_catalogue_errors)
{
	struct err e = ERR_INIT;
	int rc = ruleset_load_buffer(&rs, "bad.yaml", bad[_i].yaml,
				     strlen(bad[_i].yaml), 0, &e);

	if (!rc)
		rc = ruleset_validate(&rs, &e);
	ck_assert_int_eq(rc, -1);
	ck_assert_msg(strstr(e.msg, bad[_i].want), "row %d: got '%s'", _i,
		      e.msg);
	ck_assert_str_eq(e.file, "bad.yaml");
	ck_assert_uint_eq(e.line, bad[_i].line);
	ck_assert_uint_eq(e.col, bad[_i].col);
}
END_TEST

static Suite *make_suite(void)
{
	Suite *s = suite_create("compliance");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_catalogue_loaded);
	tcase_add_test(tc, test_matrix_verdicts);
	tcase_add_test(tc, test_matrix_per_profile);
	tcase_add_test(tc, test_matrix_untested);
	tcase_add_test(tc, test_target_of);
	tcase_add_loop_test(tc, test_catalogue_errors, 0,
			    (int)(sizeof(bad) / sizeof(bad[0])));
	suite_add_tcase(s, tc);
	return s;
}
