/* test_ignore.c - the ignore file: fingerprints with comments and blank
 * lines read, a line that is none refused at its line and column, and
 * the findings it lists (or allow.paths matches) taken out and counted. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check_main.h"
#include "lib/xalloc.h"
#include "report/ignore.h"

#define FP_A "1ec580a11e6244150122f52ea79a8f88d234ae449e13ee42edcd07a6145c9af1"
#define FP_B "6b5fb074df7368dadb9f5285b8f19643d4cfd247772097a27124fa83973e242e"
#define FP_C "4e8aaa9153a5736189813d6e00da27837968c6ebcb0d9e54c9e7e8d2b0e4ffd5"

static char path[64];

static void write_file(const char *text)
{
	FILE *f;

	snprintf(path, sizeof(path), "/tmp/authaudit-ignore-%d", (int)getpid());
	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	fclose(f);
}

static void teardown(void)
{
	unlink(path);
}

static void add(struct report *r, const char *file, const char *fp)
{
	struct finding f;

	memset(&f, 0, sizeof(f));
	f.path = xstrdup(file);
	f.message = xstrdup("m");
	snprintf(f.fingerprint, sizeof(f.fingerprint), "%s", fp);
	finding_list_add(&r->findings, &f, NULL);
}

START_TEST(test_load_apply)
{
	struct ignore_list ig = { 0 };
	struct strlist paths = { 0 };
	struct report r;
	struct err e = ERR_INIT;

	/* upper case, a trailing comment, blank lines, CRLF */
	write_file("# reviewed 2026-12-01\n\n" FP_A "  # fake token\r\n"
		   "   \n" "6B5FB074DF7368DADB9F5285B8F19643D4CFD247772097A27124"
		   "FA83973E242E\n");
	ck_assert_int_eq(ignore_load(&ig, path, &e), 0);
	ck_assert_uint_eq(ig.fingerprints.nr, 2);
	ck_assert_str_eq(ig.fingerprints.items[0], FP_A);
	ck_assert_str_eq(ig.fingerprints.items[1], FP_B);

	report_init(&r, "scan");
	add(&r, "a.env", FP_A);
	add(&r, "b.env", FP_C);
	add(&r, "docs/x.md", FP_C);
	add(&r, "c.env", FP_B);
	strlist_push(&paths, "docs/**");
	ig.paths = &paths;
	ignore_apply(&ig, &r);
	ck_assert_uint_eq(r.findings.nr, 1);
	ck_assert_str_eq(r.findings.items[0].path, "b.env");
	ck_assert_uint_eq(r.stats.suppressed_ignored, 3);
	report_release(&r);
	ignore_release(&ig);
	strlist_release(&paths);
}
END_TEST

static const struct {
	const char *text;
	unsigned line, col;
} bad[] = {
	{ "deadbeef\n", 1, 1 },				/* too short */
	{ "\n  " FP_A "x\n", 2, 3 },			/* not hex */
	{ FP_A "\n" FP_B " trailing words\n", 2, 1 },	/* no '#' */
	{ "app.py:3 secret\n", 1, 1 },
};

START_TEST(test_bad_line)
{
	struct ignore_list ig = { 0 };
	struct err e = ERR_INIT;

	write_file(bad[_i].text);
	ck_assert_int_eq(ignore_load(&ig, path, &e), -1);
	ck_assert_str_eq(e.file, path);
	ck_assert_uint_eq(e.line, bad[_i].line);
	ck_assert_uint_eq(e.col, bad[_i].col);
	ck_assert_ptr_nonnull(strstr(e.msg, "not a finding fingerprint"));
	ignore_release(&ig);
}
END_TEST

START_TEST(test_missing)
{
	struct ignore_list ig = { 0 };
	struct err e = ERR_INIT;

	ck_assert_int_eq(ignore_load(&ig, "/nonexistent/.authauditignore",
				     &e), -1);
	ck_assert_ptr_nonnull(strstr(e.msg, "cannot read ignore file"));
}
END_TEST

static Suite *make_suite(void)
{
	Suite *s = suite_create("ignore");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_add_test(tc, test_load_apply);
	tcase_add_loop_test(tc, test_bad_line, 0,
			    (int)(sizeof(bad) / sizeof(bad[0])));
	tcase_add_test(tc, test_missing);
	suite_add_tcase(s, tc);
	return s;
}
