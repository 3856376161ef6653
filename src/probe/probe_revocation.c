/* probe_revocation.c - `probe --check-revocation`: has the leaf been
 * revoked? Opt-in, since a private API PKI often has no responder.
 *
 * One handshake asks for a stapled OCSP answer (status_request). When the
 * server sends one it decides; otherwise the leaf's own OCSP URL is asked
 * (a POST with a nonce), and with no OCSP URL its CRL distribution point
 * is fetched. Only URLs the certificate names are ever contacted. Every
 * answer is verified before it counts: an OCSP answer signed by the
 * issuer or its delegated responder and current, a CRL signed by the
 * issuer and not past its next update. Anything short of that is no
 * verdict, never "good".
 */
#include <curl/curl.h>
#include <openssl/err.h>
#include <openssl/ocsp.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "probe.h"
#include "lib/http_bound.h"
#include "lib/strbuf.h"

#define OCSP_MAX (64 * 1024)
#define CRL_MAX (20 * 1024 * 1024)
#define CLOCK_SKEW 300		/* seconds an OCSP answer's times may be off */

__attribute__((format(printf, 3, 4)))
static void rev_set(struct revocation_result *rv, enum revocation s,
		    const char *fmt, ...)
{
	va_list ap;

	rv->s = s;
	va_start(ap, fmt);
	vsnprintf(rv->why, sizeof(rv->why), fmt, ap);
	va_end(ap);
}

static long long unix_time(const ASN1_TIME *t)
{
	struct tm tm;

	if (!t || ASN1_TIME_to_tm(t, &tm) != 1)
		return 0;
	return (long long)timegm(&tm);
}

/* The host of a URL, for the connection cap. */
static void url_host(const char *url, char *out, size_t len)
{
	CURLU *u = curl_url();
	char *host = NULL;

	snprintf(out, len, "?");
	if (u && !curl_url_set(u, CURLUPART_URL, url, 0) &&
	    !curl_url_get(u, CURLUPART_HOST, &host, 0))
		snprintf(out, len, "%s", host);
	curl_free(host);
	curl_url_cleanup(u);
}

/* GET url, or POST body to it as an OCSP request, keeping at most max
 * bytes of the answer in out: 0, or -1 with why. */
static int fetch(struct probe_ctx *c, const char *url, const struct strbuf *body,
		 size_t max, struct strbuf *out, char *why, size_t whylen)
{
	CURL *h = curl_easy_init();
	struct curl_slist *hl = NULL, *resolve = NULL;
	struct http_bound x;
	char errbuf[CURL_ERROR_SIZE] = "", host[256];
	CURLcode cc;
	int ret = -1;

	if (!h) {
		snprintf(why, whylen, "cannot start libcurl");
		return -1;
	}
	for (size_t i = 0; c->o->resolve && i < c->o->resolve->nr; i++)
		resolve = curl_slist_append(resolve, c->o->resolve->items[i]);
	curl_easy_setopt(h, CURLOPT_URL, url);
	curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(h, CURLOPT_RESOLVE, resolve);
	curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(h, CURLOPT_NETRC, (long)CURL_NETRC_IGNORED);
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, c->o->timeout_ms);
	curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, 3 * c->o->timeout_ms);
	curl_easy_setopt(h, CURLOPT_FORBID_REUSE, 1L);
	curl_easy_setopt(h, CURLOPT_ERRORBUFFER, errbuf);
	curl_easy_setopt(h, CURLOPT_USERAGENT, "authaudit-probe");
	if (body) {
		hl = curl_slist_append(hl, "Content-Type: "
				       "application/ocsp-request");
		curl_easy_setopt(h, CURLOPT_HTTPHEADER, hl);
		curl_easy_setopt(h, CURLOPT_POSTFIELDS, body->buf);
		curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE, (long)body->len);
	}
	http_bound_attach(&x, h, max, out);
	url_host(url, host, sizeof(host));
	net_acquire(&c->net, host);
	cc = curl_easy_perform(h);
	net_give_back(&c->net, host);
	if (x.cut)
		snprintf(why, whylen, "%s: more than %zu KB", url, max / 1024);
	else if (http_bound_result(&x, cc) != CURLE_OK)
		snprintf(why, whylen, "%s: %s", url, errbuf[0] ? errbuf :
			 curl_easy_strerror(cc));
	else if (x.status != 200)
		snprintf(why, whylen, "%s answered HTTP %ld", url, x.status);
	else
		ret = 0;
	curl_slist_free_all(hl);
	curl_slist_free_all(resolve);
	curl_easy_cleanup(h);
	return ret;
}

/* The first http(s) URL in a list of OpenSSL strings; NULL when none. */
static const char *first_http(STACK_OF(OPENSSL_STRING) *urls)
{
	for (int i = 0; i < sk_OPENSSL_STRING_num(urls); i++) {
		const char *u = sk_OPENSSL_STRING_value(urls, i);

		if (!strncmp(u, "http://", 7) || !strncmp(u, "https://", 8))
			return u;
	}
	return NULL;
}

/* The first http(s) URI of the leaf's CRL distribution points, copied
 * into out; 0 when there is none. */
static int crl_url(X509 *leaf, char *out, size_t n)
{
	STACK_OF(DIST_POINT) *dps = X509_get_ext_d2i(leaf,
		NID_crl_distribution_points, NULL, NULL);
	int found = 0;

	for (int i = 0; !found && i < sk_DIST_POINT_num(dps); i++) {
		DIST_POINT *dp = sk_DIST_POINT_value(dps, i);

		if (!dp->distpoint || dp->distpoint->type != 0)
			continue;
		for (int k = 0; !found && k <
		     sk_GENERAL_NAME_num(dp->distpoint->name.fullname); k++) {
			GENERAL_NAME *g = sk_GENERAL_NAME_value(
				dp->distpoint->name.fullname, k);
			const char *u;
			int len;

			if (g->type != GEN_URI)
				continue;
			u = (const char *)ASN1_STRING_get0_data(
				g->d.uniformResourceIdentifier);
			len = ASN1_STRING_length(g->d.uniformResourceIdentifier);
			if (len <= 0 || (size_t)len >= n ||
			    (strncmp(u, "http://", 7) &&
			     strncmp(u, "https://", 8)))
				continue;
			snprintf(out, n, "%.*s", len, u);
			found = 1;
		}
	}
	sk_DIST_POINT_pop_free(dps, DIST_POINT_free);
	return found;
}

/* Judge an OCSP answer (DER) about leaf; req: the request we sent, for
 * its nonce (NULL for a stapled answer, which has none). */
static void ocsp_judge(struct probe_ctx *c, X509 *leaf, X509 *issuer,
		       STACK_OF(X509) *chain, const unsigned char *der,
		       size_t len, OCSP_REQUEST *req,
		       struct revocation_result *rv)
{
	const unsigned char *p = der;
	OCSP_RESPONSE *resp = d2i_OCSP_RESPONSE(NULL, &p, (long)len);
	OCSP_BASICRESP *bs = NULL;
	OCSP_CERTID *id = NULL;
	ASN1_GENERALIZEDTIME *rev = NULL, *thisupd = NULL, *nextupd = NULL;
	int st, status = -1, reason = -1;

	if (!resp) {
		rev_set(rv, REV_ERROR, "the %s is not an OCSP response",
			rv->source);
		goto out;
	}
	st = OCSP_response_status(resp);
	if (st != OCSP_RESPONSE_STATUS_SUCCESSFUL) {
		rev_set(rv, REV_ERROR, "the %s says '%s'", rv->source,
			OCSP_response_status_str(st));
		goto out;
	}
	bs = OCSP_response_get1_basic(resp);
	if (!bs || (req && OCSP_check_nonce(req, bs) == 0)) {
		rev_set(rv, REV_ERROR, "the %s is %s", rv->source, bs ?
			"for another request (nonce)" : "not a basic one");
		goto out;
	}
	if (OCSP_basic_verify(bs, chain, c->store, 0) <= 0) {
		unsigned long e = ERR_peek_last_error();

		rev_set(rv, REV_ERROR, "the %s does not verify: %s",
			rv->source, e && ERR_reason_error_string(e) ?
			ERR_reason_error_string(e) : "bad signature");
		goto out;
	}
	id = OCSP_cert_to_id(NULL, leaf, issuer);
	if (!id || OCSP_resp_find_status(bs, id, &status, &reason, &rev,
					 &thisupd, &nextupd) != 1) {
		rev_set(rv, REV_ERROR, "the %s does not name the "
			"certificate", rv->source);
		goto out;
	}
	if (OCSP_check_validity(thisupd, nextupd, CLOCK_SKEW, -1) != 1) {
		rev_set(rv, REV_ERROR, "the %s is out of date", rv->source);
		goto out;
	}
	if (status == V_OCSP_CERTSTATUS_GOOD) {
		rv->s = REV_GOOD;
	} else if (status == V_OCSP_CERTSTATUS_REVOKED) {
		rv->s = REV_REVOKED;
		rv->revoked_at = unix_time(rev);
		if (reason >= 0)
			snprintf(rv->reason, sizeof(rv->reason), "%s",
				 OCSP_crl_reason_str(reason));
	} else {
		rv->s = REV_UNKNOWN;
	}
out:
	OCSP_CERTID_free(id);
	OCSP_BASICRESP_free(bs);
	OCSP_RESPONSE_free(resp);
	ERR_clear_error();
}

static void ocsp_ask(struct probe_ctx *c, const char *url, X509 *leaf,
		     X509 *issuer, STACK_OF(X509) *chain,
		     struct revocation_result *rv)
{
	OCSP_REQUEST *req = OCSP_REQUEST_new();
	OCSP_CERTID *id = OCSP_cert_to_id(NULL, leaf, issuer);
	struct strbuf body = STRBUF_INIT, answer = STRBUF_INIT;
	unsigned char *der = NULL;
	int n;

	snprintf(rv->source, sizeof(rv->source), "OCSP responder %.180s", url);
	if (!req || !id || !OCSP_request_add0_id(req, id) ||
	    !OCSP_request_add1_nonce(req, NULL, -1) ||
	    (n = i2d_OCSP_REQUEST(req, &der)) <= 0) {
		if (!req || !OCSP_request_onereq_count(req))
			OCSP_CERTID_free(id);
		rev_set(rv, REV_ERROR, "cannot build an OCSP request");
		goto out;
	}
	strbuf_add(&body, der, (size_t)n);
	if (fetch(c, url, &body, OCSP_MAX, &answer, rv->why,
		  sizeof(rv->why))) {
		rv->s = REV_ERROR;
		goto out;
	}
	ocsp_judge(c, leaf, issuer, chain, (const unsigned char *)answer.buf,
		   answer.len, req, rv);
out:
	OPENSSL_free(der);
	OCSP_REQUEST_free(req);
	strbuf_release(&body);
	strbuf_release(&answer);
}

static void crl_ask(struct probe_ctx *c, const char *url, X509 *leaf,
		    X509 *issuer, struct revocation_result *rv)
{
	struct strbuf answer = STRBUF_INIT;
	X509_CRL *crl = NULL;
	X509_REVOKED *entry = NULL;
	const unsigned char *p;
	long long next;

	snprintf(rv->source, sizeof(rv->source), "CRL %.190s", url);
	if (fetch(c, url, NULL, CRL_MAX, &answer, rv->why, sizeof(rv->why))) {
		rv->s = REV_ERROR;
		goto out;
	}
	p = (const unsigned char *)answer.buf;
	if (answer.len > 10 && !memcmp(answer.buf, "-----BEGIN", 10)) {
		BIO *b = BIO_new_mem_buf(answer.buf, (int)answer.len);

		crl = b ? PEM_read_bio_X509_CRL(b, NULL, NULL, NULL) : NULL;
		BIO_free(b);
	} else {
		crl = d2i_X509_CRL(NULL, &p, (long)answer.len);
	}
	if (!crl) {
		rev_set(rv, REV_ERROR, "%s is not a CRL", url);
		goto out;
	}
	if (X509_NAME_cmp(X509_CRL_get_issuer(crl),
			  X509_get_subject_name(issuer)) ||
	    X509_CRL_verify(crl, X509_get0_pubkey(issuer)) != 1) {
		rev_set(rv, REV_ERROR, "the CRL at %s is not signed by the "
			"certificate's issuer", url);
		goto out;
	}
	next = unix_time(X509_CRL_get0_nextUpdate(crl));
	if (next && next < (long long)c->now) {
		rev_set(rv, REV_ERROR, "the CRL at %s is out of date", url);
		goto out;
	}
	if (X509_CRL_get0_by_cert(crl, &entry, leaf) == 1) {
		ASN1_ENUMERATED *r = X509_REVOKED_get_ext_d2i(entry,
			NID_crl_reason, NULL, NULL);

		rv->s = REV_REVOKED;
		rv->revoked_at = unix_time(
			X509_REVOKED_get0_revocationDate(entry));
		if (r)
			snprintf(rv->reason, sizeof(rv->reason), "%s",
				 OCSP_crl_reason_str(ASN1_ENUMERATED_get(r)));
		ASN1_ENUMERATED_free(r);
	} else {
		rv->s = REV_GOOD;
	}
out:
	X509_CRL_free(crl);
	strbuf_release(&answer);
	ERR_clear_error();
}

/* The leaf's issuer: among what the server sent, else from the trust
 * store. A new reference, or NULL. */
static X509 *issuer_of(struct probe_ctx *c, X509 *leaf,
		       STACK_OF(X509) *sent)
{
	X509_STORE_CTX *vx;
	X509 *issuer = NULL;

	for (int i = 0; i < sk_X509_num(sent); i++) {
		X509 *x = sk_X509_value(sent, i);

		if (X509_cmp(x, leaf) && X509_check_issued(x, leaf) ==
		    X509_V_OK) {
			X509_up_ref(x);
			return x;
		}
	}
	vx = X509_STORE_CTX_new();
	if (vx && X509_STORE_CTX_init(vx, c->store, leaf, sent) &&
	    X509_STORE_CTX_get1_issuer(&issuer, vx, leaf) != 1)
		issuer = NULL;
	X509_STORE_CTX_free(vx);
	return issuer;
}

/* With the handshake done: decide from the staple, the OCSP URL or the
 * CRL, in that order. */
static void revocation_of(struct probe_ctx *c, SSL *ssl,
			  struct revocation_result *rv)
{
	X509 *leaf = SSL_get0_peer_certificate(ssl), *issuer;
	STACK_OF(X509) *sent = SSL_get_peer_cert_chain(ssl);
	STACK_OF(OPENSSL_STRING) *ocsp;
	const unsigned char *staple = NULL;
	long slen = SSL_get_tlsext_status_ocsp_resp(ssl, &staple);
	char crl[512];

	if (!leaf) {
		rev_set(rv, REV_ERROR, "the server sent no certificate");
		return;
	}
	if (X509_get_extension_flags(leaf) & EXFLAG_SS) {
		rev_set(rv, REV_NO_SOURCE, "the certificate is self-signed");
		return;
	}
	issuer = issuer_of(c, leaf, sent);
	if (!issuer) {
		rev_set(rv, REV_ERROR, "the certificate's issuer is neither "
			"sent nor in the trust store");
		return;
	}
	ocsp = X509_get1_ocsp(leaf);
	if (staple && slen > 0) {
		snprintf(rv->source, sizeof(rv->source), "stapled OCSP "
			 "response");
		ocsp_judge(c, leaf, issuer, sent, staple, (size_t)slen, NULL,
			   rv);
	} else if (first_http(ocsp)) {
		ocsp_ask(c, first_http(ocsp), leaf, issuer, sent, rv);
	} else if (crl_url(leaf, crl, sizeof(crl))) {
		crl_ask(c, crl, leaf, issuer, rv);
	} else {
		rev_set(rv, REV_NO_SOURCE, "the certificate names no OCSP "
			"responder or CRL, and the server staples none");
	}
	X509_email_free(ocsp);
	X509_free(issuer);
}

void probe_revocation(struct probe_ctx *c, const struct probe_target *t,
		      struct probe_result *res)
{
	struct revocation_result *rv = &res->revocation;
	struct net_conn conn;
	SSL *ssl;
	int err = 0, rc;

	if (net_connect(&c->net, t->host, t->port, &conn, rv->why,
			sizeof(rv->why)) != NET_OK) {
		rv->s = REV_ERROR;
		return;
	}
	ERR_clear_error();
	ssl = SSL_new(c->ssl_ctx);
	if (!ssl) {
		rev_set(rv, REV_ERROR, "cannot start OpenSSL");
		net_close(&conn, 1);
		return;
	}
	SSL_set_fd(ssl, conn.fd);
	SSL_set_tlsext_status_type(ssl, TLSEXT_STATUSTYPE_ocsp);
	if (!tls_host_is_address(t->host))
		SSL_set_tlsext_host_name(ssl, t->host);
	rc = probe_ssl_drive(ssl, &conn, SSL_connect, &err);
	/* the answers come from elsewhere: the target's slot goes back */
	net_close(&conn, 1);
	if (rc == 1) {
		revocation_of(c, ssl, rv);
	} else {
		unsigned long e = ERR_peek_last_error();

		rev_set(rv, REV_ERROR, "TLS handshake %s", rc == 0 ?
			"timed out" : e && ERR_reason_error_string(e) ?
			ERR_reason_error_string(e) : "failed");
	}
	SSL_free(ssl);
	ERR_clear_error();
}
