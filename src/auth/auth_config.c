/* auth_config.c - load the auth probe targets from YAML (libyaml document
 * API, keys from a table, errors at file:line:col). See auth_config.h. */
#include "auth_config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "auth_url.h"
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
	K_ENDPOINT,	/* a path on base_url's host: auth_url_check_path() */
	K_BOOL,		/* true or false, into an int */
};

#define T(f) offsetof(struct auth_target, f)
static const struct {
	const char *key;
	size_t off;
	int required;
	enum key_kind kind;
} keys[] = {
	{ "name", T(name), 1, K_STRING },
	{ "style", T(style_name), 1, K_STRING },
	{ "profile", T(profile), 0, K_STRING },
	{ "base_url", T(base_url), 1, K_URL },
	{ "endpoint", T(endpoint), 1, K_ENDPOINT },
	{ "scope_endpoint", T(scope_endpoint), 0, K_ENDPOINT },
	{ "captcha_endpoint", T(captcha_endpoint), 0, K_ENDPOINT },
	{ "token_endpoint", T(token_endpoint), 0, K_ENDPOINT },
	{ "ca_file", T(ca_file), 0, K_FILE },
	{ "allow_token_reissue", T(allow_token_reissue), 0, K_BOOL },
};

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

/* Store one key's value (v) into t, checked by its kind. The checks
 * that need the target's name wait for check_target(). */
static int set_key(struct loader *ld, size_t i, yaml_node_t *v,
		   struct auth_target *t)
{
	const char *val = yaml_doc_scalar(v);
	char **dst = (char **)((char *)t + keys[i].off);

	if (!val)
		return at(ld, v, "'%s' takes a single value", keys[i].key);
	if (keys[i].kind == K_BOOL) {
		int *flag = (int *)((char *)t + keys[i].off);

		if (strcmp(val, "true") && strcmp(val, "false"))
			return at(ld, v, "'%s' is true or false, not '%s'",
				  keys[i].key, val);
		*flag = !strcmp(val, "true");
		return 0;
	}
	free(*dst);
	*dst = keys[i].kind == K_FILE ? yaml_doc_path(ld->dir, val) : xstrdup(val);
	return 0;
}

/* The checks of a whole target, each error at the node it is about:
 * required keys, the style, https:// and where endpoints may point. */
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
	if (!t->token_endpoint && style_token_endpoints[s])
		t->token_endpoint = xstrdup(style_token_endpoints[s]);
	if (s == AUTH_PRESTO_FI && !t->token_endpoint)
		return at(ld, m, "%s: presto-fi needs 'token_endpoint' (the "
			  "FI token issue endpoint)", t->name);
	for (i = 0; i < ARRAY_SIZE(keys); i++) {
		if (!val[i])
			continue;
		if (keys[i].kind == K_BOOL && s != AUTH_PRESTO_FI &&
		    *(int *)((char *)t + keys[i].off))
			return at(ld, val[i], "target '%s': '%s' applies to "
				  "presto-fi only", t->name, keys[i].key);
		/* credentials never travel over plain HTTP, nor to a host
		 * or port other than base_url's */
		if (keys[i].kind == K_URL &&
		    auth_url_check_base(t->base_url, &ue))
			return at(ld, val[i], "target '%s': %s", t->name,
				  ue.msg);
		if (keys[i].kind == K_ENDPOINT &&
		    auth_url_check_path(*(char **)((char *)t + keys[i].off),
					&ue))
			return at(ld, val[i], "target '%s': %s %s", t->name,
				  keys[i].key, ue.msg);
	}
	return 0;
}

static int load_target(struct loader *ld, yaml_node_t *m,
		       struct auth_target *t)
{
	yaml_node_t *val[ARRAY_SIZE(keys)] = { 0 };
	size_t i;

	t->line = (unsigned)m->start_mark.line + 1;
	if (m->type != YAML_MAPPING_NODE)
		return at(ld, m, "%s", "a target is a mapping");
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
		if (set_key(ld, i, v, t))
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
		free(t->endpoint);
		free(t->scope_endpoint);
		free(t->captcha_endpoint);
		free(t->token_endpoint);
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
