/* baseline.c - suppression by an earlier report; see baseline.h. */
#include "baseline.h"

#include <stdlib.h>
#include <string.h>

#include "report_read.h"
#include "lib/secret_hash.h"
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

/* What a baseline whose hashes this run cannot reproduce means: a schema
 * 1.x report is matched through the plain hash of each secret, computed
 * in memory (finding_fingerprint_v1) and never written; a report under
 * another key cannot match a finding with a secret at all. */
static void hash_notice(struct baseline *b, struct report *r)
{
	const char *id = secret_hash_key_id();

	if (b->old.hashes_v1)
		report_add_notice(r, "baseline", "a schema 1.x report (plain "
				  "SHA-256 secret hashes): matched through "
				  "each secret's plain hash, computed in "
				  "memory only; write it again with this "
				  "version (--format json) so that it holds "
				  "keyed hashes (hash key %s)", id);
	else if (b->old.hash_key_id[0] && strcmp(b->old.hash_key_id, id))
		report_add_notice(r, "baseline", "its secret hashes are under "
				  "hash key %s, this run's under %s: no finding "
				  "with a secret can match it (set %s to the "
				  "key the baseline was written with)",
				  b->old.hash_key_id, id, SECRET_HASH_KEY_ENV);
}

void baseline_apply(struct baseline *b, struct report *r)
{
	struct finding_list *old = &b->old.findings, *cur = &r->findings;
	char *used = xcalloc(old->nr + 1, 1);
	size_t keep = 0;

	hash_notice(b, r);
	if (old->nr > 1)
		qsort(old->items, old->nr, sizeof(*old->items), cmp_fp);
	for (size_t i = 0; i < cur->nr; i++) {
		struct finding *f = &cur->items[i], probe;
		struct finding *hit;

		if (b->old.hashes_v1) {
			finding_fingerprint_v1(f, probe.fingerprint);
			f = &probe;
		}
		hit = old->nr ? bsearch(f, old->items, old->nr,
					sizeof(*old->items), cmp_fp) : NULL;
		f = &cur->items[i];

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
		if (b->old.hashes_v1)
			finding_rekey_v1(&old->items[i]);
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
