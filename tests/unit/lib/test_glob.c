/* test_glob.c - path globs: base-name globs, `**`, classes. */
#include "check_main.h"
#include "lib/glob.h"

static const struct {
	const char *glob, *path;
	int want;
} rows[] = {
	{ "*.py", "app/main.py", 1 },
	{ "*.py", "main.py", 1 },
	{ "*.py", "main.pyc", 0 },
	{ "**/public/**", "web/public/js/app.js", 1 },
	{ "**/public/**", "public/index.html", 1 },
	{ "**/public/**", "src/publications/x.c", 0 },
	{ "src/*.c", "src/scan.c", 1 },
	{ "src/*.c", "src/sub/scan.c", 0 },
	{ "src/**/*.c", "src/sub/deep/scan.c", 1 },
	{ "src/**/*.c", "src/scan.c", 1 },
	{ "docs/**", "docs/a/b.md", 1 },
	{ "docs/**", "src/docs.c", 0 },
	{ "*.min.js", "dist/vendor.min.js", 1 },
	{ "[Mm]akefile", "sub/Makefile", 1 },
	{ "test?.txt", "test1.txt", 1 },
	{ "vendor/**", "./vendor/x.go", 1 },
};

START_TEST(test_glob_rows)
{
	ck_assert_msg(glob_match(rows[_i].glob, rows[_i].path) == rows[_i].want,
		      "glob '%s' on '%s': want %d", rows[_i].glob,
		      rows[_i].path, rows[_i].want);
}
END_TEST

static Suite *make_suite(void)
{
	Suite *s = suite_create("glob");
	TCase *tc = tcase_create("match");

	tcase_add_loop_test(tc, test_glob_rows, 0,
			    sizeof(rows) / sizeof(rows[0]));
	suite_add_tcase(s, tc);
	return s;
}
