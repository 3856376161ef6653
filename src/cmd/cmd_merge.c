/* cmd_merge.c - `authaudit merge REPORT.json...`: the JSON reports of a
 * run's shards (scan or probe --shard I/N), or of any runs, as one report
 * in any format. A set of shards that lacks or repeats one is an error
 * unless --partial: a merged report silently missing a share of the
 * estate is the worst outcome (docs/sharding.md). */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "run.h"
#include "lib/shard.h"
#include "lib/xalloc.h"
#include "report/merge.h"
#include "report/report_read.h"

struct merge_opts {
	struct common_opts common;
	int partial;
};

static const struct cli_opt merge_table[] = {
	COMMON_CLI_OPTS(struct merge_opts, common),
	{ "partial", 0, CLI_BOOL, offsetof(struct merge_opts, partial), NULL,
	  "merge a set of shards that lacks or repeats one (a notice names "
	  "them) instead of failing" },
	{ NULL, 0, 0, 0, NULL, NULL }
};

static const char synopsis[] =
	"authaudit merge [options] REPORT.json...";
static const char description[] =
	"Combine JSON reports (--format json) into one: the shards of a run\n"
	"split with --shard I/N, or any reports. Targets, findings (the same\n"
	"fingerprint at the same location once), notices, endpoints and\n"
	"counts are combined; start is the earliest, end the latest. A set\n"
	"of shards with one missing or given twice fails unless --partial.\n"
	"--profile is the inputs' own when they agree. Exit status: 0 clean,\n"
	"1 findings at or above --fail-on, 2 usage error, unreadable report\n"
	"or incomplete shards, 3 nothing was scanned or probed.";

/* The status of the merged report: as scan's and probe's. */
static int exit_code(const struct report *r, const struct merge_input *ins,
		     size_t n)
{
	int counted = 1;	/* only scan and probe count what they did */

	for (size_t i = 0; i < n; i++)
		counted &= ins[i].run.command &&
			   (!strcmp(ins[i].run.command, "scan") ||
			    !strcmp(ins[i].run.command, "probe"));
	if (counted && !r->stats.files_scanned && !r->stats.endpoints_probed)
		return EXIT_NOTHING;
	return run_exit_code(r);
}

int cmd_merge(int argc, char **argv)
{
	struct merge_opts o;
	struct strlist paths = { 0 };
	struct ruleset rs = RULESET_INIT;
	struct merge_input *ins = NULL;
	struct merge_result res;
	struct report r;
	struct err e = ERR_INIT;
	int code = EXIT_USAGE;

	memset(&o, 0, sizeof(o));
	memset(&res, 0, sizeof(res));
	common_opts_init(&o.common);
	if (run_parse(merge_table, argc, argv, &o, &paths, synopsis,
		      description, &code))
		goto out;
	if (!paths.nr) {
		fputs("authaudit: merge needs JSON reports (see 'authaudit "
		      "merge --help')\n", stderr);
		goto out;
	}
	if (run_begin(&o.common, "merge", &rs, &r, &e)) {
		err_print(&e, stderr);
		goto out;
	}
	ins = xcalloc(paths.nr, sizeof(*ins));
	if (merge_inputs_read(ins, paths.nr, &paths, &rs,
			      o.common.show_secrets, &e) ||
	    merge_check_shards(ins, paths.nr, o.partial, &res, &r, &e)) {
		err_print(&e, stderr);
		run_release(&r);
		goto out;
	}
	merge_reports(ins, paths.nr, &res, &r);
	if (run_finish_report(&o.common, &r, &e)) {
		err_print(&e, stderr);
		code = EXIT_USAGE;
	} else {
		code = exit_code(&r, ins, paths.nr);
	}
	run_release(&r);
out:
	if (ins)
		merge_inputs_release(ins, paths.nr);
	merge_result_release(&res);
	ruleset_release(&rs);
	strlist_release(&paths);
	common_opts_release(&o.common);
	return code;
}
