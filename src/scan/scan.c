/* scan.c - the matcher finds candidates, PCRE2 confirms them; see scan.h.
 *
 * Hot path: one hs_scan() over a piece; each hit is handled as it is
 * reported (no list of hits grows with the file): it maps to the rules
 * that share that keyword, and each rule runs its JIT-compiled pattern
 * once per line however many of its keywords the line holds (a
 * multiline rule: over the starts its keywords' windows add, one search
 * that resumes where the last one stopped, confirm_multiline()). Hits
 * come in order of their end, so the line start of each is found from
 * the last one's (a run of hits on one long line costs O(1) each), and
 * line numbers are counted forward from a cursor. Rules the self-test
 * distrusts skip the matcher: their pattern runs on every line.
 */
#include "scan.h"

#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>

#include "filter.h"
#include "scan_context.h"
#include "scan_lines.h"
#include "value_class.h"
#include "scan_internal.h"
#include "core/rule_kind.h"
#include "lib/glob.h"
#include "lib/xalloc.h"

struct scanner {
	const struct scan_engine *eng;
	hs_scratch_t *scratch;
	pcre2_match_data *md;
	pcre2_match_context *mctx;	/* explicit limits, our JIT stack */
	pcre2_jit_stack *jit_stack;
	scan_notice_fn notice;		/* NULL: limit hits are only counted */
	void *notice_ctx;
	unsigned char *limited;		/* per rule: a limit hit in this file */
	size_t *covered;	/* per rule, piece offsets: a single-line
				 * rule's confirmed line end + 1; a
				 * multiline rule's first start not yet
				 * tried */
	uint64_t *next_start;	/* per rule: a match must start here or
				 * later (file offsets): windows that
				 * overlap report a match once */
	signed char *applies;	/* per rule: 0 unknown, 1 yes, -1 no */
	size_t *window;		/* per rule: scan_rule_window() */
	int inline_allow;
	time_t now;
	const char *root;
	const char *const *aliases;	/* scanner_set_aliases() */
	size_t nr_aliases;
	struct scan_hits hits;		/* the decoding pass's trigger words */
	struct scan_decode *dec;	/* its state, freed by dec_release */
	void (*dec_release)(struct scan_decode *);
	unsigned depth;			/* 0, or decoded text's scanner */
	/* the file */
	const char *path;
	struct finding_list *out;
	struct report_stats *stats;
	size_t first;		/* out->nr when the file began */
	int client_side;	/* -1: not worked out yet */
	int translation;	/* -1: not worked out yet */
	/* the piece */
	const struct scan_piece *p;
	size_t ls_pos, ls_val;	/* no '\n' in buf[ls_val..ls_pos) */
	size_t trigger_end;	/* trigger words ending past it are the
				 * next piece's */
	size_t ln_off;		/* buf + ln_off starts line ln_no */
	unsigned ln_no;
	size_t hs_len; /* the bytes from own the matcher scans */
	/* carried entries' hits (scan_internal.h) that end past the hit
	 * that found them, by end: handled in order with the matcher's */
	struct carried_hit {
		unsigned id;
		size_t to;
	} * later;
	size_t nr_later, alloc_later;
	struct scan_counts *counts; /* AUTHAUDIT_SCAN_COUNTS, else NULL */
};

struct scanner *scanner_new(const struct scan_engine *eng)
{
	struct scanner *s = xcalloc(1, sizeof(*s));

	s->eng = eng;
	if (eng->db && hs_alloc_scratch(eng->db, &s->scratch) != HS_SUCCESS) {
		fputs("authaudit: out of memory for the matcher's scratch\n",
		      stderr);
		abort();
	}
	s->md = pcre2_match_data_create((uint32_t)eng->max_groups + 1, NULL);
	s->mctx = pcre2_match_context_create(NULL);
	s->jit_stack = pcre2_jit_stack_create(32 * 1024, SCAN_JIT_STACK, NULL);
	if (!s->md || !s->mctx || !s->jit_stack) {
		fputs("authaudit: out of memory for PCRE2\n", stderr);
		abort();
	}
	pcre2_set_match_limit(s->mctx, SCAN_MATCH_LIMIT);
	pcre2_set_depth_limit(s->mctx, SCAN_MATCH_LIMIT);
	pcre2_set_heap_limit(s->mctx, SCAN_HEAP_LIMIT_KB);
	pcre2_jit_stack_assign(s->mctx, NULL, s->jit_stack);
	s->limited = xcalloc(eng->nr_rules + 1, 1);
	s->covered = xcalloc(eng->nr_rules + 1, sizeof(*s->covered));
	s->next_start = xcalloc(eng->nr_rules + 1, sizeof(*s->next_start));
	s->applies = xcalloc(eng->nr_rules + 1, 1);
	s->window = xcalloc(eng->nr_rules + 1, sizeof(*s->window));
	for (size_t i = 0; i < eng->nr_rules; i++)
		s->window[i] = scan_rule_window(eng->rules[i]);
	s->inline_allow = 1;
	s->now = time(NULL);
	if (eng->counts)
		s->counts = scan_counts_new(eng);
	return s;
}

void scanner_free(struct scanner *s)
{
	if (!s)
		return;
	scan_counts_merge(s->eng->counts, s->counts);
	hs_free_scratch(s->scratch);
	pcre2_match_data_free(s->md);
	pcre2_match_context_free(s->mctx);
	pcre2_jit_stack_free(s->jit_stack);
	free(s->limited);
	free(s->covered);
	free(s->next_start);
	free(s->applies);
	free(s->window);
	free(s->hits.items);
	free(s->later);
	if (s->dec_release)
		s->dec_release(s->dec);
	free(s);
}

struct scan_hits *scanner_hits(struct scanner *s)
{
	return &s->hits;
}

struct scan_decode *scanner_decoder(const struct scanner *s)
{
	return s->dec;
}

void scanner_set_decoder(struct scanner *s, struct scan_decode *d,
			 void (*release)(struct scan_decode *))
{
	s->dec = d;
	s->dec_release = release;
}

void scanner_state(const struct scanner *s, struct scanner_state *st)
{
	st->path = s->path;
	st->out = s->out;
	st->stats = s->stats;
	st->first = s->first;
	st->inline_allow = s->inline_allow;
	st->now = s->now;
	st->root = s->root;
	st->aliases = s->aliases;
	st->nr_aliases = s->nr_aliases;
	st->depth = s->depth;
}

void scanner_set_depth(struct scanner *s, unsigned depth)
{
	s->depth = depth;
}

const struct scan_engine *scanner_engine(const struct scanner *s)
{
	return s->eng;
}

void scanner_set_notice(struct scanner *s, scan_notice_fn fn, void *ctx)
{
	s->notice = fn;
	s->notice_ctx = ctx;
}

void scanner_set_inline_allow(struct scanner *s, int on)
{
	s->inline_allow = on;
}

void scanner_set_root(struct scanner *s, const char *root)
{
	s->root = root;
}

void scanner_set_aliases(struct scanner *s, const char *const *paths,
			 size_t n)
{
	s->aliases = n ? paths : NULL;
	s->nr_aliases = n;
}

/* One rule's verdict on a path: 1 applies, 0 not. */
static int applies_at(const struct rule *r, const char *path)
{
	return !((r->paths.nr && !glob_any(&r->paths, path)) ||
		 glob_any(&r->exclude_paths, path));
}

int scan_engine_paths_agree(const struct scan_engine *eng, const char *a,
			    const char *b)
{
	if (eng->client_paths && glob_any(eng->client_paths, a) !=
				 glob_any(eng->client_paths, b))
		return 0;
	for (size_t i = 0; i < eng->nr_rules; i++) {
		const struct rule *r = eng->rules[i];

		if ((r->paths.nr || r->exclude_paths.nr) &&
		    applies_at(r, a) != applies_at(r, b))
			return 0;
	}
	return 1;
}

void scanner_set_now(struct scanner *s, time_t now)
{
	s->now = now;
}

/* The start of the line holding offset pos (>= own); hits arrive in
 * order, so the search starts where the last one ended. */
static size_t line_start(struct scanner *s, size_t pos)
{
	const char *buf = s->p->buf, *nl;
	size_t floor = s->p->own;

	if (pos >= s->ls_pos) {
		nl = pos > s->ls_pos ? memrchr(buf + s->ls_pos, '\n',
					       pos - s->ls_pos) : NULL;
		if (nl)
			s->ls_val = (size_t)(nl - buf) + 1;
		s->ls_pos = pos;
		return s->ls_val;
	}
	if (pos >= s->ls_val)
		return s->ls_val;
	nl = pos > floor ? memrchr(buf + floor, '\n', pos - floor) : NULL;
	return nl ? (size_t)(nl - buf) + 1 : floor;
}

static size_t line_end(const char *buf, size_t len, size_t off)
{
	const char *p = off < len ? memchr(buf + off, '\n', len - off) : NULL;

	return p ? (size_t)(p - buf) : len;
}

/* The line number of offset ls, a line start (or own). */
static unsigned line_number(struct scanner *s, size_t ls)
{
	const char *buf = s->p->buf;

	if (ls >= s->ln_off) {
		s->ln_no += (unsigned)text_lines(buf + s->ln_off, ls - s->ln_off);
		s->ln_off = ls;
		return s->ln_no;
	}
	return s->ln_no - (unsigned)text_lines(buf + ls, s->ln_off - ls);
}

static int rule_applies(struct scanner *s, size_t ri)
{
	const struct rule *r = s->eng->rules[ri];

	if (!s->applies[ri])
		s->applies[ri] = applies_at(r, s->path) ? 1 : -1;
	return s->applies[ri] > 0;
}

#define ALLOW_MARK "authaudit:allow"
#define ALLOW_MARK_LEN (sizeof(ALLOW_MARK) - 1)

static int is_id_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_' ||
	       c == '*';
}

/*
 * Does the marker whose text follows at s[0..n) allow rule id? A marker
 * followed by rule ids (words with a dot, comma-separated, globs allowed:
 * "authaudit:allow secret.github.pat,secret.aws.*") allows those rules
 * only; one followed by anything else ("authaudit:allow test key") allows
 * every rule on the line.
 */
static int mark_allows(const char *s, size_t n, const char *id)
{
	size_t i = 0;
	int named = 0;

	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	while (i < n && is_id_char(s[i])) {
		char one[128];
		size_t k = 0;
		int dot = 0;

		while (i < n && is_id_char(s[i]) && k < sizeof(one) - 1) {
			dot |= s[i] == '.';
			one[k++] = s[i++];
		}
		one[k] = '\0';
		if (!dot)
			break;
		named = 1;
		if (!fnmatch(one, id, 0))
			return 1;
		if (i >= n || s[i] != ',')
			break;
		i++;
	}
	return !named;
}

/* The lines buf[a..b) touches, from the line start ls at or before a,
 * hold a marker that allows rule id: "authaudit:allow" (see
 * mark_allows()), or "gitleaks:allow", so that lines reviewed under that
 * tool stay reviewed. */
static int inline_allowed(const struct scan_piece *p, size_t ls, size_t a,
			  size_t b, const char *id)
{
	const char *nl = a > ls ? memrchr(p->buf + ls, '\n', a - ls) : NULL;
	size_t le = line_end(p->buf, p->len, b ? b - 1 : 0);
	const char *at, *end = p->buf + le;

	if (nl)
		ls = (size_t)(nl - p->buf) + 1;
	if (le <= ls)
		return 0;
	if (memmem(p->buf + ls, le - ls, "gitleaks:allow", 14))
		return 1;
	for (at = p->buf + ls; (at = memmem(at, (size_t)(end - at), ALLOW_MARK,
					    ALLOW_MARK_LEN)); ) {
		at += ALLOW_MARK_LEN;
		if (mark_allows(at, (size_t)(end - at), id))
			return 1;
	}
	return 0;
}

int scanner_line_allows(const struct scan_piece *p, size_t at,
			const char *id)
{
	return inline_allowed(p, 0, at, at + 1, id);
}

/* A secret that is one word in a translation file ("Wachtwoord"): a
 * label (scan_context.h, value_class.h). */
static int label_in_translation(struct scanner *s, const struct rule *r,
				const char *v, size_t n)
{
	if (r->secret_group < 0 || !r->category ||
	    strcmp(r->category, "secret") || !value_is_word(v, n))
		return 0;
	if (s->translation < 0)
		s->translation = scan_translation_file(s->path);
	return s->translation;
}

/* A confirmed match of rule ri: filters, inline allow, then the kind.
 * *allowed caches the answer for a single-line rule's window (its one
 * line), so many matches on a long line read it once: -1 unknown. */
static void judge(struct scanner *s, size_t ri, struct source_match *m,
		  int *allowed)
{
	const struct rule *r = s->eng->rules[ri];
	const char *buf = s->p->buf;
	size_t had;

	if (r->context.nr && !scan_context_near(r, buf, s->p->len, m->start,
						m->end))
		return;
	if (label_in_translation(s, r, buf + m->sstart, m->send - m->sstart))
		return;
	if (filter_rejects(s->eng->rs, r, buf + m->start, m->end - m->start,
			   buf + m->sstart, m->send - m->sstart))
		return;
	if (s->inline_allow) {
		int a = *allowed >= 0 ? *allowed :
			inline_allowed(s->p, m->base, m->start, m->end,
				       r->id);

		if (!scan_rule_window(r))
			*allowed = a;
		if (a) {
			s->stats->suppressed_inline++;
			return;
		}
	}
	if (s->client_side < 0)
		s->client_side = s->eng->client_paths &&
				 glob_any(s->eng->client_paths, s->path);
	m->client_side = s->client_side;
	had = s->out->nr;
	r->kind->judge(r, m, s->out);
	scan_lines_capture(s->out, had, m);
}

/* A match that PCRE2 gave up on is a notice, once per rule and file:
 * never a silent "no match". */
static void limit_hit(struct scanner *s, size_t ri, unsigned line, int rc)
{
	PCRE2_UCHAR why[120];
	char msg[320];

	s->stats->match_limits_hit++;
	if (s->limited[ri] || !s->notice)
		return;
	s->limited[ri] = 1;
	pcre2_get_error_message(rc, why, sizeof(why));
	snprintf(msg, sizeof(msg), "rule '%s' gave up at line %u: %s; the "
		 "rest of that line was not checked by it",
		 s->eng->rules[ri]->id, line,
		 (const char *)why);
	s->notice(s->notice_ctx, s->path, msg);
}

/* Run rule ri's pattern over the piece and judge every match that starts
 * in [from, last] (last is inclusive, the offset limit of PCRE2; ignored
 * for a single-line rule, whose subject is its line and ends at end).
 * base is a line start at or before from, for positions. A match never
 * starts before the end of the rule's last one (next_start), so windows
 * that overlap report each match once, and the matches found are those
 * of one search from the piece's start: the reference path's. Returns
 * where the next search of this rule may start: every start below it
 * has been tried. */
static size_t confirm(struct scanner *s, size_t ri, size_t base, size_t from,
		      size_t last, size_t end)
{
	const struct rule *r = s->eng->rules[ri];
	const struct scan_piece *p = s->p;
	PCRE2_SIZE *ov = pcre2_get_ovector_pointer(s->md);
	int multi = s->window[ri] != 0;
	size_t at = from;
	unsigned line = 0; /* line_number(s, base), once needed: most
				 * searches find nothing, and counting the
				 * lines back to a window's start costs a
				 * read of the window */
	int allowed = -1;
	uint64_t t0 = s->counts ? scan_counts_now() : 0;
	size_t ret;

	if (s->next_start[ri] > p->file_off &&
	    s->next_start[ri] - p->file_off > at)
		at = (size_t)(s->next_start[ri] - p->file_off);
	pcre2_set_offset_limit(s->mctx, multi ? last : PCRE2_UNSET);
	while (multi ? at <= last : at < end) {
		struct source_match m = { 0 };
		int rc = pcre2_match(r->re, (PCRE2_SPTR)p->buf, end, at, 0,
				     s->md, s->mctx);

		if (s->counts) {
			s->counts->rules[ri].runs++;
			s->counts->rules[ri].matches += rc >= 0;
		}
		if (rc < 0) {
			if (rc != PCRE2_ERROR_NOMATCH)
				limit_hit(s, ri,
					  line ? line : line_number(s, base),
					  rc);
			ret = multi ? last + 1 : end;
			goto out;
		}
		if (p->cut_end && ov[0] >= p->own_end) {
			ret = end; /* the next piece's */
			goto out;
		}
		at = ov[1] > ov[0] ? ov[1] : ov[0] + 1;
		s->next_start[ri] = p->file_off + at;
		m.rs = s->eng->rs;
		m.profile = s->eng->profile;
		m.path = s->path;
		m.aliases = s->aliases;
		m.nr_aliases = s->nr_aliases;
		m.root = s->root;
		m.buf = p->buf;
		m.len = p->len;
		m.start = ov[0];
		m.end = ov[1];
		m.base = base;
		if (!line)
			line = line_number(s, base);
		m.base_line = line;
		m.base_col = p->cut_start && base == p->own ? p->col : 1;
		m.now = s->now;
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
		judge(s, ri, &m, &allowed);
	}
	ret = at;
out:
	if (s->counts) {
		s->counts->rules[ri].confirms++;
		s->counts->rules[ri].ns += scan_counts_now() - t0;
	}
	return ret;
}

/*
 * A keyword (or prefilter match) of multiline rule ri ends at piece
 * offset hit. A match holding it starts at most a window before it (from
 * the line start there) and at most a window after it, so those starts
 * are tried, minus the ones this rule's earlier hits tried already
 * (s->covered: windows that overlap or touch are one search). The match
 * itself may run past the window, to the end of the piece: the subject
 * is the whole piece, as for the reference path, so a match is the same
 * whichever hit found it. Hits come in order of their end, so the first
 * start tried never moves back. Only starts before own_end are this
 * piece's; the next piece tries the rest.
 */
static void confirm_multiline(struct scanner *s, size_t ri, size_t win,
			      size_t hit)
{
	const struct scan_piece *p = s->p;
	size_t back = win + s->eng->max_kwlen;
	size_t from = hit - p->own > back ? hit - back : p->own;
	size_t last = hit + win < p->own_end ? hit + win : p->own_end - 1;

	if (s->covered[ri] > last)
		return;
	from = line_start(s, from);
	s->covered[ri] = confirm(s, ri, from,
				 s->covered[ri] > from ? s->covered[ri] : from,
				 last, p->len);
}

/* Entry id's keyword ends at offset `to` of the matcher's subject. */
static void entry_hit(struct scanner *s, unsigned id, size_t to)
{
	const struct scan_engine *eng = s->eng;
	const struct entry *en = &eng->entries[id];
	size_t off = s->p->own, end = off + to;
	size_t anchor = end - off > en->kwlen ? end - en->kwlen : off;
	size_t ls = (size_t)-1;

	if (s->counts)
		s->counts->hits[id]++;
	if (en->trigger && end <= s->trigger_end)
		scan_hits_add(&s->hits, en->trigger, end - en->kwlen);
	for (size_t i = 0; i < en->nr; i++) {
		size_t ri = en->rules[i], win = s->window[ri], le;

		if (s->covered[ri] > (win ? end + win : anchor))
			continue; /* tried already */
		if (eng->distrust[ri] || !rule_applies(s, ri))
			continue;
		if (win) {
			confirm_multiline(s, ri, win, end);
			continue;
		}
		if (ls == (size_t)-1)
			ls = line_start(s, en->kwlen ? anchor :
					end > off ? end - 1 : off);
		if (ls >= s->p->own_end)
			continue; /* the next piece's */
		le = line_end(s->p->buf, s->p->len, ls);
		s->covered[ri] = le + 1;
		confirm(s, ri, ls, ls, le, le);
	}
}

/* The carried hits ending at or before `to`, in order. */
static void carried_flush(struct scanner *s, size_t to)
{
	size_t k = 0;

	while (k < s->nr_later && s->later[k].to <= to) {
		entry_hit(s, s->later[k].id, s->later[k].to);
		k++;
	}
	if (!k)
		return;
	memmove(s->later, s->later + k, (s->nr_later - k) * sizeof(*s->later));
	s->nr_later -= k;
}

static int on_hit(unsigned id, unsigned long long from, unsigned long long to,
		  unsigned flags, void *ctx)
{
	struct scanner *s = ctx;
	const struct entry *en = &s->eng->entries[id];

	(void)from;
	(void)flags;
	carried_flush(s, (size_t)to);
	entry_hit(s, id, (size_t)to);
	for (size_t i = 0; i < en->nr_carried; i++) {
		const struct entry *d = &s->eng->entries[en->carried[i]];
		size_t at, dto = scan_entry_carried_at(en, d,
						       s->p->buf + s->p->own,
						       s->hs_len, (size_t)to);

		if (!dto)
			continue;
		if (dto == (size_t)to) {
			entry_hit(s, en->carried[i], dto);
			continue;
		}
		ALLOC_GROW(s->later, s->nr_later, s->alloc_later);
		for (at = s->nr_later; at && s->later[at - 1].to > dto; at--)
			s->later[at] = s->later[at - 1];
		s->later[at].id = en->carried[i];
		s->later[at].to = dto;
		s->nr_later++;
	}
	return 0;
}

/* A distrusted rule: its pattern over every line of the piece (over the
 * whole piece for a multiline rule). */
static void scan_every_line(struct scanner *s, size_t ri)
{
	const struct scan_piece *p = s->p;
	size_t ls = p->own;

	if (!rule_applies(s, ri))
		return;
	if (scan_rule_window(s->eng->rules[ri])) {
		confirm(s, ri, ls, ls, p->own_end - 1, p->len);
		return;
	}
	while (ls < p->own_end) {
		size_t le = line_end(p->buf, p->len, ls);

		confirm(s, ri, ls, ls, le, le);
		ls = le + 1;
	}
}

void scanner_begin(struct scanner *s, const char *path,
		   struct finding_list *out, struct report_stats *stats)
{
	s->path = path;
	s->out = out;
	s->stats = stats;
	s->first = out->nr;
	s->client_side = -1;
	s->hits.nr = 0;
	s->translation = -1;
	memset(s->applies, 0, s->eng->nr_rules);
	memset(s->limited, 0, s->eng->nr_rules);
	memset(s->next_start, 0, s->eng->nr_rules * sizeof(*s->next_start));
}

void scanner_piece(struct scanner *s, const struct scan_piece *p)
{
	const struct scan_engine *eng = s->eng;
	size_t hs_end;

	if (!eng->db || p->own >= p->own_end)
		return;
	s->p = p;
	s->ls_pos = s->ls_val = p->own;
	s->ln_off = p->own;
	s->ln_no = p->line;
	memset(s->covered, 0, eng->nr_rules * sizeof(*s->covered));
	for (size_t i = 0; i < eng->nr_distrusted; i++)
		scan_every_line(s, eng->distrusted[i]);
	/* a hit that is this piece's lies on a line starting before own_end
	 * (whole, unless the piece cuts a line) */
	hs_end = p->cut_end ? p->len : p->own_end + eng->max_kwlen < p->len ?
		 p->own_end + eng->max_kwlen : p->len;
	s->trigger_end = hs_end;
	/* a multiline match starting before own_end may have its keyword
	 * up to a window after it */
	if (eng->max_window)
		hs_end = p->len;
	if (eng->nr_distrusted < eng->nr_rules) {
		uint64_t t0 = s->counts ? scan_counts_now() : 0;

		s->hs_len = hs_end - p->own;
		s->nr_later = 0;
		hs_scan(eng->db, p->buf + p->own, (unsigned)s->hs_len, 0,
			s->scratch, on_hit, s);
		carried_flush(s, s->hs_len);
		if (s->counts) {
			s->counts->scans++;
			s->counts->bytes += hs_end - p->own;
			s->counts->scan_ns += scan_counts_now() - t0;
		}
	}
	s->p = NULL;
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

/* Is f weaker than g: the same secret at the same spot (of one path:
 * aliases, scanner_set_aliases), of the same category, reported with
 * less confidence? */
static int weaker(const struct finding *f, const struct finding *g)
{
	return f->secret && g->secret && g->confidence > f->confidence &&
	       !strcmp(f->path, g->path) &&
	       !strcmp(f->rule->category, g->rule->category) &&
	       !strcmp(f->secret_sha256, g->secret_sha256) && same_spot(f, g);
}

/* Findings by line, then secret hash: the only ones weaker() compares. */
static int by_line_secret(const void *a, const void *b)
{
	const struct finding *f = *(const struct finding *const *)a;
	const struct finding *g = *(const struct finding *const *)b;

	if (f->line != g->line)
		return f->line < g->line ? -1 : 1;
	return strcmp(f->secret_sha256, g->secret_sha256);
}

/* One secret reported by several rules of one category at one place (a
 * reseller ApiKey is also a generic "api_key = ..." assignment): keep the
 * most confident rule's findings there and drop the rest. Findings of
 * another category say something else about it (a leaked JWT and its
 * ten-year lifetime) and stay, as does the same secret elsewhere in the
 * file. Only findings from `first` on are this file's. Candidates are
 * compared within groups of one line and secret (sorted pointers), so a
 * file with a million findings costs n log n, not n squared; the kept
 * findings keep their order. */
static void drop_weaker_duplicates(struct finding_list *out, size_t first)
{
	size_t n = out->nr - first, keep = first;
	struct finding **by = xcalloc(n, sizeof(*by));
	unsigned char *drop = xcalloc(n, 1);

	for (size_t i = 0; i < n; i++)
		by[i] = &out->items[first + i];
	qsort(by, n, sizeof(*by), by_line_secret);
	for (size_t a = 0, b; a < n; a = b) {
		for (b = a + 1; b < n && !by_line_secret(&by[a], &by[b]); b++)
			;
		for (size_t i = a; i < b; i++)
			for (size_t j = a; j < b; j++)
				if (i != j && weaker(by[i], by[j])) {
					drop[by[i] - &out->items[first]] = 1;
					break;
				}
	}
	for (size_t i = 0; i < n; i++) {
		struct finding *f = &out->items[first + i];

		if (drop[i])
			finding_release(f);
		else
			out->items[keep++] = *f;
	}
	out->nr = keep;
	free(by);
	free(drop);
}

void scanner_end(struct scanner *s)
{
	scan_lines_mark(s->out, s->first);
	if (s->out->nr - s->first > 1)
		drop_weaker_duplicates(s->out, s->first);
	s->out = NULL;
}

void scanner_abort(struct scanner *s)
{
	while (s->out->nr > s->first)
		finding_release(&s->out->items[--s->out->nr]);
	s->out = NULL;
}
