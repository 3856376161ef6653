/* report.c - the report a run fills; see report.h. */
#include "report.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "lib/strbuf.h"
#include "lib/xalloc.h"

void report_file_path(const char *root, const char *path, struct strbuf *out)
{
	/* an empty root (a report read back may hold one) is no root: and
	 * root[-1] is not to be read */
	if (root && *root && strcmp(root, "."))
		strbuf_addf(out, "%s%s", root,
			    root[strlen(root) - 1] == '/' ? "" : "/");
	strbuf_addstr(out, path);
}

void report_history_free(struct report_history *h)
{
	if (!h)
		return;
	free(h->repository);
	free(h->head);
	free(h->branch);
	strlist_release(&h->refs);
	free(h->range);
	free(h->since);
	free(h->until);
	free(h);
}

void report_init(struct report *r, const char *command)
{
	memset(r, 0, sizeof(*r));
	r->command = command;
	r->fail_on = SEV_LOW;
	finding_list_init(&r->findings);
	finding_list_init(&r->stale);
}

void report_release(struct report *r)
{
	finding_list_release(&r->findings);
	finding_list_release(&r->stale);
	for (size_t i = 0; i < r->nr_notices; i++) {
		free(r->notices[i].where);
		free(r->notices[i].message);
	}
	free(r->notices);
	for (size_t i = 0; i < r->nr_endpoints; i++) {
		struct kvlist *f = &r->endpoints[i].facts;

		for (size_t k = 0; k < f->nr; k++) {
			free(f->items[k].key);
			free(f->items[k].value);
		}
		free(f->items);
		free(r->endpoints[i].url);
	}
	free(r->endpoints);
	for (size_t i = 0; i < r->nr_targets; i++) {
		free(r->targets[i].name);
		free(r->targets[i].profile);
		free(r->targets[i].error);
		for (size_t k = 0; k < r->targets[i].untested.nr; k++) {
			free(r->targets[i].untested.items[k].key);
			free(r->targets[i].untested.items[k].value);
		}
		free(r->targets[i].untested.items);
	}
	free(r->targets);
	report_audit_free(r->audit);
	report_history_free(r->history);
	memset(r, 0, sizeof(*r));
}

void report_add_notice(struct report *r, const char *where,
		       const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	ALLOC_GROW(r->notices, r->nr_notices, r->alloc_notices);
	r->notices[r->nr_notices].where = xstrdup(where ? where : "");
	r->notices[r->nr_notices++].message = strbuf_detach(&sb, NULL);
}

void report_add_fact(struct report *r, const char *url, const char *key,
		     const char *fmt, ...)
{
	struct report_endpoint *ep = NULL;
	struct strbuf sb = STRBUF_INIT;
	struct kv *kv;
	va_list ap;

	for (size_t i = r->nr_endpoints; i > 0 && !ep; i--)
		if (!strcmp(r->endpoints[i - 1].url, url))
			ep = &r->endpoints[i - 1];
	if (!ep) {
		ALLOC_GROW(r->endpoints, r->nr_endpoints, r->alloc_endpoints);
		ep = &r->endpoints[r->nr_endpoints++];
		memset(ep, 0, sizeof(*ep));
		ep->url = xstrdup(url);
	}
	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	ALLOC_GROW(ep->facts.items, ep->facts.nr, ep->facts.alloc);
	kv = &ep->facts.items[ep->facts.nr++];
	kv->key = xstrdup(key);
	kv->value = strbuf_detach(&sb, NULL);
}

void report_stats_add(struct report_stats *to, const struct report_stats *s)
{
	to->files_scanned += s->files_scanned;
	to->bytes_scanned += s->bytes_scanned;
	to->files_skipped_binary += s->files_skipped_binary;
	to->files_skipped_size += s->files_skipped_size;
	to->files_skipped_excluded += s->files_skipped_excluded;
	to->files_skipped_links += s->files_skipped_links;
	to->files_skipped_special += s->files_skipped_special;
	to->dirs_skipped_vcs += s->dirs_skipped_vcs;
	to->files_skipped_ignored += s->files_skipped_ignored;
	to->files_unreadable += s->files_unreadable;
	to->endpoints_probed += s->endpoints_probed;
	to->suppressed_inline += s->suppressed_inline;
	to->match_limits_hit += s->match_limits_hit;
	to->suppressed_baseline += s->suppressed_baseline;
	to->suppressed_ignored += s->suppressed_ignored;
	to->suppressed_context += s->suppressed_context;
	to->files_skipped_shard += s->files_skipped_shard;
	to->endpoints_skipped_shard += s->endpoints_skipped_shard;
	if (s->rules_loaded > to->rules_loaded)
		to->rules_loaded = s->rules_loaded;
}

size_t report_count_failing(const struct report *r)
{
	size_t n = 0;

	for (size_t i = 0; i < r->findings.nr; i++)
		n += r->findings.items[i].severity >= r->fail_on;
	return n;
}
