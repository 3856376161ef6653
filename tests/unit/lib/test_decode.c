/* test_decode.c - the decoding pass's decoders: base64 strictly, percent
 * escapes with the bytes a caller keeps encoded, and the text test. */
#include <string.h>

#include "check_main.h"
#include "lib/decode.h"

static const struct {
	const char *in;
	int rc;
	const char *want;	/* when rc is 0 */
} b64[] = {
	{ "dXNlcjpwYXNz", 0, "user:pass" },
	{ "YWNtZS1jaTpzM2NyM3Q=", 0, "acme-ci:s3cr3t" },
	{ "YWI=", 0, "ab" },
	{ "YQ==", 0, "a" },
	{ "YQ", 0, "a" },		/* unpadded */
	{ "YWI", 0, "ab" },
	{ "Pj4+", 0, ">>>" },	/* '+' is the standard alphabet's */
	{ "Pz8/", 0, "\?\?\?" },
	{ "", -1, NULL },
	{ "Y", -1, NULL },		/* one character cannot be base64 */
	{ "YQ=", -1, NULL },		/* padding, but not to four */
	{ "Y===", -1, NULL },
	{ "dXNl cjpw", -1, NULL },	/* no whitespace */
	{ "dXNl-cjp_", -1, NULL },	/* the URL alphabet is not this one */
	{ "not base64!", -1, NULL },
};

START_TEST(test_base64_rows)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_addstr(&sb, "kept:");
	ck_assert_int_eq(decode_base64(b64[_i].in, strlen(b64[_i].in), &sb),
			 b64[_i].rc);
	if (!b64[_i].rc) {
		ck_assert_uint_eq(sb.len, 5 + strlen(b64[_i].want));
		ck_assert_str_eq(sb.buf + 5, b64[_i].want);
	} else {
		ck_assert_str_eq(sb.buf, "kept:");	/* left as it was */
	}
	strbuf_release(&sb);
}
END_TEST

START_TEST(test_base64_bounded)
{
	size_t n = (DECODE_MAX / 3 + 1) * 4;
	char *in = malloc(n);
	struct strbuf sb = STRBUF_INIT;

	memset(in, 'A', n);
	ck_assert_int_eq(decode_base64(in, n, &sb), -1);
	ck_assert_uint_eq(sb.len, 0);
	ck_assert_int_eq(decode_base64(in, DECODE_MAX / 3 * 4, &sb), 0);
	ck_assert_uint_eq(sb.len, DECODE_MAX / 3 * 3);
	strbuf_release(&sb);
	free(in);
}
END_TEST

static const struct {
	const char *in, *keep;
	int rc;
	const char *want;
} pct[] = {
	{ "p%40ss", NULL, 1, "p@ss" },
	{ "p%40ss", "@/", 0, "p%40ss" },	/* kept as written */
	{ "%24%7BDB_PASS%7D", "@/", 3, "${DB_PASS}" },
	{ "a%2fb%2Fc", NULL, 2, "a/b/c" },	/* either case of hex */
	{ "100%", NULL, 0, "100%" },		/* a lone '%' stays */
	{ "%4", NULL, 0, "%4" },
	{ "%zz%41", NULL, 1, "%zzA" },
	{ "plain", NULL, 0, "plain" },
	{ "", NULL, 0, "" },
};

START_TEST(test_percent_rows)
{
	struct strbuf sb = STRBUF_INIT;

	ck_assert_int_eq(decode_percent(pct[_i].in, strlen(pct[_i].in),
					pct[_i].keep, &sb), pct[_i].rc);
	ck_assert_str_eq(sb.buf, pct[_i].want);
	strbuf_release(&sb);
}
END_TEST

START_TEST(test_percent_nul_is_decoded_and_counted)
{
	struct strbuf sb = STRBUF_INIT;

	/* a NUL is never "kept" (strchr would find the terminator) */
	ck_assert_int_eq(decode_percent("a%00b", 5, "@", &sb), 1);
	ck_assert_uint_eq(sb.len, 3);
	ck_assert_int_eq(sb.buf[1], 0);
	strbuf_release(&sb);
}
END_TEST

static const struct {
	const char *s;
	int text;
} texts[] = {
	{ "hunter2-Zq8vN3kL", 1 },
	{ "line one\nline two\r\n\ttab", 1 },
	{ "caf\xc3\xa9 \xe2\x82\xac", 1 },
	{ "", 0 },
	{ "bell\x07", 0 },
	{ "del\x7f", 0 },
	{ "\xff\xfe", 0 },			/* not UTF-8 */
	{ "\xc3", 0 },				/* cut short */
	{ "\xed\xa0\x80", 0 },			/* a surrogate */
	{ "\xc0\xaf", 0 },			/* overlong */
};

START_TEST(test_is_text_rows)
{
	ck_assert_int_eq(decode_is_text(texts[_i].s, strlen(texts[_i].s)),
			 texts[_i].text);
}
END_TEST

START_TEST(test_is_text_nul)
{
	ck_assert_int_eq(decode_is_text("ab\0cd", 5), 0);
}
END_TEST

static Suite *make_suite(void)
{
	Suite *s = suite_create("decode");
	TCase *tc = tcase_create("decode");

	tcase_add_loop_test(tc, test_base64_rows, 0,
			    (int)(sizeof(b64) / sizeof(b64[0])));
	tcase_add_test(tc, test_base64_bounded);
	tcase_add_loop_test(tc, test_percent_rows, 0,
			    (int)(sizeof(pct) / sizeof(pct[0])));
	tcase_add_test(tc, test_percent_nul_is_decoded_and_counted);
	tcase_add_loop_test(tc, test_is_text_rows, 0,
			    (int)(sizeof(texts) / sizeof(texts[0])));
	tcase_add_test(tc, test_is_text_nul);
	suite_add_tcase(s, tc);
	return s;
}
