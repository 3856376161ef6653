/* auth_config.c - load the auth probe targets from YAML (libyaml document
 * API, keys from a table, errors at file:line:col). See auth_config.h. */
#include "auth_config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "auth_url.h"
#include "lib/duration.h"
#include "lib/strbuf.h"
#include "lib/xalloc.h"
#include "lib/yaml_doc.h"

const char *const auth_style_names[AUTH__COUNT] = {
	"presto-vendor", "presto-fi", "vista-gas", "vista-integration",
	"reseller-jwt", "reseller-apikey"
};

static const char *const style_profiles[AUTH__COUNT] = {
	"presto-vendor", "presto-fi", "vista-digital", "vista-integration",
	"reseller-platform", "reseller-platform"
};

static const char *const style_token_endpoints[AUTH__COUNT] = {
	"/api/developer/v1/auth/token", NULL, "/connect/token",
	"/oauth/token", NULL, NULL
};

const char *auth_style_profile(enum auth_style s)
{
	return (unsigned)s < AUTH__COUNT ? style_profiles[s] : "default";
}

/* What a key's value is, and so how it is checked and stored. */
enum key_kind {
	K_STRING,
	K_FILE,		/* a path, relative to the config's directory */
	K_URL,		/* base_url: auth_url_check_base() */
	K_ENDPOINT,	/* a surface (auth_endpoint.c) */
	K_ENDPOINTS,	/* a list of surfaces: scope_checks */
	K_BOOL,		/* true or false, into an int */
	K_LIST,		/* a list, or one space-separated string */
	K_SECONDS,	/* a duration (duration.h), into a long */
	K_HTTP_URL,	/* http_url: checked against base_url later */
	K_GONE,		/* a key of old configs, refused with its successor */
};

#define T(f) offsetof(struct auth_target, f)
static const struct {
	const char *key;
	size_t off;
	int required;
	enum key_kind kind;
	enum auth_endpoint_use use;	/* K_ENDPOINT(S) */
	const char *why;		/* K_GONE: what replaced it */
} keys[] = {
	{ "name", T(name), 1, K_STRING, 0, NULL },
	{ "style", T(style_name), 1, K_STRING, 0, NULL },
	{ "profile", T(profile), 0, K_STRING, 0, NULL },
	{ "base_url", T(base_url), 1, K_URL, 0, NULL },
	{ "endpoint", T(endpoint), 1, K_ENDPOINT, AUTH_EP_REQUEST, NULL },
	{ "scope_checks", T(scope_checks), 0, K_ENDPOINTS, AUTH_EP_SCOPE,
	  NULL },
	{ "captcha_endpoint", T(captcha_endpoint), 0, K_ENDPOINT,
	  AUTH_EP_REQUEST, NULL },
	{ "token_endpoint", T(token_endpoint), 0, K_ENDPOINT, AUTH_EP_TOKEN,
	  NULL },
	{ "scopes", T(scopes), 0, K_LIST, 0, NULL },
	{ "limited_scopes", T(limited_scopes), 0, K_LIST, 0, NULL },
	{ "http_url", T(http_url), 0, K_HTTP_URL, 0, NULL },
	{ "expiry_wait", T(expiry_wait), 0, K_SECONDS, 0, NULL },
	{ "timeout", T(timeout), 0, K_SECONDS, 0, NULL },
	{ "ca_file", T(ca_file), 0, K_FILE, 0, NULL },
	{ "allow_token_reissue", T(allow_token_reissue), 0, K_BOOL, 0, NULL },
	{ "scope_endpoint", 0, 0, K_GONE, 0, "is now 'scope_checks', a list "
	  "of surfaces each naming the scope it needs ({ path: /Orders/"
	  "Admin, scope: admin }), probed with a credential that lacks it "
	  "(limited_token or limited_scopes; docs/auth.md)" },
};

/* Longest wait for a Presto token to expire, and per request. */
#define MAX_EXPIRY_WAIT 3600L
#define MAX_TIMEOUT 600L
#define DEFAULT_TIMEOUT 30L

struct loader {
	yaml_document_t doc;
	const char *file;
	const char *dir;	/* with a trailing '/', or "" */
	struct err *e;
};

static yaml_node_t *node(struct loader *ld, int i)
{
	return yaml_document_get_node(&ld->doc, i);
}

__attribute__((format(printf, 3, 4)))
static int at(struct loader *ld, yaml_node_t *n, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = yaml_doc_vat(ld->e, ld->file, n, fmt, ap);
	va_end(ap);
	return rc;
}

static int load_creds(struct loader *ld, yaml_node_t *m,
		      struct auth_target *t)
{
	if (m->type != YAML_MAPPING_NODE)
		return at(ld, m, "%s: credentials must be a mapping", t->name);
	for (yaml_node_pair_t *p = m->data.mapping.pairs.start;
	     p < m->data.mapping.pairs.top; p++) {
		yaml_node_t *k = node(ld, p->key), *v = node(ld, p->value);
		const char *key = yaml_doc_scalar(k);

		if (key && !strcmp(key, "file") && yaml_doc_scalar(v)) {
			free(t->cred_file);
			t->cred_file = yaml_doc_path(ld->dir, yaml_doc_scalar(v));
		} else if (key && !strcmp(key, "env") &&
			   v->type == YAML_MAPPING_NODE) {
			for (yaml_node_pair_t *q = v->data.mapping.pairs.start;
			     q < v->data.mapping.pairs.top; q++) {
				yaml_node_t *kn = node(ld, q->key);
				const char *n = yaml_doc_scalar(kn);
				const char *var =
					yaml_doc_scalar(node(ld, q->value));
				struct kv *kv;

				if (!n || !var)
					return at(ld, node(ld, q->key),
						  "%s: credentials.env maps "
						  "names to variable names",
						  t->name);
				ALLOC_GROW(t->cred_env.items, t->cred_env.nr,
					   t->cred_env.alloc);
				kv = &t->cred_env.items[t->cred_env.nr++];
				kv->key = xstrdup(n);
				kv->value = xstrdup(var);
			}
		} else {
			return at(ld, k, "unknown credentials key '%s' (file, "
				  "env)", key ? key : "?");
		}
	}
	return 0;
}

/* A list of names (scopes): a sequence of scalars, or one string of
 * space-separated names. */
static int set_list(struct loader *ld, size_t i, yaml_node_t *v,
		    struct strlist *l)
{
	const char *s = yaml_doc_scalar(v);

	strlist_release(l);
	if (s) {
		struct strbuf sb = STRBUF_INIT;

		strbuf_addstr(&sb, s);
		for (char *save = NULL, *w = strtok_r(sb.buf, " \t", &save); w;
		     w = strtok_r(NULL, " \t", &save))
			strlist_push(l, w);
		strbuf_release(&sb);
		return 0;
	}
	if (v->type != YAML_SEQUENCE_NODE)
		return at(ld, v, "'%s' is a list of names", keys[i].key);
	for (yaml_node_item_t *it = v->data.sequence.items.start;
	     it < v->data.sequence.items.top; it++) {
		const char *w = yaml_doc_scalar(node(ld, *it));

		if (!w || !*w || strpbrk(w, " \t"))
			return at(ld, node(ld, *it), "'%s' is a list of "
				  "names, each without spaces", keys[i].key);
		strlist_push(l, w);
	}
	return 0;
}

static int set_endpoints(struct loader *ld, size_t i, yaml_node_t *v,
			 const char *name, struct auth_target *t)
{
	if (v->type != YAML_SEQUENCE_NODE)
		return at(ld, v, "target '%s': '%s' is a list of surfaces, "
			  "each with path and scope", name, keys[i].key);
	for (yaml_node_item_t *it = v->data.sequence.items.start;
	     it < v->data.sequence.items.top; it++) {
		struct auth_endpoint *ep;

		t->scope_checks = xrealloc(t->scope_checks,
					   (t->nr_scope_checks + 1) *
					   sizeof(*t->scope_checks));
		ep = &t->scope_checks[t->nr_scope_checks++];
		memset(ep, 0, sizeof(*ep));
		if (auth_endpoint_load(&ld->doc, ld->file, node(ld, *it),
				       name, keys[i].key, keys[i].use, ep,
				       ld->e))
			return -1;
	}
	return 0;
}

/* Store one key's value (v) into t, checked by its kind. The checks
 * that need the style or other keys wait for check_target(). name is
 * the target's, for messages. */
static int set_key(struct loader *ld, size_t i, yaml_node_t *v,
		   const char *name, struct auth_target *t)
{
	const char *val = yaml_doc_scalar(v);
	void *dst = (char *)t + keys[i].off;
	long secs;

	switch (keys[i].kind) {
	case K_GONE:
		return at(ld, v, "target '%s': '%s' %s", name, keys[i].key,
			  keys[i].why);
	case K_ENDPOINT:
		return auth_endpoint_load(&ld->doc, ld->file, v, name,
					  keys[i].key, keys[i].use, dst,
					  ld->e);
	case K_ENDPOINTS:
		return set_endpoints(ld, i, v, name, t);
	case K_LIST:
		return set_list(ld, i, v, dst);
	default:
		break;
	}
	if (!val)
		return at(ld, v, "'%s' takes a single value", keys[i].key);
	if (keys[i].kind == K_BOOL) {
		if (strcmp(val, "true") && strcmp(val, "false"))
			return at(ld, v, "'%s' is true or false, not '%s'",
				  keys[i].key, val);
		*(int *)dst = !strcmp(val, "true");
		return 0;
	}
	if (keys[i].kind == K_SECONDS) {
		if (parse_duration(val, &secs))
			return at(ld, v, "'%s' is a duration such as 30s or "
				  "10m, not '%s'", keys[i].key, val);
		*(long *)dst = secs;
		return 0;
	}
	free(*(char **)dst);
	*(char **)dst = keys[i].kind == K_FILE ? yaml_doc_path(ld->dir, val) :
			xstrdup(val);
	return 0;
}

/* scopes and limited_scopes: only where a token request carries them
 * (GAS, Vista Integration, and a reseller Generate Token body with
 * {{scope}}); elsewhere the "limited" token would be the valid one. */
static int check_scopes(struct loader *ld, yaml_node_t *const *val,
			const struct auth_target *t)
{
	const struct auth_endpoint *te = &t->token_endpoint;
	int carries = t->style == AUTH_VISTA_GAS ||
		      t->style == AUTH_VISTA_INTEGRATION ||
		      (t->style == AUTH_RESELLER_JWT && te->body &&
		       strstr(te->body, "{{" AUTH_SCOPE_PLACEHOLDER "}}"));

	for (size_t i = 0; i < ARRAY_SIZE(keys); i++)
		if (val[i] && keys[i].kind == K_LIST && !carries)
			return at(ld, val[i], "target '%s': '%s' needs a "
				  "token request that asks for scopes "
				  "(vista-gas, vista-integration, or a "
				  "reseller-jwt token_endpoint whose body "
				  "holds {{scope}})", t->name, keys[i].key);
	return 0;
}

/* The checks that need the style: which keys apply to it, and the token
 * endpoint it may be given or must not be. */
static int check_style(struct loader *ld, yaml_node_t *const *val,
		       struct auth_target *t)
{
	enum auth_style s = t->style;
	const struct auth_endpoint *te = &t->token_endpoint;
	yaml_node_t *tv = NULL, *bv = NULL, *wv = NULL;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(keys); i++) {
		if (keys[i].off == T(token_endpoint))
			tv = val[i];
		if (keys[i].kind == K_BOOL)
			bv = val[i];
		if (keys[i].off == T(expiry_wait))
			wv = val[i];
	}
	if (bv && s != AUTH_PRESTO_FI && t->allow_token_reissue)
		return at(ld, bv, "target '%s': 'allow_token_reissue' applies "
			  "to presto-fi only", t->name);
	if (wv && s != AUTH_PRESTO)
		return at(ld, wv, "target '%s': 'expiry_wait' applies to "
			  "presto-vendor only (the tokens with an "
			  "expiration date the auditor may wait out)",
			  t->name);
	if (wv && t->expiry_wait > MAX_EXPIRY_WAIT)
		return at(ld, wv, "target '%s': 'expiry_wait' is at most 1h",
			  t->name);
	if (tv && s == AUTH_RESELLER_APIKEY)
		return at(ld, tv, "target '%s': reseller-apikey sends its "
			  "ApiKey as it is: no token_endpoint", t->name);
	if (tv && s == AUTH_RESELLER_JWT && !te->body)
		/* document 004 names Generate Token but not its request */
		return at(ld, tv, "target '%s': reseller-jwt: document 004 "
			  "does not give the Generate Token request, so "
			  "token_endpoint must say it: a mapping with path, "
			  "method, body (credential placeholders such as "
			  "{{client_id}}) and token_field; or give the "
			  "valid token as credential 'token'", t->name);
	if (tv && s != AUTH_RESELLER_JWT &&
	    (te->body || te->headers.nr || te->token_field ||
	     te->nr_success))
		return at(ld, tv, "target '%s': %s builds its token request "
			  "as its document shows: token_endpoint takes a "
			  "path only", t->name, t->style_name);
	if (tv && s == AUTH_RESELLER_JWT &&
	    strstr(te->body, "{{" AUTH_SCOPE_PLACEHOLDER "}}") &&
	    !t->scopes.nr && !t->limited_scopes.nr)
		return at(ld, tv, "target '%s': the token request's body "
			  "holds {{scope}}, but neither scopes nor "
			  "limited_scopes is given", t->name);
	return check_scopes(ld, val, t);
}

/* The checks of a whole target, each error at the node it is about:
 * required keys, the style, https:// and where URLs may point. */
static int check_target(struct loader *ld, yaml_node_t *m,
			yaml_node_t *const *val, struct auth_target *t)
{
	struct err ue = ERR_INIT;
	size_t i;
	int s;

	for (i = 0; i < ARRAY_SIZE(keys); i++)
		if (keys[i].required && !val[i])
			return at(ld, m, "target needs '%s'", keys[i].key);
	for (s = 0; s < AUTH__COUNT; s++)
		if (!strcmp(t->style_name, auth_style_names[s]))
			break;
	if (s == AUTH__COUNT)
		return at(ld, m, "unknown style '%s' (presto-vendor, "
			  "presto-fi, vista-gas, vista-integration, "
			  "reseller-jwt, reseller-apikey)", t->style_name);
	t->style = (enum auth_style)s;
	if (!t->profile)
		t->profile = xstrdup(auth_style_profile(t->style));
	if (!t->token_endpoint.path && style_token_endpoints[s]) {
		t->token_endpoint.path = xstrdup(style_token_endpoints[s]);
		t->token_endpoint.method = xstrdup("POST");
	}
	if (s == AUTH_PRESTO_FI && !t->token_endpoint.path)
		return at(ld, m, "%s: presto-fi needs 'token_endpoint' (the "
			  "FI token issue endpoint)", t->name);
	for (i = 0; i < ARRAY_SIZE(keys); i++) {
		if (!val[i])
			continue;
		/* credentials never travel over plain HTTP, nor to a host
		 * or port other than base_url's */
		if (keys[i].kind == K_URL &&
		    auth_url_check_base(t->base_url, &ue))
			return at(ld, val[i], "target '%s': %s", t->name,
				  ue.msg);
		if (keys[i].kind == K_HTTP_URL &&
		    auth_url_check_plain(t->base_url, t->http_url, &ue))
			return at(ld, val[i], "target '%s': http_url %s",
				  t->name, ue.msg);
		if (keys[i].off == T(timeout) &&
		    (t->timeout < 1 || t->timeout > MAX_TIMEOUT))
			return at(ld, val[i], "target '%s': 'timeout' is "
				  "between 1s and 10m", t->name);
	}
	return check_style(ld, val, t);
}

/* The target's name, looked up first so that each key's errors can
 * name it whatever order the keys come in. */
static const char *name_of(struct loader *ld, yaml_node_t *m)
{
	for (yaml_node_pair_t *p = m->data.mapping.pairs.start;
	     p < m->data.mapping.pairs.top; p++) {
		const char *k = yaml_doc_scalar(node(ld, p->key));

		if (k && !strcmp(k, "name") &&
		    yaml_doc_scalar(node(ld, p->value)))
			return yaml_doc_scalar(node(ld, p->value));
	}
	return "?";
}

static int load_target(struct loader *ld, yaml_node_t *m,
		       struct auth_target *t)
{
	yaml_node_t *val[ARRAY_SIZE(keys)] = { 0 };
	const char *name;
	size_t i;

	t->line = (unsigned)m->start_mark.line + 1;
	t->timeout = DEFAULT_TIMEOUT;
	if (m->type != YAML_MAPPING_NODE)
		return at(ld, m, "%s", "a target is a mapping");
	name = name_of(ld, m);
	for (yaml_node_pair_t *p = m->data.mapping.pairs.start;
	     p < m->data.mapping.pairs.top; p++) {
		yaml_node_t *k = node(ld, p->key), *v = node(ld, p->value);
		const char *key = yaml_doc_scalar(k);

		if (key && !strcmp(key, "credentials")) {
			if (load_creds(ld, v, t))
				return -1;
			continue;
		}
		for (i = 0; i < ARRAY_SIZE(keys); i++)
			if (key && !strcmp(key, keys[i].key))
				break;
		if (i == ARRAY_SIZE(keys))
			return at(ld, k, "unknown target key '%s'",
				  key ? key : "?");
		if (val[i])
			return at(ld, k, "target '%s': '%s' given twice",
				  name, key);
		if (set_key(ld, i, v, name, t))
			return -1;
		val[i] = v;
	}
	return check_target(ld, m, val, t);
}

static int load_root(struct loader *ld, struct auth_config *c)
{
	yaml_node_t *root = yaml_document_get_root_node(&ld->doc), *list = 0;

	if (!root || root->type != YAML_MAPPING_NODE)
		return err_set(ld->e, "%s: want a mapping with 'targets'",
			       ld->file);
	for (yaml_node_pair_t *p = root->data.mapping.pairs.start;
	     p < root->data.mapping.pairs.top; p++) {
		const char *key = yaml_doc_scalar(node(ld, p->key));

		if (!key || strcmp(key, "targets"))
			return at(ld, node(ld, p->key), "unknown key '%s' "
				  "(targets)", key ? key : "?");
		list = node(ld, p->value);
	}
	if (!list || list->type != YAML_SEQUENCE_NODE)
		return at(ld, root, "%s", "'targets' must be a list");
	for (yaml_node_item_t *it = list->data.sequence.items.start;
	     it < list->data.sequence.items.top; it++) {
		ALLOC_GROW(c->targets, c->nr, c->alloc);
		memset(&c->targets[c->nr], 0, sizeof(c->targets[0]));
		c->nr++;
		if (load_target(ld, node(ld, *it), &c->targets[c->nr - 1]))
			return -1;
	}
	return 0;
}

int auth_config_load(struct auth_config *c, const char *path,
		     struct err *e)
{
	struct strbuf dir = STRBUF_INIT;
	struct loader ld = { .file = path, .e = e };
	int rc;

	memset(c, 0, sizeof(*c));
	rc = yaml_doc_load_file(&ld.doc, path, "config", &dir, e);
	if (!rc) {
		ld.dir = dir.buf;
		rc = load_root(&ld, c);
		yaml_document_delete(&ld.doc);
	}
	strbuf_release(&dir);
	if (rc)
		auth_config_release(c);
	return rc;
}

void auth_config_release(struct auth_config *c)
{
	for (size_t i = 0; i < c->nr; i++) {
		struct auth_target *t = &c->targets[i];

		free(t->name);
		free(t->style_name);
		free(t->profile);
		free(t->base_url);
		auth_endpoint_release(&t->endpoint);
		for (size_t k = 0; k < t->nr_scope_checks; k++)
			auth_endpoint_release(&t->scope_checks[k]);
		free(t->scope_checks);
		auth_endpoint_release(&t->captcha_endpoint);
		auth_endpoint_release(&t->token_endpoint);
		strlist_release(&t->scopes);
		strlist_release(&t->limited_scopes);
		free(t->http_url);
		free(t->ca_file);
		free(t->cred_file);
		for (size_t k = 0; k < t->cred_env.nr; k++) {
			free(t->cred_env.items[k].key);
			free(t->cred_env.items[k].value);
		}
		free(t->cred_env.items);
	}
	free(c->targets);
	memset(c, 0, sizeof(*c));
}

int auth_target_http_url(const struct auth_target *t, struct strbuf *out,
			 struct err *e)
{
	strbuf_reset(out);
	if (t->http_url) {
		strbuf_addstr(out, t->http_url);
		return 0;
	}
	return auth_url_join(t->base_url, t->endpoint.path, 1, out, e);
}
