/* bank.c: /api/v1/items (题库: write, revise, list, import) and /api/v1/blueprints (组卷细目) */
#include "util/common.h"
#include "api/base/api.h"
#include "api/exam/handlers.h"
#include "svc/exam/invigilation.h"
#include "svc/auth/throttle.h"
#include "svc/exam/autosave.h"
#include "svc/exam/exam.h"
#include "svc/exam/bank_import.h"
#include <stdlib.h>

static void item_input(req *r, json_t *b, struct item_input *in)
{
	in->occupation_code = jstr(b, "occupation_code", &r->e);
	in->kind = jstr(b, "kind", &r->e);
	in->area = jstr(b, "area", &r->e);
	in->stem = jstr(b, "stem", &r->e);
	in->answer = jstr(b, "answer", &r->e);
	in->level = (int)jint(b, "level", 0, &r->e);
	json_t *p = json_object_get(b, "points");
	in->points = json_is_number(p) ? json_number_value(p) : 1.0;
	in->options = json_object_get(b, "options");
	in->knowledge_code = jstr(b, "knowledge_code", &r->e);
	/* institution staff write their own bank; the province its own (0) or, naming it, an institution's */
	if (r->who.role == ROLE_INSTITUTION_ADMIN || r->who.role == ROLE_INSTITUTION_STAFF)
		in->institution_id = jint(b, "institution_id", r->who.institution_id, &r->e);
	else
		in->institution_id = jint(b, "institution_id", 0, &r->e);
}

static int item_write(req *r, int64_t replaces)
{
	json_t *b = req_json(r);
	if (!b)
		return -1;
	struct item_input in = {0};
	item_input(r, b, &in);
	if (err_isset(&r->e))
		return -1;
	db *d = api_db(r);
	int64_t id = d ? item_create(d, &r->who, &in, replaces, &r->e) : -1;
	return id < 0 ? -1 : req_reply(r, 201, json_pack("{s:I}", "id", (json_int_t)id));
}

int h_items_create(req *r)
{
	return item_write(r, 0);
}

int h_items_revise(req *r)
{
	int64_t id = req_param_id(r, 0);
	return id < 0 ? -1 : item_write(r, id);
}

int h_items_list(req *r)
{
	int64_t limit, offset;
	if (api_paging(r, &limit, &offset) != 0)
		return -1;
	const char *lv = req_query(r, "level");
	db *d = api_db(r);
	json_t *o = d ? item_list_json(d, &r->who, req_query(r, "occupation_code"), lv ? atoi(lv) : 0, limit,
				       offset, &r->e)
		      : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

/* POST /api/v1/items/import?institution_id=&all_or_nothing=true: the CSV is the body (text/csv, UTF-8 or
 * GB18030); the reply lists every rejected row with its line, field and code */
int h_items_import(req *r)
{
	if (!r->body.len)
		return err_set(&r->e, 400, "body_required", NULL, "请求体应为 CSV 文件",
			       "the request body is the CSV file");
	const char *inst = req_query(r, "institution_id"), *aon = req_query(r, "all_or_nothing");
	char *end = NULL;
	long long id = inst ? strtoll(inst, &end, 10) : 0;
	if (inst && (*end || id < 0))
		return err_set(&r->e, 422, "invalid_value", "institution_id", "institution_id 应为机构编号",
			       "institution_id is an institution id");
	bool all = aon && (!strcmp(aon, "true") || !strcmp(aon, "1"));
	db *d = api_db(r);
	return api_import_reply(r, d ? items_import_csv(d, &r->who, id, r->body.ptr, r->body.len, all, &r->e)
				     : NULL);
}

int h_blueprint_get(req *r)
{
	const char *lv = req_query(r, "level");
	db *d = api_db(r);
	json_t *o =
		d ? blueprint_get_json(d, &r->who, req_query(r, "occupation_code"), lv ? atoi(lv) : 0, &r->e)
		  : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

int h_blueprint_set(req *r)
{
	json_t *b = req_json(r);
	if (!b)
		return -1;
	const char *occ = jreq(b, "occupation_code", &r->e);
	int level = (int)jint(b, "level", 0, &r->e);
	if (err_isset(&r->e))
		return -1;
	db *d = api_db(r);
	return d && blueprint_set(d, &r->who, occ, level, json_object_get(b, "cells"), &r->e) == 0 ? api_ok(r)
												   : -1;
}
