/* test_checksum.c - offline credential checksums. */
#include <string.h>

#include "check_main.h"
#include "lib/checksum.h"

/* Sanctum 4 tokens: the last 8 hex digits are PHP's crc32b (zlib crc32)
 * of the 40 random characters before them; c267dec9 is the crc32 of
 * "aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5bC7d". */
static const struct {
	const char *token;
	int want;
} rows[] = {
	{ "7|prst_aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5bC7dc267dec9", 1 },
	{ "7|aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5bC7dC267DEC9", 1 },
	{ "aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5bC7dc267dec9", 1 },
	{ "7|prst_aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5bC7dc267dec8", 0 },
	{ "12|aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5bC7ddeadbeef", 0 },
	{ "1111|kjbdsjkvbsdkvbfdkg", 0 },
	{ "", 0 },
};

START_TEST(test_sanctum_rows)
{
	const char *t = rows[_i].token;

	ck_assert_msg(checksum_sanctum_crc32(t, strlen(t)) == rows[_i].want,
		      "token '%s': want %d", t, rows[_i].want);
}
END_TEST

START_TEST(test_table_lookup)
{
	ck_assert_ptr_nonnull(checksum_find("sanctum-crc32"));
	ck_assert_ptr_null(checksum_find("luhn"));
}
END_TEST

static Suite *make_suite(void)
{
	Suite *s = suite_create("checksum");
	TCase *tc = tcase_create("sanctum");

	tcase_add_loop_test(tc, test_sanctum_rows, 0,
			    sizeof(rows) / sizeof(rows[0]));
	tcase_add_test(tc, test_table_lookup);
	suite_add_tcase(s, tc);
	return s;
}
