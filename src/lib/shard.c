/* shard.c - which shard a key belongs to, --shard I/N, and the sets of
 * shards `authaudit merge` checks; see shard.h. */
#include "shard.h"

#include <stdio.h>
#include <string.h>

#define USAGE "--shard takes I/N with 1 <= I <= N, e.g. 2/4"

/* A decimal number of at most 5 digits at *s, moving *s past it. */
static int number(const char **s, unsigned *out)
{
	unsigned v = 0;
	int n = 0;

	while (**s >= '0' && **s <= '9' && n < 6) {
		v = v * 10 + (unsigned)(**s - '0');
		(*s)++;
		n++;
	}
	*out = v;
	return n && n < 6 ? 0 : -1;
}

int shard_parse(const char *s, struct shard *out, struct err *e)
{
	const char *p = s;
	unsigned i, n;

	if (!s) {
		out->index = out->count = 0;
		return 0;
	}
	if (number(&p, &i) || *p++ != '/' || number(&p, &n) || *p)
		return err_set(e, USAGE "; got '%s'", s);
	if (n > SHARD_MAX)
		return err_set(e, "--shard: N is at most %d, got '%s'",
			       SHARD_MAX, s);
	if (!i && n)
		return err_set(e, USAGE "; got '%s': I counts from 1 (add 1 "
			       "to a 0-based index such as "
			       "JOB_COMPLETION_INDEX)", s);
	if (!n || i > n)
		return err_set(e, USAGE "; got '%s'", s);
	out->index = i;
	out->count = n;
	return 0;
}

uint64_t shard_hash(const char *key)
{
	uint64_t h = 0xcbf29ce484222325ULL;	/* FNV-1a 64 */

	for (const unsigned char *p = (const unsigned char *)key; *p; p++) {
		h ^= *p;
		h *= 0x100000001b3ULL;
	}
	/* FNV's low bits depend only on the keys' low bits (a name ending
	 * in 1 and one in 3 would always share a shard of 2): fmix64 */
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ULL;
	h ^= h >> 33;
	return h;
}

unsigned shard_of(const char *key, unsigned count)
{
	return count ? (unsigned)(shard_hash(key) % count) + 1 : 0;
}

int shard_keeps(const struct shard *s, const char *key)
{
	return !s || !s->count || shard_of(key, s->count) == s->index;
}

void shard_name(const struct shard *s, char *buf, size_t n)
{
	if (s && s->count)
		snprintf(buf, n, "%u/%u", s->index, s->count);
	else if (n)
		buf[0] = '\0';
}

void shard_set_init(struct shard_set *set)
{
	memset(set, 0, sizeof(*set));
}

/* "I", "I-J" or lists of them, ascending, each within 1..n. */
static int parse_ranges(const char *p, const char *end, unsigned n,
			struct shard_set *out)
{
	unsigned last = 0;

	while (p < end) {
		unsigned a, b;

		if (number(&p, &a))
			return -1;
		b = a;
		if (*p == '-') {
			p++;
			if (number(&p, &b))
				return -1;
		}
		if (a <= last || b < a || b > n ||
		    (p < end && (*p++ != ',' || p == end)))
			return -1;
		for (unsigned i = a; i <= b; i++)
			out->times[i] = 1;
		last = b;
	}
	return last ? 0 : -1;
}

int shard_set_parse(const char *s, struct shard_set *out, struct err *e)
{
	const char *slash = strchr(s, '/'), *p;
	unsigned n;

	shard_set_init(out);
	if (!slash)
		return err_set(e, "shard '%s' is not I/N", s);
	p = slash + 1;
	if (number(&p, &n) || *p || !n || n > SHARD_MAX ||
	    parse_ranges(s, slash, n, out)) {
		shard_set_init(out);
		return err_set(e, "shard '%s' is not I/N", s);
	}
	out->count = n;
	return 0;
}

int shard_set_add(struct shard_set *set, const struct shard_set *src)
{
	if (set->count && set->count != src->count)
		return -1;
	set->count = src->count;
	for (unsigned i = 1; i <= src->count; i++)
		if (src->times[i] && set->times[i] < 255)
			set->times[i] += src->times[i] < 255 - set->times[i] ?
					 src->times[i] : 255 - set->times[i];
	return 0;
}

int shard_set_covers(const struct shard_set *set,
		     const struct shard_set *src)
{
	if (set->count != src->count)
		return 0;
	for (unsigned i = 1; i <= src->count; i++)
		if (src->times[i] && !set->times[i])
			return 0;
	return 1;
}

int shard_set_complete(const struct shard_set *set)
{
	if (!set->count)
		return 0;
	for (unsigned i = 1; i <= set->count; i++)
		if (set->times[i] != 1)
			return 0;
	return 1;
}

static int picked(const struct shard_set *set, unsigned i,
		  enum shard_pick pick)
{
	if (i < 1 || i > set->count)
		return 0;
	return pick == SHARD_HELD ? set->times[i] > 0 :
	       pick == SHARD_MISSING ? !set->times[i] : set->times[i] > 1;
}

void shard_set_name(const struct shard_set *set, enum shard_pick pick,
		    struct strbuf *out)
{
	int any = 0;

	for (unsigned i = 1; i <= set->count; i++) {
		unsigned j = i;

		if (!picked(set, i, pick))
			continue;
		while (picked(set, j + 1, pick))
			j++;
		strbuf_addf(out, "%s%u", any ? "," : "", i);
		if (j > i)
			strbuf_addf(out, "-%u", j);
		any = 1;
		i = j;
	}
	if (any)
		strbuf_addf(out, "/%u", set->count);
}
