/* decode.h - the decoders of the scan engine's decoding pass: standard
 * base64 (Kubernetes Secret data, Docker auth) and URI percent-encoding,
 * each bounded, and a test that decoded bytes are text worth judging.
 *
 * Ownership: decoders append to the caller's strbuf; nothing is kept.
 */
#ifndef AUTHAUDIT_DECODE_H
#define AUTHAUDIT_DECODE_H

#include <stddef.h>

#include "strbuf.h"

/* No decoder produces more than this many bytes from one value. */
#define DECODE_MAX (64u << 10)

/* in[0..len) as standard base64 (RFC 4648 section 4: '+' and '/', '='
 * padding or none, no whitespace; base64.h decodes it) appended to out:
 * 0, or -1 when it is empty, a character is outside the alphabet,
 * padding is misplaced, the length cannot be base64, or the result would
 * pass DECODE_MAX (out is left as it was). */
int decode_base64(const char *in, size_t len, struct strbuf *out);

/* in[0..len) with each %XX replaced by its byte, appended to out, except
 * escapes of bytes in `keep` (NULL: none), which stay as written; a '%'
 * not followed by two hex digits stays too. Returns how many escapes
 * were decoded, or -1 past DECODE_MAX (out left as it was). */
int decode_percent(const char *in, size_t len, const char *keep,
		   struct strbuf *out);

/* Is s[0..n) text a credential could be: non-empty, valid UTF-8, no
 * control characters but tab, CR and LF? Binary keystores and noise
 * that happens to be valid base64 are not. */
int decode_is_text(const char *s, size_t n);

#endif
