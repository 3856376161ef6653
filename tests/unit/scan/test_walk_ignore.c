/* test_walk_ignore.c - git's ignore rules as the walk asks them, on a
 * work tree built here with git: one row per path, its expected answer;
 * and a differential test: on a tree of many kinds of pattern, random
 * paths get the answer libgit2 gives when asked about each one. */
#include <git2.h>
#include <stdint.h>
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

/* Patterns of every shape the cheap test reads: suffixes, prefixes,
 * both, ? and [...], escapes, trailing and leading spaces, anchored and
 * slashed ones, **, directory patterns, negations, nested files that
 * re-include, info/exclude and the global excludes. */
static void make_many(void)
{
	sh("git init -q dt && mkdir -p dt/sub/inner dt/build dt/out/keep && "
	   "printf '*.swp\\n*~\\n' >home/git/ignore && "
	   "printf '# comment\\n\\n*.o\\n*.O.bak\\n.*\\n!.keep\\nbuild/\\n"
	   "/only-top\\ndoc/**/*.gen\\n**/deep/skip\\na*b\\nx?z\\n[Tt]mp*.t\\n"
	   "\\\\#hash\\n\\\\!bang\\ntrail   \\n*.log\\n!important.log\\nout/\\n"
	   "!out/keep/\\nlit\\\\*star\\n lead\\nsub/**/gone\\n*.[ch]~\\n"
	   "/arch/*/gen/\\nend\\\\ \\n' >dt/.gitignore && "
	   "printf '*.txt\\n!keep.txt\\ncache/\\n/anch\\n' >dt/sub/.gitignore && "
	   "printf '!*.txt\\n*.dat\\n[Tt]mp*\\n' >dt/sub/inner/.gitignore && "
	   "printf 'excluded-*\\n/ex-top/\\n' >>dt/.git/info/exclude && "
	   "echo x >dt/build/tracked.o && echo x >dt/sub/t.txt && "
	   "git -C dt add -f build/tracked.o sub/t.txt");
}

static const char *const parts[] = {
	"a",	      "ab",
	"acb",	      "b",
	"x.o",	      "X.O",
	"y.O.bak",    ".hidden",
	".keep",      "build",
	"only-top",   "doc",
	"d1",	      "f.gen",
	"deep",	      "skip",
	"axb",	      "xyz",
	"xz",	      "Tmpfile",
	"tmp",	      "#hash",
	"!bang",      "trail",
	"err.log",    "important.log",
	"out",	      "keep",
	"lit*star",   "litxstar",
	" lead",      "lead",
	"sub",	      "inner",
	"f.txt",      "keep.txt",
	"t.txt",      "cache",
	"anch",	      "g.dat",
	"excluded-1", "ex-top",
	"v.swp",      "f~",
	"m.c~",	      "arch",
	"x86",	      "gen",
	"gone",	      "end ",
	"end",	      "plain.c",
	"README",     "tracked.o",
	".git",
};

static uint64_t rnd_state;

static unsigned below(unsigned n)
{
	rnd_state ^= rnd_state >> 12;
	rnd_state ^= rnd_state << 25;
	rnd_state ^= rnd_state >> 27;
	return (unsigned)((rnd_state * 0x2545F4914F6CDD1DULL) >> 33) % n;
}

/* libgit2 asked about the one path, as walk_ignore.c did before it had
 * the cheap test: ignored and not tracked. */
static int oracle(git_repository *repo, git_index *idx, const char *rel,
		  int is_dir)
{
	struct strbuf p = STRBUF_INIT;
	int ign = 0, tracked;
	size_t pos;

	strbuf_addf(&p, "%s%s", rel, is_dir ? "/" : "");
	if (git_ignore_path_is_ignored(&ign, repo, p.buf) < 0)
		ign = 0;
	tracked = is_dir ? git_index_find_prefix(&pos, idx, p.buf) == 0
			 : git_index_get_bypath(idx, p.buf, 0) != NULL;
	strbuf_release(&p);
	return ign == 1 && !tracked;
}

static void compare_many(const char *sub, unsigned seed, unsigned *yes,
			 unsigned *no)
{
	struct strbuf root = STRBUF_INIT, rel = STRBUF_INIT, full = STRBUF_INIT;
	git_repository *repo;
	git_index *idx;
	struct walk_ignore *wi;
	const unsigned n = 2000;

	strbuf_addf(&root, "%s/dt%s", dir, sub);
	git_libgit2_init();
	ck_assert_int_eq(git_repository_open_ext(&repo, root.buf, 0, NULL), 0);
	ck_assert_int_eq(git_repository_index(&idx, repo), 0);
	wi = walk_ignore_open(root.buf);
	ck_assert_ptr_nonnull(wi);
	rnd_state = 0x9E3779B97F4A7C15ULL * (seed + 1);
	for (unsigned i = 0; i < n; i++) {
		unsigned depth = 1 + below(4);
		int is_dir = below(3) == 0, got, want;

		strbuf_reset(&rel);
		for (unsigned k = 0; k < depth; k++)
			strbuf_addf(
				&rel, "%s%s", k ? "/" : "",
				parts[below(sizeof(parts) / sizeof(parts[0]))]);
		strbuf_reset(&full);
		strbuf_addf(&full, "%s%s", *sub ? sub + 1 : "",
			    *sub ? "/" : "");
		strbuf_addstr(&full, rel.buf);
		got = walk_ignore_check(wi, rel.buf, is_dir);
		want = oracle(repo, idx, full.buf, is_dir);
		ck_assert_msg(got == want,
			      "%s%s (root dt%s): got %d, libgit2 "
			      "%d",
			      rel.buf, is_dir ? "/" : "", sub, got, want);
		*(got ? yes : no) += 1;
	}
	/* the cheap test answered some paths without libgit2 */
	ck_assert_uint_lt(walk_ignore_asked(wi), n);
	walk_ignore_free(wi);
	git_index_free(idx);
	git_repository_free(repo);
	git_libgit2_shutdown();
	strbuf_release(&root);
	strbuf_release(&rel);
	strbuf_release(&full);
}

START_TEST(test_same_as_libgit2)
{
	unsigned yes = 0, no = 0;

	make_many();
	for (unsigned seed = 0; seed < 4; seed++) {
		compare_many("", seed, &yes, &no);
		compare_many("/sub", seed, &yes, &no);
	}
	/* core.ignorecase: the cheap test compares without case too */
	sh("git -C dt config core.ignorecase true");
	for (unsigned seed = 4; seed < 8; seed++) {
		compare_many("", seed, &yes, &no);
		compare_many("/sub", seed, &yes, &no);
	}
	/* and a global excludes file named by the config */
	sh("printf '*.plain\\nREADME\\n' >home/excl && "
	   "git -C dt config core.excludesFile \"$PWD/home/excl\"");
	for (unsigned seed = 8; seed < 10; seed++)
		compare_many("", seed, &yes, &no);
	ck_assert_uint_gt(yes, 5000);
	ck_assert_uint_gt(no, 5000);
}
END_TEST

static Suite *make_suite(void)
{
	Suite *s = suite_create("walk_ignore");
	TCase *tc = tcase_create("walk_ignore");

	tcase_set_timeout(tc, 120);
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_rules);
	tcase_add_test(tc, test_roots);
	tcase_add_test(tc, test_same_as_libgit2);
	suite_add_tcase(s, tc);
	return s;
}
