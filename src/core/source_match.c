/* source_match.c - what the source kinds share: a finding at a match, at
 * its path and each alias, and line and column of an offset; declared in
 * rule_kind.h. */
#include "rule_kind.h"

#include <stdint.h>
#include <string.h>

#include "lib/xalloc.h"

/* Columns count code points: a UTF-8 lead byte starts one, continuation
 * bytes (10xxxxxx) do not, and a stray byte counts as one. A CR before
 * the LF belongs to the line ending. */

/* A continuation byte is 10xxxxxx. Eight bytes at a time: bit 0 of each
 * byte of `cont` is set for a continuation byte, of `ascii` for a byte
 * before it that is ASCII. */
#define ONES 0x0101010101010101ULL

/* w's bytes in memory order, first in the low byte. */
static uint64_t le64(uint64_t w)
{
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	return __builtin_bswap64(w);
#else
	return w;
#endif
}

unsigned long text_lines(const char *p, size_t n)
{
	unsigned long k = 0;

	for (const char *end = p + n; (p = memchr(p, '\n', (size_t)(end - p)));
	     p++)
		k++;
	return k;
}

unsigned long text_width(const char *s, size_t n, int prev)
{
	const unsigned char *p = (const unsigned char *)s;
	unsigned long k = 0;
	unsigned before = prev < 0 ? 0 : (unsigned)prev;
	size_t i = 0;

	/* a lead or ASCII byte starts a character; so does a continuation
	 * byte after an ASCII one (or at a line start: no lead before it) */
	for (; i + 8 <= n; i += 8) {
		uint64_t w, pw, cont, ascii;

		memcpy(&w, p + i, 8);
		w = le64(w);
		pw = (w << 8) | before;
		cont = (w >> 7) & ~(w >> 6) & ONES;
		ascii = ~(pw >> 7) & ONES;
		/* each byte 0 or 1: the product's top byte is their sum */
		k += 8 - ((cont * ONES) >> 56) + (((cont & ascii) * ONES) >> 56);
		before = p[i + 7];
	}
	for (; i < n; i++) {
		k += (p[i] & 0xC0) != 0x80 || before < 0x80;
		before = p[i];
	}
	return k;
}

void text_position(const char *buf, size_t off, unsigned *line,
		   unsigned *col)
{
	const char *ls = off ? memrchr(buf, '\n', off) : NULL;

	ls = ls ? ls + 1 : buf;
	*line = 1 + (unsigned)text_lines(buf, (size_t)(ls - buf));
	*col = 1 + (unsigned)text_width(ls, (size_t)(buf + off - ls), -1);
}

static void emit_at(const struct rule *r, const struct source_match *m,
		    const char *path, enum confidence conf, char *message,
		    const char *secret, size_t secret_len, const char *key,
		    struct finding_list *out)
{
	struct finding f = { 0 };

	f.rule = r;
	f.severity = r->severity;
	f.confidence = conf;
	if (m->client_side && !strcmp(r->category, "secret"))
		f.severity = severity_raise(f.severity);
	f.message = message;
	f.path = xstrdup(path);
	f.root = m->root ? xstrdup(m->root) : NULL;
	text_position(m->buf + m->base, m->sstart - m->base, &f.line,
		      &f.column);
	if (f.line == 1)
		f.column += m->base_col - 1;
	f.line += m->base_line - 1;
	if (secret)
		f.secret = xstrndup(secret, secret_len);
	finding_list_add(out, &f, key);
}

void source_match_emit(const struct rule *r, const struct source_match *m,
		       enum confidence conf, char *message,
		       const char *secret, size_t secret_len,
		       struct finding_list *out)
{
	/* without a secret, the matched text identifies the finding */
	char *key = xstrndup(m->buf + m->start, m->end - m->start);

	for (size_t i = 0; i < m->nr_aliases; i++)
		emit_at(r, m, m->aliases[i], conf, xstrdup(message), secret,
			secret_len, key, out);
	emit_at(r, m, m->path, conf, message, secret, secret_len, key, out);
	free(key);
}
