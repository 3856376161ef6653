/* escape.h - text made safe for the report formats that embed it: XML and
 * HTML (also turning invalid UTF-8 and control characters into U+FFFD,
 * which XML 1.0 cannot carry), Markdown table cells, and URI paths. Every
 * function writes to out and never fails. */
#ifndef AUTHAUDIT_ESCAPE_H
#define AUTHAUDIT_ESCAPE_H

#include <stdio.h>

#include "strbuf.h"

/* &, <, >, " and ' as entities; invalid UTF-8 and C0 controls other than
 * tab, newline and carriage return as U+FFFD. */
void escape_xml(FILE *out, const char *s);
/* For a Markdown table cell: | and ` escaped, newlines as spaces, HTML
 * specials as entities, invalid UTF-8 as U+FFFD. */
void escape_md(FILE *out, const char *s);
/* Percent-encode all but unreserved characters and '/' (RFC 3986), for
 * a relative file path as a URI reference. */
void escape_uri_path(struct strbuf *out, const char *s);

#endif
