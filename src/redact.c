/* redact.c - secret redaction; see redact.h. */
#include "redact.h"

#include <string.h>

void redact_secret(const char *secret, struct strbuf *out)
{
	size_t len = strlen(secret), keep, chars = 0, i;

	/* count characters, not bytes: never cut a UTF-8 sequence */
	for (i = 0; i < len; i++)
		if (((unsigned char)secret[i] & 0xC0) != 0x80)
			chars++;
	keep = chars / 4 < 4 ? chars / 4 : 4;
	for (i = 0; i < len && keep; i++) {
		if (i + 1 < len &&
		    ((unsigned char)secret[i + 1] & 0xC0) == 0x80)
			continue;
		keep--;
	}
	while (i < len && ((unsigned char)secret[i] & 0xC0) == 0x80)
		i++;
	strbuf_add(out, secret, i);
	strbuf_addf(out, "\xe2\x80\xa6(%zu chars)", chars);
}

const char *report_secret_text(const struct report *r,
			       const struct finding *f, struct strbuf *tmp)
{
	if (!f->secret)
		return NULL;
	if (r->show_secrets)
		return f->secret;
	strbuf_reset(tmp);
	redact_secret(f->secret, tmp);
	return tmp->buf;
}
