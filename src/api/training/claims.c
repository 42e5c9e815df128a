/* claims.c: 补贴申领 (subsidy claims): filing (the city's window), reading, and moving a claim along its
 * workflow with the ledger entries it makes (svc/training/claims.h) */
#include "util/common.h"
#include "api/base/api.h"
#include "api/training/handlers.h"
#include "api/training/input.h"
#include "svc/base/svc.h"
#include "svc/training/claims.h"
#include "svc/training/ledger.h"
#include "svc/training/paybatch.h"
#include "svc/training/insurance.h"

int h_claim_file(req *r)
{
	json_t *b = req_json(r);
	struct claim_input in;
	if (!b || claim_input_parse(r, b, &in))
		return -1;
	db *d = api_db(r);
	int64_t id;
	bool ok;
	if (!d || claim_file(d, &r->who, &in, &id, &ok, &r->e))
		return -1;
	json_t *o = claim_get_json(d, &r->who, id, &r->e);
	return o ? req_reply(r, 201, o) : -1;
}

/* 本人申领: a worker applies for themself; the facts from their own records (claims.h claim_apply_own) */
int h_claim_apply_own(req *r)
{
	json_t *b = req_json(r);
	if (!b)
		return -1;
	struct claim_own_input in = {
		.kind = jreq(b, "kind", &r->e),
		.certificate_no = jstr(b, "certificate_no", &r->e),
		.class_id = jint(b, "class_id", 0, &r->e),
	};
	if (err_isset(&r->e))
		return -1;
	db *d = api_db(r);
	int64_t id;
	bool ok;
	if (!d || claim_apply_own(d, &r->who, &in, &id, &ok, &r->e))
		return -1;
	json_t *o = claim_get_json(d, &r->who, id, &r->e);
	return o ? req_reply(r, 201, o) : -1;
}

int h_claim_get(req *r)
{
	int64_t id = req_param_id(r, 0);
	db *d = id > 0 ? api_db(r) : NULL;
	json_t *o = d ? claim_get_json(d, &r->who, id, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

int h_claim_status(req *r)
{
	struct api_move m;
	int64_t entry = 0;
	if (api_move_input(r, &m) != 0 || claim_move(m.d, &r->who, m.id, m.to, m.reason, &entry, &r->e))
		return -1;
	json_t *o = claim_get_json(m.d, &r->who, m.id, &r->e);
	if (o)
		json_object_set_new(o, "entry_id", entry ? json_integer(entry) : json_null());
	return o ? req_reply(r, 200, o) : -1;
}

int h_claim_list(req *r)
{
	return api_list_spec(r, &claim_list);
}

int h_ledger_accounts(req *r)
{
	return api_list_spec(r, &ledger_account_list);
}

/* 补贴支付批次 (svc/training/paybatch.h) */
int h_pay_batch_create(req *r)
{
	json_t *b = req_json(r);
	if (!b)
		return -1;
	const char *region = jstr(b, "region_code", &r->e);
	if (err_isset(&r->e))
		return -1;
	db *d = api_db(r);
	int64_t id;
	if (!d || pay_batch_create(d, &r->who, region, &id, &r->e))
		return -1;
	json_t *o = pay_batch_get_json(d, &r->who, id, &r->e);
	return o ? req_reply(r, 201, o) : -1;
}

int h_pay_batch_get(req *r)
{
	int64_t id = req_param_id(r, 0);
	db *d = id > 0 ? api_db(r) : NULL;
	json_t *o = d ? pay_batch_get_json(d, &r->who, id, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

/* the bank file: text/csv, an attachment named paybatch-ID.csv */
int h_pay_batch_file(req *r)
{
	int64_t id = req_param_id(r, 0);
	db *d = id > 0 ? api_db(r) : NULL;
	char *buf = NULL;
	size_t len = 0;
	if (!d || pay_batch_export(d, &r->who, id, &buf, &len, &r->e))
		return -1;
	r->raw = buf;
	r->raw_len = len;
	r->ctype = "text/csv; charset=utf-8";
	r->filename = arena_printf(r->a, "paybatch-%lld.csv", (long long)id);
	r->status = 200;
	return 0;
}

/* the bank's results file is the body (CSV or XLSX) */
int h_pay_batch_results(req *r)
{
	int64_t id = req_param_id(r, 0);
	if (id <= 0)
		return -1;
	if (!r->body.len)
		return err_set(&r->e, 400, "body_required", NULL, "请求体应为银行回盘文件",
			       "the request body is the bank's results file");
	db *d = api_db(r);
	json_t *o = d ? pay_batch_results(d, &r->who, id, r->body.ptr, r->body.len, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

/* 参保记录 (svc/training/insurance.h): the agency's file is the body (CSV or XLSX) */
int h_insurance_import(req *r)
{
	if (!r->body.len)
		return err_set(&r->e, 400, "body_required", NULL, "请求体应为参保记录文件",
			       "the request body is the insurance records file");
	db *d = api_db(r);
	return api_import_reply(r, d ? insurance_import(d, &r->who, r->body.ptr, r->body.len, &r->e) : NULL);
}
