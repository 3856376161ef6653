/* redact.c - secret redaction; see redact.h. */
#include "redact.h"

#include <string.h>

#include "lib/escape.h"

/* Decided on bytes, whatever the encoding: the shown prefix is whole,
 * valid, printable UTF-8 of at most a quarter of the secret's bytes and
 * at most 4 characters; an invalid byte or a control character ends it
 * (a Latin-1 secret shows nothing of itself). Characters are counted as
 * valid sequences, an invalid byte counting one. */
void redact_secret(const char *secret, struct strbuf *out)
{
	const unsigned char *s = (const unsigned char *)secret;
	size_t len = strlen(secret), chars = 0, keep, shown = 0, k = 0;

	for (size_t i = 0; i < len; chars++) {
		size_t n = utf8_char_len(s + i);

		i += n ? n : 1;
	}
	keep = chars / 4 < 4 ? chars / 4 : 4;
	while (k < keep && shown < len) {
		size_t n = utf8_char_len(s + shown);

		if (!n || shown + n > len / 4 || (n == 1 && (s[shown] < 0x20 ||
							  s[shown] == 0x7F)))
			break;
		shown += n;
		k++;
	}
	strbuf_add(out, secret, shown);
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
