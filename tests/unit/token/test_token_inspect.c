/* test_token_inspect.c - one credential in, the findings out: Bearer
 * prefix and whitespace dropped, the profile's required claims and
 * lifetime applied, rules the profile does not select left out. And
 * parity: a JWT found by `scan` gets the same judgements (the token.jwt-*
 * rules of kind jwt) as the same JWT given to `token` (token.*). */
#include <string.h>

#include "check_main.h"
#include "auth/jwt_forge.h"
#include "scan/scan.h"
#include "token/token_inspect.h"

#define NOW 2000000000LL

static const char yaml[] =
	"rules:\n"
	"  - { id: token.lifetime, title: t, kind: token, category: c,\n"
	"      severity: medium, guideline: { doc: d, quote: q } }\n"
	"  - { id: token.missing-claim, title: t, kind: token, category: c,\n"
	"      severity: medium, guideline: { doc: d, quote: q } }\n"
	"  - { id: token.weak-secret, title: t, kind: token, category: c,\n"
	"      severity: high, guideline: { doc: d, quote: q } }\n"
	"  - { id: token.apikey-malformed, title: t, kind: token,\n"
	"      category: c, severity: low, guideline: { doc: d, quote: q } }\n"
	"profiles:\n"
	"  - { name: default, title: t, rules: ['*'] }\n"
	"  - name: partner\n"
	"    title: t\n"
	"    rules: ['token.*']\n"
	"    params: { max_token_lifetime: 1h,\n"
	"              token_required_claims: [aud, tenant] }\n"
	"  - { name: narrow, title: t, rules: ['token.weak-secret'] }\n";

static const struct {
	const char *profile;
	const char *prefix;	/* put before the token */
	long long life;		/* exp - iat of the JWT; 0: not a JWT */
	const char *claims;	/* extra claims, JSON members */
	const char *raw;	/* a non-JWT input instead */
	enum token_type type;
	const char *want;	/* rule ids, space-separated, in order */
} rows[] = {
	{ "partner", "", 1800, "\"aud\":\"x\",\"tenant\":\"t\"", NULL,
	  TOKEN_TYPE_JWT, "" },
	{ "partner", "  Bearer  ", 1800, "\"aud\":\"x\",\"tenant\":\"t\"",
	  NULL, TOKEN_TYPE_JWT, "" },
	{ "partner", "bearer ", 7200, "\"aud\":\"x\",\"tenant\":\"t\"", NULL,
	  TOKEN_TYPE_JWT, "token.lifetime" },
	{ "partner", "", 1800, "\"aud\":\"x\",\"tenant\":\"\"", NULL,
	  TOKEN_TYPE_JWT, "token.missing-claim" },
	{ "default", "", 7200, "\"sub\":\"s\"", NULL, TOKEN_TYPE_JWT, "" },
	{ "narrow", "", 86400 * 400LL, "\"sub\":\"s\"", NULL, TOKEN_TYPE_JWT,
	  "" },
	{ "default", "", 0, NULL, "ak_test_0123", TOKEN_TYPE_APIKEY,
	  "token.apikey-malformed" },
	{ "narrow", "", 0, NULL, "ak_test_0123", TOKEN_TYPE_APIKEY, "" },
	{ "default", "\t", 0, NULL, "1111|kjbdsjkvbsdkvbfdkg\r\n",
	  TOKEN_TYPE_PRESTO, "" },
};

START_TEST(test_rows)
{
	struct ruleset rs = RULESET_INIT;
	struct err e = ERR_INIT;
	struct token_ctx c = { 0 };
	struct token_verdict v;
	struct finding_list out;
	struct strbuf in = STRBUF_INIT, got = STRBUF_INIT;

	ck_assert_msg(!ruleset_load_buffer(&rs, "t.yaml", yaml, strlen(yaml),
					   0, &e), "%s", e.msg);
	c.rs = &rs;
	c.profile = ruleset_profile(&rs, rows[_i].profile);
	c.now = (time_t)NOW;
	c.wordlist = "secret\nchangeme\n";
	c.wordlist_len = strlen(c.wordlist);
	strbuf_addstr(&in, rows[_i].prefix);
	if (rows[_i].raw) {
		strbuf_addstr(&in, rows[_i].raw);
	} else {
		struct strbuf cl = STRBUF_INIT;
		json_t *j;

		strbuf_addf(&cl, "{%s,\"iat\":%lld,\"exp\":%lld}",
			    rows[_i].claims, NOW - 60,
			    NOW - 60 + rows[_i].life);
		j = json_loads(cl.buf, 0, NULL);
		ck_assert_ptr_nonnull(j);
		ck_assert_int_eq(jwt_forge_sign(j, "a-strong-key", 12, &in,
						&e), 0);
		json_decref(j);
		strbuf_release(&cl);
	}
	finding_list_init(&out);
	token_inspect(&c, in.buf, in.len, &v);
	ck_assert_int_eq(v.info.type, rows[_i].type);
	ck_assert(v.len && v.token[0] != ' ' && v.token[v.len - 1] != '\n');
	token_verdict_findings(&c, &v, &out);
	for (size_t i = 0; i < out.nr; i++)
		strbuf_addf(&got, "%s%s", i ? " " : "",
			    out.items[i].rule->id);
	ck_assert_str_eq(got.buf, rows[_i].want);
	token_verdict_release(&v);
	finding_list_release(&out);
	strbuf_release(&in);
	strbuf_release(&got);
	ruleset_release(&rs);
}
END_TEST

/* --- scan / token parity, on the shipped rules ------------------------ */

static const struct {
	const char *profile;
	const char *key;	/* HS256 key; NULL: alg none, unsigned */
	const char *claims;	/* JSON members; NOW-relative times below */
	long long iat, nbf, exp;	/* offsets from NOW; 0: claim absent */
	const char *want;	/* judgements, space-separated, sorted */
} parity[] = {
	{ "default", "k3Y-9f2Q-strong-random-test-key-Zx81",
	  "\"sub\":\"svc\"", -60, 0, 3600, "" },
	{ "default", "changeme", "\"sub\":\"svc\"", -60, 0, 3600,
	  "weak-secret" },
	/* the review's case: weak secret and no aud for a Vista partner */
	{ "vista-integration", "changeme", "\"sub\":\"partner\"", -60, 0,
	  3600, "missing-claim weak-secret" },
	{ "vista-integration", "k3Y-9f2Q-strong-random-test-key-Zx81",
	  "\"sub\":\"p\",\"aud\":\"https://partner.vista.co/\"", -60, 0,
	  3600, "" },
	{ "reseller-platform", "k3Y-9f2Q-strong-random-test-key-Zx81",
	  "\"sub\":\"c\",\"tenant\":\"acme\"", -60, 0, 0,
	  "missing-claim no-exp" },
	{ "default", "k3Y-9f2Q-strong-random-test-key-Zx81",
	  "\"sub\":\"svc\"", 3600, 3600, 7200, "not-yet-valid" },
	{ "vista-digital", "k3Y-9f2Q-strong-random-test-key-Zx81",
	  "\"sub\":\"svc\"", -86400 * 30LL, 0, -3600, "expired lifetime" },
	{ "default", NULL, "\"sub\":\"svc\"", -60, 0, 600, "alg-none" },
};

/* The judgement words of the findings whose rule id starts with prefix,
 * sorted: "token.jwt-expired" -> "expired". */
static void judgements(const struct finding_list *l, const char *prefix,
		       struct strbuf *out)
{
	struct strlist words = { 0 };
	size_t n = strlen(prefix);

	for (size_t i = 0; i < l->nr; i++)
		if (!strncmp(l->items[i].rule->id, prefix, n))
			strlist_push(&words, l->items[i].rule->id + n);
	for (size_t i = 1; i < words.nr; i++)
		for (size_t k = i; k && strcmp(words.items[k - 1],
					       words.items[k]) > 0; k--) {
			char *t = words.items[k];

			words.items[k] = words.items[k - 1];
			words.items[k - 1] = t;
		}
	for (size_t i = 0; i < words.nr; i++)
		strbuf_addf(out, "%s%s", i ? " " : "", words.items[i]);
	strlist_release(&words);
}

START_TEST(test_scan_parity)
{
	struct ruleset rs = RULESET_INIT;
	struct err e = ERR_INIT;
	struct strbuf tok = STRBUF_INIT, cl = STRBUF_INIT, text = STRBUF_INIT;
	struct strbuf words = STRBUF_INIT, got_t = STRBUF_INIT;
	struct strbuf got_s = STRBUF_INIT;
	struct token_ctx c = { 0 };
	struct token_verdict v;
	struct finding_list from_token, from_scan;
	struct report_stats stats = { 0 };
	struct scan_engine *eng;
	struct scanner *s;
	const struct profile *p;
	json_t *j;

	ck_assert_msg(!ruleset_load_file(&rs, "rules/lifetime/jwt.yaml", 0,
					 &e) &&
		      !ruleset_load_file(&rs, "rules/token/token.yaml", 0,
					 &e) &&
		      !ruleset_load_file(&rs, "rules/profiles/profiles.yaml",
					 0, &e), "%s", e.msg);
	ck_assert_int_ge(strbuf_read_file(&words,
					  "rules/wordlists/jwt-secrets.txt",
					  1 << 22), 0);
	p = ruleset_profile(&rs, parity[_i].profile);
	ck_assert_ptr_nonnull(p);

	strbuf_addf(&cl, "{%s", parity[_i].claims);
	if (parity[_i].iat)
		strbuf_addf(&cl, ",\"iat\":%lld", NOW + parity[_i].iat);
	if (parity[_i].nbf)
		strbuf_addf(&cl, ",\"nbf\":%lld", NOW + parity[_i].nbf);
	if (parity[_i].exp)
		strbuf_addf(&cl, ",\"exp\":%lld", NOW + parity[_i].exp);
	strbuf_addch(&cl, '}');
	j = json_loads(cl.buf, 0, NULL);
	ck_assert_ptr_nonnull(j);
	if (parity[_i].key) {
		ck_assert_int_eq(jwt_forge_sign(j, parity[_i].key,
						strlen(parity[_i].key), &tok,
						&e), 0);
	} else {
		struct strbuf signed_tok = STRBUF_INIT;

		ck_assert_int_eq(jwt_forge_sign(j, "k", 1, &signed_tok, &e),
				 0);
		ck_assert_int_eq(jwt_forge_alg_none(signed_tok.buf,
						    signed_tok.len, "none",
						    &tok, &e), 0);
		strbuf_release(&signed_tok);
	}
	json_decref(j);

	/* authaudit token */
	c.rs = &rs;
	c.profile = p;
	c.now = (time_t)NOW;
	c.wordlist = words.buf;
	c.wordlist_len = words.len;
	finding_list_init(&from_token);
	token_inspect(&c, tok.buf, tok.len, &v);
	token_verdict_findings(&c, &v, &from_token);
	judgements(&from_token, "token.", &got_t);

	/* authaudit scan, the token in a config file */
	strbuf_addf(&text, "partner_jwt = \"%s\"\n", tok.buf);
	ck_assert_msg(!scan_engine_build(&eng, &rs, p, NULL, 0, &e), "%s",
		      e.msg);
	s = scanner_new(eng);
	scanner_set_now(s, (time_t)NOW);
	finding_list_init(&from_scan);
	scanner_scan(s, "config/app.py", text.buf, text.len, &from_scan,
		     &stats);
	judgements(&from_scan, "token.jwt-", &got_s);

	ck_assert_str_eq(got_t.buf, parity[_i].want);
	ck_assert_str_eq(got_s.buf, parity[_i].want);

	scanner_free(s);
	scan_engine_free(eng);
	token_verdict_release(&v);
	finding_list_release(&from_token);
	finding_list_release(&from_scan);
	strbuf_release(&tok);
	strbuf_release(&cl);
	strbuf_release(&text);
	strbuf_release(&words);
	strbuf_release(&got_t);
	strbuf_release(&got_s);
	ruleset_release(&rs);
}
END_TEST

/* kind jwt refuses a check it does not know and a weak-secret check
 * without a readable word list, naming the rule. */
static const struct {
	const char *params;
	const char *error;	/* NULL: loads */
} prepare_rows[] = {
	{ "{ check: credential }", NULL },
	{ "{ check: missing-claim }", NULL },
	{ "{ check: weak-secret, wordlist: "
	  "rules/wordlists/jwt-secrets.txt }", NULL },
	{ "{ check: sometimes }", "needs params.check" },
	{ "{ check: weak-secret }", "needs params.wordlist" },
	{ "{ check: weak-secret, wordlist: no/such/list.txt }",
	  "cannot read word list 'no/such/list.txt'" },
};

START_TEST(test_prepare)
{
	struct ruleset rs = RULESET_INIT;
	struct err e = ERR_INIT;
	struct strbuf y = STRBUF_INIT;
	int rc;

	strbuf_addf(&y, "rules:\n"
		    "  - id: t.jwt\n"
		    "    title: t\n"
		    "    kind: jwt\n"
		    "    category: c\n"
		    "    severity: low\n"
		    "    guideline: { doc: d, quote: q }\n"
		    "    keywords: [eyJ]\n"
		    "    pattern: '(eyJ\\S+)'\n"
		    "    secret_group: 1\n"
		    "    params: %s\n"
		    "    examples: [x]\n"
		    "    negative_examples: [y]\n", prepare_rows[_i].params);
	rc = ruleset_load_buffer(&rs, "t.yaml", y.buf, y.len, 0, &e);
	if (!prepare_rows[_i].error) {
		ck_assert_msg(rc == 0, "%s", e.msg);
	} else {
		ck_assert_int_eq(rc, -1);
		ck_assert_msg(strstr(e.msg, prepare_rows[_i].error) &&
			      strstr(e.msg, "t.jwt"), "%s", e.msg);
	}
	strbuf_release(&y);
	ruleset_release(&rs);
}
END_TEST

/* A NUL byte inside: no token, and nothing reads past the copy (it once
 * did: the copy stopped at the NUL, the length did not). */
START_TEST(test_nul_byte)
{
	static const char text[] = "ak_live_0f1e2d3c\0" "4b5a69788796a5b4c3d2e1f0";
	struct token_ctx c = { 0 };
	struct token_verdict v;
	char why[128];

	token_inspect(&c, text, sizeof(text) - 1, &v);
	ck_assert_int_eq(v.has_nul, 1);
	ck_assert_int_eq(v.info.type, TOKEN_TYPE_UNKNOWN);
	ck_assert_uint_eq(v.len, sizeof(text) - 1);
	ck_assert_int_eq(token_verdict_problem(&v, why, sizeof(why)), 1);
	ck_assert_str_eq(why, "a NUL byte: not a token");
	token_verdict_release(&v);
}
END_TEST

static Suite *make_suite(void)
{
	Suite *s = suite_create("token_inspect");
	TCase *tc = tcase_create("inspect");
	TCase *tp = tcase_create("scan parity");

	tcase_add_loop_test(tc, test_rows, 0, sizeof(rows) / sizeof(rows[0]));
	tcase_add_test(tc, test_nul_byte);
	suite_add_tcase(s, tc);
	tcase_add_loop_test(tp, test_scan_parity, 0,
			    sizeof(parity) / sizeof(parity[0]));
	tcase_add_loop_test(tp, test_prepare, 0,
			    sizeof(prepare_rows) / sizeof(prepare_rows[0]));
	suite_add_tcase(s, tp);
	return s;
}
