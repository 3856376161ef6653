/* test_secret_hash.c - the keyed hash of secrets: HMAC-SHA-256 as RFC
 * 4231 gives it, and the key's id. */
#include <string.h>

#include "check_main.h"
#include "lib/secret_hash.h"

/* RFC 4231, test cases 1 and 2 */
static const struct {
	const char *key;
	size_t key_len;
	const char *data, *want;
} rows[] = {
	{ "\x0b\x0b\x0b\x0b\x0b\x0b\x0b\x0b\x0b\x0b\x0b\x0b\x0b\x0b\x0b\x0b"
	  "\x0b\x0b\x0b\x0b", 20, "Hi There",
	  "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7" },
	{ "Jefe", 4, "what do ya want for nothing?",
	  "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843" },
};

START_TEST(test_hmac_rows)
{
	char hex[65];

	secret_hash_set_key(rows[_i].key, rows[_i].key_len);
	secret_hash_hex(rows[_i].data, strlen(rows[_i].data), hex);
	ck_assert_str_eq(hex, rows[_i].want);
	secret_hash_clear();
}
END_TEST

START_TEST(test_key_id)
{
	char id[17];

	secret_hash_set_key("Jefe", 4);
	ck_assert_uint_eq(strlen(secret_hash_key_id()), 16);
	memcpy(id, secret_hash_key_id(), sizeof(id));
	secret_hash_set_key("Jefe2", 5);
	ck_assert_str_ne(id, secret_hash_key_id());
	secret_hash_set_key("Jefe", 4);
	ck_assert_str_eq(id, secret_hash_key_id());
	secret_hash_clear();
}
END_TEST

static Suite *make_suite(void)
{
	Suite *s = suite_create("secret_hash");
	TCase *tc = tcase_create("rows");

	tcase_add_loop_test(tc, test_hmac_rows, 0,
			    sizeof(rows) / sizeof(rows[0]));
	tcase_add_test(tc, test_key_id);
	suite_add_tcase(s, tc);
	return s;
}
