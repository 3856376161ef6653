/* audit_config.c - an audit's YAML config (libyaml document API, keys from
 * tables, errors at file:line:column); see audit_config.h. */
#include "audit_config.h"

#include "lib/duration.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "lib/strbuf.h"
#include "lib/xalloc.h"
#include "lib/yaml_doc.h"

enum val_kind {
	V_STRING,	/* char * */
	V_PATH,		/* char *, relative to the config's directory */
	V_LIST,		/* struct strlist of scalars (one scalar: one item) */
	V_LONG,		/* long, 0 or more */
	V_SECONDS,	/* long: 5s, 2m, or plain seconds */
	V_DATE,		/* char *, YYYY-MM-DD */
	V_NESTED	/* handled by the caller */
};

struct key {
	const char *name;
	enum val_kind kind;
	size_t off;
};

#define C(f) offsetof(struct audit_config, f)
static const struct key top_keys[] = {
	{ "name", V_STRING, C(name) },
	{ "profile", V_STRING, C(profile) },
	{ "output_dir", V_PATH, C(output_dir) },
	{ "formats", V_LIST, C(formats) },
	{ "keep", V_LONG, C(keep) },
	{ "sources", V_NESTED, 0 },
	{ "history", V_NESTED, 0 },
	{ "endpoints", V_NESTED, 0 },
	{ "probe", V_NESTED, 0 },
	{ "tokens", V_NESTED, 0 },
	{ "auth", V_PATH, C(auth_file) },
	{ NULL, 0, 0 }
};
static const struct key probe_keys[] = {
	{ "ca_file", V_PATH, C(ca_file) },
	{ "timeout", V_SECONDS, C(timeout) },
	{ "resolve", V_LIST, C(resolve) },
	{ NULL, 0, 0 }
};
#undef C
#define S(f) offsetof(struct audit_source, f)
static const struct key source_keys[] = {
	{ "path", V_PATH, S(path) },
	{ "profile", V_STRING, S(profile) },
	{ "exclude", V_LIST, S(exclude) },
	{ NULL, 0, 0 }
};
static const struct key history_keys[] = {
	{ "path", V_PATH, S(path) },
	{ "profile", V_STRING, S(profile) },
	{ "exclude", V_LIST, S(exclude) },
	{ "branch", V_LIST, S(branch) },
	{ NULL, 0, 0 }
};
#undef S
#define E(f) offsetof(struct audit_endpoint, f)
static const struct key endpoint_keys[] = {
	{ "url", V_STRING, E(url) },
	{ "profile", V_STRING, E(profile) },
	{ "http_url", V_STRING, E(http_url) },
	{ NULL, 0, 0 }
};
#undef E
#define T(f) offsetof(struct audit_token, f)
static const struct key token_keys[] = {
	{ "file", V_PATH, T(file) },
	{ "env", V_STRING, T(env) },
	{ "name", V_STRING, T(name) },
	{ "expires", V_DATE, T(expires) },
	{ "profile", V_STRING, T(profile) },
	{ NULL, 0, 0 }
};
#undef T

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

static int is_date(const char *s)
{
	int y, m, d;
	char end;

	return strlen(s) == 10 && sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d,
					 &end) == 3 &&
	       m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

static int set_scalar(struct loader *ld, const struct key *k, void *base,
		      yaml_node_t *v, const char *s)
{
	char **str = (char **)((char *)base + k->off);
	long *num = (long *)((char *)base + k->off);
	char *end;

	switch (k->kind) {
	case V_LONG:
		*num = strtol(s, &end, 10);
		if (*end || end == s || *num < 0)
			return at(ld, v, "'%s' takes a whole number, not '%s'",
				  k->name, s);
		return 0;
	case V_SECONDS:
		if (parse_duration(s, num) || *num <= 0)
			return at(ld, v, "'%s' takes a duration such as 5s or "
				  "2m, not '%s'", k->name, s);
		return 0;
	case V_DATE:
		if (!is_date(s))
			return at(ld, v, "'%s' takes a date YYYY-MM-DD, not "
				  "'%s'", k->name, s);
		break;
	case V_PATH:
		free(*str);
		*str = yaml_doc_path(ld->dir, s);
		return 0;
	default:
		break;
	}
	free(*str);
	*str = xstrdup(s);
	return 0;
}

static int set_value(struct loader *ld, const struct key *k, void *base,
		     yaml_node_t *v)
{
	const char *s = yaml_doc_scalar(v);

	if (k->kind == V_LIST) {
		struct strlist *l = (struct strlist *)((char *)base + k->off);

		if (s) {
			strlist_push(l, s);
			return 0;
		}
		if (v->type != YAML_SEQUENCE_NODE)
			return at(ld, v, "'%s' takes a list", k->name);
		for (yaml_node_item_t *it = v->data.sequence.items.start;
		     it < v->data.sequence.items.top; it++) {
			s = yaml_doc_scalar(node(ld, *it));
			if (!s)
				return at(ld, node(ld, *it), "'%s' takes a "
					  "list of words", k->name);
			strlist_push(l, s);
		}
		return 0;
	}
	if (!s || !*s)
		return at(ld, v, "'%s' takes a single value", k->name);
	return set_scalar(ld, k, base, v, s);
}

static void known_keys(const struct key *table, struct strbuf *sb)
{
	for (const struct key *k = table; k->name; k++)
		strbuf_addf(sb, "%s%s", k == table ? "" : ", ", k->name);
}

/* Fill base from mapping m through table; nested keys go to nested(). */
static int load_map(struct loader *ld, yaml_node_t *m, const char *what,
		    const struct key *table, void *base,
		    int (*nested)(struct loader *, const char *,
				  yaml_node_t *, void *))
{
	if (m->type != YAML_MAPPING_NODE)
		return at(ld, m, "%s must be a mapping", what);
	for (yaml_node_pair_t *p = m->data.mapping.pairs.start;
	     p < m->data.mapping.pairs.top; p++) {
		yaml_node_t *kn = node(ld, p->key), *v = node(ld, p->value);
		const char *key = yaml_doc_scalar(kn);
		const struct key *k;

		for (k = table; key && k->name; k++)
			if (!strcmp(k->name, key))
				break;
		if (!key || !k->name) {
			struct strbuf sb = STRBUF_INIT;

			known_keys(table, &sb);
			at(ld, kn, "%s: unknown key '%s' (known: %s)", what,
			   key ? key : "?", sb.buf);
			strbuf_release(&sb);
			return -1;
		}
		if (k->kind == V_NESTED ? nested(ld, key, v, base) :
		    set_value(ld, k, base, v))
			return -1;
	}
	return 0;
}

/* A new, zeroed last item of an array. */
#define LIST_PUSH(item, arr, nr, alloc) do { \
		ALLOC_GROW(arr, nr, alloc); \
		memset(&(arr)[nr], 0, sizeof((arr)[0])); \
		(item) = &(arr)[(nr)++]; \
	} while (0)

static int load_item(struct loader *ld, struct audit_config *c,
		     const char *key, yaml_node_t *n)
{
	if (!strcmp(key, "sources")) {
		struct audit_source *s;

		LIST_PUSH(s, c->sources, c->nr_sources, c->alloc_sources);
		if (load_map(ld, n, "a source", source_keys, s, NULL))
			return -1;
		return s->path ? 0 : at(ld, n, "a source needs 'path'");
	}
	if (!strcmp(key, "history")) {
		struct audit_source *s;

		LIST_PUSH(s, c->history, c->nr_history, c->alloc_history);
		if (load_map(ld, n, "a history entry", history_keys, s, NULL))
			return -1;
		return s->path ? 0 : at(ld, n, "a history entry needs 'path' "
					"(a git repository)");
	}
	if (!strcmp(key, "endpoints")) {
		struct audit_endpoint *ep;

		LIST_PUSH(ep, c->endpoints, c->nr_endpoints,
			  c->alloc_endpoints);
		ep->line = (unsigned)n->start_mark.line + 1;
		if (yaml_doc_scalar(n)) {	/* a bare URL */
			ep->url = xstrdup(yaml_doc_scalar(n));
			return 0;
		}
		if (load_map(ld, n, "an endpoint", endpoint_keys, ep, NULL))
			return -1;
		return ep->url ? 0 : at(ld, n, "an endpoint needs 'url'");
	} else {
		struct audit_token *t;

		LIST_PUSH(t, c->tokens, c->nr_tokens, c->alloc_tokens);
		t->line = (unsigned)n->start_mark.line + 1;
		if (load_map(ld, n, "a token", token_keys, t, NULL))
			return -1;
		if (!!t->file + !!t->env + !!t->name != 1)
			return at(ld, n, "a token needs one of 'file', 'env' "
				  "or 'name'");
		if (!!t->name != !!t->expires)
			return at(ld, n, "'name' and 'expires' go together: "
				  "an opaque token and the date it expires");
	}
	return 0;
}

static int load_nested(struct loader *ld, const char *key, yaml_node_t *v,
		       void *base)
{
	struct audit_config *c = base;

	if (!strcmp(key, "probe"))
		return load_map(ld, v, "probe", probe_keys, c, NULL);
	if (v->type != YAML_SEQUENCE_NODE)
		return at(ld, v, "'%s' must be a list", key);
	for (yaml_node_item_t *it = v->data.sequence.items.start;
	     it < v->data.sequence.items.top; it++)
		if (load_item(ld, c, key, node(ld, *it)))
			return -1;
	return 0;
}

int audit_config_load(struct audit_config *c, const char *path,
		      struct err *e)
{
	struct strbuf text = STRBUF_INIT, dir = STRBUF_INIT;
	struct loader ld = { .file = path, .e = e };
	yaml_node_t *root;
	int rc;

	memset(c, 0, sizeof(*c));
	c->file = xstrdup(path);
	rc = yaml_doc_load_file(&ld.doc, path, "audit config", &dir, e);
	ld.dir = dir.buf;
	if (!rc) {
		root = yaml_document_get_root_node(&ld.doc);
		rc = root ? load_map(&ld, root, "the audit config", top_keys,
				     c, load_nested) :
		     err_set(e, "%s: empty audit config", path);
		if (!rc && c->auth_file)
			rc = auth_config_load(&c->auth, c->auth_file, e);
		if (!rc && !c->nr_sources && !c->nr_history &&
		    !c->nr_endpoints && !c->nr_tokens && !c->auth.nr)
			rc = err_set(e, "%s: nothing to audit (give sources, "
				     "history, endpoints, tokens or auth)",
				     path);
		yaml_document_delete(&ld.doc);
	}
	if (!rc && !c->output_dir) {
		strbuf_reset(&text);
		strbuf_addf(&text, "%sreports", dir.buf);
		c->output_dir = strbuf_detach(&text, NULL);
	}
	strbuf_release(&text);
	strbuf_release(&dir);
	if (rc)
		audit_config_release(c);
	return rc;
}

void audit_config_release(struct audit_config *c)
{
	free(c->file);
	free(c->name);
	free(c->profile);
	free(c->output_dir);
	strlist_release(&c->formats);
	for (size_t i = 0; i < c->nr_sources; i++) {
		free(c->sources[i].path);
		free(c->sources[i].profile);
		strlist_release(&c->sources[i].exclude);
	}
	free(c->sources);
	for (size_t i = 0; i < c->nr_history; i++) {
		free(c->history[i].path);
		free(c->history[i].profile);
		strlist_release(&c->history[i].exclude);
		strlist_release(&c->history[i].branch);
	}
	free(c->history);
	for (size_t i = 0; i < c->nr_endpoints; i++) {
		free(c->endpoints[i].url);
		free(c->endpoints[i].profile);
		free(c->endpoints[i].http_url);
	}
	free(c->endpoints);
	free(c->ca_file);
	strlist_release(&c->resolve);
	for (size_t i = 0; i < c->nr_tokens; i++) {
		free(c->tokens[i].file);
		free(c->tokens[i].env);
		free(c->tokens[i].name);
		free(c->tokens[i].expires);
		free(c->tokens[i].profile);
	}
	free(c->tokens);
	free(c->auth_file);
	auth_config_release(&c->auth);
	memset(c, 0, sizeof(*c));
}
