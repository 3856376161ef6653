/* test_report_html.c - the HTML report: the compliance matrix's verdicts
 * (fail, pass, not tested, error) with their evidence, the severity and
 * trend charts' values, an audit's changes, escaping of hostile text
 * everywhere (tags stay balanced), redaction, and no outside fetch. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_main.h"
#include "core/report.h"
#include "core/rule.h"
#include "core/rule_kind.h"
#include "report/report_format.h"

#define HOSTILE "</script><img src=x onerror=alert(1)>]]>\"'"
#define HOSTILE_ESC "&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;" \
	"]]&gt;&quot;&#39;"
#define SECRET "tok_s3cr3tvalue1234567890"
#define EVIL_TARGET "evil\" onmouseover=\"x" HOSTILE
#define DOWN "https://down.example/v1"

static const char rules_yaml[] =
	"profiles:\n"
	"  - name: default\n"
	"    title: Every rule\n"
	"    rules: ['*']\n"
	"rules:\n"
	"  - id: t.secret\n"
	"    title: Test token\n"
	"    category: secret\n"
	"    severity: high\n"
	"    guideline: { doc: d.txt, section: Tokens, quote: Keep tokens "
	"out of code. }\n"
	"    pattern: 'tok_[a-z0-9]+'\n"
	"  - id: t.code\n"
	"    title: Test code check\n"
	"    category: insecure-transport\n"
	"    severity: medium\n"
	"    guideline: { doc: d.txt, section: Transport, quote: Use TLS. }\n"
	"    pattern: 'verify=False'\n"
	"  - id: t.other\n"
	"    title: Uncatalogued check\n"
	"    category: secret\n"
	"    severity: low\n"
	"    guideline: { doc: other.txt, quote: Some other sentence. }\n"
	"    pattern: 'other'\n"
	"  - id: endpoint.tls\n"
	"    title: Old TLS\n"
	"    kind: endpoint\n"
	"    category: transport\n"
	"    severity: high\n"
	"    guideline: { doc: d.txt, section: Transport, quote: Use TLS "
	"1.2. }\n"
	"  - id: endpoint.probe-failed\n"
	"    title: Endpoint could not be checked\n"
	"    kind: endpoint\n"
	"    category: probe-error\n"
	"    severity: medium\n"
	"    guideline: { doc: d.txt, section: Transport, quote: Use TLS "
	"1.2. }\n";

static const char guidelines_yaml[] =
	"guidelines:\n"
	"  - id: s.fail\n"
	"    title: No tokens in code\n"
	"    doc: d.txt\n"
	"    section: Tokens\n"
	"    quote: Keep tokens out of code.\n"
	"    rules: [t.secret]\n"
	"  - id: s.pass\n"
	"    title: TLS verified\n"
	"    doc: d.txt\n"
	"    section: Transport\n"
	"    quote: Use TLS.\n"
	"    rules: ['t.co*']\n"
	"  - id: s.tls\n"
	"    title: TLS 1.2 or later\n"
	"    doc: d.txt\n"
	"    section: Transport\n"
	"    quote: Use TLS 1.2.\n"
	"    rules: [endpoint.tls]\n"
	"  - id: s.manual\n"
	"    title: Monitor use\n"
	"    doc: d.txt\n"
	"    section: Monitoring\n"
	"    quote: Monitor your tokens.\n"
	"    manual: read the logs\n";

struct fixture {
	struct ruleset rs;
	struct report r;
	char *html;
	size_t len;
};

static void add(struct report *r, struct finding_list *l, const char *id,
		enum severity sev, const char *root, const char *path,
		const char *url, const char *msg, const char *secret,
		enum finding_change change)
{
	struct finding f = { 0 };

	f.rule = ruleset_find(r->rules, id);
	ck_assert_ptr_nonnull(f.rule);
	f.severity = sev;
	f.change = change;
	f.message = strdup(msg);
	f.root = root ? strdup(root) : NULL;
	f.path = path ? strdup(path) : NULL;
	f.url = url ? strdup(url) : NULL;
	f.line = path ? 3 : 0;
	f.column = path ? 7 : 0;
	f.secret = secret ? strdup(secret) : NULL;
	if (!path)
		f.evidence = strdup("connection refused");
	finding_list_add(l, &f, msg);
}

static void trend_point(struct report_audit *a, const char *when,
			unsigned long crit, unsigned long high,
			unsigned long low)
{
	struct report_trend_point *p;

	a->trend = realloc(a->trend, (a->nr_trend + 1) * sizeof(*a->trend));
	p = &a->trend[a->nr_trend++];
	memset(p, 0, sizeof(*p));
	p->when = strdup(when);
	p->by_severity[SEV_CRITICAL] = crit;
	p->by_severity[SEV_HIGH] = high;
	p->by_severity[SEV_LOW] = low;
}

static void audit_init(struct fixture *fx, int with_trend)
{
	struct report_audit *a = calloc(1, sizeof(*a));

	a->name = strdup("weekly <audit>");
	a->previous = strdup("runs/prev.json");
	a->previous_start = strdup("2026-11-15T10:00:00.000Z");
	finding_list_init(&a->resolved);
	fx->r.audit = a;
	add(&fx->r, &a->resolved, "t.other", SEV_LOW, "src", "old.py", NULL,
	    "resolved since", NULL, CHANGE_NONE);
	if (with_trend) {
		trend_point(a, "2026-11-01T10:00:00.000Z", 1, 2, 0);
		trend_point(a, "2026-11-08T10:00:00.000Z", 0, 3, 1);
	}
	a->expiring = calloc(1, sizeof(*a->expiring));
	a->nr_expiring = a->alloc_expiring = 1;
	a->expiring[0].what = strdup("certificate");
	a->expiring[0].where = strdup(DOWN);
	a->expiring[0].expires = strdup("2026-12-04T00:00:00Z");
	a->expiring[0].days_left = 12;
}

/* The report: targets src (findings), an endpoint that could not be
 * probed, and a hostile source target that could not be read. */
static void setup(struct fixture *fx, int catalogue, int audit,
		  int show_secrets)
{
	struct err e = ERR_INIT;
	FILE *out;

	memset(fx, 0, sizeof(*fx));
	ck_assert_msg(!ruleset_load_buffer(&fx->rs, "rules.yaml", rules_yaml,
					   strlen(rules_yaml), 0, &e), "%s",
		      e.msg);
	if (catalogue)
		ck_assert_msg(!ruleset_load_buffer(&fx->rs, "g.yaml",
						   guidelines_yaml,
						   strlen(guidelines_yaml), 0,
						   &e), "%s", e.msg);
	report_init(&fx->r, "scan");
	fx->r.rules = &fx->rs;
	fx->r.profile = ruleset_profile(&fx->rs, "default");
	fx->r.show_secrets = show_secrets;
	fx->r.start.tv_sec = 1795000000;
	fx->r.end.tv_sec = 1795000002;
	report_add_target(&fx->r, "src", RULE_TARGET_SOURCE, NULL);
	report_add_target(&fx->r, DOWN, RULE_TARGET_ENDPOINT, NULL);
	report_add_target(&fx->r, EVIL_TARGET, RULE_TARGET_SOURCE, NULL);
	report_add_notice(&fx->r, EVIL_TARGET, "cannot read: %s", HOSTILE);
	add(&fx->r, &fx->r.findings, "t.secret", SEV_HIGH, "src",
	    "app/" HOSTILE ".py", NULL, "token in code " HOSTILE, SECRET,
	    CHANGE_NEW);
	add(&fx->r, &fx->r.findings, "endpoint.probe-failed", SEV_MEDIUM,
	    NULL, NULL, DOWN, "no answer", NULL, CHANGE_OPEN);
	add(&fx->r, &fx->r.findings, "t.other", SEV_LOW, "src", "x.txt",
	    NULL, "other thing", NULL, CHANGE_OPEN);
	report_add_fact(&fx->r, DOWN, "tls", "%s", HOSTILE);
	if (audit)
		audit_init(fx, audit > 1);
	out = open_memstream(&fx->html, &fx->len);
	ck_assert_ptr_nonnull(out);
	ck_assert_int_eq(report_write_html(out, &fx->r, &e), 0);
	fclose(out);
}

static void teardown(struct fixture *fx)
{
	free(fx->html);
	report_release(&fx->r);
	ruleset_release(&fx->rs);
}

#define HAS(fx, s) ck_assert_msg(strstr((fx)->html, (s)) != NULL, \
				 "missing: %s", (s))
#define LACKS(fx, s) ck_assert_msg(strstr((fx)->html, (s)) == NULL, \
				   "present: %s", (s))

/* The text of the element that starts with `open` (up to `close`). */
static char *element(const struct fixture *fx, const char *open,
		     const char *close)
{
	const char *p = strstr(fx->html, open), *q;

	ck_assert_msg(p != NULL, "no element %s", open);
	q = strstr(p, close);
	ck_assert_ptr_nonnull(q);
	return strndup(p, (size_t)(q - p));
}

static const struct {
	const char *statement, *target, *verdict, *evidence;
} cells[] = {
	{ "s.fail", "src", "fail", "t.secret" },
	{ "s.fail", "src", "fail", "src/app/" HOSTILE_ESC ".py:3:7" },
	{ "s.fail", "src", "fail", "tok_\xe2\x80\xa6(25 chars)" },
	{ "s.pass", "src", "pass", "" },
	{ "s.tls", "src", "not-tested", "not checked by scan" },
	{ "s.tls", DOWN, "error", "connection refused" },
	{ "s.fail", DOWN, "not-tested", "" },
	{ "s.manual", "src", "not-tested", "manual check" },
	{ "s.pass", "evil&quot; onmouseover=&quot;x" HOSTILE_ESC, "error",
	  "cannot read: " HOSTILE_ESC },
};

START_TEST(test_matrix_cells)
{
	struct fixture fx;
	char open[512], *cell;

	setup(&fx, 1, 0, 0);
	HAS(&fx, "id=\"matrix-default\"");
	snprintf(open, sizeof(open), "<td class=\"verdict %s\" "
		 "data-statement=\"%s\" data-target=\"%s\">",
		 cells[_i].verdict, cells[_i].statement, cells[_i].target);
	cell = element(&fx, open, "</td>");
	ck_assert_msg(strstr(cell, cells[_i].evidence) != NULL,
		      "cell %s/%s lacks '%s': %s", cells[_i].statement,
		      cells[_i].target, cells[_i].evidence, cell);
	free(cell);
	teardown(&fx);
}
END_TEST

START_TEST(test_matrix_totals)
{
	struct fixture fx;
	char *totals;

	setup(&fx, 1, 0, 0);
	/* 4 statements x 3 targets: 1 fail, 1 pass, 3 errors (the dead
	 * endpoint's s.tls, the unreadable target's s.fail and s.pass) */
	totals = element(&fx, "<p class=\"totals\">", "</p>");
	ck_assert_msg(strstr(totals, "<b>1</b> pass") &&
		      strstr(totals, "<b>1</b> fail") &&
		      strstr(totals, "<b>7</b> not tested") &&
		      strstr(totals, "<b>3</b> error"), "%s", totals);
	free(totals);
	/* findings by statement; the uncatalogued rule under other rules */
	HAS(&fx, "<span class=\"k\">manual check</span> read the logs");
	HAS(&fx, "id=\"stmt-s.fail\"");
	LACKS(&fx, "id=\"stmt-s.pass\"");
	totals = element(&fx, "id=\"other-rules\"", "</section>");
	ck_assert_ptr_nonnull(strstr(totals, "t.other"));
	ck_assert_ptr_null(strstr(totals, "t.secret"));
	free(totals);
	teardown(&fx);
}
END_TEST

START_TEST(test_no_catalogue)
{
	struct fixture fx;

	setup(&fx, 0, 0, 0);
	HAS(&fx, "id=\"matrix-none\"");
	HAS(&fx, "custom rules only");
	LACKS(&fx, "<table class=\"matrix\"");
	HAS(&fx, "id=\"other-rules\"");
	HAS(&fx, "Keep tokens out of code.");
	teardown(&fx);
}
END_TEST

static const struct {
	const char *sev;
	unsigned long n;
} bars[] = {
	{ "critical", 0 }, { "high", 1 }, { "medium", 1 }, { "low", 1 },
	{ "info", 0 },
};

START_TEST(test_severity_chart)
{
	struct fixture fx;
	char want[128], *chart;

	setup(&fx, 1, 0, 0);
	chart = element(&fx, "<svg id=\"chart-severity\"", "</svg>");
	snprintf(want, sizeof(want), "data-severity=\"%s\" data-value=\"%lu\"",
		 bars[_i].sev, bars[_i].n);
	ck_assert_msg(strstr(chart, want) != NULL, "no bar %s", want);
	/* the number is written as text too */
	snprintf(want, sizeof(want), "<title>%s: %lu</title>", bars[_i].sev,
		 bars[_i].n);
	ck_assert_msg(strstr(chart, want) != NULL, "no title %s", want);
	free(chart);
	teardown(&fx);
}
END_TEST

START_TEST(test_audit)
{
	struct fixture fx;
	char *chart;
	const char *a, *b, *c;

	setup(&fx, 1, 2, 0);
	HAS(&fx, "id=\"changes\"");
	HAS(&fx, "<b id=\"count-new\">1</b>");
	HAS(&fx, "<b id=\"count-open\">2</b>");
	HAS(&fx, "<b id=\"count-resolved\">1</b>");
	HAS(&fx, "resolved since");
	HAS(&fx, "in 12 days");
	HAS(&fx, "weekly &lt;audit&gt;");
	HAS(&fx, "<span class=\"change new\">new</span>");
	HAS(&fx, "<span class=\"change open\">still open</span>");
	chart = element(&fx, "<svg id=\"chart-trend\"", "</svg>");
	a = strstr(chart, "data-when=\"2026-11-01T10:00:00.000Z\" "
		   "data-total=\"3\"");
	b = strstr(chart, "data-when=\"2026-11-08T10:00:00.000Z\" "
		   "data-total=\"4\"");
	c = strstr(chart, "<g class=\"point this-run\"");
	ck_assert_msg(a && b && c && a < b && b < c, "trend points: %s",
		      chart);
	ck_assert_ptr_nonnull(strstr(c, "data-total=\"3\""));
	ck_assert_ptr_nonnull(strstr(a, "data-severity=\"critical\" "
				     "data-value=\"1\""));
	ck_assert_ptr_nonnull(strstr(chart, ">2026-11-01<"));
	ck_assert_ptr_nonnull(strstr(chart, ">this run<"));
	free(chart);
	teardown(&fx);

	setup(&fx, 1, 1, 0);
	HAS(&fx, "The trend starts here");
	LACKS(&fx, "chart-trend");
	teardown(&fx);
}
END_TEST

/* Tags balance: no string closed or opened an element. */
static void balanced(const char *html)
{
	static const char *const void_tags[] = { "meta", "br", "!DOCTYPE",
						 NULL };
	char stack[64][16];
	int depth = 0;

	for (const char *p = strchr(html, '<'); p; p = strchr(p + 1, '<')) {
		const char *end = strchr(p, '>');
		int closing = p[1] == '/', k;
		size_t n = strcspn(p + 1 + closing, " >/\n");
		char name[16];

		ck_assert_ptr_nonnull(end);
		ck_assert_msg(n > 0 && n < sizeof(name), "odd tag: %.40s", p);
		memcpy(name, p + 1 + closing, n);
		name[n] = '\0';
		for (k = 0; void_tags[k] && strcmp(void_tags[k], name); k++)
			;
		if (void_tags[k] || end[-1] == '/')
			continue;
		if (!closing) {
			ck_assert_int_lt(depth, 64);
			memcpy(stack[depth++], name, n + 1);
			continue;
		}
		ck_assert_msg(depth > 0 && !strcmp(stack[depth - 1], name),
			      "</%s> closes <%s>", name,
			      depth ? stack[depth - 1] : "nothing");
		depth--;
	}
	ck_assert_int_eq(depth, 0);
}

START_TEST(test_escaped)
{
	struct fixture fx;

	setup(&fx, 1, 2, 0);
	LACKS(&fx, "<script");
	LACKS(&fx, "</script");
	LACKS(&fx, "<img");
	LACKS(&fx, "]]>");
	LACKS(&fx, "\" onmouseover");
	HAS(&fx, "token in code " HOSTILE_ESC);
	HAS(&fx, "cannot read: " HOSTILE_ESC);
	balanced(fx.html);
	/* nothing is fetched from anywhere */
	LACKS(&fx, "src=\"http");
	LACKS(&fx, "href=\"http");
	LACKS(&fx, "url(");
	LACKS(&fx, "<link");
	LACKS(&fx, "@import");
	LACKS(&fx, "<iframe");
	teardown(&fx);
}
END_TEST

START_TEST(test_redaction)
{
	struct fixture fx;

	setup(&fx, 1, 1, 0);
	LACKS(&fx, SECRET);
	LACKS(&fx, "s3cr3t");
	HAS(&fx, "tok_\xe2\x80\xa6(25 chars)");
	HAS(&fx, "Secrets are redacted");
	teardown(&fx);
	setup(&fx, 1, 1, 1);
	HAS(&fx, SECRET);
	HAS(&fx, "--show-secrets");
	teardown(&fx);
}
END_TEST

/* The page again, after the test changed the report. */
static void rerender(struct fixture *fx)
{
	struct err e = ERR_INIT;
	FILE *out;

	free(fx->html);
	out = open_memstream(&fx->html, &fx->len);
	ck_assert_ptr_nonnull(out);
	ck_assert_int_eq(report_write_html(out, &fx->r, &e), 0);
	fclose(out);
}

/* The summary counts what was set aside as the text summary does: the
 * baseline, inline allows, the ignore file and allow.paths always (0
 * too), --exclude-context and stale baseline entries when there are
 * any; rows of stats and the figure each gives. */
static const struct {
	unsigned long baseline, inline_, ignored, context;
	int stale;
	const char *want[5], *lacks;
} aside[] = {
	{ 0, 0, 0, 0, 0,
	  { "id=\"set-aside-baseline\">0</b>by baseline",
	    "id=\"set-aside-inline\">0</b>inline (authaudit:allow)",
	    "id=\"set-aside-ignored\">0</b>ignored (ignore file, "
	    "allow.paths)", "<div class=\"figure zero\"><b "
	    "id=\"set-aside-baseline\">", NULL }, "id=\"set-aside-context\"" },
	{ 4, 1, 3, 2, 1,
	  { "<div class=\"figure\"><b id=\"set-aside-baseline\">4</b>",
	    "id=\"set-aside-inline\">1</b>",
	    "id=\"set-aside-ignored\">3</b>",
	    "id=\"set-aside-context\">2</b>left out by context",
	    "id=\"stale\">1</b>stale baseline entries" }, NULL },
};

START_TEST(test_set_aside)
{
	struct fixture fx;
	char *sum;

	setup(&fx, 1, 0, 0);
	fx.r.stats.suppressed_baseline = aside[_i].baseline;
	fx.r.stats.suppressed_inline = aside[_i].inline_;
	fx.r.stats.suppressed_ignored = aside[_i].ignored;
	fx.r.stats.suppressed_context = aside[_i].context;
	if (aside[_i].stale)
		add(&fx.r, &fx.r.stale, "t.other", SEV_LOW, "src", "gone.py",
		    NULL, "stale", NULL, CHANGE_NONE);
	rerender(&fx);
	sum = element(&fx, "<section id=\"summary\">", "</section>");
	for (size_t k = 0; k < 5 && aside[_i].want[k]; k++)
		ck_assert_msg(strstr(sum, aside[_i].want[k]) != NULL,
			      "row %d: no %s in the summary", _i,
			      aside[_i].want[k]);
	if (aside[_i].lacks)
		ck_assert_ptr_null(strstr(sum, aside[_i].lacks));
	/* the masthead no longer repeats a partial count */
	LACKS(&fx, "; suppressed:");
	free(sum);
	teardown(&fx);
}
END_TEST

/* Where the findings are, in the summary, once any is outside
 * production: every context's count, 0 too. */
START_TEST(test_contexts)
{
	struct fixture fx;
	char *sum;

	setup(&fx, 1, 0, 0);
	sum = element(&fx, "<section id=\"summary\">", "</section>");
	ck_assert_ptr_null(strstr(sum, "id=\"contexts\""));
	free(sum);
	add(&fx.r, &fx.r.findings, "t.other", SEV_LOW, NULL,
	    "tests/fixture.txt", NULL, "in a test", NULL, CHANGE_NONE);
	add(&fx.r, &fx.r.findings, "t.other", SEV_LOW, NULL, "docs/a.md",
	    NULL, "in the docs", NULL, CHANGE_NONE);
	rerender(&fx);
	sum = element(&fx, "<section id=\"summary\">", "</section>");
	ck_assert_ptr_nonnull(strstr(sum, "id=\"contexts\""));
	/* src/app/... and x.txt, and the endpoint finding */
	ck_assert_ptr_nonnull(strstr(sum, "id=\"context-production\">3</b>"
				     "production"));
	ck_assert_ptr_nonnull(strstr(sum, "id=\"context-test\">1</b>in "
				     "tests"));
	ck_assert_ptr_nonnull(strstr(sum, "<div class=\"figure zero\"><b "
				     "id=\"context-example\">0</b>"));
	ck_assert_ptr_nonnull(strstr(sum, "id=\"context-docs\">1</b>in "
				     "docs"));
	free(sum);
	teardown(&fx);
}
END_TEST

static Suite *make_suite(void)
{
	Suite *s = suite_create("report_html");
	TCase *tc = tcase_create("html");

	tcase_add_loop_test(tc, test_matrix_cells, 0,
			    sizeof(cells) / sizeof(cells[0]));
	tcase_add_test(tc, test_matrix_totals);
	tcase_add_test(tc, test_no_catalogue);
	tcase_add_loop_test(tc, test_severity_chart, 0,
			    sizeof(bars) / sizeof(bars[0]));
	tcase_add_test(tc, test_audit);
	tcase_add_test(tc, test_escaped);
	tcase_add_test(tc, test_redaction);
	tcase_add_test(tc, test_contexts);
	tcase_add_loop_test(tc, test_set_aside, 0,
			    sizeof(aside) / sizeof(aside[0]));
	suite_add_tcase(s, tc);
	return s;
}
