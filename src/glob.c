/* glob.c - path glob matching with `**`; see glob.h. */
#include "glob.h"

#include <fnmatch.h>
#include <string.h>

/* Match glob g against path p, both whole; `**` may span '/'. */
static int match_here(const char *g, const char *p)
{
	const char *star2 = strstr(g, "**");
	char head[1024];
	size_t n;

	if (!star2)
		return !fnmatch(g, p, FNM_PATHNAME);
	n = (size_t)(star2 - g);
	if (n >= sizeof(head))
		return 0;
	memcpy(head, g, n);
	head[n] = '\0';
	/* For "a/ ** /b" (no spaces): the head matches a prefix of p
	 * ending at a slash, or is empty; the rest matches a suffix */
	g = star2 + 2;
	if (*g == '/')
		g++;
	for (const char *q = p;; q++) {
		if (q == p || q[-1] == '/') {
			char pre[1024];
			size_t m = (size_t)(q - p);

			if (m < sizeof(pre)) {
				memcpy(pre, p, m);
				pre[m] = '\0';
				if ((!n || !fnmatch(head, pre, FNM_PATHNAME)) &&
				    (*g ? match_here(g, q) : 1))
					return 1;
			}
		}
		if (!*q)
			break;
	}
	return 0;
}

int glob_match(const char *glob, const char *path)
{
	if (!strchr(glob, '/')) {
		const char *base = strrchr(path, '/');

		return !fnmatch(glob, base ? base + 1 : path, 0);
	}
	if (path[0] == '.' && path[1] == '/')
		path += 2;
	return match_here(glob, path);
}

int glob_any(const struct strlist *globs, const char *path)
{
	for (size_t i = 0; i < globs->nr; i++)
		if (glob_match(globs->items[i], path))
			return 1;
	return 0;
}
