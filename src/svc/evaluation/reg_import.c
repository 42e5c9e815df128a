/* reg_import.c: 批量报名 — an institution registers its candidates for a plan from a CSV file. One row per
 * candidate, header naming the columns in English or Chinese:
 *   id_number (证件号码), name (姓名, optional: checked against the registry), option (申报条件),
 *   declared (承诺, default yes), related_major (相关专业, default no)
 * Each row goes through registration_create, so eligibility is judged exactly as for a single registration
 * and shown with its reason; a row that cannot become a registration (unknown person, wrong name, already
 * registered, plan closed ...) is reported with its line, field, code and message. All-or-nothing on request.
 * Rules: docs/DOMAIN.md §18. */
#include "util/common.h"
#include "svc/evaluation/reg_import.h"
#include "svc/evaluation/plans.h"
#include "svc/evaluation/registrations.h"
#include "core/date.h"
#include "core/idnum.h"
#include "crypto/pii.h"
#include "util/csvread.h"

enum { C_ID, C_NAME, C_OPTION, C_DECLARED, C_MAJOR, C_N };

static const char *const col_names[C_N][2] = {
	{"id_number", "证件号码"},     {"name", "姓名"}, {"option", "申报条件"}, {"declared", "承诺"},
	{"related_major", "相关专业"},
};

struct imp {
	db *d;
	const principal *a;
	int64_t plan;
	int col[C_N];
	size_t rows, registered, eligible, rejected;
	json_t *errors, *regs;
	bool header_ok;
	err fatal;
};

static void reject(struct imp *m, size_t line, const err *e)
{
	m->rejected++;
	if (json_array_size(m->errors) < 1000)
		json_array_append_new(m->errors,
				      json_pack("{s:I,s:s?,s:s,s:s,s:s}", "line", (json_int_t)line, "field",
						e->field[0] ? e->field : NULL, "code", e->code, "message_zh",
						e->zh, "message_en", e->en));
}

static const char *cell(struct imp *m, char **f, size_t n, int c)
{
	int i = m->col[c];
	return i >= 0 && (size_t)i < n && f[i] && *f[i] ? f[i] : NULL;
}

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

static int header(struct imp *m, char **f, size_t n)
{
	for (int c = 0; c < C_N; c++) {
		m->col[c] = -1;
		for (size_t i = 0; i < n; i++) {
			const char *h = f[i] ? f[i] : "";
			if (!strcmp(h, col_names[c][0]) || !strcmp(h, col_names[c][1]))
				m->col[c] = (int)i;
		}
	}
	if (m->col[C_ID] < 0 || m->col[C_OPTION] < 0)
		return err_set(&m->fatal, 422, "missing_column", m->col[C_ID] < 0 ? "id_number" : "option",
			       "缺少列：%s", "missing column: %s",
			       m->col[C_ID] < 0 ? "id_number（证件号码）" : "option（申报条件）");
	m->header_ok = true;
	return 0;
}

static int row(void *ctx, char **f, size_t n, size_t record)
{
	struct imp *m = ctx;
	if (record == 1)
		return header(m, f, n);
	m->rows++;
	err e = {0};
	const char *idn = cell(m, f, n, C_ID), *name = cell(m, f, n, C_NAME), *opt = cell(m, f, n, C_OPTION);
	idnum_info info;
	bool declared, major;
	if (!idn) {
		err_set(&e, 422, "missing_field", "id_number", "缺少证件号码", "missing id_number");
		goto bad;
	}
	if (idnum_check(idn, date_today_utc8(), &info) != IDNUM_OK) {
		err_set(&e, 422, "invalid_id_number", "id_number", "居民身份证号码无效：%s",
			"invalid resident ID number: %s", idn);
		goto bad;
	}
	if (!opt) {
		err_set(&e, 422, "missing_field", "option", "缺少申报条件", "missing option");
		goto bad;
	}
	if (yes_no(cell(m, f, n, C_DECLARED), true, &declared) != 0 ||
	    yes_no(cell(m, f, n, C_MAJOR), false, &major) != 0) {
		err_set(&e, 422, "invalid_value",
			yes_no(cell(m, f, n, C_DECLARED), true, &declared) ? "declared" : "related_major",
			"应填 是/否", "must be yes or no");
		goto bad;
	}
	char idx[65];
	pii_blind_index("id_number:resident_id", info.normalized, idx);
	db_stmt *st =
		db_query(m->d, "SELECT id, name FROM persons WHERE id_index = $1", DB_ARGS(DV_S(idx)), &e);
	if (!st)
		return -1;
	int64_t person = 0;
	bool name_ok = true;
	if (db_step(st) == DB_ROW) {
		person = db_int(st, 0);
		name_ok = !name || !strcmp(name, db_text(st, 1));
	}
	db_done(st);
	if (!person) {
		err_set(&e, 404, "person_not_found", "id_number", "人员库中没有该证件号码，请先登记人员",
			"no person with this ID number; register the person first");
		goto bad;
	}
	if (!name_ok) {
		err_set(&e, 422, "name_mismatch", "name", "姓名与人员库登记的不一致",
			"the name differs from the registry's");
		goto bad;
	}
	struct registration_input in = {.plan_id = m->plan,
					.person_id = person,
					.option = opt,
					.declared = declared,
					.related_major = major};
	int64_t reg = registration_create(m->d, m->a, &in, &e);
	if (reg < 0) {
		if (e.status >= 500) {
			m->fatal = e;
			return -1;
		}
		goto bad;
	}
	json_t *got = registration_get_json(m->d, m->a, reg, &e);
	if (!got) {
		m->fatal = e;
		return -1;
	}
	m->registered++;
	bool eligible = json_is_true(json_object_get(got, "eligible"));
	m->eligible += eligible;
	json_t *line = json_pack("{s:I,s:I,s:I,s:b}", "line", (json_int_t)record, "registration_id",
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
bad:
	reject(m, record, &e);
	return 0;
}

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
	struct imp m = {.d = d, .a = a, .plan = plan_id, .errors = json_array(), .regs = json_array()};
	json_t *out = NULL;
	if (db_begin(d, e) != 0)
		goto done;
	rc = csv_read_mem(data, len, row, &m, e);
	if (rc != 0 || err_isset(&m.fatal) || !m.header_ok) {
		db_rollback(d);
		if (err_isset(&m.fatal))
			*e = m.fatal;
		else if (!err_isset(e))
			err_set(e, 422, "empty_file", NULL, "文件为空或缺少表头",
				"the file is empty or has no header row");
		goto done;
	}
	bool undo = all_or_nothing && m.rejected > 0;
	if (!undo) {
		char ids[24];
		json_t *det = json_pack("{s:I,s:I,s:I}", "rows", (json_int_t)m.rows, "registered",
					(json_int_t)m.registered, "rejected", (json_int_t)m.rejected);
		int arc = audit_append(d, a, "registration.import", "plan", id_text(plan_id, ids), det, e);
		json_decref(det);
		if (arc != 0 || db_commit(d, e) != 0) {
			tx_fail(d);
			goto done;
		}
	} else {
		db_rollback(d);
	}
	out = json_pack("{s:I,s:I,s:I,s:I,s:b,s:O,s:o}", "rows", (json_int_t)m.rows, "registered",
			(json_int_t)(undo ? 0 : m.registered), "eligible",
			(json_int_t)(undo ? 0 : m.eligible), "rejected", (json_int_t)m.rejected, "stored",
			!undo, "errors", m.errors, "registrations",
			undo ? json_array() : json_incref(m.regs));
done:
	json_decref(m.errors);
	json_decref(m.regs);
	return out;
}
