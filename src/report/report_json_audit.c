/* report_json_audit.c - the parts of the JSON report beyond findings: the
 * guideline matrix (compliance.h) and, for audits, the comparison with the
 * previous run (report.h's struct report_audit). docs/json.md.
 *
 * The matrix lists only the cells that were tested (pass, fail, error):
 * most cells of a large probe are not, and their reason is the same for
 * every target of a kind, so it stands once per statement. */
#include "report_json.h"

#include <string.h>

#include "compliance.h"

static json_t *cell_json(const struct report *r,
			 const struct compliance_matrix *m,
			 const struct compliance_cell *c, size_t col)
{
	json_t *o = json_object();

	json_object_set_new(o, "target",
			    json_text(r->targets[m->targets[col]].name));
	json_object_set_new(o, "verdict",
			    json_string(compliance_verdict_name(c->verdict)));
	if (c->nr_findings) {
		json_t *fp = json_array();

		for (size_t i = 0; i < c->nr_findings; i++)
			json_array_append_new(fp, json_string(
				r->findings.items[c->findings[i]].fingerprint));
		json_object_set_new(o, "findings", fp);
	}
	if (c->why)
		json_object_set_new(o, "why", json_text(c->why));
	return o;
}

static json_t *matrix_json(const struct report *r,
			   const struct compliance_matrix *m)
{
	json_t *o = json_object(), *counts = json_object();
	json_t *sts = json_array(), *ts = json_array();

	json_object_set_new(o, "profile", json_string(m->profile ?
				m->profile->name : "default"));
	for (size_t col = 0; col < m->nr_targets; col++)
		json_array_append_new(ts, json_text(
			r->targets[m->targets[col]].name));
	json_object_set_new(o, "targets", ts);
	for (int v = 0; v < COMPLY__COUNT; v++)
		json_object_set_new(counts, compliance_verdict_name(
					    (enum compliance_verdict)v),
				    json_integer((json_int_t)m->count[v]));
	json_object_set_new(o, "counts", counts);
	for (size_t row = 0; row < m->nr_statements; row++) {
		const struct statement *st = m->statements[row];
		json_t *s = json_object(), *cells = json_array();

		json_t *why = json_object();

		json_object_set_new(s, "id", json_text(st->id));
		json_object_set_new(s, "doc", json_text(st->guideline.doc));
		for (size_t col = 0; col < m->nr_targets; col++) {
			const struct compliance_cell *c =
				compliance_cell(m, row, col);
			const char *kind = rule_target_name(
				r->targets[m->targets[col]].kind);

			if (c->verdict != COMPLY_NOT_TESTED)
				json_array_append_new(cells,
						      cell_json(r, m, c, col));
			else if (!json_object_get(why, kind))
				json_object_set_new(why, kind,
						    json_text(c->why));
		}
		json_object_set_new(s, "results", cells);
		if (json_object_size(why))
			json_object_set_new(s, "not_tested", why);
		else
			json_decref(why);
		json_array_append_new(sts, s);
	}
	json_object_set_new(o, "statements", sts);
	return o;
}

json_t *compliance_to_json(const struct report *r,
			   const struct compliance *c)
{
	json_t *a = json_array();

	for (size_t i = 0; i < c->nr; i++)
		json_array_append_new(a, matrix_json(r, &c->matrices[i]));
	return a;
}

json_t *audit_to_json(const struct report *r)
{
	const struct report_audit *a = r->audit;
	json_t *o = json_object(), *res = json_array(), *exp = json_array();
	json_t *trend = json_array();
	size_t nw = 0, open = 0;

	for (size_t i = 0; i < r->findings.nr; i++) {
		nw += r->findings.items[i].change == CHANGE_NEW;
		open += r->findings.items[i].change == CHANGE_OPEN;
	}
	if (a->name)
		json_object_set_new(o, "name", json_text(a->name));
	json_object_set_new(o, "previous", a->previous ?
			    json_text(a->previous) : json_null());
	json_object_set_new(o, "previous_start", a->previous_start ?
			    json_text(a->previous_start) : json_null());
	json_object_set_new(o, "new", json_integer((json_int_t)nw));
	json_object_set_new(o, "still_open", json_integer((json_int_t)open));
	for (size_t i = 0; i < a->resolved.nr; i++)
		json_array_append_new(res, finding_to_json(r,
						&a->resolved.items[i]));
	json_object_set_new(o, "resolved", res);
	for (size_t i = 0; i < a->nr_expiring; i++) {
		const struct report_expiry *x = &a->expiring[i];
		json_t *e = json_object();

		json_object_set_new(e, "what", json_text(x->what));
		json_object_set_new(e, "where", json_text(x->where));
		json_object_set_new(e, "expires", json_text(x->expires));
		json_object_set_new(e, "days_left", json_integer(x->days_left));
		json_array_append_new(exp, e);
	}
	json_object_set_new(o, "expiring", exp);
	for (size_t i = 0; i < a->nr_trend; i++) {
		json_t *p = json_object(), *sev = json_object();

		json_object_set_new(p, "start", json_text(a->trend[i].when));
		for (int s = SEV__COUNT - 1; s >= 0; s--)
			json_object_set_new(sev, severity_name((enum severity)s),
				json_integer((json_int_t)
					     a->trend[i].by_severity[s]));
		json_object_set_new(p, "by_severity", sev);
		json_array_append_new(trend, p);
	}
	json_object_set_new(o, "trend", trend);
	return o;
}
