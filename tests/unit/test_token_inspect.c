/* test_token_inspect.c - one credential in, the findings out: Bearer
 * prefix and whitespace dropped, the profile's required claims and
 * lifetime applied, rules the profile does not select left out. */
#include <string.h>

#include "check_main.h"
#include "jwt_forge.h"
#include "token_inspect.h"

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

static Suite *make_suite(void)
{
	Suite *s = suite_create("token_inspect");
	TCase *tc = tcase_create("inspect");

	tcase_add_loop_test(tc, test_rows, 0, sizeof(rows) / sizeof(rows[0]));
	suite_add_tcase(s, tc);
	return s;
}
