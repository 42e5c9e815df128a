/* cli.h: the subcommands of the jineng binary, one file each (src/cli/cmd_<name>.c).
 * Each takes the arguments after its name (argv[0] is the subcommand) and returns the process exit code:
 * 0 success, 1 the check failed or the input was rejected, 2 usage error (API.md). */
#ifndef JINENG_CLI_H
#define JINENG_CLI_H

#include "util/common.h"
#include "store/db.h"

struct cli_command {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *usage;
};

int cmd_serve(int argc, char **argv);
int cmd_demo(int argc, char **argv);
int cmd_migrate(int argc, char **argv);
int cmd_user(int argc, char **argv);
int cmd_import(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_audit(int argc, char **argv);
int cmd_psy(int argc, char **argv);
int cmd_cert(int argc, char **argv);

/* import_run: `jineng import KIND FILE` on an open, migrated database (cmd_import.c; the CSV fuzz harness
 * calls it too): the same exit codes and output */
int import_run(db *d, const char *kind, const char *file, int64_t inst, bool all_or_nothing,
	       const char *errfile);

struct cidr;
#define SERVE_MAX_PROXIES 32
/* what `jineng serve` (and `jineng demo`) was told */
struct serve_opts {
	const char *url, *listen, *web;
	int threads;
	bool insecure;		 /* --insecure-test-mode */
	struct cidr *proxies;	 /* --trusted-proxy (SERVE_MAX_PROXIES slots) */
	const char **proxy_text; /* as given, for the start-up log */
	int nproxies;
};
/* serve_with: checks the settings, migrates, then serves until SIGINT/SIGTERM (serve and demo share it) */
int serve_with(const struct serve_opts *o);
/* serve_option: takes --insecure-test-mode, --key-file PATH and --trusted-proxy CIDR at argv[*i]; returns 1
 * when it took one (*bad set when its value is invalid, after printing why), 0 when argv[*i] is another */
int serve_option(struct serve_opts *o, int argc, char **argv, int *i, int *bad);

/* cli_usage: prints `jineng: <msg>` and the usage line of `cmd`, returns 2. */
int cli_usage(const char *cmd, const char *msg);
/* cli_fail: prints `jineng: <what> (<where>)` and returns 1. */
int cli_fail(const char *what, const char *where);

#endif
