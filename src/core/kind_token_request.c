/* kind_token_request.c - a requested token expiry date (Presto's
 * token_expiration_date, YYYY-MM-DD) further ahead than the organisation
 * policy policy_max_token_request_days (document 000 sets no limit). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rule_kind.h"
#include "lib/strbuf.h"
#include "lib/xalloc.h"

/* Days since the epoch for a proleptic Gregorian date (Howard Hinnant's
 * days_from_civil), so no time zone or mktime is involved. */
static long long days_from_civil(int y, unsigned m, unsigned d)
{
	long long era;
	unsigned yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (long long)doe - 719468;
}

static int parse_date(const char *s, size_t n, long long *days)
{
	int y;
	unsigned m, d;
	char buf[16];

	if (n != 10)
		return -1;
	memcpy(buf, s, n);
	buf[n] = '\0';
	if (sscanf(buf, "%4d-%2u-%2u", &y, &m, &d) != 3 || m < 1 || m > 12 ||
	    d < 1 || d > 31)
		return -1;
	*days = days_from_civil(y, m, d);
	return 0;
}

static void request_judge(const struct rule *r, const struct source_match *m,
			  struct finding_list *out)
{
	long long want, today = (long long)m->now / 86400;
	struct strbuf sb = STRBUF_INIT;
	struct err e = ERR_INIT;
	long max;

	if (parse_date(m->buf + m->sstart, m->send - m->sstart, &want) ||
	    profile_param_long(m->rs, m->profile,
			       "policy_max_token_request_days", &max, &e) ||
	    max <= 0 || want - today <= max)
		return;
	strbuf_addf(&sb, "%s: requested expiry %.10s is %lld days ahead "
		    "(policy_max_token_request_days %ld)", r->title,
		    m->buf + m->sstart, want - today, max);
	source_match_emit(r, m, CONF_HIGH, strbuf_detach(&sb, NULL), NULL, 0,
			  out);
}

const struct rule_kind kind_token_request = {
	"token-request", RULE_TARGET_SOURCE, 1, NULL, request_judge
};
