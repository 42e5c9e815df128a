/* fuzz_common.c: see fuzz_common.h */
#include "util/common.h"
#include "fuzz_common.h"
#include "cli/cli.h"
#include "crypto/pii.h"
#include "svc/registry/refdata_load.h"
#include "demo/demo.h"
#include "util/log.h"
#include <sqlite3.h>
#include <sys/stat.h>
#include <fcntl.h>
#include <unistd.h>

static char dir[256], tmpl[300], work[300], url[320];

static void rm_dir(void)
{
	static const char *const names[] = {"tmpl.db",	   "tmpl.db-wal", "tmpl.db-shm", "work.db",
					    "work.db-wal", "work.db-shm", "input.csv",	 "a.csv",
					    "b.csv",	   "pub.pem"};
	char p[400];
	for (size_t i = 0; i < ARRAY_LEN(names); i++) {
		snprintf(p, sizeof p, "%s/%s", dir, names[i]);
		unlink(p);
	}
	rmdir(dir);
}

const char *fz_dir(void)
{
	if (dir[0])
		return dir;
	struct stat st;
	const char *base = stat("/dev/shm", &st) == 0 && S_ISDIR(st.st_mode) ? "/dev/shm" : getenv("TMPDIR");
	snprintf(dir, sizeof dir, "%s/jineng-fuzz-%ld", base && *base ? base : "/tmp", (long)getpid());
	rm_dir();
	if (mkdir(dir, 0700) != 0) {
		fprintf(stderr, "fuzz: cannot create %s\n", dir);
		exit(1);
	}
	atexit(rm_dir);
	return dir;
}

char *fz_strndup(const uint8_t *data, size_t n)
{
	char *s = xmalloc(n + 1);
	memcpy(s, data, n);
	s[n] = 0;
	return s;
}

static void die(const char *what, const err *e)
{
	fprintf(stderr, "fuzz: %s: %s\n", what, e ? e->en : "");
	exit(1);
}

static void copy_db(const char *from, const char *to)
{
	sqlite3 *src = NULL, *dst = NULL;
	if (sqlite3_open_v2(from, &src, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
	    sqlite3_open_v2(to, &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK)
		die("cannot open the databases to copy", NULL);
	sqlite3_busy_timeout(dst, 10000);
	sqlite3_backup *b = sqlite3_backup_init(dst, "main", src, "main");
	if (!b || sqlite3_backup_step(b, -1) != SQLITE_DONE)
		die(sqlite3_errmsg(dst), NULL);
	sqlite3_backup_finish(b);
	sqlite3_close(src);
	sqlite3_close(dst);
}

const char *fz_demo(int64_t persons, void (*setup)(db *d))
{
	fz_dir();
	log_min = LOG_WARN;
	/* cheap password hashes for the demo accounts, so that a fuzzed login does not cost 100 ms */
	setenv("JINENG_ARGON2_FAST", "1", 1);
	uint8_t key[32];
	for (int i = 0; i < 32; i++)
		key[i] = (uint8_t)(i * 7 + 1);
	pii_init_key(key);
	snprintf(tmpl, sizeof tmpl, "%s/tmpl.db", dir);
	snprintf(work, sizeof work, "%s/work.db", dir);
	snprintf(url, sizeof url, "sqlite:%s", tmpl);
	err e = {0};
	db *d = NULL;
	int applied = 0;
	struct refdata_counts rc;
	bool fresh;
	int64_t items = 0;
	demo_db_url = url; /* the demo's norm plan sits its theory through the exam's committer (demo.h) */
	if (db_open(url, &d, &e) != 0 || db_migrate(d, &applied, &e) != 0 || refdata_load(d, &rc, &e) != 0 ||
	    demo_seed(d, persons, &fresh, NULL, &e) != 0 || demo_items(d, &items, &e) != 0)
		die("cannot create the demo database", &e);
	if (setup)
		setup(d);
	db_close(d);
	copy_db(tmpl, work);
	snprintf(url, sizeof url, "sqlite:%s", work);
	return url;
}

void fz_reset(void)
{
	copy_db(tmpl, work);
}

static int saved_out = -1, saved_err = -1, devnull = -1;

void fz_quiet_begin(void)
{
	if (devnull < 0)
		devnull = open("/dev/null", O_WRONLY);
	fflush(stdout);
	fflush(stderr);
	saved_out = dup(1);
	saved_err = dup(2);
	dup2(devnull, 1);
	dup2(devnull, 2);
}

void fz_quiet_end(void)
{
	fflush(stdout);
	fflush(stderr);
	dup2(saved_out, 1);
	dup2(saved_err, 2);
	close(saved_out);
	close(saved_err);
}

void fz_write_file(const char *path, const uint8_t *data, size_t n)
{
	FILE *f = fopen(path, "wb");
	if (!f || fwrite(data, 1, n, f) != n || fclose(f) != 0) {
		fprintf(stderr, "fuzz: cannot write %s\n", path);
		abort();
	}
}
