/* db.c: the driver-independent half of the storage interface: dispatch, typed helpers, the error table. */
#include "util/common.h"
#include "store/db_int.h"
#include "util/log.h"
#include "util/metrics.h"
#include <stdatomic.h>

bool db_url_is_pg(const char *url)
{
	return url && (!strncmp(url, "postgres://", 11) || !strncmp(url, "postgresql://", 13));
}

int db_open(const char *url, db **out, err *e)
{
	const struct db_driver *drv;
	*out = NULL;
	if (!url || !*url)
		url = "sqlite:var/jineng.db";
	if (!strncmp(url, "sqlite:", 7))
		drv = &db_sqlite_driver;
	else if (db_url_is_pg(url))
		drv = &db_pg_driver;
	else
		return err_set(e, 400, "bad_db_url", "db",
			       "数据库地址无效：%s（应为 sqlite:路径 或 postgres://…）",
			       "invalid database URL '%s' (expected sqlite:PATH or postgres://...)", url);
	return drv->open(url, out, e);
}

static void keep_end(db *d);

void db_close(db *d)
{
	if (!d)
		return;
	keep_end(d);
	if (d->defer && d->defer_state)
		d->defer->free(d->defer_state);
	d->drv->close(d);
}

void *db_defer(db *d, const struct db_deferred *ops)
{
	if (!d->in_tx || d->read_tx || d->kept)
		return NULL;
	if (d->defer && d->defer != ops)
		return NULL; /* one module a connection: another writes at once */
	if (!d->defer_state) {
		d->defer_state = ops->make();
		if (!d->defer_state)
			return NULL;
		d->defer = ops;
	}
	return d->defer_state;
}

int db_depth(const db *d)
{
	return d->in_tx && !d->kept ? d->depth : 0;
}

/* the deferred work of the levels from `depth` on is forgotten (a rollback) */
static void defer_drop(db *d, int depth)
{
	if (d->defer_state)
		d->defer->drop(d->defer_state, depth);
}

enum db_dialect db_dialect_of(const db *d)
{
	return d->drv->dialect;
}

const char *db_dialect_name(const db *d)
{
	return d->drv->dialect == DB_PG ? "postgres" : "sqlite";
}

const char *db_errmsg(const db *d)
{
	return d->errmsg;
}

static void read_start(db *d);
static int note(db *d, int rc);

/* a transaction whose connection was reset is gone: nothing more may run in it */
static int gone(db *d)
{
	snprintf(d->errmsg, sizeof d->errmsg,
		 "the connection was lost inside the transaction; it was rolled back");
	return note(d, DB_RETRY);
}

int db_exec(db *d, const char *sql)
{
	keep_end(d);
	if (d->broken)
		return gone(d);
	return note(d, d->drv->exec(d, sql));
}

int db_rc_to_err(db *d, int rc, err *e)
{
	switch (rc) {
	case DB_NOT_FOUND:
		return err_set(e, 404, "not_found", NULL, "记录不存在", "not found");
	case DB_CONFLICT:
		return err_set(e, 409, "conflict", NULL, "与已有记录冲突",
			       "conflicts with an existing record");
	case DB_BUSY:
		return err_set(e, 503, "db_busy", NULL, "数据库繁忙，请稍后重试",
			       "the database is busy, please retry");
	case DB_RETRY:
		log_warn("db retry: %s", d ? d->errmsg : "?");
		return err_set(
			e, 503, "db_retry", NULL, "数据库连接中断或事务冲突，本次操作未生效，请重试",
			"the database connection was lost or the transaction conflicted; nothing was saved, "
			"please retry");
	default:
		log_error("db error: %s", d ? d->errmsg : "?");
		return err_set(e, 500, "internal", NULL, "服务器内部错误", "internal error (database)");
	}
}

db_stmt *db_query(db *d, const char *sql, const dbv *args, int nargs, err *e)
{
	db_stmt *st = NULL;
	keep_end(d);
	if (d->broken) {
		db_rc_to_err(d, gone(d), e);
		return NULL;
	}
	if (d->read_pending)
		read_start(d);
	int rc = note(d, d->drv->prepare(d, sql, &st));
	if (rc != DB_OK) {
		db_rc_to_err(d, rc, e);
		return NULL;
	}
	st->last = DB_OK;
	for (int i = 0; i < nargs; i++) {
		rc = note(d, d->drv->bind(st, i + 1, &args[i]));
		if (rc != DB_OK) {
			d->drv->release(st);
			db_rc_to_err(d, rc, e);
			return NULL;
		}
	}
	return st;
}

static int note(db *d, int rc)
{
	if (rc != DB_BUSY && rc != DB_RETRY && rc != DB_ERROR)
		return rc;
	metrics_add(rc == DB_BUSY    ? M_DB_FAULT_BUSY
		    : rc == DB_RETRY ? M_DB_FAULT_RETRY
				     : M_DB_FAULT_ERROR,
		    1);
	int depth = d->in_tx && !d->read_tx ? d->depth : 0;
	if (!d->fault) {
		d->fault = rc;
		d->fault_depth = depth;
	}
	if (depth && (!d->tx_fault || depth < d->tx_fault_depth)) {
		d->tx_fault = rc;
		d->tx_fault_depth = depth;
	}
	return rc;
}

bool db_commit_unknown(const db *d)
{
	return d->commit_unknown;
}

int db_fault(const db *d)
{
	return d->fault;
}

void db_fault_clear(db *d)
{
	d->fault = d->fault_depth = 0;
}

int db_step(db_stmt *st)
{
	if (st->d->broken)
		return st->last = gone(st->d);
	return st->last = note(st->d, st->d->drv->step(st));
}

void db_done(db_stmt *st)
{
	if (st)
		st->d->drv->release(st);
}

int db_row(db_stmt *st, err *e)
{
	int rc = db_step(st);
	if (rc == DB_ROW)
		return 1;
	if (rc == DB_DONE)
		return 0;
	return db_rc_to_err(st->d, rc, e);
}

int db_last(const db_stmt *st)
{
	return st->last;
}

db *db_stmt_db(const db_stmt *st)
{
	return st->d;
}

int db_finish(db_stmt *st, err *e)
{
	if (!st)
		return -1;
	db *d = st->d;
	int rc = st->last;
	d->drv->release(st);
	if (rc >= 0)
		return 0;
	return db_rc_to_err(d, rc, e);
}

int64_t db_run(db *d, const char *sql, const dbv *args, int nargs, err *e)
{
	db_stmt *st = db_query(d, sql, args, nargs, e);
	if (!st)
		return -1;
	int rc;
	while ((rc = db_step(st)) == DB_ROW)
		;
	db_done(st);
	if (rc != DB_DONE)
		return db_rc_to_err(d, rc, e);
	return d->drv->changes(d);
}

int db_ncols(db_stmt *st)
{
	return st->d->drv->ncols(st);
}

bool db_isnull(db_stmt *st, int col)
{
	return st->d->drv->isnull(st, col);
}

const char *db_text(db_stmt *st, int col)
{
	return st->d->drv->text(st, col);
}

int64_t db_int(db_stmt *st, int col)
{
	return st->d->drv->integer(st, col);
}

double db_double(db_stmt *st, int col)
{
	return st->d->drv->dbl(st, col);
}

const char *db_colname(db_stmt *st, int col)
{
	return st->d->drv->colname(st, col);
}

int db_one_int(db *d, const char *sql, const dbv *args, int nargs, int64_t *out, err *e)
{
	db_stmt *st = db_query(d, sql, args, nargs, e);
	if (!st)
		return DB_ERROR;
	int rc = db_step(st);
	if (rc == DB_ROW) {
		*out = db_int(st, 0);
		rc = DB_OK;
	} else if (rc == DB_DONE) {
		rc = DB_NOT_FOUND;
	} else {
		db_rc_to_err(d, rc, e);
	}
	db_done(st);
	return rc;
}

int db_begin(db *d, err *e)
{
	char sp[64];
	keep_end(d);
	d->read_pending = false; /* a write: not a read-only request after all */
	if (d->broken)
		return db_rc_to_err(d, gone(d), e);
	if (d->in_tx)
		snprintf(sp, sizeof sp, "SAVEPOINT sp%d", d->depth);
	int rc = note(d, d->drv->exec(d, d->in_tx			? sp
					 : d->drv->dialect == DB_SQLITE ? "BEGIN IMMEDIATE"
									: "BEGIN"));
	if (rc != DB_OK) {
		/* a failed SAVEPOINT leaves the enclosing transaction failed (PostgreSQL): its commit reports
		 * it */
		if (!d->in_tx && d->broken)
			d->broken = false;
		return db_rc_to_err(d, rc, e);
	}
	d->in_tx = true;
	d->depth++;
	return 0;
}

int db_commit(db *d, err *e)
{
	char sp[64];
	if (!d->in_tx || d->kept) {
		log_error("commit without a transaction");
		return err_set(e, 500, "internal", NULL, "服务器内部错误",
			       "internal error (commit without a transaction)");
	}
	if (d->depth > 1) {
		int rc;
		if (d->broken) {
			rc = gone(d);
		} else {
			snprintf(sp, sizeof sp, "RELEASE SAVEPOINT sp%d", d->depth - 1);
			rc = note(d, d->drv->exec(d, sp));
		}
		if (d->defer_state)
			d->defer->lower(d->defer_state, d->depth);
		/* a statement of this level failed: releasing it hands the failure to the enclosing level */
		if (d->tx_fault && d->tx_fault_depth >= d->depth) {
			d->tx_fault_depth = d->depth - 1;
			if (rc == DB_OK)
				rc = d->tx_fault;
		}
		d->depth--;
		return rc == DB_OK ? 0 : db_rc_to_err(d, rc, e);
	}
	/* the outermost level: a broken transaction, or one in which a statement failed, is not committed (as
	 * PostgreSQL does; SQLite would commit the rest), and the commit itself is verified */
	d->commit_unknown = false;
	int rc = d->broken ? gone(d) : d->tx_fault;
	if (rc == DB_OK && d->defer_state) {
		/* the deferred writes, as the transaction's last statements; a failure is the commit's */
		err fe = {0};
		if (d->defer->flush(d, d->defer_state, &fe) != 0) {
			/* a failed statement left its fault (busy, retry, error); else it is an error of its
			 * own */
			rc = d->broken ? gone(d) : d->tx_fault ? d->tx_fault : DB_ERROR;
			if (rc == DB_ERROR && !d->tx_fault)
				snprintf(d->errmsg, sizeof d->errmsg, "deferred writes: %s", fe.en);
		}
	}
	defer_drop(d, 1);
	if (rc == DB_OK)
		rc = note(d, d->drv->commit(d));
	d->in_tx = false;
	d->depth = 0;
	d->broken = false;
	d->tx_fault = d->tx_fault_depth = 0;
	if (rc != DB_OK) {
		d->drv->exec(d, "ROLLBACK");
		if (d->commit_unknown) {
			/* the connection ended with the COMMIT on its way: it may have committed, so "nothing
			 * was saved" would be as false as a success. The client is told it does not know, and
			 * a unit of work that is not idempotent is not run again (svc_tx) */
			log_warn("db commit outcome unknown: %s", d->errmsg);
			return err_set(
				e, 503, "db_commit_unknown", NULL,
				"提交时数据库连接中断，本次操作是否生效未知，请先查询结果再决定是否重试",
				"the database connection was lost during the commit: whether the change "
				"took effect is unknown; check before retrying");
		}
		return db_rc_to_err(d, rc, e);
	}
	return 0;
}

void db_rollback(db *d)
{
	char sp[96];
	if (!d->in_tx || d->kept)
		return;
	if (d->depth > 1) {
		snprintf(sp, sizeof sp, "ROLLBACK TO SAVEPOINT sp%d; RELEASE SAVEPOINT sp%d", d->depth - 1,
			 d->depth - 1);
		if (!d->broken)
			note(d, d->drv->exec(d, sp));
		/* a failure inside this level is undone with it: the caller has handled it */
		if (d->tx_fault && d->tx_fault_depth >= d->depth)
			d->tx_fault = d->tx_fault_depth = 0;
		if (d->fault && d->fault_depth >= d->depth)
			d->fault = d->fault_depth = 0;
		defer_drop(d, d->depth);
		d->depth--;
		return;
	}
	defer_drop(d, 1);
	d->drv->exec(d, "ROLLBACK");
	d->in_tx = false;
	d->depth = 0;
	d->broken = false;
	d->tx_fault = d->tx_fault_depth = 0;
}

/* Kept read snapshots (SQLite). A read-only request's transaction stays open after it (db_read_end), and the
 * thread's next read-only request reads in it again when this process has committed nothing since it began
 * and it is younger than KEEP_US; the request thread's loop ends it after every batch of events
 * (db_read_release), and any other use of the connection ends it first. Taking and dropping SQLite's WAL
 * read lock takes a mutex shared by all of a process's connections and an fcntl on the -shm file; under a
 * look-up load on four threads that was 1.2 futex and 1.4 fcntl calls a request, most of them the threads
 * queued on that mutex (docs/PERFORMANCE.md, 2026-12-05). What a reader may not see: a commit of another
 * process (the CLI) in the last KEEP_US. Every commit of this process's connections is counted after it
 * has happened (the WAL hook: db_note_commit), and a request that follows a commit in time starts after it
 * was counted, so it reads a snapshot that holds it. */
#define KEEP_US 1000
static _Atomic uint64_t commits;

void db_note_commit(void)
{
	atomic_fetch_add_explicit(&commits, 1, memory_order_release);
}

static void keep_end(db *d)
{
	if (!d->kept)
		return;
	d->kept = false;
	if (d->drv->exec(d, "COMMIT") != DB_OK)
		d->drv->exec(d, "ROLLBACK");
	d->in_tx = false;
	d->depth = 0;
}

void db_keep_snapshots(db *d, bool on)
{
	d->keep_ok = on;
	if (!on)
		keep_end(d);
}

void db_read_release(db *d)
{
	if (d)
		keep_end(d);
}

int db_read_begin(db *d)
{
	/* one snapshot for all the reads of a request: on SQLite each statement outside a transaction takes
	 * and drops the WAL read lock (fcntl on the -shm file), which dominated the cost of a small GET.
	 * Begun lazily by the first statement, so a request that reads nothing pays nothing. */
	if (d->kept) {
		if (atomic_load_explicit(&commits, memory_order_acquire) == d->snap_gen &&
		    mono_us() - d->snap_us < KEEP_US) {
			d->kept = false;
			d->read_tx = true;
			metrics_add(M_READ_SNAPSHOTS_KEPT, 1);
			return 0;
		}
		keep_end(d);
	}
	if (!d->in_tx && d->drv->dialect == DB_SQLITE)
		d->read_pending = true;
	return 0;
}

static void read_start(db *d)
{
	d->read_pending = false;
	if (d->in_tx)
		return;
	/* counted before the snapshot is taken (by the first statement after BEGIN): a commit between the two
	 * makes the snapshot look older than it is, never newer */
	d->snap_gen = atomic_load_explicit(&commits, memory_order_acquire);
	d->snap_us = mono_us();
	if (d->drv->exec(d, "BEGIN") != DB_OK)
		return;
	d->in_tx = true;
	d->depth = 1;
	d->read_tx = true;
}

void db_read_end(db *d)
{
	d->read_pending = false;
	if (!d->read_tx)
		return;
	d->read_tx = false;
	/* kept when it only read and nothing failed in it (a request that wrote inside, such as an audited
	 * export, commits now) */
	if (d->keep_ok && d->in_tx && d->depth == 1 && !d->broken && !d->fault && d->drv->only_read &&
	    d->drv->only_read(d)) {
		d->kept = true;
		return;
	}
	if (d->in_tx && d->depth == 1 && d->drv->exec(d, "COMMIT") != DB_OK)
		d->drv->exec(d, "ROLLBACK");
	d->in_tx = false;
	d->depth = 0;
}

bool db_in_tx(const db *d)
{
	return d->in_tx && !d->kept;
}

void db_abort_all(db *d)
{
	defer_drop(d, 1);
	if (d->in_tx)
		d->drv->exec(d, "ROLLBACK");
	d->in_tx = false;
	d->read_tx = false;
	d->kept = false;
	d->read_pending = false;
	d->depth = 0;
	d->broken = false;
	d->tx_fault = d->tx_fault_depth = 0;
}

int db_copy_begin(db *d, const char *table, const char *const *cols, int ncols, err *e)
{
	keep_end(d);
	int rc = d->broken ? gone(d) : note(d, d->drv->copy_begin(d, table, cols, ncols));
	return rc == DB_OK ? 0 : db_rc_to_err(d, rc, e);
}

int db_copy_row(db *d, const char *const *vals, err *e)
{
	int rc = d->broken ? gone(d) : note(d, d->drv->copy_row(d, vals));
	return rc == DB_OK ? 0 : db_rc_to_err(d, rc, e);
}

int db_copy_end(db *d, err *e)
{
	int rc = d->broken ? gone(d) : note(d, d->drv->copy_end(d));
	return rc == DB_OK ? 0 : db_rc_to_err(d, rc, e);
}
