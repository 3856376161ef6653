/* walk.h - the target walker: roots given on the command line -> the list
 * of regular files to scan.
 *
 * It never follows a symlink below a root (a link inside the root reaches
 * nothing the walk does not reach anyway; one outside must not be read),
 * so it cannot loop; a root itself, named by the user, is followed. It
 * skips FIFOs, sockets and devices, version-control directories and
 * --exclude globs, counting each in the report's stats, and reports
 * unreadable directories as notices. With --shard it keeps the files of
 * its shard only (by their path as reported) and counts the rest.
 *
 * The list is a queue between threads: one thread walks (walk_root for
 * each root, then walk_finish) while others take files as they come
 * (walk_next), so scanning starts with the first directory, not after the
 * last. walk_root's notices and counts go to the report, which nobody
 * else may touch until the walk is finished.
 * Ownership: a walk_list owns its strings; walk_list_release() frees them
 * once no thread uses the list any more.
 */
#ifndef AUTHAUDIT_WALK_H
#define AUTHAUDIT_WALK_H

#include <pthread.h>
#include <stddef.h>

#include "report.h"
#include "strlist.h"

struct shard;

#define WALK_NO_DIR ((size_t)-1)

struct walk_item {
	char *name;		/* to open: relative to dirs[dir], or, when
				 * dir is WALK_NO_DIR, a root file as named
				 * (opened following a link) */
	size_t dir;		/* index into walk_list.dirs */
	char *rel;		/* as reported: relative to the root */
	const char *root;	/* the root as given (borrowed); NULL for
				 * "." and for a file named directly */
};

struct walk_list {
	struct walk_item *items;
	size_t nr, alloc;
	struct strlist dirs;	/* every directory walked, by path; files
				 * are opened relative to theirs (openat) */
	size_t next;		/* the first item no one has taken */
	int done;		/* walk_finish() was called */
	int stop;		/* walk_stop(): give up (atomic) */
	pthread_mutex_t lock;	/* items, dirs, next, done */
	pthread_cond_t more;	/* an item came, or the walk ended */
};

void walk_list_init(struct walk_list *l);
/* Add root's files to out: with shard set (shard.h; NULL: all), only
 * that shard's, counting the others' in stats.files_skipped_shard. The
 * directory skip_dir (NULL: none) is never entered wherever it stands
 * below the root, and counts as excluded. -1 when the root itself cannot
 * be read (a notice says why); problems below it are notices and the walk
 * goes on. */
int walk_root(const char *root, const struct strlist *excludes,
	      const char *skip_dir, const struct shard *shard,
	      struct walk_list *out, struct report *r);
/* No more roots: walk_next() returns 0 once the queue is empty. */
void walk_finish(struct walk_list *l);
/* Take the next file, waiting for the walker if need be: 1 with *it a
 * copy (its strings still owned by the list) and *dir the path of its
 * directory (NULL for a root file), 0 when the walk is over and every
 * file taken. */
int walk_next(struct walk_list *l, struct walk_item *it, const char **dir);
/* Ask the walker to give up soon (the run will not scan). */
void walk_stop(struct walk_list *l);
/* Files found so far. */
size_t walk_count(struct walk_list *l);
/* root is borrowed by the items: it must outlive the list. */
void walk_list_release(struct walk_list *l);

#endif
