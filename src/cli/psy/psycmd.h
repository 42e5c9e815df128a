/* psycmd.h: `jineng psy SUBCOMMAND`, the psychometrics engine's command line (docs/PSYCHOMETRICS.md), one
 * file per subcommand in this folder. Each reads its CSV files through psy/psyio.h, calls the pure engine
 * (psy/psy.h) and prints CSV. Exit codes: 0 done, 1 input rejected, 2 usage. Their usage lines are declared
 * once, in psy.c's table. */
#ifndef JINENG_PSYCMD_H
#define JINENG_PSYCMD_H

#include "util/common.h"
#include "cli/cli.h"
#include "cli/opts.h"
#include "psy/psy.h"
#include "psy/psyio.h"
#include "util/arena.h"

/* the subcommands of `jineng psy` ({0}-terminated; psy.c) */
extern const struct cli_command psy_commands[];

/* each takes the argv of `jineng psy` (argv[0] "psy", argv[1] the subcommand, options from argv[2]) */
int psycmd_ctt(int argc, char **argv);
int psycmd_calibrate(int argc, char **argv);
int psycmd_score(int argc, char **argv);
int psycmd_simulate(int argc, char **argv);
int psycmd_collusion(int argc, char **argv);
int psycmd_cat(int argc, char **argv);
int psycmd_assemble(int argc, char **argv);
int psycmd_mfrm(int argc, char **argv);

/* psycmd_fail: prints `jineng: <zh> / <en> (<where>)` for a problem of the data or the engine, returns 1 */
int psycmd_fail(const err *e, const char *where);

#endif
