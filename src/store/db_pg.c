/* db_pg.c: the PostgreSQL driver (libpq). Statements are prepared once per connection under generated
 * names; errors are classified by SQLSTATE class; a lost connection is reset and reported as DB_RETRY.
 * A reset inside a transaction marks the transaction broken (db.c then fails every later statement and the
 * commit, so nothing of it runs on the new session in autocommit), and the session settings are applied
 * again. COMMIT is verified: PostgreSQL answers COMMIT of a failed transaction with the command tag
 * ROLLBACK and a success status, which this driver reports as DB_RETRY. */
#include "util/common.h"
#include "store/db_int.h"
#include "store/db_pg_int.h"
#include "store/stmt_cache.h"
#include "util/buf.h"
#include <libpq-fe.h>
#include <poll.h>

struct pg_db {
	struct db base;
	PGconn *c;
	struct stmt_cache cache;
	int next_name;
	int64_t changes;
	bool session_ok; /* session_sql applied to the current session */
	bool checked; /* ensure_session found it alive and nothing was sent since (pg_step needs no check) */
	unsigned gen; /* sessions so far: a statement prepared on an earlier one is gone */
	buf copybuf;
	int copy_ncols;
	char **deferred; /* CREATE INDEX statements of the indexes a bulk load dropped, run at its end */
	int ndeferred;
};

struct pg_stmt {
	struct db_stmt base;
	char name[24];
	bool cached, inuse, executed;
	unsigned gen; /* the session it was prepared on */
	PGresult *res;
	int row, nrows;
	int nparams;
	char **vals;
};

void pg_set_msg(db *d, const char *msg)
{
	snprintf(d->errmsg, sizeof d->errmsg, "%s", msg ? msg : "");
	size_t n = strlen(d->errmsg);
	while (n && (d->errmsg[n - 1] == '\n' || d->errmsg[n - 1] == ' '))
		d->errmsg[--n] = 0;
}

static void set_msg(struct pg_db *d, const char *msg)
{
	pg_set_msg(&d->base, msg);
}

static void forget_prepared(struct pg_db *d);

/* the settings every session gets, at open and again after a reset */
static const char session_sql[] = "SET client_min_messages = warning; SET TIME ZONE 'UTC'";

static bool session_init(PGconn *c)
{
	PQsetClientEncoding(c, "UTF8");
	PGresult *r = PQexec(c, session_sql);
	bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
	PQclear(r);
	return ok;
}

/* the server's farewell to a session it ended while idle is already in the socket: one poll that finds
 * nothing in the usual case, and only then the reads that tell a farewell from a notice */
static bool session_ended(struct pg_db *d)
{
	struct pollfd p = {.fd = PQsocket(d->c), .events = POLLIN};
	if (p.fd < 0)
		return true;
	int n = poll(&p, 1, 0);
	if (n == 0)
		return false;
	/* something to read: the farewell, then the end of the stream (or only a notice: alive) */
	return n < 0 || !PQconsumeInput(d->c) || !PQconsumeInput(d->c) || PQstatus(d->c) == CONNECTION_BAD;
}

/* before any statement: a session that was reset gets its settings again first (or the statement fails) */
static int ensure_session(struct pg_db *d)
{
	/* between transactions, a session the server ended while it was idle (terminated, restarted, idle
	 * timeout) is noticed before anything is sent and replaced at once: the statement runs on the new
	 * session instead of failing, and nothing can run twice */
	if (d->session_ok && !d->base.in_tx && session_ended(d)) {
		forget_prepared(d);
		d->session_ok = false;
	}
	if (d->session_ok) {
		d->checked = true;
		return DB_OK;
	}
	if (PQstatus(d->c) != CONNECTION_OK)
		PQreset(d->c);
	if (PQstatus(d->c) != CONNECTION_OK || !session_init(d->c)) {
		set_msg(d, PQerrorMessage(d->c));
		return DB_RETRY;
	}
	d->session_ok = true;
	d->checked = true;
	d->gen++;
	return DB_OK;
}

/* classify a failed result (res may be NULL) */
static int map_res(struct pg_db *d, PGresult *res)
{
	set_msg(d, res ? PQresultErrorMessage(res) : PQerrorMessage(d->c));
	if (PQstatus(d->c) == CONNECTION_BAD) {
		/* the session is gone, and with it any transaction: whatever the caller does next in that
		 * transaction must fail, not autocommit on the new session */
		if (d->base.in_tx)
			d->base.broken = true;
		forget_prepared(d);
		d->session_ok = false;
		PQreset(d->c);
		ensure_session(d);
		return DB_RETRY;
	}
	return pg_state_rc(res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL);
}

int pg_state_rc(const char *state)
{
	if (!state)
		return DB_ERROR;
	if (!strncmp(state, "23", 2))
		return DB_CONFLICT;
	/* 40: serialisation / deadlock; 08: connection; 57P: the server shut the session (terminate,
	 * restart); 53: out of resources */
	if (!strncmp(state, "40", 2) || !strncmp(state, "08", 2) || !strncmp(state, "57P", 3) ||
	    !strncmp(state, "53", 2))
		return DB_RETRY;
	if (!strcmp(state, "55P03") || !strcmp(state, "57014"))
		return DB_BUSY;
	return DB_ERROR;
}

static int pg_open(const char *url, db **out, err *e)
{
	PGconn *c = PQconnectdb(url);
	if (PQstatus(c) != CONNECTION_OK) {
		err_set(e, 503, "db_unavailable", "db", "无法连接 PostgreSQL：%s",
			"could not connect to PostgreSQL: %s", PQerrorMessage(c));
		PQfinish(c);
		return -1;
	}
	if (!session_init(c)) {
		err_set(e, 503, "db_unavailable", "db", "无法设置 PostgreSQL 会话：%s",
			"could not set up the PostgreSQL session: %s", PQerrorMessage(c));
		PQfinish(c);
		return -1;
	}
	struct pg_db *d = xcalloc(1, sizeof *d);
	d->base.drv = &db_pg_driver;
	d->c = c;
	d->session_ok = true;
	buf_init(&d->copybuf, 0);
	*out = &d->base;
	return 0;
}

static void free_stmt(struct pg_stmt *st)
{
	PQclear(st->res);
	for (int i = 0; i < st->nparams; i++)
		free(st->vals[i]);
	free(st->vals);
	free(st);
}

static void forget_prepared(struct pg_db *d)
{
	for (int i = 0; i < STMT_CACHE_SLOTS; i++) {
		struct stmt_cache_entry *ce = &d->cache.e[i];
		if (!ce->sql)
			continue;
		struct pg_stmt *st = ce->stmt;
		if (st->inuse)
			st->cached = false; /* freed by its user on release */
		else
			free_stmt(st);
		free(ce->sql);
		ce->sql = NULL;
	}
	d->cache.n = 0;
}

static void free_deferred(struct pg_db *d);

static void pg_close(db *base)
{
	struct pg_db *d = (struct pg_db *)base;
	forget_prepared(d);
	free_deferred(d);
	buf_free(&d->copybuf);
	PQfinish(d->c);
	free(d);
}

static int pg_exec(db *base, const char *sql)
{
	struct pg_db *d = (struct pg_db *)base;
	if (!strcmp(sql, "ROLLBACK") && PQtransactionStatus(d->c) == PQTRANS_IDLE)
		return DB_OK; /* already over (a verified COMMIT that failed, a reset) */
	int rc = ensure_session(d);
	if (rc != DB_OK)
		return rc;
	PGresult *r = PQexec(d->c, sql);
	ExecStatusType s = PQresultStatus(r);
	rc = (s == PGRES_COMMAND_OK || s == PGRES_TUPLES_OK) ? DB_OK : map_res(d, r);
	PQclear(r);
	return rc;
}

/* COMMIT, verified: a transaction in which a statement failed (cancel, statement_timeout, lock timeout,
 * deadlock, any error) is answered "ROLLBACK" with PGRES_COMMAND_OK; that is a failure, not a commit */
static int pg_commit(db *base)
{
	struct pg_db *d = (struct pg_db *)base;
	int rc = ensure_session(d);
	if (rc != DB_OK)
		return rc;
	PGresult *r = PQexec(d->c, "COMMIT");
	ExecStatusType s = PQresultStatus(r);
	if (s != PGRES_COMMAND_OK) {
		/* the session ended with the COMMIT on its way (connection lost, the server shut down): it
		 * may have been committed */
		const char *state = PQresultErrorField(r, PG_DIAG_SQLSTATE);
		if (PQstatus(d->c) == CONNECTION_BAD || !state || !strncmp(state, "08", 2) ||
		    !strncmp(state, "57P", 3))
			d->base.commit_unknown = true;
		rc = map_res(d, r);
	} else if (strcmp(PQcmdStatus(r), "COMMIT") != 0) {
		set_msg(d, "COMMIT was answered ROLLBACK: an earlier statement of the transaction failed");
		rc = DB_RETRY;
	}
	PQclear(r);
	return rc;
}

static int pg_new_stmt(struct pg_db *d, const char *sql, bool named, struct pg_stmt **out)
{
	struct pg_stmt *st = xcalloc(1, sizeof *st);
	st->base.d = &d->base;
	st->gen = d->gen;
	if (named)
		snprintf(st->name, sizeof st->name, "j%d", ++d->next_name);
	PGresult *r = PQprepare(d->c, st->name, sql, 0, NULL);
	if (PQresultStatus(r) != PGRES_COMMAND_OK) {
		int rc = map_res(d, r);
		PQclear(r);
		free(st);
		return rc;
	}
	PQclear(r);
	r = PQdescribePrepared(d->c, st->name);
	if (PQresultStatus(r) != PGRES_COMMAND_OK) {
		int rc = map_res(d, r);
		PQclear(r);
		free(st);
		return rc;
	}
	st->nparams = PQnparams(r);
	PQclear(r);
	st->vals = xcalloc((size_t)st->nparams + 1, sizeof(char *));
	*out = st;
	return DB_OK;
}

static int pg_prepare(db *base, const char *sql, db_stmt **out)
{
	struct pg_db *d = (struct pg_db *)base;
	int rc = ensure_session(d); /* first: a replaced session starts with an empty cache */
	if (rc != DB_OK)
		return rc;
	uint64_t h = stmt_cache_hash(sql);
	struct stmt_cache_entry *ce = stmt_cache_find(&d->cache, sql, h);
	struct pg_stmt *st = NULL;
	if (ce && !((struct pg_stmt *)ce->stmt)->inuse) {
		st = ce->stmt;
	} else {
		bool cache = !ce && d->cache.n < STMT_CACHE_SLOTS * 3 / 4;
		rc = pg_new_stmt(d, sql, true, &st);
		if (rc != DB_OK)
			return rc;
		if (cache) {
			ce = stmt_cache_add(&d->cache, sql, h);
			ce->stmt = st;
			st->cached = true;
		}
	}
	st->inuse = true;
	st->executed = false;
	st->row = 0;
	*out = &st->base;
	return DB_OK;
}

const char *pg_value_text(const dbv *v, char tmp[PG_VALUE_TMP])
{
	switch (v->t) {
	case 's':
		return v->s;
	case 'i':
		snprintf(tmp, PG_VALUE_TMP, "%lld", (long long)v->i);
		return tmp;
	case 'd':
		snprintf(tmp, PG_VALUE_TMP, "%.17g", v->d);
		return tmp;
	default:
		return NULL;
	}
}

static int pg_bind(db_stmt *base, int idx, const dbv *v)
{
	struct pg_stmt *st = (struct pg_stmt *)base;
	if (idx > st->nparams)
		return DB_OK;
	char tmp[PG_VALUE_TMP];
	char **slot = &st->vals[idx - 1];
	free(*slot);
	const char *text = pg_value_text(v, tmp);
	*slot = text ? xstrdup(text) : NULL;
	return DB_OK;
}

static int pg_step(db_stmt *base)
{
	struct pg_stmt *st = (struct pg_stmt *)base;
	struct pg_db *d = (struct pg_db *)base->d;
	if (!st->executed) {
		st->executed = true;
		PQclear(st->res);
		st->res = NULL;
		/* pg_prepare has just checked the session, unless another statement ran since */
		int rc = d->checked ? DB_OK : ensure_session(d);
		d->checked = false;
		if (rc != DB_OK)
			return rc;
		if (st->gen != d->gen) { /* prepared on a session that has since been replaced */
			set_msg(d, "the session was replaced after the statement was prepared");
			return DB_RETRY;
		}
		st->res = PQexecPrepared(d->c, st->name, st->nparams, (const char *const *)st->vals, NULL,
					 NULL, 0);
		ExecStatusType s = PQresultStatus(st->res);
		if (s != PGRES_TUPLES_OK && s != PGRES_COMMAND_OK) {
			int rc = map_res(d, st->res);
			PQclear(st->res);
			st->res = NULL;
			return rc;
		}
		const char *n = PQcmdTuples(st->res);
		d->changes = n && *n ? atoll(n) : 0;
		st->nrows = PQntuples(st->res);
		st->row = -1;
	}
	if (!st->res)
		return DB_DONE;
	if (++st->row < st->nrows)
		return DB_ROW;
	return DB_DONE;
}

static void pg_release(db_stmt *base)
{
	struct pg_stmt *st = (struct pg_stmt *)base;
	PQclear(st->res);
	st->res = NULL;
	for (int i = 0; i < st->nparams; i++) {
		free(st->vals[i]);
		st->vals[i] = NULL;
	}
	if (st->cached) {
		st->inuse = false;
		return;
	}
	if (st->name[0]) {
		/* a named statement that could not be cached: deallocate it on the server */
		struct pg_db *d = (struct pg_db *)base->d;
		char sql[64];
		snprintf(sql, sizeof sql, "DEALLOCATE %s", st->name);
		PQclear(PQexec(d->c, sql));
	}
	free_stmt(st);
}

PGconn *pg_conn(db *d)
{
	return ((struct pg_db *)d)->c;
}

db_stmt *pg_result_stmt(db *d, PGresult *res)
{
	struct pg_stmt *st = xcalloc(1, sizeof *st);
	st->base.d = d;
	st->executed = true; /* pg_step only walks the rows */
	st->res = res;
	st->nrows = PQntuples(res);
	st->row = -1;
	return &st->base;
}

static int pg_ncols(db_stmt *st)
{
	PGresult *r = ((struct pg_stmt *)st)->res;
	return r ? PQnfields(r) : 0;
}

static bool pg_isnull(db_stmt *base, int col)
{
	struct pg_stmt *st = (struct pg_stmt *)base;
	return !st->res || PQgetisnull(st->res, st->row, col);
}

static const char *pg_text(db_stmt *base, int col)
{
	struct pg_stmt *st = (struct pg_stmt *)base;
	if (!st->res || PQgetisnull(st->res, st->row, col))
		return NULL;
	return PQgetvalue(st->res, st->row, col);
}

static int64_t pg_int(db_stmt *st, int col)
{
	const char *s = pg_text(st, col);
	if (!s)
		return 0;
	if (s[0] == 't' && s[1] == 0)
		return 1; /* boolean true */
	return strtoll(s, NULL, 10);
}

static double pg_double(db_stmt *st, int col)
{
	const char *s = pg_text(st, col);
	return s ? strtod(s, NULL) : 0;
}

static const char *pg_colname(db_stmt *st, int col)
{
	return PQfname(((struct pg_stmt *)st)->res, col);
}

static int64_t pg_changes(db *base)
{
	return ((struct pg_db *)base)->changes;
}

static void free_deferred(struct pg_db *d)
{
	for (int i = 0; i < d->ndeferred; i++)
		free(d->deferred[i]);
	free(d->deferred);
	d->deferred = NULL;
	d->ndeferred = 0;
}

/* The rule of the SQLite driver (db_sqlite.c, DEFER_MAX_ROWS): a bulk load inside a transaction into a
 * table of at most this many rows drops the table's indexes that back no constraint and builds them after
 * the rows, sorted once instead of entry by entry (1,000,000 persons into a new province: 16.8-17.2 s with
 * the indexes kept, 10.3-10.4 s so; docs/PERFORMANCE.md). DROP INDEX holds the table's ACCESS EXCLUSIVE
 * lock until the load commits, so readers of that table wait for it: an initial load into a small table
 * meets that, a load into a province's table does not. A rolled-back load gets its indexes back with it. */
#define DEFER_MAX_ROWS 50000

static int defer_indexes(struct pg_db *d, const char *table)
{
	if (PQtransactionStatus(d->c) != PQTRANS_INTRANS)
		return DB_OK;
	char count[256];
	snprintf(count, sizeof count, "SELECT COUNT(*) FROM (SELECT 1 FROM \"%s\" LIMIT %d) s", table,
		 DEFER_MAX_ROWS + 1);
	PGresult *r = PQexec(d->c, count);
	if (PQresultStatus(r) != PGRES_TUPLES_OK) {
		int rc = map_res(d, r);
		PQclear(r);
		return rc;
	}
	long rows = strtol(PQgetvalue(r, 0, 0), NULL, 10);
	PQclear(r);
	if (rows > DEFER_MAX_ROWS)
		return DB_OK;
	const char *params[1] = {table};
	r = PQexecParams(
		d->c,
		"SELECT quote_ident(i.relname), pg_get_indexdef(x.indexrelid) FROM pg_index x JOIN "
		"pg_class i ON i.oid = x.indexrelid WHERE x.indrelid = to_regclass($1) AND NOT EXISTS "
		"(SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid) ORDER BY i.relname",
		1, NULL, params, NULL, NULL, 0);
	if (PQresultStatus(r) != PGRES_TUPLES_OK) {
		int rc = map_res(d, r);
		PQclear(r);
		return rc;
	}
	int n = PQntuples(r);
	if (!n) {
		PQclear(r);
		return DB_OK;
	}
	buf drop;
	buf_init(&drop, 0);
	buf_adds(&drop, "DROP INDEX ");
	d->deferred = xcalloc((size_t)n, sizeof *d->deferred);
	for (int i = 0; i < n; i++) {
		buf_printf(&drop, "%s%s", i ? ", " : "", PQgetvalue(r, i, 0));
		d->deferred[d->ndeferred++] = xstrdup(PQgetvalue(r, i, 1));
	}
	PQclear(r);
	r = PQexec(d->c, drop.ptr);
	buf_free(&drop);
	int rc = PQresultStatus(r) == PGRES_COMMAND_OK ? DB_OK : map_res(d, r);
	PQclear(r);
	if (rc != DB_OK)
		free_deferred(d);
	return rc;
}

static int pg_copy_begin(db *base, const char *table, const char *const *cols, int ncols)
{
	struct pg_db *d = (struct pg_db *)base;
	int rc = ensure_session(d);
	if (rc != DB_OK)
		return rc;
	free_deferred(d);
	rc = defer_indexes(d, table);
	if (rc != DB_OK)
		return rc;
	buf sql;
	buf_init(&sql, 0);
	buf_printf(&sql, "COPY %s (", table);
	for (int i = 0; i < ncols; i++)
		buf_printf(&sql, "%s%s", i ? "," : "", cols[i]);
	buf_adds(&sql, ") FROM STDIN");
	PGresult *r = PQexec(d->c, sql.ptr);
	buf_free(&sql);
	rc = PQresultStatus(r) == PGRES_COPY_IN ? DB_OK : map_res(d, r);
	PQclear(r);
	d->copy_ncols = ncols;
	buf_reset(&d->copybuf);
	return rc;
}

static int flush_copy(struct pg_db *d)
{
	if (d->copybuf.len && PQputCopyData(d->c, d->copybuf.ptr, (int)d->copybuf.len) != 1) {
		set_msg(d, PQerrorMessage(d->c));
		return DB_ERROR;
	}
	buf_reset(&d->copybuf);
	return DB_OK;
}

static int pg_copy_row(db *base, const char *const *vals)
{
	struct pg_db *d = (struct pg_db *)base;
	buf *b = &d->copybuf;
	for (int i = 0; i < d->copy_ncols; i++) {
		if (i)
			buf_addc(b, '\t');
		if (!vals[i]) {
			buf_adds(b, "\\N");
			continue;
		}
		for (const char *p = vals[i]; *p; p++) {
			switch (*p) {
			case '\\':
				buf_adds(b, "\\\\");
				break;
			case '\t':
				buf_adds(b, "\\t");
				break;
			case '\n':
				buf_adds(b, "\\n");
				break;
			case '\r':
				buf_adds(b, "\\r");
				break;
			default:
				buf_addc(b, *p);
			}
		}
	}
	buf_addc(b, '\n');
	return b->len > 256 * 1024 ? flush_copy(d) : DB_OK;
}

static int pg_copy_end(db *base)
{
	struct pg_db *d = (struct pg_db *)base;
	int rc = flush_copy(d);
	if (PQputCopyEnd(d->c, rc == DB_OK ? NULL : "aborted by client") != 1) {
		set_msg(d, PQerrorMessage(d->c));
		rc = DB_ERROR;
	}
	PGresult *r;
	while ((r = PQgetResult(d->c)) != NULL) {
		if (PQresultStatus(r) != PGRES_COMMAND_OK && rc == DB_OK)
			rc = map_res(d, r);
		PQclear(r);
	}
	/* the dropped indexes built again (a duplicate key fails here, and the caller rolls back) */
	for (int i = 0; i < d->ndeferred && rc == DB_OK; i++) {
		r = PQexec(d->c, d->deferred[i]);
		if (PQresultStatus(r) != PGRES_COMMAND_OK)
			rc = map_res(d, r);
		PQclear(r);
	}
	free_deferred(d);
	return rc;
}

const struct db_driver db_pg_driver = {
	.name = "postgres",
	.dialect = DB_PG,
	.open = pg_open,
	.close = pg_close,
	.exec = pg_exec,
	.commit = pg_commit,
	.prepare = pg_prepare,
	.bind = pg_bind,
	.step = pg_step,
	.release = pg_release,
	.ncols = pg_ncols,
	.isnull = pg_isnull,
	.text = pg_text,
	.integer = pg_int,
	.dbl = pg_double,
	.colname = pg_colname,
	.changes = pg_changes,
	.copy_begin = pg_copy_begin,
	.copy_row = pg_copy_row,
	.copy_end = pg_copy_end,
};
