/* test_base64.c - base64 both ways: rows of input and output for both
 * alphabets, padding given or not, bad input and the bound; and every
 * byte string of a few lengths back and forth. */
#include <stdio.h>
#include <string.h>

#include "check_main.h"
#include "lib/base64.h"

#define ANY (BASE64_STD | BASE64_URL)

static const struct {
	const char *in;
	unsigned flags;
	int rc;
	const char *want; /* when rc is 0 */
} dec[] = {
	{ "", BASE64_STD, 0, "" },
	{ "Zg", BASE64_STD, 0, "f" },
	{ "Zg==", BASE64_STD, 0, "f" },
	{ "Zm8", BASE64_URL, 0, "fo" },
	{ "Zm8=", BASE64_URL, 0, "fo" },
	{ "Zm9v", ANY, 0, "foo" },
	{ "Zm9vYg", ANY, 0, "foob" },
	{ "dXNlcjpwYXNz", BASE64_STD, 0, "user:pass" },
	/* 62 and 63 in each alphabet */
	{ "Pj4+", BASE64_STD, 0, ">>>" },
	{ "Pz8/", BASE64_STD, 0, "\?\?\?" },
	{ "Pj4-", BASE64_URL, 0, ">>>" },
	{ "Pz8_", BASE64_URL, 0, "\?\?\?" },
	{ "Pj4-Pz8/", ANY, 0, ">>>\?\?\?" },
	{ "Pj4-", BASE64_STD, -1, NULL }, /* not this alphabet's */
	{ "Pz8/", BASE64_URL, -1, NULL },
	/* padding */
	{ "Zg=", BASE64_STD, -1, NULL }, /* not to four */
	{ "Zg===", BASE64_STD, -1, NULL },
	{ "Z===", BASE64_STD, -1, NULL },
	{ "====", BASE64_STD, -1, NULL },
	{ "Zm9v====", BASE64_STD, -1, NULL },
	{ "Zg==Zg==", BASE64_STD, -1, NULL }, /* '=' inside */
	/* lengths and characters that cannot be base64 */
	{ "Z", BASE64_STD, -1, NULL },
	{ "Zm9vY", ANY, -1, NULL },
	{ "Zm 9v", ANY, -1, NULL },
	{ "Zm9v\n", ANY, -1, NULL },
	{ "Zm.v", ANY, -1, NULL },
	{ "Zm9\xc3\xa9", ANY, -1, NULL },
};

START_TEST(test_decode_rows)
{
	struct strbuf sb = STRBUF_INIT;
	const char *in = dec[_i].in;

	strbuf_addstr(&sb, "kept:");
	ck_assert_int_eq(base64_decode(in, strlen(in), dec[_i].flags, 0, &sb),
			 dec[_i].rc);
	if (!dec[_i].rc) {
		ck_assert_uint_eq(sb.len, 5 + strlen(dec[_i].want));
		ck_assert_str_eq(sb.buf + 5, dec[_i].want);
	} else {
		ck_assert_str_eq(sb.buf, "kept:"); /* left as it was */
	}
	strbuf_release(&sb);
}
END_TEST

/* max bounds what is decoded, counting the bytes of a last short
 * quantum too. */
START_TEST(test_decode_max)
{
	struct strbuf sb = STRBUF_INIT;

	ck_assert_int_eq(base64_decode("Zm9vYg", 6, BASE64_STD, 4, &sb), 0);
	ck_assert_str_eq(sb.buf, "foob");
	strbuf_reset(&sb);
	ck_assert_int_eq(base64_decode("Zm9vYg", 6, BASE64_STD, 3, &sb), -1);
	ck_assert_uint_eq(sb.len, 0);
	ck_assert_int_eq(base64_decode("Zm9vYmE=", 8, BASE64_STD, 5, &sb), 0);
	ck_assert_int_eq(base64_decode("Zm9vYmE=", 8, BASE64_STD, 4, &sb), -1);
	ck_assert_str_eq(sb.buf, "fooba");
	strbuf_release(&sb);
}
END_TEST

static const struct {
	const char *in;
	size_t len;
	unsigned flags;
	const char *want;
} enc[] = {
	{ "", 0, BASE64_URL, "" },
	{ "f", 1, BASE64_URL, "Zg" },
	{ "fo", 2, BASE64_URL, "Zm8" },
	{ "foo", 3, BASE64_URL, "Zm9v" },
	{ "f", 1, BASE64_URL | BASE64_PAD, "Zg==" },
	{ "fo", 2, BASE64_STD | BASE64_PAD, "Zm8=" },
	{ "foob", 4, BASE64_STD, "Zm9vYg" },
	{ "\xff\xfe", 2, BASE64_URL, "__4" },
	{ "\xff\xfe", 2, BASE64_STD | BASE64_PAD, "//4=" },
	{ "\xfb\xef\xbe", 3, BASE64_URL, "----" },
	{ "\xfb\xef\xbe", 3, BASE64_STD, "++++" },
	{ "\0\0\0", 3, BASE64_STD, "AAAA" },
};

START_TEST(test_encode_rows)
{
	struct strbuf sb = STRBUF_INIT;

	base64_encode(enc[_i].in, enc[_i].len, enc[_i].flags, &sb);
	ck_assert_str_eq(sb.buf, enc[_i].want);
	strbuf_release(&sb);
}
END_TEST

/* Every string of 0 to 2 bytes, and 10,000 of each length 3 to 7, encoded in each
 * alphabet, padded and not, decode to themselves; what one alphabet
 * encodes the other rejects only where 62 or 63 occur. */
START_TEST(test_round_trip)
{
	static const unsigned ways[] = {
		BASE64_STD,
		BASE64_URL,
		BASE64_STD | BASE64_PAD,
		BASE64_URL | BASE64_PAD,
	};
	unsigned char data[8];
	unsigned long count = 0, rejected = 0, bad = 0;
	struct strbuf e = STRBUF_INIT, d = STRBUF_INIT;

	for (size_t len = 0; len <= 7; len++) {
		unsigned long total = len <= 2 ? 1ul << (8 * len) : 10000;

		for (unsigned long k = 0; k < total; k++) {
			unsigned long x = k * 2654435761ul;

			for (size_t b = 0; b < len; b++)
				data[b] =
					(unsigned char)(len <= 2
								? k >> (8 * b)
								: x >> (3 * b +
									k % 7));
			for (size_t w = 0; w < 4; w++) {
				unsigned other = ways[w] & BASE64_URL
							 ? BASE64_STD
							 : BASE64_URL;
				int special;

				strbuf_reset(&e);
				strbuf_reset(&d);
				base64_encode(data, len, ways[w], &e);
				/* one assertion at the end: Check writes one
				 * record per assertion */
				if (base64_decode(e.buf, e.len, ways[w], 0,
						  &d) ||
				    d.len != len || memcmp(d.buf, data, len)) {
					if (!bad++)
						fprintf(stderr,
							"'%s' did not "
							"come back\n",
							e.buf);
				}
				special = strpbrk(e.buf, "+/-_") != NULL;
				strbuf_reset(&d);
				if (base64_decode(e.buf, e.len, other, 0, &d) !=
					    (special ? -1 : 0) &&
				    !bad++)
					fprintf(stderr,
						"'%s' in the other "
						"alphabet\n",
						e.buf);
				rejected += special;
				count++;
			}
		}
	}
	ck_assert_uint_eq(bad, 0);
	ck_assert_uint_gt(count, 400000);
	ck_assert_uint_gt(rejected, 40000);
	strbuf_release(&e);
	strbuf_release(&d);
}
END_TEST

static Suite *make_suite(void)
{
	Suite *s = suite_create("base64");
	TCase *tc = tcase_create("base64");

	tcase_set_timeout(tc, 120);
	tcase_add_loop_test(tc, test_decode_rows, 0,
			    sizeof(dec) / sizeof(dec[0]));
	tcase_add_test(tc, test_decode_max);
	tcase_add_loop_test(tc, test_encode_rows, 0,
			    sizeof(enc) / sizeof(enc[0]));
	tcase_add_test(tc, test_round_trip);
	suite_add_tcase(s, tc);
	return s;
}
