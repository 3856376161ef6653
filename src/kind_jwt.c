/* kind_jwt.c - JWTs found in files, judged against the token-lifetime
 * guidelines: `params.check` picks one of alg-none, no-exp, lifetime
 * (exp - iat above the profile's max_token_lifetime) or expired. A string
 * that does not decode as a JWT is not judged. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "jwt.h"
#include "rule_kind.h"
#include "strbuf.h"
#include "xalloc.h"

enum jwt_check { JWT_ALG_NONE, JWT_NO_EXP, JWT_LIFETIME, JWT_EXPIRED };

static const char *const check_names[] = {
	"alg-none", "no-exp", "lifetime", "expired", NULL
};

static int check_of(const struct rule *r)
{
	const char *c = rule_param(r, "check");

	for (int i = 0; c && check_names[i]; i++)
		if (!strcmp(c, check_names[i]))
			return i;
	return -1;
}

static int jwt_prepare(struct rule *r, struct err *e)
{
	if (check_of(r) < 0)
		return err_set(e, "kind 'jwt' needs params.check: one of "
			       "alg-none, no-exp, lifetime, expired");
	return 0;
}

static void fmt_span(struct strbuf *sb, long long s)
{
	if (s >= 2 * 86400)
		strbuf_addf(sb, "%lld days", s / 86400);
	else if (s >= 3600)
		strbuf_addf(sb, "%lld h", s / 3600);
	else
		strbuf_addf(sb, "%lld s", s);
}

static void fmt_time(struct strbuf *sb, long long t)
{
	time_t tt = (time_t)t;
	struct tm tm;
	char buf[32];

	gmtime_r(&tt, &tm);
	strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", &tm);
	strbuf_addstr(sb, buf);
}

/* The message when the check fails, or NULL when the token passes. */
static char *judge_one(const struct rule *r, const struct source_match *m,
		       const struct jwt *j)
{
	struct strbuf sb = STRBUF_INIT;
	struct err e = ERR_INIT;
	long max;

	switch (check_of(r)) {
	case JWT_ALG_NONE:
		if (strcasecmp(j->alg, "none"))
			return NULL;
		strbuf_addf(&sb, "%s: header alg is '%s' (unsigned)",
			    r->title, j->alg);
		break;
	case JWT_NO_EXP:
		if (j->has_exp)
			return NULL;
		strbuf_addf(&sb, "%s: no exp claim", r->title);
		break;
	case JWT_LIFETIME:
		if (!j->has_exp || !j->has_iat ||
		    profile_param_seconds(m->rs, m->profile,
					  "max_token_lifetime", &max, &e) ||
		    j->exp - j->iat <= max)
			return NULL;
		strbuf_addf(&sb, "%s: lifetime ", r->title);
		fmt_span(&sb, j->exp - j->iat);
		strbuf_addstr(&sb, " exceeds the profile maximum of ");
		fmt_span(&sb, max);
		break;
	case JWT_EXPIRED:
		if (!j->has_exp || j->exp > (long long)m->now)
			return NULL;
		strbuf_addf(&sb, "%s: expired at ", r->title);
		fmt_time(&sb, j->exp);
		break;
	default:
		return NULL;
	}
	return strbuf_detach(&sb, NULL);
}

static void jwt_judge(const struct rule *r, const struct source_match *m,
		      struct finding_list *out)
{
	struct jwt j;
	struct err e = ERR_INIT;
	char *msg;

	if (jwt_decode(m->buf + m->sstart, m->send - m->sstart, &j, &e))
		return;
	msg = judge_one(r, m, &j);
	if (msg)
		source_match_emit(r, m, CONF_HIGH, msg, m->buf + m->sstart,
				  m->send - m->sstart, out);
	jwt_release(&j);
}

const struct rule_kind kind_jwt = {
	"jwt", RULE_TARGET_SOURCE, 1, jwt_prepare, jwt_judge
};
