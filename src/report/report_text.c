/* report_text.c - the report for people: one block per finding, then what
 * could not be checked, stale baseline entries and a summary with the
 * guideline matrix's counts and, for audits, what changed. Colour only
 * when r->color (a terminal, no NO_COLOR). */
#include <string.h>

#include "compliance.h"
#include "report_format.h"
#include "core/redact.h"
#include "core/report.h"
#include "core/rule.h"
#include "lib/escape.h"
#include "lib/strbuf.h"

#define QUOTE_MAX 100

struct paint {
	const char *on, *off;
};

static struct paint sev_paint(const struct report *r, enum severity s)
{
	static const char *const codes[SEV__COUNT] = {
		"\033[2m", "\033[36m", "\033[33m", "\033[31m", "\033[1;31m"
	};
	struct paint p = { "", "" };

	if (r->color) {
		p.on = codes[s];
		p.off = "\033[0m";
	}
	return p;
}

static void upper(char *dst, const char *src, size_t n)
{
	size_t i;

	for (i = 0; i + 1 < n && src[i]; i++)
		dst[i] = (char)(src[i] >= 'a' && src[i] <= 'z' ?
				src[i] - 32 : src[i]);
	dst[i] = '\0';
}

/* The quoted sentence, shortened on a character boundary. */
static void quote(FILE *out, const char *q)
{
	size_t n = strlen(q);

	if (n <= QUOTE_MAX) {
		fprintf(out, "\"%s\"", q);
		return;
	}
	n = QUOTE_MAX;
	while (n && ((unsigned char)q[n] & 0xC0) == 0x80)
		n--;
	fprintf(out, "\"%.*s\xe2\x80\xa6\"", (int)n, q);
}

static void write_finding(FILE *out, const struct report *r,
			  const struct finding *f, struct strbuf *tmp)
{
	const struct rule *rule = f->rule;
	struct paint p = sev_paint(r, f->severity);
	const char *secret;
	struct strbuf where = STRBUF_INIT, safe = STRBUF_INIT;
	char sev[16];

	upper(sev, severity_name(f->severity), sizeof(sev));
	report_where(f, &where);
	escape_text(&safe, where.buf);
	fprintf(out, "%s  %s%s%s  %s%s%s%s%s\n", safe.buf, p.on, sev, p.off,
		rule->id, f->change == CHANGE_NEW ? "  (new)" : "",
		f->context ? "  [" : "", f->context ?
		finding_context_name(f->context) : "", f->context ? "]" : "");
	strbuf_release(&where);
	escape_text(&safe, f->message);
	fprintf(out, "    %s\n", safe.buf);
	if (guideline_is_policy(&rule->guideline))
		fprintf(out, "    policy: %s (%s)", rule->guideline.section,
			GUIDELINE_POLICY_TITLE);
	else {
		strbuf_reset(tmp);
		guideline_cite(r->rules, &rule->guideline, tmp);
		escape_text(&safe, tmp->buf);
		fprintf(out, "    guideline: %s", safe.buf);
	}
	fputs(": ", out);
	quote(out, rule->guideline.quote);
	fputc('\n', out);
	secret = report_secret_text(r, f, tmp);
	if (secret) {
		escape_text(&safe, secret);
		fprintf(out, "    secret: %s  hmac:%.12s\n", safe.buf,
			f->secret_sha256);
	}
	if (f->evidence) {
		escape_text(&safe, f->evidence);
		fprintf(out, "    evidence: %s\n", safe.buf);
	}
	if (report_presence_text(f))
		fprintf(out, "    %s\n", report_presence_text(f));
	strbuf_release(&safe);
}

/* History scans: what was walked, and how many findings are history
 * only. */
static void write_history(FILE *out, const struct report *r)
{
	const struct report_history *h = r->history;
	size_t tip = 0, past = 0;

	for (size_t i = 0; i < r->findings.nr; i++) {
		tip += r->findings.items[i].presence == PRESENCE_TIP;
		past += r->findings.items[i].presence == PRESENCE_HISTORY;
	}
	if (!strcmp(h->mode, "staged")) {
		fprintf(out, "staged: %lu blob%s against HEAD\n", h->blobs,
			h->blobs == 1 ? "" : "s");
		return;
	}
	fprintf(out, "history: %lu commit%s from %lu tip%s, %lu unique "
		"blob%s at %lu path%s; %zu finding%s still at a tip, %zu in "
		"history only\n", h->commits, h->commits == 1 ? "" : "s",
		h->tips, h->tips == 1 ? "" : "s", h->blobs,
		h->blobs == 1 ? "" : "s", h->paths, h->paths == 1 ? "" : "s",
		tip, tip == 1 ? "" : "s", past);
	if (h->gitlinks || h->missing)
		fprintf(out, "history: %lu submodule%s noted, %lu missing "
			"object%s\n", h->gitlinks, h->gitlinks == 1 ? "" : "s",
			h->missing, h->missing == 1 ? "" : "s");
}

/* One line per profile: the verdicts of its statements x targets. */
static void write_compliance(FILE *out, const struct compliance *c)
{
	for (size_t i = 0; i < c->nr; i++) {
		const struct compliance_matrix *m = &c->matrices[i];

		fprintf(out, "guidelines (%s): %zu statements x %zu target%s: "
			"%lu pass, %lu fail, %lu not tested, %lu error\n",
			m->profile ? m->profile->name : "default",
			m->nr_statements, m->nr_targets,
			m->nr_targets == 1 ? "" : "s", m->count[COMPLY_PASS],
			m->count[COMPLY_FAIL], m->count[COMPLY_NOT_TESTED],
			m->count[COMPLY_ERROR]);
	}
}

/* Audits: the comparison with the previous run, what was resolved and
 * what expires soon. */
static void write_audit(FILE *out, const struct report *r)
{
	const struct report_audit *a = r->audit;
	struct strbuf safe = STRBUF_INIT;
	size_t nw = 0, open = 0;

	for (size_t i = 0; i < r->findings.nr; i++) {
		nw += r->findings.items[i].change == CHANGE_NEW;
		open += r->findings.items[i].change == CHANGE_OPEN;
	}
	if (a->previous)
		fprintf(out, "since the previous run (%s): %zu new, %zu still "
			"open, %zu resolved\n", a->previous_start ?
			a->previous_start : a->previous, nw, open,
			a->resolved.nr);
	else
		fputs("first run: nothing to compare with\n", out);
	for (size_t i = 0; i < a->resolved.nr; i++) {
		const struct finding *f = &a->resolved.items[i];

		escape_text(&safe, f->path ? f->path : f->url ? f->url : "");
		fprintf(out, "resolved: %s %s\n", f->rule->id, safe.buf);
	}
	for (size_t i = 0; i < a->nr_expiring; i++) {
		const struct report_expiry *x = &a->expiring[i];

		escape_text(&safe, x->where);
		fprintf(out, "expiring: %s %s on %s (", x->what, safe.buf,
			x->expires);
		if (x->days_left < 0)
			fprintf(out, "expired %ld days ago)\n", -x->days_left);
		else
			fprintf(out, "in %ld days)\n", x->days_left);
	}
	strbuf_release(&safe);
}

int report_view_text(FILE *out, const struct report_view *v, struct err *e)
{
	const struct report *r = v->r;
	struct strbuf tmp = STRBUF_INIT;
	unsigned long by_sev[SEV__COUNT];
	const struct report_stats *s = &r->stats;

	(void)e;
	report_count_severities(r, by_sev);
	for (size_t i = 0; i < r->findings.nr; i++) {
		write_finding(out, r, &r->findings.items[i], &tmp);
		fputc('\n', out);
	}
	for (size_t i = 0; i < r->nr_endpoints; i++) {
		const struct kvlist *f = &r->endpoints[i].facts;

		escape_text(&tmp, r->endpoints[i].url);
		fprintf(out, "endpoint %s\n", tmp.buf);
		for (size_t k = 0; k < f->nr; k++) {
			escape_text(&tmp, f->items[k].value);
			fprintf(out, "    %s: %s\n", f->items[k].key, tmp.buf);
		}
		fputc('\n', out);
	}
	for (size_t i = 0; i < r->nr_notices; i++) {
		struct strbuf what = STRBUF_INIT;

		escape_text(&tmp, r->notices[i].where);
		escape_text(&what, r->notices[i].message);
		fprintf(out, "notice: %s: %s\n", tmp.buf, what.buf);
		strbuf_release(&what);
	}
	for (size_t i = 0; i < r->stale.nr; i++) {
		const struct finding *f = &r->stale.items[i];

		escape_text(&tmp, f->path ? f->path : f->url ? f->url : "");
		fprintf(out, "stale baseline entry: %s %s (no longer found)\n",
			f->rule->id, tmp.buf);
	}
	if (r->nr_notices || r->stale.nr)
		fputc('\n', out);
	fprintf(out, "%s: %zu finding%s (", r->command, r->findings.nr,
		r->findings.nr == 1 ? "" : "s");
	for (int i = SEV__COUNT - 1; i >= 0; i--)
		fprintf(out, "%s %lu%s", severity_name((enum severity)i),
			by_sev[i], i ? ", " : "");
	fprintf(out, "); %zu at or above %s\n", report_count_failing(r),
		severity_name(r->fail_on));
	if (s->files_scanned || s->files_unreadable || !s->endpoints_probed) {
		fprintf(out, "files: %lu scanned (%.1f MB), %lu unreadable\n",
			s->files_scanned, (double)s->bytes_scanned / 1e6,
			s->files_unreadable);
		fprintf(out, "skipped: %lu binary, %lu too large, %lu "
			"excluded, %lu symlinks, %lu special files, %lu VCS "
			"dirs, %lu git-ignored\n",
			s->files_skipped_binary, s->files_skipped_size,
			s->files_skipped_excluded, s->files_skipped_links,
			s->files_skipped_special, s->dirs_skipped_vcs,
			s->files_skipped_ignored);
	}
	if (s->endpoints_probed)
		fprintf(out, "endpoints: %lu probed\n", s->endpoints_probed);
	if (v->any_context) {
		fputs("contexts:", out);
		for (int c = 0; c < CONTEXT__COUNT; c++)
			fprintf(out, "%s %s %zu", c ? "," : "",
				finding_context_name((enum finding_context)c),
				v->by_context[c]);
		if (s->suppressed_context)
			fprintf(out, "; %lu left out (--exclude-context)",
				s->suppressed_context);
		fputc('\n', out);
	}
	if (r->history)
		write_history(out, r);
	write_compliance(out, &v->compliance);
	if (r->audit)
		write_audit(out, r);
	if (s->suppressed_inline || s->suppressed_baseline ||
	    s->suppressed_ignored) {
		fprintf(out, "suppressed: %lu inline (authaudit:allow), %lu "
			"by baseline", s->suppressed_inline,
			s->suppressed_baseline);
		if (s->suppressed_ignored)
			fprintf(out, ", %lu ignored (ignore file, "
				"allow.paths)", s->suppressed_ignored);
		fputc('\n', out);
	}
	if (!r->show_secrets && report_has_secret(r))
		fputs("secrets are redacted; --show-secrets prints them\n",
		      out);
	strbuf_release(&tmp);
	return 0;
}
