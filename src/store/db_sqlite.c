/* db_sqlite.c: the SQLite driver. WAL, foreign keys on, synchronous=FULL (an acknowledged write survives
 * power loss), a busy timeout, and a per-connection cache of prepared statements. */
#include "util/common.h"
#include "store/db_int.h"
#include "store/stmt_cache.h"
#include <errno.h>
#include <pthread.h>
#include <sqlite3.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

struct sq_db {
	struct db base;
	sqlite3 *h;
	struct stmt_cache cache;
	sqlite3_stmt *copy; /* INSERT used by the bulk path */
	int copy_ncols;
	/* a bulk load into an empty or small table (DEFER_MAX_ROWS) drops its indexes and builds them once at
	 * the end (sorting beats a million random B-tree inserts); inside the caller's transaction, so a
	 * failure restores them */
	char **deferred;
	int ndeferred;
	sqlite3_stmt
		*tx[4]; /* BEGIN, COMMIT, ROLLBACK, BEGIN IMMEDIATE: prepared once, run on every request */
	bool wal;	/* the journal is a WAL (a read snapshot may be kept: it blocks no writer) */
};

static const char *const tx_sql[4] = {"BEGIN", "COMMIT", "ROLLBACK", "BEGIN IMMEDIATE"};

struct sq_stmt {
	struct db_stmt base;
	sqlite3_stmt *s;
	bool cached, inuse;
	int nmap;
	int map[]; /* $k -> sqlite parameter index */
};

static int map_rc(struct sq_db *d, int rc)
{
	snprintf(d->base.errmsg, sizeof d->base.errmsg, "%s", sqlite3_errmsg(d->h));
	switch (rc & 0xff) {
	case SQLITE_OK:
	case SQLITE_DONE:
		return DB_OK;
	case SQLITE_CONSTRAINT:
		return DB_CONFLICT;
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return DB_BUSY;
	case SQLITE_NOTFOUND:
		return DB_NOT_FOUND;
	default:
		return DB_ERROR;
	}
}

static void mkdir_parent(const char *path)
{
	char dir[1024];
	snprintf(dir, sizeof dir, "%s", path);
	for (char *p = dir + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = 0;
		if (mkdir(dir, 0750) != 0 && errno != EEXIST)
			return;
		*p = '/';
	}
}

static int map_rc(struct sq_db *d, int rc);

static int sq_exec(db *base, const char *sql)
{
	struct sq_db *d = (struct sq_db *)base;
	for (int i = 0; i < 4; i++)
		if (!strcmp(sql, tx_sql[i])) {
			if (!d->tx[i] && sqlite3_prepare_v2(d->h, sql, -1, &d->tx[i], NULL) != SQLITE_OK)
				break;
			int rc = sqlite3_step(d->tx[i]);
			sqlite3_reset(d->tx[i]);
			return rc == SQLITE_DONE ? DB_OK : map_rc(d, rc);
		}
	char *msg = NULL;
	int rc = sqlite3_exec(d->h, sql, NULL, NULL, &msg);
	if (rc != SQLITE_OK) {
		int r = map_rc(d, rc);
		if (msg)
			snprintf(d->base.errmsg, sizeof d->base.errmsg, "%s", msg);
		sqlite3_free(msg);
		return r;
	}
	return DB_OK;
}

/* COMMIT, verified: SQLite rolls a transaction back by itself on some errors (full disk, I/O, out of
 * memory); a COMMIT then would find no transaction and the work would be gone */
static int sq_commit(db *base)
{
	struct sq_db *d = (struct sq_db *)base;
	if (sqlite3_get_autocommit(d->h)) {
		snprintf(d->base.errmsg, sizeof d->base.errmsg, "the transaction was rolled back by SQLite");
		return DB_RETRY;
	}
	return sq_exec(base, "COMMIT");
}

/* process-wide settings, before SQLite initialises: no memory statistics, whose global mutex every
 * allocation of every connection otherwise takes (connections are per thread and NOMUTEX) */
static void sq_configure(void)
{
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	sqlite3_initialize();
}

/* Memory-mapped reads are off unless JINENG_SQLITE_MMAP gives a size in MiB: under steady writes each
 * connection remaps its window whenever the database grows, which cut autosave throughput to a third
 * (14,600 → 4,800 saves/s); a read-mostly node (public verification) gains about 12 % from it. */
static int sq_mmap(struct sq_db *d)
{
	const char *v = getenv("JINENG_SQLITE_MMAP");
	long mib = v ? atol(v) : 0;
	if (mib <= 0)
		return DB_OK;
	char sql[64];
	snprintf(sql, sizeof sql, "PRAGMA mmap_size=%lld", (long long)mib << 20);
	return sq_exec(&d->base, sql);
}

/* after every commit of the connection (SQLite calls it once the commit has happened): counted for the
 * kept read snapshots (db.c), then the checkpoint SQLite's own hook would run (a passive one once the WAL
 * holds 1,000 pages, as wal_autocheckpoint's default; setting that pragma would replace this hook) */
static int sq_wal_hook(void *ctx, sqlite3 *h, const char *name, int pages)
{
	UNUSED(ctx);
	db_note_commit();
	if (pages >= 1000)
		sqlite3_wal_checkpoint_v2(h, name, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
	return SQLITE_OK;
}

static bool sq_only_read(db *base)
{
	struct sq_db *d = (struct sq_db *)base;
	return d->wal && sqlite3_txn_state(d->h, NULL) == SQLITE_TXN_READ;
}

static bool sq_is_wal(sqlite3 *h)
{
	sqlite3_stmt *s = NULL;
	bool wal = sqlite3_prepare_v2(h, "PRAGMA journal_mode", -1, &s, NULL) == SQLITE_OK &&
		   sqlite3_step(s) == SQLITE_ROW && !strcmp((const char *)sqlite3_column_text(s, 0), "wal");
	sqlite3_finalize(s);
	return wal;
}

static int sq_open(const char *url, db **out, err *e)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	pthread_once(&once, sq_configure);
	const char *path = url + strlen("sqlite:");
	if (!*path)
		return err_set(e, 400, "bad_db_url", "db", "SQLite 路径为空", "empty SQLite path in '%s'",
			       url);
	mkdir_parent(path);
	sqlite3 *h = NULL;
	int rc = sqlite3_open_v2(path, &h, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
				 NULL);
	if (rc != SQLITE_OK) {
		err_set(e, 503, "db_unavailable", "db", "无法打开数据库 %s：%s",
			"could not open database %s: %s", path, h ? sqlite3_errmsg(h) : "out of memory");
		sqlite3_close(h);
		return -1;
	}
	struct sq_db *d = xcalloc(1, sizeof *d);
	d->base.drv = &db_sqlite_driver;
	d->h = h;
	sqlite3_busy_timeout(h, 10000);
	sqlite3_extended_result_codes(h, 1);
	if (sq_exec(&d->base,
		    "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;"
		    "PRAGMA cache_size=-65536; PRAGMA temp_store=MEMORY; PRAGMA threads=2;") != DB_OK ||
	    sq_mmap(d) != DB_OK) {
		err_set(e, 503, "db_unavailable", "db", "无法初始化数据库 %s：%s",
			"could not set up database %s: %s", path, d->base.errmsg);
		sqlite3_close(h);
		free(d);
		return -1;
	}
	sqlite3_wal_hook(h, sq_wal_hook, NULL);
	d->wal = sq_is_wal(h);
	*out = &d->base;
	return 0;
}

static void sq_free_stmt(struct sq_stmt *st)
{
	sqlite3_finalize(st->s);
	free(st);
}

static void free_deferred(struct sq_db *d);

static void sq_close(db *base)
{
	struct sq_db *d = (struct sq_db *)base;
	for (int i = 0; i < STMT_CACHE_SLOTS; i++)
		if (d->cache.e[i].sql) {
			sq_free_stmt(d->cache.e[i].stmt);
			free(d->cache.e[i].sql);
		}
	sqlite3_finalize(d->copy);
	for (int i = 0; i < 4; i++)
		sqlite3_finalize(d->tx[i]);
	free_deferred(d);
	sqlite3_close(d->h);
	free(d);
}

static int sq_new_stmt(struct sq_db *d, const char *sql, struct sq_stmt **out)
{
	sqlite3_stmt *s = NULL;
	int rc = sqlite3_prepare_v3(d->h, sql, -1, SQLITE_PREPARE_PERSISTENT, &s, NULL);
	if (rc != SQLITE_OK)
		return map_rc(d, rc);
	int n = sqlite3_bind_parameter_count(s), max = 0;
	for (int i = 1; i <= n; i++) {
		const char *name = sqlite3_bind_parameter_name(s, i);
		int k = name && name[0] == '$' ? atoi(name + 1) : 0;
		if (k > max)
			max = k;
	}
	struct sq_stmt *st = xcalloc(1, sizeof *st + sizeof(int) * (size_t)(max + 1));
	st->base.d = &d->base;
	st->s = s;
	st->nmap = max;
	for (int i = 1; i <= n; i++) {
		const char *name = sqlite3_bind_parameter_name(s, i);
		int k = name && name[0] == '$' ? atoi(name + 1) : 0;
		if (k > 0)
			st->map[k] = i;
	}
	*out = st;
	return DB_OK;
}

static int sq_prepare(db *base, const char *sql, db_stmt **out)
{
	struct sq_db *d = (struct sq_db *)base;
	uint64_t h = stmt_cache_hash(sql);
	struct stmt_cache_entry *ce = stmt_cache_find(&d->cache, sql, h);
	struct sq_stmt *st = NULL;
	if (ce && !((struct sq_stmt *)ce->stmt)->inuse) {
		st = ce->stmt;
	} else {
		int rc = sq_new_stmt(d, sql, &st);
		if (rc != DB_OK)
			return rc;
		if (!ce && (ce = stmt_cache_add(&d->cache, sql, h)) != NULL) {
			ce->stmt = st;
			st->cached = true;
		}
	}
	st->inuse = true;
	*out = &st->base;
	return DB_OK;
}

static int sq_bind(db_stmt *base, int idx, const dbv *v)
{
	struct sq_stmt *st = (struct sq_stmt *)base;
	if (idx > st->nmap || st->map[idx] == 0)
		return DB_OK; /* the statement does not use $idx */
	int i = st->map[idx], rc;
	switch (v->t) {
	case 's':
		rc = sqlite3_bind_text(st->s, i, v->s, -1, SQLITE_TRANSIENT);
		break;
	case 'i':
		rc = sqlite3_bind_int64(st->s, i, v->i);
		break;
	case 'd':
		rc = sqlite3_bind_double(st->s, i, v->d);
		break;
	default:
		rc = sqlite3_bind_null(st->s, i);
	}
	return rc == SQLITE_OK ? DB_OK : map_rc((struct sq_db *)base->d, rc);
}

static int sq_step(db_stmt *base)
{
	struct sq_stmt *st = (struct sq_stmt *)base;
	int rc = sqlite3_step(st->s);
	if (rc == SQLITE_ROW)
		return DB_ROW;
	if (rc == SQLITE_DONE)
		return DB_DONE;
	return map_rc((struct sq_db *)base->d, rc);
}

static void sq_release(db_stmt *base)
{
	struct sq_stmt *st = (struct sq_stmt *)base;
	if (st->cached) {
		sqlite3_reset(st->s);
		sqlite3_clear_bindings(st->s);
		st->inuse = false;
	} else {
		sq_free_stmt(st);
	}
}

static int sq_ncols(db_stmt *st)
{
	return sqlite3_column_count(((struct sq_stmt *)st)->s);
}

static bool sq_isnull(db_stmt *st, int col)
{
	return sqlite3_column_type(((struct sq_stmt *)st)->s, col) == SQLITE_NULL;
}

static const char *sq_text(db_stmt *st, int col)
{
	return (const char *)sqlite3_column_text(((struct sq_stmt *)st)->s, col);
}

static int64_t sq_int(db_stmt *st, int col)
{
	return sqlite3_column_int64(((struct sq_stmt *)st)->s, col);
}

static double sq_double(db_stmt *st, int col)
{
	return sqlite3_column_double(((struct sq_stmt *)st)->s, col);
}

static const char *sq_colname(db_stmt *st, int col)
{
	return sqlite3_column_name(((struct sq_stmt *)st)->s, col);
}

static int64_t sq_changes(db *base)
{
	return sqlite3_changes64(((struct sq_db *)base)->h);
}

static void free_deferred(struct sq_db *d)
{
	for (int i = 0; i < d->ndeferred; i++)
		free(d->deferred[i]);
	free(d->deferred);
	d->deferred = NULL;
	d->ndeferred = 0;
}

/* the first column of the one row sql gives, or dflt when it gives none (or cannot run) */
static int64_t one_int(struct sq_db *d, const char *sql, int64_t dflt)
{
	sqlite3_stmt *st = NULL;
	int64_t v = dflt;
	if (sqlite3_prepare_v2(d->h, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* Up to this many rows already in the table, a bulk load rebuilds its indexes at the end: at worst (a few
 * rows loaded into a table this size) that costs rebuilding indexes of 50,000 rows, about a tenth of a
 * second, while a large load into it gets the sorted build (a million persons into the demo province's few
 * hundred: about half the time, docs/PERFORMANCE.md). A larger table keeps its indexes: the load could be
 * small. */
#define DEFER_MAX_ROWS 50000

static int defer_indexes(struct sq_db *d, const char *table)
{
	char sql[256];
	snprintf(sql, sizeof sql, "SELECT COUNT(*) FROM (SELECT 1 FROM \"%s\" LIMIT %d)", table,
		 DEFER_MAX_ROWS + 1);
	/* a table that cannot be counted keeps its indexes (the load's INSERT then reports why) */
	if (one_int(d, sql, DEFER_MAX_ROWS + 1) > DEFER_MAX_ROWS || sqlite3_get_autocommit(d->h))
		return DB_OK;
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(
		d->h,
		"SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = ?1 "
		"AND sql IS NOT NULL",
		-1, &st, NULL);
	if (rc != SQLITE_OK)
		return map_rc(d, rc);
	sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
	char drops[4096] = "";
	size_t dl = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		d->deferred = xrealloc(d->deferred, (size_t)(d->ndeferred + 1) * sizeof *d->deferred);
		d->deferred[d->ndeferred++] = xstrdup((const char *)sqlite3_column_text(st, 1));
		dl += (size_t)snprintf(drops + dl, sizeof drops - dl, "DROP INDEX \"%s\";",
				       (const char *)sqlite3_column_text(st, 0));
		if (dl >= sizeof drops) {
			sqlite3_finalize(st);
			free_deferred(d);
			return DB_OK; /* too many to handle: keep them */
		}
	}
	sqlite3_finalize(st);
	rc = sq_exec(&d->base, drops);
	if (rc != DB_OK)
		free_deferred(d);
	return rc;
}

static int sq_copy_begin(db *base, const char *table, const char *const *cols, int ncols)
{
	struct sq_db *d = (struct sq_db *)base;
	int drc = defer_indexes(d, table);
	if (drc != DB_OK)
		return drc;
	char sql[2048];
	int n = snprintf(sql, sizeof sql, "INSERT INTO %s (", table);
	for (int i = 0; i < ncols; i++)
		n += snprintf(sql + n, sizeof sql - (size_t)n, "%s%s", i ? "," : "", cols[i]);
	n += snprintf(sql + n, sizeof sql - (size_t)n, ") VALUES (");
	for (int i = 0; i < ncols; i++)
		n += snprintf(sql + n, sizeof sql - (size_t)n, "%s?", i ? "," : "");
	snprintf(sql + n, sizeof sql - (size_t)n, ")");
	sqlite3_finalize(d->copy);
	d->copy = NULL;
	int rc = sqlite3_prepare_v2(d->h, sql, -1, &d->copy, NULL);
	if (rc != SQLITE_OK)
		return map_rc(d, rc);
	d->copy_ncols = ncols;
	return DB_OK;
}

static int sq_copy_row(db *base, const char *const *vals)
{
	struct sq_db *d = (struct sq_db *)base;
	for (int i = 0; i < d->copy_ncols; i++)
		if (vals[i])
			sqlite3_bind_text(d->copy, i + 1, vals[i], -1, SQLITE_STATIC);
		else
			sqlite3_bind_null(d->copy, i + 1);
	int rc = sqlite3_step(d->copy);
	sqlite3_reset(d->copy);
	return rc == SQLITE_DONE ? DB_OK : map_rc(d, rc);
}

/* the deferred indexes built: with the sorter's runs in temporary files and a small page cache the sort is
 * split into many runs that its helper threads (PRAGMA threads) sort in parallel; with the connection's own
 * settings (a 64 MB cache, temporary data in memory) the four indexes of 1,000,000 persons took 4.7-5.2 s
 * instead of 2.1-2.3 s (docs/PERFORMANCE.md, 2026-12-05). The settings are restored after. SQLite refuses
 * to change temp_store inside a transaction that holds temporary tables: then the build keeps it (slower,
 * never wrong). */
static int sq_copy_end(db *base)
{
	struct sq_db *d = (struct sq_db *)base;
	sqlite3_finalize(d->copy);
	d->copy = NULL;
	int rc = DB_OK;
	if (d->ndeferred) {
		int64_t cache = one_int(d, "PRAGMA cache_size", -2000),
			temp = one_int(d, "PRAGMA temp_store", 0);
		bool temp_set = sqlite3_exec(d->h, "PRAGMA temp_store=FILE", NULL, NULL, NULL) == SQLITE_OK;
		rc = sq_exec(base, "PRAGMA cache_size=-2000");
		for (int i = 0; i < d->ndeferred && rc == DB_OK; i++)
			rc = sq_exec(base, d->deferred[i]);
		char restore[64];
		snprintf(restore, sizeof restore, "PRAGMA temp_store=%lld", (long long)temp);
		if (temp_set) /* refused: the connection keeps files (slower, never wrong) */
			sqlite3_exec(d->h, restore, NULL, NULL, NULL);
		snprintf(restore, sizeof restore, "PRAGMA cache_size=%lld", (long long)cache);
		int rrc = sq_exec(base, restore);
		if (rc == DB_OK)
			rc = rrc;
	}
	free_deferred(d);
	return rc;
}

/* copies the database `src` (schema "main") into the new file `path`: pages in steps of 1,024 with progress,
 * then one file without WAL, synced; a failed copy is removed */
static int sq_copy_file(sqlite3 *src, const char *path, void (*progress)(int64_t, int64_t), err *e)
{
	struct stat stt;
	if (stat(path, &stt) == 0)
		return err_set(e, 409, "target_exists", "out", "%s 已存在：不覆盖现有文件",
			       "%s exists: an existing file is never overwritten", path);
	mkdir_parent(path);
	sqlite3 *dst = NULL;
	int rc = sqlite3_open_v2(path, &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
	sqlite3_backup *b = rc == SQLITE_OK ? sqlite3_backup_init(dst, "main", src, "main") : NULL;
	if (!b) {
		err_set(e, 500, "backup_failed", "out", "无法创建 %s：%s", "cannot create %s: %s", path,
			dst ? sqlite3_errmsg(dst) : "out of memory");
		goto fail;
	}
	do {
		rc = sqlite3_backup_step(b, 1024);
		if (progress)
			progress(sqlite3_backup_pagecount(b) - sqlite3_backup_remaining(b),
				 sqlite3_backup_pagecount(b));
		if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
			sqlite3_sleep(20);
	} while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
	sqlite3_backup_finish(b);
	if (rc != SQLITE_DONE) {
		err_set(e, 500, "backup_failed", "out", "复制数据库失败：%s",
			"copying the database failed: %s", sqlite3_errstr(rc));
		goto fail;
	}
	/* one file, no WAL beside it: the copy can be moved or checked as it is */
	if (sqlite3_exec(dst, "PRAGMA journal_mode=DELETE", NULL, NULL, NULL) != SQLITE_OK) {
		err_set(e, 500, "backup_failed", "out", "复制数据库失败：%s",
			"copying the database failed: %s", sqlite3_errmsg(dst));
		goto fail;
	}
	rc = sqlite3_close(dst);
	dst = NULL;
	int fd = rc == SQLITE_OK ? open(path, O_RDONLY) : -1;
	if (fd < 0 || fsync(fd) != 0) {
		if (fd >= 0)
			close(fd);
		err_set(e, 500, "backup_failed", "out", "无法写入 %s", "cannot write %s", path);
		goto fail;
	}
	close(fd);
	return 0;
fail:
	if (dst)
		sqlite3_close(dst);
	unlink(path);
	return -1;
}

int db_sqlite_backup(db *base, const char *path, void (*progress)(int64_t, int64_t), err *e)
{
	if (base->drv != &db_sqlite_driver)
		return err_set(
			e, 400, "not_sqlite", "db",
			"jineng backup 只用于 SQLite；PostgreSQL 用 pgBackRest（见 docs/OPERATIONS.md）",
			"jineng backup is for SQLite; PostgreSQL is backed up with pgBackRest (see "
			"docs/OPERATIONS.md)");
	db_read_release(base);
	if (base->in_tx)
		return err_set(e, 500, "backup_failed", "db", "事务中不能备份",
			       "cannot back up inside a transaction");
	struct sq_db *d = (struct sq_db *)base;
	/* the read transaction is the snapshot the copy is taken from: the backup reads through d itself, so
	 * writes of other connections (a serving node) are not seen and never restart it */
	if (sqlite3_exec(d->h, "BEGIN; SELECT count(*) FROM sqlite_schema", NULL, NULL, NULL) != SQLITE_OK)
		return err_set(e, 503, "db_unavailable", "db", "无法读取数据库：%s",
			       "cannot read the database: %s", sqlite3_errmsg(d->h));
	int rc = sq_copy_file(d->h, path, progress, e);
	sqlite3_exec(d->h, "COMMIT", NULL, NULL, NULL);
	return rc;
}

int db_sqlite_restore(const char *from, const char *path, void (*progress)(int64_t, int64_t), err *e)
{
	sqlite3 *src = NULL;
	if (sqlite3_open_v2(from, &src, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		err_set(e, 400, "bad_backup", "from", "无法打开备份 %s：%s", "cannot open the backup %s: %s",
			from, src ? sqlite3_errmsg(src) : "out of memory");
		sqlite3_close(src);
		return -1;
	}
	int rc = sq_copy_file(src, path, progress, e);
	sqlite3_close(src);
	return rc;
}

const struct db_driver db_sqlite_driver = {
	.name = "sqlite",
	.dialect = DB_SQLITE,
	.open = sq_open,
	.close = sq_close,
	.exec = sq_exec,
	.commit = sq_commit,
	.prepare = sq_prepare,
	.bind = sq_bind,
	.step = sq_step,
	.release = sq_release,
	.ncols = sq_ncols,
	.isnull = sq_isnull,
	.text = sq_text,
	.integer = sq_int,
	.dbl = sq_double,
	.colname = sq_colname,
	.changes = sq_changes,
	.copy_begin = sq_copy_begin,
	.copy_row = sq_copy_row,
	.copy_end = sq_copy_end,
	.only_read = sq_only_read,
};
