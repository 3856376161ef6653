/* rule.c - the loaded ruleset: lookup, selection by profile, validation
 * after loading, and freeing. Loading itself is rule_load.c. */
#include "rule.h"

#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rule_kind.h"
#include "lib/strbuf.h"
#include "lib/xalloc.h"

static void guideline_release(struct guideline *g)
{
	free(g->doc);
	free(g->section);
	free(g->quote);
	free(g->doc_title);
}

static void kvlist_release(struct kvlist *l)
{
	for (size_t i = 0; i < l->nr; i++) {
		free(l->items[i].key);
		free(l->items[i].value);
	}
	free(l->items);
}

static void examples_free(struct rule_example *ex, size_t nr)
{
	for (size_t i = 0; i < nr; i++) {
		free(ex[i].text);
		free(ex[i].path);
	}
	free(ex);
}

void rule_free(struct rule *r)
{
	if (!r)
		return;
	free(r->id);
	free(r->title);
	free(r->description);
	free(r->category);
	guideline_release(&r->guideline);
	strlist_release(&r->keywords);
	free(r->keywords_case);
	free(r->prefilter);
	free(r->pattern);
	pcre2_code_free(r->re);
	if (r->allow_re)
		for (size_t i = 0; i < r->allow.nr; i++)
			pcre2_code_free(r->allow_re[i]);
	free(r->allow_re);
	strlist_release(&r->allow);
	strlist_release(&r->stopwords);
	strlist_release(&r->paths);
	strlist_release(&r->exclude_paths);
	strlist_release(&r->context);
	free(r->checksum);
	kvlist_release(&r->params);
	examples_free(r->examples, r->nr_examples);
	examples_free(r->negatives, r->nr_negatives);
	free(r->file);
	free(r);
}

void profile_free(struct profile *p)
{
	if (!p)
		return;
	free(p->name);
	free(p->title);
	guideline_release(&p->guideline);
	strlist_release(&p->rules);
	strlist_release(&p->client_side_paths);
	kvlist_release(&p->params);
	free(p->file);
	free(p);
}

void ruleset_release(struct ruleset *rs)
{
	for (size_t i = 0; i < rs->nr; i++)
		rule_free(rs->rules[i]);
	free(rs->rules);
	for (size_t i = 0; i < rs->nr_profiles; i++)
		profile_free(rs->profiles[i]);
	free(rs->profiles);
	for (size_t i = 0; i < rs->nr_statements; i++)
		statement_free(rs->statements[i]);
	free(rs->statements);
	for (size_t i = 0; rs->allow.patterns_re &&
	     i < rs->allow.patterns.nr; i++)
		pcre2_code_free(rs->allow.patterns_re[i]);
	free(rs->allow.patterns_re);
	strlist_release(&rs->allow.values);
	strlist_release(&rs->allow.patterns);
	strlist_release(&rs->allow.stopwords);
	strlist_release(&rs->ignored);
	strlist_release(&rs->notices);
	err_list_release(&rs->errors);
	memset(rs, 0, sizeof(*rs));
}

const struct rule *ruleset_find(const struct ruleset *rs, const char *id)
{
	for (size_t i = 0; i < rs->nr; i++)
		if (!strcmp(rs->rules[i]->id, id))
			return rs->rules[i];
	return NULL;
}

const struct profile *ruleset_profile(const struct ruleset *rs,
				      const char *name)
{
	for (size_t i = 0; i < rs->nr_profiles; i++)
		if (!strcmp(rs->profiles[i]->name, name))
			return rs->profiles[i];
	return NULL;
}

const char *rule_param(const struct rule *r, const char *key)
{
	for (size_t i = 0; i < r->params.nr; i++)
		if (!strcmp(r->params.items[i].key, key))
			return r->params.items[i].value;
	return NULL;
}

int ruleset_validate(struct ruleset *rs, struct err *e)
{
	size_t had = rs->errors.nr;
	struct err one = ERR_INIT;

	for (size_t i = 0; i < rs->nr; i++) {
		const struct rule *r = rs->rules[i];
		struct strbuf note = STRBUF_INIT;

		if (r->kind->target != RULE_TARGET_SOURCE ||
		    (r->nr_examples && r->nr_negatives))
			continue;	/* examples are source text */
		if (!r->layer) {
			err_set_at(&one, r->file, r->line, r->col,
				   "rule '%s': needs both 'examples' and "
				   "'negative_examples'", r->id);
			err_list_push(&rs->errors, &one);
			continue;
		}
		/* a user's rule may come without; it is then untested */
		strbuf_addf(&note, "%s:%u:%u: rule '%s' has no %s: `authaudit "
			    "rules test` cannot check it", r->file, r->line,
			    r->col, r->id, !r->nr_examples ? "examples" :
			    "negative_examples");
		strlist_push(&rs->notices, note.buf);
		strbuf_release(&note);
	}
	for (size_t i = 0; i < rs->nr_profiles; i++) {
		const struct profile *p = rs->profiles[i];

		/* an exact id must exist (a typo would select nothing
		 * silently); a glob may name a family not installed */
		for (size_t j = 0; j < p->rules.nr; j++) {
			const char *g = p->rules.items[j];
			size_t k;

			if (strpbrk(g, "*?["))
				continue;
			for (k = 0; k < rs->nr; k++)
				if (!fnmatch(g, rs->rules[k]->id, 0))
					break;
			if (k == rs->nr) {
				err_set_at(&one, p->file, p->line, p->col,
					   "profile '%s': no rule '%s'",
					   p->name, g);
				err_list_push(&rs->errors, &one);
			}
		}
	}
	if (statement_validate(rs, &one))
		err_list_push(&rs->errors, &one);
	if (rs->errors.nr == had)
		return 0;
	*e = rs->errors.items[had];
	return -1;
}

int guideline_is_policy(const struct guideline *g)
{
	return g->doc && !strcmp(g->doc, GUIDELINE_POLICY);
}

const char *guideline_doc_title(const struct ruleset *rs,
				const struct guideline *g)
{
	if (!g || !g->doc)
		return NULL;
	if (g->doc_title)
		return g->doc_title;
	if (guideline_is_policy(g))
		return GUIDELINE_POLICY_TITLE;
	for (size_t i = 0; rs && i < rs->nr_profiles; i++) {
		const struct profile *p = rs->profiles[i];

		if (p->guideline.doc && !strcmp(p->guideline.doc, g->doc))
			return p->guideline.doc_title ? p->guideline.doc_title :
			       p->title;
	}
	return NULL;
}

int guideline_is_vendor_doc(const struct guideline *g)
{
	return g->doc && !guideline_is_policy(g) && !strstr(g->doc, "://");
}

void guideline_cite(const struct ruleset *rs, const struct guideline *g,
		    struct strbuf *out)
{
	const char *title = guideline_doc_title(rs, g);
	unsigned cwe;
	int n = 0;

	if (title)
		strbuf_addstr(out, title);
	else if (g->doc && sscanf(g->doc, "https://cwe.mitre.org/data/"
				  "definitions/%u.html%n", &cwe, &n) == 1 &&
		 !g->doc[n])
		strbuf_addf(out, "CWE-%u", cwe);
	else
		strbuf_addstr(out, g->doc ? g->doc : "-");
	if (g->section)
		strbuf_addf(out, " - %s", g->section);
}
