/* scan.h - the source-scanning engine.
 *
 * scan_engine_build() compiles the selected source rules into one
 * Hyperscan-API database of literal keywords (and, for rules without
 * keywords, prefilter patterns), then checks the matcher library against
 * every rule's positive examples at several buffer alignments (the
 * self-test below). A struct scanner is one thread's working state: it
 * finds the candidates in a piece of a file, confirms them with the
 * rules' PCRE2 patterns on the lines around them, filters placeholders
 * and allowlisted values, and lets each rule's kind turn the match into
 * findings.
 *
 * Patterns are compiled with PCRE2_MULTILINE: `^` and `$` match at the
 * start and end of every line, wherever a window starts; `\A` is the
 * start of the file (docs/rules.md).
 *
 * Ownership: the engine borrows the ruleset and profile (they must outlive
 * it) and owns its database; a scanner borrows its engine. Free scanners
 * before their engine.
 */
#ifndef AUTHAUDIT_SCAN_H
#define AUTHAUDIT_SCAN_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "core/finding.h"
#include "core/report.h"
#include "core/rule.h"
#include "lib/err.h"

struct scan_engine;
struct scanner;

enum scan_engine_flag {
	/* Trust no prefilter: every rule's pattern runs on every line (the
	 * slow, obvious path differential tests compare against). */
	SCAN_ENGINE_REFERENCE = 1 << 0,
	/* A self-test miss is an error instead of a fallback (--strict-engine). */
	SCAN_ENGINE_STRICT = 1 << 1,
};

/* What the known-answer self-test saw. Each rule's positive examples are
 * scanned through the compiled database at several alignments (starts
 * and ends on both sides of a 64-byte boundary, buffers at odd
 * addresses); every keyword occurrence and every prefilter match that a
 * plain search finds must be reported. A rule whose hit was missed is
 * distrusted: its pattern runs on every line (correct, slower). */
struct scan_selftest {
	size_t scans;			/* buffers scanned */
	size_t misses;			/* hits the library did not report */
	size_t rules_distrusted;	/* rules that fell back */
	const char *first_rule;		/* id of the first such rule */
	size_t first_offset;		/* where its example stood */
	double ms;			/* the test's wall time */
	char library[64];		/* "Hyperscan 5.4.0", "vectorscan 5.4.9" */
};

/* Rules of `rs` selected by `p` (all when p is NULL), or only `only` when
 * it is not NULL; flags are SCAN_ENGINE_*. */
int scan_engine_build(struct scan_engine **out, const struct ruleset *rs,
		      const struct profile *p, const struct rule *only,
		      unsigned flags, struct err *e);
void scan_engine_free(struct scan_engine *eng);
size_t scan_engine_rule_count(const struct scan_engine *eng);
const struct scan_selftest *scan_engine_selftest(const struct scan_engine *eng);
/* One line for a warning or a notice when the self-test distrusted a
 * rule ("" when it did not). */
void scan_selftest_describe(const struct scan_selftest *t, char *buf,
			    size_t n);
/* The bytes pieces of one file overlap by, and the context a piece keeps
 * before its first line for lookbehinds (scan_read.c). */
size_t scan_engine_overlap(const struct scan_engine *eng);
size_t scan_engine_context(const struct scan_engine *eng);

struct scanner *scanner_new(const struct scan_engine *eng);
void scanner_free(struct scanner *s);
const struct scan_engine *scanner_engine(const struct scanner *s);
/* PCRE2's limits per match: steps (match and depth), heap, and the JIT
 * stack. A match that reaches one is counted in stats.match_limits_hit
 * and, once per rule and file, told to the notice function. */
#define SCAN_MATCH_LIMIT 10000000u
#define SCAN_HEAP_LIMIT_KB (64u * 1024)
#define SCAN_JIT_STACK (4u << 20)
typedef void (*scan_notice_fn)(void *ctx, const char *where,
			       const char *message);
void scanner_set_notice(struct scanner *s, scan_notice_fn fn, void *ctx);

/* Honour `authaudit:allow` on a line (the default) or not. */
void scanner_set_inline_allow(struct scanner *s, int on);
void scanner_set_now(struct scanner *s, time_t now);
/* The root later scans report (NULL: none). */
void scanner_set_root(struct scanner *s, const char *root);
/* Other paths the next files' bytes also had (history scans: one blob
 * at several paths): each finding is repeated at each of them, so the
 * bytes are scanned once. The paths must agree with the scanned one
 * (scan_engine_paths_agree); n = 0 ends it. Borrowed until then. */
void scanner_set_aliases(struct scanner *s, const char *const *paths,
			 size_t n);
/* Do the same rules apply to files at paths a and b, with the same
 * client-side answer? Then one scan serves both. */
int scan_engine_paths_agree(const struct scan_engine *eng, const char *a,
			    const char *b);

/* One piece of a file. buf[0..len) holds the file's bytes from offset
 * `file_off`; buf[0..own) is context already scanned (lookbehind only);
 * matches are this piece's when they start (a single-line rule: their
 * line starts) in [own, own_end).
 * Unless `cut_start`, buf + own starts line `line`; with it, own falls
 * inside a line longer than a piece (scan_read.c), at column `col` of
 * line `line`. `cut_end`: own_end falls inside a line, and a match must
 * start before it to be this piece's. */
struct scan_piece {
	const char *buf;
	size_t len;
	size_t own, own_end;
	uint64_t file_off;
	unsigned line, col;
	int cut_start, cut_end;
};

/* A file in pieces: scanner_begin(), scanner_piece() for each in order,
 * scanner_end(). Findings go to out; suppressions are counted in stats.
 * scanner_abort() drops the findings of a file given up half-way. */
void scanner_begin(struct scanner *s, const char *path,
		   struct finding_list *out, struct report_stats *stats);
void scanner_piece(struct scanner *s, const struct scan_piece *p);
void scanner_end(struct scanner *s);
void scanner_abort(struct scanner *s);

/* A whole file in memory (buf[len] need not be NUL): one piece, or
 * scan_read.h's pieces when it is larger than a matcher call takes.
 * In scan_read.c. */
void scanner_scan(struct scanner *s, const char *path, const char *buf,
		  size_t len, struct finding_list *out,
		  struct report_stats *stats);

#endif
