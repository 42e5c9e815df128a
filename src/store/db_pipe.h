/* db_pipe.h: independent one-statement reads sent down one PostgreSQL connection in libpq's pipeline mode
 * (issue 25). A request thread that meets several look-ups in one turn of its event loop sends them all and
 * reads their results as they come, instead of a round trip each: PostgreSQL reads the statements from one
 * socket read and answers them back to back (pgbench here: 93,500 point selects a second one round trip
 * each, 378,000 in pipelines of 16; docs/PERFORMANCE.md).
 *
 * The reads between two db_pipe_flush calls share one sync point, so they run in one implicit transaction,
 * each statement with its own snapshot (READ COMMITTED) as if sent alone. A statement that fails makes
 * PostgreSQL skip the rest of its group; those never ran and are sent again, each in a group of its own. Each
 * statement is prepared once per connection (up to DB_PIPE_PREPARED of them; others are parsed each time).
 * A broken connection completes every read in flight with DB_RETRY and marks the pipe broken: its owner
 * closes it and opens another later. Not thread-safe: one pipe belongs to one thread. PostgreSQL only. */
#ifndef JINENG_DB_PIPE_H
#define JINENG_DB_PIPE_H

#include "store/db.h"

#define DB_PIPE_PREPARED 64

typedef struct db_pipe db_pipe;

/* a read's outcome, on the thread that calls db_pipe_input or db_pipe_close: rc DB_OK with `rows` to step
 * (db_step, db_text, ...; valid during the call only, released by the pipe), or an error rc with rows NULL
 * (db_rc_to_err(d, rc, e) turns it into the API's error and logs the database's message) */
typedef void (*db_pipe_fn)(void *ctx, db_stmt *rows, int rc, db *d);

/* opens a connection of its own for the url (PostgreSQL only), in pipeline and non-blocking mode; NULL with
 * e set (503) on failure */
db_pipe *db_pipe_open(const char *url, err *e);
/* completes every read not yet answered with DB_RETRY (fn is called), then closes */
void db_pipe_close(db_pipe *p);
/* the socket to watch: readable when results arrive, writable when db_pipe_flush returned 1 */
int db_pipe_fd(const db_pipe *p);
/* queues one read of `sql` with its values (copied); fn(ctx, ...) is called once when it is answered.
 * 0, or -1 when the pipe is broken (fn will not be called: the caller answers otherwise) */
int db_pipe_send(db_pipe *p, const char *sql, const dbv *args, int nargs, db_pipe_fn fn, void *ctx);
/* closes the group of reads sent since the last flush and sends what is buffered: 0 all sent, 1 more to
 * send when the socket is writable, -1 the connection broke (every read in flight completed) */
int db_pipe_flush(db_pipe *p);
/* reads what the socket holds and completes every read whose result is whole: 0, or -1 when the connection
 * broke (every read in flight completed with DB_RETRY) */
int db_pipe_input(db_pipe *p);
/* reads sent and not yet answered */
size_t db_pipe_pending(const db_pipe *p);
/* true once the connection broke: only db_pipe_close is left */
bool db_pipe_broken(const db_pipe *p);

#endif
