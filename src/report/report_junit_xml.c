/* report_junit_xml.c - the pieces of a JUnit document: escaped text,
 * testcases, failures with their findings, suites; report_junit.c decides
 * which there are. */
#include <stdio.h>
#include <string.h>

#include "report_format.h"
#include "report_json.h"
#include "report_junit.h"
#include "core/redact.h"
#include "core/rule.h"
#include "lib/escape.h"
#include "lib/strbuf.h"

double junit_seconds(const struct report *r)
{
	double t = (double)(r->end.tv_sec - r->start.tv_sec) +
		   (double)(r->end.tv_nsec - r->start.tv_nsec) / 1e9;

	return t < 0 ? 0 : t;
}

void junit_testcase_open(FILE *out, const char *id, const char *title,
			  const struct report *r, long target)
{
	fputs("    <testcase name=\"", out);
	escape_xml(out, id);
	fputs(": ", out);
	escape_xml(out, title);
	fputs("\" classname=\"", out);
	if (target >= 0)
		escape_xml(out, r->targets[target].name);
	else
		fprintf(out, "authaudit.%s", r->command);
	fputs("\" time=\"0\"", out);
}

/* <failure>: type the worst severity, message the first finding, the
 * body every finding and the guideline sentence they break. */
void junit_failure(FILE *out, const struct report *r, const size_t *idx,
		    size_t n, const struct guideline *g)
{
	struct strbuf where = STRBUF_INIT, tmp = STRBUF_INIT;
	enum severity worst = SEV_INFO;
	size_t failing = 0;

	for (size_t i = 0; i < n; i++) {
		const struct finding *f = &r->findings.items[idx[i]];

		worst = f->severity > worst ? f->severity : worst;
		failing += f->severity >= r->fail_on;
	}
	report_where(&r->findings.items[idx[0]], &where);
	fprintf(out, "      <failure type=\"%s\" message=\"",
		severity_name(worst));
	escape_xml(out, r->findings.items[idx[0]].message);
	fputs(" at ", out);
	escape_xml(out, where.buf);
	if (n > 1)
		fprintf(out, " (and %zu more)", n - 1);
	fprintf(out, "\">%zu finding%s, %zu at or above --fail-on %s\n", n,
		n == 1 ? "" : "s", failing, severity_name(r->fail_on));
	/* a policy rule's section names its policy_* parameter */
	fputs(guideline_is_policy(g) ? "policy (" GUIDELINE_POLICY_TITLE
	      "): " : "guideline: ", out);
	if (guideline_is_policy(g)) {
		escape_xml(out, g->section);
	} else {
		guideline_cite(r->rules, g, &tmp);
		escape_xml(out, tmp.buf);
		strbuf_reset(&tmp);
	}
	fputs(": \"", out);
	escape_xml(out, g->quote);
	fputs("\"\n", out);
	for (size_t i = 0; i < n; i++) {
		const struct finding *f = &r->findings.items[idx[i]];
		const char *secret = report_secret_text(r, f, &tmp);

		strbuf_reset(&where);
		report_where(f, &where);
		fprintf(out, "\n%s ", severity_name(f->severity));
		escape_xml(out, f->rule->id);
		fputs(" at ", out);
		escape_xml(out, where.buf);
		if (report_context_word(f))
			fprintf(out, " [%s]", report_context_word(f));
		fputs("\n  ", out);
		escape_xml(out, f->message);
		if (secret) {
			fputs("\n  secret: ", out);
			escape_xml(out, secret);
		}
		if (f->evidence) {
			fputs("\n  evidence: ", out);
			escape_xml(out, f->evidence);
		}
		fputc('\n', out);
	}
	fputs("</failure>\n", out);
	strbuf_release(&where);
	strbuf_release(&tmp);
}

void junit_suite_open(FILE *out, const struct report *r, const char *name,
		       const struct junit_counts *c)
{
	char start[40];

	iso8601_ms(&r->start, start, sizeof(start));
	fputs("  <testsuite name=\"", out);
	escape_xml(out, name);
	fprintf(out, "\" tests=\"%zu\" failures=\"%zu\" errors=\"%zu\" "
		"skipped=\"%zu\" time=\"%.3f\" timestamp=\"%.19s\">\n",
		c->tests, c->failures, c->errors, c->skipped, junit_seconds(r),
		start);
}

void junit_property(FILE *out, const char *name, const char *value)
{
	fprintf(out, "      <property name=\"%s\" value=\"", name);
	escape_xml(out, value);
	fputs("\"/>\n", out);
}

/* The notices go to the first suite's system-err (testsuites has none). */
void junit_suite_close(FILE *out, const struct report *r, int *notices)
{
	if (!*notices && r->nr_notices) {
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
	*notices = 1;
	fputs("  </testsuite>\n", out);
}
