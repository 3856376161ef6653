/* report_format.h - the report formats as a vtable, and what their
 * writers share: where a finding is, as people read it, and counts.
 *
 * Ownership: writers only read the struct report (core/report.h) and never
 * change it; the strings they append go to the caller's strbuf.
 */
#ifndef AUTHAUDIT_REPORT_FORMAT_H
#define AUTHAUDIT_REPORT_FORMAT_H

#include <stdio.h>

#include "compliance.h"
#include "core/report.h"
#include "lib/err.h"
#include "lib/severity.h"
#include "lib/strbuf.h"

/* What the writers derive from a report, computed once per run however
 * many formats are written (report_view_init()), so every format says the
 * same and nothing is worked out twice. Owns the matrices; borrows r. */
struct report_view {
	const struct report *r;
	struct compliance compliance;	/* the guideline matrices */
	size_t by_context[CONTEXT__COUNT];	/* findings per context */
	int any_context;		/* a finding not in production, or
					 * some left out by context */
};

void report_view_init(struct report_view *v, const struct report *r);
void report_view_release(struct report_view *v);

struct report_format {
	const char *name;
	const char *ext;		/* file name extension for --output-dir */
	int (*write)(FILE *out, const struct report_view *v, struct err *e);
};

const struct report_format *report_format_find(const char *name);
extern const struct report_format *const report_formats[];

/* Several formats at once (report_set.c). */
#define REPORT_FORMATS_MAX 8
/* "json,sarif" into out (at most REPORT_FORMATS_MAX); e names an unknown
 * or repeated format. */
int report_formats_parse(const char *list, const struct report_format **out,
			 size_t *nr, struct err *e);
/* Create dir (and its parents) when missing; it must be writable. */
int report_dir_prepare(const char *dir, struct err *e);
/* Write r in each format to dir/base.<ext>, each file replaced whole
 * (written aside, then renamed), never in colour. */
int report_write_set(const struct report *r,
		     const struct report_format *const *fmts, size_t nr,
		     const char *dir, const char *base, struct err *e);

/* The writers, one file each (report_<name>.c); docs/formats.md. */
int report_view_text(FILE *out, const struct report_view *v, struct err *e);
int report_view_json(FILE *out, const struct report_view *v, struct err *e);
int report_view_sarif(FILE *out, const struct report_view *v, struct err *e);
int report_view_junit(FILE *out, const struct report_view *v, struct err *e);
int report_view_markdown(FILE *out, const struct report_view *v,
			 struct err *e);
int report_view_html(FILE *out, const struct report_view *v, struct err *e);
/* One format of r alone, its view made and released around it. */
int report_write_text(FILE *out, const struct report *r, struct err *e);
int report_write_json(FILE *out, const struct report *r, struct err *e);
int report_write_sarif(FILE *out, const struct report *r, struct err *e);
int report_write_junit(FILE *out, const struct report *r, struct err *e);
int report_write_markdown(FILE *out, const struct report *r,
			  struct err *e);
int report_write_html(FILE *out, const struct report *r, struct err *e);

/* Where a finding is, as people read it: "root/path:line:col" (no root
 * for "." or a file given directly), or the endpoint's URL; appended.
 * History scans add the commit that introduced it there, " (commit
 * 1a2b3c4d, Dana Commit, 2024-03-01)", or " (staged)". */
void report_where(const struct finding *f, struct strbuf *out);
/* History scans: one line on whether the secret is still at a tip, for
 * people; NULL when the finding is not from a history scan. */
const char *report_presence_text(const struct finding *f);
/* The same in two or three words ("history only"), or NULL. */
const char *report_presence_word(const struct finding *f);
/* The context of a finding outside production code ("test", "example",
 * "docs"), for the writers that name only those; NULL in production. */
const char *report_context_word(const struct finding *f);
/* Findings per severity into n (indexed by enum severity). */
void report_count_severities(const struct report *r,
			     unsigned long n[SEV__COUNT]);
/* Does any finding carry a secret? (for the "redacted" footer) */
int report_has_secret(const struct report *r);

#endif
