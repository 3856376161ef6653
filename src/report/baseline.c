/* baseline.c - suppression by an earlier report; see baseline.h. */
#include "baseline.h"

#include <stdlib.h>
#include <string.h>

#include "report_read.h"
#include "lib/xalloc.h"

int baseline_load(struct baseline *b, const char *path,
		  const struct ruleset *rs, struct err *e)
{
	report_init(&b->old, "baseline");
	if (report_read_json(path, rs, &b->old, e)) {
		report_release(&b->old);
		return err_prefix(e, "baseline");
	}
	return 0;
}

static int cmp_fp(const void *a, const void *b)
{
	return strcmp(((const struct finding *)a)->fingerprint,
		      ((const struct finding *)b)->fingerprint);
}

void baseline_apply(struct baseline *b, struct report *r)
{
	struct finding_list *old = &b->old.findings, *cur = &r->findings;
	char *used = xcalloc(old->nr + 1, 1);
	size_t keep = 0;

	if (old->nr > 1)
		qsort(old->items, old->nr, sizeof(*old->items), cmp_fp);
	for (size_t i = 0; i < cur->nr; i++) {
		struct finding *f = &cur->items[i];
		struct finding *hit = old->nr ? bsearch(f, old->items, old->nr,
					sizeof(*old->items), cmp_fp) : NULL;

		if (hit) {
			used[hit - old->items] = 1;
			r->stats.suppressed_baseline++;
			finding_release(f);
		} else {
			cur->items[keep++] = *f;
		}
	}
	cur->nr = keep;
	/* an entry matched once covers its duplicates too */
	for (size_t i = 1; i < old->nr; i++)
		if (!cmp_fp(&old->items[i], &old->items[i - 1]) &&
		    (used[i] || used[i - 1]))
			used[i] = used[i - 1] = 1;
	for (size_t i = 0; i < old->nr; i++) {
		if (used[i])
			continue;
		ALLOC_GROW(r->stale.items, r->stale.nr, r->stale.alloc);
		r->stale.items[r->stale.nr++] = old->items[i];
		memset(&old->items[i], 0, sizeof(old->items[i]));
	}
	free(used);
	/* what reading the baseline noticed (a rule no longer loaded) */
	for (size_t i = 0; i < b->old.nr_notices; i++)
		report_add_notice(r, b->old.notices[i].where, "%s",
				  b->old.notices[i].message);
}

void baseline_release(struct baseline *b)
{
	report_release(&b->old);
}
