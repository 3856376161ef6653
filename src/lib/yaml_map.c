/* yaml_map.c - reading a YAML mapping through a table of keys, and the
 * setters every config shares; see yaml_map.h. */
#include "yaml_map.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "duration.h"
#include "strbuf.h"
#include "strlist.h"
#include "xalloc.h"
#include "yaml_doc.h"

#define AT(base, off, type) ((type *)(void *)((char *)(base) + (off)))

yaml_node_t *yaml_reader_node(const struct yaml_reader *rd, int idx)
{
	return yaml_document_get_node(rd->doc, idx);
}

int yaml_reader_at(struct yaml_reader *rd, const yaml_node_t *n,
		   const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = yaml_doc_vat(rd->e, rd->file, n, fmt, ap);
	va_end(ap);
	return rc;
}

yaml_node_t *yaml_reader_value(const struct yaml_reader *rd,
			       const yaml_node_t *map, const char *key)
{
	if (!map || map->type != YAML_MAPPING_NODE)
		return NULL;
	for (yaml_node_pair_t *p = map->data.mapping.pairs.start;
	     p < map->data.mapping.pairs.top; p++) {
		const char *k = yaml_doc_scalar(yaml_reader_node(rd, p->key));

		if (k && !strcmp(k, key))
			return yaml_reader_node(rd, p->value);
	}
	return NULL;
}

yaml_node_t *yaml_reader_where(const struct yaml_reader *rd, yaml_node_t *map,
			       const char *key, size_t i)
{
	yaml_node_t *v = yaml_reader_value(rd, map, key);

	if (v && v->type == YAML_SEQUENCE_NODE &&
	    i < (size_t)(v->data.sequence.items.top -
			 v->data.sequence.items.start))
		return yaml_reader_node(rd, v->data.sequence.items.start[i]);
	return v ? v : map;
}

size_t yaml_map_count(const struct yaml_key *keys)
{
	size_t n = 0;

	while (keys[n].name)
		n++;
	return n;
}

static int unknown_key(struct yaml_reader *rd, const char *what,
		       const struct yaml_key *keys, const yaml_node_t *k,
		       const char *key)
{
	struct strbuf known = STRBUF_INIT;

	for (const struct yaml_key *g = keys; g->name; g++)
		if (g->set != yaml_set_gone)
			strbuf_addf(&known, "%s%s", known.len ? ", " : "",
				    g->name);
	yaml_reader_at(rd, k, "%s: unknown key '%s' (known: %s)", what, key,
		       known.buf);
	strbuf_release(&known);
	return -1;
}

/* One error of a read that collects them (rd->errors): kept unless a
 * nested read already collected it (count was the list's size before). */
static int collected(struct yaml_reader *rd, size_t count)
{
	if (rd->errors->nr == count)
		err_list_push(rd->errors, rd->e);
	return 0;
}

int yaml_map_read(struct yaml_reader *rd, const char *what,
		  const struct yaml_key *keys, void *base, yaml_node_t *map,
		  yaml_node_t **nodes)
{
	size_t n = yaml_map_count(keys);
	yaml_node_t **seen = nodes ? nodes : xcalloc(n + 1, sizeof(*seen));
	size_t count = rd->errors ? rd->errors->nr : 0;
	int rc = 0, failed = 0;

	if (nodes)
		memset(nodes, 0, n * sizeof(*nodes));
	if (map->type != YAML_MAPPING_NODE) {
		rc = yaml_reader_at(rd, map, "%s: expected a mapping", what);
		goto out;
	}
	for (yaml_node_pair_t *p = map->data.mapping.pairs.start;
	     !rc && p < map->data.mapping.pairs.top; p++) {
		yaml_node_t *k = yaml_reader_node(rd, p->key),
			    *v = yaml_reader_node(rd, p->value);
		const char *key = yaml_doc_scalar(k);
		size_t before = rd->errors ? rd->errors->nr : 0;
		size_t i;

		if (!key) {
			rc = yaml_reader_at(rd, k, "%s: keys must be plain "
					    "words", what);
		} else {
			for (i = 0; i < n && strcmp(keys[i].name, key); i++)
				;
			if (i == n)
				rc = unknown_key(rd, what, keys, k, key);
			else if (seen[i])
				rc = yaml_reader_at(rd, k, "%s: key '%s' given "
						    "twice", what, key);
			else if (!(rc = keys[i].set(rd, what, &keys[i], base,
						    v)))
				seen[i] = v;
			else
				seen[i] = v;	/* told once, not "missing" */
		}
		if (rc && rd->errors)
			failed = 1, rc = collected(rd, before);
	}
	for (size_t i = 0; !rc && i < n; i++)
		if (keys[i].required && !seen[i]) {
			rc = yaml_reader_at(rd, map, "%s: missing required "
					    "key '%s'", what, keys[i].name);
			if (rd->errors)
				failed = 1, rc = collected(rd, rd->errors->nr);
		}
out:
	if (rc && rd->errors)
		failed = 1, rc = collected(rd, count);
	if (!nodes)
		free(seen);
	return rc || failed ? -1 : 0;
}

/* The scalar of v, or an error that the key takes one. */
static const char *scalar_of(struct yaml_reader *rd, const char *what,
			     const struct yaml_key *k, yaml_node_t *v)
{
	const char *s = yaml_doc_scalar(v);

	if (!s || !*s)
		yaml_reader_at(rd, v, "%s: '%s' takes a single value", what,
			       k->name);
	return s && *s ? s : NULL;
}

int yaml_set_string(struct yaml_reader *rd, const char *what,
		    const struct yaml_key *k, void *base, yaml_node_t *v)
{
	const char *s = yaml_doc_scalar(v);

	if (!s)
		return yaml_reader_at(rd, v, "%s: '%s' must be a string", what,
				      k->name);
	free(*AT(base, k->off, char *));
	*AT(base, k->off, char *) = xstrdup(s);
	return 0;
}

int yaml_set_path(struct yaml_reader *rd, const char *what,
		  const struct yaml_key *k, void *base, yaml_node_t *v)
{
	const char *s = scalar_of(rd, what, k, v);

	if (!s)
		return -1;
	free(*AT(base, k->off, char *));
	*AT(base, k->off, char *) = yaml_doc_path(rd->dir ? rd->dir : "", s);
	return 0;
}

int yaml_set_strlist(struct yaml_reader *rd, const char *what,
		     const struct yaml_key *k, void *base, yaml_node_t *v)
{
	struct strlist *l = AT(base, k->off, struct strlist);

	if (yaml_doc_scalar(v)) {
		strlist_push(l, yaml_doc_scalar(v));
		return 0;
	}
	if (v->type != YAML_SEQUENCE_NODE)
		return yaml_reader_at(rd, v, "%s: '%s' must be a list of "
				      "strings", what, k->name);
	for (yaml_node_item_t *it = v->data.sequence.items.start;
	     it < v->data.sequence.items.top; it++) {
		yaml_node_t *n = yaml_reader_node(rd, *it);

		if (!yaml_doc_scalar(n))
			return yaml_reader_at(rd, n, "%s: '%s' must be a list "
					      "of strings", what, k->name);
		strlist_push(l, yaml_doc_scalar(n));
	}
	return 0;
}

int yaml_set_words(struct yaml_reader *rd, const char *what,
		   const struct yaml_key *k, void *base, yaml_node_t *v)
{
	struct strlist *l = AT(base, k->off, struct strlist);
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
		return yaml_reader_at(rd, v, "%s: '%s' is a list of names",
				      what, k->name);
	for (yaml_node_item_t *it = v->data.sequence.items.start;
	     it < v->data.sequence.items.top; it++) {
		const char *w = yaml_doc_scalar(yaml_reader_node(rd, *it));

		if (!w || !*w || strpbrk(w, " \t"))
			return yaml_reader_at(rd, yaml_reader_node(rd, *it),
					      "%s: '%s' is a list of names, "
					      "each without spaces",
					      what, k->name);
		strlist_push(l, w);
	}
	return 0;
}

int yaml_set_bool(struct yaml_reader *rd, const char *what,
		  const struct yaml_key *k, void *base, yaml_node_t *v)
{
	const char *s = yaml_doc_scalar(v);

	if (s && (!strcmp(s, "true") || !strcmp(s, "yes")))
		*AT(base, k->off, int) = 1;
	else if (s && (!strcmp(s, "false") || !strcmp(s, "no")))
		*AT(base, k->off, int) = 0;
	else
		return yaml_reader_at(rd, v, "%s: '%s' must be true or false",
				      what, k->name);
	return 0;
}

int yaml_set_count(struct yaml_reader *rd, const char *what,
		   const struct yaml_key *k, void *base, yaml_node_t *v)
{
	const char *s = scalar_of(rd, what, k, v);
	char *end;
	long n;

	if (!s)
		return -1;
	n = strtol(s, &end, 10);
	if (*end || n < 0)
		return yaml_reader_at(rd, v, "%s: '%s' takes a whole number, "
				      "not '%s'", what, k->name, s);
	*AT(base, k->off, long) = n;
	return 0;
}

int yaml_set_seconds(struct yaml_reader *rd, const char *what,
		     const struct yaml_key *k, void *base, yaml_node_t *v)
{
	const char *s = scalar_of(rd, what, k, v);
	long secs;

	if (!s)
		return -1;
	if (parse_duration(s, &secs) || secs <= 0)
		return yaml_reader_at(rd, v, "%s: '%s' takes a duration above "
				      "0 such as 30s or 10m, not '%s'", what,
				      k->name, s);
	*AT(base, k->off, long) = secs;
	return 0;
}

int yaml_set_date(struct yaml_reader *rd, const char *what,
		  const struct yaml_key *k, void *base, yaml_node_t *v)
{
	const char *s = scalar_of(rd, what, k, v);
	int y, m, d;
	char end;

	if (!s)
		return -1;
	if (strlen(s) != 10 ||
	    sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &end) != 3 || m < 1 ||
	    m > 12 || d < 1 || d > 31)
		return yaml_reader_at(rd, v, "%s: '%s' takes a date "
				      "YYYY-MM-DD, not '%s'", what, k->name,
				      s);
	free(*AT(base, k->off, char *));
	*AT(base, k->off, char *) = xstrdup(s);
	return 0;
}

int yaml_set_map(struct yaml_reader *rd, const char *what,
		 const struct yaml_key *k, void *base, yaml_node_t *v)
{
	return yaml_map_read(rd, what, k->arg, AT(base, k->off, char), v,
			     NULL);
}

int yaml_set_gone(struct yaml_reader *rd, const char *what,
		  const struct yaml_key *k, void *base, yaml_node_t *v)
{
	(void)base;
	return yaml_reader_at(rd, v, "%s: '%s' %s", what, k->name,
			      (const char *)k->arg);
}
