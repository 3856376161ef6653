/* run.h - what every reporting command shares: the common options, loading
 * rules and choosing the profile, writing the report, the exit code. */
#ifndef AUTHAUDIT_RUN_H
#define AUTHAUDIT_RUN_H

#include <stddef.h>

#include "cli.h"
#include "core/context_policy.h"
#include "core/report.h"
#include "core/rule.h"
#include "lib/err.h"
#include "lib/strbuf.h"

struct common_opts {
	struct strlist rules_dirs;	/* --rules, repeatable */
	const char *profile;		/* --profile, default "default" */
	const char *format;		/* --format, default "text"; a comma
					 * list with --output-dir */
	const char *output;		/* --output, default stdout */
	const char *output_dir;		/* --output-dir: every format there */
	enum severity fail_on;		/* --fail-on, default low */
	const char *baseline;		/* --baseline */
	int show_secrets;		/* --show-secrets */
	int no_color;			/* --no-color */
	int quiet;			/* --quiet: no progress */
	int help;
	/* first runs, ignore files and the repository config
	 * (docs/config.md) */
	int baseline_missing_ok;	/* --baseline-missing-ok: a missing
					 * --baseline is empty, with a notice */
	int update_baseline;		/* --update-baseline: write the run's
					 * findings to --baseline after it */
	const char *ignore_file;	/* --ignore-file; NULL: the root's
					 * .authauditignore when there is one */
	const char *root;		/* the scan root, for that lookup */
	const struct strlist *allow_paths;	/* config allow.paths */
	const struct strlist *allow_values;	/* config allow.values */
	struct strlist contexts;	/* config contexts, "NAME=GLOB"
					 * (the finding contexts read them) */
	/* findings by context (core/finding_context.h), on top of the
	 * profile's context_severity and exclude_context; plain fields a
	 * repository config can set too */
	const char *context_severity;	/* --context-severity test=low,... */
	struct strlist exclude_context;	/* --exclude-context test,docs */
};

/* Option rows every reporting command takes; `type` is the command's
 * options struct and `m` its struct common_opts member. */
#define COMMON_CLI_OPTS(type, m) \
	{ "rules", 0, CLI_LIST, offsetof(type, m.rules_dirs), "DIR", \
	  "load extra rules from DIR; same ids override (repeatable)" }, \
	{ "profile", 'p', CLI_STRING, offsetof(type, m.profile), "NAME", \
	  "vendor profile (authaudit rules profiles); default: default" }, \
	{ "format", 'f', CLI_STRING, offsetof(type, m.format), "FMT", \
	  "report format: text (default), json, sarif, junit, " \
	  "markdown, html; several with commas and --output-dir" }, \
	{ "output", 'o', CLI_STRING, offsetof(type, m.output), "FILE", \
	  "write the report to FILE instead of standard output" }, \
	{ "output-dir", 0, CLI_STRING, offsetof(type, m.output_dir), "DIR", \
	  "write each --format to DIR/authaudit.<ext> (created if " \
	  "missing)" }, \
	{ "fail-on", 0, CLI_SEVERITY, offsetof(type, m.fail_on), "SEV", \
	  "exit 1 on findings at or above SEV (default low; never: " \
	  "report only)" }, \
	{ "baseline", 0, CLI_STRING, offsetof(type, m.baseline), "FILE", \
	  "suppress findings already in this JSON report" }, \
	{ "show-secrets", 0, CLI_BOOL, offsetof(type, m.show_secrets), NULL, \
	  "print secrets in full (redacted by default; their hashes " \
	  "are keyed: AUTHAUDIT_HASH_KEY or ~/.config/authaudit/hash-key)" }, \
	{ "no-color", 0, CLI_BOOL, offsetof(type, m.no_color), NULL, \
	  "no ANSI colour even on a terminal (also NO_COLOR)" }, \
	{ "quiet", 'q', CLI_BOOL, offsetof(type, m.quiet), NULL, \
	  "no progress line on standard error" }, \
	{ "baseline-missing-ok", 0, CLI_BOOL, \
	  offsetof(type, m.baseline_missing_ok), NULL, \
	  "a --baseline file that does not exist yet is empty (a notice " \
	  "says so): a first CI run" }, \
	{ "update-baseline", 0, CLI_BOOL, offsetof(type, m.update_baseline), \
	  NULL, "after the run, write its findings to the --baseline file " \
	  "(replaced at once)" }, \
	{ "ignore-file", 0, CLI_STRING, offsetof(type, m.ignore_file), \
	  "FILE", "drop findings whose fingerprint FILE lists, one a line " \
	  "(default: .authauditignore in the scanned root)" }, \
	{ "help", 'h', CLI_HELP, 0, NULL, "show this help" }

/* The rows of the context options (commands that report source
 * findings: scan, audit). */
#define CONTEXT_CLI_OPTS(type, m) \
	{ "context-severity", 0, CLI_STRING, \
	  offsetof(type, m.context_severity), "CTX=SEV,...", \
	  "lower the findings in tests, examples or docs to at most SEV " \
	  "(test=low,docs=info; contexts: production, test, example, " \
	  "docs)" }, \
	{ "exclude-context", 0, CLI_LIST, \
	  offsetof(type, m.exclude_context), "CTX,...", \
	  "leave out the findings of these contexts (test,docs; " \
	  "repeatable)" }

void common_opts_init(struct common_opts *o);
/* The built-in rules directory: $AUTHAUDIT_RULES, else rules/ beside or
 * above the executable (../share/authaudit/rules from an installed
 * bin/), else the path compiled in from PREFIX. */
const char *run_builtin_rules_dir(void);
void common_opts_release(struct common_opts *o);

/* Set the secret hash key (lib/secret_hash.h) before anything is hashed:
 * the environment, config_file (the repository config's hash_key_file:,
 * NULL without one), else the user's key file, made on first use. A
 * one-off key is a notice in r. run_begin() calls it. */
int run_hash_key(struct report *r, const char *config_file, struct err *e);
/* Load built-in and --rules rules, validate, pick the profile. */
int run_load_rules(const struct common_opts *o, struct ruleset *rs,
		   const struct profile **profile, struct err *e);
/* Apply --baseline, sort, write in --format to --output (emptied only
 * now) or stdout. */
int run_finish_report(const struct common_opts *o, struct report *r,
		      struct err *e);
/* What every reporting command does first: report_init() r for command,
 * check --format, open --output (without emptying it), load the rules and
 * profile into rs and the --baseline, set up r from the options (a notice
 * for each file of a --rules directory that is not a rule file) and start
 * its clock. So every option error comes before the run. On failure r is
 * released again (an output file it created is removed) and e says why. */
int run_begin(const struct common_opts *o, const char *command,
	      struct ruleset *rs, struct report *r, struct err *e);
/* The context policy of a run: the profile's context_severity and
 * exclude_context, then the options' on top. 0, or -1 with e set. */
int run_context_policy(const struct common_opts *o, const struct ruleset *rs,
		       const struct profile *p, struct context_policy *out,
		       struct err *e);
/* EXIT_FINDINGS when findings at or above fail_on remain, else CLEAN. */
int run_exit_code(const struct report *r);

/* cli_parse() for a command: 0 to go on; otherwise the run is over and
 * *code holds its exit status (help shown: clean; a bad option, printed
 * on stderr: usage). */
int run_parse(const struct cli_opt *table, int argc, char **argv,
	      void *dst, struct strlist *args, const char *synopsis,
	      const char *description, int *code);
/* Free what run_begin() kept for r (closing, and removing when it created
 * it, an --output file never written), then r itself. */
void run_release(struct report *r);
/* The end of every reporting command: unless failed, stop the clock and
 * write the report (run_end). Returns the exit status: usage when failed
 * or the report could not be written (e printed), nothing when !did (no
 * file scanned, no endpoint probed), else findings or clean. Releases
 * r either way. */
int run_close(const struct common_opts *o, struct report *r, int failed,
	      int did, struct err *e);

#endif
