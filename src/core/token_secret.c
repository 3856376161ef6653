/* token_secret.c - weak HMAC secrets: try every word of a list as the key
 * of an HS* JWT (OpenSSL HMAC). See token_secret.h. */
#include "token_secret.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <string.h>

#include "lib/xalloc.h"

static const EVP_MD *md_of(const char *alg)
{
	if (!alg)
		return NULL;
	if (!strcmp(alg, "HS256"))
		return EVP_sha256();
	if (!strcmp(alg, "HS384"))
		return EVP_sha384();
	if (!strcmp(alg, "HS512"))
		return EVP_sha512();
	return NULL;
}

size_t token_hmac(const char *alg, const void *key, size_t keylen,
		  const void *data, size_t len, unsigned char mac[64])
{
	const EVP_MD *md = md_of(alg);
	unsigned int n = 0;

	if (!md || !HMAC(md, key, (int)keylen, data, len, mac, &n))
		return 0;
	return n;
}

void token_describe_weak_secret(struct strbuf *sb, const char *alg,
				unsigned long tried)
{
	strbuf_addf(sb, "%s secret recovered from the word list of weak "
		    "secrets (%lu tried)", alg, tried);
}

int token_secret_search(const struct jwt *j, const char *list, size_t len,
			char **found, unsigned long *tried)
{
	const char *p = list, *end = list + len;
	unsigned char mac[64];

	if (tried)
		*tried = 0;
	if (!md_of(j->alg) || !j->sig_len)
		return -1;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *e = nl ? nl : end;
		size_t n = (size_t)(e - p);

		if (n && p[n - 1] == '\r')
			n--;
		if (n && *p != '#') {
			size_t m = token_hmac(j->alg, p, n, j->signing_input,
					      j->signing_len, mac);

			if (tried)
				(*tried)++;
			if (m == j->sig_len && !memcmp(mac, j->sig, m)) {
				*found = xstrndup(p, n);
				return 1;
			}
		}
		p = e + 1;
	}
	return 0;
}
