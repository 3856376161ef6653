/* jwt_forge.c - build the altered JWTs the auth probes send to check that
 * an API refuses them (alg none, tampered, unsigned, expired). */
#include "jwt_forge.h"

#include <stdlib.h>
#include <string.h>

#include "core/token_secret.h"
#include "lib/jwt.h"

static void add_json(json_t *j, struct strbuf *out)
{
	char *s = json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS);

	base64_encode(s, strlen(s), BASE64_URL, out);
	free(s);
}

int jwt_forge_alg_none(const char *tok, size_t len, const char *spelling,
		       struct strbuf *out, struct err *e)
{
	struct jwt j;
	json_t *h;

	if (jwt_decode(tok, len, &j, e))
		return -1;
	h = json_deep_copy(j.header);
	json_object_set_new(h, "alg", json_string(spelling));
	add_json(h, out);
	json_decref(h);
	strbuf_addch(out, '.');
	add_json(j.payload, out);
	strbuf_addch(out, '.');
	jwt_release(&j);
	return 0;
}

int jwt_forge_tampered(const char *tok, size_t len, struct strbuf *out,
		       struct err *e)
{
	struct jwt j;

	if (jwt_decode(tok, len, &j, e))
		return -1;
	strbuf_add(out, j.signing_input, j.signing_len);
	strbuf_addch(out, '.');
	if (!j.sig_len) {
		static const unsigned char junk[32] = { 0x5a };

		base64_encode(junk, sizeof(junk), BASE64_URL, out);
	} else {
		j.sig[0] ^= 0x01;
		base64_encode(j.sig, j.sig_len, BASE64_URL, out);
	}
	jwt_release(&j);
	return 0;
}

int jwt_forge_unsigned(const char *tok, size_t len, struct strbuf *out,
		       struct err *e)
{
	struct jwt j;

	if (jwt_decode(tok, len, &j, e))
		return -1;
	strbuf_add(out, j.signing_input, j.signing_len);
	strbuf_addch(out, '.');
	jwt_release(&j);
	return 0;
}

int jwt_forge_sign_alg(const char *alg, json_t *claims, const char *key,
		       size_t keylen, struct strbuf *out, struct err *e)
{
	json_t *h = json_pack("{s:s,s:s}", "alg", alg, "typ", "JWT");
	unsigned char mac[64];
	size_t start = out->len, n;

	if (!h)
		return err_set(e, "cannot build a JWT header");
	add_json(h, out);
	json_decref(h);
	strbuf_addch(out, '.');
	add_json(claims, out);
	n = token_hmac(alg, key, keylen, out->buf + start, out->len - start,
		       mac);
	if (!n) {
		out->len = start;
		out->buf[start] = '\0';
		return err_set(e, "'%s' is not an HMAC algorithm (HS256, "
			       "HS384, HS512)", alg);
	}
	strbuf_addch(out, '.');
	base64_encode(mac, n, BASE64_URL, out);
	return 0;
}

int jwt_forge_sign(json_t *claims, const char *key, size_t keylen,
		   struct strbuf *out, struct err *e)
{
	return jwt_forge_sign_alg("HS256", claims, key, keylen, out, e);
}

int jwt_forge_expired(const char *tok, size_t len, const char *key,
		      size_t keylen, long long now, struct strbuf *out,
		      struct err *e)
{
	struct jwt j;
	json_t *c;
	int rc;

	if (jwt_decode(tok, len, &j, e))
		return -1;
	c = json_deep_copy(j.payload);
	json_object_set_new(c, "iat", json_integer(now - 7200));
	json_object_del(c, "nbf");
	json_object_set_new(c, "exp", json_integer(now - 3600));
	rc = jwt_forge_sign_alg(j.alg, c, key, keylen, out, e);
	json_decref(c);
	jwt_release(&j);
	return rc;
}
