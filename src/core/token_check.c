/* token_check.c - what is wrong with a JWT, judged without any I/O: alg
 * none, no expiry, a lifetime above the profile's maximum, expired, not
 * yet valid, claims the profile expects missing. See token_check.h. */
#include "token_check.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "lib/xalloc.h"

static const char *const issue_names[TOKEN__COUNT] = {
	"alg-none", "no-exp", "lifetime", "expired", "not-yet-valid"
};

const char *token_issue_name(enum token_issue i)
{
	return (unsigned)i < TOKEN__COUNT ? issue_names[i] : NULL;
}

int token_issue_parse(const char *name)
{
	for (int i = 0; name && i < TOKEN__COUNT; i++)
		if (!strcmp(issue_names[i], name))
			return i;
	return -1;
}

int token_alg_is_none(const char *alg)
{
	return alg && !strcasecmp(alg, "none");
}

static int token_has_claim(const struct jwt *j, const char *claim)
{
	json_t *v = j->payload ? json_object_get(j->payload, claim) : NULL;

	if (!v || json_is_null(v))
		return 0;
	if (json_is_string(v))
		return json_string_length(v) > 0;
	if (json_is_array(v))
		return json_array_size(v) > 0;
	return 1;
}

size_t token_missing_claims(const struct jwt *j, const char *list,
			    struct strlist *missing)
{
	size_t n = 0;
	char *copy, *p, *comma;

	if (!list || !*list)
		return 0;
	copy = xstrdup(list);
	for (p = copy; p; p = comma) {
		char *end;

		comma = strchr(p, ',');
		if (comma)
			*comma++ = '\0';
		while (isspace((unsigned char)*p))
			p++;
		end = p + strlen(p);
		while (end > p && isspace((unsigned char)end[-1]))
			*--end = '\0';
		if (*p && !token_has_claim(j, p)) {
			strlist_push(missing, p);
			n++;
		}
	}
	free(copy);
	return n;
}

void token_describe_missing(struct strbuf *sb, const struct strlist *missing,
			    const char *profile)
{
	strbuf_addstr(sb, "lacks claim");
	if (missing->nr > 1)
		strbuf_addch(sb, 's');
	for (size_t i = 0; i < missing->nr; i++)
		strbuf_addf(sb, "%s'%s'", i ? ", " : " ", missing->items[i]);
	strbuf_addf(sb, " expected by profile '%s'",
		    profile ? profile : "default");
}

static void add(struct token_result *out, size_t max, size_t *n,
		enum token_issue i, long long value, long long limit)
{
	if (*n < max) {
		out[*n].issue = i;
		out[*n].value = value;
		out[*n].limit = limit;
	}
	(*n)++;
}

size_t token_check_jwt(const struct jwt *j, long max_lifetime, time_t now,
		       struct token_result *out, size_t max)
{
	size_t n = 0;

	if (token_alg_is_none(j->alg))
		add(out, max, &n, TOKEN_ALG_NONE, 0, 0);
	if (!j->has_exp) {
		add(out, max, &n, TOKEN_NO_EXP, 0, 0);
	} else {
		long long from = j->has_iat ? j->iat :
				 j->has_nbf ? j->nbf : (long long)now;

		if (max_lifetime > 0 && j->exp - from > max_lifetime)
			add(out, max, &n, TOKEN_LIFETIME, j->exp - from,
			    max_lifetime);
		if (j->exp <= (long long)now)
			add(out, max, &n, TOKEN_EXPIRED, j->exp, 0);
	}
	if (j->has_nbf && j->nbf > (long long)now)
		add(out, max, &n, TOKEN_NOT_YET_VALID, j->nbf, 0);
	return n;
}

void token_fmt_span(struct strbuf *sb, long long s)
{
	if (s < 0) {
		strbuf_addch(sb, '-');
		s = -s;
	}
	if (s >= 2 * 86400)
		strbuf_addf(sb, "%lld days", s / 86400);
	else if (s >= 3600 && s % 3600 == 0)
		strbuf_addf(sb, "%lld h", s / 3600);
	else if (s >= 3600)
		strbuf_addf(sb, "%lld h %lld min", s / 3600,
			    (s % 3600) / 60);
	else if (s >= 120)
		strbuf_addf(sb, "%lld min", s / 60);
	else
		strbuf_addf(sb, "%lld s", s);
}

void token_fmt_time(struct strbuf *sb, long long t)
{
	time_t tt = (time_t)t;
	struct tm tm;
	char buf[40];

	if (!gmtime_r(&tt, &tm) ||
	    !strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", &tm)) {
		strbuf_addf(sb, "%lld", t);
		return;
	}
	strbuf_addstr(sb, buf);
}

void token_result_describe(const struct token_result *r, struct strbuf *sb)
{
	switch (r->issue) {
	case TOKEN_ALG_NONE:
		strbuf_addstr(sb, "header alg is none: the token is unsigned");
		break;
	case TOKEN_NO_EXP:
		strbuf_addstr(sb, "no exp claim: the token never expires");
		break;
	case TOKEN_LIFETIME:
		strbuf_addstr(sb, "lifetime ");
		token_fmt_span(sb, r->value);
		strbuf_addstr(sb, " exceeds the maximum of ");
		token_fmt_span(sb, r->limit);
		break;
	case TOKEN_EXPIRED:
		strbuf_addstr(sb, "expired at ");
		token_fmt_time(sb, r->value);
		break;
	case TOKEN_NOT_YET_VALID:
		strbuf_addstr(sb, "not valid before ");
		token_fmt_time(sb, r->value);
		break;
	case TOKEN__COUNT:
		break;
	}
}
