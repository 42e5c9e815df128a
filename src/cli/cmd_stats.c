/* cmd_stats.c: `jineng stats verify` (recompute every statistics counter from the raw tables and compare:
 * exit 0 when they agree, 1 listing each difference) and `jineng stats rebuild` (replace the counters by the
 * recomputation, audited as the system). svc/stats/counters.h. */
#include "util/common.h"
#include "cli/cli.h"
#include "cli/opts.h"
#include "svc/auth/auth.h"
#include "svc/stats/counters.h"

int cmd_stats(int argc, char **argv)
{
	if (argc < 2 || (strcmp(argv[1], "verify") && strcmp(argv[1], "rebuild")))
		return cli_usage("stats", NULL);
	bool verify = !strcmp(argv[1], "verify");
	const char *url = default_db_url(), *v;
	for (int i = 2; i < argc; i++) {
		if ((v = opt_value(argc, argv, &i, "--db")))
			url = v;
		else
			return cli_usage("stats", "unknown option");
	}
	db *d = cli_open_db(url, !verify);
	if (!d)
		return 1;
	err e = {0};
	int64_t diffs = 0, keys = 0;
	int rc;
	if (verify) {
		rc = stats_verify(d, stdout, &diffs, &keys, &e);
	} else {
		principal sys;
		principal_system(&sys, "cli");
		rc = stats_rebuild(d, &sys, &keys, &e);
	}
	db_close(d);
	if (rc < 0)
		return cli_fail(e.en, "stats");
	if (!verify) {
		printf("statistics counters rebuilt: %lld keys\n", (long long)keys);
		return 0;
	}
	if (diffs) {
		fprintf(stderr,
			"jineng: statistics counters differ from the raw tables in %lld of %lld keys / "
			"统计计数与原始数据不符：%lld 项\n",
			(long long)diffs, (long long)keys, (long long)diffs);
		return 1;
	}
	printf("statistics counters agree with the raw tables: %lld keys\n", (long long)keys);
	return 0;
}
