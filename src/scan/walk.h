/* walk.h - the target walker: roots given on the command line -> the list
 * of regular files to scan.
 *
 * It never follows a symlink below a root (a link inside the root reaches
 * nothing the walk does not reach anyway; one outside must not be read),
 * so it cannot loop; a root itself, named by the user, is followed. It
 * skips FIFOs, sockets and devices, version-control directories,
 * --exclude globs and, with WALK_GIT_IGNORE, what git ignores
 * (walk_ignore.h), counting each in the report's stats, and reports
 * unreadable directories as notices. With --shard it keeps the files of
 * its shard only (by their path as reported) and counts the rest.
 *
 * Depth is not limited by PATH_MAX: no system call is given more than one
 * component below a root. The walk opens each directory from its parent's
 * descriptor, keeps descriptors for its WALK_HELD_FDS deepest ancestors
 * only, and comes back up to the others by "..", each step checked to be
 * the directory it walked (walk_cursor.c). Workers reach an item's
 * directory the same way, with one descriptor each (struct walk_cursor).
 *
 * The list is a queue between threads: one thread walks (walk_root for
 * each root, then walk_finish) while others take files as they come
 * (walk_next), so scanning starts with the first directory, not after the
 * last. walk_root's notices and counts go to the report, which nobody
 * else may touch until the walk is finished.
 * Ownership: a walk_list owns its strings and directory records;
 * walk_list_release() frees them once no thread uses the list any more.
 * A walk_cursor owns its descriptor; walk_cursor_release() closes it.
 */
#ifndef AUTHAUDIT_WALK_H
#define AUTHAUDIT_WALK_H

#include <pthread.h>
#include <stddef.h>
#include <sys/types.h>

#include "core/report.h"
#include "lib/strlist.h"

struct shard;

/* Directory descriptors the walker keeps open, deepest first: below them
 * a return costs one verified "..". Workers hold one each (walk_cursor). */
#define WALK_HELD_FDS 16

/* A directory the walk read: how to find it again, one component at a
 * time, and what it was (dev, ino), so that a directory moved or swapped
 * since is not taken for it. Never changed once made. */
struct walk_dir {
	const struct walk_dir *parent;	/* NULL: a root */
	size_t depth;			/* 0 at a root */
	dev_t dev;
	ino_t ino;
	char name[];			/* in parent; a root: as given */
};

struct walk_item {
	char *name;		/* to open: in dir, or, when dir is NULL, a
				 * root file as named (opened following a
				 * link) */
	const struct walk_dir *dir;	/* owned by the list */
	char *rel;		/* as reported: relative to the root, of any
				 * length */
	const char *root;	/* the root as given (borrowed); NULL for
				 * "." and for a file named directly */
};

struct walk_list {
	struct walk_item *items;
	size_t nr, alloc;
	struct walk_dir **dirs;	/* every directory walked; only the walking
				 * thread adds, items point into it */
	size_t nr_dirs, alloc_dirs;
	size_t next;		/* the first item no one has taken */
	int done;		/* walk_finish() was called */
	int stop;		/* walk_stop(): give up (atomic) */
	pthread_mutex_t lock;	/* items, next, done */
	pthread_cond_t more;	/* an item came, or the walk ended */
};

/* walk_root's flags */
enum {
	WALK_GIT_IGNORE = 1	/* skip what git's ignore rules ignore */
};

void walk_list_init(struct walk_list *l);
/* Add root's files to out: with shard set (shard.h; NULL: all), only
 * that shard's, counting the others' in stats.files_skipped_shard. The
 * directory skip_dir (NULL: none) is never entered wherever it stands
 * below the root, and counts as excluded. -1 when the root itself cannot
 * be read (a notice says why); problems below it are notices and the walk
 * goes on. */
int walk_root(const char *root, const struct strlist *excludes,
	      const char *skip_dir, const struct shard *shard, unsigned flags,
	      struct walk_list *out, struct report *r);
/* No more roots: walk_next() returns 0 once the queue is empty. */
void walk_finish(struct walk_list *l);
/* Take the next file, waiting for the walker if need be: 1 with *it a
 * copy (its strings and directory still owned by the list), 0 when the
 * walk is over and every file taken. */
int walk_next(struct walk_list *l, struct walk_item *it);
/* Ask the walker to give up soon (the run will not scan). */
void walk_stop(struct walk_list *l);
/* Files found so far. */
size_t walk_count(struct walk_list *l);
/* root is borrowed by the items: it must outlive the list. */
void walk_list_release(struct walk_list *l);

/* One thread's way to its items' files: a descriptor on the directory of
 * the last one, moved from there to the next item's (walk_cursor.c). */
struct walk_cursor {
	const struct walk_dir *dir;	/* the last item's directory */
	int fd;				/* on dir, or -1: err says why */
	int err;
};

void walk_cursor_init(struct walk_cursor *c);
/* Open the item's file read-only and non-blocking, never following a
 * link (a root file excepted: the user named it): a descriptor, or -1
 * with errno set (ESTALE: a directory on its way is no longer the one
 * walked). */
int walk_cursor_open(struct walk_cursor *c, const struct walk_item *it);
void walk_cursor_release(struct walk_cursor *c);

/* A new O_PATH descriptor on d: from `from`, when from_fd (borrowed, -1:
 * none) is open on it, up by ".." to the directory both are below and
 * down by names; else from d's root, opened by name. Each step is checked
 * against the walk's record; -1 with errno set (ESTALE: not the directory
 * walked) when d cannot be reached. */
int walk_dir_open(const struct walk_dir *d, const struct walk_dir *from,
		  int from_fd);

#endif
