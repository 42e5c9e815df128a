/* main.c: the jineng binary only dispatches to its commands (src/cli/commands.c, src/cli/cli.c). */
#include "cli/cli.h"

int main(int argc, char **argv)
{
	return cli_main(argc, argv);
}
