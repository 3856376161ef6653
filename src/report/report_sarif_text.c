/* report_sarif_text.c - SARIF strings and levels, shared by the results
 * and the rule descriptions; see report_sarif.h. */
#include "report_sarif.h"

#include <jansson.h>

#include "report_json.h"

json_t *sarif_text(const char *s)
{
	json_t *o = json_object();

	sarif_set_str(o, "text", s);
	return o;
}

void sarif_set_str(json_t *o, const char *k, const char *v)
{
	if (v)
		json_object_set_new(o, k, json_text(v));
}

const char *sarif_level(enum severity s)
{
	return s >= SEV_HIGH ? "error" : s == SEV_MEDIUM ? "warning" : "note";
}
