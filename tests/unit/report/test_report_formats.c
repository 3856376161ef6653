/* test_report_formats.c - the SARIF, JUnit and Markdown writers on reports
 * built by hand over a small inline ruleset with a guideline catalogue:
 * SARIF lists every rule the run used and cites the statements; JUnit has
 * a testcase per statement and target with the verdict's element; hostile
 * text is escaped; the Markdown summary caps and escapes. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check_main.h"
#include "core/report.h"
#include "core/rule.h"
#include "core/rule_kind.h"
#include "report/compliance.h"
#include "report/report_format.h"

#define RULE(id, kind, extra) \
	"  - id: " id "\n" \
	"    title: Title of " id "\n" \
	"    category: secret\n" \
	"    severity: high\n" \
	"    confidence: high\n" \
	"    guideline: { doc: doc-a.txt, section: S, quote: Q of " id " }\n" \
	"    kind: " kind "\n" extra

#define SOURCE(id) RULE(id, "regex", \
	"    keywords: [tsec_]\n" \
	"    pattern: 'tsec_([a-z0-9]{8})'\n")

#define STATEMENT(id, what) \
	"  - id: " id "\n" \
	"    title: Title of " id "\n" \
	"    doc: doc-a.txt\n" \
	"    section: Sec\n" \
	"    quote: The quote of " id ".\n" \
	"    " what "\n"

static const char rules_yaml[] =
	"rules:\n"
	SOURCE("t.secret")
	SOURCE("t.https")
	SOURCE("t.outside")
	SOURCE("t.deselected")
	RULE("t.endpoint", "endpoint", "")
	"profiles:\n"
	"  - name: default\n"
	"    title: Everything\n"
	"    rules: ['*']\n"
	"  - name: p-a\n"
	"    title: Vendor A\n"
	"    guideline: { doc: doc-a.txt, quote: q }\n"
	"    rules: [t.secret, t.https, t.outside, t.endpoint]\n"
	"  - name: p-b\n"
	"    title: Vendor B\n"
	"    rules: [t.deselected]\n";

static const char guidelines_yaml[] =
	"guidelines:\n"
	STATEMENT("a.secrets", "rules: [t.secret]")
	STATEMENT("a.https", "rules: ['t.http*']")
	STATEMENT("a.tls", "rules: [t.endpoint]")
	STATEMENT("a.manual", "manual: ask the vendor");

#define SECRET "tsec_s3cr3tv4lue"

struct fixture {
	struct ruleset rs;
	struct report r;
};

static void load(struct ruleset *rs, int with_catalogue)
{
	struct err e = ERR_INIT;

	ck_assert_msg(!ruleset_load_buffer(rs, "t.yaml", rules_yaml,
					   strlen(rules_yaml), 0, &e),
		      "rules: %s", e.msg);
	if (with_catalogue)
		ck_assert_msg(!ruleset_load_buffer(
			rs, "g.yaml", guidelines_yaml,
			strlen(guidelines_yaml), 0, &e),
			"guidelines: %s", e.msg);
}

static void add(struct report *r, const struct rule *rule,
		enum severity sev, const char *root, const char *path,
		const char *message, const char *secret)
{
	struct finding f = { 0 };

	ck_assert_ptr_nonnull(rule);
	f.rule = rule;
	f.severity = sev;
	f.confidence = CONF_HIGH;
	f.message = strdup(message);
	f.root = root ? strdup(root) : NULL;
	f.path = strdup(path);
	f.line = 3;
	f.column = 7;
	f.secret = secret ? strdup(secret) : NULL;
	finding_list_add(&r->findings, &f, message);
}

/* A scan of "src" (one secret, one finding of a rule no statement lists)
 * and of "broken" (a notice: it could not be read), under p-a. */
static void fixture_init(struct fixture *fx, int with_catalogue)
{
	memset(fx, 0, sizeof(*fx));
	load(&fx->rs, with_catalogue);
	report_init(&fx->r, "scan");
	fx->r.rules = &fx->rs;
	fx->r.profile = ruleset_profile(&fx->rs, "p-a");
	report_add_target(&fx->r, "src", RULE_TARGET_SOURCE, NULL);
	report_add_target(&fx->r, "broken", RULE_TARGET_SOURCE, NULL);
	report_add_notice(&fx->r, "broken", "cannot read: %s", "denied");
	add(&fx->r, ruleset_find(&fx->rs, "t.secret"), SEV_HIGH, "src",
	    "app.py", "Test secret found", SECRET);
	add(&fx->r, ruleset_find(&fx->rs, "t.outside"), SEV_LOW, "src",
	    "lib/x y.py", "outside the catalogue", NULL);
}

static void fixture_release(struct fixture *fx)
{
	report_release(&fx->r);
	ruleset_release(&fx->rs);
}

/* The whole output of a writer. */
static char *write_to_string(int (*w)(FILE *, const struct report *,
				      struct err *),
			     const struct report *r)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&buf, &len);
	struct err e = ERR_INIT;

	ck_assert_ptr_nonnull(m);
	ck_assert_msg(w(m, r, &e) == 0, "writer failed: %s", e.msg);
	ck_assert_int_eq(fclose(m), 0);
	return buf;
}

static size_t count(const char *hay, const char *needle)
{
	size_t n = 0;

	for (const char *p = hay; (p = strstr(p, needle)); p += strlen(needle))
		n++;
	return n;
}

static json_t *sarif_of(const struct report *r)
{
	char *text = write_to_string(report_write_sarif, r);
	json_error_t je;
	json_t *doc = json_loads(text, 0, &je);

	ck_assert_msg(doc != NULL, "SARIF does not parse: %s", je.text);
	ck_assert_msg(!strstr(text, SECRET) == !r->show_secrets,
		      "the secret is %s", r->show_secrets ? "missing" :
		      "not redacted");
	free(text);
	return doc;
}

static json_t *sarif_rule(json_t *rules, const char *id)
{
	for (size_t i = 0; i < json_array_size(rules); i++) {
		json_t *d = json_array_get(rules, i);

		if (!strcmp(json_string_value(json_object_get(d, "id")), id))
			return d;
	}
	return NULL;
}

static int has_tag(json_t *d, const char *tag)
{
	json_t *tags = json_object_get(json_object_get(d, "properties"),
				       "tags");

	for (size_t i = 0; i < json_array_size(tags); i++)
		if (!strcmp(json_string_value(json_array_get(tags, i)), tag))
			return 1;
	return 0;
}

/* Every rule the run used, results or not; none that did not run. */
START_TEST(test_sarif_descriptors)
{
	static const char *const want[] = {
		"t.secret", "t.https", "t.outside", NULL
	};
	struct fixture fx;
	json_t *doc, *run, *rules, *res, *d;
	size_t n = 0;

	fixture_init(&fx, 1);
	doc = sarif_of(&fx.r);
	run = json_array_get(json_object_get(doc, "runs"), 0);
	rules = json_object_get(json_object_get(json_object_get(run, "tool"),
						"driver"), "rules");
	for (n = 0; want[n]; n++) {
		d = json_array_get(rules, n);
		ck_assert_str_eq(json_string_value(json_object_get(d, "id")),
				 want[n]);
	}
	ck_assert_uint_eq(json_array_size(rules), n);
	/* t.https has no result, and still cites its statement */
	d = sarif_rule(rules, "t.https");
	ck_assert_ptr_nonnull(strstr(json_string_value(json_object_get(
		json_object_get(d, "help"), "text")), "a.https: Title of "
		"a.https"));
	ck_assert_ptr_nonnull(strstr(json_string_value(json_object_get(
		json_object_get(d, "help"), "markdown")), "a.https"));
	ck_assert(has_tag(d, "a.https") && has_tag(d, "secret") &&
		  has_tag(d, "security"));
	ck_assert_str_eq(json_string_value(json_object_get(d, "name")),
			 "THttps");
	ck_assert_str_eq(json_string_value(json_object_get(json_object_get(
		d, "properties"), "precision")), "high");
	ck_assert_str_eq(json_string_value(json_object_get(json_object_get(
		d, "properties"), "security-severity")), "8.0");
	/* help carries the guideline document, section and sentence */
	ck_assert_ptr_nonnull(strstr(json_string_value(json_object_get(
		json_object_get(d, "help"), "text")), "Vendor A (doc-a.txt), "
		"section \"S\":\n\"Q of t.https\""));
	ck_assert(!has_tag(sarif_rule(rules, "t.outside"), "a.https"));
	/* results point at their descriptor */
	res = json_object_get(run, "results");
	ck_assert_uint_eq(json_array_size(res), 2);
	for (size_t i = 0; i < 2; i++) {
		json_t *x = json_array_get(res, i);
		size_t k = (size_t)json_integer_value(json_object_get(
			x, "ruleIndex"));

		ck_assert_str_eq(json_string_value(json_object_get(
			json_array_get(rules, k), "id")),
			json_string_value(json_object_get(x, "ruleId")));
	}
	json_decref(doc);
	fixture_release(&fx);
}
END_TEST

/* A target under another profile brings that profile's rules; a rule of a
 * finding that no target ran is still described. */
START_TEST(test_sarif_profiles_and_strays)
{
	static struct rule stray = {
		.id = (char *)"x.stray", .title = (char *)"Stray",
		.category = (char *)"secret",
		.guideline = { (char *)"d.txt", NULL, (char *)"q" },
	};
	struct fixture fx;
	json_t *doc, *run, *rules, *x;

	fixture_init(&fx, 1);
	report_add_target(&fx.r, "other", RULE_TARGET_SOURCE, "p-b");
	add(&fx.r, &stray, SEV_MEDIUM, NULL, "z.txt", "stray", NULL);
	doc = sarif_of(&fx.r);
	run = json_array_get(json_object_get(doc, "runs"), 0);
	rules = json_object_get(json_object_get(json_object_get(run, "tool"),
						"driver"), "rules");
	ck_assert_uint_eq(json_array_size(rules), 5);
	ck_assert_ptr_nonnull(sarif_rule(rules, "t.deselected"));
	ck_assert_ptr_nonnull(sarif_rule(rules, "x.stray"));
	ck_assert_ptr_null(sarif_rule(rules, "t.endpoint"));
	x = json_array_get(json_object_get(run, "results"), 2);
	ck_assert_str_eq(json_string_value(json_object_get(x, "ruleId")),
			 "x.stray");
	ck_assert_int_eq(json_integer_value(json_object_get(x, "ruleIndex")),
			 4);
	json_decref(doc);
	fixture_release(&fx);
}
END_TEST

/* %SRCROOT%-relative, percent-encoded URIs with a region; the base is
 * declared; secrets only with show_secrets. */
START_TEST(test_sarif_locations)
{
	struct fixture fx;
	json_t *doc, *run, *loc;

	fixture_init(&fx, 0);
	doc = sarif_of(&fx.r);
	run = json_array_get(json_object_get(doc, "runs"), 0);
	loc = json_object_get(json_array_get(json_object_get(
		json_array_get(json_object_get(run, "results"), 1),
		"locations"), 0), "physicalLocation");
	ck_assert_str_eq(json_string_value(json_object_get(json_object_get(
		loc, "artifactLocation"), "uri")), "src/lib/x%20y.py");
	ck_assert_str_eq(json_string_value(json_object_get(json_object_get(
		loc, "artifactLocation"), "uriBaseId")), "%SRCROOT%");
	ck_assert_int_eq(json_integer_value(json_object_get(json_object_get(
		loc, "region"), "startLine")), 3);
	ck_assert_int_eq(json_integer_value(json_object_get(json_object_get(
		loc, "region"), "startColumn")), 7);
	ck_assert_ptr_nonnull(json_object_get(json_object_get(
		run, "originalUriBaseIds"), "%SRCROOT%"));
	ck_assert(json_is_true(json_object_get(json_array_get(
		json_object_get(run, "invocations"), 0),
		"executionSuccessful")));
	ck_assert_uint_eq(json_array_size(json_object_get(json_array_get(
		json_object_get(run, "invocations"), 0),
		"toolExecutionNotifications")), 1);
	json_decref(doc);
	fx.r.show_secrets = 1;
	json_decref(sarif_of(&fx.r));
	fixture_release(&fx);
}
END_TEST

static json_t *artifact_of(json_t *doc, size_t i)
{
	json_t *run = json_array_get(json_object_get(doc, "runs"), 0);
	json_t *loc = json_array_get(json_object_get(json_array_get(
		json_object_get(run, "results"), i), "locations"), 0);

	return json_object_get(json_object_get(loc, "physicalLocation"),
			       "artifactLocation");
}

/* An endpoint's URL is the logical location; the physical one a relative
 * stand-in (GitHub takes no https: location). Absolute paths below the
 * working directory are made relative to it; others are file: URIs. */
START_TEST(test_sarif_endpoint_and_absolute)
{
	static const char url[] = "https://api.example.test:8443/v1/o?x=1";
	struct fixture fx;
	struct finding f = { 0 };
	char cwd[4096], root[4200];
	json_t *doc, *run, *loc;

	ck_assert_ptr_nonnull(getcwd(cwd, sizeof(cwd)));
	snprintf(root, sizeof(root), "%s/src", cwd);
	fixture_init(&fx, 0);
	report_add_target(&fx.r, url, RULE_TARGET_ENDPOINT, NULL);
	f.rule = ruleset_find(&fx.rs, "t.endpoint");
	f.severity = SEV_HIGH;
	f.message = strdup("TLS 1.0 accepted");
	f.url = strdup(url);
	finding_list_add(&fx.r.findings, &f, "tls");
	add(&fx.r, ruleset_find(&fx.rs, "t.secret"), SEV_HIGH, root, "a.py",
	    "m", NULL);
	add(&fx.r, ruleset_find(&fx.rs, "t.secret"), SEV_HIGH,
	    "/nonexistent-root", "b c.py", "m", NULL);
	doc = sarif_of(&fx.r);
	run = json_array_get(json_object_get(doc, "runs"), 0);
	ck_assert_str_eq(json_string_value(json_object_get(artifact_of(doc, 2),
		"uri")), "https/api.example.test%3A8443/v1/o%3Fx%3D1");
	ck_assert_str_eq(json_string_value(json_object_get(artifact_of(doc, 2),
		"uriBaseId")), "ENDPOINT");
	loc = json_array_get(json_object_get(json_array_get(json_object_get(
		run, "results"), 2), "locations"), 0);
	ck_assert_str_eq(json_string_value(json_object_get(json_array_get(
		json_object_get(loc, "logicalLocations"), 0),
		"fullyQualifiedName")), url);
	ck_assert_ptr_nonnull(json_object_get(json_object_get(
		run, "originalUriBaseIds"), "ENDPOINT"));
	/* t.endpoint ran: there is an endpoint target now */
	ck_assert_ptr_nonnull(sarif_rule(json_object_get(json_object_get(
		json_object_get(run, "tool"), "driver"), "rules"),
		"t.endpoint"));
	ck_assert_str_eq(json_string_value(json_object_get(artifact_of(doc, 3),
		"uri")), "src/a.py");
	ck_assert_str_eq(json_string_value(json_object_get(artifact_of(doc, 3),
		"uriBaseId")), "%SRCROOT%");
	ck_assert_str_eq(json_string_value(json_object_get(artifact_of(doc, 4),
		"uri")), "file:///nonexistent-root/b%20c.py");
	ck_assert_ptr_null(json_object_get(artifact_of(doc, 4), "uriBaseId"));
	json_decref(doc);
	fixture_release(&fx);
}
END_TEST

/* Statement x target: pass, fail, error and not-tested each as JUnit has
 * them, the counts right, and the finding outside the catalogue kept. */
START_TEST(test_junit_matrix)
{
	struct fixture fx;
	char *x;

	fixture_init(&fx, 1);
	x = write_to_string(report_write_junit, &fx.r);
	ck_assert_ptr_nonnull(strstr(x, "<testsuites name=\"authaudit scan\" "
				     "tests=\"9\" failures=\"2\" errors=\"2\" "
				     "skipped=\"4\""));
	ck_assert_ptr_nonnull(strstr(x, "<testsuite name=\"p-a\" tests=\"8\" "
				     "failures=\"1\" errors=\"2\" "
				     "skipped=\"4\""));
	ck_assert_ptr_nonnull(strstr(x, "<testsuite name=\"rules outside the "
				     "catalogue\" tests=\"1\" failures=\"1\" "
				     "errors=\"0\" skipped=\"0\""));
	ck_assert_uint_eq(count(x, "<testcase "), 9);
	ck_assert_uint_eq(count(x, "<failure "), 2);
	ck_assert_uint_eq(count(x, "<error "), 2);
	ck_assert_uint_eq(count(x, "<skipped "), 4);
	/* pass: a plain testcase */
	ck_assert_ptr_nonnull(strstr(x, "<testcase name=\"a.https: Title of "
				     "a.https\" classname=\"src\" "
				     "time=\"0\"/>"));
	/* fail: the finding, where, rule and redacted secret */
	ck_assert_ptr_nonnull(strstr(x, "<testcase name=\"a.secrets: Title of "
				     "a.secrets\" classname=\"src\" "
				     "time=\"0\">\n"
				     "      <failure type=\"high\" "
				     "message=\"Test secret found at "
				     "src/app.py:3:7\">"));
	ck_assert_ptr_nonnull(strstr(x, "\nhigh t.secret at src/app.py:3:7\n"
				     "  Test secret found\n  secret: tsec"));
	ck_assert_ptr_null(strstr(x, SECRET));
	/* error: why */
	ck_assert_ptr_nonnull(strstr(x, "classname=\"broken\" time=\"0\">\n"
				     "      <error type=\"not-checked\" "
				     "message=\"cannot read: denied\""));
	/* not-tested: why */
	ck_assert_ptr_nonnull(strstr(x, "<skipped message=\"manual check: "
				     "ask the vendor\"/>"));
	ck_assert_ptr_nonnull(strstr(x, "name=\"t.outside: Title of "
				     "t.outside\" classname=\"src\""));
	ck_assert_uint_eq(count(x, "<system-err>"), 1);
	free(x);
	fixture_release(&fx);
}
END_TEST

/* Without a catalogue: a testcase per rule and target it ran against. */
START_TEST(test_junit_no_catalogue)
{
	struct fixture fx;
	char *x;

	fixture_init(&fx, 0);
	x = write_to_string(report_write_junit, &fx.r);
	/* t.secret, t.https, t.outside on src and on broken */
	ck_assert_ptr_nonnull(strstr(x, "<testsuite name=\"authaudit scan\" "
				     "tests=\"6\" failures=\"2\" errors=\"0\" "
				     "skipped=\"0\""));
	ck_assert_uint_eq(count(x, "<testcase "), 6);
	ck_assert_ptr_nonnull(strstr(x, "<testcase name=\"t.https: Title of "
				     "t.https\" classname=\"broken\" "
				     "time=\"0\"/>"));
	free(x);
	fixture_release(&fx);
	/* nothing at all: one passing case shows the gate ran */
	report_init(&fx.r, "token");
	x = write_to_string(report_write_junit, &fx.r);
	ck_assert_ptr_nonnull(strstr(x, "tests=\"1\" failures=\"0\""));
	ck_assert_uint_eq(count(x, "<testcase "), 1);
	free(x);
	report_release(&fx.r);
}
END_TEST

/* Text that would end a CDATA section, close an element, open an entity
 * or that XML 1.0 cannot carry is escaped or replaced. */
START_TEST(test_junit_hostile)
{
	static const char hostile[] = "]]></testcase><x a=\"1\" b='2'>&amp"
				      "\x01\x1b\x7f\xef\xbf\xbf\xff end";
	struct fixture fx;
	char *x;

	fixture_init(&fx, 1);
	add(&fx.r, ruleset_find(&fx.rs, "t.secret"), SEV_CRITICAL, "src",
	    hostile, hostile, hostile);
	x = write_to_string(report_write_junit, &fx.r);
	ck_assert_ptr_null(strstr(x, "]]>"));
	ck_assert_uint_eq(count(x, "</testcase>"), count(x, "<testcase ") -
			  count(x, "time=\"0\"/>"));
	ck_assert_ptr_null(strstr(x, "<x "));
	ck_assert_ptr_null(strstr(x, "&amp\x01"));
	ck_assert_ptr_nonnull(strstr(x, "]]&gt;&lt;/testcase&gt;&lt;x a=&quot;"
				     "1&quot; b=&#39;2&#39;&gt;&amp;amp"));
	for (const unsigned char *p = (const unsigned char *)x; *p; p++)
		ck_assert_msg(*p >= 0x20 || *p == '\n' || *p == '\t',
			      "control character %#x in the XML", *p);
	ck_assert_ptr_null(strstr(x, "\xef\xbf\xbf"));
	ck_assert_ptr_null(strstr(x, "\xff"));
	free(x);
	fixture_release(&fx);
}
END_TEST

static char *markdown(const struct report *r)
{
	return write_to_string(report_write_markdown, r);
}

START_TEST(test_markdown_summary)
{
	struct fixture fx;
	char *md;

	fixture_init(&fx, 1);
	md = markdown(&fx.r);
	ck_assert_ptr_nonnull(strstr(md, "**\xe2\x9d\x8c Fail:** 2 of 2 "
				     "findings at or above `low`"));
	ck_assert_ptr_nonnull(strstr(md, "| critical | high | medium | low | "
				     "info |\n|---:|---:|---:|---:|---:|\n"
				     "| 0 | 1 | 0 | 1 | 0 |"));
	ck_assert_ptr_nonnull(strstr(md, "| p-a: Vendor A | 4 \xc3\x97 2 | "
				     "1 | 1 | 2 | 4 |"));
	ck_assert_ptr_nonnull(strstr(md, "- **a.secrets** Title of a.secrets, "
				     "on src (1 finding), Vendor A - Sec: "
				     "\xe2\x80\x9cThe quote of a.secrets."
				     "\xe2\x80\x9d"));
	ck_assert_ptr_null(strstr(md, "- **a.https**"));
	ck_assert_ptr_nonnull(strstr(md, "| 1 | high | t.secret | "
				     "src/app.py:3:7 | Test secret found "
				     "(secret: tsec"));
	ck_assert_ptr_nonnull(strstr(md, "1 notice: "));
	ck_assert_ptr_null(strstr(md, SECRET));
	ck_assert_ptr_null(strstr(md, "Set aside"));	/* nothing was */
	ck_assert_ptr_null(strstr(md, "Where they are"));	/* production */
	free(md);
	/* what was set aside, counted as the text summary counts it */
	fx.r.stats.suppressed_baseline = 4;
	fx.r.stats.suppressed_inline = 1;
	fx.r.stats.suppressed_ignored = 3;
	md = markdown(&fx.r);
	ck_assert_ptr_nonnull(strstr(md, "|\n\nSet aside, not in the "
				     "findings: 4 by baseline, 1 inline "
				     "(`authaudit:allow`), 3 ignored (ignore "
				     "file, allow.paths).\n"));
	free(md);
	fx.r.stats.suppressed_context = 2;
	{
		struct finding f = { 0 };

		f.rule = fx.r.findings.items[0].rule;
		f.severity = SEV_LOW;
		f.message = strdup("stale");
		f.path = strdup("gone.py");
		finding_list_add(&fx.r.stale, &f, "stale");
	}
	md = markdown(&fx.r);
	ck_assert_ptr_nonnull(strstr(md, "3 ignored (ignore file, "
				     "allow.paths), 2 left out by context; 1 "
				     "stale baseline entry.\n"));
	ck_assert_ptr_nonnull(strstr(md, "|\n\nWhere they are: production 2, "
				     "test 0, example 0, docs 0.\n\nSet "
				     "aside"));
	free(md);
	fx.r.fail_on = SEV_CRITICAL;
	md = markdown(&fx.r);
	ck_assert_ptr_nonnull(strstr(md, "**\xe2\x9c\x85 Pass:** no finding "
				     "at or above `critical` (2 below it)"));
	free(md);
	fixture_release(&fx);
}
END_TEST

START_TEST(test_markdown_cells_escaped)
{
	struct fixture fx;
	char *md, *row, *end;
	size_t pipes = 0;

	fixture_init(&fx, 0);
	add(&fx.r, ruleset_find(&fx.rs, "t.secret"), SEV_CRITICAL, "src",
	    "a|b.py", "one | two `code` <b>bold</b>\nnext line", NULL);
	md = markdown(&fx.r);
	row = strstr(md, "| critical | t.secret |");
	ck_assert_ptr_nonnull(row);
	while (row > md && row[-1] != '\n')
		row--;
	end = strchr(row + 1, '\n');
	ck_assert_ptr_nonnull(end);
	*end = '\0';
	ck_assert_ptr_nonnull(strstr(row, "src/a\\|b.py:3:7 | one \\| two "
				     "\\`code\\` &lt;b&gt;bold&lt;/b&gt; next "
				     "line |"));
	for (char *p = row; *p; p++)
		pipes += *p == '|' && (p == row || p[-1] != '\\');
	ck_assert_uint_eq(pipes, 7);	/* six cells */
	free(md);
	fixture_release(&fx);
}
END_TEST

/* The first 50 findings, then a count of the rest. */
START_TEST(test_markdown_first_50)
{
	struct fixture fx;
	char path[32], *md;

	fixture_init(&fx, 0);
	for (int i = 0; i < 60; i++) {
		snprintf(path, sizeof(path), "f%02d.py", i);
		add(&fx.r, ruleset_find(&fx.rs, "t.https"), SEV_MEDIUM, NULL,
		    path, "m", NULL);
	}
	finding_list_sort(&fx.r.findings);
	md = markdown(&fx.r);
	ck_assert_ptr_nonnull(strstr(md, "\n| 50 | "));
	ck_assert_ptr_null(strstr(md, "\n| 51 | "));
	ck_assert_ptr_nonnull(strstr(md, "\xe2\x80\xa6 and 12 more, see the "
				     "full report."));
	free(md);
	fixture_release(&fx);
}
END_TEST

/* Cells full of characters that escape to entities overflow the comment
 * limit: the output is cut after a whole line, with a note. */
START_TEST(test_markdown_truncated)
{
	struct fixture fx;
	char path[300], msg[400], *md, *note;
	size_t len;

	fixture_init(&fx, 1);
	memset(msg, '&', sizeof(msg) - 1);
	msg[sizeof(msg) - 1] = '\0';
	for (int i = 0; i < 60; i++) {
		memset(path, '<', sizeof(path));
		snprintf(path + 250, 50, "%02d.py", i);
		add(&fx.r, ruleset_find(&fx.rs, "t.secret"), SEV_HIGH, "src",
		    path, msg, SECRET);
	}
	md = markdown(&fx.r);
	len = strlen(md);
	ck_assert_msg(len < 65536, "%zu bytes", len);
	ck_assert_msg(len > 50000, "%zu bytes: nothing to truncate", len);
	note = strstr(md, "\n\n**Truncated** here");
	ck_assert_ptr_nonnull(note);
	ck_assert_msg(note[-1] == '|', "cut inside a row: '%.20s'", note - 20);
	ck_assert_ptr_null(strchr(note + 2, '|'));
	free(md);
	fixture_release(&fx);
}
END_TEST

/* Audits: new / still open / resolved, and what expires. */
START_TEST(test_markdown_audit)
{
	struct fixture fx;
	struct report_audit *a = calloc(1, sizeof(*a));
	struct finding gone = { 0 };
	char *md;

	fixture_init(&fx, 1);
	fx.r.findings.items[0].change = CHANGE_NEW;
	fx.r.findings.items[1].change = CHANGE_OPEN;
	a->name = strdup("nightly");
	a->previous = strdup("prev.json");
	a->previous_start = strdup("2026-01-01T00:00:00Z");
	finding_list_init(&a->resolved);
	gone.rule = ruleset_find(&fx.rs, "t.https");
	gone.message = strdup("gone");
	gone.path = strdup("old.py");
	finding_list_add(&a->resolved, &gone, NULL);
	a->expiring = calloc(2, sizeof(*a->expiring));
	a->expiring[0].what = strdup("certificate");
	a->expiring[0].where = strdup("https://api.example.test/");
	a->expiring[0].expires = strdup("2026-02-01T00:00:00Z");
	a->expiring[0].days_left = 12;
	a->expiring[1].what = strdup("token");
	a->expiring[1].where = strdup("env:TOKEN");
	a->expiring[1].expires = strdup("2025-12-30T00:00:00Z");
	a->expiring[1].days_left = -2;
	a->nr_expiring = a->alloc_expiring = 2;
	fx.r.audit = a;
	md = markdown(&fx.r);
	ck_assert_ptr_nonnull(strstr(md, "### authaudit audit: nightly"));
	ck_assert_ptr_nonnull(strstr(md, "**1 new**, 1 still open, 1 "
				     "resolved."));
	ck_assert_ptr_nonnull(strstr(md, "| certificate | "
				     "https://api.example.test/ | "
				     "2026-02-01T00:00:00Z | 12 |"));
	ck_assert_ptr_nonnull(strstr(md, "| expired 2 days ago |"));
	ck_assert_ptr_nonnull(strstr(md, "| new |"));
	ck_assert_ptr_nonnull(strstr(md, "| still open |"));
	free(md);
	fixture_release(&fx);
}
END_TEST

static Suite *make_suite(void)
{
	Suite *s = suite_create("report_formats");
	TCase *sarif = tcase_create("sarif");
	TCase *junit = tcase_create("junit");
	TCase *md = tcase_create("markdown");

	tcase_add_test(sarif, test_sarif_descriptors);
	tcase_add_test(sarif, test_sarif_profiles_and_strays);
	tcase_add_test(sarif, test_sarif_locations);
	tcase_add_test(sarif, test_sarif_endpoint_and_absolute);
	tcase_add_test(junit, test_junit_matrix);
	tcase_add_test(junit, test_junit_no_catalogue);
	tcase_add_test(junit, test_junit_hostile);
	tcase_add_test(md, test_markdown_summary);
	tcase_add_test(md, test_markdown_cells_escaped);
	tcase_add_test(md, test_markdown_first_50);
	tcase_add_test(md, test_markdown_truncated);
	tcase_add_test(md, test_markdown_audit);
	suite_add_tcase(s, sarif);
	suite_add_tcase(s, junit);
	suite_add_tcase(s, md);
	return s;
}
