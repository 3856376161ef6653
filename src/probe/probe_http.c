/* probe_http.c - the HTTP-level checks: is a plain-HTTP request refused,
 * does the HTTPS answer carry HSTS, and do the alternative ports answer
 * TLS or HTTP.
 *
 * Over plain HTTP the probe sends only PROBE_DUMMY_TOKEN, a constant that
 * is no credential, so an API that evaluates it reveals itself (401 with
 * WWW-Authenticate) without anything real crossing the wire. libcurl makes
 * these requests with its usual proxy variables; redirects are never
 * followed.
 *
 * A hostile server decides what it sends, so each request reads only what
 * a verdict needs (the status line, the headers, a bounded body) and then
 * hangs up, and a status line once received is the answer whatever comes
 * after it: a timeout or reset in the headers or the body cannot turn an
 * answer into "not served".
 */
#include <curl/curl.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "probe.h"
#include "lib/http_bound.h"
#include "lib/strbuf.h"

#define PROBE_DUMMY_TOKEN "authaudit-probe-dummy-token-not-a-credential"

/* No verdict reads the body, only the status and headers: the body is read
 * up to this and the transfer then ended (an endless body costs this much,
 * not what a server can send before the timeout); headers past the same
 * size are not read either. */
#define PROBE_READ_MAX (64 * 1024)

/* Why a request that took the connection but gave no final status
 * (within the transfer's limit, 3 timeouts) gives no verdict. */
static void no_status(const struct probe_ctx *c, const struct http_bound *x,
		      const char *curl_why, char *why, size_t whylen)
{
	if (x->status)
		snprintf(why, whylen, "only an interim %ld answer, then: "
			 "%.100s", x->status, curl_why);
	else
		snprintf(why, whylen, "connected, but no HTTP status line "
			 "within %g s", 3 * c->o->timeout_ms / 1000.0);
}

static void header_value(CURL *h, const char *name, char *out, size_t len)
{
	struct curl_header *hd;

	out[0] = '\0';
	if (curl_easy_header(h, name, 0, CURLH_HEADER, -1, &hd) == CURLHE_OK)
		snprintf(out, len, "%s", hd->value);
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

/* The --resolve entry libcurl gets for url: the one address net.c pins
 * its host to for the URL's port (net_pin), so the plain-HTTP and HSTS
 * requests reach the machine every other check of the host reached. */
static struct curl_slist *pinned(struct probe_ctx *c, const char *url,
				 const char *host)
{
	CURLU *u = curl_url();
	char *port = NULL, addr[128], entry[512];
	const char *a = NULL;
	struct curl_slist *l = NULL;

	if (u && !curl_url_set(u, CURLUPART_URL, url, 0) &&
	    !curl_url_get(u, CURLUPART_PORT, &port, CURLU_DEFAULT_PORT)) {
		/* curl gives an IPv6 host in brackets, as the URL has it */
		char bare[256];
		size_t n = strlen(host);

		snprintf(bare, sizeof(bare), "%.*s",
			 host[0] == '[' && n > 1 ? (int)n - 2 : (int)n,
			 host + (host[0] == '['));
		a = net_pin(&c->net, bare, (unsigned)atoi(port), addr,
			    sizeof(addr));
	}
	if (a) {
		snprintf(entry, sizeof(entry), strchr(a, ':') ? "%s:%s:[%s]" :
			 "%s:%s:%s", host, port, a);
		l = curl_slist_append(NULL, entry);
	}
	curl_free(port);
	curl_url_cleanup(u);
	return l;
}

/* One GET with the run's timeouts and --resolve entries, read as far as
 * a verdict needs into x; the caller sets anything else. Returns curl's
 * code, CURLE_OK too when the read was cut at PROBE_READ_MAX on purpose;
 * the slot is taken around it. */
static CURLcode perform(struct probe_ctx *c, CURL *h, const char *url,
			struct http_bound *x, char *why, size_t whylen)
{
	struct curl_slist *resolve = NULL;
	char errbuf[CURL_ERROR_SIZE] = "", host[256];
	CURLcode cc;

	url_host(url, host, sizeof(host));
	resolve = pinned(c, url, host);
	curl_easy_setopt(h, CURLOPT_URL, url);
	curl_easy_setopt(h, CURLOPT_RESOLVE, resolve);
	curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(h, CURLOPT_NETRC, (long)CURL_NETRC_IGNORED);
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, c->o->timeout_ms);
	curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, 3 * c->o->timeout_ms);
	curl_easy_setopt(h, CURLOPT_FORBID_REUSE, 1L);
	curl_easy_setopt(h, CURLOPT_ERRORBUFFER, errbuf);
	http_bound_attach(x, h, PROBE_READ_MAX, NULL);
	curl_easy_setopt(h, CURLOPT_USERAGENT, "authaudit-probe");
	net_acquire(&c->net, host);
	cc = curl_easy_perform(h);
	net_give_back(&c->net, host);
	cc = http_bound_result(x, cc);	/* a cut is all that was needed */
	if (cc != CURLE_OK)
		snprintf(why, whylen, "%s", errbuf[0] ? errbuf :
			 curl_easy_strerror(cc));
	curl_easy_setopt(h, CURLOPT_RESOLVE, NULL);
	curl_slist_free_all(resolve);
	return cc;
}

/* No final status over plain HTTP: is that "not served"? Yes when nothing
 * took the connection, or the server closed or reset it before a status
 * line, or answered with something that is not HTTP (a TLS alert, say). A
 * server that took the connection and sent no status line in time (silent,
 * or trickling it) has not said no: that is no verdict. */
static enum verdict plain_refused(CURLcode cc, const struct http_bound *x)
{
	if (x->status)
		return VERDICT_ERROR;	/* a 1xx and nothing after it */
	switch (cc) {
	case CURLE_COULDNT_CONNECT:
	case CURLE_GOT_NOTHING:
	case CURLE_RECV_ERROR:
	case CURLE_SEND_ERROR:
	case CURLE_WEIRD_SERVER_REPLY:
	case CURLE_UNSUPPORTED_PROTOCOL:
		return VERDICT_REFUSED;
	case CURLE_OPERATION_TIMEDOUT:
		/* no connection in time: filtered, nothing accepts it */
		return x->connected ? VERDICT_ERROR : VERDICT_REFUSED;
	default:
		return VERDICT_ERROR;
	}
}

void probe_plain(struct probe_ctx *c, const struct probe_target *t,
		 struct probe_result *res)
{
	struct plain_result *pr = &res->plain;
	struct curl_slist *hl = curl_slist_append(NULL, "Authorization: "
						  "Bearer " PROBE_DUMMY_TOKEN);
	CURL *h = curl_easy_init();
	struct http_bound x;
	char wa[8], curl_why[PROBE_WHY];
	char *loc = NULL, *ct = NULL;
	CURLcode cc;

	if (!h) {
		pr->v = VERDICT_ERROR;
		snprintf(pr->why, sizeof(pr->why), "cannot start libcurl");
		curl_slist_free_all(hl);
		return;
	}
	curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http");
	curl_easy_setopt(h, CURLOPT_HTTPHEADER, hl);
	cc = perform(c, h, t->http_url, &x, curl_why, sizeof(curl_why));
	if (http_bound_answered(&x)) {
		/* whatever followed the status line: it was served */
		pr->v = VERDICT_ACCEPTED;
		pr->status = x.status;
		if (!curl_easy_getinfo(h, CURLINFO_REDIRECT_URL, &loc) && loc)
			snprintf(pr->location, sizeof(pr->location), "%s",
				 loc);
		if (!curl_easy_getinfo(h, CURLINFO_CONTENT_TYPE, &ct) && ct)
			snprintf(pr->content_type, sizeof(pr->content_type),
				 "%s", ct);
		header_value(h, "WWW-Authenticate", wa, sizeof(wa));
		pr->www_authenticate = wa[0] != '\0';
		if (cc != CURLE_OK)
			snprintf(pr->why, sizeof(pr->why), "after the status "
				 "line: %.100s", curl_why);
	} else {
		pr->v = plain_refused(cc, &x);
		if (pr->v == VERDICT_ERROR &&
		    (x.status || cc == CURLE_OPERATION_TIMEDOUT))
			no_status(c, &x, curl_why, pr->why, sizeof(pr->why));
		else
			snprintf(pr->why, sizeof(pr->why), "%s", curl_why);
	}
	curl_easy_cleanup(h);
	curl_slist_free_all(hl);
}

/* max-age of a Strict-Transport-Security value; -1 when it has none. */
static long long hsts_max_age(const char *v)
{
	while (*v) {
		char *end;
		long long n;

		v += strspn(v, " \t;");
		if (!strncasecmp(v, "max-age", 7)) {
			const char *p = v + 7;

			p += strspn(p, " \t");
			if (*p == '=') {
				p++;
				p += strspn(p, " \t\"");
				if (isdigit((unsigned char)*p)) {
					n = strtoll(p, &end, 10);
					return n < 0 ? -1 : n;
				}
			}
		}
		v += strcspn(v, ";");
	}
	return -1;
}

/* The HTTPS request failed in TLS: the handshake or the certificate,
 * where a compliant client gives up before any header. */
static int tls_refused(CURLcode cc)
{
	switch (cc) {
	case CURLE_SSL_CONNECT_ERROR:
	case CURLE_PEER_FAILED_VERIFICATION:
	case CURLE_SSL_CERTPROBLEM:
	case CURLE_SSL_CIPHER:
	case CURLE_SSL_ISSUER_ERROR:
	case CURLE_SSL_INVALIDCERTSTATUS:
		return 1;
	default:
		return 0;
	}
}

void probe_hsts(struct probe_ctx *c, const struct probe_target *t,
		struct probe_result *res)
{
	struct hsts_result *hr = &res->hsts;
	CURL *h = curl_easy_init();
	struct http_bound x;
	char curl_why[PROBE_WHY];
	CURLcode cc;

	if (!h) {
		hr->v = VERDICT_ERROR;
		snprintf(hr->why, sizeof(hr->why), "cannot start libcurl");
		return;
	}
	/* as a compliant client: verified, libcurl's TLS floor. A client
	 * ignores the header over a connection it cannot verify (RFC 6797
	 * 8.1), so then HSTS is not checked; the certificate and protocol
	 * findings say why */
	curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "https");
	if (c->o->ca_file)
		curl_easy_setopt(h, CURLOPT_CAINFO, c->o->ca_file);
	cc = perform(c, h, t->url, &x, curl_why, sizeof(curl_why));
	hr->curl_code = (long)cc;
	if (http_bound_answered(&x)) {
		/* the headers came, whatever happened to the body */
		hr->v = VERDICT_ACCEPTED;
		header_value(h, "Strict-Transport-Security", hr->header,
			     sizeof(hr->header));
		hr->present = hr->header[0] != '\0';
		hr->max_age = hr->present ? hsts_max_age(hr->header) : -1;
	} else if (!x.status && tls_refused(cc)) {
		hr->v = VERDICT_REFUSED;
		snprintf(hr->why, sizeof(hr->why), "%s", curl_why);
	} else {
		hr->v = VERDICT_ERROR;
		if (x.status || (x.connected &&
				 cc == CURLE_OPERATION_TIMEDOUT))
			no_status(c, &x, curl_why, hr->why, sizeof(hr->why));
		else
			snprintf(hr->why, sizeof(hr->why), "%s", curl_why);
	}
	curl_easy_cleanup(h);
}

/* Does anything answer "HEAD / HTTP/1.0" on host:port with HTTP? */
static int speaks_http(struct probe_ctx *c, struct port_result *p)
{
	struct net_conn conn;
	struct strbuf rq = STRBUF_INIT;
	char buf[64], why[PROBE_WHY];
	size_t got = 0, n;
	int yes = 0;

	if (net_connect(&c->net, p->host, p->port, &conn, why, sizeof(why)))
		return 0;
	strbuf_addf(&rq, "HEAD / HTTP/1.0\r\nHost: %s\r\nUser-Agent: "
		    "authaudit-probe\r\n\r\n", p->host);
	if (!net_send(&conn, rq.buf, rq.len, why, sizeof(why))) {
		/* the first bytes only, however many the server would send,
		 * and however slowly (the phase's deadline ends the wait) */
		while (got < 5 && !net_recv(&conn, buf + got,
					    sizeof(buf) - 1 - got, &n, why,
					    sizeof(why)))
			got += n;
		buf[got] = '\0';
		yes = got >= 5 && !strncmp(buf, "HTTP/", 5);
		if (yes)
			snprintf(p->what, sizeof(p->what), "answers HTTP: "
				 "'%.*s'", (int)strcspn(buf, "\r\n"), buf);
	}
	net_close(&conn, 1);
	strbuf_release(&rq);
	return yes;
}

void probe_port(struct probe_ctx *c, struct port_result *p)
{
	struct tls_hello h = { TLS_1_2, p->host, NULL, 0, 0 };
	struct tls_server_hello sh;
	char why[PROBE_WHY];

	switch (probe_exchange(c, p->host, p->port, &h, &sh, why,
			       sizeof(why))) {
	case EXCHANGE_HELLO:
		p->state = PORT_TLS;
		snprintf(p->what, sizeof(p->what), "answers TLS: a %s "
			 "ServerHello", tls_version_name(sh.version));
		return;
	case EXCHANGE_ALERT:
		p->state = PORT_TLS;
		snprintf(p->what, sizeof(p->what), "answers TLS: %.100s", why);
		return;
	case EXCHANGE_FAILED:
		p->state = PORT_CLOSED;
		snprintf(p->what, sizeof(p->what), "%s", why);
		return;
	case EXCHANGE_UNREACHABLE:
		p->state = PORT_UNKNOWN;	/* nothing was asked */
		snprintf(p->what, sizeof(p->what), "%s", why);
		return;
	default:
		break;
	}
	if (speaks_http(c, p)) {
		p->state = PORT_HTTP;
		return;
	}
	p->state = PORT_SILENT;
	snprintf(p->what, sizeof(p->what), "open, but answers neither TLS "
		 "nor HTTP (%.100s)", why);
}
