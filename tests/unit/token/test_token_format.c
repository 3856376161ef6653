/* test_token_format.c - credential formats: JWT, Presto classic and
 * Sanctum 4 (CRC32), reseller ApiKey. */
#include <string.h>

#include "check_main.h"
#include "token/token_format.h"

static const struct {
	const char *tok;
	enum token_type type;
	int checksum;
	int well_formed;
} rows[] = {
	{ "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln", TOKEN_TYPE_JWT, -1, 0 },
	{ "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.", TOKEN_TYPE_JWT, -1, 0 },
	{ "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0", TOKEN_TYPE_UNKNOWN, -1, 0 },
	{ "eyJ.a.b.c", TOKEN_TYPE_UNKNOWN, -1, 0 },
	{ "1111|kjbdsjkvbsdkvbfdkg", TOKEN_TYPE_PRESTO, -1, 0 },
	{ "7|aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5bC7d",
	  TOKEN_TYPE_PRESTO, -1, 0 },
	{ "7|prst_aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5bC7dc267dec9",
	  TOKEN_TYPE_PRESTO_CRC, 1, 0 },
	{ "7|aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5bC7dc267dec9",
	  TOKEN_TYPE_PRESTO_CRC, 1, 0 },
	{ "7|aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5bC7dc267dec8",
	  TOKEN_TYPE_PRESTO_CRC, 0, 0 },
	{ "x7|aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5bC7d",
	  TOKEN_TYPE_UNKNOWN, -1, 0 },
	{ "ak_live_8f3b1c0e5a4d4f2c9b1e7d6c5a4b3c2d",
	  TOKEN_TYPE_APIKEY, -1, 1 },
	{ "ak_test_00112233445566778899aabbccddeeff",
	  TOKEN_TYPE_APIKEY, -1, 1 },
	{ "ak_live_8F3B1C0E5A4D4F2C9B1E7D6C5A4B3C2D",
	  TOKEN_TYPE_APIKEY, -1, 0 },
	{ "ak_live_8f3b1c0e5a4d4f2c9b1e7d6c5a4b3c2",
	  TOKEN_TYPE_APIKEY, -1, 0 },
	{ "ak_prod_8f3b1c0e5a4d4f2c9b1e7d6c5a4b3c2d",
	  TOKEN_TYPE_APIKEY, -1, 0 },
	{ "hello world", TOKEN_TYPE_UNKNOWN, -1, 0 },
	{ "", TOKEN_TYPE_UNKNOWN, -1, 0 },
};

START_TEST(test_identify)
{
	struct token_info info;
	const char *t = rows[_i].tok;

	token_identify(t, strlen(t), &info);
	ck_assert_msg(info.type == rows[_i].type, "'%s': type %d, want %d", t,
		      info.type, rows[_i].type);
	ck_assert_int_eq(info.checksum, rows[_i].checksum);
	ck_assert_int_eq(info.well_formed, rows[_i].well_formed);
}
END_TEST

START_TEST(test_live_flag)
{
	struct token_info info;
	const char *live = "ak_live_8f3b1c0e5a4d4f2c9b1e7d6c5a4b3c2d";
	const char *test = "ak_test_8f3b1c0e5a4d4f2c9b1e7d6c5a4b3c2d";

	token_identify(live, strlen(live), &info);
	ck_assert_int_eq(info.live, 1);
	token_identify(test, strlen(test), &info);
	ck_assert_int_eq(info.live, 0);
	ck_assert_str_eq(token_type_name(TOKEN_TYPE_APIKEY),
			 "reseller ApiKey");
}
END_TEST

static Suite *make_suite(void)
{
	Suite *s = suite_create("token_format");
	TCase *tc = tcase_create("identify");

	tcase_add_loop_test(tc, test_identify, 0,
			    sizeof(rows) / sizeof(rows[0]));
	tcase_add_test(tc, test_live_flag);
	suite_add_tcase(s, tc);
	return s;
}
