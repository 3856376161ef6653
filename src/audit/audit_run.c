/* audit_run.c - an audit config's sources, endpoints and tokens into one
 * report; see audit_run.h. */
#include "audit_run.h"

#include <curl/curl.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "audit_history.h"
#include "auth/auth_checks.h"
#include "history/history.h"
#include "lib/shard.h"
#include "lib/strbuf.h"
#include "lib/xalloc.h"
#include "probe/probe.h"
#include "probe/probe_target.h"
#include "scan/scan.h"
#include "scan/scan_run.h"
#include "token/token_inspect.h"

#define TOKEN_FILE_MAX (1U << 20)

static const char *profile_name(const struct audit_config *c,
				const char *own)
{
	return own ? own : c->profile ? c->profile : "default";
}

static int check_one(const struct audit_config *c, const struct ruleset *rs,
		     const char *own, unsigned line, struct err *e)
{
	const char *name = profile_name(c, own);

	if (ruleset_profile(rs, name))
		return 0;
	return line ? err_set_at(e, c->file, line, 1, "unknown profile '%s'",
				 name) :
		      err_set(e, "%s: unknown profile '%s'", c->file, name);
}

int audit_check_profiles(const struct audit_config *c,
			 const struct ruleset *rs, struct err *e)
{
	if (check_one(c, rs, NULL, 0, e))
		return -1;
	for (size_t i = 0; i < c->nr_sources; i++)
		if (check_one(c, rs, c->sources[i].profile, 0, e))
			return -1;
	for (size_t i = 0; i < c->nr_history; i++)
		if (check_one(c, rs, c->history[i].profile, 0, e))
			return -1;
	for (size_t i = 0; i < c->nr_endpoints; i++)
		if (check_one(c, rs, c->endpoints[i].profile,
			      c->endpoints[i].line, e))
			return -1;
	for (size_t i = 0; i < c->nr_tokens; i++)
		if (check_one(c, rs, c->tokens[i].profile, c->tokens[i].line,
			      e))
			return -1;
	for (size_t i = 0; i < c->auth.nr; i++)
		if (!ruleset_profile(rs, c->auth.targets[i].profile))
			return err_set(e, "%s: target '%s': unknown profile "
				       "'%s'", c->auth_file,
				       c->auth.targets[i].name,
				       c->auth.targets[i].profile);
	return 0;
}

/* One source tree under its profile: a walk and a scan of its own. */
static long run_source(const struct audit_config *c,
		       const struct audit_source *s, const struct ruleset *rs,
		       const struct audit_run_opts *o, struct report *r,
		       struct err *e)
{
	const char *pname = profile_name(c, s->profile);
	struct strlist roots = { 0 };
	struct scan_run_opts ro = { 0 };
	struct scan_engine *eng = NULL;
	struct scan_walk *walk;
	size_t n;

	strlist_push(&roots, s->path);
	ro.roots = &roots;
	ro.excludes = &s->exclude;
	ro.max_file_size = 10ULL << 20;
	ro.threads = o->threads;
	ro.inline_allow = 1;
	ro.progress = o->progress;
	ro.shard = o->shard;
	/* an audit never scans its own reports (they quote what they found) */
	ro.skip_dir = o->output_dir;
	walk = scan_walk_start(&ro);
	if (scan_engine_build(&eng, rs, ruleset_profile(rs, pname), NULL, 0,
			      e)) {
		scan_walk_abandon(walk);
		strlist_release(&roots);
		return -1;
	}
	report_add_target(r, s->path, RULE_TARGET_SOURCE, pname);
	r->stats.rules_loaded += scan_engine_rule_count(eng);
	n = scan_run(walk, eng, r);
	scan_engine_free(eng);
	strlist_release(&roots);
	return (long)n;
}

/* One repository's history under its profile. One that cannot be opened
 * is that target's error and a notice; the audit goes on. */
static long run_history(const struct audit_config *c,
			const struct audit_source *s, const struct ruleset *rs,
			const struct audit_run_opts *o, struct report *r,
			struct err *e)
{
	const char *pname = profile_name(c, s->profile);
	struct history_opts ho = { 0 };
	struct scan_engine *eng = NULL;
	struct history *h = NULL;
	struct err he = ERR_INIT;
	size_t t, n;

	ho.path = s->path;
	ho.mode = HISTORY_ALL;
	ho.branches = &s->branch;
	ho.excludes = &s->exclude;
	ho.max_file_size = 10ULL << 20;
	ho.threads = o->threads;
	ho.inline_allow = 1;
	ho.progress = o->progress;
	ho.shard = o->shard;
	t = report_add_target(r, s->path, RULE_TARGET_SOURCE, pname);
	if (history_open(&h, &ho, &he)) {
		report_target_error(r, t, he.msg);
		report_add_notice(r, s->path, "%s", he.msg);
		return 0;
	}
	history_start(h);
	if (scan_engine_build(&eng, rs, ruleset_profile(rs, pname), NULL, 0,
			      e)) {
		history_free(h);
		return -1;
	}
	r->stats.rules_loaded += scan_engine_rule_count(eng);
	n = history_scan(h, eng, r);
	history_free(h);
	scan_engine_free(eng);
	return (long)n;
}

static long run_endpoints(const struct audit_config *c,
			  const struct ruleset *rs,
			  const struct audit_run_opts *o, struct report *r,
			  struct err *e)
{
	struct probe_targets ts = { 0 };
	struct probe_opts po = { 0 };
	long n = -1;

	for (size_t i = 0; i < c->nr_endpoints; i++) {
		const struct audit_endpoint *ep = &c->endpoints[i];
		struct probe_target *t;

		if (probe_targets_add(&ts, ep->url, 80, e)) {
			char msg[sizeof(e->msg)];

			memcpy(msg, e->msg, sizeof(msg));
			err_set_at(e, c->file, ep->line, 1, "%s", msg);
			goto out;
		}
		t = &ts.items[ts.nr - 1];
		t->profile = xstrdup(profile_name(c, ep->profile));
		if (ep->http_url) {
			free(t->http_url);
			t->http_url = xstrdup(ep->http_url);
		}
	}
	if (o->shard && o->shard->count)
		r->stats.endpoints_skipped_shard +=
			probe_targets_shard(&ts, o->shard);
	if (!ts.nr) {
		n = 0;		/* every endpoint is another shard's */
		goto out;
	}
	po.ca_file = c->ca_file;
	po.timeout_ms = (c->timeout ? c->timeout : 5) * 1000;
	po.concurrency = 32;
	po.per_host = 8;
	po.resolve = &c->resolve;
	po.progress = o->progress;
	curl_global_init(CURL_GLOBAL_DEFAULT);
	n = probe_run(&po, rs, ruleset_profile(rs, profile_name(c, NULL)),
		      &ts, r, e);
	curl_global_cleanup();
	audit_expiring_certs(r);
out:
	probe_targets_release(&ts);
	return n;
}

/* Does the shard keep this token or auth entry (by kind and name)? */
static int keeps(const struct shard *s, const char *kind, const char *name)
{
	struct strbuf key = STRBUF_INIT;
	int yes;

	if (!s || !s->count)
		return 1;
	strbuf_addf(&key, "%s%s", kind, name);
	yes = shard_keeps(s, key.buf);
	strbuf_release(&key);
	return yes;
}

/* The live auth checks of every target of the auth config; a target
 * whose credentials cannot be read is a notice, and the rest go on. */
static long run_auth(const struct audit_config *c, const struct ruleset *rs,
		     const struct shard *shard, struct report *r)
{
	long tested = 0;

	curl_global_init(CURL_GLOBAL_DEFAULT);
	for (size_t i = 0; i < c->auth.nr; i++) {
		const struct auth_target *t = &c->auth.targets[i];
		struct err e = ERR_INIT;
		int rc;

		if (!keeps(shard, "auth:", t->name))
			continue;
		rc = auth_run_target(t, c->ca_file, rs, r, &e);

		if (rc < 0) {
			size_t idx = report_add_target(r, t->name,
						       RULE_TARGET_AUTH,
						       t->profile);

			report_target_error(r, idx, e.msg);
			report_add_notice(r, t->base_url, "auth target '%s' "
					  "not tested: %s", t->name, e.msg);
		}
		tested += rc > 0;
	}
	curl_global_cleanup();
	return tested;
}

/* Judge one token; a JWT's exp within the warning window is listed. */
static void judge_token(struct token_ctx *tc, const char *text, size_t len,
			long warn, struct report *r)
{
	struct token_verdict v;
	struct strbuf where = STRBUF_INIT;
	char why[sizeof(v.decode_error) + 64];

	token_inspect(tc, text, len, &v);
	if (!v.len) {
		token_verdict_release(&v);
		return;
	}
	strbuf_addstr(&where, tc->where);
	if (tc->line)
		strbuf_addf(&where, ":%u", tc->line);
	if (token_verdict_problem(&v, why, sizeof(why)))
		report_add_notice(r, where.buf, "%s", why);
	if (v.decoded && v.jwt.has_exp &&
	    difftime((time_t)v.jwt.exp, tc->now) < warn)
		audit_add_expiry(r->audit, "token", where.buf,
				 (time_t)v.jwt.exp, tc->now);
	token_verdict_findings(tc, &v, &r->findings);
	token_verdict_release(&v);
	strbuf_release(&where);
}

/* "2027-01-05" as midnight UTC. */
static time_t day_utc(const char *s)
{
	struct tm tm = { 0 };

	return strptime(s, "%Y-%m-%d", &tm) ? timegm(&tm) : (time_t)-1;
}

/* One token entry: a file of tokens, one in the environment, or an
 * opaque token known only by name and expiry date. Returns how many
 * tokens it judged. */
static long run_token(const struct audit_config *c,
		      const struct audit_token *t, const struct ruleset *rs,
		      const char *words, size_t nwords, struct report *r)
{
	const char *pname = profile_name(c, t->profile);
	const struct profile *p = ruleset_profile(rs, pname);
	struct token_ctx tc = { rs, p, time(NULL), words, nwords, NULL, 0 };
	struct strbuf in = STRBUF_INIT, where = STRBUF_INIT;
	struct err pe = ERR_INIT;
	long warn = 14L * 86400, n = 0;
	size_t idx;

	profile_param_seconds(rs, p, "token_expiry_warning", &warn, &pe);
	if (t->name) {
		time_t exp = day_utc(t->expires);

		report_add_target(r, t->name, RULE_TARGET_TOKEN, pname);
		if (difftime(exp, tc.now) < warn)
			audit_add_expiry(r->audit, "token", t->name, exp,
					 tc.now);
		return 1;
	}
	if (t->env) {
		const char *v = getenv(t->env);

		strbuf_addf(&where, "env:%s", t->env);
		idx = report_add_target(r, where.buf, RULE_TARGET_TOKEN,
					pname);
		if (!v || !*v) {
			report_target_error(r, idx, "the variable is not set");
			report_add_notice(r, where.buf, "not set; no token to "
					  "check");
			strbuf_release(&where);
			return 0;
		}
		tc.where = where.buf;
		judge_token(&tc, v, strlen(v), warn, r);
		strbuf_release(&where);
		return 1;
	}
	idx = report_add_target(r, t->file, RULE_TARGET_TOKEN, pname);
	if (strbuf_read_file(&in, t->file, TOKEN_FILE_MAX) < 0) {
		const char *why = strerror(errno);

		report_target_error(r, idx, why);
		report_add_notice(r, t->file, "cannot read: %s", why);
		strbuf_release(&in);
		return 0;
	}
	tc.where = t->file;
	for (const char *l = in.buf, *end = in.buf + in.len; l < end;) {
		const char *nl = memchr(l, '\n', (size_t)(end - l));
		const char *eol = nl ? nl : end;

		tc.line++;
		if (eol > l && *l != '#') {
			judge_token(&tc, l, (size_t)(eol - l), warn, r);
			n++;
		}
		l = eol + 1;
	}
	strbuf_release(&in);
	return n;
}

long audit_run(const struct audit_config *c, const struct ruleset *rs,
	       const struct audit_run_opts *o, struct report *r,
	       struct err *e)
{
	const char *words = NULL;
	size_t nwords = 0;
	long done = 0, n;

	for (size_t i = 0; i < c->nr_sources; i++) {
		n = run_source(c, &c->sources[i], rs, o, r, e);
		if (n < 0)
			return -1;
		done += n;
	}
	for (size_t i = 0; i < c->nr_history; i++) {
		n = run_history(c, &c->history[i], rs, o, r, e);
		if (n < 0)
			return -1;
		done += n;
	}
	if (c->nr_endpoints) {
		n = run_endpoints(c, rs, o, r, e);
		if (n < 0)
			return -1;
		done += n;
	}
	if (c->nr_tokens && kind_jwt_wordlist(rs, &words, &nwords))
		report_add_notice(r, "rules", "no rule names a word list of "
				  "weak JWT secrets");
	for (size_t i = 0; i < c->nr_tokens; i++) {
		const struct audit_token *t = &c->tokens[i];

		if (keeps(o->shard, "token:", t->file ? t->file :
			  t->env ? t->env : t->name))
			done += run_token(c, t, rs, words, nwords, r);
	}
	if (c->auth.nr)
		done += run_auth(c, rs, o->shard, r);
	return done;
}
