/* repo_config.c - `.authaudit.yaml`: its table of keys, read by
 * lib/yaml_map.c with every error collected; see repo_config.h. */
#include "repo_config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <yaml.h>

#include "core/finding_context.h"
#include "lib/severity.h"
#include "lib/xalloc.h"
#include "lib/yaml_doc.h"
#include "lib/yaml_map.h"
#include "report/report_format.h"

static yaml_set_fn set_version, set_profile, set_rules, set_fail_on, set_format,
	set_contexts;

#define C(f) offsetof(struct repo_config, f)
#define A(f) offsetof(struct repo_allow, f)
static const struct yaml_key allow_keys[] = {
	{ "paths", yaml_set_strlist, A(paths), 0, NULL },
	{ "values", yaml_set_strlist, A(values), 0, NULL },
	{ NULL, NULL, 0, 0, NULL }
};
/* The keys are the command-line options' names with '_' for '-'. */
static const struct yaml_key config_keys[] = {
	{ "version", set_version, C(version), 0, NULL },
	{ "profile", set_profile, C(profile), 0, NULL },
	{ "rules", set_rules, C(rules_dir), 0, NULL },
	{ "exclude", yaml_set_strlist, C(excludes), 0, NULL },
	{ "allow", yaml_set_map, C(allow), 0, allow_keys },
	{ "fail_on", set_fail_on, C(fail_on), 0, NULL },
	{ "format", set_format, C(format), 0, NULL },
	{ "baseline", yaml_set_path, C(baseline), 0, NULL },
	{ "baseline_missing_ok", yaml_set_bool, C(baseline_missing_ok), 0,
	  NULL },
	{ "ignore_file", yaml_set_path, C(ignore_file), 0, NULL },
	{ "contexts", set_contexts, C(contexts), 0, NULL },
	{ NULL, NULL, 0, 0, NULL }
};
#undef A
#undef C

#define AT(base, off, type) ((type *)(void *)((char *)(base) + (off)))

static int set_version(struct yaml_reader *rd, const char *what,
		       const struct yaml_key *k, void *base, yaml_node_t *v)
{
	const char *s = yaml_doc_scalar(v);

	if (!s || strcmp(s, "1"))
		return yaml_reader_at(rd, v, "%s: '%s' is 1 (the only "
				      "version so far), not '%s'", what,
				      k->name, s ? s : "a list");
	*AT(base, k->off, long) = 1;
	return 0;
}

static int set_profile(struct yaml_reader *rd, const char *what,
		       const struct yaml_key *k, void *base, yaml_node_t *v)
{
	struct repo_config *c = base;

	if (yaml_set_string(rd, what, k, base, v))
		return -1;
	c->profile_line = (unsigned)v->start_mark.line + 1;
	c->profile_col = (unsigned)v->start_mark.column + 1;
	return 0;
}

static int set_rules(struct yaml_reader *rd, const char *what,
		     const struct yaml_key *k, void *base, yaml_node_t *v)
{
	struct repo_config *c = base;

	if (yaml_set_path(rd, what, k, base, v))
		return -1;
	c->rules_line = (unsigned)v->start_mark.line + 1;
	c->rules_col = (unsigned)v->start_mark.column + 1;
	return 0;
}

static int set_fail_on(struct yaml_reader *rd, const char *what,
		       const struct yaml_key *k, void *base, yaml_node_t *v)
{
	const char *s = yaml_doc_scalar(v);
	enum severity sev;

	if (!s || severity_gate_parse(s, &sev))
		return yaml_reader_at(rd, v, "%s: '%s' is one of info, low, "
				      "medium, high, critical, never; not "
				      "'%s'", what, k->name, s ? s : "a list");
	return yaml_set_string(rd, what, k, base, v);
}

/* One format or a list of them: stored as the --format text, "a,b". */
static int set_format(struct yaml_reader *rd, const char *what,
		      const struct yaml_key *k, void *base, yaml_node_t *v)
{
	const struct report_format *fmts[REPORT_FORMATS_MAX];
	struct strlist names = { 0 };
	struct strbuf text = STRBUF_INIT;
	struct yaml_key as_list = *k;
	struct err fe = ERR_INIT;
	size_t nr;
	int rc;

	as_list.off = 0;
	if (yaml_set_strlist(rd, what, &as_list, &names, v)) {
		strlist_release(&names);
		return -1;
	}
	for (size_t i = 0; i < names.nr; i++)
		strbuf_addf(&text, "%s%s", i ? "," : "", names.items[i]);
	rc = report_formats_parse(text.buf, fmts, &nr, &fe);
	if (rc)
		yaml_reader_at(rd, v, "%s: '%s': %s", what, k->name, fe.msg);
	else if (nr > 1)
		rc = yaml_reader_at(rd, v, "%s: '%s' names %zu formats; the "
				    "config holds one (several need "
				    "--output-dir on the command line)",
				    what, k->name, nr);
	if (!rc) {
		free(*AT(base, k->off, char *));
		*AT(base, k->off, char *) = strbuf_detach(&text, NULL);
	}
	strbuf_release(&text);
	strlist_release(&names);
	return rc;
}

static int context_name_ok(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && *s != '-' && *s != '_')
			return 0;
	return 1;
}

/* contexts: NAME: GLOB or [GLOB...], each kept as "NAME=GLOB". */
static int set_contexts(struct yaml_reader *rd, const char *what,
			const struct yaml_key *k, void *base, yaml_node_t *v)
{
	struct strlist *l = AT(base, k->off, struct strlist);

	if (v->type != YAML_MAPPING_NODE)
		return yaml_reader_at(rd, v, "%s: '%s' maps a context name "
				      "to path globs (test: [\"tests/**\"])",
				      what, k->name);
	for (yaml_node_pair_t *p = v->data.mapping.pairs.start;
	     p < v->data.mapping.pairs.top; p++) {
		yaml_node_t *kn = yaml_reader_node(rd, p->key),
			    *vn = yaml_reader_node(rd, p->value);
		const char *name = yaml_doc_scalar(kn);
		struct yaml_key one = { "contexts", yaml_set_strlist, 0, 0,
					NULL };
		struct strlist globs = { 0 };
		int rc;

		enum finding_context ctx;

		if (!name || !context_name_ok(name))
			return yaml_reader_at(rd, kn, "%s: a context name is "
					      "a word (letters, digits, - "
					      "and _), not '%s'", what,
					      name ? name : "a list");
		if (finding_context_parse(name, &ctx))
			return yaml_reader_at(rd, kn, "%s: unknown context "
					      "'%s' (known: production, test, "
					      "example, docs)", what, name);
		name = finding_context_name(ctx);
		rc = yaml_set_strlist(rd, what, &one, &globs, vn);
		for (size_t i = 0; !rc && i < globs.nr; i++) {
			struct strbuf sb = STRBUF_INIT;

			if (!*globs.items[i]) {
				rc = yaml_reader_at(rd, vn, "%s: context '%s' "
						    "has an empty glob", what,
						    name);
				break;
			}
			strbuf_addf(&sb, "%s=%s", name, globs.items[i]);
			strlist_push(l, sb.buf);
			strbuf_release(&sb);
		}
		strlist_release(&globs);
		if (rc)
			return -1;
	}
	return 0;
}

int repo_config_load(struct repo_config *c, const char *path,
		     struct err_list *errors)
{
	struct strbuf dir = STRBUF_INIT;
	struct err e = ERR_INIT;
	yaml_document_t doc;
	struct yaml_reader rd = { .doc = &doc, .file = path, .e = &e,
				  .errors = errors };
	yaml_node_t *root;
	size_t before = errors->nr;

	memset(c, 0, sizeof(*c));
	c->file = xstrdup(path);
	if (yaml_doc_load_file(&doc, path, "repository config", &dir, &e)) {
		err_list_push(errors, &e);
		return -1;
	}
	rd.dir = dir.buf;
	root = yaml_document_get_root_node(&doc);
	/* an empty file is a config that changes nothing */
	if (root && !(root->type == YAML_SCALAR_NODE &&
		      !*yaml_doc_scalar(root)))
		yaml_map_read(&rd, "the repository config", config_keys, c,
			      root, NULL);
	yaml_document_delete(&doc);
	strbuf_release(&dir);
	return errors->nr > before ? -1 : 0;
}

int repo_config_find(const char *root, struct strbuf *path)
{
	struct stat st;

	if (stat(root, &st) || !S_ISDIR(st.st_mode))
		return 0;
	strbuf_reset(path);
	strbuf_addstr(path, root);
	if (path->len && path->buf[path->len - 1] != '/')
		strbuf_addch(path, '/');
	strbuf_addstr(path, REPO_CONFIG_NAME);
	return !stat(path->buf, &st) && S_ISREG(st.st_mode);
}

void repo_config_apply(const struct repo_config *c, struct common_opts *o,
		       struct strlist *excludes)
{
	if (c->profile)
		o->profile = c->profile;
	if (c->rules_dir)
		strlist_push(&o->rules_dirs, c->rules_dir);
	if (c->fail_on)
		severity_gate_parse(c->fail_on, &o->fail_on);
	if (c->format)
		o->format = c->format;
	if (c->baseline)
		o->baseline = c->baseline;
	if (c->baseline_missing_ok)
		o->baseline_missing_ok = 1;
	if (c->ignore_file)
		o->ignore_file = c->ignore_file;
	if (c->allow.paths.nr)
		o->allow_paths = &c->allow.paths;
	if (c->allow.values.nr)
		o->allow_values = &c->allow.values;
	for (size_t i = 0; i < c->contexts.nr; i++)
		strlist_push(&o->contexts, c->contexts.items[i]);
	for (size_t i = 0; excludes && i < c->excludes.nr; i++)
		strlist_push(excludes, c->excludes.items[i]);
}

void repo_config_release(struct repo_config *c)
{
	free(c->file);
	free(c->profile);
	free(c->rules_dir);
	strlist_release(&c->excludes);
	strlist_release(&c->allow.paths);
	strlist_release(&c->allow.values);
	free(c->fail_on);
	free(c->format);
	free(c->baseline);
	free(c->ignore_file);
	strlist_release(&c->contexts);
	memset(c, 0, sizeof(*c));
}

const char repo_config_template[] =
	"# .authaudit.yaml - authaudit's settings for this repository, read\n"
	"# by `authaudit scan` from the root it scans (docs/config.md). An\n"
	"# option on the command line wins over its key here; list keys\n"
	"# (exclude, rules) add to the command line's. Paths are relative\n"
	"# to this file. `authaudit config check` validates it.\n"
	"version: 1\n"
	"\n"
	"# vendor profile (authaudit rules profiles)\n"
	"# profile: default\n"
	"\n"
	"# a folder of the team's own rule files, loaded after the built-in\n"
	"# rules (same ids override)\n"
	"# rules: authaudit-rules\n"
	"\n"
	"# paths never scanned (globs, as --exclude)\n"
	"# exclude:\n"
	"#   - vendor/**\n"
	"#   - \"*.min.js\"\n"
	"\n"
	"# findings never reported: in these paths, or of these values\n"
	"# allow:\n"
	"#   paths:\n"
	"#     - examples/fake-credentials.env\n"
	"#   values:\n"
	"#     - not-a-real-key-0000\n"
	"\n"
	"# exit 1 on findings at or above this severity (never: report only)\n"
	"# fail_on: medium\n"
	"\n"
	"# report format: text, json, sarif, junit, markdown, html\n"
	"# format: text\n"
	"\n"
	"# findings already accepted; a missing file is empty on a first run\n"
	"# baseline: authaudit-baseline.json\n"
	"# baseline_missing_ok: true\n"
	"\n"
	"# fingerprints of reviewed findings, one a line\n"
	"# ignore_file: .authauditignore\n"
	"\n"
	"# where findings are in tests or docs rather than in the product\n"
	"# contexts:\n"
	"#   test: [\"tests/**\", \"**/*_test.go\"]\n"
	"#   docs: [\"docs/**\", \"*.md\"]\n";
