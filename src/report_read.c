/* report_read.c - JSON report -> struct report; see report_read.h. */
#include "report_read.h"

#include <jansson.h>
#include <string.h>

#include "xalloc.h"

static const char *str(json_t *o, const char *k)
{
	json_t *v = json_object_get(o, k);

	return json_is_string(v) ? json_string_value(v) : NULL;
}

static char *dup0(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

static void copy_hex(char *dst, const char *src)
{
	if (src && strlen(src) == 64)
		memcpy(dst, src, 65);
}

/* One findings[] entry into list; -1 with e set when it is malformed. */
static int read_finding(json_t *j, const struct ruleset *rs,
			struct finding_list *list, struct report *out,
			const char *path, size_t idx, struct err *e)
{
	const char *id = str(j, "rule"), *sev = str(j, "severity");
	json_t *loc = json_object_get(j, "location");
	json_t *sec = json_object_get(j, "secret");
	struct finding f = { 0 };

	if (!json_is_object(j) || !id || !sev || !json_is_object(loc))
		return err_set(e, "%s: findings[%zu] lacks rule, severity or "
			       "location", path, idx);
	f.rule = ruleset_find(rs, id);
	if (!f.rule) {
		report_add_notice(out, path, "finding of rule '%s' kept out: "
				  "the rule is not loaded", id);
		return 0;
	}
	if (severity_parse(sev, &f.severity))
		return err_set(e, "%s: findings[%zu]: unknown severity '%s'",
			       path, idx, sev);
	if (!str(j, "confidence") ||
	    confidence_parse(str(j, "confidence"), &f.confidence))
		f.confidence = CONF_MEDIUM;
	f.message = dup0(str(j, "message") ? str(j, "message") : "");
	f.path = dup0(str(loc, "path"));
	f.root = dup0(str(loc, "root"));
	f.url = dup0(str(loc, "url"));
	f.line = (unsigned)json_integer_value(json_object_get(loc, "line"));
	f.column = (unsigned)json_integer_value(json_object_get(loc,
								"column"));
	f.evidence = dup0(str(j, "evidence"));
	if (json_is_object(sec)) {
		f.secret = dup0(str(sec, "value"));
		copy_hex(f.secret_sha256, str(sec, "sha256"));
	}
	copy_hex(f.fingerprint, str(j, "fingerprint"));
	finding_list_add(list, &f, NULL);
	return 0;
}

static int read_list(json_t *arr, const struct ruleset *rs,
		     struct finding_list *list, struct report *out,
		     const char *path, struct err *e)
{
	size_t i;
	json_t *j;

	if (!arr)
		return 0;
	if (!json_is_array(arr))
		return err_set(e, "%s: findings must be a list", path);
	json_array_foreach(arr, i, j)
		if (read_finding(j, rs, list, out, path, i, e))
			return -1;
	return 0;
}

static unsigned long num(json_t *o, const char *k)
{
	return (unsigned long)json_integer_value(json_object_get(o, k));
}

int report_read_json(const char *path, const struct ruleset *rs,
		     struct report *out, struct err *e)
{
	json_error_t je;
	json_t *root = json_load_file(path, 0, &je), *scan, *arr;
	size_t i;
	json_t *j;
	int rc;

	if (!root)
		/* jansson gives line -1 when the file could not be read */
		return je.line > 0 ?
		       err_set_at(e, path, (unsigned)je.line,
				  je.column > 0 ? (unsigned)je.column : 0,
				  "not a JSON report: %s", je.text) :
		       err_set(e, "%s", je.text);
	if (!json_is_object(root) || !str(root, "schema_version") ||
	    strncmp(str(root, "schema_version"), "1.", 2)) {
		json_decref(root);
		return err_set_at(e, path, 0, 0, "not an authaudit JSON report "
				  "(schema_version 1.x)");
	}
	scan = json_object_get(root, "scan");
	arr = json_object_get(scan, "targets");
	json_array_foreach(arr, i, j)
		if (json_is_string(j))
			strlist_push(&out->targets, json_string_value(j));
	out->stats.files_scanned += num(scan, "files_scanned");
	out->stats.bytes_scanned += num(scan, "bytes_scanned");
	out->stats.files_unreadable += num(scan, "files_unreadable");
	out->stats.endpoints_probed += num(scan, "endpoints_probed");
	arr = json_object_get(root, "notices");
	json_array_foreach(arr, i, j)
		report_add_notice(out, str(j, "where"), "%s",
				  str(j, "message") ? str(j, "message") : "");
	rc = read_list(json_object_get(root, "findings"), rs, &out->findings,
		       out, path, e);
	json_decref(root);
	return rc;
}
