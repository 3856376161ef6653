/* checksum.c - credential checksum validators; see checksum.h. */
#include "checksum.h"

#include <stdio.h>
#include <string.h>
#include <zlib.h>

int checksum_sanctum_crc32(const char *s, size_t len)
{
	const char *bar = memchr(s, '|', len);
	char want[9];
	size_t n;

	if (bar) {
		len -= (size_t)(bar + 1 - s);
		s = bar + 1;
	}
	/* the prefix is free text; the 40 random characters and 8 hex
	 * digits are the tail */
	if (len < 48)
		return 0;
	n = len - 48;
	snprintf(want, sizeof(want), "%08lx",
		 crc32(0L, (const unsigned char *)s + n, 40));
	for (size_t i = 0; i < 8; i++) {
		char c = s[n + 40 + i];

		if (c >= 'A' && c <= 'F')
			c = (char)(c - 'A' + 'a');
		if (c != want[i])
			return 0;
	}
	return 1;
}

static const struct checksum checksums[] = {
	{ "sanctum-crc32", checksum_sanctum_crc32 },
};

const struct checksum *checksum_find(const char *name)
{
	for (size_t i = 0; i < sizeof(checksums) / sizeof(checksums[0]); i++)
		if (!strcmp(checksums[i].name, name))
			return &checksums[i];
	return NULL;
}
