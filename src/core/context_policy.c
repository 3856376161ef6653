/* context_policy.c - lowering and leaving out findings by context; see
 * context_policy.h. */
#include "context_policy.h"

#include <stdlib.h>
#include <string.h>

#include "lib/xalloc.h"

void context_policy_init(struct context_policy *p)
{
	for (int i = 0; i < CONTEXT__COUNT; i++) {
		p->cap[i] = SEV__COUNT;
		p->exclude[i] = 0;
	}
}

/* Each comma-separated entry of spec, as a NUL-terminated copy, to fn;
 * the first error stops. Empty entries are skipped. */
static int each_entry(const char *spec, struct context_policy *p,
		      int (*fn)(struct context_policy *, char *, struct err *),
		      struct err *e)
{
	char *copy = xstrdup(spec), *at = copy;
	int rc = 0;

	while (at && !rc) {
		char *comma = strchr(at, ',');

		if (comma)
			*comma = '\0';
		while (*at == ' ')
			at++;
		if (*at)
			rc = fn(p, at, e);
		at = comma ? comma + 1 : NULL;
	}
	free(copy);
	return rc;
}

static int bad_context(const char *name, struct err *e)
{
	return err_set(e, "unknown context '%s' (production, test, example, "
		       "docs)", name);
}

static int add_cap(struct context_policy *p, char *entry, struct err *e)
{
	char *eq = strchr(entry, '=');
	enum finding_context c;
	enum severity s;

	if (!eq)
		return err_set(e, "context severity '%s' is not CONTEXT="
			       "SEVERITY (test=low)", entry);
	*eq = '\0';
	if (finding_context_parse(entry, &c))
		return bad_context(entry, e);
	if (severity_parse(eq + 1, &s))
		return err_set(e, "unknown severity '%s' for context '%s'",
			       eq + 1, entry);
	p->cap[c] = s;
	return 0;
}

static int add_exclude(struct context_policy *p, char *entry, struct err *e)
{
	enum finding_context c;

	if (finding_context_parse(entry, &c))
		return bad_context(entry, e);
	p->exclude[c] = 1;
	return 0;
}

static int parse_into(struct context_policy *p, const char *spec,
		      int (*fn)(struct context_policy *, char *, struct err *),
		      struct err *e)
{
	struct context_policy tmp = *p;

	if (each_entry(spec, &tmp, fn, e))
		return -1;
	*p = tmp;
	return 0;
}

int context_policy_parse_caps(struct context_policy *p, const char *spec,
			      struct err *e)
{
	return parse_into(p, spec, add_cap, e);
}

int context_policy_parse_exclude(struct context_policy *p, const char *spec,
				 struct err *e)
{
	return parse_into(p, spec, add_exclude, e);
}

int context_policy_active(const struct context_policy *p)
{
	for (int i = 0; i < CONTEXT__COUNT; i++)
		if (p->exclude[i] || p->cap[i] != SEV__COUNT)
			return 1;
	return 0;
}

size_t context_policy_apply(const struct context_policy *p,
			    struct finding_list *l)
{
	size_t keep = 0, dropped = 0;

	for (size_t i = 0; i < l->nr; i++) {
		struct finding *f = &l->items[i];
		enum finding_context c = f->context;

		if (p->exclude[c]) {
			finding_release(f);
			dropped++;
			continue;
		}
		if (p->cap[c] != SEV__COUNT && f->severity > p->cap[c])
			f->severity = p->cap[c];
		l->items[keep++] = *f;
	}
	l->nr = keep;
	return dropped;
}
