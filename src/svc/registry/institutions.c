#include "util/common.h"
#include "svc/registry/institutions.h"
#include "core/date.h"
#include "core/uscc.h"
#include "core/phone.h"
#include "store/query.h"
#include "svc/base/columns.h"
#include "svc/registry/view.h"

static const char *const types[] = {"employer", "social_org", "technical_school", "university", "training"};

char inst_letter(const char *type)
{
	if (!strcmp(type, "employer"))
		return 'Y';
	if (!strcmp(type, "training"))
		return 0;
	return 'S'; /* 社会培训评价组织; technical schools and universities are filed as such (docs/DOMAIN.md)
		     */
}

static int check_region(db *d, const principal *a, const char *code, err *e)
{
	int64_t n = 0;
	if (!code ||
	    db_one_int(d, "SELECT COUNT(*) FROM regions WHERE code = $1", DB_ARGS(DV_S(code)), &n, e) !=
		    DB_OK ||
	    !n)
		return err_set(e, 422, "invalid_region", "region_code", "行政区划代码不存在",
			       "unknown region code");
	if (scope_region_outside(a, SE_INSTITUTION, code))
		return err_set(e, 403, "forbidden", "region_code", "该地区不在您的管辖范围内",
			       "that region is outside your scope");
	return 0;
}

int64_t inst_create(db *d, const principal *a, const struct inst_input *in, err *e)
{
	if (check_text(in->name, "name", 100, true, e) || check_text(in->address, "address", 200, false, e) ||
	    check_text(in->contact_name, "contact_name", 50, false, e))
		return -1;
	bool type_ok = false;
	for (size_t i = 0; i < ARRAY_LEN(types); i++)
		type_ok |= in->type && !strcmp(in->type, types[i]);
	if (!type_ok)
		return err_set(e, 422, "invalid_type", "type",
			       "机构类型应为 employer、social_org、technical_school、university 或 training",
			       "type must be employer, social_org, technical_school, university or training");
	char code[19], want = 0;
	if (!in->credit_code)
		return err_set(e, 422, "missing_field", "credit_code", "缺少统一社会信用代码",
			       "missing required field 'credit_code'");
	uscc_normalize(in->credit_code, code);
	bool override = false;
	switch (uscc_check(code, &want)) {
	case USCC_OK:
		break;
	case USCC_BAD_CHECK:
		if (in->accept_check_mismatch && a->role == ROLE_PROVINCE_ADMIN) {
			override = true;
			break;
		}
		return err_set(e, 422, "credit_code_check_failed", "credit_code",
			       "统一社会信用代码校验码不符（应为 %c）；如确认无误，省级管理员可确认接受",
			       "the credit code's check character does not match (expected %c); a province "
			       "administrator "
			       "may accept it explicitly",
			       want);
	default:
		return err_set(e, 422, "invalid_credit_code", "credit_code",
			       "统一社会信用代码格式无效（18 位，不含 I、O、S、V、Z）",
			       "malformed unified social credit code (18 characters, no I, O, S, V or Z)");
	}
	char phone[24] = "";
	if (in->contact_phone && *in->contact_phone &&
	    phone_normalize(in->contact_phone, phone, sizeof phone) != 0)
		return err_set(e, 422, "invalid_phone", "contact_phone", "联系电话格式无效",
			       "invalid contact phone");
	if (check_region(d, a, in->region_code, e) != 0)
		return -1;
	char today[11];
	date_format(date_today_utc8(), today);
	int64_t now = now_s(), id = -1;
	char letter = inst_letter(in->type);
	if (db_begin(d, e) != 0)
		return -1;
	int64_t serial = 0;
	if (letter) {
		/* the province allocates institution serials one by one, never twice */
		if (db_run(d,
			   "INSERT INTO counters (name, value) VALUES ('inst_serial', 0) ON CONFLICT DO "
			   "NOTHING",
			   DB_NOARGS, e) < 0 ||
		    db_one_int(d,
			       "UPDATE counters SET value = value + 1 WHERE name = 'inst_serial' RETURNING "
			       "value",
			       DB_NOARGS, &serial, e) != DB_OK)
			return tx_fail(d);
		if (serial > 999999) {
			tx_fail(d);
			return err_set(e, 409, "serials_exhausted", NULL, "机构序号已用尽",
				       "institution serials are exhausted");
		}
	}
	char inst_code[32] = "";
	if (letter)
		snprintf(inst_code, sizeof inst_code, "%c000037%06lld", letter, (long long)serial);
	db_stmt *st = db_query(
		d,
		"INSERT INTO institutions (name, credit_code, check_override, type, region_code, "
		"inst_serial, "
		"inst_code, status, status_date, address, contact_name, contact_phone, created_at, "
		"updated_at) "
		"VALUES ($1,$2,$3,$4,$5,$6,$7,'filed',$8,$9,$10,$11,$12,$12) RETURNING id",
		DB_ARGS(DV_S(in->name), DV_S(code), DV_I(override), DV_S(in->type), DV_S(in->region_code),
			letter ? DV_I(serial) : DV_NULL, letter ? DV_S(inst_code) : DV_NULL, DV_S(today),
			DV_S(in->address ? in->address : ""), DV_S(in->contact_name ? in->contact_name : ""),
			DV_S(phone), DV_I(now)),
		e);
	int rc = st ? db_step(st) : DB_ERROR;
	if (rc == DB_ROW)
		id = db_int(st, 0);
	db_done(st);
	if (rc != DB_ROW) {
		tx_fail(d);
		if (rc == DB_CONFLICT)
			return err_set(e, 409, "credit_code_taken", "credit_code",
				       "该统一社会信用代码的机构已存在",
				       "an institution with this credit code exists");
		if (st)
			db_rc_to_err(d, rc, e);
		return -1;
	}
	char t[24];
	json_t *det = json_pack("{s:s,s:s,s:s,s:s,s:s}", "name", in->name, "credit_code", code, "type",
				in->type, "region_code", in->region_code, "inst_code", inst_code);
	if (override)
		json_object_set_new(det, "accepted_check_mismatch", json_true());
	int bad = db_run(d,
			 "INSERT INTO institution_status_history (institution_id, status, reason, "
			 "status_date, actor_id, at) "
			 "VALUES ($1, 'filed', '备案', $2, $3, $4)",
			 DB_ARGS(DV_I(id), DV_S(today), a->user_id ? DV_I(a->user_id) : DV_NULL, DV_I(now)),
			 e) < 0 ||
		  audit_append(d, a, "institution.create", "institution", id_text(id, t), det, e) != 0 ||
		  db_commit(d, e) != 0;
	json_decref(det);
	return bad ? tx_fail(d) : id;
}

json_t *inst_get_json(db *d, const principal *a, int64_t id, err *e)
{
	query q;
	q_init(&q, "SELECT " INST_COLS " FROM institutions i");
	q_and(&q, "i.id = ?", DV_I(id));
	scope_where(&q, a, SE_INSTITUTION, SCOPE_READ);
	db_stmt *st = q_query(d, &q, e);
	q_free(&q);
	if (!st)
		return NULL;
	json_t *o = NULL;
	int rc = db_step(st);
	if (rc == DB_ROW)
		o = institution_view(st);
	else if (rc == DB_DONE)
		err_set(e, 404, "not_found", NULL, "机构不存在", "no such institution");
	else
		db_rc_to_err(d, rc, e);
	db_done(st);
	if (!o)
		return NULL;
	json_t *scopes = json_array();
	st = db_query(d,
		      "SELECT s.occupation_code, s.levels, o.name FROM institution_scopes s JOIN occupations "
		      "o ON o.code = "
		      "s.occupation_code WHERE s.institution_id = $1 ORDER BY s.occupation_code",
		      DB_ARGS(DV_I(id)), e);
	while (st && db_step(st) == DB_ROW) {
		json_t *lv = json_array();
		int64_t mask = db_int(st, 1);
		for (int l = 5; l >= 1; l--)
			if (mask & (1 << l))
				json_array_append_new(lv, json_integer(l));
		json_array_append_new(scopes, json_pack("{s:s,s:s,s:o}", "occupation_code", db_text(st, 0),
							"occupation", db_text(st, 2), "levels", lv));
	}
	if (!st || db_finish(st, e) != 0) {
		json_decref(scopes);
		json_decref(o);
		return NULL;
	}
	json_object_set_new(o, "scopes", scopes);
	return o;
}

static const struct list_filter inst_filters[] = {
	{"name", "i.name LIKE ?", LIST_CONTAINS},
	{"type", "i.type = ?", LIST_EQ},
	{"status", "i.status = ?", LIST_EQ},
	{"region_code", "i.region_code LIKE ?", LIST_REGION},
};
static const struct list_sort inst_sorts[] = {
	{"name", "i.name"}, {"credit_code", "i.credit_code"}, {"created_at", "i.created_at"}};

const struct list_spec inst_list = {
	.name = "institutions",
	.scoped = true,
	.entity = SE_INSTITUTION,
	.count_sql = "SELECT COUNT(*) FROM institutions i",
	.select_sql = "SELECT " INST_COLS " FROM institutions i",
	.order = "i.id",
	LIST_FILTERS(inst_filters),
	LIST_SORTS(inst_sorts),
	.view = institution_view,
	LIST_COLS(cols_institutions),
};

/* only the province and the city of the institution administer it */
static int check_admin(db *d, const principal *a, int64_t id, err *e)
{
	if (scope_check(d, a, SE_INSTITUTION, id, SCOPE_WRITE, NULL, e) != 0)
		return -1;
	return 0;
}

int inst_update(db *d, const principal *a, int64_t id, const struct inst_input *in, err *e)
{
	if (check_admin(d, a, id, e) != 0)
		return -1;
	if ((in->name && check_text(in->name, "name", 100, true, e)) ||
	    check_text(in->address, "address", 200, false, e) ||
	    check_text(in->contact_name, "contact_name", 50, false, e))
		return -1;
	char phone[24] = "";
	if (in->contact_phone && *in->contact_phone &&
	    phone_normalize(in->contact_phone, phone, sizeof phone) != 0)
		return err_set(e, 422, "invalid_phone", "contact_phone", "联系电话格式无效",
			       "invalid contact phone");
	if (in->credit_code || in->type || in->region_code)
		return err_set(e, 422, "immutable_field",
			       in->credit_code ? "credit_code"
			       : in->type      ? "type"
					       : "region_code",
			       "信用代码、类型和地区在备案后不可修改",
			       "credit code, type and region cannot change after filing");
	if (db_begin(d, e) != 0)
		return -1;
	int64_t now = now_s();
	json_t *changed = json_object();
	int bad = 0;
	if (in->name) {
		bad |= db_run(d, "UPDATE institutions SET name = $2, updated_at = $3 WHERE id = $1",
			      DB_ARGS(DV_I(id), DV_S(in->name), DV_I(now)), e) < 0;
		json_object_set_new(changed, "name", json_string(in->name));
	}
	if (in->address) {
		bad |= db_run(d, "UPDATE institutions SET address = $2, updated_at = $3 WHERE id = $1",
			      DB_ARGS(DV_I(id), DV_S(in->address), DV_I(now)), e) < 0;
		json_object_set_new(changed, "address", json_string(in->address));
	}
	if (in->contact_name) {
		bad |= db_run(d, "UPDATE institutions SET contact_name = $2, updated_at = $3 WHERE id = $1",
			      DB_ARGS(DV_I(id), DV_S(in->contact_name), DV_I(now)), e) < 0;
		json_object_set_new(changed, "contact_name", json_string(in->contact_name));
	}
	if (in->contact_phone) {
		bad |= db_run(d, "UPDATE institutions SET contact_phone = $2, updated_at = $3 WHERE id = $1",
			      DB_ARGS(DV_I(id), DV_S(phone), DV_I(now)), e) < 0;
		json_object_set_new(changed, "contact_phone", json_string(phone));
	}
	char t[24];
	bad = bad ||
	      audit_append(d, a, "institution.update", "institution", id_text(id, t), changed, e) != 0 ||
	      db_commit(d, e) != 0;
	json_decref(changed);
	return bad ? tx_fail(d) : 0;
}

int inst_set_status(db *d, const principal *a, int64_t id, const char *status, const char *reason,
		    const char *date, err *e)
{
	if (check_admin(d, a, id, e) != 0)
		return -1;
	if (a->role == ROLE_INSTITUTION_ADMIN)
		return err_set(e, 403, "forbidden", NULL, "机构状态由人社部门变更",
			       "only the bureaus change an institution's status");
	if (!status || (strcmp(status, "filed") && strcmp(status, "suspended") && strcmp(status, "exited")))
		return err_set(e, 422, "invalid_value", "status",
			       "状态应为 filed（备案）、suspended（暂停）或 exited（退出）",
			       "status must be filed, suspended or exited");
	if (check_text(reason, "reason", 500, true, e) != 0)
		return -1;
	char today[11];
	int ymd;
	date_format(date_today_utc8(), today);
	if (date && date_parse(date, &ymd) != 0)
		return err_set(e, 422, "invalid_date", "date", "日期格式应为 YYYY-MM-DD",
			       "dates are YYYY-MM-DD");
	if (db_begin(d, e) != 0)
		return -1;
	char cur[16] = "";
	db_stmt *st = db_query(d, "SELECT status FROM institutions WHERE id = $1", DB_ARGS(DV_I(id)), e);
	if (st && db_step(st) == DB_ROW)
		snprintf(cur, sizeof cur, "%s", db_text(st, 0));
	db_done(st);
	bool ok = (!strcmp(cur, "filed") && strcmp(status, "filed")) ||
		  (!strcmp(cur, "suspended") && strcmp(status, "suspended"));
	if (!ok) {
		tx_fail(d);
		return err_set(e, 409, "invalid_transition", "status", "机构当前状态为“%s”，不能变更为“%s”",
			       "the institution is %s and cannot become %s", inst_status_name(cur), status);
	}
	int64_t now = now_s();
	const char *when = date ? date : today;
	char t[24];
	json_t *det =
		json_pack("{s:s,s:s,s:s,s:s}", "from", cur, "to", status, "reason", reason, "date", when);
	int bad = db_run(d,
			 "UPDATE institutions SET status = $2, status_reason = $3, status_date = $4, "
			 "updated_at = $5 WHERE id = $1",
			 DB_ARGS(DV_I(id), DV_S(status), DV_S(reason), DV_S(when), DV_I(now)), e) < 0 ||
		  db_run(d,
			 "INSERT INTO institution_status_history (institution_id, status, reason, "
			 "status_date, actor_id, at) "
			 "VALUES ($1,$2,$3,$4,$5,$6)",
			 DB_ARGS(DV_I(id), DV_S(status), DV_S(reason), DV_S(when),
				 a->user_id ? DV_I(a->user_id) : DV_NULL, DV_I(now)),
			 e) < 0 ||
		  audit_append(d, a, "institution.status", "institution", id_text(id, t), det, e) != 0 ||
		  db_commit(d, e) != 0;
	json_decref(det);
	return bad ? tx_fail(d) : 0;
}

int inst_set_scope(db *d, const principal *a, int64_t id, json_t *scopes, err *e)
{
	if (check_admin(d, a, id, e) != 0)
		return -1;
	if (a->role == ROLE_INSTITUTION_ADMIN)
		return err_set(e, 403, "forbidden", NULL, "备案范围由人社部门核定",
			       "only the bureaus set the filed scope");
	if (!json_is_array(scopes))
		return err_set(e, 422, "invalid_type", "scopes", "scopes 应为数组",
			       "scopes must be an array");
	if (db_begin(d, e) != 0)
		return -1;
	if (db_run(d, "DELETE FROM institution_scopes WHERE institution_id = $1", DB_ARGS(DV_I(id)), e) < 0)
		return tx_fail(d);
	size_t i;
	json_t *s;
	json_array_foreach(scopes, i, s)
	{
		const char *occ = jreq(s, "occupation_code", e);
		if (err_isset(e))
			return tx_fail(d);
		int64_t offered = 0, special = 0;
		if (db_one_int(d, "SELECT levels FROM occupations WHERE code = $1", DB_ARGS(DV_S(occ)),
			       &offered, e) != DB_OK) {
			tx_fail(d);
			return err_set(e, 422, "unknown_occupation", "occupation_code", "职业编码不存在：%s",
				       "unknown occupation code %s", occ);
		}
		if (db_one_int(d, "SELECT COUNT(*) FROM occupations WHERE code = $1 AND kind = 'special'",
			       DB_ARGS(DV_S(occ)), &special, e) != DB_OK)
			return tx_fail(d);
		json_t *lv = json_object_get(s, "levels");
		/* 专项职业能力 items have no levels: filed without any */
		if (!special && (!json_is_array(lv) || !json_array_size(lv))) {
			err_set(e, 422, "invalid_value", "levels", "levels 应为非空等级数组（5 到 1）",
				"levels must be a non-empty array of levels 5..1");
			return tx_fail(d);
		}
		if (special && lv && !(json_is_array(lv) && !json_array_size(lv))) {
			err_set(e, 422, "invalid_value", "levels", "专项职业能力不分等级，不应给出 levels",
				"special abilities have no levels; omit 'levels'");
			return tx_fail(d);
		}
		int mask = 0;
		size_t k;
		json_t *l;
		json_array_foreach(lv, k, l)
		{
			int level = json_is_integer(l) ? (int)json_integer_value(l) : 0;
			if (level < 1 || level > 5 || !(offered & (1 << level))) {
				tx_fail(d);
				return err_set(e, 422, "invalid_level", "levels", "职业 %s 不设该等级",
					       "occupation %s has no such level", occ);
			}
			mask |= 1 << level;
		}
		if (db_run(d,
			   "INSERT INTO institution_scopes (institution_id, occupation_code, levels) VALUES "
			   "($1,$2,$3)",
			   DB_ARGS(DV_I(id), DV_S(occ), DV_I(mask)), e) < 0)
			return tx_fail(d);
	}
	char t[24];
	json_t *det = json_pack("{s:O}", "scopes", scopes);
	int bad = audit_append(d, a, "institution.scope", "institution", id_text(id, t), det, e) != 0 ||
		  db_commit(d, e) != 0;
	json_decref(det);
	return bad ? tx_fail(d) : 0;
}

json_t *inst_history_json(db *d, const principal *a, int64_t id, err *e)
{
	json_t *cur = inst_get_json(d, a, id, e);
	if (!cur)
		return NULL;
	json_decref(cur);
	json_t *items = json_array();
	db_stmt *st = db_query(d,
			       "SELECT status, reason, status_date, at FROM institution_status_history WHERE "
			       "institution_id = "
			       "$1 ORDER BY id",
			       DB_ARGS(DV_I(id)), e);
	while (st && db_step(st) == DB_ROW)
		json_array_append_new(items, json_pack("{s:s,s:s,s:s,s:s,s:I}", "status", db_text(st, 0),
						       "status_name", inst_status_name(db_text(st, 0)), "reason",
						       db_text(st, 1), "date", db_text(st, 2), "at",
						       (json_int_t)db_int(st, 3)));
	if (!st || db_finish(st, e) != 0) {
		json_decref(items);
		return NULL;
	}
	return json_pack("{s:o}", "items", items);
}
