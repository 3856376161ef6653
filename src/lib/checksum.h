/* checksum.h - offline validators for credential formats that carry a
 * checksum (a rule's `checksum:` key). A hit raises a finding's
 * confidence to high; a miss leaves the rule's own confidence. */
#ifndef AUTHAUDIT_CHECKSUM_H
#define AUTHAUDIT_CHECKSUM_H

#include <stddef.h>

struct checksum {
	const char *name;
	/* 1 when the secret's checksum holds, 0 when not */
	int (*verify)(const char *secret, size_t len);
};

const struct checksum *checksum_find(const char *name);

/* Laravel Sanctum 4 / Presto: "<id>|<prefix><40 random><crc32b hex>". */
int checksum_sanctum_crc32(const char *secret, size_t len);

#endif
