/* test_scan_counts.c - AUTHAUDIT_SCAN_COUNTS: the table the engine prints
 * on stderr when it is freed holds each rule's searches and matches and
 * each keyword's hits, as counted on a known text; unset, nothing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check_main.h"
#include "core/rule.h"
#include "scan/scan.h"

static const char rules_yaml[] = "profiles:\n"
				 "  - name: default\n"
				 "    title: all\n"
				 "    rules: ['*']\n"
				 "rules:\n"
				 "  - id: t.demo\n"
				 "    title: Demo key\n"
				 "    category: secret\n"
				 "    severity: medium\n"
				 "    guideline: { doc: d, quote: q }\n"
				 "    keywords: [demo_]\n"
				 "    pattern: '\\bdemo_([A-Za-z0-9]{8,})'\n"
				 "    min_entropy: 2.0\n"
				 "    examples: [x]\n"
				 "    negative_examples: [y]\n"
				 "  - id: t.never\n"
				 "    title: Never here\n"
				 "    category: secret\n"
				 "    severity: low\n"
				 "    guideline: { doc: d, quote: q }\n"
				 "    keywords: [nothere_]\n"
				 "    pattern: '\\bnothere_([a-z]{8})'\n"
				 "    examples: [x]\n"
				 "    negative_examples: [y]\n";

/* three hits of demo_ on two lines: line 1 one match, line 3 two (its
 * second hit is covered by the line's first search); each line's last
 * match ends it, so no search follows */
static const char text[] = "k = demo_Ab3De5Gh7\nplain line\n"
			   "demo_Zq8vN3kLm demo_Pw1Rt5Yu9\n";

/* Scan text with the engine, free it, and return what it wrote on
 * stderr (the caller frees it). */
static char *scan_and_capture(void)
{
	struct ruleset rs;
	struct scan_engine *eng;
	struct err e = ERR_INIT;
	struct finding_list out;
	struct report_stats st = { 0 };
	struct scanner *s;
	FILE *cap = tmpfile();
	int saved = dup(2);
	char *buf = calloc(1, 8192);
	size_t n;

	ck_assert_ptr_nonnull(cap);
	ck_assert_int_ge(saved, 0);
	memset(&rs, 0, sizeof(rs));
	ck_assert_int_eq(ruleset_load_buffer(&rs, "t.yaml", rules_yaml,
					     strlen(rules_yaml), 0, &e),
			 0);
	ck_assert_msg(!scan_engine_build(&eng, &rs,
					 ruleset_profile(&rs, "default"), NULL,
					 0, &e),
		      "%s", e.msg);
	finding_list_init(&out);
	s = scanner_new(eng);
	scanner_scan(s, "a.txt", text, strlen(text), &out, &st);
	ck_assert_uint_eq(out.nr, 3);
	scanner_free(s);
	fflush(stderr);
	dup2(fileno(cap), 2);
	scan_engine_free(eng);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	rewind(cap);
	n = fread(buf, 1, 8191, cap);
	buf[n] = '\0';
	fclose(cap);
	finding_list_release(&out);
	ruleset_release(&rs);
	return buf;
}

/* The numbers after a table row's first word, or 0 when no row starts
 * with it. */
static int row(const char *table, const char *first, unsigned long long *a,
	       unsigned long long *b, unsigned long long *c)
{
	size_t n = strlen(first);

	for (const char *l = table; l && *l;
	     l = strchr(l, '\n'), l = l ? l + 1 : NULL)
		if (!strncmp(l, first, n) && l[n] == ' ')
			return sscanf(l + n, "%llu %llu %llu", a, b, c);
	return 0;
}

START_TEST(test_counts_table)
{
	char *got;
	unsigned long long a = 0, b = 0, c = 0;

	setenv("AUTHAUDIT_SCAN_COUNTS", "1", 1);
	got = scan_and_capture();
	unsetenv("AUTHAUDIT_SCAN_COUNTS");
	ck_assert_msg(strstr(got, "scan counts: 1 matcher runs over 0.0 MB"),
		      "%s", got);
	/* t.demo: 2 lines searched, 3 searches, 3 matches */
	ck_assert_int_eq(row(got, "t.demo", &a, &b, &c), 3);
	ck_assert_uint_eq(a, 2);
	ck_assert_uint_eq(b, 3);
	ck_assert_uint_eq(c, 3);
	/* a rule that never ran has no row; its keyword no hits */
	ck_assert_int_eq(row(got, "t.never", &a, &b, &c), 0);
	ck_assert_int_eq(row(got, "nothere_", &a, &b, &c), 0);
	a = 0;
	ck_assert_int_ge(row(got, "demo_", &a, &b, &c), 1);
	ck_assert_uint_eq(a, 3);
	free(got);
}
END_TEST

START_TEST(test_counts_off)
{
	char *got;

	unsetenv("AUTHAUDIT_SCAN_COUNTS");
	got = scan_and_capture();
	ck_assert_str_eq(got, "");
	free(got);
}
END_TEST

static Suite *make_suite(void)
{
	Suite *s = suite_create("scan_counts");
	TCase *tc = tcase_create("counts");

	tcase_add_test(tc, test_counts_table);
	tcase_add_test(tc, test_counts_off);
	suite_add_tcase(s, tc);
	return s;
}
