/* probe_cert.c - read the server's certificate chains with real OpenSSL
 * handshakes and record what is wrong with each.
 *
 * One handshake per view (probe.h): OpenSSL's own lists, then only
 * ECDSA, RSA PKCS#1, RSA-PSS or EdDSA signatures, then no SNI, so a
 * server with two certificates (nginx's two ssl_certificate lines) shows
 * both, and one with a default certificate for clients without SNI shows
 * that too. The default handshake also notes whether the server asks for
 * a client certificate and insists on one, and every handshake notes its
 * key exchange (probe_kx_seen, shared with probe_kx.c).
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

static int on_cert_request(SSL *ssl, X509 **x, EVP_PKEY **k);
static int on_session(SSL *ssl, SSL_SESSION *sess);
static int on_chain(X509_STORE_CTX *x, void *arg);

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
	/* note a client certificate request (we never send one) and, for
	 * TLS 1.3, a session ticket after it: probe_cert's hs_note */
	SSL_CTX_set_client_cert_cb(ctx, on_cert_request);
	SSL_CTX_set_cert_verify_callback(ctx, on_chain, NULL);
	SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_CLIENT |
				       SSL_SESS_CACHE_NO_INTERNAL_STORE);
	SSL_CTX_sess_set_new_cb(ctx, on_session);
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

/* Did the server refuse what was offered: an alert before the handshake
 * ended, a close before any answer to the ClientHello, or an answer this
 * client must reject because it picks what was never offered (a
 * signature algorithm outside the list: the server has nothing else)? */
static int refused_by_server(SSL *ssl, int err, unsigned long e)
{
	int reason = ERR_GET_REASON(e);

	if (err == SSL_ERROR_SSL && ERR_GET_LIB(e) == ERR_LIB_SSL &&
	    ((reason >= SSL_AD_REASON_OFFSET &&
	      reason < SSL_AD_REASON_OFFSET + 256) ||
	     reason == SSL_R_WRONG_SIGNATURE_TYPE ||
	     reason == SSL_R_NO_SHARED_SIGNATURE_ALGORITHMS))
		return 1;
	return (err == SSL_ERROR_SYSCALL || err == SSL_ERROR_ZERO_RETURN) &&
	       SSL_get_state(ssl) == TLS_ST_CW_CLNT_HELLO;
}

int probe_handshake(void *p, struct net_conn *conn, int *refused,
		    int *client_limit, char *why, size_t whylen)
{
	SSL *ssl = p;

	*refused = *client_limit = 0;
	SSL_set_fd(ssl, conn->fd);
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
			snprintf(why, whylen, "TLS handshake: no answer "
				 "within %ld ms", conn->net->timeout_ms);
			return -1;
		}
		e = ERR_peek_last_error();
		*refused = refused_by_server(ssl, err, e);
		if (err == SSL_ERROR_SSL && e) {
			*client_limit = negotiation_failed(e);
			snprintf(why, whylen, "TLS handshake failed: %s",
				 ERR_reason_error_string(e) ?
				 ERR_reason_error_string(e) : "error");
		} else {
			snprintf(why, whylen, "TLS handshake: connection "
				 "closed%s", *refused ? " on the ClientHello" :
				 "");
		}
		return -1;
	}
}

/* "X25519", "secp256r1", "ffdhe2048": OpenSSL's name of a key's group. */
static void group_name(EVP_PKEY *pk, char *out, size_t n)
{
	size_t len = 0;

	out[0] = '\0';
	switch (EVP_PKEY_get_base_id(pk)) {
	case EVP_PKEY_X25519:
		snprintf(out, n, "X25519");
		return;
	case EVP_PKEY_X448:
		snprintf(out, n, "X448");
		return;
	default:
		/* a DH group OpenSSL knows by name, or none: "" */
		if (!EVP_PKEY_get_group_name(pk, out, n, &len))
			out[0] = '\0';
		return;
	}
}

void probe_kx_seen(void *p, struct kx_seen *out)
{
	SSL *ssl = p;
	const SSL_CIPHER *cs = SSL_get_current_cipher(ssl);
	EVP_PKEY *pk = NULL;

	memset(out, 0, sizeof(*out));
	out->version = (uint16_t)SSL_version(ssl);
	if (cs)
		snprintf(out->suite, sizeof(out->suite), "%s",
			 SSL_CIPHER_standard_name(cs));
	if (SSL_get_peer_tmp_key(ssl, &pk) == 1 && pk) {
		int dh = EVP_PKEY_get_base_id(pk) == EVP_PKEY_DH;

		snprintf(out->kind, sizeof(out->kind), dh ? "DHE" : "ECDHE");
		group_name(pk, out->group, sizeof(out->group));
		out->bits = EVP_PKEY_get_bits(pk);
		out->security = EVP_PKEY_get_security_bits(pk);
		EVP_PKEY_free(pk);
	} else if (cs && SSL_CIPHER_get_kx_nid(cs) == NID_kx_rsa) {
		snprintf(out->kind, sizeof(out->kind), "RSA");
	}
}

/* What the callbacks of one certificate handshake saw (its app data). */
struct hs_note {
	int cert_requested;	/* a CertificateRequest came */
	int ticket;		/* a session (TLS 1.3: a ticket) came */
	int stop_at_cert;	/* the chain is all this view needs */
	X509 *leaf;		/* then: the chain, held */
	STACK_OF(X509) *chain;
};

/* The server's chain arrived. A view that needs nothing after it keeps
 * it and ends the handshake here (verification "fails" on purpose): no
 * signature to check, no keys to derive, no Finished, on either side.
 * Any other handshake goes on; nothing is verified during it either. */
static int on_chain(X509_STORE_CTX *x, void *arg)
{
	SSL *ssl = X509_STORE_CTX_get_ex_data(x,
					SSL_get_ex_data_X509_STORE_CTX_idx());
	struct hs_note *n = ssl ? SSL_get_app_data(ssl) : NULL;
	X509 *leaf = X509_STORE_CTX_get0_cert(x);
	STACK_OF(X509) *sent = X509_STORE_CTX_get0_untrusted(x);

	(void)arg;
	if (!n || !n->stop_at_cert || !leaf || !sent || n->leaf)
		return 1;
	if (X509_up_ref(leaf))
		n->leaf = leaf;
	n->chain = X509_chain_up_ref(sent);
	X509_STORE_CTX_set_error(x, X509_V_ERR_APPLICATION_VERIFICATION);
	return 0;
}

/* The server asked for a client certificate: we have none to give. */
static int on_cert_request(SSL *ssl, X509 **x, EVP_PKEY **k)
{
	struct hs_note *n = SSL_get_app_data(ssl);

	(void)x;
	(void)k;
	if (n)
		n->cert_requested = 1;
	return 0;
}

static int on_session(SSL *ssl, SSL_SESSION *sess)
{
	struct hs_note *n = SSL_get_app_data(ssl);

	(void)sess;
	if (n)
		n->ticket = 1;
	return 0;		/* not kept */
}

/* A TLS 1.3 server checks the client's (empty) Certificate after our
 * handshake has ended: its next record says whether it insists, an
 * alert (certificate_required) or a session ticket. Only asked when a
 * certificate was requested. */
static void client_cert_verdict(SSL *ssl, struct net_conn *conn,
				struct hs_note *n, struct cert_result *cr)
{
	char buf[256];

	net_phase(conn);
	for (;;) {
		int rc = SSL_read(ssl, buf, sizeof(buf)), err;
		unsigned long e;

		if (n->ticket || rc > 0) {
			cr->client_cert = CLIENT_CERT_REQUESTED;
			snprintf(cr->client_cert_why, sizeof(cr->client_cert_why),
				 "went on without one");
			return;
		}
		err = SSL_get_error(ssl, rc);
		if (err == SSL_ERROR_WANT_READ && net_wait(conn, 0) == NET_OK)
			continue;
		e = ERR_peek_last_error();
		if (err == SSL_ERROR_SSL && ERR_GET_LIB(e) == ERR_LIB_SSL &&
		    ERR_GET_REASON(e) >= SSL_AD_REASON_OFFSET) {
			cr->client_cert = CLIENT_CERT_REQUIRED;
			snprintf(cr->client_cert_why, sizeof(cr->client_cert_why),
				 "refused the connection without one: %s",
				 ERR_reason_error_string(e));
		} else {
			cr->client_cert = CLIENT_CERT_ASKED;
			snprintf(cr->client_cert_why, sizeof(cr->client_cert_why),
				 "%s", err == SSL_ERROR_WANT_READ ?
				 "nothing more came, so whether it insists is "
				 "not known" : "then closed the connection");
		}
		ERR_clear_error();
		return;
	}
}

/* How each view's handshake differs from OpenSSL's defaults. */
static const struct view_def {
	const char *sigalgs;	/* NULL: OpenSSL's list */
	const char *ciphers;	/* TLS <= 1.2 suites that sign with it */
	int max_version;	/* 0: TLS 1.3 */
	int no_sni;
} view_defs[CERT_VIEWS] = {
	[CERT_DEFAULT] = { NULL, NULL, 0, 0 },
	[CERT_ECDSA] = { "ECDSA+SHA256:ECDSA+SHA384:ECDSA+SHA512:"
			 "ECDSA+SHA224:ECDSA+SHA1", "aECDSA", 0, 0 },
	[CERT_RSA] = { "RSA+SHA256:RSA+SHA384:RSA+SHA512:RSA+SHA224:"
		       "RSA+SHA1", "aRSA:!kRSA", TLS1_2_VERSION, 0 },
	[CERT_RSA_PSS] = { "rsa_pss_rsae_sha256:rsa_pss_rsae_sha384:"
			   "rsa_pss_rsae_sha512:rsa_pss_pss_sha256:"
			   "rsa_pss_pss_sha384:rsa_pss_pss_sha512",
			   "aRSA:!kRSA", 0, 0 },
	[CERT_EDDSA] = { "ed25519:ed448", "aECDSA", 0, 0 },
	[CERT_NO_SNI] = { NULL, NULL, 0, 1 },
};

const char *const probe_cert_view_names[CERT_VIEWS] = {
	[CERT_DEFAULT] = "default", [CERT_ECDSA] = "ECDSA",
	[CERT_RSA] = "RSA PKCS#1", [CERT_RSA_PSS] = "RSA-PSS",
	[CERT_EDDSA] = "EdDSA", [CERT_NO_SNI] = "no SNI",
};

struct cert_result *probe_cert_of(struct probe_result *res,
				  enum cert_view view)
{
	return view == CERT_DEFAULT ? &res->cert : &res->certs[view];
}

static int view_setup(SSL *ssl, const struct view_def *d,
		      const struct probe_target *t)
{
	char list[64];

	if (!d->no_sni && !tls_host_is_address(t->host))
		SSL_set_tlsext_host_name(ssl, t->host);	/* RFC 6066 */
	if (d->max_version && !SSL_set_max_proto_version(ssl, d->max_version))
		return -1;
	if (d->sigalgs && !SSL_set1_sigalgs_list(ssl, d->sigalgs))
		return -1;
	snprintf(list, sizeof(list), "%s:@SECLEVEL=0", d->ciphers ?
		 d->ciphers : "ALL:COMPLEMENTOFALL");
	return SSL_set_cipher_list(ssl, list) ? 0 : -1;
}

/* The leaf and chain the server sent (kept by on_chain, or the
 * session's), analysed into cr; 0 when there was one. */
static int read_chain(struct probe_ctx *c, SSL *ssl, const struct hs_note *n,
		      const char *host, struct cert_result *cr)
{
	X509 *leaf = n->leaf ? n->leaf : SSL_get0_peer_certificate(ssl);
	STACK_OF(X509) *sent = n->leaf ? n->chain :
			       SSL_get_peer_cert_chain(ssl);
	unsigned len = 0;

	if (!leaf || !sent)
		return -1;
	X509_digest(leaf, EVP_sha256(), cr->sha256, &len);
	analyse(c, host, leaf, sent, cr);
	return 0;
}

void probe_cert(struct probe_ctx *c, const struct probe_target *t,
		enum cert_view view, struct probe_result *res)
{
	struct cert_result *cr = probe_cert_of(res, view);
	struct hs_note note = { 0 };
	struct net_conn conn;
	int refused, limit, failed;
	SSL *ssl;

	if (net_connect(&c->net, t->host, t->port, &conn, cr->why,
			sizeof(cr->why)) != NET_OK) {
		cr->v = VERDICT_ERROR;
		return;
	}
	ERR_clear_error();
	ssl = SSL_new(c->ssl_ctx);
	if (!ssl || view_setup(ssl, &view_defs[view], t)) {
		cr->v = VERDICT_ERROR;
		snprintf(cr->why, sizeof(cr->why), "cannot start OpenSSL");
		SSL_free(ssl);
		net_close(&conn, 1);
		return;
	}
	/* only the default handshake goes on past the chain: its key
	 * exchange and a client certificate request come after it */
	note.stop_at_cert = view != CERT_DEFAULT;
	if (note.stop_at_cert)
		SSL_set_verify(ssl, SSL_VERIFY_PEER, NULL);
	SSL_set_app_data(ssl, &note);
	failed = probe_handshake(ssl, &conn, &refused, &limit, cr->why,
				 sizeof(cr->why));
	if (note.leaf) {
		cr->v = VERDICT_ACCEPTED;
		cr->why[0] = '\0';
		read_chain(c, ssl, &note, t->host, cr);
	} else if (failed && note.cert_requested && refused &&
		   !read_chain(c, ssl, &note, t->host, cr)) {
		/* TLS <= 1.2: the server refused our empty Certificate,
		 * after sending its own */
		cr->v = VERDICT_ACCEPTED;
		cr->client_cert = CLIENT_CERT_REQUIRED;
		snprintf(cr->client_cert_why, sizeof(cr->client_cert_why),
			 "refused the handshake without one (%.100s)",
			 cr->why);
		cr->why[0] = '\0';
	} else if (failed) {
		/* a view the server has no certificate for says no; the
		 * default handshake must read one */
		cr->v = refused && view != CERT_DEFAULT ? VERDICT_REFUSED :
			VERDICT_ERROR;
		cr->client_limit = limit;
	} else if (read_chain(c, ssl, &note, t->host, cr)) {
		cr->v = VERDICT_ERROR;
		cr->client_limit = 1;
		snprintf(cr->why, sizeof(cr->why), "the server sent "
			 "no certificate (anonymous key exchange)");
	} else {
		cr->v = VERDICT_ACCEPTED;
		probe_kx_seen(ssl, &cr->kx);
		if (note.cert_requested && SSL_version(ssl) >= TLS1_3_VERSION)
			client_cert_verdict(ssl, &conn, &note, cr);
		else if (note.cert_requested) {
			cr->client_cert = CLIENT_CERT_REQUESTED;
			snprintf(cr->client_cert_why,
				 sizeof(cr->client_cert_why),
				 "went on without one");
		}
	}
	SSL_set_app_data(ssl, NULL);
	SSL_free(ssl);
	X509_free(note.leaf);
	sk_X509_pop_free(note.chain, X509_free);
	ERR_clear_error();
	net_close(&conn, 1);
}

static const struct cert_result *cert_of(const struct probe_result *res,
					 enum cert_view v)
{
	return v == CERT_DEFAULT ? &res->cert : &res->certs[v];
}

int probe_cert_same(const struct cert_result *a, const struct cert_result *b)
{
	return a->v == VERDICT_ACCEPTED && b->v == VERDICT_ACCEPTED &&
	       !memcmp(a->sha256, b->sha256, sizeof(a->sha256));
}

enum cert_view probe_cert_first(const struct probe_result *res,
				enum cert_view v)
{
	for (unsigned w = CERT_DEFAULT; w < v; w++)
		if (w != CERT_NO_SNI &&
		    probe_cert_same(cert_of(res, w), cert_of(res, v)))
			return (enum cert_view)w;
	return v;
}

void probe_cert_views(const struct probe_result *res, enum cert_view v,
		      struct strbuf *out)
{
	int n = 0;

	for (unsigned w = CERT_ECDSA; w < CERT_NO_SNI; w++)
		if (probe_cert_same(cert_of(res, w), cert_of(res, v)))
			strbuf_addf(out, "%s%s", n++ ? ", " : "",
				    probe_cert_view_names[w]);
}
