/* auth_body.c - credential placeholders in request templates: checked at
 * config load, filled in and escaped at send time. See auth_body.h. */
#include "auth_body.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#define PH_MAX 64	/* longest placeholder name */

/* Length of the placeholder name at p (just after "{{") when it is
 * followed by "}}", else 0. */
static size_t name_len(const char *p)
{
	size_t n = 0;

	if (!isalpha((unsigned char)p[0]) && p[0] != '_')
		return 0;
	while (isalnum((unsigned char)p[n]) || p[n] == '_')
		n++;
	return n < PH_MAX && p[n] == '}' && p[n + 1] == '}' ? n : 0;
}

int auth_template_check(const char *tpl, struct err *e)
{
	for (const char *p = strstr(tpl, "{{"); p; p = strstr(p, "{{")) {
		size_t n = name_len(p + 2);

		if (!n)
			return err_set(e, "'{{' at offset %zu does not open a "
				       "placeholder: want {{name}}, a "
				       "credential name of letters, digits "
				       "and '_' (at most %d)",
				       (size_t)(p - tpl), PH_MAX - 1);
		p += n + 4;
	}
	return 0;
}

int auth_template_next(const char *tpl, size_t *pos, char *name, size_t n)
{
	const char *p = strstr(tpl + *pos, "{{");
	size_t len;

	for (; p; p = strstr(p + 2, "{{")) {
		len = name_len(p + 2);
		if (!len)
			continue;
		snprintf(name, n, "%.*s", (int)len, p + 2);
		*pos = (size_t)(p - tpl) + len + 4;
		return 0;
	}
	return -1;
}

void auth_form_escape(struct strbuf *out, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (isalnum(*p) || strchr("-._~", *p))
			strbuf_addch(out, (char)*p);
		else
			strbuf_addf(out, "%%%02X", *p);
	}
}

/* s escaped for the inside of a JSON string (RFC 8259 section 7): the
 * quote, the backslash and control characters; other bytes as they are. */
static void json_escape(struct strbuf *out, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\')
			strbuf_addf(out, "\\%c", *p);
		else if (*p < 0x20)
			strbuf_addf(out, "\\u%04x", *p);
		else
			strbuf_addch(out, (char)*p);
	}
}

int auth_template_fill(const char *tpl, enum auth_body_kind kind,
		       auth_lookup_fn lookup, void *ctx, struct strbuf *out,
		       char *missing, size_t n)
{
	const char *p = tpl, *q;

	strbuf_reset(out);
	while ((q = strstr(p, "{{"))) {
		size_t len = name_len(q + 2);
		char name[PH_MAX];
		const char *v;

		if (!len) {	/* not a placeholder: checked at load */
			strbuf_add(out, p, (size_t)(q - p) + 2);
			p = q + 2;
			continue;
		}
		snprintf(name, sizeof(name), "%.*s", (int)len, q + 2);
		v = lookup(ctx, name);
		if (!v) {
			snprintf(missing, n, "%s", name);
			explicit_bzero(out->buf, out->len);
			strbuf_reset(out);
			return -1;
		}
		strbuf_add(out, p, (size_t)(q - p));
		if (kind == AUTH_BODY_JSON)
			json_escape(out, v);
		else if (kind == AUTH_BODY_FORM)
			auth_form_escape(out, v);
		else
			strbuf_addstr(out, v);
		p = q + len + 4;
	}
	strbuf_addstr(out, p);
	return 0;
}
