/* cmd_audit.c: `jineng audit verify`: exit 0 when the hash chain is intact, 1 naming the first bad record */
#include "util/common.h"
#include "cli/cli.h"
#include "cli/opts.h"
#include "svc/base/audit.h"

int cmd_audit(int argc, char **argv)
{
	if (argc < 2 || strcmp(argv[1], "verify"))
		return cli_usage("audit", NULL);
	const char *url = default_db_url(), *v;
	for (int i = 2; i < argc; i++) {
		if ((v = opt_value(argc, argv, &i, "--db")))
			url = v;
		else
			return cli_usage("audit", "unknown option");
	}
	db *d = cli_open_db(url, false);
	if (!d)
		return 1;
	struct audit_report rep;
	err e = {0};
	int rc = audit_verify(d, &rep, &e);
	db_close(d);
	if (rc < 0)
		return cli_fail(e.en, "audit_log");
	if (rc == 1) {
		char where[64];
		snprintf(where, sizeof where, "audit record %lld", (long long)rep.bad_seq);
		fprintf(stderr, "jineng: audit chain broken after %lld good records: %s (%s)\n",
			(long long)rep.records - 1 > 0 ? (long long)rep.records - 1 : 0, rep.problem, where);
		return 1;
	}
	printf("audit chain intact: %lld records, head %s\n", (long long)rep.records, rep.head_hash);
	return 0;
}
