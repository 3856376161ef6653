/* coverage.c - the guideline catalogue against the rules; see coverage.h. */
#include "coverage.h"

#include <stdlib.h>
#include <string.h>

#include "lib/strbuf.h"
#include "lib/xalloc.h"

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The profile that audits doc (its title names the platform), or NULL. */
static const struct profile *profile_of_doc(const struct ruleset *rs,
					    const char *doc)
{
	for (size_t i = 0; i < rs->nr_profiles; i++)
		if (rs->profiles[i]->guideline.doc &&
		    !strcmp(rs->profiles[i]->guideline.doc, doc))
			return rs->profiles[i];
	return NULL;
}

static size_t rules_matched(const struct ruleset *rs,
			    const struct statement *st)
{
	size_t n = 0;

	for (size_t i = 0; i < rs->nr; i++)
		n += statement_tests(st, rs->rules[i]);
	return n;
}

static void print_statement(const struct ruleset *rs,
			    const struct statement *st, int verbose,
			    FILE *out)
{
	struct strbuf sb = STRBUF_INIT;

	if (st->manual) {
		size_t n = strlen(st->manual);

		/* the full text with -v; a line's worth otherwise */
		strbuf_addf(&sb, "manual  %.*s%s", verbose || n <= 64 ?
			    (int)n : 61, st->manual,
			    verbose || n <= 64 ? "" : "...");
	} else {
		size_t n = rules_matched(rs, st);

		strbuf_addstr(&sb, "rules   ");
		for (size_t i = 0; i < st->rules.nr; i++)
			strbuf_addf(&sb, "%s%s", i ? ", " : "",
				    st->rules.items[i]);
		if (n != st->rules.nr)
			strbuf_addf(&sb, " (%zu rules)", n);
	}
	fprintf(out, "  %-40s %s\n", st->id, sb.buf);
	if (verbose)
		fprintf(out, "  %-40s \"%s\" (%s)\n", "", st->guideline.quote,
			st->guideline.section);
	strbuf_release(&sb);
}

/* One document: a heading with its counts, then each statement. */
static void print_doc(const struct ruleset *rs, const char *doc,
		      int verbose, FILE *out)
{
	const struct profile *p = profile_of_doc(rs, doc);
	size_t total = 0, manual = 0, gaps = 0;

	for (size_t i = 0; i < rs->nr_statements; i++) {
		const struct statement *st = rs->statements[i];

		if (strcmp(st->guideline.doc, doc))
			continue;
		total++;
		manual += !!st->manual;
		gaps += st->manual && !strncmp(st->manual,
					       "Not automated yet", 17);
	}
	fprintf(out, "\n%s", doc);
	if (p)
		fprintf(out, "  %s (profile %s)", p->title, p->name);
	fprintf(out, "\n  %zu statements: %zu tested by rules, %zu manual "
		"checks (%zu of them not automated yet)\n", total,
		total - manual, manual, gaps);
	for (size_t i = 0; i < rs->nr_statements; i++)
		if (!strcmp(rs->statements[i]->guideline.doc, doc))
			print_statement(rs, rs->statements[i], verbose, out);
}

static void print_orphans(const struct ruleset *rs, FILE *out)
{
	struct strbuf sb = STRBUF_INIT;
	size_t n = 0;

	for (size_t i = 0; i < rs->nr; i++) {
		size_t k;

		for (k = 0; k < rs->nr_statements; k++)
			if (statement_tests(rs->statements[k], rs->rules[i]))
				break;
		if (k < rs->nr_statements)
			continue;
		strbuf_addf(&sb, "%s%s", n++ ? ", " : "", rs->rules[i]->id);
	}
	fprintf(out, "\nRules that test no statement: %s\n",
		n ? sb.buf : "none");
	strbuf_release(&sb);
}

void coverage_print(const struct ruleset *rs, const struct profile *p,
		    int verbose, FILE *out)
{
	struct strlist docs = { 0 };
	size_t manual = 0;

	for (size_t i = 0; i < rs->nr_statements; i++) {
		const struct statement *st = rs->statements[i];
		size_t k;

		manual += !!st->manual;
		if (p && !profile_covers(p, st))
			continue;
		for (k = 0; k < docs.nr; k++)
			if (!strcmp(docs.items[k], st->guideline.doc))
				break;
		if (k == docs.nr)
			strlist_push(&docs, st->guideline.doc);
	}
	if (docs.nr)
		qsort(docs.items, docs.nr, sizeof(*docs.items), cmp_str);
	fprintf(out, "Guideline coverage: %zu documents, %zu statements: "
		"%zu tested by rules, %zu manual checks\n", docs.nr,
		rs->nr_statements, rs->nr_statements - manual, manual);
	for (size_t i = 0; i < docs.nr; i++)
		print_doc(rs, docs.items[i], verbose, out);
	if (!p || !p->guideline.doc)
		print_orphans(rs, out);
	strlist_release(&docs);
}
