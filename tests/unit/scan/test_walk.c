/* test_walk.c - the walker (walk.c, walk_cursor.c) on real trees in /tmp,
 * each file read back through walk_cursor_open(), the scanner's own way
 * in:
 *  - files are listed depth first in name order, with their paths below
 *    the root, and read; a root that is a file is too;
 *  - symlinks below a root are never followed, a root that is one is;
 *  - --exclude globs, VCS directories and skip_dir are not entered, and
 *    are counted;
 *  - an unreadable directory is a notice naming it, and the walk goes on;
 *  - a tree 5,000 directories deep (paths far past PATH_MAX) under
 *    RLIMIT_NOFILE 64: every file listed with its full path and read, a
 *    locked directory at depth 3,000 a notice, no descriptor left open;
 *  - a directory swapped after the walk is not read through (ESTALE).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/capability.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "check_main.h"
#include "core/report.h"
#include "lib/strbuf.h"
#include "lib/xalloc.h"
#include "scan/walk.h"

#define DEEP 5000		/* directories, one inside the other */
#define LOCKED_AT 3000		/* a mode-000 directory beside "d" there */
#define NOFILE 64		/* RLIMIT_NOFILE for the deep walk */

static char top[64], base[96];	/* top: the run's; base: a test's */

/* Remove path and everything below it (rm handles trees deeper than
 * PATH_MAX; modes first, for the locked directories). */
static void rm_tree(const char *path)
{
	char cmd[256];

	snprintf(cmd, sizeof(cmd), "chmod -R u+rwx '%s' 2>/dev/null; "
		 "rm -rf '%s'", path, path);
	ck_assert_int_eq(system(cmd), 0);
}

/* In the runner, once: a test that fails leaves its tree, removed here
 * all the same. */
static void setup_run(void)
{
	snprintf(top, sizeof(top), "/tmp/authaudit-walk-%d", (int)getpid());
	rm_tree(top);
	ck_assert_int_eq(mkdir(top, 0700), 0);
}

static void teardown_run(void)
{
	rm_tree(top);
}

static void setup(void)
{
	snprintf(base, sizeof(base), "%s/%d", top, (int)getpid());
	rm_tree(base);
	ck_assert_int_eq(mkdir(base, 0700), 0);
}

static void teardown(void)
{
	rm_tree(base);
}

/* base/rel with content, making the directories on the way. */
static void put(const char *rel, const char *content)
{
	struct strbuf path = STRBUF_INIT;
	FILE *f;

	strbuf_addf(&path, "%s/%s", base, rel);
	for (char *p = path.buf + strlen(base) + 1; (p = strchr(p, '/')); p++) {
		*p = '\0';
		ck_assert(!mkdir(path.buf, 0700) || errno == EEXIST);
		*p = '/';
	}
	ck_assert_ptr_nonnull(f = fopen(path.buf, "w"));
	fputs(content, f);
	ck_assert_int_eq(fclose(f), 0);
	strbuf_release(&path);
}

static void at(const char *rel, struct strbuf *path)
{
	strbuf_reset(path);
	strbuf_addf(path, "%s/%s", base, rel);
}

/* As root, file modes bind only without CAP_DAC_OVERRIDE and
 * CAP_DAC_READ_SEARCH: take them out of (on = 0) or back into the
 * effective set. */
static void dac_caps(int on)
{
	struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct d[2];
	const unsigned mask = 1u << CAP_DAC_OVERRIDE |
			      1u << CAP_DAC_READ_SEARCH;

	if (geteuid())
		return;
	ck_assert_int_eq(syscall(SYS_capget, &h, d), 0);
	if (on)
		d[0].effective |= d[0].permitted & mask;
	else
		d[0].effective &= ~mask;
	ck_assert_int_eq(syscall(SYS_capset, &h, d), 0);
}

/* Lock the directory at path (mode 000) where even this process cannot
 * read it. */
static void lock_dir(const char *path)
{
	int fd;

	ck_assert_int_eq(chmod(path, 0), 0);
	dac_caps(0);
	fd = open(path, O_RDONLY | O_DIRECTORY);
	ck_assert_msg(fd < 0, "%s is mode 000 and still readable: cannot "
		      "drop CAP_DAC_OVERRIDE", path);
}

struct walked {
	struct walk_list list;
	struct report r;
};

static void walk(struct walked *w, const char *root,
		 const struct strlist *excludes, const char *skip_dir)
{
	walk_list_init(&w->list);
	report_init(&w->r, "walk");
	walk_root(root, excludes, skip_dir, NULL, 0, &w->list, &w->r);
	walk_finish(&w->list);
}

static void walked_release(struct walked *w)
{
	walk_list_release(&w->list);
	report_release(&w->r);
}

/* Take every item, as workers would, turn by turn with cursors c[0..n):
 * a line "REL=CONTENT" (its first line) or "REL: ERROR" each. */
static void take_all(struct walked *w, struct walk_cursor *c, size_t n,
		     struct strbuf *out)
{
	struct walk_item it;
	char buf[256];

	for (size_t i = 0; walk_next(&w->list, &it); i++) {
		int fd = walk_cursor_open(&c[i % n], &it);
		ssize_t got;

		if (fd < 0) {
			strbuf_addf(out, "%s: %s\n", it.rel, strerror(errno));
			continue;
		}
		got = read(fd, buf, sizeof(buf) - 1);
		close(fd);
		ck_assert_int_ge(got, 0);
		buf[got] = '\0';
		buf[strcspn(buf, "\n")] = '\0';
		strbuf_addf(out, "%s=%s\n", it.rel, buf);
	}
}

/* The tail of a line, for a message of bounded size (paths here may be
 * 10,000 bytes long). */
static const char *tail(const char *line, size_t len)
{
	return len > 100 ? line + len - 100 : line;
}

/* got and want must be the same lines; the first that differs is shown,
 * by its length and its last 100 bytes. */
static void same_lines(const char *got, const char *want)
{
	for (unsigned n = 1;; n++) {
		size_t g = strcspn(got, "\n"), w = strcspn(want, "\n");

		ck_assert_msg(g == w && !memcmp(got, want, g) &&
			      !got[g] == !want[w],
			      "line %u: got %zu bytes '%.*s', want %zu bytes "
			      "'%.*s'", n, g, (int)(g > 100 ? 100 : g),
			      tail(got, g), w, (int)(w > 100 ? 100 : w),
			      tail(want, w));
		if (!got[g])
			break;
		got += g + 1;
		want += w + 1;
	}
}

/* The notices as "WHERE: MESSAGE" lines. */
static void notices(const struct report *r, struct strbuf *out)
{
	for (size_t i = 0; i < r->nr_notices; i++)
		strbuf_addf(out, "%s: %s\n", r->notices[i].where,
			    r->notices[i].message);
}

/* Walk root and read every file with one cursor: the lines of take_all
 * must be want's, and the notices none. */
static void expect_files(const char *root, const struct strlist *excludes,
			 const char *skip_dir, const char *const *want,
			 struct walked *w)
{
	struct strbuf got = STRBUF_INIT, exp = STRBUF_INIT, nots =
		STRBUF_INIT;
	struct walk_cursor c;

	walk_cursor_init(&c);
	walk(w, root, excludes, skip_dir);
	take_all(w, &c, 1, &got);
	walk_cursor_release(&c);
	for (size_t i = 0; want[i]; i++)
		strbuf_addf(&exp, "%s\n", want[i]);
	same_lines(got.buf, exp.buf);
	notices(&w->r, &nots);
	same_lines(nots.buf, "");
	strbuf_release(&got);
	strbuf_release(&exp);
	strbuf_release(&nots);
}

START_TEST(test_files_found)
{
	static const char *const want[] = {
		"a.txt=top", "sub/b.txt=one down", "sub/deeper/c.txt=two down",
		"sub/e.txt=one down, after", "z.txt=last", NULL,
	};
	struct strbuf root = STRBUF_INIT, got = STRBUF_INIT,
		      exp = STRBUF_INIT;
	struct walk_cursor c;
	struct walked w;

	put("t/z.txt", "last\n");
	put("t/sub/e.txt", "one down, after\n");
	put("t/sub/deeper/c.txt", "two down\n");
	put("t/sub/b.txt", "one down\n");
	put("t/a.txt", "top\n");
	at("t", &root);
	expect_files(root.buf, NULL, NULL, want, &w);
	ck_assert_uint_eq(w.list.nr, 5);
	for (size_t i = 0; i < w.list.nr; i++) {
		ck_assert_ptr_nonnull(w.list.items[i].dir);
		ck_assert_str_eq(w.list.items[i].root, root.buf);
	}
	walked_release(&w);

	/* a root that is a file: no directory, read as named */
	at("t/a.txt", &root);
	walk(&w, root.buf, NULL, NULL);
	ck_assert_uint_eq(w.list.nr, 1);
	ck_assert_ptr_null(w.list.items[0].dir);
	walk_cursor_init(&c);
	take_all(&w, &c, 1, &got);
	walk_cursor_release(&c);
	strbuf_addf(&exp, "%s=top\n", root.buf);
	same_lines(got.buf, exp.buf);
	walked_release(&w);
	strbuf_release(&root);
	strbuf_release(&got);
	strbuf_release(&exp);
}
END_TEST

START_TEST(test_links_not_followed)
{
	static const char *const want[] = { "real.txt=real", NULL };
	struct strbuf root = STRBUF_INIT, path = STRBUF_INIT;
	struct walked w;

	put("t/real.txt", "real\n");
	put("out/secret.txt", "secret\n");
	at("t/outdir", &path);
	ck_assert_int_eq(symlink("../out", path.buf), 0);
	at("t/out.txt", &path);
	ck_assert_int_eq(symlink("../out/secret.txt", path.buf), 0);
	at("t/loop", &path);
	ck_assert_int_eq(symlink(".", path.buf), 0);
	at("t", &root);
	expect_files(root.buf, NULL, NULL, want, &w);
	ck_assert_uint_eq(w.r.stats.files_skipped_links, 3);
	walked_release(&w);

	/* the root itself, named by the user, is followed */
	at("tlink", &path);
	ck_assert_int_eq(symlink("t", path.buf), 0);
	expect_files(path.buf, NULL, NULL, want, &w);
	ck_assert_uint_eq(w.r.stats.files_skipped_links, 3);
	walked_release(&w);
	strbuf_release(&root);
	strbuf_release(&path);
}
END_TEST

START_TEST(test_excluded)
{
	static const char *const want[] = { "gen/keep.py=kept",
					    "keep.txt=kept", NULL };
	struct strlist ex = { 0 };
	struct strbuf root = STRBUF_INIT, skip = STRBUF_INIT;
	struct walked w;

	put("t/keep.txt", "kept\n");
	put("t/skipme/x.txt", "excluded dir\n");
	put("t/gen/y.gen", "excluded file\n");
	put("t/gen/keep.py", "kept\n");
	put("t/.git/config", "vcs\n");
	put("t/reports/r.txt", "skip_dir\n");
	strlist_push(&ex, "skipme");
	strlist_push(&ex, "*.gen");
	at("t", &root);
	at("t/reports", &skip);
	expect_files(root.buf, &ex, skip.buf, want, &w);
	ck_assert_uint_eq(w.r.stats.files_skipped_excluded, 3);
	ck_assert_uint_eq(w.r.stats.dirs_skipped_vcs, 1);
	walked_release(&w);
	strlist_release(&ex);
	strbuf_release(&root);
	strbuf_release(&skip);
}
END_TEST

START_TEST(test_unreadable_dir)
{
	static const char *const want[] = { "a.txt=before",
					    "z/after.txt=after", NULL };
	struct strbuf root = STRBUF_INIT, locked = STRBUF_INIT,
		      nots = STRBUF_INIT, exp = STRBUF_INIT;
	struct strbuf got = STRBUF_INIT;
	struct walk_cursor c;
	struct walked w;

	put("t/a.txt", "before\n");
	put("t/locked/secret.txt", "hidden\n");
	put("t/z/after.txt", "after\n");
	at("t", &root);
	at("t/locked", &locked);
	lock_dir(locked.buf);
	walk_cursor_init(&c);
	walk(&w, root.buf, NULL, NULL);
	take_all(&w, &c, 1, &got);
	walk_cursor_release(&c);
	dac_caps(1);
	for (size_t i = 0; want[i]; i++)
		strbuf_addf(&exp, "%s\n", want[i]);
	same_lines(got.buf, exp.buf);
	notices(&w.r, &nots);
	strbuf_reset(&exp);
	strbuf_addf(&exp, "%s: cannot read directory: %s\n", locked.buf,
		    strerror(EACCES));
	same_lines(nots.buf, exp.buf);
	ck_assert_uint_eq(w.r.stats.files_unreadable, 1);
	walked_release(&w);
	strbuf_release(&root);
	strbuf_release(&locked);
	strbuf_release(&nots);
	strbuf_release(&exp);
	strbuf_release(&got);
}
END_TEST

/* The files of the deep tree: "a.txt" at these depths (listed on the way
 * down), "f.txt" at those (listed on the way back up). */
static const unsigned a_at[] = { 2, 17, 2500, DEEP };
static const unsigned f_at[] = { 1, 16, 17, 100, 1500, LOCKED_AT,
				 DEEP - 1, DEEP };

static int is_in(unsigned n, const unsigned *set, size_t nr)
{
	for (size_t i = 0; i < nr; i++)
		if (set[i] == n)
			return 1;
	return 0;
}

static void put_at(int dirfd, const char *name, unsigned depth)
{
	char text[32];
	int fd = openat(dirfd, name, O_WRONLY | O_CREAT | O_EXCL, 0600);
	int n = snprintf(text, sizeof(text), "%s at %u\n", name, depth);

	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, text, (size_t)n), n);
	close(fd);
}

/* base/deep/d/d/...: DEEP directories made by descriptor (their paths
 * are too long for any other way), the files above in them. */
static void make_deep(void)
{
	int fd = open(base, O_RDONLY | O_DIRECTORY);

	ck_assert_int_ge(fd, 0);
	for (unsigned n = 0; n <= DEEP; n++) {
		const char *sub = n ? "d" : "deep";
		int next;

		ck_assert_int_eq(mkdirat(fd, sub, 0700), 0);
		next = openat(fd, sub, O_RDONLY | O_DIRECTORY);
		ck_assert_int_ge(next, 0);
		close(fd);
		fd = next;
		if (is_in(n, a_at, ARRAY_SIZE(a_at)))
			put_at(fd, "a.txt", n);
		if (is_in(n, f_at, ARRAY_SIZE(f_at)))
			put_at(fd, "f.txt", n);
		if (n == LOCKED_AT) {
			ck_assert_int_eq(mkdirat(fd, "locked", 0700), 0);
			ck_assert_int_eq(fchmodat(fd, "locked", 0, 0), 0);
		}
	}
	close(fd);
}

static size_t open_fds(void)
{
	DIR *d = opendir("/proc/self/fd");
	size_t n = 0;

	ck_assert_ptr_nonnull(d);
	while (readdir(d))
		n++;
	closedir(d);
	return n;
}

/* "d/" n times, then name. */
static void deep_rel(unsigned n, const char *name, struct strbuf *out)
{
	while (n--)
		strbuf_addstr(out, "d/");
	strbuf_addstr(out, name);
}

START_TEST(test_deep_tree)
{
	struct strbuf root = STRBUF_INIT, got = STRBUF_INIT,
		      exp = STRBUF_INIT, nots = STRBUF_INIT;
	struct rlimit old, low;
	struct walk_cursor c[2];
	struct walked w;
	size_t fds;

	make_deep();
	at("deep", &root);
	/* "a.txt" files down the tree, in name order before "d" */
	for (unsigned n = 1; n <= DEEP; n++)
		if (is_in(n, a_at, ARRAY_SIZE(a_at))) {
			deep_rel(n, "a.txt", &exp);
			strbuf_addf(&exp, "=a.txt at %u\n", n);
		}
	/* "f.txt" files, after "d", on the way back */
	for (unsigned n = DEEP; n >= 1; n--)
		if (is_in(n, f_at, ARRAY_SIZE(f_at))) {
			deep_rel(n, "f.txt", &exp);
			strbuf_addf(&exp, "=f.txt at %u\n", n);
		}
	strbuf_addf(&nots, "%s/", root.buf);
	deep_rel(LOCKED_AT, "locked", &nots);
	strbuf_addf(&nots, ": cannot read directory: %s\n", strerror(EACCES));

	ck_assert_int_eq(getrlimit(RLIMIT_NOFILE, &old), 0);
	low = old;
	low.rlim_cur = NOFILE < old.rlim_max ? NOFILE : old.rlim_max;
	ck_assert_int_eq(setrlimit(RLIMIT_NOFILE, &low), 0);
	dac_caps(0);
	fds = open_fds();
	walk_cursor_init(&c[0]);
	walk_cursor_init(&c[1]);
	walk(&w, root.buf, NULL, NULL);
	/* two cursors taking turns, as two workers would */
	take_all(&w, c, 2, &got);
	walk_cursor_release(&c[0]);
	walk_cursor_release(&c[1]);
	same_lines(got.buf, exp.buf);
	/* the deepest file's path, whole */
	ck_assert_uint_eq(strlen(w.list.items[ARRAY_SIZE(a_at) - 1].rel),
			  2 * DEEP + strlen("a.txt"));
	ck_assert_uint_gt(2 * DEEP, PATH_MAX);
	strbuf_reset(&got);
	notices(&w.r, &got);
	same_lines(got.buf, nots.buf);
	ck_assert_uint_eq(w.r.stats.files_unreadable, 1);
	walked_release(&w);
	ck_assert_uint_eq(open_fds(), fds);
	dac_caps(1);
	ck_assert_int_eq(setrlimit(RLIMIT_NOFILE, &old), 0);
	strbuf_release(&root);
	strbuf_release(&got);
	strbuf_release(&exp);
	strbuf_release(&nots);
}
END_TEST

START_TEST(test_swapped_dir)
{
	struct strbuf root = STRBUF_INIT, from = STRBUF_INIT,
		      to = STRBUF_INIT, got = STRBUF_INIT;
	struct walk_cursor c;
	struct walked w;

	put("t/sub/x.txt", "walked\n");
	put("t/y.txt", "beside\n");
	at("t", &root);
	walk(&w, root.buf, NULL, NULL);
	/* after the walk, sub is moved away and another put in its place */
	at("t/sub", &from);
	at("t/moved", &to);
	ck_assert_int_eq(rename(from.buf, to.buf), 0);
	put("t/sub/x.txt", "impostor\n");
	walk_cursor_init(&c);
	take_all(&w, &c, 1, &got);
	walk_cursor_release(&c);
	strbuf_reset(&to);
	strbuf_addf(&to, "sub/x.txt: %s\ny.txt=beside\n", strerror(ESTALE));
	same_lines(got.buf, to.buf);
	walked_release(&w);
	strbuf_release(&root);
	strbuf_release(&from);
	strbuf_release(&to);
	strbuf_release(&got);
}
END_TEST

static Suite *make_suite(void)
{
	Suite *s = suite_create("walk");
	TCase *tc = tcase_create("walk");

	/* a guard only: the deep tree is 5,000 mkdirs and a walk */
	tcase_set_timeout(tc, 300);
	tcase_add_unchecked_fixture(tc, setup_run, teardown_run);
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_files_found);
	tcase_add_test(tc, test_links_not_followed);
	tcase_add_test(tc, test_excluded);
	tcase_add_test(tc, test_unreadable_dir);
	tcase_add_test(tc, test_deep_tree);
	tcase_add_test(tc, test_swapped_dir);
	suite_add_tcase(s, tc);
	return s;
}
