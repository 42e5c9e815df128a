/* card.c: 山东惠才卡 — categories and services as data, honours, the application flow, the signed card, its
 * revocation and status, providers and their recorded uses (see card.h) */
#include "util/common.h"
#include "svc/incentive/card.h"
#include "core/card_flow.h"
#include "core/date.h"
#include "crypto/sm2.h"
#include "crypto/sm3.h"
#include "crypto/token.h"
#include "store/query.h"
#include "svc/base/scope.h"
#include "svc/base/tx.h"
#include "svc/cert/issuers.h"
#include "svc/registry/refdata_load.h"
#include "svc/base/actions.h"

#define ISSUER_ZH "山东省高层次人才服务窗口"

static bool code_ok(const char *s, size_t max)
{
	size_t n = s ? strlen(s) : 0;
	if (n < 2 || n > max)
		return false;
	for (size_t k = 0; k < n; k++)
		if (!((s[k] >= 'a' && s[k] <= 'z') || (s[k] >= '0' && s[k] <= '9') || s[k] == '_'))
			return false;
	return true;
}

/* 0 for the province, else 403 with the messages (literals) */
#define province_only(a, zh, en, e)                                                                          \
	((a)->role == ROLE_PROVINCE_ADMIN ? 0 : err_set((e), 403, "forbidden", NULL, zh, en))

/* ---- the catalogue ---- */

static json_t *category_view(db_stmt *st)
{
	return json_pack("{s:s,s:s,s:s,s:b,s:I}", "code", db_text(st, 0), "name", db_text(st, 1), "source",
			 db_text(st, 2), "active", db_int(st, 3) != 0, "position", (json_int_t)db_int(st, 4));
}

static json_t *service_view(db_stmt *st)
{
	return json_pack("{s:s,s:I,s:s,s:s,s:b,s:[]}", "code", db_text(st, 0), "position",
			 (json_int_t)db_int(st, 1), "name", db_text(st, 2), "source", db_text(st, 3), "gap",
			 db_int(st, 4) != 0, "providers");
}

static json_t *term_view(db_stmt *st)
{
	return json_pack("{s:s,s:s,s:I,s:s}", "state", db_text(st, 0), "state_zh",
			 fsm_state_zh(&card_fsm, db_text(st, 0)), "days", (json_int_t)db_int(st, 1), "source",
			 db_text(st, 2));
}

static json_t *provider_link_view(db_stmt *st)
{
	return json_pack("{s:s,s:I,s:s,s:s}", "service_code", db_text(st, 0), "id", (json_int_t)db_int(st, 1),
			 "name", db_text(st, 2), "region_code", db_text(st, 3));
}

#define CATEGORY_COLS "code, name, source, active, position"

json_t *card_catalogue_json(db *d, err *e)
{
	json_t *cats =
		rows_json(db_query(d, "SELECT " CATEGORY_COLS " FROM card_categories ORDER BY position, code",
				   DB_NOARGS, e),
			  category_view, e);
	json_t *svcs =
		cats ? rows_json(db_query(d,
					  "SELECT code, position, name, source, gap FROM card_services "
					  "ORDER BY position",
					  DB_NOARGS, e),
				 service_view, e)
		     : NULL;
	json_t *terms =
		svcs ? rows_json(db_query(d,
					  "SELECT state, days, source FROM card_step_terms ORDER BY "
					  "CASE state WHEN 'applied' THEN 1 WHEN 'completed' THEN 2 WHEN "
					  "'approved' THEN 3 ELSE 4 END",
					  DB_NOARGS, e),
				 term_view, e)
		     : NULL;
	json_t *links =
		terms ? rows_json(db_query(d,
					   "SELECT ps.service_code, pr.id, pr.name, pr.region_code FROM "
					   "card_provider_services ps JOIN card_providers pr ON pr.id = "
					   "ps.provider_id WHERE pr.active = 1 ORDER BY pr.id",
					   DB_NOARGS, e),
				  provider_link_view, e)
		      : NULL;
	if (!links) {
		json_decref(cats);
		json_decref(svcs);
		json_decref(terms);
		return NULL;
	}
	size_t i, j;
	json_t *s, *l;
	json_array_foreach(svcs, i, s)
	{
		const char *code = json_string_value(json_object_get(s, "code"));
		json_array_foreach(links, j, l)
		{
			if (!strcmp(code, json_string_value(json_object_get(l, "service_code"))))
				json_array_append_new(json_object_get(s, "providers"),
						      json_pack("{s:O,s:O,s:O}", "id",
								json_object_get(l, "id"), "name",
								json_object_get(l, "name"), "region_code",
								json_object_get(l, "region_code")));
		}
	}
	json_decref(links);
	return json_pack("{s:o,s:o,s:o}", "categories", cats, "services", svcs, "terms", terms);
}

struct cat_ctx {
	const char *code, *name, *source;
	int active;
	bool created;
};

static int category_work(tx *t, void *ctx, err *e)
{
	struct cat_ctx *c = ctx;
	int64_t pos = 0;
	int rc = db_one_int(t->d, "SELECT position FROM card_categories WHERE code = $1",
			    DB_ARGS(DV_S(c->code)), &pos, e);
	if (rc != DB_OK && rc != DB_NOT_FOUND)
		return -1;
	c->created = rc == DB_NOT_FOUND;
	int64_t now = now_s();
	if (c->created) {
		if (db_run(t->d,
			   "INSERT INTO card_categories (code, name, source, active, position, updated_at) "
			   "VALUES "
			   "($1,$2,$3,$4,(SELECT COALESCE(MAX(position), 0) + 1 FROM card_categories),$5)",
			   DB_ARGS(DV_S(c->code), DV_S(c->name), DV_S(c->source), DV_I(c->active), DV_I(now)),
			   e) < 0)
			return -1;
	} else if (db_run(t->d,
			  "UPDATE card_categories SET name = $2, source = $3, active = $4, updated_at = $5 "
			  "WHERE "
			  "code = $1",
			  DB_ARGS(DV_S(c->code), DV_S(c->name), DV_S(c->source), DV_I(c->active), DV_I(now)),
			  e) < 0)
		return -1;
	tx_audit_key(t, c->created ? "talent_card.category_create" : "talent_card.category_update",
		     "card_category", c->code,
		     json_pack("{s:s,s:s,s:b}", "name", c->name, "source", c->source, "active", c->active));
	return 0;
}

json_t *card_category_put(db *d, const principal *a, const char *code, const char *name, const char *source,
			  int active, bool *created, err *e)
{
	if (province_only(a, "惠才卡类别由省级人社部门设定", "the province sets the card's categories", e))
		return NULL;
	if (!code_ok(code, 32)) {
		err_set(e, 404, "not_found", NULL, "类别代码应为 2 至 32 位小写字母、数字或下划线",
			"a category code is 2 to 32 lower-case letters, digits or underscores");
		return NULL;
	}
	if (check_text(name, "name", 60, true, e) || check_text(source, "source", CARD_TEXT_MAX, true, e))
		return NULL;
	struct cat_ctx c = {.code = code, .name = name, .source = source, .active = active != 0};
	if (svc_tx(d, a, category_work, &c, e) != 0)
		return NULL;
	*created = c.created;
	return row_json(db_query(d, "SELECT " CATEGORY_COLS " FROM card_categories WHERE code = $1",
				 DB_ARGS(DV_S(code)), e),
			category_view, e);
}

struct svc_ctx {
	const char *code, *name, *source;
};

static int service_work(tx *t, void *ctx, err *e)
{
	struct svc_ctx *c = ctx;
	int64_t pos = 0;
	int rc = db_one_int(t->d, "SELECT position FROM card_services WHERE code = $1",
			    DB_ARGS(DV_S(c->code)), &pos, e);
	if (rc == DB_NOT_FOUND)
		return err_set(e, 404, "not_found", NULL, "绿色通道服务不存在", "no such service");
	if (rc != DB_OK)
		return -1;
	if (db_run(t->d,
		   "UPDATE card_services SET name = $2, source = $3, gap = 0, updated_at = $4 WHERE code = "
		   "$1",
		   DB_ARGS(DV_S(c->code), DV_S(c->name), DV_S(c->source), DV_I(now_s())), e) < 0)
		return -1;
	tx_audit_key(t, "talent_card.service_update", "card_service", c->code,
		     json_pack("{s:s,s:s}", "name", c->name, "source", c->source));
	return 0;
}

json_t *card_service_put(db *d, const principal *a, const char *code, const char *name, const char *source,
			 err *e)
{
	if (province_only(a, "绿色通道服务由省级人社部门维护", "the province keeps the services", e))
		return NULL;
	if (!code_ok(code, 8)) {
		err_set(e, 404, "not_found", NULL, "绿色通道服务不存在", "no such service");
		return NULL;
	}
	if (check_text(name, "name", 60, true, e) || check_text(source, "source", CARD_TEXT_MAX, true, e))
		return NULL;
	struct svc_ctx c = {.code = code, .name = name, .source = source};
	if (svc_tx(d, a, service_work, &c, e) != 0)
		return NULL;
	json_t *o = row_json(
		db_query(d, "SELECT code, position, name, source, gap FROM card_services WHERE code = $1",
			 DB_ARGS(DV_S(code)), e),
		service_view, e);
	if (o)
		json_object_del(o, "providers");
	return o;
}

/* ---- honours ---- */

#define HONOUR_COLS "h.id, h.person_id, h.kind, h.title, h.awarded_on, h.source, h.created_at"

static json_t *honour_view(db_stmt *st)
{
	return json_pack("{s:I,s:I,s:s,s:s,s:s,s:s,s:I}", "id", (json_int_t)db_int(st, 0), "person_id",
			 (json_int_t)db_int(st, 1), "kind", db_text(st, 2), "title", db_text(st, 3),
			 "awarded_on", db_text(st, 4), "source", db_text(st, 5), "created_at",
			 (json_int_t)db_int(st, 6));
}

json_t *honours_json(db *d, const principal *a, int64_t person_id, err *e)
{
	if (scope_check(d, a, SE_PERSON, person_id, SCOPE_READ, NULL, e) != 0)
		return NULL;
	json_t *items = rows_json(db_query(d,
					   "SELECT " HONOUR_COLS
					   " FROM person_honours h WHERE h.person_id = $1 ORDER BY h.id",
					   DB_ARGS(DV_I(person_id)), e),
				  honour_view, e);
	return items ? json_pack("{s:o}", "items", items) : NULL;
}

struct honour_ctx {
	int64_t person;
	const struct honour_input *in;
	int64_t id;
	bool created;
};

static int honour_work(tx *t, void *ctx, err *e)
{
	struct honour_ctx *c = ctx;
	c->created = false;
	if (scope_check(t->d, t->a, SE_PERSON, c->person, SCOPE_WRITE, NULL, e) != 0)
		return -1;
	int rc = db_one_int(t->d,
			    "SELECT id FROM person_honours WHERE person_id = $1 AND kind = $2 AND title = $3",
			    DB_ARGS(DV_I(c->person), DV_S(c->in->kind), DV_S(c->in->title)), &c->id, e);
	if (rc == DB_OK) { /* the same honour imported again: it stands */
		tx_audit(t, "person.honour_import_again", "person", c->person,
			 json_pack("{s:I,s:s,s:s}", "honour_id", (json_int_t)c->id, "kind", c->in->kind,
				   "title", c->in->title));
		return 0;
	}
	if (rc != DB_NOT_FOUND)
		return -1;
	if (db_one_int(t->d,
		       "INSERT INTO person_honours (person_id, kind, title, awarded_on, source, imported_by, "
		       "created_at) VALUES ($1,$2,$3,$4,$5,$6,$7) RETURNING id",
		       DB_ARGS(DV_I(c->person), DV_S(c->in->kind), DV_S(c->in->title),
			       DV_S(c->in->awarded_on), DV_S(c->in->source),
			       t->a->user_id ? DV_I(t->a->user_id) : DV_NULL, DV_I(now_s())),
		       &c->id, e) != DB_OK)
		return -1;
	c->created = true;
	tx_audit(t, "person.honour_import", "person", c->person,
		 json_pack("{s:I,s:s,s:s,s:s,s:s}", "honour_id", (json_int_t)c->id, "kind", c->in->kind,
			   "title", c->in->title, "awarded_on", c->in->awarded_on, "source", c->in->source));
	return 0;
}

json_t *honour_add(db *d, const principal *a, int64_t person_id, const struct honour_input *in, bool *created,
		   err *e)
{
	if (a->role != ROLE_PROVINCE_ADMIN && a->role != ROLE_CITY_ADMIN) {
		err_set(e, 403, "forbidden", NULL, "荣誉由人社部门导入人才档案",
			"the bureau imports honours onto the talent record");
		return NULL;
	}
	if (!code_ok(in->kind, 32)) {
		err_set(e, 422, "invalid_value", "kind", "荣誉类别代码应为 2 至 32 位小写字母、数字或下划线",
			"kind is 2 to 32 lower-case letters, digits or underscores");
		return NULL;
	}
	int ymd = 0;
	if (check_text(in->title, "title", 100, true, e) ||
	    check_text(in->source, "source", CARD_TEXT_MAX, true, e))
		return NULL;
	if (in->awarded_on && *in->awarded_on &&
	    (date_parse(in->awarded_on, &ymd) != 0 || ymd > date_today_utc8())) {
		err_set(e, 422, "invalid_value", "awarded_on", "获得日期应为不晚于今天的 YYYY-MM-DD",
			"awarded_on is a date (YYYY-MM-DD) not after today");
		return NULL;
	}
	struct honour_input norm = *in;
	if (!norm.awarded_on)
		norm.awarded_on = "";
	struct honour_ctx c = {.person = person_id, .in = &norm};
	if (svc_tx(d, a, honour_work, &c, e) != 0)
		return NULL;
	*created = c.created;
	return row_json(db_query(d, "SELECT " HONOUR_COLS " FROM person_honours h WHERE h.id = $1",
				 DB_ARGS(DV_I(c.id)), e),
			honour_view, e);
}

/* ---- applications ---- */

#define APP_COLS                                                                                             \
	"ca.id, ca.person_id, p.name, ca.employer_id, i.name, ca.region_code, ca.category_code, cc.name, "   \
	"h.title, h.source, ca.status, ca.step_since, ca.due_on, ca.officer_note, ca.refused_reason, "       \
	"ca.created_at, ca.updated_at, COALESCE((SELECT tk.number FROM talent_cards tk WHERE "               \
	"tk.application_id = ca.id), '')"
#define APP_FROM                                                                                             \
	" FROM card_applications ca JOIN persons p ON p.id = ca.person_id JOIN institutions i ON i.id = "    \
	"ca.employer_id JOIN card_categories cc ON cc.code = ca.category_code JOIN person_honours h ON "     \
	"h.id = ca.honour_id"

static json_t *app_view(db_stmt *st)
{
	const char *status = db_text(st, 10), *due = db_text(st, 12);
	int due_ymd = 0;
	bool overdue = card_step_open(status) && date_parse(due, &due_ymd) == 0 &&
		       card_overdue(due_ymd, 0, date_today_utc8());
	return json_pack("{s:I,s:I,s:s,s:I,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:b,s:s,s:s,s:I,s:I,s:s}",
			 "id", (json_int_t)db_int(st, 0), "person_id", (json_int_t)db_int(st, 1),
			 "person_name", db_text(st, 2), "employer_id", (json_int_t)db_int(st, 3),
			 "employer_name", db_text(st, 4), "region_code", db_text(st, 5), "category_code",
			 db_text(st, 6), "category_name", db_text(st, 7), "honour_title", db_text(st, 8),
			 "honour_source", db_text(st, 9), "status", status, "status_zh",
			 fsm_state_zh(&card_fsm, status), "step_since", db_text(st, 11), "due_on", due,
			 "overdue", overdue, "officer_note", db_text(st, 13), "refused_reason",
			 db_text(st, 14), "created_at", (json_int_t)db_int(st, 15), "updated_at",
			 (json_int_t)db_int(st, 16), "card_number", db_text(st, 17));
}

static const struct list_filter app_filters[] = {
	{"status", "ca.status = ?", LIST_EQ, .max = 16},
	{"person_id", "ca.person_id = ?", LIST_ID},
	{"employer_id", "ca.employer_id = ?", LIST_ID},
	{"region_code", "ca.region_code LIKE ?", LIST_REGION, .max = 12},
	{"category_code", "ca.category_code = ?", LIST_EQ, .max = 32},
};

static const struct list_sort app_sorts[] = {
	{"id", "ca.id"},
	{"due_on", "ca.due_on"},
};

static const struct export_col app_cols[] = {
	{"id", "编号"},
	{"person_name", "姓名"},
	{"employer_name", "工作单位"},
	{"category_name", "类别"},
	{"honour_title", "荣誉"},
	{"status_zh", "状态"},
	{"due_on", "本环节期限"},
	{"refused_reason", "不予通过理由"},
	{"card_number", "卡号"},
};

const struct list_spec card_app_list = {
	.name = "talent_card_applications",
	.scoped = true,
	.entity = SE_CARD_APPLICATION,
	.count_sql = "SELECT COUNT(*)" APP_FROM,
	.select_sql = "SELECT " APP_COLS APP_FROM,
	.order = "CASE WHEN ca.status IN ('issued','refused') THEN 1 ELSE 0 END, ca.due_on, ca.id",
	LIST_FILTERS(app_filters),
	LIST_SORTS(app_sorts),
	.view = app_view,
	LIST_COLS(app_cols),
};

static json_t *record_view(db_stmt *st)
{
	const char *from = db_text(st, 0), *to = db_text(st, 1);
	return json_pack("{s:s,s:s,s:s,s:s,s:s,s:s,s:b,s:s,s:I}", "from", from, "from_zh",
			 fsm_state_zh(&card_fsm, from), "to", to, "to_zh", fsm_state_zh(&card_fsm, to),
			 "reason", db_text(st, 2), "due_on", db_text(st, 3), "overdue", db_int(st, 4) != 0,
			 "actor", db_text(st, 5), "at", (json_int_t)db_int(st, 6));
}

json_t *card_app_get_json(db *d, const principal *a, int64_t id, err *e)
{
	json_t *o = list_one(d, a, &card_app_list, "ca.id = ?", DV_I(id), "惠才卡申请不存在",
			     "no such card application", e);
	if (!o)
		return NULL;
	scope_owner ow;
	if (scope_load(d, a, SE_CARD_APPLICATION, id, &ow, e) != 0) {
		json_decref(o);
		return NULL;
	}
	bool may_change = scope_decide(a, SE_CARD_APPLICATION, &ow, SCOPE_WRITE) == 0;
	const char *status = json_string_value(json_object_get(o, "status"));
	json_t *acts = fsm_actions_json(&card_fsm, status, fsm_acting(a, may_change));
	json_object_set_new(o, "actions", acts);
	json_t *recs =
		rows_json(db_query(d,
				   "SELECT r.from_state, r.to_state, r.reason, r.due_on, r.overdue, "
				   "COALESCE(u.username, ''), r.at FROM card_application_records r LEFT "
				   "JOIN users u ON u.id = r.actor_id WHERE r.application_id = $1 ORDER BY "
				   "r.id",
				   DB_ARGS(DV_I(id)), e),
			  record_view, e);
	if (!recs) {
		json_decref(o);
		return NULL;
	}
	json_object_set_new(o, "records", recs);
	return o;
}

/* the deadline of a step entered today, from card_step_terms and the calendar ("" for a final state) */
static int step_due(db *d, const char *state, char out[11], err *e)
{
	out[0] = '\0';
	if (!card_step_open(state))
		return 0;
	int64_t days = 0;
	int rc = db_one_int(d, "SELECT days FROM card_step_terms WHERE state = $1", DB_ARGS(DV_S(state)),
			    &days, e);
	if (rc == DB_NOT_FOUND)
		return err_set(e, 500, "no_card_term", NULL, "惠才卡申请环节 %s 没有办理时限",
			       "the card step %s has no term", state);
	if (rc != DB_OK)
		return -1;
	size_t ncal = 0;
	struct cal_day *cal = calendar_load(d, &ncal, e);
	if (!cal)
		return -1;
	date_format(card_due(date_today_utc8(), (int)days, cal, ncal), out);
	free(cal);
	return 0;
}

struct apply_ctx {
	const char *category;
	int64_t id;
};

static int apply_work(tx *t, void *ctx, err *e)
{
	struct apply_ctx *c = ctx;
	int64_t person = t->a->person_id, employer = 0, honour = 0, n = 0;
	char region[16] = "";
	db_stmt *st =
		db_query(t->d,
			 "SELECT COALESCE(p.employer_id, 0), COALESCE(i.region_code, '') FROM persons p LEFT "
			 "JOIN institutions i ON i.id = p.employer_id WHERE p.id = $1",
			 DB_ARGS(DV_I(person)), e);
	int row = st ? db_row(st, e) : -1;
	if (row == 1) {
		employer = db_int(st, 0);
		snprintf(region, sizeof region, "%s", db_text(st, 1));
	}
	db_done(st);
	if (row < 0)
		return -1;
	if (row == 0)
		return err_set(e, 404, "not_found", NULL, "人员不存在", "no such person");
	if (!employer)
		return err_set(
			e, 422, "no_employer", NULL,
			"人才档案中没有工作单位：惠才卡由单位专员与用人单位逐级报送",
			"the talent record names no employer: the card goes through the employer's officer "
			"and the employer");
	int64_t active = 0;
	int rc = db_one_int(t->d, "SELECT active FROM card_categories WHERE code = $1",
			    DB_ARGS(DV_S(c->category)), &active, e);
	if (rc == DB_NOT_FOUND || (rc == DB_OK && !active))
		return err_set(e, 422, "invalid_value", "category_code", "没有这一惠才卡类别",
			       "no such card category");
	if (rc != DB_OK)
		return -1;
	rc = db_one_int(
		t->d, "SELECT id FROM person_honours WHERE person_id = $1 AND kind = $2 ORDER BY id LIMIT 1",
		DB_ARGS(DV_I(person), DV_S(c->category)), &honour, e);
	if (rc == DB_NOT_FOUND)
		return err_set(
			e, 422, "not_eligible", "category_code",
			"人才档案中没有此类别的荣誉（如需导入，请联系人社部门）",
			"the talent record holds no honour of this category (the bureau imports honours)");
	if (rc != DB_OK)
		return -1;
	if (db_one_int(t->d,
		       "SELECT COUNT(*) FROM card_applications WHERE person_id = $1 AND status IN "
		       "('applied','completed','approved','reviewed')",
		       DB_ARGS(DV_I(person)), &n, e) != DB_OK)
		return -1;
	if (n > 0)
		return err_set(e, 409, "application_open", NULL, "已有一份办理中的惠才卡申请",
			       "an application is already under way");
	if (db_one_int(t->d, "SELECT COUNT(*) FROM talent_cards WHERE person_id = $1 AND status = 'valid'",
		       DB_ARGS(DV_I(person)), &n, e) != DB_OK)
		return -1;
	if (n > 0)
		return err_set(e, 409, "card_held", NULL, "已持有有效的山东惠才卡",
			       "the person already holds a valid card");
	char today[11], due[11];
	date_format(date_today_utc8(), today);
	if (step_due(t->d, "applied", due, e) != 0)
		return -1;
	int64_t now = now_s();
	if (db_one_int(t->d,
		       "INSERT INTO card_applications (person_id, employer_id, region_code, category_code, "
		       "honour_id, status, step_since, due_on, created_at, updated_at) VALUES "
		       "($1,$2,$3,$4,$5,'applied',$6,$7,$8,$8) RETURNING id",
		       DB_ARGS(DV_I(person), DV_I(employer), DV_S(region), DV_S(c->category), DV_I(honour),
			       DV_S(today), DV_S(due), DV_I(now)),
		       &c->id, e) != DB_OK)
		return -1;
	if (db_run(t->d,
		   "INSERT INTO card_application_records (application_id, to_state, due_on, on_day, "
		   "actor_id, at) "
		   "VALUES ($1,'applied',$2,$3,$4,$5)",
		   DB_ARGS(DV_I(c->id), DV_S(due), DV_S(today), t->a->user_id ? DV_I(t->a->user_id) : DV_NULL,
			   DV_I(now)),
		   e) < 0)
		return -1;
	tx_audit(t, "talent_card.applied", "card_application", c->id,
		 json_pack("{s:I,s:I,s:s,s:I,s:s}", "person_id", (json_int_t)person, "employer_id",
			   (json_int_t)employer, "category_code", c->category, "honour_id",
			   (json_int_t)honour, "due_on", due));
	return 0;
}

json_t *card_apply(db *d, const principal *a, const char *category, err *e)
{
	if (a->role != ROLE_CANDIDATE || a->person_id <= 0) {
		err_set(e, 403, "forbidden", NULL, "惠才卡由本人申请", "the person applies for the card");
		return NULL;
	}
	if (!category || !*category) {
		err_set(e, 422, "missing_field", "category_code", "请选择惠才卡类别",
			"category_code is required");
		return NULL;
	}
	if (!code_ok(category, 32)) {
		err_set(e, 422, "invalid_value", "category_code", "没有这一惠才卡类别",
			"no such card category");
		return NULL;
	}
	struct apply_ctx c = {.category = category};
	if (svc_tx(d, a, apply_work, &c, e) != 0)
		return NULL;
	return card_app_get_json(d, a, c.id, e);
}

/* issue the card of application `app` in the move's transaction */
static int issue_card(tx *t, int64_t app, err *e)
{
	arena *ar = arena_new();
	int out = -1;
	int64_t person = 0, employer = 0, id = 0;
	char region[16] = "", category[40] = "", *name = NULL, *masked = NULL, *catname = NULL;
	db_stmt *st = db_query(
		t->d,
		"SELECT ca.person_id, ca.employer_id, ca.region_code, ca.category_code, p.name, "
		"p.id_masked, cc.name FROM card_applications ca JOIN persons p ON p.id = "
		"ca.person_id JOIN card_categories cc ON cc.code = ca.category_code WHERE ca.id = $1",
		DB_ARGS(DV_I(app)), e);
	int row = st ? db_row(st, e) : -1;
	if (row == 1) {
		person = db_int(st, 0);
		employer = db_int(st, 1);
		snprintf(region, sizeof region, "%s", db_text(st, 2));
		snprintf(category, sizeof category, "%s", db_text(st, 3));
		name = arena_strdup(ar, db_text(st, 4));
		masked = arena_strdup(ar, db_text(st, 5));
		catname = arena_strdup(ar, db_text(st, 6));
	}
	db_done(st);
	if (row != 1) {
		if (row == 0)
			err_set(e, 404, "not_found", NULL, "惠才卡申请不存在", "no such card application");
		goto done;
	}
	struct issuer_key k;
	if (issuer_key_get(t->d, ar, 0, "SM2", true, &k, e) != 0)
		goto done;
	char today[11], pending[32], number[16];
	date_format(date_today_utc8(), today);
	snprintf(pending, sizeof pending, "pending-%lld", (long long)app);
	if (db_one_int(
		    t->d,
		    "INSERT INTO talent_cards (number, application_id, person_id, employer_id, region_code, "
		    "category_code, issued_on, kid, payload, signature, created_at) VALUES "
		    "($1,$2,$3,$4,$5,$6,$7,$8,'','',$9) RETURNING id",
		    DB_ARGS(DV_S(pending), DV_I(app), DV_I(person), DV_I(employer), DV_S(region),
			    DV_S(category), DV_S(today), DV_S(k.kid), DV_I(now_s())),
		    &id, e) != DB_OK)
		goto done;
	if (card_number_make(date_today_utc8() / 10000, id, number) != 0) {
		err_set(e, 409, "card_numbers_exhausted", NULL, "惠才卡编号已用尽",
			"no card numbers are left");
		goto done;
	}
	struct card_payload p = {.number = number,
				 .name = name,
				 .id_masked = masked,
				 .category = category,
				 .category_name = catname,
				 .issued_on = today,
				 .issuer = ISSUER_ZH,
				 .kid = k.kid};
	char payload[2048];
	int len = card_payload_json(&p, payload, sizeof payload);
	if (len < 0) {
		ERR_INTERNAL(e, "card payload too long");
		goto done;
	}
	size_t siglen = 0;
	uint8_t *sig = sm2_sign(ar, k.private_key, payload, (size_t)len, &siglen);
	if (!sig) {
		ERR_INTERNAL(e, "SM2 signing failed");
		goto done;
	}
	if (db_run(t->d, "UPDATE talent_cards SET number = $2, payload = $3, signature = $4 WHERE id = $1",
		   DB_ARGS(DV_I(id), DV_S(number),
			   DV_S(b64url_encode(ar, (const uint8_t *)payload, (size_t)len)),
			   DV_S(b64url_encode(ar, sig, siglen))),
		   e) < 0)
		goto done;
	json_t *det = json_pack("{s:I,s:I,s:s,s:s}", "application_id", (json_int_t)app, "person_id",
				(json_int_t)person, "category_code", category, "kid", k.kid);
	out = tx_audit_now(t, "talent_card.issue", "talent_card", number, det, e);
	json_decref(det);
done:
	arena_free(ar);
	return out;
}

struct move_ctx {
	int64_t id;
	const char *to, *reason;
};

static int move_work(tx *t, void *ctx, err *e)
{
	struct move_ctx *c = ctx;
	if (scope_check(t->d, t->a, SE_CARD_APPLICATION, c->id, SCOPE_WRITE, NULL, e) != 0)
		return -1;
	char from[16] = "", due_was[11] = "", category[40] = "";
	int64_t person = 0, honour = 0;
	db_stmt *st =
		db_query(t->d,
			 "SELECT status, due_on, category_code, person_id, honour_id FROM card_applications "
			 "WHERE id = $1",
			 DB_ARGS(DV_I(c->id)), e);
	int row = st ? db_row(st, e) : -1;
	if (row == 1) {
		snprintf(from, sizeof from, "%s", db_text(st, 0));
		snprintf(due_was, sizeof due_was, "%s", db_text(st, 1));
		snprintf(category, sizeof category, "%s", db_text(st, 2));
		person = db_int(st, 3);
		honour = db_int(st, 4);
	}
	db_done(st);
	if (row < 0)
		return -1;
	if (row == 0)
		return err_set(e, 404, "not_found", NULL, "惠才卡申请不存在", "no such card application");
	int64_t held = 0, active = 0, cards = 0;
	if (db_one_int(t->d, "SELECT COUNT(*) FROM person_honours WHERE id = $1 AND person_id = $2",
		       DB_ARGS(DV_I(honour), DV_I(person)), &held, e) != DB_OK ||
	    db_one_int(t->d, "SELECT COUNT(*) FROM card_categories WHERE code = $1 AND active = 1",
		       DB_ARGS(DV_S(category)), &active, e) != DB_OK ||
	    db_one_int(t->d, "SELECT COUNT(*) FROM talent_cards WHERE person_id = $1 AND status = 'valid'",
		       DB_ARGS(DV_I(person)), &cards, e) != DB_OK)
		return -1;
	struct card_ctx fc = {
		.honour_held = held > 0, .category_active = active > 0, .has_valid_card = cards > 0};
	const struct fsm_transition *tr = NULL;
	if (fsm_decide(&card_fsm, from, c->to, fsm_acting(t->a, true), c->reason, &fc, &tr, e) != 0)
		return -1;
	int today = date_today_utc8(), due_ymd = 0;
	char today_s[11], due[11];
	date_format(today, today_s);
	bool late = date_parse(due_was, &due_ymd) == 0 && card_overdue(due_ymd, today, today);
	if (step_due(t->d, tr->to, due, e) != 0)
		return -1;
	const char *text = c->reason ? c->reason : "";
	unsigned fx = tr->effects;
	int64_t now = now_s();
	if (db_run(t->d,
		   "UPDATE card_applications SET status = $2, step_since = $3, due_on = $4, updated_at = $5, "
		   "officer_note = CASE WHEN $6 = 1 THEN $8 ELSE officer_note END, "
		   "refused_reason = CASE WHEN $7 = 1 THEN $8 ELSE refused_reason END WHERE id = $1",
		   DB_ARGS(DV_I(c->id), DV_S(tr->to), DV_S(today_s), DV_S(due), DV_I(now),
			   DV_I((fx & CARD_FX_NOTE) ? 1 : 0), DV_I((fx & CARD_FX_REFUSE) ? 1 : 0),
			   DV_S(text)),
		   e) < 0 ||
	    db_run(t->d,
		   "INSERT INTO card_application_records (application_id, from_state, to_state, reason, "
		   "due_on, "
		   "on_day, overdue, actor_id, at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)",
		   DB_ARGS(DV_I(c->id), DV_S(from), DV_S(tr->to), DV_S(text), DV_S(due_was), DV_S(today_s),
			   DV_I(late ? 1 : 0), t->a->user_id ? DV_I(t->a->user_id) : DV_NULL, DV_I(now)),
		   e) < 0)
		return -1;
	if ((fx & CARD_FX_ISSUE) && issue_card(t, c->id, e) != 0)
		return -1;
	tx_audit(t, tr->audit, "card_application", c->id,
		 json_pack("{s:s,s:s,s:s,s:s,s:b}", "from", from, "to", tr->to, "reason", text, "step_due_on",
			   due_was, "overdue", late));
	return 0;
}

int card_app_move(db *d, const principal *a, int64_t id, const char *to, const char *reason, err *e)
{
	if (fsm_check_state(&card_fsm, to, e) != 0)
		return -1;
	if (reason && check_text(reason, "reason", CARD_TEXT_MAX, false, e) != 0)
		return -1;
	struct move_ctx c = {.id = id, .to = to, .reason = reason && *reason ? reason : NULL};
	return svc_tx(d, a, move_work, &c, e);
}

/* ---- cards ---- */

#define CARD_COLS                                                                                            \
	"tk.id, tk.number, tk.person_id, p.name, p.id_masked, tk.employer_id, i.name, tk.region_code, "      \
	"tk.category_code, cc.name, tk.issued_on, tk.status, tk.revoked_on, tk.revoked_reason, tk.kid, "     \
	"tk.payload, tk.signature, tk.application_id"
#define CARD_FROM                                                                                            \
	" FROM talent_cards tk JOIN persons p ON p.id = tk.person_id JOIN institutions i ON i.id = "         \
	"tk.employer_id JOIN card_categories cc ON cc.code = tk.category_code"

static json_t *card_view(db_stmt *st)
{
	const char *status = db_text(st, 11);
	return json_pack(
		"{s:I,s:s,s:I,s:s,s:s,s:I,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:I}", "id",
		(json_int_t)db_int(st, 0), "number", db_text(st, 1), "person_id", (json_int_t)db_int(st, 2),
		"name", db_text(st, 3), "id_masked", db_text(st, 4), "employer_id", (json_int_t)db_int(st, 5),
		"employer_name", db_text(st, 6), "region_code", db_text(st, 7), "category_code",
		db_text(st, 8), "category_name", db_text(st, 9), "issued_on", db_text(st, 10), "status",
		status, "status_zh", strcmp(status, "valid") ? "已撤销" : "有效", "revoked_on",
		db_text(st, 12), "revoked_reason", db_text(st, 13), "kid", db_text(st, 14), "payload",
		db_text(st, 15), "signature", db_text(st, 16), "application_id", (json_int_t)db_int(st, 17));
}

static const struct list_filter card_filters[] = {
	{"status", "tk.status = ?", LIST_EQ, .max = 16},
	{"person_id", "tk.person_id = ?", LIST_ID},
	{"region_code", "tk.region_code LIKE ?", LIST_REGION, .max = 12},
	{"category_code", "tk.category_code = ?", LIST_EQ, .max = 32},
};

static const struct export_col card_cols[] = {
	{"number", "卡号"},	   {"name", "姓名"},	      {"employer_name", "工作单位"},
	{"category_name", "类别"}, {"issued_on", "发卡日期"}, {"status_zh", "状态"},
};

const struct list_spec talent_card_list = {
	.name = "talent_cards",
	.scoped = true,
	.entity = SE_TALENT_CARD,
	.count_sql = "SELECT COUNT(*)" CARD_FROM,
	.select_sql = "SELECT " CARD_COLS CARD_FROM,
	.order = "tk.id DESC",
	LIST_FILTERS(card_filters),
	.view = card_view,
	LIST_COLS(card_cols),
};

static json_t *use_view(db_stmt *st)
{
	return json_pack("{s:I,s:I,s:s,s:s,s:s,s:s,s:I}", "id", (json_int_t)db_int(st, 0), "provider_id",
			 (json_int_t)db_int(st, 1), "provider_name", db_text(st, 2), "service_code",
			 db_text(st, 3), "service_name", db_text(st, 4), "note", db_text(st, 5), "used_at",
			 (json_int_t)db_int(st, 6));
}

json_t *talent_card_get_json(db *d, const principal *a, const char *number, const char *base, err *e)
{
	if (!card_number_valid(number)) {
		err_set(e, 404, "not_found", NULL, "惠才卡不存在", "no such card");
		return NULL;
	}
	json_t *o = list_one(d, a, &talent_card_list, "tk.number = ?", DV_S(number), "惠才卡不存在",
			     "no such card", e);
	if (!o)
		return NULL;
	json_object_set_new(o, "qr_text",
			    json_sprintf("%s/k/%s?d=%s&s=%s", base, number,
					 json_string_value(json_object_get(o, "payload")),
					 json_string_value(json_object_get(o, "signature"))));
	json_t *uses =
		rows_json(db_query(d,
				   "SELECT u.id, u.provider_id, pr.name, u.service_code, s.name, u.note, "
				   "u.used_at FROM card_uses u JOIN card_providers pr ON pr.id = "
				   "u.provider_id JOIN card_services s ON s.code = u.service_code WHERE "
				   "u.card_id = $1 ORDER BY u.id DESC",
				   DB_ARGS(DV_I(json_integer_value(json_object_get(o, "id")))), e),
			  use_view, e);
	if (!uses) {
		json_decref(o);
		return NULL;
	}
	json_object_set_new(o, "uses", uses);
	return o;
}

struct revoke_ctx {
	const char *number, *reason;
};

static int revoke_work(tx *t, void *ctx, err *e)
{
	struct revoke_ctx *c = ctx;
	int64_t id = 0;
	char status[16] = "";
	db_stmt *st = db_query(t->d, "SELECT id, status FROM talent_cards WHERE number = $1",
			       DB_ARGS(DV_S(c->number)), e);
	int row = st ? db_row(st, e) : -1;
	if (row == 1) {
		id = db_int(st, 0);
		snprintf(status, sizeof status, "%s", db_text(st, 1));
	}
	db_done(st);
	if (row < 0)
		return -1;
	if (row == 0)
		return err_set(e, 404, "not_found", NULL, "惠才卡不存在", "no such card");
	if (scope_check(t->d, t->a, SE_TALENT_CARD, id, SCOPE_WRITE, NULL, e) != 0)
		return -1;
	if (strcmp(status, "valid"))
		return err_set(e, 409, "card_revoked", NULL, "惠才卡已撤销", "the card is already revoked");
	char today[11];
	date_format(date_today_utc8(), today);
	if (db_run(t->d,
		   "UPDATE talent_cards SET status = 'revoked', revoked_on = $2, revoked_reason = $3 WHERE "
		   "id = $1",
		   DB_ARGS(DV_I(id), DV_S(today), DV_S(c->reason)), e) < 0)
		return -1;
	tx_audit_key(t, "talent_card.revoke", "talent_card", c->number,
		     json_pack("{s:s,s:s}", "reason", c->reason, "revoked_on", today));
	return 0;
}

int talent_card_revoke(db *d, const principal *a, const char *number, const char *reason, err *e)
{
	if (province_only(a, "惠才卡由省高层次人才服务窗口撤销", "the provincial window revokes a card", e))
		return -1;
	if (!card_number_valid(number))
		return err_set(e, 404, "not_found", NULL, "惠才卡不存在", "no such card");
	if (check_text(reason, "reason", CARD_TEXT_MAX, true, e) != 0)
		return -1;
	struct revoke_ctx c = {.number = number, .reason = reason};
	return svc_tx(d, a, revoke_work, &c, e);
}

static json_t *public_view(db_stmt *st)
{
	const char *status = db_text(st, 1);
	return json_pack("{s:s,s:s,s:s,s:s,s:s,s:s}", "number", db_text(st, 0), "status", status, "status_zh",
			 strcmp(status, "valid") ? "已撤销" : "有效", "revoked_on", db_text(st, 2),
			 "issued_on", db_text(st, 3), "category_name", db_text(st, 4));
}

json_t *talent_card_public_json(db *d, const char *number, err *e)
{
	json_t *o =
		card_number_valid(number)
			? row_json(
				  db_query(
					  d,
					  "SELECT tk.number, tk.status, tk.revoked_on, tk.issued_on, cc.name "
					  "FROM talent_cards tk JOIN card_categories cc ON cc.code = "
					  "tk.category_code WHERE tk.number = $1",
					  DB_ARGS(DV_S(number)), e),
				  public_view, e)
			: NULL;
	if (!o && !err_isset(e))
		err_set(e, 404, "not_found", NULL, "惠才卡不存在", "no such card");
	return o;
}

/* ---- providers and uses ---- */

struct prov_ctx {
	const char *name, *region;
	const char *const *services;
	size_t n;
	char key[44], hash[65];
	int64_t id;
};

static int provider_work(tx *t, void *ctx, err *e)
{
	struct prov_ctx *c = ctx;
	int64_t n = 0;
	if (db_one_int(t->d, "SELECT COUNT(*) FROM regions WHERE code = $1", DB_ARGS(DV_S(c->region)), &n,
		       e) != DB_OK)
		return -1;
	if (n == 0)
		return err_set(e, 422, "invalid_value", "region_code", "行政区划不存在", "no such region");
	char hint[8];
	snprintf(hint, sizeof hint, "%.6s", c->key);
	if (db_one_int(t->d,
		       "INSERT INTO card_providers (name, region_code, key_hash, key_hint, created_by, "
		       "created_at) "
		       "VALUES ($1,$2,$3,$4,$5,$6) RETURNING id",
		       DB_ARGS(DV_S(c->name), DV_S(c->region), DV_S(c->hash), DV_S(hint),
			       t->a->user_id ? DV_I(t->a->user_id) : DV_NULL, DV_I(now_s())),
		       &c->id, e) != DB_OK)
		return -1;
	json_t *codes = json_array();
	for (size_t k = 0; k < c->n; k++) {
		if (db_one_int(t->d, "SELECT COUNT(*) FROM card_services WHERE code = $1",
			       DB_ARGS(DV_S(c->services[k])), &n, e) != DB_OK) {
			json_decref(codes);
			return -1;
		}
		if (n == 0) {
			json_decref(codes);
			return err_set(e, 422, "invalid_value", "services", "绿色通道服务 %s 不存在",
				       "no such service %s", c->services[k]);
		}
		if (db_run(t->d,
			   "INSERT INTO card_provider_services (provider_id, service_code) VALUES ($1,$2) ON "
			   "CONFLICT DO NOTHING",
			   DB_ARGS(DV_I(c->id), DV_S(c->services[k])), e) < 0) {
			json_decref(codes);
			return -1;
		}
		json_array_append_new(codes, json_string(c->services[k]));
	}
	tx_audit(t, "talent_card.provider_create", "card_provider", c->id,
		 json_pack("{s:s,s:s,s:o,s:s}", "name", c->name, "region_code", c->region, "services", codes,
			   "key_hint", hint));
	return 0;
}

json_t *card_provider_create(db *d, const principal *a, const char *name, const char *region,
			     const char *const *services, size_t n, err *e)
{
	return card_provider_create_keyed(d, a, name, region, services, n, NULL, e);
}

json_t *card_provider_create_keyed(db *d, const principal *a, const char *name, const char *region,
				   const char *const *services, size_t n, const char *key, err *e)
{
	if (province_only(a, "服务单位由省级人社部门登记", "the province registers service providers", e))
		return NULL;
	if (check_text(name, "name", 60, true, e) || check_text(region, "region_code", 12, true, e))
		return NULL;
	if (n == 0 || n > 29) {
		err_set(e, 422, "invalid_value", "services", "请选择 1 至 29 项服务",
			"services lists 1 to 29 services");
		return NULL;
	}
	struct prov_ctx c = {.name = name, .region = region, .services = services, .n = n};
	if (key && (strlen(key) < 20 || strlen(key) > 43)) {
		err_set(e, 422, "invalid_value", "key", "密钥应为 20 至 43 个字符",
			"a key is 20 to 43 characters");
		return NULL;
	}
	if (key)
		snprintf(c.key, sizeof c.key, "%s", key);
	else
		token_new(c.key);
	token_hash(c.key, c.hash);
	if (svc_tx(d, a, provider_work, &c, e) != 0)
		return NULL;
	json_t *svcs = json_array();
	for (size_t k = 0; k < n; k++)
		json_array_append_new(svcs, json_string(services[k]));
	return json_pack("{s:I,s:s,s:s,s:o,s:s}", "id", (json_int_t)c.id, "name", name, "region_code", region,
			 "services", svcs, "key", c.key);
}

struct use_ctx {
	const char *hash, *number, *service, *note;
	int64_t id;
};

static int use_work(tx *t, void *ctx, err *e)
{
	struct use_ctx *c = ctx;
	int64_t provider = 0, offers = 0, card = 0, active = 0;
	int rc = db_one_int(t->d, "SELECT id FROM card_providers WHERE key_hash = $1", DB_ARGS(DV_S(c->hash)),
			    &provider, e);
	if (rc == DB_NOT_FOUND)
		return err_set(e, 401, "provider_key_invalid", NULL, "服务单位密钥无效",
			       "the provider key is not valid");
	if (rc != DB_OK || db_one_int(t->d, "SELECT active FROM card_providers WHERE id = $1",
				      DB_ARGS(DV_I(provider)), &active, e) != DB_OK)
		return -1;
	/* a suspended provider's key is refused (the province suspends it: card_provider_set_active) */
	if (!active)
		return err_set(e, 403, "provider_suspended", NULL, "服务单位已被暂停，不能登记服务",
			       "the provider is suspended and cannot record uses");
	if (db_one_int(t->d,
		       "SELECT COUNT(*) FROM card_provider_services WHERE provider_id = $1 AND service_code "
		       "= $2",
		       DB_ARGS(DV_I(provider), DV_S(c->service)), &offers, e) != DB_OK)
		return -1;
	if (!offers)
		return err_set(e, 403, "service_not_provided", "service_code", "本单位未登记提供此项服务",
			       "this provider is not registered for the service");
	char status[16] = "";
	db_stmt *st = db_query(t->d, "SELECT id, status FROM talent_cards WHERE number = $1",
			       DB_ARGS(DV_S(c->number)), e);
	int row = st ? db_row(st, e) : -1;
	if (row == 1) {
		card = db_int(st, 0);
		snprintf(status, sizeof status, "%s", db_text(st, 1));
	}
	db_done(st);
	if (row < 0)
		return -1;
	if (row == 0)
		return err_set(e, 404, "not_found", NULL, "惠才卡不存在", "no such card");
	if (strcmp(status, "valid"))
		return err_set(e, 409, "card_revoked", NULL, "惠才卡已撤销", "the card is revoked");
	if (db_one_int(t->d,
		       "INSERT INTO card_uses (card_id, provider_id, service_code, note, used_at) VALUES "
		       "($1,$2,$3,$4,$5) RETURNING id",
		       DB_ARGS(DV_I(card), DV_I(provider), DV_S(c->service), DV_S(c->note), DV_I(now_s())),
		       &c->id, e) != DB_OK)
		return -1;
	tx_audit_key(t, "talent_card.use", "talent_card", c->number,
		     json_pack("{s:I,s:I,s:s,s:s}", "use_id", (json_int_t)c->id, "provider_id",
			       (json_int_t)provider, "service_code", c->service, "note", c->note));
	return 0;
}

json_t *card_use_record(db *d, const principal *a, const char *key, const char *number, const char *service,
			const char *note, err *e)
{
	if (!key || !*key) {
		err_set(e, 401, "provider_key_required", NULL, "请提供服务单位密钥（X-Provider-Key）",
			"the provider key (X-Provider-Key) is required");
		return NULL;
	}
	if (strlen(key) > 64) {
		err_set(e, 401, "provider_key_invalid", NULL, "服务单位密钥无效",
			"the provider key is not valid");
		return NULL;
	}
	if (!number || !*number) {
		err_set(e, 422, "missing_field", "number", "请提供卡号", "number is required");
		return NULL;
	}
	if (!service || !*service) {
		err_set(e, 422, "missing_field", "service_code", "请选择服务项目",
			"service_code is required");
		return NULL;
	}
	if (strlen(service) > 8) {
		err_set(e, 422, "invalid_value", "service_code", "绿色通道服务不存在", "no such service");
		return NULL;
	}
	if (note && check_text(note, "note", CARD_TEXT_MAX, false, e) != 0)
		return NULL;
	char hash[65];
	token_hash(key, hash);
	struct use_ctx c = {.hash = hash, .number = number, .service = service, .note = note ? note : ""};
	if (!card_number_valid(number)) {
		/* the key is checked first, so an unknown key learns nothing about numbers */
		c.number = "";
	}
	if (svc_tx(d, a, use_work, &c, e) != 0)
		return NULL;
	return row_json(
		db_query(d,
			 "SELECT u.id, u.provider_id, pr.name, u.service_code, s.name, u.note, u.used_at "
			 "FROM card_uses u JOIN card_providers pr ON pr.id = u.provider_id JOIN "
			 "card_services s ON s.code = u.service_code WHERE u.id = $1",
			 DB_ARGS(DV_I(c.id)), e),
		use_view, e);
}

/* ---- the province's management of providers (issue 22 item 8) ---- */

#define PROVIDER_COLS                                                                                        \
	"pr.id, pr.name, pr.region_code, pr.key_hint, pr.active, pr.suspended_reason, pr.suspended_at, "     \
	"pr.key_rotated_at, pr.created_at, (SELECT COUNT(*) FROM card_uses u WHERE u.provider_id = pr.id)"

static json_t *provider_view(db_stmt *st)
{
	return json_pack("{s:I,s:s,s:s,s:s,s:b,s:s,s:I,s:I,s:I,s:I,s:o}", "id", (json_int_t)db_int(st, 0),
			 "name", db_text(st, 1), "region_code", db_text(st, 2), "key_hint", db_text(st, 3),
			 "active", db_int(st, 4) != 0, "suspended_reason", db_text(st, 5), "suspended_at",
			 (json_int_t)db_int(st, 6), "key_rotated_at", (json_int_t)db_int(st, 7), "created_at",
			 (json_int_t)db_int(st, 8), "uses", (json_int_t)db_int(st, 9), "services",
			 json_array());
}

/* the services of each provider in `items`, by id */
static int provider_services(db *d, json_t *items, err *e)
{
	db_stmt *st = db_query(d,
			       "SELECT provider_id, service_code FROM card_provider_services ORDER BY "
			       "provider_id, service_code",
			       DB_NOARGS, e);
	while (st && db_step(st) == DB_ROW) {
		size_t i;
		json_t *p;
		json_array_foreach(items, i,
				   p) if (json_integer_value(json_object_get(p, "id")) == db_int(st, 0))
			json_array_append_new(json_object_get(p, "services"), json_string(db_text(st, 1)));
	}
	return st ? db_finish(st, e) : -1;
}

json_t *card_providers_json(db *d, const principal *a, err *e)
{
	if (province_only(a, "服务单位由省级人社部门管理", "the province manages service providers", e))
		return NULL;
	json_t *items = rows_json(
		db_query(d, "SELECT " PROVIDER_COLS " FROM card_providers pr ORDER BY pr.id", DB_NOARGS, e),
		provider_view, e);
	if (!items || provider_services(d, items, e)) {
		json_decref(items);
		return NULL;
	}
	return json_pack("{s:o}", "items", items);
}

static json_t *provider_one(db *d, int64_t id, err *e)
{
	json_t *items =
		rows_json(db_query(d, "SELECT " PROVIDER_COLS " FROM card_providers pr WHERE pr.id = $1",
				   DB_ARGS(DV_I(id)), e),
			  provider_view, e);
	if (!items || provider_services(d, items, e)) {
		json_decref(items);
		return NULL;
	}
	json_t *o = json_incref(json_array_get(items, 0));
	json_decref(items);
	if (!o)
		err_set(e, 404, "not_found", NULL, "服务单位不存在", "no such provider");
	return o;
}

struct prov_state_ctx {
	int64_t id;
	bool active;
	const char *reason;
	char key[44], hash[65];
};

static int provider_exists(tx *t, int64_t id, int64_t *active, err *e)
{
	int rc = db_one_int(t->d, "SELECT active FROM card_providers WHERE id = $1", DB_ARGS(DV_I(id)),
			    active, e);
	if (rc == DB_NOT_FOUND)
		return err_set(e, 404, "not_found", NULL, "服务单位不存在", "no such provider");
	return rc == DB_OK ? 0 : -1;
}

static int provider_state_work(tx *t, void *ctx, err *e)
{
	struct prov_state_ctx *c = ctx;
	int64_t was = 0;
	if (provider_exists(t, c->id, &was, e))
		return -1;
	if ((was != 0) == c->active)
		return err_set(e, 409, "invalid_state", "active",
			       c->active ? "服务单位未被暂停" : "服务单位已被暂停",
			       c->active ? "the provider is not suspended"
					 : "the provider is already suspended");
	if (db_run(t->d,
		   "UPDATE card_providers SET active = $2, suspended_reason = $3, suspended_at = $4 WHERE id "
		   "= $1",
		   DB_ARGS(DV_I(c->id), DV_I(c->active ? 1 : 0), DV_S(c->active ? "" : c->reason),
			   DV_I(c->active ? 0 : now_s())),
		   e) < 0)
		return -1;
	tx_audit(t, c->active ? "talent_card.provider_resume" : "talent_card.provider_suspend",
		 "card_provider", c->id, json_pack("{s:s}", "reason", c->reason ? c->reason : ""));
	return 0;
}

json_t *card_provider_set_active(db *d, const principal *a, int64_t id, bool active, const char *reason,
				 err *e)
{
	if (province_only(a, "服务单位由省级人社部门管理", "the province manages service providers", e))
		return NULL;
	if (!active && (!reason || !*reason))
		return err_set(e, 422, "missing_field", "reason", "暂停服务单位须说明理由",
			       "a suspension needs a reason"),
		       NULL;
	if (reason && check_text(reason, "reason", CARD_TEXT_MAX, false, e))
		return NULL;
	struct prov_state_ctx c = {.id = id, .active = active, .reason = reason};
	if (svc_tx(d, a, provider_state_work, &c, e))
		return NULL;
	return provider_one(d, id, e);
}

static int provider_key_work(tx *t, void *ctx, err *e)
{
	struct prov_state_ctx *c = ctx;
	int64_t active = 0;
	if (provider_exists(t, c->id, &active, e))
		return -1;
	char hint[8];
	snprintf(hint, sizeof hint, "%.6s", c->key);
	if (db_run(t->d,
		   "UPDATE card_providers SET key_hash = $2, key_hint = $3, key_rotated_at = $4 WHERE id = "
		   "$1",
		   DB_ARGS(DV_I(c->id), DV_S(c->hash), DV_S(hint), DV_I(now_s())), e) < 0)
		return -1;
	/* the key itself is never audited: its hint only */
	tx_audit(t, "talent_card.provider_key_rotate", "card_provider", c->id,
		 json_pack("{s:s}", "key_hint", hint));
	return 0;
}

json_t *card_provider_rotate_key(db *d, const principal *a, int64_t id, err *e)
{
	if (province_only(a, "服务单位由省级人社部门管理", "the province manages service providers", e))
		return NULL;
	struct prov_state_ctx c = {.id = id};
	token_new(c.key);
	token_hash(c.key, c.hash);
	if (svc_tx(d, a, provider_key_work, &c, e))
		return NULL;
	json_t *o = provider_one(d, id, e);
	if (o)
		json_object_set_new(o, "key", json_string(c.key));
	return o;
}

static json_t *provider_use_view(db_stmt *st)
{
	json_t *o = use_view(st);
	json_object_set_new(o, "card_number", json_string(db_text(st, 7)));
	json_object_set_new(o, "holder", json_string(db_text(st, 8)));
	return o;
}

json_t *card_provider_uses_json(db *d, const principal *a, int64_t id, err *e)
{
	if (province_only(a, "服务单位由省级人社部门管理", "the province manages service providers", e))
		return NULL;
	json_t *p = provider_one(d, id, e);
	if (!p)
		return NULL;
	json_t *items =
		rows_json(db_query(d,
				   "SELECT u.id, u.provider_id, pr.name, u.service_code, s.name, "
				   "u.note, u.used_at, tk.number, "
				   "p.name FROM card_uses u JOIN card_providers pr ON pr.id = "
				   "u.provider_id JOIN card_services "
				   "s ON s.code = u.service_code JOIN talent_cards tk ON tk.id = "
				   "u.card_id JOIN persons p ON p.id = tk.person_id WHERE u.provider_id = "
				   "$1 ORDER BY u.id DESC LIMIT 500",
				   DB_ARGS(DV_I(id)), e),
			  provider_use_view, e);
	if (!items) {
		json_decref(p);
		return NULL;
	}
	return json_pack("{s:o,s:o}", "provider", p, "items", items);
}

/* ---- public honours: the holder's consent, the verification page ---- */

static json_t *public_honour_view(db_stmt *st)
{
	return json_pack("{s:s,s:s,s:s}", "kind", db_text(st, 0), "title", db_text(st, 1), "awarded_on",
			 db_text(st, 2));
}

json_t *honours_public_of_person(db *d, int64_t person_id, err *e)
{
	/* the consent in the same statement: none (or a consent withdrawn a moment ago) reads as no honours
	 */
	return rows_json(
		db_query(d,
			 "SELECT h.kind, h.title, h.awarded_on FROM person_honours h JOIN persons p ON "
			 "p.id = h.person_id WHERE h.person_id = $1 AND p.public_honours <> 0 ORDER BY "
			 "h.awarded_on, h.id",
			 DB_ARGS(DV_I(person_id)), e),
		public_honour_view, e);
}

struct consent_ctx {
	int64_t person;
	bool on, was;
};

static int consent_work(tx *t, void *ctx, err *e)
{
	struct consent_ctx *c = ctx;
	int64_t was = 0;
	if (db_one_int(t->d, "SELECT public_honours FROM persons WHERE id = $1", DB_ARGS(DV_I(c->person)),
		       &was, e) != DB_OK)
		return -1;
	c->was = was != 0;
	if (db_run(t->d, "UPDATE persons SET public_honours = $2 WHERE id = $1",
		   DB_ARGS(DV_I(c->person), DV_I(c->on ? 1 : 0)), e) < 0)
		return -1;
	tx_audit(t, "person.public_honours", "person", c->person,
		 json_pack("{s:b,s:b}", "from", c->was, "to", c->on));
	return 0;
}

json_t *public_honours_set(db *d, const principal *a, bool on, err *e)
{
	if (a->role != ROLE_CANDIDATE || a->person_id <= 0)
		return err_set(e, 403, "forbidden", NULL, "是否公开荣誉由本人设置",
			       "only the holder sets whether their honours are public"),
		       NULL;
	struct consent_ctx c = {.person = a->person_id, .on = on};
	if (svc_tx(d, a, consent_work, &c, e))
		return NULL;
	json_t *h = honours_json(d, a, a->person_id, e);
	if (!h)
		return NULL;
	json_object_set_new(h, "public_honours", json_boolean(on));
	return h;
}

/* ---- the talent record's part ---- */

int card_talent_add(db *d, const principal *a, int64_t person_id, json_t *rec, err *e)
{
	json_t *honours = rows_json(db_query(d,
					     "SELECT " HONOUR_COLS
					     " FROM person_honours h WHERE h.person_id = $1 ORDER BY h.id",
					     DB_ARGS(DV_I(person_id)), e),
				    honour_view, e);
	if (!honours)
		return -1;
	/* the cards the caller may read (SE_TALENT_CARD: the province, the employer's city and administrator,
	 * the holder) */
	char pid[24];
	struct list_args la = {.limit = 50};
	list_set(&la, &talent_card_list, "person_id", id_text(person_id, pid));
	json_t *l = list_run(d, a, &talent_card_list, &la, e);
	if (!l) {
		json_decref(honours);
		return -1;
	}
	json_t *cards = json_incref(json_object_get(l, "items"));
	json_decref(l);
	int64_t consent = 0;
	if (db_one_int(d, "SELECT public_honours FROM persons WHERE id = $1", DB_ARGS(DV_I(person_id)),
		       &consent, e) != DB_OK) {
		json_decref(honours);
		json_decref(cards);
		return -1;
	}
	json_object_set_new(rec, "public_honours", json_boolean(consent != 0));
	json_object_set_new(rec, "honours", honours);
	json_object_set_new(rec, "talent_cards", cards);
	return 0;
}
