/* test_report_json.c - the JSON report: file names that are not valid
 * UTF-8 are escaped (\xHH per stray byte, a backslash as \x5c), never
 * dropped, wherever a path appears, and read back as the same bytes; and
 * the skip counters are all in scan.files_skipped. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check_main.h"
#include "core/report.h"
#include "core/rule.h"
#include "lib/strbuf.h"
#include "report/report_format.h"
#include "report/report_json.h"
#include "report/report_read.h"

static const struct {
	const char *name, *path, *want;
} rows[] = {
	{ "ascii", "src/app.py", "src/app.py" },
	{ "valid two-byte", "caf\xc3\xa9.py", "caf\xc3\xa9.py" },
	{ "valid four-byte", "\xf0\x9f\x94\x91.env", "\xf0\x9f\x94\x91.env" },
	{ "stray byte", "bad\xffname.py", "bad\\xffname.py" },
	{ "latin-1 name", "r\xe9sum\xe9.txt", "r\\xe9sum\\xe9.txt" },
	{ "truncated sequence", "a\xc3", "a\\xc3" },
	{ "overlong slash", "a\xc0\xaf" "b", "a\\xc0\\xafb" },
	{ "surrogate", "s\xed\xa0\x80", "s\\xed\\xa0\\x80" },
	{ "above U+10FFFF", "x\xf4\x90\x80\x80", "x\\xf4\\x90\\x80\\x80" },
	{ "valid next to stray", "\xc3\xa9\xff\xc3\xa9",
	  "\xc3\xa9\\xff\xc3\xa9" },
	/* a real backslash cannot pass for an escaped byte */
	{ "backslash", "back\\slash\\x41", "back\\x5cslash\\x5cx41" },
	{ "backslash and stray", "a\\xe9\xe9", "a\\x5cxe9\\xe9" },
};

static struct rule rule = {
	.id = (char *)"t.rule",
	.title = (char *)"Test rule",
	.category = (char *)"secret",
	.guideline = { (char *)"d.txt", NULL, (char *)"q" },
};

static const char *str_at(json_t *o, const char *a, const char *b)
{
	json_t *v = json_object_get(o, a);

	if (b)
		v = json_object_get(v, b);
	return json_string_value(v);
}

START_TEST(test_paths_escaped)
{
	struct report r;
	struct finding f = { 0 };
	json_t *o, *fj;

	report_init(&r, "scan");
	report_add_target(&r, rows[_i].path, RULE_TARGET_SOURCE, NULL);
	report_add_notice(&r, rows[_i].path, "cannot read: %s", "test");
	f.rule = &rule;
	f.severity = SEV_HIGH;
	f.message = strdup("m");
	f.path = strdup(rows[_i].path);
	f.root = strdup(rows[_i].path);
	f.line = 1;
	f.column = 2;
	f.secret = strdup(rows[_i].path);
	finding_list_add(&r.findings, &f, NULL);
	r.show_secrets = 1;

	o = report_to_json(&r);
	fj = json_array_get(json_object_get(o, "findings"), 0);
	ck_assert_ptr_nonnull(fj);
	ck_assert_msg(str_at(fj, "location", "path") &&
		      !strcmp(str_at(fj, "location", "path"), rows[_i].want),
		      "%s: location.path '%s'", rows[_i].name,
		      str_at(fj, "location", "path"));
	ck_assert_str_eq(str_at(fj, "location", "root"), rows[_i].want);
	ck_assert_str_eq(str_at(fj, "secret", "value"), rows[_i].want);
	ck_assert_str_eq(json_string_value(json_array_get(json_object_get(
		json_object_get(o, "scan"), "targets"), 0)), rows[_i].want);
	ck_assert_str_eq(str_at(json_array_get(json_object_get(o, "notices"),
					       0), "where", NULL),
			 rows[_i].want);
	/* the dump is valid: it loads back */
	{
		char *text = json_dumps(o, 0);
		json_error_t je;
		json_t *back = json_loads(text, 0, &je);

		ck_assert_msg(back != NULL, "%s: %s", rows[_i].name, je.text);
		json_decref(back);
		free(text);
	}
	/* and read back, every name is the same bytes */
	{
		char path[] = "/tmp/authaudit-test-json-XXXXXX";
		int fd = mkstemp(path);
		struct ruleset rs = { 0 };
		struct report in;
		struct err e = { 0 };

		ck_assert_int_ge(fd, 0);
		close(fd);
		ck_assert_int_eq(json_dump_file(o, path, 0), 0);
		struct rule *one = &rule;

		rs.rules = &one;
		rs.nr = 1;
		report_init(&in, "scan");
		ck_assert_msg(!report_read_json(path, &rs, &in, &e), "%s",
			      e.msg);
		unlink(path);
		ck_assert_uint_eq(in.findings.nr, 1);
		ck_assert_str_eq(in.findings.items[0].path, rows[_i].path);
		ck_assert_str_eq(in.findings.items[0].root, rows[_i].path);
		ck_assert_str_eq(in.findings.items[0].secret, rows[_i].path);
		ck_assert_str_eq(in.targets[0].name, rows[_i].path);
		ck_assert_str_eq(in.notices[0].where, rows[_i].path);
		report_release(&in);
	}
	json_decref(o);
	report_release(&r);
}
END_TEST

/* Every way a file is passed over has its counter (schema 1.2). */
START_TEST(test_skip_counters)
{
	static const char *const keys[] = {
		"binary", "too_large", "excluded", "links", "special",
		"vcs_dirs", "ignored", NULL
	};
	struct report r;
	json_t *o, *sk;

	report_init(&r, "scan");
	r.stats.files_skipped_binary = 1;
	r.stats.files_skipped_size = 2;
	r.stats.files_skipped_excluded = 3;
	r.stats.files_skipped_links = 4;
	r.stats.files_skipped_special = 5;
	r.stats.dirs_skipped_vcs = 6;
	r.stats.files_skipped_ignored = 7;
	o = report_to_json(&r);
	sk = json_object_get(json_object_get(o, "scan"), "files_skipped");
	for (int i = 0; keys[i]; i++)
		ck_assert_msg(json_integer_value(json_object_get(sk, keys[i]))
			      == i + 1, "files_skipped.%s", keys[i]);
	ck_assert_str_eq(str_at(o, "schema_version", NULL), "2.0");
	json_decref(o);
	report_release(&r);
}
END_TEST

/* A history scan's attribution (schema 1.5): commit, author, email and
 * date in location, presence beside; read back the same, with the
 * author's zone; the fingerprint is the one finding_list_add made. */
static const struct {
	long long time;
	int offset;
	enum finding_presence presence;
	const char *date, *presence_name;
} commit_rows[] = {
	{ 1709283600, 60, PRESENCE_HISTORY, "2024-03-01T10:00:00+01:00",
	  "history" },
	{ 1709283600, -330, PRESENCE_TIP, "2024-03-01T03:30:00-05:30", "tip" },
	{ 0, 0, PRESENCE_TIP, "1970-01-01T00:00:00+00:00", "tip" },
};

START_TEST(test_commit_round_trip)
{
	struct report r, in;
	struct finding f = { 0 };
	struct finding_commit c = { "1a2b3c4d1a2b3c4d1a2b3c4d1a2b3c4d1a2b3c4d",
				    (char *)"Dana \xff Commit",
				    (char *)"dana@example.test",
				    commit_rows[_i].time,
				    commit_rows[_i].offset };
	char path[] = "/tmp/authaudit-test-json-XXXXXX";
	struct ruleset rs = { 0 };
	struct rule *one = &rule;
	struct err e = { 0 };
	struct strbuf where = STRBUF_INIT;
	json_t *o, *loc;
	int fd;

	report_init(&r, "scan");
	f.rule = &rule;
	f.message = strdup("m");
	f.path = strdup("app.py");
	f.line = 3;
	f.column = 9;
	f.commit = finding_commit_dup(&c);
	f.presence = commit_rows[_i].presence;
	finding_list_add(&r.findings, &f, "k");
	o = report_to_json(&r);
	loc = json_object_get(json_array_get(json_object_get(o, "findings"),
					     0), "location");
	ck_assert_str_eq(str_at(loc, "commit", NULL), c.id);
	ck_assert_str_eq(str_at(loc, "author", NULL), "Dana \\xff Commit");
	ck_assert_str_eq(str_at(loc, "email", NULL), c.email);
	ck_assert_str_eq(str_at(loc, "date", NULL), commit_rows[_i].date);
	ck_assert_str_eq(str_at(json_array_get(json_object_get(o, "findings"),
					       0), "presence", NULL),
			 commit_rows[_i].presence_name);
	report_where(&r.findings.items[0], &where);
	ck_assert_str_eq(where.buf, commit_rows[_i].time ?
			 "app.py:3:9 (commit 1a2b3c4d, Dana \xff Commit, "
			 "2024-03-01)" : "app.py:3:9 (commit 1a2b3c4d, "
			 "Dana \xff Commit, 1970-01-01)");
	fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	close(fd);
	ck_assert_int_eq(json_dump_file(o, path, 0), 0);
	rs.rules = &one;
	rs.nr = 1;
	report_init(&in, "scan");
	ck_assert_msg(!report_read_json(path, &rs, &in, &e), "%s", e.msg);
	unlink(path);
	ck_assert_uint_eq(in.findings.nr, 1);
	ck_assert_ptr_nonnull(in.findings.items[0].commit);
	ck_assert_str_eq(in.findings.items[0].commit->id, c.id);
	ck_assert_str_eq(in.findings.items[0].commit->author, c.author);
	ck_assert_int_eq(in.findings.items[0].commit->time, c.time);
	ck_assert_int_eq(in.findings.items[0].commit->offset, c.offset);
	ck_assert_int_eq(in.findings.items[0].presence,
			 commit_rows[_i].presence);
	ck_assert_str_eq(in.findings.items[0].fingerprint,
			 r.findings.items[0].fingerprint);
	strbuf_release(&where);
	report_release(&in);
	json_decref(o);
	report_release(&r);
}
END_TEST

static Suite *make_suite(void)
{
	Suite *s = suite_create("report_json");
	TCase *tc = tcase_create("json");

	tcase_add_loop_test(tc, test_paths_escaped, 0,
			    sizeof(rows) / sizeof(rows[0]));
	tcase_add_test(tc, test_skip_counters);
	tcase_add_loop_test(tc, test_commit_round_trip, 0,
			    sizeof(commit_rows) / sizeof(commit_rows[0]));
	suite_add_tcase(s, tc);
	return s;
}
