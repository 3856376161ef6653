/* test_scan_decode.c - the decoding pass (scan_decode.c): Kubernetes
 * Secret data in YAML and JSON, Docker "auth", percent-encoded URI
 * user-info, a Secret's .dockerconfigjson decoded twice; findings at the
 * encoded text, marked decoded, with the decoded secret; placeholders
 * and binary left alone; inline allow; the same findings on the
 * reference path (trigger words searched plainly); and a differential:
 * plain and encoded, the same rules find the same secrets. */
#include <string.h>

#include "check_main.h"
#include "core/rule.h"
#include "scan/scan.h"

static const char rules_yaml[] =
	"profiles:\n"
	"  - name: default\n"
	"    title: all\n"
	"    rules: ['*']\n"
	"rules:\n"
	"  - id: t.tok\n"
	"    title: Token\n"
	"    category: secret\n"
	"    severity: high\n"
	"    guideline: { doc: d, quote: q }\n"
	"    keywords: [tok_]\n"
	"    pattern: '\\btok_[A-Za-z0-9]{16,}'\n"
	"    examples: [x]\n"
	"    negative_examples: [y]\n"
	"  - id: t.pw\n"
	"    title: Password\n"
	"    category: secret\n"
	"    severity: medium\n"
	"    guideline: { doc: d, quote: q }\n"
	"    keywords: [password]\n"
	"    pattern: '(?i)password\"?:\\s*\"([^\"\\s]{8,})\"'\n"
	"    secret_group: 1\n"
	"    min_entropy: 2.5\n"
	"    examples: [x]\n"
	"    negative_examples: [y]\n"
	"  - id: t.url\n"
	"    title: URL password\n"
	"    category: secret\n"
	"    severity: critical\n"
	"    guideline: { doc: d, quote: q }\n"
	"    keywords: ['pg://']\n"
	"    pattern: '\\bpg://[^\\s:@/]*:([^\\s@/$]{6,})@[^\\s/]+'\n"
	"    secret_group: 1\n"
	"    min_entropy: 2.5\n"
	"    examples: [x]\n"
	"    negative_examples: [y]\n";

static struct ruleset rs;
static struct scan_engine *fast, *ref;

static void setup(void)
{
	struct err e = ERR_INIT;
	const struct profile *p;

	memset(&rs, 0, sizeof(rs));
	ck_assert_int_eq(ruleset_load_buffer(&rs, "t.yaml", rules_yaml,
					     strlen(rules_yaml), 0, &e), 0);
	p = ruleset_profile(&rs, "default");
	ck_assert_msg(!scan_engine_build(&fast, &rs, p, NULL, 0, &e), "%s",
		      e.msg);
	ck_assert_msg(!scan_engine_build(&ref, &rs, p, NULL,
					 SCAN_ENGINE_REFERENCE, &e), "%s",
		      e.msg);
}

static void teardown(void)
{
	scan_engine_free(fast);
	scan_engine_free(ref);
	ruleset_release(&rs);
}

/* tok_Ab3De5Gh7Jk9Lm1Np3Q, Zq8vN3kLm1Pw, ci-bot:Zq8vN3kLm1Pw, and a
 * Docker config holding the last as its "auth", base64-encoded */
#define B64_TOK "dG9rX0FiM0RlNUdoN0prOUxtMU5wM1E="
#define B64_PW "WnE4dk4za0xtMVB3"
#define B64_AUTH "Y2ktYm90OlpxOHZOM2tMbTFQdw=="
#define B64_CONFIG "eyJhdXRocyI6IHsici5leGFtcGxlIjogeyJhdXRoIjogIlkya3RZb" \
		   "TkwT2xweE9IWk9NMnRNYlRGUWR3PT0ifX19"

static const struct {
	const char *name, *path, *text;
	/* "rule@line:col/decoded=secret;..." in order */
	const char *want;
} rows[] = {
	{ "yaml secret", "k8s/app.yaml",
	  "apiVersion: v1\n"
	  "data:\n"
	  "  api-token: " B64_TOK "\n"
	  "  password: '" B64_PW "'\n"
	  "  # a comment\n"
	  "  binary: AAEC/w==\n"
	  "kind: Secret\n"
	  "metadata:\n"
	  "  name: app\n",
	  "t.tok@3:14/base64=tok_Ab3De5Gh7Jk9Lm1Np3Q;"
	  "t.pw@4:14/base64=Zq8vN3kLm1Pw;" },
	{ "second document", "all.yaml",
	  "kind: ConfigMap\n"
	  "data:\n"
	  "  token: " B64_TOK "\n"
	  "---\n"
	  "kind: Secret\n"
	  "data:\n"
	  "  token: " B64_TOK "\n",
	  "t.tok@7:10/base64=tok_Ab3De5Gh7Jk9Lm1Np3Q;" },
	{ "json secret", "secret.json",
	  "{\"apiVersion\": \"v1\",\n"
	  " \"data\": {\"password\": \"" B64_PW "\",\n"
	  "          \"t\": \"" B64_TOK "\"},\n"
	  " \"kind\": \"Secret\"}\n",
	  "t.pw@2:24/base64=Zq8vN3kLm1Pw;"
	  "t.tok@3:17/base64=tok_Ab3De5Gh7Jk9Lm1Np3Q;" },
	{ "docker auth", ".docker/config.json",
	  "{\"auths\": {\"r.example\": {\"auth\": \"" B64_AUTH "\"}}}\n",
	  "t.pw@1:35/base64=Zq8vN3kLm1Pw;" },
	{ "docker config inside a secret", "pull.yaml",
	  "kind: Secret\n"
	  "type: kubernetes.io/dockerconfigjson\n"
	  "data:\n"
	  "  .dockerconfigjson: " B64_CONFIG "\n",
	  "t.pw@4:22/base64=Zq8vN3kLm1Pw;" },
	{ "percent-encoded password", "app.env",
	  "DB=pg://app:Zq8v%40N3kLm1Pw@db.internal:5432/x\n",
	  "t.url@1:9/url=Zq8v@N3kLm1Pw;" },
	{ "encoded placeholder", "app.env",
	  "DB=pg://app:%24%7BDB_PASSWORD%7D@db.internal:5432/x\n", "" },
	{ "plain URL untouched", "app.env",
	  "DB=pg://app:Zq8vN3kLm1Pw@db.internal:5432/x\n",
	  "t.url@1:13/-=Zq8vN3kLm1Pw;" },
	{ "allowed on the encoded line", "k8s/app.yaml",
	  "kind: Secret\n"
	  "data:\n"
	  "  t: " B64_TOK "  # authaudit:allow t.tok\n", "" },
	{ "not a Secret", "cm.yaml",
	  "kind: ConfigMap\n"
	  "data:\n"
	  "  t: " B64_TOK "\n", "" },
	{ "kind inside a line", "notes.yaml",
	  "note: the kind: Secret below\n"
	  "data:\n"
	  "  t: " B64_TOK "\n", "" },
	{ "a longer kind", "store.yaml",
	  "kind: SecretStore\n"
	  "data:\n"
	  "  t: " B64_TOK "\n", "" },
	{ "two Secrets, each decoded once", "two.yaml",
	  "kind: Secret\n"
	  "data:\n"
	  "  t: " B64_TOK "\n"
	  "# kind: Secret, said again in a comment\n"
	  "---\n"
	  "data:\n"
	  "  password: " B64_PW "\n"
	  "kind: \"Secret\"\n",
	  "t.tok@3:6/base64=tok_Ab3De5Gh7Jk9Lm1Np3Q;"
	  "t.pw@7:13/base64=Zq8vN3kLm1Pw;" },
	{ "a JSON list of Secrets", "list.json",
	  "{\"items\": [\n"
	  "{\"kind\":\"Secret\", \"data\": {\"t\": \"" B64_TOK "\"}},\n"
	  "{\"data\": {\"password\": \"" B64_PW "\"}, \"kind\": \"Secret\"}\n"
	  "], \"kind\": \"List\"}\n",
	  "t.tok@2:34/base64=tok_Ab3De5Gh7Jk9Lm1Np3Q;"
	  "t.pw@3:24/base64=Zq8vN3kLm1Pw;" },
	{ "auth that is not user:password", "config.json",
	  "{\"auth\": \"" B64_TOK "\"}\n", "" },
};

static void scan_with(const struct scan_engine *eng, const char *path,
		      const char *text, char *got, size_t n)
{
	struct scanner *s = scanner_new(eng);
	struct finding_list out;
	struct report_stats st = { 0 };

	finding_list_init(&out);
	scanner_scan(s, path, text, strlen(text), &out, &st);
	finding_list_sort(&out);
	got[0] = '\0';
	for (size_t i = 0; i < out.nr; i++) {
		const struct finding *f = &out.items[i];
		size_t k = strlen(got);

		snprintf(got + k, n - k, "%s@%u:%u/%s=%s;", f->rule->id,
			 f->line, f->column, f->decoded ? f->decoded : "-",
			 f->secret ? f->secret : "");
	}
	finding_list_release(&out);
	scanner_free(s);
}

START_TEST(test_decode_rows)
{
	char got[1024];

	scan_with(fast, rows[_i].path, rows[_i].text, got, sizeof(got));
	ck_assert_msg(!strcmp(got, rows[_i].want), "%s: got '%s', want '%s'",
		      rows[_i].name, got, rows[_i].want);
}
END_TEST

/* The reference path finds the trigger words by plain search: the same
 * findings. */
START_TEST(test_decode_reference_agrees)
{
	char a[1024], b[1024];

	scan_with(fast, rows[_i].path, rows[_i].text, a, sizeof(a));
	scan_with(ref, rows[_i].path, rows[_i].text, b, sizeof(b));
	ck_assert_msg(!strcmp(a, b), "%s: fast '%s', reference '%s'",
		      rows[_i].name, a, b);
}
END_TEST

/* Differential: what the decoded text says plainly (stringData, the
 * Docker username/password fields, an unescaped URL) and the same
 * credential encoded give the same rules and secrets. */
static const struct {
	const char *path, *plain, *encoded;
} pairs[] = {
	{ "s.yaml",
	  "kind: Secret\nstringData:\n  token: \"tok_Ab3De5Gh7Jk9Lm1Np3Q\"\n"
	  "  password: \"Zq8vN3kLm1Pw\"\n",
	  "kind: Secret\ndata:\n  token: " B64_TOK "\n  password: " B64_PW
	  "\n" },
	{ "config.json",
	  "{\"username\": \"ci-bot\", \"password\": \"Zq8vN3kLm1Pw\"}\n",
	  "{\"auth\": \"" B64_AUTH "\"}\n" },
	{ "a.env", "DB=pg://app:Zq8vN3kLm1Pw@db.internal/x\n",
	  "DB=pg://app:Zq8v%4E3kLm1Pw@db.internal/x\n" },
};

/* "rule=secret;" of each finding, positions and marks aside. */
static void rules_secrets(const char *path, const char *text, char *got,
			  size_t n)
{
	struct scanner *s = scanner_new(fast);
	struct finding_list out;
	struct report_stats st = { 0 };

	finding_list_init(&out);
	scanner_scan(s, path, text, strlen(text), &out, &st);
	finding_list_sort(&out);
	got[0] = '\0';
	for (size_t i = 0; i < out.nr; i++) {
		size_t k = strlen(got);

		snprintf(got + k, n - k, "%s=%s;", out.items[i].rule->id,
			 out.items[i].secret_sha256);
	}
	finding_list_release(&out);
	scanner_free(s);
}

START_TEST(test_decode_differential)
{
	char a[1024], b[1024];

	rules_secrets(pairs[_i].path, pairs[_i].plain, a, sizeof(a));
	rules_secrets(pairs[_i].path, pairs[_i].encoded, b, sizeof(b));
	ck_assert_msg(a[0], "%s: the plain text found nothing",
		      pairs[_i].path);
	ck_assert_msg(!strcmp(a, b), "%s: plain '%s', encoded '%s'",
		      pairs[_i].path, a, b);
}
END_TEST

static Suite *make_suite(void)
{
	Suite *s = suite_create("scan_decode");
	TCase *tc = tcase_create("decode");

	tcase_add_unchecked_fixture(tc, setup, teardown);
	tcase_add_loop_test(tc, test_decode_rows, 0,
			    (int)(sizeof(rows) / sizeof(rows[0])));
	tcase_add_loop_test(tc, test_decode_reference_agrees, 0,
			    (int)(sizeof(rows) / sizeof(rows[0])));
	tcase_add_loop_test(tc, test_decode_differential, 0,
			    (int)(sizeof(pairs) / sizeof(pairs[0])));
	suite_add_tcase(s, tc);
	return s;
}
