/* opts.h: the options every subcommand shares (--db, --listen, ...) and the start-up every database
 * command needs (open, PII key, migrate). */
#ifndef JINENG_OPTS_H
#define JINENG_OPTS_H

#include "store/db.h"

/* opt_value: for "--name VALUE" or "--name=VALUE" at argv[*i]; advances *i; NULL when argv[*i] is not --name
 */
const char *opt_value(int argc, char **argv, int *i, const char *name);
const char *default_db_url(void);
const char *default_listen(void);
/* --key-file PATH of the command line (NULL: JINENG_KEY_FILE, else the default path) */
extern const char *opt_key_file;
/* cli_open_db: opens the database, loads the PII key from the key file (--key-file, JINENG_KEY_FILE, or
 * jineng.key next to a SQLite database, else var/jineng.key; created with mode 0600 when absent; refused
 * when others may read it or another user owns it; JINENG_KEY in the environment is refused), applies
 * migrations and reference data. Prints the error and returns NULL on failure. */
db *cli_open_db(const char *url, bool migrate);
/* cli_key_path: the key file cli_open_db would use for url (it is not opened or created here) */
void cli_key_path(const char *url, char *out, size_t n);

#endif
