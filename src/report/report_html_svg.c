/* report_html_svg.c - the HTML report's charts as inline SVG: findings by
 * severity (one bar each, critical first) and an audit's trend (stacked
 * bars per run, oldest first, this run last). Every number is also
 * written as text, so a chart reads without colour; every string is
 * escaped; coordinates are integers, so no locale can change them. */
#include <stdio.h>
#include <string.h>

#include "report_format.h"
#include "report_html.h"
#include "report_json.h"

/* Print-safe fills, by enum severity (info .. critical). */
static const char *const fill[SEV__COUNT] = {
	"#7b8794", "#2563a8", "#d48806", "#c8322b", "#6e0f12"
};

void html_severity_chart(FILE *out, const unsigned long n[SEV__COUNT])
{
	enum { ROW = 28, LEFT = 78, BAR_W = 300, W = 440 };
	unsigned long max = 1;

	for (int s = 0; s < SEV__COUNT; s++)
		if (n[s] > max)
			max = n[s];
	fprintf(out, "<svg id=\"chart-severity\" class=\"chart\" "
		"viewBox=\"0 0 %d %d\" "
		"width=\"%d\" height=\"%d\" role=\"img\" aria-label=\""
		"Findings by severity:", W, ROW * SEV__COUNT + 8, W,
		ROW * SEV__COUNT + 8);
	for (int s = SEV__COUNT - 1; s >= 0; s--)
		fprintf(out, " %s %lu%s", severity_name((enum severity)s),
			n[s], s ? "," : "");
	fprintf(out, "\"><line x1=\"%d\" y1=\"2\" x2=\"%d\" y2=\"%d\" "
		"class=\"axis\" stroke=\"#8c959f\"/>\n", LEFT, LEFT,
		ROW * SEV__COUNT + 4);
	for (int s = SEV__COUNT - 1, row = 0; s >= 0; s--, row++) {
		const char *name = severity_name((enum severity)s);
		int y = 6 + row * ROW;
		int w = (int)(n[s] * BAR_W / max);

		if (n[s] && w < 2)
			w = 2;
		fprintf(out, "<g class=\"sev-row\"><text class=\"label\" "
			"x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>"
			"<rect class=\"bar %s\" data-severity=\"%s\" "
			"data-value=\"%lu\" x=\"%d\" y=\"%d\" width=\"%d\" "
			"height=\"18\" fill=\"%s\"><title>%s: %lu</title>"
			"</rect><text class=\"value\" x=\"%d\" y=\"%d\">%lu"
			"</text></g>\n", LEFT - 8, y + 13, name, name, name,
			n[s], LEFT, y, w, fill[s], name, n[s],
			LEFT + w + 6, y + 13, n[s]);
	}
	fputs("</svg>", out);
}

/* The smallest 1, 2 or 5 times a power of ten at or above x (x > 0). */
static unsigned long nice_step(unsigned long x)
{
	unsigned long p = 1;

	for (;;) {
		if (x <= p)
			return p;
		if (x <= 2 * p)
			return 2 * p;
		if (x <= 5 * p)
			return 5 * p;
		p *= 10;
	}
}

/* One run's stacked bar: critical at the bottom, then down the scale. */
static void trend_bar(FILE *out, const char *when,
		      const unsigned long *by, int x, int bw, int base,
		      int plot_h, unsigned long top, int this_run,
		      int show_total)
{
	unsigned long total = 0;
	int y = base;

	for (int s = 0; s < SEV__COUNT; s++)
		total += by[s];
	fprintf(out, "<g class=\"point%s\" data-when=\"", this_run ?
		" this-run" : "");
	html_text(out, when);
	fprintf(out, "\" data-total=\"%lu\"><title>", total);
	html_text(out, when);
	fprintf(out, "%s: %lu finding%s (", this_run ? " (this run)" : "",
		total, total == 1 ? "" : "s");
	for (int s = SEV__COUNT - 1; s >= 0; s--)
		fprintf(out, "%s %lu%s", severity_name((enum severity)s),
			by[s], s ? ", " : ")</title>");
	for (int s = SEV__COUNT - 1; s >= 0; s--) {
		int h = (int)(by[s] * (unsigned long)plot_h / top);

		if (!by[s])
			continue;
		if (h < 1)
			h = 1;
		y -= h;
		fprintf(out, "<rect class=\"seg %s\" data-severity=\"%s\" "
			"data-value=\"%lu\" x=\"%d\" y=\"%d\" width=\"%d\" "
			"height=\"%d\" fill=\"%s\"/>",
			severity_name((enum severity)s),
			severity_name((enum severity)s), by[s], x, y, bw, h,
			fill[s]);
	}
	if (show_total)
		fprintf(out, "<text class=\"value\" x=\"%d\" y=\"%d\" "
			"text-anchor=\"middle\">%lu</text>", x + bw / 2,
			y - 4, total);
	fputs("</g>\n", out);
}

/* The date under a bar, and the time (or "this run") below it. */
static void trend_label(FILE *out, const char *when, int cx, int y,
			int this_run)
{
	size_t len = strlen(when);

	fprintf(out, "<text class=\"tick\" x=\"%d\" y=\"%d\" "
		"text-anchor=\"middle\">", cx, y);
	fprintf(out, "<tspan x=\"%d\">", cx);
	if (len >= 10) {
		char date[11];

		memcpy(date, when, 10);
		date[10] = '\0';
		html_text(out, date);
	} else {
		html_text(out, when);
	}
	fprintf(out, "</tspan><tspan x=\"%d\" dy=\"13\">", cx);
	if (this_run) {
		fputs("this run", out);
	} else if (len >= 16) {
		char hm[6];

		memcpy(hm, when + 11, 5);
		hm[5] = '\0';
		html_text(out, hm);
	}
	fputs("</tspan></text>\n", out);
}

/* The chart holds the last MAX_RUNS runs (this one included). */
#define MAX_RUNS 120

void html_trend_chart(FILE *out, const struct report *r)
{
	enum { W = 760, H = 250, L = 44, R = 32, T = 18, B = 44, TICKS = 4 };
	const struct report_audit *a = r->audit;
	size_t first = a->nr_trend >= MAX_RUNS ? a->nr_trend - MAX_RUNS + 1 : 0;
	size_t n = a->nr_trend - first + 1, every;
	int plot_w = W - L - R, plot_h = H - T - B, slot, bw;
	unsigned long max = 0, step, top, now[SEV__COUNT];
	char start[40];

	report_count_severities(r, now);
	iso8601_ms(&r->start, start, sizeof(start));
	for (size_t i = first; i <= a->nr_trend; i++) {
		const unsigned long *by = i < a->nr_trend ?
			a->trend[i].by_severity : now;
		unsigned long t = 0;

		for (int s = 0; s < SEV__COUNT; s++)
			t += by[s];
		if (t > max)
			max = t;
	}
	step = nice_step(max ? (max + TICKS - 1) / TICKS : 1);
	top = step * TICKS;
	slot = plot_w / (int)n;
	every = slot >= 72 ? 1 : (size_t)((72 + slot - 1) / slot);
	bw = slot * 6 / 10 > 56 ? 56 : slot * 6 / 10;
	fprintf(out, "<svg id=\"chart-trend\" class=\"chart\" "
		"viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" "
		"role=\"img\" aria-label=\"Findings per run, oldest first\">"
		"\n", W, H, W, H);
	for (int k = 0; k <= TICKS; k++) {
		int y = T + plot_h - k * plot_h / TICKS;

		fprintf(out, "<line class=\"grid\" x1=\"%d\" y1=\"%d\" "
			"x2=\"%d\" y2=\"%d\" stroke=\"%s\"/><text "
			"class=\"tick\" x=\"%d\" y=\"%d\" text-anchor=\"end\">"
			"%lu</text>\n", L, y, W - R, y,
			k ? "#e1e4e8" : "#8c959f", L - 6, y + 4,
			step * (unsigned long)k);
	}
	for (size_t j = 0; j < n; j++) {
		int x = L + (int)j * slot + (slot - bw) / 2;
		int last = j + 1 == n;
		const struct report_trend_point *p = &a->trend[first + j];
		const char *w = last ? start : p->when ? p->when : "?";
		/* a date every 72px or so, and always this run's */
		int labelled = last || (j % every == 0 && n - 1 - j >= every);

		/* crowded: totals only where a date stands below */
		trend_bar(out, w, last ? now : p->by_severity, x, bw,
			  T + plot_h, plot_h, top, last,
			  slot >= 28 || labelled);
		if (labelled)
			trend_label(out, w, x + bw / 2, T + plot_h + 16, last);
	}
	fputs("</svg>", out);
}
