/* test_auth_checks_jwt.c - the expired-JWT check's plan: a given
 * expired_token, a re-signed one only for an HMAC alg (else a 401 would
 * be about the algorithm, not expiry), or a skip that says why; and the
 * re-signed token keeps the valid token's HMAC alg. */
#include <stdio.h>
#include <string.h>

#include "check_main.h"
#include "auth/auth_checks.h"
#include "auth/jwt_forge.h"
#include "core/token_secret.h"
#include "lib/jwt.h"

static const struct {
	const char *alg;
	int have_expired, have_key;
	enum auth_expired_plan want;
} rows[] = {
	{ "HS256", 0, 1, AUTH_EXPIRED_FORGE },
	{ "HS384", 0, 1, AUTH_EXPIRED_FORGE },
	{ "HS512", 0, 1, AUTH_EXPIRED_FORGE },
	{ "RS256", 0, 1, AUTH_EXPIRED_SKIP_NOT_HMAC },
	{ "ES256", 0, 1, AUTH_EXPIRED_SKIP_NOT_HMAC },
	{ "PS512", 0, 1, AUTH_EXPIRED_SKIP_NOT_HMAC },
	{ "hs256", 0, 1, AUTH_EXPIRED_SKIP_NOT_HMAC },
	{ "none", 0, 1, AUTH_EXPIRED_SKIP_NOT_HMAC },
	{ "", 0, 1, AUTH_EXPIRED_SKIP_NOT_HMAC },
	{ "RS256", 1, 0, AUTH_EXPIRED_GIVEN },
	{ "RS256", 1, 1, AUTH_EXPIRED_GIVEN },
	{ "HS256", 1, 1, AUTH_EXPIRED_GIVEN },
	{ "HS256", 0, 0, AUTH_EXPIRED_SKIP_NO_CREDENTIAL },
	{ "RS256", 0, 0, AUTH_EXPIRED_SKIP_NO_CREDENTIAL },
};

START_TEST(test_plan_rows)
{
	ck_assert_int_eq(auth_expired_plan(rows[_i].alg, rows[_i].have_expired,
					   rows[_i].have_key), rows[_i].want);
}
END_TEST

/* A token of alg (HMAC: signed with "k"; else a dummy signature). */
static void token_of(const char *alg, struct strbuf *out)
{
	json_t *c = json_pack("{s:s,s:I,s:I}", "sub", "p-1", "iat",
			      (json_int_t)1000, "exp", (json_int_t)4000);
	struct err e = ERR_INIT;

	if (strncmp(alg, "HS", 2)) {
		char h[64];

		snprintf(h, sizeof(h), "{\"alg\":\"%s\"}", alg);
		base64_encode(h, strlen(h), BASE64_URL, out);
		strbuf_addch(out, '.');
		base64_encode("{\"exp\":4000}", 12, BASE64_URL, out);
		strbuf_addstr(out, ".c2ln");
	} else {
		ck_assert_int_eq(jwt_forge_sign_alg(alg, c, "k", 1, out, &e),
				 0);
	}
	json_decref(c);
}

static const struct {
	const char *alg;
	int ok;
} forge_rows[] = {
	{ "HS256", 1 }, { "HS384", 1 }, { "HS512", 1 },
	{ "RS256", 0 }, { "ES384", 0 }, { "none", 0 },
};

START_TEST(test_forge_keeps_alg)
{
	struct strbuf t = STRBUF_INIT, f = STRBUF_INIT;
	struct err e = ERR_INIT;
	unsigned char mac[64];
	struct jwt j;
	size_t n;

	token_of(forge_rows[_i].alg, &t);
	if (!forge_rows[_i].ok) {
		ck_assert_int_eq(jwt_forge_expired(t.buf, t.len, "k", 1,
						   100000, &f, &e), -1);
		ck_assert_msg(strstr(e.msg, "not an HMAC algorithm"), "%s",
			      e.msg);
		ck_assert_str_eq(f.buf, "");
		goto out;
	}
	ck_assert_int_eq(jwt_forge_expired(t.buf, t.len, "k", 1, 100000, &f,
					   &e), 0);
	ck_assert_int_eq(jwt_decode(f.buf, f.len, &j, &e), 0);
	ck_assert_str_eq(j.alg, forge_rows[_i].alg);
	ck_assert_int_eq((int)j.exp, 100000 - 3600);
	n = token_hmac(j.alg, "k", 1, j.signing_input, j.signing_len, mac);
	ck_assert_uint_eq(n, j.sig_len);
	ck_assert(!memcmp(mac, j.sig, n));
	jwt_release(&j);
out:
	strbuf_release(&t);
	strbuf_release(&f);
}
END_TEST

static Suite *make_suite(void)
{
	Suite *s = suite_create("auth_checks_jwt");
	TCase *tc = tcase_create("expired");

	tcase_add_loop_test(tc, test_plan_rows, 0,
			    sizeof(rows) / sizeof(rows[0]));
	tcase_add_loop_test(tc, test_forge_keeps_alg, 0,
			    sizeof(forge_rows) / sizeof(forge_rows[0]));
	suite_add_tcase(s, tc);
	return s;
}
