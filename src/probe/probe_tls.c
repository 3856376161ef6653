/* probe_tls.c - protocol versions and cipher suites from raw ClientHellos.
 *
 * Each check sends a ClientHello built by tls_hello.c (so SSLv3, RC4,
 * EXPORT and the rest are offered whatever this machine's OpenSSL can
 * still do) and reads only the server's first answer. A version counts as
 * refused only when the server said so: an alert, a ServerHello for
 * a lower version, or a close before any byte (see enum exchange). No
 * answer, an answer cut part-way, a ServerHello choosing what we never
 * offered, or bytes that are not TLS leave the verdict an error, never a
 * pass.
 */
#include <string.h>

#include "probe.h"
#include "tls_suites.h"
#include "lib/strbuf.h"
#include "lib/xalloc.h"

#define ANSWER_MAX (64 * 1024)
#define SHORT_OFFER 48		/* suites in a retry's ClientHello */

const uint16_t probe_versions[PROBE_VERSIONS] = {
	TLS_SSL3, TLS_1_0, TLS_1_1, TLS_1_2, TLS_1_3
};

/* The answer stopped (st: closed, reset or timed out) with in_len bytes
 * that make no answer yet, sh->why saying where they stop. */
static enum exchange answer_ended(enum net_status st, size_t in_len,
				  const struct tls_server_hello *sh,
				  long timeout_ms, char *why, size_t whylen)
{
	int closed = st == NET_CLOSED || st == NET_REFUSED;
	const char *how = st == NET_CLOSED ? "closed" : "reset";

	if (!in_len) {
		if (!closed)
			return EXCHANGE_SILENT;	/* why: net's words */
		snprintf(why, whylen, "connection %s before any answer", how);
		return EXCHANGE_CLOSED;
	}
	if (!sh->why[0] && closed) {
		/* whole warning alerts, then a hang-up: a refusal */
		snprintf(why, whylen, "warning alert %s, then the connection "
			 "%s", tls_alert_name(sh->alert), how);
		return EXCHANGE_ALERT;
	}
	if (closed) {
		snprintf(why, whylen, "connection %s after %zu bytes of an "
			 "answer, %s", how, in_len, sh->why[0] ? sh->why :
			 "between records");
	} else if (st == NET_TIMEOUT) {
		snprintf(why, whylen, "nothing more within %ld ms after %zu "
			 "bytes of an answer, %s", timeout_ms, in_len,
			 sh->why[0] ? sh->why : "between records");
	} else {
		char net_why[64];

		snprintf(net_why, sizeof(net_why), "%s", why);
		snprintf(why, whylen, "%s after %zu bytes of an answer, %s",
			 net_why, in_len, sh->why[0] ? sh->why :
			 "between records");
	}
	return EXCHANGE_CUT;
}

/* Read the first answer, at most ANSWER_MAX bytes, parsing it again as
 * each piece arrives. */
static enum exchange answer_read(struct net_conn *conn,
				 const struct tls_hello *h,
				 struct tls_server_hello *sh, char *why,
				 size_t whylen)
{
	struct strbuf in = STRBUF_INIT;
	enum exchange ex = EXCHANGE_CUT;
	char chunk[16384], wrong[128];

	for (;;) {
		enum net_status st;
		size_t got;

		st = net_recv(conn, chunk, sizeof(chunk), &got, why, whylen);
		if (st != NET_OK) {
			ex = answer_ended(st, in.len, sh,
					  conn->net->timeout_ms, why, whylen);
			break;
		}
		if (in.len + got > ANSWER_MAX) {
			ex = EXCHANGE_NOT_TLS;
			snprintf(why, whylen, "no ServerHello in the first "
				 "%d KB", ANSWER_MAX / 1024);
			break;
		}
		strbuf_add(&in, chunk, got);
		switch (tls_hello_parse((const unsigned char *)in.buf, in.len,
					sh)) {
		case TLS_ANSWER_MORE:
			continue;
		case TLS_ANSWER_HELLO:
			ex = EXCHANGE_HELLO;
			if (tls_hello_check(h, sh, wrong, sizeof(wrong))) {
				ex = EXCHANGE_VIOLATION;
				snprintf(why, whylen, "protocol violation: %s",
					 wrong);
			}
			break;
		case TLS_ANSWER_ALERT:
			ex = EXCHANGE_ALERT;
			snprintf(why, whylen, "alert %s",
				 tls_alert_name(sh->alert));
			break;
		case TLS_ANSWER_NOT_TLS:
			ex = EXCHANGE_NOT_TLS;
			snprintf(why, whylen, "%s", sh->why);
			break;
		}
		break;
	}
	strbuf_release(&in);
	return ex;
}

enum exchange probe_exchange(struct probe_ctx *c, const char *host,
			     unsigned port, const struct tls_hello *h,
			     struct tls_server_hello *sh, char *why,
			     size_t whylen)
{
	struct strbuf hello = STRBUF_INIT;
	struct net_conn conn;
	enum exchange ex = EXCHANGE_FAILED;
	enum net_status st;

	memset(sh, 0, sizeof(*sh));
	tls_hello_build(h, &hello);
	st = net_connect(&c->net, host, port, &conn, why, whylen);
	if (st == NET_ERROR)
		ex = EXCHANGE_UNREACHABLE;	/* no address, no route */
	if (st != NET_OK)
		goto out;
	st = net_send(&conn, hello.buf, hello.len, why, whylen);
	if (st == NET_REFUSED) {
		ex = EXCHANGE_CLOSED;
		snprintf(why, whylen, "connection reset on the ClientHello");
	} else if (st == NET_OK) {
		ex = answer_read(&conn, h, sh, why, whylen);
	}
	net_close(&conn, 1);
out:
	strbuf_release(&hello);
	return ex;
}

/* Up to n suites usable at version, in table (preference) order, with
 * one of the any_of flags (0: any suite) and none of none_of. */
static size_t offer(uint16_t version, unsigned any_of, unsigned none_of,
		    uint16_t *out, size_t n)
{
	size_t nr = 0;

	for (size_t k = 0; k < tls_suites_nr && nr < n; k++) {
		const struct tls_suite *s = &tls_suites[k];

		if (tls_suite_usable(s, version) &&
		    (!any_of || (s->flags & any_of)) && !(s->flags & none_of))
			out[nr++] = s->id;
	}
	return nr;
}

void probe_version(struct probe_ctx *c, const struct probe_target *t,
		   unsigned i, struct probe_result *res)
{
	struct version_result *vr = &res->versions[i];
	struct tls_hello h = { probe_versions[i], t->host, NULL, 0, 0 };
	struct tls_server_hello sh;
	uint16_t short_list[SHORT_OFFER];
	enum exchange ex;

	ex = probe_exchange(c, t->host, t->port, &h, &sh, vr->why,
			    sizeof(vr->why));
	/* some old servers choke on a long hello (more than ~128 suites):
	 * before calling a version refused, ask again with a short one */
	if ((ex == EXCHANGE_ALERT || ex == EXCHANGE_CLOSED) &&
	    h.version != TLS_1_3) {
		h.suites = short_list;
		h.nr_suites = offer(h.version, 0, 0, short_list, SHORT_OFFER);
		ex = probe_exchange(c, t->host, t->port, &h, &sh, vr->why,
				    sizeof(vr->why));
	}
	switch (ex) {
	case EXCHANGE_HELLO:
		vr->spoke_tls = 1;
		vr->suite = sh.suite;
		if (sh.version == h.version) {
			vr->v = VERDICT_ACCEPTED;
		} else {
			vr->v = VERDICT_REFUSED;
			snprintf(vr->why, sizeof(vr->why), "answered with %s",
				 tls_version_name(sh.version));
		}
		break;
	case EXCHANGE_ALERT:
		vr->spoke_tls = 1;
		vr->v = VERDICT_REFUSED;
		break;
	case EXCHANGE_CLOSED:
		vr->v = VERDICT_REFUSED;
		break;
	default:
		vr->v = VERDICT_ERROR;
		break;
	}
}

/* Offer only the weak suites usable at the version; each one the server
 * picks is noted and left out of the next offer, until it refuses. */
void probe_weak(struct probe_ctx *c, const struct probe_target *t,
		unsigned i, struct probe_result *res)
{
	struct weak_result *wr = &res->weak[i];
	uint16_t list[256];
	struct tls_hello h = { probe_versions[i], t->host, list, 0, 0 };
	struct tls_server_hello sh;
	size_t nr = offer(h.version, SUITE_WEAK, 0, list, ARRAY_SIZE(list));
	wr->v = VERDICT_REFUSED;
	while (nr && wr->nr < PROBE_MAX_WEAK) {
		enum exchange ex;
		size_t k;

		h.nr_suites = nr;
		ex = probe_exchange(c, t->host, t->port, &h, &sh, wr->why,
				    sizeof(wr->why));
		if (ex != EXCHANGE_HELLO && ex != EXCHANGE_ALERT &&
		    ex != EXCHANGE_CLOSED) {
			if (!wr->nr)
				wr->v = VERDICT_ERROR;
			return;
		}
		if (ex != EXCHANGE_HELLO || sh.version != h.version)
			return;		/* nothing (more) at this version */
		for (k = 0; k < nr && list[k] != sh.suite; k++)
			;
		if (k == nr)	/* cannot be: probe_exchange checked it */
			return;
		wr->suites[wr->nr++] = sh.suite;
		wr->v = VERDICT_ACCEPTED;
		memmove(&list[k], &list[k + 1],
			(nr - k - 1) * sizeof(list[0]));
		nr--;
	}
}

/* Offer every strong TLS <= 1.2 suite in a modern client's order
 * (forward-secret ones first): which one does the server pick? */
void probe_fs(struct probe_ctx *c, const struct probe_target *t,
	      struct probe_result *res)
{
	struct fs_result *fr = &res->fs;
	uint16_t list[256];
	struct tls_hello h = { TLS_1_2, t->host, list, 0, 0 };
	struct tls_server_hello sh;

	/* usable at TLS 1.2: no TLS 1.3 suite */
	h.nr_suites = offer(TLS_1_2, 0, SUITE_WEAK, list, ARRAY_SIZE(list));
	switch (probe_exchange(c, t->host, t->port, &h, &sh, fr->why,
			       sizeof(fr->why))) {
	case EXCHANGE_HELLO:
		fr->v = sh.version <= TLS_1_2 ? VERDICT_ACCEPTED :
			VERDICT_REFUSED;
		fr->version = sh.version;
		fr->suite = sh.suite;
		break;
	case EXCHANGE_ALERT:
	case EXCHANGE_CLOSED:
		fr->v = VERDICT_REFUSED;
		break;
	default:
		fr->v = VERDICT_ERROR;
		break;
	}
}
