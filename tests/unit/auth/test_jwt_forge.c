/* test_jwt_forge.c - forged JWTs decode as intended: alg none in each
 * spelling, tampered and removed signatures, re-signed expired tokens;
 * and the weak-secret search finds the key of a token signed with it. */
#include <string.h>

#include "check_main.h"
#include "auth/jwt_forge.h"
#include "core/token_check.h"
#include "core/token_secret.h"
#include "lib/jwt.h"

static void signed_token(const char *key, struct strbuf *out)
{
	json_t *c = json_pack("{s:s,s:I,s:I}", "sub", "partner-1", "iat",
			      (json_int_t)1000, "exp", (json_int_t)4000);
	struct err e = ERR_INIT;

	ck_assert_int_eq(jwt_forge_sign(c, key, strlen(key), out, &e), 0);
	json_decref(c);
}

static const char *const spellings[] = { "none", "None", "NONE", "nOnE" };

START_TEST(test_alg_none)
{
	struct strbuf t = STRBUF_INIT, f = STRBUF_INIT;
	struct err e = ERR_INIT;
	struct jwt j;

	signed_token("k", &t);
	ck_assert_int_eq(jwt_forge_alg_none(t.buf, t.len, spellings[_i], &f,
					    &e), 0);
	ck_assert(f.buf[f.len - 1] == '.');
	ck_assert_int_eq(jwt_decode(f.buf, f.len, &j, &e), 0);
	ck_assert_str_eq(j.alg, spellings[_i]);
	ck_assert(token_alg_is_none(j.alg));
	ck_assert_uint_eq(j.sig_len, 0);
	ck_assert_int_eq((int)j.exp, 4000);
	jwt_release(&j);
	strbuf_release(&t);
	strbuf_release(&f);
}
END_TEST

static const struct {
	const char *key;	/* signing key */
	const char *list;	/* word list */
	int want;
} secret_rows[] = {
	{ "secret", "# c\npassword\nsecret\n", 1 },
	{ "your-256-bit-secret", "a\r\nyour-256-bit-secret\r\n", 1 },
	{ "Zq8-long-random-key-not-in-any-list", "secret\nchangeme\n", 0 },
	{ "changeme", "changeme", 1 },
	{ "x", "", 0 },
};

START_TEST(test_secret_search)
{
	struct strbuf t = STRBUF_INIT;
	struct err e = ERR_INIT;
	struct jwt j;
	char *found = NULL;
	const char *list = secret_rows[_i].list;

	signed_token(secret_rows[_i].key, &t);
	ck_assert_int_eq(jwt_decode(t.buf, t.len, &j, &e), 0);
	ck_assert_int_eq(token_secret_search(&j, list, strlen(list), &found,
					     NULL), secret_rows[_i].want);
	if (secret_rows[_i].want)
		ck_assert_str_eq(found, secret_rows[_i].key);
	free(found);
	jwt_release(&j);
	strbuf_release(&t);
}
END_TEST

START_TEST(test_tamper_unsigned_expired)
{
	struct strbuf t = STRBUF_INIT, f = STRBUF_INIT;
	struct err e = ERR_INIT;
	struct jwt j, k;
	char *found = NULL;

	signed_token("secret", &t);
	ck_assert_int_eq(jwt_decode(t.buf, t.len, &j, &e), 0);
	ck_assert_int_eq(jwt_forge_tampered(t.buf, t.len, &f, &e), 0);
	ck_assert_int_eq(jwt_decode(f.buf, f.len, &k, &e), 0);
	ck_assert_uint_eq(k.sig_len, j.sig_len);
	ck_assert(memcmp(k.sig, j.sig, j.sig_len));
	ck_assert_int_eq(token_secret_search(&k, "secret", 6, &found, NULL),
			 0);
	jwt_release(&k);
	strbuf_reset(&f);
	ck_assert_int_eq(jwt_forge_unsigned(t.buf, t.len, &f, &e), 0);
	ck_assert_int_eq(jwt_decode(f.buf, f.len, &k, &e), 0);
	ck_assert_uint_eq(k.sig_len, 0);
	ck_assert_str_eq(k.alg, "HS256");
	jwt_release(&k);
	strbuf_reset(&f);
	ck_assert_int_eq(jwt_forge_expired(t.buf, t.len, "secret", 6, 100000,
					   &f, &e), 0);
	ck_assert_int_eq(jwt_decode(f.buf, f.len, &k, &e), 0);
	ck_assert_int_eq((int)k.exp, 100000 - 3600);
	ck_assert_int_eq(token_secret_search(&k, "secret", 6, &found, NULL),
			 1);
	free(found);
	jwt_release(&k);
	jwt_release(&j);
	strbuf_reset(&f);
	ck_assert_int_eq(jwt_forge_tampered("nope", 4, &f, &e), -1);
	strbuf_release(&t);
	strbuf_release(&f);
}
END_TEST

static Suite *make_suite(void)
{
	Suite *s = suite_create("jwt_forge");
	TCase *tc = tcase_create("forge");

	tcase_add_loop_test(tc, test_alg_none, 0,
			    sizeof(spellings) / sizeof(spellings[0]));
	tcase_add_loop_test(tc, test_secret_search, 0,
			    sizeof(secret_rows) / sizeof(secret_rows[0]));
	tcase_add_test(tc, test_tamper_unsigned_expired);
	suite_add_tcase(s, tc);
	return s;
}
