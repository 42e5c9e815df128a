/* cmd_ledger.c: `jineng ledger verify`: exit 0 when the subsidy ledger balances and its hash chain is intact,
 * 1 naming the first problem (svc/training/ledger.h) */
#include "util/common.h"
#include "cli/cli.h"
#include "cli/opts.h"
#include "core/money.h"
#include "svc/training/ledger.h"

int cmd_ledger(int argc, char **argv)
{
	if (argc < 2 || strcmp(argv[1], "verify"))
		return cli_usage("ledger", NULL);
	const char *url = default_db_url(), *v;
	for (int i = 2; i < argc; i++) {
		if ((v = opt_value(argc, argv, &i, "--db")))
			url = v;
		else
			return cli_usage("ledger", "unknown option");
	}
	db *d = cli_open_db(url, false);
	if (!d)
		return 1;
	struct ledger_report rep;
	err e = {0};
	int rc = ledger_verify(d, &rep, &e);
	db_close(d);
	if (rc < 0)
		return cli_fail(e.en, "ledger");
	if (rc == 1) {
		if (rep.bad_entry)
			fprintf(stderr, "jineng: ledger does not verify: %s (entry %lld) / %s\n", rep.problem,
				(long long)rep.bad_entry, rep.problem_zh);
		else
			fprintf(stderr, "jineng: ledger does not verify: %s / %s\n", rep.problem,
				rep.problem_zh);
		return 1;
	}
	char debits[MONEY_BUF];
	money_format(rep.debits, MONEY_GROUP, debits, sizeof debits);
	printf("ledger balances: %lld entries, %lld lines, %lld accounts, debits = credits = %s yuan, head "
	       "%s\n",
	       (long long)rep.entries, (long long)rep.lines, (long long)rep.accounts, debits, rep.head_hash);
	return 0;
}
