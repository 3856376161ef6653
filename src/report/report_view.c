/* report_view.c - what the writers derive from a report, once per run;
 * see report_format.h. */
#include "report_format.h"

void report_view_init(struct report_view *v, const struct report *r)
{
	v->r = r;
	compliance_build(r, &v->compliance);
	for (int c = 0; c < CONTEXT__COUNT; c++)
		v->by_context[c] = 0;
	for (size_t i = 0; i < r->findings.nr; i++)
		v->by_context[r->findings.items[i].context]++;
	v->any_context = r->stats.suppressed_context ||
			 v->by_context[CONTEXT_PRODUCTION] != r->findings.nr;
}

void report_view_release(struct report_view *v)
{
	compliance_release(&v->compliance);
}
