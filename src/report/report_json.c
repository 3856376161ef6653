/* report_json.c - the report for machines; docs/json.md documents every
 * field. Keys are written in insertion order, so the output is stable. */
#include "report_json.h"

#include <string.h>

#include "report_format.h"
#include "core/redact.h"
#include "core/rule.h"
#include "lib/escape.h"
#include "lib/secret_hash.h"
#include "lib/strbuf.h"

/* History scans: what was walked (docs/json.md). */
static json_t *history_json(const struct report_history *h)
{
	json_t *o = json_object(), *refs = json_array();

	json_set_str(o, "mode", h->mode);
	json_set_name(o, "repository", h->repository);
	json_set_str(o, "head", h->head);
	json_set_name(o, "branch", h->branch);
	for (size_t i = 0; i < h->refs.nr; i++)
		json_array_append_new(refs, json_name(h->refs.items[i]));
	json_object_set_new(o, "refs", refs);
	json_set_name(o, "range", h->range);
	json_set_str(o, "since", h->since);
	json_set_str(o, "until", h->until);
	json_object_set_new(o, "tips", json_integer((json_int_t)h->tips));
	json_object_set_new(o, "commits", json_integer((json_int_t)h->commits));
	json_object_set_new(o, "blobs", json_integer((json_int_t)h->blobs));
	json_object_set_new(o, "paths", json_integer((json_int_t)h->paths));
	json_object_set_new(o, "gitlinks",
			    json_integer((json_int_t)h->gitlinks));
	json_object_set_new(o, "missing_objects",
			    json_integer((json_int_t)h->missing));
	return o;
}

static json_t *scan_json(const struct report *r)
{
	const struct report_stats *s = &r->stats;
	json_t *o = json_object(), *t = json_array(), *sk = json_object();
	char start[40], end[40];
	long long ms = (long long)(r->end.tv_sec - r->start.tv_sec) * 1000 +
		       (r->end.tv_nsec - r->start.tv_nsec) / 1000000;

	for (size_t i = 0; i < r->nr_targets; i++)
		json_array_append_new(t, json_name(r->targets[i].name));
	iso8601_ms(&r->start, start, sizeof(start));
	iso8601_ms(&r->end, end, sizeof(end));
	json_set_str(o, "command", r->command);
	json_object_set_new(o, "targets", t);
	json_set_str(o, "profile", r->profile ? r->profile->name : "default");
	json_set_str(o, "shard", r->shard);		/* --shard only */
	json_set_str(o, "start", start);
	json_set_str(o, "end", end);
	json_object_set_new(o, "duration_ms", json_integer(ms < 0 ? 0 : ms));
	json_object_set_new(o, "files_scanned",
			    json_integer((json_int_t)s->files_scanned));
	json_object_set_new(o, "bytes_scanned",
			    json_integer((json_int_t)s->bytes_scanned));
	json_object_set_new(sk, "binary",
			    json_integer((json_int_t)s->files_skipped_binary));
	json_object_set_new(sk, "too_large",
			    json_integer((json_int_t)s->files_skipped_size));
	json_object_set_new(sk, "excluded",
			    json_integer((json_int_t)s->files_skipped_excluded));
	json_object_set_new(sk, "links", json_integer(
			    (json_int_t)s->files_skipped_links));
	json_object_set_new(sk, "special", json_integer(
			    (json_int_t)s->files_skipped_special));
	json_object_set_new(sk, "vcs_dirs", json_integer(
			    (json_int_t)s->dirs_skipped_vcs));
	json_object_set_new(sk, "ignored", json_integer(
			    (json_int_t)s->files_skipped_ignored));
	json_object_set_new(sk, "other_shards", json_integer(
			    (json_int_t)s->files_skipped_shard));
	json_object_set_new(o, "files_skipped", sk);
	json_object_set_new(o, "files_unreadable",
			    json_integer((json_int_t)s->files_unreadable));
	json_object_set_new(o, "endpoints_probed",
			    json_integer((json_int_t)s->endpoints_probed));
	json_object_set_new(o, "endpoints_other_shards", json_integer(
			    (json_int_t)s->endpoints_skipped_shard));
	json_object_set_new(o, "rules_loaded",
			    json_integer((json_int_t)s->rules_loaded));
	if (r->history)
		json_object_set_new(o, "history", history_json(r->history));
	return o;
}

static json_t *summary_json(const struct report *r)
{
	json_t *o = json_object(), *sev = json_object(), *cat = json_object();
	json_t *ctx = json_object();

	for (int i = 0; i < CONTEXT__COUNT; i++)
		json_object_set_new(ctx, finding_context_name(
					(enum finding_context)i),
				    json_integer(0));
	for (int i = 0; i < SEV__COUNT; i++)
		json_object_set_new(sev, severity_name((enum severity)i),
				    json_integer(0));
	for (size_t i = 0; i < r->findings.nr; i++) {
		const struct finding *f = &r->findings.items[i];
		const char *sn = severity_name(f->severity);
		json_t *c = json_object_get(cat, f->rule->category);

		json_object_set_new(sev, sn, json_integer(
			json_integer_value(json_object_get(sev, sn)) + 1));
		json_object_set_new(cat, f->rule->category,
				    json_integer(c ? json_integer_value(c) + 1
						   : 1));
		c = json_object_get(ctx, finding_context_name(f->context));
		json_object_set_new(ctx, finding_context_name(f->context),
				    json_integer(json_integer_value(c) + 1));
	}
	json_object_set_new(o, "total", json_integer((json_int_t)r->findings.nr));
	json_object_set_new(o, "by_severity", sev);
	json_object_set_new(o, "by_category", cat);
	json_object_set_new(o, "by_context", ctx);
	json_object_set_new(o, "excluded_by_context", json_integer(
		(json_int_t)r->stats.suppressed_context));
	json_object_set_new(o, "failing",
			    json_integer((json_int_t)report_count_failing(r)));
	json_set_str(o, "fail_on", severity_name(r->fail_on));
	return o;
}

/* Each target with what looked at it and the profile that judged it. */
static json_t *targets_json(const struct report *r)
{
	json_t *a = json_array();

	for (size_t i = 0; i < r->nr_targets; i++) {
		const struct report_target *t = &r->targets[i];
		const struct profile *p = report_target_profile(r, t);
		json_t *o = json_object();

		json_set_name(o, "name", t->name);
		json_set_str(o, "kind", rule_target_name(t->kind));
		json_set_str(o, "profile", p ? p->name : "default");
		json_array_append_new(a, o);
	}
	return a;
}

/* What the probe observed of each endpoint, in probing order. */
static json_t *endpoints_json(const struct report *r)
{
	json_t *a = json_array();

	for (size_t i = 0; i < r->nr_endpoints; i++) {
		const struct report_endpoint *ep = &r->endpoints[i];
		json_t *o = json_object(), *f = json_object();

		json_set_str(o, "url", ep->url);
		for (size_t k = 0; k < ep->facts.nr; k++)
			json_set_str(f, ep->facts.items[k].key,
				ep->facts.items[k].value);
		json_object_set_new(o, "facts", f);
		json_array_append_new(a, o);
	}
	return a;
}

static json_t *view_json(const struct report_view *v)
{
	const struct report *r = v->r;
	json_t *o = json_object(), *tool = json_object();
	json_t *fs = json_array(), *ns = json_array(), *stale = json_array();
	json_t *bl = json_object(), *hk = json_object();

	json_set_str(o, "schema_version", REPORT_SCHEMA_VERSION);
	json_set_str(tool, "name", "authaudit");
	json_set_str(tool, "version", AUTHAUDIT_VERSION);
	json_object_set_new(o, "tool", tool);
	json_set_str(hk, "algorithm", "HMAC-SHA-256");
	json_set_str(hk, "id", secret_hash_key_id());
	json_object_set_new(o, "hash_key", hk);
	json_object_set_new(o, "scan", scan_json(r));
	json_object_set_new(o, "targets", targets_json(r));
	for (size_t i = 0; i < r->findings.nr; i++)
		json_array_append_new(fs, finding_to_json(r,
						&r->findings.items[i]));
	json_object_set_new(o, "findings", fs);
	for (size_t i = 0; i < r->nr_notices; i++) {
		json_t *n = json_object();

		json_set_name(n, "where", r->notices[i].where);
		json_set_str(n, "message", r->notices[i].message);
		json_array_append_new(ns, n);
	}
	json_object_set_new(o, "notices", ns);
	if (r->nr_endpoints)
		json_object_set_new(o, "endpoints", endpoints_json(r));
	for (size_t i = 0; i < r->stale.nr; i++)
		json_array_append_new(stale, finding_to_json(r,
						&r->stale.items[i]));
	json_object_set_new(bl, "suppressed",
			    json_integer((json_int_t)r->stats.suppressed_baseline));
	json_object_set_new(bl, "suppressed_inline",
			    json_integer((json_int_t)r->stats.suppressed_inline));
	json_object_set_new(bl, "suppressed_ignored",
			    json_integer((json_int_t)r->stats.suppressed_ignored));
	json_object_set_new(bl, "stale", stale);
	json_object_set_new(o, "baseline", bl);
	json_object_set_new(o, "summary", summary_json(r));
	if (r->rules && r->rules->nr_statements)
		json_object_set_new(o, "compliance", compliance_to_json(r,
							&v->compliance));
	if (r->audit)
		json_object_set_new(o, "audit", audit_to_json(r));
	return o;
}

json_t *report_to_json(const struct report *r)
{
	struct report_view v;
	json_t *o;

	report_view_init(&v, r);
	o = view_json(&v);
	report_view_release(&v);
	return o;
}

int report_view_json(FILE *out, const struct report_view *v, struct err *e)
{
	json_t *o = view_json(v);
	int rc = json_dumpf(o, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);

	json_decref(o);
	fputc('\n', out);
	return rc ? err_set(e, "cannot write the JSON report") : 0;
}
