/* escape.c - escaping for XML, HTML, Markdown and URI paths; see
 * escape.h. */
#include "escape.h"

#include <string.h>

#define REPLACEMENT "\xef\xbf\xbd"	/* U+FFFD */

size_t utf8_char_len(const unsigned char *s)
{
	size_t n;
	unsigned cp;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		n = 2;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		n = 3;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		n = 4;
	else
		return 0;
	cp = s[0] & (0x7f >> n);
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	/* overlong forms, surrogates, beyond U+10FFFF */
	if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) ||
	    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
		return 0;
	return n;
}

/* U+FFFE and U+FFFF: valid UTF-8, but no XML 1.0 character. */
static int is_nonchar(const unsigned char *p, size_t n)
{
	return n == 3 && p[0] == 0xef && p[1] == 0xbf &&
	       (p[2] == 0xbe || p[2] == 0xbf);
}

/* Write s with the characters in table replaced, invalid UTF-8, controls
 * and U+FFFE/U+FFFF as U+FFFD; nl_space turns newlines into spaces. */
static void escape_with(FILE *out, const char *s,
			const char *(*entity)(unsigned char), int nl_space)
{
	const unsigned char *p = (const unsigned char *)s;

	while (*p) {
		size_t n = utf8_char_len(p);
		const char *ent;

		if (!n || (*p < 0x20 && *p != '\t' && *p != '\n' &&
			   *p != '\r') || *p == 0x7f) {
			fputs(REPLACEMENT, out);
			p++;
			continue;
		}
		if (is_nonchar(p, n)) {
			fputs(REPLACEMENT, out);
			p += n;
			continue;
		}
		if (n == 1 && nl_space && (*p == '\n' || *p == '\r')) {
			fputc(' ', out);
		} else if (n == 1 && (ent = entity(*p))) {
			fputs(ent, out);
		} else {
			fwrite(p, 1, n, out);
		}
		p += n;
	}
}

static const char *xml_entity(unsigned char c)
{
	switch (c) {
	case '&': return "&amp;";
	case '<': return "&lt;";
	case '>': return "&gt;";
	case '"': return "&quot;";
	case '\'': return "&#39;";
	default: return NULL;
	}
}

static const char *md_entity(unsigned char c)
{
	switch (c) {
	case '|': return "\\|";
	case '`': return "\\`";
	case '*': return "\\*";
	case '_': return "\\_";
	case '[': return "\\[";
	case ']': return "\\]";
	case '\\': return "\\\\";
	default: return xml_entity(c);
	}
}

void escape_xml(FILE *out, const char *s)
{
	escape_with(out, s ? s : "", xml_entity, 0);
}

void escape_md(FILE *out, const char *s)
{
	escape_with(out, s ? s : "", md_entity, 1);
}

void escape_uri_path(struct strbuf *out, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";

	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("-._~/", *p)) {
			strbuf_addch(out, *p);
		} else {
			strbuf_addch(out, '%');
			strbuf_addch(out, hex[*p >> 4]);
			strbuf_addch(out, hex[*p & 15]);
		}
	}
}

void escape_text(struct strbuf *out, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	strbuf_reset(out);
	while (*p) {
		size_t n = utf8_char_len(p);

		if (n == 1 && (*p < 0x20 || *p == 0x7f)) {
			if (*p == '\n')
				strbuf_addstr(out, "\\n");
			else if (*p == '\r')
				strbuf_addstr(out, "\\r");
			else if (*p == '\t')
				strbuf_addstr(out, "\\t");
			else
				strbuf_addf(out, "\\x%02x", *p);
		} else if (n == 2 && p[0] == 0xc2 && p[1] < 0xa0) {
			/* C1 controls: some terminals act on U+009B (CSI) */
			strbuf_addf(out, "\\u%04x", p[1]);
		} else if (!n) {
			strbuf_addf(out, "\\x%02x", *p);
			n = 1;
		} else {
			strbuf_add(out, p, n);
		}
		p += n;
	}
}

void escape_name(struct strbuf *out, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	strbuf_reset(out);
	while (*p) {
		size_t n = utf8_char_len(p);

		if (n && *p != '\\') {
			strbuf_add(out, p, n);
			p += n;
		} else {
			strbuf_addf(out, "\\x%02x", *p++);
		}
	}
}

static int hex_digit(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c |= 0x20;
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

void unescape_name(struct strbuf *out, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	strbuf_reset(out);
	while (*p) {
		int hi, lo;

		if (p[0] == '\\' && p[1] == 'x' &&
		    (hi = hex_digit(p[2])) >= 0 && (lo = hex_digit(p[3])) >= 0 &&
		    (hi | lo)) {
			strbuf_addch(out, (char)(hi << 4 | lo));
			p += 4;
		} else {
			strbuf_addch(out, (char)*p++);
		}
	}
}
