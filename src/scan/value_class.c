/* value_class.c - natural-language values and entropy by alphabet; see
 * value_class.h. */
#include "value_class.h"

#include <math.h>
#include <string.h>

/* Bits per character of s's own character frequencies (filter.h). */
double shannon_entropy(const char *s, size_t n)
{
	unsigned counts[256] = { 0 };
	double h = 0;

	if (!n)
		return 0;
	for (size_t i = 0; i < n; i++)
		counts[(unsigned char)s[i]]++;
	for (int i = 0; i < 256; i++) {
		if (counts[i]) {
			double p = (double)counts[i] / (double)n;

			h -= p * log2(p);
		}
	}
	return h;
}

double filter_entropy_bar(double min_entropy, size_t n)
{
	double most = n > 1 ? FILTER_ENTROPY_SHARE * log2((double)n) : 0;

	return min_entropy < most ? min_entropy : most;
}

static int in(const char *set, char c)
{
	return c && strchr(set, c);
}

enum value_alphabet value_alphabet(const char *s, size_t n)
{
	int digit = 0, lo_hex = 0, up_hex = 0, lo = 0, up = 0, b64 = 0,
	    other = 0;

	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c >= '0' && c <= '9')
			digit = 1;
		else if (c >= 'a' && c <= 'f')
			lo_hex = 1;
		else if (c >= 'A' && c <= 'F')
			up_hex = 1;
		else if (c >= 'g' && c <= 'z')
			lo = 1;
		else if (c >= 'G' && c <= 'Z')
			up = 1;
		else if (in("+/-_=.", (char)c))
			b64 = 1;
		else
			other = 1;
	}
	(void)digit;
	if (other)
		return ALPHABET_PRINTABLE;
	if (b64)
		return ALPHABET_BASE64;
	if ((lo || lo_hex) && (up || up_hex))
		return ALPHABET_ALNUM;
	if (lo || up)
		return ALPHABET_ALNUM_CASE;
	if (lo_hex || up_hex)
		return ALPHABET_HEX;
	return ALPHABET_DIGITS;
}

static const struct {
	const char *name;
	unsigned size;
} alphabets[ALPHABET__COUNT] = {
	[ALPHABET_DIGITS] = { "digits", 10 },
	[ALPHABET_HEX] = { "hex", 16 },
	[ALPHABET_ALNUM_CASE] = { "alphanumeric, one case", 36 },
	[ALPHABET_ALNUM] = { "alphanumeric", 62 },
	[ALPHABET_BASE64] = { "base64", 64 },
	[ALPHABET_PRINTABLE] = { "printable", 95 },
};

unsigned value_alphabet_size(enum value_alphabet a)
{
	return alphabets[a].size;
}

const char *value_alphabet_name(enum value_alphabet a)
{
	return alphabets[a].name;
}

double value_expected_entropy(size_t n, unsigned k)
{
	double p, sum = 0, ln_p, ln_q;

	if (n < 2 || k < 2)
		return 0;
	if (n > 512)
		return log2((double)k) - (k - 1) / (2.0 * (double)n * log(2));
	p = 1.0 / k;
	ln_p = log(p);
	ln_q = log1p(-p);
	/* E[sum over symbols of c log2 c], c ~ binomial(n, p), k symbols */
	for (size_t j = 2; j <= n; j++) {
		double ln_pmf = lgamma((double)n + 1) - lgamma((double)j + 1) -
				lgamma((double)(n - j) + 1) + (double)j * ln_p +
				(double)(n - j) * ln_q;

		sum += exp(ln_pmf) * (double)j * log2((double)j);
	}
	return log2((double)n) - (double)k * sum / (double)n;
}

/* Counting or the alphabet in order (70% of neighbours one apart, at
 * least 10 characters), or that with keys held down (85% one apart or
 * the same, at least 16): random digits, the likeliest to look so, do
 * less than once in 10,000. */
static int stepped(const char *s, size_t n)
{
	size_t one = 0, near = 0;

	for (size_t i = 1; i < n; i++) {
		int d = (unsigned char)s[i] - (unsigned char)s[i - 1];

		one += d == -1 || d == 1;
		near += d >= -1 && d <= 1;
	}
	return (n >= 10 && one * 10 >= (n - 1) * 7) ||
	       (n >= 16 && near * 100 >= (n - 1) * 85);
}

/* A period of at most 16 characters holding for 85% of the value. */
static int periodic(const char *s, size_t n)
{
	size_t top = n / 2 < 16 ? n / 2 : 16;

	for (size_t p = 1; p <= top; p++) {
		size_t same = 0;

		for (size_t i = p; i < n; i++)
			same += s[i] == s[i - p];
		if (same * 100 >= (n - p) * 85)
			return 1;
	}
	return 0;
}

int value_is_patterned(const char *s, size_t n)
{
	if (n > 256)
		n = 256;	/* a long value's head tells */
	return n >= 6 && (stepped(s, n) || periodic(s, n));
}

/* The bar randomness sets for n characters of k symbols. */
static double class_bar(size_t n, unsigned k)
{
	double df = k - 1, a = 2 / (9 * df);
	double q = df * pow(1 - a + VALUE_ENTROPY_TAIL_Z * sqrt(a), 3);
	double bar = log2((double)k) - q / (2 * (double)n * log(2));
	double floor = VALUE_ENTROPY_FLOOR_SHARE * value_expected_entropy(n, k);

	return bar > floor ? bar : floor;
}

double value_entropy_bar(double min_entropy, const char *s, size_t n)
{
	double bar = filter_entropy_bar(min_entropy, n);
	unsigned k = value_alphabet_size(value_alphabet(s, n));
	double own;

	if (k > VALUE_SMALL_ALPHABET || n < 2)
		return bar;
	own = class_bar(n, k);
	return own < bar ? own : bar;
}

int value_entropy_rejects(double min_entropy, const char *s, size_t n)
{
	if (min_entropy <= 0)
		return 0;
	return shannon_entropy(s, n) < value_entropy_bar(min_entropy, s, n) ||
	       value_is_patterned(s, n);
}

/* --- natural-language text --- */

enum cp_kind { CP_LETTER, CP_SCRIPT, CP_DIGIT, CP_SPACE, CP_PUNCT, CP_OTHER };

/* The next code point of s[*i..n), or -1 for a byte that starts no
 * valid UTF-8 sequence (skipped). */
static long next_cp(const unsigned char *s, size_t n, size_t *i)
{
	unsigned char c = s[*i];
	size_t len = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 :
		     (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
	long cp;

	if (!len || *i + len > n) {
		(*i)++;
		return -1;
	}
	cp = len == 1 ? c : c & (0x7F >> len);
	for (size_t k = 1; k < len; k++) {
		if ((s[*i + k] & 0xC0) != 0x80) {
			(*i)++;
			return -1;
		}
		cp = (cp << 6) | (s[*i + k] & 0x3F);
	}
	*i += len;
	return cp;
}

/* Letters of scripts, and marks that join them. */
static const struct {
	long lo, hi;
} script_letters[] = {
	{ 0x00C0, 0x00D6 }, { 0x00D8, 0x00F6 }, { 0x00F8, 0x024F },
	{ 0x0300, 0x036F }, { 0x0370, 0x03FF }, { 0x0400, 0x052F },
	{ 0x0530, 0x058F }, { 0x0590, 0x05FF }, { 0x0600, 0x06FF },
	{ 0x0750, 0x077F }, { 0x0900, 0x0DFF }, { 0x0E00, 0x0E7F },
	{ 0x10A0, 0x10FF }, { 0x1100, 0x11FF }, { 0x1E00, 0x1EFF },
	{ 0x3040, 0x30FF }, { 0x3100, 0x31FF }, { 0x3400, 0x4DBF },
	{ 0x4E00, 0x9FFF }, { 0xAC00, 0xD7AF }, { 0xFF21, 0xFF3A },
	{ 0xFF41, 0xFF5A }, { 0xFF66, 0xFF9F }, { 0x20000, 0x2FFFF },
};

/* Punctuation of sentences beyond ASCII: quotes, ellipsis, inverted
 * marks, the ideographic comma and full stop, full-width marks. */
static const struct {
	long lo, hi;
} script_punct[] = {
	{ 0x00A1, 0x00A1 }, { 0x00AB, 0x00AB }, { 0x00BB, 0x00BB },
	{ 0x00BF, 0x00BF }, { 0x2013, 0x2014 }, { 0x2018, 0x201F },
	{ 0x2026, 0x2026 }, { 0x3001, 0x3003 }, { 0x3008, 0x3011 },
	{ 0xFF01, 0xFF01 }, { 0xFF08, 0xFF09 }, { 0xFF0C, 0xFF0C },
	{ 0xFF0E, 0xFF0E }, { 0xFF1A, 0xFF1B }, { 0xFF1F, 0xFF1F },
};

#define NR(a) (sizeof(a) / sizeof((a)[0]))

static enum cp_kind cp_kind(long cp)
{
	if (cp < 0)
		return CP_OTHER;
	if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z'))
		return CP_LETTER;
	if (cp >= '0' && cp <= '9')
		return CP_DIGIT;
	if (cp == ' ' || cp == 0xA0 || cp == 0x3000)
		return CP_SPACE;
	if (cp < 0x80)
		return in(".,!?:;'\"()-", (char)cp) ? CP_PUNCT : CP_OTHER;
	for (size_t i = 0; i < NR(script_letters); i++)
		if (cp >= script_letters[i].lo && cp <= script_letters[i].hi)
			return CP_SCRIPT;
	for (size_t i = 0; i < NR(script_punct); i++)
		if (cp >= script_punct[i].lo && cp <= script_punct[i].hi)
			return CP_PUNCT;
	return CP_OTHER;
}

/* A format placeholder of a translation: %s, %d, %1$s, %@, {0}, {name},
 * {{name}}, %{name}, :name. */
static int placeholder(const char *t, size_t n)
{
	size_t i = 0;

	if (n >= 2 && t[0] == '%') {
		if (t[1] == '{')
			return t[n - 1] == '}';
		for (i = 1; i < n && ((t[i] >= '0' && t[i] <= '9') ||
				      t[i] == '$'); i++)
			;
		return i == n - 1 && in("sdif@ux", t[i]);
	}
	if (n >= 3 && t[0] == '{' && t[n - 1] == '}')
		return 1;
	if (n >= 2 && t[0] == ':') {
		for (i = 1; i < n && ((t[i] >= 'a' && t[i] <= 'z') ||
				      t[i] == '_'); i++)
			;
		return i == n;
	}
	return 0;
}

enum token_kind { TOKEN_NEUTRAL, TOKEN_WORD, TOKEN_SHORT_WORD, TOKEN_OTHER };

/* One space-separated token, less the punctuation around it. */
static enum token_kind token_kind(const char *t, size_t n)
{
	size_t i = 0, letters = 0, digits = 0, other = 0;

	if (placeholder(t, n))
		return TOKEN_NEUTRAL;
	while (i < n) {
		long cp = next_cp((const unsigned char *)t, n, &i);

		switch (cp_kind(cp)) {
		case CP_LETTER:
		case CP_SCRIPT:
			letters++;
			break;
		case CP_DIGIT:
			digits++;
			break;
		case CP_PUNCT:	/* inside a word: it's, e-mail, "quoted" */
			break;
		default:
			other++;
		}
	}
	if (other || (letters && digits))
		return TOKEN_OTHER;
	if (!letters)
		return TOKEN_NEUTRAL;	/* a number, a dash */
	return letters >= 2 ? TOKEN_WORD : TOKEN_SHORT_WORD;
}

int value_is_prose(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, cps = 0, script = 0, spaces = 0, words = 0, start = 0;
	int bad = 0;

	while (i <= n) {
		size_t at = i;
		enum cp_kind k = CP_SPACE;

		if (i < n) {
			long cp = next_cp(u, n, &i);

			k = cp_kind(cp);
			cps++;
			script += k == CP_SCRIPT;
		} else {
			i++;
		}
		if (k != CP_SPACE)
			continue;
		spaces += at < n;
		if (at > start) {
			enum token_kind t = token_kind(s + start, at - start);

			words += t == TOKEN_WORD;
			bad |= t == TOKEN_OTHER;
		}
		start = i;
	}
	if (script >= 2 && script * 3 >= cps)
		return 1;
	return spaces && words >= 2 && !bad;
}

int value_is_word(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, letters = 0;

	while (i < n) {
		long cp = next_cp(u, n, &i);
		enum cp_kind k = cp_kind(cp);

		if (k != CP_LETTER && k != CP_SCRIPT)
			return 0;
		if (letters && cp >= 'A' && cp <= 'Z')
			return 0;	/* CamelCase or a random mix */
		letters++;
	}
	return letters >= 2;
}
