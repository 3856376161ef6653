/* rule_load_keys.c - the keys of rule files: one table of {key, setter,
 * offset} per kind of mapping (nginx's directive table, read by
 * lib/yaml_map.c), and the setters of the rules' own kinds of value; see
 * rule_load_keys.h. rule_load.c reads the files. */
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

static yaml_set_fn set_severity, set_confidence, set_int, set_double,
	set_window, set_kind, set_params, set_examples, set_negatives;

#define G(f) offsetof(struct guideline, f)
static const struct yaml_key guideline_fields[] = {
	{ "doc", yaml_set_string, G(doc), 1, NULL },
	{ "section", yaml_set_string, G(section), 0, NULL },
	{ "quote", yaml_set_string, G(quote), 1, NULL },
	{ "doc_title", yaml_set_string, G(doc_title), 0, NULL },
	{ NULL, NULL, 0, 0, NULL }
};
#undef G

#define R(f) offsetof(struct rule, f)
const struct yaml_key rule_fields[] = {
	{ "id", yaml_set_string, R(id), 1, NULL },
	{ "title", yaml_set_string, R(title), 1, NULL },
	{ "description", yaml_set_string, R(description), 0, NULL },
	{ "kind", set_kind, R(kind), 0, NULL },
	{ "category", yaml_set_string, R(category), 1, NULL },
	{ "severity", set_severity, R(severity), 1, NULL },
	{ "confidence", set_confidence, R(confidence), 0, NULL },
	{ "guideline", yaml_set_map, R(guideline), 1, guideline_fields },
	{ "keywords", yaml_set_strlist, R(keywords), 0, NULL },
	{ "keywords_case", yaml_set_string, R(keywords_case), 0, NULL },
	{ "prefilter", yaml_set_string, R(prefilter), 0, NULL },
	{ "pattern", yaml_set_string, R(pattern), 0, NULL },
	{ "secret_group", set_int, R(secret_group), 0, NULL },
	{ "min_entropy", set_double, R(min_entropy), 0, NULL },
	{ "allow", yaml_set_strlist, R(allow), 0, NULL },
	{ "stopwords", yaml_set_strlist, R(stopwords), 0, NULL },
	{ "paths", yaml_set_strlist, R(paths), 0, NULL },
	{ "exclude_paths", yaml_set_strlist, R(exclude_paths), 0, NULL },
	{ "context", yaml_set_strlist, R(context), 0, NULL },
	{ "context_window", set_window, R(context_window), 0, NULL },
	{ "multiline", yaml_set_bool, R(multiline), 0, NULL },
	{ "window", set_window, R(window), 0, NULL },
	{ "checksum", yaml_set_string, R(checksum), 0, NULL },
	{ "params", set_params, R(params), 0, NULL },
	{ "examples", set_examples, R(examples), 0, NULL },
	{ "negative_examples", set_negatives, R(negatives), 0, NULL },
	{ NULL, NULL, 0, 0, NULL }
};
#undef R

#define P(f) offsetof(struct profile, f)
const struct yaml_key profile_fields[] = {
	{ "name", yaml_set_string, P(name), 1, NULL },
	{ "title", yaml_set_string, P(title), 1, NULL },
	{ "guideline", yaml_set_map, P(guideline), 0, guideline_fields },
	{ "rules", yaml_set_strlist, P(rules), 1, NULL },
	{ "client_side_paths", yaml_set_strlist, P(client_side_paths), 0,
	  NULL },
	{ "params", set_params, P(params), 0, NULL },
	{ NULL, NULL, 0, 0, NULL }
};
#undef P


/* A statement's doc, section and quote stand beside its id, not under a
 * `guideline:` key: the catalogue is a list of quotes. */
#define S(f) offsetof(struct statement, f)
const struct yaml_key statement_fields[] = {
	{ "id", yaml_set_string, S(id), 1, NULL },
	{ "title", yaml_set_string, S(title), 1, NULL },
	{ "doc", yaml_set_string, S(guideline.doc), 1, NULL },
	{ "section", yaml_set_string, S(guideline.section), 1, NULL },
	{ "doc_title", yaml_set_string, S(guideline.doc_title), 0, NULL },
	{ "quote", yaml_set_string, S(guideline.quote), 1, NULL },
	{ "rules", yaml_set_strlist, S(rules), 0, NULL },
	{ "manual", yaml_set_string, S(manual), 0, NULL },
	{ NULL, NULL, 0, 0, NULL }
};
#undef S

#define A(f) offsetof(struct allowlist, f)
const struct yaml_key allowlist_fields[] = {
	{ "values", yaml_set_strlist, A(values), 0, NULL },
	{ "patterns", yaml_set_strlist, A(patterns), 0, NULL },
	{ "stopwords", yaml_set_strlist, A(stopwords), 0, NULL },
	{ NULL, NULL, 0, 0, NULL }
};
#undef A

#define FIELD(base, off, type) ((type *)(void *)((char *)(base) + (off)))

static int load_examples(struct yaml_reader *rd, const char *what,
			 yaml_node_t *v, struct rule_example **items,
			 size_t *nr, size_t *alloc)
{
	if (v->type != YAML_SEQUENCE_NODE)
		return yaml_reader_at(rd, v, "%s: examples must be a list",
				      what);
	for (yaml_node_item_t *it = v->data.sequence.items.start;
	     it < v->data.sequence.items.top; it++) {
		yaml_node_t *n = yaml_reader_node(rd, *it);
		struct rule_example ex = { NULL, NULL,
			(unsigned)n->start_mark.line + 1 };

		if (yaml_doc_scalar(n)) {
			ex.text = xstrdup(yaml_doc_scalar(n));
		} else if (n->type == YAML_MAPPING_NODE) {
			for (yaml_node_pair_t *p = n->data.mapping.pairs.start;
			     p < n->data.mapping.pairs.top; p++) {
				const char *k, *s;
				char **slot = NULL;

				k = yaml_doc_scalar(
					yaml_reader_node(rd, p->key));
				s = yaml_doc_scalar(
					yaml_reader_node(rd, p->value));
				if (k && !strcmp(k, "text"))
					slot = &ex.text;
				else if (k && !strcmp(k, "path"))
					slot = &ex.path;
				if (!slot || !s || *slot) {
					free(ex.text);
					free(ex.path);
					return yaml_reader_at(
						rd,
						yaml_reader_node(rd, p->key),
						"%s: an "
						"example takes 'text' and "
						"'path' only",
						what);
				}
				*slot = xstrdup(s);
			}
			if (!ex.text) {
				free(ex.path);
				return yaml_reader_at(
					rd, n, "%s: example without 'text'",
					what);
			}
		} else {
			return yaml_reader_at(rd, n,
					      "%s: an example is a string or a "
					      "mapping with text and path",
					      what);
		}
		ALLOC_GROW(*items, *nr, *alloc);
		(*items)[(*nr)++] = ex;
	}
	return 0;
}

static int load_params(struct yaml_reader *rd, const char *what, yaml_node_t *v,
		       struct kvlist *l)
{
	if (v->type != YAML_MAPPING_NODE)
		return yaml_reader_at(rd, v, "%s: params must be a mapping",
				      what);
	for (yaml_node_pair_t *p = v->data.mapping.pairs.start;
	     p < v->data.mapping.pairs.top; p++) {
		yaml_node_t *kn = yaml_reader_node(rd, p->key),
			    *vn = yaml_reader_node(rd, p->value);
		struct strbuf val = STRBUF_INIT;

		if (!yaml_doc_scalar(kn))
			return yaml_reader_at(
				rd, kn, "%s: parameter names are words", what);
		if (yaml_doc_scalar(vn)) {
			strbuf_addstr(&val, yaml_doc_scalar(vn));
		} else if (vn->type == YAML_SEQUENCE_NODE) {
			/* a list is kept comma-separated: "8443,8080" */
			for (yaml_node_item_t *it =
				     vn->data.sequence.items.start;
			     it < vn->data.sequence.items.top; it++) {
				const char *s = yaml_doc_scalar(
					yaml_reader_node(rd, *it));

				if (!s) {
					strbuf_release(&val);
					return yaml_reader_at(
						rd, yaml_reader_node(rd, *it),
						"%s: list "
						"parameters hold plain values",
						what);
				}
				strbuf_addf(&val, "%s%s", val.len ? "," : "",
					    s);
			}
		} else {
			return yaml_reader_at(
				rd, vn,
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

/* The setters of the rules' own kinds of value (yaml_map.h has the
 * shared ones), each reading node v into the field f of base. */

static int set_severity(struct yaml_reader *rd, const char *what,
			const struct yaml_key *f, void *base, yaml_node_t *v)
{
	const char *s = yaml_doc_scalar(v);

	if (!s || severity_parse(s, FIELD(base, f->off, enum severity)))
		return yaml_reader_at(rd, v,
				      "%s: severity must be one of info, "
				      "low, medium, high, critical",
				      what);
	return 0;
}

static int set_confidence(struct yaml_reader *rd, const char *what,
			  const struct yaml_key *f, void *base, yaml_node_t *v)
{
	const char *s = yaml_doc_scalar(v);

	if (!s || confidence_parse(s, FIELD(base, f->off, enum confidence)))
		return yaml_reader_at(rd, v,
				      "%s: confidence must be one of low, "
				      "medium, high",
				      what);
	return 0;
}

static int set_int(struct yaml_reader *rd, const char *what,
		   const struct yaml_key *f, void *base, yaml_node_t *v)
{
	const char *s = yaml_doc_scalar(v);
	char *end;
	long l;

	errno = 0;
	l = s ? strtol(s, &end, 10) : 0;
	if (!s || !*s || *end || errno || l < -1 || l > 99)
		return yaml_reader_at(rd, v,
				      "%s: '%s' must be a whole number "
				      "from -1 to 99",
				      what, f->name);
	*FIELD(base, f->off, int) = (int)l;
	return 0;
}

static int set_double(struct yaml_reader *rd, const char *what,
		      const struct yaml_key *f, void *base, yaml_node_t *v)
{
	const char *s = yaml_doc_scalar(v);
	char *end;
	double d = s ? strtod(s, &end) : 0;

	if (!s || !*s || *end || d < 0 || d > 8)
		return yaml_reader_at(rd, v,
				      "%s: '%s' must be a number from 0 to 8",
				      what, f->name);
	*FIELD(base, f->off, double) = d;
	return 0;
}

static int set_window(struct yaml_reader *rd, const char *what,
		      const struct yaml_key *f, void *base, yaml_node_t *v)
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
		return yaml_reader_at(rd, v,
				      "%s: '%s' takes bytes from 64 to "
				      "1024K (4096, 4K)",
				      what, f->name);
	*FIELD(base, f->off, size_t) = (size_t)n;
	return 0;
}

static int set_kind(struct yaml_reader *rd, const char *what,
		    const struct yaml_key *f, void *base, yaml_node_t *v)
{
	const char *s = yaml_doc_scalar(v);
	const struct rule_kind *k = s ? rule_kind_find(s) : NULL;
	struct strbuf known = STRBUF_INIT;

	if (k) {
		*FIELD(base, f->off, const struct rule_kind *) = k;
		return 0;
	}
	for (size_t i = 0; rule_kinds[i]; i++)
		strbuf_addf(&known, "%s%s", i ? ", " : "",
			    rule_kinds[i]->name);
	yaml_reader_at(rd, v, "%s: unknown kind '%s' (known: %s)", what,
		       s ? s : "?", known.buf);
	strbuf_release(&known);
	return -1;
}

static int set_params(struct yaml_reader *rd, const char *what,
		      const struct yaml_key *f, void *base, yaml_node_t *v)
{
	return load_params(rd, what, v, FIELD(base, f->off, struct kvlist));
}

static int set_examples(struct yaml_reader *rd, const char *what,
			const struct yaml_key *f, void *base, yaml_node_t *v)
{
	struct rule *r = base;

	(void)f;
	return load_examples(rd, what, v, &r->examples, &r->nr_examples,
			     &r->alloc_examples);
}

static int set_negatives(struct yaml_reader *rd, const char *what,
			 const struct yaml_key *f, void *base, yaml_node_t *v)
{
	struct rule *r = base;

	(void)f;
	return load_examples(rd, what, v, &r->negatives, &r->nr_negatives,
			     &r->alloc_negatives);
}

pcre2_code *rule_load_compile_re(const char *src, uint32_t options,
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
	pcre2_jit_compile(re, PCRE2_JIT_COMPLETE); /* falls back if no JIT */
	return re;
}

