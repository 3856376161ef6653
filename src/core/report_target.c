/* report_target.c - what a run looked at, and which of it each finding
 * belongs to; see report.h. */
#include "report.h"

#include <stdlib.h>
#include <string.h>

#include "lib/xalloc.h"

size_t report_add_target(struct report *r, const char *name,
			 enum rule_target kind, const char *profile)
{
	struct report_target *t;

	for (size_t i = 0; i < r->nr_targets; i++)
		if (r->targets[i].kind == kind &&
		    !strcmp(r->targets[i].name, name))
			return i;
	ALLOC_GROW(r->targets, r->nr_targets, r->alloc_targets);
	t = &r->targets[r->nr_targets];
	t->name = xstrdup(name);
	t->kind = kind;
	t->profile = profile ? xstrdup(profile) : NULL;
	t->error = NULL;
	return r->nr_targets++;
}

void report_target_error(struct report *r, size_t t, const char *why)
{
	if (t < r->nr_targets && !r->targets[t].error)
		r->targets[t].error = xstrdup(why);
}

const struct profile *report_target_profile(const struct report *r,
					    const struct report_target *t)
{
	const struct profile *p = NULL;

	if (t->profile && r->rules)
		p = ruleset_profile(r->rules, t->profile);
	return p ? p : r->profile;
}

/* "https://host:port" of url: how long its scheme and authority are. */
int report_rule_ran(const struct report *r, const struct rule *rule,
		    size_t t)
{
	const struct report_target *tg = &r->targets[t];

	return tg->kind == rule->kind->target &&
	       profile_selects(report_target_profile(r, tg), rule);
}

static size_t origin_len(const char *url)
{
	const char *p = strstr(url, "://");

	if (!p)
		return 0;
	p += 3;
	return (size_t)(p - url) + strcspn(p, "/?#");
}

/* The host of url (no port, no brackets' contents trimmed): [at, at+n). */
static const char *url_host(const char *url, size_t *n)
{
	const char *p = strstr(url, "://");
	size_t len;

	if (!p)
		return NULL;
	p += 3;
	len = strcspn(p, "/?#");
	if (*p == '[') {
		const char *close = memchr(p, ']', len);

		*n = close ? (size_t)(close - p) + 1 : len;
	} else {
		*n = strcspn(p, ":/?#");
	}
	return p;
}

/* A source finding: its root as given ("." and a file given directly
 * leave root NULL; the finding's path is then the file for the latter). */
static long source_target(const struct report *r, const struct finding *f)
{
	for (size_t i = 0; i < r->nr_targets; i++) {
		const struct report_target *t = &r->targets[i];

		if (t->kind == RULE_TARGET_ENDPOINT)
			continue;
		if (f->root ? !strcmp(t->name, f->root) :
		    (!strcmp(t->name, ".") || !strcmp(t->name, "./") ||
		     !strcmp(t->name, f->path)))
			return (long)i;
	}
	return -1;
}

/* An endpoint finding: the target with that URL, else the one with its
 * origin, else one on the same host (an alternative port). */
static long url_target(const struct report *r, const char *url)
{
	size_t on = origin_len(url), hn = 0, tn;
	const char *host = url_host(url, &hn), *th;
	long by_origin = -1, by_host = -1;

	for (size_t i = 0; i < r->nr_targets; i++) {
		const char *name = r->targets[i].name;

		if (!strcmp(name, url))
			return (long)i;
		if (by_origin < 0 && on && origin_len(name) == on &&
		    !strncmp(name, url, on))
			by_origin = (long)i;
		th = url_host(name, &tn);
		if (by_host < 0 && host && th && tn == hn &&
		    !strncmp(th, host, hn))
			by_host = (long)i;
	}
	return by_origin >= 0 ? by_origin : by_host;
}

long report_target_of(const struct report *r, const struct finding *f)
{
	if (f->target) {
		for (size_t i = 0; i < r->nr_targets; i++)
			if (!strcmp(r->targets[i].name, f->target))
				return (long)i;
		return -1;
	}
	if (f->path)
		return source_target(r, f);
	return f->url ? url_target(r, f->url) : -1;
}

void report_audit_free(struct report_audit *a)
{
	if (!a)
		return;
	free(a->name);
	free(a->previous);
	free(a->previous_start);
	finding_list_release(&a->resolved);
	for (size_t i = 0; i < a->nr_expiring; i++) {
		free(a->expiring[i].what);
		free(a->expiring[i].where);
		free(a->expiring[i].expires);
	}
	free(a->expiring);
	for (size_t i = 0; i < a->nr_trend; i++)
		free(a->trend[i].when);
	free(a->trend);
	free(a);
}
