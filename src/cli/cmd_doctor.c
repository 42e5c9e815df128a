/* cmd_doctor.c: `jineng doctor [--db URL]`: checks a deployment before it serves, and says what to mend.
 *
 * One line per check: `ok`, `warn` (works, but not as a province should run it) or `FAIL` (must be mended),
 * the check's name and what was found. Exit 0 when nothing failed, 1 otherwise. Nothing is created or
 * changed: not the database (a missing SQLite file is reported, not made), not the key file. */
#include "util/common.h"
#include "cli/cli.h"
#include "crypto/pii.h"
#include <openssl/crypto.h>
#include "cli/opts.h"
#include "store/migrations.h"
#include <stdarg.h>
#include <errno.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/timex.h>
#include <time.h>
#include <unistd.h>

static int fails, warns;

static void report(int level, const char *check, const char *fmt, ...) PRINTF(3, 4);
static void report(int level, const char *check, const char *fmt, ...)
{
	static const char *const tag[] = {"ok  ", "warn", "FAIL"};
	char msg[600];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	printf("%s  %-22s %s\n", tag[level], check, msg);
	if (level == 1)
		warns++;
	if (level == 2)
		fails++;
}

/* the key file: present, a ring that parses (crypto/pii.h), mode 0600 (nothing for group or others), owned by
 * this user */
static void check_key(const char *url)
{
	char kp[1024];
	cli_key_path(url, kp, sizeof kp);
	struct stat st;
	if (stat(kp, &st) != 0) {
		report(2, "key file",
		       "%s is missing: the sealed ID numbers and phones cannot be read without it "
		       "(restore it from where the backups' key is kept)",
		       kp);
		return;
	}
	if (st.st_mode & 077)
		report(2, "key file", "%s has mode %04o: others may read it (chmod 600)", kp,
		       (unsigned)(st.st_mode & 07777));
	else if (st.st_uid != geteuid())
		report(2, "key file", "%s belongs to uid %u, not to this user (%u)", kp, (unsigned)st.st_uid,
		       (unsigned)geteuid());
	else {
		struct pii_ring r;
		err e = {0};
		if (pii_ring_load(kp, &r, &e) != 0) {
			report(2, "key file", "%s", e.en);
			return;
		}
		char kids[160] = "";
		size_t w = 0;
		int cur = 0;
		for (int i = 0; i < r.n && w < sizeof kids; i++) {
			w += (size_t)snprintf(kids + w, sizeof kids - w, "%s%d", i ? ", " : "", r.k[i].kid);
			if (r.k[i].current)
				cur = r.k[i].kid;
		}
		int n = r.n;
		OPENSSL_cleanse(&r, sizeof r);
		report(0, "key file", "%s, mode 0600, owned by this user; %d key%s (%s), key %d seals", kp, n,
		       n == 1 ? "" : "s", kids, cur);
	}
}

/* the clock: set (not 1970), and kept by NTP (the kernel's synchronisation flag) */
static void check_clock(void)
{
	time_t now = time(NULL);
	struct timex tx = {0};
	int state = adjtimex(&tx);
	if (now < 1735689600) /* 2025-01-01 */
		report(2, "clock",
		       "the system clock reads %lld: deadlines, sessions and signatures depend on it",
		       (long long)now);
	else if (state < 0) /* refused: under systemd's ProtectClock=yes, as deploy/jineng.service sets */
		report(1, "clock",
		       "the synchronisation state cannot be read here (adjtimex: %s); check NTP on the host",
		       strerror(errno));
	else if (state == TIME_ERROR || (tx.status & STA_UNSYNC))
		report(1, "clock",
		       "not synchronised by NTP (adjtimex): 公示 deadlines and certificate dates follow this "
		       "clock; run chrony or systemd-timesyncd");
	else
		report(0, "clock", "synchronised (estimated error %ld us)", (long)tx.esterror);
}

static void check_env(void)
{
	const char *fast = getenv("JINENG_ARGON2_FAST");
	if (fast && *fast)
		report(2, "JINENG_ARGON2_FAST", "is set: passwords would be hashed at the test-only cost");
	const char *mt = getenv("JINENG_METRICS_TOKEN_FILE");
	struct stat st;
	if (mt && *mt) {
		if (stat(mt, &st) != 0)
			report(1, "metrics token", "%s is missing: /metrics stays off", mt);
		else if (st.st_mode & 077)
			report(2, "metrics token", "%s has mode %04o: others may read it (chmod 600)", mt,
			       (unsigned)(st.st_mode & 07777));
		else
			report(0, "metrics token", "%s, mode 0600", mt);
	}
}

/* one text value of a single-row query, or "" */
static void one_text(db *d, const char *sql, char *out, size_t n)
{
	err e = {0};
	out[0] = 0;
	db_stmt *st = db_query(d, sql, DB_NOARGS, &e);
	if (st && db_row(st, &e) == 1 && db_text(st, 0))
		snprintf(out, n, "%s", db_text(st, 0));
	if (st)
		db_done(st);
}

static void check_schema(db *d)
{
	const char *dialect = db_dialect_of(d) == DB_PG ? "pg" : "sqlite";
	int have = 0;
	for (const struct migration *m = migrations; m->dialect; m++)
		if (!strcmp(m->dialect, dialect) && m->version > have)
			have = m->version;
	int64_t v = 0;
	err e = {0};
	if (db_one_int(d, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations", DB_NOARGS, &v, &e) !=
	    DB_OK)
		report(2, "schema",
		       "no schema_migrations table: not a jineng database (jineng migrate creates one)");
	else if (v > have)
		report(2, "schema", "version %lld is newer than this binary's %d: run the newer binary",
		       (long long)v, have);
	else if (v < have)
		report(1, "schema",
		       "version %lld, this binary's is %d: `jineng serve` or `jineng migrate` applies %d",
		       (long long)v, have, (int)(have - v));
	else
		report(0, "schema", "version %lld, as this binary expects", (long long)v);
}

static void check_pg(db *d)
{
	char v[128];
	one_text(d, "SHOW synchronous_commit", v, sizeof v);
	if (strcmp(v, "on") && strcmp(v, "remote_apply") && strcmp(v, "remote_write"))
		report(2, "synchronous_commit",
		       "is '%s': an acknowledged save could be lost in a crash (set on)", v);
	else
		report(0, "synchronous_commit", "%s", v);
	one_text(d, "SHOW fsync", v, sizeof v);
	report(strcmp(v, "on") ? 2 : 0, "fsync", "%s", v);
	one_text(d, "SHOW full_page_writes", v, sizeof v);
	report(strcmp(v, "on") ? 2 : 0, "full_page_writes", "%s", v);
	one_text(d, "SHOW wal_level", v, sizeof v);
	report(strcmp(v, "minimal") ? 0 : 1, "wal_level", "%s%s", v,
	       strcmp(v, "minimal") ? "" : ": no standby and no point-in-time recovery (set replica)");
	one_text(d, "SHOW archive_mode", v, sizeof v);
	report(strcmp(v, "off") ? 0 : 1, "archive_mode", "%s%s", v,
	       strcmp(v, "off")
		       ? ""
		       : ": no WAL archive, so no point-in-time recovery (pgBackRest, OPERATIONS.md)");
	/* 4 (the default, for spinning disks) makes the planner hash a small table read whole rather than
	 * probe its primary key for the one row a look-up joins: on a cached database on SSD the probes are
	 * cheaper (the person look-up's statement: 36,000 against 55,000 a second, docs/PERFORMANCE.md) */
	one_text(d, "SHOW random_page_cost", v, sizeof v);
	report(atof(v) >= 2 ? 1 : 0, "random_page_cost", "%s%s", v,
	       atof(v) >= 2 ? ": small tables are read whole for a one-row join (set 1.1 on SSD)" : "");
	one_text(d, "SELECT extract(epoch FROM clock_timestamp())::bigint::text", v, sizeof v);
	long long skew = atoll(v) - (long long)time(NULL);
	report(llabs(skew) > 2 ? 1 : 0, "clock vs database", "%+lld s", skew);
}

/* SQLite: journal mode and synchronous are set by the driver on every connection (WAL, FULL); what a
 * deployment can get wrong is the room to grow */
static void check_sqlite(const char *path)
{
	char dir[1024];
	const char *slash = strrchr(path, '/');
	snprintf(dir, sizeof dir, "%.*s", slash ? (int)(slash - path) : 1, slash ? path : ".");
	struct statvfs fs;
	if (statvfs(dir, &fs) == 0) {
		double gib = (double)fs.f_bavail * (double)fs.f_frsize / (1 << 30);
		report(gib < 1 ? 2 : gib < 10 ? 1 : 0, "free disk", "%.1f GiB free beside the database", gib);
	}
}

int cmd_doctor(int argc, char **argv)
{
	const char *url = default_db_url(), *v;
	for (int i = 1; i < argc; i++) {
		if ((v = opt_value(argc, argv, &i, "--db")))
			url = v;
		else if ((v = opt_value(argc, argv, &i, "--key-file")))
			opt_key_file = v;
		else
			return cli_usage("doctor", "unknown option");
	}
	fails = warns = 0;
	check_env();
	check_clock();
	check_key(url);
	struct stat st;
	bool sqlite = !strncmp(url, "sqlite:", 7);
	if (sqlite && stat(url + 7, &st) != 0) {
		report(2, "database", "%s does not exist (`jineng migrate --db %s` creates it)", url + 7,
		       url);
	} else {
		db *d = NULL;
		err e = {0};
		if (db_open(url, &d, &e) != 0) {
			report(2, "database", "cannot connect: %s", e.en);
		} else {
			report(0, "database", "%s reachable", db_dialect_name(d));
			check_schema(d);
			if (sqlite)
				check_sqlite(url + 7);
			else
				check_pg(d);
			db_close(d);
		}
	}
	printf("%d failed, %d warnings\n", fails, warns);
	return fails ? 1 : 0;
}
