/* strlist.h - a growable list of owned strings: keywords, globs, paths,
 * names. The one list type every layer shares, so a module that needs a
 * list of strings need not see the rules.
 * Ownership: the list owns its copies; strlist_release() frees them and
 * leaves an empty list (STRLIST_INIT, or zeroed memory, is empty). */
#ifndef AUTHAUDIT_STRLIST_H
#define AUTHAUDIT_STRLIST_H

#include <stddef.h>

struct strlist {
	char **items;
	size_t nr, alloc;
};

#define STRLIST_INIT { NULL, 0, 0 }

/* Append a copy of s. */
void strlist_push(struct strlist *l, const char *s);
void strlist_release(struct strlist *l);

#endif
