/* base64url.h - base64url (RFC 4648 section 5), as JWTs carry their
 * parts; the decoder takes the standard alphabet's '+' and '/' too, and
 * padding or none.
 *
 * Ownership: *out of base64url_decode() is the caller's to free(); the
 * encoder appends to the caller's strbuf.
 */
#ifndef AUTHAUDIT_BASE64URL_H
#define AUTHAUDIT_BASE64URL_H

#include <stddef.h>

#include "strbuf.h"

/* in[0..len) to bytes; -1 on a character outside the alphabet. The
 * result is NUL-terminated for convenience. */
int base64url_decode(const char *in, size_t len, unsigned char **out,
		     size_t *outlen);
/* data's bytes appended to out, without padding. */
void base64url_encode(const void *data, size_t len, struct strbuf *out);

#endif
