/* opts.h: the options every subcommand shares (--db, --listen, ...) and the start-up every database
 * command needs (open, PII key, migrate). */
#ifndef JINENG_OPTS_H
#define JINENG_OPTS_H

#include "store/db.h"

/* opt_value: for "--name VALUE" or "--name=VALUE" at argv[*i]; advances *i; NULL when argv[*i] is not --name */
const char *opt_value(int argc, char **argv, int *i, const char *name);
const char *default_db_url(void);
const char *default_listen(void);
/* cli_open_db: opens the database, loads the PII key (JINENG_KEY, or var/jineng.key next to a SQLite
 * database / in the working directory), applies migrations and reference data. Prints the error and
 * returns NULL on failure. */
db *cli_open_db(const char *url, bool migrate);

#endif
