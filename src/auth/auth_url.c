/* auth_url.c - keep every auth probe request on the target's own scheme,
 * host and port, judged by libcurl's URL parser (the one that sends it).
 * See auth_url.h. */
#include "auth_url.h"

#include <curl/curl.h>
#include <string.h>
#include <strings.h>

/* A part of u as a curl-allocated string, NULL when absent. */
static char *part(CURLU *u, CURLUPart what, unsigned flags)
{
	char *v = NULL;

	if (curl_url_get(u, what, &v, flags) != CURLUE_OK)
		return NULL;
	return v;
}

/* Parse url into a new handle; NULL with e set when it does not parse. */
static CURLU *parse(const char *what, const char *url, struct err *e)
{
	CURLU *u = curl_url();
	CURLUcode rc;

	if (!u) {
		err_set(e, "cannot allocate a URL handle");
		return NULL;
	}
	rc = curl_url_set(u, CURLUPART_URL, url, 0);
	if (rc != CURLUE_OK) {
		err_set(e, "%s does not parse as a URL: %s", what,
			curl_url_strerror(rc));
		curl_url_cleanup(u);
		return NULL;
	}
	return u;
}

/* 1 when u carries a user name or a password. */
static int has_userinfo(CURLU *u)
{
	char *user = part(u, CURLUPART_USER, 0);
	char *pw = part(u, CURLUPART_PASSWORD, 0);
	int has = user || pw;

	curl_free(user);
	curl_free(pw);
	return has;
}

int auth_url_check_base(const char *base, struct err *e)
{
	CURLU *u;
	char *host;
	int rc = -1;

	/* base_url is not quoted in these messages: it may hold a
	 * password, which is the very thing being refused */
	if (strncmp(base, "https://", 8))
		return err_set(e, "base_url must be https:// (credentials are "
			       "never sent over plain HTTP)");
	if (strcspn(base + 8, "/?#") > strcspn(base + 8, "@"))
		return err_set(e, "base_url must not carry credentials "
			       "(user:password@); use credentials:");
	if (strpbrk(base, "?#"))
		return err_set(e, "base_url must not have a query or a "
			       "fragment (endpoints are joined to it)");
	u = parse("base_url", base, e);
	if (!u)
		return -1;
	host = part(u, CURLUPART_HOST, 0);
	if (!host || !*host)
		err_set(e, "base_url has no host");
	else if (has_userinfo(u))
		err_set(e, "base_url must not carry credentials "
			"(user:password@); use credentials:");
	else
		rc = 0;
	curl_free(host);
	curl_url_cleanup(u);
	return rc;
}

int auth_url_check_path(const char *path, struct err *e)
{
	if (path[0] != '/' || path[1] == '/')
		return err_set(e, "'%s' must be a path on base_url's host: "
			       "one '/' first, no '//', scheme or host",
			       path);
	for (const unsigned char *p = (const unsigned char *)path; *p; p++)
		if (*p == '@' || *p == '\\' || *p == '#' || *p <= ' ' ||
		    *p >= 0x7f)
			return err_set(e, "'%s' must be a path on base_url's "
				       "host: no '@', '\\', '#', space, "
				       "control or non-ASCII character",
				       path);
	return 0;
}

int auth_url_same_origin(const char *origin, const char *url, int plain,
			 struct err *e)
{
	CURLU *o = parse("base_url", origin, e), *u;
	char *os = NULL, *us = NULL, *oh = NULL, *uh = NULL;
	char *op = NULL, *up = NULL;
	int rc = -1;

	if (!o)
		return -1;
	u = parse("the request URL", url, e);
	if (!u) {
		curl_url_cleanup(o);
		return -1;
	}
	os = part(o, CURLUPART_SCHEME, 0);
	us = part(u, CURLUPART_SCHEME, 0);
	oh = part(o, CURLUPART_HOST, 0);
	uh = part(u, CURLUPART_HOST, 0);
	op = part(o, CURLUPART_PORT, CURLU_DEFAULT_PORT);
	up = part(u, CURLUPART_PORT, CURLU_DEFAULT_PORT);
	if (!os || strcmp(os, "https"))
		err_set(e, "base_url must be https://");
	else if (!us || strcmp(us, plain ? "http" : "https"))
		err_set(e, "refusing to send over '%s': want %s", us ? us : "",
			plain ? "http for the plain-HTTP check" : "https");
	else if (has_userinfo(u))
		err_set(e, "refusing a URL that names a user or password");
	else if (!oh || !uh || strcasecmp(oh, uh))
		err_set(e, "refusing to send to host '%s': base_url's host "
			"is '%s'", uh ? uh : "", oh ? oh : "");
	/* the plain-HTTP check carries nothing, and goes to any port of
	 * the host (80 unless http_url says) */
	else if (!plain && (!op || !up || strcmp(op, up)))
		err_set(e, "refusing to send to port '%s': base_url's port "
			"is '%s'", up ? up : "?", op ? op : "?");
	else
		rc = 0;
	curl_free(os);
	curl_free(us);
	curl_free(oh);
	curl_free(uh);
	curl_free(op);
	curl_free(up);
	curl_url_cleanup(o);
	curl_url_cleanup(u);
	return rc;
}

/* "http://" and base's host (no port: 80) and path, for the plain-HTTP
 * check; -1 with e set when base does not parse. */
static int plain_base(const char *base, struct strbuf *out, struct err *e)
{
	CURLU *u = parse("base_url", base, e);
	char *host, *path;

	if (!u)
		return -1;
	host = part(u, CURLUPART_HOST, 0);
	path = part(u, CURLUPART_PATH, 0);
	strbuf_addf(out, "http://%s%s", host ? host : "", path ? path : "");
	curl_free(host);
	curl_free(path);
	curl_url_cleanup(u);
	return 0;
}

int auth_url_join(const char *base, const char *path, int plain,
		  struct strbuf *out, struct err *e)
{
	strbuf_reset(out);
	if (auth_url_check_path(path, e))
		return -1;
	if (plain) {
		if (strncmp(base, "https://", 8))
			return err_set(e, "base_url must be https://");
		if (plain_base(base, out, e))
			return -1;
	} else {
		strbuf_addstr(out, base);
	}
	if (out->len && out->buf[out->len - 1] == '/')
		out->buf[--out->len] = '\0';
	strbuf_addstr(out, path);
	if (auth_url_same_origin(base, out->buf, plain, e)) {
		strbuf_reset(out);
		return -1;
	}
	return 0;
}

int auth_url_check_plain(const char *base, const char *url, struct err *e)
{
	struct err ue = ERR_INIT;

	if (strncmp(url, "http://", 7))
		return err_set(e, "'%s' must be http:// (it is the plain-HTTP "
			       "check's URL)", url);
	if (strchr(url, '#'))
		return err_set(e, "'%s' must not have a fragment", url);
	if (auth_url_same_origin(base, url, 1, &ue))
		return err_set(e, "'%s' must be on base_url's host: %s", url,
			       ue.msg);
	return 0;
}

/* 1 when part what of a and b is the same (or absent from both); a host
 * name is compared without case. */
static int same_part(CURLU *a, CURLU *b, CURLUPart what, unsigned flags)
{
	char *x = part(a, what, flags), *y = part(b, what, flags);
	int same = (!x && !y) ||
		   (x && y && !(what == CURLUPART_HOST ? strcasecmp(x, y) :
				strcmp(x, y)));

	curl_free(x);
	curl_free(y);
	return same;
}

enum auth_redirect auth_url_redirect(const char *from, const char *to,
				     struct strbuf *shown)
{
	struct err e = ERR_INIT;
	CURLU *f, *t;
	char *fs, *ts, *th, *tp, *path;
	enum auth_redirect kind = AUTH_REDIRECT_BAD;

	strbuf_reset(shown);
	if (!to || !*to)
		return kind;
	f = parse("the request URL", from, &e);
	t = parse("the Location", to, &e);
	if (!f || !t) {
		curl_url_cleanup(f);
		curl_url_cleanup(t);
		return kind;
	}
	fs = part(f, CURLUPART_SCHEME, 0);
	ts = part(t, CURLUPART_SCHEME, 0);
	th = part(t, CURLUPART_HOST, 0);
	tp = part(t, CURLUPART_PORT, CURLU_DEFAULT_PORT);
	path = part(t, CURLUPART_PATH, 0);
	if (fs && ts && th && tp) {
		strbuf_addf(shown, "%s://%s:%s%s", ts, th, tp,
			    path ? path : "/");
		if (!strcmp(fs, "https") && strcmp(ts, "https"))
			kind = AUTH_REDIRECT_PLAIN;
		else if (strcmp(fs, ts) ||
			 !same_part(f, t, CURLUPART_HOST, 0) ||
			 !same_part(f, t, CURLUPART_PORT, CURLU_DEFAULT_PORT))
			kind = AUTH_REDIRECT_HOST;
		else if (same_part(f, t, CURLUPART_PATH, 0) &&
			 same_part(f, t, CURLUPART_QUERY, 0))
			kind = AUTH_REDIRECT_SELF;
		else
			kind = AUTH_REDIRECT_SAME;
	}
	curl_free(fs);
	curl_free(ts);
	curl_free(th);
	curl_free(tp);
	curl_free(path);
	curl_url_cleanup(f);
	curl_url_cleanup(t);
	return kind;
}
