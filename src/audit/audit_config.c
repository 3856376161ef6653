/* audit_config.c - an audit's YAML config: its tables of keys, read by
 * lib/yaml_map.c (errors at file:line:column); see audit_config.h. */
#include "audit_config.h"

#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "lib/strbuf.h"
#include "lib/xalloc.h"
#include "lib/yaml_doc.h"
#include "lib/yaml_map.h"

static yaml_set_fn set_sources, set_history, set_endpoints, set_tokens;

#define C(f) offsetof(struct audit_config, f)
static const struct yaml_key probe_keys[] = {
	{ "ca_file", yaml_set_path, C(ca_file), 0, NULL },
	{ "timeout", yaml_set_seconds, C(timeout), 0, NULL },
	{ "resolve", yaml_set_strlist, C(resolve), 0, NULL },
	{ NULL, NULL, 0, 0, NULL }
};
static const struct yaml_key top_keys[] = {
	{ "name", yaml_set_string, C(name), 0, NULL },
	{ "profile", yaml_set_string, C(profile), 0, NULL },
	{ "output_dir", yaml_set_path, C(output_dir), 0, NULL },
	{ "formats", yaml_set_strlist, C(formats), 0, NULL },
	{ "keep", yaml_set_count, C(keep), 0, NULL },
	{ "sources", set_sources, 0, 0, NULL },
	{ "history", set_history, 0, 0, NULL },
	{ "endpoints", set_endpoints, 0, 0, NULL },
	{ "probe", yaml_set_map, 0, 0, probe_keys },
	{ "tokens", set_tokens, 0, 0, NULL },
	{ "auth", yaml_set_path, C(auth_file), 0, NULL },
	{ NULL, NULL, 0, 0, NULL }
};
#undef C
#define S(f) offsetof(struct audit_source, f)
static const struct yaml_key source_keys[] = {
	{ "path", yaml_set_path, S(path), 1, NULL },
	{ "profile", yaml_set_string, S(profile), 0, NULL },
	{ "exclude", yaml_set_strlist, S(exclude), 0, NULL },
	{ NULL, NULL, 0, 0, NULL }
};
static const struct yaml_key history_keys[] = {
	{ "path", yaml_set_path, S(path), 1, NULL },
	{ "profile", yaml_set_string, S(profile), 0, NULL },
	{ "exclude", yaml_set_strlist, S(exclude), 0, NULL },
	{ "branch", yaml_set_strlist, S(branch), 0, NULL },
	{ NULL, NULL, 0, 0, NULL }
};
#undef S
#define E(f) offsetof(struct audit_endpoint, f)
static const struct yaml_key endpoint_keys[] = {
	{ "url", yaml_set_string, E(url), 1, NULL },
	{ "profile", yaml_set_string, E(profile), 0, NULL },
	{ "http_url", yaml_set_string, E(http_url), 0, NULL },
	{ NULL, NULL, 0, 0, NULL }
};
#undef E
#define T(f) offsetof(struct audit_token, f)
static const struct yaml_key token_keys[] = {
	{ "file", yaml_set_path, T(file), 0, NULL },
	{ "env", yaml_set_string, T(env), 0, NULL },
	{ "name", yaml_set_string, T(name), 0, NULL },
	{ "expires", yaml_set_date, T(expires), 0, NULL },
	{ "profile", yaml_set_string, T(profile), 0, NULL },
	{ NULL, NULL, 0, 0, NULL }
};
#undef T

/* A new, zeroed last item of an array. */
#define LIST_PUSH(item, arr, nr, alloc)                                        \
	do {                                                                   \
		ALLOC_GROW(arr, nr, alloc);                                    \
		memset(&(arr)[nr], 0, sizeof((arr)[0]));                       \
		(item) = &(arr)[(nr)++];                                       \
	} while (0)

/* Call one() on every item of the list v, the value of key k. */
static int each_item(struct yaml_reader *rd, const struct yaml_key *k,
		     struct audit_config *c, yaml_node_t *v,
		     int (*one)(struct yaml_reader *, struct audit_config *,
				yaml_node_t *))
{
	if (v->type != YAML_SEQUENCE_NODE)
		return yaml_reader_at(rd, v, "'%s' must be a list", k->name);
	for (yaml_node_item_t *it = v->data.sequence.items.start;
	     it < v->data.sequence.items.top; it++)
		if (one(rd, c, yaml_reader_node(rd, *it)))
			return -1;
	return 0;
}

static int one_source(struct yaml_reader *rd, struct audit_config *c,
		      yaml_node_t *n)
{
	struct audit_source *s;

	LIST_PUSH(s, c->sources, c->nr_sources, c->alloc_sources);
	return yaml_map_read(rd, "a source", source_keys, s, n, NULL);
}

static int one_history(struct yaml_reader *rd, struct audit_config *c,
		       yaml_node_t *n)
{
	struct audit_source *s;

	LIST_PUSH(s, c->history, c->nr_history, c->alloc_history);
	return yaml_map_read(rd, "a history entry (a git repository)",
			     history_keys, s, n, NULL);
}

static int one_endpoint(struct yaml_reader *rd, struct audit_config *c,
			yaml_node_t *n)
{
	struct audit_endpoint *ep;

	LIST_PUSH(ep, c->endpoints, c->nr_endpoints, c->alloc_endpoints);
	ep->line = (unsigned)n->start_mark.line + 1;
	if (yaml_doc_scalar(n)) { /* a bare URL */
		ep->url = xstrdup(yaml_doc_scalar(n));
		return 0;
	}
	return yaml_map_read(rd, "an endpoint", endpoint_keys, ep, n, NULL);
}

static int one_token(struct yaml_reader *rd, struct audit_config *c,
		     yaml_node_t *n)
{
	struct audit_token *t;

	LIST_PUSH(t, c->tokens, c->nr_tokens, c->alloc_tokens);
	t->line = (unsigned)n->start_mark.line + 1;
	if (yaml_map_read(rd, "a token", token_keys, t, n, NULL))
		return -1;
	if (!!t->file + !!t->env + !!t->name != 1)
		return yaml_reader_at(rd, n,
				      "a token needs one of 'file', "
				      "'env' or 'name'");
	if (!!t->name != !!t->expires)
		return yaml_reader_at(rd, n,
				      "'name' and 'expires' go "
				      "together: an opaque token and the date "
				      "it expires");
	return 0;
}

static int set_sources(struct yaml_reader *rd, const char *what,
		       const struct yaml_key *k, void *base, yaml_node_t *v)
{
	(void)what;
	return each_item(rd, k, base, v, one_source);
}

static int set_history(struct yaml_reader *rd, const char *what,
		       const struct yaml_key *k, void *base, yaml_node_t *v)
{
	(void)what;
	return each_item(rd, k, base, v, one_history);
}

static int set_endpoints(struct yaml_reader *rd, const char *what,
			 const struct yaml_key *k, void *base, yaml_node_t *v)
{
	(void)what;
	return each_item(rd, k, base, v, one_endpoint);
}

static int set_tokens(struct yaml_reader *rd, const char *what,
		      const struct yaml_key *k, void *base, yaml_node_t *v)
{
	(void)what;
	return each_item(rd, k, base, v, one_token);
}

int audit_config_load(struct audit_config *c, const char *path,
		      struct err *e)
{
	struct strbuf text = STRBUF_INIT, dir = STRBUF_INIT;
	yaml_document_t doc;
	struct yaml_reader rd = { .doc = &doc, .file = path, .e = e };
	yaml_node_t *root;
	int rc;

	memset(c, 0, sizeof(*c));
	c->file = xstrdup(path);
	rc = yaml_doc_load_file(&doc, path, "audit config", &dir, e);
	rd.dir = dir.buf;
	if (!rc) {
		root = yaml_document_get_root_node(&doc);
		rc = root ? yaml_map_read(&rd, "the audit config", top_keys, c,
					  root, NULL)
			  : err_set(e, "%s: empty audit config", path);
		if (!rc && c->auth_file)
			rc = auth_config_load(&c->auth, c->auth_file, e);
		if (!rc && !c->nr_sources && !c->nr_history &&
		    !c->nr_endpoints && !c->nr_tokens && !c->auth.nr)
			rc = err_set(e, "%s: nothing to audit (give sources, "
				     "history, endpoints, tokens or auth)",
				     path);
		yaml_document_delete(&doc);
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
