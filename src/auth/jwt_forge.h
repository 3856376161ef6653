/* jwt_forge.h - altered copies of a JWT for the auth probes: alg none in a
 * given spelling, a tampered or removed signature, and new tokens signed
 * with a known HMAC key (an expired one, say).
 *
 * Each function appends the new token to the caller's strbuf and returns
 * 0, or -1 with e set when the input is not a JWT.
 */
#ifndef AUTHAUDIT_JWT_FORGE_H
#define AUTHAUDIT_JWT_FORGE_H

#include <jansson.h>
#include <stddef.h>

#include "lib/base64.h"
#include "lib/err.h"
#include "lib/strbuf.h"

/* Header alg set to `spelling` ("none", "None", ...), same claims, empty
 * signature: "h'.p." */
int jwt_forge_alg_none(const char *tok, size_t len, const char *spelling,
		       struct strbuf *out, struct err *e);
/* Same header and claims, the signature's first byte flipped. */
int jwt_forge_tampered(const char *tok, size_t len, struct strbuf *out,
		       struct err *e);
/* Same header and claims, no signature: "h.p." */
int jwt_forge_unsigned(const char *tok, size_t len, struct strbuf *out,
		       struct err *e);
/* A new token of these claims signed with key under alg (HS256, HS384
 * or HS512; -1 for another alg, with nothing appended). */
int jwt_forge_sign_alg(const char *alg, json_t *claims, const char *key,
		       size_t keylen, struct strbuf *out, struct err *e);
/* A new HS256 token of these claims signed with key. */
int jwt_forge_sign(json_t *claims, const char *key, size_t keylen,
		   struct strbuf *out, struct err *e);
/* tok's claims with iat/exp moved to [now - 2 h, now - 1 h], re-signed
 * with key under tok's own alg, which must be HS256/384/512 (else -1: a
 * token re-signed under another alg would test the alg, not expiry). */
int jwt_forge_expired(const char *tok, size_t len, const char *key,
		      size_t keylen, long long now, struct strbuf *out,
		      struct err *e);

#endif
