/* auth_probe.c - the probe session of one target: get and cache the valid
 * credential, make the control request, send altered requests, record
 * findings. See auth_probe.h. */
#include "auth_probe.h"

#include <curl/curl.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "auth_ratelimit.h"
#include "auth_url.h"
#include "core/token_check.h"
#include "lib/jwt.h"
#include "lib/xalloc.h"

int auth_ok(long status)
{
	return status >= 200 && status < 300;
}

void auth_evidence(long status, char ev[32])
{
	snprintf(ev, 32, "HTTP %ld", status);
}

const char *auth_surface(const struct auth_endpoint *ep, char *buf,
			 size_t n)
{
	snprintf(buf, n, "%s %s", ep->method ? ep->method : "GET",
		 ep->path ? ep->path : "?");
	return buf;
}

static const char *cred(struct auth_session *s, const char *name)
{
	return auth_creds_get(s->cr, name);
}

/* The value of a placeholder of a surface: a credential. */
static const char *lookup_cred(void *ctx, const char *name)
{
	return cred(ctx, name);
}

/* The first placeholder of ep (body, headers) the target holds no
 * credential for, into name; 0 when there is none. */
static int surface_missing(struct auth_session *s,
			   const struct auth_endpoint *ep, char *name,
			   size_t n)
{
	size_t pos = 0;

	while (ep->body && !auth_template_next(ep->body, &pos, name, n))
		if (!cred(s, name))
			return 1;
	for (size_t i = 0; i < ep->headers.nr; i++) {
		pos = 0;
		while (!auth_template_next(ep->headers.items[i].value, &pos,
					   name, n))
			if (!cred(s, name))
				return 1;
	}
	return 0;
}

int auth_surface_ready(struct auth_session *s,
		       const struct auth_endpoint *ep, const char *ids,
		       const char *check)
{
	char name[64], where[600];

	if (!surface_missing(s, ep, name, sizeof(name)))
		return 1;
	auth_skip(s, ids, "%s skipped: %s needs credential '%s' ({{%s}}), "
		  "which the target does not give", check,
		  auth_surface(ep, where, sizeof(where)), name, name);
	return 0;
}

void auth_notice(struct auth_session *s, const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	report_add_notice(s->r, s->t->base_url, "target '%s': %s",
			  s->t->name, sb.buf);
	strbuf_release(&sb);
}

void auth_skip(struct auth_session *s, const char *ids, const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT, id = STRBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	auth_notice(s, "%s", sb.buf);
	for (const char *p = ids; p && *p;) {
		size_t n = strcspn(p, ",");

		strbuf_reset(&id);
		strbuf_add(&id, p, n);
		report_target_untested(s->r, s->target, id.buf, sb.buf);
		p += n + (p[n] == ',');
	}
	strbuf_release(&id);
	strbuf_release(&sb);
}

int auth_wants(const struct auth_session *s, const char *id)
{
	const struct rule *r = ruleset_find(s->rs, id);

	return r && profile_selects(s->profile, r);
}

void auth_finding(struct auth_session *s, const char *id, const char *path,
		  const char *evidence, const char *fmt, ...)
{
	const struct rule *r = ruleset_find(s->rs, id);
	struct err e = ERR_INIT;
	struct finding f = { 0 };
	struct strbuf sb = STRBUF_INIT, url = STRBUF_INIT;
	va_list ap;

	if (!r || !profile_selects(s->profile, r))
		return;
	va_start(ap, fmt);
	strbuf_addf(&sb, "target '%s': ", s->t->name);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	if (!path || auth_url_join(s->t->base_url, path, 0, &url, &e))
		strbuf_addstr(&url, s->t->base_url);
	f.rule = r;
	f.severity = r->severity;
	f.confidence = r->confidence;
	f.message = strbuf_detach(&sb, NULL);
	f.url = strbuf_detach(&url, NULL);
	f.target = xstrdup(s->t->name);
	f.evidence = evidence ? xstrdup(evidence) : NULL;
	finding_list_add(&s->r->findings, &f, id);
}

/* The URL of path on the target, or -1 (and a notice) when it would
 * leave base_url's scheme, host or port. */
static int url_of(struct auth_session *s, const char *path,
		  struct strbuf *u)
{
	struct err e = ERR_INIT;

	if (!auth_url_join(s->t->base_url, path, 0, u, &e))
		return 0;
	auth_notice(s, "request not sent: %s", e.msg);
	return -1;
}

/* A 3xx is never followed (auth_http.h); say where it pointed and so
 * what following it would have done with the credential. */
static void note_redirect(struct auth_session *s, const char *url,
			  const struct http_response *rs)
{
	static const struct {
		const char *where, *then;
	} kinds[] = {
		[AUTH_REDIRECT_SAME] = { "on the same host", "not followed "
					 "(redirects never are)" },
		[AUTH_REDIRECT_SELF] = { "to itself", "a loop, not followed" },
		[AUTH_REDIRECT_HOST] = { "to another host or port",
					 "not followed, the credential was "
					 "not sent there" },
		[AUTH_REDIRECT_PLAIN] = { "to plain HTTP", "not followed, the "
					  "credential was not sent without "
					  "TLS" },
		[AUTH_REDIRECT_BAD] = { "without a usable Location",
					"not followed" },
	};
	struct strbuf shown = STRBUF_INIT;
	enum auth_redirect k;

	if (rs->status < 300 || rs->status >= 400)
		return;
	k = auth_url_redirect(url, rs->location, &shown);
	auth_notice(s, "%s answered %ld, a redirect %s%s%s%s: %s", url,
		    rs->status, kinds[k].where, shown.len ? " ('" : "",
		    shown.buf, shown.len ? "')" : "", kinds[k].then);
	strbuf_release(&shown);
}

/* The surface's own request into rq: method, body and extra headers
 * with their placeholders filled in (into body and vals, which the
 * caller wipes); -1 with a notice when a value is missing or would break
 * the header. */
static int fill_surface(struct auth_session *s,
			const struct auth_endpoint *ep,
			struct http_request *rq, struct strbuf *body,
			struct strbuf *vals)
{
	char missing[64], where[600];

	auth_surface(ep, where, sizeof(where));
	rq->method = ep->method;
	if (ep->body) {
		if (auth_template_fill(ep->body, ep->body_kind, lookup_cred, s,
				       body, missing, sizeof(missing))) {
			auth_notice(s, "request not sent: the body of %s "
				    "needs credential '%s'", where, missing);
			return -1;
		}
		rq->body = body->buf;
		rq->content_type = ep->content_type;
	}
	for (size_t i = 0; i < ep->headers.nr; i++) {
		const struct kv *h = &ep->headers.items[i];

		if (auth_template_fill(h->value, AUTH_BODY_RAW, lookup_cred,
				       s, &vals[i], missing,
				       sizeof(missing))) {
			auth_notice(s, "request not sent: header '%s' of %s "
				    "needs credential '%s'", h->key, where,
				    missing);
			return -1;
		}
		if (strpbrk(vals[i].buf, "\r\n")) {
			auth_notice(s, "request not sent: header '%s' of %s "
				    "would hold a line break", h->key, where);
			return -1;
		}
		http_request_header(rq, h->key, vals[i].buf);
	}
	return 0;
}

long auth_call(struct auth_session *s, const struct auth_variant *v,
	       struct strbuf *body)
{
	const struct auth_target *t = s->t;
	const struct auth_endpoint *ep = v->ep ? v->ep : &t->endpoint;
	struct http_request rq = { 0 };
	struct http_response rs;
	struct strbuf url = STRBUF_INIT, authz = STRBUF_INIT;
	struct strbuf rb = STRBUF_INIT, vals[AUTH_MAX_HEADERS];
	struct err e = ERR_INIT;
	long status = 0;

	for (size_t i = 0; i < ARRAY_SIZE(vals); i++)
		strbuf_init(&vals[i], 0);
	if (url_of(s, ep->path, &url))
		goto out;
	rq.url = url.buf;
	if (t->style == AUTH_RESELLER_APIKEY) {
		const char *key = v->apikey ? v->apikey : cred(s, "api_key");

		if (!v->no_apikey && key)
			http_request_header(&rq, v->apikey_header ?
					    v->apikey_header : "ApiKey", key);
	} else if (!v->no_authorization) {
		if (v->authorization)
			strbuf_addstr(&authz, v->authorization);
		else
			strbuf_addf(&authz, "Bearer %s",
				    v->token ? v->token : s->token);
		http_request_header(&rq, "Authorization", authz.buf);
	}
	if (t->style == AUTH_VISTA_INTEGRATION) {
		const char *key = v->vista_key ? v->vista_key :
				  cred(s, "vista_api_key");
		const char *ten = v->vista_tenant ? v->vista_tenant :
				  cred(s, "tenant");

		if (!v->no_vista_key && key)
			http_request_header(&rq, "Vista-Api-Key", key);
		if (!v->no_vista_tenant && ten)
			http_request_header(&rq, "Vista-Api-Tenant", ten);
	}
	if (v->captcha)
		http_request_header(&rq, "CaptchaResponse", v->captcha);
	if (fill_surface(s, ep, &rq, &rb, vals))
		goto out;
	if (http_send(s->http, &rq, &rs, &e)) {
		auth_notice(s, "%s", e.msg);
	} else {
		status = rs.status;
		if (!status)
			auth_notice(s, "no answer from %s: %s", url.buf,
				    rs.error);
		note_redirect(s, url.buf, &rs);
		if (body)
			strbuf_add(body, rs.body.buf, rs.body.len);
	}
	http_response_release(&rs);
out:
	explicit_bzero(authz.buf, authz.len);
	strbuf_release(&authz);
	explicit_bzero(rb.buf, rb.len);
	strbuf_release(&rb);
	for (size_t i = 0; i < ARRAY_SIZE(vals); i++) {
		explicit_bzero(vals[i].buf, vals[i].len);
		strbuf_release(&vals[i]);
	}
	strbuf_release(&url);
	return status;
}

void auth_issued_release(struct auth_issued *i)
{
	if (i->token) {
		explicit_bzero(i->token, strlen(i->token));
		free(i->token);
	}
	memset(i, 0, sizeof(*i));
}

void auth_date_ahead(time_t now, long days, char out[16])
{
	time_t t = now + days * 86400;
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, 16, "%Y-%m-%d", &tm);
}

/* Append key=value, URL-encoded, to a form body. */
static void form_add(struct strbuf *sb, const char *k, const char *v)
{
	char *enc = curl_easy_escape(NULL, v ? v : "", 0);

	strbuf_addf(sb, "%s%s=%s", sb->len ? "&" : "", k, enc ? enc : "");
	if (enc) {
		explicit_bzero(enc, strlen(enc));
		curl_free(enc);
	}
}

/* Scopes as one space-separated string (OAuth 2.0's `scope`). */
static void join_scopes(const struct strlist *l, struct strbuf *out)
{
	for (size_t i = 0; l && i < l->nr; i++)
		strbuf_addf(out, "%s%s", i ? " " : "", l->items[i]);
}

struct token_ctx {
	struct auth_session *s;
	const char *scope;
};

/* The reseller token request's placeholders: credentials and {{scope}}. */
static const char *lookup_token(void *ctx, const char *name)
{
	struct token_ctx *c = ctx;

	if (!strcmp(name, AUTH_SCOPE_PLACEHOLDER))
		return c->scope;
	return cred(c->s, name);
}

/* The request body for this style's token endpoint, asking for scopes
 * when there are any; -1 when a needed credential is missing (named in
 * missing). */
static int token_body(struct auth_session *s, const char *name,
		      const char *date, const struct strlist *scopes,
		      struct strbuf *b, const char **ctype, char *missing,
		      size_t mn)
{
	static const char *const need[AUTH__COUNT][4] = {
		{ "email", "password" }, { "email", "password" },
		{ "client_id", "username", "password" },
		{ "client_id", "client_secret", "tenant" },
	};
	const struct auth_endpoint *te = &s->t->token_endpoint;
	struct strbuf sc = STRBUF_INIT;
	struct token_ctx tc = { s, NULL };
	char when[16];
	json_t *j = NULL;
	char *text;
	int rc = 0;

	for (int i = 0; i < 4 && need[s->t->style][i]; i++)
		if (!cred(s, need[s->t->style][i])) {
			snprintf(missing, mn, "%s", need[s->t->style][i]);
			return -1;
		}
	join_scopes(scopes, &sc);
	switch (s->t->style) {
	case AUTH_PRESTO:
	case AUTH_PRESTO_FI:
		if (!date) {
			auth_date_ahead(s->now, AUTH_PRESTO_SESSION_DAYS,
					when);
			date = when;
		}
		j = json_pack("{s:s,s:s,s:s,s:s}", "email", cred(s, "email"),
			      "password", cred(s, "password"), "token_name",
			      name ? name : "authaudit-probe",
			      "token_expiration_date", date);
		break;
	case AUTH_VISTA_GAS:
		form_add(b, "grant_type", "password");
		form_add(b, "client_id", cred(s, "client_id"));
		form_add(b, "username", cred(s, "username"));
		form_add(b, "password", cred(s, "password"));
		if (sc.len)
			form_add(b, "scope", sc.buf);
		*ctype = "application/x-www-form-urlencoded";
		goto out;
	case AUTH_VISTA_INTEGRATION:
		j = json_pack("{s:s,s:s,s:s,s:s,s:s}", "client_id",
			      cred(s, "client_id"), "grant_type",
			      "client_credentials", "client_secret",
			      cred(s, "client_secret"), "audience",
			      "https://partner.vista.co/", "tenant_code",
			      cred(s, "tenant"));
		if (sc.len)
			json_object_set_new(j, "scope", json_string(sc.buf));
		break;
	case AUTH_RESELLER_JWT:
		/* the Generate Token request as the config gives it */
		tc.scope = sc.buf;
		rc = auth_template_fill(te->body, te->body_kind, lookup_token,
					&tc, b, missing, mn);
		*ctype = te->content_type;
		goto out;
	default:
		snprintf(missing, mn, "token");
		rc = -1;
		goto out;
	}
	text = json_dumps(j, JSON_COMPACT);
	json_decref(j);
	strbuf_addstr(b, text);
	explicit_bzero(text, strlen(text));
	free(text);
	*ctype = "application/json";
out:
	strbuf_release(&sc);
	return rc;
}

/* The value at a dotted path of j ("data.token"), or NULL. */
static json_t *json_at(json_t *j, const char *path)
{
	char key[128];

	while (j && *path) {
		size_t n = strcspn(path, ".");

		snprintf(key, sizeof(key), "%.*s", (int)n, path);
		j = json_object_get(j, key);
		path += n + (path[n] == '.');
	}
	return j;
}

static void parse_issued(struct auth_session *s, const struct strbuf *body,
			 struct auth_issued *out)
{
	json_t *j = json_loadb(body->buf, body->len, 0, NULL), *tok, *ei;
	const char *field = s->t->token_endpoint.token_field;
	const char *v;

	if (!j)
		return;
	if (s->t->style == AUTH_PRESTO || s->t->style == AUTH_PRESTO_FI) {
		tok = json_at(j, "data.token.value");
		v = json_string_value(json_at(j, "data.token."
					      "expiration_date"));
		if (v)
			snprintf(out->expiration_date,
				 sizeof(out->expiration_date), "%s", v);
	} else if (field) {
		tok = json_at(j, field);
	} else {
		tok = json_object_get(j, "access_token");
		if (!tok)
			tok = json_object_get(j, "token");
	}
	if (json_string_value(tok))
		out->token = xstrdup(json_string_value(tok));
	ei = json_object_get(j, "expires_in");
	if (json_is_integer(ei))
		out->expires_in = json_integer_value(ei);
	json_decref(j);
}

/* Stay under the token endpoint's rate limit across runs: the ledger of
 * this client's token requests (auth_ratelimit.c). The client is the
 * endpoint URL with client_id, else username, else email. */
static int rate_allows(struct auth_session *s, const char *url)
{
	struct strbuf key = STRBUF_INIT, span = STRBUF_INIT;
	struct err e = ERR_INIT;
	const char *who = cred(s, "client_id");
	long limit = 25, window = 900;
	size_t used = 0;
	int allowed = 0;

	if (!who)
		who = cred(s, "username");
	if (!who)
		who = cred(s, "email");
	profile_param_long(s->rs, s->profile, "token_rate_limit", &limit, &e);
	profile_param_seconds(s->rs, s->profile, "token_rate_window", &window,
			      &e);
	strbuf_addf(&key, "%s\n%s", url, who ? who : "");
	if (rate_ledger_take(key.buf, s->now, limit, window, &allowed, &used,
			     &e)) {
		auth_notice(s, "token request skipped: %s", e.msg);
		allowed = 0;
	} else if (!allowed) {
		token_fmt_span(&span, window);
		auth_notice(s, "token request skipped: %zu already made for "
			    "this client in the last %s (token_rate_limit "
			    "%ld)", used, span.buf, limit);
	}
	explicit_bzero(key.buf, key.len);
	strbuf_release(&key);
	strbuf_release(&span);
	return allowed;
}

/* Note a token this run created: its name (Presto) or where it came
 * from, and when it expires; never its value. */
static void note_created(struct auth_session *s, const char *name,
			 int scoped, const struct auth_issued *is)
{
	struct strbuf sb = STRBUF_INIT;
	struct err e = ERR_INIT;
	struct jwt j;

	if (s->t->style == AUTH_PRESTO || s->t->style == AUTH_PRESTO_FI)
		strbuf_addf(&sb, "'%s'", name ? name : "authaudit-probe");
	else
		strbuf_addf(&sb, "%s of %s", scoped ? "a limited token" :
			    "an access token", s->t->token_endpoint.path);
	strbuf_addstr(&sb, " expiring ");
	if (is->expiration_date[0]) {
		strbuf_addstr(&sb, is->expiration_date);
	} else if (is->expires_in >= 0) {
		token_fmt_time(&sb, (long long)s->now + is->expires_in);
	} else if (!jwt_decode(is->token, strlen(is->token), &j, &e)) {
		if (j.has_exp)
			token_fmt_time(&sb, j.exp);
		else
			strbuf_addstr(&sb, "never (no exp)");
		jwt_release(&j);
	} else {
		strbuf_addstr(&sb, "at a time the answer does not give");
	}
	strlist_push(&s->created, sb.buf);
	strbuf_release(&sb);
}

int auth_issue(struct auth_session *s, const char *name, const char *date,
	       const struct strlist *scopes, struct auth_issued *out)
{
	const struct auth_endpoint *te = &s->t->token_endpoint;
	struct http_request rq = { 0 };
	struct http_response rs;
	struct strbuf body = STRBUF_INIT, url = STRBUF_INIT;
	struct strbuf vals[AUTH_MAX_HEADERS];
	struct err e = ERR_INIT;
	const char *ctype = NULL;
	char missing[64] = "";
	int rc = -1;

	memset(out, 0, sizeof(*out));
	out->expires_in = -1;
	for (size_t i = 0; i < ARRAY_SIZE(vals); i++)
		strbuf_init(&vals[i], 0);
	if (!te->path)
		goto out;
	if (s->t->style == AUTH_PRESTO_FI && !s->t->allow_token_reissue) {
		/* a new FI token revokes every earlier one: the one the
		 * integration runs on, too */
		auth_notice(s, "token request not made: on presto-fi a new "
			    "token revokes the integration's current one; "
			    "set 'allow_token_reissue: true' on the target "
			    "to allow it");
		goto out;
	}
	if (s->token_requests >= AUTH_MAX_TOKEN_REQUESTS) {
		auth_notice(s, "token request skipped: %u already made (the "
			    "documented limit is 25 per client per 15 "
			    "minutes)", s->token_requests);
		goto out;
	}
	if (token_body(s, name, date, scopes ? scopes : &s->t->scopes, &body,
		       &ctype, missing, sizeof(missing))) {
		auth_notice(s, "no '%s' credential for the token endpoint",
			    missing);
		goto out;
	}
	if (url_of(s, te->path, &url) || !rate_allows(s, url.buf))
		goto out;
	rq.method = "POST";
	if (s->t->style == AUTH_RESELLER_JWT) {
		/* the config's own request: its method and headers too */
		char where[600];

		rq.method = te->method;
		for (size_t i = 0; i < te->headers.nr; i++) {
			if (auth_template_fill(te->headers.items[i].value,
					       AUTH_BODY_RAW, lookup_cred, s,
					       &vals[i], missing,
					       sizeof(missing)) ||
			    strpbrk(vals[i].buf, "\r\n")) {
				auth_notice(s, "token request not made: "
					    "header '%s' of %s has no usable "
					    "value", te->headers.items[i].key,
					    auth_surface(te, where,
							 sizeof(where)));
				goto out;
			}
			http_request_header(&rq, te->headers.items[i].key,
					    vals[i].buf);
		}
	}
	rq.url = url.buf;
	rq.body = body.buf;
	rq.content_type = ctype;
	s->token_requests++;
	if (http_send(s->http, &rq, &rs, &e)) {
		auth_notice(s, "%s", e.msg);
		goto out;
	}
	out->status = rs.status;
	out->date = rs.date;
	if (!rs.status)
		auth_notice(s, "no answer from the token endpoint: %s",
			    rs.error);
	else if (auth_ok(rs.status))
		parse_issued(s, &rs.body, out);
	if (rs.cut && auth_ok(rs.status))
		auth_notice(s, "the token endpoint's answer is longer than "
			    "%d KiB: not read past that",
			    HTTP_BODY_MAX / 1024);
	note_redirect(s, url.buf, &rs);
	if (out->token)
		note_created(s, name, scopes != NULL, out);
	explicit_bzero(rs.body.buf, rs.body.len);
	http_response_release(&rs);
	rc = 0;
out:
	explicit_bzero(body.buf, body.len);
	strbuf_release(&body);
	for (size_t i = 0; i < ARRAY_SIZE(vals); i++) {
		explicit_bzero(vals[i].buf, vals[i].len);
		strbuf_release(&vals[i]);
	}
	strbuf_release(&url);
	return rc;
}

/* "2xx", or the surface's success statuses ("201 or 202"). */
static const char *want_text(const struct auth_endpoint *ep, char *buf,
			     size_t n)
{
	size_t len = 0;

	if (!ep->nr_success)
		return "2xx";
	buf[0] = '\0';
	for (size_t i = 0; i < ep->nr_success && len < n; i++)
		len += (size_t)snprintf(buf + len, n - len, "%s%ld",
					i ? " or " : "", ep->success[i]);
	return buf;
}

int auth_session_start(struct auth_session *s)
{
	struct auth_variant v = { 0 };
	const char *tok = cred(s, "token");
	char name[64], where[600], want[128];
	long st;

	s->expires_in = -1;
	if (s->t->style != AUTH_RESELLER_APIKEY) {
		if (tok) {
			s->token = xstrdup(tok);
		} else if (s->t->style == AUTH_PRESTO_FI &&
			   !s->t->allow_token_reissue) {
			auth_notice(s, "could not test: give the current "
				    "token as 'token', or set "
				    "'allow_token_reissue: true' (on "
				    "presto-fi a new token revokes the "
				    "integration's current one)");
			return -1;
		} else {
			struct auth_issued is;

			if (auth_issue(s, NULL, NULL, NULL, &is))
				goto cannot;
			if (!is.token) {
				auth_notice(s, "could not test: the token "
					    "endpoint answered %ld without "
					    "a token", is.status);
				auth_issued_release(&is);
				return -1;
			}
			s->token = is.token;
			s->expires_in = is.expires_in;
			memcpy(s->expiration_date, is.expiration_date,
			       sizeof(s->expiration_date));
			is.token = NULL;
		}
	} else if (!cred(s, "api_key")) {
		auth_notice(s, "could not test: no 'api_key' credential");
		return -1;
	}
	if (surface_missing(s, &s->t->endpoint, name, sizeof(name))) {
		auth_notice(s, "could not test: %s needs credential '%s' "
			    "({{%s}}), which the target does not give",
			    auth_surface(&s->t->endpoint, where,
					 sizeof(where)), name, name);
		return -1;
	}
	st = auth_call(s, &v, NULL);
	if (auth_endpoint_success(&s->t->endpoint, st))
		return 0;
	auth_notice(s, "could not test: the control request (%s) with the "
		    "valid credential got %ld, want %s", auth_surface(
		    &s->t->endpoint, where, sizeof(where)), st,
		    want_text(&s->t->endpoint, want, sizeof(want)));
	return -1;
cannot:
	auth_notice(s, "could not test: no valid credential (give 'token' "
		    "or the token endpoint's credentials)");
	return -1;
}

void auth_session_finish(struct auth_session *s)
{
	struct strbuf sb = STRBUF_INIT;

	if (!s->created.nr)
		return;
	for (size_t i = 0; i < s->created.nr; i++)
		strbuf_addf(&sb, "%s%s", i ? "; " : "", s->created.items[i]);
	auth_notice(s, "tokens created by this run (%zu; revoke them where "
		    "the API allows%s): %s", s->created.nr,
		    s->t->style == AUTH_PRESTO_FI ? "; on presto-fi each "
		    "new token revokes the ones before it" : "", sb.buf);
	strbuf_release(&sb);
}

void auth_session_release(struct auth_session *s)
{
	if (s->token) {
		explicit_bzero(s->token, strlen(s->token));
		free(s->token);
	}
	if (s->limited_token) {
		explicit_bzero(s->limited_token, strlen(s->limited_token));
		free(s->limited_token);
	}
	s->token = NULL;
	s->limited_token = NULL;
	strlist_release(&s->created);
}
