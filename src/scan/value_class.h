/* value_class.h - what a matched value looks like, for the filters
 * (filter.c): natural-language text, which no credential is, and how much
 * entropy a value must have judged by its own alphabet (a 32-digit hex
 * secret holds at most 4 bits a character, so the bar a base64 key must
 * pass would reject half of the real ones). Pure functions; nothing here
 * allocates. */
#ifndef AUTHAUDIT_VALUE_CLASS_H
#define AUTHAUDIT_VALUE_CLASS_H

#include <stddef.h>

/* Bits per character of s's own character frequencies. */
double shannon_entropy(const char *s, size_t n);

/* The entropy a value of n characters must reach for a rule asking
 * min_entropy: n characters hold at most log2(n) bits each, all
 * different, so a fixed bar would drop every short value (no 10-character
 * password reaches 3.5). The bar is min_entropy or FILTER_ENTROPY_SHARE of
 * that most, whichever is lower: random values of any length pass, runs
 * and repeats ("aaaabbbbcccc", "abcabcabc") do not (docs/rules.md). */
#define FILTER_ENTROPY_SHARE 0.7
double filter_entropy_bar(double min_entropy, size_t n);

/* The smallest usual alphabet that holds every byte of a value. */
enum value_alphabet {
	ALPHABET_DIGITS,	/* 0-9: 10 */
	ALPHABET_HEX,		/* 0-9 and a-f, or 0-9 and A-F: 16 */
	ALPHABET_ALNUM_CASE,	/* 0-9 and one case of letters: 36 */
	ALPHABET_ALNUM,		/* 0-9a-zA-Z: 62 */
	ALPHABET_BASE64,	/* alnum and + / - _ = .: 64 and padding */
	ALPHABET_PRINTABLE,	/* any other: 95 */
	ALPHABET__COUNT
};

enum value_alphabet value_alphabet(const char *s, size_t n);
/* Its size (10, 16, 36, 62, 64, 95). */
unsigned value_alphabet_size(enum value_alphabet a);
/* "digits", "hex", ... for messages and tests. */
const char *value_alphabet_name(enum value_alphabet a);

/* The mean Shannon entropy, bits per character, of a value of n
 * characters drawn uniformly from k symbols: log2(n) less the expected
 * sum of the count terms, exact by linearity over the symbols (each
 * count is binomial(n, 1/k)); above 512 characters the asymptotic
 * log2(k) - (k-1)/(2n ln 2). */
double value_expected_entropy(size_t n, unsigned k);

/* Counting, keyboard or repeated shapes no generator yields: most
 * neighbours one step apart ("1234567890", "abcdef..", "11112222") or a
 * short period repeated ("deadbeefdeadbeef", "abcabcabc"). */
int value_is_patterned(const char *s, size_t n);

/* Alphabets of at most this many symbols get a bar of their own: a
 * fixed one cannot fit them (hex holds 4 bits a character at most). */
#define VALUE_SMALL_ALPHABET 36
/* A random value of a small alphabet falls below its bar once in about
 * 100,000 (the normal quantile of that tail). */
#define VALUE_ENTROPY_TAIL_Z 4.26
/* ... and that bar is never under this share of the expected entropy. */
#define VALUE_ENTROPY_FLOOR_SHARE 0.6

/* The entropy bar for value s under a rule asking min_entropy: the
 * lower of min_entropy and FILTER_ENTROPY_SHARE of log2(n) (filter.h: no
 * short value can reach a fixed bar); for a value of a small alphabet
 * the bar its own randomness sets, if lower. A random value of n
 * characters of k symbols falls short of log2(k) by about
 * chi2(k - 1) / (2n ln 2) bits, so the bar is log2(k) less the
 * VALUE_ENTROPY_TAIL_Z quantile of that (Wilson-Hilferty), and at least
 * VALUE_ENTROPY_FLOOR_SHARE of value_expected_entropy(). */
double value_entropy_bar(double min_entropy, const char *s, size_t n);

/* Does the entropy filter reject s: below value_entropy_bar(), or
 * patterned? Never for min_entropy 0. */
int value_entropy_rejects(double min_entropy, const char *s, size_t n);

/* Is s natural-language text: a sentence or words of a translation
 * ("Please enter your password", "パスワードを入力してください",
 * "Mot de passe oublié ?")? Either letters of a non-Latin script (or
 * accented Latin) make up a third of its characters, or it is at least
 * two words of letters separated by spaces with nothing but numbers,
 * format placeholders ("%s", "{0}", "%{count}") and sentence punctuation
 * beside them. A random password never is ("Tr0ub4dor &3" has a word
 * with digits); a passphrase of plain words is, and is left to review. */
int value_is_prose(const char *s, size_t n);

/* Is s one word of letters, in any script, capitalised at most at its
 * start ("Wachtwoord", "Contraseña", "passwort")? In a translation file
 * (scan_context.h) that is a label, not a credential. */
int value_is_word(const char *s, size_t n);

#endif
