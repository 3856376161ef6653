/* cmd_audit.c - `authaudit audit --config FILE`: everything one config
 * declares, written as a timestamped report set beside the earlier runs
 * and compared with the previous one (docs/audit.md). */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cmd.h"
#include "run.h"
#include "audit/audit_config.h"
#include "audit/audit_history.h"
#include "audit/audit_run.h"
#include "lib/shard.h"
#include "lib/strbuf.h"
#include "lib/xalloc.h"
#include "report/merge.h"
#include "report/report_format.h"
#include "report/report_read.h"

struct audit_cli {
	const char *config;
	struct strlist rules_dirs;
	const char *format;
	const char *output_dir;
	enum severity fail_on;
	long threads;
	const char *shard;
	struct strlist from;
	int show_secrets;
	int quiet;
	int help;
};

static const struct cli_opt audit_table[] = {
	{ "config", 'c', CLI_STRING, offsetof(struct audit_cli, config),
	  "FILE", "the audit config (YAML; see docs/audit.md)" },
	{ "rules", 0, CLI_LIST, offsetof(struct audit_cli, rules_dirs), "DIR",
	  "load extra rules from DIR; same ids override (repeatable)" },
	{ "format", 'f', CLI_STRING, offsetof(struct audit_cli, format),
	  "FMTS", "formats to write, comma-separated (default: the "
	  "config's, else all; json is always written)" },
	{ "output-dir", 0, CLI_STRING,
	  offsetof(struct audit_cli, output_dir), "DIR",
	  "the report directory (default: the config's output_dir)" },
	{ "fail-on", 0, CLI_SEVERITY, offsetof(struct audit_cli, fail_on),
	  "SEV", "exit 1 on findings at or above SEV (default low; never: "
	  "report only)" },
	{ "threads", 'j', CLI_LONG, offsetof(struct audit_cli, threads), "N",
	  "scan with N threads (default: one per core)" },
	{ "shard", 0, CLI_STRING, offsetof(struct audit_cli, shard), "I/N",
	  "run only shard I of N (files by path, endpoints by host:port, "
	  "tokens and auth targets by entry)" },
	{ "from", 0, CLI_LIST, offsetof(struct audit_cli, from), "REPORT",
	  "run nothing: make this run of the shards' JSON reports "
	  "(repeatable; each shard once)" },
	{ "show-secrets", 0, CLI_BOOL,
	  offsetof(struct audit_cli, show_secrets), NULL,
	  "write secrets in full into the reports (redacted by default)" },
	{ "quiet", 'q', CLI_BOOL, offsetof(struct audit_cli, quiet), NULL,
	  "no progress and no summary" },
	{ "help", 'h', CLI_HELP, 0, NULL, "show this help" },
	{ NULL, 0, 0, 0, NULL, NULL }
};

static const char synopsis[] = "authaudit audit --config FILE [options]";
static const char description[] =
	"Run everything an audit config declares (source trees, endpoints,\n"
	"tokens, each under its profile) into one report, written in every\n"
	"format to OUTPUT_DIR/<UTC start>/authaudit.<ext>, with\n"
	"OUTPUT_DIR/latest pointing at it. The report compares the run with\n"
	"the previous one (new, still-open and resolved findings), lists\n"
	"certificates and tokens expiring within the warning window and, in\n"
	"HTML, the trend of earlier runs. Split across jobs with --shard I/N\n"
	"(each job its own --output-dir), then make the run of their reports\n"
	"with --from (docs/audit.md). Exit status: 0 clean, 1 findings at or\n"
	"above --fail-on, 2 usage or config error, 3 nothing could be\n"
	"checked.";

/* The formats to write: --format, else the config's, else all; json
 * first in any case (the next run compares against it). */
static int pick_formats(const struct audit_cli *o, const struct audit_config *c,
			const struct report_format **fmts, size_t *nr,
			struct err *e)
{
	struct strbuf list = STRBUF_INIT;
	int rc;

	if (o->format) {
		strbuf_addstr(&list, o->format);
	} else if (c->formats.nr) {
		for (size_t i = 0; i < c->formats.nr; i++)
			strbuf_addf(&list, "%s%s", i ? "," : "",
				    c->formats.items[i]);
	} else {
		for (size_t i = 0; report_formats[i]; i++)
			strbuf_addf(&list, "%s%s", i ? "," : "",
				    report_formats[i]->name);
	}
	rc = report_formats_parse(list.buf, fmts, nr, e);
	strbuf_release(&list);
	if (rc)
		return -1;
	for (size_t i = 0; i < *nr; i++)
		if (!strcmp(fmts[i]->name, "json")) {
			const struct report_format *f = fmts[i];

			memmove(fmts + 1, fmts, i * sizeof(*fmts));
			fmts[0] = f;
			return 0;
		}
	if (*nr == REPORT_FORMATS_MAX)
		return err_set(e, "too many formats");
	memmove(fmts + 1, fmts, *nr * sizeof(*fmts));
	fmts[0] = report_format_find("json");
	(*nr)++;
	return 0;
}

/* --from: this run is the shards' reports merged (each shard once), with
 * the tokens they listed as expiring; returns how many targets. */
static long from_reports(const struct strlist *paths, const struct ruleset *rs,
			 struct report *r, struct err *e)
{
	struct merge_input *ins = xcalloc(paths->nr, sizeof(*ins));
	struct merge_result res;
	long rc = -1;

	memset(&res, 0, sizeof(res));
	if (!merge_inputs_read(ins, paths->nr, paths, rs, 0, e) &&
	    !merge_check_shards(ins, paths->nr, 0, &res, r, e)) {
		merge_reports(ins, paths->nr, &res, r);
		r->command = "audit";
		r->shard = NULL;
		for (size_t i = 0; i < paths->nr; i++)
			audit_read_expiring_tokens(paths->items[i], r->audit);
		audit_expiring_certs(r);
		rc = (long)r->nr_targets;
	}
	merge_inputs_release(ins, paths->nr);
	merge_result_release(&res);
	return rc;
}

/* Compare r with the previous run in dir, and gather the trend. */
static void compare(const char *dir, const struct strlist *runs,
		    const struct ruleset *rs, struct report *r)
{
	char *prev = audit_previous_report(dir, runs);
	struct report old;
	struct err e = ERR_INIT;

	audit_trend(dir, runs, r->audit);
	if (r->audit->nr_trend)
		r->audit->previous_start = xstrdup(
			r->audit->trend[r->audit->nr_trend - 1].when);
	if (!prev)
		return;
	report_init(&old, "audit");
	if (report_read_json(prev, rs, &old, &e)) {
		report_add_notice(r, prev, "previous run not compared: %s",
				  e.msg);
		free(prev);
	} else {
		audit_compare(r, &old);
		r->audit->previous = prev;
	}
	report_release(&old);
}

/* The report set into dir/RUN, then latest -> RUN, then old runs pruned. */
static int write_run(const char *dir, const struct audit_config *c,
		     const struct report_format **fmts, size_t nr,
		     struct report *r, struct strbuf *where, struct err *e)
{
	char *run = audit_run_create(dir, r->start.tv_sec, e);
	struct strlist runs = { 0 };
	int rc;

	if (!run)
		return -1;
	strbuf_addf(where, "%s/%s", dir, run);
	rc = report_write_set(r, fmts, nr, where->buf, AUDIT_REPORT_BASE, e);
	if (!rc)
		rc = audit_latest_update(dir, run, e);
	if (!rc) {
		audit_runs_list(dir, &runs);
		audit_prune(dir, &runs, c->keep);
	}
	strlist_release(&runs);
	free(run);
	return rc;
}

static void summary(const struct report *r, const char *where)
{
	char *real = realpath(where, NULL);	/* no "x/../" in what we print */
	size_t nw = 0, open = 0;

	for (size_t i = 0; i < r->findings.nr; i++) {
		nw += r->findings.items[i].change == CHANGE_NEW;
		open += r->findings.items[i].change == CHANGE_OPEN;
	}
	printf("audit%s%s: %zu findings (%zu at or above %s)", r->audit->name ?
	       " " : "", r->audit->name ? r->audit->name : "",
	       r->findings.nr, report_count_failing(r),
	       severity_name(r->fail_on));
	if (r->audit->previous)
		printf("; since the previous run: %zu new, %zu still open, "
		       "%zu resolved", nw, open, r->audit->resolved.nr);
	else
		printf("; first run in this directory");
	printf("\n%zu expiring within the warning window; %zu notices\n"
	       "reports: %s\n", r->audit->nr_expiring, r->nr_notices,
	       real ? real : where);
	free(real);
}

static int audit(struct audit_cli *o, struct audit_config *c,
		 struct ruleset *rs, struct err *e)
{
	const struct report_format *fmts[REPORT_FORMATS_MAX];
	struct audit_run_opts ao = { 0 };
	struct common_opts co;
	const char *dir = o->output_dir ? o->output_dir : c->output_dir;
	struct strlist runs = { 0 };
	struct strbuf where = STRBUF_INIT;
	struct report r;
	struct shard shard = SHARD_NONE;
	char shard_buf[SHARD_NAME_MAX];
	size_t nfmts;
	long done;
	int code = EXIT_USAGE;

	common_opts_init(&co);
	co.rules_dirs = o->rules_dirs;
	co.profile = c->profile ? c->profile : "default";
	report_init(&r, "audit");
	if (pick_formats(o, c, fmts, &nfmts, e))
		goto out;
	if (run_hash_key(&r, NULL, e) ||
	    run_load_rules(&co, rs, &r.profile, e) ||
	    audit_check_profiles(c, rs, e) || report_dir_prepare(dir, e))
		goto out;
	r.rules = rs;
	r.fail_on = o->fail_on;
	r.show_secrets = o->show_secrets;
	r.audit = xcalloc(1, sizeof(*r.audit));
	finding_list_init(&r.audit->resolved);
	r.audit->name = c->name ? xstrdup(c->name) : NULL;
	ao.threads = (unsigned)o->threads;
	ao.output_dir = dir;
	ao.progress = !o->quiet && isatty(STDERR_FILENO);
	if (shard_parse(o->shard, &shard, e))
		goto out;
	if (shard.count) {
		shard_name(&shard, shard_buf, sizeof(shard_buf));
		r.shard = shard_buf;
		ao.shard = &shard;
	}
	if (o->from.nr) {
		done = from_reports(&o->from, rs, &r, e);
	} else {
		clock_gettime(CLOCK_REALTIME, &r.start);
		done = audit_run(c, rs, &ao, &r, e);
		clock_gettime(CLOCK_REALTIME, &r.end);
	}
	if (done < 0)
		goto out;
	finding_list_sort(&r.findings);
	audit_runs_list(dir, &runs);
	compare(dir, &runs, rs, &r);
	if (write_run(dir, c, fmts, nfmts, &r, &where, e))
		goto out;
	if (!o->quiet)
		summary(&r, where.buf);
	/* a shard whose share was empty is clean, as scan's and probe's */
	code = done || shard.count ? run_exit_code(&r) : EXIT_NOTHING;
out:
	strlist_release(&runs);
	strbuf_release(&where);
	report_release(&r);
	return code;
}

int cmd_audit(int argc, char **argv)
{
	struct audit_cli o;
	struct audit_config c;
	struct strlist args = { 0 };
	struct ruleset rs = RULESET_INIT;
	struct err e = ERR_INIT;
	int code = EXIT_USAGE;

	memset(&o, 0, sizeof(o));
	o.fail_on = SEV_LOW;
	memset(&c, 0, sizeof(c));
	if (run_parse(audit_table, argc, argv, &o, &args, synopsis,
		      description, &code))
		goto out;
	code = EXIT_USAGE;
	if (args.nr || !o.config) {
		fprintf(stderr, "authaudit: usage: %s\n", synopsis);
		goto out;
	}
	if (o.threads < 0 || o.threads > 256) {
		fputs("authaudit: --threads takes 1 to 256\n", stderr);
		goto out;
	}
	if (audit_config_load(&c, o.config, &e)) {
		err_print(&e, stderr);
		goto out;
	}
	code = audit(&o, &c, &rs, &e);
	if (code == EXIT_USAGE)
		err_print(&e, stderr);
out:
	audit_config_release(&c);
	ruleset_release(&rs);
	strlist_release(&args);
	strlist_release(&o.rules_dirs);
	strlist_release(&o.from);
	return code;
}
