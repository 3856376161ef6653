/* run_context.c - which findings a run lowers or leaves out by their
 * context (core/finding_context.h): the profile's keys, then the
 * command line's options; see run.h. */
#include "run.h"

#include "core/rule.h"

int run_context_policy(const struct common_opts *o, const struct ruleset *rs,
		       const struct profile *p, struct context_policy *out,
		       struct err *e)
{
	const char *caps = p ? profile_param(rs, p, "context_severity") : NULL;
	const char *excl = p ? profile_param(rs, p, "exclude_context") : NULL;

	context_policy_init(out);
	if (caps && context_policy_parse_caps(out, caps, e))
		return err_prefix(e, "profile '%s', context_severity",
				  p->name);
	if (excl && context_policy_parse_exclude(out, excl, e))
		return err_prefix(e, "profile '%s', exclude_context",
				  p->name);
	if (o->context_severity &&
	    context_policy_parse_caps(out, o->context_severity, e))
		return err_prefix(e, "--context-severity");
	for (size_t i = 0; i < o->exclude_context.nr; i++)
		if (context_policy_parse_exclude(out,
						 o->exclude_context.items[i],
						 e))
			return err_prefix(e, "--exclude-context");
	return 0;
}
