#include "util/common.h"
#include "svc/registry/institutions.h"
#include "core/date.h"
#include "core/uscc.h"
#include "core/phone.h"
#include "store/query.h"
#include "svc/base/tx.h"
#include "svc/base/columns.h"
#include "svc/registry/view.h"
#include "svc/platform/special.h"

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

struct create_ctx {
	const struct inst_input *in;
	const char *code, *phone;
	bool override;
	char letter, today[11];
	int64_t now, id;
};

static int create_work(tx *t, void *p, err *e)
{
	struct create_ctx *c = p;
	const struct inst_input *in = c->in;
	db *d = t->d;
	int64_t serial = 0;
	if (c->letter) {
		/* the province allocates institution serials one by one, never twice */
		if (db_run(d,
			   "INSERT INTO counters (name, value) VALUES ('inst_serial', 0) ON CONFLICT DO "
			   "NOTHING",
			   DB_NOARGS, e) < 0 ||
		    db_one_int(d,
			       "UPDATE counters SET value = value + 1 WHERE name = 'inst_serial' RETURNING "
			       "value",
			       DB_NOARGS, &serial, e) != DB_OK)
			return -1;
		if (serial > 999999)
			return err_set(e, 409, "serials_exhausted", NULL, "机构序号已用尽",
				       "institution serials are exhausted");
	}
	char inst_code[32] = "";
	if (c->letter)
		snprintf(inst_code, sizeof inst_code, "%c000037%06lld", c->letter, (long long)serial);
	db_stmt *st = db_query(
		d,
		"INSERT INTO institutions (name, credit_code, check_override, type, region_code, "
		"inst_serial, "
		"inst_code, status, status_date, address, contact_name, contact_phone, created_at, "
		"updated_at) "
		"VALUES ($1,$2,$3,$4,$5,$6,$7,'filed',$8,$9,$10,$11,$12,$12) RETURNING id",
		DB_ARGS(DV_S(in->name), DV_S(c->code), DV_I(c->override), DV_S(in->type),
			DV_S(in->region_code), c->letter ? DV_I(serial) : DV_NULL,
			c->letter ? DV_S(inst_code) : DV_NULL, DV_S(c->today),
			DV_S(in->address ? in->address : ""), DV_S(in->contact_name ? in->contact_name : ""),
			DV_S(c->phone), DV_I(c->now)),
		e);
	int rc = st ? db_step(st) : DB_ERROR;
	if (rc == DB_ROW)
		c->id = db_int(st, 0);
	db_done(st);
	if (rc == DB_CONFLICT)
		return err_set(e, 409, "credit_code_taken", "credit_code", "该统一社会信用代码的机构已存在",
			       "an institution with this credit code exists");
	if (rc != DB_ROW)
		return st ? db_rc_to_err(d, rc, e) : -1;
	if (db_run(d,
		   "INSERT INTO institution_status_history (institution_id, status, reason, "
		   "status_date, actor_id, at) "
		   "VALUES ($1, 'filed', '备案', $2, $3, $4)",
		   DB_ARGS(DV_I(c->id), DV_S(c->today), t->a->user_id ? DV_I(t->a->user_id) : DV_NULL,
			   DV_I(c->now)),
		   e) < 0)
		return -1;
	json_t *det = json_pack("{s:s,s:s,s:s,s:s,s:s}", "name", in->name, "credit_code", c->code, "type",
				in->type, "region_code", in->region_code, "inst_code", inst_code);
	if (c->override)
		json_object_set_new(det, "accepted_check_mismatch", json_true());
	tx_audit(t, "institution.create", "institution", c->id, det);
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
	struct create_ctx c = {.in = in,
			       .code = code,
			       .override = override,
			       .letter = inst_letter(in->type),
			       .phone = phone,
			       .now = now_s()};
	date_format(date_today_utc8(), c.today);
	return svc_tx(d, a, create_work, &c, e) == 0 ? c.id : -1;
}

json_t *inst_get_json(db *d, const principal *a, int64_t id, err *e)
{
	json_t *o = list_one(d, a, &inst_list, "i.id = ?", DV_I(id), "机构不存在", "no such institution", e);
	if (!o)
		return NULL;
	json_t *scopes = rows_json(
		db_query(d,
			 "SELECT " INST_SCOPE_VIEW_COLS " FROM institution_scopes s JOIN occupations o "
			 "ON o.code = s.occupation_code WHERE s.institution_id = $1 ORDER BY "
			 "s.occupation_code",
			 DB_ARGS(DV_I(id)), e),
		inst_scope_view, e);
	if (!scopes) {
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
	.select_sql = "SELECT " INSTITUTION_VIEW_COLS " FROM institutions i",
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

struct update_ctx {
	int64_t id;
	const struct inst_input *in;
	const char *phone;
};

static int update_work(tx *t, void *p, err *e)
{
	struct update_ctx *c = p;
	static const char *const sql[] = {
		"UPDATE institutions SET name = $2, updated_at = $3 WHERE id = $1",
		"UPDATE institutions SET address = $2, updated_at = $3 WHERE id = $1",
		"UPDATE institutions SET contact_name = $2, updated_at = $3 WHERE id = $1",
		"UPDATE institutions SET contact_phone = $2, updated_at = $3 WHERE id = $1",
	};
	static const char *const field[] = {"name", "address", "contact_name", "contact_phone"};
	const char *given[] = {c->in->name, c->in->address, c->in->contact_name, c->in->contact_phone};
	const char *value[] = {c->in->name, c->in->address, c->in->contact_name, c->phone};
	int64_t now = now_s();
	json_t *changed = json_object();
	tx_audit(t, "institution.update", "institution", c->id, changed);
	for (size_t i = 0; i < ARRAY_LEN(sql); i++) {
		if (!given[i])
			continue;
		if (db_run(t->d, sql[i], DB_ARGS(DV_I(c->id), DV_S(value[i]), DV_I(now)), e) < 0)
			return -1;
		json_object_set_new(changed, field[i], json_string(value[i]));
	}
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
	struct update_ctx c = {.id = id, .in = in, .phone = phone};
	return svc_tx(d, a, update_work, &c, e);
}

struct status_ctx {
	int64_t id;
	const char *status, *reason;
	char date[11];
};

static int status_work(tx *t, void *p, err *e)
{
	struct status_ctx *c = p;
	db *d = t->d;
	char cur[16] = "";
	db_stmt *st = db_query(d, "SELECT status FROM institutions WHERE id = $1", DB_ARGS(DV_I(c->id)), e);
	if (!st)
		return -1;
	if (db_row(st, e) > 0)
		snprintf(cur, sizeof cur, "%s", db_text(st, 0));
	db_done(st);
	if (err_isset(e))
		return -1;
	bool ok = (!strcmp(cur, "filed") && strcmp(c->status, "filed")) ||
		  (!strcmp(cur, "suspended") && strcmp(c->status, "suspended"));
	if (!ok)
		return err_set(e, 409, "invalid_transition", "status", "机构当前状态为“%s”，不能变更为“%s”",
			       "the institution is %s and cannot become %s", inst_status_name(cur),
			       c->status);
	int64_t now = now_s();
	if (db_run(d,
		   "UPDATE institutions SET status = $2, status_reason = $3, status_date = $4, "
		   "updated_at = $5 WHERE id = $1",
		   DB_ARGS(DV_I(c->id), DV_S(c->status), DV_S(c->reason), DV_S(c->date), DV_I(now)), e) < 0 ||
	    db_run(d,
		   "INSERT INTO institution_status_history (institution_id, status, reason, "
		   "status_date, actor_id, at) "
		   "VALUES ($1,$2,$3,$4,$5,$6)",
		   DB_ARGS(DV_I(c->id), DV_S(c->status), DV_S(c->reason), DV_S(c->date),
			   t->a->user_id ? DV_I(t->a->user_id) : DV_NULL, DV_I(now)),
		   e) < 0)
		return -1;
	tx_audit(t, "institution.status", "institution", c->id,
		 json_pack("{s:s,s:s,s:s,s:s}", "from", cur, "to", c->status, "reason", c->reason, "date",
			   c->date));
	return 0;
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
	struct status_ctx c = {.id = id, .status = status, .reason = reason};
	snprintf(c.date, sizeof c.date, "%s", date ? date : today);
	return svc_tx(d, a, status_work, &c, e);
}

struct scope_ctx {
	int64_t id;
	const struct inst_scope *scopes;
	size_t n;
};

static int scope_work(tx *t, void *p, err *e)
{
	struct scope_ctx *c = p;
	db *d = t->d;
	/* 调整目录 (§66): a withdrawn 专项 item is not filed anew (one already in the scope stays, as its
	 * results and certificates do) */
	for (size_t i = 0; i < c->n; i++) {
		int64_t held = 0;
		if (db_one_int(d,
			       "SELECT COUNT(*) FROM institution_scopes WHERE institution_id = $1 AND "
			       "occupation_code = $2",
			       DB_ARGS(DV_I(c->id), DV_S(c->scopes[i].occupation_code)), &held, e) != DB_OK)
			return -1;
		if (!held && special_item_refuse(d, c->scopes[i].occupation_code, "occupation_code", e) != 0)
			return -1;
	}
	if (db_run(d, "DELETE FROM institution_scopes WHERE institution_id = $1", DB_ARGS(DV_I(c->id)), e) <
	    0)
		return -1;
	json_t *list = json_array();
	tx_audit(t, "institution.scope", "institution", c->id, json_pack("{s:o}", "scopes", list));
	for (size_t i = 0; i < c->n; i++) {
		const struct inst_scope *s = &c->scopes[i];
		int64_t offered = 0, special = 0;
		if (db_one_int(d, "SELECT levels FROM occupations WHERE code = $1",
			       DB_ARGS(DV_S(s->occupation_code)), &offered, e) != DB_OK)
			return err_isset(e) ? -1
					    : err_set(e, 422, "unknown_occupation", "occupation_code",
						      "职业编码不存在：%s", "unknown occupation code %s",
						      s->occupation_code);
		if (db_one_int(d, "SELECT COUNT(*) FROM occupations WHERE code = $1 AND kind = 'special'",
			       DB_ARGS(DV_S(s->occupation_code)), &special, e) != DB_OK)
			return -1;
		/* 专项职业能力 items have no levels: filed without any */
		if (!special && (s->levels_bad || !s->nlevels))
			return err_set(e, 422, "invalid_value", "levels", "levels 应为非空等级数组（5 到 1）",
				       "levels must be a non-empty array of levels 5..1");
		if (special && (s->levels_bad || s->nlevels))
			return err_set(e, 422, "invalid_value", "levels",
				       "专项职业能力不分等级，不应给出 levels",
				       "special abilities have no levels; omit 'levels'");
		int mask = 0;
		json_t *lv = json_array();
		for (size_t k = 0; k < s->nlevels; k++) {
			int level = s->levels[k];
			if (level < 1 || level > 5 || !(offered & (1 << level))) {
				json_decref(lv);
				return err_set(e, 422, "invalid_level", "levels", "职业 %s 不设该等级",
					       "occupation %s has no such level", s->occupation_code);
			}
			mask |= 1 << level;
			json_array_append_new(lv, json_integer(level));
		}
		json_t *item = json_pack("{s:s}", "occupation_code", s->occupation_code);
		if (s->levels_given)
			json_object_set_new(item, "levels", lv);
		else
			json_decref(lv);
		json_array_append_new(list, item);
		if (db_run(d,
			   "INSERT INTO institution_scopes (institution_id, occupation_code, levels) VALUES "
			   "($1,$2,$3)",
			   DB_ARGS(DV_I(c->id), DV_S(s->occupation_code), DV_I(mask)), e) < 0)
			return -1;
	}
	return 0;
}

int inst_set_scope(db *d, const principal *a, int64_t id, const struct inst_scope *scopes, size_t n, err *e)
{
	if (check_admin(d, a, id, e) != 0)
		return -1;
	if (a->role == ROLE_INSTITUTION_ADMIN)
		return err_set(e, 403, "forbidden", NULL, "备案范围由人社部门核定",
			       "only the bureaus set the filed scope");
	struct scope_ctx c = {.id = id, .scopes = scopes, .n = n};
	return svc_tx(d, a, scope_work, &c, e);
}

json_t *inst_history_json(db *d, const principal *a, int64_t id, err *e)
{
	json_t *cur = inst_get_json(d, a, id, e);
	if (!cur)
		return NULL;
	json_decref(cur);
	json_t *items =
		rows_json(db_query(d,
				   "SELECT " INST_STATUS_VIEW_COLS " FROM institution_status_history WHERE "
				   "institution_id = $1 ORDER BY id",
				   DB_ARGS(DV_I(id)), e),
			  inst_status_view, e);
	if (!items)
		return NULL;
	return json_pack("{s:o}", "items", items);
}

int inst_facts(db *d, int64_t id, struct inst_facts *f, err *e)
{
	memset(f, 0, sizeof *f);
	db_stmt *st = db_query(d, "SELECT type, status, region_code FROM institutions WHERE id = $1",
			       DB_ARGS(DV_I(id)), e);
	int row = st ? db_row(st, e) : -1;
	if (row == 1) {
		f->found = true;
		snprintf(f->type, sizeof f->type, "%s", db_text(st, 0));
		snprintf(f->status, sizeof f->status, "%s", db_text(st, 1));
		snprintf(f->region, sizeof f->region, "%s", db_text(st, 2));
	}
	db_done(st);
	return row < 0 ? -1 : 0;
}
