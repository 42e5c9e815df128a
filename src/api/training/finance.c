/* finance.c: the subsidy money for the finance office (svc/training/finance.h): the payment batches and the
 * ledger's entries as lists, the ledger's proof, and the XLSX workbooks */
#include "util/common.h"
#include "api/base/api.h"
#include "api/training/handlers.h"
#include "svc/training/finance.h"
#include "svc/training/attendance.h"

#define XLSX_TYPE "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

static int xlsx_reply(req *r, char *buf, size_t len, const char *name)
{
	r->raw = buf;
	r->raw_len = len;
	r->ctype = XLSX_TYPE;
	r->filename = name;
	r->status = 200;
	return 0;
}

static void period_of(req *r, struct finance_period *p)
{
	p->from = req_query(r, "from");
	p->to = req_query(r, "to");
	p->region = req_query(r, "region_code");
}

int h_pay_batches(req *r)
{
	return api_list_spec(r, &pay_batch_list);
}

int h_ledger_entries(req *r)
{
	return api_list_spec(r, &ledger_entry_list);
}

int h_ledger_verify(req *r)
{
	db *d = api_db(r);
	json_t *o = d ? ledger_verify_json(d, &r->who, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

/* 补贴台账分录 of a period: XLSX */
int h_finance_ledger(req *r)
{
	struct finance_period p;
	period_of(r, &p);
	db *d = api_db(r);
	char *buf = NULL;
	size_t len = 0;
	if (!d || finance_ledger_xlsx(d, &r->who, &p, &buf, &len, &r->e))
		return -1;
	return xlsx_reply(r, buf, len, "ledger-entries.xlsx");
}

/* claims paid and recovered per city: JSON, or ?format=xlsx */
int h_finance_claims(req *r)
{
	struct finance_period p;
	period_of(r, &p);
	const char *fmt = req_query(r, "format");
	if (fmt && strcmp(fmt, "json") && strcmp(fmt, "xlsx"))
		return err_set(&r->e, 422, "invalid_format", "format", "导出格式应为 xlsx",
			       "format must be xlsx");
	db *d = api_db(r);
	if (!d)
		return -1;
	if (fmt && !strcmp(fmt, "xlsx")) {
		char *buf = NULL;
		size_t len = 0;
		if (finance_claims_xlsx(d, &r->who, &p, &buf, &len, &r->e))
			return -1;
		return xlsx_reply(r, buf, len, "subsidy-claims-by-city.xlsx");
	}
	json_t *o = finance_claims_summary(d, &r->who, &p, &r->e);
	return o ? req_reply(r, 200, o) : -1;
}

/* one payment batch as a workbook (masked) */
int h_pay_batch_xlsx(req *r)
{
	int64_t id = req_param_id(r, 0);
	db *d = id > 0 ? api_db(r) : NULL;
	char *buf = NULL;
	size_t len = 0;
	if (!d || finance_batch_xlsx(d, &r->who, id, &buf, &len, &r->e))
		return -1;
	return xlsx_reply(r, buf, len, arena_printf(r->a, "paybatch-%lld.xlsx", (long long)id));
}

/* 考勤表: a class's attendance, trainees × sessions (svc/training/attendance.h) */
int h_training_attendance(req *r)
{
	int64_t id = req_param_id(r, 0);
	db *d = id > 0 ? api_db(r) : NULL;
	json_t *o = d ? training_attendance_json(d, &r->who, id, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}
