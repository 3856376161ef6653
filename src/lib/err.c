/* err.c - error values; see err.h. */
#include "err.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

int err_set(struct err *e, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
	va_end(ap);
	e->file[0] = '\0';
	e->line = e->col = 0;
	return -1;
}

int err_set_at(struct err *e, const char *file, unsigned line, unsigned col,
	       const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
	va_end(ap);
	snprintf(e->file, sizeof(e->file), "%s", file ? file : "");
	e->line = line;
	e->col = col;
	return -1;
}

int err_prefix(struct err *e, const char *fmt, ...)
{
	char head[512], old[sizeof(e->msg)];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(head, sizeof(head), fmt, ap);
	va_end(ap);
	memcpy(old, e->msg, sizeof(old));
	snprintf(e->msg, sizeof(e->msg), "%.500s: %.500s", head, old);
	return -1;
}

void err_print(const struct err *e, FILE *out)
{
	if (e->file[0] && e->line)
		fprintf(out, "authaudit: %s:%u:%u: %s\n", e->file, e->line,
			e->col, e->msg);
	else if (e->file[0])
		fprintf(out, "authaudit: %s: %s\n", e->file, e->msg);
	else
		fprintf(out, "authaudit: %s\n", e->msg);
}

void err_list_push(struct err_list *l, const struct err *e)
{
	ALLOC_GROW(l->items, l->nr, l->alloc);
	l->items[l->nr++] = *e;
}

void err_list_release(struct err_list *l)
{
	free(l->items);
	memset(l, 0, sizeof(*l));
}
