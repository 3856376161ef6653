/* scan_selftest.c - the known-answer test of the matcher library, run on
 * every engine build before any file is scanned.
 *
 * Debian's vectorscan 5.4.9 loses matches of some expressions at about
 * half of all buffer alignments on AVX-512 machines, so a run's findings
 * depended on where malloc put a buffer. This test scans each rule's
 * positive examples, between filler lines, at starts and ends on both
 * sides of a 64-byte boundary and from buffers at odd addresses, and
 * compares the library's hits with a plain search of the same buffer:
 * memmem for keywords, PCRE2 for prefilters and patterns. A rule one of
 * whose entries was missed is distrusted (scan.c runs its pattern on
 * every line); under SCAN_ENGINE_STRICT the build fails instead.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "scan_internal.h"
#include "lib/xalloc.h"

/* Where an example stands: the buffer's address past a 64-byte boundary,
 * and how many filler bytes come before and after it. */
static const struct placement {
	unsigned addr, before, after;
} placements[] = {
	{ 0, 0, 0 }, { 0, 1, 63 }, { 1, 15, 2 }, { 3, 31, 33 },
	{ 7, 47, 17 }, { 0, 62, 1 }, { 13, 63, 64 }, { 32, 33, 5 },
};

#define ALIGN 64

/* The filler: short blank-ish lines, nothing a keyword can hit. */
static void fill(char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		p[i] = (i % 16 == 15 || i + 1 == n) ? '\n' : ' ';
}

/* Every hit of one scan, in the order reported (by end offset). */
struct probe {
	unsigned char *seen;	/* per entry: reported at least once */
	struct probe_hit {
		unsigned id;
		size_t to;
	} *hits;
	size_t nr, alloc;
	const struct scan_engine *eng;
	const char *buf; /* the scan's subject, for carried entries */
	size_t len;
};

static void probe_add(struct probe *pr, unsigned id, size_t to)
{
	pr->seen[id] = 1;
	ALLOC_GROW(pr->hits, pr->nr, pr->alloc);
	pr->hits[pr->nr].id = id;
	pr->hits[pr->nr++].to = to;
}

static int on_hit(unsigned id, unsigned long long from,
		  unsigned long long to, unsigned flags, void *ctx)
{
	struct probe *pr = ctx;
	const struct entry *en = &pr->eng->entries[id];

	(void)from;
	(void)flags;
	probe_add(pr, id, (size_t)to);
	/* as scan.c finds them (in its order per entry, all that missed()
	 * compares) */
	for (size_t i = 0; i < en->nr_carried; i++) {
		size_t dto = scan_entry_carried_at(
			en, &pr->eng->entries[en->carried[i]], pr->buf, pr->len,
			(size_t)to);

		if (dto)
			probe_add(pr, en->carried[i], dto);
	}
	return 0;
}

static int lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

/* Does keyword entry en end at offset `to` of buf (ASCII case folded
 * unless exact, as the library folds it)? */
static int keyword_at(const struct entry *en, const char *buf, size_t to)
{
	const char *s = buf + to - en->kwlen;

	for (size_t i = 0; i < en->kwlen; i++) {
		int a = (unsigned char)s[i], b = (unsigned char)en->keyword[i];

		if (en->exact ? a != b : lower(a) != b)
			return 0;
	}
	return 1;
}

/* The plain search's answer for a pattern entry: does its expression
 * match anywhere in buf? */
static int pattern_matches(pcre2_code *re, pcre2_match_data *md,
			   const char *buf, size_t len)
{
	return re && pcre2_match(re, (PCRE2_SPTR)buf, len, 0, 0, md, NULL) >= 0;
}

/* An entry's expression for PCRE2: the rule's prefilter (which is
 * written in the common syntax) or its pattern. NULL when PCRE2 cannot
 * read a prefilter; that entry is then not checked. */
static pcre2_code *entry_re(const struct scan_engine *eng,
			    const struct entry *en)
{
	const struct rule *r = eng->rules[en->rules[0]];
	int code;
	PCRE2_SIZE off;

	if (!r->prefilter)
		return NULL;
	return pcre2_compile((PCRE2_SPTR)r->prefilter, PCRE2_ZERO_TERMINATED,
			     PCRE2_MULTILINE, &code, &off, NULL);
}

struct selftest {
	struct scan_engine *eng;
	hs_scratch_t *scratch;
	pcre2_match_data *md;
	pcre2_code **res;	/* per entry: prefilters for PCRE2 */
	size_t **rule_entries;	/* per rule: its entries */
	size_t *nr_rule_entries;
	char *block;		/* the aligned buffer */
	size_t block_len;
	struct probe pr;
};

/* Did the library miss a hit of entry ei in buf? */
static int missed(struct selftest *st, size_t ei, const char *buf,
		  size_t len)
{
	const struct entry *en = &st->eng->entries[ei];
	size_t k = 0;

	if (!en->keyword) {
		const struct rule *r = st->eng->rules[en->rules[0]];
		pcre2_code *re = r->prefilter ? st->res[ei] : r->re;

		return pattern_matches(re, st->md, buf, len) &&
		       !st->pr.seen[ei];
	}
	/* every occurrence, in order, and nothing else */
	for (size_t to = en->kwlen; to <= len; to++) {
		if (!keyword_at(en, buf, to))
			continue;
		while (k < st->pr.nr && st->pr.hits[k].id != ei)
			k++;
		if (k == st->pr.nr || st->pr.hits[k].to != to)
			return 1;
		k++;
	}
	return 0;
}

static void distrust_entry(struct selftest *st, size_t ei, const char *id,
			   size_t off)
{
	const struct entry *en = &st->eng->entries[ei];
	struct scan_selftest *t = &st->eng->selftest;

	t->misses++;
	if (!t->first_rule) {
		t->first_rule = id;
		t->first_offset = off;
	}
	for (size_t i = 0; i < en->nr; i++)
		scan_engine_distrust(st->eng, en->rules[i]);
}

/* One example of rule ri at one placement. */
static void check_one(struct selftest *st, size_t ri, const char *text,
		      const struct placement *pl)
{
	size_t n = strlen(text);
	size_t len = pl->before + n + pl->after;
	char *buf;
	int ok;

	if (st->block_len < len + ALIGN * 2) {
		free(st->block);
		st->block_len = len + ALIGN * 2;
		st->block = aligned_alloc(ALIGN, (st->block_len + ALIGN - 1) /
					  ALIGN * ALIGN);
		if (!st->block)
			abort();
	}
	buf = st->block + pl->addr;
	fill(buf, pl->before);
	memcpy(buf + pl->before, text, n);
	fill(buf + pl->before + n, pl->after);
	memset(st->pr.seen, 0, st->eng->nr_entries);
	st->pr.nr = 0;
	st->pr.buf = buf;
	st->pr.len = len;
	st->eng->selftest.scans++;
	ok = hs_scan(st->eng->db, buf, (unsigned)len, 0, st->scratch, on_hit,
		     &st->pr) == HS_SUCCESS;
	for (size_t k = 0; k < st->nr_rule_entries[ri]; k++) {
		size_t ei = st->rule_entries[ri][k];

		if (!ok || missed(st, ei, buf, len))
			distrust_entry(st, ei, st->eng->rules[ri]->id,
				       (size_t)(buf - st->block) + pl->before);
	}
}

static void name_library(struct scan_selftest *t)
{
	unsigned maj = 0, min = 0, patch = 0;
	const char *v = hs_version();

	/* Intel's last open-source Hyperscan is 5.4.2; vectorscan, its
	 * portable fork, went on from 5.4.x with the same API and soname */
	sscanf(v, "%u.%u.%u", &maj, &min, &patch);
	snprintf(t->library, sizeof(t->library), "%s %u.%u.%u",
		 maj > 5 || (maj == 5 && (min > 4 || (min == 4 && patch > 2))) ?
		 "vectorscan" : "Hyperscan", maj, min, patch);
}

static void selftest_init(struct selftest *st, struct scan_engine *eng)
{
	memset(st, 0, sizeof(*st));
	st->eng = eng;
	if (hs_alloc_scratch(eng->db, &st->scratch) != HS_SUCCESS)
		abort();
	st->md = pcre2_match_data_create((uint32_t)eng->max_groups + 1, NULL);
	st->res = xcalloc(eng->nr_entries, sizeof(*st->res));
	st->rule_entries = xcalloc(eng->nr_rules + 1,
				   sizeof(*st->rule_entries));
	st->nr_rule_entries = xcalloc(eng->nr_rules + 1,
				      sizeof(*st->nr_rule_entries));
	st->pr.seen = xcalloc(eng->nr_entries, 1);
	st->pr.eng = eng;
	for (size_t ei = 0; ei < eng->nr_entries; ei++) {
		const struct entry *en = &eng->entries[ei];

		if (!en->keyword)
			st->res[ei] = entry_re(eng, en);
		for (size_t i = 0; i < en->nr; i++) {
			size_t ri = en->rules[i];

			st->rule_entries[ri] = xrealloc(st->rule_entries[ri],
				(st->nr_rule_entries[ri] + 1) * sizeof(size_t));
			st->rule_entries[ri][st->nr_rule_entries[ri]++] = ei;
		}
	}
}

static void selftest_release(struct selftest *st)
{
	for (size_t ei = 0; ei < st->eng->nr_entries; ei++)
		pcre2_code_free(st->res[ei]);
	for (size_t ri = 0; ri < st->eng->nr_rules; ri++)
		free(st->rule_entries[ri]);
	free(st->res);
	free(st->rule_entries);
	free(st->nr_rule_entries);
	free(st->pr.seen);
	free(st->pr.hits);
	free(st->block);
	pcre2_match_data_free(st->md);
	hs_free_scratch(st->scratch);
}

void scan_selftest_describe(const struct scan_selftest *t, char *buf,
			    size_t n)
{
	if (!t->rules_distrusted) {
		snprintf(buf, n, "%s", "");
		return;
	}
	snprintf(buf, n, "%s missed %zu of the self-test's known matches "
		 "(first: rule '%s' at buffer offset %zu); %zu rule%s "
		 "back to PCRE2 on every line (correct, slower; "
		 "--strict-engine stops instead)", t->library, t->misses,
		 t->first_rule, t->first_offset, t->rules_distrusted,
		 t->rules_distrusted == 1 ? " falls" : "s fall");
}

int scan_selftest_run(struct scan_engine *eng, struct err *e)
{
	struct selftest st;
	struct timespec a, b;
	struct scan_selftest *t = &eng->selftest;

	clock_gettime(CLOCK_MONOTONIC, &a);
	name_library(t);
	selftest_init(&st, eng);
	for (size_t ri = 0; ri < eng->nr_rules; ri++) {
		const struct rule *r = eng->rules[ri];

		for (size_t x = 0; x < r->nr_examples; x++)
			for (size_t p = 0; p < sizeof(placements) /
			     sizeof(placements[0]); p++)
				check_one(&st, ri, r->examples[x].text,
					  &placements[p]);
	}
	selftest_release(&st);
	t->rules_distrusted = eng->nr_distrusted;
	clock_gettime(CLOCK_MONOTONIC, &b);
	t->ms = (double)(b.tv_sec - a.tv_sec) * 1e3 +
		(double)(b.tv_nsec - a.tv_nsec) / 1e6;
	if (t->rules_distrusted && (eng->flags & SCAN_ENGINE_STRICT)) {
		char msg[512];

		scan_selftest_describe(t, msg, sizeof(msg));
		return err_set(e, "matcher self-test failed: %.*s (and "
			       "--strict-engine is set)",
			       (int)strcspn(msg, ";"), msg);
	}
	return 0;
}
