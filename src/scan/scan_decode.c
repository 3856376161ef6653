/* scan_decode.c - the decoding pass: find encoded credentials where a
 * trigger word was seen, decode them, judge the decoded text with a
 * child scanner, report its findings at the encoded text; see
 * scan_decode.h.
 */
#include "scan_decode.h"

#include <stdlib.h>
#include <string.h>

#include "scan_internal.h"
#include "core/code_lines.h"
#include "core/rule_kind.h"
#include "lib/decode.h"
#include "lib/strbuf.h"
#include "lib/xalloc.h"

struct scan_decode {
	struct scanner *child;		/* made on first use */
	struct strbuf dec, view;
	size_t done[SCAN_DECODE_PER_PIECE];	/* value offsets decoded */
	size_t nr_done;
	/* YAML documents of this piece: lines before doc_scan are read,
	 * doc_start is the last `---` line's end among them, doc_done the
	 * start of the last document decoded ((size_t)-1: none) */
	size_t doc_scan, doc_start, doc_done;
	unsigned secrets;		/* Secret triggers looked at */
};

/* Secret manifests looked at per piece, at most: a file of a million
 * "kind: Secret" lines costs no more than a few. */
#define MAX_SECRETS 64

/* One encoded value found: where it stands, how it is written, and the
 * text the child scanner judges. */
struct value {
	size_t at, end;			/* the encoded text, piece offsets */
	const char *how;		/* "base64", "url" */
	const char *what;		/* for the evidence note */
};

static void decode_free(struct scan_decode *d)
{
	if (!d)
		return;
	scanner_free(d->child);
	strbuf_release(&d->dec);
	strbuf_release(&d->view);
	free(d);
}

/* The reference path: the trigger words searched plainly. */
static void search_plainly(struct scan_hits *h, const struct scan_piece *p)
{
	for (const struct scan_trigger_word *w = scan_trigger_words; w->word;
	     w++) {
		size_t n = strlen(w->word);
		const char *at = p->buf + p->own, *end = p->buf + p->len;

		while ((at = memmem(at, (size_t)(end - at), w->word, n))) {
			scan_hits_add(h, (int)w->kind, (size_t)(at - p->buf));
			at++;
		}
	}
}

static int by_offset(const void *a, const void *b)
{
	const struct scan_hit *x = a, *y = b;

	if (x->at != y->at)
		return x->at < y->at ? -1 : 1;
	return x->kind - y->kind;
}

/* Was the value at offset `at` decoded already in this piece (two
 * trigger words of one manifest)? Marks it when not. */
static int seen(struct scan_decode *d, size_t at)
{
	for (size_t i = 0; i < d->nr_done; i++)
		if (d->done[i] == at)
			return 1;
	if (d->nr_done >= SCAN_DECODE_PER_PIECE)
		return 1;
	d->done[d->nr_done++] = at;
	return 0;
}

/* Line and column of piece offset off, as source_match_emit counts. */
static void position(const struct scan_piece *p, size_t off, unsigned *line,
		     unsigned *col)
{
	text_position(p->buf + p->own, off - p->own, line, col);
	if (*line == 1 && p->cut_start)
		*col += p->col - 1;
	*line += p->line - 1;
}

/* The decoded text the child found something in becomes a note on the
 * finding: what was decoded, and how. */
static void note(struct finding *f, const struct value *v)
{
	struct strbuf sb = STRBUF_INIT;

	if (f->evidence)
		strbuf_addf(&sb, "%s; ", f->evidence);
	strbuf_addf(&sb, "decoded from %s (%s)", v->how, v->what);
	free(f->evidence);
	f->evidence = strbuf_detach(&sb, NULL);
}

/* The lines around v in the file, not in the decoded view the child
 * read, with the encoded text marked as the secret it holds. */
static struct code_lines *encoded_lines(const struct scan_piece *p,
					const struct value *v, unsigned line)
{
	struct code_lines *c = code_lines_capture(p->buf, p->len, v->at,
						  line);
	char *encoded = xstrndup(p->buf + v->at, v->end - v->at);

	if (c)
		code_lines_mark(c, encoded, line);
	free(encoded);
	return c;
}

/* Judge d->view as if it stood at the value: the child's findings move
 * to v's place in the file, marked decoded, unless that line allows
 * their rule. A URI's secret is decoded wholly in the report (the view
 * keeps its delimiters encoded, so that the URI rules still read it). */
static void judge_view(struct scan_decode *d, struct scanner *s,
		       const struct scan_piece *p, const struct value *v)
{
	struct scanner_state st;
	struct finding_list tmp;
	unsigned line, col;

	scanner_state(s, &st);
	if (st.depth + 1 > SCAN_DECODE_DEPTH)
		return;
	if (!d->child)
		d->child = scanner_new(scanner_engine(s));
	/* a URI's view holds its escaped delimiters still: never again */
	scanner_set_depth(d->child, strcmp(v->how, "url") ? st.depth + 1 :
				    SCAN_DECODE_DEPTH);
	scanner_set_inline_allow(d->child, st.inline_allow);
	scanner_set_now(d->child, st.now);
	scanner_set_root(d->child, st.root);
	scanner_set_aliases(d->child, st.aliases, st.nr_aliases);
	finding_list_init(&tmp);
	{
		/* the child's own pass works on its buffers: hand them over */
		struct strbuf view = d->view;
		struct scan_piece cp = { 0 };

		strbuf_init(&d->view, 0);
		cp.buf = view.buf;
		cp.len = cp.own_end = view.len;
		cp.line = cp.col = 1;
		scanner_begin(d->child, st.path, &tmp, st.stats);
		scanner_piece(d->child, &cp);
		scan_decode_piece(d->child, &cp);
		scanner_end(d->child);
		strbuf_release(&view);
	}
	position(p, v->at, &line, &col);
	for (size_t i = 0; i < tmp.nr; i++) {
		struct finding f = tmp.items[i];

		if (st.inline_allow &&
		    scanner_line_allows(p, v->at, f.rule->id)) {
			st.stats->suppressed_inline++;
			finding_release(&f);
			continue;
		}
		f.line = line;
		f.column = col;
		code_lines_free(f.lines);
		f.lines = encoded_lines(p, v, line);
		if (!strcmp(v->how, "url") && f.secret) {
			struct strbuf sb = STRBUF_INIT;

			decode_percent(f.secret, strlen(f.secret), NULL, &sb);
			free(f.secret);
			f.secret = strbuf_detach(&sb, NULL);
		}
		f.secret_sha256[0] = '\0';
		f.fingerprint[0] = '\0';
		if (!f.decoded)
			f.decoded = v->how;
		note(&f, v);
		finding_list_add(st.out, &f, f.message);
	}
	tmp.nr = 0;
	finding_list_release(&tmp);
}

static int is_space(char c)
{
	return c == ' ' || c == '\t';
}

static size_t eol(const struct scan_piece *p, size_t at)
{
	const char *nl = memchr(p->buf + at, '\n', p->len - at);

	return nl ? (size_t)(nl - p->buf) : p->len;
}

/* Drop the file's findings inside [a, b) of one line: the decoded view
 * of that text judges it instead. */
static void drop_within(struct scanner *s, const struct scan_piece *p,
			size_t a, size_t b)
{
	struct scanner_state st;
	unsigned line, ca, cb;
	size_t keep;

	scanner_state(s, &st);
	position(p, a, &line, &ca);
	position(p, b, &line, &cb);
	keep = st.first;
	for (size_t i = st.first; i < st.out->nr; i++) {
		struct finding *f = &st.out->items[i];

		if (f->line == line && f->column >= ca && f->column < cb &&
		    f->secret && !f->decoded)
			finding_release(f);
		else
			st.out->items[keep++] = *f;
	}
	st.out->nr = keep;
}

/* base64 value [a, b) of key [k, ke): decode it, and when it is text,
 * judge it as the plain `stringData:` line would read. */
static void secret_value(struct scan_decode *d, struct scanner *s,
			 const struct scan_piece *p, size_t k, size_t ke,
			 size_t a, size_t b, int json)
{
	struct value v = { a, b, "base64", "Kubernetes Secret data" };
	const char *dec;
	size_t n;

	if (b - a < 4 || seen(d, a))
		return;
	strbuf_reset(&d->dec);
	if (decode_base64(p->buf + a, b - a, &d->dec) ||
	    !decode_is_text(d->dec.buf, d->dec.len))
		return;
	dec = d->dec.buf;
	n = d->dec.len;
	/* a rule that read the base64 itself judged the wrong text */
	drop_within(s, p, a, b);
	strbuf_reset(&d->view);
	if (json)
		strbuf_addch(&d->view, '"');
	strbuf_add(&d->view, p->buf + k, ke - k);
	strbuf_addstr(&d->view, json ? "\": " : ": ");
	if (memchr(dec, '\n', n) || memchr(dec, '"', n) ||
	    memchr(dec, '\\', n)) {
		strbuf_addch(&d->view, '\n');
		strbuf_add(&d->view, dec, n);
	} else {
		strbuf_addch(&d->view, '"');
		strbuf_add(&d->view, dec, n);
		strbuf_addch(&d->view, '"');
	}
	strbuf_addch(&d->view, '\n');
	judge_view(d, s, p, &v);
}

static int key_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
}

/* The first non-blank of line [ls, le). */
static size_t skip_blank(const struct scan_piece *p, size_t ls, size_t le)
{
	while (ls < le && is_space(p->buf[ls]))
		ls++;
	return ls;
}

/* The entries of a YAML `data:` mapping whose line ends at le, at
 * indentation `indent`: each `key: base64` line deeper than it. */
static void yaml_data(struct scan_decode *d, struct scanner *s,
		      const struct scan_piece *p, size_t at, size_t indent)
{
	while (at < p->len) {
		size_t le = eol(p, at), i = skip_blank(p, at, le), k, ke, a, b;
		char q = 0;

		if (i == le || p->buf[i] == '#' ||
		    (p->buf[i] == '\r' && i + 1 == le)) {
			at = le + 1;
			continue;
		}
		if (i - at <= indent)
			return;
		for (k = ke = i; ke < le && key_char(p->buf[ke]); ke++)
			;
		at = le + 1;
		if (ke == k || ke >= le || p->buf[ke] != ':')
			continue;
		a = skip_blank(p, ke + 1, le);
		if (a < le && (p->buf[a] == '"' || p->buf[a] == '\''))
			q = p->buf[a++];
		for (b = a; b < le && p->buf[b] != q && !is_space(p->buf[b]) &&
			    p->buf[b] != '\r' && p->buf[b] != '#'; b++)
			;
		secret_value(d, s, p, k, ke, a, b, 0);
	}
}

/* Is the trigger at t "kind: Secret" (or with quotes) and not the
 * start of a longer kind (SecretStore, SecretProviderClass)? */
static int whole_kind(const struct scan_piece *p, size_t t)
{
	size_t i = t + 5;	/* past "kind:" or "\"kind" */

	if (p->buf[t] == '"')
		return 1;	/* the JSON words end with their quote */
	i = skip_blank(p, i, p->len);
	if (i < p->len && p->buf[i] == '"')
		return 1;
	i += 6;
	return i >= p->len || is_space(p->buf[i]) || p->buf[i] == '\r' ||
	       p->buf[i] == '\n' || p->buf[i] == '#';
}

/* A YAML Secret: the document (between `---` lines) holding the trigger
 * at t, within the piece; its `data:` mapping at the trigger's
 * indentation. Hits come in order, so the documents are found in one
 * pass over the piece, and each is decoded once. */
static void k8s_yaml(struct scan_decode *d, struct scanner *s,
		     const struct scan_piece *p, size_t t)
{
	size_t ls = t, indent, at;

	while (ls > p->own && p->buf[ls - 1] != '\n')
		ls--;
	if (skip_blank(p, ls, t) != t || !whole_kind(p, t))
		return;		/* "kind: Secret" inside a line */
	indent = t - ls;
	for (at = d->doc_scan; at < ls; ) {
		size_t le = eol(p, at);

		if (le - at >= 3 && !memcmp(p->buf + at, "---", 3))
			d->doc_start = le + 1;
		at = le + 1;
	}
	d->doc_scan = ls;
	if (d->doc_done == d->doc_start)
		return;
	d->doc_done = d->doc_start;
	for (at = d->doc_start; at < p->len; ) {
		size_t le = eol(p, at), i = skip_blank(p, at, le);

		if (at > t && le - at >= 3 && !memcmp(p->buf + at, "---", 3))
			return;
		if (i - at == indent && le - i >= 5 &&
		    !memcmp(p->buf + i, "data:", 5) &&
		    skip_blank(p, i + 5, le) >= le - (p->buf[le - 1] == '\r'))
			yaml_data(d, s, p, le + 1, indent);
		at = le + 1;
	}
}

/* A JSON string at i (a quote): its content [*a, *b); the offset after
 * it, or 0 when it does not close on its line. */
static size_t json_string(const struct scan_piece *p, size_t i, size_t *a,
			  size_t *b)
{
	size_t j = i + 1;

	while (j < p->len && p->buf[j] != '"' && p->buf[j] != '\n')
		j += p->buf[j] == '\\' ? 2 : 1;
	if (j >= p->len || p->buf[j] != '"')
		return 0;
	*a = i + 1;
	*b = j;
	return j + 1;
}

static size_t skip_json_space(const struct scan_piece *p, size_t i)
{
	while (i < p->len && (is_space(p->buf[i]) || p->buf[i] == '\n' ||
			      p->buf[i] == '\r'))
		i++;
	return i;
}

/* A JSON Secret: the object holding the trigger at t (braces counted
 * back and forth, strings skipped roughly), and in it "data": {...}. */
static void k8s_json(struct scan_decode *d, struct scanner *s,
		     const struct scan_piece *p, size_t t)
{
	size_t os, oe, i;
	int depth = 0;

	for (os = t; os > p->own; os--) {
		char c = p->buf[os - 1];

		if (c == '}')
			depth++;
		else if (c == '{' && depth-- == 0)
			break;
	}
	if (os == p->own)
		return;
	depth = 0;
	for (oe = os; oe < p->len; oe++) {
		char c = p->buf[oe];

		if (c == '{')
			depth++;
		else if (c == '}' && depth-- == 0)
			break;
	}
	for (i = os; i + 6 < oe; i++) {
		size_t a, b, j;

		if (memcmp(p->buf + i, "\"data\"", 6))
			continue;
		j = skip_json_space(p, i + 6);
		if (j >= oe || p->buf[j] != ':')
			continue;
		j = skip_json_space(p, j + 1);
		if (j >= oe || p->buf[j] != '{')
			continue;
		for (j = skip_json_space(p, j + 1); j < oe && p->buf[j] == '"';
		     ) {
			size_t k, ke;

			if (!(j = json_string(p, j, &k, &ke)))
				return;
			j = skip_json_space(p, j);
			if (j >= oe || p->buf[j] != ':')
				return;
			j = skip_json_space(p, j + 1);
			if (j >= oe || p->buf[j] != '"' ||
			    !(j = json_string(p, j, &a, &b)))
				return;
			secret_value(d, s, p, k, ke, a, b, 1);
			j = skip_json_space(p, j);
			if (j < oe && p->buf[j] == ',')
				j = skip_json_space(p, j + 1);
		}
		return;
	}
}

/* Docker's "auth": base64 of user:password, judged as the
 * "username"/"password" fields Docker also reads. */
static void docker_auth(struct scan_decode *d, struct scanner *s,
			const struct scan_piece *p, size_t t)
{
	struct value v = { 0, 0, "base64", "Docker config auth" };
	size_t j = skip_json_space(p, t + 6), a, b;
	const char *colon;

	if (j >= p->len || p->buf[j] != ':')
		return;
	j = skip_json_space(p, j + 1);
	if (j >= p->len || p->buf[j] != '"' || !json_string(p, j, &a, &b) ||
	    b - a < 4 || seen(d, a))
		return;
	strbuf_reset(&d->dec);
	if (decode_base64(p->buf + a, b - a, &d->dec) ||
	    !decode_is_text(d->dec.buf, d->dec.len) ||
	    memchr(d->dec.buf, '\n', d->dec.len) ||
	    !(colon = memchr(d->dec.buf, ':', d->dec.len)) ||
	    colon == d->dec.buf)
		return;
	v.at = a;
	v.end = b;
	strbuf_reset(&d->view);
	strbuf_addstr(&d->view, "{\"username\": \"");
	strbuf_add(&d->view, d->dec.buf, (size_t)(colon - d->dec.buf));
	strbuf_addstr(&d->view, "\", \"password\": \"");
	strbuf_addstr(&d->view, colon + 1);
	strbuf_addstr(&d->view, "\"}\n");
	judge_view(d, s, p, &v);
}

/* What ends a URI's authority. */
static int authority_end(char c)
{
	return c == '/' || c == '?' || c == '#' || c == ' ' || c == '\t' ||
	       c == '\r' || c == '\n' || c == '"' || c == '\'' || c == '<' ||
	       c == '>' || c == '`' || c == '\\';
}

/* What ends the URI itself, for the view. */
static int uri_end(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '"' ||
	       c == '\'' || c == '<' || c == '>' || c == '`';
}

static int scheme_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '+' || c == '.' || c == '-' ||
	       c == ':';
}

/* A URI whose user-info holds a %XX escape: the view is the URI with
 * its user-info decoded but for the delimiters the URI rules stop at. */
static void uri(struct scan_decode *d, struct scanner *s,
		const struct scan_piece *p, size_t t)
{
	struct value v = { 0, 0, "url", "percent-encoded URI user-info" };
	size_t sch = t, a = t + 3, e, at = 0, end;

	while (sch > 0 && scheme_char(p->buf[sch - 1]) && t - sch < 32)
		sch--;
	if (sch == t)
		return;
	for (e = a; e < p->len && e - a < 512 && !authority_end(p->buf[e]);
	     e++)
		if (p->buf[e] == '@')
			at = e;
	if (!at || !memchr(p->buf + a, '%', at - a) || seen(d, a))
		return;
	for (end = at; end < p->len && end - at < 512 && !uri_end(p->buf[end]);
	     end++)
		;
	strbuf_reset(&d->view);
	strbuf_add(&d->view, p->buf + sch, a - sch);
	if (decode_percent(p->buf + a, at - a, ":@/?#[]% \t\r\n\"'<>`\\",
			   &d->view) < 0)
		return;
	strbuf_add(&d->view, p->buf + at, end - at);
	strbuf_addch(&d->view, '\n');
	v.at = a;
	v.end = at;
	drop_within(s, p, a, at);
	judge_view(d, s, p, &v);
}

void scan_decode_piece(struct scanner *s, const struct scan_piece *p)
{
	const struct scan_engine *eng = scanner_engine(s);
	struct scan_hits *hits = scanner_hits(s);
	struct scan_decode *d;
	struct scanner_state st;

	if (!eng->db || p->own >= p->own_end)
		return;
	if (eng->nr_distrusted >= eng->nr_rules)
		search_plainly(hits, p);
	if (!hits->nr)
		return;
	scanner_state(s, &st);
	if (st.depth >= SCAN_DECODE_DEPTH) {
		hits->nr = 0;
		return;
	}
	if (!(d = scanner_decoder(s))) {
		d = xcalloc(1, sizeof(*d));
		strbuf_init(&d->dec, 0);
		strbuf_init(&d->view, 0);
		scanner_set_decoder(s, d, decode_free);
	}
	qsort(hits->items, hits->nr, sizeof(*hits->items), by_offset);
	d->nr_done = 0;
	d->secrets = 0;
	d->doc_scan = d->doc_start = p->own;
	d->doc_done = (size_t)-1;
	for (size_t i = 0; i < hits->nr; i++) {
		const struct scan_hit *h = &hits->items[i];

		if (h->at < p->own || h->at >= p->own_end)
			continue;
		if (i && h->at == h[-1].at && h->kind == h[-1].kind)
			continue;	/* a word twice: keyword and trigger */
		switch ((enum scan_trigger)h->kind) {
		case SCAN_TRIGGER_K8S_SECRET:
			if (d->secrets++ >= MAX_SECRETS)
				break;
			if (p->buf[h->at] == '"')
				k8s_json(d, s, p, h->at);
			else
				k8s_yaml(d, s, p, h->at);
			break;
		case SCAN_TRIGGER_DOCKER_AUTH:
			docker_auth(d, s, p, h->at);
			break;
		case SCAN_TRIGGER_URI:
			uri(d, s, p, h->at);
			break;
		case SCAN_TRIGGER_NONE:
			break;
		}
	}
	hits->nr = 0;
}
