/* test_history.c - the history engine's pure parts: --since/--until
 * dates (every form, the errors), and the table's attribution: of the
 * commits that introduce a blob at a path, the earliest by author date
 * (then committer date, then id) is kept, whatever order they came in;
 * each path of a blob is its own pair; names are interned once. */
#include <string.h>

#include "check_main.h"
#include "history/history.h"
#include "history/history_table.h"

#define NOW 1800000000LL

static const struct {
	const char *in;
	int end_of_day;
	int ok;
	long long want;
} date_rows[] = {
	{ "2024-03-01", 0, 1, 1709251200 },
	{ "2024-03-01", 1, 1, 1709251200 + 86399 },
	{ "2024-03-01T10:00:00Z", 0, 1, 1709287200 },
	{ "2024-03-01T10:00:00", 1, 1, 1709287200 },
	{ "2024-03-01T10:00:00+01:00", 0, 1, 1709283600 },
	{ "2024-03-01T10:00:00-0130", 0, 1, 1709292600 },
	{ "2024-03-01T10:00Z", 0, 1, 1709287200 },
	{ "2024-03-01 10:00:00Z", 0, 1, 1709287200 },
	{ "@1709287200", 0, 1, 1709287200 },
	{ "90d", 0, 1, NOW - 90 * 86400 },
	{ "12h", 0, 1, NOW - 12 * 3600 },
	{ "", 0, 0, 0 },
	{ "yesterday", 0, 0, 0 },
	{ "2024-13-01", 0, 0, 0 },
	{ "2024-03-01T25:00:00Z", 0, 0, 0 },
	{ "2024-03-01T10:00:00+99:00", 0, 0, 0 },
	{ "2024-03-01x", 0, 0, 0 },
	{ "@-5", 0, 0, 0 },
	{ "1969-12-31", 0, 0, 0 },
};

START_TEST(test_dates)
{
	struct err e = ERR_INIT;
	long long got = -1;
	int rc = history_parse_date(date_rows[_i].in, NOW,
				    date_rows[_i].end_of_day, &got, &e);

	ck_assert_msg((rc == 0) == date_rows[_i].ok, "'%s': rc %d (%s)",
		      date_rows[_i].in, rc, e.msg);
	if (date_rows[_i].ok)
		ck_assert_msg(got == date_rows[_i].want, "'%s': %lld, want "
			      "%lld", date_rows[_i].in, got,
			      date_rows[_i].want);
	else
		ck_assert_msg(strstr(e.msg, "is not a date"), "'%s': %s",
			      date_rows[_i].in, e.msg);
}
END_TEST

static void oid(git_oid *id, unsigned char b)
{
	memset(id->id, b, sizeof(id->id));
}

/* commits: author time, committer time, id byte */
static const long long commit_rows[][3] = {
	{ 300, 300, 0x30 },	/* 0 */
	{ 100, 500, 0x50 },	/* 1: earliest by author date */
	{ 100, 400, 0x60 },	/* 2: same author date, earlier commit */
	{ 100, 400, 0x10 },	/* 3: and the smallest id: the earliest */
};

START_TEST(test_earliest)
{
	static const int orders[][4] = {
		{ 0, 1, 2, 3 }, { 3, 2, 1, 0 }, { 1, 3, 0, 2 }, { 2, 0, 3, 1 },
	};
	struct history_table t;
	const struct history_name *p, *q;
	git_oid blob;
	uint32_t c[4], b = 0;
	int is_new;

	history_table_init(&t);
	for (int i = 0; i < 4; i++) {
		git_oid id;

		oid(&id, (unsigned char)commit_rows[i][2]);
		c[i] = history_table_commit(&t, &id, &is_new);
		ck_assert(is_new);
		t.commits[c[i]].time = commit_rows[i][0];
		t.commits[c[i]].ctime = commit_rows[i][1];
	}
	p = history_table_name(&t, "a/app.py", 8);
	q = history_table_name(&t, "b/app.py", 8);
	ck_assert_ptr_eq(p, history_table_name(&t, "a/app.py!", 8));
	ck_assert_ptr_ne(p, q);
	oid(&blob, 0xbb);
	for (int k = 0; k < 4; k++)
		b = history_table_introduce(&t, &blob, p,
					    c[orders[_i][k]]);
	history_table_introduce(&t, &blob, q, c[0]);
	ck_assert_uint_eq(t.nr_blobs, 1);
	ck_assert_uint_eq(t.blobs[b].nr_paths, 2);
	ck_assert_uint_eq(history_table_pair(&t, b, p)->commit, c[3]);
	ck_assert_uint_eq(history_table_pair(&t, b, q)->commit, c[0]);
	ck_assert_uint_eq(history_table_find_blob(&t, &blob), b);
	oid(&blob, 0xcc);
	ck_assert_uint_eq(history_table_find_blob(&t, &blob), HISTORY_NONE);
	history_table_release(&t);
}
END_TEST

/* Many names and blobs: the tables grow and find every one again. */
START_TEST(test_growth)
{
	struct history_table t;
	char name[32];

	history_table_init(&t);
	for (unsigned i = 0; i < 20000; i++) {
		git_oid id;

		memset(&id, 0, sizeof(id));
		memcpy(id.id, &i, sizeof(i));
		snprintf(name, sizeof(name), "dir%u/file%u.c", i % 97, i);
		history_table_introduce(&t, &id, history_table_name(
			&t, name, strlen(name)), HISTORY_NONE);
	}
	ck_assert_uint_eq(t.nr_blobs, 20000);
	ck_assert_uint_eq(t.nr_names, 20000);
	for (unsigned i = 0; i < 20000; i += 997) {
		git_oid id;

		memset(&id, 0, sizeof(id));
		memcpy(id.id, &i, sizeof(i));
		snprintf(name, sizeof(name), "dir%u/file%u.c", i % 97, i);
		ck_assert_uint_eq(history_table_find_blob(&t, &id), i);
		ck_assert_str_eq(t.paths[t.blobs[i].first].path->str, name);
	}
	history_table_release(&t);
}
END_TEST

static Suite *make_suite(void)
{
	Suite *s = suite_create("history");
	TCase *tc = tcase_create("history");

	tcase_add_loop_test(tc, test_dates, 0,
			    sizeof(date_rows) / sizeof(date_rows[0]));
	tcase_add_loop_test(tc, test_earliest, 0, 4);
	tcase_add_test(tc, test_growth);
	suite_add_tcase(s, tc);
	return s;
}
