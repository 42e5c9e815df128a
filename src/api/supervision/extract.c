/* extract.c: GET /api/v1/plans/{id}/audit-extract, a plan's signed audit extract as a file */
#include "util/common.h"
#include "api/base/api.h"
#include "api/supervision/handlers.h"
#include "svc/supervision/extract.h"

int h_plan_audit_extract(req *r)
{
	int64_t id = req_param_id(r, 0);
	db *d = api_db(r);
	char *text = NULL;
	size_t len = 0;
	if (id < 0 || !d || audit_extract_plan(d, &r->who, id, r->a, &text, &len, &r->e) != 0)
		return -1;
	r->raw = text;
	r->raw_len = len;
	r->ctype = "application/json; charset=utf-8";
	r->filename = arena_printf(r->a, "audit-extract-plan-%lld.json", (long long)id);
	r->status = 200;
	return 0;
}
