/* scan_db.c - building the scan engine: the rules a run uses, their
 * keywords merged into one database, what the scanner derives from them
 * once; see scan.h.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "scan_decode.h"
#include "scan_internal.h"
#include "core/rule_kind.h"
#include "lib/glob.h"
#include "lib/strbuf.h"
#include "lib/xalloc.h"

size_t scan_engine_rule_count(const struct scan_engine *eng)
{
	return eng->nr_rules;
}

const struct scan_selftest *scan_engine_selftest(const struct scan_engine *eng)
{
	return &eng->selftest;
}

size_t scan_rule_window(const struct rule *r)
{
	return !r->multiline ? 0 : r->window ? r->window : MULTILINE_WINDOW;
}

size_t scan_engine_overlap(const struct scan_engine *eng)
{
	return eng->max_window;
}

size_t scan_engine_context(const struct scan_engine *eng)
{
	return eng->max_lookbehind;
}

static struct entry *keyword_entry(struct scan_engine *eng, const char *kw,
				   int exact)
{
	struct entry *en;
	char *low = xstrdup(kw);

	for (char *p = low; *p && !exact; p++)
		*p = (char)tolower((unsigned char)*p);
	for (size_t i = 0; i < eng->nr_entries; i++) {
		en = &eng->entries[i];
		if (en->keyword && en->exact == exact &&
		    !strcmp(en->keyword, low)) {
			free(low);
			return en;
		}
	}
	ALLOC_GROW(eng->entries, eng->nr_entries, eng->alloc_entries);
	en = &eng->entries[eng->nr_entries++];
	memset(en, 0, sizeof(*en));
	en->keyword = low;
	en->kwlen = strlen(low);
	en->exact = exact;
	return en;
}

static void entry_add_rule(struct entry *en, unsigned ri)
{
	if (en->nr && en->rules[en->nr - 1] == ri)
		return;
	ALLOC_GROW(en->rules, en->nr, en->alloc);
	en->rules[en->nr++] = ri;
}

/* Where carrier c's keyword stands in d's, or -1: a caseless carrier in
 * either kind of keyword (d's folded), an exact one in exact ones only. */
static long carrier_offset(const struct entry *c, const struct entry *d)
{
	char low[256];
	const char *hay = d->keyword, *at;

	if (c->exact && !d->exact)
		return -1;
	if (!c->exact && d->exact) {
		if (d->kwlen >= sizeof(low))
			return -1;
		for (size_t i = 0; i <= d->kwlen; i++)
			low[i] = (char)tolower((unsigned char)d->keyword[i]);
		hay = low;
	}
	at = memmem(hay, d->kwlen, c->keyword, c->kwlen);
	return at ? (long)(at - hay) : -1;
}

static int by_carrying(const void *a, const void *b)
{
	const struct entry *x = *(const struct entry *const *)a;
	const struct entry *y = *(const struct entry *const *)b;

	if (x->kwlen != y->kwlen)
		return x->kwlen < y->kwlen ? -1 : 1;
	return x->exact - y->exact; /* a caseless one carries its exact twin */
}

/* Each keyword that holds a shorter (or caseless twin) keyword entry of
 * the database is carried by the longest such, which stays in it. */
static void pick_carriers(struct scan_engine *eng)
{
	struct entry **ord = xcalloc(eng->nr_entries + 1, sizeof(*ord));
	struct entry **roots = xcalloc(eng->nr_entries + 1, sizeof(*roots));
	size_t n = 0, nr_roots = 0;

	for (size_t i = 0; i < eng->nr_entries; i++)
		if (eng->entries[i].keyword)
			ord[n++] = &eng->entries[i];
	qsort(ord, n, sizeof(*ord), by_carrying);
	for (size_t i = 0; i < n; i++) {
		struct entry *d = ord[i], *best = NULL;
		long best_at = -1;

		for (size_t k = 0; k < nr_roots; k++) {
			long at = carrier_offset(roots[k], d);

			if (at >= 0 &&
			    (!best || roots[k]->kwlen > best->kwlen)) {
				best = roots[k];
				best_at = at;
			}
		}
		if (!best) {
			roots[nr_roots++] = d;
			continue;
		}
		d->is_carried = 1;
		d->carrier_at = (size_t)best_at;
		best->carried =
			xrealloc(best->carried, (best->nr_carried + 1) *
							sizeof(*best->carried));
		best->carried[best->nr_carried++] =
			(unsigned)(d - eng->entries);
	}
	free(ord);
	free(roots);
}

/* A keyword as a database expression: every byte but [A-Za-z0-9_]
 * escaped as \xHH. */
static char *escape_literal(const char *kw)
{
	struct strbuf sb = STRBUF_INIT;

	for (const unsigned char *p = (const unsigned char *)kw; *p; p++) {
		if (isalnum(*p) || *p == '_')
			strbuf_addch(&sb, *p);
		else
			strbuf_addf(&sb, "\\x%02x", *p);
	}
	return strbuf_detach(&sb, NULL);
}

/* The library refused expression i: say which rule and where. */
static int compile_error(const struct scan_engine *eng, const unsigned *ids,
			 size_t n, const hs_compile_error_t *cerr,
			 struct err *e)
{
	const struct entry *en;
	const struct rule *r;
	unsigned line, col;

	if (cerr->expression < 0 || (size_t)cerr->expression >= n)
		return err_set(e, "hyperscan: %s", cerr->message);
	en = &eng->entries[ids[cerr->expression]];
	r = eng->rules[en->rules[0]];
	line = r->line;
	col = r->col;
	if (!en->keyword && r->prefilter && r->prefilter_line) {
		line = r->prefilter_line;
		col = r->prefilter_col;
	} else if (!en->keyword && r->pattern_line) {
		line = r->pattern_line;
		col = r->pattern_col;
	}
	if (en->keyword)
		return err_set_at(e, r->file, line, col, "rule '%s': keyword "
				  "'%s' is rejected by the matcher: %s", r->id,
				  en->keyword, cerr->message);
	if (r->prefilter)
		return err_set_at(e, r->file, line, col, "rule '%s': prefilter "
				  "'%s' is rejected by the matcher: %s", r->id,
				  r->prefilter, cerr->message);
	return err_set_at(e, r->file, line, col, "rule '%s': pattern cannot "
			  "be prefiltered by the matcher (%s); give the rule "
			  "keywords", r->id, cerr->message);
}

/* Keywords match anywhere; a prefilter or a pattern has the rules'
 * line-anchor meaning (HS_FLAG_MULTILINE, as PCRE2_MULTILINE). */
/* The Hyperscan expression of an entry (the caller frees it) and its
 * flags: a keyword as a literal; else the rule's own prefilter, a superset
 * far cheaper than its full pattern approximated; else that pattern in
 * prefilter mode. */
static char *entry_expression(const struct scan_engine *eng,
			      const struct entry *en, unsigned *flags)
{
	const struct rule *r;

	if (en->keyword) {
		*flags = en->exact ? 0 : HS_FLAG_CASELESS;
		return escape_literal(en->keyword);
	}
	r = eng->rules[en->rules[0]];
	if (r->prefilter) {
		*flags = HS_FLAG_MULTILINE;
		return xstrdup(r->prefilter);
	}
	*flags = HS_FLAG_PREFILTER | HS_FLAG_MULTILINE;
	return xstrdup(r->pattern);
}

static int compile_db(struct scan_engine *eng, struct err *e)
{
	size_t n = 0;
	char **exprs = xcalloc(eng->nr_entries, sizeof(*exprs));
	unsigned *flags = xcalloc(eng->nr_entries, sizeof(*flags));
	unsigned *ids = xcalloc(eng->nr_entries, sizeof(*ids));
	hs_compile_error_t *cerr = NULL;
	int rc = 0;

	/* a database id is the entry's index; carried entries have none */
	for (size_t i = 0; i < eng->nr_entries; i++) {
		if (eng->entries[i].is_carried)
			continue;
		ids[n] = (unsigned)i;
		exprs[n] = entry_expression(eng, &eng->entries[i], &flags[n]);
		n++;
	}
	if (hs_compile_multi((const char *const *)exprs, flags, ids,
			     (unsigned)n, HS_MODE_BLOCK, NULL, &eng->db,
			     &cerr) != HS_SUCCESS) {
		rc = compile_error(eng, ids, n, cerr, e);
		hs_free_compile_error(cerr);
	}
	for (size_t i = 0; i < n; i++)
		free(exprs[i]);
	free(exprs);
	free(flags);
	free(ids);
	return rc;
}

/* What every scan needs of the rules, worked out once. */
static void derive(struct scan_engine *eng)
{
	for (size_t ri = 0; ri < eng->nr_rules; ri++) {
		const struct rule *r = eng->rules[ri];
		uint32_t groups = 0, behind = 0;
		size_t win = scan_rule_window(r);

		pcre2_pattern_info(r->re, PCRE2_INFO_CAPTURECOUNT, &groups);
		if (groups > eng->max_groups)
			eng->max_groups = groups;
		if (!pcre2_pattern_info(r->re, PCRE2_INFO_MAXLOOKBEHIND,
					&behind) && behind > eng->max_lookbehind)
			eng->max_lookbehind = behind;
		if (win > eng->max_window)
			eng->max_window = win;
	}
	for (size_t i = 0; i < eng->nr_entries; i++)
		if (eng->entries[i].kwlen > eng->max_kwlen)
			eng->max_kwlen = eng->entries[i].kwlen;
	/* a UTF-8 character's worth of context beyond what lookbehinds
	 * count, and never none */
	eng->max_lookbehind = eng->max_lookbehind * 4 + 16;
}

const struct scan_trigger_word scan_trigger_words[] = {
	{ "kind: Secret", 1, SCAN_TRIGGER_K8S_SECRET },
	{ "kind: \"Secret\"", 1, SCAN_TRIGGER_K8S_SECRET },
	{ "\"kind\": \"Secret\"", 1, SCAN_TRIGGER_K8S_SECRET },
	{ "\"kind\":\"Secret\"", 1, SCAN_TRIGGER_K8S_SECRET },
	{ "\"auth\"", 1, SCAN_TRIGGER_DOCKER_AUTH },
	/* caseless, as the URL rules' keyword: one entry serves both */
	{ "://", 0, SCAN_TRIGGER_URI },
	{ NULL, 0, SCAN_TRIGGER_NONE },
};

/* The decoding pass's trigger words are literals of the database too
 * (scan_decode.h), shared with any rule's equal keyword. */
static void add_entries(struct scan_engine *eng)
{
	for (const struct scan_trigger_word *w = scan_trigger_words; w->word;
	     w++)
		keyword_entry(eng, w->word, w->exact)->trigger = (int)w->kind;
	for (size_t ri = 0; ri < eng->nr_rules; ri++) {
		const struct rule *r = eng->rules[ri];

		for (size_t k = 0; k < r->keywords.nr; k++)
			entry_add_rule(keyword_entry(eng, r->keywords.items[k],
						     r->keywords_exact),
				       (unsigned)ri);
		if (!r->keywords.nr) {
			struct entry *en;

			ALLOC_GROW(eng->entries, eng->nr_entries,
				   eng->alloc_entries);
			en = &eng->entries[eng->nr_entries++];
			memset(en, 0, sizeof(*en));
			entry_add_rule(en, (unsigned)ri);
		}
	}
}

int scan_engine_build(struct scan_engine **out, const struct ruleset *rs,
		      const struct profile *p, const struct rule *only,
		      unsigned flags, struct err *e)
{
	struct scan_engine *eng = xcalloc(1, sizeof(*eng));
	const struct profile *def = ruleset_profile(rs, "default");

	eng->rs = rs;
	eng->profile = p;
	eng->flags = flags;
	eng->client_paths = p && p->client_side_paths.nr ?
			    &p->client_side_paths :
			    def ? &def->client_side_paths : NULL;
	eng->rules = xcalloc(rs->nr + 1, sizeof(*eng->rules));
	for (size_t i = 0; i < rs->nr; i++) {
		const struct rule *r = rs->rules[i];

		if (r->kind->target != RULE_TARGET_SOURCE || !r->re)
			continue;
		if (only ? r != only : !profile_selects(p, r))
			continue;
		eng->rules[eng->nr_rules++] = r;
	}
	eng->distrust = xcalloc(eng->nr_rules + 1, 1);
	eng->distrusted = xcalloc(eng->nr_rules + 1, sizeof(*eng->distrusted));
	add_entries(eng);
	pick_carriers(eng);
	derive(eng);
	if (eng->nr_entries && compile_db(eng, e))
		goto fail;
	if (flags & SCAN_ENGINE_REFERENCE)
		for (size_t ri = 0; ri < eng->nr_rules; ri++)
			scan_engine_distrust(eng, ri);
	else if (eng->db && scan_selftest_run(eng, e))
		goto fail;
	eng->counts = scan_counts_new(eng);
	*out = eng;
	return 0;
fail:
	scan_engine_free(eng);
	return -1;
}

void scan_engine_free(struct scan_engine *eng)
{
	if (!eng)
		return;
	scan_counts_report(eng, eng->counts);
	for (size_t i = 0; i < eng->nr_entries; i++) {
		free(eng->entries[i].rules);
		free(eng->entries[i].keyword);
		free(eng->entries[i].carried);
	}
	free(eng->entries);
	free(eng->rules);
	free(eng->distrust);
	free(eng->distrusted);
	hs_free_database(eng->db);
	free(eng);
}
