/* report_markdown.c - the report as a Markdown summary sized for a
 * pull-request comment or a CI job summary: a status line against
 * --fail-on, counts by severity, the compliance matrix per profile with
 * its failed statements, the first findings, and for audits what changed
 * and what expires. Always below GitHub's 65,536-character comment limit;
 * the JSON or HTML report has the rest. Secrets are redacted unless
 * --show-secrets; docs/formats.md. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compliance.h"
#include "report_format.h"
#include "core/redact.h"
#include "core/report.h"
#include "core/rule.h"
#include "lib/escape.h"
#include "lib/strbuf.h"

#define MAX_FINDINGS 50		/* rows of the findings table */
#define MAX_FAILED 25		/* failed statements listed per profile */
#define MAX_TARGETS 5		/* targets named in the status line */
#define MAX_EXPIRING 20
/* GitHub refuses comments over 65,536 characters; bytes are never fewer
 * than characters, so a byte cap below it (with room for the note)
 * holds. */
#define MD_CAP 60000
#define TRUNCATED "\n**Truncated** here to fit a pull-request comment; " \
		  "the full report has the rest.\n"

/* s shortened to at most max characters (code points; the cut never
 * splits one), with an ellipsis when cut, and escaped for a table cell. */
static void cell(FILE *out, const char *s, size_t max)
{
	struct strbuf sb = STRBUF_INIT;
	size_t chars = 0, i;

	s = s ? s : "";
	for (i = 0; s[i]; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80 && chars++ == max)
			break;
	if (!s[i]) {
		escape_md(out, s);
		return;
	}
	strbuf_add(&sb, s, i);
	strbuf_addstr(&sb, "\xe2\x80\xa6");
	escape_md(out, sb.buf);
	strbuf_release(&sb);
}

static const char *plural(size_t n)
{
	return n == 1 ? "" : "s";
}

static void status(FILE *out, const struct report *r)
{
	size_t failing = report_count_failing(r), n = r->findings.nr;

	if (failing)
		fprintf(out, "**\xe2\x9d\x8c Fail:** %zu of %zu finding%s at "
			"or above `%s`", failing, n, plural(n),
			severity_name(r->fail_on));
	else
		fprintf(out, "**\xe2\x9c\x85 Pass:** no finding at or above "
			"`%s` (%zu below it)", severity_name(r->fail_on), n);
	fputs(". Profile ", out);
	cell(out, r->profile ? r->profile->name : "default", 60);
	fprintf(out, "; %zu target%s", r->nr_targets, plural(r->nr_targets));
	for (size_t i = 0; i < r->nr_targets && i < MAX_TARGETS; i++) {
		fputs(i ? ", " : ": ", out);
		cell(out, r->targets[i].name, 80);
	}
	if (r->nr_targets > MAX_TARGETS)
		fprintf(out, " and %zu more", r->nr_targets - MAX_TARGETS);
	fputs(".\n\n", out);
}

static void severities(FILE *out, const struct report *r)
{
	unsigned long n[SEV__COUNT];

	report_count_severities(r, n);
	for (int s = SEV__COUNT - 1; s >= 0; s--)
		fprintf(out, "| %s ", severity_name((enum severity)s));
	fputs("|\n", out);
	for (int s = SEV__COUNT - 1; s >= 0; s--)
		fputs("|---:", out);
	fputs("|\n", out);
	for (int s = SEV__COUNT - 1; s >= 0; s--)
		fprintf(out, "| %lu ", n[s]);
	fputs("|\n\n", out);
}

/* Where the findings are, as the text summary's "contexts:" line tells
 * it: only when any is outside production or some were left out. */
static void contexts(FILE *out, const struct report_view *v)
{
	if (!v->any_context)
		return;
	fputs("Where they are:", out);
	for (int c = 0; c < CONTEXT__COUNT; c++)
		fprintf(out, "%s %s %zu", c ? "," : "",
			finding_context_name((enum finding_context)c),
			v->by_context[c]);
	fputs(".\n\n", out);
}

/* What the run found and did not report, as the text summary counts it;
 * nothing when nothing was set aside. */
static void set_aside(FILE *out, const struct report *r)
{
	const struct report_stats *s = &r->stats;

	if (!s->suppressed_baseline && !s->suppressed_inline &&
	    !s->suppressed_ignored && !s->suppressed_context && !r->stale.nr)
		return;
	fprintf(out, "Set aside, not in the findings: %lu by baseline, %lu "
		"inline (`authaudit:allow`), %lu ignored (ignore file, "
		"allow.paths)", s->suppressed_baseline, s->suppressed_inline,
		s->suppressed_ignored);
	if (s->suppressed_context)
		fprintf(out, ", %lu left out by context",
			s->suppressed_context);
	if (r->stale.nr)
		fprintf(out, "; %zu stale baseline entr%s", r->stale.nr,
			r->stale.nr == 1 ? "y" : "ies");
	fputs(".\n\n", out);
}

/* The document's title and section, never its internal id. */
static void cite(FILE *out, const struct report *r,
		 const struct guideline *g)
{
	struct strbuf sb = STRBUF_INIT;

	guideline_cite(r->rules, g, &sb);
	cell(out, sb.buf, 160);
	strbuf_release(&sb);
}

/* One failed statement: where it failed, how often, its quote. */
static void failed_statement(FILE *out, const struct report *r,
			     const struct compliance_matrix *m, size_t row)
{
	const struct statement *st = m->statements[row];
	size_t nf = 0, nt = 0;

	fputs("- **", out);
	cell(out, st->id, 80);
	fputs("** ", out);
	cell(out, st->title, 80);
	fputs(", on ", out);
	for (size_t col = 0; col < m->nr_targets; col++) {
		const struct compliance_cell *c = compliance_cell(m, row, col);

		if (c->verdict != COMPLY_FAIL)
			continue;
		nf += c->nr_findings;
		if (nt++ < MAX_TARGETS) {
			fputs(nt > 1 ? ", " : "", out);
			cell(out, r->targets[m->targets[col]].name, 60);
		}
	}
	if (nt > MAX_TARGETS)
		fprintf(out, " and %zu more", nt - MAX_TARGETS);
	fprintf(out, " (%zu finding%s), ", nf, plural(nf));
	cite(out, r, &st->guideline);
	fputs(": \xe2\x80\x9c", out);
	cell(out, st->guideline.quote, 120);
	fputs("\xe2\x80\x9d\n", out);
}

static void compliance(FILE *out, const struct report *r,
		       const struct compliance *cm)
{
	if (!cm->nr)
		return;
	fputs("#### Compliance\n\n| profile | statements \xc3\x97 targets "
	      "| pass | fail | error | not tested |\n"
	      "|---|---:|---:|---:|---:|---:|\n", out);
	for (size_t i = 0; i < cm->nr; i++) {
		const struct compliance_matrix *m = &cm->matrices[i];
		const struct profile *p = m->profile;

		fputs("| ", out);
		cell(out, p ? p->name : "default", 60);
		if (p && p->title) {
			fputs(": ", out);
			cell(out, p->title, 80);
		}
		fprintf(out, " | %zu \xc3\x97 %zu | %lu | %lu | %lu | %lu |\n",
			m->nr_statements, m->nr_targets,
			m->count[COMPLY_PASS], m->count[COMPLY_FAIL],
			m->count[COMPLY_ERROR], m->count[COMPLY_NOT_TESTED]);
	}
	fputc('\n', out);
	for (size_t i = 0; i < cm->nr; i++) {
		const struct compliance_matrix *m = &cm->matrices[i];
		size_t listed = 0, failed = 0;

		if (!m->count[COMPLY_FAIL])
			continue;
		fputs("Failed under ", out);
		cell(out, m->profile ? m->profile->name : "default", 60);
		fputs(":\n\n", out);
		for (size_t row = 0; row < m->nr_statements; row++) {
			size_t col;

			for (col = 0; col < m->nr_targets; col++)
				if (compliance_cell(m, row, col)->verdict ==
				    COMPLY_FAIL)
					break;
			if (col == m->nr_targets)
				continue;
			failed++;
			if (listed < MAX_FAILED) {
				failed_statement(out, r, m, row);
				listed++;
			}
		}
		if (failed > listed)
			fprintf(out, "- \xe2\x80\xa6 and %zu more failed "
				"statement%s\n", failed - listed,
				plural(failed - listed));
		fputc('\n', out);
	}
}

static void findings(FILE *out, const struct report *r)
{
	struct strbuf where = STRBUF_INIT, tmp = STRBUF_INIT;
	size_t n = r->findings.nr < MAX_FINDINGS ? r->findings.nr :
		   MAX_FINDINGS;

	if (!r->findings.nr)
		return;
	fprintf(out, "#### Findings\n\n| # | severity | rule | where | "
		"message | guideline |%s\n|---:|---|---|---|---|---|%s\n",
		r->audit ? " change |" : "", r->audit ? "---|" : "");
	for (size_t i = 0; i < n; i++) {
		const struct finding *f = &r->findings.items[i];
		const char *secret = report_secret_text(r, f, &tmp);

		strbuf_reset(&where);
		report_where(f, &where);
		if (report_presence_word(f) && f->commit)
			strbuf_addf(&where, ", %s", report_presence_word(f));
		if (report_context_word(f))
			strbuf_addf(&where, " (%s)", report_context_word(f));
		fprintf(out, "| %zu | %s | ", i + 1,
			severity_name(f->severity));
		cell(out, f->rule->id, 80);
		fputs(" | ", out);
		cell(out, where.buf, 120);
		fputs(" | ", out);
		cell(out, f->message, 200);
		if (secret) {
			fputs(" (secret: ", out);
			cell(out, secret, 80);
			fputc(')', out);
		}
		fputs(" | ", out);
		cite(out, r, &f->rule->guideline);
		fputs(": \xe2\x80\x9c", out);
		cell(out, f->rule->guideline.quote, 160);
		fputs("\xe2\x80\x9d", out);
		if (r->audit)
			fprintf(out, " | %s", f->change == CHANGE_NEW ? "new" :
				f->change == CHANGE_OPEN ? "still open" : "");
		fputs(" |\n", out);
	}
	if (r->findings.nr > n)
		fprintf(out, "\n\xe2\x80\xa6 and %zu more, see the full "
			"report.\n", r->findings.nr - n);
	fputc('\n', out);
	strbuf_release(&where);
	strbuf_release(&tmp);
}

static void audit(FILE *out, const struct report *r)
{
	const struct report_audit *a = r->audit;
	size_t fresh = 0, open = 0;

	for (size_t i = 0; i < r->findings.nr; i++) {
		fresh += r->findings.items[i].change == CHANGE_NEW;
		open += r->findings.items[i].change == CHANGE_OPEN;
	}
	fputs("#### Since the previous run", out);
	if (a->previous_start) {
		fputs(" (", out);
		cell(out, a->previous_start, 40);
		fputc(')', out);
	}
	if (a->previous)
		fprintf(out, "\n\n**%zu new**, %zu still open, %zu resolved."
			"\n\n", fresh, open, a->resolved.nr);
	else
		fputs("\n\nNo previous run to compare with.\n\n", out);
	if (!a->nr_expiring)
		return;
	fputs("Expiring soon:\n\n| what | where | expires | days left |\n"
	      "|---|---|---|---:|\n", out);
	for (size_t i = 0; i < a->nr_expiring && i < MAX_EXPIRING; i++) {
		const struct report_expiry *x = &a->expiring[i];

		fputs("| ", out);
		cell(out, x->what, 20);
		fputs(" | ", out);
		cell(out, x->where, 120);
		fputs(" | ", out);
		cell(out, x->expires, 40);
		if (x->days_left < 0)
			fprintf(out, " | expired %ld day%s ago |\n",
				-x->days_left, x->days_left == -1 ? "" : "s");
		else
			fprintf(out, " | %ld |\n", x->days_left);
	}
	if (a->nr_expiring > MAX_EXPIRING)
		fprintf(out, "\n\xe2\x80\xa6 and %zu more.\n",
			a->nr_expiring - MAX_EXPIRING);
	fputc('\n', out);
}

static void summary(FILE *out, const struct report_view *v)
{
	const struct report *r = v->r;

	fputs("### authaudit ", out);
	if (r->audit && r->audit->name) {
		fputs("audit: ", out);
		cell(out, r->audit->name, 80);
	} else {
		fputs(r->command, out);
	}
	fputs("\n\n", out);
	status(out, r);
	severities(out, r);
	contexts(out, v);
	set_aside(out, r);
	compliance(out, r, &v->compliance);
	findings(out, r);
	if (r->audit)
		audit(out, r);
	if (r->nr_notices)
		fprintf(out, "%zu notice%s: what could not be checked is in "
			"the full report.\n\n", r->nr_notices,
			plural(r->nr_notices));
	if (!r->show_secrets && report_has_secret(r))
		fputs("Secrets are redacted.\n", out);
}

/* Where to cut text of len bytes so that, with the note, it stays under
 * the cap: after the last whole line that fits. */
static size_t cut_at(const char *text, size_t len)
{
	size_t max = MD_CAP - sizeof(TRUNCATED);

	if (len <= MD_CAP)
		return len;
	while (max > 0 && text[max - 1] != '\n')
		max--;
	return max;
}

int report_view_markdown(FILE *out, const struct report_view *v, struct err *e)
{
	char *text = NULL;
	size_t len = 0, n;
	FILE *m = open_memstream(&text, &len);

	if (!m)
		return err_set(e, "cannot write the Markdown report: out of "
			       "memory");
	summary(m, v);
	if (fclose(m)) {
		free(text);
		return err_set(e, "cannot write the Markdown report");
	}
	n = cut_at(text, len);
	fwrite(text, 1, n, out);
	if (n < len)
		fputs(TRUNCATED, out);
	free(text);
	return ferror(out) ? err_set(e, "cannot write the Markdown report") :
	       0;
}
