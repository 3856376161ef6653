/* main.c - dispatch to a subcommand from the table (git's git.c); the only
 * place that exits. */
#include <stdio.h>
#include <string.h>

#include "cmd/cmd.h"
#include "lib/xalloc.h"

struct command {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *help;
};

static const struct command commands[] = {
	{ "scan", cmd_scan, "scan source trees and configs for leaked "
	  "credentials and guideline breaks" },
	{ "token", cmd_token, "explain a JWT, Presto token or ApiKey and check "
	  "it against the profile" },
	{ "probe", cmd_probe, "probe live endpoints: TLS versions, "
	  "certificates, ciphers, plain HTTP, ports" },
	{ "auth", cmd_auth, "probe live endpoints: documented 401/403 and token "
	  "lifetimes" },
	{ "audit", cmd_audit, "run an audit config: sources, endpoints and "
	  "tokens; reports over time" },
	{ "merge", cmd_merge, "combine JSON reports, such as the shards of a "
	  "scan or probe, into one" },
	{ "rules", cmd_rules, "list, check and show the rules and profiles" },
	{ "config", cmd_config, "check or write the repository config "
	  "(.authaudit.yaml)" },
};

static void usage(FILE *out)
{
	fputs("usage: authaudit <command> [options] [args]\n"
	      "       authaudit --version | --help\n\n"
	      "Audits an integration against the security guidelines of the "
	      "Presto, Vista\nand reseller platform APIs.\n\ncommands:\n",
	      out);
	for (size_t i = 0; i < ARRAY_SIZE(commands); i++)
		fprintf(out, "  %-8s %s\n", commands[i].name,
			commands[i].help);
	fputs("\nrules: the built-in rules are AUTHAUDIT_RULES when set, "
	      "else the first folder\nthere is of rules/ or ../rules/ "
	      "beside the program, ../share/authaudit/rules/\nabove it (an "
	      "installed bin/), the install prefix's share/authaudit/rules;"
	      "\n--rules DIR loads more on top. 'authaudit --version' names "
	      "the folder in use.\n"
	      "\n'authaudit <command> --help' describes each command; "
	      "docs/ and man/authaudit.1\nhold the rest.\n", out);
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") ||
	    !strcmp(argv[1], "help")) {
		usage(stdout);
		return EXIT_CLEAN;
	}
	if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "-V"))
		return cmd_version(argc - 1, argv + 1);
	for (size_t i = 0; i < ARRAY_SIZE(commands); i++)
		if (!strcmp(argv[1], commands[i].name))
			return commands[i].fn(argc - 1, argv + 1);
	fprintf(stderr, "authaudit: unknown command '%s' (see "
		"'authaudit --help')\n", argv[1]);
	return EXIT_USAGE;
}
