/* report_read.c - JSON report -> struct report; see report_read.h. */
#include "report_read.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lib/escape.h"
#include "lib/strbuf.h"
#include "lib/xalloc.h"

static const char *str(json_t *o, const char *k)
{
	json_t *v = json_object_get(o, k);

	return json_is_string(v) ? json_string_value(v) : NULL;
}

static char *dup0(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

/* A name written by json_name(): its bytes back (escape.h). */
static char *name_dup(json_t *o, const char *k)
{
	struct strbuf sb = STRBUF_INIT;
	const char *v = str(o, k);

	if (!v)
		return NULL;
	if (!strchr(v, '\\'))
		return xstrdup(v);
	unescape_name(&sb, v);
	return strbuf_detach(&sb, NULL);
}

static void copy_hex(char *dst, const char *src)
{
	if (src && strlen(src) == 64)
		memcpy(dst, src, 65);
}

/* One report being read. */
struct reader {
	const char *path;
	const struct ruleset *rs;
	struct report *out;
	struct report_run *run;		/* NULL: a baseline */
};

/* A report written without --show-secrets holds the secret's redaction
 * only ("ak_l…(40 chars)"). For a merge, a stand-in of that many
 * characters that starts the same redacts the same way (redact.h), so
 * every format shows what the run showed; cmd_merge refuses
 * --show-secrets for such a report, and the hash comes from the report. */
static char *stand_in(const char *redacted)
{
	static const char ellipsis[] = "\xe2\x80\xa6(";
	const char *dots = NULL, *p;
	struct strbuf sb = STRBUF_INIT;
	size_t chars = 0, len;
	char tail[8];

	for (p = redacted; (p = strstr(p, ellipsis)); p++)
		dots = p;
	if (!dots || sscanf(dots + strlen(ellipsis), "%zu chars%7s", &len,
			    tail) != 2 || strcmp(tail, ")"))
		return NULL;
	for (p = redacted; p < dots; p++)
		chars += ((unsigned char)*p & 0xC0) != 0x80;
	if (chars > len || len > (1U << 20))
		return NULL;
	strbuf_add(&sb, redacted, (size_t)(dots - redacted));
	while (chars++ < len)
		strbuf_addch(&sb, '*');
	return strbuf_detach(&sb, NULL);
}

static void read_secret(struct reader *rd, json_t *sec, struct finding *f)
{
	if (!json_is_object(sec))
		return;
	/* schema 1.x held a plain SHA-256: not kept (it would be written
	 * back as a keyed hash); its fingerprint still matches through
	 * finding_fingerprint_v1 */
	if (!rd->out->hashes_v1)
		copy_hex(f->secret_sha256, str(sec, "hmac_sha256"));
	f->secret = name_dup(sec, "value");
	if (!f->secret && rd->run && str(sec, "redacted")) {
		f->secret = stand_in(str(sec, "redacted"));
		rd->run->redacted += f->secret != NULL;
	}
}

/* "2024-03-01T10:00:00+01:00" (finding_commit_date) into c's time and
 * zone; left at 0 when it is not that. */
static void read_commit_date(const char *s, struct finding_commit *c)
{
	struct tm tm = { 0 };
	int hh, mm, n = 0;
	char sign;

	if (!s || sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d%c%2d:%2d%n", &tm.tm_year,
			 &tm.tm_mon, &tm.tm_mday, &tm.tm_hour, &tm.tm_min,
			 &tm.tm_sec, &sign, &hh, &mm, &n) != 9 || s[n] ||
	    (sign != '+' && sign != '-'))
		return;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	c->offset = (hh * 60 + mm) * (sign == '-' ? -1 : 1);
	c->time = (long long)timegm(&tm) - (long long)c->offset * 60;
}

/* A history scan's attribution (schema 1.5), when the location has
 * one. */
static void read_history(json_t *j, json_t *loc, struct finding *f)
{
	const char *id = str(loc, "commit");

	if (id && strlen(id) == 40) {
		f->commit = xcalloc(1, sizeof(*f->commit));
		memcpy(f->commit->id, id, 41);
		f->commit->author = name_dup(loc, "author");
		f->commit->email = name_dup(loc, "email");
		if (!f->commit->author)
			f->commit->author = xstrdup("");
		if (!f->commit->email)
			f->commit->email = xstrdup("");
		read_commit_date(str(loc, "date"), f->commit);
	}
	if (finding_presence_parse(str(j, "presence"), &f->presence))
		f->presence = PRESENCE_NONE;
}

/* Add f, read from j, to list with its fingerprint. A merge of a schema
 * 1.x report must not write a fingerprint over a plain hash again: with
 * the raw secret at hand (--show-secrets) finding_list_add() makes the
 * keyed hash and the fingerprint this version gives; with its redaction
 * only, the fingerprint is rekeyed and the finding counted, for the
 * merge to refuse. Findings without a secret have the same fingerprint
 * in both schemas. */
static int add_finding(struct reader *rd, json_t *j,
		       struct finding_list *list, struct finding *f)
{
	json_t *sec = json_object_get(j, "secret");
	int v1 = rd->run && rd->out->hashes_v1 && json_is_object(sec);
	int raw = v1 && f->secret && str(sec, "value");

	if (!raw)
		copy_hex(f->fingerprint, str(j, "fingerprint"));
	if (v1 && !raw && list == &rd->out->findings)
		rd->run->unkeyed_v1++;
	finding_list_add(list, f, NULL);
	if (v1 && !raw)
		finding_rekey_v1(&list->items[list->nr - 1]);
	return 0;
}

/* One findings[] entry into list; -1 with e set when it is malformed, or,
 * for a merge, of a rule not loaded. */
static int read_finding(struct reader *rd, json_t *j,
			struct finding_list *list, size_t idx, struct err *e)
{
	const char *id = str(j, "rule"), *sev = str(j, "severity");
	json_t *loc = json_object_get(j, "location");
	struct finding f = { 0 };

	if (!json_is_object(j) || !id || !sev || !json_is_object(loc))
		return err_set(e, "%s: findings[%zu] lacks rule, severity or "
			       "location", rd->path, idx);
	f.rule = ruleset_find(rd->rs, id);
	if (!f.rule && rd->run && list == &rd->out->findings)
		return err_set(e, "%s: findings[%zu]: rule '%s' is not loaded "
			       "(give --rules as the run had it)", rd->path,
			       idx, id);
	if (!f.rule) {
		report_add_notice(rd->out, rd->path, "finding of rule '%s' "
				  "kept out: the rule is not loaded", id);
		return 0;
	}
	if (severity_parse(sev, &f.severity))
		return err_set(e, "%s: findings[%zu]: unknown severity '%s'",
			       rd->path, idx, sev);
	if (!str(j, "confidence") ||
	    confidence_parse(str(j, "confidence"), &f.confidence))
		f.confidence = CONF_MEDIUM;
	f.message = dup0(str(j, "message") ? str(j, "message") : "");
	f.path = name_dup(loc, "path");
	f.root = name_dup(loc, "root");
	f.url = dup0(str(loc, "url"));
	f.target = dup0(str(loc, "target"));
	f.line = (unsigned)json_integer_value(json_object_get(loc, "line"));
	f.column = (unsigned)json_integer_value(json_object_get(loc,
								"column"));
	f.evidence = dup0(str(j, "evidence"));
	f.decoded = finding_decoded_name(str(j, "decoded"));
	read_secret(rd, json_object_get(j, "secret"), &f);
	read_history(j, loc, &f);
	return add_finding(rd, j, list, &f);
}

static int read_list(struct reader *rd, json_t *arr,
		     struct finding_list *list, struct err *e)
{
	size_t i;
	json_t *j;

	if (!arr)
		return 0;
	if (!json_is_array(arr))
		return err_set(e, "%s: findings must be a list", rd->path);
	json_array_foreach(arr, i, j)
		if (read_finding(rd, j, list, i, e))
			return -1;
	return 0;
}

static unsigned long num(json_t *o, const char *k)
{
	json_int_t v = json_integer_value(json_object_get(o, k));

	return v > 0 ? (unsigned long)v : 0;
}

/* Every count of scan{} and baseline{}, added to out's. */
static void read_stats(json_t *root, json_t *scan, struct report_stats *s)
{
	json_t *sk = json_object_get(scan, "files_skipped");
	json_t *bl = json_object_get(root, "baseline");

	s->files_scanned += num(scan, "files_scanned");
	s->bytes_scanned += num(scan, "bytes_scanned");
	s->files_skipped_binary += num(sk, "binary");
	s->files_skipped_size += num(sk, "too_large");
	s->files_skipped_excluded += num(sk, "excluded");
	s->files_skipped_links += num(sk, "links");
	s->files_skipped_special += num(sk, "special");
	s->dirs_skipped_vcs += num(sk, "vcs_dirs");
	s->files_skipped_ignored += num(sk, "ignored");
	s->files_skipped_shard += num(sk, "other_shards");
	s->files_unreadable += num(scan, "files_unreadable");
	s->endpoints_probed += num(scan, "endpoints_probed");
	s->endpoints_skipped_shard += num(scan, "endpoints_other_shards");
	s->rules_loaded += num(scan, "rules_loaded");
	s->suppressed_baseline += num(bl, "suppressed");
	s->suppressed_inline += num(bl, "suppressed_inline");
	s->suppressed_ignored += num(bl, "suppressed_ignored");
}

/* What the probe saw of each endpoint, facts in their order. */
static void read_endpoints(json_t *arr, struct report *out)
{
	const char *key;
	size_t i;
	json_t *j, *v;

	json_array_foreach(arr, i, j) {
		if (!str(j, "url"))
			continue;
		json_object_foreach(json_object_get(j, "facts"), key, v)
			if (json_is_string(v))
				report_add_fact(out, str(j, "url"), key, "%s",
						json_string_value(v));
	}
}

/* "2026-11-22T14:31:31.159Z" (report_json.c's iso8601_ms); {0, 0} when
 * it is not that. */
static struct timespec read_time(const char *s)
{
	struct timespec t = { 0, 0 };
	struct tm tm = { 0 };
	int ms = 0, n = 0;

	if (s && sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d.%3dZ%n", &tm.tm_year,
			&tm.tm_mon, &tm.tm_mday, &tm.tm_hour, &tm.tm_min,
			&tm.tm_sec, &ms, &n) == 7 && !s[n]) {
		tm.tm_year -= 1900;
		tm.tm_mon -= 1;
		t.tv_sec = timegm(&tm);
		t.tv_nsec = (long)ms * 1000000;
	}
	return t;
}

static void read_run(json_t *root, json_t *scan, struct report_run *run)
{
	json_t *bl = json_object_get(root, "baseline");

	run->command = dup0(str(scan, "command"));
	run->profile = dup0(str(scan, "profile"));
	run->shard = dup0(str(scan, "shard"));
	run->start = read_time(str(scan, "start"));
	run->end = read_time(str(scan, "end"));
	run->used_baseline = num(bl, "suppressed") ||
			     json_array_size(json_object_get(bl, "stale"));
}

void report_run_release(struct report_run *run)
{
	free(run->command);
	free(run->profile);
	free(run->shard);
	memset(run, 0, sizeof(*run));
}

/* The top-level targets (1.3), else scan.targets, whose kind the
 * command tells. */
static void read_targets(json_t *root, json_t *scan, struct report *out)
{
	json_t *arr = json_object_get(root, "targets"), *j;
	const char *cmd = str(scan, "command");
	enum rule_target kind = RULE_TARGET_SOURCE;
	size_t i;

	if (json_is_array(arr)) {
		json_array_foreach(arr, i, j) {
			char *name = name_dup(j, "name");

			if (name && str(j, "kind") &&
			    !rule_target_parse(str(j, "kind"), &kind))
				report_add_target(out, name, kind,
						  str(j, "profile"));
			free(name);
		}
		return;
	}
	if (cmd)
		kind = !strcmp(cmd, "probe") ? RULE_TARGET_ENDPOINT :
		       !strcmp(cmd, "auth") ? RULE_TARGET_AUTH :
		       !strcmp(cmd, "token") ? RULE_TARGET_TOKEN :
		       RULE_TARGET_SOURCE;
	json_array_foreach(json_object_get(scan, "targets"), i, j) {
		struct strbuf sb = STRBUF_INIT;

		if (!json_is_string(j))
			continue;
		unescape_name(&sb, json_string_value(j));
		report_add_target(out, sb.buf, kind, NULL);
		strbuf_release(&sb);
	}
}

/* Load path as a 1.x or 2.x report: -1 (e naming path, and line and column
 * where jansson gives them) when it cannot be read or is no report. */
static json_t *load(const char *path, struct err *e)
{
	json_error_t je;
	json_t *root = json_load_file(path, 0, &je);
	const char *v;

	if (!root) {
		/* jansson gives line -1 when the file could not be read */
		if (je.line > 0)
			err_set_at(e, path, (unsigned)je.line,
				   je.column > 0 ? (unsigned)je.column : 0,
				   "not a JSON report: %s", je.text);
		else
			err_set(e, "%s", je.text);
		return NULL;
	}
	v = json_is_object(root) ? str(root, "schema_version") : NULL;
	if (!v || (strncmp(v, "1.", 2) && strncmp(v, "2.", 2))) {
		if (v)
			err_set_at(e, path, 0, 0, "schema_version %s: this "
				   "authaudit reads 1.x and 2.x reports", v);
		else
			err_set_at(e, path, 0, 0, "not an authaudit JSON "
				   "report (schema_version 1.x or 2.x)");
		json_decref(root);
		return NULL;
	}
	return root;
}

int report_read_run(const char *path, const struct ruleset *rs,
		    struct report *out, struct report_run *run,
		    struct err *e)
{
	struct reader rd = { path, rs, out, run };
	json_t *root, *scan, *j;
	size_t i;
	int rc;

	if (run)
		memset(run, 0, sizeof(*run));
	root = load(path, e);
	if (!root)
		return -1;
	out->hashes_v1 = !strncmp(str(root, "schema_version"), "1.", 2);
	snprintf(out->hash_key_id, sizeof(out->hash_key_id), "%s",
		 str(json_object_get(root, "hash_key"), "id") ?
		 str(json_object_get(root, "hash_key"), "id") : "");
	scan = json_object_get(root, "scan");
	read_targets(root, scan, out);
	read_stats(root, scan, &out->stats);
	json_array_foreach(json_object_get(root, "notices"), i, j) {
		char *where = name_dup(j, "where");

		report_add_notice(out, where, "%s",
				  str(j, "message") ? str(j, "message") : "");
		free(where);
	}
	read_endpoints(json_object_get(root, "endpoints"), out);
	if (run)
		read_run(root, scan, run);
	rc = read_list(&rd, json_object_get(root, "findings"), &out->findings,
		       e);
	if (!rc && run)
		rc = read_list(&rd, json_object_get(json_object_get(root,
						    "baseline"), "stale"),
			       &out->stale, e);
	json_decref(root);
	return rc;
}

int report_read_json(const char *path, const struct ruleset *rs,
		     struct report *out, struct err *e)
{
	return report_read_run(path, rs, out, NULL, e);
}
