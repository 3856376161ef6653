/* test_value_class.c - natural-language values and entropy judged by a
 * value's alphabet. */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "check_main.h"
#include "scan/filter.h"
#include "scan/value_class.h"

/* Text of translations, messages and prompts: never a credential. */
static const char *const prose[] = {
	"パスワードを入力してください",
	"パスワード",
	"Please enter your password",
	"Please enter your password.",
	"Invalid password",
	"Mot de passe oublié ?",
	"Введите пароль",
	"пароль",
	"비밀번호를 입력하세요",
	"请输入密码。",
	"Passwort für %s ist falsch",
	"Your password must be at least 8 characters long!",
	"Password for {0} has expired",
	"Le mot de passe de %{user} a expiré",
	"Contraseña incorrecta, inténtalo de nuevo",
	"¿Olvidaste tu contraseña?",
	"Don't share your password",
	"Κωδικός πρόσβασης",
	"סיסמה שגויה",
	"كلمة المرور",
	"Mật khẩu không đúng",
	"The password (again):",
	"Enter the token: :token",
	"correct horse battery staple",
};

/* Credentials and code, whatever their words: never prose. */
static const char *const not_prose[] = {
	"fmA4j3tZy*0WDXKxLC",
	"8OJnGLtLD1qBF#2Tol",
	"Tr0ub4dor &3",
	"Sup3r Secret Pass",
	"P@ss w0rd!",
	"Pässwörd-Xy7!",
	"ghp_0123456789abcdefghij0123456789abcdef",
	"7VwW7k6Ak7zcTwoSoNm7aTtbk1g67MKAnsYLfUB7PdszbgR5Xi",
	"password",
	"Password1",
	"user-password-input",
	"a b",
	"q7 x9",
	"Vq8$nR2&kLp9{xT",
	"t7&Kq$Wm9#pLz2",
	"aqoLWRem3VGZlQoN3P",
	"\xb1\xb2\xb3\xb4\xb5\xb6\xb7\xb8",
	"mysecret value$x",
	"secret=abc def",
};

START_TEST(test_prose)
{
	const char *s = prose[_i];

	ck_assert_msg(value_is_prose(s, strlen(s)), "'%s' is prose", s);
}
END_TEST

START_TEST(test_not_prose)
{
	const char *s = not_prose[_i];

	ck_assert_msg(!value_is_prose(s, strlen(s)), "'%s' is no prose", s);
}
END_TEST

START_TEST(test_alphabet)
{
	static const struct {
		const char *s;
		enum value_alphabet want;
	} rows[] = {
		{ "0123456789", ALPHABET_DIGITS },
		{ "4fb45da9e4ab4ddeb7580d6a35503d99", ALPHABET_HEX },
		{ "4FB45DA9E4AB4DDEB7580D6A35503D99", ALPHABET_HEX },
		{ "4fb45dA9", ALPHABET_ALNUM },
		{ "kjfhueyt9485osdf", ALPHABET_ALNUM_CASE },
		{ "AKIAZ7QXW3", ALPHABET_ALNUM_CASE },
		{ "aqoLWRem3VGZlQoN3P", ALPHABET_ALNUM },
		{ "rcHu+HzSFw89Ypyhn/896A==", ALPHABET_BASE64 },
		{ "fmA4j3tZy*0WDXKxLC", ALPHABET_PRINTABLE },
	};

	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		ck_assert_msg(value_alphabet(rows[i].s, strlen(rows[i].s)) ==
			      rows[i].want, "%s: %s", rows[i].s,
			      value_alphabet_name(rows[i].want));
}
END_TEST

/* xorshift: the same values on every run */
static uint64_t rng_state = 0x9E3779B97F4A7C15ull;

static unsigned rnd(unsigned k)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return (unsigned)(rng_state % k);
}

static void random_value(char *out, size_t n, const char *alphabet)
{
	size_t k = strlen(alphabet);

	for (size_t i = 0; i < n; i++)
		out[i] = alphabet[rnd((unsigned)k)];
	out[n] = '\0';
}

/* Differential: the exact expected entropy against the slow obvious
 * path, the mean of many random values' measured entropy. */
START_TEST(test_expected_entropy_matches_simulation)
{
	static const struct {
		size_t n;
		const char *alphabet;
	} rows[] = {
		{ 32, "0123456789abcdef" },
		{ 40, "0123456789abcdef" },
		{ 16, "0123456789" },
		{ 20, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
		      "0123456789" },
		{ 64, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
		      "0123456789+/" },
		{ 8, "0123456789abcdef" },
	};
	char buf[128];

	for (size_t r = 0; r < sizeof(rows) / sizeof(rows[0]); r++) {
		double sum = 0, want;
		unsigned k = (unsigned)strlen(rows[r].alphabet);

		for (int i = 0; i < 20000; i++) {
			random_value(buf, rows[r].n, rows[r].alphabet);
			sum += shannon_entropy(buf, rows[r].n);
		}
		want = value_expected_entropy(rows[r].n, k);
		ck_assert_msg(fabs(sum / 20000 - want) < 0.01,
			      "n %zu k %u: simulated %.4f, exact %.4f",
			      rows[r].n, k, sum / 20000, want);
	}
	/* the asymptote above 512 characters continues the exact values */
	ck_assert_double_eq_tol(value_expected_entropy(512, 64),
				value_expected_entropy(513, 64), 0.01);
}
END_TEST

/* Real hex secrets pass a rule asking 3.7 bits (the fixed-share bar
 * dropped some of them); every one is random, so all must pass. */
START_TEST(test_random_hex_secrets_pass)
{
	char buf[80];
	int old_rejected = 0;

	for (int i = 0; i < 5000; i++) {
		size_t n = i % 2 ? 32 : 40;

		random_value(buf, n, "0123456789abcdef");
		ck_assert_msg(!value_entropy_rejects(3.7, buf, n), "%s", buf);
		old_rejected += shannon_entropy(buf, n) <
				filter_entropy_bar(3.7, n);
	}
	/* the bug this fixes: a fixed bar took a share of real secrets */
	ck_assert_int_gt(old_rejected, 250);
	for (int i = 0; i < 5000; i++) {
		random_value(buf, 24, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJ"
			     "KLMNOPQRSTUVWXYZ0123456789+/");
		ck_assert_msg(!value_entropy_rejects(3.5, buf, 24), "%s", buf);
	}
}
END_TEST

/* Shapes no generator makes are rejected, whatever their entropy. */
START_TEST(test_patterned_values_rejected)
{
	static const char *const bad[] = {
		"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
		"12345678901234567890123456789012",
		"1234567890",
		"0123456789abcdef0123456789abcdef",
		"abcdefghijklmnopqrstuvwxyz",
		"deadbeefdeadbeefdeadbeefdeadbeef",
		"abcabcabcabcabc",
		"11112222333344445555666677778888",
		"xxxxxxxxxxxxxxxx",
		"ZYXWVUTSRQPONMLK",
		"1qaz1qaz1qaz1qaz",
	};

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_msg(value_entropy_rejects(3.0, bad[i],
						    strlen(bad[i])),
			      "'%s' is rejected", bad[i]);
	/* no entropy asked, nothing rejected */
	ck_assert(!value_entropy_rejects(0, bad[0], strlen(bad[0])));
}
END_TEST

/* Values the rules' own examples hold keep passing. */
START_TEST(test_real_values_pass)
{
	static const char *const good[] = {
		"4fb45da9e4ab4ddeb7580d6a35503d99",
		"f7a7e06d7c1c400911d31690a8ff606e",
		"2a2218a9b788cedf0edfe36e9aa3bed1",
		"65a1c28a736e5871934cdbb66dc5d136",
		"aqoLWRem3VGZlQoN3P",
		"fmA4j3tZy*0WDXKxLC",
		"Sa7XXhV6L9uf9D8DXa-RAnfBmKOO5KMOZPI-oVpbR2CDjlt1",
		"8f14e45fceea167a5a36dedd4bea2543",
	};

	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		ck_assert_msg(!value_entropy_rejects(3.7, good[i],
						     strlen(good[i])),
			      "'%s' passes", good[i]);
}
END_TEST

START_TEST(test_word)
{
	static const char *const words[] = {
		"Wachtwoord", "Contrase\xc3\xb1""a", "Contrasenya", "passwort",
		"\xd0\x9f\xd0\xb0\xd1\x80\xd0\xbe\xd0\xbb\xd1\x8c",
	};
	static const char *const not_words[] = {
		"fmA4j3tZy*0WDXKxLC", "aqoLWRem3VGZlQoN3P", "Password1",
		"SuperSecret", "two words", "x", "", "kjfhueyt9485",
	};

	for (size_t i = 0; i < sizeof(words) / sizeof(*words); i++)
		ck_assert_msg(value_is_word(words[i], strlen(words[i])), "%s",
			      words[i]);
	for (size_t i = 0; i < sizeof(not_words) / sizeof(*not_words); i++)
		ck_assert_msg(!value_is_word(not_words[i],
					     strlen(not_words[i])), "%s",
			      not_words[i]);
}
END_TEST

static Suite *make_suite(void)
{
	Suite *s = suite_create("value_class");
	TCase *tc = tcase_create("value_class");

	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, test_prose, 0, sizeof(prose) / sizeof(*prose));
	tcase_add_loop_test(tc, test_not_prose, 0,
			    sizeof(not_prose) / sizeof(*not_prose));
	tcase_add_test(tc, test_alphabet);
	tcase_add_test(tc, test_expected_entropy_matches_simulation);
	tcase_add_test(tc, test_random_hex_secrets_pass);
	tcase_add_test(tc, test_patterned_values_rejected);
	tcase_add_test(tc, test_real_values_pass);
	tcase_add_test(tc, test_word);
	suite_add_tcase(s, tc);
	return s;
}
