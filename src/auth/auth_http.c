/* auth_http.c - send one probe request with libcurl under the credential
 * rules in auth_http.h. */
#include "auth_http.h"

#include <curl/curl.h>
#include <string.h>
#include <time.h>

#include "auth_url.h"
#include "lib/http_bound.h"

/* The Date header of the answer (RFC 9110 section 6.6.1), so that a
 * token's expiry can be judged by the server's clock; 0 when none. */
static long long answer_date(CURL *h)
{
	struct curl_header *hd = NULL;
	time_t t;

	if (curl_easy_header(h, "Date", 0, CURLH_HEADER, -1, &hd) !=
	    CURLHE_OK || !hd || !hd->value)
		return 0;
	t = curl_getdate(hd->value, NULL);
	return t > 0 ? (long long)t : 0;
}

int http_client_init(struct http_client *c, const char *origin,
		     const char *ca_file, struct err *e)
{
	memset(c, 0, sizeof(*c));
	c->origin = origin;
	c->curl = curl_easy_init();
	if (!c->curl)
		return err_set(e, "cannot start libcurl");
	c->ca_file = ca_file;
	return 0;
}

void http_client_release(struct http_client *c)
{
	if (c->curl)
		curl_easy_cleanup(c->curl);
	c->curl = NULL;
}

void http_request_header(struct http_request *rq, const char *name,
			 const char *value)
{
	if (rq->nr_headers < HTTP_MAX_HEADERS) {
		rq->headers[rq->nr_headers].name = name;
		rq->headers[rq->nr_headers++].value = value;
	}
}

void http_response_release(struct http_response *rs)
{
	strbuf_release(&rs->body);
}

/* The credential policy, before anything is sent: TLS for every request
 * that carries one (a plain request carries nothing: no headers, no
 * body), and the client's own origin. */
static int check_request(const struct http_client *c,
			 const struct http_request *rq, struct err *e)
{
	if (rq->plain ? (rq->nr_headers || rq->body || rq->content_type ||
			 strncmp(rq->url, "http://", 7)) :
	    strncmp(rq->url, "https://", 8))
		return err_set(e, "refusing to send a credential to '%s' "
			       "without TLS", rq->url);
	/* checked with curl's own URL parser, then sent as parsed */
	return auth_url_same_origin(c->origin, rq->url, rq->plain, e);
}

/* How every request travels: never redirected, no proxy, no netrc,
 * verified TLS 1.2 or higher, bounded in time. */
static void set_transport(const struct http_client *c, CURL *h, CURLU *u,
			  int plain, char *errbuf)
{
	curl_easy_reset(h);
	curl_easy_setopt(h, CURLOPT_CURLU, u);
	curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, plain ? "http" : "https");
	/* never follow: a Location may name another host or plain http,
	 * and a redirected request would carry the credential there */
	curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(h, CURLOPT_MAXREDIRS, 0L);
	curl_easy_setopt(h, CURLOPT_UNRESTRICTED_AUTH, 0L);
	curl_easy_setopt(h, CURLOPT_NOPROXY, "*");
	curl_easy_setopt(h, CURLOPT_NETRC, (long)CURL_NETRC_IGNORED);
	curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L);
	curl_easy_setopt(h, CURLOPT_SSLVERSION, (long)CURL_SSLVERSION_TLSv1_2);
	if (c->ca_file)
		curl_easy_setopt(h, CURLOPT_CAINFO, c->ca_file);
	curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT,
			 c->timeout && c->timeout < 10 ? c->timeout : 10L);
	curl_easy_setopt(h, CURLOPT_TIMEOUT, c->timeout ? c->timeout : 30L);
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_ERRORBUFFER, errbuf);
}

/* The request itself: headers (returned, for wipe_headers()), body and
 * method. */
static struct curl_slist *set_request(CURL *h, const struct http_request *rq)
{
	struct curl_slist *hl = NULL;
	struct strbuf line = STRBUF_INIT;

	for (size_t i = 0; i < rq->nr_headers; i++) {
		strbuf_reset(&line);
		strbuf_addf(&line, "%s: %s", rq->headers[i].name,
			    rq->headers[i].value);
		hl = curl_slist_append(hl, line.buf);
	}
	if (rq->content_type) {
		strbuf_reset(&line);
		strbuf_addf(&line, "Content-Type: %s", rq->content_type);
		hl = curl_slist_append(hl, line.buf);
	}
	/* no "Expect: 100-continue" round trip */
	hl = curl_slist_append(hl, "Expect:");
	explicit_bzero(line.buf, line.len);
	strbuf_release(&line);
	curl_easy_setopt(h, CURLOPT_HTTPHEADER, hl);
	if (rq->body) {
		curl_easy_setopt(h, CURLOPT_POSTFIELDS, rq->body);
		curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE,
				 (long)strlen(rq->body));
	} else if (rq->method && !strcmp(rq->method, "POST")) {
		/* a POST without a body still says Content-Length: 0 */
		curl_easy_setopt(h, CURLOPT_POSTFIELDS, "");
	}
	if (rq->method && strcmp(rq->method, "GET") &&
	    strcmp(rq->method, "POST"))
		curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, rq->method);
	return hl;
}

/* What came back: a final status line is the answer, whatever failed
 * after it. */
static void read_answer(CURL *h, const struct http_bound *b, CURLcode cc,
			const char *errbuf, struct http_response *rs)
{
	char *loc = NULL;

	rs->status = http_bound_answered(b) ? b->status : 0;
	rs->cut = b->cut;
	rs->curl_code = (int)cc;
	rs->connected = b->connected;
	rs->date = answer_date(h);
	if (rs->status >= 300 && rs->status < 400 &&
	    !curl_easy_getinfo(h, CURLINFO_REDIRECT_URL, &loc) && loc)
		snprintf(rs->location, sizeof(rs->location), "%s", loc);
	if (cc != CURLE_OK)
		snprintf(rs->error, sizeof(rs->error), "%s%.200s",
			 rs->status ? "after the status line: " : "",
			 errbuf[0] ? errbuf : curl_easy_strerror(cc));
}

/* The header list held credentials: wipe it before freeing. */
static void wipe_headers(CURL *h, struct curl_slist *hl)
{
	for (struct curl_slist *s = hl; s; s = s->next)
		explicit_bzero(s->data, strlen(s->data));
	curl_easy_setopt(h, CURLOPT_HTTPHEADER, NULL);
	curl_slist_free_all(hl);
}

int http_send(struct http_client *c, const struct http_request *rq,
	      struct http_response *rs, struct err *e)
{
	char errbuf[CURL_ERROR_SIZE] = "";
	struct curl_slist *hl;
	struct http_bound b;
	CURLU *u;
	CURLcode cc;

	memset(rs, 0, sizeof(*rs));
	strbuf_init(&rs->body, 0);
	if (check_request(c, rq, e))
		return -1;
	u = curl_url();
	if (!u || curl_url_set(u, CURLUPART_URL, rq->url, 0) != CURLUE_OK) {
		curl_url_cleanup(u);
		return err_set(e, "cannot parse the request URL");
	}
	set_transport(c, c->curl, u, rq->plain, errbuf);
	http_bound_attach(&b, c->curl, HTTP_BODY_MAX, &rs->body);
	hl = set_request(c->curl, rq);
	cc = http_bound_result(&b, curl_easy_perform(c->curl));
	c->requests++;
	read_answer(c->curl, &b, cc, errbuf, rs);
	wipe_headers(c->curl, hl);
	curl_easy_setopt(c->curl, CURLOPT_CURLU, NULL);
	curl_url_cleanup(u);
	return 0;
}
