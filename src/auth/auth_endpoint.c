/* auth_endpoint.c - a request surface of the auth config: a bare path (a
 * GET), or a mapping with the method, the body (a YAML mapping sent as
 * JSON or as a form, or a string), content_type, extra headers and the
 * statuses the control request succeeds with. Everything is checked when
 * the config is loaded, each error at its node. See auth_config.h. */
#include "auth_config.h"

#include <ctype.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "auth_url.h"
#include "lib/xalloc.h"
#include "lib/yaml_doc.h"

#define MAX_DEPTH 32	/* nesting of a body */

struct eploader {
	yaml_document_t *doc;
	const char *file, *target, *key;
	struct err *e;
};

__attribute__((format(printf, 3, 4)))
static int at(struct eploader *ld, yaml_node_t *n, const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;
	int rc;

	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	rc = yaml_doc_at(ld->e, ld->file, n, "target '%s': %s %s", ld->target,
			 ld->key, sb.buf);
	strbuf_release(&sb);
	return rc;
}

static yaml_node_t *node(struct eploader *ld, int i)
{
	return yaml_document_get_node(ld->doc, i);
}

/* A string of a template (a body value, a header): its placeholders. */
static int check_template(struct eploader *ld, yaml_node_t *n,
			  const char *s)
{
	struct err te = ERR_INIT;

	if (!auth_template_check(s, &te))
		return 0;
	return at(ld, n, "%s", te.msg);
}

/* ---- bodies ------------------------------------------------------- */

/* A plain scalar as YAML's core schema reads it (null, a boolean, a
 * number), else a string; a quoted scalar is always a string. */
static json_t *scalar_json(const yaml_node_t *n, const char *s)
{
	char *end;

	if (n->data.scalar.style == YAML_PLAIN_SCALAR_STYLE) {
		if (!*s || !strcmp(s, "~") || !strcmp(s, "null"))
			return json_null();
		if (!strcmp(s, "true") || !strcmp(s, "false"))
			return json_boolean(!strcmp(s, "true"));
		if (isdigit((unsigned char)s[s[0] == '-']) &&
		    !strpbrk(s, "xX")) {
			long long i = strtoll(s, &end, 10);

			if (!*end)
				return json_integer(i);
			double d = strtod(s, &end);

			if (!*end)
				return json_real(d);
		}
	}
	return json_string(s);
}

static json_t *to_json(struct eploader *ld, yaml_node_t *n, int depth)
{
	json_t *j;

	if (depth > MAX_DEPTH) {
		at(ld, n, "body: nested deeper than %d", MAX_DEPTH);
		return NULL;
	}
	if (n->type == YAML_SCALAR_NODE) {
		const char *s = yaml_doc_scalar(n);

		if (check_template(ld, n, s))
			return NULL;
		if (!(j = scalar_json(n, s)))
			at(ld, n, "body: '%s' is not UTF-8 text", s);
		return j;
	}
	if (n->type == YAML_SEQUENCE_NODE) {
		j = json_array();
		for (yaml_node_item_t *it = n->data.sequence.items.start;
		     it < n->data.sequence.items.top; it++) {
			json_t *v = to_json(ld, node(ld, *it), depth + 1);

			if (!v) {
				json_decref(j);
				return NULL;
			}
			json_array_append_new(j, v);
		}
		return j;
	}
	j = json_object();
	for (yaml_node_pair_t *p = n->data.mapping.pairs.start;
	     p < n->data.mapping.pairs.top; p++) {
		yaml_node_t *k = node(ld, p->key);
		const char *ks = yaml_doc_scalar(k);
		json_t *v;

		if (!ks) {
			json_decref(j);
			at(ld, k, "body: a key must be a string");
			return NULL;
		}
		if (check_template(ld, k, ks) ||
		    !(v = to_json(ld, node(ld, p->value), depth + 1))) {
			json_decref(j);
			return NULL;
		}
		json_object_set_new(j, ks, v);
	}
	return j;
}

/* A form's name or value: %-encoded, its placeholders kept for
 * auth_template_fill() (which %-encodes what it puts there). */
static void form_part(struct strbuf *out, const char *s)
{
	struct strbuf lit = STRBUF_INIT;
	size_t pos = 0, start = 0;
	char name[64];

	while (!auth_template_next(s, &pos, name, sizeof(name))) {
		size_t ph = pos - strlen(name) - 4;

		strbuf_reset(&lit);
		strbuf_add(&lit, s + start, ph - start);
		auth_form_escape(out, lit.buf);
		strbuf_add(out, s + ph, pos - ph);
		start = pos;
	}
	auth_form_escape(out, s + start);
	strbuf_release(&lit);
}

static int form_body(struct eploader *ld, yaml_node_t *n,
		     struct strbuf *out)
{
	if (n->type != YAML_MAPPING_NODE)
		return at(ld, n, "body: a form body is a mapping of names to "
			  "values");
	for (yaml_node_pair_t *p = n->data.mapping.pairs.start;
	     p < n->data.mapping.pairs.top; p++) {
		yaml_node_t *k = node(ld, p->key), *v = node(ld, p->value);
		const char *ks = yaml_doc_scalar(k), *vs = yaml_doc_scalar(v);

		if (!ks || !vs)
			return at(ld, vs ? k : v, "body: a form field is a "
				  "name and a single value");
		if (check_template(ld, k, ks) || check_template(ld, v, vs))
			return -1;
		if (out->len)
			strbuf_addch(out, '&');
		form_part(out, ks);
		strbuf_addch(out, '=');
		form_part(out, vs);
	}
	return 0;
}

static enum auth_body_kind kind_of(const char *ctype)
{
	if (!ctype || strstr(ctype, "json"))
		return AUTH_BODY_JSON;
	if (strstr(ctype, "x-www-form-urlencoded"))
		return AUTH_BODY_FORM;
	return AUTH_BODY_RAW;
}

/* The body template from its node, now that content_type is known. */
static int load_body(struct eploader *ld, yaml_node_t *n,
		     struct auth_endpoint *ep)
{
	struct strbuf sb = STRBUF_INIT;
	json_t *j;
	char *text;

	ep->body_kind = kind_of(ep->content_type);
	if (!ep->content_type)
		ep->content_type = xstrdup("application/json");
	if (n->type == YAML_SCALAR_NODE) {
		if (check_template(ld, n, yaml_doc_scalar(n)))
			return -1;
		ep->body = xstrdup(yaml_doc_scalar(n));
		return 0;
	}
	if (ep->body_kind == AUTH_BODY_FORM) {
		if (form_body(ld, n, &sb)) {
			strbuf_release(&sb);
			return -1;
		}
		ep->body = strbuf_detach(&sb, NULL);
		return 0;
	}
	if (ep->body_kind == AUTH_BODY_RAW)
		return at(ld, n, "body: a mapping or list is sent as JSON or "
			  "as a form; content_type '%s' is neither (give the "
			  "body as a string)", ep->content_type);
	if (!(j = to_json(ld, n, 0)))
		return -1;
	text = json_dumps(j, JSON_COMPACT);
	json_decref(j);
	if (!text)
		return at(ld, n, "body: cannot be written as JSON");
	ep->body = xstrdup(text);
	free(text);
	return 0;
}

/* ---- headers, statuses --------------------------------------------- */

/* Headers a check sets or leaves out itself, or that curl or the body
 * decide: a config may not set them. */
static const char *const reserved[] = {
	"Authorization", "ApiKey", "Vista-Api-Key", "Vista-Api-Tenant",
	"CaptchaResponse", "Content-Type", "Content-Length", "Host",
	"Transfer-Encoding", "Expect", "Connection",
};

static int load_headers(struct eploader *ld, yaml_node_t *n,
			struct auth_endpoint *ep)
{
	if (n->type != YAML_MAPPING_NODE)
		return at(ld, n, "headers: want a mapping of names to values");
	for (yaml_node_pair_t *p = n->data.mapping.pairs.start;
	     p < n->data.mapping.pairs.top; p++) {
		yaml_node_t *k = node(ld, p->key), *v = node(ld, p->value);
		const char *ks = yaml_doc_scalar(k), *vs = yaml_doc_scalar(v);
		struct kv *kv;

		if (!ks || !*ks || strspn(ks, "abcdefghijklmnopqrstuvwxyz"
					  "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
					  "0123456789!#$%&'*+-.^_`|~") !=
		    strlen(ks))
			return at(ld, k, "headers: '%s' is not a header name",
				  ks ? ks : "?");
		for (size_t i = 0; i < ARRAY_SIZE(reserved); i++)
			if (!strcasecmp(ks, reserved[i]))
				return at(ld, k, "headers: '%s' is set by the "
					  "probes themselves (the style's "
					  "credential headers, content_type, "
					  "the transfer)", ks);
		if (!vs)
			return at(ld, v, "headers: '%s' takes a single value",
				  ks);
		for (const unsigned char *c = (const unsigned char *)vs; *c;
		     c++)
			if ((*c < 0x20 && *c != '\t') || *c == 0x7f)
				return at(ld, v, "headers: the value of '%s' "
					  "holds a control character", ks);
		if (check_template(ld, v, vs))
			return -1;
		if (ep->headers.nr >= AUTH_MAX_HEADERS)
			return at(ld, k, "headers: at most %d",
				  AUTH_MAX_HEADERS);
		ALLOC_GROW(ep->headers.items, ep->headers.nr,
			   ep->headers.alloc);
		kv = &ep->headers.items[ep->headers.nr++];
		kv->key = xstrdup(ks);
		kv->value = xstrdup(vs);
	}
	return 0;
}

static int add_status(struct eploader *ld, yaml_node_t *n,
		      struct auth_endpoint *ep)
{
	const char *s = yaml_doc_scalar(n);
	char *end;
	long v;

	if (!s)
		return at(ld, n, "success_status: want a status or a list of "
			  "them");
	v = strtol(s, &end, 10);
	if (!*s || *end || v < 100 || v > 599)
		return at(ld, n, "success_status: '%s' is not an HTTP status",
			  s);
	if (ep->nr_success >= AUTH_MAX_SUCCESS)
		return at(ld, n, "success_status: at most %d",
			  AUTH_MAX_SUCCESS);
	ep->success[ep->nr_success++] = v;
	return 0;
}

static int load_statuses(struct eploader *ld, yaml_node_t *n,
			 struct auth_endpoint *ep)
{
	if (n->type != YAML_SEQUENCE_NODE)
		return add_status(ld, n, ep);
	for (yaml_node_item_t *it = n->data.sequence.items.start;
	     it < n->data.sequence.items.top; it++)
		if (add_status(ld, node(ld, *it), ep))
			return -1;
	return 0;
}

/* ---- the surface ---------------------------------------------------- */

static const char *const methods[] = { "GET", "POST", "PUT", "PATCH",
				       "DELETE" };

enum ep_key { K_PATH, K_METHOD, K_BODY, K_CTYPE, K_HEADERS, K_STATUS,
	      K_SCOPE, K_TOKEN_FIELD, K__COUNT };
static const char *const ep_keys[K__COUNT] = {
	"path", "method", "body", "content_type", "headers",
	"success_status", "scope", "token_field"
};

static int load_path(struct eploader *ld, yaml_node_t *n,
		     struct auth_endpoint *ep)
{
	struct err ue = ERR_INIT;
	const char *s = yaml_doc_scalar(n);

	if (!s)
		return at(ld, n, "path: takes a single value");
	/* a path that could name another host, port, user or scheme never
	 * gets as far as a request */
	if (auth_url_check_path(s, &ue))
		return at(ld, n, "%s", ue.msg);
	ep->path = xstrdup(s);
	return 0;
}

static int load_method(struct eploader *ld, yaml_node_t *n,
		       struct auth_endpoint *ep)
{
	const char *s = yaml_doc_scalar(n);

	for (size_t i = 0; s && i < ARRAY_SIZE(methods); i++)
		if (!strcasecmp(s, methods[i])) {
			ep->method = xstrdup(methods[i]);
			return 0;
		}
	return at(ld, n, "method: '%s' is not one of GET, POST, PUT, PATCH, "
		  "DELETE", s ? s : "?");
}

/* The keys of a surface's mapping, each once, into v[]. */
static int read_keys(struct eploader *ld, yaml_node_t *m,
		     enum auth_endpoint_use use, yaml_node_t **v)
{
	for (yaml_node_pair_t *p = m->data.mapping.pairs.start;
	     p < m->data.mapping.pairs.top; p++) {
		yaml_node_t *k = node(ld, p->key);
		const char *ks = yaml_doc_scalar(k);
		int i;

		for (i = 0; i < K__COUNT; i++)
			if (ks && !strcmp(ks, ep_keys[i]))
				break;
		if (i == K__COUNT || (i == K_SCOPE && use != AUTH_EP_SCOPE) ||
		    (i == K_TOKEN_FIELD && use != AUTH_EP_TOKEN))
			return at(ld, k, "has no key '%s' (path, method, "
				  "body, content_type, headers, "
				  "success_status%s)", ks ? ks : "?",
				  use == AUTH_EP_SCOPE ? ", scope" :
				  use == AUTH_EP_TOKEN ? ", token_field" : "");
		if (v[i])
			return at(ld, k, "gives '%s' twice", ks);
		v[i] = node(ld, p->value);
	}
	return 0;
}

static int load_mapping(struct eploader *ld, yaml_node_t *m,
			enum auth_endpoint_use use, struct auth_endpoint *ep)
{
	yaml_node_t *v[K__COUNT] = { 0 };
	const char *s;

	if (read_keys(ld, m, use, v))
		return -1;
	if (!v[K_PATH])
		return at(ld, m, "needs 'path'");
	if (load_path(ld, v[K_PATH], ep) ||
	    (v[K_METHOD] && load_method(ld, v[K_METHOD], ep)))
		return -1;
	if (!ep->method)
		ep->method = xstrdup(v[K_BODY] ? "POST" : "GET");
	if (v[K_CTYPE]) {
		if (!(s = yaml_doc_scalar(v[K_CTYPE])) || !*s ||
		    strpbrk(s, "\r\n"))
			return at(ld, v[K_CTYPE], "content_type: want a media "
				  "type");
		if (!v[K_BODY])
			return at(ld, v[K_CTYPE], "content_type: there is no "
				  "body");
		ep->content_type = xstrdup(s);
	}
	if (v[K_BODY] && !strcmp(ep->method, "GET"))
		return at(ld, v[K_BODY], "body: a GET carries no body (give "
			  "method)");
	if ((v[K_BODY] && load_body(ld, v[K_BODY], ep)) ||
	    (v[K_HEADERS] && load_headers(ld, v[K_HEADERS], ep)) ||
	    (v[K_STATUS] && load_statuses(ld, v[K_STATUS], ep)))
		return -1;
	if (use == AUTH_EP_SCOPE) {
		if (!v[K_SCOPE])
			return at(ld, m, "needs 'scope' (the scope the "
				  "endpoint requires)");
		if (!(s = yaml_doc_scalar(v[K_SCOPE])) || !*s)
			return at(ld, v[K_SCOPE], "scope: want a scope name");
		ep->scope = xstrdup(s);
	}
	if (v[K_TOKEN_FIELD]) {
		s = yaml_doc_scalar(v[K_TOKEN_FIELD]);
		if (!s || !*s || strspn(s, "abcdefghijklmnopqrstuvwxyz"
					"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
					"_.") != strlen(s) ||
		    s[0] == '.' || strstr(s, "..") || s[strlen(s) - 1] == '.')
			return at(ld, v[K_TOKEN_FIELD], "token_field: want "
				  "field names joined by '.' (data.token)");
		ep->token_field = xstrdup(s);
	}
	return 0;
}

int auth_endpoint_load(yaml_document_t *doc, const char *file,
		       yaml_node_t *n, const char *target, const char *key,
		       enum auth_endpoint_use use, struct auth_endpoint *ep,
		       struct err *e)
{
	struct eploader ld = { doc, file, target, key, e };
	int rc;

	auth_endpoint_release(ep);
	ep->line = (unsigned)n->start_mark.line + 1;
	ep->col = (unsigned)n->start_mark.column + 1;
	if (n->type == YAML_MAPPING_NODE) {
		rc = load_mapping(&ld, n, use, ep);
	} else if (use == AUTH_EP_SCOPE) {
		rc = at(&ld, n, "is a mapping with path and scope");
	} else if (!yaml_doc_scalar(n)) {
		rc = at(&ld, n, "is a path or a mapping (path, method, "
			"body, ...)");
	} else {
		/* a bare path: the same message as before surfaces had
		 * mappings, at the value */
		struct err ue = ERR_INIT;

		rc = auth_url_check_path(yaml_doc_scalar(n), &ue) ?
		     yaml_doc_at(e, file, n, "target '%s': %s %s", target,
				 key, ue.msg) : 0;
		if (!rc) {
			ep->path = xstrdup(yaml_doc_scalar(n));
			ep->method = xstrdup("GET");
		}
	}
	if (rc)
		auth_endpoint_release(ep);
	return rc;
}

void auth_endpoint_release(struct auth_endpoint *ep)
{
	free(ep->path);
	free(ep->method);
	free(ep->body);
	free(ep->content_type);
	free(ep->scope);
	free(ep->token_field);
	for (size_t i = 0; i < ep->headers.nr; i++) {
		free(ep->headers.items[i].key);
		free(ep->headers.items[i].value);
	}
	free(ep->headers.items);
	memset(ep, 0, sizeof(*ep));
}

int auth_endpoint_success(const struct auth_endpoint *ep, long status)
{
	if (!ep->nr_success)
		return status >= 200 && status < 300;
	for (size_t i = 0; i < ep->nr_success; i++)
		if (ep->success[i] == status)
			return 1;
	return 0;
}

int auth_endpoint_accepted(const struct auth_endpoint *ep, long status)
{
	return (status >= 200 && status < 300) ||
	       auth_endpoint_success(ep, status);
}
