/* test_merge.c - `authaudit merge` below the command: shard reports
 * built by hand, written by the JSON writer, read back by
 * merge_inputs_read(), checked by merge_check_shards() and combined by
 * merge_reports(). A complete split in any order, a missing shard, a
 * repeated one, mixed splits, --partial and merging its report again,
 * findings and notices once, counts added, endpoints' facts, stale
 * baseline entries, the run's command, profile and times. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check_main.h"
#include "core/report.h"
#include "core/rule.h"
#include "lib/strbuf.h"
#include "lib/xalloc.h"
#include "report/merge.h"
#include "report/report_format.h"

#define RULE(id, kind, sev, extra) \
	"  - id: " id "\n" \
	"    title: Title of " id "\n" \
	"    kind: " kind "\n" \
	"    category: secret\n" \
	"    severity: " sev "\n" \
	"    guideline: { doc: d, quote: q }\n" extra

#define SOURCE(id, sev) RULE(id, "regex", sev, \
	"    keywords: [tk_]\n" \
	"    pattern: 'tk_([a-z0-9]{10})'\n" \
	"    examples: [x]\n" \
	"    negative_examples: [y]\n")

static const char rules_yaml[] =
	"rules:\n"
	SOURCE("t.key", "high")
	SOURCE("t.http", "medium")
	RULE("t.tls", "endpoint", "medium", "")
	"profiles:\n"
	"  - name: default\n"
	"    title: all\n"
	"    rules: ['*']\n"
	"  - name: p-other\n"
	"    title: another\n"
	"    rules: [t.key]\n";

#define EXTRA_WHERE "rules/extra.txt"
#define EXTRA_MSG "not a rule file (rule files end in .yaml or .yml); " \
	"not loaded"

static struct ruleset rs;
static char dir[64];
static struct strlist written;

static void setup(void)
{
	struct err e = ERR_INIT;

	memset(&rs, 0, sizeof(rs));
	ck_assert_msg(!ruleset_load_buffer(&rs, "t.yaml", rules_yaml,
					   strlen(rules_yaml), 0, &e),
		      "%s", e.msg);
	/* anew each time: with CK_FORK=no the tests share one process */
	snprintf(dir, sizeof(dir), "/tmp/test_merge.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	memset(&written, 0, sizeof(written));
}

static void teardown(void)
{
	for (size_t i = 0; i < written.nr; i++)
		unlink(written.items[i]);
	strlist_release(&written);
	rmdir(dir);
	ruleset_release(&rs);
}

static void new_report(struct report *r, const char *cmd, const char *shard,
		       long start, long end)
{
	report_init(r, cmd);
	r->rules = &rs;
	r->profile = ruleset_profile(&rs, "default");
	r->shard = shard;
	r->start.tv_sec = start;
	r->end.tv_sec = end;
	r->stats.rules_loaded = 3;
}

static void add_to(struct finding_list *l, const char *id, const char *path,
		   const char *url, unsigned line, const char *secret,
		   enum severity sev)
{
	struct finding f = { 0 };

	f.rule = ruleset_find(&rs, id);
	ck_assert_ptr_nonnull(f.rule);
	f.severity = sev;
	f.confidence = CONF_HIGH;
	f.message = xstrdup(f.rule->title);
	f.path = path ? xstrdup(path) : NULL;
	f.root = path ? xstrdup("src") : NULL;
	f.url = url ? xstrdup(url) : NULL;
	f.line = path ? line : 0;
	f.column = path ? 5 : 0;
	f.secret = secret ? xstrdup(secret) : NULL;
	finding_list_add(l, &f, path ? path : url);
}

static void add(struct report *r, const char *id, const char *path,
		unsigned line, const char *secret, enum severity sev)
{
	add_to(&r->findings, id, path, NULL, line, secret, sev);
}

/* dir/name, kept for teardown; the caller free()s nothing. */
static const char *path_of(const char *name)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_addf(&sb, "%s/%s", dir, name);
	for (size_t i = 0; i < written.nr; i++)
		if (!strcmp(written.items[i], sb.buf)) {
			strbuf_release(&sb);
			return written.items[i];
		}
	strlist_push(&written, sb.buf);
	strbuf_release(&sb);
	return written.items[written.nr - 1];
}

/* Write r as dir/name.json with the JSON writer, and release it. */
static void save(struct report *r, const char *name)
{
	FILE *f = fopen(path_of(name), "w");
	struct err e = ERR_INIT;

	ck_assert_ptr_nonnull(f);
	ck_assert_msg(!report_write_json(f, r, &e), "%s", e.msg);
	ck_assert_int_eq(fclose(f), 0);
	report_release(r);
}

/* A scan of "src" split three ways: 5 files, 2 + 2 + 1 of them the
 * shards' own; each shard says what it left to the others, and each
 * notes the same stray file of the rule directory. */
static void write_scan_split(void)
{
	struct report r;

	new_report(&r, "scan", "1/3", 1000, 1030);
	report_add_target(&r, "src", RULE_TARGET_SOURCE, NULL);
	r.stats.files_scanned = 2;
	r.stats.bytes_scanned = 200;
	r.stats.files_skipped_shard = 3;
	r.stats.suppressed_inline = 1;
	add(&r, "t.key", "a.py", 3, "tk_aaaaaaaaa1", SEV_HIGH);
	report_add_notice(&r, EXTRA_WHERE, EXTRA_MSG);
	report_add_notice(&r, "shard 1/3", "3 files of other shards not "
			  "scanned here ('authaudit merge' combines the "
			  "shards' reports)");
	save(&r, "s1.json");

	new_report(&r, "scan", "2/3", 990, 1000);
	report_add_target(&r, "src", RULE_TARGET_SOURCE, NULL);
	r.stats.files_scanned = 1;
	r.stats.bytes_scanned = 100;
	r.stats.files_skipped_binary = 1;
	r.stats.files_skipped_shard = 3;
	add(&r, "t.key", "b.py", 1, "tk_bbbbbbbbb2", SEV_HIGH);
	add(&r, "t.http", "b.py", 9, NULL, SEV_MEDIUM);
	report_add_notice(&r, EXTRA_WHERE, EXTRA_MSG);
	report_add_notice(&r, "shard 2/3", "3 files of other shards not "
			  "scanned here ('authaudit merge' combines the "
			  "shards' reports)");
	report_add_notice(&r, "src/locked", "cannot read: permission denied");
	save(&r, "s2.json");

	new_report(&r, "scan", "3/3", 1005, 1015);
	report_add_target(&r, "src", RULE_TARGET_SOURCE, NULL);
	r.stats.files_scanned = 1;
	r.stats.bytes_scanned = 100;
	r.stats.files_skipped_shard = 4;
	r.stats.suppressed_inline = 2;
	add(&r, "t.key", "c.py", 7, "tk_ccccccccc3", SEV_LOW);
	report_add_notice(&r, EXTRA_WHERE, EXTRA_MSG);
	report_add_notice(&r, "shard 3/3", "4 files of other shards not "
			  "scanned here ('authaudit merge' combines the "
			  "shards' reports)");
	save(&r, "s3.json");
}

struct merged {
	struct strlist paths;
	struct merge_input *ins;
	struct merge_result res;
	struct report r;
	struct err e;
	int rc;
};

/* Merge the reports named (NULL-terminated) as cmd_merge does: 0, or -1
 * with m->e set; m->r is the merged report either way. */
static int merge(struct merged *m, int partial, int show_secrets, ...)
{
	va_list ap;
	const char *name;

	memset(m, 0, sizeof(*m));
	va_start(ap, show_secrets);
	while ((name = va_arg(ap, const char *)))
		strlist_push(&m->paths, path_of(name));
	va_end(ap);
	report_init(&m->r, "merge");
	m->r.rules = &rs;
	m->r.profile = ruleset_profile(&rs, "default");
	m->ins = xcalloc(m->paths.nr, sizeof(*m->ins));
	m->rc = merge_inputs_read(m->ins, m->paths.nr, &m->paths, &rs,
				  show_secrets, &m->e) ||
		merge_check_shards(m->ins, m->paths.nr, partial, &m->res,
				   &m->r, &m->e) ? -1 : 0;
	if (!m->rc) {
		merge_reports(m->ins, m->paths.nr, &m->res, &m->r);
		finding_list_sort(&m->r.findings);
	}
	return m->rc;
}

static void merged_release(struct merged *m)
{
	report_release(&m->r);
	merge_inputs_release(m->ins, m->paths.nr);
	merge_result_release(&m->res);
	strlist_release(&m->paths);
}

/* "root/path:line rule severity;" for each finding (URL for endpoints). */
static void findings_text(const struct finding_list *l, struct strbuf *out)
{
	for (size_t i = 0; i < l->nr; i++) {
		report_where(&l->items[i], out);
		strbuf_addf(out, " %s %s;", l->items[i].rule->id,
			    severity_name(l->items[i].severity));
	}
}

static void check_findings(const struct finding_list *l, const char *want)
{
	struct strbuf got = STRBUF_INIT;

	findings_text(l, &got);
	ck_assert_msg(!strcmp(got.buf, want), "findings '%s', want '%s'",
		      got.buf, want);
	strbuf_release(&got);
}

/* "where: message|" for each notice, in order. */
static void check_notices(const struct report *r, const char *want)
{
	struct strbuf got = STRBUF_INIT;

	for (size_t i = 0; i < r->nr_notices; i++)
		strbuf_addf(&got, "%s: %s|", r->notices[i].where,
			    r->notices[i].message);
	ck_assert_msg(!strcmp(got.buf, want), "notices '%s', want '%s'",
		      got.buf, want);
	strbuf_release(&got);
}

#define ALL_FOUR \
	"src/a.py:3:5 t.key high;src/b.py:1:5 t.key high;" \
	"src/b.py:9:5 t.http medium;src/c.py:7:5 t.key low;"
#define EXTRA EXTRA_WHERE ": " EXTRA_MSG "|"
#define LOCKED "src/locked: cannot read: permission denied|"

START_TEST(test_complete_split)
{
	struct merged m;

	write_scan_split();
	/* in any order: the shards are sorted */
	ck_assert_msg(!merge(&m, 0, 0, "s3.json", "s1.json", "s2.json", NULL),
		      "%s", m.e.msg);
	ck_assert_str_eq(m.ins[0].run.shard, "1/3");
	ck_assert_str_eq(m.ins[2].run.shard, "3/3");
	ck_assert_ptr_null(m.res.shard);
	ck_assert_ptr_null(m.r.shard);
	ck_assert_uint_eq(m.res.files_missing, 0);
	ck_assert_uint_eq(m.res.endpoints_missing, 0);
	ck_assert_str_eq(m.res.command, "scan");
	ck_assert_str_eq(m.r.command, "scan");
	check_findings(&m.r.findings, ALL_FOUR);
	/* the shards' own notices dropped, the stray file noted once */
	check_notices(&m.r, EXTRA LOCKED);
	/* counts added; rules_loaded the same in each */
	ck_assert_uint_eq(m.r.stats.files_scanned, 4);
	ck_assert_uint_eq(m.r.stats.bytes_scanned, 400);
	ck_assert_uint_eq(m.r.stats.files_skipped_binary, 1);
	ck_assert_uint_eq(m.r.stats.files_skipped_shard, 0);
	ck_assert_uint_eq(m.r.stats.suppressed_inline, 3);
	ck_assert_uint_eq(m.r.stats.rules_loaded, 3);
	ck_assert_uint_eq(m.r.nr_targets, 1);
	ck_assert_str_eq(m.r.targets[0].name, "src");
	/* the earliest start, the latest end */
	ck_assert_int_eq(m.r.start.tv_sec, 990);
	ck_assert_int_eq(m.r.end.tv_sec, 1030);
	ck_assert_ptr_eq(m.r.profile, ruleset_profile(&rs, "default"));
	merged_release(&m);
}
END_TEST

static const struct {
	const char *a, *b, *c, *d;
	const char *want;		/* the error without --partial */
} bad_sets[] = {
	{ "s1.json", "s3.json", NULL, NULL,
	  "scan: shard 2/3 missing (--partial merges them all the same)" },
	{ "s3.json", NULL, NULL, NULL,
	  "scan: shards 1-2/3 missing (--partial merges them all the same)" },
	{ "s1.json", "s2.json", "s2.json", "s3.json",
	  "scan: shard 2/3 given more than once (--partial merges them all "
	  "the same)" },
	{ "s1.json", "s1.json", "s3.json", NULL,
	  "scan: shard 2/3 missing; shard 1/3 given more than once "
	  "(--partial merges them all the same)" },
};

START_TEST(test_incomplete_refused)
{
	struct merged m;

	write_scan_split();
	ck_assert_int_eq(merge(&m, 0, 0, bad_sets[_i].a, bad_sets[_i].b,
			       bad_sets[_i].c, bad_sets[_i].d, NULL), -1);
	ck_assert_str_eq(m.e.msg, bad_sets[_i].want);
	merged_release(&m);
}
END_TEST

/* --partial: the shards given, a notice filed under them, the missing
 * shard's files counted as other shards'; merged again with the missing
 * shard, the whole run. */
START_TEST(test_partial_then_whole)
{
	struct merged m;
	FILE *f;

	write_scan_split();
	ck_assert_msg(!merge(&m, 1, 0, "s3.json", "s1.json", NULL), "%s",
		      m.e.msg);
	ck_assert_str_eq(m.res.shard, "1,3/3");
	ck_assert_str_eq(m.r.shard, "1,3/3");
	ck_assert_uint_eq(m.res.files_missing, 2);
	ck_assert_uint_eq(m.r.stats.files_skipped_shard, 2);
	ck_assert_uint_eq(m.r.stats.files_scanned, 3);
	check_findings(&m.r.findings, "src/a.py:3:5 t.key high;"
		       "src/c.py:7:5 t.key low;");
	check_notices(&m.r, "shard 1,3/3: scan: shard 2/3 missing; this "
		      "report is not the whole run|" EXTRA);
	f = fopen(path_of("p.json"), "w");
	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(report_write_json(f, &m.r, &m.e), 0);
	ck_assert_int_eq(fclose(f), 0);
	merged_release(&m);

	ck_assert_msg(!merge(&m, 0, 0, "s2.json", "p.json", NULL), "%s",
		      m.e.msg);
	ck_assert_ptr_null(m.res.shard);
	ck_assert_uint_eq(m.r.stats.files_skipped_shard, 0);
	ck_assert_uint_eq(m.r.stats.files_scanned, 4);
	check_findings(&m.r.findings, ALL_FOUR);
	/* the partial merge's own notice is dropped as a shard's is */
	check_notices(&m.r, EXTRA LOCKED);
	merged_release(&m);
}
END_TEST

/* --partial with a shard twice: merged once, the copy left out. */
START_TEST(test_partial_repeated)
{
	struct merged m;
	struct strbuf want = STRBUF_INIT;

	write_scan_split();
	ck_assert_msg(!merge(&m, 1, 0, "s1.json", "s2.json", "s3.json",
			     "s2.json", NULL), "%s", m.e.msg);
	ck_assert_ptr_null(m.res.shard);
	ck_assert_uint_eq(m.r.stats.files_scanned, 4);
	ck_assert_uint_eq(m.r.stats.bytes_scanned, 400);
	ck_assert_uint_eq(m.r.stats.files_skipped_shard, 0);
	check_findings(&m.r.findings, ALL_FOUR);
	strbuf_addf(&want, "merge: scan: shard 2/3 given more than once; "
		    "merged once|%s/s2.json: holds only shards merged already "
		    "(2/3); left out|" EXTRA LOCKED, dir);
	check_notices(&m.r, want.buf);
	strbuf_release(&want);
	merged_release(&m);
}
END_TEST

/* A partial merge beside the shards it holds: those are left out. */
START_TEST(test_partial_beside_its_shards)
{
	struct merged m;
	struct strbuf want = STRBUF_INIT;
	FILE *f;

	write_scan_split();
	ck_assert(!merge(&m, 1, 0, "s1.json", "s3.json", NULL));
	f = fopen(path_of("p.json"), "w");
	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(report_write_json(f, &m.r, &m.e), 0);
	ck_assert_int_eq(fclose(f), 0);
	merged_release(&m);

	ck_assert_int_eq(merge(&m, 0, 0, "p.json", "s1.json", "s2.json",
			       "s3.json", NULL), -1);
	ck_assert_str_eq(m.e.msg, "scan: shards 1,3/3 given more than once "
			 "(--partial merges them all the same)");
	merged_release(&m);
	ck_assert(!merge(&m, 1, 0, "p.json", "s1.json", "s2.json", "s3.json",
			 NULL));
	ck_assert_uint_eq(m.r.stats.files_scanned, 4);
	check_findings(&m.r.findings, ALL_FOUR);
	strbuf_addf(&want, "merge: scan: shards 1,3/3 given more than once; "
		    "merged once|%s/s1.json: holds only shards merged already "
		    "(1/3); left out|%s/s3.json: holds only shards merged "
		    "already (3/3); left out|" EXTRA LOCKED, dir, dir);
	check_notices(&m.r, want.buf);
	strbuf_release(&want);
	merged_release(&m);
}
END_TEST

/* Two partial merges that share a shard: its counts are in both and
 * cannot be taken apart, so the report says it counted the shard twice
 * (and never that it merged it once); its findings are there once. */
START_TEST(test_overlapping_partials)
{
	struct merged m;
	FILE *f;

	write_scan_split();
	ck_assert(!merge(&m, 1, 0, "s1.json", "s2.json", NULL));
	f = fopen(path_of("p12.json"), "w");
	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(report_write_json(f, &m.r, &m.e), 0);
	ck_assert_int_eq(fclose(f), 0);
	merged_release(&m);
	ck_assert(!merge(&m, 1, 0, "s2.json", "s3.json", NULL));
	f = fopen(path_of("p23.json"), "w");
	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(report_write_json(f, &m.r, &m.e), 0);
	ck_assert_int_eq(fclose(f), 0);
	merged_release(&m);

	ck_assert_int_eq(merge(&m, 0, 0, "p23.json", "p12.json", NULL), -1);
	ck_assert_str_eq(m.e.msg, "scan: shard 2/3 given more than once "
			 "(--partial merges them all the same)");
	merged_release(&m);
	ck_assert(!merge(&m, 1, 0, "p23.json", "p12.json", NULL));
	check_findings(&m.r.findings, ALL_FOUR);
	ck_assert_uint_eq(m.r.stats.files_scanned, 5);	/* 2/3's twice */
	ck_assert_str_eq(m.r.shard, "1-3/3");
	check_notices(&m.r, "shard 1-3/3: scan: shard 2/3 counted twice "
		      "(partial merges that both hold it); this report is not "
		      "the whole run|" EXTRA LOCKED);
	merged_release(&m);
}
END_TEST

START_TEST(test_mixed_splits)
{
	struct merged m;
	struct report r;
	struct strbuf want = STRBUF_INIT;

	write_scan_split();
	new_report(&r, "scan", "1/4", 1000, 1001);
	r.stats.files_scanned = 1;
	save(&r, "q1.json");
	ck_assert_int_eq(merge(&m, 1, 0, "s1.json", "q1.json", NULL), -1);
	strbuf_addf(&want, "%s/s1.json is shard 1/3 but %s/q1.json is shard "
		    "1/4: shards of different splits do not merge", dir, dir);
	ck_assert_str_eq(m.e.msg, want.buf);
	strbuf_release(&want);
	merged_release(&m);
}
END_TEST

/* Probe shards: the same endpoint finding in both (an alternative port of
 * a host each shard probed) once, at its worse severity; endpoints' facts
 * of the first report; endpoint counts added. */
START_TEST(test_probe_shards)
{
	struct merged m;
	struct report r;

	new_report(&r, "probe", "1/2", 1000, 1010);
	r.stats.endpoints_probed = 1;
	r.stats.endpoints_skipped_shard = 2;
	add_to(&r.findings, "t.tls", NULL, "https://127.0.0.1:8443/", 0, NULL,
	       SEV_MEDIUM);
	add_to(&r.findings, "t.tls", NULL, "https://127.0.0.1:7443/", 0, NULL,
	       SEV_LOW);
	report_add_fact(&r, "https://127.0.0.1:8443/", "tls", "%s", "1.2");
	save(&r, "p1.json");
	new_report(&r, "probe", "2/2", 1000, 1010);
	r.stats.endpoints_probed = 2;
	r.stats.endpoints_skipped_shard = 1;
	add_to(&r.findings, "t.tls", NULL, "https://127.0.0.1:8443/", 0, NULL,
	       SEV_HIGH);
	add_to(&r.findings, "t.tls", NULL, "https://127.0.0.1:9443/", 0, NULL,
	       SEV_MEDIUM);
	report_add_fact(&r, "https://127.0.0.1:8443/", "tls", "%s", "1.3");
	report_add_fact(&r, "https://127.0.0.1:9443/", "tls", "%s", "1.3");
	save(&r, "p2.json");

	ck_assert_msg(!merge(&m, 0, 0, "p2.json", "p1.json", NULL), "%s",
		      m.e.msg);
	ck_assert_str_eq(m.r.command, "probe");
	check_findings(&m.r.findings, "https://127.0.0.1:7443/ t.tls low;"
		       "https://127.0.0.1:8443/ t.tls high;"
		       "https://127.0.0.1:9443/ t.tls medium;");
	ck_assert_uint_eq(m.r.stats.endpoints_probed, 3);
	ck_assert_uint_eq(m.r.stats.endpoints_skipped_shard, 0);
	ck_assert_uint_eq(m.res.endpoints_missing, 0);
	ck_assert_uint_eq(m.r.nr_endpoints, 2);
	ck_assert_str_eq(m.r.endpoints[0].url, "https://127.0.0.1:8443/");
	ck_assert_str_eq(m.r.endpoints[0].facts.items[0].value, "1.2");
	ck_assert_str_eq(m.r.endpoints[1].url, "https://127.0.0.1:9443/");
	check_notices(&m.r, "");
	merged_release(&m);
}
END_TEST

/* The same finding at two places is two findings; an identical notice
 * once, one of the same place with another message kept. */
START_TEST(test_same_fingerprint_elsewhere)
{
	struct merged m;
	struct report r;

	new_report(&r, "scan", NULL, 1000, 1010);
	r.stats.files_scanned = 1;
	add(&r, "t.key", "a.py", 3, "tk_aaaaaaaaa1", SEV_HIGH);
	report_add_notice(&r, "src/x", "cannot read: denied");
	save(&r, "w1.json");
	new_report(&r, "scan", NULL, 1000, 1010);
	r.stats.files_scanned = 1;
	add(&r, "t.key", "a.py", 3, "tk_aaaaaaaaa1", SEV_HIGH);
	add(&r, "t.key", "a.py", 30, "tk_aaaaaaaaa1", SEV_HIGH);
	report_add_notice(&r, "src/x", "cannot read: denied");
	report_add_notice(&r, "src/x", "cannot read: gone");
	save(&r, "w2.json");

	ck_assert(!merge(&m, 0, 0, "w1.json", "w2.json", NULL));
	ck_assert_str_eq(m.r.findings.items[0].fingerprint,
			 m.r.findings.items[1].fingerprint);
	check_findings(&m.r.findings, "src/a.py:3:5 t.key high;"
		       "src/a.py:30:5 t.key high;");
	check_notices(&m.r, "src/x: cannot read: denied|"
		      "src/x: cannot read: gone|");
	ck_assert_uint_eq(m.r.stats.files_scanned, 2);
	merged_release(&m);
}
END_TEST

/* Shards that disagree on the total: said so; what they lack from the
 * larger total is counted as not merged. */
START_TEST(test_totals_differ)
{
	struct merged m;
	struct report r;

	new_report(&r, "scan", "1/2", 1000, 1010);
	r.stats.files_scanned = 2;
	r.stats.files_skipped_shard = 3;
	save(&r, "d1.json");
	new_report(&r, "scan", "2/2", 1000, 1010);
	r.stats.files_scanned = 1;
	r.stats.files_skipped_shard = 1;
	save(&r, "d2.json");
	ck_assert(!merge(&m, 0, 0, "d1.json", "d2.json", NULL));
	check_notices(&m.r, "merge: scan: the shards counted different "
		      "totals (files or endpoints): were they run on the same "
		      "tree and targets?|");
	ck_assert_uint_eq(m.r.stats.files_scanned, 3);
	ck_assert_uint_eq(m.r.stats.files_skipped_shard, 2);
	merged_release(&m);
}
END_TEST

/* Whole reports of two commands and profiles: "merge", each target its
 * profile; a profile this ruleset lacks is said so. */
START_TEST(test_whole_reports)
{
	static struct profile gone = { .name = (char *)"gone" };
	struct merged m;
	struct report r;

	new_report(&r, "scan", NULL, 1000, 1010);
	report_add_target(&r, "src", RULE_TARGET_SOURCE, NULL);
	r.stats.files_scanned = 1;
	save(&r, "scan.json");
	new_report(&r, "probe", NULL, 2000, 2010);
	r.profile = ruleset_profile(&rs, "p-other");
	report_add_target(&r, "https://127.0.0.1:8443/", RULE_TARGET_ENDPOINT,
			  NULL);
	r.stats.endpoints_probed = 1;
	save(&r, "probe.json");
	new_report(&r, "scan", NULL, 1000, 1010);
	r.profile = &gone;
	r.stats.files_scanned = 1;
	save(&r, "gone.json");

	ck_assert(!merge(&m, 0, 0, "probe.json", "scan.json", NULL));
	ck_assert_str_eq(m.r.command, "merge");
	ck_assert_ptr_null(m.r.shard);
	check_notices(&m.r, "merge: the reports were judged under different "
		      "profiles; each target keeps its own|");
	ck_assert_uint_eq(m.r.nr_targets, 2);
	ck_assert_str_eq(m.r.targets[0].name, "https://127.0.0.1:8443/");
	ck_assert_str_eq(m.r.targets[0].profile, "p-other");
	ck_assert_str_eq(m.r.targets[1].name, "src");
	ck_assert_str_eq(m.r.targets[1].profile, "default");
	ck_assert_int_eq(m.r.start.tv_sec, 1000);
	ck_assert_int_eq(m.r.end.tv_sec, 2010);
	merged_release(&m);

	ck_assert(!merge(&m, 0, 0, "gone.json", NULL));
	ck_assert_str_eq(m.r.command, "scan");
	check_notices(&m.r, "merge: the reports' profile 'gone' is not "
		      "loaded; give --rules as the run had it|");
	merged_release(&m);
}
END_TEST

/* Two splits at once: each checked on its own; a partial one is said so,
 * but the report, not one split's share, has no "shard". */
START_TEST(test_two_splits)
{
	struct merged m;
	struct report r;

	new_report(&r, "scan", "1/2", 1000, 1010);
	r.stats.files_scanned = 1;
	r.stats.files_skipped_shard = 1;
	save(&r, "a1.json");
	new_report(&r, "probe", "1/1", 1000, 1010);
	r.stats.endpoints_probed = 2;
	save(&r, "b1.json");
	ck_assert_int_eq(merge(&m, 0, 0, "b1.json", "a1.json", NULL), -1);
	ck_assert_str_eq(m.e.msg, "scan: shard 2/2 missing (--partial merges "
			 "them all the same)");
	merged_release(&m);
	ck_assert(!merge(&m, 1, 0, "b1.json", "a1.json", NULL));
	ck_assert_ptr_null(m.res.shard);
	ck_assert_str_eq(m.r.command, "merge");
	check_notices(&m.r, "shard 1/2: scan: shard 2/2 missing; this report "
		      "is not the whole run|");
	ck_assert_uint_eq(m.r.stats.files_skipped_shard, 1);
	ck_assert_uint_eq(m.r.stats.endpoints_probed, 2);
	merged_release(&m);
}
END_TEST

/* Stale baseline entries of a split: those every shard with the
 * baseline lists; a shard without one does not count; a whole report's
 * are its own. */
static void write_stale(const char *name, const char *shard,
			unsigned long suppressed, const char *const *stale)
{
	struct report r;

	new_report(&r, "scan", shard, 1000, 1010);
	r.stats.files_scanned = 1;
	r.stats.files_skipped_shard = shard ? 1 : 0;
	r.stats.suppressed_baseline = suppressed;
	for (; *stale; stale++)
		add_to(&r.stale, "t.key", *stale, NULL, 2, NULL, SEV_HIGH);
	save(&r, name);
}

static void check_stale(const struct report *r, const char *want)
{
	struct strbuf got = STRBUF_INIT;

	for (size_t i = 0; i < r->stale.nr; i++)
		strbuf_addf(&got, "%s;", r->stale.items[i].path);
	ck_assert_msg(!strcmp(got.buf, want), "stale '%s', want '%s'",
		      got.buf, want);
	strbuf_release(&got);
}

START_TEST(test_stale)
{
	static const char *const xy[] = { "x.py", "y.py", NULL };
	static const char *const x[] = { "x.py", NULL };
	static const char *const none[] = { NULL };
	static const char *const z[] = { "z.py", NULL };
	struct merged m;

	write_stale("xy.json", "1/2", 1, xy);
	write_stale("x.json", "2/2", 0, x);
	write_stale("found.json", "2/2", 2, none);	/* baseline, no stale */
	write_stale("nobase.json", "2/2", 0, none);	/* no baseline */
	write_stale("whole.json", NULL, 0, z);

	ck_assert(!merge(&m, 0, 0, "x.json", "xy.json", NULL));
	check_stale(&m.r, "x.py;");
	ck_assert_uint_eq(m.r.stats.suppressed_baseline, 1);
	merged_release(&m);
	ck_assert(!merge(&m, 0, 0, "xy.json", "found.json", NULL));
	check_stale(&m.r, "");
	ck_assert_uint_eq(m.r.stats.suppressed_baseline, 3);
	merged_release(&m);
	ck_assert(!merge(&m, 0, 0, "xy.json", "nobase.json", NULL));
	check_stale(&m.r, "x.py;y.py;");
	merged_release(&m);
	ck_assert(!merge(&m, 0, 0, "whole.json", "x.json", "xy.json", NULL));
	check_stale(&m.r, "z.py;x.py;");	/* whole reports first */
	merged_release(&m);
}
END_TEST

/* merge_inputs_read: redacted secrets cannot be shown; a report written
 * with --show-secrets can; what cannot be read names its file. */
START_TEST(test_inputs_read)
{
	struct merged m;
	struct report r;
	struct strbuf want = STRBUF_INIT;

	new_report(&r, "scan", NULL, 1000, 1010);
	add(&r, "t.key", "a.py", 3, "tk_aaaaaaaaa1", SEV_HIGH);
	save(&r, "red.json");
	new_report(&r, "scan", NULL, 1000, 1010);
	r.show_secrets = 1;
	add(&r, "t.key", "a.py", 3, "tk_aaaaaaaaa1", SEV_HIGH);
	save(&r, "shown.json");
	new_report(&r, "scan", "4/3", 1000, 1010);
	save(&r, "badshard.json");

	ck_assert(!merge(&m, 0, 0, "red.json", NULL));
	ck_assert_uint_eq(m.ins[0].run.redacted, 1);
	ck_assert_uint_eq(m.r.findings.nr, 1);
	merged_release(&m);

	ck_assert_int_eq(merge(&m, 0, 1, "shown.json", "red.json", NULL), -1);
	strbuf_addf(&want, "%s/red.json: written without --show-secrets, it "
		    "holds secrets redacted only; merge it without "
		    "--show-secrets", dir);
	ck_assert_str_eq(m.e.msg, want.buf);
	merged_release(&m);

	ck_assert(!merge(&m, 0, 1, "shown.json", NULL));
	ck_assert_uint_eq(m.ins[0].run.redacted, 0);
	ck_assert_str_eq(m.r.findings.items[0].secret, "tk_aaaaaaaaa1");
	merged_release(&m);

	ck_assert_int_eq(merge(&m, 0, 0, "badshard.json", NULL), -1);
	strbuf_reset(&want);
	strbuf_addf(&want, "%s/badshard.json: ", dir);
	ck_assert_msg(!strncmp(m.e.msg, want.buf, want.len), "%s", m.e.msg);
	merged_release(&m);

	ck_assert_int_eq(merge(&m, 0, 0, "red.json", "none.json", NULL), -1);
	strbuf_reset(&want);
	strbuf_addf(&want, "%s/none.json", dir);
	ck_assert_msg(strstr(m.e.msg, want.buf) != NULL, "%s", m.e.msg);
	merged_release(&m);
	strbuf_release(&want);
}
END_TEST

static Suite *make_suite(void)
{
	Suite *s = suite_create("merge");
	TCase *tc = tcase_create("shards");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_complete_split);
	tcase_add_loop_test(tc, test_incomplete_refused, 0,
			    sizeof(bad_sets) / sizeof(bad_sets[0]));
	tcase_add_test(tc, test_partial_then_whole);
	tcase_add_test(tc, test_partial_repeated);
	tcase_add_test(tc, test_partial_beside_its_shards);
	tcase_add_test(tc, test_overlapping_partials);
	tcase_add_test(tc, test_mixed_splits);
	tcase_add_test(tc, test_probe_shards);
	tcase_add_test(tc, test_same_fingerprint_elsewhere);
	tcase_add_test(tc, test_totals_differ);
	tcase_add_test(tc, test_whole_reports);
	tcase_add_test(tc, test_two_splits);
	tcase_add_test(tc, test_stale);
	tcase_add_test(tc, test_inputs_read);
	suite_add_tcase(s, tc);
	return s;
}
