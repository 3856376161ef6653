/* merge.c - the union of reports read back, for `authaudit merge`; see
 * merge.h. What is moved out of an input is left zeroed there, so the
 * inputs can still be released as usual. */
#include "merge.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lib/xalloc.h"

static int strcmp0(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "");
}

/* The same fingerprint at the same place; the worse severity first. */
static int cmp_place(const struct finding *a, const struct finding *b)
{
	int c;

	if ((c = strcmp(a->fingerprint, b->fingerprint)) ||
	    (c = strcmp0(a->root, b->root)) ||
	    (c = strcmp0(a->path, b->path)) || (c = strcmp0(a->url, b->url)))
		return c;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	if (a->column != b->column)
		return a->column < b->column ? -1 : 1;
	return 0;
}

static int cmp_dup(const void *pa, const void *pb)
{
	const struct finding *a = pa, *b = pb;
	int c = cmp_place(a, b);

	return c ? c : (int)b->severity - (int)a->severity;
}

/* Each finding once (the shards of one endpoint's host may each report
 * the same alternative port). */
static void drop_duplicate_findings(struct finding_list *l)
{
	size_t keep = 1;

	if (l->nr < 2)
		return;
	qsort(l->items, l->nr, sizeof(*l->items), cmp_dup);
	for (size_t i = 1; i < l->nr; i++) {
		if (!cmp_place(&l->items[keep - 1], &l->items[i]))
			finding_release(&l->items[i]);
		else
			l->items[keep++] = l->items[i];
	}
	l->nr = keep;
}

struct notice_ref {
	const struct notice *n;
	size_t i;
};

static int cmp_notice(const void *pa, const void *pb)
{
	const struct notice_ref *a = pa, *b = pb;
	int c = strcmp(a->n->where, b->n->where);

	if (!c)
		c = strcmp(a->n->message, b->n->message);
	return c ? c : a->i < b->i ? -1 : a->i > b->i;
}

/* Each notice once, in the order first given. */
static void drop_duplicate_notices(struct report *r)
{
	struct notice_ref *refs = xcalloc(r->nr_notices + 1, sizeof(*refs));
	char *dup = xcalloc(r->nr_notices + 1, 1);
	size_t keep = 0;

	for (size_t i = 0; i < r->nr_notices; i++)
		refs[i] = (struct notice_ref){ &r->notices[i], i };
	qsort(refs, r->nr_notices, sizeof(*refs), cmp_notice);
	for (size_t k = 1; k < r->nr_notices; k++)
		dup[refs[k].i] = !strcmp(refs[k].n->where,
					 refs[k - 1].n->where) &&
				 !strcmp(refs[k].n->message,
					 refs[k - 1].n->message);
	free(refs);
	for (size_t i = 0; i < r->nr_notices; i++) {
		if (dup[i]) {
			free(r->notices[i].where);
			free(r->notices[i].message);
		} else {
			r->notices[keep++] = r->notices[i];
		}
	}
	r->nr_notices = keep;
	free(dup);
}

/* A shard's notice of what it left to the others ("shard 2/3"): the
 * merged report holds those, or says they are missing. */
static int shard_notice(const struct merge_input *in, const struct notice *n)
{
	return in->run.shard && !strncmp(n->where, "shard ", 6) &&
	       !strcmp(n->where + 6, in->run.shard);
}

static void endpoint_free(struct report_endpoint *ep)
{
	for (size_t k = 0; k < ep->facts.nr; k++) {
		free(ep->facts.items[k].key);
		free(ep->facts.items[k].value);
	}
	free(ep->facts.items);
	free(ep->url);
}

static int has_endpoint(const struct report *r, const char *url)
{
	for (size_t i = 0; i < r->nr_endpoints; i++)
		if (!strcmp(r->endpoints[i].url, url))
			return 1;
	return 0;
}

/* Notices and endpoints move from in to r. */
static void move_notes(struct merge_input *in, struct report *r)
{
	struct report *from = &in->rep;

	for (size_t i = 0; i < from->nr_notices; i++) {
		if (shard_notice(in, &from->notices[i])) {
			free(from->notices[i].where);
			free(from->notices[i].message);
			continue;
		}
		ALLOC_GROW(r->notices, r->nr_notices, r->alloc_notices);
		r->notices[r->nr_notices++] = from->notices[i];
	}
	from->nr_notices = 0;
	for (size_t i = 0; i < from->nr_endpoints; i++) {
		if (has_endpoint(r, from->endpoints[i].url)) {
			endpoint_free(&from->endpoints[i]);
			continue;
		}
		ALLOC_GROW(r->endpoints, r->nr_endpoints, r->alloc_endpoints);
		r->endpoints[r->nr_endpoints++] = from->endpoints[i];
	}
	from->nr_endpoints = 0;
}

static int has_fingerprint(const struct finding_list *l, const char *fp)
{
	for (size_t i = 0; i < l->nr; i++)
		if (!strcmp(l->items[i].fingerprint, fp))
			return 1;
	return 0;
}

/* Does in share a split with a baseline with, and come before, other? */
static int baseline_peer(const struct merge_input *in,
			 const struct merge_input *other)
{
	return !other->left_out && other->set.count &&
	       other->run.used_baseline &&
	       !strcmp0(in->run.command, other->run.command);
}

/* A baseline entry no shard found is stale in each: it is stale when
 * every shard with the baseline lists it. A whole report's are its own. */
static void merge_stale(struct merge_input *ins, size_t n, struct report *r)
{
	for (size_t i = 0; i < n; i++) {
		struct finding_list *st = &ins[i].rep.stale;
		int first = 1;

		if (ins[i].left_out || !st->nr)
			continue;
		for (size_t j = 0; j < i && ins[i].set.count; j++)
			first &= !baseline_peer(&ins[i], &ins[j]);
		for (size_t k = 0; k < st->nr && first; k++) {
			int all = 1;

			for (size_t j = i + 1; j < n && ins[i].set.count; j++)
				all &= !baseline_peer(&ins[i], &ins[j]) ||
				       has_fingerprint(&ins[j].rep.stale,
						st->items[k].fingerprint);
			if (!all || has_fingerprint(&r->stale,
						    st->items[k].fingerprint))
				continue;
			ALLOC_GROW(r->stale.items, r->stale.nr,
				   r->stale.alloc);
			r->stale.items[r->stale.nr++] = st->items[k];
			memset(&st->items[k], 0, sizeof(st->items[k]));
		}
	}
}

/* The command and profile the inputs agree on, and their time span. */
static void merge_run(struct merge_input *ins, size_t n,
		      struct merge_result *res, struct report *r)
{
	const char *cmd = NULL, *prof = NULL;
	int same_cmd = 1, same_prof = 1, timed = 0;

	for (size_t i = 0; i < n; i++) {
		const struct report_run *run = &ins[i].run;

		if (ins[i].left_out)
			continue;
		same_cmd &= !cmd || !strcmp0(cmd, run->command);
		same_prof &= !prof || !strcmp0(prof, run->profile);
		cmd = cmd ? cmd : run->command;
		prof = prof ? prof : run->profile;
		if (!run->start.tv_sec)
			continue;
		if (!timed++ || run->start.tv_sec < r->start.tv_sec ||
		    (run->start.tv_sec == r->start.tv_sec &&
		     run->start.tv_nsec < r->start.tv_nsec))
			r->start = run->start;
		if (timed == 1 || run->end.tv_sec > r->end.tv_sec ||
		    (run->end.tv_sec == r->end.tv_sec &&
		     run->end.tv_nsec > r->end.tv_nsec))
			r->end = run->end;
	}
	if (!timed)
		clock_gettime(CLOCK_REALTIME, &r->end);
	res->command = xstrdup(same_cmd && cmd ? cmd : "merge");
	r->command = res->command;
	if (!same_prof)
		report_add_notice(r, "merge", "the reports were judged under "
				  "different profiles; each target keeps its "
				  "own");
	else if (prof && ruleset_profile(r->rules, prof))
		r->profile = ruleset_profile(r->rules, prof);
	else if (prof)
		report_add_notice(r, "merge", "the reports' profile '%s' is "
				  "not loaded; give --rules as the run had "
				  "it", prof);
}

void merge_reports(struct merge_input *ins, size_t n,
		   struct merge_result *res, struct report *r)
{
	for (size_t i = 0; i < n; i++) {
		struct merge_input *in = &ins[i];

		if (in->left_out)
			continue;
		for (size_t k = 0; k < in->rep.nr_targets; k++) {
			const struct report_target *t = &in->rep.targets[k];

			report_add_target(r, t->name, t->kind, t->profile ?
					  t->profile : in->run.profile);
		}
		finding_list_splice(&r->findings, &in->rep.findings);
		move_notes(in, r);
		report_stats_add(&r->stats, &in->rep.stats);
	}
	drop_duplicate_findings(&r->findings);
	drop_duplicate_notices(r);
	merge_stale(ins, n, r);
	merge_run(ins, n, res, r);
	r->stats.files_skipped_shard = res->files_missing;
	r->stats.endpoints_skipped_shard = res->endpoints_missing;
	r->shard = res->shard;
}
