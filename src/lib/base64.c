/* base64.c - base64 both ways, both alphabets; see base64.h. */
#include "base64.h"

/* The value of c in the alphabets of flags, or -1. */
static int b64val(int c, unsigned flags)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if ((c == '+' && (flags & BASE64_STD)) ||
	    (c == '-' && (flags & BASE64_URL)))
		return 62;
	if ((c == '/' && (flags & BASE64_STD)) ||
	    (c == '_' && (flags & BASE64_URL)))
		return 63;
	return -1;
}

int base64_decode(const char *in, size_t len, unsigned flags, size_t max,
		  struct strbuf *out)
{
	size_t keep = out->len, pad = 0, n;
	unsigned acc = 0;
	int bits = 0;

	while (pad < len && in[len - 1 - pad] == '=')
		pad++;
	if (pad > 2 || (pad && len % 4) || (len - pad) % 4 == 1)
		return -1;
	len -= pad;
	n = len / 4 * 3 + (len % 4 ? len % 4 - 1 : 0);
	if ((max && n > max) || strbuf_grow(out, n))
		return -1;
	for (size_t i = 0; i < len; i++) {
		int v = b64val((unsigned char)in[i], flags);

		if (v < 0) {
			strbuf_setlen(out, keep);
			return -1;
		}
		acc = (acc << 6) | (unsigned)v;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			out->buf[out->len++] = (char)(acc >> bits & 0xff);
			acc &= (1u << bits) - 1;
		}
	}
	out->buf[out->len] = '\0';
	return 0;
}

void base64_encode(const void *data, size_t len, unsigned flags,
		   struct strbuf *out)
{
	static const char std[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
				  "abcdefghijklmnopqrstuvwxyz0123456789+/";
	static const char url[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
				  "abcdefghijklmnopqrstuvwxyz0123456789-_";
	const char *tab = flags & BASE64_URL ? url : std;
	const unsigned char *p = data;
	size_t i;

	for (i = 0; i + 2 < len; i += 3) {
		unsigned v = (unsigned)p[i] << 16 | (unsigned)p[i + 1] << 8 |
			     p[i + 2];

		strbuf_addch(out, tab[v >> 18 & 63]);
		strbuf_addch(out, tab[v >> 12 & 63]);
		strbuf_addch(out, tab[v >> 6 & 63]);
		strbuf_addch(out, tab[v & 63]);
	}
	if (len - i == 1) {
		unsigned v = (unsigned)p[i] << 16;

		strbuf_addch(out, tab[v >> 18 & 63]);
		strbuf_addch(out, tab[v >> 12 & 63]);
		if (flags & BASE64_PAD)
			strbuf_addstr(out, "==");
	} else if (len - i == 2) {
		unsigned v = (unsigned)p[i] << 16 | (unsigned)p[i + 1] << 8;

		strbuf_addch(out, tab[v >> 18 & 63]);
		strbuf_addch(out, tab[v >> 12 & 63]);
		strbuf_addch(out, tab[v >> 6 & 63]);
		if (flags & BASE64_PAD)
			strbuf_addch(out, '=');
	}
}
