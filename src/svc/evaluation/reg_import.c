/* reg_import.c: 批量报名 — an institution registers its candidates for a plan from a CSV file. One row per
 * candidate, header naming the columns in English or Chinese:
 *   id_number (证件号码), name (姓名, optional: checked against the registry), option (申报条件),
 *   declared (承诺, default yes), related_major (相关专业, default no)
 * The file is CSV or XLSX (util/tabread.h); each row runs through svc/base/import.h (a savepoint per row, one
 * report, all-or-nothing). Each row goes through registration_create, so eligibility is judged exactly as for
 * a single registration and shown with its reason; a row that cannot become a registration (unknown person,
 * wrong name, already registered, plan closed ...) is reported with its line, field, code and message.
 * All-or-nothing on request. Rules: docs/DOMAIN.md §18. */
#include "util/common.h"
#include "svc/evaluation/reg_import.h"
#include "svc/evaluation/plans.h"
#include "svc/evaluation/registrations.h"
#include "core/date.h"
#include "core/idnum.h"
#include "crypto/pii.h"
#include "svc/base/import.h"

enum { C_ID, C_NAME, C_OPTION, C_DECLARED, C_MAJOR, C_N };

static const tab_col cols[C_N] = {
	[C_ID] = {"id_number", "证件号码", {"身份证号", "公民身份号码"}, TAB_REQUIRED},
	[C_NAME] = {"name", "姓名", {0}, 0},
	[C_OPTION] = {"option", "申报条件", {0}, TAB_REQUIRED},
	[C_DECLARED] = {"declared", "承诺", {0}, 0},
	[C_MAJOR] = {"related_major", "相关专业", {0}, 0},
};
static const tab_spec spec = {cols, C_N, TAB_TRIM};

struct imp {
	db *d;
	const principal *a;
	int64_t plan;
	size_t eligible;
	json_t *regs;
};

/* yes / no in the forms people type */
static int yes_no(const char *v, bool def, bool *out)
{
	if (!v) {
		*out = def;
		return 0;
	}
	static const char *const yes[] = {"1", "yes", "y", "true", "是", "Y", "YES", "TRUE"},
				 *const no[] = {"0", "no", "n", "false", "否", "N", "NO", "FALSE"};
	for (size_t i = 0; i < ARRAY_LEN(yes); i++)
		if (!strcmp(v, yes[i])) {
			*out = true;
			return 0;
		}
	for (size_t i = 0; i < ARRAY_LEN(no); i++)
		if (!strcmp(v, no[i])) {
			*out = false;
			return 0;
		}
	return -1;
}

/* one row: 0 registered, 1 rejected, -1 the database failed (import.h) */
static int row(void *ctx, const tab_row *r, err *e)
{
	struct imp *m = ctx;
	const char *idn = tab_get(r, C_ID), *name = tab_get(r, C_NAME), *opt = tab_get(r, C_OPTION);
	idnum_info info;
	bool declared, major;
	if (!idn)
		return err_set(e, 422, "missing_field", "id_number", "缺少证件号码", "missing id_number"), 1;
	if (idnum_check(idn, date_today_utc8(), &info) != IDNUM_OK)
		return err_set(e, 422, "invalid_id_number", "id_number", "居民身份证号码无效：%s",
			       "invalid resident ID number: %s", idn),
		       1;
	if (!opt)
		return err_set(e, 422, "missing_field", "option", "缺少申报条件", "missing option"), 1;
	if (yes_no(tab_get(r, C_DECLARED), true, &declared) != 0 ||
	    yes_no(tab_get(r, C_MAJOR), false, &major) != 0)
		return err_set(e, 422, "invalid_value",
			       yes_no(tab_get(r, C_DECLARED), true, &declared) ? "declared" : "related_major",
			       "应填 是/否", "must be yes or no"),
		       1;
	char idx[65];
	pii_blind_index("id_number:resident_id", info.normalized, idx);
	db_stmt *st =
		db_query(m->d, "SELECT id, name FROM persons WHERE id_index = $1", DB_ARGS(DV_S(idx)), e);
	if (!st)
		return -1;
	int64_t person = 0;
	bool name_ok = true;
	int found = db_row(st, e);
	if (found == 1) {
		person = db_int(st, 0);
		name_ok = !name || !strcmp(name, db_text(st, 1));
	}
	db_done(st);
	if (found < 0)
		return -1;
	if (!person)
		return err_set(e, 404, "person_not_found", "id_number",
			       "人员库中没有该证件号码，请先登记人员",
			       "no person with this ID number; register the person first"),
		       1;
	if (!name_ok)
		return err_set(e, 422, "name_mismatch", "name", "姓名与人员库登记的不一致",
			       "the name differs from the registry's"),
		       1;
	struct registration_input in = {.plan_id = m->plan,
					.person_id = person,
					.option = opt,
					.declared = declared,
					.related_major = major};
	int64_t reg = registration_create(m->d, m->a, &in, e);
	if (reg < 0)
		return e->status >= 500 ? -1 : 1;
	json_t *got = registration_get_json(m->d, m->a, reg, e);
	if (!got)
		return -1;
	bool eligible = json_is_true(json_object_get(got, "eligible"));
	m->eligible += eligible;
	json_t *line = json_pack("{s:I,s:I,s:I,s:b}", "line", (json_int_t)r->line, "registration_id",
				 (json_int_t)reg, "person_id", (json_int_t)person, "eligible", eligible);
	const char *keys[] = {"failed_code", "failed_message", "failed_message_en"};
	for (size_t k = 0; k < ARRAY_LEN(keys); k++) {
		json_t *v = json_object_get(got, keys[k]);
		if (v && !json_is_null(v))
			json_object_set(line, keys[k], v);
	}
	json_decref(got);
	json_array_append_new(m->regs, line);
	return 0;
}

static json_t *audit_detail(void *ctx, const import_result *res)
{
	UNUSED(ctx);
	return json_pack("{s:I,s:I,s:I}", "rows", (json_int_t)res->rows, "registered", (json_int_t)res->ok,
			 "rejected", (json_int_t)res->rejected);
}

static const import_def def = {
	.spec = &spec,
	.row = row,
	.audit_action = "registration.import",
	.audit_entity = "plan",
	.audit_detail = audit_detail,
};

json_t *registrations_import_csv(db *d, const principal *a, int64_t plan_id, const char *data, size_t len,
				 bool all_or_nothing, err *e)
{
	int64_t inst = 0;
	int rc = db_one_int(d, "SELECT institution_id FROM plans WHERE id = $1", DB_ARGS(DV_I(plan_id)),
			    &inst, e);
	if (rc != DB_OK && rc != DB_NOT_FOUND)
		return NULL;
	if (!inst || a->institution_id != inst ||
	    (a->role != ROLE_INSTITUTION_ADMIN && a->role != ROLE_INSTITUTION_STAFF)) {
		err_set(e, 404, "not_found", NULL, "认定计划不存在", "no such plan");
		return NULL;
	}
	struct imp m = {.d = d, .a = a, .plan = plan_id, .regs = json_array()};
	char ids[24];
	import_opts o = {.data = data,
			 .len = len,
			 .all_or_nothing = all_or_nothing,
			 .audit_entity_id = id_text(plan_id, ids)};
	import_result res;
	json_t *out = NULL;
	if (import_exec(d, a, &def, &m, &o, &res, e) == 0) {
		bool kept = res.stored;
		out = json_pack("{s:I,s:I,s:I,s:I,s:b,s:o,s:o}", "rows", (json_int_t)res.rows, "registered",
				(json_int_t)(kept ? res.ok : 0), "eligible",
				(json_int_t)(kept ? m.eligible : 0), "rejected", (json_int_t)res.rejected,
				"stored", kept, "errors", import_errors_json(&def, &res), "registrations",
				kept ? json_incref(m.regs) : json_array());
	}
	import_result_free(&res);
	json_decref(m.regs);
	return out;
}
