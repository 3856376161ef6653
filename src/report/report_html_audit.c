/* report_html_audit.c - the HTML report's "Since the previous run" section
 * for audits: new, still-open and resolved findings, what expires within
 * the warning window, and the trend of findings per run. */
#include <stdio.h>

#include "report_html.h"

static void figure(FILE *out, const char *id, size_t n, const char *what)
{
	fprintf(out, "<div class=\"figure change %s%s\"><b id=\"count-%s\">"
		"%zu</b>%s</div>", id, n ? "" : " zero", id, n, what);
}

static void legend(FILE *out)
{
	fputs("<ul class=\"legend\">", out);
	for (int s = SEV__COUNT - 1; s >= 0; s--)
		fprintf(out, "<li><i class=\"sw %s\"></i>%s</li>",
			severity_name((enum severity)s),
			severity_name((enum severity)s));
	fputs("</ul>\n", out);
}

static void new_findings(FILE *out, const struct report *r, size_t n,
			 struct strbuf *tmp)
{
	fprintf(out, "<h3 id=\"new\">New findings <span class=\"count\">%zu"
		"</span></h3>\n", n);
	if (!n) {
		fputs("<p class=\"empty\">None: nothing appeared since the "
		      "previous run.</p>\n", out);
		return;
	}
	html_findings_head(out, 0);
	for (size_t i = 0; i < r->findings.nr; i++)
		if (r->findings.items[i].change == CHANGE_NEW)
			html_finding_row(out, r, &r->findings.items[i], 0,
					 tmp);
	fputs("</table>\n", out);
}

static void resolved(FILE *out, const struct report *r, struct strbuf *tmp)
{
	const struct finding_list *l = &r->audit->resolved;

	fprintf(out, "<h3 id=\"resolved\">Resolved findings <span "
		"class=\"count\">%zu</span></h3>\n", l->nr);
	if (!l->nr) {
		fputs("<p class=\"empty\">None: every finding of the previous "
		      "run is still there.</p>\n", out);
		return;
	}
	html_findings_head(out, 0);
	for (size_t i = 0; i < l->nr; i++)
		html_finding_row(out, r, &l->items[i], 0, tmp);
	fputs("</table>\n", out);
}

static void expiring(FILE *out, const struct report_audit *a)
{
	fprintf(out, "<h3 id=\"expiring\">Expiring soon <span "
		"class=\"count\">%zu</span></h3>\n", a->nr_expiring);
	if (!a->nr_expiring) {
		fputs("<p class=\"empty\">No certificate or token expires "
		      "within the warning window.</p>\n", out);
		return;
	}
	fputs("<table class=\"list\"><thead><tr><th>What</th><th>Where</th>"
	      "<th>Expires</th><th>When</th></tr></thead>\n", out);
	for (size_t i = 0; i < a->nr_expiring; i++) {
		const struct report_expiry *x = &a->expiring[i];
		long d = x->days_left;

		fprintf(out, "<tr class=\"%s\"><td>", d < 0 ? "expired" :
			"expiring");
		html_text(out, x->what);
		fputs("</td><td><code>", out);
		html_text(out, x->where);
		fputs("</code></td><td>", out);
		html_time(out, x->expires);
		if (d < 0)
			fprintf(out, "</td><td><strong>expired %ld day%s "
				"ago</strong></td></tr>\n", -d,
				d == -1 ? "" : "s");
		else if (d == 0)
			fputs("</td><td><strong>today</strong></td></tr>\n",
			      out);
		else
			fprintf(out, "</td><td>in %ld day%s</td></tr>\n", d,
				d == 1 ? "" : "s");
	}
	fputs("</table>\n", out);
}

void html_audit(FILE *out, const struct report *r, struct strbuf *tmp)
{
	const struct report_audit *a = r->audit;
	size_t n_new = 0, n_open = 0;

	for (size_t i = 0; i < r->findings.nr; i++) {
		n_new += r->findings.items[i].change == CHANGE_NEW;
		n_open += r->findings.items[i].change == CHANGE_OPEN;
	}
	fputs("<section id=\"changes\"><h2>Since the previous run</h2>\n<p>",
	      out);
	if (a->previous) {
		fputs("Compared with the run of ", out);
		html_time(out, a->previous_start);
		fputs(" (<code>", out);
		html_text(out, a->previous);
		fputs("</code>).", out);
	} else {
		fputs("No previous run: this is the first, so every finding "
		      "is new.", out);
	}
	fputs("</p>\n<div class=\"frow changes\">", out);
	figure(out, "new", n_new, "new");
	figure(out, "open", n_open, "still open");
	figure(out, "resolved", a->resolved.nr, "resolved");
	figure(out, "expiring", a->nr_expiring, "expiring soon");
	fputs("</div>\n<h3 id=\"trend\">Trend</h3>\n", out);
	if (!a->nr_trend) {
		fputs("<p class=\"empty\">The trend starts here: this is the "
		      "only run so far.</p>\n", out);
	} else {
		fputs("<figure class=\"chart wide\">", out);
		html_trend_chart(out, r);
		fputs("<figcaption>Findings per run by severity, oldest "
		      "first, this run last.</figcaption>", out);
		legend(out);
		fputs("</figure>\n", out);
	}
	new_findings(out, r, n_new, tmp);
	resolved(out, r, tmp);
	expiring(out, a);
	fputs("</section>\n", out);
}
