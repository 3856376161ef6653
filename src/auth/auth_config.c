/* auth_config.c - load the auth probe targets from YAML (libyaml document
 * API, keys from a table, errors at file:line:col). See auth_config.h. */
#include "auth_config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "auth_url.h"
#include "lib/strbuf.h"
#include "lib/xalloc.h"
#include "lib/yaml_doc.h"
#include "lib/yaml_map.h"

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

static yaml_set_fn set_request, set_token, set_scope_checks, set_creds;

#define T(f) offsetof(struct auth_target, f)
static const struct yaml_key keys[] = {
	{ "name", yaml_set_string, T(name), 1, NULL },
	{ "style", yaml_set_string, T(style_name), 1, NULL },
	{ "profile", yaml_set_string, T(profile), 0, NULL },
	{ "base_url", yaml_set_string, T(base_url), 1, NULL },
	{ "endpoint", set_request, T(endpoint), 1, NULL },
	{ "scope_checks", set_scope_checks, 0, 0, NULL },
	{ "captcha_endpoint", set_request, T(captcha_endpoint), 0, NULL },
	{ "token_endpoint", set_token, T(token_endpoint), 0, NULL },
	{ "scopes", yaml_set_words, T(scopes), 0, NULL },
	{ "limited_scopes", yaml_set_words, T(limited_scopes), 0, NULL },
	{ "http_url", yaml_set_string, T(http_url), 0, NULL },
	{ "expiry_wait", yaml_set_seconds, T(expiry_wait), 0, NULL },
	{ "timeout", yaml_set_seconds, T(timeout), 0, NULL },
	{ "ca_file", yaml_set_path, T(ca_file), 0, NULL },
	{ "allow_token_reissue", yaml_set_bool, T(allow_token_reissue), 0,
	  NULL },
	{ "credentials", set_creds, 0, 0, NULL },
	{ "scope_endpoint", yaml_set_gone, 0, 0,
	  "is now 'scope_checks', a "
	  "list of surfaces each naming the scope it needs ({ path: /Orders/"
	  "Admin, scope: admin }), probed with a credential that lacks it "
	  "(limited_token or limited_scopes; docs/auth.md)" },
	{ NULL, NULL, 0, 0, NULL }
};
#undef T
#define NR_KEYS (ARRAY_SIZE(keys) - 1)

/* The value node of key in a target's nodes (yaml_map_read's). */
static yaml_node_t *val_of(yaml_node_t *const *val, const char *key)
{
	for (size_t i = 0; i < NR_KEYS; i++)
		if (!strcmp(keys[i].name, key))
			return val[i];
	return NULL;
}

/* Longest wait for a Presto token to expire, and per request. */
#define MAX_EXPIRY_WAIT 3600L
#define MAX_TIMEOUT 600L
#define DEFAULT_TIMEOUT 30L

static int set_creds(struct yaml_reader *ld, const char *what,
		     const struct yaml_key *key_, void *base, yaml_node_t *m)
{
	struct auth_target *t = base;

	(void)what;
	(void)key_;
	if (m->type != YAML_MAPPING_NODE)
		return yaml_reader_at(
			ld, m, "%s: credentials must be a mapping", what);
	for (yaml_node_pair_t *p = m->data.mapping.pairs.start;
	     p < m->data.mapping.pairs.top; p++) {
		yaml_node_t *k = yaml_reader_node(ld, p->key),
			    *v = yaml_reader_node(ld, p->value);
		const char *key = yaml_doc_scalar(k);

		if (key && !strcmp(key, "file") && yaml_doc_scalar(v)) {
			free(t->cred_file);
			t->cred_file =
				yaml_doc_path(ld->dir, yaml_doc_scalar(v));
		} else if (key && !strcmp(key, "env") &&
			   v->type == YAML_MAPPING_NODE) {
			for (yaml_node_pair_t *q = v->data.mapping.pairs.start;
			     q < v->data.mapping.pairs.top; q++) {
				yaml_node_t *kn = yaml_reader_node(ld, q->key);
				const char *n = yaml_doc_scalar(kn);
				const char *var = yaml_doc_scalar(
					yaml_reader_node(ld, q->value));
				struct kv *kv;

				if (!n || !var)
					return yaml_reader_at(
						ld,
						yaml_reader_node(ld, q->key),
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
			return yaml_reader_at(
				ld, k,
				"unknown credentials key '%s' (file, "
				"env)",
				key ? key : "?");
		}
	}
	return 0;
}

static int set_request(struct yaml_reader *ld, const char *what,
		       const struct yaml_key *k, void *base, yaml_node_t *v)
{
	(void)what;
	return auth_endpoint_load(ld->doc, ld->file, v, ld->ctx, k->name,
				  AUTH_EP_REQUEST,
				  (void *)((char *)base + k->off), ld->e);
}

static int set_token(struct yaml_reader *ld, const char *what,
		     const struct yaml_key *k, void *base, yaml_node_t *v)
{
	(void)what;
	return auth_endpoint_load(ld->doc, ld->file, v, ld->ctx, k->name,
				  AUTH_EP_TOKEN,
				  (void *)((char *)base + k->off), ld->e);
}

static int set_scope_checks(struct yaml_reader *ld, const char *what,
			    const struct yaml_key *k, void *base,
			    yaml_node_t *v)
{
	struct auth_target *t = base;

	(void)what;
	if (v->type != YAML_SEQUENCE_NODE)
		return yaml_reader_at(
			ld, v,
			"target '%s': '%s' is a list of surfaces, "
			"each with path and scope",
			(const char *)ld->ctx, k->name);
	for (yaml_node_item_t *it = v->data.sequence.items.start;
	     it < v->data.sequence.items.top; it++) {
		struct auth_endpoint *ep;

		t->scope_checks = xrealloc(t->scope_checks,
					   (t->nr_scope_checks + 1) *
					   sizeof(*t->scope_checks));
		ep = &t->scope_checks[t->nr_scope_checks++];
		memset(ep, 0, sizeof(*ep));
		if (auth_endpoint_load(ld->doc, ld->file,
				       yaml_reader_node(ld, *it), ld->ctx,
				       k->name, AUTH_EP_SCOPE, ep, ld->e))
			return -1;
	}
	return 0;
}

/* scopes and limited_scopes: only where a token request carries them
 * (GAS, Vista Integration, and a reseller Generate Token body with
 * {{scope}}); elsewhere the "limited" token would be the valid one. */
static int check_scopes(struct yaml_reader *ld, yaml_node_t *const *val,
			const struct auth_target *t)
{
	const struct auth_endpoint *te = &t->token_endpoint;
	int carries = t->style == AUTH_VISTA_GAS ||
		      t->style == AUTH_VISTA_INTEGRATION ||
		      (t->style == AUTH_RESELLER_JWT && te->body &&
		       strstr(te->body, "{{" AUTH_SCOPE_PLACEHOLDER "}}"));

	for (size_t i = 0; i < NR_KEYS; i++)
		if (val[i] && keys[i].set == yaml_set_words && !carries)
			return yaml_reader_at(
				ld, val[i],
				"target '%s': '%s' needs a "
				"token request that asks for scopes "
				"(vista-gas, vista-integration, or a "
				"reseller-jwt token_endpoint whose body "
				"holds {{scope}})",
				t->name, keys[i].name);
	return 0;
}

/* The checks that need the style: which keys apply to it, and the token
 * endpoint it may be given or must not be. */
static int check_style(struct yaml_reader *ld, yaml_node_t *const *val,
		       struct auth_target *t)
{
	enum auth_style s = t->style;
	const struct auth_endpoint *te = &t->token_endpoint;
	yaml_node_t *tv = val_of(val, "token_endpoint"),
		    *bv = val_of(val, "allow_token_reissue"),
		    *wv = val_of(val, "expiry_wait");

	if (bv && s != AUTH_PRESTO_FI && t->allow_token_reissue)
		return yaml_reader_at(
			ld, bv,
			"target '%s': 'allow_token_reissue' applies "
			"to presto-fi only",
			t->name);
	if (wv && s != AUTH_PRESTO)
		return yaml_reader_at(
			ld, wv,
			"target '%s': 'expiry_wait' applies to "
			"presto-vendor only (the tokens with an "
			"expiration date the auditor may wait out)",
			t->name);
	if (wv && t->expiry_wait > MAX_EXPIRY_WAIT)
		return yaml_reader_at(
			ld, wv, "target '%s': 'expiry_wait' is at most 1h",
			t->name);
	if (tv && s == AUTH_RESELLER_APIKEY)
		return yaml_reader_at(ld, tv,
				      "target '%s': reseller-apikey sends its "
				      "ApiKey as it is: no token_endpoint",
				      t->name);
	if (tv && s == AUTH_RESELLER_JWT && !te->body)
		/* document 004 names Generate Token but not its request */
		return yaml_reader_at(
			ld, tv,
			"target '%s': reseller-jwt: document 004 "
			"does not give the Generate Token request, so "
			"token_endpoint must say it: a mapping with path, "
			"method, body (credential placeholders such as "
			"{{client_id}}) and token_field; or give the "
			"valid token as credential 'token'",
			t->name);
	if (tv && s != AUTH_RESELLER_JWT &&
	    (te->body || te->headers.nr || te->token_field ||
	     te->nr_success))
		return yaml_reader_at(
			ld, tv,
			"target '%s': %s builds its token request "
			"as its document shows: token_endpoint takes a "
			"path only",
			t->name, t->style_name);
	if (tv && s == AUTH_RESELLER_JWT &&
	    strstr(te->body, "{{" AUTH_SCOPE_PLACEHOLDER "}}") &&
	    !t->scopes.nr && !t->limited_scopes.nr)
		return yaml_reader_at(ld, tv,
				      "target '%s': the token request's body "
				      "holds {{scope}}, but neither scopes nor "
				      "limited_scopes is given",
				      t->name);
	return check_scopes(ld, val, t);
}

/* The checks of a whole target, each error at the node it is about:
 * required keys, the style, https:// and where URLs may point. */
static int check_target(struct yaml_reader *ld, yaml_node_t *m,
			yaml_node_t *const *val, struct auth_target *t)
{
	struct err ue = ERR_INIT;
	yaml_node_t *v;
	int s;

	for (s = 0; s < AUTH__COUNT; s++)
		if (!strcmp(t->style_name, auth_style_names[s]))
			break;
	if (s == AUTH__COUNT)
		return yaml_reader_at(
			ld, m,
			"unknown style '%s' (presto-vendor, "
			"presto-fi, vista-gas, vista-integration, "
			"reseller-jwt, reseller-apikey)",
			t->style_name);
	t->style = (enum auth_style)s;
	if (!t->profile)
		t->profile = xstrdup(auth_style_profile(t->style));
	if (!t->token_endpoint.path && style_token_endpoints[s]) {
		t->token_endpoint.path = xstrdup(style_token_endpoints[s]);
		t->token_endpoint.method = xstrdup("POST");
	}
	if (s == AUTH_PRESTO_FI && !t->token_endpoint.path)
		return yaml_reader_at(
			ld, m,
			"%s: presto-fi needs 'token_endpoint' (the "
			"FI token issue endpoint)",
			t->name);
	/* credentials never travel over plain HTTP, nor to a host or port
	 * other than base_url's */
	if (auth_url_check_base(t->base_url, &ue))
		return yaml_reader_at(ld, val_of(val, "base_url"),
				      "target '%s': %s", t->name, ue.msg);
	if ((v = val_of(val, "http_url")) &&
	    auth_url_check_plain(t->base_url, t->http_url, &ue))
		return yaml_reader_at(ld, v, "target '%s': http_url %s",
				      t->name, ue.msg);
	if ((v = val_of(val, "timeout")) &&
	    (t->timeout < 1 || t->timeout > MAX_TIMEOUT))
		return yaml_reader_at(
			ld, v,
			"target '%s': 'timeout' is between 1s and "
			"10m",
			t->name);
	return check_style(ld, val, t);
}

/* The target's name, looked up first so that each key's errors can
 * name it whatever order the keys come in. */
static const char *name_of(struct yaml_reader *ld, yaml_node_t *m)
{
	for (yaml_node_pair_t *p = m->data.mapping.pairs.start;
	     p < m->data.mapping.pairs.top; p++) {
		const char *k = yaml_doc_scalar(yaml_reader_node(ld, p->key));

		if (k && !strcmp(k, "name") &&
		    yaml_doc_scalar(yaml_reader_node(ld, p->value)))
			return yaml_doc_scalar(yaml_reader_node(ld, p->value));
	}
	return "?";
}

static int load_target(struct yaml_reader *ld, yaml_node_t *m,
		       struct auth_target *t)
{
	yaml_node_t *val[NR_KEYS];
	struct strbuf what = STRBUF_INIT;
	const char *name;
	int rc;

	t->line = (unsigned)m->start_mark.line + 1;
	t->timeout = DEFAULT_TIMEOUT;
	if (m->type != YAML_MAPPING_NODE)
		return yaml_reader_at(ld, m, "%s", "a target is a mapping");
	name = name_of(ld, m);
	strbuf_addf(&what, "target '%s'", name);
	ld->ctx = (void *)name;
	rc = yaml_map_read(ld, what.buf, keys, t, m, val);
	strbuf_release(&what);
	return rc ? rc : check_target(ld, m, val, t);
}

static int set_targets(struct yaml_reader *ld, const char *what,
		       const struct yaml_key *k, void *base, yaml_node_t *v)
{
	struct auth_config *c = base;

	(void)what;
	if (v->type != YAML_SEQUENCE_NODE)
		return yaml_reader_at(ld, v, "'%s' must be a list", k->name);
	for (yaml_node_item_t *it = v->data.sequence.items.start;
	     it < v->data.sequence.items.top; it++) {
		ALLOC_GROW(c->targets, c->nr, c->alloc);
		memset(&c->targets[c->nr], 0, sizeof(c->targets[0]));
		c->nr++;
		if (load_target(ld, yaml_reader_node(ld, *it),
				&c->targets[c->nr - 1]))
			return -1;
	}
	return 0;
}

static const struct yaml_key root_keys[] = {
	{ "targets", set_targets, 0, 1, NULL }, { NULL, NULL, 0, 0, NULL }
};

static int load_root(struct yaml_reader *ld, struct auth_config *c)
{
	yaml_node_t *root = yaml_document_get_root_node(ld->doc);

	if (!root || root->type != YAML_MAPPING_NODE)
		return err_set(ld->e, "%s: want a mapping with 'targets'",
			       ld->file);
	return yaml_map_read(ld, "the auth config", root_keys, c, root, NULL);
}

int auth_config_load(struct auth_config *c, const char *path,
		     struct err *e)
{
	struct strbuf dir = STRBUF_INIT;
	yaml_document_t doc;
	struct yaml_reader ld = { .doc = &doc, .file = path, .e = e };
	int rc;

	memset(c, 0, sizeof(*c));
	rc = yaml_doc_load_file(&doc, path, "config", &dir, e);
	if (!rc) {
		ld.dir = dir.buf;
		rc = load_root(&ld, c);
		yaml_document_delete(&doc);
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
