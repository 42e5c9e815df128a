/* cmd_backup.c: `jineng backup --out FILE` and `jineng restore --from FILE --db sqlite:PATH`.
 *
 * A backup is one SQLite file taken as one snapshot while the server goes on writing (store/db.h:
 * db_sqlite_backup), checked before it is given its name: the file's own integrity check, the audit chain and
 * the subsidy ledger. A restore copies a backup to a database path that does not exist yet and runs the same
 * checks on the copy before it takes the name, so a server never starts on a half-restored or damaged file.
 * Neither ever overwrites a file. The PII key file is not part of a backup: without it the sealed ID numbers
 * and phones cannot be read, so it is kept (and restored) beside the backup by the operator. PostgreSQL is
 * backed up with pgBackRest (docs/OPERATIONS.md). */
#include "util/common.h"
#include "cli/cli.h"
#include "cli/opts.h"
#include "cli/progress.h"
#include "svc/base/audit.h"
#include "svc/training/ledger.h"
#include <errno.h>
#include <sys/stat.h>
#include <unistd.h>

/* the checks a copy must pass: SQLite's quick_check, the audit chain, the ledger. 0 when all hold, else 1
 * with the problem printed */
static int check_copy(const char *path)
{
	char url[4200];
	snprintf(url, sizeof url, "sqlite:%s", path);
	db *d = NULL;
	err e = {0};
	int rc = 1;
	if (db_open(url, &d, &e) != 0) {
		cli_fail(e.en, path);
		return 1;
	}
	db_stmt *st = db_query(d, "PRAGMA quick_check", DB_NOARGS, &e);
	int row = st ? db_row(st, &e) : -1;
	const char *ok = row == 1 ? db_text(st, 0) : NULL;
	if (!ok || strcmp(ok, "ok")) {
		fprintf(stderr, "jineng: %s fails SQLite's integrity check: %s\n  %s 未通过完整性检查\n",
			path, ok ? ok : e.en, path);
		if (st)
			db_done(st);
		goto out;
	}
	db_done(st);
	int64_t version = 0;
	if (db_schema_version(d, &version, &e) != 0) {
		fprintf(stderr, "jineng: %s is no jineng database: %s\n  %s 不是 jineng 数据库\n", path, e.en,
			path);
		goto out;
	}
	struct audit_report ar;
	int a = audit_verify(d, &ar, &e);
	if (a != 0) {
		fprintf(stderr, "jineng: the audit chain in %s does not verify: %s\n  审计链校验失败\n", path,
			a < 0 ? e.en : ar.problem);
		goto out;
	}
	struct ledger_report lr;
	int l = ledger_verify(d, &lr, &e);
	if (l != 0) {
		fprintf(stderr, "jineng: the ledger in %s does not verify: %s\n  台账校验失败：%s\n", path,
			l < 0 ? e.en : lr.problem, l < 0 ? e.zh : lr.problem_zh);
		goto out;
	}
	/* a backup stays one file: back from WAL (which opening it set) before it is closed */
	if (db_exec(d, "PRAGMA journal_mode=DELETE") != DB_OK) {
		cli_fail(db_errmsg(d), path);
		goto out;
	}
	printf("checked: schema version %lld, integrity ok, audit chain intact (%lld records, head %.16s…), "
	       "ledger balances (%lld entries)\n",
	       (long long)version, (long long)ar.records, ar.head_hash, (long long)lr.entries);
	rc = 0;
out:
	db_close(d);
	return rc;
}

/* gives the checked copy `tmp` its name `path` (never replacing a file that appeared meanwhile) */
static int publish(const char *tmp, const char *path)
{
	if (link(tmp, path) != 0) {
		int errnum = errno;
		unlink(tmp);
		if (errnum == EEXIST)
			fprintf(stderr,
				"jineng: %s exists: an existing file is never overwritten\n  %s 已存在\n",
				path, path);
		else
			cli_fail(strerror(errnum), path);
		return 1;
	}
	unlink(tmp);
	return 0;
}

static int64_t pages_copied;

static void on_progress(int64_t done, int64_t total)
{
	pages_copied = done;
	progress_update(done, total);
}

static bool exists(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0;
}

int cmd_backup(int argc, char **argv)
{
	const char *url = default_db_url(), *out = NULL, *v;
	for (int i = 1; i < argc; i++) {
		if ((v = opt_value(argc, argv, &i, "--db")))
			url = v;
		else if ((v = opt_value(argc, argv, &i, "--out")))
			out = v;
		else
			return cli_usage("backup", "unknown option");
	}
	if (!out)
		return cli_usage("backup", "--out FILE is required");
	if (strncmp(url, "sqlite:", 7))
		return cli_fail("jineng backup is for SQLite; back PostgreSQL up with pgBackRest "
				"(docs/OPERATIONS.md) "
				"/ PostgreSQL 用 pgBackRest 备份",
				"--db");
	if (!exists(url + 7))
		return cli_fail("no such database", url + 7);
	if (exists(out))
		return cli_fail("the file exists: an existing file is never overwritten / 文件已存在", out);
	db *d = cli_open_db(url, false);
	if (!d)
		return 1;
	char tmp[4200];
	snprintf(tmp, sizeof tmp, "%s.partial-%ld", out, (long)getpid());
	err e = {0};
	progress_start("备份 backup (pages)");
	int rc = db_sqlite_backup(d, tmp, on_progress, &e);
	db_close(d);
	if (rc != 0) {
		progress_end(pages_copied);
		return cli_fail(e.en, out);
	}
	progress_end(pages_copied);
	if (check_copy(tmp) != 0) {
		unlink(tmp);
		return 1;
	}
	if (publish(tmp, out) != 0)
		return 1;
	struct stat st;
	stat(out, &st);
	printf("backup written: %s (%.1f MiB). The PII key file is not in it: keep the key (JINENG_KEY_FILE "
	       "or jineng.key beside the database) with the backup, or the sealed ID numbers cannot be "
	       "read.\n",
	       out, (double)st.st_size / (1 << 20));
	return 0;
}

int cmd_restore(int argc, char **argv)
{
	const char *url = NULL, *from = NULL, *v;
	for (int i = 1; i < argc; i++) {
		if ((v = opt_value(argc, argv, &i, "--db")))
			url = v;
		else if ((v = opt_value(argc, argv, &i, "--from")))
			from = v;
		else
			return cli_usage("restore", "unknown option");
	}
	if (!from || !url)
		return cli_usage("restore", "--from FILE and --db sqlite:PATH are required");
	if (strncmp(url, "sqlite:", 7))
		return cli_fail("jineng restore is for SQLite; PostgreSQL is restored with pgBackRest "
				"(docs/OPERATIONS.md) / PostgreSQL 用 pgBackRest 恢复",
				"--db");
	const char *path = url + 7;
	if (!exists(from))
		return cli_fail("no such backup", from);
	if (exists(path))
		return cli_fail(
			"the database exists: restore into a new path (stop the server, move the old file "
			"away) / 目标数据库已存在",
			path);
	char tmp[4200];
	snprintf(tmp, sizeof tmp, "%s.partial-%ld", path, (long)getpid());
	err e = {0};
	progress_start("恢复 restore (pages)");
	int rc = db_sqlite_restore(from, tmp, on_progress, &e);
	progress_end(pages_copied);
	if (rc != 0)
		return cli_fail(e.en, from);
	if (check_copy(tmp) != 0) {
		unlink(tmp);
		return 1;
	}
	if (publish(tmp, path) != 0)
		return 1;
	printf("restored: %s from %s. Start the server with the key file the backup was taken with.\n", path,
	       from);
	return 0;
}
