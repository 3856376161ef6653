/* report_json_finding.c - one finding as JSON, shared by the report, its
 * audit part and the baseline; see report_json.h. */
#include "report_json.h"

#include <string.h>

#include "report_format.h"
#include "core/code_lines.h"
#include "core/redact.h"
#include "core/rule.h"
#include "lib/strbuf.h"

/* The lines around the finding, secrets redacted unless --show-secrets
 * (schema 2.0). */
static json_t *context_json(const struct report *r,
			    const struct code_lines *c)
{
	json_t *o = json_object(), *lines = json_array();
	struct strbuf sb = STRBUF_INIT;

	json_object_set_new(o, "first_line", json_integer(c->first));
	for (unsigned i = 0; i < c->nr; i++) {
		strbuf_reset(&sb);
		code_lines_line(c, i, r->show_secrets, &sb);
		json_array_append_new(lines, json_text(sb.buf));
	}
	json_object_set_new(o, "lines", lines);
	strbuf_release(&sb);
	return o;
}

json_t *finding_to_json(const struct report *r, const struct finding *f)
{
	const struct rule *rule = f->rule;
	json_t *o = json_object(), *g = json_object(), *loc = json_object();

	json_set_str(o, "rule", rule->id);
	json_set_str(o, "title", rule->title);
	json_set_str(o, "category", rule->category);
	json_set_str(o, "severity", severity_name(f->severity));
	json_set_str(o, "confidence", confidence_name(f->confidence));
	json_set_str(o, "message", f->message);
	json_set_str(g, "doc", rule->guideline.doc);
	json_set_str(g, "section", rule->guideline.section);
	json_set_str(g, "quote", rule->guideline.quote);
	json_object_set_new(o, "guideline", g);
	if (f->path) {
		json_set_name(loc, "path", f->path);
		json_set_name(loc, "root", f->root);
		json_object_set_new(loc, "line", json_integer(f->line));
		json_object_set_new(loc, "column", json_integer(f->column));
	} else {
		json_set_str(loc, "url", f->url ? f->url : "");
	}
	json_set_str(loc, "target", f->target);
	if (f->commit) {
		char date[40];

		finding_commit_date(f->commit, 1, date, sizeof(date));
		json_set_str(loc, "commit", f->commit->id);
		json_set_name(loc, "author", f->commit->author);
		json_set_name(loc, "email", f->commit->email);
		json_set_str(loc, "date", date);
	}
	json_object_set_new(o, "location", loc);
	if (f->path)
		json_set_str(o, "context", finding_context_name(f->context));
	if (f->secret) {
		struct strbuf sb = STRBUF_INIT;
		json_t *s = json_object();

		redact_secret(f->secret, &sb);
		json_set_str(s, "redacted", sb.buf);
		json_set_str(s, "hmac_sha256", f->secret_sha256);
		if (r->show_secrets)
			json_set_name(s, "value", f->secret);
		json_object_set_new(o, "secret", s);
		strbuf_release(&sb);
	}
	json_set_str(o, "evidence", f->evidence);
	json_set_str(o, "decoded", f->decoded);
	if (f->lines)
		json_object_set_new(o, "code", context_json(r, f->lines));
	json_set_str(o, "fingerprint", f->fingerprint);
	if (f->change != CHANGE_NONE)
		json_set_str(o, "change", f->change == CHANGE_NEW ? "new" : "open");
	json_set_str(o, "presence", finding_presence_name(f->presence));
	return o;
}
