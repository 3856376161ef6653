/* scan_context.h - a rule's `context:` words near a match: a vendor rule
 * fires only where its vendor's host, header or variable names stand
 * (docs/rules.md, "Vendor context"). */
#ifndef AUTHAUDIT_SCAN_CONTEXT_H
#define AUTHAUDIT_SCAN_CONTEXT_H

#include <stddef.h>

#include "core/rule.h"

/* Does one of r's context words stand, whole (no letter or digit beside
 * it, bar a camelCase step: gasHeaders) and in any case, within
 * r->context_window bytes (RULE_CONTEXT_WINDOW when 0) before the match
 * buf[start..end) or after it, inside buf[0..len)? */
int scan_context_near(const struct rule *r, const char *buf, size_t len,
		      size_t start, size_t end);

/* Is path a translation file: below i18n/, l10n/, locale(s)/, lang(s)/,
 * translations/, or a .po, .xliff, .arb, .resx or .strings file? Its
 * values are text shown to people. */
int scan_translation_file(const char *path);

#endif
