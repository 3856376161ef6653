/* rule.h - rules, profiles and the ruleset loaded from rules/ YAML files.
 *
 * Ownership: a struct ruleset owns every rule, profile and string reachable
 * from it; ruleset_release() frees them all. Findings and reports borrow
 * `const struct rule *` pointers, so the ruleset must outlive them.
 * The YAML format is documented in docs/rules.md.
 */
#ifndef AUTHAUDIT_RULE_H
#define AUTHAUDIT_RULE_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stddef.h>
#include <stdio.h>

#include "lib/err.h"
#include "lib/severity.h"
#include "lib/strlist.h"

struct rule_kind;
struct strbuf;

struct guideline {
	char *doc;		/* seed file name, a URL for generic rules, or
				 * GUIDELINE_POLICY */
	char *section;
	char *quote;		/* the sentence the rule enforces, verbatim */
	char *doc_title;	/* optional `doc_title:`; without it the
				 * title is the profile's that audits doc
				 * (guideline_doc_title) */
};

/* The doc of a rule that holds the organisation's own policy (a policy_*
 * profile parameter), not a vendor document: reports say "policy". */
#define GUIDELINE_POLICY "policy"

/* A positive or negative example: text scanned as if it were the file
 * `path` (default "example.txt"). */
struct rule_example {
	char *text;
	char *path;
	unsigned line;		/* where it stands in the rule file */
};

struct kv {
	char *key;
	char *value;
};

struct kvlist {
	struct kv *items;
	size_t nr, alloc;
};

struct rule {
	char *id;
	char *title;
	char *description;	/* optional longer help text */
	char *category;		/* secret, insecure-transport, client-storage,
				 * token-lifetime, transport, auth, ... */
	const struct rule_kind *kind;
	enum severity severity;
	enum confidence confidence;
	struct guideline guideline;

	/* Source-scanning fields (kinds with target RULE_TARGET_SOURCE). */
	struct strlist keywords;	/* literals, matched case-insensitively
					 * unless keywords_case is sensitive */
	char *keywords_case;		/* "sensitive", "insensitive", NULL */
	int keywords_exact;		/* keywords_case: sensitive */
	char *prefilter;		/* without keywords: a vectorscan
					 * expression matching wherever
					 * pattern does, cheaper than it */
	char *pattern;			/* PCRE2 source */
	/* where the values of pattern and prefilter stand in the rule
	 * file, for errors found after loading; 0 when not given */
	unsigned pattern_line, pattern_col, prefilter_line, prefilter_col;
	pcre2_code *re;			/* compiled with JIT where available */
	int secret_group;		/* capture group number; 0: whole match,
					 * -1: the rule reports no secret */
	double min_entropy;		/* bits per byte; 0 disables */
	struct strlist allow;		/* PCRE2 sources matched against the
					 * secret; a hit suppresses */
	pcre2_code **allow_re;
	struct strlist stopwords;	/* substrings (any case) that suppress */
	struct strlist paths;		/* globs; empty: every file */
	struct strlist exclude_paths;
	struct strlist context;		/* words (any case, whole: no letter
					 * or digit beside them, bar camelCase
					 * steps) one of which
					 * must stand within context_window
					 * bytes of a match: a vendor's host,
					 * header or variable names; empty:
					 * no such need */
	size_t context_window;		/* 0: RULE_CONTEXT_WINDOW */
	int multiline;			/* pattern may span lines */
	size_t window;			/* multiline: bytes from the keyword's
					 * line the pattern may use; 0: 64K */
	char *checksum;			/* validator name, see checksum.h */

	/* Free-form parameters for the rule's kind (probe checks, ...). */
	struct kvlist params;

	struct rule_example *examples, *negatives;
	size_t nr_examples, alloc_examples, nr_negatives, alloc_negatives;

	char *file;		/* rule file and position of the `- id:` */
	unsigned line, col;
	unsigned index;		/* position in ruleset->rules */
	unsigned layer;		/* ruleset->layer it was loaded in */
};

/* How far from a match a rule's context words are looked for, by
 * default: a request body or a short block of configuration. */
#define RULE_CONTEXT_WINDOW 400

struct profile {
	char *name;
	char *title;
	struct guideline guideline;	/* the vendor document it audits */
	struct strlist rules;		/* rule id globs; "*" for all */
	struct strlist client_side_paths;
	struct kvlist params;
	char *file;
	unsigned line, col;
	unsigned layer;
};

/* Exact values and patterns no rule may report (documentation examples,
 * placeholders), from `allowlist:` documents in the rule directory. */
struct allowlist {
	struct strlist values;
	struct strlist patterns;
	pcre2_code **patterns_re;
	struct strlist stopwords;
};

/* A testable statement of a vendor document, from `guidelines:` documents
 * (rules/guidelines/): what the compliance matrix has one row for. Either
 * rules test it, or no tool can and `manual` says what to check by hand. */
struct statement {
	char *id;		/* "presto-vendor.tls-1.2" */
	char *title;		/* a few words for matrix rows */
	struct guideline guideline;
	struct strlist rules;	/* ids of the rules that test it */
	char *manual;		/* untestable: how to check it by hand */
	char *file;
	unsigned line, col;
	unsigned layer;
};

struct ruleset {
	struct rule **rules;
	size_t nr, alloc;
	struct profile **profiles;
	size_t nr_profiles, alloc_profiles;
	struct statement **statements;	/* catalogue order */
	size_t nr_statements, alloc_statements;
	struct allowlist allow;
	unsigned layer;			/* 0: built-in; each --rules load
					 * (override) is the next */
	struct strlist ignored;		/* files of --rules directories not
					 * loaded: not .yaml or .yml */
	struct err_list errors;		/* every error of the loads and of
					 * ruleset_validate, in file order:
					 * a broken rule is skipped, the
					 * rest read, so all are told */
	struct strlist notices;		/* "file:line:col: ..." said of
					 * rules that load all the same
					 * (a --rules rule without examples) */
};

#define RULESET_INIT { 0 }

/* Load every *.yaml / *.yml below dir (sorted, recursively; a file in
 * place of dir is loaded whatever its name), every YAML document of each.
 * With `override` (--rules) the load is a layer of its own: a rule or
 * profile whose id a lower layer holds replaces it, but the same id twice
 * within the layer is an error, as any duplicate is without override.
 * With override, other files (hidden ones aside) are listed in
 * rs->ignored, so the caller can say so. Any error stops the load and
 * names file:line:column in e. */
int ruleset_load_dir(struct ruleset *rs, const char *dir, int override,
		     struct err *e);
int ruleset_load_file(struct ruleset *rs, const char *path, int override,
		      struct err *e);
/* Parse YAML text as if it were the file `name` (tests, examples); with
 * override, a layer of its own. */
int ruleset_load_buffer(struct ruleset *rs, const char *name,
			const char *text, size_t len, int override,
			struct err *e);
/* After loading: every profile names existing rules, every built-in rule
 * has both kinds of examples (a --rules rule without them loads, with a
 * notice in rs->notices). Every error goes to rs->errors; -1 with e the
 * first when there was one. */
int ruleset_validate(struct ruleset *rs, struct err *e);
void ruleset_release(struct ruleset *rs);
void rule_free(struct rule *r);
void statement_free(struct statement *st);
/* Every rule a statement names is loaded (part of ruleset_validate). */
int statement_validate(const struct ruleset *rs, struct err *e);
void profile_free(struct profile *p);
/* Every profile parameter is known and well-formed (profile.c's table). */
int profile_check_params(const struct profile *p, struct err *e);

const struct rule *ruleset_find(const struct ruleset *rs, const char *id);
const struct statement *ruleset_statement(const struct ruleset *rs,
					  const char *id);
/* Does statement st list rule r? */
int statement_tests(const struct statement *st, const struct rule *r);
/* Is st part of what profile p audits (its document; every document for
 * a profile without one, such as default)? */
int profile_covers(const struct profile *p, const struct statement *st);
const struct profile *ruleset_profile(const struct ruleset *rs,
				      const char *name);
/* Does the profile select this rule? */
int profile_selects(const struct profile *p, const struct rule *r);

/* Rule parameter by key, or NULL. */
const char *rule_param(const struct rule *r, const char *key);

/* Profile parameters fall back to the `default` profile, then to the
 * built-in default in profile.c's table. Unknown keys are a load error. */
const char *profile_param(const struct ruleset *rs, const struct profile *p,
			  const char *key);
/* Typed getters: 0 on success; -1 with e set when the value is malformed. */
int profile_param_long(const struct ruleset *rs, const struct profile *p,
		       const char *key, long *out, struct err *e);
/* Durations as parse_duration() reads them (duration.h). */
int profile_param_seconds(const struct ruleset *rs, const struct profile *p,
			  const char *key, long *out, struct err *e);
/* "8443,8080" (or "" or "none": no port) into out, at most n: how many,
 * or -1 when an item is not a TCP port. */
int parse_ports(const char *s, unsigned *out, size_t n);
/* The parameter table: name, default, meaning; one a line. */
void profile_params_print(FILE *out);
/* Does g cite the organisation's policy rather than a vendor document? */
int guideline_is_policy(const struct guideline *g);
/* What reports call a policy guideline's doc. */
#define GUIDELINE_POLICY_TITLE "Organisation policy, not a vendor document"
/* The title of the document g cites, derived in one place: g's own
 * `doc_title:`, else the title of the profile that audits g->doc (each
 * vendor document has one: "Presto Vendor Integration API"), the policy
 * title for policy rules; NULL when none is known. Borrowed from rs. */
const char *guideline_doc_title(const struct ruleset *rs,
				const struct guideline *g);
/* Does g cite a vendor document (not a URL, not the policy)? Such a doc
 * must have a title (`authaudit rules check` fails otherwise). */
int guideline_is_vendor_doc(const struct guideline *g);
/* The citation a reader understands, appended to out: "Presto Vendor
 * Integration API - Security Guidelines / Token Security"; "CWE-798 -
 * Description" for a CWE page; the doc itself when it has no title. The
 * internal doc id is not in it (JSON and SARIF carry that). */
void guideline_cite(const struct ruleset *rs, const struct guideline *g,
		    struct strbuf *out);

#endif
