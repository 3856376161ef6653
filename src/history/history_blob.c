/* history_blob.c - the fifth stage of a history scan (history.h): read
 * and scan every blob once, on a pool of threads. Each worker takes the
 * next run of blobs in pack order (history_pack.c) and reads them through
 * an object database of its own, so its delta-base cache follows its own
 * run and no lock is shared; inflating and applying deltas happen here,
 * on the workers, as reading files does in a directory scan. A blob in
 * a pack is read by our own reader (history_packread.c), libgit2 reads
 * the rest and whatever that reader cannot resolve.
 *
 * A blob with several paths is scanned once for each group of paths on
 * which the same rules apply (scan_engine_paths_agree: `paths:` filters,
 * client-side paths); the scanner repeats each finding at every path of
 * the group (scanner_set_aliases). Mostly a blob has one group.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "history_internal.h"
#include "lib/progress.h"
#include "lib/strbuf.h"
#include "lib/xalloc.h"
#include "scan/scan_read.h"

struct pool {
	struct history *h;
	const struct scan_engine *eng;
	atomic_size_t next;		/* the next run starts here */
	size_t run;			/* blobs a worker takes at once */
	atomic_size_t done;
	atomic_ullong bytes;
	struct progress *progress;
};

struct worker {
	struct pool *p;
	git_odb *odb;
	git_odb_object *obj;		/* the blob libgit2 read */
	struct history_pack_reader *reader;	/* NULL: libgit2 only */
	struct scanner *scanner;
	struct finding_list found;
	struct history_hit *hits;
	size_t nr_hits, alloc_hits;
	struct report_stats stats;
	unsigned long missing;
	struct strlist notice_where, notice_what;
	struct history_path **pairs;	/* this blob's, grouped */
	size_t alloc_pairs;
	const char **aliases;
	size_t alloc_aliases;
	size_t *by_fp;			/* findings of the blob, sorted */
	size_t alloc_by_fp;
	pthread_t tid;
	int running;
};

static void notice(struct worker *w, const char *where, const char *what)
{
	strlist_push(&w->notice_where, where);
	strlist_push(&w->notice_what, what);
}

static void scanner_notice(void *ctx, const char *where, const char *what)
{
	notice(ctx, where, what);
}

/* Group the names of every blob with several paths by the rules that
 * apply there; one thread, before the workers start. */
static void classify(struct history *h, const struct scan_engine *eng)
{
	struct history_table *t = &h->t;
	const struct history_name **reps = NULL;
	size_t nr = 0, alloc = 0;

	for (size_t b = 0; b < t->nr_blobs; b++) {
		if (t->blobs[b].nr_paths < 2)
			continue;
		for (uint32_t p = t->blobs[b].first; p != HISTORY_NONE;
		     p = t->paths[p].next) {
			struct history_name *nm =
				(struct history_name *)t->paths[p].path;
			size_t k;

			if (nm->cls != HISTORY_NONE)
				continue;
			for (k = 0; k < nr; k++)
				if (scan_engine_paths_agree(eng, reps[k]->str,
							    nm->str))
					break;
			if (k == nr) {
				ALLOC_GROW(reps, nr, alloc);
				reps[nr++] = nm;
			}
			nm->cls = (uint32_t)k;
		}
	}
	free(reps);
}

static int by_class(const void *a, const void *b)
{
	const struct history_path *x = *(struct history_path *const *)a;
	const struct history_path *y = *(struct history_path *const *)b;

	if (x->path->cls != y->path->cls)
		return x->path->cls < y->path->cls ? -1 : 1;
	return strcmp(x->path->str, y->path->str);
}

/* Findings of one blob by fingerprint, then order found. */
static int by_fingerprint(const void *a, const void *b, void *ctx)
{
	const struct finding_list *l = ctx;
	size_t i = *(const size_t *)a, j = *(const size_t *)b;
	int c = strcmp(l->items[i].fingerprint, l->items[j].fingerprint);

	if (c)
		return c;
	return i < j ? -1 : i > j;
}

/* The pair of the group pairs[0..n) a finding at path belongs to. */
static struct history_path *pair_of(struct history_path *const *pairs,
				    size_t n, const char *path)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(pairs[i]->path->str, path))
			return pairs[i];
	return pairs[0];
}

/* Each finding of the blob from `first` on gets its hit: its pair's
 * commit and tip, and its ordinal among the blob's findings of the same
 * fingerprint (the same secret twice in one file is two findings). */
static void attribute(struct worker *w, size_t first, size_t nr_pairs)
{
	struct finding_list *l = &w->found;
	size_t n = l->nr - first;

	if (w->alloc_by_fp < n) {
		free(w->by_fp);
		w->alloc_by_fp = n;
		w->by_fp = xcalloc(n, sizeof(*w->by_fp));
	}
	for (size_t i = 0; i < n; i++)
		w->by_fp[i] = first + i;
	qsort_r(w->by_fp, n, sizeof(*w->by_fp), by_fingerprint, l);
	while (w->alloc_hits < l->nr) {
		w->alloc_hits = w->alloc_hits ? 2 * w->alloc_hits : 64;
		w->hits = xrealloc(w->hits, w->alloc_hits * sizeof(*w->hits));
	}
	for (size_t k = 0; k < n; k++) {
		size_t i = w->by_fp[k];
		const struct finding *f = &l->items[i];
		struct history_path *p = pair_of(w->pairs, nr_pairs, f->path);
		struct history_hit *hit = &w->hits[i];

		hit->commit = p->commit;
		hit->at_tip = p->at_tip;
		hit->ordinal = k && !strcmp(l->items[w->by_fp[k - 1]].fingerprint,
					    f->fingerprint) ?
			       w->hits[w->by_fp[k - 1]].ordinal + 1 : 0;
	}
	w->nr_hits = l->nr;
}

/* Scan the blob's bytes once per group of paths that agree. */
static void scan_groups(struct worker *w, const char *data, size_t len,
			size_t nr_pairs)
{
	const char *root = w->p->h->root;

	qsort(w->pairs, nr_pairs, sizeof(*w->pairs), by_class);
	scanner_set_root(w->scanner, root);
	for (size_t g = 0, end; g < nr_pairs; g = end) {
		size_t na = 0;

		for (end = g + 1; end < nr_pairs &&
		     w->pairs[end]->path->cls == w->pairs[g]->path->cls; end++) {
			ALLOC_GROW(w->aliases, na, w->alloc_aliases);
			w->aliases[na++] = w->pairs[end]->path->str;
		}
		scanner_set_aliases(w->scanner, w->aliases, na);
		scanner_scan(w->scanner, w->pairs[g]->path->str, data, len,
			     &w->found, &w->stats);
	}
	scanner_set_aliases(w->scanner, NULL, 0);
}

static void missing_blob(struct worker *w, const struct history_blob *hb,
			 const struct history_path *p)
{
	const struct history *h = w->p->h;
	struct strbuf where = STRBUF_INIT, what = STRBUF_INIT;
	char hex[GIT_OID_HEXSZ + 1], commit[GIT_OID_HEXSZ + 1] = "";

	git_oid_tostr(hex, sizeof(hex), &hb->id);
	if (HISTORY_IS_COMMIT(p->commit))
		git_oid_tostr(commit, sizeof(commit),
			      &h->t.commits[p->commit].id);
	report_file_path(h->root, p->path->str, &where);
	strbuf_addf(&what, "missing object %s (blob%s%.12s): not scanned; "
		    "the repository lacks it (a partial or damaged clone?)",
		    hex, *commit ? " introduced by commit " : "", commit);
	notice(w, where.buf, what.buf);
	w->missing++;
	w->stats.files_unreadable++;
	strbuf_release(&where);
	strbuf_release(&what);
}

/* The blob's bytes through libgit2: 0, 1 when over max (skipped), -1
 * when the repository lacks it (noticed). */
static int read_odb(struct worker *w, const struct history_blob *hb,
		    const char **data, size_t *len)
{
	const struct history_table *t = &w->p->h->t;
	unsigned long long max = w->p->h->o->max_file_size;
	git_object_t type;

	/* the size first: a blob over the limit is never inflated */
	if (git_odb_read_header(len, &type, w->odb, &hb->id)) {
		missing_blob(w, hb, &t->paths[hb->first]);
		return -1;
	}
	if (max && *len > max)
		return 1;
	if (git_odb_read(&w->obj, w->odb, &hb->id)) {
		missing_blob(w, hb, &t->paths[hb->first]);
		return -1;
	}
	*data = git_odb_object_data(w->obj);
	*len = git_odb_object_size(w->obj);
	return 0;
}

/* The blob's bytes: from its pack by our own reader when it is in one,
 * else (or when the reader cannot resolve it) through libgit2. */
static int read_blob(struct worker *w, const struct history_blob *hb,
		     const char **data, size_t *len)
{
	unsigned long long max = w->p->h->o->max_file_size;
	const unsigned char *bytes;
	int type, rc;

	if (!w->reader || hb->order == HISTORY_PACK_NOWHERE)
		return read_odb(w, hb, data, len);
	rc = history_pack_reader_read(w->reader, hb->order,
				      max > SIZE_MAX ? 0 : (size_t)max, &type,
				      &bytes, len);
	if (rc == HISTORY_PACK_READ_TOO_LARGE)
		return 1;
	if (rc != HISTORY_PACK_READ_OK || type != HISTORY_PACK_BLOB)
		return read_odb(w, hb, data, len);
	*data = (const char *)bytes;
	return 0;
}

static void scan_blob(struct worker *w, uint32_t b)
{
	struct history_table *t = &w->p->h->t;
	const struct history_blob *hb = &t->blobs[b];
	const char *data;
	size_t len, n = 0, first = w->found.nr;
	int rc;

	if (hb->first == HISTORY_NONE)
		return;
	rc = read_blob(w, hb, &data, &len);
	if (rc > 0)
		w->stats.files_skipped_size++;
	if (rc)
		goto out;
	if (memchr(data, '\0', len < SCAN_BINARY_SNIFF ? len :
			       SCAN_BINARY_SNIFF)) {
		w->stats.files_skipped_binary++;
		goto out;
	}
	if (w->alloc_pairs < hb->nr_paths) {
		free(w->pairs);
		w->alloc_pairs = hb->nr_paths;
		w->pairs = xcalloc(w->alloc_pairs, sizeof(*w->pairs));
	}
	for (uint32_t p = hb->first; p != HISTORY_NONE; p = t->paths[p].next)
		w->pairs[n++] = &t->paths[p];
	if (len)
		scan_groups(w, data, len, n);
	w->stats.files_scanned++;
	w->stats.bytes_scanned += len;
	atomic_fetch_add(&w->p->bytes, len);
	if (w->found.nr > first)
		attribute(w, first, n);
out:
	git_odb_object_free(w->obj);
	w->obj = NULL;
}

static void *work(void *arg)
{
	struct worker *w = arg;
	struct pool *p = w->p;
	const struct history *h = p->h;

	for (;;) {
		size_t at = atomic_fetch_add(&p->next, p->run), end;

		if (at >= h->nr_order)
			break;
		end = at + p->run < h->nr_order ? at + p->run : h->nr_order;
		for (size_t i = at; i < end; i++) {
			scan_blob(w, h->order[i]);
			if (p->progress->enabled)
				progress_update(p->progress,
						atomic_fetch_add(&p->done, 1) +
						1, atomic_load(&p->bytes),
						h->nr_order);
		}
	}
	return NULL;
}

static unsigned default_threads(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	return n < 1 ? 1 : n > 64 ? 64 : (unsigned)n;
}

/* A worker's own object database: its own pack windows and delta-base
 * cache. The repository's, shared, when that cannot be opened. */
static void open_odb(struct worker *w)
{
	struct strbuf objects = STRBUF_INIT;
	git_repository *repo = w->p->h->repo;

	strbuf_addf(&objects, "%sobjects", git_repository_commondir(repo));
	if (git_odb_open(&w->odb, objects.buf))
		git_repository_odb(&w->odb, repo);
	strbuf_release(&objects);
}

/* Hand a worker's findings, hits, counts and notices over. */
static void worker_end(struct worker *w, struct history_found *out,
		       struct report *r)
{
	size_t base = out->findings.nr;

	finding_list_splice(&out->findings, &w->found);
	if (out->alloc_hits < base + w->nr_hits) {
		out->alloc_hits = base + w->nr_hits;
		out->hits = xrealloc(out->hits, out->alloc_hits *
				     sizeof(*out->hits));
	}
	if (w->nr_hits)
		memcpy(out->hits + base, w->hits,
		       w->nr_hits * sizeof(*w->hits));
	out->nr_hits = base + w->nr_hits;
	report_stats_add(&r->stats, &w->stats);
	w->p->h->facts->missing += w->missing;
	for (size_t i = 0; i < w->notice_where.nr; i++)
		report_add_notice(r, w->notice_where.items[i], "%s",
				  w->notice_what.items[i]);
	strlist_release(&w->notice_where);
	strlist_release(&w->notice_what);
	finding_list_release(&w->found);
	scanner_free(w->scanner);
	history_pack_reader_free(w->reader);
	git_odb_free(w->odb);
	free(w->hits);
	free(w->pairs);
	free(w->aliases);
	free(w->by_fp);
}

void history_blobs_scan(struct history *h, const struct scan_engine *eng,
			struct history_found *out, struct report *r)
{
	unsigned nt = h->o->threads ? h->o->threads : default_threads();
	struct progress progress;
	struct pool p = { 0 };
	struct worker *ws;
	/* AUTHAUDIT_HISTORY_LIBGIT2=1: every blob through libgit2, the
	 * slow and obvious path the differential tests compare with */
	const char *env = getenv("AUTHAUDIT_HISTORY_LIBGIT2");
	int own_reader = h->packs && !(env && *env && strcmp(env, "0"));

	classify(h, eng);
	progress_init(&progress, h->o->progress);
	p.h = h;
	p.eng = eng;
	p.progress = &progress;
	/* runs long enough to keep a delta's base in the same worker, short
	 * enough that no worker is left with the last big one alone: on
	 * curl's history, 4 runs a worker took 9.6 s, 16 took 10.0 s, and
	 * one (halves, for two threads) 9.5 s but balances worst */
	p.run = h->nr_order / (nt * 4u);
	if (p.run < 16)
		p.run = 16;
	if (nt > 1 && h->nr_order < nt * p.run)
		nt = (unsigned)(h->nr_order / p.run) + 1;
	ws = xcalloc(nt, sizeof(*ws));
	for (unsigned t = 0; t < nt; t++) {
		ws[t].p = &p;
		ws[t].scanner = scanner_new(eng);
		scanner_set_inline_allow(ws[t].scanner, h->o->inline_allow);
		scanner_set_notice(ws[t].scanner, scanner_notice, &ws[t]);
		finding_list_init(&ws[t].found);
		open_odb(&ws[t]);
		if (own_reader)
			ws[t].reader = history_pack_reader_new(h->packs, 0);
	}
	for (unsigned t = 1; t < nt; t++)
		ws[t].running = !pthread_create(&ws[t].tid, NULL, work,
						&ws[t]);
	work(&ws[0]);
	for (unsigned t = 1; t < nt; t++)
		if (ws[t].running)
			pthread_join(ws[t].tid, NULL);
	progress_done(&progress);
	for (unsigned t = 0; t < nt; t++)
		worker_end(&ws[t], out, r);
	free(ws);
}
