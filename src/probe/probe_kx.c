/* probe_kx.c - the key-exchange checks: which curve an ECDHE client gets,
 * which group (and its size) a DHE client gets, whether the server takes
 * a curve under 256 bits when offered only those, and whether it takes
 * static RSA key exchange at all.
 *
 * The first three are OpenSSL handshakes at TLS <= 1.2 (security level
 * 0, so a 1024-bit group or a 160-bit curve still negotiates and is
 * measured; TLS 1.3 groups are 256 bits and more by definition), each
 * offering only the suites it measures; the negotiated key is read
 * with SSL_get_peer_tmp_key. Static RSA is asked with our own
 * ClientHello (tls_hello.c) offering only the strong TLS_RSA_WITH_*
 * suites: the weak ones are endpoint.cipher-weak's. Results are facts;
 * probe_judge.c decides what they mean under the profile.
 */
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <string.h>

#include "probe.h"
#include "tls_suites.h"
#include "lib/xalloc.h"

/* Curves under 256 bits (security under 128), each tried on its own:
 * a name this OpenSSL does not know is left out. One name each: a group
 * named twice (secp192r1 is prime192v1) fails the whole list. */
static const char *const weak_curves[] = {
	"secp224r1", "secp224k1", "secp192r1", "secp192k1",
	"secp160r2", "secp160r1", "secp160k1", "sect239k1", "sect233r1",
	"sect233k1", "sect193r2", "sect193r1", "sect163r2", "sect163r1",
	"sect163k1",
};

static int set_weak_curves(SSL *ssl)
{
	char list[512] = "";
	size_t len = 0;

	for (size_t i = 0; i < ARRAY_SIZE(weak_curves); i++)
		if (SSL_set1_groups_list(ssl, weak_curves[i]) == 1)
			len += (size_t)snprintf(list + len, sizeof(list) - len,
						"%s%s", len ? ":" : "",
						weak_curves[i]);
	ERR_clear_error();
	return len && SSL_set1_groups_list(ssl, list) == 1 ? 0 : -1;
}

/* The OpenSSL handshakes: the suites offered (TLS <= 1.2), and whether
 * only weak curves go in supported_groups. */
static const struct kx_def {
	const char *ciphers;
	int weak_groups;
} kx_defs[KX_PROBES] = {
	[KX_ECDHE] = { "kECDHE:@SECLEVEL=0", 0 },
	[KX_DHE] = { "kDHE:@SECLEVEL=0", 0 },
	[KX_WEAK_CURVES] = { "kECDHE:@SECLEVEL=0", 1 },
};

/* The client side of one probe: TLS <= 1.2, its suites and groups, SNI
 * as for the URL. NULL with why set when it cannot be; weak curves this
 * OpenSSL does not have leave *untested set. */
static SSL *kx_client(struct probe_ctx *c, const struct probe_target *t,
		      const struct kx_def *d, int *untested, char *why,
		      size_t whylen)
{
	SSL *ssl = SSL_new(c->ssl_ctx);

	*untested = 0;
	if (!ssl || !SSL_set_max_proto_version(ssl, TLS1_2_VERSION) ||
	    !SSL_set_cipher_list(ssl, d->ciphers)) {
		snprintf(why, whylen, "cannot start OpenSSL");
		SSL_free(ssl);
		return NULL;
	}
	if (d->weak_groups && set_weak_curves(ssl)) {
		*untested = 1;
		snprintf(why, whylen, "this OpenSSL offers no curve under 256 "
			 "bits");
		SSL_free(ssl);
		return NULL;
	}
	if (!tls_host_is_address(t->host))
		SSL_set_tlsext_host_name(ssl, t->host);
	return ssl;
}

static void kx_handshake(struct probe_ctx *c, const struct probe_target *t,
			 const struct kx_def *d, struct kx_result *kr)
{
	struct net_conn conn;
	int refused, limit, untested;
	SSL *ssl;

	ERR_clear_error();
	ssl = kx_client(c, t, d, &untested, kr->why, sizeof(kr->why));
	if (!ssl) {
		/* this machine's limit is a fact, no endpoint's failure */
		kr->v = untested ? VERDICT_UNTESTED : VERDICT_ERROR;
		return;
	}
	if (net_connect(&c->net, t->host, t->port, &conn, kr->why,
			sizeof(kr->why)) != NET_OK) {
		kr->v = VERDICT_ERROR;
		SSL_free(ssl);
		return;
	}
	if (!probe_handshake(ssl, &conn, &refused, &limit, kr->why,
			     sizeof(kr->why))) {
		kr->v = VERDICT_ACCEPTED;
		probe_kx_seen(ssl, &kr->seen);
	} else if (ERR_GET_REASON(ERR_peek_last_error()) ==
		   SSL_R_DH_KEY_TOO_SMALL) {
		/* chosen, and smaller than even security level 0 reads */
		kr->v = VERDICT_ACCEPTED;
		snprintf(kr->seen.kind, sizeof(kr->seen.kind), "DHE");
	} else {
		kr->v = refused ? VERDICT_REFUSED : VERDICT_ERROR;
	}
	SSL_free(ssl);
	ERR_clear_error();
	net_close(&conn, 1);
}

/* Our own ClientHello offering only the strong static-RSA suites. */
static void kx_rsa(struct probe_ctx *c, const struct probe_target *t,
		   struct kx_result *kr)
{
	uint16_t list[64];
	struct tls_hello h = { TLS_1_2, t->host, list, 0, 0 };
	struct tls_server_hello sh;
	const struct tls_suite *s;

	for (size_t k = 0; k < tls_suites_nr && h.nr_suites < 64; k++)
		if (!strncmp(tls_suites[k].name, "TLS_RSA_WITH_", 13) &&
		    !(tls_suites[k].flags & SUITE_WEAK))
			list[h.nr_suites++] = tls_suites[k].id;
	switch (probe_exchange(c, t->host, t->port, &h, &sh, kr->why,
			       sizeof(kr->why))) {
	case EXCHANGE_HELLO:
		kr->v = VERDICT_ACCEPTED;
		s = tls_suite_find(sh.suite);
		snprintf(kr->seen.kind, sizeof(kr->seen.kind), "RSA");
		snprintf(kr->seen.suite, sizeof(kr->seen.suite), "%s",
			 s ? s->name : "?");
		kr->seen.version = sh.version;
		break;
	case EXCHANGE_ALERT:
	case EXCHANGE_CLOSED:
		kr->v = VERDICT_REFUSED;
		break;
	default:
		kr->v = VERDICT_ERROR;
		break;
	}
}

void probe_kx(struct probe_ctx *c, const struct probe_target *t,
	      enum kx_probe which, struct probe_result *res)
{
	if (which == KX_RSA)
		kx_rsa(c, t, &res->kx[which]);
	else
		kx_handshake(c, t, &kx_defs[which], &res->kx[which]);
}

void probe_kx_describe(const struct kx_seen *k, struct strbuf *out)
{
	if (!strcmp(k->kind, "DHE") && !k->bits)
		strbuf_addstr(out, "a group too small for OpenSSL to read");
	else if (!strcmp(k->kind, "DHE"))
		strbuf_addf(out, "%d-bit group%s%s (%d-bit security)", k->bits,
			    k->group[0] ? " " : "", k->group, k->security);
	else if (!strcmp(k->group, "X25519") || !strcmp(k->group, "X448"))
		strbuf_addf(out, "%s (%d-bit security)", k->group,
			    k->security);
	else
		strbuf_addf(out, "curve %s (%d bits, %d-bit security)",
			    k->group[0] ? k->group : "?", k->bits,
			    k->security);
}
