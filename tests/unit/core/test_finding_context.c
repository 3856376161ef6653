/* test_finding_context.c - a finding's context from its path, and the
 * policy that lowers or drops findings by context. */
#include <string.h>

#include "check_main.h"
#include "core/finding.h"
#include "core/context_policy.h"
#include "core/finding_context.h"
#include "lib/strlist.h"
#include "lib/xalloc.h"

static const struct {
	const char *root, *path;
	enum finding_context want;
} rows[] = {
	/* production code, including names that only look like tests */
	{ NULL, "src/app/config.py", CONTEXT_PRODUCTION },
	{ NULL, "lib/latest.java", CONTEXT_PRODUCTION },
	{ NULL, "src/attestation/keys.go", CONTEXT_PRODUCTION },
	{ NULL, "contest/app.rb", CONTEXT_PRODUCTION },
	{ NULL, "config/database.yml", CONTEXT_PRODUCTION },
	{ NULL, ".env", CONTEXT_PRODUCTION },
	{ NULL, "src/requests/adapters.py", CONTEXT_PRODUCTION },
	{ "/home/me/tests/project", "src/main.c", CONTEXT_PRODUCTION },
	{ ".", "app/models/user.rb", CONTEXT_PRODUCTION },
	/* tests: directories */
	{ NULL, "test/app.rb", CONTEXT_TEST },
	{ NULL, "tests/certs/server.key", CONTEXT_TEST },
	{ NULL, "actionpack/test/controller/x.rb", CONTEXT_TEST },
	{ NULL, "spec/models/user.rb", CONTEXT_TEST },
	{ NULL, "src/__tests__/api.js", CONTEXT_TEST },
	{ NULL, "src/__mocks__/axios.js", CONTEXT_TEST },
	{ NULL, "pkg/parser/testdata/in.txt", CONTEXT_TEST },
	{ NULL, "fixtures/users.json", CONTEXT_TEST },
	{ NULL, "Tests/Unit/Thing.cs", CONTEXT_TEST },
	{ NULL, "integration_tests/run.sh", CONTEXT_TEST },
	{ "tests", "config.yml", CONTEXT_TEST },
	/* tests: file names */
	{ NULL, "pkg/auth/token_test.go", CONTEXT_TEST },
	{ NULL, "src/api.test.js", CONTEXT_TEST },
	{ NULL, "src/app/user.spec.ts", CONTEXT_TEST },
	{ NULL, "lib/user_spec.rb", CONTEXT_TEST },
	{ NULL, "test_login.py", CONTEXT_TEST },
	{ NULL, "app/conftest.py", CONTEXT_TEST },
	{ NULL, "src/main/java/LoginTest.java", CONTEXT_TEST },
	/* docs */
	{ NULL, "README.md", CONTEXT_DOCS },
	{ NULL, "guides/source/security.md", CONTEXT_DOCS },
	{ NULL, "docs/conf.py", CONTEXT_DOCS },
	{ NULL, "doc/api.rst", CONTEXT_DOCS },
	{ NULL, "manual/setup.adoc", CONTEXT_DOCS },
	{ NULL, "man/authaudit.1", CONTEXT_DOCS },
	{ NULL, "tests/fixtures/README", CONTEXT_DOCS },
	/* examples */
	{ NULL, ".env.example", CONTEXT_EXAMPLE },
	{ NULL, "config/settings.sample", CONTEXT_EXAMPLE },
	{ NULL, "config/app.example.yml", CONTEXT_EXAMPLE },
	{ NULL, "config.php.dist", CONTEXT_EXAMPLE },
	{ NULL, "examples/client.py", CONTEXT_EXAMPLE },
	{ NULL, "samples/basic/main.go", CONTEXT_EXAMPLE },
	{ NULL, "demo/index.js", CONTEXT_EXAMPLE },
	/* the deepest directory decides */
	{ NULL, "docs/examples/client.py", CONTEXT_EXAMPLE },
	{ NULL, "examples/tests/client.py", CONTEXT_TEST },
	{ NULL, "test/fixtures/.env.example", CONTEXT_EXAMPLE },
};

START_TEST(test_context_rows)
{
	enum finding_context got = finding_context_of(rows[_i].root,
						      rows[_i].path);

	ck_assert_msg(got == rows[_i].want, "%s: got %s, want %s",
		      rows[_i].path, finding_context_name(got),
		      finding_context_name(rows[_i].want));
}
END_TEST

START_TEST(test_names_round_trip)
{
	enum finding_context c;

	for (int i = 0; i < CONTEXT__COUNT; i++) {
		ck_assert_int_eq(finding_context_parse(
			finding_context_name((enum finding_context)i), &c), 0);
		ck_assert_int_eq(c, i);
	}
	ck_assert_int_eq(finding_context_parse("tests", &c), 0);
	ck_assert_int_eq(c, CONTEXT_TEST);
	ck_assert_int_eq(finding_context_parse("DOC", &c), 0);
	ck_assert_int_eq(c, CONTEXT_DOCS);
	ck_assert_int_eq(finding_context_parse("vendor", &c), -1);
}
END_TEST

START_TEST(test_policy_parse)
{
	struct context_policy p;
	struct err e = ERR_INIT;

	context_policy_init(&p);
	ck_assert_int_eq(context_policy_active(&p), 0);
	ck_assert_int_eq(context_policy_parse_caps(&p, "test=low, docs=INFO",
						   &e), 0);
	ck_assert_int_eq(p.cap[CONTEXT_TEST], SEV_LOW);
	ck_assert_int_eq(p.cap[CONTEXT_DOCS], SEV_INFO);
	ck_assert_int_eq(p.cap[CONTEXT_PRODUCTION], SEV__COUNT);
	ck_assert_int_eq(context_policy_active(&p), 1);
	/* a bad entry leaves the policy as it was */
	ck_assert_int_eq(context_policy_parse_caps(&p, "example=info,test",
						   &e), -1);
	ck_assert_str_eq(e.msg, "context severity 'test' is not "
			 "CONTEXT=SEVERITY (test=low)");
	ck_assert_int_eq(p.cap[CONTEXT_EXAMPLE], SEV__COUNT);
	ck_assert_int_eq(context_policy_parse_caps(&p, "test=lowest", &e), -1);
	ck_assert_str_eq(e.msg, "unknown severity 'lowest' for context "
			 "'test'");
	ck_assert_int_eq(context_policy_parse_exclude(&p, "docs,bogus", &e),
			 -1);
	ck_assert_str_eq(e.msg, "unknown context 'bogus' (production, test, "
			 "example, docs)");
	ck_assert_int_eq(p.exclude[CONTEXT_DOCS], 0);
	ck_assert_int_eq(context_policy_parse_exclude(&p, "docs,example",
						      &e), 0);
	ck_assert_int_eq(p.exclude[CONTEXT_DOCS], 1);
	ck_assert_int_eq(p.exclude[CONTEXT_EXAMPLE], 1);
	ck_assert_int_eq(p.exclude[CONTEXT_TEST], 0);
}
END_TEST

static void add(struct finding_list *l, const char *path, enum severity s)
{
	struct finding f = { 0 };

	f.path = xstrdup(path);
	f.message = xstrdup(path);
	f.severity = s;
	finding_list_add(l, &f, path);
}

/* Findings get their context when added, sort production first, and the
 * policy drops and lowers them (never raises). */
START_TEST(test_policy_apply_and_sort)
{
	struct finding_list l;
	struct context_policy p;
	struct err e = ERR_INIT;

	finding_list_init(&l);
	add(&l, "a/README.md", SEV_HIGH);
	add(&l, "b/user_test.go", SEV_CRITICAL);
	add(&l, "c/main.go", SEV_HIGH);
	add(&l, "d/test/x.go", SEV_INFO);
	add(&l, "examples/e.go", SEV_MEDIUM);
	finding_list_sort(&l);
	ck_assert_str_eq(l.items[0].path, "c/main.go");
	ck_assert_str_eq(l.items[1].path, "b/user_test.go");
	ck_assert_str_eq(l.items[2].path, "d/test/x.go");
	ck_assert_str_eq(l.items[3].path, "examples/e.go");
	ck_assert_str_eq(l.items[4].path, "a/README.md");
	context_policy_init(&p);
	ck_assert_int_eq(context_policy_parse_caps(&p, "test=low", &e), 0);
	ck_assert_int_eq(context_policy_parse_exclude(&p, "docs", &e), 0);
	ck_assert_uint_eq(context_policy_apply(&p, &l), 1);
	ck_assert_uint_eq(l.nr, 4);
	ck_assert_int_eq(l.items[0].severity, SEV_HIGH);
	ck_assert_int_eq(l.items[1].severity, SEV_LOW);
	ck_assert_int_eq(l.items[2].severity, SEV_INFO);
	ck_assert_int_eq(l.items[3].severity, SEV_MEDIUM);
	ck_assert_int_eq(l.items[3].context, CONTEXT_EXAMPLE);
	finding_list_release(&l);
}
END_TEST

/* A run's own globs (the repository config's contexts:) come before the
 * built-in table, the first matching entry wins, a glob without '/'
 * matches the base name, and what no glob matches keeps the table's
 * context. */
static const char *const run_globs[] = {
	"test=qa/**",
	"docs=qa/notes/**",		/* qa/ matched first: unused */
	"example=*.tmpl",
	"production=docs/generated/**",
	"test=**/checks/*.py",
	"bogus=src/**",			/* not a context: passed over */
};

static const struct {
	const char *root, *path;
	enum finding_context want;
} with_rows[] = {
	{ NULL, "qa/login.rb", CONTEXT_TEST },
	{ NULL, "qa/notes/keys.txt", CONTEXT_TEST },
	{ NULL, "deploy/app.tmpl", CONTEXT_EXAMPLE },
	{ NULL, "docs/generated/config.py", CONTEXT_PRODUCTION },
	{ NULL, "docs/guide.py", CONTEXT_DOCS },
	{ NULL, "svc/checks/auth.py", CONTEXT_TEST },
	{ NULL, "src/app.py", CONTEXT_PRODUCTION },
	{ NULL, "tests/unit.c", CONTEXT_TEST },
	{ NULL, "README.md", CONTEXT_DOCS },
	/* the globs match below the scan root; the root's own name is
	 * still the table's */
	{ "tests", "app.py", CONTEXT_TEST },
	{ "tests", "deploy/app.tmpl", CONTEXT_EXAMPLE },
};

START_TEST(test_context_with_globs)
{
	struct strlist globs = { 0 };
	enum finding_context got;

	for (size_t i = 0; i < sizeof(run_globs) / sizeof(run_globs[0]); i++)
		strlist_push(&globs, run_globs[i]);
	got = finding_context_with(&globs, with_rows[_i].root,
				   with_rows[_i].path);
	ck_assert_msg(got == with_rows[_i].want, "%s: got %s, want %s",
		      with_rows[_i].path, finding_context_name(got),
		      finding_context_name(with_rows[_i].want));
	/* no globs: the table alone */
	ck_assert_int_eq(finding_context_with(NULL, with_rows[_i].root,
					      with_rows[_i].path),
			 finding_context_of(with_rows[_i].root,
					    with_rows[_i].path));
	strlist_release(&globs);
}
END_TEST

/* finding_list_set_contexts() moves findings into the globs' contexts,
 * so --exclude-context drops them; endpoint findings stay production. */
START_TEST(test_set_contexts_then_exclude)
{
	struct finding_list l;
	struct strlist globs = { 0 };
	struct context_policy p;
	struct finding url = { 0 };
	struct err e = ERR_INIT;

	finding_list_init(&l);
	add(&l, "qa/login.rb", SEV_HIGH);
	add(&l, "app/main.go", SEV_HIGH);
	url.url = xstrdup("https://127.0.0.1/");
	url.message = xstrdup("endpoint");
	finding_list_add(&l, &url, "endpoint");
	ck_assert_int_eq(l.items[0].context, CONTEXT_PRODUCTION);
	finding_list_set_contexts(&l, &globs);	/* empty: nothing moves */
	ck_assert_int_eq(l.items[0].context, CONTEXT_PRODUCTION);
	strlist_push(&globs, "test=qa/**");
	finding_list_set_contexts(&l, &globs);
	ck_assert_int_eq(l.items[0].context, CONTEXT_TEST);
	ck_assert_int_eq(l.items[1].context, CONTEXT_PRODUCTION);
	ck_assert_int_eq(l.items[2].context, CONTEXT_PRODUCTION);
	context_policy_init(&p);
	ck_assert_int_eq(context_policy_parse_exclude(&p, "test", &e), 0);
	ck_assert_uint_eq(context_policy_apply(&p, &l), 1);
	ck_assert_uint_eq(l.nr, 2);
	ck_assert_str_eq(l.items[0].path, "app/main.go");
	ck_assert_ptr_null(l.items[1].path);
	finding_list_release(&l);
	strlist_release(&globs);
}
END_TEST

static Suite *make_suite(void)
{
	Suite *s = suite_create("finding_context");
	TCase *tc = tcase_create("context");

	tcase_add_loop_test(tc, test_context_rows, 0,
			    sizeof(rows) / sizeof(rows[0]));
	tcase_add_test(tc, test_names_round_trip);
	tcase_add_test(tc, test_policy_parse);
	tcase_add_test(tc, test_policy_apply_and_sort);
	tcase_add_loop_test(tc, test_context_with_globs, 0,
			    sizeof(with_rows) / sizeof(with_rows[0]));
	tcase_add_test(tc, test_set_contexts_then_exclude);
	suite_add_tcase(s, tc);
	return s;
}
