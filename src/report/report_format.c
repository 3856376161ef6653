/* report_format.c - the table of formats; see report_format.h. */
#include "report_format.h"

#include <stdlib.h>
#include <string.h>

static const struct report_format fmt_text = {
	"text", "txt", report_view_text
};
static const struct report_format fmt_json = {
	"json", "json", report_view_json
};
static const struct report_format fmt_sarif = {
	"sarif", "sarif", report_view_sarif
};
static const struct report_format fmt_junit = {
	"junit", "junit.xml", report_view_junit
};
static const struct report_format fmt_markdown = {
	"markdown", "md", report_view_markdown
};
static const struct report_format fmt_html = {
	"html", "html", report_view_html
};

const struct report_format *const report_formats[] = {
	&fmt_text, &fmt_json, &fmt_sarif, &fmt_junit, &fmt_markdown,
	&fmt_html, NULL
};

const struct report_format *report_format_find(const char *name)
{
	for (size_t i = 0; report_formats[i]; i++)
		if (!strcmp(report_formats[i]->name, name))
			return report_formats[i];
	return NULL;
}

static int write_alone(int (*fn)(FILE *, const struct report_view *,
				 struct err *),
		       FILE *out, const struct report *r, struct err *e)
{
	struct report_view v;
	int rc;

	report_view_init(&v, r);
	rc = fn(out, &v, e);
	report_view_release(&v);
	return rc;
}

#define WRITE_ALONE(name) \
	int report_write_##name(FILE *out, const struct report *r, \
				struct err *e) \
	{ \
		return write_alone(report_view_##name, out, r, e); \
	}

WRITE_ALONE(text)
WRITE_ALONE(json)
WRITE_ALONE(sarif)
WRITE_ALONE(junit)
WRITE_ALONE(markdown)
WRITE_ALONE(html)
