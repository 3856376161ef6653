/* coverage.h - `authaudit rules coverage`: which statements of each vendor
 * document the catalogue's rules test, which are manual checks, and which
 * rules test no statement. Reads the ruleset; writes text. */
#ifndef AUTHAUDIT_COVERAGE_H
#define AUTHAUDIT_COVERAGE_H

#include <stdio.h>

#include "rule.h"

/* Only p's document when p has one (NULL: every document); verbose adds
 * each statement's quote. */
void coverage_print(const struct ruleset *rs, const struct profile *p,
		    int verbose, FILE *out);

#endif
