/* scan_run.c - the parallel scan driver; see scan_run.h.
 *
 * One thread walks the roots, from before the rules load (the walk needs
 * none of them), while the workers (this thread among them) take each
 * file as the walk finds it (walk.h's queue), read it in pieces into
 * their own reusable buffer (scan_read.h) and scan it into their own
 * finding list, so the only shared writes are the queue, two counters and
 * the final splice. The
 * walk used to come after the rules and before the scan: on the Linux
 * tree the two took a fifth of the run with one core idle.
 */
#include "scan_run.h"

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "scan_read.h"
#include "walk.h"
#include "lib/progress.h"
#include "lib/shard.h"
#include "lib/strbuf.h"
#include "lib/xalloc.h"


struct worker {
	struct shared *sh;
	struct scanner *scanner;
	struct finding_list found;
	struct report_stats stats;
	struct strlist notice_where, notice_what;
	struct scan_reader reader;
	struct walk_cursor cursor;	/* on the last file's directory */
	pthread_t tid;
	int running;		/* tid is a thread to join */
};

struct shared {
	const struct scan_engine *eng;
	const struct scan_run_opts *o;
	struct walk_list *files;
	atomic_size_t done;
	atomic_ullong bytes;
	struct progress *progress;
};

static void notice(struct worker *w, const char *where, const char *what)
{
	strlist_push(&w->notice_where, where);
	strlist_push(&w->notice_what, what);
}

/* The scanner's notices (a PCRE2 limit hit) join the worker's. */
static void scanner_notice(void *ctx, const char *where, const char *what)
{
	notice(ctx, where, what);
}

/* Scan one walked file in pieces (scan_read.h). An unreadable one is a
 * notice; the walk goes on. */
static void scan_item(struct worker *w, const struct walk_item *it)
{
	unsigned long long before = w->stats.bytes_scanned;
	int fd = walk_cursor_open(&w->cursor, it);
	enum scan_read_result rc = SCAN_READ_ERROR;
	char msg[256];

	if (fd >= 0) {
		scanner_set_root(w->scanner, it->root);
		rc = scan_read_fd(&w->reader, w->scanner, fd, it->rel,
				  w->sh->o->max_file_size, &w->found,
				  &w->stats);
		if (rc == SCAN_READ_ERROR) {
			int saved = errno;

			close(fd);
			errno = saved;
		} else {
			close(fd);
		}
	}
	if (rc == SCAN_READ_OK) {
		w->stats.files_scanned++;
		atomic_fetch_add(&w->sh->bytes,
				 w->stats.bytes_scanned - before);
	} else if (rc == SCAN_READ_ERROR) {
		/* named as findings are, root and all: two roots may
		 * both hold the file */
		struct strbuf where = STRBUF_INIT;

		snprintf(msg, sizeof(msg), "cannot read: %s", strerror(errno));
		report_file_path(it->root, it->rel, &where);
		notice(w, where.buf, msg);
		strbuf_release(&where);
		w->stats.files_unreadable++;
	}
}

static void *work(void *arg)
{
	struct worker *w = arg;
	struct shared *sh = w->sh;
	struct walk_item item;

	while (walk_next(sh->files, &item)) {
		scan_item(w, &item);
		/* the total grows while the walk goes on */
		if (sh->progress->enabled)
			progress_update(sh->progress,
					atomic_fetch_add(&sh->done, 1) + 1,
					atomic_load(&sh->bytes),
					walk_count(sh->files));
	}
	return NULL;
}

/* Exit status 3 comes with its reason in the report. */
static void nothing_scanned(const struct strlist *roots, struct report *r)
{
	struct strbuf where = STRBUF_INIT;

	for (size_t i = 0; i < roots->nr; i++)
		strbuf_addf(&where, "%s%s", i ? " " : "", roots->items[i]);
	report_add_notice(r, where.buf, "nothing was scanned: no readable "
			  "text file under %s", roots->nr > 1 ? "these paths" :
			  "this path");
	strbuf_release(&where);
}

/* A shard says what it left to the others: not a silent drop.
 * authaudit merge drops this notice again (docs/sharding.md). */
static void other_shards(const struct shard *s, struct report *r)
{
	char name[SHARD_NAME_MAX], where[SHARD_NAME_MAX + 8];

	shard_name(s, name, sizeof(name));
	snprintf(where, sizeof(where), "shard %s", name);
	report_add_notice(r, where, "%lu file%s of other shards not scanned "
			  "here ('authaudit merge' combines the shards' "
			  "reports)", r->stats.files_skipped_shard,
			  r->stats.files_skipped_shard == 1 ? "" : "s");
}

static unsigned default_threads(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	return n < 1 ? 1 : n > 64 ? 64 : (unsigned)n;
}

struct scan_walk {
	const struct scan_run_opts *o;
	struct walk_list files;
	struct report r;	/* the walk's own notices and counts, merged
				 * into the run's report at the end */
	pthread_t tid;
	int threaded;
};

/* The walk thread: every root, then the end of the queue. */
static void *walk_all(void *arg)
{
	struct scan_walk *wk = arg;

	for (size_t i = 0; i < wk->o->roots->nr; i++)
		walk_root(wk->o->roots->items[i], wk->o->excludes,
			  wk->o->skip_dir, wk->o->shard,
			  wk->o->no_ignore ? 0 : WALK_GIT_IGNORE, &wk->files,
			  &wk->r);
	walk_finish(&wk->files);
	return NULL;
}

struct scan_walk *scan_walk_start(const struct scan_run_opts *o)
{
	struct scan_walk *wk = xcalloc(1, sizeof(*wk));

	wk->o = o;
	walk_list_init(&wk->files);
	report_init(&wk->r, "walk");
	wk->threaded = !pthread_create(&wk->tid, NULL, walk_all, wk);
	if (!wk->threaded)
		walk_all(wk);	/* no thread to spare: walk first */
	return wk;
}

/* Join the walk; its notices and counts go to r (when not NULL). */
static void walk_end(struct scan_walk *wk, struct report *r)
{
	if (wk->threaded)
		pthread_join(wk->tid, NULL);
	if (r) {
		report_stats_add(&r->stats, &wk->r.stats);
		for (size_t i = 0; i < wk->r.nr_notices; i++)
			report_add_notice(r, wk->r.notices[i].where, "%s",
					  wk->r.notices[i].message);
	}
	walk_list_release(&wk->files);
	report_release(&wk->r);
	free(wk);
}

void scan_walk_abandon(struct scan_walk *wk)
{
	walk_stop(&wk->files);
	walk_end(wk, NULL);
}

/* The self-test distrusted rules: a warning now and a notice in the
 * report, never a silent fallback. */
static void engine_warning(const struct scan_engine *eng, struct report *r)
{
	char msg[512];

	scan_selftest_describe(scan_engine_selftest(eng), msg, sizeof(msg));
	if (!*msg)
		return;
	fprintf(stderr, "authaudit: warning: %s\n", msg);
	report_add_notice(r, "matcher", "%s", msg);
}

size_t scan_run(struct scan_walk *wk, const struct scan_engine *eng,
		struct report *r)
{
	const struct scan_run_opts *o = wk->o;
	struct shared sh = { 0 };
	struct progress progress;
	struct worker *ws;
	unsigned nt = o->threads ? o->threads : default_threads();

	engine_warning(eng, r);
	progress_init(&progress, o->progress);
	sh.eng = eng;
	sh.o = o;
	sh.files = &wk->files;
	sh.progress = &progress;
	ws = xcalloc(nt, sizeof(*ws));
	for (unsigned t = 0; t < nt; t++) {
		ws[t].sh = &sh;
		ws[t].scanner = scanner_new(eng);
		scanner_set_inline_allow(ws[t].scanner, o->inline_allow);
		scanner_set_notice(ws[t].scanner, scanner_notice, &ws[t]);
		finding_list_init(&ws[t].found);
		scan_reader_init(&ws[t].reader);
		walk_cursor_init(&ws[t].cursor);
	}
	/* worker 0 is this thread; one that cannot start leaves its share
	 * to the others */
	for (unsigned t = 1; t < nt; t++)
		ws[t].running = !pthread_create(&ws[t].tid, NULL, work,
						&ws[t]);
	work(&ws[0]);
	for (unsigned t = 1; t < nt; t++)
		if (ws[t].running)
			pthread_join(ws[t].tid, NULL);
	progress_done(&progress);
	/* the walk's notices come first, as it found them first */
	walk_end(wk, r);
	for (unsigned t = 0; t < nt; t++) {
		struct worker *w = &ws[t];

		finding_list_splice(&r->findings, &w->found);
		finding_list_release(&w->found);
		report_stats_add(&r->stats, &w->stats);
		for (size_t i = 0; i < w->notice_where.nr; i++)
			report_add_notice(r, w->notice_where.items[i], "%s",
					  w->notice_what.items[i]);
		strlist_release(&w->notice_where);
		strlist_release(&w->notice_what);
		scan_reader_release(&w->reader);
		walk_cursor_release(&w->cursor);
		scanner_free(w->scanner);
	}
	free(ws);
	if (!r->stats.files_scanned && !r->stats.files_skipped_shard)
		nothing_scanned(o->roots, r);
	if (o->shard && o->shard->count)
		other_shards(o->shard, r);
	return r->stats.files_scanned + r->stats.files_skipped_shard;
}
