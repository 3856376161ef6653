/* fuzz.c - the helpers of fuzz.h, linked into every fuzz target. */
#include "fuzz.h"

#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "err.h"
#include "xalloc.h"

const char *fuzz_file(const uint8_t *data, size_t size, const char *ext)
{
	static char path[256];
	const char *dir = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
	size_t done = 0;
	int fd;

	if (path[0])
		unlink(path);
	snprintf(path, sizeof(path), "%s/authaudit-fuzz-%ld%s", dir,
		 (long)getpid(), ext);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0)
		return NULL;
	while (done < size) {
		ssize_t n = write(fd, data + done, size - done);

		if (n <= 0) {
			close(fd);
			return NULL;
		}
		done += (size_t)n;
	}
	close(fd);
	return path;
}

char *fuzz_str(const uint8_t *data, size_t size)
{
	char *s = xmalloc(size + 1);

	memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

const struct ruleset *fuzz_rules(void)
{
	static struct ruleset rs;
	static int loaded;
	struct err e = ERR_INIT;

	if (!loaded) {
		const char *dir = getenv("AUTHAUDIT_FUZZ_RULES");

		if (ruleset_load_dir(&rs, dir ? dir : "rules", 0, &e))
			fuzz_fail("cannot load the rules: %s", e.msg);
		loaded = 1;
	}
	return &rs;
}

void fuzz_fail(const char *fmt, ...)
{
	va_list ap;

	fputs("fuzz: wrong answer: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	abort();
}
