/* scan_internal.h - what the scan engine's own files share: scan_db.c
 * builds the engine, scan_selftest.c checks the matcher library against
 * it, scan.c runs it. Nothing outside src/scan*.c includes this header.
 */
#ifndef AUTHAUDIT_SCAN_INTERNAL_H
#define AUTHAUDIT_SCAN_INTERNAL_H

#include <ctype.h>
#include <string.h>

#include <hs/hs.h>

#include "lib/xalloc.h"
#include "scan.h"
#include "scan_counts.h"

/* A multiline rule without `window:` reads this far from its keyword's
 * line. */
#define MULTILINE_WINDOW (64 * 1024)

/* One expression of the database: a keyword shared by several rules, or
 * one rule's prefilter (or, failing that, its pattern in the matcher's
 * prefilter mode). */
struct entry {
	unsigned *rules;	/* indexes into eng->rules */
	size_t nr, alloc;
	size_t kwlen;		/* 0 for a pattern entry */
	char *keyword;		/* lower case unless exact; NULL for a
				 * pattern entry */
	int exact;		/* matched with its case */
	int trigger;		/* a scan_decode.h trigger word too */
	/* A keyword holding another entry's keyword (its carrier: "token"
	 * in "auth_token", "eyj" in exact "eyJ") is not in the database:
	 * each hit of the carrier checks the bytes around it for the
	 * keywords it carries (scan_entry_carried_at), which is the same
	 * set of hits at less cost, as the matcher's literal table slows
	 * with its width. */
	unsigned *carried; /* entries found through this one's hits */
	size_t nr_carried;
	/* a carried entry: where its carrier's keyword starts in its own */
	size_t carrier_at;
	int is_carried;	   /* not in the database */
};

struct scan_engine {
	const struct ruleset *rs;
	const struct profile *profile;
	const struct strlist *client_paths;
	const struct rule **rules;
	size_t nr_rules;
	struct entry *entries;
	size_t nr_entries, alloc_entries;
	hs_database_t *db;
	unsigned flags;			/* SCAN_ENGINE_* */
	/* derived once, at build time */
	size_t max_groups;		/* capture groups of any rule */
	size_t max_kwlen;		/* the longest keyword */
	size_t max_window;		/* the widest multiline window; pieces
					 * of a file overlap by it */
	size_t max_lookbehind;		/* bytes before a window a pattern
					 * may look at */
	/* per rule: 1 when the matcher's hits cannot be relied on for it
	 * (the self-test saw a miss, or SCAN_ENGINE_REFERENCE): its pattern
	 * runs on every line instead */
	unsigned char *distrust;
	unsigned *distrusted;		/* those rules' indexes */
	size_t nr_distrusted;
	struct scan_selftest selftest;
	struct scan_counts *counts; /* AUTHAUDIT_SCAN_COUNTS: the totals
					 * (scan_counts.h), else NULL */
};

/* Carried entry d of entry c (c->carried) where c's hit ends at offset
 * `to` of buf[0, len): the end offset of d's occurrence holding that hit,
 * or 0 if d is not there or would run past len. */
static inline size_t scan_entry_carried_at(const struct entry *c,
					   const struct entry *d,
					   const char *buf, size_t len,
					   size_t to)
{
	size_t lead = c->kwlen + d->carrier_at;
	const unsigned char *p;

	if (to < lead || to - lead + d->kwlen > len)
		return 0;
	p = (const unsigned char *)buf + (to - lead);
	if (d->exact)
		return memcmp(p, d->keyword, d->kwlen) ? 0
						       : to - lead + d->kwlen;
	for (size_t i = 0; i < d->kwlen; i++)
		if (tolower(p[i]) != (unsigned char)d->keyword[i])
			return 0;
	return to - lead + d->kwlen;
}

/* The window a rule's pattern reads from its keyword's line start
 * (multiline rules) or 0 (single-line rules: the line). */
size_t scan_rule_window(const struct rule *r);

/* Rule ri's pattern runs on every line from now on. */
static inline void scan_engine_distrust(struct scan_engine *eng, size_t ri)
{
	if (eng->distrust[ri])
		return;
	eng->distrust[ri] = 1;
	eng->distrusted[eng->nr_distrusted++] = (unsigned)ri;
}

/* Where the decoding pass's trigger words (scan_decode.h) were seen in
 * the current piece: scan.c's on_hit records them, scan_decode_piece()
 * reads and clears them. At most SCAN_MAX_HITS a piece. */
struct scan_hit {
	int kind;			/* enum scan_trigger */
	size_t at;			/* piece offset of the word */
};
struct scan_hits {
	struct scan_hit *items;
	size_t nr, alloc;
};
#define SCAN_MAX_HITS 4096

static inline void scan_hits_add(struct scan_hits *h, int kind, size_t at)
{
	if (h->nr >= SCAN_MAX_HITS)
		return;
	ALLOC_GROW(h->items, h->nr, h->alloc);
	h->items[h->nr].kind = kind;
	h->items[h->nr++].at = at;
}

struct scan_decode;
/* A scanner's hits, and its decoding state: set once by the decoding
 * pass, freed with `release` by scanner_free() (a pointer, so that the
 * scanner's own file needs nothing of the pass's). */
struct scan_hits *scanner_hits(struct scanner *s);
struct scan_decode *scanner_decoder(const struct scanner *s);
void scanner_set_decoder(struct scanner *s, struct scan_decode *d,
			 void (*release)(struct scan_decode *));

/* What the decoding pass (scan_decode.c) needs of a scanner's file. */
struct scanner_state {
	const char *path;
	struct finding_list *out;
	struct report_stats *stats;
	size_t first;			/* out->nr when the file began */
	int inline_allow;
	time_t now;
	const char *root;
	const char *const *aliases;
	size_t nr_aliases;
	unsigned depth;			/* decoding depth: 0 for a file */
};
void scanner_state(const struct scanner *s, struct scanner_state *st);
void scanner_set_depth(struct scanner *s, unsigned depth);
/* Does the line of piece offset at allow rule id (authaudit:allow)? */
int scanner_line_allows(const struct scan_piece *p, size_t at,
			const char *id);

/* Run the known-answer self-test (scan.h) and mark the rules it finds
 * unreliable; 0, or -1 with e set under SCAN_ENGINE_STRICT. */
int scan_selftest_run(struct scan_engine *eng, struct err *e);

#endif
