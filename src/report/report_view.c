/* report_view.c - what the writers derive from a report, once per run;
 * see report_format.h. */
#include "report_format.h"

void report_view_init(struct report_view *v, const struct report *r)
{
	v->r = r;
	compliance_build(r, &v->compliance);
}

void report_view_release(struct report_view *v)
{
	compliance_release(&v->compliance);
}
