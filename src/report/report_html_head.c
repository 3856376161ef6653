/* report_html_head.c - the top of the HTML report: what ran (command,
 * targets, profiles, when, how long, what was checked), the overall
 * result against --fail-on, and the table of contents. */
#include <stdio.h>
#include <string.h>

#include "report_html.h"
#include "report_json.h"
#include "core/rule_kind.h"

/* "74 ms", "2.4 s", "3 min 12 s": integers only, whatever the locale. */
static void duration(FILE *out, const struct report *r)
{
	long long ms = (long long)(r->end.tv_sec - r->start.tv_sec) * 1000 +
		       (r->end.tv_nsec - r->start.tv_nsec) / 1000000;

	if (ms < 0)
		ms = 0;
	if (ms < 1000)
		fprintf(out, "%lld ms", ms);
	else if (ms < 60000)
		fprintf(out, "%lld.%lld s", ms / 1000, ms % 1000 / 100);
	else
		fprintf(out, "%lld min %lld s", ms / 60000, ms % 60000 / 1000);
}

static void when(FILE *out, const struct timespec *t)
{
	char iso[40];

	iso8601_ms(t, iso, sizeof(iso));
	html_time(out, iso);
}

static void profile_item(FILE *out, const struct profile *p)
{
	fputs("<li><code>", out);
	html_text(out, p ? p->name : "default");
	fputs("</code>", out);
	if (p && p->title) {
		fputs(" \xe2\x80\x94 ", out);
		html_text(out, p->title);
	}
	fputs("</li>", out);
}

/* Each profile the targets are judged under, once, in target order. */
static void profiles(FILE *out, const struct report *r)
{
	fputs("<ul class=\"plain\">", out);
	if (!r->nr_targets)
		profile_item(out, r->profile);
	for (size_t i = 0; i < r->nr_targets; i++) {
		const struct profile *p =
			report_target_profile(r, &r->targets[i]);
		size_t k;

		for (k = 0; k < i; k++)
			if (report_target_profile(r, &r->targets[k]) == p)
				break;
		if (k == i)
			profile_item(out, p);
	}
	fputs("</ul>", out);
}

static void targets(FILE *out, const struct report *r)
{
	fputs("<ul class=\"plain\">", out);
	for (size_t i = 0; i < r->nr_targets; i++) {
		const struct report_target *t = &r->targets[i];

		fputs("<li><code>", out);
		html_text(out, t->name);
		fprintf(out, "</code> <span class=\"tag\">%s</span>",
			rule_target_name(t->kind));
		if (t->profile) {
			fputs(" <span class=\"muted\">profile</span> <code>",
			      out);
			html_text(out, t->profile);
			fputs("</code>", out);
		}
		fputs("</li>", out);
	}
	if (!r->nr_targets)
		fputs("<li class=\"muted\">none</li>", out);
	fputs("</ul>", out);
}

/* What was looked at, beside the duration: only what this run did (what
 * it set aside is in the summary). */
static void scanned(FILE *out, const struct report *r)
{
	const struct report_stats *s = &r->stats;

	if (s->files_scanned) {
		unsigned long long b = s->bytes_scanned;

		fprintf(out, "%lu file%s, ", s->files_scanned,
			s->files_scanned == 1 ? "" : "s");
		if (b < 10240)
			fprintf(out, "%llu bytes; ", b);
		else if (b < 10240ULL * 1024)
			fprintf(out, "%llu KiB; ", b / 1024);
		else
			fprintf(out, "%llu MiB; ", b / (1024 * 1024));
	}
	if (s->endpoints_probed)
		fprintf(out, "%lu endpoint%s; ", s->endpoints_probed,
			s->endpoints_probed == 1 ? "" : "s");
	fprintf(out, "%lu rules", s->rules_loaded);
}

static void masthead(FILE *out, const struct report *r)
{
	size_t failing = report_count_failing(r);
	const char *fo = severity_name(r->fail_on);

	fputs("<header class=\"masthead\"><div>"
	      "<div class=\"brand\">authaudit <span>", out);
	html_text(out, AUTHAUDIT_VERSION);
	fputs("</span></div><h1>", out);
	if (r->audit) {
		fputs("Audit: ", out);
		html_text(out, r->audit->name);
	} else {
		fputs("Security compliance report: ", out);
		html_text(out, r->command);
	}
	fputs("</h1></div>", out);
	if (failing)
		fprintf(out, "<div id=\"result\" class=\"result fail\">"
			"<strong>FAIL</strong><span>%zu finding%s at or above "
			"%s</span></div>", failing, failing == 1 ? "" : "s",
			fo);
	else
		fprintf(out, "<div id=\"result\" class=\"result pass\">"
			"<strong>PASS</strong><span>no finding at or above "
			"%s</span></div>", fo);
	fputs("</header>\n<dl class=\"meta\" id=\"run\"><dt>Command</dt>"
	      "<dd><code>authaudit ", out);
	html_text(out, r->command);
	fprintf(out, "</code> <span class=\"muted\">--fail-on %s</span></dd>"
		"<dt>Started</dt><dd>", fo);
	when(out, &r->start);
	fputs("</dd><dt>Targets</dt><dd>", out);
	targets(out, r);
	fputs("</dd><dt>Duration</dt><dd>", out);
	duration(out, r);
	fputs("</dd><dt>Profiles</dt><dd>", out);
	profiles(out, r);
	fputs("</dd><dt>Checked</dt><dd>", out);
	scanned(out, r);
	fputs("</dd></dl>\n", out);
}

static void contents(FILE *out, const struct report *r)
{
	fputs("<nav class=\"toc\"><a href=\"#summary\">Summary</a>", out);
	if (r->audit)
		fputs("<a href=\"#changes\">Since the previous run</a>", out);
	fputs("<a href=\"#by-file\">Findings by file</a>"
	      "<a href=\"#by-statement\">by statement</a>"
	      "<a href=\"#compliance\">Compliance</a>", out);
	if (r->nr_endpoints)
		fputs("<a href=\"#endpoints\">Endpoints</a>", out);
	if (r->nr_notices)
		fputs("<a href=\"#notices\">Not checked</a>", out);
	fputs("</nav>\n", out);
}

void html_header(FILE *out, const struct report *r)
{
	masthead(out, r);
	contents(out, r);
}
