/* token_format.c - which kind of credential a string is, by its shape and,
 * for Sanctum 4 Presto tokens, by its CRC32 checksum. See token_format.h. */
#include "token_format.h"

#include <ctype.h>
#include <string.h>

#include "lib/checksum.h"

static const char *const type_names[] = {
	"unknown", "JWT", "Presto token (classic Sanctum form)",
	"Presto token (Sanctum 4 form with CRC32 checksum)",
	"reseller ApiKey"
};

const char *token_type_name(enum token_type t)
{
	return (unsigned)t < sizeof(type_names) / sizeof(type_names[0]) ?
	       type_names[t] : "unknown";
}

static int all(const char *s, size_t len, int (*pred)(int))
{
	for (size_t i = 0; i < len; i++)
		if (!pred((unsigned char)s[i]))
			return 0;
	return len > 0;
}

static int is_b64url(int c)
{
	return isalnum(c) || c == '-' || c == '_';
}

static int is_lower_hex(int c)
{
	return isdigit(c) || (c >= 'a' && c <= 'f');
}

static int is_token_char(int c)
{
	return isalnum(c) || c == '_';
}

static int is_hex(int c)
{
	return isxdigit(c);
}

static int token_apikey_well_formed(const char *s, size_t len)
{
	if (len != 8 + 32 || (strncmp(s, "ak_live_", 8) &&
			      strncmp(s, "ak_test_", 8)))
		return 0;
	return all(s + 8, 32, is_lower_hex);
}

static int looks_jwt(const char *s, size_t len)
{
	const char *d1 = memchr(s, '.', len), *d2;

	if (len < 4 || strncmp(s, "eyJ", 3) || !d1)
		return 0;
	d2 = memchr(d1 + 1, '.', len - (size_t)(d1 + 1 - s));
	if (!d2 || memchr(d2 + 1, '.', len - (size_t)(d2 + 1 - s)))
		return 0;
	return all(s, (size_t)(d1 - s), is_b64url) &&
	       all(d1 + 1, (size_t)(d2 - d1 - 1), is_b64url) &&
	       (d2 + 1 == s + len ||
		all(d2 + 1, len - (size_t)(d2 + 1 - s), is_b64url));
}

void token_identify(const char *s, size_t len, struct token_info *out)
{
	const char *bar = memchr(s, '|', len);

	memset(out, 0, sizeof(*out));
	out->checksum = -1;
	if (looks_jwt(s, len)) {
		out->type = TOKEN_TYPE_JWT;
	} else if (len > 3 && !strncmp(s, "ak_", 3)) {
		out->type = TOKEN_TYPE_APIKEY;
		out->live = len >= 8 && !strncmp(s, "ak_live_", 8);
		out->well_formed = token_apikey_well_formed(s, len);
	} else if (bar && all(s, (size_t)(bar - s), isdigit) &&
		   all(bar + 1, len - (size_t)(bar + 1 - s),
		       is_token_char)) {
		size_t rest = len - (size_t)(bar + 1 - s);

		out->id_len = (size_t)(bar - s);
		out->type = TOKEN_TYPE_PRESTO;
		/* Sanctum 4: 40 random characters then 8 hex digits of
		 * crc32b over them, after an optional free-text prefix */
		if (rest >= 48 && all(s + len - 8, 8, is_hex)) {
			out->type = TOKEN_TYPE_PRESTO_CRC;
			out->checksum = checksum_sanctum_crc32(s, len);
		}
	}
}
