/* glob.c - path glob matching with `**`; see glob.h. */
#include "glob.h"

#include <fnmatch.h>
#include <string.h>

/* One character against a [...] class at g; *len gets the class length,
 * 0 when g holds no closing ']' (then '[' is literal). */
static int class_match(const char *g, char c, size_t *len)
{
	const char *end = g + 1;
	char cls[128], one[2] = { c, '\0' };

	if (*end == '!' || *end == '^')
		end++;
	if (*end == ']')
		end++;
	end = strchr(end, ']');
	if (!end || (size_t)(end - g + 1) >= sizeof(cls)) {
		*len = 0;
		return 0;
	}
	*len = (size_t)(end - g + 1);
	memcpy(cls, g, *len);
	cls[*len] = '\0';
	return !fnmatch(cls, one, 0);
}

/* Whole-string match of glob g against path p. */
static int match_here(const char *g, const char *p)
{
	for (; *g; g++, p++) {
		size_t n;

		if (g[0] == '*' && g[1] == '*') {
			g += 2;
			if (*g == '/') {
				/* "**\/": zero or more whole directories */
				for (const char *q = p;; q++) {
					if ((q == p || q[-1] == '/') &&
					    match_here(g + 1, q))
						return 1;
					if (!*q)
						return 0;
				}
			}
			for (const char *q = p;; q++) {
				if (match_here(g, q))
					return 1;
				if (!*q)
					return 0;
			}
		}
		if (*g == '*') {
			for (const char *q = p;; q++) {
				if (match_here(g + 1, q))
					return 1;
				if (!*q || *q == '/')
					return 0;
			}
		}
		if (!*p)
			return 0;
		if (*g == '?') {
			if (*p == '/')
				return 0;
			continue;
		}
		if (*g == '[') {
			int hit = class_match(g, *p, &n);

			if (n) {
				if (!hit || *p == '/')
					return 0;
				g += n - 1;
				continue;
			}
		}
		if (*g != *p)
			return 0;
	}
	return !*p;
}

int glob_match(const char *glob, const char *path)
{
	if (path[0] == '.' && path[1] == '/')
		path += 2;
	if (!strchr(glob, '/')) {
		const char *base = strrchr(path, '/');

		return match_here(glob, base ? base + 1 : path);
	}
	return match_here(glob, path);
}

int glob_any(const struct strlist *globs, const char *path)
{
	for (size_t i = 0; globs && i < globs->nr; i++)
		if (glob_match(globs->items[i], path))
			return 1;
	return 0;
}
