/* base64.h - base64 both ways (RFC 4648), the one module for it: the
 * standard alphabet ('+' and '/', section 4: Kubernetes Secret data,
 * Docker auth) and the URL one ('-' and '_', section 5: JWT parts). The
 * decoder takes '=' padding or none, as every caller here needs.
 *
 * Ownership: both append to the caller's strbuf; nothing is kept.
 */
#ifndef AUTHAUDIT_BASE64_H
#define AUTHAUDIT_BASE64_H

#include <stddef.h>

#include "strbuf.h"

enum base64_flag {
	BASE64_STD = 1 << 0, /* '+' and '/' for 62 and 63 */
	BASE64_URL = 1 << 1, /* '-' and '_'; with BASE64_STD, either */
	BASE64_PAD = 1 << 2, /* the encoder pads to four with '=' */
};

/* in[0..len) decoded and appended to out (NUL-terminated, as a strbuf
 * is): 0, or -1 with out left as it was when a character is outside the
 * alphabets flags name, there are more than two '=' or they do not make
 * the length a multiple of four, one character is left over (it cannot
 * make a byte), or the result would pass max bytes (0: no bound). An
 * empty input decodes to nothing. Bits left over past the last byte are
 * not checked. Past the strbuf's cap, out is released (strbuf_grow).
 * On -1 out may hold a grown buffer still: its owner releases it. */
int base64_decode(const char *in, size_t len, unsigned flags, size_t max,
		  struct strbuf *out);
/* data's bytes appended to out in the alphabet of flags (BASE64_URL, or
 * else the standard one), padded with BASE64_PAD. */
void base64_encode(const void *data, size_t len, unsigned flags,
		   struct strbuf *out);

#endif
