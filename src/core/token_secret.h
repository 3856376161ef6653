/* token_secret.h - recover the HMAC secret of an HS256/384/512 JWT from a
 * word list of common weak secrets (one per line, '#' comments), and sign
 * with a known one (tests, the auth probes' forged tokens).
 *
 * Ownership: *found is a new string the caller free()s.
 */
#ifndef AUTHAUDIT_TOKEN_SECRET_H
#define AUTHAUDIT_TOKEN_SECRET_H

#include <stddef.h>

#include "lib/jwt.h"
#include "lib/strbuf.h"

/* 1 with *found set when a word of list[0..len) verifies j's signature,
 * 0 when none does, -1 when j is not HMAC-signed (alg not HS256/384/512
 * or no signature). *tried counts the words tried (may be NULL). */
int token_secret_search(const struct jwt *j, const char *list, size_t len,
			char **found, unsigned long *tried);

/* Append "HS256 secret recovered from the word list of weak secrets (365
 * tried)". */
void token_describe_weak_secret(struct strbuf *sb, const char *alg,
				unsigned long tried);

/* HMAC of data with key for alg "HS256"/"HS384"/"HS512"; writes up to 64
 * bytes to mac and returns its length, or 0 for another alg. */
size_t token_hmac(const char *alg, const void *key, size_t keylen,
		  const void *data, size_t len, unsigned char mac[64]);

#endif
