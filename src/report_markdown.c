/* report_markdown.c - the report as Markdown, for a pull-request comment
 * or a CI job summary: counts, a table of findings, then each finding with
 * the guideline it breaks; endpoint facts and notices last. Secrets are
 * redacted unless --show-secrets. */
#include <stdio.h>
#include <string.h>

#include "escape.h"
#include "redact.h"
#include "report.h"
#include "rule.h"
#include "strbuf.h"

static void location(FILE *out, const struct finding *f)
{
	struct strbuf sb = STRBUF_INIT;

	report_where(f, &sb);
	escape_md(out, sb.buf);
	strbuf_release(&sb);
}

static void summary(FILE *out, const struct report *r)
{
	unsigned long n[SEV__COUNT];

	report_count_severities(r, n);
	fprintf(out, "**%zu finding%s**", r->findings.nr,
		r->findings.nr == 1 ? "" : "s");
	for (int s = SEV__COUNT - 1; s >= 0; s--)
		fprintf(out, "%s%s %lu", s == SEV__COUNT - 1 ? " (" : ", ",
			severity_name((enum severity)s), n[s]);
	fprintf(out, "); %zu at or above `%s`. Profile `", report_count_failing(r),
		severity_name(r->fail_on));
	escape_md(out, r->profile ? r->profile->name : "default");
	fputs("`; targets: ", out);
	for (size_t i = 0; i < r->targets.nr; i++) {
		fputs(i ? ", " : "", out);
		escape_md(out, r->targets.items[i]);
	}
	fputs(".\n\n", out);
}

static void details(FILE *out, const struct report *r, size_t i,
		    struct strbuf *tmp)
{
	const struct finding *f = &r->findings.items[i];
	const struct rule *rule = f->rule;
	const char *secret = report_secret_text(r, f, tmp);

	fprintf(out, "### %zu. %s: ", i + 1, severity_name(f->severity));
	escape_md(out, rule->title);
	fputs("\n\n- rule: ", out);
	escape_md(out, rule->id);
	fputs("\n- where: ", out);
	location(out, f);
	fputs("\n- ", out);
	escape_md(out, f->message);
	if (secret) {
		fputs("\n- secret: ", out);
		escape_md(out, secret);
	}
	if (f->evidence) {
		fputs("\n- evidence: ", out);
		escape_md(out, f->evidence);
	}
	fputs("\n\n> ", out);
	escape_md(out, rule->guideline.quote);
	fputs("\n>\n> ", out);
	escape_md(out, rule->guideline.doc);
	if (rule->guideline.section) {
		fputs(", ", out);
		escape_md(out, rule->guideline.section);
	}
	fputs("\n\n", out);
}

int report_write_markdown(FILE *out, const struct report *r, struct err *e)
{
	struct strbuf tmp = STRBUF_INIT;

	(void)e;
	fprintf(out, "# authaudit %s\n\n", r->command);
	summary(out, r);
	if (r->findings.nr) {
		fputs("| # | severity | rule | where | message |\n"
		      "|---|---|---|---|---|\n", out);
		for (size_t i = 0; i < r->findings.nr; i++) {
			const struct finding *f = &r->findings.items[i];

			fprintf(out, "| %zu | %s | ", i + 1,
				severity_name(f->severity));
			escape_md(out, f->rule->id);
			fputs(" | ", out);
			location(out, f);
			fputs(" | ", out);
			escape_md(out, f->message);
			fputs(" |\n", out);
		}
		fputs("\n## Findings\n\n", out);
		for (size_t i = 0; i < r->findings.nr; i++)
			details(out, r, i, &tmp);
	}
	if (r->nr_endpoints)
		fputs("## Endpoints\n\n", out);
	for (size_t i = 0; i < r->nr_endpoints; i++) {
		const struct kvlist *f = &r->endpoints[i].facts;

		escape_md(out, r->endpoints[i].url);
		fputs("\n\n", out);
		for (size_t k = 0; k < f->nr; k++) {
			fputs("- ", out);
			escape_md(out, f->items[k].key);
			fputs(": ", out);
			escape_md(out, f->items[k].value);
			fputc('\n', out);
		}
		fputc('\n', out);
	}
	if (r->nr_notices)
		fputs("## Not checked\n\n", out);
	for (size_t i = 0; i < r->nr_notices; i++) {
		fputs("- ", out);
		escape_md(out, r->notices[i].where);
		fputs(": ", out);
		escape_md(out, r->notices[i].message);
		fputc('\n', out);
	}
	if (!r->show_secrets && report_has_secret(r))
		fputs("\nSecrets are redacted.\n", out);
	strbuf_release(&tmp);
	return 0;
}
