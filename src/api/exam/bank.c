/* bank.c: /api/v1/items (题库: write, revise, list, import) and /api/v1/blueprints (组卷细目) */
#include "util/common.h"
#include "api/base/api.h"
#include "api/exam/handlers.h"
#include "api/exam/input.h"
#include "svc/exam/invigilation.h"
#include "svc/auth/throttle.h"
#include "svc/exam/autosave.h"
#include "svc/exam/exam.h"
#include "svc/exam/bank_import.h"
#include <stdlib.h>

static int item_write(req *r, int64_t replaces)
{
	json_t *b = req_json(r);
	if (!b)
		return -1;
	struct item_draft in;
	if (item_draft_parse(r, b, &in) != 0)
		return -1;
	db *d = api_db(r);
	int64_t id = d ? item_save(d, &r->who, &in, replaces, &r->e) : -1;
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
	return api_list_spec(r, &item_list);
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
	const char *occ;
	int level;
	struct blueprint_cell_input *cells;
	size_t ncells;
	if (blueprint_parse(r, b, &occ, &level, &cells, &ncells) != 0)
		return -1;
	db *d = api_db(r);
	return d && blueprint_put(d, &r->who, occ, level, cells, ncells, &r->e) == 0 ? api_ok(r) : -1;
}
