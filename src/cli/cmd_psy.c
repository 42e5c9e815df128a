/* cmd_psy.c: `jineng psy ...` (the psychometrics engine's command line). Being written; see src/psy/. */
#include "cli/cli.h"

int cmd_psy(int argc, char **argv)
{
	UNUSED(argc);
	UNUSED(argv);
	return cli_usage("psy", "no psy subcommand is built yet");
}
