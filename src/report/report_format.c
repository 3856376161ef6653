/* report_format.c - the table of formats; see report_format.h. */
#include "report_format.h"

#include <stdlib.h>
#include <string.h>

static const struct report_format fmt_text = {
	"text", "txt", report_write_text
};
static const struct report_format fmt_json = {
	"json", "json", report_write_json
};
static const struct report_format fmt_sarif = {
	"sarif", "sarif", report_write_sarif
};
static const struct report_format fmt_junit = {
	"junit", "junit.xml", report_write_junit
};
static const struct report_format fmt_markdown = {
	"markdown", "md", report_write_markdown
};
static const struct report_format fmt_html = {
	"html", "html", report_write_html
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
