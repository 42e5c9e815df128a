/* db_pg_int.h: what the pipelined reads (db_pg_pipe.c) take from the PostgreSQL driver (db_pg.c). Only those
 * two include this. */
#ifndef JINENG_DB_PG_INT_H
#define JINENG_DB_PG_INT_H

#include "store/db.h"
#include <libpq-fe.h>

/* the connection of a PostgreSQL `db` */
PGconn *pg_conn(db *d);
/* a statement over a result already read: db_step walks its rows, db_done frees it and the result */
db_stmt *pg_result_stmt(db *d, PGresult *res);
/* the db_rc of a failed statement's SQLSTATE (NULL: DB_ERROR) */
int pg_state_rc(const char *state);
/* the driver's message for logs (db_errmsg), without libpq's trailing newline */
void pg_set_msg(db *d, const char *msg);
/* a value as the text PostgreSQL is sent (tmp holds a number's), or NULL for SQL NULL */
#define PG_VALUE_TMP 40
const char *pg_value_text(const dbv *v, char tmp[PG_VALUE_TMP]);

#endif
