/* cmd.h - the subcommands and the exit codes only main() turns into an
 * exit status. Each command lives in cmd_<name>.c, takes argv with
 * argv[0] = its own name, and returns an enum exit_code. */
#ifndef AUTHAUDIT_CMD_H
#define AUTHAUDIT_CMD_H

enum exit_code {
	EXIT_CLEAN = 0,		/* nothing at or above --fail-on */
	EXIT_FINDINGS = 1,	/* findings at or above --fail-on */
	EXIT_USAGE = 2,		/* usage, config or rule error */
	EXIT_NOTHING = 3	/* nothing could be scanned or probed */
};

int cmd_scan(int argc, char **argv);
int cmd_rules(int argc, char **argv);
int cmd_token(int argc, char **argv);
int cmd_auth(int argc, char **argv);
int cmd_probe(int argc, char **argv);
int cmd_merge(int argc, char **argv);
int cmd_audit(int argc, char **argv);
int cmd_config(int argc, char **argv);
/* --version: ours, the commit built from, the libraries', the rules. */
int cmd_version(int argc, char **argv);

#endif
