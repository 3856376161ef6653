/* auth_ratelimit.c - the token-request ledger: one locked file of
 * "<sha256 hex> <unix time>" lines, pruned as it is read. See
 * auth_ratelimit.h. */
#include "auth_ratelimit.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/finding.h"
#include "lib/strbuf.h"
#include "lib/xalloc.h"
#include "lib/sha256.h"

size_t rate_count(const long long *times, size_t n, time_t now,
		  long window)
{
	size_t c = 0;

	for (size_t i = 0; i < n; i++)
		if (times[i] > (long long)now - window &&
		    times[i] <= (long long)now)
			c++;
	return c;
}

/* mkdir -p with mode 0700 for the parts it creates. */
static int mkdirs(struct strbuf *path)
{
	for (char *p = path->buf + 1; ; p++) {
		char c = *p;

		if (c != '/' && c)
			continue;
		*p = '\0';
		if (mkdir(path->buf, 0700) && errno != EEXIST) {
			*p = c;
			return -1;
		}
		*p = c;
		if (!c)
			return 0;
	}
}

static int ledger_dir(struct strbuf *dir)
{
	const char *v = getenv("AUTHAUDIT_STATE_DIR");

	if (v && *v)
		strbuf_addstr(dir, v);
	else if ((v = getenv("XDG_STATE_HOME")) && *v)
		strbuf_addf(dir, "%s/authaudit", v);
	else if ((v = getenv("HOME")) && *v)
		strbuf_addf(dir, "%s/.local/state/authaudit", v);
	else
		return -1;
	return dir->buf[0] == '/' ? mkdirs(dir) : -1;
}

int rate_ledger_take(const char *key, time_t now, long limit, long window,
		     int *allowed, size_t *used, struct err *e)
{
	struct strbuf path = STRBUF_INIT, in = STRBUF_INIT, out = STRBUF_INIT;
	char digest[65], buf[4096];
	long long *mine = NULL;
	size_t nr = 0, alloc = 0;
	ssize_t n;
	int fd = -1, rc = -1;

	if (ledger_dir(&path)) {
		err_set(e, "no directory for the token-request ledger (set "
			"AUTHAUDIT_STATE_DIR)");
		goto out;
	}
	strbuf_addstr(&path, "/token-requests");
	fd = open(path.buf, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (fd < 0 || flock(fd, LOCK_EX)) {
		err_set(e, "cannot open '%s': %s", path.buf, strerror(errno));
		goto out;
	}
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		strbuf_add(&in, buf, (size_t)n);
	sha256_hex(key, strlen(key), digest);
	for (char *p = in.buf, *nl; *p; p = nl + 1) {
		char hex[65];
		long long t;

		nl = strchr(p, '\n');
		if (!nl)
			break;
		if (sscanf(p, "%64s %lld", hex, &t) != 2 ||
		    t <= (long long)now - window)
			continue;	/* malformed or stale: dropped */
		strbuf_add(&out, p, (size_t)(nl + 1 - p));
		if (!strcmp(hex, digest)) {
			ALLOC_GROW(mine, nr, alloc);
			mine[nr++] = t;
		}
	}
	*used = rate_count(mine, nr, now, window);
	*allowed = (long)*used < limit;
	if (*allowed)
		strbuf_addf(&out, "%s %lld\n", digest, (long long)now);
	if (lseek(fd, 0, SEEK_SET) || ftruncate(fd, 0) ||
	    write(fd, out.buf, out.len) != (ssize_t)out.len) {
		err_set(e, "cannot write '%s': %s", path.buf,
			strerror(errno));
		goto out;
	}
	rc = 0;
out:
	if (fd >= 0)
		close(fd);
	free(mine);
	strbuf_release(&path);
	strbuf_release(&in);
	strbuf_release(&out);
	return rc;
}
