/* test_token_check.c - the pure JWT judgements: each row a JWT's times and
 * alg, the maximum lifetime and now, and the issues expected in order. */
#include <string.h>

#include "check_main.h"
#include "core/token_check.h"

#define NOW 2000000000LL
#define H 3600LL

static const struct {
	const char *alg;
	int has_iat, has_nbf, has_exp;
	long long iat, nbf, exp;
	long max;
	int want[4];		/* issues, -1 terminated */
} rows[] = {
	/* a good 12 h token, issued an hour ago */
	{ "HS256", 1, 0, 1, NOW - H, 0, NOW + 11 * H, 12 * H, { -1 } },
	/* exactly at the limit is allowed */
	{ "HS256", 1, 0, 1, NOW, 0, NOW + 12 * H, 12 * H, { -1 } },
	{ "HS256", 1, 0, 1, NOW, 0, NOW + 12 * H + 1, 12 * H,
	  { TOKEN_LIFETIME, -1 } },
	/* ten-year token */
	{ "HS256", 1, 0, 1, NOW, 0, NOW + 3650 * 24 * H, 12 * H,
	  { TOKEN_LIFETIME, -1 } },
	/* no limit configured */
	{ "HS256", 1, 0, 1, NOW, 0, NOW + 3650 * 24 * H, 0, { -1 } },
	{ "none", 1, 0, 1, NOW, 0, NOW + H, 12 * H, { TOKEN_ALG_NONE, -1 } },
	{ "nOnE", 0, 0, 0, 0, 0, 0, 12 * H,
	  { TOKEN_ALG_NONE, TOKEN_NO_EXP, -1 } },
	{ "HS256", 1, 0, 0, NOW, 0, 0, 12 * H, { TOKEN_NO_EXP, -1 } },
	/* expired exactly now and long ago */
	{ "HS256", 1, 0, 1, NOW - H, 0, NOW, 12 * H, { TOKEN_EXPIRED, -1 } },
	{ "HS256", 1, 0, 1, NOW - 100 * H, 0, NOW - 99 * H, 12 * H,
	  { TOKEN_EXPIRED, -1 } },
	/* lifetime from nbf when iat is missing */
	{ "HS256", 0, 1, 1, 0, NOW - H, NOW + 13 * H, 12 * H,
	  { TOKEN_LIFETIME, -1 } },
	/* neither: from now */
	{ "HS256", 0, 0, 1, 0, 0, NOW + 13 * H, 12 * H,
	  { TOKEN_LIFETIME, -1 } },
	{ "HS256", 0, 0, 1, 0, 0, NOW + 11 * H, 12 * H, { -1 } },
	{ "HS256", 1, 1, 1, NOW, NOW + H, NOW + 2 * H, 12 * H,
	  { TOKEN_NOT_YET_VALID, -1 } },
	/* expired and too long */
	{ "RS256", 1, 0, 1, NOW - 100 * 24 * H, 0, NOW - H, 12 * H,
	  { TOKEN_LIFETIME, TOKEN_EXPIRED, -1 } },
};

START_TEST(test_rows)
{
	struct jwt j;
	struct token_result res[TOKEN__COUNT];
	size_t n, want = 0;

	memset(&j, 0, sizeof(j));
	j.alg = rows[_i].alg;
	j.has_iat = rows[_i].has_iat;
	j.has_nbf = rows[_i].has_nbf;
	j.has_exp = rows[_i].has_exp;
	j.iat = rows[_i].iat;
	j.nbf = rows[_i].nbf;
	j.exp = rows[_i].exp;
	n = token_check_jwt(&j, rows[_i].max, (time_t)NOW, res, TOKEN__COUNT);
	while (rows[_i].want[want] >= 0)
		want++;
	ck_assert_uint_eq(n, want);
	for (size_t k = 0; k < n; k++)
		ck_assert_int_eq((int)res[k].issue, rows[_i].want[k]);
}
END_TEST

START_TEST(test_names)
{
	for (int i = 0; i < TOKEN__COUNT; i++)
		ck_assert_int_eq(token_issue_parse(token_issue_name(i)), i);
	ck_assert_int_eq(token_issue_parse("alg-none"), TOKEN_ALG_NONE);
	ck_assert_int_eq(token_issue_parse("nope"), -1);
	ck_assert_ptr_null(token_issue_name(TOKEN__COUNT));
}
END_TEST

static const struct {
	long long secs;
	const char *want;
} spans[] = {
	{ 43200, "12 h" }, { 3650LL * 86400, "3650 days" }, { 59, "59 s" },
	{ 300, "5 min" }, { 5400, "1 h 30 min" }, { 86400, "24 h" },
};

START_TEST(test_spans)
{
	struct strbuf sb = STRBUF_INIT;

	token_fmt_span(&sb, spans[_i].secs);
	ck_assert_str_eq(sb.buf, spans[_i].want);
	strbuf_release(&sb);
}
END_TEST

START_TEST(test_describe)
{
	struct token_result r = { TOKEN_LIFETIME, 3650LL * 86400, 43200 };
	struct strbuf sb = STRBUF_INIT;

	token_result_describe(&r, &sb);
	ck_assert_str_eq(sb.buf, "lifetime 3650 days exceeds the maximum "
			 "of 12 h");
	strbuf_reset(&sb);
	r.issue = TOKEN_EXPIRED;
	r.value = 0;
	token_result_describe(&r, &sb);
	ck_assert_str_eq(sb.buf, "expired at 1970-01-01T00:00:00Z");
	strbuf_release(&sb);
}
END_TEST

/* token_missing_claims: the profile's comma-separated list against the
 * payload; empty strings, empty lists and null count as missing. */
static const struct {
	const char *payload;
	const char *list;
	const char *want;	/* the describe text; "" for none missing */
} claims[] = {
	{ "{\"aud\":\"x\"}", "aud", "" },
	{ "{\"sub\":\"x\"}", "aud",
	  "lacks claim 'aud' expected by profile 'p'" },
	{ "{\"tenant\":\"\",\"scope\":[]}", "tenant, scope",
	  "lacks claims 'tenant', 'scope' expected by profile 'p'" },
	{ "{\"tenant\":\"a\",\"scope\":null}", " tenant ,scope ",
	  "lacks claim 'scope' expected by profile 'p'" },
	{ "{\"sub\":\"x\"}", "", "" },
	{ "{\"sub\":\"x\"}", NULL, "" },
};

START_TEST(test_missing_claims)
{
	struct jwt j;
	struct strlist missing = { 0 };
	struct strbuf sb = STRBUF_INIT;
	size_t n;

	memset(&j, 0, sizeof(j));
	j.payload = json_loads(claims[_i].payload, 0, NULL);
	ck_assert_ptr_nonnull(j.payload);
	n = token_missing_claims(&j, claims[_i].list, &missing);
	ck_assert_uint_eq(n, missing.nr);
	if (n)
		token_describe_missing(&sb, &missing, "p");
	ck_assert_str_eq(sb.buf, claims[_i].want);
	json_decref(j.payload);
	strlist_release(&missing);
	strbuf_release(&sb);
}
END_TEST

static Suite *make_suite(void)
{
	Suite *s = suite_create("token_check");
	TCase *tc = tcase_create("jwt");

	tcase_add_loop_test(tc, test_rows, 0, sizeof(rows) / sizeof(rows[0]));
	tcase_add_test(tc, test_names);
	tcase_add_loop_test(tc, test_spans, 0,
			    sizeof(spans) / sizeof(spans[0]));
	tcase_add_test(tc, test_describe);
	tcase_add_loop_test(tc, test_missing_claims, 0,
			    sizeof(claims) / sizeof(claims[0]));
	suite_add_tcase(s, tc);
	return s;
}
