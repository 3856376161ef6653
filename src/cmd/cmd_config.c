/* cmd_config.c - `authaudit config check|init [PATH]`: validate the
 * repository config (.authaudit.yaml) with every error at its
 * file:line:column and print the settings a scan of PATH would use; or
 * write a commented one. */
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd.h"
#include "repo_config.h"
#include "run.h"
#include "lib/xalloc.h"
#include "report/ignore.h"

struct config_opts {
	const char *config;
	int help;
};

static const struct cli_opt config_table[] = {
	{ "config", 0, CLI_STRING, offsetof(struct config_opts, config),
	  "FILE", "the config to check (default: PATH/.authaudit.yaml)" },
	{ "help", 'h', CLI_HELP, 0, NULL, "show this help" },
	{ NULL, 0, 0, 0, NULL, NULL }
};

static const char synopsis[] =
	"authaudit config check [--config FILE] [PATH]\n"
	"       authaudit config init [PATH]";
static const char description[] =
	"check: read PATH/.authaudit.yaml (PATH: the root a scan would be\n"
	"given, default .), tell every error in it at its file:line:column,\n"
	"load the rules it names and check its profile, then print the\n"
	"settings a scan of PATH would use. Exit status 0 when it is valid\n"
	"(or there is none), 2 otherwise.\n"
	"init: write a commented PATH/.authaudit.yaml (never over one).\n"
	"Keys and their options: docs/config.md.";

static const char *or_none(const char *s)
{
	return s ? s : "none";
}

static void print_list(const char *name, const struct strlist *l)
{
	printf("%-20s", name);
	if (!l->nr)
		fputs(" none", stdout);
	for (size_t i = 0; i < l->nr; i++)
		printf("%s %s", i ? "," : "", l->items[i]);
	putchar('\n');
}

/* What a scan of the root would run with: the config over the defaults
 * (the command line of a scan would go over both). */
static void print_settings(const struct repo_config *c,
			   const struct common_opts *o,
			   const struct strlist *excludes,
			   const char *ignore_path, size_t nr_ignored)
{
	const char *from = c->file ? "config" : "default";

	printf("%-20s %s\n", "config:", or_none(c->file));
	printf("%-20s %s (%s)\n", "profile:", o->profile,
	       c->profile ? from : "default");
	printf("%-20s %s", "rules:", run_builtin_rules_dir());
	for (size_t i = 0; i < o->rules_dirs.nr; i++)
		printf(", %s", o->rules_dirs.items[i]);
	putchar('\n');
	print_list("exclude:", excludes);
	print_list("allow.paths:", &c->allow.paths);
	printf("%-20s %zu (not shown)\n", "allow.values:",
	       c->allow.values.nr);
	printf("%-20s %s (%s)\n", "fail_on:", severity_name(o->fail_on),
	       c->fail_on ? from : "default");
	printf("%-20s %s (%s)\n", "format:", o->format,
	       c->format ? from : "default");
	printf("%-20s %s\n", "baseline:", or_none(o->baseline));
	printf("%-20s %s\n", "baseline_missing_ok:",
	       o->baseline_missing_ok ? "true" : "false");
	if (ignore_path)
		printf("%-20s %s (%zu fingerprints)\n", "ignore_file:",
		       ignore_path, nr_ignored);
	else
		printf("%-20s none\n", "ignore_file:");
	print_list("contexts:", &o->contexts);
}

static int is_dir(const char *p)
{
	struct stat st;

	return !stat(p, &st) && S_ISDIR(st.st_mode);
}

/* What needs the rules and the file system: the rules folder, the
 * profile, the ignore file. Each error joins errors. */
static void check_deeper(const struct repo_config *c, struct common_opts *o,
			 struct err_list *errors, const char **ignore_path,
			 size_t *nr_ignored)
{
	struct ruleset rs = RULESET_INIT;
	const struct profile *p;
	const char *want = o->profile;
	struct ignore_list ig = { 0 };
	struct err e = ERR_INIT;
	struct stat st;

	if (c->rules_dir && !is_dir(c->rules_dir)) {
		err_set_at(&e, c->file, c->rules_line, c->rules_col,
			   "the repository config: 'rules': '%s' is not a "
			   "folder", c->rules_dir);
		err_list_push(errors, &e);
		strlist_release(&o->rules_dirs);
	}
	o->profile = "default";
	if (run_load_rules(o, &rs, &p, &e)) {
		err_list_push(errors, &e);
	} else if (!ruleset_profile(&rs, want)) {
		err_set_at(&e, c->file, c->profile_line, c->profile_col,
			   "the repository config: unknown profile '%s' (see "
			   "'authaudit rules profiles')", want);
		err_list_push(errors, &e);
	}
	o->profile = want;
	ruleset_release(&rs);
	if (*ignore_path && !stat(*ignore_path, &st)) {
		if (ignore_load(&ig, *ignore_path, &e))
			err_list_push(errors, &e);
		*nr_ignored = ig.fingerprints.nr;
		ignore_release(&ig);
	} else if (c->ignore_file) {
		err_set_at(&e, c->file, 0, 0, "the repository config: "
			   "'ignore_file': '%s' does not exist",
			   c->ignore_file);
		err_list_push(errors, &e);
	} else {
		*ignore_path = NULL;
	}
}

static int config_check(const struct config_opts *co, const char *root)
{
	struct repo_config c = { 0 };
	struct strbuf path = STRBUF_INIT, ign = STRBUF_INIT;
	struct err_list errors = { 0 };
	struct common_opts o;
	struct strlist excludes = { 0 };
	const char *ignore_path;
	size_t nr_ignored = 0;
	struct stat st;
	int code = EXIT_CLEAN;

	if (stat(root, &st)) {
		fprintf(stderr, "authaudit: '%s': %s\n", root, strerror(errno));
		return EXIT_USAGE;
	}
	common_opts_init(&o);
	if (co->config)
		strbuf_addstr(&path, co->config);
	else if (!repo_config_find(root, &path))
		strbuf_reset(&path);
	if (path.len && repo_config_load(&c, path.buf, &errors) == 0)
		repo_config_apply(&c, &o, &excludes);
	if (!errors.nr) {
		if (c.ignore_file)
			strbuf_addstr(&ign, c.ignore_file);
		else
			strbuf_addf(&ign, "%s/%s", root, IGNORE_FILE_NAME);
		ignore_path = ign.buf;
		check_deeper(&c, &o, &errors, &ignore_path, &nr_ignored);
	}
	if (errors.nr) {
		for (size_t i = 0; i < errors.nr; i++)
			err_print(&errors.items[i], stderr);
		fprintf(stderr, "authaudit: %zu error%s in %s\n", errors.nr,
			errors.nr == 1 ? "" : "s",
			path.len ? path.buf : "the rules");
		code = EXIT_USAGE;
	} else {
		if (!path.len)
			printf("no %s in %s: the defaults apply\n",
			       REPO_CONFIG_NAME, root);
		print_settings(&c, &o, &excludes, ignore_path, nr_ignored);
	}
	err_list_release(&errors);
	strlist_release(&excludes);
	common_opts_release(&o);
	repo_config_release(&c);
	strbuf_release(&path);
	strbuf_release(&ign);
	return code;
}

static int config_init(const struct config_opts *co, const char *root)
{
	struct strbuf path = STRBUF_INIT;
	FILE *out = NULL;
	int fd, code = EXIT_USAGE;

	(void)co;
	strbuf_addf(&path, "%s/%s", root, REPO_CONFIG_NAME);
	fd = open(path.buf, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
	if (fd >= 0)
		out = fdopen(fd, "w");
	if (!out) {
		fprintf(stderr, "authaudit: cannot write '%s': %s\n",
			path.buf, errno == EEXIST ? "it exists already "
			"(authaudit config check reads it)" : strerror(errno));
		if (fd >= 0)
			close(fd);
	} else if (fputs(repo_config_template, out) < 0 ? (fclose(out), 1)
						       : fclose(out) != 0) {
		fprintf(stderr, "authaudit: cannot write '%s': %s\n",
			path.buf, strerror(errno));
	} else {
		printf("wrote %s\n", path.buf);
		code = EXIT_CLEAN;
	}
	strbuf_release(&path);
	return code;
}

struct config_sub {
	const char *name;
	int (*fn)(const struct config_opts *, const char *root);
};

static const struct config_sub subs[] = {
	{ "check", config_check },
	{ "init", config_init },
};

int cmd_config(int argc, char **argv)
{
	struct config_opts o = { 0 };
	struct strlist args = { 0 };
	const struct config_sub *sub = NULL;
	int code = EXIT_USAGE;

	if (run_parse(config_table, argc, argv, &o, &args, synopsis,
		      description, &code))
		goto out;
	code = EXIT_USAGE;
	for (size_t i = 0; i < ARRAY_SIZE(subs); i++)
		if (args.nr && !strcmp(args.items[0], subs[i].name))
			sub = &subs[i];
	if (!sub || args.nr > 2)
		fprintf(stderr, "authaudit: usage: %s\n", synopsis);
	else
		code = sub->fn(&o, args.nr == 2 ? args.items[1] : ".");
out:
	strlist_release(&args);
	return code;
}
