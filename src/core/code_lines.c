/* context.c - code context of findings, redacted when shown; see
 * context.h. */
#include "code_lines.h"

#include <math.h>
#include <openssl/crypto.h>
#include <stdlib.h>
#include <string.h>

#include "redact.h"
#include "lib/escape.h"
#include "lib/xalloc.h"

/* A copy of buf[a..b), a line, at most CONTEXT_LINE_MAX bytes cut at a
 * whole UTF-8 character; *cut says whether it was longer. */
static char *keep_line(const char *buf, size_t a, size_t b,
		       unsigned char *cut)
{
	size_t n = b - a;

	if (n && buf[b - 1] == '\r')
		n--;
	*cut = n > CONTEXT_LINE_MAX;
	if (*cut) {
		n = CONTEXT_LINE_MAX;
		while (n && ((unsigned char)buf[a + n] & 0xC0) == 0x80)
			n--;
	}
	return xstrndup(buf + a, n);
}

static size_t start_of(const char *buf, size_t off)
{
	const char *nl = off ? memrchr(buf, '\n', off) : NULL;

	return nl ? (size_t)(nl - buf) + 1 : 0;
}

static size_t end_of(const char *buf, size_t len, size_t off)
{
	const char *nl = off < len ? memchr(buf + off, '\n', len - off) : NULL;

	return nl ? (size_t)(nl - buf) : len;
}

static void add_span(struct code_lines *c, unsigned line,
		     unsigned start, unsigned len);

static int token_char(unsigned char ch)
{
	/* not '=': it joins a name to its value ("KEY=value") */
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
	       (ch >= '0' && ch <= '9') || ch == '+' || ch == '/' ||
	       ch == '_' || ch == '-';
}

/* Does s[0..n) look random: letters and digits both, and at least
 * CONTEXT_RANDOM_BITS bits of entropy per character? */
static int looks_random(const char *s, size_t n)
{
	unsigned counts[256] = { 0 };
	int digit = 0, alpha = 0;
	double h = 0;

	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];

		counts[ch]++;
		digit |= ch >= '0' && ch <= '9';
		alpha |= (ch | 0x20) >= 'a' && (ch | 0x20) <= 'z';
	}
	for (int i = 0; i < 256; i++)
		if (counts[i]) {
			double p = (double)counts[i] / (double)n;

			h -= p * log2(p);
		}
	return digit && alpha && h >= CONTEXT_RANDOM_BITS;
}

/* A secret no rule reports may stand beside a finding: mark every run of
 * CONTEXT_RANDOM_MIN or more token characters that looks random. */
static void mark_random(struct code_lines *c)
{
	for (unsigned i = 0; i < c->nr; i++) {
		const char *l = c->lines[i];
		size_t n = strlen(l), a = 0;

		while (a < n) {
			size_t b = a;

			while (b < n && token_char((unsigned char)l[b]))
				b++;
			if (b - a >= CONTEXT_RANDOM_MIN &&
			    looks_random(l + a, b - a))
				add_span(c, i, (unsigned)a, (unsigned)(b - a));
			a = b + 1;
		}
	}
}

struct code_lines *code_lines_capture(const char *buf, size_t len,
					size_t off, unsigned line)
{
	struct code_lines *c;
	size_t ls, starts[CONTEXT_LINES], at;
	unsigned before = 0;

	if (off > len || !line)
		return NULL;
	c = xcalloc(1, sizeof(*c));
	ls = start_of(buf, off);
	/* the lines before, nearest first, then in order */
	at = ls;
	while (before < CONTEXT_BEFORE && at > 0 && before + 1 < line) {
		at = start_of(buf, at - 1);
		before++;
	}
	for (unsigned i = 0; i <= before; i++) {
		starts[i] = at;
		at = end_of(buf, len, at) + 1;
	}
	c->first = line - before;
	c->focus = before;
	c->nr = before + 1;
	for (unsigned i = 0; i < CONTEXT_AFTER; i++) {
		size_t e = end_of(buf, len, starts[c->nr - 1]);

		/* past the last '\n' there is no line, only the end */
		if (e + 1 >= len)
			break;
		starts[c->nr++] = e + 1;
	}
	for (unsigned i = 0; i < c->nr; i++)
		c->lines[i] = keep_line(buf, starts[i],
					end_of(buf, len, starts[i]),
					&c->cut[i]);
	mark_random(c);
	return c;
}

static void add_span(struct code_lines *c, unsigned line,
		     unsigned start, unsigned len)
{
	ALLOC_GROW(c->spans, c->nr_spans, c->alloc_spans);
	c->spans[c->nr_spans].line = line;
	c->spans[c->nr_spans].start = start;
	c->spans[c->nr_spans].len = len;
	c->nr_spans++;
}

void code_lines_mark(struct code_lines *c, const char *secret,
		  unsigned line)
{
	size_t n = strlen(secret);

	if (!n)
		return;
	if (memchr(secret, '\n', n)) {
		unsigned last = line;

		for (const char *p = secret; (p = strchr(p, '\n')); p++)
			last++;
		for (unsigned i = 0; i < c->nr; i++)
			if (c->first + i >= line && c->first + i <= last)
				add_span(c, i, 0, 0);
		return;
	}
	for (unsigned i = 0; i < c->nr; i++) {
		const char *l = c->lines[i], *p = l;
		size_t ll = strlen(l);

		while ((p = strstr(p, secret))) {
			add_span(c, i, (unsigned)(p - l), (unsigned)n);
			p += n;
		}
		/* a secret the cut line ends inside: its kept head */
		if (c->cut[i] && ll) {
			for (size_t k = ll > n ? ll - n + 1 : 1; k < ll; k++)
				if (!strncmp(l + k, secret, ll - k)) {
					add_span(c, i, (unsigned)k,
						 (unsigned)(ll - k));
					break;
				}
		}
	}
}

static int by_start(const void *a, const void *b)
{
	const struct context_span *x = a, *y = b;

	return x->start < y->start ? -1 : x->start > y->start;
}

void code_lines_line(const struct code_lines *c, unsigned i,
		  int show_secrets, struct strbuf *out)
{
	const char *l = c->lines[i];
	size_t ll = strlen(l), at = 0, n = 0;
	struct context_span *sp;

	sp = xcalloc(c->nr_spans + 1, sizeof(*sp));
	for (size_t k = 0; k < c->nr_spans; k++)
		if (c->spans[k].line == i)
			sp[n++] = c->spans[k];
	for (size_t k = 0; k < n && !show_secrets; k++)
		if (!sp[k].len) {
			/* a line of a multi-line secret: all of it */
			strbuf_addstr(out, "\xe2\x80\xa6(a line of a secret, "
				      "redacted)");
			free(sp);
			return;
		}
	if (show_secrets || !n) {
		strbuf_addstr(out, l);
	} else {
		qsort(sp, n, sizeof(*sp), by_start);
		for (size_t k = 0; k < n; k++) {
			size_t s = sp[k].start, e = sp[k].len ?
				   s + sp[k].len : ll;

			if (e <= at)
				continue;
			if (s < at)
				s = at;
			strbuf_add(out, l + at, s - at);
			/* overlapping spans: one redaction to the last end */
			while (k + 1 < n && sp[k + 1].start < e && sp[k + 1].len) {
				size_t e2 = sp[k + 1].start + sp[k + 1].len;

				e = e2 > e ? e2 : e;
				k++;
			}
			{
				char *secret = xstrndup(l + s, e - s);

				redact_secret(secret, out);
				OPENSSL_cleanse(secret, e - s);
				free(secret);
			}
			at = e;
		}
		strbuf_addstr(out, l + at);
	}
	if (c->cut[i])
		strbuf_addstr(out, "\xe2\x80\xa6");
	free(sp);
}

void code_lines_free(struct code_lines *c)
{
	if (!c)
		return;
	for (unsigned i = 0; i < c->nr; i++) {
		OPENSSL_cleanse(c->lines[i], strlen(c->lines[i]));
		free(c->lines[i]);
	}
	free(c->spans);
	free(c);
}
