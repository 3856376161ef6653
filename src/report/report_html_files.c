/* report_html_files.c - the HTML report's findings by file: one heading a
 * file (or endpoint), under it each finding on two lines with the code
 * around it (secrets redacted, core/code_lines.h) and the sentence of the
 * document it breaks; and the switch between this view and the findings
 * by guideline statement, which needs no script (CSS :target). */
#include <stdio.h>
#include <string.h>

#include "report_format.h"
#include "report_html.h"
#include "core/redact.h"
#include "core/rule.h"

static int same_file(const struct finding *a, const struct finding *b)
{
	const char *x = a->path ? a->path : a->url;
	const char *y = b->path ? b->path : b->url;
	const char *rx = a->root ? a->root : "", *ry = b->root ? b->root : "";

	return x && y && !strcmp(x, y) && !strcmp(rx, ry);
}

/* The file's name as the findings give it (root and path, or the URL). */
static void file_name(const struct finding *f, struct strbuf *out)
{
	strbuf_reset(out);
	if (f->path)
		report_file_path(f->root, f->path, out);
	else if (f->url)
		strbuf_addstr(out, f->url);
	else
		strbuf_addstr(out, f->target ? f->target : "(no location)");
}

static void one(FILE *out, const struct report *r, const struct finding *f,
		struct strbuf *tmp)
{
	const char *sev = severity_name(f->severity);
	const char *secret;

	fprintf(out, "<div class=\"fi\"><div class=\"fh\"><span class=\"sev "
		"%s\">%s</span> ", sev, sev);
	if (f->line)
		fprintf(out, "<code class=\"at\">%u:%u</code> ", f->line,
			f->column);
	fputs("<code class=\"rule\">", out);
	html_text(out, f->rule->id);
	fputs("</code> <span class=\"msg\">", out);
	html_text(out, f->message);
	fputs("</span>", out);
	secret = report_secret_text(r, f, tmp);
	if (secret) {
		fprintf(out, " <span class=\"secret%s\"><code>",
			r->show_secrets ? " shown" : "");
		html_text(out, secret);
		fputs("</code></span>", out);
	}
	if (f->evidence) {
		fputs(" <span class=\"evidence\">", out);
		html_text(out, f->evidence);
		fputs("</span>", out);
	}
	if (report_presence_text(f)) {
		fputs(" <span class=\"presence\">", out);
		html_text(out, report_presence_text(f));
		fputs("</span>", out);
	}
	if (f->change == CHANGE_NEW)
		fputs(" <span class=\"change new\">new</span>", out);
	fputs("</div>", out);
	html_context(out, r, f, tmp);
	strbuf_reset(tmp);
	guideline_cite(r->rules, &f->rule->guideline, tmp);
	fputs("<div class=\"cite\"><span class=\"doc\">", out);
	html_text(out, tmp->buf);
	fputs("</span>: <q>", out);
	html_text(out, f->rule->guideline.quote);
	fputs("</q></div></div>\n", out);
}

static void by_file(FILE *out, const struct report *r, struct strbuf *tmp)
{
	struct strbuf name = STRBUF_INIT;
	size_t files = 0;

	for (size_t i = 0; i < r->findings.nr; i++)
		files += !i || !same_file(&r->findings.items[i - 1],
					  &r->findings.items[i]);
	fprintf(out, "<section class=\"view\" id=\"by-file\"><h2>Findings "
		"by file <span class=\"count\">%zu</span> <span class=\"muted "
		"sub\">in %zu file%s</span></h2>\n", r->findings.nr, files,
		files == 1 ? "" : "s");
	for (size_t i = 0, k; i < r->findings.nr; i = k) {
		for (k = i + 1; k < r->findings.nr &&
		     same_file(&r->findings.items[i], &r->findings.items[k]);
		     k++)
			;
		file_name(&r->findings.items[i], &name);
		fputs("<section class=\"file\"><h3><code>", out);
		html_text(out, name.buf);
		fprintf(out, "</code> <span class=\"count\">%zu</span></h3>\n",
			k - i);
		for (size_t j = i; j < k; j++)
			one(out, r, &r->findings.items[j], tmp);
		fputs("</section>\n", out);
	}
	strbuf_release(&name);
	fputs("</section>\n", out);
}

void html_findings_views(FILE *out, const struct report *r,
			 struct strbuf *tmp)
{
	fputs("<section id=\"findings\"><nav class=\"views\">"
	      "<span class=\"k\">findings</span> <a href=\"#by-file\">by "
	      "file</a> <a href=\"#by-statement\">by guideline statement"
	      "</a></nav>\n", out);
	if (!r->findings.nr) {
		fputs("<h2>Findings <span class=\"count\">0</span></h2>"
		      "<p class=\"empty\">No findings.</p></section>\n", out);
		return;
	}
	/* by statement first: CSS shows it instead of by-file only when
	 * it is the :target, through the sibling selector */
	html_findings(out, r, tmp);
	by_file(out, r, tmp);
	fputs("</section>\n", out);
}
