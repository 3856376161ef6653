/* report_html.c - the report as one self-contained HTML page for an audit
 * record: inline CSS, charts as inline SVG, no script and no outside
 * resource, so it can be archived, mailed or printed as it is. This file
 * writes the page, its summary (severity chart, key figures), the
 * endpoint facts and the notices, and holds the helpers every part uses;
 * the other sections are report_html_*.c (report_html.h). */
#include <stdio.h>
#include <string.h>

#include "compliance.h"
#include "report_format.h"
#include "report_html.h"
#include "core/report.h"
#include "core/rule.h"
#include "lib/escape.h"
#include "lib/strbuf.h"

static void figure(FILE *out, const char *id, unsigned long n,
		   const char *what)
{
	fprintf(out, "<div class=\"figure%s\"><b id=\"%s\">%lu</b>%s</div>",
		n ? "" : " zero", id, n, what);
}

/* What the run found and did not report, as the text summary's
 * "suppressed:" and "contexts:" lines count it: the baseline, inline
 * allows, the ignore file and allow.paths, --exclude-context, and the
 * baseline's stale entries. Shown when zero too, so a reader sees that
 * nothing was set aside. */
static void set_aside(FILE *out, const struct report *r)
{
	const struct report_stats *s = &r->stats;

	fputs("<div class=\"fgroup\" id=\"set-aside\"><h4>Set aside, not "
	      "in the findings</h4><div class=\"frow\">", out);
	figure(out, "set-aside-baseline", s->suppressed_baseline,
	       "by baseline");
	figure(out, "set-aside-inline", s->suppressed_inline,
	       "inline (authaudit:allow)");
	figure(out, "set-aside-ignored", s->suppressed_ignored,
	       "ignored (ignore file, allow.paths)");
	if (s->suppressed_context)
		figure(out, "set-aside-context", s->suppressed_context,
		       "left out by context");
	if (r->stale.nr)
		figure(out, "stale", r->stale.nr, "stale baseline entries");
	fputs("</div></div>", out);
}

/* Where the findings are (the text summary's "contexts:" line), when
 * any is outside production. */
static void contexts(FILE *out, const struct report_view *v)
{
	static const char *const what[CONTEXT__COUNT] = {
		[CONTEXT_PRODUCTION] = "production",
		[CONTEXT_TEST] = "in tests",
		[CONTEXT_EXAMPLE] = "in examples",
		[CONTEXT_DOCS] = "in docs",
	};

	if (!v->any_context)
		return;
	fputs("<div class=\"fgroup\" id=\"contexts\"><h4>Where they are"
	      "</h4><div class=\"frow\">", out);
	for (int c = 0; c < CONTEXT__COUNT; c++) {
		char id[32];

		snprintf(id, sizeof(id), "context-%s",
			 finding_context_name((enum finding_context)c));
		figure(out, id, v->by_context[c], what[c]);
	}
	fputs("</div></div>", out);
}

static void summary(FILE *out, const struct report_view *rv)
{
	const struct report *r = rv->r;
	const struct compliance *c = &rv->compliance;

	unsigned long n[SEV__COUNT], v[COMPLY__COUNT] = { 0 };

	report_count_severities(r, n);
	for (size_t i = 0; i < c->nr; i++)
		for (int k = 0; k < COMPLY__COUNT; k++)
			v[k] += c->matrices[i].count[k];
	fputs("<section id=\"summary\"><h2>Summary</h2>"
	      "<div class=\"cols\"><figure class=\"chart\">", out);
	html_severity_chart(out, n);
	fputs("<figcaption>Findings by severity</figcaption></figure>"
	      "<div class=\"figures\"><div class=\"fgroup\"><h4>Findings"
	      "</h4><div class=\"frow\">", out);
	fprintf(out, "<div class=\"figure\"><b id=\"total\">%zu</b>"
		"in all</div><div class=\"figure\"><b id=\"failing\">%zu"
		"</b>at or above %s</div><div class=\"figure\"><b>%zu</b>"
		"not checked</div></div></div>", r->findings.nr,
		report_count_failing(r), severity_name(r->fail_on),
		r->nr_notices);
	contexts(out, rv);
	set_aside(out, r);
	if (c->nr) {
		fputs("<div class=\"fgroup\"><h4>Guideline statements "
		      "\xc3\x97 targets</h4><div class=\"frow\">", out);
		for (int k = 0; k < COMPLY__COUNT; k++)
			fprintf(out, "<div class=\"figure verdict %s\"><b>%lu"
				"</b>%s</div>",
				compliance_verdict_name(
					(enum compliance_verdict)k), v[k],
				k == COMPLY_NOT_TESTED ? "not tested" :
				compliance_verdict_name(
					(enum compliance_verdict)k));
		fputs("</div></div>", out);
	}
	fputs("</div></div></section>\n", out);
}

static void facts(FILE *out, const struct report *r)
{
	if (!r->nr_endpoints)
		return;
	fputs("<section id=\"endpoints\"><h2>Endpoints</h2>"
	      "<div class=\"facts\">\n", out);
	for (size_t i = 0; i < r->nr_endpoints; i++) {
		const struct kvlist *f = &r->endpoints[i].facts;

		fputs("<table class=\"kv\"><caption><code>", out);
		html_text(out, r->endpoints[i].url);
		fputs("</code></caption>\n", out);
		for (size_t k = 0; k < f->nr; k++) {
			fputs("<tr><th>", out);
			html_text(out, f->items[k].key);
			fputs("</th><td>", out);
			html_text(out, f->items[k].value);
			fputs("</td></tr>\n", out);
		}
		fputs("</table>\n", out);
	}
	fputs("</div></section>\n", out);
}

static void notices(FILE *out, const struct report *r)
{
	if (!r->nr_notices)
		return;
	fprintf(out, "<section id=\"notices\"><h2>Not checked "
		"<span class=\"count\">%zu</span></h2><table class=\"list\">"
		"<tr><th>where</th><th>why</th></tr>\n", r->nr_notices);
	for (size_t i = 0; i < r->nr_notices; i++) {
		fputs("<tr><td><code>", out);
		html_text(out, r->notices[i].where);
		fputs("</code></td><td>", out);
		html_text(out, r->notices[i].message);
		fputs("</td></tr>\n", out);
	}
	fputs("</table></section>\n", out);
}

int report_view_html(FILE *out, const struct report_view *v, struct err *e)
{
	const struct report *r = v->r;
	const struct compliance *c = &v->compliance;
	struct strbuf tmp = STRBUF_INIT;

	(void)e;
	fputs("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8"
	      "\"><meta name=\"viewport\" content=\"width=device-width\">"
	      "<title>authaudit ", out);
	html_text(out, r->audit ? r->audit->name : r->command);
	fprintf(out, " report</title><style>%s</style></head><body>\n",
		html_style);
	html_header(out, r);
	summary(out, v);
	if (r->audit)
		html_audit(out, r, &tmp);
	html_findings_views(out, r, &tmp);
	html_matrices(out, r, c, &tmp);
	facts(out, r);
	notices(out, r);
	fputs("<footer>", out);
	if (report_has_secret(r))
		fputs(r->show_secrets ? "<p><strong>This report shows secrets "
		      "in full (--show-secrets): handle it as a secret."
		      "</strong></p>" : "<p>Secrets are redacted: a short "
		      "prefix and the length.</p>", out);
	fputs("<p>Written by authaudit ", out);
	html_text(out, AUTHAUDIT_VERSION);
	fputs(". Each finding cites the sentence of the vendor document it "
	      "breaks.</p></footer>\n</body></html>\n", out);
	strbuf_release(&tmp);
	return 0;
}
