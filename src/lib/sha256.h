/* sha256.h - a SHA-256 digest as text (OpenSSL's EVP underneath), for
 * fingerprints and keys that must not hold the secret they stand for.
 * Nothing to own: the caller's buffer. */
#ifndef AUTHAUDIT_SHA256_H
#define AUTHAUDIT_SHA256_H

#include <stddef.h>

/* sha256 of the bytes as 64 lower-case hex digits + NUL. */
void sha256_hex(const void *data, size_t len, char out[65]);

#endif
