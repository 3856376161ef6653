/* jwt.h - decode a JSON Web Token (RFC 7519) without verifying it.
 *
 * Ownership: jwt_decode() fills a caller's struct jwt that owns its JSON
 * objects and buffers; jwt_release() frees them. Strings such as alg point
 * into the header object and live as long as the struct.
 */
#ifndef AUTHAUDIT_JWT_H
#define AUTHAUDIT_JWT_H

#include <jansson.h>
#include <stddef.h>

#include "err.h"

/* 9999-12-31T23:59:59Z: no real token's time lies beyond. */
#define JWT_TIME_MAX 253402300799LL

struct jwt {
	json_t *header;			/* decoded JOSE header (object) */
	json_t *payload;		/* decoded claims (object) */
	const char *alg;		/* header "alg", "" when absent */
	int has_exp, has_iat, has_nbf;
	/* seconds since the epoch, clamped to +-JWT_TIME_MAX so that any
	 * difference of two is exact; the claims that were out of that
	 * range (1e19, 1e300, INT64_MAX) are named in clamped */
	long long exp, iat, nbf;
	char clamped[16];		/* "exp", "iat nbf", ""... */
	char *signing_input;		/* "header.payload" as in the token */
	size_t signing_len;
	unsigned char *sig;		/* decoded signature, may be empty */
	size_t sig_len;
};

/* 0 when tok[0..len) is three base64url parts whose first two decode to
 * JSON objects; -1 with e set otherwise. */
int jwt_decode(const char *tok, size_t len, struct jwt *out, struct err *e);
void jwt_release(struct jwt *j);


#endif
