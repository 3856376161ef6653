/* fuzz_escape.c - every escaper against an oracle written here, not
 * borrowed from the code under test: the output of each is valid UTF-8
 * and says nothing its format would read as markup or control.
 *   escape_text   no C0, DEL or C1 control left
 *   escape_name   the same bytes back through unescape_name()
 *   json_text     the dump parses as JSON
 *   json_name     and its string unescapes to the input
 *   escape_xml    no <, >, ", ', a & only as one of the five entities,
 *                 no C0 but tab, newline and carriage return
 *   escape_md     the same, no newline, and each | ` * _ [ ] \ escaped
 *   escape_uri_path  only unreserved characters, '/' and %XX
 * The input is a C string: the bytes before the first NUL. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "lib/escape.h"
#include "report/report_json.h"

static void check_utf8(const char *what, const char *s, size_t n)
{
	for (size_t i = 0; i < n;) {
		size_t k = fuzz_utf8_len((const unsigned char *)s + i, n - i);

		if (!k)
			fuzz_fail("%s: invalid UTF-8 at byte %zu", what, i);
		i += k;
	}
}

static void check_markup(const char *what, const char *s, size_t n, int md)
{
	static const char *const ents[] = {
		"&amp;", "&lt;", "&gt;", "&quot;", "&#39;"
	};

	check_utf8(what, s, n);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		int ok = 0;

		if (c && strchr("<>\"'", c))
			fuzz_fail("%s: a raw %c at %zu", what, c, i);
		if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') ||
		    c == 0x7f)
			fuzz_fail("%s: control 0x%02x at %zu", what, c, i);
		if (md && (c == '\n' || c == '\r'))
			fuzz_fail("%s: a line break in a table cell", what);
		if (c == '&') {
			for (size_t k = 0; k < 5; k++)
				ok |= !strncmp(s + i, ents[k], strlen(ents[k]));
			if (!ok)
				fuzz_fail("%s: a bare & at %zu", what, i);
		}
		if (md && strchr("|`*_[]\\", c) && c) {
			if (c != '\\')
				fuzz_fail("%s: an unescaped %c at %zu", what,
					  c, i);
			if (++i >= n || !strchr("|`*_[]\\", s[i]))
				fuzz_fail("%s: a backslash escaping nothing",
					  what);
		}
	}
}

static void with_stream(const char *s, void (*fn)(FILE *, const char *),
			const char *what, int md)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	if (!f)
		return;
	fn(f, s);
	fclose(f);
	check_markup(what, buf, len, md);
	free(buf);
}

static void check_json(const char *s, int name)
{
	json_t *j = name ? json_name(s) : json_text(s);
	char *text = json_dumps(j, JSON_ENCODE_ANY);
	json_error_t je;
	json_t *back = text ? json_loads(text, JSON_DECODE_ANY, &je) : NULL;

	if (!back || !json_is_string(back))
		fuzz_fail("json_%s: the dump does not parse",
			  name ? "name" : "text");
	if (name) {
		struct strbuf sb = STRBUF_INIT;

		unescape_name(&sb, json_string_value(back));
		if (strcmp(sb.buf, s))
			fuzz_fail("json_name: the name did not come back");
		strbuf_release(&sb);
	}
	json_decref(back);
	free(text);
	json_decref(j);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_str(data, size);
	struct strbuf sb = STRBUF_INIT, back = STRBUF_INIT;

	escape_text(&sb, s);
	check_utf8("escape_text", sb.buf, sb.len);
	for (size_t i = 0; i < sb.len; i++) {
		unsigned char c = (unsigned char)sb.buf[i];

		if (c < 0x20 || c == 0x7f ||
		    (c == 0xc2 && i + 1 < sb.len &&
		     (unsigned char)sb.buf[i + 1] < 0xa0))
			fuzz_fail("escape_text: a control at %zu", i);
	}

	escape_name(&sb, s);
	check_utf8("escape_name", sb.buf, sb.len);
	unescape_name(&back, sb.buf);
	if (strcmp(back.buf, s))
		fuzz_fail("escape_name: the name did not come back");

	check_json(s, 0);
	check_json(s, 1);
	with_stream(s, escape_xml, "escape_xml", 0);
	with_stream(s, escape_md, "escape_md", 1);

	strbuf_reset(&sb);
	escape_uri_path(&sb, s);
	for (size_t i = 0; i < sb.len; i++) {
		unsigned char c = (unsigned char)sb.buf[i];

		if (c == '%') {
			if (i + 2 >= sb.len || !isxdigit(sb.buf[i + 1]) ||
			    !isxdigit(sb.buf[i + 2]))
				fuzz_fail("escape_uri_path: a cut %%XX");
			i += 2;
		} else if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			     (c >= '0' && c <= '9') || strchr("-._~/", c))) {
			fuzz_fail("escape_uri_path: 0x%02x at %zu", c, i);
		}
	}
	strbuf_release(&sb);
	strbuf_release(&back);
	free(s);
	return 0;
}
