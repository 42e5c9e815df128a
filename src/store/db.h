/* db.h: the storage driver interface. One generic SQL driver (open / prepare / bind / step / column /
 * transaction / copy) with two implementations: SQLite (db_sqlite.c) and PostgreSQL (db_pg.c).
 * The URL picks the driver: `sqlite:PATH` or `postgres://...` / `postgresql://...`.
 *
 * SQL is written once, in the subset both engines accept, with $1..$n placeholders (SQLite accepts `$1`
 * as a named parameter). Values are text, 64-bit integers, doubles or NULL; booleans are 0/1 integers,
 * times are epoch seconds, dates 'YYYY-MM-DD' text, money integer fen.
 *
 * Every driver error is normalised into `enum db_rc`; db_to_err() maps it to an API error in one table.
 * A `db` is one connection and must be used by one thread at a time (one connection per worker thread). */
#ifndef JINENG_DB_H
#define JINENG_DB_H

#include "util/common.h"
#include "util/err.h"

enum db_rc {
	DB_OK = 0,
	DB_ROW = 1,  /* db_step: a row is ready */
	DB_DONE = 2, /* db_step: no more rows */
	DB_NOT_FOUND = -1,
	DB_CONFLICT = -2, /* unique, foreign-key or check violation */
	DB_BUSY = -3,	  /* locked; try again later */
	DB_RETRY = -4,	  /* connection lost or serialisation failure; the transaction may be retried */
	DB_ERROR = -5,
};

enum db_dialect { DB_SQLITE, DB_PG };

typedef struct db db;
typedef struct db_stmt db_stmt;

/* a parameter value */
typedef struct dbv {
	char t; /* 's' text, 'i' int64, 'd' double, 'n' null */
	union {
		const char *s;
		int64_t i;
		double d;
	};
} dbv;
#define DV_S(x)	     ((dbv){.t = 's', .s = (x)})
#define DV_I(x)	     ((dbv){.t = 'i', .i = (int64_t)(x)})
#define DV_D(x)	     ((dbv){.t = 'd', .d = (x)})
#define DV_NULL	     ((dbv){.t = 'n'})
#define DV_SN(x)     ((x) ? DV_S(x) : DV_NULL) /* text or NULL */
#define DB_ARGS(...) (const dbv[]){__VA_ARGS__}, (int)(sizeof((const dbv[]){__VA_ARGS__}) / sizeof(dbv))
#define DB_NOARGS    NULL, 0

/* Opening and closing. db_open fills `e` (503 "db_unavailable") on failure. */
int db_open(const char *url, db **out, err *e) WUR;
void db_close(db *d);
enum db_dialect db_dialect_of(const db *d);
/* whether a database URL names PostgreSQL (postgres:// or postgresql://), before anything is opened */
bool db_url_is_pg(const char *url);
const char *db_dialect_name(const db *d); /* "sqlite" or "postgres" */
const char *db_errmsg(const db *d);	  /* the driver's last message, for logs */

/* db_exec: runs a script of one or more statements without parameters (DDL, migrations). */
int db_exec(db *d, const char *sql);

/* Statements. db_query prepares (cached per connection), binds and returns a statement to step through;
 * NULL with `e` set on failure. db_done releases it (always call it, also after an error).
 * db_run executes a statement that returns no rows we need and returns the number of rows changed (>= 0)
 * or -1 with `e` set. */
db_stmt *db_query(db *d, const char *sql, const dbv *args, int nargs, err *e) WUR;
int db_step(db_stmt *st); /* DB_ROW, DB_DONE or an error rc */
void db_done(db_stmt *st);
/* db_finish: releases st like db_done and reports how its stepping ended: 0 when no db_step failed (it
 * returned DB_DONE, or the caller stopped early on DB_ROW), else -1 with `e` set from the failing code. A
 * loop `while (db_step(st) == DB_ROW)` ends with db_finish so an error mid-list is an error, never a
 * short list. */
int db_finish(db_stmt *st, err *e) WUR;
/* db_row: steps st once for a single-row lookup: 1 a row is ready, 0 there is none, -1 a database error
 * (`e` set: a 503/500, never to be reported as "not found") */
int db_row(db_stmt *st, err *e) WUR;
/* db_last: the outcome of st's last db_step (DB_OK before the first) */
int db_last(const db_stmt *st);
/* db_stmt_db: the connection st runs on (for db_rc_to_err's message) */
db *db_stmt_db(const db_stmt *st);
int64_t db_run(db *d, const char *sql, const dbv *args, int nargs, err *e);

int db_ncols(db_stmt *st);
bool db_isnull(db_stmt *st, int col);
const char *db_text(db_stmt *st, int col); /* NULL for NULL; valid until the next step */
int64_t db_int(db_stmt *st, int col);	   /* 0 for NULL */
double db_double(db_stmt *st, int col);
const char *db_colname(db_stmt *st, int col);

/* Faults. Every statement or bind that fails with DB_BUSY, DB_RETRY or DB_ERROR (not a conflict) is
 * remembered on the connection. The API layer clears it before a request and, after the handler, turns any
 * reply below 500 into the fault's 503/500: a handler that swallowed a fault (a short list, a "not found")
 * can never answer as if the database had worked. */
int db_fault(const db *d); /* 0 or the first fault rc */
void db_fault_clear(db *d);

/* Convenience: one row, one integer / text column. Return DB_OK, DB_NOT_FOUND or an error rc (e set
 * only for errors). */
int db_one_int(db *d, const char *sql, const dbv *args, int nargs, int64_t *out, err *e);

/* Transactions. db_begin starts a write transaction (SQLite: BEGIN IMMEDIATE); inside one it sets a
 * savepoint, so a use case can run inside a caller's transaction (a bulk import) and its failure undoes
 * only its own work. db_commit / db_rollback end the innermost level. db_abort_all rolls back every level
 * (the server's safety net after a request). */
int db_begin(db *d, err *e) WUR;
int db_commit(db *d, err *e) WUR;
void db_rollback(db *d);
bool db_in_tx(const db *d);
/* Work deferred to the end of the write transaction: a module keeps what it would write in memory (the
 * statistics counters sum their upserts per key: one statement a key instead of one a counted row) and writes
 * it just before the outermost COMMIT. db_defer returns the connection's state for `ops` (made by ops->make
 * on first use, freed by ops->free when the connection closes; one such module a connection), or NULL outside
 * a write transaction (write at once then). ops->flush runs before the outermost COMMIT; its failure fails
 * the commit and nothing is committed. ops->drop(state, depth): the level `depth` (1: the transaction itself,
 * more: a savepoint) was rolled back, forget what was added at that depth or deeper. ops->lower(state,
 * depth): that savepoint level was released, what it added now belongs to depth - 1. db_depth: the current
 * level (0 outside a transaction). */
struct db_deferred {
	void *(*make)(void);
	int (*flush)(db *d, void *state, err *e);
	void (*drop)(void *state, int depth);
	void (*lower)(void *state, int depth);
	void (*free)(void *state);
};
void *db_defer(db *d, const struct db_deferred *ops);
int db_depth(const db *d);
/* db_commit_unknown: did the last outermost db_commit fail with its outcome unknown (the connection was lost
 * while COMMIT was on its way, so the transaction may have been committed)? False after every other
 * failure: a transaction with a failed statement, a broken one, a PostgreSQL COMMIT answered ROLLBACK or a
 * busy SQLite COMMIT was rolled back, and running the whole unit again is safe. */
bool db_commit_unknown(const db *d);
/* db_read_begin / db_read_end: bracket a read-only request so its statements share one snapshot (SQLite:
 * BEGIN DEFERRED ... COMMIT; PostgreSQL: nothing, each statement is already cheap). A write inside is
 * committed by db_read_end. On a SQLite connection whose owner asked for it (db_keep_snapshots: the
 * server's request threads) a snapshot that only read is kept open after db_read_end, and the next
 * db_read_begin on the connection reads in it again while this process has committed nothing since and it
 * is younger than a millisecond (db.c says why); any other use of the connection ends it first, and
 * db_read_release ends it — the owner must call it whenever the connection may go idle (the request
 * thread's loop, after each batch of events): a snapshot held by an idle connection stops checkpoints from
 * emptying the WAL. Every other connection (the CLI, background work) commits at db_read_end. */
int db_read_begin(db *d);
void db_read_end(db *d);
void db_keep_snapshots(db *d, bool on);
void db_read_release(db *d);
void db_abort_all(db *d);

/* Bulk load: COPY ... FROM STDIN on PostgreSQL, one prepared INSERT per row on SQLite. The caller runs it
 * inside a transaction. vals[i] NULL means SQL NULL. */
int db_copy_begin(db *d, const char *table, const char *const *cols, int ncols, err *e) WUR;
int db_copy_row(db *d, const char *const *vals, err *e) WUR;
int db_copy_end(db *d, err *e) WUR;

/* Backups of a SQLite database (db_sqlite.c; `jineng backup` and `jineng restore`). PostgreSQL is backed up
 * by pgBackRest with WAL archiving (docs/OPERATIONS.md), not through these.
 * db_sqlite_backup: copies d's database into the new file `path` (refused if it exists) as one snapshot: d
 * holds a read transaction for the whole copy, so writers on other connections go on, unseen by it. The copy
 * is one file (journal_mode DELETE), synced; a failed copy is removed. progress(pages done, pages in all) is
 * called between steps of 1,024 pages; it may be NULL.
 * db_sqlite_restore: the same from the database file `from` (opened read-only) into the new file `path`. */
int db_sqlite_backup(db *d, const char *path, void (*progress)(int64_t, int64_t), err *e) WUR;
int db_sqlite_restore(const char *from, const char *path, void (*progress)(int64_t, int64_t), err *e) WUR;

/* db_rc_to_err: the one table from driver outcome to API error. Returns -1. */
int db_rc_to_err(db *d, int rc, err *e);

/* Migrations (migrate.c): applies the embedded migrations of this dialect that are not yet applied;
 * refuses a database whose schema is newer than the binary. *applied gets the count applied now. */
int db_migrate(db *d, int *applied, err *e) WUR;
int db_schema_version(db *d, int64_t *v, err *e);

#endif
