/* paybatch.h: 补贴支付批次 (payment batches): the city puts its payable claims into a batch, exports it as
 * the file the paying bank takes (the 社保卡 account: the one place the full 公民身份号码 goes out, audited),
 * and imports the bank's results back: a paid line moves its claim payable -> paid with the ledger's pay
 * entry, a failed line leaves the claim payable with the bank's reason and frees it for a later batch.
 * A claim is in one live batch only (the unique index subsidy_pay_lines_once, 023_pay_batches.sql).
 * Layouts of both files: src/svc/training/README.md "支付批次"; rules: docs/DOMAIN.md §27. */
#ifndef JINENG_SVC_TRAINING_PAYBATCH_H
#define JINENG_SVC_TRAINING_PAYBATCH_H

#include "core/principal.h"
#include "store/db.h"
#include <jansson.h>

/* pay_batch_create: a batch of every payable claim of the city `region` (a city's admin: its own region
 * when NULL; the province's admin names it) not already in a live batch, in claim order; audited
 * training.pay_batch.create. 422 no_payable_claims when there is none; 403 for another city. */
int pay_batch_create(db *d, const principal *a, const char *region, int64_t *id, err *e) WUR;

/* pay_batch_get_json: the batch with its lines (claim, person, name, masked id number, amount, status,
 * reason, pay entry); the province and the batch's city (404 otherwise) */
json_t *pay_batch_get_json(db *d, const principal *a, int64_t id, err *e);

/* pay_batch_export: the bank file (CSV, UTF-8 with BOM, CRLF) of the batch, malloc'd into *out; the full
 * id numbers are opened here and only here; audited training.pay_batch.export with the line count */
int pay_batch_export(db *d, const principal *a, int64_t id, char **out, size_t *len, err *e) WUR;

/* pay_batch_results: imports the bank's results file (CSV or XLSX) through the import runner; each row
 * names batch_no, line_no, claim_id and result (paid/成功 or failed/失败, with a reason). Importing the same
 * file again changes nothing (a line already carrying that result is accepted unchanged); a line with the
 * other result, an unknown line or another batch's line is a rejected row. Returns the report (rows,
 * paid, failed, unchanged, rejected, errors) or NULL with e set. */
json_t *pay_batch_results(db *d, const principal *a, int64_t id, const char *data, size_t len, err *e);

#endif
