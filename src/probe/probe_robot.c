/* probe_robot.c - ROBOT (the Return Of Bleichenbacher's Oracle Threat,
 * 2017): does a server with RSA key exchange answer a malformed PKCS#1
 * v1.5 premaster secret differently from a well-formed one? If it does,
 * an attacker who asks often enough decrypts recorded sessions or signs
 * with the server's key.
 *
 * Five connections offer only RSA key-exchange suites, read the flight to
 * its ServerHelloDone and take the RSA key from the leaf, then send one
 * ClientKeyExchange each, encrypted without padding so that we choose
 * the padding: well-formed, wrong first bytes, the 0x00 separator in the
 * wrong place, no separator, the wrong version in the premaster secret
 * (the variants of the ROBOT paper), then ChangeCipherSpec and a Finished
 * of random bytes. A sound server answers all five alike (its Finished
 * check fails either way); different answers are the oracle. They are
 * asked twice before a finding, so a flaky server is no verdict, not a
 * flaw. A server without RSA key exchange cannot have it: FLAW_NA.
 */
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "probe.h"
#include "tls_flight.h"
#include "lib/strbuf.h"
#include "lib/xalloc.h"

#define VARIANTS 5
#define ANSWER 48		/* room for one answer's words */

/* RSA key exchange only: AES-CBC and GCM, then 3DES */
static const uint16_t rsa_suites[] = {
	0x002f, 0x0035, 0x003c, 0x003d, 0x009c, 0x009d, 0x000a,
};

static const char *const variant_names[VARIANTS] = {
	"well-formed", "wrong first bytes", "0x00 misplaced",
	"no 0x00 separator", "wrong version",
};

__attribute__((format(printf, 3, 4)))
static void say(char *out, size_t n, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(out, n, fmt, ap);
	va_end(ap);
}

/* The n-byte block to encrypt: 00 02, nonzero padding, 00, the version
 * 03 03 and 46 random bytes, then spoiled as variant v says. */
static int block(int v, unsigned char *m, size_t n)
{
	if (n < 64 || RAND_bytes(m, (int)n) != 1)
		return -1;
	for (size_t i = 2; i < n; i++)
		if (!m[i])
			m[i] = 0x5a;
	m[0] = 0x00;
	m[1] = 0x02;
	m[n - 49] = 0x00;
	m[n - 48] = 0x03;
	m[n - 47] = 0x03;
	switch (v) {
	case 1:
		m[0] = 0x41;
		m[1] = 0x17;
		break;
	case 2:			/* the only 0x00 near the end */
		m[n - 49] = 0x11;
		m[n - 48] = m[n - 47] = 0x5a;
		m[n - 2] = 0x00;
		m[n - 1] = 0x11;
		break;
	case 3:
		m[n - 49] = m[n - 48] = m[n - 47] = 0x11;
		break;
	case 4:
		m[n - 48] = m[n - 47] = 0x02;
		break;
	}
	return 0;
}

/* enc = m^e mod n with the leaf's key, no padding added: 0, or -1. */
static int encrypt_raw(const struct strbuf *leaf, int v, unsigned char *enc,
		       size_t *n)
{
	const unsigned char *p = (const unsigned char *)leaf->buf;
	X509 *x = d2i_X509(NULL, &p, (long)leaf->len);
	EVP_PKEY *pk = x ? X509_get0_pubkey(x) : NULL;
	EVP_PKEY_CTX *pc = NULL;
	unsigned char m[1024];
	size_t len = pk ? (size_t)EVP_PKEY_get_size(pk) : 0;
	int ret = -1;

	if (!pk || EVP_PKEY_get_base_id(pk) != EVP_PKEY_RSA ||
	    len > sizeof(m) || len > *n || block(v, m, len))
		goto out;
	pc = EVP_PKEY_CTX_new(pk, NULL);
	if (pc && EVP_PKEY_encrypt_init(pc) == 1 &&
	    EVP_PKEY_CTX_set_rsa_padding(pc, RSA_NO_PADDING) == 1 &&
	    EVP_PKEY_encrypt(pc, enc, n, m, len) == 1)
		ret = 0;
out:
	EVP_PKEY_CTX_free(pc);
	X509_free(x);
	return ret;
}

/* What the server did with our key exchange, in a few words. */
static void answer_read(struct net_conn *conn, char *out, size_t n)
{
	unsigned char b[7];
	size_t have = 0, got;
	char why[PROBE_WHY];

	net_phase(conn);
	while (have < sizeof(b)) {
		enum net_status st = net_recv(conn, b + have,
					      sizeof(b) - have, &got, why,
					      sizeof(why));

		if (st != NET_OK) {
			say(out, n, "%s", st == NET_CLOSED ? "closed" :
			    st == NET_REFUSED ? "reset" : st == NET_TIMEOUT ?
			    "no answer" : "network error");
			return;
		}
		have += got;
		if (b[0] != 21) {
			say(out, n, "a record of type %u", b[0]);
			return;
		}
	}
	say(out, n, "alert %s", tls_alert_name(b[6]));
}

enum robot_try { TRY_ANSWERED, TRY_NO_RSA, TRY_FAILED };

/* One connection, one ClientKeyExchange of variant v: its answer. */
static enum robot_try robot_try(struct probe_ctx *c,
				const struct probe_target *t, int v,
				char *answer, size_t n)
{
	struct tls_hello h = { TLS_1_2, t->host, rsa_suites,
			       ARRAY_SIZE(rsa_suites), 0 };
	struct tls_server_hello sh;
	struct strbuf in = STRBUF_INIT, leaf = STRBUF_INIT, out = STRBUF_INIT;
	struct net_conn conn = { .fd = -1 };
	unsigned char enc[1024];
	size_t elen = sizeof(enc);
	enum robot_try ret = TRY_FAILED;
	enum exchange ex;

	ex = probe_hello_open(c, t, &h, &conn, &in, &sh, answer, n);
	if (ex == EXCHANGE_ALERT || ex == EXCHANGE_CLOSED) {
		ret = TRY_NO_RSA;
	} else if (ex != EXCHANGE_HELLO) {
		;		/* answer says why */
	} else if (probe_flight_read(&conn, &in, answer, n) ||
		   tls_flight_leaf((const unsigned char *)in.buf, in.len,
				   &leaf, answer, n)) {
		;
	} else if (encrypt_raw(&leaf, v, enc, &elen) ||
		   tls_robot_flight(sh.version, enc, elen, &out)) {
		say(answer, n, "no RSA key in the certificate to encrypt with");
	} else if (net_send(&conn, out.buf, out.len, answer, n) != NET_OK) {
		say(answer, n, "closed");	/* refused our key exchange */
		ret = TRY_ANSWERED;
	} else {
		answer_read(&conn, answer, n);
		ret = TRY_ANSWERED;
	}
	net_close(&conn, 1);
	strbuf_release(&in);
	strbuf_release(&leaf);
	strbuf_release(&out);
	return ret;
}

/* One round of all five: 0, 1 when there is no RSA key exchange, -1 with
 * why when a try got no answer. */
static int robot_round(struct probe_ctx *c, const struct probe_target *t,
		       char answers[VARIANTS][ANSWER], char *why, size_t n)
{
	for (int v = 0; v < VARIANTS; v++) {
		char a[PROBE_WHY];

		switch (robot_try(c, t, v, a, sizeof(a))) {
		case TRY_ANSWERED:
			say(answers[v], ANSWER, "%s", a);
			break;
		case TRY_NO_RSA:
			if (v == 0) {
				say(why, n, "no RSA key exchange (%s)", a);
				return 1;
			}
			/* it took RSA a moment ago: no verdict */
			say(why, n, "%s premaster secret: %s",
			    variant_names[v], a);
			return -1;
		case TRY_FAILED:
			say(why, n, "%s premaster secret: %s",
			    variant_names[v], a);
			return -1;
		}
	}
	return 0;
}

void probe_robot(struct probe_ctx *c, const struct probe_target *t,
		 struct probe_result *res)
{
	struct flaw_result *fr = &res->flaws.robot;
	char first[VARIANTS][ANSWER], second[VARIANTS][ANSWER];
	char why[PROBE_WHY];
	int rc, odd = -1;

	rc = robot_round(c, t, first, why, sizeof(why));
	if (rc) {
		fr->f = rc > 0 ? FLAW_NA : FLAW_ERROR;
		snprintf(fr->what, sizeof(fr->what), "%s", why);
		return;
	}
	for (int v = 1; v < VARIANTS && odd < 0; v++)
		if (strcmp(first[v], first[0]))
			odd = v;
	if (odd < 0) {
		fr->f = FLAW_ABSENT;
		say(fr->what, sizeof(fr->what), "all five key exchanges got "
		    "%s", first[0]);
		return;
	}
	/* an oracle must answer the same way twice */
	rc = robot_round(c, t, second, why, sizeof(why));
	for (int v = 0; !rc && v < VARIANTS; v++)
		if (strcmp(first[v], second[v]))
			rc = -1;
	if (rc) {
		fr->f = FLAW_ERROR;
		say(fr->what, sizeof(fr->what), "the answers changed between "
		    "two rounds (%s: %s, then %s)", variant_names[odd],
		    first[odd], second[odd]);
		return;
	}
	fr->f = FLAW_PRESENT;
	say(fr->what, sizeof(fr->what), "a well-formed premaster secret got "
	    "%s, one with %s got %s, twice", first[0], variant_names[odd],
	    first[odd]);
}
