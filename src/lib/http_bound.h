/* http_bound.h - read an HTTP answer with libcurl only as far as a verdict
 * needs: the status line, the headers, and at most a set number of body
 * bytes, after which the transfer is ended on purpose. Shared by the
 * endpoint probes (probe_http.c) and the auth probes' client (auth_http.c),
 * which talk to servers that may be hostile: an endless body, chunked or
 * not, or an endless run of headers costs `max` bytes, not what the server
 * can send before the timeout.
 *
 * The status is the reader's own record of the status lines it saw, so it
 * survives a transfer that fails later: a status line received is the
 * server's answer whatever follows it (a timeout or reset in the headers
 * or body).
 *
 * Ownership: struct http_bound borrows `keep` (NULL: the body is counted
 * and dropped); it holds nothing to free.
 */
#ifndef AUTHAUDIT_HTTP_BOUND_H
#define AUTHAUDIT_HTTP_BOUND_H

#include <curl/curl.h>
#include <stddef.h>

#include "strbuf.h"

struct http_bound {
	size_t max;		/* body bytes read, and header bytes */
	struct strbuf *keep;	/* the body kept here, at most max */
	int connected;		/* a connection stood (to the proxy, if any) */
	long status;		/* of the last status line; 0: none came */
	size_t head, body;	/* bytes seen of each */
	int cut;		/* ended at max: there was more */
};

/* Set up b and install its callbacks on h (header, body, "connected"). */
void http_bound_attach(struct http_bound *b, CURL *h, size_t max,
		       struct strbuf *keep);
/* curl's result with the reader's own end undone: CURLE_OK when the
 * transfer failed only because b cut it at max. */
CURLcode http_bound_result(const struct http_bound *b, CURLcode cc);
/* 1 when a final (non-1xx) status line came. */
int http_bound_answered(const struct http_bound *b);

#endif
