/* report_html.c - the report as one self-contained HTML page (no script,
 * no outside resource) for audits and scheduled scans: counts, a table of
 * findings, each one's guideline, endpoint facts and notices. Every string
 * is escaped; secrets are redacted unless --show-secrets. */
#include <stdio.h>
#include <string.h>

#include "escape.h"
#include "redact.h"
#include "report.h"
#include "report_json.h"
#include "rule.h"
#include "strbuf.h"

static const char style[] =
	"body{font:14px/1.45 system-ui,sans-serif;margin:2em;color:#222}"
	"table{border-collapse:collapse;width:100%}"
	"th,td{border-bottom:1px solid #ddd;padding:.35em .5em;"
	"text-align:left;vertical-align:top}"
	"code{font:13px ui-monospace,monospace}"
	".sev{font-weight:600;text-transform:uppercase}"
	".critical{color:#fff;background:#8b0000}.high{color:#b00020}"
	".medium{color:#a15c00}.low{color:#0b5cad}.info{color:#666}"
	"blockquote{margin:.3em 0;padding-left:.8em;border-left:3px solid #ccc;"
	"color:#444}details{margin:.2em 0}";

static void location(FILE *out, const struct finding *f)
{
	struct strbuf sb = STRBUF_INIT;

	report_where(f, &sb);
	escape_xml(out, sb.buf);
	strbuf_release(&sb);
}

static void finding_row(FILE *out, const struct report *r,
			const struct finding *f, struct strbuf *tmp)
{
	const struct rule *rule = f->rule;
	const char *secret = report_secret_text(r, f, tmp);
	const char *sev = severity_name(f->severity);

	fprintf(out, "<tr><td class=\"sev %s\">%s</td><td><code>", sev, sev);
	escape_xml(out, rule->id);
	fputs("</code></td><td><code>", out);
	location(out, f);
	fputs("</code></td><td>", out);
	escape_xml(out, f->message);
	if (secret) {
		fputs("<br>secret: <code>", out);
		escape_xml(out, secret);
		fputs("</code>", out);
	}
	if (f->evidence) {
		fputs("<br>evidence: ", out);
		escape_xml(out, f->evidence);
	}
	fputs("<details><summary>guideline</summary><blockquote>", out);
	escape_xml(out, rule->guideline.quote);
	fputs("</blockquote>", out);
	escape_xml(out, rule->guideline.doc);
	if (rule->guideline.section) {
		fputs(", ", out);
		escape_xml(out, rule->guideline.section);
	}
	fputs("</details></td></tr>\n", out);
}

static void facts(FILE *out, const struct report *r)
{
	if (!r->nr_endpoints)
		return;
	fputs("<h2>Endpoints</h2>\n", out);
	for (size_t i = 0; i < r->nr_endpoints; i++) {
		const struct kvlist *f = &r->endpoints[i].facts;

		fputs("<h3><code>", out);
		escape_xml(out, r->endpoints[i].url);
		fputs("</code></h3>\n<table>\n", out);
		for (size_t k = 0; k < f->nr; k++) {
			fputs("<tr><th>", out);
			escape_xml(out, f->items[k].key);
			fputs("</th><td>", out);
			escape_xml(out, f->items[k].value);
			fputs("</td></tr>\n", out);
		}
		fputs("</table>\n", out);
	}
}

int report_write_html(FILE *out, const struct report *r, struct err *e)
{
	struct strbuf tmp = STRBUF_INIT;
	unsigned long n[SEV__COUNT];
	char start[40];

	(void)e;
	report_count_severities(r, n);
	iso8601_ms(&r->start, start, sizeof(start));
	fprintf(out, "<!DOCTYPE html>\n<html lang=\"en\"><head>"
		"<meta charset=\"utf-8\"><title>authaudit %s</title>"
		"<style>%s</style></head><body>\n<h1>authaudit %s</h1>\n<p>",
		r->command, style, r->command);
	fprintf(out, "<strong>%zu finding%s</strong>", r->findings.nr,
		r->findings.nr == 1 ? "" : "s");
	for (int s = SEV__COUNT - 1; s >= 0; s--)
		fprintf(out, "%s<span class=\"sev %s\">%s</span> %lu",
			s == SEV__COUNT - 1 ? " (" : ", ",
			severity_name((enum severity)s),
			severity_name((enum severity)s), n[s]);
	fprintf(out, "); %zu at or above %s. Profile <code>",
		report_count_failing(r), severity_name(r->fail_on));
	escape_xml(out, r->profile ? r->profile->name : "default");
	fprintf(out, "</code>, started %s, authaudit %s.</p>\n<p>Targets: ",
		start, AUTHAUDIT_VERSION);
	for (size_t i = 0; i < r->targets.nr; i++) {
		fputs(i ? ", <code>" : "<code>", out);
		escape_xml(out, r->targets.items[i]);
		fputs("</code>", out);
	}
	fputs("</p>\n", out);
	if (r->findings.nr) {
		fputs("<table>\n<tr><th>severity</th><th>rule</th>"
		      "<th>where</th><th>finding</th></tr>\n", out);
		for (size_t i = 0; i < r->findings.nr; i++)
			finding_row(out, r, &r->findings.items[i], &tmp);
		fputs("</table>\n", out);
	}
	facts(out, r);
	if (r->nr_notices)
		fputs("<h2>Not checked</h2>\n<ul>\n", out);
	for (size_t i = 0; i < r->nr_notices; i++) {
		fputs("<li><code>", out);
		escape_xml(out, r->notices[i].where);
		fputs("</code>: ", out);
		escape_xml(out, r->notices[i].message);
		fputs("</li>\n", out);
	}
	if (r->nr_notices)
		fputs("</ul>\n", out);
	if (!r->show_secrets && report_has_secret(r))
		fputs("<p>Secrets are redacted.</p>\n", out);
	fputs("</body></html>\n", out);
	strbuf_release(&tmp);
	return 0;
}
