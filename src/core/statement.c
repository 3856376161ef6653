/* statement.c - the guideline catalogue: the statements of the vendor
 * documents and the rules that test them (rule.h). Loading is
 * rule_load.c's `guidelines:` section. */
#include "rule.h"

#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>

void statement_free(struct statement *st)
{
	if (!st)
		return;
	free(st->id);
	free(st->title);
	free(st->guideline.doc);
	free(st->guideline.section);
	free(st->guideline.quote);
	free(st->guideline.doc_title);
	strlist_release(&st->rules);
	free(st->manual);
	free(st->file);
	free(st);
}

const struct statement *ruleset_statement(const struct ruleset *rs,
					  const char *id)
{
	for (size_t i = 0; i < rs->nr_statements; i++)
		if (!strcmp(rs->statements[i]->id, id))
			return rs->statements[i];
	return NULL;
}

int statement_tests(const struct statement *st, const struct rule *r)
{
	for (size_t i = 0; i < st->rules.nr; i++)
		if (!fnmatch(st->rules.items[i], r->id, 0))
			return 1;
	return 0;
}

/* Each id or glob a statement lists names at least one loaded rule: a
 * typo would leave its row "not tested" for ever, unseen. */
int statement_validate(const struct ruleset *rs, struct err *e)
{
	for (size_t i = 0; i < rs->nr_statements; i++) {
		const struct statement *st = rs->statements[i];

		for (size_t j = 0; j < st->rules.nr; j++) {
			const char *g = st->rules.items[j];
			size_t k;

			for (k = 0; k < rs->nr; k++)
				if (!fnmatch(g, rs->rules[k]->id, 0))
					break;
			if (k == rs->nr)
				return err_set_at(e, st->file, st->line,
						  st->col, "statement '%s': no "
						  "rule '%s'", st->id, g);
		}
	}
	return 0;
}
