/* rule_load.c - YAML rule files -> struct ruleset.
 *
 * libyaml's document API gives every node a start mark, so each error can
 * name file:line:column. Each document of a file holds sections (rules,
 * profiles, allowlist, guidelines); each entry of a section is read through
 * its table of keys (rule_load_keys.c), then checked as a whole and added,
 * a layer of --rules replacing what a lower layer defined. The format is
 * in docs/rules.md.
 */
#include "rule.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <yaml.h>

#include "rule_kind.h"
#include "rule_load_keys.h"
#include "lib/strbuf.h"
#include "lib/xalloc.h"
#include "lib/yaml_doc.h"

/* Checks across keys, and compiling, once a rule's mapping is read. Each
 * error points at the value it is about. */
static int finish_rule(struct loader *ld, struct rule *r, yaml_node_t *map)
{
	struct strbuf msg = STRBUF_INIT;
	uint32_t groups = 0;

	if (!r->kind)
		r->kind = rule_kind_find("regex");
	if (r->kind->needs_pattern && !r->pattern)
		return yaml_reader_at(&ld->rd, map,
				      "rule '%s': kind '%s' needs a 'pattern'",
				      r->id, r->kind->name);
	if (r->pattern) {
		/* ^ and $ at every line, wherever a window starts; a
		 * multiline rule's window bounds where its matches start
		 * (an offset limit), not where they end */
		r->re = rule_load_compile_re(
			r->pattern,
			PCRE2_MULTILINE |
				(r->multiline ? PCRE2_USE_OFFSET_LIMIT : 0),
			&msg);
		if (!r->re) {
			yaml_reader_at(&ld->rd,
				       yaml_reader_where(&ld->rd, map,
							 "pattern", 0),
				       "rule '%s': pattern %s", r->id, msg.buf);
			strbuf_release(&msg);
			return -1;
		}
		pcre2_pattern_info(r->re, PCRE2_INFO_CAPTURECOUNT, &groups);
	}
	if (r->secret_group == -2)	/* not given: group 1 if any */
		r->secret_group = groups ? 1 : 0;
	if (r->pattern && r->secret_group > (int)groups)
		return yaml_reader_at(
			&ld->rd,
			yaml_reader_where(&ld->rd, map, "secret_group", 0),
			"rule '%s': "
			"secret_group %d but the pattern has %u groups",
			r->id, r->secret_group, groups);
	if (r->allow.nr)
		r->allow_re = xcalloc(r->allow.nr, sizeof(*r->allow_re));
	for (size_t i = 0; i < r->allow.nr; i++) {
		r->allow_re[i] =
			rule_load_compile_re(r->allow.items[i], 0, &msg);
		if (!r->allow_re[i]) {
			yaml_reader_at(&ld->rd,
				       yaml_reader_where(&ld->rd, map, "allow",
							 i),
				       "rule '%s': allow pattern '%s' %s",
				       r->id, r->allow.items[i], msg.buf);
			strbuf_release(&msg);
			return -1;
		}
	}
	for (size_t i = 0; i < r->keywords.nr; i++)
		if (!r->keywords.items[i][0])
			return yaml_reader_at(
				&ld->rd,
				yaml_reader_where(&ld->rd, map, "keywords", i),
				"rule '%s': empty keyword", r->id);
	if (r->keywords_case && strcmp(r->keywords_case, "sensitive") &&
	    strcmp(r->keywords_case, "insensitive"))
		return yaml_reader_at(
			&ld->rd,
			yaml_reader_where(&ld->rd, map, "keywords_case", 0),
			"rule '%s': "
			"keywords_case is 'sensitive' or 'insensitive', "
			"not '%s'",
			r->id, r->keywords_case);
	r->keywords_exact = r->keywords_case &&
			    !strcmp(r->keywords_case, "sensitive");
	if (r->window && !r->multiline)
		return yaml_reader_at(
			&ld->rd, map,
			"rule '%s': a window is for multiline rules "
			"only",
			r->id);
	if (r->prefilter && (r->keywords.nr || !r->pattern))
		return yaml_reader_at(
			&ld->rd,
			yaml_reader_where(&ld->rd, map, "prefilter", 0),
			"rule '%s': a "
			"prefilter stands in for keywords before a pattern: "
			"give one or the other",
			r->id);
	if (r->kind->prepare && r->kind->prepare(r, ld->rd.e)) {
		char msg[sizeof(ld->rd.e->msg)];

		memcpy(msg, ld->rd.e->msg, sizeof(msg));
		return yaml_reader_at(&ld->rd, map, "rule '%s': %s", r->id,
				      msg);
	}
	return 0;
}

/* Remember where a key's value stands, for errors after loading. */
static void mark(struct loader *ld, yaml_node_t *map, const char *key,
		 unsigned *line, unsigned *col)
{
	yaml_node_t *v = yaml_reader_value(&ld->rd, map, key);

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
	r->file = xstrdup(ld->rd.file);
	r->line = map->start_mark.line + 1;
	r->col = map->start_mark.column + 1;
	snprintf(what, sizeof(what), "rule");
	/* find the id first so every later error can name it */
	if (map->type == YAML_MAPPING_NODE) {
		for (yaml_node_pair_t *p = map->data.mapping.pairs.start;
		     p < map->data.mapping.pairs.top; p++) {
			const char *k = yaml_doc_scalar(
				yaml_reader_node(&ld->rd, p->key));
			const char *v = yaml_doc_scalar(
				yaml_reader_node(&ld->rd, p->value));

			if (k && v && !strcmp(k, "id"))
				snprintf(what, sizeof(what), "rule '%s'", v);
		}
	}
	if (yaml_map_read(&ld->rd, what, rule_fields, r, map, NULL))
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
		yaml_reader_at(
			&ld->rd, map,
			"rule '%s': duplicate id (first defined at %s:%u:%u)",
			r->id, old->file, old->line, old->col);
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

	p->file = xstrdup(ld->rd.file);
	p->line = map->start_mark.line + 1;
	p->col = map->start_mark.column + 1;
	p->layer = rs->layer;
	if (yaml_map_read(&ld->rd, "profile", profile_fields, p, map, NULL)) {
		profile_free(p);
		return -1;
	}
	if (profile_check_params(p, ld->rd.e)) {
		char msg[sizeof(ld->rd.e->msg)];

		memcpy(msg, ld->rd.e->msg, sizeof(msg));
		yaml_reader_at(&ld->rd, map, "profile '%s': %s", p->name, msg);
		profile_free(p);
		return -1;
	}
	for (i = 0; i < rs->nr_profiles; i++)
		if (!strcmp(rs->profiles[i]->name, p->name))
			break;
	if (i < rs->nr_profiles &&
	    (!ld->override || rs->profiles[i]->layer == p->layer)) {
		yaml_reader_at(&ld->rd, map,
			       "profile '%s': duplicate name (first defined at "
			       "%s:%u:%u)",
			       p->name, rs->profiles[i]->file,
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
	int rc = yaml_map_read(&ld->rd, "allowlist", allowlist_fields, a, map,
			       NULL);

	/* one slot per pattern read, NULL until compiled, even when the
	 * mapping had an error after its patterns: release frees by it */
	a->patterns_re = xrealloc(a->patterns_re, (a->patterns.nr + 1) *
				  sizeof(*a->patterns_re));
	for (size_t i = had; i < a->patterns.nr; i++)
		a->patterns_re[i] = NULL;
	if (rc)
		return -1;
	for (size_t i = had; i < a->patterns.nr; i++) {
		a->patterns_re[i] =
			rule_load_compile_re(a->patterns.items[i], 0, &msg);
		if (!a->patterns_re[i]) {
			yaml_reader_at(&ld->rd, map,
				       "allowlist: pattern '%s' %s",
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

	st->file = xstrdup(ld->rd.file);
	st->line = map->start_mark.line + 1;
	st->col = map->start_mark.column + 1;
	st->layer = rs->layer;
	if (yaml_map_read(&ld->rd, "statement", statement_fields, st, map,
			  NULL))
		goto fail;
	if (!st->rules.nr == !st->manual) {
		yaml_reader_at(
			&ld->rd, map,
			"statement '%s': give either 'rules' (the rules "
			"that test it) or 'manual' (how to check it by hand)",
			st->id);
		goto fail;
	}
	old = ruleset_statement(rs, st->id);
	if (old && (!ld->override || old->layer == st->layer)) {
		yaml_reader_at(&ld->rd, map,
			       "statement '%s': duplicate id (first defined at "
			       "%s:%u:%u)",
			       st->id, old->file, old->line, old->col);
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

/* Keep the error just set and go on: the file's other rules are still
 * read, so one run names every mistake in it. */
static void keep_error(struct loader *ld)
{
	err_list_push(&ld->rs->errors, ld->rd.e);
}

static int load_list(struct loader *ld, yaml_node_t *v, const char *key,
		     int (*add)(struct loader *, yaml_node_t *))
{
	if (v->type != YAML_SEQUENCE_NODE)
		return yaml_reader_at(&ld->rd, v, "'%s' must be a list", key);
	for (yaml_node_item_t *it = v->data.sequence.items.start;
	     it < v->data.sequence.items.top; it++)
		if (add(ld, yaml_reader_node(&ld->rd, *it)))
			keep_error(ld); /* that item skipped */
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

	ld->rd.doc = doc;
	root = yaml_document_get_root_node(doc);

	if (!root)
		return 0;	/* an empty file */
	if (root->type != YAML_MAPPING_NODE) {
		yaml_reader_at(&ld->rd, root,
			       "expected a mapping with 'rules', "
			       "'profiles', 'allowlist' or 'guidelines'");
		keep_error(ld);
		return 0;	/* the file's next document is still read */
	}
	for (yaml_node_pair_t *p = root->data.mapping.pairs.start;
	     p < root->data.mapping.pairs.top; p++) {
		yaml_node_t *k = yaml_reader_node(&ld->rd, p->key),
			    *v = yaml_reader_node(&ld->rd, p->value);
		const char *key = yaml_doc_scalar(k);
		size_t i;

		for (i = 0; i < ARRAY_SIZE(sections); i++)
			if (key && !strcmp(key, sections[i].key))
				break;
		if (i == ARRAY_SIZE(sections)) {
			yaml_reader_at(
				&ld->rd, k,
				"unknown top-level key '%s' (known: "
				"rules, profiles, allowlist, guidelines)",
				key ? key : "?");
			keep_error(ld);
		} else if (sections[i].load(ld, v)) {
			keep_error(ld);
		}
	}
	return 0;
}

static int load_buffer(struct ruleset *rs, const char *name,
		       const char *text, size_t len, int override,
		       struct err *e)
{
	struct loader ld = { .rd = { .file = name, .e = e },
			     .rs = rs,
			     .override = override };
	size_t had = rs->errors.nr;

	/* a YAML syntax error ends the file: nothing after it parses */
	if (yaml_doc_each(name, text, len, load_root, &ld, e))
		err_list_push(&rs->errors, e);
	if (rs->errors.nr == had)
		return 0;
	*e = rs->errors.items[had];
	return -1;
}

static int load_file(struct ruleset *rs, const char *path, int override,
		     struct err *e)
{
	struct strbuf sb = STRBUF_INIT;
	int rc;

	if (strbuf_read_file(&sb, path, 16 << 20)) {
		rc = err_set_at(e, path, 0, 0, "cannot read rule file: %s",
				strerror(errno));
		err_list_push(&rs->errors, e);
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

	if (!stat(dir, &st) && !S_ISDIR(st.st_mode))
		return load_file(rs, dir, override, e);
	d = opendir(dir);
	if (!d) {
		rc = err_set_at(e, dir, 0, 0, "cannot read rules: %s",
				strerror(errno));
		err_list_push(&rs->errors, e);
		return rc;
	}
	while ((de = readdir(d)))
		if (de->d_name[0] != '.')
			strlist_push(&names, de->d_name);
	closedir(d);
	if (names.nr > 1)
		qsort(names.items, names.nr, sizeof(char *), cmp_str);
	/* every file is read, whatever the errors of the others */
	for (size_t i = 0; i < names.nr; i++) {
		struct strbuf path = STRBUF_INIT;
		struct err one = ERR_INIT;

		strbuf_addf(&path, "%s/%s", dir, names.items[i]);
		if (!stat(path.buf, &st) && S_ISDIR(st.st_mode)) {
			if (load_dir(rs, path.buf, override, &one) && !rc)
				rc = -1, *e = one;
		} else if (is_yaml(names.items[i])) {
			if (load_file(rs, path.buf, override, &one) && !rc)
				rc = -1, *e = one;
		} else if (override) {
			strlist_push(&rs->ignored, path.buf);
		}
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
