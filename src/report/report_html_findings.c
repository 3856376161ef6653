/* report_html_findings.c - the HTML report's findings, grouped by the
 * guideline statement each breaks (the view beside by-file,
 * report_html_files.c) (a finding stands under every statement
 * its rule tests), then "Other rules" grouped by each rule's own
 * guideline; and the finding rows and briefs other sections share. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report_format.h"
#include "report_html.h"
#include "core/redact.h"
#include "core/rule.h"
#include "lib/xalloc.h"

static void secret(FILE *out, const struct report *r,
		   const struct finding *f, struct strbuf *tmp)
{
	const char *s = report_secret_text(r, f, tmp);

	if (!s)
		return;
	fprintf(out, "<span class=\"secret%s\"><span class=\"k\">secret"
		"</span> <code>", r->show_secrets ? " shown" : "");
	html_text(out, s);
	fputs("</code></span>", out);
}

void html_finding_brief(FILE *out, const struct report *r,
			const struct finding *f, struct strbuf *tmp)
{
	const char *sev = severity_name(f->severity);

	fprintf(out, "<span class=\"sev %s\">%s</span> <code class=\"rule\">",
		sev, sev);
	html_text(out, f->rule->id);
	fputs("</code> <span class=\"msg\">", out);
	html_text(out, f->message);
	fputs("</span>", out);
	if (f->evidence) {
		fputs(" \xe2\x80\x94 <span class=\"evidence\">", out);
		html_text(out, f->evidence);
		fputs("</span>", out);
	}
	fputs("<div class=\"loc\"><code class=\"where\">", out);
	html_where(out, f);
	fputs("</code>", out);
	if (report_context_word(f))
		fprintf(out, " <span class=\"ctx %s\">%s</span>",
			report_context_word(f), report_context_word(f));
	if (f->secret) {
		fputc(' ', out);
		secret(out, r, f, tmp);
	}
	fputs("</div>", out);
}

void html_findings_head(FILE *out, int with_change)
{
	fprintf(out, "<table class=\"findings\"><thead><tr>"
		"<th class=\"c-sev\">Severity</th><th class=\"c-rule\">Rule"
		"</th><th class=\"c-where\">Where</th><th>Finding</th>%s"
		"</tr></thead>\n", with_change ?
		"<th class=\"c-change\">Change</th>" : "");
}

/* Class and words of each enum finding_change. */
static const char *const change_class[] = { "none", "new", "open" };
static const char *const change_word[] = {
	"not compared", "new", "still open"
};

void html_finding_row(FILE *out, const struct report *r,
		      const struct finding *f, int with_change,
		      struct strbuf *tmp)
{
	const char *sev = severity_name(f->severity);

	fprintf(out, "<tr class=\"finding\"><td><span class=\"sev %s\">%s"
		"</span></td><td><code class=\"rule\">", sev, sev);
	html_text(out, f->rule->id);
	fputs("</code><div class=\"rtitle\">", out);
	html_text(out, f->rule->title);
	fputs("</div></td><td><code class=\"where\">", out);
	html_where(out, f);
	fputs("</code>", out);
	if (report_context_word(f))
		fprintf(out, " <span class=\"ctx %s\">%s</span>",
			report_context_word(f), report_context_word(f));
	if (report_presence_text(f)) {
		fprintf(out, "<div class=\"presence %s\">",
			finding_presence_name(f->presence));
		html_text(out, report_presence_text(f));
		fputs("</div>", out);
	}
	fputs("</td><td><div class=\"msg\">", out);
	html_text(out, f->message);
	fputs("</div>", out);
	if (f->evidence) {
		fputs("<div class=\"evidence\"><span class=\"k\">evidence"
		      "</span> ", out);
		html_text(out, f->evidence);
		fputs("</div>", out);
	}
	if (f->secret) {
		fputs("<div>", out);
		secret(out, r, f, tmp);
		fputs("</div>", out);
	}
	html_context(out, r, f, tmp);
	fputs("</td>", out);
	if (with_change && (unsigned)f->change <= CHANGE_OPEN)
		fprintf(out, "<td><span class=\"change %s\">%s</span></td>",
			change_class[f->change], change_word[f->change]);
	else if (with_change)
		fputs("<td></td>", out);
	fputs("</tr>\n", out);
}

/* Which statements each finding stands under: those its rule tests
 * (worked out once per rule of the ruleset; a rule from elsewhere, not at
 * its index there, each time) and that the profile of its target audits,
 * as in the matrix. */
struct stmap {
	const struct report *r;
	size_t ns;
	unsigned char *by_rule;		/* rs->nr rows of ns */
	unsigned char *done;
	unsigned char *scratch;
	const struct profile **profile;	/* of each finding's target */
};

static void stmap_init(struct stmap *m, const struct report *r)
{
	const struct ruleset *rs = r->rules;

	m->r = r;
	m->ns = rs->nr_statements;
	m->by_rule = xcalloc(rs->nr * m->ns + 1, 1);
	m->done = xcalloc(rs->nr + 1, 1);
	m->scratch = xcalloc(m->ns + 1, 1);
	m->profile = xcalloc(r->findings.nr + 1, sizeof(*m->profile));
	for (size_t i = 0; i < r->findings.nr; i++) {
		long t = report_target_of(r, &r->findings.items[i]);

		m->profile[i] = t < 0 ? r->profile :
				report_target_profile(r, &r->targets[t]);
	}
}

static void stmap_release(struct stmap *m)
{
	free(m->by_rule);
	free(m->done);
	free(m->scratch);
	free(m->profile);
}

static const unsigned char *rule_row(struct stmap *m,
				     const struct rule *rule)
{
	const struct ruleset *rs = m->r->rules;
	size_t k = rule->index;
	unsigned char *row = m->scratch;

	if (k < rs->nr && rs->rules[k] == rule) {
		row = &m->by_rule[k * m->ns];
		if (m->done[k])
			return row;
		m->done[k] = 1;
	}
	for (size_t s = 0; s < m->ns; s++)
		row[s] = (unsigned char)statement_tests(rs->statements[s],
							rule);
	return row;
}

/* Does finding i stand under statement s? */
static int listed(struct stmap *m, size_t i, size_t s)
{
	return rule_row(m, m->r->findings.items[i].rule)[s] &&
	       profile_covers(m->profile[i], m->r->rules->statements[s]);
}

static void quote(FILE *out, const struct report *r,
		  const struct guideline *g)
{
	struct strbuf cite = STRBUF_INIT;

	guideline_cite(r->rules, g, &cite);
	fputs("<blockquote class=\"quote\">", out);
	html_text(out, g->quote);
	fputs("<footer>", out);
	html_text(out, cite.buf);
	fputs("</footer></blockquote>\n", out);
	strbuf_release(&cite);
}

static void by_statement(FILE *out, const struct report *r,
			 struct stmap *map, size_t s, struct strbuf *tmp)
{
	const struct statement *st = r->rules->statements[s];
	size_t n = 0;

	for (size_t i = 0; i < r->findings.nr; i++)
		n += listed(map, i, s);
	if (!n)
		return;
	fputs("<section class=\"group\" id=\"stmt-", out);
	html_id(out, st->id);
	fputs("\"><h3>", out);
	html_text(out, st->title);
	fputs(" <code class=\"sid\">", out);
	html_text(out, st->id);
	fprintf(out, "</code> <span class=\"count\">%zu</span></h3>\n", n);
	quote(out, r, &st->guideline);
	html_findings_head(out, r->audit != NULL);
	for (size_t i = 0; i < r->findings.nr; i++)
		if (listed(map, i, s))
			html_finding_row(out, r, &r->findings.items[i],
					 r->audit != NULL, tmp);
	fputs("</table></section>\n", out);
}

static int same_guideline(const struct guideline *a,
			  const struct guideline *b)
{
	return !strcmp(a->quote ? a->quote : "", b->quote ? b->quote : "") &&
	       !strcmp(a->doc ? a->doc : "", b->doc ? b->doc : "");
}

/* Findings of rules in no statement, by guideline, in order of first
 * appearance. other[i] marks them and is cleared as they are written. */
static void others(FILE *out, const struct report *r, unsigned char *other,
		   size_t n, struct strbuf *tmp)
{
	fprintf(out, "<section class=\"group other\" id=\"other-rules\"><h3>"
		"Other rules <span class=\"count\">%zu</span></h3>\n"
		"<p class=\"muted\">Findings of rules that test no statement "
		"of the guideline catalogue that their profile audits, under "
		"each rule's own guideline.</p>\n", n);
	for (size_t i = 0; i < r->findings.nr; i++) {
		const struct guideline *g;

		if (!other[i])
			continue;
		g = &r->findings.items[i].rule->guideline;
		quote(out, r, g);
		html_findings_head(out, r->audit != NULL);
		for (size_t k = i; k < r->findings.nr; k++) {
			const struct finding *f = &r->findings.items[k];

			if (!other[k] || !same_guideline(&f->rule->guideline,
							 g))
				continue;
			html_finding_row(out, r, f, r->audit != NULL, tmp);
			other[k] = 0;
		}
		fputs("</table>\n", out);
	}
	fputs("</section>\n", out);
}

void html_findings(FILE *out, const struct report *r, struct strbuf *tmp)
{
	size_t ns = r->rules ? r->rules->nr_statements : 0, n_other = 0;
	unsigned char *other = xcalloc(r->findings.nr + 1, 1);
	struct stmap map = { 0 };

	if (ns)
		stmap_init(&map, r);
	fprintf(out, "<section class=\"view\" id=\"by-statement\"><h2>"
		"Findings by guideline statement <span class=\"count\">%zu"
		"</span></h2>\n", r->findings.nr);
	for (size_t i = 0; i < r->findings.nr; i++) {
		other[i] = 1;
		for (size_t s = 0; s < ns && other[i]; s++)
			other[i] = !listed(&map, i, s);
		n_other += other[i];
	}
	for (size_t s = 0; s < ns; s++)
		by_statement(out, r, &map, s, tmp);
	if (n_other)
		others(out, r, other, n_other, tmp);
	fputs("</section>\n", out);
	free(other);
	if (ns)
		stmap_release(&map);
}
