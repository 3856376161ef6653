/* auth_http.h - the one HTTP client of the auth probes (libcurl), with
 * the credential rules built in: a request carrying headers or a body is
 * sent over https:// only, with the certificate verified (against
 * ca_file when given), and only to the scheme, host and port of the
 * client's origin (the target's base_url; auth_url.h), checked with the
 * parser that sends it; redirects are never followed, so nothing reaches
 * another host (a 3xx comes back as it is, with its Location, for the
 * caller to report); no proxy, no netrc, nothing logged.
 *
 * The answer is read only as far as the checks need (http_bound.h): the
 * status, the headers and HTTP_BODY_MAX bytes of the body; a status line
 * received is the answer even when the transfer fails after it.
 *
 * Ownership: struct http_response owns its body (http_response_release);
 * request strings, origin and ca_file are borrowed.
 */
#ifndef AUTHAUDIT_AUTH_HTTP_H
#define AUTHAUDIT_AUTH_HTTP_H

#include <stddef.h>

#include "lib/err.h"
#include "lib/strbuf.h"

#define HTTP_MAX_HEADERS 16

/* Of a body the checks read a token response's JSON or a refusal's error
 * code, a few hundred bytes: more than this is not read (the transfer is
 * ended there), so an endless body costs 64 KiB. */
#define HTTP_BODY_MAX (64 * 1024)

struct http_client {
	void *curl;
	const char *origin;		/* base_url: every request goes here */
	const char *ca_file;
	long timeout;			/* seconds per request; 0: 30 */
	unsigned long requests;
};

struct http_header {
	const char *name;
	const char *value;
};

struct http_request {
	const char *method;		/* "GET" (default), "POST", "PUT",
					 * "PATCH", "DELETE" */
	const char *url;
	struct http_header headers[HTTP_MAX_HEADERS];
	size_t nr_headers;
	const char *body;		/* POST body, NULL for none */
	const char *content_type;
	int plain;			/* http:// allowed: no headers, no
					 * body, so no credential; any port
					 * of the origin's host */
};

struct http_response {
	long status;			/* 0 when no status line came */
	struct strbuf body;		/* at most HTTP_BODY_MAX bytes */
	int cut;			/* the body went on past that */
	char location[512];		/* a 3xx's Location, resolved
					 * against the request URL; "" */
	char error[256];		/* why there was no answer, or
					 * what failed after the status */
	int curl_code;			/* libcurl's result (CURLcode) */
	int connected;			/* a TCP connection stood */
	long long date;			/* the Date header (the server's
					 * clock), 0 when none */
};

int http_client_init(struct http_client *c, const char *origin,
		     const char *ca_file, struct err *e);
void http_client_release(struct http_client *c);
void http_request_header(struct http_request *rq, const char *name,
			 const char *value);
/* 0 with rs filled (status 0 and rs->error when the connection failed);
 * -1 with e set when the request breaks the credential rules (not https,
 * or not to the client's origin; plain: headers or a body). */
int http_send(struct http_client *c, const struct http_request *rq,
	      struct http_response *rs, struct err *e);
void http_response_release(struct http_response *rs);

#endif
