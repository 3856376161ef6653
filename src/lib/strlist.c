/* strlist.c - see strlist.h. */
#include "strlist.h"

#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

void strlist_push(struct strlist *l, const char *s)
{
	ALLOC_GROW(l->items, l->nr, l->alloc);
	l->items[l->nr++] = xstrdup(s);
}

void strlist_release(struct strlist *l)
{
	for (size_t i = 0; i < l->nr; i++)
		free(l->items[i]);
	free(l->items);
	memset(l, 0, sizeof(*l));
}
