/* scan.h - the source-scanning engine.
 *
 * scan_engine_build() compiles the selected source rules into one
 * vectorscan database of literal keywords (and, for rules without
 * keywords, prefilter patterns); a struct scanner is one thread's working
 * state. scanner_scan() finds the candidates in a buffer, confirms them
 * with the rules' PCRE2 patterns on the lines around them, filters
 * placeholders and allowlisted values, and lets each rule's kind turn the
 * match into findings.
 *
 * Ownership: the engine borrows the ruleset and profile (they must outlive
 * it) and owns its database; a scanner borrows its engine. Free scanners
 * before their engine.
 */
#ifndef AUTHAUDIT_SCAN_H
#define AUTHAUDIT_SCAN_H

#include <stddef.h>
#include <time.h>

#include "err.h"
#include "finding.h"
#include "report.h"
#include "rule.h"

struct scan_engine;
struct scanner;

/* Rules of `rs` selected by `p` (all when p is NULL), or only `only` when
 * it is not NULL. */
int scan_engine_build(struct scan_engine **out, const struct ruleset *rs,
		      const struct profile *p, const struct rule *only,
		      struct err *e);
void scan_engine_free(struct scan_engine *eng);
size_t scan_engine_rule_count(const struct scan_engine *eng);

struct scanner *scanner_new(const struct scan_engine *eng);
void scanner_free(struct scanner *s);
/* Honour `authaudit:allow` on a line (the default) or not. */
void scanner_set_inline_allow(struct scanner *s, int on);
void scanner_set_now(struct scanner *s, time_t now);

/* Scan buf (len bytes; buf[len] need not be NUL) as the file `path`,
 * relative to its root. Findings go to out; suppressions are counted in
 * stats. */
void scanner_scan(struct scanner *s, const char *path, const char *buf,
		  size_t len, struct finding_list *out,
		  struct report_stats *stats);
/* The root later scanner_scan() calls report (NULL: none). */
void scanner_set_root(struct scanner *s, const char *root);


#endif
