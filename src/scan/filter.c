/* filter.c - placeholder and allowlist filtering; see filter.h. */
#include "filter.h"
#include "value_class.h"

#include <ctype.h>
#include <string.h>

static int contains_nocase(const char *s, size_t n, const char *word)
{
	size_t w = strlen(word);

	if (!w || w > n)
		return 0;
	for (size_t i = 0; i + w <= n; i++)
		if (!strncasecmp(s + i, word, w))
			return 1;
	return 0;
}

static int any_word(const struct strlist *l, const char *s, size_t n)
{
	for (size_t i = 0; i < l->nr; i++)
		if (contains_nocase(s, n, l->items[i]))
			return 1;
	return 0;
}

static int any_re(pcre2_code *const *res, size_t nr, const char *s,
		  size_t n)
{
	pcre2_match_data *md;
	int hit = 0;

	if (!nr)
		return 0;
	md = pcre2_match_data_create(1, NULL);
	for (size_t i = 0; i < nr && !hit; i++)
		hit = pcre2_match(res[i], (PCRE2_SPTR)s, n, 0, 0, md, NULL) >= 0;
	pcre2_match_data_free(md);
	return hit;
}

/* One character repeated, or nothing but x/X/ * / . / 0: "xxxx", "****". */
static int is_filler(const char *s, size_t n)
{
	size_t same = 0, fill = 0;

	for (size_t i = 0; i < n; i++) {
		if (s[i] == s[0])
			same++;
		if (strchr("xX*.0-_#", s[i]))
			fill++;
	}
	return same == n || fill == n;
}

int filter_rejects(const struct ruleset *rs, const struct rule *r,
		   const char *m, size_t mlen, const char *s, size_t slen)
{
	const struct allowlist *a = &rs->allow;

	if (r->secret_group < 0)
		return any_re(r->allow_re, r->allow.nr, m, mlen);
	if (!slen || is_filler(s, slen))
		return 1;
	/* entropy judged by the value's own alphabet, and no sentence or
	 * translation is a credential (value_class.h) */
	if (value_entropy_rejects(r->min_entropy, s, slen) ||
	    (r->category && !strcmp(r->category, "secret") &&
	     value_is_prose(s, slen)))
		return 1;
	/* a documented value, part of one (a rule may capture only the
	 * random tail), or a secret that contains one */
	for (size_t i = 0; i < a->values.nr; i++) {
		const char *v = a->values.items[i];
		size_t vlen = strlen(v);

		if ((slen >= 8 && memmem(v, vlen, s, slen)) ||
		    memmem(s, slen, v, vlen))
			return 1;
	}
	if (any_word(&r->stopwords, s, slen) ||
	    any_word(&a->stopwords, s, slen))
		return 1;
	return any_re(r->allow_re, r->allow.nr, s, slen) ||
	       any_re(a->patterns_re, a->patterns.nr, s, slen);
}
