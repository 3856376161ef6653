/* report_json_text.c - JSON strings for text and for names, and times, as
 * every writer that speaks JSON needs them; see report_json.h. */
#include "report_json.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "lib/escape.h"
#include "lib/strbuf.h"

void iso8601_ms(const struct timespec *t, char *buf, size_t n)
{
	struct tm tm;
	char base[32];

	gmtime_r(&t->tv_sec, &tm);
	strftime(base, sizeof(base), "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(buf, n, "%.20s.%03dZ", base,
		 (int)((t->tv_nsec / 1000000) % 1000));
}

/* A JSON string of s. Every byte that is not part of valid UTF-8 (a file
 * name may hold any byte but '/' and NUL) is written as the four
 * characters \xHH, lower-case hex, so nothing is dropped (docs/json.md);
 * valid text, the common case, costs jansson's own check only. */
json_t *json_text(const char *s)
{
	struct strbuf sb = STRBUF_INIT;
	json_t *j = json_string(s);

	if (j)
		return j;
	for (const unsigned char *p = (const unsigned char *)s; *p;) {
		size_t n = utf8_char_len(p);

		if (n) {
			strbuf_add(&sb, p, n);
			p += n;
		} else {
			strbuf_addf(&sb, "\\x%02x", *p++);
		}
	}
	j = json_string(sb.buf);
	strbuf_release(&sb);
	return j ? j : json_string("");
}

/* A JSON string of a name that may hold any byte (escape_name): a path,
 * a root, a secret shown. Names without a backslash that are valid
 * UTF-8, the common case, go as they are. */
json_t *json_name(const char *s)
{
	struct strbuf sb = STRBUF_INIT;
	json_t *j = strchr(s, '\\') ? NULL : json_string(s);

	if (j)
		return j;
	escape_name(&sb, s);
	j = json_string(sb.buf);
	strbuf_release(&sb);
	return j ? j : json_string("");
}

void json_set_str(json_t *o, const char *k, const char *v)
{
	if (v)
		json_object_set_new(o, k, json_text(v));
}

void json_set_name(json_t *o, const char *k, const char *v)
{
	if (v)
		json_object_set_new(o, k, json_name(v));
}
