/* report_html_matrix.c - the HTML report's compliance matrices (one per
 * profile, compliance.h): the guideline statements, grouped by document
 * and section, against the targets, each cell a verdict in words and
 * colour with the evidence behind it; failed and errored statements open,
 * the rest collapsed. */
#include <stdio.h>
#include <string.h>

#include "compliance.h"
#include "report_html.h"

/* Cells list this many findings; more go into a details element. */
#define CELL_SHOWN 5

static const char *const verdict_word[COMPLY__COUNT] = {
	"pass", "fail", "not tested", "error"
};
static const char *const verdict_mark[COMPLY__COUNT] = {
	"\xe2\x9c\x93", "\xe2\x9c\x97", "\xe2\x80\x93", "!"
};

static void badge(FILE *out, enum compliance_verdict v, unsigned long n)
{
	fprintf(out, "<span class=\"verdict %s\"><b>%lu</b> %s</span>",
		compliance_verdict_name(v), n, verdict_word[v]);
}

static void cell(FILE *out, const struct report *r,
		 const struct compliance_matrix *m, size_t row, size_t col,
		 struct strbuf *tmp)
{
	const struct compliance_cell *c = compliance_cell(m, row, col);

	fprintf(out, "<td class=\"verdict %s\" data-statement=\"",
		compliance_verdict_name(c->verdict));
	html_text(out, m->statements[row]->id);
	fputs("\" data-target=\"", out);
	html_text(out, r->targets[m->targets[col]].name);
	fprintf(out, "\"><span class=\"word\">%s %s</span>",
		verdict_mark[c->verdict], verdict_word[c->verdict]);
	/* the count even for one: print leaves the list out */
	if (c->nr_findings)
		fprintf(out, " <span class=\"muted\">%zu finding%s</span>",
			c->nr_findings, c->nr_findings == 1 ? "" : "s");
	if (m->statements[row]->manual && c->verdict == COMPLY_NOT_TESTED)
		fputs("<div class=\"why\">manual check</div>", out);
	else if (c->why) {
		fputs("<div class=\"why\">", out);
		html_text(out, c->why);
		fputs("</div>", out);
	}
	if (c->nr_findings)
		fputs("<ul class=\"ev\">", out);
	for (size_t i = 0; i < c->nr_findings; i++) {
		if (i == CELL_SHOWN && c->nr_findings > CELL_SHOWN + 1)
			fprintf(out, "</ul><details><summary>%zu more"
				"</summary><ul class=\"ev\">",
				c->nr_findings - CELL_SHOWN);
		fputs("<li>", out);
		html_finding_brief(out, r, &r->findings.items[c->findings[i]],
				   tmp);
		fputs("</li>", out);
	}
	if (c->nr_findings > CELL_SHOWN + 1)
		fputs("</ul></details>", out);
	else if (c->nr_findings)
		fputs("</ul>", out);
	fputs("</td>", out);
}

static int same(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}

/* A heading row whenever the document or its section changes. */
static void group_rows(FILE *out, const struct report *r,
		       const struct statement *prev,
		       const struct statement *st, size_t span)
{
	const struct guideline *g = &st->guideline;
	const char *title;

	if (!prev || !same(prev->guideline.doc, g->doc)) {
		title = guideline_doc_title(r->rules, g);
		fprintf(out, "<tr class=\"doc\"><th colspan=\"%zu\">", span);
		html_text(out, title ? title : g->doc);
		fputs("</th></tr>\n", out);
		prev = NULL;
	}
	if (g->section && (!prev || !same(prev->guideline.section,
					  g->section))) {
		fprintf(out, "<tr class=\"section\"><th colspan=\"%zu\">",
			span);
		html_text(out, g->section);
		fputs("</th></tr>\n", out);
	}
}

static void statement_head(FILE *out, const struct compliance_matrix *m,
			   size_t row)
{
	const struct statement *st = m->statements[row];
	int failed = 0;

	for (size_t col = 0; col < m->nr_targets; col++)
		failed |= compliance_cell(m, row, col)->verdict ==
			  COMPLY_FAIL;
	fputs("<th class=\"stmt\" scope=\"row\"><div class=\"stitle\">", out);
	if (failed) {
		fputs("<a href=\"#stmt-", out);
		html_id(out, st->id);
		fputs("\">", out);
	}
	html_text(out, st->title);
	fputs(failed ? "</a>" : "", out);
	fputs("</div><code class=\"sid\">", out);
	html_text(out, st->id);
	fputs("</code><blockquote class=\"quote\">", out);
	html_text(out, st->guideline.quote);
	fputs("</blockquote>", out);
	if (st->manual) {
		fputs("<div class=\"manual\"><span class=\"k\">manual check"
		      "</span> ", out);
		html_text(out, st->manual);
		fputs("</div>", out);
	}
	fputs("</th>", out);
}

/* A statement a reader must see: failed or errored on some target. */
static int row_open(const struct compliance_matrix *m, size_t row)
{
	for (size_t col = 0; col < m->nr_targets; col++) {
		enum compliance_verdict v = compliance_cell(m, row, col)->verdict;

		if (v == COMPLY_FAIL || v == COMPLY_ERROR)
			return 1;
	}
	return 0;
}

/* The rows that are (open) or are not (!open) row_open(), n of them, as a
 * table in a <details>: open for failures and errors, closed for the
 * rest, so the matrix costs a line where nothing is wrong. */
static void rows(FILE *out, const struct report *r,
		 const struct compliance_matrix *m, int open, size_t n,
		 struct strbuf *tmp)
{
	const struct statement *prev = NULL;

	if (!n)
		return;
	fprintf(out, "<details class=\"rows %s\"%s><summary>%zu statement%s "
		"%s</summary>\n<table class=\"matrix cols-%zu\"><thead><tr>"
		"<th class=\"stmt\">Guideline statement</th>",
		open ? "bad" : "rest", open ? " open" : "", n,
		n == 1 ? "" : "s", open ? "failed or in error" :
		"passed or not tested", m->nr_targets < 4 ? m->nr_targets : 4);
	for (size_t col = 0; col < m->nr_targets; col++) {
		const struct report_target *t = &r->targets[m->targets[col]];

		fputs("<th class=\"target\"><code>", out);
		html_text(out, t->name);
		fprintf(out, "</code> <span class=\"tag\">%s</span></th>",
			rule_target_name(t->kind));
	}
	fputs("</tr></thead><tbody>\n", out);
	for (size_t row = 0; row < m->nr_statements; row++) {
		if (row_open(m, row) != open)
			continue;
		group_rows(out, r, prev, m->statements[row],
			   m->nr_targets + 1);
		prev = m->statements[row];
		fputs("<tr class=\"row\">", out);
		statement_head(out, m, row);
		for (size_t col = 0; col < m->nr_targets; col++)
			cell(out, r, m, row, col, tmp);
		fputs("</tr>\n", out);
	}
	fputs("</tbody></table></details>\n", out);
}

static void matrix(FILE *out, const struct report *r,
		   const struct compliance_matrix *m, struct strbuf *tmp)
{
	const struct profile *p = m->profile;
	const char *name = p ? p->name : "default";
	size_t n_open;

	fputs("<section class=\"matrix-block\" id=\"matrix-", out);
	html_id(out, name);
	fputs("\"><h3>Profile <code>", out);
	html_text(out, name);
	fputs("</code>", out);
	if (p && p->title) {
		fputs(" \xe2\x80\x94 ", out);
		html_text(out, p->title);
	}
	fputs("</h3>\n", out);
	if (!m->nr_statements) {
		fputs("<p class=\"empty\">The guideline catalogue has no "
		      "statement of this profile's document.</p></section>\n",
		      out);
		return;
	}
	fprintf(out, "<p class=\"totals\">%zu statement%s \xc3\x97 %zu "
		"target%s: ", m->nr_statements,
		m->nr_statements == 1 ? "" : "s", m->nr_targets,
		m->nr_targets == 1 ? "" : "s");
	for (int v = 0; v < COMPLY__COUNT; v++)
		badge(out, (enum compliance_verdict)v, m->count[v]);
	fputs("</p>\n", out);
	n_open = 0;
	for (size_t row = 0; row < m->nr_statements; row++)
		n_open += row_open(m, row);
	rows(out, r, m, 1, n_open, tmp);
	rows(out, r, m, 0, m->nr_statements - n_open, tmp);
	fputs("</section>\n", out);
}

void html_matrices(FILE *out, const struct report *r,
		   const struct compliance *c, struct strbuf *tmp)
{
	fputs("<section id=\"compliance\"><h2>Compliance with the vendor "
	      "guidelines</h2>\n", out);
	if (!r->rules || !r->rules->nr_statements) {
		fputs("<p class=\"empty\" id=\"matrix-none\">No guideline "
		      "statements are loaded (custom rules only), so there is "
		      "no compliance matrix; the findings below cite each "
		      "rule's own guideline.</p></section>\n", out);
		return;
	}
	if (!c->nr) {
		fputs("<p class=\"empty\" id=\"matrix-none\">Nothing was "
		      "checked, so there is no compliance matrix.</p>"
		      "</section>\n", out);
		return;
	}
	fputs("<p class=\"lede\">Each statement of the vendor documents "
	      "against each target. <span class=\"verdict pass\">pass</span> "
	      "its rules ran there and found nothing; <span class=\"verdict "
	      "fail\">fail</span> a finding breaks it; <span class=\"verdict "
	      "not-tested\">not tested</span> no rule of it applies (or it is "
	      "a manual check); <span class=\"verdict error\">error</span> "
	      "the target could not be checked.</p>\n", out);
	for (size_t i = 0; i < c->nr; i++)
		matrix(out, r, &c->matrices[i], tmp);
	fputs("</section>\n", out);
}
