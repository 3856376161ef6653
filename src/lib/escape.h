/* escape.h - text made safe for the report formats that embed it: XML and
 * HTML (also turning invalid UTF-8 and control characters into U+FFFD,
 * which XML 1.0 cannot carry), Markdown table cells, and URI paths. Every
 * function writes to out and never fails. */
#ifndef AUTHAUDIT_ESCAPE_H
#define AUTHAUDIT_ESCAPE_H

#include <stdio.h>

#include "strbuf.h"

/* Bytes of the valid UTF-8 character at s (1-4; RFC 3629: no overlong
 * forms, surrogates or code points above U+10FFFF), 0 when s starts none.
 * s is NUL-terminated. */
size_t utf8_char_len(const unsigned char *s);
/* s for a terminal or a plain-text report, into out (reset first):
 * control characters (C0, DEL, C1) as \n, \r, \t, \xHH or \u00HH, and
 * bytes of invalid UTF-8 as \xHH, so a file name cannot repaint the
 * screen or forge a report line. */
void escape_text(struct strbuf *out, const char *s);
/* A name (file name, root, secret: any bytes but NUL) as UTF-8 that
 * keeps every byte, into out (reset first): a backslash as the four
 * characters \x5c and each byte of invalid UTF-8 as \xHH (lower-case
 * hex), valid UTF-8 as it is. Reversible: unescape_name() gives the bytes
 * back, and no two names give the same text (docs/json.md). */
void escape_name(struct strbuf *out, const char *s);
/* The reverse, into out (reset first): each \xHH (either case, not
 * \x00) as its byte; any other backslash as it is, so the names of
 * reports older than schema 1.4 read as they were written. */
void unescape_name(struct strbuf *out, const char *s);
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
