/* cmd_migrate.c: `jineng migrate` */
#include "util/common.h"
#include "cli/cli.h"
#include "cli/opts.h"

int cmd_migrate(int argc, char **argv)
{
	const char *url = default_db_url(), *v;
	for (int i = 1; i < argc; i++) {
		if ((v = opt_value(argc, argv, &i, "--db")))
			url = v;
		else
			return cli_usage("migrate", "unknown option");
	}
	db *d = cli_open_db(url, true);
	if (!d)
		return 1;
	int64_t ver = 0;
	err e = {0};
	db_schema_version(d, &ver, &e);
	printf("schema version %lld (%s)\n", (long long)ver, db_dialect_name(d));
	db_close(d);
	return 0;
}
