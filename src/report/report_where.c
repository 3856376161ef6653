/* report_where.c - what the writers say alike about a finding (where it
 * is, whether it is still present) and about a report (counts, secrets);
 * declared in report_format.h. */
#include "report_format.h"

#include <stdlib.h>
#include <string.h>

void report_where(const struct finding *f, struct strbuf *out)
{
	if (f->path) {
		report_file_path(f->root, f->path, out);
		strbuf_addf(out, ":%u:%u", f->line, f->column);
	} else {
		strbuf_addstr(out, f->url ? f->url : "-");
	}
	if (f->commit) {
		char date[16];

		finding_commit_date(f->commit, 0, date, sizeof(date));
		strbuf_addf(out, " (commit %.8s, %s, %s)", f->commit->id,
			    f->commit->author, date);
	} else if (f->presence == PRESENCE_STAGED) {
		strbuf_addstr(out, " (staged)");
	}
}

const char *report_presence_text(const struct finding *f)
{
	switch (f->presence) {
	case PRESENCE_TIP:
		return "still present at the tip of a scanned ref: rotate it "
		       "first";
	case PRESENCE_HISTORY:
		return "in history only, removed since: every clone still "
		       "holds it, rotate it all the same";
	case PRESENCE_STAGED:
		return "staged, not yet committed: unstage it before it "
		       "reaches history";
	default:
		return NULL;
	}
}

const char *report_presence_word(const struct finding *f)
{
	switch (f->presence) {
	case PRESENCE_TIP:
		return "still at a tip";
	case PRESENCE_HISTORY:
		return "history only";
	case PRESENCE_STAGED:
		return "staged";
	default:
		return NULL;
	}
}

void report_count_severities(const struct report *r,
			     unsigned long n[SEV__COUNT])
{
	memset(n, 0, SEV__COUNT * sizeof(n[0]));
	for (size_t i = 0; i < r->findings.nr; i++)
		n[r->findings.items[i].severity]++;
}

int report_has_secret(const struct report *r)
{
	for (size_t i = 0; i < r->findings.nr; i++)
		if (r->findings.items[i].secret)
			return 1;
	return 0;
}

const char *report_context_word(const struct finding *f)
{
	return f->context != CONTEXT_PRODUCTION ?
	       finding_context_name(f->context) : NULL;
}
