/* scan_lines.c - code context captured at scan time; see
 * scan_lines.h. */
#include "scan_lines.h"

#include <stdlib.h>
#include <string.h>

#include "core/code_lines.h"
#include "lib/xalloc.h"

void scan_lines_capture(struct finding_list *out, size_t had,
			  const struct source_match *m)
{
	for (size_t i = had; i < out->nr; i++) {
		struct finding *f = &out->items[i];

		if (!f->lines && f->line)
			f->lines = code_lines_capture(m->buf, m->len,
						     m->sstart, f->line);
	}
}

static int by_line(const void *a, const void *b, void *ctx)
{
	const struct finding *items = ctx;
	unsigned x = items[*(const size_t *)a].line;
	unsigned y = items[*(const size_t *)b].line;

	return x < y ? -1 : x > y;
}

/* Lines a secret starting at `line` covers: one more per '\n'. */
static unsigned last_line(const struct finding *g)
{
	unsigned last = g->line;

	for (const char *p = g->secret; (p = strchr(p, '\n')); p++)
		last++;
	return last;
}

void scan_lines_mark(struct finding_list *out, size_t first)
{
	size_t n = out->nr - first, *idx;
	struct finding *items = out->items + first;

	if (!n)
		return;
	/* the file's findings with a secret by line, so each context looks
	 * only at those that can stand on its lines */
	idx = xcalloc(n, sizeof(*idx));
	for (size_t i = 0; i < n; i++)
		idx[i] = i;
	qsort_r(idx, n, sizeof(*idx), by_line, items);
	for (size_t i = 0; i < n; i++) {
		struct code_lines *c = items[i].lines;
		size_t lo = 0, hi = n;

		if (!c)
			continue;
		/* the first finding at or after the context's first line,
		 * less the longest secret's lines: multi-line secrets start
		 * earlier, so step back over them below */
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;

			if (items[idx[mid]].line < c->first)
				lo = mid + 1;
			else
				hi = mid;
		}
		while (lo > 0 && items[idx[lo - 1]].secret &&
		       last_line(&items[idx[lo - 1]]) >= c->first)
			lo--;
		for (size_t k = lo; k < n; k++) {
			const struct finding *g = &items[idx[k]];

			if (g->line >= c->first + c->nr)
				break;
			if (g->secret && !strcmp(g->path, items[i].path) &&
			    last_line(g) >= c->first)
				code_lines_mark(c, g->secret, g->line);
		}
	}
	free(idx);
}
