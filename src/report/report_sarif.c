/* report_sarif.c - the report as SARIF 2.1.0, for code-scanning services
 * (GitHub, GitLab, Azure DevOps). One run: a descriptor for every rule the
 * run used (report_sarif_rule.c), results with locations relative to the
 * directory authaudit ran in (%SRCROOT%) or the endpoint's URL, and
 * partialFingerprints from our fingerprint, so a finding keeps its
 * identity when code moves. Secrets are redacted unless --show-secrets. */
#include <jansson.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "report_format.h"
#include "report_json.h"
#include "report_sarif.h"
#include "core/redact.h"
#include "core/report.h"
#include "core/rule.h"
#include "lib/escape.h"
#include "lib/strbuf.h"
#include "lib/xalloc.h"

#define SARIF_SCHEMA "https://json.schemastore.org/sarif-2.1.0.json"
#define INFO_URI "https://github.com/authaudit/authaudit"
#define ENDPOINT_BASE "ENDPOINT"

/* The directory the paths of findings are relative to, as a file URI
 * ending in '/' (for originalUriBaseIds), and as a path; "" when the
 * working directory cannot be named. */
struct srcroot {
	char dir[PATH_MAX];
	struct strbuf uri;
};

static void srcroot_init(struct srcroot *s)
{
	strbuf_init(&s->uri, 0);
	if (!getcwd(s->dir, sizeof(s->dir)) || s->dir[0] != '/') {
		s->dir[0] = '\0';
		return;
	}
	strbuf_addstr(&s->uri, "file://");
	escape_uri_path(&s->uri, s->dir);
	if (s->uri.buf[s->uri.len - 1] != '/')
		strbuf_addch(&s->uri, '/');
}

/* An absolute path below the working directory, relative to it; else
 * NULL. */
static const char *below(const struct srcroot *s, const char *path)
{
	size_t n = strlen(s->dir);

	if (!n || strncmp(path, s->dir, n))
		return NULL;
	if (n == 1)			/* ran in "/" */
		return path + 1;
	return path[n] == '/' ? path + n + 1 : NULL;
}

/* An endpoint finding's URL as a relative path: "https://h:8443/v1" ->
 * "https/h%3A8443/v1". GitHub code scanning takes only repository paths
 * (an https: location fails the whole upload, a location without a
 * physical one too), so this stands in under the ENDPOINT base, and the
 * URL itself is the logical location. */
static void endpoint_path(const char *url, struct strbuf *uri)
{
	const char *sep = strstr(url, "://");

	if (sep && sep > url) {
		char *scheme = xstrndup(url, (size_t)(sep - url));

		escape_uri_path(uri, scheme);
		strbuf_addch(uri, '/');
		free(scheme);
		url = sep + 3;
	}
	escape_uri_path(uri, url);
}

/* The file as a URI reference: root/path (no root for "." or a file given
 * directly), percent-encoded, relative to %SRCROOT% when it is below the
 * working directory, else an absolute file:// URI. */
static json_t *artifact(const struct srcroot *s, const struct finding *f)
{
	json_t *a = json_object();
	struct strbuf uri = STRBUF_INIT, raw = STRBUF_INIT;
	const char *rel = NULL;

	if (!f->path) {
		endpoint_path(f->url ? f->url : "-", &uri);
		sarif_set_str(a, "uri", uri.buf);
		sarif_set_str(a, "uriBaseId", ENDPOINT_BASE);
		strbuf_release(&uri);
		return a;
	}
	report_file_path(f->root, f->path, &raw);
	if (raw.buf[0] != '/')
		rel = raw.buf;
	else
		rel = below(s, raw.buf);
	while (rel && rel[0] == '.' && rel[1] == '/')
		for (rel += 2; *rel == '/'; rel++)
			;
	if (rel) {
		escape_uri_path(&uri, rel);
		sarif_set_str(a, "uriBaseId", "%SRCROOT%");
	} else {
		strbuf_addstr(&uri, "file://");
		escape_uri_path(&uri, raw.buf);
	}
	sarif_set_str(a, "uri", uri.buf);
	strbuf_release(&uri);
	strbuf_release(&raw);
	return a;
}

static json_t *location(const struct srcroot *s, const struct finding *f)
{
	json_t *loc = json_object(), *phys = json_object();

	json_object_set_new(phys, "artifactLocation", artifact(s, f));
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
	if (!f->path && f->url) {
		json_t *logs = json_array(), *lg = json_object();

		sarif_set_str(lg, "fullyQualifiedName", f->url);
		sarif_set_str(lg, "kind", "resource");
		json_array_append_new(logs, lg);
		json_object_set_new(loc, "logicalLocations", logs);
	}
	return loc;
}

static json_t *result_json(const struct report *r, const struct srcroot *s,
			   const struct finding *f, size_t rule_index,
			   struct strbuf *tmp)
{
	json_t *o = json_object(), *locs = json_array(), *fp = json_object();
	json_t *props = json_object();
	const char *secret = report_secret_text(r, f, tmp);
	struct strbuf msg = STRBUF_INIT;

	sarif_set_str(o, "ruleId", f->rule->id);
	json_object_set_new(o, "ruleIndex", json_integer((json_int_t)
							 rule_index));
	sarif_set_str(o, "level", sarif_level(f->severity));
	strbuf_addstr(&msg, f->message);
	if (secret)
		strbuf_addf(&msg, " (secret: %s)", secret);
	json_object_set_new(o, "message", sarif_text(msg.buf));
	json_array_append_new(locs, location(s, f));
	json_object_set_new(o, "locations", locs);
	sarif_set_str(fp, "authaudit/v2", f->fingerprint);
	json_object_set_new(o, "partialFingerprints", fp);
	/* audits: against the previous run */
	if (f->change != CHANGE_NONE)
		sarif_set_str(o, "baselineState", f->change == CHANGE_NEW ?
			      "new" : "unchanged");
	sarif_set_str(props, "severity", severity_name(f->severity));
	sarif_set_str(props, "confidence", confidence_name(f->confidence));
	sarif_set_str(props, "evidence", f->evidence);
	if (f->path)
		sarif_set_str(props, "context",
			      finding_context_name(f->context));
	if (f->secret_sha256[0])
		sarif_set_str(props, "secretHmacSha256", f->secret_sha256);
	if (f->commit) {
		char date[40];

		finding_commit_date(f->commit, 1, date, sizeof(date));
		sarif_set_str(props, "commit", f->commit->id);
		sarif_set_str(props, "commitAuthor", f->commit->author);
		sarif_set_str(props, "commitEmail", f->commit->email);
		sarif_set_str(props, "commitDate", date);
	}
	sarif_set_str(props, "presence", finding_presence_name(f->presence));
	json_object_set_new(o, "properties", props);
	strbuf_release(&msg);
	return o;
}

static json_t *invocation(const struct report *r, const struct srcroot *s)
{
	json_t *o = json_object(), *notes = json_array();
	char start[40], end[40];

	iso8601_ms(&r->start, start, sizeof(start));
	iso8601_ms(&r->end, end, sizeof(end));
	json_object_set_new(o, "executionSuccessful", json_true());
	sarif_set_str(o, "startTimeUtc", start);
	sarif_set_str(o, "endTimeUtc", end);
	/* GitHub's source root for absolute file URIs */
	if (s->uri.len) {
		json_t *wd = json_object();

		sarif_set_str(wd, "uri", s->uri.buf);
		json_object_set_new(o, "workingDirectory", wd);
	}
	for (size_t i = 0; i < r->nr_notices; i++) {
		json_t *n = json_object();
		struct strbuf sb = STRBUF_INIT;

		strbuf_addf(&sb, "%s: %s", r->notices[i].where,
			    r->notices[i].message);
		sarif_set_str(n, "level", "warning");
		json_object_set_new(n, "message", sarif_text(sb.buf));
		json_array_append_new(notes, n);
		strbuf_release(&sb);
	}
	json_object_set_new(o, "toolExecutionNotifications", notes);
	return o;
}

/* %SRCROOT%, the directory authaudit ran in; ENDPOINT when a finding is
 * about an endpoint (see endpoint_path). */
static json_t *bases(const struct report *r, const struct srcroot *s)
{
	json_t *o = json_object(), *src = json_object();

	if (s->uri.len)
		sarif_set_str(src, "uri", s->uri.buf);
	json_object_set_new(src, "description", sarif_text(
		"the directory authaudit ran in"));
	json_object_set_new(o, "%SRCROOT%", src);
	for (size_t i = 0; i < r->findings.nr; i++)
		if (!r->findings.items[i].path) {
			json_object_set_new(o, ENDPOINT_BASE, json_pack(
				"{s:{s:s}}", "description", "text",
				"endpoint findings: the URL without ://, as a "
				"path (scheme/host%3Aport/path); the URL is "
				"the logical location"));
			break;
		}
	return o;
}

/* History scans: the repository and the commit HEAD named, so a code
 * scanning service knows which revision the run saw. */
static json_t *provenance(const struct report_history *h)
{
	json_t *a = json_array(), *vc = json_object();
	struct strbuf uri = STRBUF_INIT;

	strbuf_addstr(&uri, "file://");
	escape_uri_path(&uri, h->repository ? h->repository : "/");
	if (uri.buf[uri.len - 1] != '/')
		strbuf_addch(&uri, '/');
	sarif_set_str(vc, "repositoryUri", uri.buf);
	sarif_set_str(vc, "revisionId", h->head);
	sarif_set_str(vc, "branch", h->branch);
	json_array_append_new(a, vc);
	strbuf_release(&uri);
	return a;
}

static json_t *driver_json(const struct sarif_rules *used,
			   const struct report *r)
{
	json_t *driver = json_object(), *rules = json_array();

	sarif_set_str(driver, "name", "authaudit");
	sarif_set_str(driver, "version", AUTHAUDIT_VERSION);
	sarif_set_str(driver, "semanticVersion", AUTHAUDIT_VERSION);
	sarif_set_str(driver, "informationUri", INFO_URI);
	for (size_t i = 0; i < used->nr; i++)
		json_array_append_new(rules, sarif_rule_json(r,
							     used->rules[i]));
	json_object_set_new(driver, "rules", rules);
	return driver;
}

int report_view_sarif(FILE *out, const struct report_view *v, struct err *e)
{
	const struct report *r = v->r;
	json_t *root = json_object(), *runs = json_array();
	json_t *run = json_object();
	json_t *tool = json_object(), *results = json_array();
	json_t *invs = json_array(), *auto_ = json_object();
	struct sarif_rules used;
	struct srcroot src;
	struct strbuf tmp = STRBUF_INIT, id = STRBUF_INIT;
	int rc;

	sarif_rules_collect(r, &used);
	srcroot_init(&src);
	sarif_set_str(root, "$schema", SARIF_SCHEMA);
	sarif_set_str(root, "version", "2.1.0");
	json_object_set_new(tool, "driver", driver_json(&used, r));
	json_object_set_new(run, "tool", tool);
	json_array_append_new(invs, invocation(r, &src));
	json_object_set_new(run, "invocations", invs);
	/* GitHub keeps the alerts of each category apart: scan and probe
	 * results uploaded for one commit do not close each other's */
	strbuf_addf(&id, "authaudit/%s/", r->command);
	sarif_set_str(auto_, "id", id.buf);
	json_object_set_new(run, "automationDetails", auto_);
	json_object_set_new(run, "originalUriBaseIds", bases(r, &src));
	if (r->history)
		json_object_set_new(run, "versionControlProvenance",
				    provenance(r->history));
	sarif_set_str(run, "columnKind", "unicodeCodePoints");
	for (size_t i = 0; i < r->findings.nr; i++) {
		const struct finding *f = &r->findings.items[i];

		json_array_append_new(results, result_json(
			r, &src, f, sarif_rules_index(&used, f->rule), &tmp));
	}
	json_object_set_new(run, "results", results);
	json_array_append_new(runs, run);
	json_object_set_new(root, "runs", runs);
	rc = json_dumpf(root, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	fputc('\n', out);
	json_decref(root);
	sarif_rules_release(&used);
	strbuf_release(&src.uri);
	strbuf_release(&tmp);
	strbuf_release(&id);
	return rc ? err_set(e, "cannot write the SARIF report") : 0;
}
