/* decode.c - bounded base64 (base64.c's) and percent decoding; see
 * decode.h. */
#include "decode.h"

#include <string.h>

#include "base64.h"

int decode_base64(const char *in, size_t len, struct strbuf *out)
{
	return len ? base64_decode(in, len, BASE64_STD, DECODE_MAX, out) : -1;
}

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int decode_percent(const char *in, size_t len, const char *keep,
		   struct strbuf *out)
{
	int n = 0;

	if (len > DECODE_MAX)
		return -1;
	for (size_t i = 0; i < len; i++) {
		int hi, lo, c;

		if (in[i] != '%' || i + 2 >= len ||
		    (hi = hexval((unsigned char)in[i + 1])) < 0 ||
		    (lo = hexval((unsigned char)in[i + 2])) < 0) {
			strbuf_addch(out, in[i]);
			continue;
		}
		c = hi << 4 | lo;
		if (keep && c && strchr(keep, c)) {
			strbuf_add(out, in + i, 3);
		} else {
			strbuf_addch(out, c);
			n++;
		}
		i += 2;
	}
	return n;
}

/* The length of the UTF-8 sequence at s[0..n), 0 when invalid. */
static size_t utf8_len(const unsigned char *s, size_t n)
{
	size_t k;
	unsigned c = s[0];

	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf)
		k = 2;
	else if (c >= 0xe0 && c <= 0xef)
		k = 3;
	else if (c >= 0xf0 && c <= 0xf4)
		k = 4;
	else
		return 0;
	if (n < k)
		return 0;
	for (size_t i = 1; i < k; i++)
		if ((s[i] & 0xc0) != 0x80)
			return 0;
	if ((c == 0xe0 && s[1] < 0xa0) || (c == 0xed && s[1] >= 0xa0) ||
	    (c == 0xf0 && s[1] < 0x90) || (c == 0xf4 && s[1] >= 0x90))
		return 0;
	return k;
}

int decode_is_text(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;

	if (!n)
		return 0;
	for (size_t i = 0; i < n; ) {
		size_t k;

		if (p[i] < 0x20 && p[i] != '\t' && p[i] != '\n' &&
		    p[i] != '\r')
			return 0;
		if (p[i] == 0x7f)
			return 0;
		k = utf8_len(p + i, n - i);
		if (!k)
			return 0;
		i += k;
	}
	return 1;
}
