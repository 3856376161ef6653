/* cmd_auth.c - `authaudit auth --config FILE`: placeholder. */
#include <stdio.h>

#include "cmd.h"

int cmd_auth(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fputs("authaudit: auth: not built yet\n", stderr);
	return EXIT_USAGE;
}
