/* probe_cert.c - read the server's certificate chain with a real OpenSSL
 * handshake and record what is wrong with it.
 *
 * The handshake itself verifies nothing (security level 0, any version
 * OpenSSL still has), so that an expired or weak certificate is still
 * read. The chain is then verified against the trust store by hand with a
 * callback that notes every error and carries on, so one run learns all
 * of: untrusted, self-signed, expired intermediates; and, when the chain
 * only verifies with an intermediate from the store that the server did
 * not send, an incomplete chain. Host names, validity dates, key and
 * signature strength are read off the leaf directly.
 */
#include <arpa/inet.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>
#include <string.h>
#include <time.h>

#include "probe.h"
#include "lib/strbuf.h"

int probe_ctx_init(struct probe_ctx *c, const struct probe_opts *o,
		   struct err *e)
{
	SSL_CTX *ctx;
	X509_STORE *store;

	memset(c, 0, sizeof(*c));
	c->o = o;
	c->now = time(NULL);
	store = X509_STORE_new();
	if (o->ca_file ? X509_STORE_load_file(store, o->ca_file) != 1 :
	    X509_STORE_set_default_paths(store) != 1) {
		X509_STORE_free(store);
		return err_set(e, o->ca_file ? "cannot read CA file '%s'" :
			       "cannot load the system trust store%s",
			       o->ca_file ? o->ca_file : "");
	}
	ctx = SSL_CTX_new(TLS_client_method());
	if (!ctx) {
		X509_STORE_free(store);
		return err_set(e, "cannot start OpenSSL");
	}
	/* read whatever the server has: nothing is trusted here */
	SSL_CTX_set_security_level(ctx, 0);
	SSL_CTX_set_min_proto_version(ctx, 0);
	SSL_CTX_set_max_proto_version(ctx, TLS1_3_VERSION);
	SSL_CTX_set_cipher_list(ctx, "ALL:COMPLEMENTOFALL:@SECLEVEL=0");
	SSL_CTX_set_options(ctx, SSL_OP_LEGACY_SERVER_CONNECT);
	SSL_CTX_set_verify(ctx, SSL_VERIFY_NONE, NULL);
	if (net_init(&c->net, o->timeout_ms, o->rate, o->per_host,
		     o->resolve, e)) {
		SSL_CTX_free(ctx);
		X509_STORE_free(store);
		return -1;
	}
	c->ssl_ctx = ctx;
	c->store = store;
	return 0;
}

void probe_ctx_release(struct probe_ctx *c)
{
	if (c->ssl_ctx)		/* set last by a successful init */
		net_release(&c->net);
	SSL_CTX_free(c->ssl_ctx);
	X509_STORE_free(c->store);
	memset(c, 0, sizeof(*c));
}

static void name_of(const X509_NAME *n, char *out, size_t len)
{
	BIO *b = BIO_new(BIO_s_mem());
	char *p;
	long got;

	out[0] = '\0';
	if (!b)
		return;
	X509_NAME_print_ex(b, n, 0, XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB);
	got = BIO_get_mem_data(b, &p);
	snprintf(out, len, "%.*s", (int)(got > 0 ? got : 0), p);
	BIO_free(b);
}

static long long unix_time(const ASN1_TIME *t)
{
	struct tm tm;

	if (!t || ASN1_TIME_to_tm(t, &tm) != 1)
		return 0;
	return (long long)timegm(&tm);
}

static void san_names(X509 *x, char *out, size_t len)
{
	GENERAL_NAMES *gens = X509_get_ext_d2i(x, NID_subject_alt_name,
					       NULL, NULL);
	struct strbuf sb = STRBUF_INIT;

	for (int i = 0; gens && i < sk_GENERAL_NAME_num(gens); i++) {
		const GENERAL_NAME *g = sk_GENERAL_NAME_value(gens, i);
		char ip[INET6_ADDRSTRLEN] = "?";

		if (g->type == GEN_DNS) {
			strbuf_addf(&sb, "%sDNS:%.*s", sb.len ? ", " : "",
				    ASN1_STRING_length(g->d.dNSName),
				    ASN1_STRING_get0_data(g->d.dNSName));
		} else if (g->type == GEN_IPADD) {
			int n = ASN1_STRING_length(g->d.iPAddress);

			inet_ntop(n == 16 ? AF_INET6 : AF_INET,
				  ASN1_STRING_get0_data(g->d.iPAddress), ip,
				  sizeof(ip));
			strbuf_addf(&sb, "%sIP:%s", sb.len ? ", " : "", ip);
		}
	}
	GENERAL_NAMES_free(gens);
	snprintf(out, len, "%s", sb.len ? sb.buf : "(no subject "
		 "alternative names)");
	strbuf_release(&sb);
}

static int is_self_signed(X509 *x)
{
	return (X509_get_extension_flags(x) & EXFLAG_SS) != 0;
}

/* MD5 and SHA-1 (and older) signatures on certificates the server sent;
 * a self-signed root's own signature does not matter. */
static void weak_signature(STACK_OF(X509) *sent, struct cert_result *cr)
{
	for (int i = 0; i < sk_X509_num(sent) && !cr->weak_sig[0]; i++) {
		X509 *x = sk_X509_value(sent, i);
		int md = NID_undef, pk;
		char who[200];

		if (i > 0 && is_self_signed(x))
			continue;
		if (!OBJ_find_sigid_algs(X509_get_signature_nid(x), &md, &pk))
			continue;
		if (md != NID_sha1 && md != NID_md5 && md != NID_md4 &&
		    md != NID_md2)
			continue;
		name_of(X509_get_subject_name(x), who, sizeof(who));
		snprintf(cr->weak_sig, sizeof(cr->weak_sig), "%s '%.150s' "
			 "is signed with %s", i ? "intermediate" :
			 "certificate", who, OBJ_nid2ln(X509_get_signature_nid(x)));
	}
}

static void key_strength(X509 *x, struct cert_result *cr)
{
	EVP_PKEY *pk = X509_get0_pubkey(x);
	int id = pk ? EVP_PKEY_get_base_id(pk) : NID_undef;
	const char *name = "unknown";
	int min = 0;

	cr->key_bits = pk ? EVP_PKEY_get_bits(pk) : 0;
	switch (id) {
	case EVP_PKEY_RSA:
	case EVP_PKEY_RSA_PSS:
		name = "RSA";
		min = 2048;
		break;
	case EVP_PKEY_EC:
		name = "EC";
		min = 256;
		break;
	case EVP_PKEY_DSA:
		name = "DSA";
		min = 2048;
		break;
	case EVP_PKEY_ED25519:
		name = "Ed25519";
		break;
	case EVP_PKEY_ED448:
		name = "Ed448";
		break;
	}
	snprintf(cr->key_type, sizeof(cr->key_type), "%s", name);
	cr->weak_key = min && cr->key_bits < min;
}

/* Note every verification error and carry on (return 1), so that one
 * verification finds them all. Dates and names of the leaf are judged
 * from the certificate itself, not here. */
static int on_verify_error(int ok, X509_STORE_CTX *vx)
{
	struct cert_result *cr = X509_STORE_CTX_get_app_data(vx);
	int err = X509_STORE_CTX_get_error(vx);
	int depth = X509_STORE_CTX_get_error_depth(vx);
	X509 *x = X509_STORE_CTX_get_current_cert(vx);
	char who[200] = "?", issuer[200] = "?";

	if (ok)
		return 1;
	if (x) {
		name_of(X509_get_subject_name(x), who, sizeof(who));
		name_of(X509_get_issuer_name(x), issuer, sizeof(issuer));
	}
	switch (err) {
	case X509_V_ERR_CERT_HAS_EXPIRED:
	case X509_V_ERR_CERT_NOT_YET_VALID:
		if (depth > 0 && !cr->chain_expired[0])
			snprintf(cr->chain_expired, sizeof(cr->chain_expired),
				 "intermediate '%.150s' is %s", who,
				 err == X509_V_ERR_CERT_HAS_EXPIRED ?
				 "expired" : "not yet valid");
		break;
	case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT:
		cr->self_signed = 1;
		break;
	case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
	case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT:
	case X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE:
		if (!cr->untrusted)
			snprintf(cr->untrusted_why, sizeof(cr->untrusted_why),
				 "the issuer '%.100s' of '%.100s' is not in the "
				 "trust store (nor sent by the server)",
				 issuer, who);
		cr->untrusted = 1;
		break;
	case X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN:
	case X509_V_ERR_CERT_UNTRUSTED:
	case X509_V_ERR_CERT_REJECTED:
		if (!cr->untrusted)
			snprintf(cr->untrusted_why, sizeof(cr->untrusted_why),
				 "the chain ends in '%.150s', which is not a "
				 "trusted root", who);
		cr->untrusted = 1;
		break;
	case X509_V_ERR_EE_KEY_TOO_SMALL:
	case X509_V_ERR_CA_KEY_TOO_SMALL:
	case X509_V_ERR_CA_MD_TOO_WEAK:
		break;		/* judged on their own */
	default:
		if (!cr->untrusted)
			snprintf(cr->untrusted_why, sizeof(cr->untrusted_why),
				 "'%.150s': %s", who,
				 X509_verify_cert_error_string(err));
		cr->untrusted = 1;
		break;
	}
	return 1;
}

static int sent_has(STACK_OF(X509) *sent, X509 *x)
{
	for (int i = 0; i < sk_X509_num(sent); i++)
		if (!X509_cmp(sk_X509_value(sent, i), x))
			return 1;
	return 0;
}

static void verify_chain(struct probe_ctx *c, X509 *leaf,
			 STACK_OF(X509) *sent, struct cert_result *cr)
{
	X509_STORE_CTX *vx = X509_STORE_CTX_new();
	STACK_OF(X509) *chain;

	if (!vx || !X509_STORE_CTX_init(vx, c->store, leaf, sent)) {
		X509_STORE_CTX_free(vx);
		cr->untrusted = 1;
		snprintf(cr->untrusted_why, sizeof(cr->untrusted_why),
			 "cannot set up verification");
		return;
	}
	X509_STORE_CTX_set_app_data(vx, cr);
	X509_STORE_CTX_set_verify_cb(vx, on_verify_error);
	X509_STORE_CTX_set_purpose(vx, X509_PURPOSE_SSL_SERVER);
	X509_VERIFY_PARAM_set_auth_level(X509_STORE_CTX_get0_param(vx), 0);
	/* every error the callback sees it notes and overrides; a failure
	 * it did not see (no memory, an internal error) must not pass */
	if (X509_verify_cert(vx) != 1 && !cr->untrusted && !cr->self_signed) {
		int err = X509_STORE_CTX_get_error(vx);

		cr->untrusted = 1;
		snprintf(cr->untrusted_why, sizeof(cr->untrusted_why),
			 "verification failed: %s",
			 X509_verify_cert_error_string(err));
	}
	/* an intermediate that only the store supplied: between the leaf and
	 * the anchor, and not among what the server sent */
	chain = X509_STORE_CTX_get0_chain(vx);
	if (!cr->untrusted && !cr->self_signed && chain)
		for (int i = 1; i + 1 < sk_X509_num(chain); i++) {
			X509 *x = sk_X509_value(chain, i);

			if (sent_has(sent, x))
				continue;
			cr->chain_incomplete = 1;
			name_of(X509_get_subject_name(x), cr->missing,
				sizeof(cr->missing));
			break;
		}
	X509_STORE_CTX_free(vx);
}

static void analyse(struct probe_ctx *c, const char *host, X509 *leaf,
		    STACK_OF(X509) *sent, struct cert_result *cr)
{
	name_of(X509_get_subject_name(leaf), cr->subject,
		sizeof(cr->subject));
	name_of(X509_get_issuer_name(leaf), cr->issuer, sizeof(cr->issuer));
	san_names(leaf, cr->names, sizeof(cr->names));
	cr->not_before = unix_time(X509_get0_notBefore(leaf));
	cr->not_after = unix_time(X509_get0_notAfter(leaf));
	key_strength(leaf, cr);
	weak_signature(sent, cr);
	if (tls_host_is_address(host))
		cr->hostname_mismatch = X509_check_ip_asc(leaf, host, 0) != 1;
	else
		cr->hostname_mismatch = X509_check_host(leaf, host, 0, 0,
							NULL) != 1;
	verify_chain(c, leaf, sent, cr);
}

/* Did the handshake fail because the server offers no version or suite
 * that this OpenSSL still has (SSLv3 only, EXPORT only, ...)? Any other
 * failure (a certificate too big to read, a broken message) is the
 * server's. */
static int negotiation_failed(unsigned long e)
{
	static const int reasons[] = {
		SSL_R_SSLV3_ALERT_HANDSHAKE_FAILURE,
		SSL_R_TLSV1_ALERT_PROTOCOL_VERSION,
		SSL_R_TLSV1_ALERT_INSUFFICIENT_SECURITY,
		SSL_R_UNSUPPORTED_PROTOCOL,
		SSL_R_NO_PROTOCOLS_AVAILABLE,
		SSL_R_NO_CIPHERS_AVAILABLE,
		SSL_R_NO_SHARED_CIPHER,
		SSL_R_WRONG_CIPHER_RETURNED,
		SSL_R_UNKNOWN_CIPHER_RETURNED,
	};

	if (ERR_GET_LIB(e) != ERR_LIB_SSL)
		return 0;
	for (size_t i = 0; i < sizeof(reasons) / sizeof(reasons[0]); i++)
		if (ERR_GET_REASON(e) == reasons[i])
			return 1;
	return 0;
}

/* Drive a non-blocking handshake to its end within the phase deadline. */
static int handshake(SSL *ssl, struct net_conn *conn, struct cert_result *cr)
{
	net_phase(conn);
	for (;;) {
		int rc = SSL_connect(ssl), err;
		unsigned long e;

		if (rc == 1)
			return 0;
		err = SSL_get_error(ssl, rc);
		if (err == SSL_ERROR_WANT_READ || err == SSL_ERROR_WANT_WRITE) {
			if (net_wait(conn, err == SSL_ERROR_WANT_WRITE) ==
			    NET_OK)
				continue;
			snprintf(cr->why, sizeof(cr->why), "TLS handshake: "
				 "no answer within %ld ms",
				 conn->net->timeout_ms);
			return -1;
		}
		e = ERR_peek_last_error();
		if (err == SSL_ERROR_SSL && e) {
			cr->client_limit = negotiation_failed(e);
			snprintf(cr->why, sizeof(cr->why), "TLS handshake "
				 "failed: %s", ERR_reason_error_string(e) ?
				 ERR_reason_error_string(e) : "error");
		} else {
			snprintf(cr->why, sizeof(cr->why), "TLS handshake: "
				 "connection closed");
		}
		return -1;
	}
}

void probe_cert(struct probe_ctx *c, const struct probe_target *t,
		struct probe_result *res)
{
	struct cert_result *cr = &res->cert;
	struct net_conn conn;
	SSL *ssl;

	if (net_connect(&c->net, t->host, t->port, &conn, cr->why,
			sizeof(cr->why)) != NET_OK) {
		cr->v = VERDICT_ERROR;
		return;
	}
	ERR_clear_error();
	ssl = SSL_new(c->ssl_ctx);
	if (!ssl) {
		cr->v = VERDICT_ERROR;
		snprintf(cr->why, sizeof(cr->why), "cannot start OpenSSL");
		net_close(&conn, 1);
		return;
	}
	SSL_set_fd(ssl, conn.fd);
	if (!tls_host_is_address(t->host))	/* RFC 6066: no SNI for addresses */
		SSL_set_tlsext_host_name(ssl, t->host);
	if (handshake(ssl, &conn, cr)) {
		cr->v = VERDICT_ERROR;
	} else {
		X509 *leaf = SSL_get0_peer_certificate(ssl);
		STACK_OF(X509) *sent = SSL_get_peer_cert_chain(ssl);

		if (leaf && sent) {
			cr->v = VERDICT_ACCEPTED;
			analyse(c, t->host, leaf, sent, cr);
		} else {
			cr->v = VERDICT_ERROR;
			cr->client_limit = 1;
			snprintf(cr->why, sizeof(cr->why), "the server sent "
				 "no certificate (anonymous key exchange)");
		}
	}
	SSL_free(ssl);
	ERR_clear_error();
	net_close(&conn, 1);
}
