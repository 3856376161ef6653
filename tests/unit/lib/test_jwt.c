/* test_jwt.c - decoding a JWT's times: claims out of any real range
 * (INT64_MAX, 1e19, 1e300, integers past int64, and their negatives) are
 * clamped and named, never converted out of range, and still judged: an
 * absurd lifetime is a lifetime finding, not an overflow. */
#include <string.h>

#include "check_main.h"
#include "auth/jwt_forge.h"
#include "core/token_check.h"
#include "lib/jwt.h"
#include "lib/strbuf.h"

static const struct {
	const char *claims;
	long long iat, exp;
	const char *clamped;
	int lifetime;		/* a lifetime finding against 12 h */
} rows[] = {
	{ "{\"iat\":1700000000,\"exp\":1700003600}", 1700000000, 1700003600,
	  "", 0 },
	{ "{\"iat\":-1,\"exp\":9223372036854775807}", -1, JWT_TIME_MAX, "exp",
	  1 },
	{ "{\"iat\":1700000000,\"exp\":1e19}", 1700000000, JWT_TIME_MAX, "exp",
	  1 },
	{ "{\"iat\":1700000000,\"exp\":1e300}", 1700000000, JWT_TIME_MAX,
	  "exp", 1 },
	{ "{\"iat\":-1e300,\"exp\":1e300}", -JWT_TIME_MAX, JWT_TIME_MAX,
	  "exp iat", 1 },
	{ "{\"iat\":-9223372036854775807,\"exp\":1700000000}", -JWT_TIME_MAX,
	  1700000000, "iat", 1 },
	/* integers past int64 are JSON too: read as reals, then clamped */
	{ "{\"iat\":1700000000,\"exp\":100000000000000000000}", 1700000000,
	  JWT_TIME_MAX, "exp", 1 },
	{ "{\"iat\":-100000000000000000000,\"exp\":1700000000}",
	  -JWT_TIME_MAX, 1700000000, "iat", 1 },
};

START_TEST(test_times_clamped)
{
	struct strbuf tok = STRBUF_INIT;
	struct jwt j;
	struct err e = ERR_INIT;
	struct token_result res[TOKEN__COUNT];
	size_t n;
	int lifetime = 0;

	base64_encode("{\"alg\":\"HS256\"}", 15, BASE64_URL, &tok);
	strbuf_addch(&tok, '.');
	base64_encode(rows[_i].claims, strlen(rows[_i].claims), BASE64_URL,
		      &tok);
	strbuf_addstr(&tok, ".c2ln");
	ck_assert_msg(!jwt_decode(tok.buf, tok.len, &j, &e), "%s", e.msg);
	ck_assert(j.has_iat && j.has_exp);
	ck_assert_int_eq(j.iat, rows[_i].iat);
	ck_assert_int_eq(j.exp, rows[_i].exp);
	ck_assert_str_eq(j.clamped, rows[_i].clamped);
	n = token_check_jwt(&j, 12 * 3600, (time_t)1700000000, res,
			    TOKEN__COUNT);
	for (size_t i = 0; i < n; i++)
		lifetime |= res[i].issue == TOKEN_LIFETIME;
	ck_assert_int_eq(lifetime, rows[_i].lifetime);
	jwt_release(&j);
	strbuf_release(&tok);
}
END_TEST

static Suite *make_suite(void)
{
	Suite *s = suite_create("jwt");
	TCase *tc = tcase_create("times");

	tcase_add_loop_test(tc, test_times_clamped, 0,
			    sizeof(rows) / sizeof(rows[0]));
	suite_add_tcase(s, tc);
	return s;
}
