/* report_html_text.c - what every HTML section writes text with: escaped
 * text, ids, times, locations and code context; see report_html.h. */
#include "report_html.h"

#include <stdio.h>
#include <string.h>

#include "report_format.h"
#include "core/code_lines.h"
#include "lib/escape.h"
#include "lib/strbuf.h"

void html_text(FILE *out, const char *s)
{
	if (s)
		escape_xml(out, s);
}

void html_id(FILE *out, const char *s)
{
	for (; s && *s; s++) {
		unsigned char c = (unsigned char)*s;

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-')
			fputc(c, out);
		else
			fputc('_', out);
	}
}

void html_where(FILE *out, const struct finding *f)
{
	struct strbuf sb = STRBUF_INIT;

	report_where(f, &sb);
	escape_xml(out, sb.buf);
	strbuf_release(&sb);
}

void html_time(FILE *out, const char *iso)
{
	size_t n = iso ? strlen(iso) : 0;

	if (!iso) {
		fputs("an unknown time", out);
		return;
	}
	fputs("<time datetime=\"", out);
	html_text(out, iso);
	fputs("\">", out);
	if (n >= 19 && iso[10] == 'T' && iso[n - 1] == 'Z') {
		char shown[20];

		memcpy(shown, iso, 19);
		shown[10] = ' ';
		shown[19] = '\0';
		html_text(out, shown);
		fputs(" UTC", out);
	} else {
		html_text(out, iso);
	}
	fputs("</time>", out);
}

void html_context(FILE *out, const struct report *r, const struct finding *f,
		  struct strbuf *tmp)
{
	const struct code_lines *c = f->lines;

	if (!c || !c->nr)
		return;
	fputs("<pre class=\"ctx\">", out);
	for (unsigned i = 0; i < c->nr; i++) {
		strbuf_reset(tmp);
		code_lines_line(c, i, r->show_secrets, tmp);
		fprintf(out, "<span class=\"%s\"><span class=\"ln\">%u</span>",
			i == c->focus ? "l hl" : "l", c->first + i);
		html_text(out, tmp->buf);
		fputs("</span>", out);
	}
	fputs("</pre>", out);
}
