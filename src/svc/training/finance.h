/* finance.h: the subsidy money as the finance office reads it (补贴财务报表; docs/DOMAIN.md "财务导出",
 * src/svc/training/README.md): the payment batches as a list, the ledger's entries as a list, the
 * ledger's proof (ledger_verify) as JSON, and three XLSX workbooks — the ledger's entries of a period with
 * its account totals, one payment batch, and claims paid, reversed and recovered per city. Money is
 * integer fen everywhere here and 元 with two decimals in the workbooks (doc/report_xlsx.h).
 *
 * Who: the province all cities, a city administrator its own (SE_LEDGER_ACCOUNT's read reach: REACH_ALL
 * or REACH_REGION); everyone else 403 (the routes admit administrators only). A workbook leaves the
 * system with amounts by person, so each export is audited (training.finance.export) with what it held. */
#ifndef JINENG_SVC_TRAINING_FINANCE_H
#define JINENG_SVC_TRAINING_FINANCE_H

#include "core/principal.h"
#include "store/db.h"
#include "svc/base/list.h"
#include <jansson.h>

/* the payment batches (subsidy_pay_batches) in the caller's cities, newest first; filter region_code; with
 * counts of paid, failed and sent lines */
extern const struct list_spec pay_batch_list;
/* the ledger's entries in the caller's cities (seq order, newest first); filters kind, region_code,
 * claim_id, from, to (China dates, inclusive); each with its lines (account code, name, amount) and its
 * amount (the sum of its debits) */
extern const struct list_spec ledger_entry_list;

/* a period of China dates (either end may be NULL or "": open) and a city (NULL: all the caller may read) */
struct finance_period {
	const char *from, *to, *region;
};

/* ledger_verify_json: ledger_verify's report {ok, entries, lines, accounts, debits_fen, head_hash,
 * bad_entry, problem, problem_zh}; the province and the cities (it proves the whole ledger) */
json_t *ledger_verify_json(db *d, const principal *a, err *e);

/* finance_claims_summary: per city in reach, from the ledger's entries of the period: paid (pay entries),
 * reversed (冲正 of a pay), recovered (追回), returned (追回到账), each a count and fen, and net = paid -
 * reversed - recovered; the claims by status now (not by period); the totals */
json_t *finance_claims_summary(db *d, const principal *a, const struct finance_period *p, err *e);

/* the workbooks (malloc'd into *out), each audited training.finance.export */
int finance_ledger_xlsx(db *d, const principal *a, const struct finance_period *p, char **out, size_t *len,
			err *e) WUR;
int finance_claims_xlsx(db *d, const principal *a, const struct finance_period *p, char **out, size_t *len,
			err *e) WUR;
int finance_batch_xlsx(db *d, const principal *a, int64_t batch_id, char **out, size_t *len, err *e) WUR;

#endif
