/* walk.h - the target walker: roots given on the command line -> the list
 * of regular files to scan.
 *
 * It never follows a symlink below a root (a link inside the root reaches
 * nothing the walk does not reach anyway; one outside must not be read),
 * so it cannot loop; a root itself, named by the user, is followed. It
 * skips FIFOs, sockets and devices, version-control directories and
 * --exclude globs, counting each in the report's stats, and reports
 * unreadable directories as notices.
 * Ownership: a walk_list owns its strings; walk_list_release() frees them.
 */
#ifndef AUTHAUDIT_WALK_H
#define AUTHAUDIT_WALK_H

#include <stddef.h>

#include "report.h"
#include "rule.h"

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
};

/* Add root's files to out. -1 when the root itself cannot be read (a
 * notice says why); problems below it are notices and the walk goes on. */
int walk_root(const char *root, const struct strlist *excludes,
	      struct walk_list *out, struct report *r);
/* root is borrowed by the items: it must outlive the list. */
void walk_list_release(struct walk_list *l);

#endif
