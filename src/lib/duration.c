/* duration.c - see duration.h. */
#include "duration.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>

int parse_duration(const char *s, long *seconds)
{
	char *end;
	long v, mul = 1;

	if (!s || !isdigit((unsigned char)*s))
		return -1;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno)
		return -1;
	switch (*end) {
	case '\0': break;
	case 's': end++; break;
	case 'm': mul = 60; end++; break;
	case 'h': mul = 3600; end++; break;
	case 'd': mul = 86400; end++; break;
	case 'y': mul = 365L * 86400; end++; break;
	default: return -1;
	}
	if (*end || v > 100L * 365 * 86400 / mul)
		return -1;
	*seconds = v * mul;
	return 0;
}
