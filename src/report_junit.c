/* report_junit.c - the report as JUnit XML, for CI systems that show test
 * results (GitLab, Jenkins, Azure DevOps). One test case per finding: a
 * failure at or above --fail-on, skipped below it; a run without findings
 * is one passing case. Notices go to the suite's system-err. Secrets are
 * redacted unless --show-secrets. */
#include <stdio.h>
#include <string.h>

#include "escape.h"
#include "redact.h"
#include "report.h"
#include "report_json.h"
#include "rule.h"
#include "strbuf.h"

static double seconds(const struct report *r)
{
	double t = (double)(r->end.tv_sec - r->start.tv_sec) +
		   (double)(r->end.tv_nsec - r->start.tv_nsec) / 1e9;

	return t < 0 ? 0 : t;
}

static void testcase(FILE *out, const struct report *r,
		     const struct finding *f, struct strbuf *loc,
		     struct strbuf *tmp)
{
	const struct rule *rule = f->rule;
	const char *secret = report_secret_text(r, f, tmp);

	strbuf_reset(loc);
	report_where(f, loc);
	fprintf(out, "    <testcase classname=\"authaudit.%s.", r->command);
	escape_xml(out, rule->category);
	fputs("\" name=\"", out);
	escape_xml(out, rule->id);
	fputs(" at ", out);
	escape_xml(out, loc->buf);
	fputs("\" time=\"0\">\n", out);
	if (f->severity < r->fail_on) {
		fprintf(out, "      <skipped message=\"%s, below --fail-on "
			"%s\"/>\n", severity_name(f->severity),
			severity_name(r->fail_on));
		fputs("    </testcase>\n", out);
		return;
	}
	fprintf(out, "      <failure type=\"%s\" message=\"",
		severity_name(f->severity));
	escape_xml(out, f->message);
	fputs("\">", out);
	escape_xml(out, loc->buf);
	fprintf(out, " %s %s\n", severity_name(f->severity), rule->id);
	escape_xml(out, f->message);
	fputs("\nguideline: ", out);
	escape_xml(out, rule->guideline.doc);
	if (rule->guideline.section) {
		fputs(", ", out);
		escape_xml(out, rule->guideline.section);
	}
	fputs(": \"", out);
	escape_xml(out, rule->guideline.quote);
	fputs("\"", out);
	if (secret) {
		fputs("\nsecret: ", out);
		escape_xml(out, secret);
	}
	if (f->evidence) {
		fputs("\nevidence: ", out);
		escape_xml(out, f->evidence);
	}
	fputs("</failure>\n    </testcase>\n", out);
}

int report_write_junit(FILE *out, const struct report *r, struct err *e)
{
	struct strbuf loc = STRBUF_INIT, tmp = STRBUF_INIT;
	size_t failing = report_count_failing(r);
	size_t tests = r->findings.nr ? r->findings.nr : 1;
	size_t skipped = r->findings.nr - failing;
	char start[40];

	(void)e;
	iso8601_ms(&r->start, start, sizeof(start));
	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", out);
	fprintf(out, "<testsuites name=\"authaudit\" tests=\"%zu\" "
		"failures=\"%zu\" errors=\"0\" skipped=\"%zu\" "
		"time=\"%.3f\">\n", tests, failing, skipped, seconds(r));
	fprintf(out, "  <testsuite name=\"authaudit %s\" tests=\"%zu\" "
		"failures=\"%zu\" errors=\"0\" skipped=\"%zu\" time=\"%.3f\" "
		"timestamp=\"%.19s\">\n", r->command, tests, failing, skipped,
		seconds(r), start);
	fputs("    <properties>\n      <property name=\"profile\" "
	      "value=\"", out);
	escape_xml(out, r->profile ? r->profile->name : "default");
	fprintf(out, "\"/>\n      <property name=\"fail_on\" value=\"%s\"/>\n",
		severity_name(r->fail_on));
	for (size_t i = 0; i < r->targets.nr; i++) {
		fputs("      <property name=\"target\" value=\"", out);
		escape_xml(out, r->targets.items[i]);
		fputs("\"/>\n", out);
	}
	fputs("    </properties>\n", out);
	for (size_t i = 0; i < r->findings.nr; i++)
		testcase(out, r, &r->findings.items[i], &loc, &tmp);
	if (!r->findings.nr)
		fprintf(out, "    <testcase classname=\"authaudit.%s\" "
			"name=\"no findings\" time=\"%.3f\"/>\n", r->command,
			seconds(r));
	if (r->nr_notices) {
		fputs("    <system-err>", out);
		for (size_t i = 0; i < r->nr_notices; i++) {
			fputs("notice: ", out);
			escape_xml(out, r->notices[i].where);
			fputs(": ", out);
			escape_xml(out, r->notices[i].message);
			fputc('\n', out);
		}
		fputs("</system-err>\n", out);
	}
	fputs("  </testsuite>\n</testsuites>\n", out);
	strbuf_release(&loc);
	strbuf_release(&tmp);
	return 0;
}
