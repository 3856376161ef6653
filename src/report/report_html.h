/* report_html.h - the parts of the HTML report (report_html*.c): the page
 * and its header (report_html.c), the style sheet, the charts as inline
 * SVG (report_html_svg.c), the compliance matrices, the findings by
 * guideline statement and an audit's changes. Every part escapes each
 * string it writes with html_text() and never writes a raw secret unless
 * the report says show_secrets. Internal to the HTML writer.
 */
#ifndef AUTHAUDIT_REPORT_HTML_H
#define AUTHAUDIT_REPORT_HTML_H

#include <stdio.h>

#include "compliance.h"
#include "core/finding.h"
#include "core/report.h"
#include "lib/strbuf.h"

extern const char html_style[];

/* s escaped for text and quoted attribute values; NULL writes nothing. */
void html_text(FILE *out, const char *s);
/* s as an id fragment: letters, digits, '.', '_' and '-' kept, anything
 * else as '_', so an id never needs escaping. */
void html_id(FILE *out, const char *s);
/* An ISO 8601 UTC time as "YYYY-MM-DD HH:MM:SS UTC" in a <time>
 * element; anything else as it is; NULL as "an unknown time". */
void html_time(FILE *out, const char *iso);
/* Where f is (report_where), escaped. */
void html_where(FILE *out, const struct finding *f);
/* f in one compact paragraph: rule id, where, message, evidence and the
 * (redacted) secret; for matrix cells. */
void html_finding_brief(FILE *out, const struct report *r,
			const struct finding *f, struct strbuf *tmp);
/* The head row of a findings table and one row per finding; with_change
 * adds the audit's column (new / still open). */
void html_findings_head(FILE *out, int with_change);
void html_finding_row(FILE *out, const struct report *r,
		      const struct finding *f, int with_change,
		      struct strbuf *tmp);

/* The lines around f (core/code_lines.h), secrets redacted, as a <pre>;
 * nothing when the finding has none. */
void html_context(FILE *out, const struct report *r, const struct finding *f,
		  struct strbuf *tmp);

/* Sections, in page order. */
void html_header(FILE *out, const struct report *r);
void html_severity_chart(FILE *out, const unsigned long n[SEV__COUNT]);
void html_audit(FILE *out, const struct report *r, struct strbuf *tmp);
void html_trend_chart(FILE *out, const struct report *r);
/* The findings: a switch between two views, by guideline statement
 * (html_findings) and by file, shown one at a time without script. */
void html_findings_views(FILE *out, const struct report *r,
			 struct strbuf *tmp);
void html_findings(FILE *out, const struct report *r, struct strbuf *tmp);
/* After the findings: failed and errored statements open, the rest in a
 * closed <details>. */
void html_matrices(FILE *out, const struct report *r,
		   const struct compliance *c, struct strbuf *tmp);

#endif
