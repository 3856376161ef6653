/* filter.h - what is not a finding even though a pattern matched:
 * placeholders, documentation examples, low-entropy values (judged by
 * their alphabet, value_class.h), natural-language text, a rule's own
 * allow patterns and stopwords, and the ruleset's allowlist. */
#ifndef AUTHAUDIT_FILTER_H
#define AUTHAUDIT_FILTER_H

#include <stddef.h>

#include "value_class.h"
#include "core/rule.h"

/* 1 when the match (whole text m, secret s) must not be reported. For
 * rules without a secret only the rule's allow patterns apply, to m. */
int filter_rejects(const struct ruleset *rs, const struct rule *r,
		   const char *m, size_t mlen, const char *s, size_t slen);

/* shannon_entropy() and filter_entropy_bar(): value_class.h. */

#endif
