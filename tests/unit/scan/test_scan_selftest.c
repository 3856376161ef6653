/* test_scan_selftest.c - the matcher's known-answer test. A sound library
 * passes it; a library that loses hits is played by swapping the
 * engine's database for one whose expression never matches what the
 * rule's keyword finds: the test must notice, distrust exactly that
 * rule, still find its secrets through the fallback, and fail the build
 * under SCAN_ENGINE_STRICT. */
#include <string.h>

#include "check_main.h"
#include "core/rule.h"
#include "scan/scan_internal.h"

static const char rules_yaml[] =
	"profiles:\n"
	"  - name: default\n"
	"    title: all\n"
	"    rules: ['*']\n"
	"rules:\n"
	"  - id: t.alpha\n"
	"    title: Alpha key\n"
	"    category: secret\n"
	"    severity: high\n"
	"    guideline: { doc: d, quote: q }\n"
	"    keywords: [alpha_]\n"
	"    pattern: '\\balpha_([A-Za-z0-9]{10})\\b'\n"
	"    examples: ['k = alpha_Q1w2E3r4T5', 'alpha_Z9x8C7v6B5']\n"
	"    negative_examples: [y]\n"
	"  - id: t.pipe\n"
	"    title: Pipe token\n"
	"    category: secret\n"
	"    severity: high\n"
	"    guideline: { doc: d, quote: q }\n"
	"    prefilter: '\\|[A-Za-z0-9_]{12}'\n"
	"    pattern: '\\b(\\d{1,4}\\|[A-Za-z0-9]{12})\\b'\n"
	"    examples: ['t = \"7|Kq2Wm9Zx4Lp1\"']\n"
	"    negative_examples: [y]\n";

static struct ruleset rs;

static void load(void)
{
	struct err e = ERR_INIT;

	memset(&rs, 0, sizeof(rs));
	ck_assert_msg(!ruleset_load_buffer(&rs, "t.yaml", rules_yaml,
					   strlen(rules_yaml), 0, &e), "%s",
		      e.msg);
}

START_TEST(test_sound_library_passes)
{
	struct scan_engine *eng;
	struct err e = ERR_INIT;
	const struct scan_selftest *t;

	load();
	ck_assert_msg(!scan_engine_build(&eng, &rs, NULL, NULL,
					 SCAN_ENGINE_STRICT, &e), "%s", e.msg);
	t = scan_engine_selftest(eng);
	/* 3 examples at every placement, one scan each */
	ck_assert_uint_eq(t->scans, 3 * 8);
	ck_assert_uint_eq(t->misses, 0);
	ck_assert_uint_eq(t->rules_distrusted, 0);
	ck_assert_ptr_null(t->first_rule);
	ck_assert(!strncmp(t->library, "Hyperscan ", 10) ||
		  !strncmp(t->library, "vectorscan ", 11));
	scan_engine_free(eng);
	ruleset_release(&rs);
}
END_TEST

/* Replace eng's database with one in which entry `broken` looks for
 * something else: a library that never reports that entry's hits. */
static void break_entry(struct scan_engine *eng, size_t broken)
{
	const char **exprs = calloc(eng->nr_entries, sizeof(*exprs));
	unsigned *flags = calloc(eng->nr_entries, sizeof(*flags));
	unsigned *ids = calloc(eng->nr_entries, sizeof(*ids));
	hs_compile_error_t *cerr;

	for (size_t i = 0; i < eng->nr_entries; i++) {
		const struct entry *en = &eng->entries[i];

		ids[i] = (unsigned)i;
		flags[i] = en->keyword ? HS_FLAG_CASELESS : HS_FLAG_MULTILINE;
		exprs[i] = i == broken ? "never_seen_anywhere" :
			   en->keyword ? en->keyword :
			   eng->rules[en->rules[0]]->prefilter;
	}
	hs_free_database(eng->db);
	eng->db = NULL;
	ck_assert_int_eq(hs_compile_multi(exprs, flags, ids,
					  (unsigned)eng->nr_entries,
					  HS_MODE_BLOCK, NULL, &eng->db,
					  &cerr), HS_SUCCESS);
	free(exprs);
	free(flags);
	free(ids);
}

static size_t entry_of(const struct scan_engine *eng, const char *rule)
{
	for (size_t i = 0; i < eng->nr_entries; i++)
		if (eng->entries[i].nr &&
		    !strcmp(eng->rules[eng->entries[i].rules[0]]->id, rule))
			return i;
	ck_abort_msg("no entry for %s", rule);
	return 0;
}

static const char *const broken_rules[] = { "t.alpha", "t.pipe" };

START_TEST(test_lossy_library_is_caught)
{
	const char *id = broken_rules[_i];
	const char *text = "a\nk = alpha_Q1w2E3r4T5\nt = \"7|Kq2Wm9Zx4Lp1\"\n";
	struct scan_engine *eng;
	struct scanner *s;
	struct finding_list out;
	struct report_stats st = { 0 };
	struct err e = ERR_INIT;
	const struct scan_selftest *t;
	char msg[512];

	load();
	ck_assert(!scan_engine_build(&eng, &rs, NULL, NULL, 0, &e));
	break_entry(eng, entry_of(eng, id));
	memset(eng->distrust, 0, eng->nr_rules);
	memset(&eng->selftest, 0, sizeof(eng->selftest));
	eng->nr_distrusted = 0;
	ck_assert_int_eq(scan_selftest_run(eng, &e), 0);
	t = scan_engine_selftest(eng);
	ck_assert_uint_gt(t->misses, 0);
	ck_assert_uint_eq(t->rules_distrusted, 1);
	ck_assert_str_eq(t->first_rule, id);
	ck_assert_str_eq(eng->rules[eng->distrusted[0]]->id, id);
	scan_selftest_describe(t, msg, sizeof(msg));
	ck_assert_ptr_nonnull(strstr(msg, id));
	ck_assert_ptr_nonnull(strstr(msg, t->library));

	/* the fallback still finds both secrets */
	s = scanner_new(eng);
	finding_list_init(&out);
	scanner_scan(s, "a.txt", text, strlen(text), &out, &st);
	ck_assert_uint_eq(out.nr, 2);
	finding_list_release(&out);
	scanner_free(s);

	/* --strict-engine: an error naming the rule */
	eng->flags = SCAN_ENGINE_STRICT;
	memset(eng->distrust, 0, eng->nr_rules);
	eng->nr_distrusted = 0;
	memset(&eng->selftest, 0, sizeof(eng->selftest));
	ck_assert_int_eq(scan_selftest_run(eng, &e), -1);
	ck_assert_ptr_nonnull(strstr(e.msg, id));
	scan_engine_free(eng);
	ruleset_release(&rs);
}
END_TEST

static Suite *make_suite(void)
{
	Suite *s = suite_create("scan_selftest");
	TCase *tc = tcase_create("selftest");

	tcase_add_test(tc, test_sound_library_passes);
	tcase_add_loop_test(tc, test_lossy_library_is_caught, 0, 2);
	suite_add_tcase(s, tc);
	return s;
}
