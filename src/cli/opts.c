#include "util/common.h"
#include "cli/opts.h"
#include "cli/cli.h"
#include "crypto/pii.h"
#include "svc/registry/persons.h"
#include "svc/registry/refdata_load.h"
#include "svc/supervision/extract.h"
#include "util/log.h"

const char *opt_value(int argc, char **argv, int *i, const char *name)
{
	const char *a = argv[*i];
	size_t n = strlen(name);
	if (strncmp(a, name, n) != 0)
		return NULL;
	if (a[n] == '=')
		return a + n + 1;
	if (a[n] == 0 && *i + 1 < argc) {
		(*i)++;
		return argv[*i];
	}
	return NULL;
}

const char *default_db_url(void)
{
	const char *u = getenv("JINENG_DB");
	return u && *u ? u : "sqlite:var/jineng.db";
}

const char *default_listen(void)
{
	const char *l = getenv("JINENG_LISTEN");
	return l && *l ? l : "127.0.0.1:8080";
}

const char *opt_key_file;

/* the key file: --key-file, else JINENG_KEY_FILE, else beside a SQLite database, else in var/ */
void cli_key_path(const char *url, char *out, size_t n)
{
	const char *kf = opt_key_file ? opt_key_file : getenv("JINENG_KEY_FILE");
	if (kf && *kf) {
		snprintf(out, n, "%s", kf);
		return;
	}
	if (!strncmp(url, "sqlite:", 7)) {
		const char *path = url + 7;
		const char *slash = strrchr(path, '/');
		if (slash) {
			snprintf(out, n, "%.*s/jineng.key", (int)(slash - path), path);
			return;
		}
		snprintf(out, n, "jineng.key");
		return;
	}
	snprintf(out, n, "var/jineng.key");
}

db *cli_open_db(const char *url, bool migrate)
{
	err e = {0};
	char kp[1024];
	cli_key_path(url, kp, sizeof kp);
	const char *env = getenv("JINENG_KEY");
	if (env && *env) {
		/* the key in the environment is readable in /proc and inherited by every child: no longer
		 * read */
		cli_fail("JINENG_KEY is no longer read: put the key (64 hex digits) in a key file of mode "
			 "0600 and name "
			 "it with --key-file or JINENG_KEY_FILE",
			 "JINENG_KEY");
		return NULL;
	}
	if (pii_init(kp, &e) != 0) {
		cli_fail(e.en, kp);
		return NULL;
	}
	db *d = NULL;
	if (db_open(url, &d, &e) != 0) {
		cli_fail(e.en, "--db");
		return NULL;
	}
	if (migrate) {
		int applied = 0;
		struct refdata_counts rc;
		int suffixed = 0;
		if (db_migrate(d, &applied, &e) != 0 || refdata_load(d, &rc, &e) != 0 ||
		    province_key_ensure(d, &e) != 0 || person_suffix_backfill(d, &suffixed, &e) != 0) {
			cli_fail(e.en, "migrate");
			db_close(d);
			return NULL;
		}
		if (suffixed)
			log_info("ID-number suffix index: %d persons indexed", suffixed);
		if (rc.regions || rc.occupations || rc.calendar_days)
			log_info("reference data: %d regions, %d occupations and %d calendar days added",
				 rc.regions, rc.occupations, rc.calendar_days);
	}
	return d;
}
