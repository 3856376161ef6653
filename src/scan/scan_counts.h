/* scan_counts.h - a measuring aid: with AUTHAUDIT_SCAN_COUNTS set in the
 * environment, each scanner counts per keyword how often the matcher
 * reported it, and per rule how often its pattern ran, how many matches
 * it gave and how long it took; scan_engine_free() prints the table on
 * stderr, the costliest rules first. Unset, nothing is counted (one NULL
 * test per hit). The engine owns the totals, each scanner its own counts,
 * added to the engine's under a lock when the scanner is freed.
 */
#ifndef AUTHAUDIT_SCAN_COUNTS_H
#define AUTHAUDIT_SCAN_COUNTS_H

#include <stddef.h>
#include <stdint.h>

struct scan_engine;

struct scan_rule_count {
	uint64_t confirms; /* confirm() calls */
	uint64_t runs;	   /* pcre2_match() calls */
	uint64_t matches;  /* of those, matches */
	uint64_t ns;	   /* time in confirm() */
};

struct scan_counts {
	uint64_t *hits;		       /* per entry */
	struct scan_rule_count *rules; /* per rule */
	size_t nr_entries, nr_rules;
	uint64_t scans, bytes; /* matcher runs, bytes they read */
	uint64_t scan_ns;      /* time in them */
};

/* NULL unless AUTHAUDIT_SCAN_COUNTS is set (non-empty). */
struct scan_counts *scan_counts_new(const struct scan_engine *eng);
/* Add c to into (under a lock shared by every engine) and free c. */
void scan_counts_merge(struct scan_counts *into, struct scan_counts *c);
/* Print c's table for eng on stderr and free c. */
void scan_counts_report(const struct scan_engine *eng, struct scan_counts *c);

uint64_t scan_counts_now(void);

#endif
