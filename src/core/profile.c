/* profile.c - what a profile selects (its rules, the statements it
 * covers) and its parameters: the table of every known parameter with its
 * type, built-in default and source, lookup with fallback to the
 * `default` profile, and typed getters. A check that needs a new
 * threshold adds a row here and documents it in docs/rules.md.
 *
 * A threshold a vendor document states (SOURCE_DOC) counts only where the
 * profile of that document sets it: a vendor profile never inherits
 * another document's limit from `default`. An organisation's own limits
 * are named policy_* (SOURCE_POLICY) and reported as policy. */
#include <ctype.h>
#include <errno.h>
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>

#include "context_policy.h"
#include "rule.h"
#include "rule_kind.h"
#include "lib/duration.h"
#include "lib/xalloc.h"

enum param_type {
	PARAM_LONG,
	PARAM_SECONDS,
	PARAM_STRING,
	PARAM_LIST,
	PARAM_TLS_VERSION,	/* 1.0 .. 1.3 */
	PARAM_SEVERITY,		/* a severity, or "allow" */
	PARAM_PORTS,		/* comma-separated TCP ports, may be empty */
	PARAM_CONTEXT_CAPS,	/* test=low,docs=info (finding_context.h) */
	PARAM_CONTEXTS		/* test,docs */
};

/* What each type wants, for the error message. */
static const char *const type_wants[] = {
	"number", "duration such as 12h", "string", "list",
	"TLS version (1.0, 1.1, 1.2, 1.3)",
	"severity (info, low, medium, high, critical) or 'allow'",
	"list of TCP ports",
	"list of CONTEXT=SEVERITY (test=low,docs=info)",
	"list of contexts (production, test, example, docs)"
};

enum param_source {
	SOURCE_TOOL,	/* how the tool works (ports, severities, ...) */
	SOURCE_DOC,	/* a limit a vendor document states */
	SOURCE_POLICY,	/* the organisation's own limit */
};

struct param_def {
	const char *key;
	enum param_type type;
	const char *def;
	const char *help;
	enum param_source source;
};

static const struct param_def params[] = {
	{ "context_severity", PARAM_CONTEXT_CAPS, "",
	  "highest severity of findings in tests, examples or docs "
	  "(test=low,docs=info; scan)", SOURCE_TOOL },
	{ "exclude_context", PARAM_CONTEXTS, "",
	  "contexts whose findings are left out (test, example, docs; "
	  "scan)", SOURCE_TOOL },
	{ "alt_ports", PARAM_PORTS, "8443,8080,4443,9443",
	  "ports besides 443 that must not answer TLS or HTTP (probe)",
	  SOURCE_TOOL },
	{ "cert_expiry_warning", PARAM_SECONDS, "30d",
	  "report certificates expiring within this (probe)",
	  SOURCE_TOOL },
	{ "cert_max_lifetime", PARAM_SECONDS, "398d",
	  "longest certificate validity period allowed (probe)",
	  SOURCE_TOOL },
	{ "hsts_min_max_age", PARAM_SECONDS, "180d",
	  "shortest Strict-Transport-Security max-age (probe)",
	  SOURCE_TOOL },
	{ "max_token_lifetime", PARAM_SECONDS, "12h",
	  "longest JWT lifetime (exp - iat) the profile's document states "
	  "(GAS: 12h); a vendor profile without one has none",
	  SOURCE_DOC },
	{ "min_tls_version", PARAM_TLS_VERSION, "1.2",
	  "lowest TLS version an endpoint may accept", SOURCE_TOOL },
	{ "plain_http_redirect", PARAM_SEVERITY, "low",
	  "severity of a plain-HTTP redirect to https; allow: none",
	  SOURCE_TOOL },
	{ "tls_ports", PARAM_PORTS, "",
	  "the only ports the endpoint itself may be on; empty: any (probe)",
	  SOURCE_TOOL },
	{ "policy_max_token_lifetime", PARAM_SECONDS, "30d",
	  "organisation policy: longest lifetime of an issued token (auth)",
	  SOURCE_POLICY },
	{ "policy_max_token_request_days", PARAM_LONG, "365",
	  "organisation policy: furthest Presto token_expiration_date, in "
	  "days from today (0: none)", SOURCE_POLICY },
	{ "token_rate_limit", PARAM_LONG, "25",
	  "token requests per client the auditor makes per window",
	  SOURCE_TOOL },
	{ "token_rate_window", PARAM_SECONDS, "15m",
	  "the window of token_rate_limit", SOURCE_TOOL },
	{ "token_expiry_warning", PARAM_SECONDS, "14d",
	  "audits: list tokens expiring within this (renew them)",
	  SOURCE_TOOL },
	{ "token_required_claims", PARAM_LIST, "",
	  "JWT claims a token of this profile must carry", SOURCE_TOOL },
	{ NULL, 0, NULL, NULL, 0 }
};

/* Parameters that were renamed: a profile naming the old one is told the
 * new name. */
static const struct {
	const char *old, *now;
} renamed[] = {
	{ "max_token_request_days", "policy_max_token_request_days" },
};

static int parse_long(const char *s, long *out)
{
	char *end;

	errno = 0;
	*out = strtol(s, &end, 10);
	return (!*s || *end || errno) ? -1 : 0;
}

static const struct param_def *param_def(const char *key)
{
	for (const struct param_def *d = params; d->key; d++)
		if (!strcmp(d->key, key))
			return d;
	return NULL;
}

int parse_ports(const char *s, unsigned *out, size_t n)
{
	int nr = 0;

	if (!strcmp(s, "none"))
		return 0;
	while (*s) {
		char *end;
		long port = strtol(s, &end, 10);

		if (end == s || port < 1 || port > 65535 ||
		    (*end && *end != ','))
			return -1;
		if ((size_t)nr < n)
			out[nr] = (unsigned)port;
		nr++;
		s = *end ? end + 1 : end;
	}
	return (size_t)nr < n ? nr : (int)n;
}

static int check_value(const struct param_def *d, const char *v)
{
	enum severity sev;
	long l;

	switch (d->type) {
	case PARAM_LONG:
		return parse_long(v, &l);
	case PARAM_SECONDS:
		return parse_duration(v, &l);
	case PARAM_STRING:
	case PARAM_LIST:
		return 0;
	case PARAM_TLS_VERSION:
		return strcmp(v, "1.0") && strcmp(v, "1.1") &&
		       strcmp(v, "1.2") && strcmp(v, "1.3") ? -1 : 0;
	case PARAM_SEVERITY:
		return strcmp(v, "allow") && severity_parse(v, &sev) ? -1 : 0;
	case PARAM_PORTS:
		return parse_ports(v, NULL, 0) < 0 ? -1 : 0;
	case PARAM_CONTEXT_CAPS:
	case PARAM_CONTEXTS: {
		struct context_policy cp;
		struct err ignored = ERR_INIT;

		context_policy_init(&cp);
		return d->type == PARAM_CONTEXTS ?
		       context_policy_parse_exclude(&cp, v, &ignored) :
		       context_policy_parse_caps(&cp, v, &ignored);
	}
	}
	return 0;
}

int profile_check_params(const struct profile *p, struct err *e)
{
	for (size_t i = 0; i < p->params.nr; i++) {
		const struct kv *kv = &p->params.items[i];
		const struct param_def *d = param_def(kv->key);

		for (size_t k = 0; !d && k < ARRAY_SIZE(renamed); k++)
			if (!strcmp(kv->key, renamed[k].old))
				return err_set(e, "parameter '%s' is now '%s' "
					       "(an organisation policy, not "
					       "a vendor document's limit)",
					       kv->key, renamed[k].now);
		if (!d)
			return err_set(e, "unknown parameter '%s' (authaudit "
				       "rules params lists them)", kv->key);
		if (check_value(d, kv->value))
			return err_set(e, "parameter '%s': '%s' is not a %s",
				       kv->key, kv->value, type_wants[d->type]);
	}
	return 0;
}

static const char *own_param(const struct profile *p, const char *key)
{
	if (!p)
		return NULL;
	for (size_t i = 0; i < p->params.nr; i++)
		if (!strcmp(p->params.items[i].key, key))
			return p->params.items[i].value;
	return NULL;
}

const char *profile_param(const struct ruleset *rs, const struct profile *p,
			  const char *key)
{
	const struct param_def *d = param_def(key);
	const char *v = own_param(p, key);

	/* another document's limit is not this document's */
	if (!v && d && d->source == SOURCE_DOC && p && p->guideline.doc)
		return NULL;
	if (!v && rs)
		v = own_param(ruleset_profile(rs, "default"), key);
	if (!v && d)
		v = d->def;
	return v;
}

int profile_param_long(const struct ruleset *rs, const struct profile *p,
		       const char *key, long *out, struct err *e)
{
	const char *v = profile_param(rs, p, key);

	if (!v || parse_long(v, out))
		return err_set(e, "profile parameter '%s': not a number",
			       key);
	return 0;
}

int profile_param_seconds(const struct ruleset *rs, const struct profile *p,
			  const char *key, long *out, struct err *e)
{
	const char *v = profile_param(rs, p, key);

	if (!v || parse_duration(v, out))
		return err_set(e, "profile parameter '%s': not a duration",
			       key);
	return 0;
}

void profile_params_print(FILE *out)
{
	for (const struct param_def *d = params; d->key; d++)
		fprintf(out, "%-30s %-8s %s\n", d->key, d->def, d->help);
}

int profile_selects(const struct profile *p, const struct rule *r)
{
	if (!p)
		return 1;
	for (size_t i = 0; i < p->rules.nr; i++)
		if (!fnmatch(p->rules.items[i], r->id, 0))
			return 1;
	return 0;
}

int profile_covers(const struct profile *p, const struct statement *st)
{
	if (!p || !p->guideline.doc)
		return 1;
	return !strcmp(p->guideline.doc, st->guideline.doc);
}

unsigned long ruleset_count_selected(const struct ruleset *rs,
				     const struct profile *p,
				     enum rule_target t)
{
	unsigned long n = 0;

	for (size_t i = 0; i < rs->nr; i++)
		n += rs->rules[i]->kind->target == t &&
		     profile_selects(p, rs->rules[i]);
	return n;
}
