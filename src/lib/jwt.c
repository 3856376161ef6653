/* jwt.c - JWT decoding: split, base64url-decode, parse the JSON parts. */
#include "jwt.h"

#include <stdio.h>
#include <string.h>

#include "base64.h"
#include "xalloc.h"

/* A part's JSON object. An integer beyond int64 (an exp of 1e20 written
 * out) is still JSON: such a part is read again with integers as reals,
 * so that get_time() clamps the claim instead of the token going
 * unjudged. */
static json_t *decode_part(const char *p, size_t len)
{
	struct strbuf raw = STRBUF_INIT;
	json_error_t je;
	json_t *j;

	if (base64_decode(p, len, BASE64_URL | BASE64_STD, 0, &raw)) {
		strbuf_release(&raw);
		return NULL;
	}
	j = json_loadb(raw.buf, raw.len, JSON_REJECT_DUPLICATES, &je);
	if (!j && json_error_code(&je) == json_error_numeric_overflow)
		j = json_loadb(raw.buf, raw.len,
			       JSON_REJECT_DUPLICATES | JSON_DECODE_INT_AS_REAL,
			       NULL);
	strbuf_release(&raw);
	if (j && !json_is_object(j)) {
		json_decref(j);
		return NULL;
	}
	return j;
}

/* A NumericDate claim, clamped to +-JWT_TIME_MAX (a real out of the
 * range of long long would convert to anything); a clamped claim's name
 * goes into j->clamped. 0 when the claim is absent or not a number. */
static int get_time(struct jwt *j, const char *key, long long *out)
{
	json_t *v = json_object_get(j->payload, key);
	double d;

	if (json_is_integer(v)) {
		long long t = json_integer_value(v);

		*out = t > JWT_TIME_MAX ? JWT_TIME_MAX :
		       t < -JWT_TIME_MAX ? -JWT_TIME_MAX : t;
	} else if (json_is_real(v)) {
		d = json_real_value(v);
		*out = !(d <= (double)JWT_TIME_MAX) ? JWT_TIME_MAX :
		       d < (double)-JWT_TIME_MAX ? -JWT_TIME_MAX :
		       (long long)d;
	} else {
		return 0;
	}
	if (*out == JWT_TIME_MAX || *out == -JWT_TIME_MAX) {
		size_t n = strlen(j->clamped);

		snprintf(j->clamped + n, sizeof(j->clamped) - n, "%s%s",
			 n ? " " : "", key);
	}
	return 1;
}

int jwt_decode(const char *tok, size_t len, struct jwt *out, struct err *e)
{
	const char *d1 = memchr(tok, '.', len), *d2;
	struct strbuf sig = STRBUF_INIT;
	json_t *alg;

	memset(out, 0, sizeof(*out));
	if (!d1)
		return err_set(e, "not a JWT: no '.' separator");
	d2 = memchr(d1 + 1, '.', len - (size_t)(d1 + 1 - tok));
	if (!d2)
		return err_set(e, "not a JWT: needs three parts");
	if (memchr(d2 + 1, '.', len - (size_t)(d2 + 1 - tok)))
		return err_set(e, "not a JWT: more than three parts "
			       "(an encrypted JWE?)");
	out->header = decode_part(tok, (size_t)(d1 - tok));
	if (!out->header)
		return err_set(e, "not a JWT: header is not base64url JSON");
	out->payload = decode_part(d1 + 1, (size_t)(d2 - d1 - 1));
	if (!out->payload) {
		jwt_release(out);
		return err_set(e, "not a JWT: payload is not base64url JSON");
	}
	if (base64_decode(d2 + 1, len - (size_t)(d2 + 1 - tok),
			  BASE64_URL | BASE64_STD, 0, &sig)) {
		strbuf_release(&sig);
		jwt_release(out);
		return err_set(e, "not a JWT: signature is not base64url");
	}
	out->sig = (unsigned char *)strbuf_detach(&sig, &out->sig_len);
	alg = json_object_get(out->header, "alg");
	out->alg = json_is_string(alg) ? json_string_value(alg) : "";
	out->has_exp = get_time(out, "exp", &out->exp);
	out->has_iat = get_time(out, "iat", &out->iat);
	out->has_nbf = get_time(out, "nbf", &out->nbf);
	out->signing_len = (size_t)(d2 - tok);
	out->signing_input = xstrndup(tok, out->signing_len);
	return 0;
}

void jwt_release(struct jwt *j)
{
	json_decref(j->header);
	json_decref(j->payload);
	free(j->signing_input);
	free(j->sig);
	memset(j, 0, sizeof(*j));
}
