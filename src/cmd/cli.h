/* cli.h - command-line options from tables (curl's tool_getparam.c).
 *
 * Each command declares a NULL-terminated table of struct cli_opt rows that
 * point, by offsetof, into its own options struct; cli_parse() fills the
 * struct and collects positional arguments. (Config files are read by
 * lib/yaml_map.h's tables.) Strings stored are borrowed from argv or
 * the caller's text; lists are struct strlist and owned by the options
 * struct (the command releases them).
 */
#ifndef AUTHAUDIT_CLI_H
#define AUTHAUDIT_CLI_H

#include <stddef.h>
#include <stdio.h>

#include "lib/err.h"
#include "lib/severity.h"
#include "lib/strlist.h"

enum cli_type {
	CLI_BOOL,		/* int, set to 1 */
	CLI_STRING,		/* const char * */
	CLI_LIST,		/* struct strlist, repeatable */
	CLI_LONG,		/* long, decimal */
	CLI_SIZE,		/* unsigned long long, with K/M/G suffix */
	CLI_SECONDS,		/* long seconds: 10, 1.5 is refused, 30s, 5m */
	CLI_SEVERITY,		/* enum severity */
	CLI_HELP		/* prints usage; cli_parse returns 1 */
};

struct cli_opt {
	const char *name;	/* long name without "--" */
	char shortname;		/* 0 when none */
	enum cli_type type;
	size_t offset;
	const char *meta;	/* argument name in --help, NULL for bools */
	const char *help;
};

/* Parse argv[1..] (argv[0] is the command name). Returns 0, or 1 after
 * printing help to stdout, or -1 with e set ("unknown option '--x'",
 * "option '--threads' needs a number, got 'x'"). Positional arguments
 * and everything after "--" go to positional. */
int cli_parse(const struct cli_opt *table, int argc, char **argv, void *dst,
	      struct strlist *positional, const char *synopsis,
	      const char *description, struct err *e);
/* "10M" -> 10485760; 0 on success. */
int cli_parse_size(const char *s, unsigned long long *out);

#endif
