/* cmd_serve.c: `jineng serve`, and the settings that change security: each is checked at start. Rates and
 * sizes have bounds; test-only settings (JINENG_ARGON2_FAST, a value outside the bounds) are refused unless
 * --insecure-test-mode is given, which then logs a warning at every start. */
#include "util/common.h"
#include "cli/cli.h"
#include "cli/opts.h"
#include "crypto/password.h"
#include "http/proxy.h"
#include "http/server.h"
#include "api/base/routes.h"
#include "svc/auth/auth.h"
#include "svc/auth/captcha.h"
#include "svc/auth/session_cache.h"
#include "svc/supervision/evidence.h"
#include "util/log.h"
#include "store/replica.h"
#include <sys/stat.h>
#include <unistd.h>
#include "svc/stats/counters.h"
#include "svc/stats/cache.h"
#include "svc/stats/reports.h"
#include "svc/cultivation/contest.h"

/* the numeric settings read from the environment: {name, where, min, max, what} (defaults are the values
 * already in place) */
struct knob {
	const char *env;
	long *target;
	long min, max;
	const char *what;
};

static const char *base_url_for(const char *listen, char *buf, size_t n)
{
	const char *env = getenv("JINENG_BASE_URL");
	if (env && *env)
		return env;
	snprintf(buf, n, "http://%s", strncmp(listen, "0.0.0.0:", 8) ? listen : listen + 8);
	return buf;
}

/* reads the knobs; returns 0, or prints what is wrong and returns 1 */
static int read_knobs(const struct knob *k, size_t n, bool insecure)
{
	for (size_t i = 0; i < n; i++) {
		const char *v = getenv(k[i].env);
		if (!v || !*v)
			continue;
		char *end;
		long x = strtol(v, &end, 10);
		if (*end || end == v) {
			fprintf(stderr, "jineng: %s=%s is not a whole number (%s)\n", k[i].env, v, k[i].what);
			return 1;
		}
		if (x < k[i].min || x > k[i].max) {
			if (!insecure) {
				fprintf(stderr,
					"jineng: %s=%ld is outside %ld..%ld (%s); a value outside the bounds "
					"is for tests "
					"only and needs --insecure-test-mode\n",
					k[i].env, x, k[i].min, k[i].max, k[i].what);
				return 1;
			}
			if (x < 1) {
				fprintf(stderr, "jineng: %s=%ld must be at least 1 (%s)\n", k[i].env, x,
					k[i].what);
				return 1;
			}
			log_warn("INSECURE TEST MODE: %s=%ld is outside %ld..%ld", k[i].env, x, k[i].min,
				 k[i].max);
		}
		*k[i].target = x;
	}
	return 0;
}

int serve_with(const struct serve_opts *o)
{
	char base[300];
	if (password_fast() && !o->insecure) {
		fprintf(stderr, "jineng: JINENG_ARGON2_FAST=1 weakens password hashing and is for tests "
				"only; unset it, "
				"or pass --insecure-test-mode in a test\n");
		return 1;
	}
	if (!stat_counters_on() && !o->insecure) {
		fprintf(stderr,
			"jineng: JINENG_STATS_COUNTERS=off stops the statistics counters following the "
			"writes and is for benchmarks only; unset it, or pass --insecure-test-mode\n");
		return 1;
	}
	long max_body = 1 << 20, evidence_max = EVIDENCE_MAX_DEFAULT, verify = 120, admit = 600,
	     complaint = 20, client_max = login_limits.client_max, free_fails = login_limits.free_fails,
	     cap = login_limits.delay_cap_s, session_ms = session_cache_ms,
	     captcha_after = captcha_limits.after, captcha_client = captcha_limits.client_after,
	     captcha_rate = captcha_limits.issue_max, max_lag = 30, report_every = 600;
	const struct knob knobs[] = {
		{"JINENG_MAX_BODY", &max_body, 4096, 64L << 20, "the largest request body in bytes"},
		{"JINENG_EVIDENCE_MAX", &evidence_max, EVIDENCE_MAX_FLOOR, EVIDENCE_MAX_CEIL,
		 "the largest evidence file (a photo or PDF of an inspection) in bytes"},
		{"JINENG_VERIFY_RATE", &verify, 10, 100000, "public look-ups a minute per client"},
		{"JINENG_ADMIT_RATE", &admit, 10, 100000, "admissions a minute per institution"},
		{"JINENG_COMPLAINT_RATE", &complaint, 1, 100000, "complaints an hour per client"},
		{"JINENG_LOGIN_CLIENT_MAX", &client_max, 5, 1000, "failed logins per client in 15 minutes"},
		{"JINENG_LOGIN_FREE_FAILS", &free_fails, 3, 10,
		 "failed logins of an account before delays start"},
		{"JINENG_LOGIN_DELAY_CAP", &cap, 60, 3600,
		 "the longest delay after failed logins, in seconds"},
		{"JINENG_CAPTCHA_AFTER", &captcha_after, 1, 100,
		 "failed logins of an account before its login needs a captcha"},
		{"JINENG_CAPTCHA_CLIENT_AFTER", &captcha_client, 3, 100000,
		 "failed logins from one client address in an hour before its logins need a captcha"},
		{"JINENG_CAPTCHA_RATE", &captcha_rate, 5, 100000, "captchas drawn per client in 10 minutes"},
		{"JINENG_SESSION_CACHE_MS", &session_ms, 0, 5000,
		 "how long a node may keep a verified session, in ms (0: off)"},
		{"JINENG_MAX_LAG_S", &max_lag, 1, 3600,
		 "how far a read-only node's standby may be behind its primary, in seconds"},
		{"JINENG_REPORT_SCHEDULE_S", &report_every, 0, 86400,
		 "seconds between the checks for due scheduled reports (0: no schedule on this node)"},
	};
	if (read_knobs(knobs, ARRAY_LEN(knobs), o->insecure) != 0)
		return 1;
	evidence_set_max_bytes((size_t)evidence_max);
	login_limits.client_max = (int)client_max;
	login_limits.free_fails = (int)free_fails;
	login_limits.delay_cap_s = (int)cap;
	captcha_limits.after = (int)captcha_after;
	captcha_limits.client_after = (int)captcha_client;
	captcha_limits.issue_max = (int)captcha_rate;
	/* the answers of the captchas written to a file: a test's way to answer them, never production's */
	const char *clog = getenv("JINENG_TEST_CAPTCHA_LOG");
	if (clog && *clog) {
		if (!o->insecure) {
			fprintf(stderr,
				"jineng: JINENG_TEST_CAPTCHA_LOG writes the captchas' answers to a file and "
				"is for tests only; unset it, or pass --insecure-test-mode in a test\n");
			return 1;
		}
		log_warn("INSECURE TEST MODE: the captchas' answers are written to %s", clog);
		captcha_set_test_log(clog);
	}
	session_cache_ms = session_ms;
	if (o->insecure)
		log_warn("INSECURE TEST MODE (--insecure-test-mode): test-only settings are accepted%s; "
			 "never use this "
			 "in production",
			 password_fast() ? " (JINENG_ARGON2_FAST: minimum-cost password hashes)" : "");
	if (!stat_counters_on())
		log_warn("JINENG_STATS_COUNTERS=off: the statistics counters do not follow the writes; run "
			 "`jineng stats rebuild` before reading the dashboards");
	/* a read-only node migrates nothing (its standby cannot be written): the schema must already be this
	 * binary's */
	db *d = cli_open_db(o->url, !o->read_only);
	if (!d)
		return 1;
	if (o->read_only) {
		struct replica_state rs;
		err re = {0};
		int want = replica_schema_expected(d);
		if (replica_state(d, &rs, &re) != 0 || rs.schema != want) {
			if (!err_isset(&re))
				fprintf(stderr,
					"jineng: --read-only: the database's schema is version %d, this "
					"binary's %d: "
					"upgrade the primary (or this binary) first\n",
					rs.schema, want);
			else
				fprintf(stderr, "jineng: --read-only: %s\n", re.en);
			db_close(d);
			return 1;
		}
		log_info("read-only node: public look-ups only, from a %s %.1f s behind (at most %ld s)",
			 rs.standby ? "standby" : "database that is not a standby", rs.lag_s, max_lag);
	}
	db_close(d);
	const char *web = o->web;
	struct stat st;
	if (web && (stat(web, &st) != 0 || !S_ISDIR(st.st_mode)))
		web = NULL;
	struct server_conf conf = {
		.db_url = o->url,
		.listen = o->listen,
		.web_dir = web,
		.threads = o->threads,
		.max_body = (size_t)max_body,
		.verify_rate = (int)verify,
		.admit_rate = (int)admit,
		.complaint_rate = (int)complaint,
		.base_url = base_url_for(o->listen, base, sizeof base),
		.trusted_proxies = o->proxies,
		.ntrusted_proxies = o->nproxies,
		.read_only = o->read_only,
		.max_lag_s = (int)max_lag,
	};
	for (int i = 0; i < o->nproxies; i++)
		log_info("trusting X-Forwarded-For from %s", o->proxy_text[i]);
	err e = {0};
	/* the statistical reports' schedule (svc/stats/reports.h): the previous month's, quarter's and year's
	 * reports, made once by whichever node gets there first */
	if (!o->read_only && report_every > 0 && stat_report_scheduler_start(o->url, (int)report_every) != 0)
		log_warn("report schedule: could not start its thread");
	/* 知识竞赛 (svc/cultivation/contest.h): a round is scored as its deadline passes, by whichever node
	 * gets there first */
	if (!o->read_only && contest_scheduler_start(o->url) != 0)
		log_warn("contest schedule: could not start its thread");
	/* the dashboards' answers stale by age made again off the request threads (svc/stats/cache.h) */
	if (stats_cache_refresher_start(o->url) != 0)
		log_warn("stats cache: could not start the refresher's thread");
	int rc = server_run(&conf, api_routes(), api_pages, &api_hooks, &e);
	stats_cache_refresher_stop();
	contest_scheduler_stop();
	stat_report_scheduler_stop();
	if (rc != 0)
		return cli_fail(e.en, o->listen);
	return 0;
}

int serve_option(struct serve_opts *o, int argc, char **argv, int *i, int *bad)
{
	const char *v;
	*bad = 0;
	if (!strcmp(argv[*i], "--insecure-test-mode")) {
		o->insecure = true;
		return 1;
	}
	if (!strcmp(argv[*i], "--read-only")) {
		o->read_only = true;
		return 1;
	}
	if ((v = opt_value(argc, argv, i, "--key-file"))) {
		opt_key_file = v;
		return 1;
	}
	if ((v = opt_value(argc, argv, i, "--trusted-proxy"))) {
		if (o->nproxies >= SERVE_MAX_PROXIES || cidr_parse(v, &o->proxies[o->nproxies]) != 0) {
			*bad = 1;
			fprintf(stderr,
				"jineng: --trusted-proxy %s: not an address or CIDR range (at most %d)\n", v,
				SERVE_MAX_PROXIES);
			return 1;
		}
		o->proxy_text[o->nproxies++] = v;
		return 1;
	}
	return 0;
}

/* the request threads when --threads is not given: on SQLite one per core (a request runs in the process, and
 * more threads only queue on the write lock); on PostgreSQL two per core, at least 4: a thread waits on its
 * round trips to the database, and with one per core the cores sat idle (培训地图 on 2 cores: 896 req/s at
 * 2 threads, 1,716 at 4; docs/PERFORMANCE.md). Each thread holds one connection, so this is also the pool. */
static int default_threads(const char *url)
{
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	if (cores < 1)
		cores = 1;
	if (cores > 64)
		cores = 64;
	if (db_url_is_pg(url))
		return cores * 2 < 4 ? 4 : (int)cores * 2;
	return cores < 2 ? 2 : (int)cores;
}

int cmd_serve(int argc, char **argv)
{
	static struct cidr proxies[SERVE_MAX_PROXIES];
	static const char *proxy_text[SERVE_MAX_PROXIES];
	struct serve_opts o = {.url = default_db_url(),
			       .listen = default_listen(),
			       .web = "web/dist",
			       .threads = 0, /* default_threads */
			       .proxies = proxies,
			       .proxy_text = proxy_text};
	const char *v;
	for (int i = 1; i < argc; i++) {
		int bad = 0;
		if ((v = opt_value(argc, argv, &i, "--db")))
			o.url = v;
		else if ((v = opt_value(argc, argv, &i, "--listen")))
			o.listen = v;
		else if ((v = opt_value(argc, argv, &i, "--web")))
			o.web = v;
		else if ((v = opt_value(argc, argv, &i, "--threads")))
			o.threads = atoi(v);
		else if (serve_option(&o, argc, argv, &i, &bad)) {
			if (bad)
				return 2;
		} else
			return cli_usage("serve", "unknown option");
	}
	if (o.threads == 0)
		o.threads = default_threads(o.url);
	if (o.threads < 1 || o.threads > 256)
		return cli_usage("serve", "--threads must be 1..256");
	return serve_with(&o);
}
