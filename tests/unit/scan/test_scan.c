/* test_scan.c - the engine end to end on buffers: prefilter + confirm,
 * filters, inline allow, client-side severity, paths, multiline rules,
 * rules without keywords, and positions; and multiline windows against
 * the reference path (every pattern over the whole piece), on small
 * windows so that matches cross window, piece and cut-line edges. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "check_main.h"
#include "core/rule.h"
#include "lib/strbuf.h"
#include "scan/scan.h"
#include "scan/scan_read.h"

static const char rules_yaml[] =
	"allowlist:\n"
	"  values: ['demo_docsdocs1']\n"
	"  patterns: ['^<[^>]*>$']\n"
	"  stopwords: [example]\n"
	"profiles:\n"
	"  - name: default\n"
	"    title: all\n"
	"    rules: ['*']\n"
	"    client_side_paths: ['**/public/**']\n"
	"rules:\n"
	"  - id: t.demo\n"
	"    title: Demo key\n"
	"    category: secret\n"
	"    severity: medium\n"
	"    guideline: { doc: d, quote: q }\n"
	"    keywords: [demo_]\n"
	"    pattern: '\\bdemo_([A-Za-z0-9<>]{8,})'\n"
	"    min_entropy: 2.0\n"
	"    examples: [x]\n"
	"    negative_examples: [y]\n"
	"  - id: t.pyonly\n"
	"    title: Python verify off\n"
	"    category: insecure-transport\n"
	"    severity: high\n"
	"    guideline: { doc: d, quote: q }\n"
	"    keywords: ['verify=False']\n"
	"    pattern: 'verify=False'\n"
	"    secret_group: -1\n"
	"    paths: ['*.py']\n"
	"    examples: [x]\n"
	"    negative_examples: [y]\n"
	"  - id: t.pem\n"
	"    title: Private key\n"
	"    category: secret\n"
	"    severity: critical\n"
	"    guideline: { doc: d, quote: q }\n"
	"    keywords: ['BEGIN DEMO KEY']\n"
	"    pattern: '-----BEGIN DEMO KEY-----\\s+([A-Za-z0-9+/=\\s]{16,}?)"
	"-----END DEMO KEY-----'\n"
	"    multiline: true\n"
	"    examples: [x]\n"
	"    negative_examples: [y]\n"
	"  - id: t.tok\n"
	"    title: Specific token\n"
	"    category: secret\n"
	"    severity: high\n"
	"    confidence: high\n"
	"    guideline: { doc: d, quote: q }\n"
	"    keywords: [tok_]\n"
	"    pattern: '\\b(tok_[a-z0-9]{10})\\b'\n"
	"    examples: [x]\n"
	"    negative_examples: [y]\n"
	"  - id: t.gen\n"
	"    title: Generic secret\n"
	"    category: secret\n"
	"    severity: medium\n"
	"    confidence: low\n"
	"    guideline: { doc: d, quote: q }\n"
	"    keywords: [secret]\n"
	"    pattern: 'secret = \"([^\"]+)\"'\n"
	"    examples: [x]\n"
	"    negative_examples: [y]\n"
	"  - id: t.life\n"
	"    title: Lifetime judgement of a token\n"
	"    category: token-lifetime\n"
	"    severity: high\n"
	"    confidence: high\n"
	"    guideline: { doc: d, quote: q }\n"
	"    keywords: [lif_]\n"
	"    pattern: '\\b(lif_[a-z0-9]{10})\\b'\n"
	"    examples: [x]\n"
	"    negative_examples: [y]\n"
	"  - id: t.url\n"
	"    title: Database URL\n"
	"    category: secret\n"
	"    severity: high\n"
	"    confidence: high\n"
	"    guideline: { doc: d, quote: q }\n"
	"    keywords: ['pg://']\n"
	"    pattern: 'pg://[a-z]+:([A-Za-z0-9]{8,})@'\n"
	"    examples: [x]\n"
	"    negative_examples: [y]\n"
	"  - id: t.nokw\n"
	"    title: Pattern-only rule\n"
	"    category: secret\n"
	"    severity: low\n"
	"    guideline: { doc: d, quote: q }\n"
	"    pattern: '\\b(\\d{2,4}\\|[A-Za-z0-9]{12})\\b'\n"
	"    examples: [x]\n"
	"    negative_examples: [y]\n"
	/* anchors: ^ and $ at every line, \\A at the file's start */
	"  - id: t.bol\n"
	"    title: Anchored at a line start\n"
	"    category: secret\n"
	"    severity: low\n"
	"    guideline: { doc: d, quote: q }\n"
	"    keywords: [pw=]\n"
	"    pattern: '^pw=([A-Za-z0-9]{8,})'\n"
	"    examples: [x]\n"
	"    negative_examples: [y]\n"
	"  - id: t.eol\n"
	"    title: Anchored at a line end\n"
	"    category: secret\n"
	"    severity: low\n"
	"    guideline: { doc: d, quote: q }\n"
	"    keywords: [tail=]\n"
	"    pattern: '\\btail=([a-z0-9]{8,})$'\n"
	"    examples: [x]\n"
	"    negative_examples: [y]\n"
	"  - id: t.sof\n"
	"    title: Anchored at the file start\n"
	"    category: secret\n"
	"    severity: low\n"
	"    guideline: { doc: d, quote: q }\n"
	"    keywords: ['#!key=']\n"
	"    pattern: '\\A#!key=([a-z0-9]{8,})'\n"
	"    examples: [x]\n"
	"    negative_examples: [y]\n"
	"  - id: t.mbol\n"
	"    title: Anchored, no keywords, explicit (?m)\n"
	"    category: secret\n"
	"    severity: low\n"
	"    guideline: { doc: d, quote: q }\n"
	"    pattern: '(?m)^zz=([0-9]{6,})'\n"
	"    examples: [x]\n"
	"    negative_examples: [y]\n";

static struct ruleset rs;
static struct scan_engine *eng;

static void setup(void)
{
	struct err e = ERR_INIT;

	memset(&rs, 0, sizeof(rs));
	ck_assert_int_eq(ruleset_load_buffer(&rs, "t.yaml", rules_yaml,
					     strlen(rules_yaml), 0, &e), 0);
	ck_assert_msg(!scan_engine_build(&eng, &rs, ruleset_profile(&rs,
				"default"), NULL, 0, &e), "%s", e.msg);
}

static void teardown(void)
{
	scan_engine_free(eng);
	ruleset_release(&rs);
}

static const struct {
	const char *name, *path, *text;
	const char *want;	/* "rule@line:col/severity;..." in order */
} rows[] = {
	{ "plain hit", "a.txt", "key = demo_Ab3De5Gh7\n",
	  "t.demo@1:12/medium;" },
	{ "two on a line", "a.txt", "demo_Ab3De5Gh7 demo_Zy9Xw8Vu7\n",
	  "t.demo@1:6/medium;t.demo@1:21/medium;" },
	{ "keyword any case", "a.txt", "x\nDEMO_Ab3De5Gh7", "" },
	{ "low entropy", "a.txt", "demo_aaaaaaaaaa\n", "" },
	{ "allowlisted value", "a.txt", "demo_docsdocs1\n", "" },
	{ "placeholder", "a.txt", "demo_<yourkey>\n", "" },
	{ "stopword", "a.txt", "demo_Example123\n", "" },
	{ "inline allow", "a.txt", "demo_Ab3De5Gh7 # authaudit:allow\n", "" },
	{ "inline allow, a reason", "a.txt",
	  "demo_Ab3De5Gh7 # authaudit:allow test fixture\n", "" },
	{ "inline allow of this rule", "a.txt",
	  "demo_Ab3De5Gh7 # authaudit:allow t.demo\n", "" },
	{ "inline allow of a glob", "a.txt",
	  "demo_Ab3De5Gh7 # authaudit:allow t.x,t.d*\n", "" },
	{ "inline allow of another rule", "a.txt",
	  "demo_Ab3De5Gh7 # authaudit:allow t.tok\n", "t.demo@1:6/medium;" },
	{ "one rule allowed, the other not", "a.txt",
	  "demo_Ab3De5Gh7 tok_a1b2c3d4e5 # authaudit:allow t.tok\n",
	  "t.demo@1:6/medium;" },
	{ "two markers", "a.txt", "demo_Ab3De5Gh7 # authaudit:allow t.tok "
	  "authaudit:allow t.demo\n", "" },
	{ "gitleaks marker", "a.txt", "demo_Ab3De5Gh7 # gitleaks:allow\n", "" },
	{ "client side raised", "web/public/app.js", "k='demo_Ab3De5Gh7'\n",
	  "t.demo@1:9/high;" },
	{ "paths: py only", "run.sh", "requests.get(u, verify=False)\n", "" },
	{ "paths: py", "svc/run.py", "requests.get(u, verify=False)\n",
	  "t.pyonly@1:17/high;" },
	{ "crlf tab utf8", "a.txt", "x\r\n\t\xc3\xa9\xff demo_Ab3De5Gh7\r\n",
	  "t.demo@2:10/medium;" },
	{ "multiline", "k.pem", "-----BEGIN DEMO KEY-----\nQUJDREVGR0hJSktM\n"
	  "TU5PUFFSU1RV\n-----END DEMO KEY-----\n", "t.pem@2:1/critical;" },
	{ "no keywords", "a.txt", "token: 42|aB3dE5fG7hJ9\n",
	  "t.nokw@1:8/low;" },
	{ "specific beats generic", "a.txt", "secret = \"tok_a1b2c3d4e5\"\n",
	  "t.tok@1:11/high;" },
	{ "generic alone", "a.txt", "secret = \"Zq8vN3kLm1Pw\"\n",
	  "t.gen@1:11/medium;" },
	/* a stronger rule drops a weaker one only where both report the
	 * secret: the same value elsewhere is a leak of its own */
	{ "same secret, other line", "a.txt", "secret = \"Zq8vN3kLm1Pw\"\n"
	  "url = pg://app:Zq8vN3kLm1Pw@db\n",
	  "t.gen@1:11/medium;t.url@2:16/high;" },
	/* another category says something else about the same secret */
	{ "other category keeps both", "a.txt",
	  "secret = \"lif_a1b2c3d4e5\"\n",
	  "t.gen@1:11/medium;t.life@1:11/high;" },
	/* ^ and $ mean line start and end wherever the window starts */
	{ "^ after the first line", "a.txt", "a=1\npw=Abcdefgh12\n",
	  "t.bol@2:4/low;" },
	{ "^ not mid-line", "a.txt", "a=1\n pw=Abcdefgh12\n", "" },
	{ "^ on the first line", "a.txt", "pw=Abcdefgh12", "t.bol@1:4/low;" },
	{ "$ before a newline", "a.txt",
	  "tail=abcdefgh12 more\ntail=abcdefgh34\nz\n", "t.eol@2:6/low;" },
	{ "$ at the end", "a.txt", "x\ntail=abcdefgh34", "t.eol@2:6/low;" },
	{ "\\A only at the file start", "a.txt",
	  "#!key=abcdefgh12\n#!key=abcdefgh34\n", "t.sof@1:7/low;" },
	{ "^ without keywords", "a.txt", "q\nr\nzz=123456\n zz=654321\n",
	  "t.mbol@3:4/low;" },
	{ "same secret, one line", "a.txt",
	  "secret = \"tok_a1b2c3d4e5\" # tok_a1b2c3d4e5\n",
	  "t.tok@1:11/high;t.tok@1:29/high;" },
};

START_TEST(test_scan_rows)
{
	struct scanner *s = scanner_new(eng);
	struct finding_list out;
	struct report_stats st = { 0 };
	char got[512] = "";

	finding_list_init(&out);
	scanner_scan(s, rows[_i].path, rows[_i].text, strlen(rows[_i].text),
		     &out, &st);
	finding_list_sort(&out);
	for (size_t i = 0; i < out.nr; i++) {
		size_t n = strlen(got);

		snprintf(got + n, sizeof(got) - n, "%s@%u:%u/%s;",
			 out.items[i].rule->id, out.items[i].line,
			 out.items[i].column,
			 severity_name(out.items[i].severity));
	}
	ck_assert_msg(!strcmp(got, rows[_i].want), "%s: got '%s', want '%s'",
		      rows[_i].name, got, rows[_i].want);
	finding_list_release(&out);
	scanner_free(s);
}
END_TEST

/* A multiline key whose first line ends a line longer than the rule's
 * window (64K): the window runs from the keyword, not the line start. */
START_TEST(test_multiline_after_long_line)
{
	static const char key[] =
		" -----BEGIN DEMO KEY-----\nQUJDREVGR0hJSktM\n"
		"TU5PUFFSU1RV\n-----END DEMO KEY-----\n";
	struct scanner *s = scanner_new(eng);
	struct finding_list out;
	struct report_stats st = { 0 };
	size_t pad = 70 * 1024;
	char *text = malloc(pad + sizeof(key));

	ck_assert_ptr_nonnull(text);
	memset(text, 'q', pad);
	memcpy(text + pad, key, sizeof(key));
	finding_list_init(&out);
	scanner_scan(s, "k.pem", text, strlen(text), &out, &st);
	ck_assert_uint_eq(out.nr, 1);
	ck_assert_str_eq(out.items[0].rule->id, "t.pem");
	ck_assert_uint_eq(out.items[0].line, 2);
	ck_assert_uint_eq(out.items[0].column, 1);
	finding_list_release(&out);
	scanner_free(s);
	free(text);
}
END_TEST

START_TEST(test_fingerprint_ignores_line)
{
	struct scanner *s = scanner_new(eng);
	struct finding_list a, b;
	struct report_stats st = { 0 };
	const char *t1 = "k = demo_Ab3De5Gh7\n";
	const char *t2 = "\n\n\nk = demo_Ab3De5Gh7\n";

	finding_list_init(&a);
	finding_list_init(&b);
	scanner_scan(s, "f.txt", t1, strlen(t1), &a, &st);
	scanner_scan(s, "f.txt", t2, strlen(t2), &b, &st);
	ck_assert_uint_eq(a.nr, 1);
	ck_assert_uint_eq(b.nr, 1);
	ck_assert_uint_ne(a.items[0].line, b.items[0].line);
	ck_assert_str_eq(a.items[0].fingerprint, b.items[0].fingerprint);
	ck_assert_str_eq(a.items[0].secret, "Ab3De5Gh7");
	finding_list_release(&a);
	finding_list_release(&b);
	scanner_free(s);
}
END_TEST

START_TEST(test_inline_allow_off)
{
	struct scanner *s = scanner_new(eng);
	struct finding_list out;
	struct report_stats st = { 0 };
	const char *t = "demo_Ab3De5Gh7 # authaudit:allow\n";

	finding_list_init(&out);
	scanner_scan(s, "a", t, strlen(t), &out, &st);
	ck_assert_uint_eq(out.nr, 0);
	ck_assert_uint_eq(st.suppressed_inline, 1);
	scanner_set_inline_allow(s, 0);
	scanner_scan(s, "a", t, strlen(t), &out, &st);
	ck_assert_uint_eq(out.nr, 1);
	finding_list_release(&out);
	scanner_free(s);
}
END_TEST

/* Multiline rules with small windows. Each match holds one of its rule's
 * keywords and starts at most a window before or after it (what the
 * prefilter relies on), and none is longer than the widest window (256,
 * what pieces overlap by), yet many are longer than their own window. */
static const char window_yaml[] =
	"rules:\n"
	/* a list that runs past its keyword's window */
	"  - id: w.list\n"
	"    title: List\n"
	"    category: secret\n"
	"    severity: low\n"
	"    guideline: { doc: d, quote: q }\n"
	"    keywords: ['list(']\n"
	"    pattern: 'list\\(([a-z0-9,\\s]{8,120})\\)'\n"
	"    min_entropy: 0\n"
	"    multiline: true\n"
	"    window: 64\n"
	"    examples: [x]\n"
	"    negative_examples: [y]\n"
	/* two keywords, the second inside the first's window */
	"  - id: w.pair\n"
	"    title: Pair\n"
	"    category: secret\n"
	"    severity: low\n"
	"    guideline: { doc: d, quote: q }\n"
	"    keywords: ['pa=', 'pb=']\n"
	"    pattern: 'pa=([a-z0-9]{4})[\\s\\S]{0,200}?pb=([a-z0-9]{4})'\n"
	"    secret_group: 2\n"
	"    min_entropy: 0\n"
	"    multiline: true\n"
	"    window: 256\n"
	"    examples: [x]\n"
	"    negative_examples: [y]\n"
	/* a match that starts a line before its keyword */
	"  - id: w.before\n"
	"    title: Before\n"
	"    category: secret\n"
	"    severity: low\n"
	"    guideline: { doc: d, quote: q }\n"
	"    keywords: ['kwz(']\n"
	"    pattern: '^[ \\t]{0,4}([a-z]{3,8})[ \\t]{0,4}\\r?\\n[ \\t]{0,4}"
	"kwz\\('\n"
	"    min_entropy: 0\n"
	"    multiline: true\n"
	"    window: 64\n"
	"    examples: [x]\n"
	"    negative_examples: [y]\n"
	/* one that starts after its keyword */
	"  - id: w.behind\n"
	"    title: Behind\n"
	"    category: secret\n"
	"    severity: low\n"
	"    guideline: { doc: d, quote: q }\n"
	"    keywords: ['lb:']\n"
	"    pattern: '(?<=lb:)\\s{0,3}([a-z0-9]{6,10})'\n"
	"    min_entropy: 0\n"
	"    multiline: true\n"
	"    window: 64\n"
	"    examples: [x]\n"
	"    negative_examples: [y]\n"
	/* line anchors */
	"  - id: w.anchored\n"
	"    title: Anchored\n"
	"    category: secret\n"
	"    severity: low\n"
	"    guideline: { doc: d, quote: q }\n"
	"    keywords: ['kq=']\n"
	"    pattern: '^kq=([a-z0-9]{6,20})\\r?$'\n"
	"    min_entropy: 0\n"
	"    multiline: true\n"
	"    window: 64\n"
	"    examples: [x]\n"
	"    negative_examples: [y]\n"
	/* no keywords: the pattern is its own prefilter */
	"  - id: w.nokw\n"
	"    title: No keywords\n"
	"    category: secret\n"
	"    severity: low\n"
	"    guideline: { doc: d, quote: q }\n"
	"    pattern: 'zq([0-9]{3})\\s{0,5}qz'\n"
	"    min_entropy: 0\n"
	"    multiline: true\n"
	"    window: 64\n"
	"    examples: [x]\n"
	"    negative_examples: [y]\n"
	/* a single-line rule beside them */
	"  - id: w.line\n"
	"    title: Line\n"
	"    category: secret\n"
	"    severity: low\n"
	"    guideline: { doc: d, quote: q }\n"
	"    keywords: ['sl=']\n"
	"    pattern: 'sl=([a-z0-9]{6,12})\\b'\n"
	"    min_entropy: 0\n"
	"    examples: [x]\n"
	"    negative_examples: [y]\n";

static struct ruleset wrs;
static struct scan_engine *wfast, *wref;

static void window_setup(void)
{
	struct err e = ERR_INIT;

	memset(&wrs, 0, sizeof(wrs));
	ck_assert_msg(!ruleset_load_buffer(&wrs, "w.yaml", window_yaml,
					   strlen(window_yaml), 0, &e),
		      "%s", e.msg);
	ck_assert_msg(!scan_engine_build(&wfast, &wrs, NULL, NULL, 0, &e), "%s",
		      e.msg);
	ck_assert_msg(!scan_engine_build(&wref, &wrs, NULL, NULL,
					 SCAN_ENGINE_REFERENCE, &e),
		      "%s", e.msg);
}

static void window_teardown(void)
{
	scan_engine_free(wfast);
	scan_engine_free(wref);
	ruleset_release(&wrs);
}

/* How a buffer is fed: whole, or in pieces of about `piece` bytes with
 * lines longer than `cap` cut (0: whole). */
struct feed {
	size_t piece, cap;
};

/* The findings as sorted lines: rule, position, secret. */
static void scan_as(const struct scan_engine *e, struct feed how,
		    const char *buf, size_t len, struct strbuf *out)
{
	struct scanner *s = scanner_new(e);
	struct finding_list l;
	struct report_stats st = { 0 };

	finding_list_init(&l);
	if (!how.piece) {
		scanner_scan(s, "f.txt", buf, len, &l, &st);
	} else {
		struct scan_reader rd;

		scan_reader_init(&rd);
		rd.piece = how.piece;
		rd.line_cap = how.cap;
		rd.cut_overlap = 1; /* the widest window instead */
		scan_read_buffer(&rd, s, "f.txt", buf, len, &l, &st);
		scan_reader_release(&rd);
	}
	finding_list_sort(&l);
	strbuf_reset(out);
	for (size_t i = 0; i < l.nr; i++)
		strbuf_addf(out, "%s@%u:%u=%s\n", l.items[i].rule->id,
			    l.items[i].line, l.items[i].column,
			    l.items[i].secret ? l.items[i].secret : "");
	finding_list_release(&l);
	scanner_free(s);
}

static const struct feed feeds[] = {
	{ 0, 0 },
	{ 61, 300 },
	{ 97, 700 },
	{ 509, 2039 },
};

/* Fast and reference agree on buf, whole and in pieces; the reference's
 * findings go to want. */
static void agree(const char *what, const char *buf, size_t len,
		  struct strbuf *want)
{
	struct strbuf got = STRBUF_INIT;

	scan_as(wref, feeds[0], buf, len, want);
	for (size_t i = 0; i < sizeof(feeds) / sizeof(feeds[0]); i++) {
		scan_as(wfast, feeds[i], buf, len, &got);
		ck_assert_msg(!strcmp(want->buf, got.buf),
			      "%s, pieces of %zu:\nreference:\n%s\nfast:\n%s",
			      what, feeds[i].piece, want->buf, got.buf);
	}
	strbuf_release(&got);
}

static const struct {
	const char *name, *text, *want;
} window_rows[] = {
	/* the bug: a keyword's window [0, 64) holds the start of a match
	 * that runs past it; the second keyword lies in that window */
	{ "match from inside an earlier window, past its end",
	  "list\nlist(aaaa1,\n bbbb2,\n cccc3,\n dddd4,\n eeee5,\n ffff6,\n"
	  " gggg7,\n hhhh8,\n iiii9)\n",
	  "w.list@2:6=aaaa1,\n bbbb2,\n cccc3,\n dddd4,\n eeee5,\n ffff6,\n"
	  " gggg7,\n hhhh8,\n iiii9\n" },
	/* a keyword further than a window from its line start */
	{ "keyword past its line's window",
	  "                                                                  "
	  "                  list(abc12, def34)\n",
	  "w.list@1:90=abc12, def34\n" },
	{ "second keyword of a pair inside the first's window",
	  "pa=a1b2 pa=c3d4 ......................................................"
	  "......................................... pb=e5f6\n",
	  "w.pair@1:116=e5f6\n" },
	{ "a match a line before its keyword", "x\n  alpha\n  kwz(1)\n",
	  "w.before@2:3=alpha\n" },
	{ "a match after its keyword, far along a line",
	  "..........................................................."
	  "......................... lb:  qwerty12\n",
	  "w.behind@1:91=qwerty12\n" },
	{ "$ at the line end, not at the window's",
	  "kq=abcdefghijklmn\nkq=abc123\n",
	  "w.anchored@1:4=abcdefghijklmn\nw.anchored@2:4=abc123\n" },
	{ "no keywords", "zq123  \n qz zq456qz\n",
	  "w.nokw@1:3=123\nw.nokw@2:7=456\n" },
};

START_TEST(test_window_rows)
{
	struct strbuf want = STRBUF_INIT;
	const char *t = window_rows[_i].text;

	agree(window_rows[_i].name, t, strlen(t), &want);
	ck_assert_msg(!strcmp(want.buf, window_rows[_i].want),
		      "%s: got\n%s\nwant\n%s", window_rows[_i].name, want.buf,
		      window_rows[_i].want);
	strbuf_release(&want);
}
END_TEST

/* A seeded generator (xorshift64*), the same on every machine. */
static uint64_t rnd_state;

static unsigned below(unsigned n)
{
	rnd_state ^= rnd_state >> 12;
	rnd_state ^= rnd_state << 25;
	rnd_state ^= rnd_state >> 27;
	return (unsigned)((rnd_state * 0x2545F4914F6CDD1DULL) >> 33) % n;
}

static const char *const pieces_of_text[] = {
	"list(",
	"pa=",
	"pb=",
	"kwz(",
	"lb:",
	"kq=",
	"sl=",
	"zq",
	"qz",
	")",
	",",
	" ",
	"  ",
	"\t",
	"\n",
	"\n",
	"\r\n",
	"\n\n",
	".",
	"=",
	"(",
	"abcdef",
	"x1y2",
	"123",
	"q9",
	"alpha ",
	"  beta\n",
	"\n gamma\n kwz(",
	"delta \r\n\tkwz(",
	"\nkq=",
	"zq123",
	"zq9",
};

/* Text of about n bytes: the rules' keywords and the pieces of their
 * matches in random order and alignment, runs of letters and digits,
 * and now and then a line long enough to be cut. */
static void window_text(struct strbuf *sb, unsigned seed, size_t n)
{
	rnd_state = 0x9E3779B97F4A7C15ULL * (seed + 1);
	strbuf_reset(sb);
	while (sb->len < n) {
		unsigned k = below(100);

		if (k < 55) {
			strbuf_addstr(sb, pieces_of_text[below(
						  sizeof(pieces_of_text) /
						  sizeof(pieces_of_text[0]))]);
		} else if (k < 97) {
			for (unsigned i = 1 + below(9); i; i--)
				strbuf_addch(sb, "abcxyz0189"[below(10)]);
		} else if (k < 99) {
			for (unsigned i = below(200); i; i--)
				strbuf_addch(sb, '.');
		} else {
			/* a long line, keywords and all */
			for (unsigned i = 800 + below(3000); i; i--)
				strbuf_addstr(sb, pieces_of_text[below(14)]);
		}
	}
}

START_TEST(test_window_random)
{
	struct strbuf text = STRBUF_INIT, want = STRBUF_INIT;
	unsigned rules_seen[7] = { 0 }, findings = 0;
	const char *ids[] = { "w.list",	    "w.pair", "w.before", "w.behind",
			      "w.anchored", "w.nokw", "w.line" };
	char what[32];

	for (unsigned seed = 0; seed < 300; seed++) {
		window_text(&text, seed, 200 + below(6000));
		snprintf(what, sizeof(what), "seed %u", seed);
		agree(what, text.buf, text.len, &want);
		for (const char *p = want.buf; *p; p = strchr(p, '\n') + 1) {
			findings++;
			for (size_t r = 0; r < 7; r++)
				if (!strncmp(p, ids[r], strlen(ids[r])) &&
				    p[strlen(ids[r])] == '@')
					rules_seen[r]++;
		}
	}
	/* not two empty sets, and every rule had its say */
	ck_assert_uint_gt(findings, 2000);
	for (size_t r = 0; r < 7; r++)
		ck_assert_msg(rules_seen[r] > 10, "%s found %u times", ids[r],
			      rules_seen[r]);
	strbuf_release(&text);
	strbuf_release(&want);
}
END_TEST

static Suite *make_suite(void)
{
	Suite *s = suite_create("scan");
	TCase *tc = tcase_create("buffers");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_loop_test(tc, test_scan_rows, 0,
			    sizeof(rows) / sizeof(rows[0]));
	tcase_add_test(tc, test_multiline_after_long_line);
	tcase_add_test(tc, test_fingerprint_ignores_line);
	tcase_add_test(tc, test_inline_allow_off);
	suite_add_tcase(s, tc);
	tc = tcase_create("windows");
	tcase_set_timeout(tc, 300);
	tcase_add_unchecked_fixture(tc, window_setup, window_teardown);
	tcase_add_loop_test(tc, test_window_rows, 0,
			    sizeof(window_rows) / sizeof(window_rows[0]));
	tcase_add_test(tc, test_window_random);
	suite_add_tcase(s, tc);
	return s;
}
