/* report_junit.c - the report as JUnit XML, for CI systems that show test
 * results (GitLab, Jenkins, Azure DevOps). With a guideline catalogue, a
 * testsuite per profile and a testcase per statement and target, from the
 * compliance matrix; findings no statement shows are kept in a suite of
 * their own. Without a catalogue, a testcase per rule and target. Secrets
 * are redacted unless --show-secrets; docs/formats.md. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compliance.h"
#include "report_format.h"
#include "report_junit.h"
#include "core/report.h"
#include "core/rule.h"
#include "core/rule_kind.h"
#include "lib/escape.h"
#include "lib/strbuf.h"
#include "lib/xalloc.h"

#define OUTSIDE "rules outside the catalogue"

/* A testcase of a rule against a target (target -1: none of the report's
 * targets), with the findings behind it. */
struct rule_case {
	const struct rule *rule;
	long target;
	size_t *findings;
	size_t nr_findings;
};

struct rule_cases {
	struct rule_case *items;
	size_t nr, alloc;
};

static void matrix_counts(const struct compliance_matrix *m,
			  struct junit_counts *c)
{
	c->tests = m->nr_statements * m->nr_targets;
	c->failures = m->count[COMPLY_FAIL];
	c->errors = m->count[COMPLY_ERROR];
	c->skipped = m->count[COMPLY_NOT_TESTED];
}

static void matrix_suite(FILE *out, const struct report *r,
			 const struct compliance_matrix *m, int *notices)
{
	const struct profile *p = m->profile;
	struct junit_counts c;

	matrix_counts(m, &c);
	junit_suite_open(out, r, p ? p->name : "default", &c);
	fputs("    <properties>\n", out);
	junit_property(out, "profile", p ? p->name : "default");
	if (p && p->title)
		junit_property(out, "title", p->title);
	if (p && p->guideline.doc)
		junit_property(out, "document", p->guideline.doc);
	junit_property(out, "fail_on", severity_name(r->fail_on));
	for (size_t t = 0; t < m->nr_targets; t++)
		junit_property(out, "target", r->targets[m->targets[t]].name);
	fputs("    </properties>\n", out);
	for (size_t row = 0; row < m->nr_statements; row++) {
		const struct statement *st = m->statements[row];

		for (size_t col = 0; col < m->nr_targets; col++) {
			const struct compliance_cell *cell =
				compliance_cell(m, row, col);

			junit_testcase_open(out, st->id, st->title, r,
				      (long)m->targets[col]);
			switch (cell->verdict) {
			case COMPLY_PASS:
				fputs("/>\n", out);
				continue;
			case COMPLY_FAIL:
				fputs(">\n", out);
				junit_failure(out, r, cell->findings,
					cell->nr_findings, &st->guideline);
				break;
			case COMPLY_ERROR:
				fputs(">\n      <error type=\"not-checked\" "
				      "message=\"", out);
				escape_xml(out, cell->why);
				fputs("\">", out);
				escape_xml(out, cell->why);
				fputs("</error>\n", out);
				break;
			default:
				fputs(">\n      <skipped message=\"", out);
				escape_xml(out, cell->why);
				fputs("\"/>\n", out);
				break;
			}
			fputs("    </testcase>\n", out);
		}
	}
	junit_suite_close(out, r, notices);
}

static struct rule_case *case_for(struct rule_cases *cs,
				  const struct rule *rule, long target)
{
	for (size_t i = 0; i < cs->nr; i++)
		if (cs->items[i].rule == rule && cs->items[i].target == target)
			return &cs->items[i];
	ALLOC_GROW(cs->items, cs->nr, cs->alloc);
	memset(&cs->items[cs->nr], 0, sizeof(cs->items[0]));
	cs->items[cs->nr].rule = rule;
	cs->items[cs->nr].target = target;
	return &cs->items[cs->nr++];
}

/* With all_rules, a case for every rule and target it ran against, in
 * ruleset order; then the findings not marked in shown, each in the case
 * of its rule and target. */
static void rule_cases(const struct report *r, int all_rules,
		       const unsigned char *shown, struct rule_cases *cs)
{
	const struct ruleset *rs = r->rules;

	memset(cs, 0, sizeof(*cs));
	for (size_t i = 0; all_rules && rs && i < rs->nr; i++)
		for (size_t t = 0; t < r->nr_targets; t++)
			if (report_rule_ran(r, rs->rules[i], t))
				case_for(cs, rs->rules[i], (long)t);
	for (size_t i = 0; i < r->findings.nr; i++) {
		const struct finding *f = &r->findings.items[i];
		struct rule_case *c;

		if (shown && shown[i])
			continue;
		c = case_for(cs, f->rule, report_target_of(r, f));
		c->findings = xrealloc(c->findings, (c->nr_findings + 1) *
				       sizeof(*c->findings));
		c->findings[c->nr_findings++] = i;
	}
}

static void rule_cases_release(struct rule_cases *cs)
{
	for (size_t i = 0; i < cs->nr; i++)
		free(cs->items[i].findings);
	free(cs->items);
}

static void rule_suite(FILE *out, const struct report *r, const char *name,
		       const struct rule_cases *cs, int *notices)
{
	struct junit_counts c = { cs->nr ? cs->nr : 1, 0, 0, 0 };

	for (size_t i = 0; i < cs->nr; i++)
		c.failures += cs->items[i].nr_findings > 0;
	junit_suite_open(out, r, name, &c);
	fputs("    <properties>\n", out);
	junit_property(out, "profile", r->profile ? r->profile->name :
		       "default");
	junit_property(out, "fail_on", severity_name(r->fail_on));
	fputs("    </properties>\n", out);
	for (size_t i = 0; i < cs->nr; i++) {
		const struct rule_case *rc = &cs->items[i];

		junit_testcase_open(out, rc->rule->id, rc->rule->title, r,
			      rc->target);
		if (!rc->nr_findings) {
			fputs("/>\n", out);
			continue;
		}
		fputs(">\n", out);
		junit_failure(out, r, rc->findings, rc->nr_findings,
			&rc->rule->guideline);
		fputs("    </testcase>\n", out);
	}
	if (!cs->nr)		/* the CI view shows the gate ran */
		fprintf(out, "    <testcase name=\"no findings\" "
			"classname=\"authaudit.%s\" time=\"0\"/>\n",
			r->command);
	junit_suite_close(out, r, notices);
}

static void add_counts(struct junit_counts *sum, const struct junit_counts *c)
{
	sum->tests += c->tests;
	sum->failures += c->failures;
	sum->errors += c->errors;
	sum->skipped += c->skipped;
}

int report_view_junit(FILE *out, const struct report_view *v, struct err *e)
{
	const struct report *r = v->r;
	const struct compliance *cm = &v->compliance;
	struct rule_cases cs;
	struct junit_counts sum = { 0, 0, 0, 0 }, c;
	unsigned char *shown = xcalloc(r->findings.nr + 1, 1);
	int notices = 0, catalogue = r->rules && r->rules->nr_statements;
	int by_rule;
	struct strbuf suite = STRBUF_INIT;

	for (size_t i = 0; i < cm->nr; i++) {
		const struct compliance_matrix *m = &cm->matrices[i];

		matrix_counts(m, &c);
		add_counts(&sum, &c);
		for (size_t k = 0; k < m->nr_statements * m->nr_targets; k++)
			for (size_t j = 0; j < m->cells[k].nr_findings; j++)
				shown[m->cells[k].findings[j]] = 1;
	}
	rule_cases(r, !catalogue, catalogue ? shown : NULL, &cs);
	/* without a catalogue, or findings no statement shows, or nothing
	 * else to show (no target) */
	by_rule = !catalogue || cs.nr || !cm->nr;
	c.tests = cs.nr ? cs.nr : (size_t)by_rule;
	c.failures = 0;
	for (size_t i = 0; i < cs.nr; i++)
		c.failures += cs.items[i].nr_findings > 0;
	c.errors = c.skipped = 0;
	add_counts(&sum, &c);

	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", out);
	fprintf(out, "<testsuites name=\"authaudit %s\" tests=\"%zu\" "
		"failures=\"%zu\" errors=\"%zu\" skipped=\"%zu\" "
		"time=\"%.3f\">\n", r->command, sum.tests, sum.failures,
		sum.errors, sum.skipped, junit_seconds(r));
	for (size_t i = 0; i < cm->nr; i++)
		matrix_suite(out, r, &cm->matrices[i], &notices);
	strbuf_addf(&suite, "authaudit %s", r->command);
	if (by_rule)
		rule_suite(out, r, catalogue && cs.nr ? OUTSIDE : suite.buf,
			   &cs, &notices);
	fputs("</testsuites>\n", out);
	strbuf_release(&suite);
	rule_cases_release(&cs);
	free(shown);
	return ferror(out) ? err_set(e, "cannot write the JUnit report") : 0;
}
