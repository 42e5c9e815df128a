/* db_int.h: what a storage driver implements. Only db.c and the drivers include this. */
#ifndef JINENG_DB_INT_H
#define JINENG_DB_INT_H

#include "store/db.h"

struct db_driver {
	const char *name;
	enum db_dialect dialect;
	int (*open)(const char *url, db **out, err *e);
	void (*close)(db *d);
	int (*exec)(db *d, const char *sql);
	int (*commit)(db *d); /* COMMIT of the outermost level, verified: DB_OK only when it committed */
	int (*prepare)(db *d, const char *sql, db_stmt **out);
	int (*bind)(db_stmt *st, int idx /* 1-based */, const dbv *v);
	int (*step)(db_stmt *st);
	void (*release)(db_stmt *st);
	int (*ncols)(db_stmt *st);
	bool (*isnull)(db_stmt *st, int col);
	const char *(*text)(db_stmt *st, int col);
	int64_t (*integer)(db_stmt *st, int col);
	double (*dbl)(db_stmt *st, int col);
	const char *(*colname)(db_stmt *st, int col);
	int64_t (*changes)(db *d);
	int (*copy_begin)(db *d, const char *table, const char *const *cols, int ncols);
	int (*copy_row)(db *d, const char *const *vals);
	int (*copy_end)(db *d);
	/* the open transaction has read and written nothing yet or only read (SQLite: SQLITE_TXN_READ); NULL
	 * where a read snapshot is not kept between requests (PostgreSQL: its statements take none) */
	bool (*only_read)(db *d);
};

/* every committed write of this process's connections (SQLite: its WAL hook, after the commit): a kept
 * read snapshot older than the last one is not used again (db_read_begin) */
void db_note_commit(void);

/* the common head of every driver's connection and statement */
struct db {
	const struct db_driver *drv;
	bool in_tx;
	int depth;	   /* nested transactions are savepoints */
	bool read_tx;	   /* the transaction is db_read_begin's */
	bool read_pending; /* db_read_begin called; BEGIN on the first statement */
	bool keep_ok;	   /* db_keep_snapshots: the connection's owner releases kept snapshots */
	bool kept;	   /* a read transaction kept open after its request (db_read_end): not in_tx to
			      anybody until db_read_begin takes it or db_read_release ends it */
	uint64_t snap_gen; /* the process's commit count and the time (µs) when the read transaction began */
	int64_t snap_us;
	bool broken;	     /* the connection was reset inside the transaction: it is gone, every statement
				and the commit fail until the outermost rollback */
	int fault;	     /* the first database fault (DB_BUSY, DB_RETRY, DB_ERROR) since db_fault_clear */
	int fault_depth;     /* the transaction depth it happened at (0 outside a write transaction) */
	int tx_fault;	     /* a fault inside the write transaction not undone by a savepoint rollback: */
	int tx_fault_depth;  /* the transaction cannot commit (PostgreSQL aborts it; SQLite is made to agree)
			      */
	bool commit_unknown; /* the last outermost commit failed with its outcome unknown (db_commit_unknown)
			      */
	const struct db_deferred *defer; /* work deferred to the outermost commit (db_defer), and its state */
	void *defer_state;
	char errmsg[512];
};

struct db_stmt {
	db *d;
	int last; /* the last db_step outcome (DB_OK before the first) */
};

extern const struct db_driver db_sqlite_driver;
extern const struct db_driver db_pg_driver;

#endif
