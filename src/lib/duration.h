/* duration.h - "90s", "15m", "12h", "30d", "1y" or a bare number of
 * seconds, as profiles, audit configs and command-line options write a
 * length of time. */
#ifndef AUTHAUDIT_DURATION_H
#define AUTHAUDIT_DURATION_H

/* 0 and *seconds set, or -1 when s is not such a duration (no sign, no
 * fraction, at most 100 years). */
int parse_duration(const char *s, long *seconds);

#endif
