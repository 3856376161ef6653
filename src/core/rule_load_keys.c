/* rule_load_keys.c - the keys of rule files: one table of {key, type,
 * offset} per kind of mapping (nginx's directive table), and reading a
 * mapping through it, each value checked and stored, each error at its
 * file:line:column; see rule_load_keys.h. rule_load.c reads the files. */
#include "rule_load_keys.h"

#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rule_kind.h"
#include "lib/strbuf.h"
#include "lib/xalloc.h"
#include "lib/yaml_doc.h"

#define R(f) offsetof(struct rule, f)
const struct field rule_fields[] = {
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
const struct field profile_fields[] = {
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
const struct field statement_fields[] = {
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
const struct field allowlist_fields[] = {
	{ "values", F_STRLIST, A(values), 0 },
	{ "patterns", F_STRLIST, A(patterns), 0 },
	{ "stopwords", F_STRLIST, A(stopwords), 0 },
	{ NULL, 0, 0, 0 }
};
#undef A

#define FIELD(base, off, type) ((type *)(void *)((char *)(base) + (off)))

int loader_at(struct loader *ld, const yaml_node_t *n, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = yaml_doc_vat(ld->e, ld->file, n, fmt, ap);
	va_end(ap);
	return rc;
}

yaml_node_t *loader_node(struct loader *ld, int idx)
{
	return yaml_document_get_node(ld->doc, idx);
}

yaml_node_t *loader_value_of(struct loader *ld, yaml_node_t *map,
			     const char *key)
{
	if (map->type != YAML_MAPPING_NODE)
		return NULL;
	for (yaml_node_pair_t *p = map->data.mapping.pairs.start;
	     p < map->data.mapping.pairs.top; p++) {
		const char *k = yaml_doc_scalar(loader_node(ld, p->key));

		if (k && !strcmp(k, key))
			return loader_node(ld, p->value);
	}
	return NULL;
}

yaml_node_t *loader_where(struct loader *ld, yaml_node_t *map, const char *key,
			  size_t i)
{
	yaml_node_t *v = loader_value_of(ld, map, key);

	if (v && v->type == YAML_SEQUENCE_NODE &&
	    i < (size_t)(v->data.sequence.items.top -
			 v->data.sequence.items.start))
		return loader_node(ld, v->data.sequence.items.start[i]);
	return v ? v : map;
}

static int set_field(struct loader *ld, const char *what,
		     const struct field *f, void *base, yaml_node_t *v);

int loader_read_mapping(struct loader *ld, const char *what,
			const struct field *table, void *base,
			yaml_node_t *map)
{
	unsigned seen = 0;

	if (map->type != YAML_MAPPING_NODE)
		return loader_at(ld, map, "%s: expected a mapping", what);
	for (yaml_node_pair_t *p = map->data.mapping.pairs.start;
	     p < map->data.mapping.pairs.top; p++) {
		yaml_node_t *k = loader_node(ld, p->key),
			    *v = loader_node(ld, p->value);
		const char *key = yaml_doc_scalar(k);
		const struct field *f;

		if (!key)
			return loader_at(ld, k, "%s: keys must be plain words",
					 what);
		for (f = table; f->key; f++)
			if (!strcmp(f->key, key))
				break;
		if (!f->key) {
			struct strbuf known = STRBUF_INIT;

			for (const struct field *g = table; g->key; g++)
				strbuf_addf(&known, "%s%s", g == table ? "" :
					    ", ", g->key);
			loader_at(ld, k, "%s: unknown key '%s' (known: %s)",
				  what, key, known.buf);
			strbuf_release(&known);
			return -1;
		}
		if (seen & (1u << (f - table)))
			return loader_at(ld, k, "%s: key '%s' given twice",
					 what, key);
		seen |= 1u << (f - table);
		if (set_field(ld, what, f, base, v))
			return -1;
	}
	for (const struct field *f = table; f->key; f++)
		if (f->required && !(seen & (1u << (f - table))))
			return loader_at(ld, map,
					 "%s: missing required key '%s'", what,
					 f->key);
	return 0;
}

static int load_examples(struct loader *ld, const char *what,
			 yaml_node_t *v, struct rule_example **items,
			 size_t *nr, size_t *alloc)
{
	if (v->type != YAML_SEQUENCE_NODE)
		return loader_at(ld, v, "%s: examples must be a list", what);
	for (yaml_node_item_t *it = v->data.sequence.items.start;
	     it < v->data.sequence.items.top; it++) {
		yaml_node_t *n = loader_node(ld, *it);
		struct rule_example ex = { NULL, NULL,
			(unsigned)n->start_mark.line + 1 };

		if (yaml_doc_scalar(n)) {
			ex.text = xstrdup(yaml_doc_scalar(n));
		} else if (n->type == YAML_MAPPING_NODE) {
			for (yaml_node_pair_t *p = n->data.mapping.pairs.start;
			     p < n->data.mapping.pairs.top; p++) {
				const char *k, *s;
				char **slot = NULL;

				k = yaml_doc_scalar(loader_node(ld, p->key));
				s = yaml_doc_scalar(loader_node(ld, p->value));
				if (k && !strcmp(k, "text"))
					slot = &ex.text;
				else if (k && !strcmp(k, "path"))
					slot = &ex.path;
				if (!slot || !s || *slot) {
					free(ex.text);
					free(ex.path);
					return loader_at(
						ld, loader_node(ld, p->key),
						"%s: an "
						"example takes 'text' and "
						"'path' only",
						what);
				}
				*slot = xstrdup(s);
			}
			if (!ex.text) {
				free(ex.path);
				return loader_at(ld, n,
						 "%s: example without 'text'",
						 what);
			}
		} else {
			return loader_at(ld, n,
					 "%s: an example is a string or a "
					 "mapping with text and path",
					 what);
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
		return loader_at(ld, v, "%s: params must be a mapping", what);
	for (yaml_node_pair_t *p = v->data.mapping.pairs.start;
	     p < v->data.mapping.pairs.top; p++) {
		yaml_node_t *kn = loader_node(ld, p->key),
			    *vn = loader_node(ld, p->value);
		struct strbuf val = STRBUF_INIT;

		if (!yaml_doc_scalar(kn))
			return loader_at(ld, kn,
					 "%s: parameter names are words", what);
		if (yaml_doc_scalar(vn)) {
			strbuf_addstr(&val, yaml_doc_scalar(vn));
		} else if (vn->type == YAML_SEQUENCE_NODE) {
			/* a list is kept comma-separated: "8443,8080" */
			for (yaml_node_item_t *it =
				     vn->data.sequence.items.start;
			     it < vn->data.sequence.items.top; it++) {
				const char *s =
					yaml_doc_scalar(loader_node(ld, *it));

				if (!s) {
					strbuf_release(&val);
					return loader_at(
						ld, loader_node(ld, *it),
						"%s: list "
						"parameters hold plain values",
						what);
				}
				strbuf_addf(&val, "%s%s", val.len ? "," : "",
					    s);
			}
		} else {
			return loader_at(ld, vn,
					 "%s: parameter '%s' must be a value "
					 "or a list",
					 what, yaml_doc_scalar(kn));
		}
		ALLOC_GROW(l->items, l->nr, l->alloc);
		l->items[l->nr].key = xstrdup(yaml_doc_scalar(kn));
		l->items[l->nr++].value = strbuf_detach(&val, NULL);
	}
	return 0;
}

/*
 * One setter per field type, each reading node v into the field f of
 * base; `what` names the object in errors. set_field() dispatches on the
 * type through the table below.
 */
typedef int setter_fn(struct loader *ld, const char *what,
		      const struct field *f, void *base, yaml_node_t *v);

static int set_str(struct loader *ld, const char *what,
		   const struct field *f, void *base, yaml_node_t *v)
{
	const char *s = yaml_doc_scalar(v);

	if (!s)
		return loader_at(ld, v, "%s: '%s' must be a string", what,
				 f->key);
	free(*FIELD(base, f->offset, char *));
	*FIELD(base, f->offset, char *) = xstrdup(s);
	return 0;
}

static int set_strlist(struct loader *ld, const char *what,
		       const struct field *f, void *base, yaml_node_t *v)
{
	struct strlist *l = FIELD(base, f->offset, struct strlist);
	const char *s = yaml_doc_scalar(v);

	if (s) {
		strlist_push(l, s);
		return 0;
	}
	if (v->type != YAML_SEQUENCE_NODE)
		return loader_at(ld, v, "%s: '%s' must be a list of strings",
				 what, f->key);
	for (yaml_node_item_t *it = v->data.sequence.items.start;
	     it < v->data.sequence.items.top; it++) {
		yaml_node_t *n = loader_node(ld, *it);

		if (!yaml_doc_scalar(n))
			return loader_at(ld, n,
					 "%s: '%s' must be a list of strings",
					 what, f->key);
		strlist_push(l, yaml_doc_scalar(n));
	}
	return 0;
}

static int set_severity(struct loader *ld, const char *what,
			const struct field *f, void *base, yaml_node_t *v)
{
	const char *s = yaml_doc_scalar(v);

	if (!s || severity_parse(s, FIELD(base, f->offset, enum severity)))
		return loader_at(ld, v,
				 "%s: severity must be one of info, "
				 "low, medium, high, critical",
				 what);
	return 0;
}

static int set_confidence(struct loader *ld, const char *what,
			  const struct field *f, void *base, yaml_node_t *v)
{
	const char *s = yaml_doc_scalar(v);

	if (!s || confidence_parse(s, FIELD(base, f->offset,
					    enum confidence)))
		return loader_at(ld, v,
				 "%s: confidence must be one of low, "
				 "medium, high",
				 what);
	return 0;
}

static int set_int(struct loader *ld, const char *what,
		   const struct field *f, void *base, yaml_node_t *v)
{
	const char *s = yaml_doc_scalar(v);
	char *end;
	long l;

	errno = 0;
	l = s ? strtol(s, &end, 10) : 0;
	if (!s || !*s || *end || errno || l < -1 || l > 99)
		return loader_at(ld, v,
				 "%s: '%s' must be a whole number "
				 "from -1 to 99",
				 what, f->key);
	*FIELD(base, f->offset, int) = (int)l;
	return 0;
}

static int set_double(struct loader *ld, const char *what,
		      const struct field *f, void *base, yaml_node_t *v)
{
	const char *s = yaml_doc_scalar(v);
	char *end;
	double d = s ? strtod(s, &end) : 0;

	if (!s || !*s || *end || d < 0 || d > 8)
		return loader_at(ld, v,
				 "%s: '%s' must be a number from 0 to 8",
				 what, f->key);
	*FIELD(base, f->offset, double) = d;
	return 0;
}

static int set_bool(struct loader *ld, const char *what,
		    const struct field *f, void *base, yaml_node_t *v)
{
	const char *s = yaml_doc_scalar(v);

	if (s && (!strcmp(s, "true") || !strcmp(s, "yes")))
		*FIELD(base, f->offset, int) = 1;
	else if (s && (!strcmp(s, "false") || !strcmp(s, "no")))
		*FIELD(base, f->offset, int) = 0;
	else
		return loader_at(ld, v, "%s: '%s' must be true or false", what,
				 f->key);
	return 0;
}

static int set_window(struct loader *ld, const char *what,
		      const struct field *f, void *base, yaml_node_t *v)
{
	const char *s = yaml_doc_scalar(v);
	unsigned long n;
	char *end;

	errno = 0;
	n = s ? strtoul(s, &end, 10) : 0;
	if (s && (*end == 'K' || *end == 'k') && n <= 1024) {
		n *= 1024;
		end++;
	}
	if (!s || !*s || *end || errno || n < 64 || n > 1024 * 1024)
		return loader_at(ld, v,
				 "%s: '%s' takes bytes from 64 to "
				 "1024K (4096, 4K)",
				 what, f->key);
	*FIELD(base, f->offset, size_t) = (size_t)n;
	return 0;
}

static int set_kind(struct loader *ld, const char *what,
		    const struct field *f, void *base, yaml_node_t *v)
{
	const char *s = yaml_doc_scalar(v);
	const struct rule_kind *k = s ? rule_kind_find(s) : NULL;
	struct strbuf known = STRBUF_INIT;

	if (k) {
		*FIELD(base, f->offset, const struct rule_kind *) = k;
		return 0;
	}
	for (size_t i = 0; rule_kinds[i]; i++)
		strbuf_addf(&known, "%s%s", i ? ", " : "",
			    rule_kinds[i]->name);
	loader_at(ld, v, "%s: unknown kind '%s' (known: %s)", what, s ? s : "?",
		  known.buf);
	strbuf_release(&known);
	return -1;
}

static int set_guideline(struct loader *ld, const char *what,
			 const struct field *f, void *base, yaml_node_t *v)
{
	return loader_read_mapping(ld, what, guideline_fields,
				   FIELD(base, f->offset, struct guideline),
				   v);
}

static int set_params(struct loader *ld, const char *what,
		      const struct field *f, void *base, yaml_node_t *v)
{
	return load_params(ld, what, v,
			   FIELD(base, f->offset, struct kvlist));
}

static int set_examples(struct loader *ld, const char *what,
			const struct field *f, void *base, yaml_node_t *v)
{
	struct rule *r = base;

	(void)f;
	return load_examples(ld, what, v, &r->examples, &r->nr_examples,
			     &r->alloc_examples);
}

static int set_negatives(struct loader *ld, const char *what,
			 const struct field *f, void *base, yaml_node_t *v)
{
	struct rule *r = base;

	(void)f;
	return load_examples(ld, what, v, &r->negatives, &r->nr_negatives,
			     &r->alloc_negatives);
}

static setter_fn *const setters[] = {
	[F_STR] = set_str,
	[F_STRLIST] = set_strlist,
	[F_SEVERITY] = set_severity,
	[F_CONFIDENCE] = set_confidence,
	[F_INT] = set_int,
	[F_DOUBLE] = set_double,
	[F_BOOL] = set_bool,
	[F_WINDOW] = set_window,
	[F_KIND] = set_kind,
	[F_GUIDELINE] = set_guideline,
	[F_PARAMS] = set_params,
	[F_EXAMPLES] = set_examples,
	[F_NEGATIVES] = set_negatives,
};
_Static_assert(sizeof(setters) / sizeof(setters[0]) == F_NEGATIVES + 1,
	       "a setter for every field type");

static int set_field(struct loader *ld, const char *what,
		     const struct field *f, void *base, yaml_node_t *v)
{
	return setters[f->type](ld, what, f, base, v);
}

pcre2_code *loader_compile_re(const char *src, uint32_t options,
			      struct strbuf *msg)
{
	int code;
	PCRE2_SIZE off;
	pcre2_code *re = pcre2_compile((PCRE2_SPTR)src, PCRE2_ZERO_TERMINATED,
				       options, &code, &off, NULL);

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

