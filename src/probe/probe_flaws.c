/* probe_flaws.c - the TLS protocol flaws an audit is expected to check,
 * measured with our own ClientHellos where OpenSSL 3 cannot be asked:
 *
 * - one TLS 1.2 hello offering DEFLATE and the heartbeat extension: does
 *   the ServerHello carry renegotiation_info (RFC 5746), choose DEFLATE
 *   (CRIME), agree to heartbeats? When it does the last, the Heartbleed
 *   test: after the ServerHelloDone, a heartbeat request claiming more
 *   payload than it carries, then a well-formed one. Only the answer's
 *   first TLS_HB_PEEK bytes are read, which say which request was
 *   answered; whatever a vulnerable server leaks stays unread in the
 *   socket, which is reset.
 * - TLS_FALLBACK_SCSV (RFC 7507) at TLS 1.2, then lower while the server
 *   takes it; probe_judge_flaws.c weighs the answers against the
 *   versions the server accepts.
 * - client-initiated renegotiation: a real OpenSSL handshake at TLS 1.2
 *   or lower, then SSL_renegotiate().
 *
 * A server that speaks nothing below TLS 1.3 cannot have these flaws
 * (TLS 1.3 has no renegotiation, compression or heartbeat; a fallback
 * needs a lower version): FLAW_NA, said why. No answer, a cut one or a
 * broken one is FLAW_ERROR, never a pass.
 */
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "probe.h"
#include "tls_flight.h"
#include "lib/strbuf.h"

#define FLIGHT_MAX (256 * 1024)	/* a certificate chain fits */

__attribute__((format(printf, 3, 4)))
static void flaw_set(struct flaw_result *fr, enum flaw f, const char *fmt,
		     ...)
{
	va_list ap;

	fr->f = f;
	va_start(ap, fmt);
	vsnprintf(fr->what, sizeof(fr->what), fmt, ap);
	va_end(ap);
}

/* Why an exchange or read ended without an answer, for a FLAW_ERROR. */
static const char *net_ended(enum net_status st, size_t have,
			     const char *net_why, char *buf, size_t n)
{
	if (st == NET_CLOSED || st == NET_REFUSED)
		snprintf(buf, n, "connection %s after %zu bytes",
			 st == NET_CLOSED ? "closed" : "reset", have);
	else
		snprintf(buf, n, "%.120s after %zu bytes", net_why, have);
	return buf;
}

enum exchange probe_hello_open(struct probe_ctx *c,
			       const struct probe_target *t,
			       const struct tls_hello *h,
			       struct net_conn *conn, struct strbuf *in,
			       struct tls_server_hello *sh, char *why,
			       size_t whylen)
{
	struct strbuf hello = STRBUF_INIT;
	char chunk[16384], tmp[PROBE_WHY];
	enum net_status st;
	size_t got;

	memset(sh, 0, sizeof(*sh));
	if (tls_hello_build(h, &hello)) {
		snprintf(why, whylen, "cannot build the ClientHello");
		return EXCHANGE_FAILED;
	}
	st = net_connect(&c->net, t->host, t->port, conn, why, whylen);
	if (st != NET_OK) {
		strbuf_release(&hello);
		return EXCHANGE_FAILED;
	}
	st = net_send(conn, hello.buf, hello.len, why, whylen);
	strbuf_release(&hello);
	if (st == NET_REFUSED) {
		snprintf(why, whylen, "connection reset on the ClientHello");
		return EXCHANGE_CLOSED;
	}
	if (st != NET_OK)
		return EXCHANGE_FAILED;
	for (;;) {
		st = net_recv(conn, chunk, sizeof(chunk), &got, why, whylen);
		if (st != NET_OK) {
			if (!in->len && (st == NET_CLOSED || st == NET_REFUSED))
				return EXCHANGE_CLOSED;
			if (!in->len)
				return st == NET_TIMEOUT ? EXCHANGE_SILENT :
				       EXCHANGE_FAILED;
			if (!sh->why[0] && (st == NET_CLOSED ||
					       st == NET_REFUSED)) {
				/* whole warning alerts, then a hang-up */
				snprintf(why, whylen, "warning alert %s, then "
					 "the connection closed",
					 tls_alert_name(sh->alert));
				return EXCHANGE_ALERT;
			}
			snprintf(why, whylen, "%s", net_ended(st, in->len, why,
				 tmp, sizeof(tmp)));
			return EXCHANGE_CUT;
		}
		if (in->len + got > FLIGHT_MAX) {
			snprintf(why, whylen, "no ServerHello in the first "
				 "%d KB", FLIGHT_MAX / 1024);
			return EXCHANGE_NOT_TLS;
		}
		strbuf_add(in, chunk, got);
		switch (tls_hello_parse((const unsigned char *)in->buf,
					in->len, sh)) {
		case TLS_ANSWER_MORE:
			continue;
		case TLS_ANSWER_HELLO:
			if (tls_hello_check(h, sh, tmp, sizeof(tmp))) {
				snprintf(why, whylen, "protocol violation: "
					 "%.130s", tmp);
				return EXCHANGE_VIOLATION;
			}
			return EXCHANGE_HELLO;
		case TLS_ANSWER_ALERT:
			snprintf(why, whylen, "alert %s",
				 tls_alert_name(sh->alert));
			return EXCHANGE_ALERT;
		case TLS_ANSWER_NOT_TLS:
			snprintf(why, whylen, "%s", sh->why);
			return EXCHANGE_NOT_TLS;
		}
	}
}

int probe_flight_read(struct net_conn *conn, struct strbuf *in, char *why,
		      size_t whylen)
{
	char chunk[16384], tmp[PROBE_WHY], ended[PROBE_WHY];
	size_t used, got;
	uint8_t alert = 0;

	for (;;) {
		enum net_status st;

		switch (tls_flight_scan((const unsigned char *)in->buf,
					in->len, &used, &alert, why, whylen)) {
		case TLS_FLIGHT_DONE:
			if (used == in->len)
				return 0;
			snprintf(why, whylen, "%zu bytes after the "
				 "ServerHelloDone, unasked", in->len - used);
			return -1;
		case TLS_FLIGHT_ALERT:
			snprintf(why, whylen, "alert %s before the "
				 "ServerHelloDone", tls_alert_name(alert));
			return -1;
		case TLS_FLIGHT_BAD:
			return -1;
		case TLS_FLIGHT_MORE:
			break;
		}
		if (in->len >= FLIGHT_MAX) {
			snprintf(why, whylen, "no ServerHelloDone in the first "
				 "%d KB", FLIGHT_MAX / 1024);
			return -1;
		}
		st = net_recv(conn, chunk, sizeof(chunk), &got, why, whylen);
		if (st != NET_OK) {
			snprintf(tmp, sizeof(tmp), "%s", why);
			snprintf(why, whylen, "%.120s of the server's first flight",
				 net_ended(st, in->len, tmp, ended,
					   sizeof(ended)));
			return -1;
		}
		strbuf_add(in, chunk, got);
	}
}

/* The Heartbleed test proper, on a connection whose ServerHello agreed
 * to heartbeats. At most TLS_HB_PEEK bytes of the answer are read. */
static void heartbleed(struct net_conn *conn, struct strbuf *in,
		       uint16_t version, struct flaw_result *fr)
{
	unsigned char req[TLS_HB_REQUESTS], peek[TLS_HB_PEEK];
	char why[PROBE_WHY];
	size_t have = 0, rec = 0, got;
	uint8_t alert = 0;

	if (probe_flight_read(conn, in, why, sizeof(why))) {
		flaw_set(fr, FLAW_ERROR, "heartbeat agreed, then %s", why);
		return;
	}
	net_phase(conn);
	if (net_send(conn, req, tls_heartbeat_requests(version, req), why,
		     sizeof(why)) != NET_OK) {
		flaw_set(fr, FLAW_ABSENT, "heartbeat agreed, the requests "
			 "not taken (%s)", why);
		return;
	}
	for (;;) {
		enum net_status st;

		switch (tls_heartbeat_answer(peek, have, &rec, &alert, why,
					     sizeof(why))) {
		case TLS_HB_LEAK:
			flaw_set(fr, FLAW_PRESENT, "a heartbeat request "
				 "claiming %d payload bytes and carrying none "
				 "was answered, with a %zu-byte record (not "
				 "read)", TLS_HB_CLAIM, rec);
			return;
		case TLS_HB_ECHO:
			flaw_set(fr, FLAW_ABSENT, "heartbeat agreed; the "
				 "overlong request discarded, the well-formed "
				 "one answered");
			return;
		case TLS_HB_ALERT:
			flaw_set(fr, FLAW_ABSENT, "heartbeat agreed; the "
				 "requests answered with alert %s",
				 tls_alert_name(alert));
			return;
		case TLS_HB_BAD:
			flaw_set(fr, FLAW_ERROR, "%s", why);
			return;
		case TLS_HB_MORE:
			break;
		}
		st = net_recv(conn, peek + have, sizeof(peek) - have, &got,
			      why, sizeof(why));
		if (st == NET_OK) {
			have += got;
		} else if (!have && (st == NET_CLOSED || st == NET_REFUSED)) {
			flaw_set(fr, FLAW_ABSENT, "heartbeat agreed; the "
				 "connection %s on the requests",
				 st == NET_CLOSED ? "closed" : "reset");
			return;
		} else {
			char tmp[PROBE_WHY];

			flaw_set(fr, FLAW_ERROR, "heartbeat requests: %s",
				 net_ended(st, have, why, tmp, sizeof(tmp)));
			return;
		}
	}
}

static void all_three(struct flaws_result *f, enum flaw v, const char *what)
{
	flaw_set(&f->reneg_secure, v, "%s", what);
	flaw_set(&f->compression, v, "%s", what);
	flaw_set(&f->heartbleed, v, "%s", what);
}

static void reneg_info(struct flaw_result *fr,
		       const struct tls_server_hello *sh)
{
	if (sh->secure_renegotiation)
		flaw_set(fr, FLAW_ABSENT, "renegotiation_info in the %s "
			 "ServerHello", tls_version_name(sh->version));
	else
		flaw_set(fr, FLAW_PRESENT, "no renegotiation_info in the %s "
			 "ServerHello, though the hello offered "
			 "TLS_EMPTY_RENEGOTIATION_INFO_SCSV",
			 tls_version_name(sh->version));
}

/* A refused hello with the extras: is that about them, or is there no
 * TLS <= 1.2 at all? Ask again without. */
static void hello_refused(struct probe_ctx *c, const struct probe_target *t,
			  struct flaws_result *f, const char *why)
{
	struct tls_hello h = { TLS_1_2, t->host, NULL, 0, 0 };
	struct tls_server_hello sh;
	char why2[PROBE_WHY], what[PROBE_WHY];

	switch (probe_exchange(c, t->host, t->port, &h, &sh, why2,
			       sizeof(why2))) {
	case EXCHANGE_HELLO:
		reneg_info(&f->reneg_secure, &sh);
		flaw_set(&f->compression, FLAW_ABSENT, "a hello offering "
			 "DEFLATE refused (%s)", why);
		flaw_set(&f->heartbleed, FLAW_ABSENT, "a hello with the "
			 "heartbeat extension refused (%s)", why);
		break;
	case EXCHANGE_ALERT:
	case EXCHANGE_CLOSED:
		snprintf(what, sizeof(what), "no TLS 1.2 or lower (%.130s)", why);
		all_three(f, FLAW_NA, what);
		break;
	default:
		all_three(f, FLAW_ERROR, why2);
		break;
	}
}

void probe_flaws_hello(struct probe_ctx *c, const struct probe_target *t,
		       struct probe_result *res)
{
	struct flaws_result *f = &res->flaws;
	struct tls_hello h = { TLS_1_2, t->host, NULL, 0,
			       TLS_HELLO_DEFLATE | TLS_HELLO_HEARTBEAT };
	struct tls_server_hello sh;
	struct strbuf in = STRBUF_INIT;
	struct net_conn conn = { .fd = -1 };
	char why[PROBE_WHY];
	enum exchange ex;

	ex = probe_hello_open(c, t, &h, &conn, &in, &sh, why, sizeof(why));
	if (ex == EXCHANGE_HELLO) {
		reneg_info(&f->reneg_secure, &sh);
		if (sh.compression)
			flaw_set(&f->compression, FLAW_PRESENT, "DEFLATE "
				 "chosen at %s", tls_version_name(sh.version));
		else
			flaw_set(&f->compression, FLAW_ABSENT, "null "
				 "compression chosen, DEFLATE offered");
		if (!sh.heartbeat)
			flaw_set(&f->heartbleed, FLAW_ABSENT, "heartbeat "
				 "extension not agreed");
		else
			heartbleed(&conn, &in, sh.version, &f->heartbleed);
	}
	net_close(&conn, 1);	/* a reset: any leak stays unread */
	strbuf_release(&in);
	if (ex == EXCHANGE_ALERT || ex == EXCHANGE_CLOSED)
		hello_refused(c, t, f, why);
	else if (ex != EXCHANGE_HELLO)
		all_three(f, FLAW_ERROR, why);
}

void probe_flaws_fallback(struct probe_ctx *c, const struct probe_target *t,
			  struct probe_result *res)
{
	struct flaws_result *f = &res->flaws;
	uint16_t v = TLS_1_2;

	while (f->nr_fallback < PROBE_FALLBACK_TRIES && v >= TLS_1_0) {
		struct fallback_try *ft = &f->fallback[f->nr_fallback++];
		struct tls_hello h = { v, t->host, NULL, 0,
				       TLS_HELLO_FALLBACK };
		struct tls_server_hello sh;

		ft->offered = v;
		switch (probe_exchange(c, t->host, t->port, &h, &sh, ft->why,
				       sizeof(ft->why))) {
		case EXCHANGE_HELLO:
			ft->got = FB_HELLO;
			ft->version = sh.version;
			break;
		case EXCHANGE_ALERT:
			ft->got = FB_ALERT;
			ft->alert = sh.alert;
			break;
		case EXCHANGE_CLOSED:
			ft->got = FB_CLOSED;
			break;
		default:
			ft->got = FB_ERROR;
			break;
		}
		if (ft->got != FB_HELLO)
			return;
		/* taken: does it also take a version below this one? */
		v = (uint16_t)((sh.version < v ? sh.version : v) - 1);
	}
}

int probe_ssl_drive(SSL *ssl, struct net_conn *conn, int (*fn)(SSL *),
		    int *err)
{
	net_phase(conn);
	for (;;) {
		int rc = fn(ssl);

		if (rc == 1)
			return 1;
		*err = SSL_get_error(ssl, rc);
		if (*err != SSL_ERROR_WANT_READ && *err != SSL_ERROR_WANT_WRITE)
			return -1;
		if (net_wait(conn, *err == SSL_ERROR_WANT_WRITE) != NET_OK)
			return 0;
	}
}

/* The alert behind an OpenSSL error, or -1: OpenSSL files a received
 * alert as reason SSL_AD_REASON_OFFSET + its description. */
static int alert_of(unsigned long e)
{
	int r = ERR_GET_REASON(e);

	return ERR_GET_LIB(e) == ERR_LIB_SSL && r >= SSL_AD_REASON_OFFSET &&
	       r < SSL_AD_REASON_OFFSET + 256 ? r - SSL_AD_REASON_OFFSET : -1;
}

static int no_legacy_tls(unsigned long e)
{
	int r = ERR_GET_REASON(e);

	return ERR_GET_LIB(e) == ERR_LIB_SSL &&
	       (r == SSL_R_TLSV1_ALERT_PROTOCOL_VERSION ||
		r == SSL_R_UNSUPPORTED_PROTOCOL ||
		r == SSL_R_NO_PROTOCOLS_AVAILABLE);
}

static const char *ssl_why(unsigned long e)
{
	const char *s = e ? ERR_reason_error_string(e) : NULL;

	return s ? s : "connection closed";
}

/* The renegotiation after a finished handshake: what did the server do
 * with our new ClientHello? */
static void renegotiate(SSL *ssl, struct net_conn *conn,
			struct flaw_result *fr)
{
	const char *v = tls_version_name((uint16_t)SSL_version(ssl));
	unsigned long e;
	int err = 0, rc, a;

	if (SSL_renegotiate(ssl) != 1) {
		flaw_set(fr, FLAW_ERROR, "OpenSSL would not renegotiate: %s",
			 ssl_why(ERR_peek_last_error()));
		return;
	}
	rc = probe_ssl_drive(ssl, conn, SSL_do_handshake, &err);
	e = ERR_peek_last_error();
	if (rc == 1) {
		flaw_set(fr, FLAW_PRESENT, "a renegotiation the client "
			 "started at %s completed", v);
	} else if (rc == 0) {
		flaw_set(fr, FLAW_ERROR, "no answer to the renegotiation "
			 "within %ld ms", conn->net->timeout_ms);
	} else if (ERR_GET_LIB(e) == ERR_LIB_SSL &&
		   ERR_GET_REASON(e) == SSL_R_NO_RENEGOTIATION) {
		flaw_set(fr, FLAW_ABSENT, "at %s: warning alert "
			 "no_renegotiation", v);
	} else if ((a = alert_of(e)) >= 0) {
		flaw_set(fr, FLAW_ABSENT, "at %s: alert %s", v,
			 tls_alert_name((uint8_t)a));
	} else if (err == SSL_ERROR_SYSCALL || err == SSL_ERROR_ZERO_RETURN ||
		   !e) {
		flaw_set(fr, FLAW_ABSENT, "at %s: the connection closed on "
			 "the new ClientHello", v);
	} else {
		flaw_set(fr, FLAW_ERROR, "renegotiation failed: %s",
			 ssl_why(e));
	}
}

void probe_flaws_reneg(struct probe_ctx *c, const struct probe_target *t,
		       struct probe_result *res)
{
	struct flaw_result *fr = &res->flaws.reneg_client;
	struct net_conn conn;
	char why[PROBE_WHY];
	SSL *ssl;
	int err = 0, rc;

	if (net_connect(&c->net, t->host, t->port, &conn, why,
			sizeof(why)) != NET_OK) {
		flaw_set(fr, FLAW_ERROR, "%s", why);
		return;
	}
	ERR_clear_error();
	ssl = SSL_new(c->ssl_ctx);
	if (!ssl) {
		flaw_set(fr, FLAW_ERROR, "cannot start OpenSSL");
		net_close(&conn, 1);
		return;
	}
	/* renegotiation is TLS 1.2 and lower; an insecure one too */
	SSL_set_max_proto_version(ssl, TLS1_2_VERSION);
	SSL_set_options(ssl, SSL_OP_ALLOW_UNSAFE_LEGACY_RENEGOTIATION);
	SSL_set_fd(ssl, conn.fd);
	if (!tls_host_is_address(t->host))
		SSL_set_tlsext_host_name(ssl, t->host);
	rc = probe_ssl_drive(ssl, &conn, SSL_connect, &err);
	if (rc == 1)
		renegotiate(ssl, &conn, fr);
	else if (rc == 0)
		flaw_set(fr, FLAW_ERROR, "TLS handshake: no answer within "
			 "%ld ms", conn.net->timeout_ms);
	else if (no_legacy_tls(ERR_peek_last_error()))
		flaw_set(fr, FLAW_NA, "no TLS 1.2 or lower (%s)",
			 ssl_why(ERR_peek_last_error()));
	else
		flaw_set(fr, FLAW_ERROR, "TLS handshake failed: %s",
			 ssl_why(ERR_peek_last_error()));
	SSL_free(ssl);
	ERR_clear_error();
	net_close(&conn, 1);
}
