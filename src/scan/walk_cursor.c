/* walk_cursor.c - reaching a walked directory again by descriptor, one
 * component at a time, so that no path handed to the kernel grows with
 * the depth of the tree; see walk.h. */
#include "walk.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lib/xalloc.h"

#define DIR_FLAGS (O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)

/* close() that leaves errno as the failure before it set it. */
static void close_keep_errno(int fd)
{
	int saved = errno;

	close(fd);
	errno = saved;
}

/* Is fd on the directory the walk recorded as d? */
static int is_dir(int fd, const struct walk_dir *d)
{
	struct stat st;

	return !fstat(fd, &st) && st.st_dev == d->dev && st.st_ino == d->ino;
}

/* From fd (closed here) to its entry name, which must be d. */
static int step(int fd, const char *name, const struct walk_dir *d)
{
	int next = openat(fd, name, DIR_FLAGS);

	close_keep_errno(fd);
	if (next >= 0 && !is_dir(next, d)) {
		close(next);
		errno = ESTALE;
		return -1;
	}
	return next;
}

static const struct walk_dir *ancestor(const struct walk_dir *d,
				       size_t depth)
{
	while (d->depth > depth)
		d = d->parent;
	return d;
}

/* From fd (closed here), open on top, down to d, one of its descendants
 * (or top itself). */
static int down(int fd, const struct walk_dir *top, const struct walk_dir *d)
{
	size_t n = d->depth - top->depth;
	const struct walk_dir **way;

	if (!n)
		return fd;
	way = xmalloc(n * sizeof(*way));
	for (const struct walk_dir *p = d; p != top; p = p->parent)
		way[--n] = p;
	for (; fd >= 0 && n < d->depth - top->depth; n++)
		fd = step(fd, way[n]->name, way[n]);
	free(way);
	return fd;
}

/* From from_fd (borrowed), open on from, up to its ancestor top. */
static int up(int from_fd, const struct walk_dir *from,
	      const struct walk_dir *top)
{
	int fd = fcntl(from_fd, F_DUPFD_CLOEXEC, 0);

	for (; fd >= 0 && from != top; from = from->parent)
		fd = step(fd, "..", from->parent);
	return fd;
}

int walk_dir_open(const struct walk_dir *d, const struct walk_dir *from,
		  int from_fd)
{
	const struct walk_dir *root = ancestor(d, 0);
	int fd;

	if (from && from_fd >= 0) {
		size_t depth = d->depth < from->depth ? d->depth : from->depth;
		const struct walk_dir *a = ancestor(from, depth);
		const struct walk_dir *b = ancestor(d, depth);

		while (a != b) {	/* both reach NULL under two roots */
			a = a->parent;
			b = b->parent;
		}
		/* unless the way from the root is shorter */
		if (a && from->depth + d->depth - 2 * a->depth <= d->depth + 1) {
			fd = up(from_fd, from, a);
			if (fd >= 0)
				fd = down(fd, a, d);
			if (fd >= 0)
				return fd;
			/* moved or unsearchable: try from the root */
		}
	}
	/* the root as the user named it: a link is followed */
	fd = open(root->name, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0 && !is_dir(fd, root)) {
		close(fd);
		errno = ESTALE;
		fd = -1;
	}
	return fd < 0 ? -1 : down(fd, root, d);
}

void walk_cursor_init(struct walk_cursor *c)
{
	c->dir = NULL;
	c->fd = -1;
	c->err = 0;
}

int walk_cursor_open(struct walk_cursor *c, const struct walk_item *it)
{
	const int flags = O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC |
			  O_NOCTTY;

	/* a file named as a root: the user chose it, follow a link */
	if (!it->dir)
		return open(it->name, flags & ~O_NOFOLLOW);
	/* consecutive files mostly share a directory, or are near it: move
	 * only when it changes, and only as far as it moved */
	if (c->dir != it->dir) {
		int fd = walk_dir_open(it->dir, c->dir, c->fd);

		c->err = errno;
		if (c->fd >= 0)
			close(c->fd);
		c->fd = fd;
		c->dir = it->dir;
	}
	if (c->fd < 0) {
		errno = c->err;
		return -1;
	}
	return openat(c->fd, it->name, flags);
}

void walk_cursor_release(struct walk_cursor *c)
{
	if (c->fd >= 0)
		close(c->fd);
	walk_cursor_init(c);
}
