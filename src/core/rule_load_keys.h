/* rule_load_keys.h - inside the rule loader only (rule_load.c,
 * rule_load_keys.c): the tables of keys each YAML mapping may hold, the
 * loader's state, and reading a mapping through a table with every error
 * at its file:line:column. Ownership: the loader borrows the document and
 * fills the ruleset it points at. */
#ifndef AUTHAUDIT_RULE_LOAD_KEYS_H
#define AUTHAUDIT_RULE_LOAD_KEYS_H

#include <yaml.h>

#include "rule.h"
#include "lib/err.h"
#include "lib/strbuf.h"

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

struct loader {
	yaml_document_t *doc;		/* the document being read */
	const char *file;
	struct ruleset *rs;
	int override;
	struct err *e;
};

/* The keys of a rule, a profile, a catalogue statement, an allowlist. */
extern const struct field rule_fields[], profile_fields[],
	statement_fields[], allowlist_fields[];

/* Set the loader's error to the message at n's position; returns -1. */
int loader_at(struct loader *ld, const yaml_node_t *n, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
yaml_node_t *loader_node(struct loader *ld, int idx);
/* The value of key in mapping map; NULL when it is not there. */
yaml_node_t *loader_value_of(struct loader *ld, yaml_node_t *map,
			     const char *key);
/* Where an error about key (item i of it when it is a list) should point:
 * the value itself, else the whole mapping. */
yaml_node_t *loader_where(struct loader *ld, yaml_node_t *map,
			  const char *key, size_t i);
/* Fill base from a mapping node through the table; `what` names the
 * object in errors ("rule 'x'", "profile 'y'"). A key not in the table,
 * given twice, or a required one missing, is an error. */
int loader_read_mapping(struct loader *ld, const char *what,
			const struct field *table, void *base,
			yaml_node_t *map);
/* PCRE2 with JIT where available; NULL with msg saying why. */
pcre2_code *loader_compile_re(const char *src, uint32_t options,
			      struct strbuf *msg);

#endif
