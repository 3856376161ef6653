/* rule_load.c - YAML rule files -> struct ruleset.
 *
 * libyaml's document API gives every node a start mark, so each error can
 * name file:line:column. Keys of rules, profiles and guidelines come from
 * tables of {key, type, offset} (nginx's directive table); a key not in a
 * table is an error, never ignored. The format is in docs/rules.md.
 */
#include "rule.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <yaml.h>

#include "rule_kind.h"
#include "strbuf.h"
#include "xalloc.h"
#include "yaml_doc.h"

enum field_type {
	F_STR,		/* char * */
	F_STRLIST,	/* struct strlist; a scalar counts as one item */
	F_SEVERITY,
	F_CONFIDENCE,
	F_INT,
	F_DOUBLE,
	F_BOOL,
	F_WINDOW,	/* size_t bytes, 64 to 1M, with a K suffix */
	F_KIND,
	F_GUIDELINE,
	F_PARAMS,	/* mapping of scalars -> kv array */
	F_EXAMPLES,
	F_NEGATIVES
};

struct field {
	const char *key;
	enum field_type type;
	size_t offset;
	int required;
};

#define R(f) offsetof(struct rule, f)
static const struct field rule_fields[] = {
	{ "id", F_STR, R(id), 1 },
	{ "title", F_STR, R(title), 1 },
	{ "description", F_STR, R(description), 0 },
	{ "kind", F_KIND, R(kind), 0 },
	{ "category", F_STR, R(category), 1 },
	{ "severity", F_SEVERITY, R(severity), 1 },
	{ "confidence", F_CONFIDENCE, R(confidence), 0 },
	{ "guideline", F_GUIDELINE, R(guideline), 1 },
	{ "keywords", F_STRLIST, R(keywords), 0 },
	{ "keywords_case", F_STR, R(keywords_case), 0 },
	{ "prefilter", F_STR, R(prefilter), 0 },
	{ "pattern", F_STR, R(pattern), 0 },
	{ "secret_group", F_INT, R(secret_group), 0 },
	{ "min_entropy", F_DOUBLE, R(min_entropy), 0 },
	{ "allow", F_STRLIST, R(allow), 0 },
	{ "stopwords", F_STRLIST, R(stopwords), 0 },
	{ "paths", F_STRLIST, R(paths), 0 },
	{ "exclude_paths", F_STRLIST, R(exclude_paths), 0 },
	{ "multiline", F_BOOL, R(multiline), 0 },
	{ "window", F_WINDOW, R(window), 0 },
	{ "checksum", F_STR, R(checksum), 0 },
	{ "params", F_PARAMS, R(params), 0 },
	{ "examples", F_EXAMPLES, R(examples), 0 },
	{ "negative_examples", F_NEGATIVES, R(negatives), 0 },
	{ NULL, 0, 0, 0 }
};
#undef R

#define P(f) offsetof(struct profile, f)
static const struct field profile_fields[] = {
	{ "name", F_STR, P(name), 1 },
	{ "title", F_STR, P(title), 1 },
	{ "guideline", F_GUIDELINE, P(guideline), 0 },
	{ "rules", F_STRLIST, P(rules), 1 },
	{ "client_side_paths", F_STRLIST, P(client_side_paths), 0 },
	{ "params", F_PARAMS, P(params), 0 },
	{ NULL, 0, 0, 0 }
};
#undef P

#define G(f) offsetof(struct guideline, f)
static const struct field guideline_fields[] = {
	{ "doc", F_STR, G(doc), 1 },
	{ "section", F_STR, G(section), 0 },
	{ "quote", F_STR, G(quote), 1 },
	{ NULL, 0, 0, 0 }
};
#undef G

/* A statement's doc, section and quote stand beside its id, not under a
 * `guideline:` key: the catalogue is a list of quotes. */
#define S(f) offsetof(struct statement, f)
static const struct field statement_fields[] = {
	{ "id", F_STR, S(id), 1 },
	{ "title", F_STR, S(title), 1 },
	{ "doc", F_STR, S(guideline.doc), 1 },
	{ "section", F_STR, S(guideline.section), 1 },
	{ "quote", F_STR, S(guideline.quote), 1 },
	{ "rules", F_STRLIST, S(rules), 0 },
	{ "manual", F_STR, S(manual), 0 },
	{ NULL, 0, 0, 0 }
};
#undef S

#define A(f) offsetof(struct allowlist, f)
static const struct field allowlist_fields[] = {
	{ "values", F_STRLIST, A(values), 0 },
	{ "patterns", F_STRLIST, A(patterns), 0 },
	{ "stopwords", F_STRLIST, A(stopwords), 0 },
	{ NULL, 0, 0, 0 }
};
#undef A

struct loader {
	yaml_document_t *doc;		/* the document being read */
	const char *file;
	struct ruleset *rs;
	int override;
	struct err *e;
};

#define FIELD(base, off, type) ((type *)(void *)((char *)(base) + (off)))

static int at(struct loader *ld, const yaml_node_t *n, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int at(struct loader *ld, const yaml_node_t *n, const char *fmt, ...)
{
	char msg[sizeof(ld->e->msg)];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return yaml_doc_at(ld->e, ld->file, n, "%s", msg);
}

static yaml_node_t *node(struct loader *ld, int idx)
{
	return yaml_document_get_node(ld->doc, idx);
}

/* The value of key in mapping map; NULL when it is not there. */
static yaml_node_t *value_of(struct loader *ld, yaml_node_t *map,
			     const char *key)
{
	if (map->type != YAML_MAPPING_NODE)
		return NULL;
	for (yaml_node_pair_t *p = map->data.mapping.pairs.start;
	     p < map->data.mapping.pairs.top; p++) {
		const char *k = yaml_doc_scalar(node(ld, p->key));

		if (k && !strcmp(k, key))
			return node(ld, p->value);
	}
	return NULL;
}

/* Where an error about key (item i of it when it is a list) should point:
 * the value itself, else the whole mapping. */
static yaml_node_t *where(struct loader *ld, yaml_node_t *map,
			  const char *key, size_t i)
{
	yaml_node_t *v = value_of(ld, map, key);

	if (v && v->type == YAML_SEQUENCE_NODE &&
	    i < (size_t)(v->data.sequence.items.top -
			 v->data.sequence.items.start))
		return node(ld, v->data.sequence.items.start[i]);
	return v ? v : map;
}

void strlist_push(struct strlist *l, const char *s)
{
	ALLOC_GROW(l->items, l->nr, l->alloc);
	l->items[l->nr++] = xstrdup(s);
}

void strlist_release(struct strlist *l)
{
	for (size_t i = 0; i < l->nr; i++)
		free(l->items[i]);
	free(l->items);
	memset(l, 0, sizeof(*l));
}

static int set_field(struct loader *ld, const char *what,
		     const struct field *f, void *base, yaml_node_t *v);

/* Fill base from a mapping node through the table; `what` names the
 * object in errors ("rule 'x'", "profile 'y'"). */
static int load_mapping(struct loader *ld, const char *what,
			const struct field *table, void *base,
			yaml_node_t *map)
{
	unsigned seen = 0;

	if (map->type != YAML_MAPPING_NODE)
		return at(ld, map, "%s: expected a mapping", what);
	for (yaml_node_pair_t *p = map->data.mapping.pairs.start;
	     p < map->data.mapping.pairs.top; p++) {
		yaml_node_t *k = node(ld, p->key), *v = node(ld, p->value);
		const char *key = yaml_doc_scalar(k);
		const struct field *f;

		if (!key)
			return at(ld, k, "%s: keys must be plain words", what);
		for (f = table; f->key; f++)
			if (!strcmp(f->key, key))
				break;
		if (!f->key) {
			struct strbuf known = STRBUF_INIT;

			for (const struct field *g = table; g->key; g++)
				strbuf_addf(&known, "%s%s", g == table ? "" :
					    ", ", g->key);
			at(ld, k, "%s: unknown key '%s' (known: %s)", what, key,
			   known.buf);
			strbuf_release(&known);
			return -1;
		}
		if (seen & (1u << (f - table)))
			return at(ld, k, "%s: key '%s' given twice", what, key);
		seen |= 1u << (f - table);
		if (set_field(ld, what, f, base, v))
			return -1;
	}
	for (const struct field *f = table; f->key; f++)
		if (f->required && !(seen & (1u << (f - table))))
			return at(ld, map, "%s: missing required key '%s'",
				  what, f->key);
	return 0;
}

static int load_examples(struct loader *ld, const char *what,
			 yaml_node_t *v, struct rule_example **items,
			 size_t *nr, size_t *alloc)
{
	if (v->type != YAML_SEQUENCE_NODE)
		return at(ld, v, "%s: examples must be a list", what);
	for (yaml_node_item_t *it = v->data.sequence.items.start;
	     it < v->data.sequence.items.top; it++) {
		yaml_node_t *n = node(ld, *it);
		struct rule_example ex = { NULL, NULL,
			(unsigned)n->start_mark.line + 1 };

		if (yaml_doc_scalar(n)) {
			ex.text = xstrdup(yaml_doc_scalar(n));
		} else if (n->type == YAML_MAPPING_NODE) {
			for (yaml_node_pair_t *p = n->data.mapping.pairs.start;
			     p < n->data.mapping.pairs.top; p++) {
				const char *k, *s;
				char **slot = NULL;

				k = yaml_doc_scalar(node(ld, p->key));
				s = yaml_doc_scalar(node(ld, p->value));
				if (k && !strcmp(k, "text"))
					slot = &ex.text;
				else if (k && !strcmp(k, "path"))
					slot = &ex.path;
				if (!slot || !s || *slot) {
					free(ex.text);
					free(ex.path);
					return at(ld, node(ld, p->key), "%s: an "
						  "example takes 'text' and "
						  "'path' only", what);
				}
				*slot = xstrdup(s);
			}
			if (!ex.text) {
				free(ex.path);
				return at(ld, n, "%s: example without 'text'",
					  what);
			}
		} else {
			return at(ld, n, "%s: an example is a string or a "
				  "mapping with text and path", what);
		}
		ALLOC_GROW(*items, *nr, *alloc);
		(*items)[(*nr)++] = ex;
	}
	return 0;
}

static int load_params(struct loader *ld, const char *what, yaml_node_t *v,
		       struct kvlist *l)
{
	if (v->type != YAML_MAPPING_NODE)
		return at(ld, v, "%s: params must be a mapping", what);
	for (yaml_node_pair_t *p = v->data.mapping.pairs.start;
	     p < v->data.mapping.pairs.top; p++) {
		yaml_node_t *kn = node(ld, p->key), *vn = node(ld, p->value);
		struct strbuf val = STRBUF_INIT;

		if (!yaml_doc_scalar(kn))
			return at(ld, kn, "%s: parameter names are words",
				  what);
		if (yaml_doc_scalar(vn)) {
			strbuf_addstr(&val, yaml_doc_scalar(vn));
		} else if (vn->type == YAML_SEQUENCE_NODE) {
			/* a list is kept comma-separated: "8443,8080" */
			for (yaml_node_item_t *it =
				     vn->data.sequence.items.start;
			     it < vn->data.sequence.items.top; it++) {
				const char *s = yaml_doc_scalar(node(ld, *it));

				if (!s) {
					strbuf_release(&val);
					return at(ld, node(ld, *it), "%s: list "
						  "parameters hold plain "
						  "values", what);
				}
				strbuf_addf(&val, "%s%s", val.len ? "," : "",
					    s);
			}
		} else {
			return at(ld, vn, "%s: parameter '%s' must be a value "
				  "or a list", what, yaml_doc_scalar(kn));
		}
		ALLOC_GROW(l->items, l->nr, l->alloc);
		l->items[l->nr].key = xstrdup(yaml_doc_scalar(kn));
		l->items[l->nr++].value = strbuf_detach(&val, NULL);
	}
	return 0;
}

static int set_field(struct loader *ld, const char *what,
		     const struct field *f, void *base, yaml_node_t *v)
{
	const char *s = yaml_doc_scalar(v);
	char *end;

	switch (f->type) {
	case F_STR:
		if (!s)
			return at(ld, v, "%s: '%s' must be a string", what,
				  f->key);
		free(*FIELD(base, f->offset, char *));
		*FIELD(base, f->offset, char *) = xstrdup(s);
		return 0;
	case F_STRLIST: {
		struct strlist *l = FIELD(base, f->offset, struct strlist);

		if (s) {
			strlist_push(l, s);
			return 0;
		}
		if (v->type != YAML_SEQUENCE_NODE)
			return at(ld, v, "%s: '%s' must be a list of strings",
				  what, f->key);
		for (yaml_node_item_t *it = v->data.sequence.items.start;
		     it < v->data.sequence.items.top; it++) {
			const char *item = yaml_doc_scalar(node(ld, *it));

			if (!item)
				return at(ld, node(ld, *it), "%s: '%s' must be "
					  "a list of strings", what, f->key);
			strlist_push(l, item);
		}
		return 0;
	}
	case F_SEVERITY:
		if (!s || severity_parse(s, FIELD(base, f->offset,
						  enum severity)))
			return at(ld, v, "%s: severity must be one of info, "
				  "low, medium, high, critical", what);
		return 0;
	case F_CONFIDENCE:
		if (!s || confidence_parse(s, FIELD(base, f->offset,
						    enum confidence)))
			return at(ld, v, "%s: confidence must be one of low, "
				  "medium, high", what);
		return 0;
	case F_INT: {
		long l;

		errno = 0;
		l = s ? strtol(s, &end, 10) : 0;
		if (!s || !*s || *end || errno || l < -1 || l > 99)
			return at(ld, v, "%s: '%s' must be a whole number "
				  "from -1 to 99", what, f->key);
		*FIELD(base, f->offset, int) = (int)l;
		return 0;
	}
	case F_DOUBLE: {
		double d = s ? strtod(s, &end) : 0;

		if (!s || !*s || *end || d < 0 || d > 8)
			return at(ld, v, "%s: '%s' must be a number from 0 "
				  "to 8", what, f->key);
		*FIELD(base, f->offset, double) = d;
		return 0;
	}
	case F_BOOL:
		if (s && (!strcmp(s, "true") || !strcmp(s, "yes")))
			*FIELD(base, f->offset, int) = 1;
		else if (s && (!strcmp(s, "false") || !strcmp(s, "no")))
			*FIELD(base, f->offset, int) = 0;
		else
			return at(ld, v, "%s: '%s' must be true or false",
				  what, f->key);
		return 0;
	case F_WINDOW: {
		unsigned long n;

		errno = 0;
		n = s ? strtoul(s, &end, 10) : 0;
		if (s && (*end == 'K' || *end == 'k') && n <= 1024) {
			n *= 1024;
			end++;
		}
		if (!s || !*s || *end || errno || n < 64 || n > 1024 * 1024)
			return at(ld, v, "%s: '%s' takes bytes from 64 to 1024K "
				  "(4096, 4K)", what, f->key);
		*FIELD(base, f->offset, size_t) = (size_t)n;
		return 0;
	}
	case F_KIND: {
		const struct rule_kind *k = s ? rule_kind_find(s) : NULL;

		if (!k) {
			struct strbuf known = STRBUF_INIT;

			for (size_t i = 0; rule_kinds[i]; i++)
				strbuf_addf(&known, "%s%s", i ? ", " : "",
					    rule_kinds[i]->name);
			at(ld, v, "%s: unknown kind '%s' (known: %s)", what,
			   s ? s : "?", known.buf);
			strbuf_release(&known);
			return -1;
		}
		*FIELD(base, f->offset, const struct rule_kind *) = k;
		return 0;
	}
	case F_GUIDELINE:
		return load_mapping(ld, what, guideline_fields,
				    FIELD(base, f->offset, struct guideline),
				    v);
	case F_PARAMS:
		return load_params(ld, what, v,
				   FIELD(base, f->offset, struct kvlist));
	case F_EXAMPLES: {
		struct rule *r = base;

		return load_examples(ld, what, v, &r->examples,
				     &r->nr_examples, &r->alloc_examples);
	}
	case F_NEGATIVES: {
		struct rule *r = base;

		return load_examples(ld, what, v, &r->negatives,
				     &r->nr_negatives, &r->alloc_negatives);
	}
	}
	return 0;
}

static pcre2_code *compile_re(const char *src, struct strbuf *msg)
{
	int code;
	PCRE2_SIZE off;
	pcre2_code *re = pcre2_compile((PCRE2_SPTR)src, PCRE2_ZERO_TERMINATED,
				       0, &code, &off, NULL);

	if (!re) {
		PCRE2_UCHAR buf[256];

		pcre2_get_error_message(code, buf, sizeof(buf));
		strbuf_addf(msg, "does not compile at offset %zu: %s",
			    (size_t)off, (const char *)buf);
		return NULL;
	}
	pcre2_jit_compile(re, PCRE2_JIT_COMPLETE);	/* falls back if no JIT */
	return re;
}

/* Checks across keys, and compiling, once a rule's mapping is read. Each
 * error points at the value it is about. */
static int finish_rule(struct loader *ld, struct rule *r, yaml_node_t *map)
{
	struct strbuf msg = STRBUF_INIT;
	uint32_t groups = 0;

	if (!r->kind)
		r->kind = rule_kind_find("regex");
	if (r->kind->needs_pattern && !r->pattern)
		return at(ld, map, "rule '%s': kind '%s' needs a 'pattern'",
			  r->id, r->kind->name);
	if (r->pattern) {
		r->re = compile_re(r->pattern, &msg);
		if (!r->re) {
			at(ld, where(ld, map, "pattern", 0), "rule '%s': "
			   "pattern %s", r->id, msg.buf);
			strbuf_release(&msg);
			return -1;
		}
		pcre2_pattern_info(r->re, PCRE2_INFO_CAPTURECOUNT, &groups);
	}
	if (r->secret_group == -2)	/* not given: group 1 if any */
		r->secret_group = groups ? 1 : 0;
	if (r->pattern && r->secret_group > (int)groups)
		return at(ld, where(ld, map, "secret_group", 0), "rule '%s': "
			  "secret_group %d but the pattern has %u groups",
			  r->id, r->secret_group, groups);
	if (r->allow.nr)
		r->allow_re = xcalloc(r->allow.nr, sizeof(*r->allow_re));
	for (size_t i = 0; i < r->allow.nr; i++) {
		r->allow_re[i] = compile_re(r->allow.items[i], &msg);
		if (!r->allow_re[i]) {
			at(ld, where(ld, map, "allow", i), "rule '%s': allow "
			   "pattern '%s' %s", r->id, r->allow.items[i],
			   msg.buf);
			strbuf_release(&msg);
			return -1;
		}
	}
	for (size_t i = 0; i < r->keywords.nr; i++)
		if (!r->keywords.items[i][0])
			return at(ld, where(ld, map, "keywords", i), "rule "
				  "'%s': empty keyword", r->id);
	if (r->keywords_case && strcmp(r->keywords_case, "sensitive") &&
	    strcmp(r->keywords_case, "insensitive"))
		return at(ld, where(ld, map, "keywords_case", 0), "rule '%s': "
			  "keywords_case is 'sensitive' or 'insensitive', "
			  "not '%s'", r->id, r->keywords_case);
	r->keywords_exact = r->keywords_case &&
			    !strcmp(r->keywords_case, "sensitive");
	if (r->window && !r->multiline)
		return at(ld, map, "rule '%s': a window is for multiline rules "
			  "only", r->id);
	if (r->prefilter && (r->keywords.nr || !r->pattern))
		return at(ld, where(ld, map, "prefilter", 0), "rule '%s': a "
			  "prefilter stands in for keywords before a pattern: "
			  "give one or the other", r->id);
	if (r->kind->prepare && r->kind->prepare(r, ld->e)) {
		char msg[sizeof(ld->e->msg)];

		memcpy(msg, ld->e->msg, sizeof(msg));
		return at(ld, map, "rule '%s': %s", r->id, msg);
	}
	return 0;
}

/* Remember where a key's value stands, for errors after loading. */
static void mark(struct loader *ld, yaml_node_t *map, const char *key,
		 unsigned *line, unsigned *col)
{
	yaml_node_t *v = value_of(ld, map, key);

	if (v) {
		*line = (unsigned)v->start_mark.line + 1;
		*col = (unsigned)v->start_mark.column + 1;
	}
}

static int add_rule(struct loader *ld, yaml_node_t *map)
{
	struct rule *r = xcalloc(1, sizeof(*r));
	char what[300];
	const struct rule *old;
	size_t i;

	r->confidence = CONF_MEDIUM;
	r->secret_group = -2;	/* not given yet */
	r->file = xstrdup(ld->file);
	r->line = map->start_mark.line + 1;
	r->col = map->start_mark.column + 1;
	snprintf(what, sizeof(what), "rule");
	/* find the id first so every later error can name it */
	if (map->type == YAML_MAPPING_NODE) {
		for (yaml_node_pair_t *p = map->data.mapping.pairs.start;
		     p < map->data.mapping.pairs.top; p++) {
			const char *k = yaml_doc_scalar(node(ld, p->key));
			const char *v = yaml_doc_scalar(node(ld, p->value));

			if (k && v && !strcmp(k, "id"))
				snprintf(what, sizeof(what), "rule '%s'", v);
		}
	}
	if (load_mapping(ld, what, rule_fields, r, map))
		goto fail;
	mark(ld, map, "pattern", &r->pattern_line, &r->pattern_col);
	mark(ld, map, "prefilter", &r->prefilter_line, &r->prefilter_col);
	if (finish_rule(ld, r, map))
		goto fail;
	r->layer = ld->rs->layer;
	old = ruleset_find(ld->rs, r->id);
	/* --rules may replace a rule of a lower layer, never one of its own:
	 * the second of two rules with one id would win unseen */
	if (old && (!ld->override || old->layer == r->layer)) {
		at(ld, map, "rule '%s': duplicate id (first defined at "
		   "%s:%u:%u)", r->id, old->file, old->line, old->col);
		goto fail;
	}
	if (old) {
		i = old->index;
		rule_free(ld->rs->rules[i]);
	} else {
		ALLOC_GROW(ld->rs->rules, ld->rs->nr, ld->rs->alloc);
		i = ld->rs->nr++;
	}
	r->index = (unsigned)i;
	ld->rs->rules[i] = r;
	return 0;
fail:
	rule_free(r);
	return -1;
}

static int add_profile(struct loader *ld, yaml_node_t *map)
{
	struct profile *p = xcalloc(1, sizeof(*p));
	struct ruleset *rs = ld->rs;
	size_t i;

	p->file = xstrdup(ld->file);
	p->line = map->start_mark.line + 1;
	p->col = map->start_mark.column + 1;
	p->layer = rs->layer;
	if (load_mapping(ld, "profile", profile_fields, p, map)) {
		profile_free(p);
		return -1;
	}
	if (profile_check_params(p, ld->e)) {
		char msg[sizeof(ld->e->msg)];

		memcpy(msg, ld->e->msg, sizeof(msg));
		at(ld, map, "profile '%s': %s", p->name, msg);
		profile_free(p);
		return -1;
	}
	for (i = 0; i < rs->nr_profiles; i++)
		if (!strcmp(rs->profiles[i]->name, p->name))
			break;
	if (i < rs->nr_profiles &&
	    (!ld->override || rs->profiles[i]->layer == p->layer)) {
		at(ld, map, "profile '%s': duplicate name (first defined at "
		   "%s:%u:%u)", p->name, rs->profiles[i]->file,
		   rs->profiles[i]->line, rs->profiles[i]->col);
		profile_free(p);
		return -1;
	}
	if (i < rs->nr_profiles) {
		profile_free(rs->profiles[i]);
	} else {
		ALLOC_GROW(rs->profiles, rs->nr_profiles, rs->alloc_profiles);
		rs->nr_profiles++;
	}
	rs->profiles[i] = p;
	return 0;
}

static int add_allowlist(struct loader *ld, yaml_node_t *map)
{
	struct allowlist *a = &ld->rs->allow;
	size_t had = a->patterns.nr;
	struct strbuf msg = STRBUF_INIT;

	if (load_mapping(ld, "allowlist", allowlist_fields, a, map))
		return -1;
	a->patterns_re = xrealloc(a->patterns_re, (a->patterns.nr + 1) *
				  sizeof(*a->patterns_re));
	for (size_t i = had; i < a->patterns.nr; i++) {
		a->patterns_re[i] = compile_re(a->patterns.items[i], &msg);
		if (!a->patterns_re[i]) {
			a->patterns.nr = i;	/* own only what compiled */
			at(ld, map, "allowlist: pattern '%s' %s",
			   a->patterns.items[i], msg.buf);
			strbuf_release(&msg);
			return -1;
		}
	}
	return 0;
}

/* One catalogue entry; its rules are checked against the whole ruleset
 * once every file is loaded (statement_validate). */
static int add_statement(struct loader *ld, yaml_node_t *map)
{
	struct statement *st = xcalloc(1, sizeof(*st));
	struct ruleset *rs = ld->rs;
	const struct statement *old;
	size_t i;

	st->file = xstrdup(ld->file);
	st->line = map->start_mark.line + 1;
	st->col = map->start_mark.column + 1;
	st->layer = rs->layer;
	if (load_mapping(ld, "statement", statement_fields, st, map))
		goto fail;
	if (!st->rules.nr == !st->manual) {
		at(ld, map, "statement '%s': give either 'rules' (the rules "
		   "that test it) or 'manual' (how to check it by hand)",
		   st->id);
		goto fail;
	}
	old = ruleset_statement(rs, st->id);
	if (old && (!ld->override || old->layer == st->layer)) {
		at(ld, map, "statement '%s': duplicate id (first defined at "
		   "%s:%u:%u)", st->id, old->file, old->line, old->col);
		goto fail;
	}
	for (i = 0; old && rs->statements[i] != old; i++)
		;
	if (old) {
		statement_free(rs->statements[i]);
	} else {
		ALLOC_GROW(rs->statements, rs->nr_statements,
			   rs->alloc_statements);
		i = rs->nr_statements++;
	}
	rs->statements[i] = st;
	return 0;
fail:
	statement_free(st);
	return -1;
}

static int load_list(struct loader *ld, yaml_node_t *v, const char *key,
		     int (*add)(struct loader *, yaml_node_t *))
{
	if (v->type != YAML_SEQUENCE_NODE)
		return at(ld, v, "'%s' must be a list", key);
	for (yaml_node_item_t *it = v->data.sequence.items.start;
	     it < v->data.sequence.items.top; it++)
		if (add(ld, node(ld, *it)))
			return -1;
	return 0;
}

static int add_rules(struct loader *ld, yaml_node_t *v)
{
	return load_list(ld, v, "rules", add_rule);
}

static int add_profiles(struct loader *ld, yaml_node_t *v)
{
	return load_list(ld, v, "profiles", add_profile);
}

static int add_guidelines(struct loader *ld, yaml_node_t *v)
{
	return load_list(ld, v, "guidelines", add_statement);
}

/* What a rule file's top level may hold. */
static const struct {
	const char *key;
	int (*load)(struct loader *ld, yaml_node_t *v);
} sections[] = {
	{ "rules", add_rules },
	{ "profiles", add_profiles },
	{ "allowlist", add_allowlist },
	{ "guidelines", add_guidelines },
};

/* One YAML document of a rule file (yaml_doc_each's callback). */
static int load_root(yaml_document_t *doc, void *ctx)
{
	struct loader *ld = ctx;
	yaml_node_t *root;

	ld->doc = doc;
	root = yaml_document_get_root_node(doc);

	if (!root)
		return 0;	/* an empty file */
	if (root->type != YAML_MAPPING_NODE)
		return at(ld, root, "expected a mapping with 'rules', "
			  "'profiles', 'allowlist' or 'guidelines'");
	for (yaml_node_pair_t *p = root->data.mapping.pairs.start;
	     p < root->data.mapping.pairs.top; p++) {
		yaml_node_t *k = node(ld, p->key), *v = node(ld, p->value);
		const char *key = yaml_doc_scalar(k);
		size_t i;

		for (i = 0; i < ARRAY_SIZE(sections); i++)
			if (key && !strcmp(key, sections[i].key))
				break;
		if (i == ARRAY_SIZE(sections))
			return at(ld, k, "unknown top-level key '%s' (known: "
				  "rules, profiles, allowlist, guidelines)",
				  key ? key : "?");
		if (sections[i].load(ld, v))
			return -1;
	}
	return 0;
}

static int load_buffer(struct ruleset *rs, const char *name,
		       const char *text, size_t len, int override,
		       struct err *e)
{
	struct loader ld = { .file = name, .rs = rs, .override = override,
			     .e = e };

	return yaml_doc_each(name, text, len, load_root, &ld, e);
}

static int load_file(struct ruleset *rs, const char *path, int override,
		     struct err *e)
{
	struct strbuf sb = STRBUF_INIT;
	int rc;

	if (strbuf_read_file(&sb, path, 16 << 20)) {
		rc = err_set_at(e, path, 0, 0, "cannot read rule file: %s",
				strerror(errno));
		strbuf_release(&sb);
		return rc;
	}
	rc = load_buffer(rs, path, sb.buf, sb.len, override, e);
	strbuf_release(&sb);
	return rc;
}

static int is_yaml(const char *name)
{
	size_t n = strlen(name);

	return (n > 5 && !strcmp(name + n - 5, ".yaml")) ||
	       (n > 4 && !strcmp(name + n - 4, ".yml"));
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Hidden entries (".git", editor swap files) are passed over; other
 * files that are not YAML are listed in rs->ignored for --rules. */
static int load_dir(struct ruleset *rs, const char *dir, int override,
		    struct err *e)
{
	struct strlist names = { 0 };
	struct dirent *de;
	struct stat st;
	DIR *d;
	int rc = 0;

	if (stat(dir, &st))
		return err_set_at(e, dir, 0, 0, "cannot read rules: %s",
				  strerror(errno));
	if (!S_ISDIR(st.st_mode))
		return load_file(rs, dir, override, e);
	d = opendir(dir);
	if (!d)
		return err_set_at(e, dir, 0, 0, "cannot read rules: %s",
				  strerror(errno));
	while ((de = readdir(d)))
		if (de->d_name[0] != '.')
			strlist_push(&names, de->d_name);
	closedir(d);
	if (names.nr > 1)
		qsort(names.items, names.nr, sizeof(char *), cmp_str);
	for (size_t i = 0; i < names.nr && !rc; i++) {
		struct strbuf path = STRBUF_INIT;

		strbuf_addf(&path, "%s/%s", dir, names.items[i]);
		if (!stat(path.buf, &st) && S_ISDIR(st.st_mode))
			rc = load_dir(rs, path.buf, override, e);
		else if (is_yaml(names.items[i]))
			rc = load_file(rs, path.buf, override, e);
		else if (override)
			strlist_push(&rs->ignored, path.buf);
		strbuf_release(&path);
	}
	strlist_release(&names);
	return rc;
}

int ruleset_load_buffer(struct ruleset *rs, const char *name,
			const char *text, size_t len, int override,
			struct err *e)
{
	rs->layer += !!override;
	return load_buffer(rs, name, text, len, override, e);
}

int ruleset_load_file(struct ruleset *rs, const char *path, int override,
		      struct err *e)
{
	rs->layer += !!override;
	return load_file(rs, path, override, e);
}

int ruleset_load_dir(struct ruleset *rs, const char *dir, int override,
		     struct err *e)
{
	rs->layer += !!override;
	return load_dir(rs, dir, override, e);
}
