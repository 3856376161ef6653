/* history.c - a history scan from end to end (history.h): open, walk on
 * a thread while the rules load, scan the blobs, then keep one finding
 * per rule, path, secret and occurrence, attributed to the earliest
 * commit that introduced it there, and say whether its secret is still
 * at a scanned tip.
 *
 * A secret that lives on through later edits of its file is in every
 * later blob of that file; it is reported once, at the commit that
 * brought it, not once per edit. Fingerprints never hold the commit
 * (finding.c), so a baseline from a history scan suppresses the same
 * secret in the next one and in a directory scan.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "history_internal.h"
#include "lib/duration.h"
#include "lib/shard.h"
#include "lib/strbuf.h"
#include "lib/xalloc.h"

/* Trees are read again and again by the diffs (a parent's by its
 * children); commits once. libgit2 caches trees of at most 4 KiB by
 * default, fewer than a source tree's directories are. The cache's
 * total is a trade: on curl's history 256 MiB made the peak RSS 790 MB,
 * 64 MiB 400 MB for 2.5 s more CPU in the walk. */
#define TREE_CACHE_OBJECT (1u << 20)
#define CACHE_TOTAL (128u << 20)

static void git_setup(void)
{
	git_libgit2_init();
	/* libgit2 hashes every object it reads to check its id by default;
	 * git does not on read, and on a 3 GB history it is a third of
	 * the time (a SHA-1 over every byte). */
	git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
	git_libgit2_opts(GIT_OPT_SET_CACHE_OBJECT_LIMIT, GIT_OBJECT_TREE,
			 (size_t)TREE_CACHE_OBJECT);
	git_libgit2_opts(GIT_OPT_SET_CACHE_MAX_SIZE, (ssize_t)CACHE_TOTAL);
}

int history_open(struct history **out, const struct history_opts *o,
		 struct err *e)
{
	struct history *h = xcalloc(1, sizeof(*h));

	git_setup();
	h->o = o;
	report_init(&h->prep, "history");
	h->facts = xcalloc(1, sizeof(*h->facts));
	history_table_init(&h->t);
	if (history_refs_open(h, e)) {
		history_free(h);
		return -1;
	}
	h->facts->since = o->since ? xstrdup(o->since) : NULL;
	h->facts->until = o->until ? xstrdup(o->until) : NULL;
	h->facts->tips = h->nr_tips;
	*out = h;
	return 0;
}

static void prepare(struct history *h)
{
	if (h->o->mode == HISTORY_STAGED) {
		history_walk_staged(h);
	} else {
		history_walk(h);
		history_tips_mark(h);
	}
	history_pack_order(h);
	h->prepared = 1;
}

static void *prepare_thread(void *arg)
{
	prepare(arg);
	return NULL;
}

void history_start(struct history *h)
{
	h->threaded = !pthread_create(&h->tid, NULL, prepare_thread, h);
}

static void prepare_wait(struct history *h)
{
	if (h->threaded) {
		pthread_join(h->tid, NULL);
		h->threaded = 0;
	}
	if (!h->prepared)
		prepare(h);	/* no thread to spare, or never started */
}

int history_may_be_empty(const struct history *h)
{
	return h->o->mode != HISTORY_ALL;
}

void history_free(struct history *h)
{
	if (!h)
		return;
	if (h->threaded)
		pthread_join(h->tid, NULL);
	history_table_release(&h->t);
	free(h->order);
	history_packs_free(h->packs);
	report_release(&h->prep);
	report_history_free(h->facts);
	free(h->root);
	history_refs_release(h);
	free(h);
	git_libgit2_shutdown();
}

/* Is commit a (of t) earlier than b? HEAD's blob (HISTORY_BASE) comes
 * before everything, staged (HISTORY_NONE) after. */
static int earlier(const struct history_table *t, uint32_t a, uint32_t b)
{
	const struct history_commit *x, *y;

	if (a == b || b == HISTORY_BASE || a == HISTORY_NONE)
		return 0;
	if (a == HISTORY_BASE || b == HISTORY_NONE)
		return 1;
	x = &t->commits[a];
	y = &t->commits[b];
	if (x->time != y->time)
		return x->time < y->time;
	if (x->ctime != y->ctime)
		return x->ctime < y->ctime;
	return git_oid_cmp(&x->id, &y->id) < 0;
}

struct keeper {
	const struct history_table *t;
	const struct history_found *found;
};

/* By fingerprint and ordinal, the earliest commit first. */
static int by_key(const void *a, const void *b, void *ctx)
{
	const struct keeper *k = ctx;
	size_t i = *(const size_t *)a, j = *(const size_t *)b;
	const struct history_hit *x = &k->found->hits[i];
	const struct history_hit *y = &k->found->hits[j];
	int c = strcmp(k->found->findings.items[i].fingerprint,
		       k->found->findings.items[j].fingerprint);

	if (c)
		return c;
	if (x->ordinal != y->ordinal)
		return x->ordinal < y->ordinal ? -1 : 1;
	if (earlier(k->t, x->commit, y->commit))
		return -1;
	if (earlier(k->t, y->commit, x->commit))
		return 1;
	return i < j ? -1 : i > j;
}

/* A tip's key: copied, as the findings it came from move. */
struct tip_key {
	char hex[65];
};

static int cmp_key(const void *a, const void *b)
{
	return strcmp(((const struct tip_key *)a)->hex,
		      ((const struct tip_key *)b)->hex);
}

/* What identifies a finding's secret at a tip: the secret's hash, or,
 * for a finding without one, its fingerprint. */
static const char *tip_key(const struct finding *f)
{
	return f->secret_sha256[0] ? f->secret_sha256 : f->fingerprint;
}

static struct finding_commit *commit_of(const struct history_table *t,
					uint32_t c)
{
	const struct history_commit *hc = &t->commits[c];
	struct finding_commit *fc = xcalloc(1, sizeof(*fc));

	git_oid_tostr(fc->id, sizeof(fc->id), &hc->id);
	fc->author = xstrdup(hc->author ? hc->author->str : "");
	fc->email = xstrdup(hc->email ? hc->email->str : "");
	fc->time = hc->time;
	fc->offset = hc->offset;
	return fc;
}

/* One finding per fingerprint and ordinal, the earliest commit's, with
 * its presence, into r; the rest are released. */
static void keep_earliest(struct history *h, struct history_found *found,
			  struct report *r)
{
	struct finding_list *l = &found->findings;
	struct keeper k = { &h->t, found };
	size_t *ix = xcalloc(l->nr ? l->nr : 1, sizeof(*ix));
	char kept[65] = "";
	struct tip_key *tips = xcalloc(l->nr ? l->nr : 1, sizeof(*tips));
	size_t nr_tips = 0;

	for (size_t i = 0; i < l->nr; i++) {
		ix[i] = i;
		if (found->hits[i].at_tip)
			snprintf(tips[nr_tips++].hex, sizeof(tips->hex), "%s",
				 tip_key(&l->items[i]));
	}
	qsort(tips, nr_tips, sizeof(*tips), cmp_key);
	qsort_r(ix, l->nr, sizeof(*ix), by_key, &k);
	for (size_t n = 0; n < l->nr; n++) {
		struct finding *f = &l->items[ix[n]];
		const struct history_hit *hit = &found->hits[ix[n]];
		struct tip_key key;

		/* a later commit's: released below (the kept one moved out
		 * but keeps its fingerprint in `kept`) */
		if (n && found->hits[ix[n - 1]].ordinal == hit->ordinal &&
		    !strcmp(kept, f->fingerprint))
			continue;
		snprintf(kept, sizeof(kept), "%s", f->fingerprint);
		snprintf(key.hex, sizeof(key.hex), "%s", tip_key(f));
		/* what HEAD held already is not the staged change's */
		if (hit->commit == HISTORY_BASE)
			continue;
		if (hit->commit == HISTORY_NONE)
			f->presence = PRESENCE_STAGED;
		else
			f->presence = bsearch(&key, tips, nr_tips,
					      sizeof(*tips), cmp_key) ?
				      PRESENCE_TIP : PRESENCE_HISTORY;
		if (HISTORY_IS_COMMIT(hit->commit))
			f->commit = commit_of(&h->t, hit->commit);
		finding_list_add(&r->findings, f, NULL);
	}
	free(tips);
	free(ix);
	finding_list_release(l);	/* what was not moved */
	free(found->hits);
}

/* The self-test distrusted rules: a warning now and a notice, as a
 * directory scan gives. */
static void engine_warning(const struct scan_engine *eng, struct report *r)
{
	char msg[512];

	scan_selftest_describe(scan_engine_selftest(eng), msg, sizeof(msg));
	if (!*msg)
		return;
	fprintf(stderr, "authaudit: warning: %s\n", msg);
	report_add_notice(r, "matcher", "%s", msg);
}

size_t history_scan(struct history *h, const struct scan_engine *eng,
		    struct report *r)
{
	struct history_found found = { 0 };

	engine_warning(eng, r);
	prepare_wait(h);
	/* the walk's notices first, as it found them first */
	report_stats_add(&r->stats, &h->prep.stats);
	for (size_t i = 0; i < h->prep.nr_notices; i++)
		report_add_notice(r, h->prep.notices[i].where, "%s",
				  h->prep.notices[i].message);
	h->facts->blobs = h->t.nr_blobs;
	h->facts->paths = h->t.nr_paths;
	finding_list_init(&found.findings);
	history_blobs_scan(h, eng, &found, r);
	keep_earliest(h, &found, r);
	if (!r->stats.files_scanned && !r->stats.files_skipped_shard &&
	    h->o->mode == HISTORY_ALL)
		report_add_notice(r, h->o->path, "nothing was scanned: no "
				  "commit of these refs holds a readable text "
				  "file");
	if (h->o->shard && h->o->shard->count) {
		char name[SHARD_NAME_MAX], where[SHARD_NAME_MAX + 8];

		shard_name(h->o->shard, name, sizeof(name));
		snprintf(where, sizeof(where), "shard %s", name);
		report_add_notice(r, where, "%lu path%s of other shards not "
				  "scanned here ('authaudit merge' combines "
				  "the shards' reports)",
				  r->stats.files_skipped_shard,
				  r->stats.files_skipped_shard == 1 ? "" : "s");
	}
	if (r->history) {
		/* an audit's second repository: the counts add up, the
		 * first one's names stay */
		struct report_history *to = r->history, *f = h->facts;

		to->tips += f->tips;
		to->commits += f->commits;
		to->blobs += f->blobs;
		to->paths += f->paths;
		to->gitlinks += f->gitlinks;
		to->missing += f->missing;
	} else {
		r->history = h->facts;
		h->facts = NULL;
	}
	return r->stats.files_scanned + r->stats.files_skipped_shard;
}

/* "+01:00", "+0100", "Z" or nothing (UTC) into seconds east. */
static int zone(const char *s, long *east)
{
	int hh, mm, n = 0;

	*east = 0;
	if (!*s || !strcmp(s, "Z"))
		return 0;
	if ((*s != '+' && *s != '-') ||
	    (sscanf(s + 1, "%2d:%2d%n", &hh, &mm, &n) != 2 &&
	     sscanf(s + 1, "%2d%2d%n", &hh, &mm, &n) != 2) || s[1 + n] ||
	    hh > 14 || mm > 59)
		return -1;
	*east = (hh * 3600L + mm * 60L) * (*s == '-' ? -1 : 1);
	return 0;
}

int history_parse_date(const char *s, long long now, int end_of_day,
		       long long *out, struct err *e)
{
	struct tm tm = { 0 };
	long secs, east = 0;
	int n = 0, y, mo, d, hh = 0, mi = 0, ss = 0;
	char extra;

	if (s[0] == '@' && sscanf(s + 1, "%lld%n", out, &n) == 1 && !s[1 + n] &&
	    *out >= 0)
		return 0;
	if (!parse_duration(s, &secs)) {
		*out = now - secs;
		return 0;
	}
	if (sscanf(s, "%4d-%2d-%2d%n", &y, &mo, &d, &n) == 3 && !s[n]) {
		if (end_of_day) {
			hh = 23;
			mi = ss = 59;
		}
	} else if (sscanf(s, "%4d-%2d-%2d%c%2d:%2d%n", &y, &mo, &d, &extra, &hh,
			  &mi, &n) == 6 && (extra == 'T' || extra == ' ')) {
		int m = 0;

		if (s[n] == ':' && sscanf(s + n + 1, "%2d%n", &ss, &m) == 1)
			n += 1 + m;
		if (zone(s + n, &east))
			goto bad;
	} else {
		goto bad;
	}
	if (mo < 1 || mo > 12 || d < 1 || d > 31 || hh > 23 || mi > 59 ||
	    ss > 60 || y < 1970)
		goto bad;
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = hh;
	tm.tm_min = mi;
	tm.tm_sec = ss;
	*out = (long long)timegm(&tm) - east;
	return 0;
bad:
	return err_set(e, "'%s' is not a date: give 2024-03-01, "
		       "2024-03-01T10:00:00Z (or +01:00), @SECONDS or a "
		       "duration before now such as 90d", s);
}
