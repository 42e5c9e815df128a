/* insurance.c: 参保记录 imported by CSV (insurance.h) */
#include "util/common.h"
#include "svc/training/insurance.h"
#include "svc/base/svc.h"
#include "svc/base/scope.h"
#include "svc/base/import.h"
#include "core/scope.h"
#include "core/date.h"
#include "core/idnum.h"
#include "crypto/pii.h"

enum { C_ID, C_START, C_END, C_REGION, C_N };

static const tab_col cols[C_N] = {
	[C_ID] = {"id_number", "公民身份号码", {"身份证号", "证件号码", "社会保障号码"}, TAB_REQUIRED},
	[C_START] = {"start", "参保开始", {"开始日期"}, TAB_REQUIRED},
	[C_END] = {"end", "参保结束", {"结束日期"}, TAB_REQUIRED},
	[C_REGION] = {"region_code", "参保地", {"地市"}, TAB_REQUIRED},
};
static const tab_spec spec = {cols, C_N, TAB_TRIM};

struct imp_ctx {
	db *d;
	const principal *a;
	int64_t stored;
};

static int row(void *ctx, const tab_row *r, err *e)
{
	struct imp_ctx *c = ctx;
	const char *id = tab_get(r, C_ID), *start = tab_get(r, C_START), *end = tab_get(r, C_END),
		   *region = tab_get(r, C_REGION);
	idnum_info info;
	if (!id || idnum_check(id, date_today_utc8(), &info) != IDNUM_OK) {
		err_set(e, 422, "invalid_id_number", "id_number", "公民身份号码无效", "invalid id number");
		return 1;
	}
	int s = 0, t = 0;
	if (!start || date_parse(start, &s) != 0 || (end && date_parse(end, &t) != 0)) {
		err_set(e, 422, "invalid_date", end && start && date_parse(start, &s) == 0 ? "end" : "start",
			"日期应为 YYYY-MM-DD", "dates are YYYY-MM-DD");
		return 1;
	}
	if (t && t < s) {
		err_set(e, 422, "invalid_value", "end", "结束日期早于开始日期",
			"the end is before the start");
		return 1;
	}
	if (!region || check_text(region, "region_code", 12, true, e))
		return err_isset(e) ? 1
				    : (err_set(e, 422, "required", "region_code", "参保地必填",
					       "region_code is required"),
				       1);
	scope_owner o = {.found = true};
	snprintf(o.region, sizeof o.region, "%s", region);
	if (scope_decide(c->a, SE_SUBSIDY_CLAIM, &o, SCOPE_WRITE) != 0) {
		/* another city's rows: the whole file is refused, nothing written */
		err_set(e, 403, "outside_scope", "region_code",
			"第%zu行的参保地不在您的管辖范围内，全部未导入",
			"line %zu: the city is outside your scope; nothing imported", r->line);
		return -1;
	}
	char field[48], idx[65];
	snprintf(field, sizeof field, "id_number:%s", id_type_name(ID_RESIDENT));
	pii_blind_index(field, info.normalized, idx);
	int64_t person = 0;
	int rc = db_one_int(c->d, "SELECT id FROM persons WHERE id_index = $1", DB_ARGS(DV_S(idx)), &person,
			    e);
	if (rc == DB_NOT_FOUND || (rc == DB_OK && !person)) {
		err_set(e, 422, "unknown_person", "id_number", "该公民身份号码未登记为人员",
			"no person with this id number");
		return 1;
	}
	if (rc != DB_OK)
		return db_rc_to_err(c->d, rc, e), -1;
	char sd[11], ed[11];
	date_format(s, sd);
	if (t)
		date_format(t, ed);
	if (db_run(c->d,
		   "INSERT INTO social_insurance_periods (person_id, start_on, end_on, region_code, "
		   "imported_at) "
		   "VALUES ($1,$2,$3,$4,$5) ON CONFLICT (person_id, start_on, region_code) DO UPDATE SET "
		   "end_on = "
		   "excluded.end_on",
		   DB_ARGS(DV_I(person), DV_S(sd), t ? DV_S(ed) : DV_NULL, DV_S(region), DV_I(now_s())),
		   e) < 0)
		return -1;
	c->stored++;
	return 0;
}

static json_t *detail(void *ctx, const import_result *res)
{
	(void)ctx;
	return json_pack("{s:I, s:I, s:I}", "rows", (json_int_t)res->rows, "stored", (json_int_t)res->ok,
			 "rejected", (json_int_t)res->rejected);
}

static const import_def def = {
	.spec = &spec,
	.row = row,
	.audit_action = "training.insurance.import",
	.audit_entity = "social_insurance",
	.audit_detail = detail,
};

json_t *insurance_import(db *d, const principal *a, const char *data, size_t len, err *e)
{
	if (scope_reach_of(a, SE_SUBSIDY_CLAIM, SCOPE_WRITE) < REACH_REGION)
		return err_set(e, 403, "forbidden", NULL, "无权导入参保记录",
			       "not allowed to import insurance records"),
		       NULL;
	struct imp_ctx c = {.d = d, .a = a};
	import_opts o = {.data = data, .len = len, .audit_entity_id = a->region[0] ? a->region : "37"};
	import_result res;
	if (import_exec(d, a, &def, &c, &o, &res, e) != 0) {
		import_result_free(&res);
		return NULL;
	}
	json_t *out = json_pack("{s:I, s:I, s:I, s:b, s:s, s:o}", "rows", (json_int_t)res.rows, "imported",
				(json_int_t)(res.stored ? res.ok : 0), "rejected", (json_int_t)res.rejected,
				"stored", res.stored, "encoding", res.encoding ? res.encoding : "utf-8",
				"errors", import_errors_json(&def, &res));
	import_result_free(&res);
	return out;
}

int insurance_periods(db *d, int64_t person_id, struct fact_work *out, size_t *n, err *e)
{
	*n = 0;
	db_stmt *st =
		db_query(d,
			 "SELECT start_on, end_on FROM social_insurance_periods WHERE person_id = $1 ORDER "
			 "BY start_on",
			 DB_ARGS(DV_I(person_id)), e);
	if (!st)
		return -1;
	while (*n < INSURANCE_MAX_PERIODS && db_step(st) == DB_ROW) {
		int s = 0, t = 0;
		date_parse(db_text(st, 0), &s);
		/* the file's 参保结束 is the last day insured; the rule engine's periods end the day after */
		if (!db_isnull(st, 1) && date_parse(db_text(st, 1), &t) == 0)
			t = date_from_days(date_to_days(t) + 1);
		out[*n].start = s;
		out[*n].end = t;
		(*n)++;
	}
	return db_finish(st, e);
}
