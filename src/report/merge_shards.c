/* merge_shards.c - are the shards of each split all there, and what the
 * missing ones held; see merge.h. The counts of a shard add up: every
 * entry the walk counts (a file, a skipped one, an unreadable directory)
 * and every endpoint is counted by its own shard and in the others'
 * "other shards" count, so own + other is the same total in every shard
 * of a split, and the missing shards held that total less what was
 * merged. Also reading the inputs of a merge. */
#include "merge.h"

#include <stdlib.h>
#include <string.h>

#include "lib/secret_hash.h"
#include "lib/strbuf.h"
#include "lib/xalloc.h"

/* The shards of one command, as the inputs hold them. */
struct split {
	const char *command;
	const struct merge_input *first;
	struct shard_set held;		/* by every input */
	struct shard_set merged;	/* by those not left out */
	unsigned long files, endpoints;		/* each shard's total */
	unsigned long own_files, own_endpoints;	/* merged */
	int differ;		/* shards saw different totals */
};

static int strcmp0(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "");
}

/* The first shard an input holds; 0 for a whole report. */
static unsigned first_shard(const struct merge_input *in)
{
	for (unsigned i = 1; i <= in->set.count; i++)
		if (in->set.times[i])
			return i;
	return 0;
}

static int cmp_input(const void *pa, const void *pb)
{
	const struct merge_input *a = pa, *b = pb;
	unsigned x = first_shard(a), y = first_shard(b);

	if (x != y)
		return x < y ? -1 : 1;
	return a->order < b->order ? -1 : a->order > b->order;
}

/* What the walk of a scan shard counted as its own, of any kind. */
static unsigned long own_files(const struct report_stats *s)
{
	return s->files_scanned + s->files_skipped_binary +
	       s->files_skipped_size + s->files_skipped_excluded +
	       s->files_skipped_links + s->files_skipped_special +
	       s->dirs_skipped_vcs + s->files_skipped_ignored +
	       s->files_unreadable;
}

static void count(struct split *sp, const struct merge_input *in)
{
	const struct report_stats *s = &in->rep.stats;
	unsigned long f = own_files(s) + s->files_skipped_shard;
	unsigned long p = s->endpoints_probed + s->endpoints_skipped_shard;

	if (sp->first != in && (f != sp->files || p != sp->endpoints))
		sp->differ = 1;
	sp->files = f > sp->files ? f : sp->files;
	sp->endpoints = p > sp->endpoints ? p : sp->endpoints;
	if (!in->left_out) {
		sp->own_files += own_files(s);
		sp->own_endpoints += s->endpoints_probed;
	}
}

/* Put in into its split; -1 when the split has another N. */
static int add_to_split(struct split *sps, size_t *nr, struct merge_input *in,
			struct err *e)
{
	struct split *sp = NULL;

	for (size_t i = 0; i < *nr && !sp; i++)
		if (!strcmp0(sps[i].command, in->run.command))
			sp = &sps[i];
	if (!sp) {
		sp = &sps[(*nr)++];
		sp->command = in->run.command;
		sp->first = in;
		shard_set_init(&sp->held);
		shard_set_init(&sp->merged);
	}
	if (sp->held.count && sp->held.count != in->set.count)
		return err_set(e, "%s is shard %s but %s is shard %s: shards "
			       "of different splits do not merge",
			       sp->first->path, sp->first->run.shard, in->path,
			       in->run.shard);
	in->left_out = shard_set_covers(&sp->held, &in->set);
	shard_set_add(&sp->held, &in->set);
	if (!in->left_out)
		shard_set_add(&sp->merged, &in->set);
	count(sp, in);
	return 0;
}

/* "shards 1,3/3" or "shard 2/3" of the picked ones, or "". */
static void pick(const struct shard_set *set, enum shard_pick p,
		 struct strbuf *out)
{
	struct strbuf sb = STRBUF_INIT;

	shard_set_name(set, p, &sb);
	if (sb.len)
		strbuf_addf(out, "shard%s %s", strpbrk(sb.buf, ",-") ? "s" :
			    "", sb.buf);
	strbuf_release(&sb);
}

/* The shards given more than once but merged once; the others were in
 * two partial merges both merged, and are counted twice. */
static void merged_once(const struct split *sp, struct shard_set *once)
{
	shard_set_init(once);
	once->count = sp->held.count;
	for (unsigned i = 1; i <= once->count; i++)
		once->times[i] = sp->held.times[i] > 1 &&
				 sp->merged.times[i] == 1;
}

/* A split that lacks or repeats a shard: an error, or with partial a
 * notice, filed under the shards merged ("shard 1,3/3") as a shard's own
 * notice is, so that merging this report again drops it (merge.c). */
static int check_split(const struct split *sp, int partial, int alone,
		       struct merge_result *res, struct report *r,
		       struct err *e)
{
	struct strbuf missing = STRBUF_INIT, twice = STRBUF_INIT;
	struct strbuf once = STRBUF_INIT, again = STRBUF_INIT;
	struct strbuf where = STRBUF_INIT;
	const char *cmd = sp->command ? sp->command : "?";
	struct shard_set once_set;
	int rc = 0;

	pick(&sp->merged, SHARD_MISSING, &missing);
	if (missing.len)
		strbuf_addstr(&missing, " missing");
	pick(&sp->held, SHARD_REPEATED, &twice);
	if (twice.len)
		strbuf_addstr(&twice, " given more than once");
	merged_once(sp, &once_set);
	pick(&once_set, SHARD_HELD, &once);
	pick(&sp->merged, SHARD_REPEATED, &again);
	if (again.len)
		strbuf_addstr(&again, " counted twice (partial merges that "
			      "both hold it)");
	if ((missing.len || twice.len) && !partial)
		rc = err_set(e, "%s: %s%s%s (--partial merges them all the "
			     "same)", cmd, missing.buf, missing.len &&
			     twice.len ? "; " : "", twice.buf);
	if (once.len && !rc)
		report_add_notice(r, "merge", "%s: %s given more than once; "
				  "merged once", cmd, once.buf);
	if (!rc && !shard_set_complete(&sp->merged)) {
		strbuf_addstr(&where, "shard ");
		shard_set_name(&sp->merged, SHARD_HELD, &where);
		if (alone)
			res->shard = xstrdup(where.buf + 6);
		report_add_notice(r, where.buf, "%s: %s%s%s; this report is "
				  "not the whole run", cmd, missing.buf,
				  missing.len && again.len ? "; " : "",
				  again.buf);
	}
	if (!rc && sp->differ)
		report_add_notice(r, "merge", "%s: the shards counted "
				  "different totals (files or endpoints): "
				  "were they run on the same tree and "
				  "targets?", cmd);
	strbuf_release(&missing);
	strbuf_release(&twice);
	strbuf_release(&once);
	strbuf_release(&again);
	strbuf_release(&where);
	return rc;
}

int merge_check_shards(struct merge_input *ins, size_t n, int partial,
		       struct merge_result *res, struct report *r,
		       struct err *e)
{
	struct split *sps = xcalloc(n ? n : 1, sizeof(*sps));
	size_t nr = 0;
	int rc = 0;

	qsort(ins, n, sizeof(*ins), cmp_input);
	for (size_t i = 0; i < n && !rc; i++)
		if (ins[i].set.count)
			rc = add_to_split(sps, &nr, &ins[i], e);
	for (size_t i = 0; i < nr && !rc; i++) {
		const struct split *sp = &sps[i];

		rc = check_split(sp, partial, nr == 1, res, r, e);
		if (sp->files > sp->own_files)
			res->files_missing += sp->files - sp->own_files;
		if (sp->endpoints > sp->own_endpoints)
			res->endpoints_missing += sp->endpoints -
						  sp->own_endpoints;
	}
	for (size_t i = 0; i < n && !rc; i++)
		if (ins[i].left_out)
			report_add_notice(r, ins[i].path, "holds only shards "
					  "merged already (%s); left out",
					  ins[i].run.shard);
	free(sps);
	return rc;
}

void merge_result_release(struct merge_result *res)
{
	free(res->command);
	free(res->shard);
	memset(res, 0, sizeof(*res));
}
static int has_hash(const struct finding_list *l)
{
	for (size_t i = 0; i < l->nr; i++)
		if (l->items[i].secret_sha256[0])
			return 1;
	return 0;
}

/* A merged report states this run's hash key (docs/json.md), so every
 * secret hash in it must be under that key: a schema 1.x report whose
 * findings hold a plain SHA-256 only cannot be rekeyed (one written with
 * --show-secrets is, as it is read), and a 2.x report under another key
 * would carry hashes no later run reproduces. */
static int check_hashes(const struct merge_input *in, struct err *e)
{
	const char *id = secret_hash_key_id();

	if (in->run.unkeyed_v1)
		return err_set(e, "%s: a schema 1.x report: %lu finding%s "
			       "hold%s a plain SHA-256 of the secret only, "
			       "which cannot be turned into this version's "
			       "keyed hash (hash key %s); run that shard "
			       "again with this version, or merge the 1.x "
			       "reports with the version that wrote them",
			       in->path, in->run.unkeyed_v1,
			       in->run.unkeyed_v1 == 1 ? "" : "s",
			       in->run.unkeyed_v1 == 1 ? "s" : "", id);
	if (!in->rep.hashes_v1 && in->rep.hash_key_id[0] &&
	    strcmp(in->rep.hash_key_id, id) &&
	    (has_hash(&in->rep.findings) || has_hash(&in->rep.stale)))
		return err_set(e, "%s: its secret hashes are under hash key "
			       "%s, this run's under %s; set %s to the key "
			       "the shards were written with", in->path,
			       in->rep.hash_key_id, id, SECRET_HASH_KEY_ENV);
	return 0;
}

int merge_inputs_read(struct merge_input *ins, size_t n,
		      const struct strlist *paths, const struct ruleset *rs,
		      int show_secrets, struct err *e)
{
	for (size_t i = 0; i < n; i++) {
		struct merge_input *in = &ins[i];

		in->path = paths->items[i];
		in->order = i;
		report_init(&in->rep, "merge");
		shard_set_init(&in->set);
		if (report_read_run(in->path, rs, &in->rep, &in->run, e))
			return -1;
		if (in->run.shard && shard_set_parse(in->run.shard, &in->set,
						     e))
			return err_prefix(e, "%s", in->path);
		if (show_secrets && in->run.redacted)
			return err_set(e, "%s: written without "
				       "--show-secrets, it holds secrets "
				       "redacted only; merge it without "
				       "--show-secrets", in->path);
		if (check_hashes(in, e))
			return -1;
	}
	return 0;
}

void merge_inputs_release(struct merge_input *ins, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		report_release(&ins[i].rep);
		report_run_release(&ins[i].run);
	}
	free(ins);
}

