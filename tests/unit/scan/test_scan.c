/* test_scan.c - the engine end to end on buffers: prefilter + confirm,
 * filters, inline allow, client-side severity, paths, multiline rules,
 * rules without keywords, and positions. */
#include <stdlib.h>
#include <string.h>

#include "check_main.h"
#include "core/rule.h"
#include "scan/scan.h"

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
	return s;
}
