/* compliance.c - the guideline matrix of a report; see compliance.h. */
#include "compliance.h"

#include <stdlib.h>
#include <string.h>

#include "lib/strbuf.h"
#include "lib/xalloc.h"

static const char *const compliance_verdict_names[COMPLY__COUNT] = {
	"pass", "fail", "not-tested", "error"
};

const char *compliance_verdict_name(enum compliance_verdict v)
{
	return (unsigned)v < COMPLY__COUNT ? compliance_verdict_names[v] : "?";
}

size_t compliance_statements_of(const struct ruleset *rs,
				const struct rule *rule,
				const struct statement **out, size_t n)
{
	size_t k = 0;

	for (size_t i = 0; i < rs->nr_statements; i++)
		if (statement_tests(rs->statements[i], rule)) {
			if (k < n)
				out[k] = rs->statements[i];
			k++;
		}
	return k;
}

static struct compliance_matrix *matrix_for(struct compliance *c,
					    const struct profile *p)
{
	for (size_t i = 0; i < c->nr; i++)
		if (c->matrices[i].profile == p)
			return &c->matrices[i];
	c->matrices = xrealloc(c->matrices, (c->nr + 1) *
			       sizeof(*c->matrices));
	memset(&c->matrices[c->nr], 0, sizeof(c->matrices[0]));
	c->matrices[c->nr].profile = p;
	return &c->matrices[c->nr++];
}

/* What a row's rules do under the matrix's profile, for each kind of
 * target: worked out once per row, not once per cell. */
struct row_rules {
	unsigned kinds;				/* kinds its rules run on */
	int runs[RULE_TARGET__COUNT];		/* one is selected there */
	int deselected[RULE_TARGET__COUNT];	/* one is, but not selected */
};

static void row_rules(const struct ruleset *rs, const struct statement *st,
		      const struct profile *p, struct row_rules *rr)
{
	memset(rr, 0, sizeof(*rr));
	for (size_t i = 0; i < rs->nr; i++) {
		const struct rule *rule = rs->rules[i];
		enum rule_target k = rule->kind->target;

		if (!statement_tests(st, rule))
			continue;
		rr->kinds |= 1u << k;
		if (profile_selects(p, rule))
			rr->runs[k] = 1;
		else
			rr->deselected[k] = 1;
	}
}

/* The findings of each target, and why a target could not be checked:
 * built once for the whole report. */
struct by_target {
	size_t *start;		/* findings of t: idx[start[t]..start[t+1]) */
	size_t *idx;
	char **error;		/* target_error() of each target */
};

static char *not_tested_why(const struct statement *st, unsigned kinds,
			    int deselected, enum rule_target kind)
{
	static const char *const by[RULE_TARGET__COUNT] = {
		"scan", "probe", "auth", "token"
	};
	struct strbuf sb = STRBUF_INIT;

	if (st->manual) {
		strbuf_addf(&sb, "manual check: %s", st->manual);
	} else if (deselected) {
		strbuf_addstr(&sb, "the profile selects none of its rules");
	} else {
		strbuf_addf(&sb, "not checked by %s; its rules run in",
			    by[kind]);
		for (int k = 0, n = 0; k < RULE_TARGET__COUNT; k++)
			if (kinds & (1u << k))
				strbuf_addf(&sb, "%s %s", n++ ? "," : "",
					    by[k]);
	}
	return strbuf_detach(&sb, NULL);
}

/* Why target t could not be checked, or NULL: what the command noted on
 * the target, a probe that failed there, or a notice about a scan root
 * itself (one that cannot be read). */
static char *target_error(const struct report *r,
			  const struct by_target *bt, size_t t)
{
	const struct report_target *tg = &r->targets[t];

	if (tg->error)
		return xstrdup(tg->error);
	for (size_t k = bt->start[t]; k < bt->start[t + 1]; k++) {
		const struct finding *f = &r->findings.items[bt->idx[k]];

		if (!strcmp(f->rule->id, "endpoint.probe-failed"))
			return xstrdup(f->evidence ? f->evidence : f->message);
	}
	if (tg->kind != RULE_TARGET_SOURCE)
		return NULL;
	for (size_t i = 0; i < r->nr_notices; i++)
		if (!strcmp(r->notices[i].where, tg->name))
			return xstrdup(r->notices[i].message);
	return NULL;
}

/* Why one of st's rules, selected by p, could not be checked on target
 * t (a check that was skipped or did not reach its port), or NULL: a
 * statement is no pass where a check of it did not run. */
static char *untested_why(const struct report *r, const struct statement *st,
			  const struct profile *p, size_t t)
{
	const struct report_target *tg = &r->targets[t];

	for (size_t i = 0; i < tg->untested.nr; i++) {
		const char *id = tg->untested.items[i].key;
		const struct rule *rule = ruleset_find(r->rules, id);

		if (rule && statement_tests(st, rule) &&
		    profile_selects(p, rule))
			return xstrdup(tg->untested.items[i].value);
	}
	return NULL;
}

static void fill_cell(const struct report *r, const struct by_target *bt,
		      const struct row_rules *rr, struct compliance_matrix *m,
		      size_t row, size_t col)
{
	const struct statement *st = m->statements[row];
	size_t t = m->targets[col];
	enum rule_target kind = r->targets[t].kind;
	struct compliance_cell *cell = &m->cells[row * m->nr_targets + col];

	if (st->manual || !rr->runs[kind]) {
		cell->verdict = COMPLY_NOT_TESTED;
		cell->why = not_tested_why(st, st->manual ? 0 : rr->kinds,
					   rr->deselected[kind], kind);
		return;
	}
	for (size_t k = bt->start[t]; k < bt->start[t + 1]; k++) {
		size_t i = bt->idx[k];

		if (!statement_tests(st, r->findings.items[i].rule))
			continue;
		cell->findings = xrealloc(cell->findings,
					  (cell->nr_findings + 1) *
					  sizeof(*cell->findings));
		cell->findings[cell->nr_findings++] = i;
	}
	if (cell->nr_findings) {
		cell->verdict = COMPLY_FAIL;
		return;
	}
	cell->why = bt->error[t] ? xstrdup(bt->error[t]) :
		    untested_why(r, st, m->profile, t);
	cell->verdict = cell->why ? COMPLY_ERROR : COMPLY_PASS;
}

/* Rows by document (000_..., 001_...), each in catalogue order. */
static void add_rows(const struct ruleset *rs, struct compliance_matrix *m)
{
	const char *doc = NULL;

	for (;;) {
		const char *next = NULL;

		for (size_t i = 0; i < rs->nr_statements; i++) {
			const char *d = rs->statements[i]->guideline.doc;

			if (profile_covers(m->profile, rs->statements[i]) &&
			    (!doc || strcmp(d, doc) > 0) &&
			    (!next || strcmp(d, next) < 0))
				next = d;
		}
		if (!next)
			return;
		for (size_t i = 0; i < rs->nr_statements; i++)
			if (profile_covers(m->profile, rs->statements[i]) &&
			    !strcmp(rs->statements[i]->guideline.doc, next))
				m->statements[m->nr_statements++] =
					rs->statements[i];
		doc = next;
	}
}

static void build_matrix(const struct report *r, const struct by_target *bt,
			 struct compliance_matrix *m)
{
	const struct ruleset *rs = r->rules;
	struct row_rules rr;

	m->statements = xcalloc(rs->nr_statements + 1,
				sizeof(*m->statements));
	add_rows(rs, m);
	m->cells = xcalloc(m->nr_statements * m->nr_targets + 1,
			   sizeof(*m->cells));
	for (size_t row = 0; row < m->nr_statements; row++) {
		row_rules(rs, m->statements[row], m->profile, &rr);
		for (size_t col = 0; col < m->nr_targets; col++) {
			fill_cell(r, bt, &rr, m, row, col);
			m->count[compliance_cell(m, row, col)->verdict]++;
		}
	}
}

/* Bucket the findings by target (a counting sort), then each target's
 * error. */
static void by_target_build(const struct report *r, struct by_target *bt)
{
	size_t nt = r->nr_targets, *fill;
	long *owner = xcalloc(r->findings.nr + 1, sizeof(*owner));

	bt->start = xcalloc(nt + 2, sizeof(*bt->start));
	bt->idx = xcalloc(r->findings.nr + 1, sizeof(*bt->idx));
	bt->error = xcalloc(nt + 1, sizeof(*bt->error));
	for (size_t i = 0; i < r->findings.nr; i++) {
		owner[i] = report_target_of(r, &r->findings.items[i]);
		if (owner[i] >= 0)
			bt->start[owner[i] + 1]++;
	}
	for (size_t t = 0; t < nt; t++)
		bt->start[t + 1] += bt->start[t];
	fill = xcalloc(nt + 1, sizeof(*fill));
	for (size_t i = 0; i < r->findings.nr; i++)
		if (owner[i] >= 0)
			bt->idx[bt->start[owner[i]] + fill[owner[i]]++] = i;
	for (size_t t = 0; t < nt; t++)
		bt->error[t] = target_error(r, bt, t);
	free(fill);
	free(owner);
}

static void by_target_release(struct by_target *bt, size_t nt)
{
	for (size_t t = 0; t < nt; t++)
		free(bt->error[t]);
	free(bt->error);
	free(bt->start);
	free(bt->idx);
}

void compliance_build(const struct report *r, struct compliance *c)
{
	struct by_target bt;

	memset(c, 0, sizeof(*c));
	if (!r->rules || !r->rules->nr_statements)
		return;
	for (size_t t = 0; t < r->nr_targets; t++) {
		struct compliance_matrix *m =
			matrix_for(c, report_target_profile(r,
							    &r->targets[t]));

		m->targets = xrealloc(m->targets, (m->nr_targets + 1) *
				      sizeof(*m->targets));
		m->targets[m->nr_targets++] = t;
	}
	by_target_build(r, &bt);
	for (size_t i = 0; i < c->nr; i++)
		build_matrix(r, &bt, &c->matrices[i]);
	by_target_release(&bt, r->nr_targets);
}

void compliance_release(struct compliance *c)
{
	for (size_t i = 0; i < c->nr; i++) {
		struct compliance_matrix *m = &c->matrices[i];
		size_t n = m->nr_statements * m->nr_targets;

		for (size_t k = 0; k < n; k++) {
			free(m->cells[k].findings);
			free(m->cells[k].why);
		}
		free(m->cells);
		free(m->statements);
		free(m->targets);
	}
	free(c->matrices);
	memset(c, 0, sizeof(*c));
}
