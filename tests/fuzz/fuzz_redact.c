/* fuzz_redact.c - redact_secret() on any secret (bytes before the first
 * NUL). Oracle: the output is valid UTF-8 and is a prefix P of the
 * secret then "…(N chars)" exactly; P holds no control character, at
 * most 4 characters and at most a quarter of the secret's bytes, so no
 * run of the secret longer than P is shown. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "core/redact.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char ellipsis[] = "\xe2\x80\xa6";
	char *secret = fuzz_str(data, size), tail[64], *cut = NULL;
	struct strbuf out = STRBUF_INIT;
	size_t len = strlen(secret), plen, chars = 0, pchars = 0;

	redact_secret(secret, &out);
	/* the last one: the prefix may hold a "…" of its own */
	for (char *p = out.buf; (p = strstr(p, ellipsis)); p++)
		cut = p;
	if (!cut)
		fuzz_fail("no ellipsis in '%s'", out.buf);
	plen = (size_t)(cut - out.buf);
	if (plen > len || memcmp(out.buf, secret, plen))
		fuzz_fail("what is shown is not a prefix of the secret");
	if (plen > len / 4)
		fuzz_fail("%zu of %zu bytes shown", plen, len);
	/* whole, valid, printable UTF-8 (RFC 3629, checked here): a
	 * character cut in two, a stray byte or a control is not valid */
	for (size_t i = 0; i < plen; pchars++) {
		const unsigned char *p = (const unsigned char *)secret + i;
		size_t k = fuzz_utf8_len(p, plen - i);

		if (!k)
			fuzz_fail("an invalid or cut character shown");
		if (k == 1 && (p[0] < 0x20 || p[0] == 0x7f))
			fuzz_fail("a control character shown");
		i += k;
	}
	if (pchars > 4)
		fuzz_fail("%zu characters shown", pchars);
	/* N counts valid characters, each invalid byte as one: at least a
	 * quarter of the bytes, at most all of them */
	if (sscanf(cut + strlen(ellipsis), "(%zu chars)", &chars) != 1)
		fuzz_fail("no length after the ellipsis");
	snprintf(tail, sizeof(tail), "%s(%zu chars)", ellipsis, chars);
	if (strcmp(cut, tail))
		fuzz_fail("something after the length: '%s'", cut);
	if (chars > len || chars < len / 4)
		fuzz_fail("%zu characters in %zu bytes", chars, len);
	strbuf_release(&out);
	free(secret);
	return 0;
}
