/* auth_url.h - where the auth probes may send a credential: only to the
 * scheme, host and port of the target's base_url. The config loader checks
 * base_url and each endpoint path with these; every URL the probes build
 * is joined here and checked again with libcurl's own parser (CURLU), and
 * the HTTP client checks each request's URL once more before sending.
 *
 * Ownership: out buffers are the caller's; nothing is kept.
 */
#ifndef AUTHAUDIT_AUTH_URL_H
#define AUTHAUDIT_AUTH_URL_H

#include "lib/err.h"
#include "lib/strbuf.h"

/* 0 when base is https://host[:port][/path] with no user:password@, no
 * query and no fragment; -1 with e saying what is wrong. */
int auth_url_check_base(const char *base, struct err *e);

/* 0 when path is a path on base_url's host: it starts with a single '/'
 * (not "//"), and holds no '@', '\', '#', space, control or non-ASCII
 * byte, so joined to base_url it cannot name another host, port, user or
 * scheme; -1 with e otherwise. A query ("?a=1") is allowed. */
int auth_url_check_path(const char *path, struct err *e);

/* 0 when url has origin's scheme, host and port and no user or password.
 * plain: url must be http:// to origin's host, on any port (the plain-HTTP
 * check, which carries no credential). -1 with e otherwise, or when
 * either does not parse. */
int auth_url_same_origin(const char *origin, const char *url, int plain,
			 struct err *e);

/* out = base joined with path (one '/' between them), then checked with
 * auth_url_check_path() and auth_url_same_origin(); plain makes it
 * http:// on base's host and port 80 (base's port is the TLS one). 0, or
 * -1 with e set and out emptied. */
int auth_url_join(const char *base, const char *path, int plain,
		  struct strbuf *out, struct err *e);

/* 0 when url (a target's http_url) is http:// on base's host, any port,
 * without user, password or fragment; -1 with e saying why. */
int auth_url_check_plain(const char *base, const char *url, struct err *e);

/* Where a 3xx answer to a request for `from` points (`to`, resolved).
 * The HTTP client never follows one; this says what following it would
 * have done with the credential. */
enum auth_redirect {
	AUTH_REDIRECT_SAME,	/* the same scheme, host and port */
	AUTH_REDIRECT_SELF,	/* the very URL asked for: a loop */
	AUTH_REDIRECT_HOST,	/* another host or port */
	AUTH_REDIRECT_PLAIN,	/* https -> http, to any host */
	AUTH_REDIRECT_BAD	/* no Location, or one that does not parse */
};

/* Classify to against from, and put into shown what a report may show of
 * it: scheme://host[:port]/path, no user, query or fragment (they may carry
 * a secret). */
enum auth_redirect auth_url_redirect(const char *from, const char *to,
				     struct strbuf *shown);

#endif
