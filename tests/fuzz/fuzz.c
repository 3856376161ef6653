/* fuzz.c - the helpers of fuzz.h, linked into every fuzz target. */
#include "fuzz.h"

#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/err.h"
#include "lib/xalloc.h"

static char path[256];

/* The last input's file goes when the fuzzer or replay exits. */
static void fuzz_file_remove(void)
{
	if (path[0])
		unlink(path);
}

const char *fuzz_file(const uint8_t *data, size_t size, const char *ext)
{
	const char *dir = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
	size_t done = 0;
	int fd;

	if (path[0])
		unlink(path);
	else
		atexit(fuzz_file_remove);
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

size_t fuzz_utf8_len(const unsigned char *p, size_t left)
{
	unsigned c = p[0], need, min, cp;

	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf)
		need = 1, min = 0x80, cp = c & 0x1f;
	else if (c >= 0xe0 && c <= 0xef)
		need = 2, min = 0x800, cp = c & 0x0f;
	else if (c >= 0xf0 && c <= 0xf4)
		need = 3, min = 0x10000, cp = c & 0x07;
	else
		return 0;
	if (left < need + 1)
		return 0;
	for (unsigned i = 1; i <= need; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (p[i] & 0x3f);
	}
	if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return need + 1;
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
