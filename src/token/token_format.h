/* token_format.h - recognise a credential by its format: a JWT, a Presto
 * (Laravel Sanctum) `id|secret` token in the classic or the Sanctum 4 form
 * with a CRC32 suffix, or a reseller ApiKey `ak_live_/ak_test_<32 hex>`.
 * Pure functions on the caller's bytes; nothing is allocated.
 */
#ifndef AUTHAUDIT_TOKEN_FORMAT_H
#define AUTHAUDIT_TOKEN_FORMAT_H

#include <stddef.h>

enum token_type {
	TOKEN_TYPE_UNKNOWN,
	TOKEN_TYPE_JWT,			/* three base64url parts, eyJ... */
	TOKEN_TYPE_PRESTO,		/* id|<random>, no checksum */
	TOKEN_TYPE_PRESTO_CRC,		/* id|<prefix><40 random><crc32 hex> */
	TOKEN_TYPE_APIKEY		/* ak_live_ / ak_test_ */
};

struct token_info {
	enum token_type type;
	int checksum;		/* 1 holds, 0 fails, -1 the format has none */
	int well_formed;	/* ApiKey: exactly 32 lower-case hex digits */
	int live;		/* ApiKey: ak_live_ (1) or ak_test_ (0) */
	size_t id_len;		/* Presto: digits before the '|' */
};

/* Classify s[0..len) (already trimmed, without "Bearer "). */
void token_identify(const char *s, size_t len, struct token_info *out);
const char *token_type_name(enum token_type t);


#endif
