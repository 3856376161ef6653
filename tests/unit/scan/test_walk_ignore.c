/* test_walk_ignore.c - git's ignore rules as the walk asks them, on a
 * work tree built here with git: one row per path, its expected answer. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check_main.h"
#include "lib/strbuf.h"
#include "scan/walk_ignore.h"

static char dir[64];

/* Run a shell command in the test directory; fail the test if it does. */
static void sh(const char *cmd)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_addf(&sb, "cd '%s' && %s", dir, cmd);
	ck_assert_msg(system(sb.buf) == 0, "%s", sb.buf);
	strbuf_release(&sb);
}

static void setup(void)
{
	struct strbuf home = STRBUF_INIT;

	snprintf(dir, sizeof(dir), "/tmp/aa-walk-ignore-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	strbuf_addf(&home, "%s/home", dir);
	/* no global or system git config but ours */
	setenv("HOME", home.buf, 1);
	setenv("XDG_CONFIG_HOME", home.buf, 1);
	setenv("GIT_CONFIG_NOSYSTEM", "1", 1);
	strbuf_release(&home);
	sh("mkdir -p home/git wt/sub/cache wt/build wt/dist wt/.git-no && "
	   "git init -q wt && "
	   "printf '*.tmp\\n' >home/git/ignore && "
	   "printf 'build/\\n*.gen\\n!keep.gen\\n/top.txt\\n' >wt/.gitignore && "
	   "printf 'local.txt\\ncache/\\n' >wt/sub/.gitignore && "
	   "printf 'dist/\\n' >>wt/.git/info/exclude && "
	   "echo x >wt/build/tracked.txt && echo x >wt/build/other.txt && "
	   "echo x >wt/a.gen && echo x >wt/keep.gen && "
	   "git -C wt add -f build/tracked.txt");
}

static void teardown(void)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_addf(&sb, "rm -rf '%s'", dir);
	ck_assert_int_eq(system(sb.buf), 0);
	strbuf_release(&sb);
}

START_TEST(test_rules)
{
	static const struct {
		const char *rel;
		int is_dir, want;
	} rows[] = {
		{ "app.c", 0, 0 },
		{ "top.txt", 0, 1 },		/* anchored at the top */
		{ "sub/top.txt", 0, 0 },
		{ "a.gen", 0, 1 },
		{ "keep.gen", 0, 0 },		/* negated */
		{ "sub/b.gen", 0, 1 },		/* any level */
		{ "sub/local.txt", 0, 1 },	/* the nested .gitignore */
		{ "local.txt", 0, 0 },		/* ...below it only */
		{ "sub/cache", 1, 1 },		/* a directory pattern */
		{ "sub/x/cache", 0, 0 },	/* ...a file of that name */
		{ "dist", 1, 1 },		/* info/exclude */
		{ "x.tmp", 0, 1 },		/* the global excludes */
		{ "build", 1, 0 },		/* ignored, but holds a tracked
						 * file: entered */
		{ "build/other.txt", 0, 1 },
		{ "build/tracked.txt", 0, 0 },	/* tracked: never ignored */
	};
	struct strbuf root = STRBUF_INIT;
	struct walk_ignore *wi;

	strbuf_addf(&root, "%s/wt", dir);
	wi = walk_ignore_open(root.buf);
	ck_assert_ptr_nonnull(wi);
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		ck_assert_msg(walk_ignore_check(wi, rows[i].rel,
						rows[i].is_dir) == rows[i].want,
			      "%s%s: want %d", rows[i].rel,
			      rows[i].is_dir ? "/" : "", rows[i].want);
	walk_ignore_free(wi);
	strbuf_release(&root);
}
END_TEST

/* A root below the top keeps the levels above; an ignored root and a
 * directory outside any work tree have no rules. */
START_TEST(test_roots)
{
	struct strbuf p = STRBUF_INIT;
	struct walk_ignore *wi;

	strbuf_addf(&p, "%s/wt/sub", dir);
	wi = walk_ignore_open(p.buf);
	ck_assert_ptr_nonnull(wi);
	ck_assert_int_eq(walk_ignore_check(wi, "x.gen", 0), 1);
	ck_assert_int_eq(walk_ignore_check(wi, "local.txt", 0), 1);
	ck_assert_int_eq(walk_ignore_check(wi, "top.txt", 0), 0);
	walk_ignore_free(wi);
	strbuf_reset(&p);
	strbuf_addf(&p, "%s/wt/dist", dir);
	ck_assert_ptr_null(walk_ignore_open(p.buf));
	strbuf_reset(&p);
	strbuf_addf(&p, "%s/home", dir);
	ck_assert_ptr_null(walk_ignore_open(p.buf));
	strbuf_release(&p);
}
END_TEST

static Suite *make_suite(void)
{
	Suite *s = suite_create("walk_ignore");
	TCase *tc = tcase_create("walk_ignore");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_rules);
	tcase_add_test(tc, test_roots);
	suite_add_tcase(s, tc);
	return s;
}
