/* test_baseline.c - JSON report round trip (report_json.c ->
 * report_read.c) and baseline suppression that survives moved lines. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check_main.h"
#include "report/baseline.h"
#include "report/report_format.h"
#include "report/report_read.h"
#include "scan/scan.h"

static const char yaml[] =
	"rules:\n"
	"  - id: b.key\n"
	"    title: Demo key\n"
	"    category: secret\n"
	"    severity: high\n"
	"    guideline: { doc: d.txt, section: S, quote: q }\n"
	"    keywords: [demo_]\n"
	"    pattern: '\\bdemo_([A-Za-z0-9]{10})'\n"
	"    examples: [x]\n"
	"    negative_examples: [y]\n";

static struct ruleset rs;

/* Scan text as f.txt into a fresh report. */
static void scan_into(struct report *r, const char *text)
{
	struct scan_engine *eng;
	struct scanner *s;
	struct err e = ERR_INIT;

	report_init(r, "scan");
	r->rules = &rs;
	ck_assert_int_eq(scan_engine_build(&eng, &rs, NULL, NULL, 0, &e), 0);
	s = scanner_new(eng);
	scanner_scan(s, "f.txt", text, strlen(text), &r->findings, &r->stats);
	scanner_free(s);
	scan_engine_free(eng);
	finding_list_sort(&r->findings);
}

static void write_json(const struct report *r, const char *path)
{
	FILE *f = fopen(path, "w");
	struct err e = ERR_INIT;

	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(report_write_json(f, r, &e), 0);
	fclose(f);
}

static void setup(void)
{
	struct err e = ERR_INIT;

	memset(&rs, 0, sizeof(rs));
	ck_assert_int_eq(ruleset_load_buffer(&rs, "t", yaml, strlen(yaml), 0,
					     &e), 0);
}

static void teardown(void)
{
	ruleset_release(&rs);
}

START_TEST(test_round_trip)
{
	char path[] = "/tmp/authaudit-rt-XXXXXX";
	struct report a, b;
	struct err e = ERR_INIT;
	int fd = mkstemp(path);

	ck_assert_int_ge(fd, 0);
	close(fd);
	scan_into(&a, "x = demo_Ab3De5Gh7J\ny = demo_Zq8vN3kLm1\n");
	ck_assert_uint_eq(a.findings.nr, 2);
	write_json(&a, path);
	report_init(&b, "merge");
	ck_assert_int_eq(report_read_json(path, &rs, &b, &e), 0);
	ck_assert_uint_eq(b.findings.nr, 2);
	for (size_t i = 0; i < 2; i++) {
		const struct finding *x = &a.findings.items[i];
		const struct finding *y = &b.findings.items[i];

		ck_assert_ptr_eq(x->rule, y->rule);
		ck_assert_str_eq(x->path, y->path);
		ck_assert_uint_eq(x->line, y->line);
		ck_assert_uint_eq(x->column, y->column);
		ck_assert_str_eq(x->secret_sha256, y->secret_sha256);
		ck_assert_str_eq(x->fingerprint, y->fingerprint);
		ck_assert_ptr_null(y->secret);	/* redacted on disk */
	}
	report_release(&a);
	report_release(&b);
	unlink(path);
}
END_TEST

START_TEST(test_baseline_survives_moves_and_lists_stale)
{
	char path[] = "/tmp/authaudit-bl-XXXXXX";
	struct report old, cur;
	struct baseline bl;
	struct err e = ERR_INIT;
	int fd = mkstemp(path);

	ck_assert_int_ge(fd, 0);
	close(fd);
	scan_into(&old, "x = demo_Ab3De5Gh7J\ny = demo_Zq8vN3kLm1\n");
	write_json(&old, path);
	/* the first secret moved down two lines, the second is gone, a
	 * third is new */
	scan_into(&cur, "\n\nx = demo_Ab3De5Gh7J\nz = demo_Pp0oI9uY8t\n");
	ck_assert_int_eq(baseline_load(&bl, path, &rs, &e), 0);
	baseline_apply(&bl, &cur);
	ck_assert_uint_eq(cur.findings.nr, 1);
	ck_assert_uint_eq(cur.findings.items[0].line, 4);
	ck_assert_uint_eq(cur.stats.suppressed_baseline, 1);
	ck_assert_uint_eq(cur.stale.nr, 1);
	ck_assert_uint_eq(cur.stale.items[0].line, 2);
	baseline_release(&bl);
	report_release(&old);
	report_release(&cur);
	unlink(path);
}
END_TEST

static const struct {
	const char *text, *want;
} bad[] = {
	{ "{\"schema_version\": \"1.0\", \"findings\": [", "not a JSON report" },
	{ "{\"findings\": []}", "schema_version 1.x or 2.x" },
	{ "{\"schema_version\": \"1.0\", \"findings\": [{\"rule\": \"b.key\"}]}",
	  "findings[0] lacks rule, severity or location" },
};

START_TEST(test_bad_reports)
{
	char path[] = "/tmp/authaudit-bad-XXXXXX";
	struct report r;
	struct err e = ERR_INIT;
	int fd = mkstemp(path);

	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, bad[_i].text, strlen(bad[_i].text)),
			 (ssize_t)strlen(bad[_i].text));
	close(fd);
	report_init(&r, "merge");
	ck_assert_int_eq(report_read_json(path, &rs, &r, &e), -1);
	ck_assert_msg(strstr(e.msg, bad[_i].want), "got '%s'", e.msg);
	report_release(&r);
	unlink(path);
}
END_TEST

static Suite *make_suite(void)
{
	Suite *s = suite_create("baseline");
	TCase *tc = tcase_create("json");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_round_trip);
	tcase_add_test(tc, test_baseline_survives_moves_and_lists_stale);
	tcase_add_loop_test(tc, test_bad_reports, 0,
			    sizeof(bad) / sizeof(bad[0]));
	suite_add_tcase(s, tc);
	return s;
}
