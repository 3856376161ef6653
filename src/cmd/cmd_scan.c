/* cmd_scan.c - `authaudit scan [PATH...]`: source trees and configs. */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cmd.h"
#include "repo_config.h"
#include "run.h"
#include "history/history.h"
#include "lib/shard.h"
#include "scan/scan.h"
#include "scan/scan_run.h"

struct scan_opts {
	struct common_opts common;
	struct strlist excludes;
	unsigned long long max_file_size;
	long threads;
	int no_inline_allow;
	int no_ignore;
	int strict_engine;
	int reference_engine;
	const char *shard;
	int history;
	int staged;
	struct strlist branches;
	const char *range;
	const char *since, *until;
	const char *config;		/* --config; NULL: the root's */
	int no_config;
};

static const struct cli_opt scan_table[] = {
	COMMON_CLI_OPTS(struct scan_opts, common),
	CONTEXT_CLI_OPTS(struct scan_opts, common),
	{ "exclude", 'x', CLI_LIST, offsetof(struct scan_opts, excludes),
	  "GLOB", "skip paths matching GLOB (repeatable)" },
	{ "max-file-size", 0, CLI_SIZE,
	  offsetof(struct scan_opts, max_file_size), "SIZE",
	  "skip files larger than SIZE (default 10M)" },
	{ "threads", 'j', CLI_LONG, offsetof(struct scan_opts, threads), "N",
	  "scan with N threads (default: one per core)" },
	{ "no-ignore", 0, CLI_BOOL, offsetof(struct scan_opts, no_ignore),
	  NULL, "scan what .gitignore, .git/info/exclude and the global "
	  "excludes ignore too (a directory scan of a git work tree skips "
	  "them by default; files named on the command line never are)" },
	{ "no-inline-allow", 0, CLI_BOOL,
	  offsetof(struct scan_opts, no_inline_allow), NULL,
	  "report findings on lines marked authaudit:allow too" },
	{ "strict-engine", 0, CLI_BOOL,
	  offsetof(struct scan_opts, strict_engine), NULL,
	  "stop (exit 2) when the matcher fails its self-test, instead of "
	  "falling back to PCRE2 for the rules it misses" },
	{ "reference-engine", 0, CLI_BOOL,
	  offsetof(struct scan_opts, reference_engine), NULL,
	  "no prefilter: every rule's pattern on every line (slow; the "
	  "path the fast one is checked against)" },
	{ "shard", 0, CLI_STRING, offsetof(struct scan_opts, shard), "I/N",
	  "scan only shard I of N (1/3, 2/3, 3/3), split by file path; "
	  "'authaudit merge' combines the reports (docs/sharding.md)" },
	{ "history", 0, CLI_BOOL, offsetof(struct scan_opts, history), NULL,
	  "scan the git history of the repository at PATH (default .): "
	  "every blob any ref's commits introduced, each finding named "
	  "by the commit that brought it (docs/history.md)" },
	{ "branch", 0, CLI_LIST, offsetof(struct scan_opts, branches), "REF",
	  "with --history: only what REF reaches (repeatable; default "
	  "every branch, tag, remote and stash)" },
	{ "since", 0, CLI_STRING, offsetof(struct scan_opts, since), "DATE",
	  "with --history: commits dated DATE or later (2024-03-01, "
	  "2024-03-01T10:00:00Z, @SECONDS, 90d)" },
	{ "until", 0, CLI_STRING, offsetof(struct scan_opts, until), "DATE",
	  "with --history: commits dated DATE or earlier" },
	{ "range", 0, CLI_STRING, offsetof(struct scan_opts, range), "A..B",
	  "only what the commits of B not in A introduced: a pull "
	  "request's (--range origin/main..HEAD); implies --history" },
	{ "staged", 0, CLI_BOOL, offsetof(struct scan_opts, staged), NULL,
	  "scan what 'git add' staged against HEAD (a pre-commit hook)" },
	/* the repository config (docs/config.md) */
	{ "config", 0, CLI_STRING, offsetof(struct scan_opts, config), "FILE",
	  "read settings from FILE (default: .authaudit.yaml in the "
	  "scanned root); the command line wins over it" },
	{ "no-config", 0, CLI_BOOL, offsetof(struct scan_opts, no_config),
	  NULL, "read no .authaudit.yaml" },
	{ NULL, 0, 0, 0, NULL, NULL }
};

static const char synopsis[] =
	"authaudit scan [options] [PATH...]\n"
	"       authaudit scan --history [--branch REF]... [--range A..B] "
	"[PATH]\n"
	"       authaudit scan --staged [PATH]";
static const char description[] =
	"Scan source trees and config files (default: the current directory)\n"
	"for leaked credentials and code that breaks the vendor security\n"
	"guidelines. Exit status: 0 clean, 1 findings at or above --fail-on,\n"
	"2 usage or rule error (with --history or --staged: PATH is not a\n"
	"git repository), 3 nothing could be scanned (with --shard: no\n"
	"shard has any file; with --history: no commit holds a text file).\n"
	"With --history a secret removed in a later commit is still found:\n"
	"every clone holds it, so rotate it as if it were still there.\n"
	"Settings come from .authaudit.yaml in the scanned root (or\n"
	"--config FILE), under the command line; findings whose fingerprint\n"
	".authauditignore lists are dropped (docs/config.md).";

/* Every root must exist: a mistyped path is an error before anything is
 * scanned, not a notice in a clean report (ripgrep exits 2 too). One
 * message for each missing root. */
static int check_roots(const struct strlist *roots)
{
	int bad = 0;

	for (size_t i = 0; i < roots->nr; i++) {
		struct stat st;

		if (stat(roots->items[i], &st) && lstat(roots->items[i], &st)) {
			fprintf(stderr, "authaudit: '%s': %s\n",
				roots->items[i], strerror(errno));
			bad = 1;
		}
	}
	return bad ? -1 : 0;
}

/* --history, --range, --staged: the options they take, checked. */
static int history_options(const struct scan_opts *o,
			   const struct strlist *roots,
			   struct history_opts *ho, struct err *e)
{
	long long now = (long long)time(NULL);

	if (o->staged && (o->history || o->range || o->branches.nr ||
			  o->since || o->until))
		return err_set(e, "--staged scans the index: it takes no "
			       "--history, --range, --branch, --since or "
			       "--until");
	if (o->range && o->branches.nr)
		return err_set(e, "--range names its own refs: it takes no "
			       "--branch");
	if (roots->nr > 1)
		return err_set(e, "--%s takes one repository, got %zu paths",
			       o->staged ? "staged" : "history", roots->nr);
	ho->path = roots->nr ? roots->items[0] : ".";
	ho->mode = o->staged ? HISTORY_STAGED : o->range ? HISTORY_RANGE :
		   HISTORY_ALL;
	ho->branches = &o->branches;
	ho->range = o->range;
	ho->since = o->since;
	ho->until = o->until;
	if (o->since && history_parse_date(o->since, now, 0, &ho->since_t, e))
		return err_prefix(e, "--since");
	if (o->until && history_parse_date(o->until, now, 1, &ho->until_t, e))
		return err_prefix(e, "--until");
	if (o->since && o->until && ho->since_t > ho->until_t)
		return err_set(e, "--since '%s' is after --until '%s'",
			       o->since, o->until);
	ho->excludes = &o->excludes;
	ho->max_file_size = o->max_file_size;
	ho->threads = (unsigned)o->threads;
	ho->inline_allow = !o->no_inline_allow;
	ho->progress = !o->common.quiet && isatty(STDERR_FILENO);
	return 0;
}

/* A history, range or staged scan: the repository is opened and its
 * refs resolved before the rules load (a wrong path or ref is exit 2 at
 * once); the walk then runs while they do. */
static int scan_history(struct scan_opts *o, const struct strlist *roots,
			const struct shard *shard, const char *shard_name)
{
	struct history_opts ho = { 0 };
	struct history *h = NULL;
	struct ruleset rs = RULESET_INIT;
	struct scan_engine *eng = NULL;
	struct report r;
	struct err e = ERR_INIT;
	size_t did;
	int code = EXIT_USAGE;

	ho.shard = shard;
	if (history_options(o, roots, &ho, &e) || history_open(&h, &ho, &e)) {
		err_print(&e, stderr);
		return EXIT_USAGE;
	}
	history_start(h);
	if (run_begin(&o->common, "scan", &rs, &r, &e)) {
		err_print(&e, stderr);
		goto out;
	}
	if (scan_engine_build(&eng, &rs, r.profile, NULL,
			      (o->strict_engine ? SCAN_ENGINE_STRICT : 0) |
			      (o->reference_engine ? SCAN_ENGINE_REFERENCE : 0),
			      &e)) {
		err_print(&e, stderr);
		run_release(&r);
		goto out;
	}
	report_add_target(&r, ho.path, RULE_TARGET_SOURCE, NULL);
	r.stats.rules_loaded = scan_engine_rule_count(eng);
	r.shard = shard->count ? shard_name : NULL;
	did = history_scan(h, eng, &r);
	code = run_close(&o->common, &r, 0, did || history_may_be_empty(h),
			 &e);
out:
	history_free(h);
	scan_engine_free(eng);
	ruleset_release(&rs);
	return code;
}

static void scan_opts_release(struct scan_opts *o)
{
	strlist_release(&o->excludes);
	strlist_release(&o->branches);
	common_opts_release(&o->common);
}

static void scan_opts_init(struct scan_opts *o)
{
	memset(o, 0, sizeof(*o));
	common_opts_init(&o->common);
	o->max_file_size = 10ULL << 20;
}

/* The repository config under the command line: the scan root's
 * .authaudit.yaml (or --config), applied to fresh options that argv is
 * then parsed onto again, so every option given wins. 0 when there is
 * none or it was applied; -1 after printing its errors. */
static int scan_config(struct scan_opts *o, int argc, char **argv,
		       struct strlist *roots, struct repo_config *cfg)
{
	struct strbuf path = STRBUF_INIT;
	struct err_list errors = { 0 };
	const char *root = roots->nr ? roots->items[0] : ".";
	int code, rc = 0;

	if (o->no_config && o->config) {
		fputs("authaudit: --config and --no-config exclude each "
		      "other\n", stderr);
		return -1;
	}
	if (o->config)
		strbuf_addstr(&path, o->config);
	else if (o->no_config || !repo_config_find(root, &path)) {
		strbuf_release(&path);
		o->common.root = root;
		return 0;
	}
	if (repo_config_load(cfg, path.buf, &errors)) {
		for (size_t i = 0; i < errors.nr; i++)
			err_print(&errors.items[i], stderr);
		fprintf(stderr, "authaudit: %zu error%s in %s; nothing was "
			"scanned ('authaudit config check' tells them too)\n",
			errors.nr, errors.nr == 1 ? "" : "s", path.buf);
		rc = -1;
	} else {
		scan_opts_release(o);
		scan_opts_init(o);
		strlist_release(roots);
		repo_config_apply(cfg, &o->common, &o->excludes);
		run_parse(scan_table, argc, argv, o, roots, synopsis,
			  description, &code);
		o->common.root = roots->nr ? roots->items[0] : ".";
	}
	err_list_release(&errors);
	strbuf_release(&path);
	return rc;
}

int cmd_scan(int argc, char **argv)
{
	struct scan_opts o;
	struct strlist roots = { 0 };
	struct ruleset rs = RULESET_INIT;
	struct scan_engine *eng = NULL;
	struct scan_walk *walk;
	struct scan_run_opts ro = { 0 };
	struct shard shard;
	char shard_name_buf[SHARD_NAME_MAX];
	struct report r;
	struct repo_config cfg = { 0 };
	struct err e = ERR_INIT;
	int rc, code = EXIT_USAGE;

	scan_opts_init(&o);
	if (run_parse(scan_table, argc, argv, &o, &roots, synopsis, description,
		      &code))
		goto out;
	code = EXIT_USAGE;
	if (scan_config(&o, argc, argv, &roots, &cfg))
		goto out;
	if (o.threads > 256) {
		fputs("authaudit: --threads takes 1 to 256\n", stderr);
		goto out;
	}
	if (shard_parse(o.shard, &shard, &e)) {
		err_print(&e, stderr);
		goto out;
	}
	shard_name(&shard, shard_name_buf, sizeof(shard_name_buf));
	if (o.history || o.staged || o.range) {
		code = scan_history(&o, &roots, &shard, shard_name_buf);
		goto out;
	}
	if (o.branches.nr || o.since || o.until) {
		fputs("authaudit: --branch, --since and --until need --history\n",
		      stderr);
		goto out;
	}
	if (!roots.nr)
		strlist_push(&roots, ".");
	if (check_roots(&roots))
		goto out;
	ro.roots = &roots;
	ro.excludes = &o.excludes;
	ro.max_file_size = o.max_file_size;
	ro.threads = (unsigned)o.threads;
	ro.inline_allow = !o.no_inline_allow;
	ro.no_ignore = o.no_ignore;
	ro.progress = !o.common.quiet && isatty(STDERR_FILENO);
	ro.shard = &shard;
	/* the walk needs no rule: it runs while they load */
	walk = scan_walk_start(&ro);
	if (run_begin(&o.common, "scan", &rs, &r, &e)) {
		err_print(&e, stderr);
		scan_walk_abandon(walk);
		goto out;
	}
	if (scan_engine_build(&eng, &rs, r.profile, NULL,
			      (o.strict_engine ? SCAN_ENGINE_STRICT : 0) |
			      (o.reference_engine ? SCAN_ENGINE_REFERENCE : 0),
			      &e)) {
		err_print(&e, stderr);
		scan_walk_abandon(walk);
		run_release(&r);
		goto out;
	}
	for (size_t i = 0; i < roots.nr; i++)
		report_add_target(&r, roots.items[i], RULE_TARGET_SOURCE,
				  NULL);
	r.stats.rules_loaded = scan_engine_rule_count(eng);
	r.shard = shard.count ? shard_name_buf : NULL;
	/* status 3 from files actually scanned (or left to other shards),
	 * not roots walked */
	rc = scan_run(walk, eng, &r) ? 0 : -1;
	code = run_close(&o.common, &r, 0, !rc, &e);
out:
	scan_engine_free(eng);
	ruleset_release(&rs);
	strlist_release(&roots);
	scan_opts_release(&o);
	repo_config_release(&cfg);
	return code;
}
