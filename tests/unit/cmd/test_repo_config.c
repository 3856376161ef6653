/* test_repo_config.c - .authaudit.yaml: every key read and laid under the
 * options, paths taken from the config's folder, and every mistake of a
 * file told at once, each at its own file:line:column. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check_main.h"
#include "cmd/repo_config.h"

static char dir[64], path[128];

static void write_config(const char *text)
{
	FILE *f;

	snprintf(dir, sizeof(dir), "/tmp/authaudit-repocfg-%d", (int)getpid());
	snprintf(path, sizeof(path), "%s/%s", dir, REPO_CONFIG_NAME);
	mkdir(dir, 0700);
	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	fclose(f);
}

static void teardown(void)
{
	unlink(path);
	rmdir(dir);
}

START_TEST(test_full_config)
{
	struct repo_config c;
	struct err_list errors = { 0 };
	struct common_opts o;
	struct strlist excludes = { 0 };
	char want[256];

	write_config("version: 1\nprofile: presto-vendor\nrules: my-rules\n"
		     "exclude: [vendor/**, '*.min.js']\n"
		     "allow:\n  paths: [examples/**]\n"
		     "  values: [not-a-real-key-0000]\n"
		     "fail_on: HIGH\nformat: [sarif]\n"
		     "baseline: ci/base.json\nbaseline_missing_ok: true\n"
		     "ignore_file: /abs/ignore\n"
		     "contexts:\n  test: [tests/**, '**/*_test.go']\n"
		     "  DOC: docs/**\n");
	ck_assert_int_eq(repo_config_load(&c, path, &errors), 0);
	ck_assert_uint_eq(errors.nr, 0);
	ck_assert_int_eq(c.version, 1);
	ck_assert_str_eq(c.profile, "presto-vendor");
	ck_assert_uint_eq(c.profile_line, 2);
	ck_assert_uint_eq(c.profile_col, 10);
	snprintf(want, sizeof(want), "%s/my-rules", dir);
	ck_assert_str_eq(c.rules_dir, want);
	snprintf(want, sizeof(want), "%s/ci/base.json", dir);
	ck_assert_str_eq(c.baseline, want);
	ck_assert_str_eq(c.ignore_file, "/abs/ignore");
	ck_assert_str_eq(c.format, "sarif");
	ck_assert_str_eq(c.fail_on, "HIGH");
	ck_assert_uint_eq(c.contexts.nr, 3);
	ck_assert_str_eq(c.contexts.items[0], "test=tests/**");
	ck_assert_str_eq(c.contexts.items[1], "test=**/*_test.go");
	ck_assert_str_eq(c.contexts.items[2], "docs=docs/**");	/* DOC */

	common_opts_init(&o);
	strlist_push(&excludes, "from-cli");
	repo_config_apply(&c, &o, &excludes);
	ck_assert_str_eq(o.profile, "presto-vendor");
	ck_assert_int_eq(o.fail_on, SEV_HIGH);
	ck_assert_str_eq(o.format, "sarif");
	ck_assert_int_eq(o.baseline_missing_ok, 1);
	ck_assert_uint_eq(o.rules_dirs.nr, 1);
	ck_assert_uint_eq(excludes.nr, 3);
	ck_assert_str_eq(excludes.items[1], "vendor/**");
	ck_assert_ptr_eq(o.allow_values, &c.allow.values);
	ck_assert_ptr_eq(o.allow_paths, &c.allow.paths);
	ck_assert_uint_eq(o.contexts.nr, 3);
	common_opts_release(&o);
	strlist_release(&excludes);
	repo_config_release(&c);
}
END_TEST

/* An empty file, and one of comments only, change nothing. */
START_TEST(test_empty_config)
{
	static const char *const texts[] = { "", "# nothing yet\n" };
	struct repo_config c;
	struct err_list errors = { 0 };

	write_config(texts[_i]);
	ck_assert_int_eq(repo_config_load(&c, path, &errors), 0);
	ck_assert_uint_eq(errors.nr, 0);
	ck_assert_ptr_null(c.profile);
	repo_config_release(&c);
}
END_TEST

/* The template `config init` writes is valid, and so is every key of it
 * once uncommented. */
START_TEST(test_template)
{
	struct repo_config c;
	struct err_list errors = { 0 };
	struct strbuf open = STRBUF_INIT;

	write_config(repo_config_template);
	ck_assert_int_eq(repo_config_load(&c, path, &errors), 0);
	repo_config_release(&c);
	for (const char *l = repo_config_template; *l;) {
		const char *nl = strchr(l, '\n');
		size_t n = nl ? (size_t)(nl - l) + 1 : strlen(l);
		size_t word = strspn(l + 2, "abcdefghijklmnopqrstuvwxyz_");

		/* "# key: x" and "#   - x" are keys; "# words" stay */
		if (!strncmp(l, "# ", 2) &&
		    ((word && l[2 + word] == ':') || l[2] == ' '))
			strbuf_add(&open, l + 2, n - 2);
		else
			strbuf_add(&open, l, n);
		l += n;
	}
	write_config(open.buf);
	ck_assert_msg(repo_config_load(&c, path, &errors) == 0,
		      "uncommented template: %s",
		      errors.nr ? errors.items[0].msg : "");
	ck_assert_ptr_nonnull(c.profile);
	ck_assert_ptr_nonnull(c.rules_dir);
	ck_assert_uint_eq(c.excludes.nr, 2);
	ck_assert_uint_eq(c.allow.values.nr, 1);
	ck_assert_uint_eq(c.contexts.nr, 4);
	ck_assert_int_eq(c.baseline_missing_ok, 1);
	repo_config_release(&c);
	strbuf_release(&open);
	err_list_release(&errors);
}
END_TEST

/* One file with many mistakes: each is told, in file order, at its
 * position; the good keys around them are still read. */
START_TEST(test_every_error)
{
	static const struct {
		unsigned line, col;
		const char *want;
	} want[] = {
		{ 1, 10, "'version' is 1" },
		{ 3, 10, "'fail_on' is one of info, low" },
		{ 4, 9, "unknown format 'pdf'" },
		{ 6, 3, "unknown key 'value' (known: paths, values)" },
		{ 7, 1, "unknown key 'bogus'" },
		{ 9, 3, "a context name is a word" },
		{ 10, 1, "key 'profile' given twice" },
		{ 11, 22, "'baseline_missing_ok' must be true or false" },
		{ 12, 1, "key 'format' given twice" },
	};
	struct repo_config c;
	struct err_list errors = { 0 };

	write_config("version: 3\nprofile: default\nfail_on: huge\n"
		     "format: pdf\nallow:\n  value: x\nbogus: 1\n"
		     "contexts:\n  'a b': x\nprofile: again\n"
		     "baseline_missing_ok: maybe\nformat: [json, sarif]\n");
	ck_assert_int_eq(repo_config_load(&c, path, &errors), -1);
	ck_assert_str_eq(c.profile, "default");
	ck_assert_uint_eq(errors.nr, sizeof(want) / sizeof(want[0]));
	for (size_t i = 0; i < errors.nr; i++) {
		ck_assert_str_eq(errors.items[i].file, path);
		ck_assert_msg(strstr(errors.items[i].msg, want[i].want),
			      "error %zu: '%s'", i, errors.items[i].msg);
		ck_assert_uint_eq(errors.items[i].line, want[i].line);
		ck_assert_uint_eq(errors.items[i].col, want[i].col);
	}
	repo_config_release(&c);
	err_list_release(&errors);
}
END_TEST

/* Mistakes one at a time: the message and where it points. */
static const struct {
	const char *yaml, *want;
	unsigned line, col;
} bad[] = {
	{ "format: [json, sarif]\n", "'format' names 2 formats", 1, 9 },
	{ "contexts: [tests]\n", "'contexts' maps a context name", 1, 11 },
	{ "contexts:\n  test: ['']\n", "context 'test' has an empty glob",
	  2, 9 },
	{ "contexts:\n  vendor: [vendor/**]\n", "unknown context 'vendor' "
	  "(known: production, test, example, docs)", 2, 3 },
	{ "rules: [a, b]\n", "'rules' takes a single value", 1, 8 },
	{ "allow: [a]\n", "expected a mapping", 1, 8 },
	{ "exclude: {a: b}\n", "'exclude' must be a list of strings", 1,
	  10 },
};

START_TEST(test_bad_config)
{
	struct repo_config c;
	struct err_list errors = { 0 };

	write_config(bad[_i].yaml);
	ck_assert_int_eq(repo_config_load(&c, path, &errors), -1);
	ck_assert_uint_eq(errors.nr, 1);
	ck_assert_msg(strstr(errors.items[0].msg, bad[_i].want),
		      "row %d: '%s'", _i, errors.items[0].msg);
	ck_assert_uint_eq(errors.items[0].line, bad[_i].line);
	ck_assert_uint_eq(errors.items[0].col, bad[_i].col);
	repo_config_release(&c);
	err_list_release(&errors);
}
END_TEST

START_TEST(test_not_a_mapping)
{
	struct repo_config c;
	struct err_list errors = { 0 };

	write_config("- a\n- b\n");
	ck_assert_int_eq(repo_config_load(&c, path, &errors), -1);
	ck_assert_uint_eq(errors.nr, 1);
	ck_assert_uint_eq(errors.items[0].line, 1);
	ck_assert_uint_eq(errors.items[0].col, 1);
	ck_assert_ptr_nonnull(strstr(errors.items[0].msg,
				     "expected a mapping"));
	repo_config_release(&c);
	err_list_release(&errors);
	write_config("profile: [unclosed\n");
	ck_assert_int_eq(repo_config_load(&c, path, &errors), -1);
	ck_assert_uint_eq(errors.nr, 1);
	ck_assert_uint_ne(errors.items[0].line, 0);
	repo_config_release(&c);
	err_list_release(&errors);
}
END_TEST

START_TEST(test_find)
{
	struct strbuf p = STRBUF_INIT;

	write_config("version: 1\n");
	ck_assert_int_eq(repo_config_find(dir, &p), 1);
	ck_assert_str_eq(p.buf, path);
	ck_assert_int_eq(repo_config_find(path, &p), 0);	/* a file */
	unlink(path);
	ck_assert_int_eq(repo_config_find(dir, &p), 0);
	strbuf_release(&p);
}
END_TEST

static Suite *make_suite(void)
{
	Suite *s = suite_create("repo_config");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_add_test(tc, test_full_config);
	tcase_add_loop_test(tc, test_empty_config, 0, 2);
	tcase_add_test(tc, test_template);
	tcase_add_test(tc, test_every_error);
	tcase_add_loop_test(tc, test_bad_config, 0,
			    (int)(sizeof(bad) / sizeof(bad[0])));
	tcase_add_test(tc, test_not_a_mapping);
	tcase_add_test(tc, test_find);
	suite_add_tcase(s, tc);
	return s;
}
