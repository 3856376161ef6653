/* xalloc.h - allocation that cannot fail: out of memory aborts with a
 * message, the one place besides main that ends the process, because no
 * caller could do anything better. Also the banned-call poison list. */
#ifndef AUTHAUDIT_XALLOC_H
#define AUTHAUDIT_XALLOC_H

#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t nmemb, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

/* Grow *items (of *alloc elements of size sz) to hold at least nr + 1. */
#define ALLOC_GROW(items, nr, alloc) do { \
	if ((nr) >= (alloc)) { \
		(alloc) = (alloc) ? (alloc) * 2 : 16; \
		(items) = xrealloc((items), (alloc) * sizeof(*(items))); \
	} \
} while (0)

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#endif
