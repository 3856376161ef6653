/* filter.h - what is not a finding even though a pattern matched:
 * placeholders, documentation examples, low-entropy values (judged by
 * their alphabet, value_class.h), natural-language text, a rule's own
 * allow patterns and stopwords, and the ruleset's allowlist. */
#ifndef AUTHAUDIT_FILTER_H
#define AUTHAUDIT_FILTER_H

#include <stddef.h>

#include "core/rule.h"

/* 1 when the match (whole text m, secret s) must not be reported. For
 * rules without a secret only the rule's allow patterns apply, to m. */
int filter_rejects(const struct ruleset *rs, const struct rule *r,
		   const char *m, size_t mlen, const char *s, size_t slen);

/* Bits per character of s's own character frequencies. */
double shannon_entropy(const char *s, size_t n);

/* The entropy a value of n characters must reach for a rule asking
 * min_entropy: n characters hold at most log2(n) bits each, all
 * different, so a fixed bar would drop every short value (no 10-character
 * password reaches 3.5). The bar is min_entropy or FILTER_ENTROPY_SHARE of
 * that most, whichever is lower: random values of any length pass, runs
 * and repeats ("aaaabbbbcccc", "abcabcabc") do not (docs/rules.md). */
#define FILTER_ENTROPY_SHARE 0.7
double filter_entropy_bar(double min_entropy, size_t n);

#endif
