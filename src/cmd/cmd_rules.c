/* cmd_rules.c - `authaudit rules list|check|show ID|profiles|params`. */
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "cmd.h"
#include "run.h"
#include "core/coverage.h"
#include "core/rule_kind.h"
#include "lib/xalloc.h"
#include "scan/scan.h"

struct rules_opts {
	struct strlist rules_dirs;
	const char *profile;
	int verbose;
};

static const struct cli_opt rules_table[] = {
	{ "rules", 0, CLI_LIST, offsetof(struct rules_opts, rules_dirs), "DIR",
	  "load extra rules from DIR; same ids override (repeatable)" },
	{ "profile", 'p', CLI_STRING, offsetof(struct rules_opts, profile),
	  "NAME", "list only the rules this profile selects" },
	{ "verbose", 'v', CLI_BOOL, offsetof(struct rules_opts, verbose), NULL,
	  "check: name every example as it runs; coverage: quotes" },
	{ "help", 'h', CLI_HELP, 0, NULL, "show this help" },
	{ NULL, 0, 0, 0, NULL, NULL }
};

static const char synopsis[] =
	"authaudit rules list|check|test FILE|show ID|profiles|coverage|params|\n"
	"       patterns|keywords|prefilter [options]";
static const char description[] =
	"list      every rule (or a profile's) with severity and category\n"
	"check     load all rules and run every rule's examples\n"
	"test FILE load FILE (a file or directory of rules, as --rules) and\n"
	"          run its rules' examples only: exit 1 when one fails\n"
	"show ID   one rule in full, with its guideline\n"
	"profiles  the vendor profiles\n"
	"coverage  each vendor document's statements: the rules that test\n"
	"          them, or the manual check; rules that test none\n"
	"          (--profile: one document; -v: the quotes too)\n"
	"patterns  every source rule's PCRE2 pattern, one a line\n"
	"keywords  every distinct keyword of the source rules, one a line\n"
	"prefilter the vectorscan database as regexes, one a line: (?i) and\n"
	"          the escaped keyword, escaped case-sensitive keywords,\n"
	"          prefilter expressions, patterns of rules with neither\n"
	"params    the profile parameters and their defaults";

/* Does scanning this example produce a finding of rule r? */
static int example_hits(const struct scan_engine *eng, const struct rule *r,
			const struct rule_example *ex)
{
	struct scanner *s = scanner_new(eng);
	struct finding_list found;
	struct report_stats stats = { 0 };
	int hit = 0;

	finding_list_init(&found);
	scanner_scan(s, ex->path ? ex->path : "example.txt", ex->text,
		     strlen(ex->text), &found, &stats);
	for (size_t i = 0; i < found.nr; i++)
		if (found.items[i].rule == r)
			hit = 1;
	finding_list_release(&found);
	scanner_free(s);
	return hit;
}

/* The matcher's known-answer test over every rule (scan.h). */
static void selftest_print(const struct scan_selftest *t)
{
	char msg[512];

	printf("matcher: %s, self-test: %zu scans, %zu missed hits, %.1f ms\n",
	       t->library, t->scans, t->misses, t->ms);
	scan_selftest_describe(t, msg, sizeof(msg));
	if (*msg)
		printf("matcher: warning: %s\n", msg);
}

/* Run the examples of every source rule of layer `layer` or above (0:
 * all; `rules test` gives the layer of the file it tests). */
/* Every vendor document a rule, profile or statement cites has a title
 * (guideline_doc_title), so reports never cite a bare internal id. */
static unsigned untitled_docs(const struct ruleset *rs)
{
	unsigned bad = 0;

	for (size_t i = 0; i < rs->nr; i++) {
		const struct rule *r = rs->rules[i];

		if (guideline_is_vendor_doc(&r->guideline) &&
		    !guideline_doc_title(rs, &r->guideline) && ++bad)
			printf("%s:%u: rule '%s': document '%s' has no title "
			       "(no profile audits it; add doc_title:)\n",
			       r->file, r->line, r->id, r->guideline.doc);
	}
	for (size_t i = 0; i < rs->nr_statements; i++) {
		const struct statement *st = rs->statements[i];

		if (guideline_is_vendor_doc(&st->guideline) &&
		    !guideline_doc_title(rs, &st->guideline) && ++bad)
			printf("%s:%u: statement '%s': document '%s' has no "
			       "title (no profile audits it; add doc_title:)\n",
			       st->file, st->line, st->id, st->guideline.doc);
	}
	return bad;
}

static int rules_check(const struct ruleset *rs, unsigned layer, int verbose)
{
	struct scan_engine *eng;
	struct err e = ERR_INIT;
	unsigned pass = 0, fail = 0, rules = 0, untitled;

	if (scan_engine_build(&eng, rs, NULL, NULL, 0, &e)) {
		err_print(&e, stderr);
		return EXIT_USAGE;
	}
	for (size_t i = 0; i < rs->nr; i++) {
		const struct rule *r = rs->rules[i];

		if (r->kind->target != RULE_TARGET_SOURCE || r->layer < layer)
			continue;
		rules += r->nr_examples + r->nr_negatives > 0;
		for (size_t k = 0; k < r->nr_examples + r->nr_negatives; k++) {
			int pos = k < r->nr_examples;
			const struct rule_example *ex = pos ? &r->examples[k] :
				&r->negatives[k - r->nr_examples];
			int ok = example_hits(eng, r, ex) == pos;

			if (ok) {
				pass++;
			} else {
				fail++;
				printf("%s:%u: rule '%s': %s example %s: %.*s\n",
				       r->file, ex->line, r->id,
				       pos ? "positive" : "negative",
				       pos ? "produced no finding" :
				       "produced a finding",
				       (int)strcspn(ex->text, "\n"), ex->text);
			}
			if (verbose)
				printf("%s %s %s\n", ok ? "ok  " : "FAIL", r->id,
				       pos ? "+" : "-");
		}
	}
	selftest_print(scan_engine_selftest(eng));
	scan_engine_free(eng);
	if (layer)
		printf("rules: %u tested, %zu loaded in all\n", rules, rs->nr);
	else
		printf("rules: %zu loaded, %zu profiles\n", rs->nr,
		       rs->nr_profiles);
	printf("examples: %u passed, %u failed\n", pass, fail);
	/* rules test FILE checks a file's examples, not the whole set */
	untitled = layer ? 0 : untitled_docs(rs);
	if (untitled)
		printf("documents: %u citations without a title\n", untitled);
	return fail || untitled ? EXIT_FINDINGS : EXIT_CLEAN;
}

static int rules_list(const struct ruleset *rs, const struct profile *p)
{
	for (size_t i = 0; i < rs->nr; i++) {
		const struct rule *r = rs->rules[i];

		if (p && !profile_selects(p, r))
			continue;
		printf("%-44s %-8s %-18s %s\n", r->id, severity_name(r->severity),
		       r->category, r->title);
	}
	return EXIT_CLEAN;
}

static void show_list(const char *name, const struct strlist *l)
{
	if (!l->nr)
		return;
	printf("%-14s", name);
	for (size_t i = 0; i < l->nr; i++)
		printf("%s%s", i ? ", " : "", l->items[i]);
	putchar('\n');
}

static int rules_show(const struct ruleset *rs, const char *id)
{
	const struct rule *r = ruleset_find(rs, id);

	if (!r) {
		fprintf(stderr, "authaudit: no rule '%s' (authaudit rules "
			"list)\n", id);
		return EXIT_USAGE;
	}
	printf("%-14s%s\n%-14s%s\n", "id", r->id, "title", r->title);
	if (r->description)
		printf("%-14s%s\n", "description", r->description);
	printf("%-14s%s\n%-14s%s\n%-14s%s\n%-14s%s\n", "kind", r->kind->name,
	       "category", r->category, "severity",
	       severity_name(r->severity), "confidence",
	       confidence_name(r->confidence));
	printf("%-14s%s%s%s\n", "guideline", r->guideline.doc,
	       r->guideline.section ? ", " : "",
	       r->guideline.section ? r->guideline.section : "");
	printf("%-14s\"%s\"\n", "", r->guideline.quote);
	show_list("keywords", &r->keywords);
	if (r->pattern)
		printf("%-14s%s\n", "pattern", r->pattern);
	if (r->min_entropy > 0)
		printf("%-14s%.2f\n", "min_entropy", r->min_entropy);
	show_list("paths", &r->paths);
	show_list("exclude_paths", &r->exclude_paths);
	for (size_t i = 0; i < r->params.nr; i++)
		printf("%-14s%s = %s\n", i ? "" : "params",
		       r->params.items[i].key, r->params.items[i].value);
	printf("%-14s%s:%u:%u\n", "defined at", r->file, r->line, r->col);
	printf("%-14s%zu positive, %zu negative\n", "examples", r->nr_examples,
	       r->nr_negatives);
	for (size_t i = 0; i < rs->nr_profiles; i++)
		if (profile_selects(rs->profiles[i], r))
			printf("%-14s%s\n", "in profile", rs->profiles[i]->name);
	return EXIT_CLEAN;
}

/* One PCRE2 pattern a line, for feeding other grep tools (bench/). */
static int rules_patterns(const struct ruleset *rs, const struct profile *p)
{
	for (size_t i = 0; i < rs->nr; i++) {
		const struct rule *r = rs->rules[i];

		if (r->pattern && r->kind->target == RULE_TARGET_SOURCE &&
		    (!p || profile_selects(p, r)))
			puts(r->pattern);
	}
	return EXIT_CLEAN;
}

/* Every distinct keyword of the source rules, one a line (bench/). */
static int rules_keywords(const struct ruleset *rs, const struct profile *p)
{
	struct strlist seen = { 0 };

	for (size_t i = 0; i < rs->nr; i++) {
		const struct rule *r = rs->rules[i];

		if (r->kind->target != RULE_TARGET_SOURCE ||
		    (p && !profile_selects(p, r)))
			continue;
		for (size_t k = 0; k < r->keywords.nr; k++) {
			size_t j;

			for (j = 0; j < seen.nr; j++)
				if (!strcasecmp(seen.items[j],
						r->keywords.items[k]))
					break;
			if (j == seen.nr) {
				strlist_push(&seen, r->keywords.items[k]);
				puts(r->keywords.items[k]);
			}
		}
	}
	strlist_release(&seen);
	return EXIT_CLEAN;
}

/* A literal as a regex: metacharacters escaped. */
static void put_literal(const char *s)
{
	for (; *s; s++) {
		if (strchr("\\.+*?()[]{}|^$#&-~", *s))
			putchar('\\');
		putchar(*s);
	}
}

/* What scan.c puts into vectorscan, as regexes (bench/: ripgrep does the
 * same candidate-finding work); duplicates are left to the reader. */
static int rules_prefilter(const struct ruleset *rs,
			   const struct profile *p)
{
	for (size_t i = 0; i < rs->nr; i++) {
		const struct rule *r = rs->rules[i];

		if (r->kind->target != RULE_TARGET_SOURCE || !r->pattern ||
		    (p && !profile_selects(p, r)))
			continue;
		for (size_t k = 0; k < r->keywords.nr; k++) {
			fputs(r->keywords_exact ? "" : "(?i)", stdout);
			put_literal(r->keywords.items[k]);
			putchar('\n');
		}
		if (!r->keywords.nr)
			puts(r->prefilter ? r->prefilter : r->pattern);
	}
	return EXIT_CLEAN;
}

static int rules_profiles(const struct ruleset *rs)
{
	for (size_t i = 0; i < rs->nr_profiles; i++) {
		const struct profile *p = rs->profiles[i];
		size_t n = 0;

		for (size_t k = 0; k < rs->nr; k++)
			n += profile_selects(p, rs->rules[k]);
		printf("%-20s %4zu rules  %s\n", p->name, n, p->title);
	}
	return EXIT_CLEAN;
}

/* The subcommands (git's command table in miniature). `args` are the
 * words after the subcommand; nargs is how many it takes. */
struct rules_sub {
	const char *name;
	size_t nargs;
	int needs_rules;	/* 2: and the argument is loaded last, as
				 * --rules (`rules test FILE`) */
	int (*fn)(const struct ruleset *rs, const struct profile *p,
		  const struct rules_opts *o, char **args);
};

static int sub_list(const struct ruleset *rs, const struct profile *p,
		    const struct rules_opts *o, char **args)
{
	(void)args;
	return rules_list(rs, o->profile ? p : NULL);
}

static int sub_check(const struct ruleset *rs, const struct profile *p,
		     const struct rules_opts *o, char **args)
{
	(void)p;
	(void)args;
	return rules_check(rs, 0, o->verbose);
}

/* `rules test FILE`: FILE was loaded last, as --rules (cmd_rules). */
static int sub_test(const struct ruleset *rs, const struct profile *p,
		    const struct rules_opts *o, char **args)
{
	(void)p;
	(void)args;
	return rules_check(rs, rs->layer, o->verbose);
}

static int sub_show(const struct ruleset *rs, const struct profile *p,
		    const struct rules_opts *o, char **args)
{
	(void)p;
	(void)o;
	return rules_show(rs, args[0]);
}

static int sub_profiles(const struct ruleset *rs, const struct profile *p,
			const struct rules_opts *o, char **args)
{
	(void)p;
	(void)o;
	(void)args;
	return rules_profiles(rs);
}

static int sub_coverage(const struct ruleset *rs, const struct profile *p,
			const struct rules_opts *o, char **args)
{
	(void)args;
	coverage_print(rs, o->profile ? p : NULL, o->verbose, stdout);
	return EXIT_CLEAN;
}

static int sub_patterns(const struct ruleset *rs, const struct profile *p,
			const struct rules_opts *o, char **args)
{
	(void)args;
	return rules_patterns(rs, o->profile ? p : NULL);
}

static int sub_keywords(const struct ruleset *rs, const struct profile *p,
			const struct rules_opts *o, char **args)
{
	(void)args;
	return rules_keywords(rs, o->profile ? p : NULL);
}

static int sub_prefilter(const struct ruleset *rs, const struct profile *p,
			 const struct rules_opts *o, char **args)
{
	(void)args;
	return rules_prefilter(rs, o->profile ? p : NULL);
}

static int sub_params(const struct ruleset *rs, const struct profile *p,
		      const struct rules_opts *o, char **args)
{
	(void)rs;
	(void)p;
	(void)o;
	(void)args;
	profile_params_print(stdout);
	return EXIT_CLEAN;
}

static const struct rules_sub subs[] = {
	{ "list", 0, 1, sub_list },
	{ "check", 0, 1, sub_check },
	{ "test", 1, 2, sub_test },
	{ "show", 1, 1, sub_show },
	{ "profiles", 0, 1, sub_profiles },
	{ "coverage", 0, 1, sub_coverage },
	{ "patterns", 0, 1, sub_patterns },
	{ "keywords", 0, 1, sub_keywords },
	{ "prefilter", 0, 1, sub_prefilter },
	{ "params", 0, 0, sub_params },
};

int cmd_rules(int argc, char **argv)
{
	struct rules_opts o = { { 0 }, NULL, 0 };
	struct strlist args = { 0 };
	struct common_opts co;
	struct ruleset rs = RULESET_INIT;
	const struct profile *p = NULL;
	const struct rules_sub *sub = NULL;
	struct err e = ERR_INIT;
	int rc = cli_parse(rules_table, argc, argv, &o, &args, synopsis,
			   description, &e);

	common_opts_init(&co);
	co.rules_dirs = o.rules_dirs;
	if (o.profile)
		co.profile = o.profile;
	if (rc) {
		if (rc < 0)
			err_print(&e, stderr);
		rc = rc > 0 ? EXIT_CLEAN : EXIT_USAGE;
		goto out;
	}
	for (size_t i = 0; i < ARRAY_SIZE(subs); i++)
		if (!strcmp(args.nr ? args.items[0] : "list", subs[i].name))
			sub = &subs[i];
	if (sub && sub->needs_rules == 2 && args.nr == 2)
		strlist_push(&co.rules_dirs, args.items[1]);
	if (!sub || args.nr - (args.nr > 0) != sub->nargs) {
		fprintf(stderr, "authaudit: usage: %s\n", synopsis);
		rc = EXIT_USAGE;
	} else if (sub->needs_rules && run_load_rules(&co, &rs, &p, &e)) {
		err_print(&e, stderr);
		rc = EXIT_USAGE;
	} else {
		for (size_t i = 0; i < rs.ignored.nr; i++)
			fprintf(stderr, "authaudit: notice: %s: not a rule "
				"file (rule files end in .yaml or .yml); not "
				"loaded\n", rs.ignored.items[i]);
		for (size_t i = 0; i < rs.notices.nr; i++)
			fprintf(stderr, "authaudit: notice: %s\n",
				rs.notices.items[i]);
		rc = sub->fn(&rs, p, &o, args.items + (args.nr > 0));
	}
out:
	ruleset_release(&rs);
	common_opts_release(&co);
	strlist_release(&args);
	return rc;
}
