/* yaml_map.h - the one table-driven reader of YAML mappings, shared by
 * every config authaudit reads (rule files, audit.yaml, the auth config,
 * probe targets, the repository config): a table of keys, each with the
 * setter that checks and stores its value at an offset of the caller's
 * struct (nginx's directive tables), and one loop that refuses unknown,
 * repeated and missing keys, every error at the file:line:column of the
 * node it is about.
 *
 * Ownership: a yaml_reader borrows its document, file name, directory
 * and error; the setters store copies the caller's struct then owns (and
 * releases with its own release function).
 */
#ifndef AUTHAUDIT_YAML_MAP_H
#define AUTHAUDIT_YAML_MAP_H

#include <stddef.h>
#include <yaml.h>

#include "err.h"

struct yaml_reader {
	yaml_document_t *doc;
	const char *file;	/* for errors */
	const char *dir;	/* relative paths' base: "" or ending in '/' */
	struct err *e;
	void *ctx;		/* the caller's own, for its setters */
	/* NULL: stop at the first error (in e). Else every error of the
	 * mapping goes here, each wrong key skipped and the rest still
	 * read; the read fails when any did (a config check tells all) */
	struct err_list *errors;
};

struct yaml_key;

/* Check node v and store it into base (at k->off); `what` names the
 * object in errors ("rule 'x'", "the audit config"). 0 or -1 with rd->e
 * set at the node that is wrong. */
typedef int yaml_set_fn(struct yaml_reader *rd, const char *what,
			const struct yaml_key *k, void *base, yaml_node_t *v);

struct yaml_key {
	const char *name;	/* NULL ends a table */
	yaml_set_fn *set;
	size_t off;
	int required;
	const void *arg;	/* the setter's: a nested table, a message */
};

/* Read mapping map into base through keys. A key not in the table, a key
 * given twice or a required one missing is an error (all of them in
 * rd->errors when it is set). When nodes is not
 * NULL it has one slot per key of the table and receives each key's value
 * node (NULL where absent), for checks that look at several keys. */
int yaml_map_read(struct yaml_reader *rd, const char *what,
		  const struct yaml_key *keys, void *base, yaml_node_t *map,
		  yaml_node_t **nodes);
/* How many keys the table holds. */
size_t yaml_map_count(const struct yaml_key *keys);

yaml_node_t *yaml_reader_node(const struct yaml_reader *rd, int idx);
/* The value of key in mapping map; NULL when it is not there. */
yaml_node_t *yaml_reader_value(const struct yaml_reader *rd,
			       const yaml_node_t *map, const char *key);
/* Where an error about key (item i of it when it is a list) should
 * point: that item, else the value, else the whole mapping. */
yaml_node_t *yaml_reader_where(const struct yaml_reader *rd, yaml_node_t *map,
			       const char *key, size_t i);
/* Set rd->e to the message at n's position; returns -1. */
int yaml_reader_at(struct yaml_reader *rd, const yaml_node_t *n,
		   const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* The setters every config uses. Strings and paths replace what was
 * there; lists append. */
yaml_set_fn yaml_set_string;	/* char *: a scalar */
yaml_set_fn yaml_set_path;	/* char *: relative to rd->dir */
yaml_set_fn yaml_set_strlist;	/* struct strlist: a list, or one scalar */
yaml_set_fn yaml_set_words;	/* struct strlist: a list of words, or
				 * one string of space-separated words */
yaml_set_fn yaml_set_bool;	/* int: true/false (yes/no) */
yaml_set_fn yaml_set_count;	/* long: a whole number, 0 or more */
yaml_set_fn yaml_set_seconds;	/* long: a duration (5s, 2m, 3600) > 0 */
yaml_set_fn yaml_set_date;	/* char *: YYYY-MM-DD */
yaml_set_fn yaml_set_map;	/* a mapping read through arg, a table,
				 * into base + off */
yaml_set_fn yaml_set_gone;	/* a retired key: refused with arg, the
				 * text saying what replaced it */

#endif
