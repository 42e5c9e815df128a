/* demo_subsidy.c: the demo province's subsidy money, so that the bureaus' pages show each step: in 济南 and
 * 临沂, 技能提升补贴 claims of persons of the city in every state of the workflow — 待审核 (checked), 已审核,
 * 公示中 (its end on the holiday calendar), and three past their 公示 made payable and put into a payment
 * batch whose bank file was exported and whose results came back (two paid, one failed with the bank's
 * reason); one paid claim then recovered (追回). Through the same use cases as the API, so the ledger's
 * entries, the audit records and `jineng ledger verify` hold. */
#include "util/common.h"
#include "demo/demo.h"
#include "core/date.h"
#include "core/subsidy.h"
#include "svc/training/claims.h"
#include "svc/training/paybatch.h"
#include <jansson.h>

#define PER_CITY 7

static int move(db *d, const principal *sys, int64_t id, const char *to, const char *reason, err *e)
{
	int64_t entry = 0;
	return claim_move(d, sys, id, to, reason, &entry, e);
}

static int city_claims(db *d, const principal *sys, const char *city, int today, err *e)
{
	char pre[8];
	snprintf(pre, sizeof pre, "%.4s%%", city);
	int64_t persons[PER_CITY];
	int n = 0;
	/* persons of the city who are not a demo account's (candidate1 keeps a clean record) */
	db_stmt *st = db_query(
		d,
		"SELECT p.id FROM persons p WHERE p.region_code LIKE $1 AND NOT EXISTS (SELECT 1 FROM "
		"users u WHERE u.person_id = p.id) ORDER BY p.id LIMIT $2",
		DB_ARGS(DV_S(pre), DV_I(PER_CITY)), e);
	while (st && db_step(st) == DB_ROW)
		persons[n++] = db_int(st, 0);
	if (!st || db_finish(st, e) != 0)
		return -1;
	static const char *const occ[] = {"6-31-01-03", "6-18-02-04", "4-10-01-05", "4-12-01-01"};
	struct fact_work insured = {.start = 20180101, .end = 0};
	int64_t ids[PER_CITY] = {0};
	for (int i = 0; i < n; i++) {
		struct claim_input in = {.person_id = persons[i], .region = city};
		in.facts = (struct subsidy_facts){
			.kind = SUB_SKILL_UP,
			.apply_date = today,
			.occupation = occ[i % 4],
			.level = 5 - (i % 3),
			.cert_date = date_from_days(date_to_days(today) - 40 - i * 9),
			.city = city,
			.insured = &insured,
			.ninsured = 1,
		};
		bool ok = false;
		if (claim_file(d, sys, &in, &ids[i], &ok, e) != 0)
			return -1;
	}
	/* 0, 1 wait for review; 2 reviewed; 3 in 公示; 4-6 past their 公示, payable */
	for (int i = 2; i < n; i++)
		if (move(d, sys, ids[i], "reviewed", NULL, e) != 0 ||
		    (i >= 3 && move(d, sys, ids[i], "publicity", NULL, e) != 0))
			return -1;
	if (n < PER_CITY)
		return 0;
	/* the 公示 of 4-6 began a month ago */
	if (db_run(d, "UPDATE subsidy_claims SET updated_at = updated_at - 2592000 WHERE id IN ($1, $2, $3)",
		   DB_ARGS(DV_I(ids[4]), DV_I(ids[5]), DV_I(ids[6])), e) < 0)
		return -1;
	for (int i = 4; i < PER_CITY; i++)
		if (move(d, sys, ids[i], "payable", NULL, e) != 0)
			return -1;
	int64_t batch = 0;
	if (pay_batch_create(d, sys, city, &batch, e) != 0)
		return -1;
	char *file = NULL;
	size_t flen = 0;
	if (pay_batch_export(d, sys, batch, &file, &flen, e) != 0)
		return -1;
	free(file);
	/* the bank's results: the batch's lines are the claims 4, 5, 6 in claim order */
	char csv[512];
	snprintf(csv, sizeof csv,
		 "批次号,序号,申领编号,结果,原因\r\n%lld,1,%lld,成功,\r\n%lld,2,%lld,成功,\r\n%lld,3,%lld,"
		 "失败,"
		 "社保卡账户未激活\r\n",
		 (long long)batch, (long long)ids[4], (long long)batch, (long long)ids[5], (long long)batch,
		 (long long)ids[6]);
	json_t *rep = pay_batch_results(d, sys, batch, csv, strlen(csv), e);
	if (!rep)
		return -1;
	json_decref(rep);
	return move(d, sys, ids[5], "recovered", "证书已撤销（演示）：追回已发放的技能提升补贴", e);
}

int demo_subsidy(db *d, const principal *sys, err *e)
{
	int today = date_today_utc8();
	if (city_claims(d, sys, "370100", today, e) != 0)
		return -1;
	return city_claims(d, sys, "371300", today, e);
}
