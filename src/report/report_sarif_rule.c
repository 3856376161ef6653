/* report_sarif_rule.c - SARIF rule descriptors (reportingDescriptor): which
 * rules a run used, and for each its help: the guideline sentence it
 * enforces and the catalogue statements that list it (compliance.h). */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compliance.h"
#include "report_json.h"
#include "report_sarif.h"
#include "core/rule.h"
#include "core/rule_kind.h"
#include "lib/escape.h"
#include "lib/strbuf.h"
#include "lib/xalloc.h"

size_t sarif_rules_index(const struct sarif_rules *u,
			 const struct rule *rule)
{
	if (u->rs && rule->index < u->rs->nr &&
	    u->rs->rules[rule->index] == rule)
		return u->pos[rule->index];
	/* a rule from elsewhere (tests, a report read back) */
	for (size_t i = 0; i < u->nr; i++)
		if (u->rules[i] == rule)
			return i;
	return SIZE_MAX;
}

static void add(struct sarif_rules *u, const struct rule *rule)
{
	if (u->rs && rule->index < u->rs->nr &&
	    u->rs->rules[rule->index] == rule)
		u->pos[rule->index] = u->nr;
	ALLOC_GROW(u->rules, u->nr, u->alloc);
	u->rules[u->nr++] = rule;
}

/* Did rule run against any target of r? */
static int used(const struct report *r, const struct rule *rule)
{
	for (size_t t = 0; t < r->nr_targets; t++)
		if (report_rule_ran(r, rule, t))
			return 1;
	return 0;
}

void sarif_rules_collect(const struct report *r, struct sarif_rules *u)
{
	const struct ruleset *rs = r->rules;

	memset(u, 0, sizeof(*u));
	u->rs = rs;
	if (rs) {
		u->pos = xmalloc((rs->nr + 1) * sizeof(*u->pos));
		for (size_t i = 0; i < rs->nr; i++)
			u->pos[i] = SIZE_MAX;
		for (size_t i = 0; i < rs->nr; i++)
			if (used(r, rs->rules[i]))
				add(u, rs->rules[i]);
	}
	for (size_t i = 0; i < r->findings.nr; i++) {
		const struct rule *rule = r->findings.items[i].rule;

		if (sarif_rules_index(u, rule) == SIZE_MAX)
			add(u, rule);
	}
}

void sarif_rules_release(struct sarif_rules *u)
{
	free(u->rules);
	free(u->pos);
	memset(u, 0, sizeof(*u));
}

/* GitHub's numeric security-severity (CVSS-like), from our scale. */
static const char *security_severity(enum severity s)
{
	static const char *const v[SEV__COUNT] = {
		"1.0", "3.0", "5.5", "8.0", "9.5"
	};

	return v[s];
}

/* GitHub's precision, from the rule's confidence. */
static const char *precision(enum confidence c)
{
	static const char *const v[CONF__COUNT] = { "low", "medium", "high" };

	return (unsigned)c < CONF__COUNT ? v[c] : "medium";
}

/* "transport.tls-verify.python" -> "TransportTlsVerifyPython": SARIF's
 * name is a readable identifier without spaces, beside the opaque id. */
static void pascal_name(const char *id, struct strbuf *out)
{
	int word = 1;

	for (const unsigned char *p = (const unsigned char *)id; *p; p++) {
		if (!isalnum(*p) || *p >= 0x80) {
			word = 1;
			continue;
		}
		strbuf_addch(out, word ? toupper(*p) : *p);
		word = 0;
	}
	if (!out->len)
		strbuf_addstr(out, id);
}

/* A rule citing a CWE page: "external/cwe/cwe-798", the tag GitHub
 * shows as the CWE. */
static void cwe_tag(const struct guideline *g, json_t *tags)
{
	const char *p = g->doc ? strstr(g->doc, "cwe.mitre.org/data/"
					"definitions/") : NULL;
	struct strbuf tag = STRBUF_INIT;

	if (!p)
		return;
	p += strlen("cwe.mitre.org/data/definitions/");
	strbuf_addstr(&tag, "external/cwe/cwe-");
	while (isdigit((unsigned char)*p))
		strbuf_addch(&tag, *p++);
	if (tag.len > strlen("external/cwe/cwe-"))
		json_array_append_new(tags, json_string(tag.buf));
	strbuf_release(&tag);
}

struct help {
	struct strbuf text;
	FILE *md;		/* NULL: no markdown (memory) */
	char *md_buf;
	size_t md_len;
};

static void help_guideline(struct help *h, const struct ruleset *rs,
			   const struct guideline *g)
{
	const char *title = guideline_doc_title(rs, g);

	strbuf_addstr(&h->text, "Guideline: ");
	if (title)
		strbuf_addf(&h->text, "%s (%s)", title, g->doc);
	else
		strbuf_addstr(&h->text, g->doc ? g->doc : "-");
	if (g->section)
		strbuf_addf(&h->text, ", section \"%s\"", g->section);
	strbuf_addf(&h->text, ":\n\"%s\"\n", g->quote ? g->quote : "");
	if (!h->md)
		return;
	fputs("**Guideline:** ", h->md);
	if (title) {
		escape_md(h->md, title);
		fputs(" (", h->md);
		escape_md(h->md, g->doc);
		fputs(")", h->md);
	} else {
		escape_md(h->md, g->doc ? g->doc : "-");
	}
	if (g->section) {
		fputs(", section *", h->md);
		escape_md(h->md, g->section);
		fputs("*", h->md);
	}
	fputs("\n\n> ", h->md);
	escape_md(h->md, g->quote);
	fputs("\n", h->md);
}

static void help_statements(struct help *h, const struct statement **st,
			    size_t n)
{
	if (!n)
		return;
	strbuf_addstr(&h->text, "\nStatements of the guideline catalogue "
		      "this rule tests:\n");
	if (h->md)
		fputs("\n**Statements of the guideline catalogue this rule "
		      "tests:**\n\n", h->md);
	for (size_t i = 0; i < n; i++) {
		strbuf_addf(&h->text, "- %s: %s\n", st[i]->id, st[i]->title);
		if (!h->md)
			continue;
		fputs("- **", h->md);
		escape_md(h->md, st[i]->id);
		fputs("**: ", h->md);
		escape_md(h->md, st[i]->title);
		fputc('\n', h->md);
	}
}

/* help.text and help.markdown: what the rule looks for, the guideline
 * sentence, and the catalogue statements that list the rule. */
static json_t *help_json(const struct report *r, const struct rule *rule,
			 const struct statement **st, size_t nr_st)
{
	json_t *o = json_object();
	struct help h = { STRBUF_INIT, NULL, NULL, 0 };
	const char *about = rule->description ? rule->description :
			    rule->title;

	h.md = open_memstream(&h.md_buf, &h.md_len);
	strbuf_addf(&h.text, "%s\n\n", about);
	if (h.md) {
		escape_md(h.md, about);
		fputs("\n\n", h.md);
	}
	help_guideline(&h, r->rules, &rule->guideline);
	help_statements(&h, st, nr_st);
	sarif_set_str(o, "text", h.text.buf);
	if (h.md && !fclose(h.md))
		sarif_set_str(o, "markdown", h.md_buf);
	free(h.md_buf);
	strbuf_release(&h.text);
	return o;
}

json_t *sarif_rule_json(const struct report *r, const struct rule *rule)
{
	json_t *o = json_object(), *cfg = json_object();
	json_t *props = json_object();
	json_t *tags = json_array();
	struct strbuf name = STRBUF_INIT;
	const struct statement **st = NULL;
	const char *doc = rule->guideline.doc;
	size_t nr_st = 0;

	if (r->rules) {
		nr_st = compliance_statements_of(r->rules, rule, NULL, 0);
		st = xcalloc(nr_st + 1, sizeof(*st));
		compliance_statements_of(r->rules, rule, st, nr_st);
	}
	pascal_name(rule->id, &name);
	sarif_set_str(o, "id", rule->id);
	sarif_set_str(o, "name", name.buf);
	json_object_set_new(o, "shortDescription", sarif_text(rule->title));
	json_object_set_new(o, "fullDescription", sarif_text(
		rule->description ? rule->description : rule->title));
	json_object_set_new(o, "help", help_json(r, rule, st, nr_st));
	if (doc && (!strncmp(doc, "https://", 8) ||
		    !strncmp(doc, "http://", 7)))
		sarif_set_str(o, "helpUri", doc);
	sarif_set_str(cfg, "level", sarif_level(rule->severity));
	json_object_set_new(o, "defaultConfiguration", cfg);
	json_array_append_new(tags, json_string("security"));
	if (rule->category)
		json_array_append_new(tags, json_text(rule->category));
	cwe_tag(&rule->guideline, tags);
	for (size_t i = 0; i < nr_st; i++)
		json_array_append_new(tags, json_text(st[i]->id));
	json_object_set_new(props, "tags", tags);
	sarif_set_str(props, "security-severity",
		      security_severity(rule->severity));
	sarif_set_str(props, "precision", precision(rule->confidence));
	sarif_set_str(props, "category", rule->category);
	json_object_set_new(o, "properties", props);
	strbuf_release(&name);
	free(st);
	return o;
}
