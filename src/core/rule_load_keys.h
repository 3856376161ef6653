/* rule_load_keys.h - inside the rule loader only (rule_load.c,
 * rule_load_keys.c): the tables of keys each YAML mapping may hold (read
 * through lib/yaml_map.h, every error at its file:line:column) and the
 * loader's state. Ownership: the loader borrows the document and
 * fills the ruleset it points at. */
#ifndef AUTHAUDIT_RULE_LOAD_KEYS_H
#define AUTHAUDIT_RULE_LOAD_KEYS_H

#include <yaml.h>

#include "rule.h"
#include "lib/err.h"
#include "lib/strbuf.h"
#include "lib/yaml_map.h"

/* The loader's state: the reader of the document at hand (yaml_map.h)
 * and the ruleset it fills. */
struct loader {
	struct yaml_reader rd;
	struct ruleset *rs;
	int override;
};

/* The keys of a rule, a profile, a catalogue statement, an allowlist. */
extern const struct yaml_key rule_fields[], profile_fields[],
	statement_fields[], allowlist_fields[];

/* PCRE2 with JIT where available; NULL with msg saying why. */
pcre2_code *rule_load_compile_re(const char *src, uint32_t options,
			      struct strbuf *msg);

#endif
