/* scan_counts.c - per keyword and per rule counts; see scan_counts.h. */
#include "scan_counts.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "lib/xalloc.h"
#include "scan_internal.h"

static pthread_mutex_t counts_lock = PTHREAD_MUTEX_INITIALIZER;

struct scan_counts *scan_counts_new(const struct scan_engine *eng)
{
	const char *env = getenv("AUTHAUDIT_SCAN_COUNTS");
	struct scan_counts *c;

	if (!env || !*env)
		return NULL;
	c = xcalloc(1, sizeof(*c));
	c->nr_entries = eng->nr_entries;
	c->nr_rules = eng->nr_rules;
	c->hits = xcalloc(c->nr_entries + 1, sizeof(*c->hits));
	c->rules = xcalloc(c->nr_rules + 1, sizeof(*c->rules));
	return c;
}

static void counts_free(struct scan_counts *c)
{
	if (!c)
		return;
	free(c->hits);
	free(c->rules);
	free(c);
}

void scan_counts_merge(struct scan_counts *into, struct scan_counts *c)
{
	if (!into || !c) {
		counts_free(c);
		return;
	}
	pthread_mutex_lock(&counts_lock);
	into->scans += c->scans;
	into->bytes += c->bytes;
	into->scan_ns += c->scan_ns;
	for (size_t i = 0; i < c->nr_entries && i < into->nr_entries; i++)
		into->hits[i] += c->hits[i];
	for (size_t i = 0; i < c->nr_rules && i < into->nr_rules; i++) {
		into->rules[i].confirms += c->rules[i].confirms;
		into->rules[i].runs += c->rules[i].runs;
		into->rules[i].matches += c->rules[i].matches;
		into->rules[i].ns += c->rules[i].ns;
	}
	pthread_mutex_unlock(&counts_lock);
	counts_free(c);
}

uint64_t scan_counts_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static const struct scan_counts *sort_by;

static int by_ns(const void *a, const void *b)
{
	uint64_t x = sort_by->rules[*(const size_t *)a].ns;
	uint64_t y = sort_by->rules[*(const size_t *)b].ns;

	return x < y ? 1 : x > y ? -1 : 0;
}

static int by_hits(const void *a, const void *b)
{
	uint64_t x = sort_by->hits[*(const size_t *)a];
	uint64_t y = sort_by->hits[*(const size_t *)b];

	return x < y ? 1 : x > y ? -1 : 0;
}

void scan_counts_report(const struct scan_engine *eng, struct scan_counts *c)
{
	size_t *ord;
	uint64_t total = 0;

	if (!c)
		return;
	ord = xcalloc(c->nr_rules + c->nr_entries + 1, sizeof(*ord));
	for (size_t i = 0; i < c->nr_rules; i++) {
		ord[i] = i;
		total += c->rules[i].ns;
	}
	pthread_mutex_lock(&counts_lock);
	sort_by = c;
	qsort(ord, c->nr_rules, sizeof(*ord), by_ns);
	fprintf(stderr,
		"scan counts: %llu matcher runs over %.1f MB, %.3f s "
		"(patterns included); %.3f s in patterns\n%-44s %10s %10s "
		"%8s %9s\n",
		(unsigned long long)c->scans, c->bytes / 1e6, c->scan_ns / 1e9,
		total / 1e9, "rule", "confirms", "runs", "matches", "seconds");
	for (size_t k = 0; k < c->nr_rules; k++) {
		const struct scan_rule_count *rc = &c->rules[ord[k]];

		if (!rc->confirms)
			continue;
		fprintf(stderr, "%-44s %10llu %10llu %8llu %9.3f\n",
			eng->rules[ord[k]]->id,
			(unsigned long long)rc->confirms,
			(unsigned long long)rc->runs,
			(unsigned long long)rc->matches, rc->ns / 1e9);
	}
	for (size_t i = 0; i < c->nr_entries; i++)
		ord[i] = i;
	qsort(ord, c->nr_entries, sizeof(*ord), by_hits);
	fprintf(stderr, "%-44s %10s %s\n", "keyword or expression", "hits",
		"rules");
	for (size_t k = 0; k < c->nr_entries && c->hits[ord[k]]; k++) {
		const struct entry *en = &eng->entries[ord[k]];

		fprintf(stderr, "%-44s %10llu %zu (%s)\n",
			en->keyword ? en->keyword : "(expression)",
			(unsigned long long)c->hits[ord[k]], en->nr,
			en->nr ? eng->rules[en->rules[0]]->id : "-");
	}
	pthread_mutex_unlock(&counts_lock);
	free(ord);
	counts_free(c);
}
