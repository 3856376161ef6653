/* scan.c - vectorscan finds candidates, PCRE2 confirms them; see scan.h.
 *
 * Hot path: one hs_scan() over the whole file collects (entry, offset)
 * hits; each hit maps to the rules that share that keyword; each rule runs
 * its JIT-compiled PCRE2 pattern once per line window however many of its
 * keywords the line holds.
 */
#include "scan.h"

#include <ctype.h>
#include <hs/hs.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "filter.h"
#include "glob.h"
#include "rule_kind.h"
#include "strbuf.h"
#include "xalloc.h"

#define MULTILINE_WINDOW (64 * 1024)

/* One expression of the database: a keyword shared by several rules, or
 * one rule's prefilter (or, failing that, its pattern in vectorscan's
 * prefilter mode). */
struct entry {
	unsigned *rules;	/* indexes into eng->rules */
	size_t nr, alloc;
	size_t kwlen;		/* 0 for a pattern entry */
	char *keyword;		/* lower case unless exact; NULL for a
				 * pattern entry */
	int exact;		/* matched with its case */
};

struct scan_engine {
	const struct ruleset *rs;
	const struct profile *profile;
	const struct strlist *client_paths;
	const struct rule **rules;
	size_t nr_rules;
	struct entry *entries;
	size_t nr_entries, alloc_entries;
	hs_database_t *db;
	size_t max_groups;
};

struct hit {
	unsigned id;
	size_t to;
};

struct scanner {
	const struct scan_engine *eng;
	hs_scratch_t *scratch;
	pcre2_match_data *md;
	struct hit *hits;
	size_t nr_hits, alloc_hits;
	size_t *covered;	/* per rule: window end already scanned */
	signed char *applies;	/* per rule: 0 unknown, 1 yes, -1 no */
	int inline_allow;
	time_t now;
	const char *root;
};

size_t scan_engine_rule_count(const struct scan_engine *eng)
{
	return eng->nr_rules;
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

/* A keyword as a vectorscan expression: every byte but [A-Za-z0-9_]
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

static int compile_db(struct scan_engine *eng, struct err *e)
{
	size_t n = eng->nr_entries;
	char **exprs = xcalloc(n, sizeof(*exprs));
	unsigned *flags = xcalloc(n, sizeof(*flags));
	unsigned *ids = xcalloc(n, sizeof(*ids));
	hs_compile_error_t *cerr = NULL;
	int rc = 0;

	for (size_t i = 0; i < n; i++) {
		struct entry *en = &eng->entries[i];

		ids[i] = (unsigned)i;
		if (en->keyword) {
			exprs[i] = escape_literal(en->keyword);
			flags[i] = en->exact ? 0 : HS_FLAG_CASELESS;
		} else if (eng->rules[en->rules[0]]->prefilter) {
			/* the rule's own superset: far cheaper in vectorscan
			 * than its full pattern approximated */
			exprs[i] = xstrdup(eng->rules[en->rules[0]]->prefilter);
			flags[i] = 0;
		} else {
			exprs[i] = xstrdup(eng->rules[en->rules[0]]->pattern);
			flags[i] = HS_FLAG_PREFILTER;
		}
	}
	if (hs_compile_multi((const char *const *)exprs, flags, ids,
			     (unsigned)n, HS_MODE_BLOCK, NULL, &eng->db,
			     &cerr) != HS_SUCCESS) {
		if (cerr->expression >= 0 && (size_t)cerr->expression < n) {
			const struct entry *en = &eng->entries[cerr->expression];
			const struct rule *r = eng->rules[en->rules[0]];
			unsigned line = r->line, col = r->col;

			/* point at the expression vectorscan refused */
			if (!en->keyword && r->prefilter &&
			    r->prefilter_line) {
				line = r->prefilter_line;
				col = r->prefilter_col;
			} else if (!en->keyword && r->pattern_line) {
				line = r->pattern_line;
				col = r->pattern_col;
			}
			rc = err_set_at(e, r->file, line, col,
					en->keyword ?
					"rule '%s': keyword '%s' is rejected "
					"by vectorscan: %s" : r->prefilter ?
					"rule '%s': prefilter '%s' is "
					"rejected by vectorscan: %s" :
					"rule '%s': pattern%s cannot be "
					"prefiltered by vectorscan (%s); give "
					"the rule keywords", r->id,
					en->keyword ? en->keyword :
					r->prefilter ? r->prefilter : "",
					cerr->message);
		} else {
			rc = err_set(e, "vectorscan: %s", cerr->message);
		}
		hs_free_compile_error(cerr);
	}
	for (size_t i = 0; i < n; i++)
		free(exprs[i]);
	free(exprs);
	free(flags);
	free(ids);
	return rc;
}

int scan_engine_build(struct scan_engine **out, const struct ruleset *rs,
		      const struct profile *p, const struct rule *only,
		      struct err *e)
{
	struct scan_engine *eng = xcalloc(1, sizeof(*eng));
	const struct profile *def = ruleset_profile(rs, "default");

	eng->rs = rs;
	eng->profile = p;
	eng->client_paths = p && p->client_side_paths.nr ?
			    &p->client_side_paths :
			    def ? &def->client_side_paths : NULL;
	eng->rules = xcalloc(rs->nr + 1, sizeof(*eng->rules));
	for (size_t i = 0; i < rs->nr; i++) {
		const struct rule *r = rs->rules[i];
		uint32_t groups = 0;

		if (r->kind->target != RULE_TARGET_SOURCE || !r->re)
			continue;
		if (only ? r != only : !profile_selects(p, r))
			continue;
		pcre2_pattern_info(r->re, PCRE2_INFO_CAPTURECOUNT, &groups);
		if (groups > eng->max_groups)
			eng->max_groups = groups;
		eng->rules[eng->nr_rules++] = r;
	}
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
	if (eng->nr_entries && compile_db(eng, e)) {
		scan_engine_free(eng);
		return -1;
	}
	*out = eng;
	return 0;
}

void scan_engine_free(struct scan_engine *eng)
{
	if (!eng)
		return;
	for (size_t i = 0; i < eng->nr_entries; i++) {
		free(eng->entries[i].rules);
		free(eng->entries[i].keyword);
	}
	free(eng->entries);
	free(eng->rules);
	hs_free_database(eng->db);
	free(eng);
}

struct scanner *scanner_new(const struct scan_engine *eng)
{
	struct scanner *s = xcalloc(1, sizeof(*s));

	s->eng = eng;
	if (eng->db && hs_alloc_scratch(eng->db, &s->scratch) != HS_SUCCESS) {
		fputs("authaudit: out of memory for vectorscan scratch\n",
		      stderr);
		abort();
	}
	s->md = pcre2_match_data_create((uint32_t)eng->max_groups + 1, NULL);
	s->covered = xcalloc(eng->nr_rules + 1, sizeof(*s->covered));
	s->applies = xcalloc(eng->nr_rules + 1, 1);
	s->inline_allow = 1;
	s->now = time(NULL);
	return s;
}

void scanner_free(struct scanner *s)
{
	if (!s)
		return;
	hs_free_scratch(s->scratch);
	pcre2_match_data_free(s->md);
	free(s->hits);
	free(s->covered);
	free(s->applies);
	free(s);
}

void scanner_set_inline_allow(struct scanner *s, int on)
{
	s->inline_allow = on;
}

void scanner_set_root(struct scanner *s, const char *root)
{
	s->root = root;
}

void scanner_set_now(struct scanner *s, time_t now)
{
	s->now = now;
}

static int on_hit(unsigned id, unsigned long long from,
		  unsigned long long to, unsigned flags, void *ctx)
{
	struct scanner *s = ctx;

	(void)from;
	(void)flags;
	ALLOC_GROW(s->hits, s->nr_hits, s->alloc_hits);
	s->hits[s->nr_hits].id = id;
	s->hits[s->nr_hits++].to = (size_t)to;
	return 0;
}

static size_t line_start(const char *buf, size_t off)
{
	const char *p = off ? memrchr(buf, '\n', off) : NULL;

	return p ? (size_t)(p - buf) + 1 : 0;
}

static size_t line_end(const char *buf, size_t len, size_t off)
{
	const char *p = off < len ? memchr(buf + off, '\n', len - off) : NULL;

	return p ? (size_t)(p - buf) : len;
}

static int rule_applies(struct scanner *s, size_t ri, const char *path)
{
	const struct rule *r = s->eng->rules[ri];

	if (!s->applies[ri])
		s->applies[ri] = (r->paths.nr && !glob_any(&r->paths, path)) ||
				 glob_any(&r->exclude_paths, path) ? -1 : 1;
	return s->applies[ri] > 0;
}

/* The lines a match touches hold "authaudit:allow". */
static int inline_allowed(const char *buf, size_t len, size_t a, size_t b)
{
	size_t ls = line_start(buf, a), le = line_end(buf, len, b ? b - 1 : 0);

	return le > ls && memmem(buf + ls, le - ls, "authaudit:allow", 15);
}

static void confirm(struct scanner *s, size_t ri, const char *path,
		    const char *buf, size_t len, size_t ws, size_t we,
		    int client_side, struct finding_list *out,
		    struct report_stats *stats)
{
	const struct rule *r = s->eng->rules[ri];
	PCRE2_SIZE *ov = pcre2_get_ovector_pointer(s->md);
	size_t at = ws;

	while (at < we) {
		struct source_match m;
		int rc = pcre2_match(r->re, (PCRE2_SPTR)buf, we, at, 0, s->md,
				     NULL);

		if (rc < 0)
			break;
		m.rs = s->eng->rs;
		m.profile = s->eng->profile;
		m.path = path;
		m.root = s->root;
		m.buf = buf;
		m.len = len;
		m.start = ov[0];
		m.end = ov[1];
		m.client_side = client_side;
		m.now = s->now;
		at = ov[1] > ov[0] ? ov[1] : ov[0] + 1;
		if (r->secret_group > 0 && rc > r->secret_group &&
		    ov[2 * r->secret_group] != PCRE2_UNSET) {
			m.sstart = ov[2 * r->secret_group];
			m.send = ov[2 * r->secret_group + 1];
		} else if (r->secret_group > 0) {
			continue;	/* the secret group did not take part */
		} else {
			m.sstart = m.start;
			m.send = m.end;
		}
		if (filter_rejects(s->eng->rs, r, buf + m.start,
				   m.end - m.start, buf + m.sstart,
				   m.send - m.sstart))
			continue;
		if (s->inline_allow && inline_allowed(buf, len, m.start,
						      m.end)) {
			stats->suppressed_inline++;
			continue;
		}
		r->kind->judge(r, &m, out);
	}
}

/* Do f and g report the secret at one place? Equal hashes mean equal
 * lengths, so the spans overlap when they start on one line within that
 * length (columns count characters, a secret's bytes at least as many). */
static int same_spot(const struct finding *f, const struct finding *g)
{
	size_t n = strlen(f->secret);

	return f->line == g->line &&
	       (f->column > g->column ? f->column - g->column :
		g->column - f->column) < n;
}

/* One secret reported by several rules of one category at one place (a
 * reseller ApiKey is also a generic "api_key = ..." assignment): keep the
 * most confident rule's findings there and drop the rest. Findings of
 * another category say something else about it (a leaked JWT and its
 * ten-year lifetime) and stay, as does the same secret elsewhere in the
 * file. Only findings from `first` on are this file's. */
static void drop_weaker_duplicates(struct finding_list *out, size_t first)
{
	size_t keep = first;

	for (size_t i = first; i < out->nr; i++) {
		struct finding *f = &out->items[i];
		int weaker = 0;

		for (size_t j = first; j < out->nr && !weaker; j++) {
			const struct finding *g = &out->items[j];

			weaker = j != i && f->secret &&
				 g->confidence > f->confidence &&
				 !strcmp(f->rule->category, g->rule->category) &&
				 !strcmp(f->secret_sha256, g->secret_sha256) &&
				 same_spot(f, g);
		}
		if (weaker)
			finding_release(f);
		else
			out->items[keep++] = *f;
	}
	out->nr = keep;
}

void scanner_scan(struct scanner *s, const char *path, const char *buf,
		  size_t len, struct finding_list *out,
		  struct report_stats *stats)
{
	size_t first = out->nr;
	const struct scan_engine *eng = s->eng;
	int client_side = -1;

	if (!eng->db || !len)
		return;
	s->nr_hits = 0;
	if (hs_scan(eng->db, buf, (unsigned)len, 0, s->scratch, on_hit, s) !=
	    HS_SUCCESS)
		return;
	if (!s->nr_hits)
		return;
	memset(s->covered, 0, eng->nr_rules * sizeof(*s->covered));
	memset(s->applies, 0, eng->nr_rules);
	for (size_t h = 0; h < s->nr_hits; h++) {
		const struct entry *en = &eng->entries[s->hits[h].id];
		size_t to = s->hits[h].to;
		size_t anchor = to > en->kwlen ? to - en->kwlen : 0;
		size_t ls = line_start(buf, anchor ? anchor : 0);
		size_t le = 0;

		if (!en->kwlen && to)
			ls = line_start(buf, to - 1);
		for (size_t i = 0; i < en->nr; i++) {
			size_t ri = en->rules[i], we;

			if (s->covered[ri] > anchor)
				continue;
			if (!rule_applies(s, ri, path))
				continue;
			if (eng->rules[ri]->multiline) {
				size_t win = eng->rules[ri]->window ?
					     eng->rules[ri]->window :
					     MULTILINE_WINDOW;

				we = len - ls > win ? ls + win : len;
			} else {
				if (!le)
					le = line_end(buf, len, to);
				we = le;
			}
			s->covered[ri] = we + 1;
			if (client_side < 0)
				client_side = eng->client_paths &&
					glob_any(eng->client_paths, path);
			confirm(s, ri, path, buf, len, ls, we, client_side,
				out, stats);
		}
	}
	if (out->nr - first > 1)
		drop_weaker_duplicates(out, first);
}
