/* test_rule_kind.c - positions in text: text_width() (eight bytes at a
 * time) against the obvious byte loop on seeded random bytes, at every
 * start and length, and text_position() rows. */
#include <stdint.h>
#include <string.h>

#include "check_main.h"
#include "core/rule_kind.h"

/* The definition, one byte at a time. */
static unsigned long slow_width(const unsigned char *p, size_t n, int prev)
{
	unsigned long k = 0;

	for (size_t i = 0; i < n; i++) {
		int before = i ? p[i - 1] : prev;

		if ((p[i] & 0xC0) != 0x80 || before < 0x80)
			k++;
	}
	return k;
}

START_TEST(test_width_matches_byte_loop)
{
	unsigned char buf[256];
	uint64_t x = 88172645463325252ULL;

	for (unsigned round = 0; round < 200; round++) {
		for (size_t i = 0; i < sizeof(buf); i++) {
			x ^= x << 13;
			x ^= x >> 7;
			x ^= x << 17;
			/* mostly UTF-8-looking bytes, some stray ones */
			buf[i] = round % 2 ? (unsigned char)x : (unsigned char)
				 "a\xc3\xa9\xe2\x82\xac\x80\xbf\xff "[x % 11];
		}
		for (size_t a = 0; a < 24; a++)
			for (size_t n = 0; a + n <= sizeof(buf); n += 7) {
				int prev = a ? buf[a - 1] : -1;

				ck_assert_uint_eq(text_width((char *)buf + a, n,
							     prev),
						  slow_width(buf + a, n, prev));
			}
	}
}
END_TEST

static const struct {
	const char *text;
	size_t off;
	unsigned line, col;
} rows[] = {
	{ "abc", 0, 1, 1 },
	{ "abc", 2, 1, 3 },
	{ "a\nbc", 3, 2, 2 },
	{ "\xc3\xa9x", 2, 1, 2 },		/* é is one character */
	{ "\x80x\x80", 3, 1, 4 },		/* a stray byte counts one */
	{ "\x80\x80x", 2, 1, 2 },		/* a stray run counts one */
	{ "x\r\n\t\xc3\xa9\xff y", 8, 2, 5 },
};

START_TEST(test_position_rows)
{
	unsigned line, col;

	text_position(rows[_i].text, rows[_i].off, &line, &col);
	ck_assert_uint_eq(line, rows[_i].line);
	ck_assert_uint_eq(col, rows[_i].col);
}
END_TEST

static Suite *make_suite(void)
{
	Suite *s = suite_create("rule_kind");
	TCase *tc = tcase_create("positions");

	tcase_add_test(tc, test_width_matches_byte_loop);
	tcase_add_loop_test(tc, test_position_rows, 0,
			    sizeof(rows) / sizeof(rows[0]));
	suite_add_tcase(s, tc);
	return s;
}
