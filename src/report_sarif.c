/* report_sarif.c - the report as SARIF 2.1.0, for code-scanning services
 * (GitHub, GitLab, Azure DevOps). One run; the rules that have results;
 * locations relative to the repository (%SRCROOT%) or the endpoint's URL;
 * partialFingerprints from our fingerprint, so a finding keeps its
 * identity when code moves. Secrets are redacted unless --show-secrets. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "redact.h"
#include "report.h"
#include "report_json.h"
#include "rule.h"
#include "strbuf.h"
#include "xalloc.h"

#define SARIF_SCHEMA "https://json.schemastore.org/sarif-2.1.0.json"
#define INFO_URI "https://github.com/authaudit/authaudit"

/* json_text: bytes that are not UTF-8 are kept as \xHH, never dropped */
static void set_str(json_t *o, const char *k, const char *v)
{
	if (v)
		json_object_set_new(o, k, json_text(v));
}

static json_t *text(const char *s)
{
	json_t *o = json_object();

	set_str(o, "text", s);
	return o;
}

/* SARIF has three levels that fail a check: critical and high are errors,
 * medium a warning, low and info notes. */
static const char *level(enum severity s)
{
	return s >= SEV_HIGH ? "error" : s == SEV_MEDIUM ? "warning" : "note";
}

/* GitHub's numeric security-severity (CVSS-like), from our scale. */
static const char *security_severity(enum severity s)
{
	static const char *const v[SEV__COUNT] = {
		"1.0", "3.0", "5.5", "8.0", "9.5"
	};

	return v[s];
}

static json_t *rule_json(const struct rule *r)
{
	json_t *o = json_object(), *cfg = json_object(), *props = json_object();
	json_t *tags = json_array();
	struct strbuf help = STRBUF_INIT;

	set_str(o, "id", r->id);
	set_str(o, "name", r->id);
	json_object_set_new(o, "shortDescription", text(r->title));
	json_object_set_new(o, "fullDescription",
			    text(r->description ? r->description : r->title));
	strbuf_addf(&help, "Guideline: %s%s%s: \"%s\"", r->guideline.doc,
		    r->guideline.section ? ", " : "",
		    r->guideline.section ? r->guideline.section : "",
		    r->guideline.quote);
	json_object_set_new(o, "help", text(help.buf));
	set_str(cfg, "level", level(r->severity));
	json_object_set_new(o, "defaultConfiguration", cfg);
	json_array_append_new(tags, json_string("security"));
	json_array_append_new(tags, json_string(r->category));
	json_object_set_new(props, "tags", tags);
	set_str(props, "security-severity", security_severity(r->severity));
	set_str(props, "category", r->category);
	json_object_set_new(o, "properties", props);
	strbuf_release(&help);
	return o;
}

/* The repository-relative path as a URI reference: root/path when the
 * scan was given a root other than ".", percent-encoded. */
static json_t *artifact(const struct finding *f)
{
	json_t *a = json_object();
	struct strbuf uri = STRBUF_INIT, raw = STRBUF_INIT;

	if (!f->path) {
		set_str(a, "uri", f->url ? f->url : "");
		return a;
	}
	if (f->root && strcmp(f->root, "."))
		strbuf_addf(&raw, "%s%s", f->root,
			    f->root[strlen(f->root) - 1] == '/' ? "" : "/");
	strbuf_addstr(&raw, f->path);
	/* "./x" and absolute roots: SRCROOT-relative only for relative
	 * paths; an absolute one is a file:// URI */
	if (raw.buf[0] == '/') {
		strbuf_addstr(&uri, "file://");
		escape_uri_path(&uri, raw.buf);
	} else {
		escape_uri_path(&uri, raw.buf[0] == '.' && raw.buf[1] == '/' ?
				raw.buf + 2 : raw.buf);
		set_str(a, "uriBaseId", "%SRCROOT%");
	}
	set_str(a, "uri", uri.buf);
	strbuf_release(&uri);
	strbuf_release(&raw);
	return a;
}

static json_t *location(const struct finding *f)
{
	json_t *loc = json_object(), *phys = json_object();

	json_object_set_new(phys, "artifactLocation", artifact(f));
	if (f->path && f->line) {
		json_t *region = json_object();

		json_object_set_new(region, "startLine",
				    json_integer(f->line));
		if (f->column)
			json_object_set_new(region, "startColumn",
					    json_integer(f->column));
		json_object_set_new(phys, "region", region);
	}
	json_object_set_new(loc, "physicalLocation", phys);
	return loc;
}

static json_t *result_json(const struct report *r, const struct finding *f,
			   size_t rule_index, struct strbuf *tmp)
{
	json_t *o = json_object(), *locs = json_array(), *fp = json_object();
	json_t *props = json_object();
	const char *secret = report_secret_text(r, f, tmp);
	struct strbuf msg = STRBUF_INIT;

	set_str(o, "ruleId", f->rule->id);
	json_object_set_new(o, "ruleIndex", json_integer((json_int_t)
							 rule_index));
	set_str(o, "level", level(f->severity));
	strbuf_addstr(&msg, f->message);
	if (secret)
		strbuf_addf(&msg, " (secret: %s)", secret);
	json_object_set_new(o, "message", text(msg.buf));
	json_array_append_new(locs, location(f));
	json_object_set_new(o, "locations", locs);
	set_str(fp, "authaudit/v1", f->fingerprint);
	json_object_set_new(o, "partialFingerprints", fp);
	set_str(props, "severity", severity_name(f->severity));
	set_str(props, "confidence", confidence_name(f->confidence));
	set_str(props, "evidence", f->evidence);
	if (f->secret_sha256[0])
		set_str(props, "secretSha256", f->secret_sha256);
	json_object_set_new(o, "properties", props);
	strbuf_release(&msg);
	return o;
}

static json_t *invocation(const struct report *r)
{
	json_t *o = json_object(), *notes = json_array();
	char start[40], end[40];

	iso8601_ms(&r->start, start, sizeof(start));
	iso8601_ms(&r->end, end, sizeof(end));
	json_object_set_new(o, "executionSuccessful", json_true());
	set_str(o, "startTimeUtc", start);
	set_str(o, "endTimeUtc", end);
	for (size_t i = 0; i < r->nr_notices; i++) {
		json_t *n = json_object();
		struct strbuf sb = STRBUF_INIT;

		strbuf_addf(&sb, "%s: %s", r->notices[i].where,
			    r->notices[i].message);
		set_str(n, "level", "warning");
		json_object_set_new(n, "message", text(sb.buf));
		json_array_append_new(notes, n);
		strbuf_release(&sb);
	}
	json_object_set_new(o, "toolExecutionNotifications", notes);
	return o;
}

int report_write_sarif(FILE *out, const struct report *r, struct err *e)
{
	json_t *root = json_object(), *runs = json_array(), *run = json_object();
	json_t *tool = json_object(), *driver = json_object();
	json_t *rules = json_array(), *results = json_array();
	json_t *invs = json_array();
	const struct rule **seen = xcalloc(r->findings.nr + 1, sizeof(*seen));
	struct strbuf tmp = STRBUF_INIT;
	size_t nr_seen = 0;
	int rc;

	set_str(root, "$schema", SARIF_SCHEMA);
	set_str(root, "version", "2.1.0");
	set_str(driver, "name", "authaudit");
	set_str(driver, "version", AUTHAUDIT_VERSION);
	set_str(driver, "semanticVersion", AUTHAUDIT_VERSION);
	set_str(driver, "informationUri", INFO_URI);
	/* findings are sorted; each rule is listed at its first result */
	for (size_t i = 0; i < r->findings.nr; i++) {
		const struct finding *f = &r->findings.items[i];
		size_t k;

		for (k = 0; k < nr_seen && seen[k] != f->rule; k++)
			;
		if (k == nr_seen) {
			seen[nr_seen++] = f->rule;
			json_array_append_new(rules, rule_json(f->rule));
		}
		json_array_append_new(results, result_json(r, f, k, &tmp));
	}
	json_object_set_new(driver, "rules", rules);
	json_object_set_new(tool, "driver", driver);
	json_object_set_new(run, "tool", tool);
	json_array_append_new(invs, invocation(r));
	json_object_set_new(run, "invocations", invs);
	set_str(run, "columnKind", "unicodeCodePoints");
	json_object_set_new(run, "results", results);
	json_array_append_new(runs, run);
	json_object_set_new(root, "runs", runs);
	rc = json_dumpf(root, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	fputc('\n', out);
	json_decref(root);
	free(seen);
	strbuf_release(&tmp);
	return rc ? err_set(e, "cannot write the SARIF report") : 0;
}
