/* cli.h: the subcommands of the jineng binary, one file each (src/cli/cmd_<name>.c, src/cli/psy/ for
 * `jineng psy`), and the one table that names them (commands.c) with their usage. Each run function takes the
 * arguments after "jineng" (argv[0] is the command; a subcommand's run gets the same argv, its own name at
 * argv[1]) and returns the process exit code: 0 success, 1 the check failed or the input was rejected, 2
 * usage error (API.md). `--help` and `-h` are answered by the dispatcher (cli.c) from the table, for every
 * command and subcommand, before any run function sees them. */
#ifndef JINENG_CLI_H
#define JINENG_CLI_H

#include "util/common.h"
#include "store/db.h"

/* one command or subcommand: its usage is "jineng [PARENT] NAME ARGS", declared once in commands.c (psy's in
 * cli/psy/psy.c) and printed by `--help` (stdout, exit 0) and by every usage error (stderr, exit 2) */
struct cli_command {
	const char *name;
	/* NULL for a command that is only its subcommands (the dispatcher answers a missing or unknown one)
	 */
	int (*run)(int argc, char **argv);
	/* what follows the name in the usage line; NULL: "SUBCOMMAND ..." */
	const char *args;
	/* what it does, one line (the list of commands shows it) */
	const char *summary;
	/* subcommands ({0}-terminated), or NULL */
	const struct cli_command *subs;
	/* more for its --help (paragraphs separated by newlines), or NULL */
	const char *details;
};

/* the commands of the jineng binary ({0}-terminated; commands.c) */
extern const struct cli_command cli_commands[];

/* cli_main: `jineng ARGS...` (argv as main's): --help, --version, `help [COMMAND [SUBCOMMAND]]`, or the
 * command named by argv[1] */
int cli_main(int argc, char **argv);
/* cli_run: runs the command named by argv[0] (argv as after "jineng"), answering --help or -h given to it
 * or to its subcommand with that one's usage */
int cli_run(int argc, char **argv);

int cmd_serve(int argc, char **argv);
int cmd_demo(int argc, char **argv);
int cmd_migrate(int argc, char **argv);
int cmd_user(int argc, char **argv);
int cmd_import(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_audit(int argc, char **argv);
int cmd_ledger(int argc, char **argv);
int cmd_backup(int argc, char **argv);
int cmd_doctor(int argc, char **argv);
int cmd_restore(int argc, char **argv);
int cmd_subsidy(int argc, char **argv);
int cmd_routes(int argc, char **argv);
int cmd_cert(int argc, char **argv);
int cmd_stats(int argc, char **argv);
int cmd_keys(int argc, char **argv);

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
	bool read_only;		 /* --read-only: a verification node on a standby (no migration, no writes) */
	struct cidr *proxies;	 /* --trusted-proxy (SERVE_MAX_PROXIES slots) */
	const char **proxy_text; /* as given, for the start-up log */
	int nproxies;
};
/* serve_with: checks the settings, migrates, then serves until SIGINT/SIGTERM (serve and demo share it) */
int serve_with(const struct serve_opts *o);
/* serve_option: takes --insecure-test-mode, --key-file PATH and --trusted-proxy CIDR at argv[*i]; returns 1
 * when it took one (*bad set when its value is invalid, after printing why), 0 when argv[*i] is another */
int serve_option(struct serve_opts *o, int argc, char **argv, int *i, int *bad);

/* cli_usage: prints `jineng: <msg>` (when msg is not NULL) and the usage of `cmd` on stderr, returns 2.
 * cmd is a command or a command and subcommand ("user", "psy ctt"). */
int cli_usage(const char *cmd, const char *msg);
/* cli_fail: prints `jineng: <what> (<where>)` and returns 1. */
int cli_fail(const char *what, const char *where);

#endif
