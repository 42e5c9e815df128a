/* new_occupations.c: 新职业信息征集 — a city bureau, an enterprise or a school proposes a new occupation; the
 * province forwards it to 人社部 or declines it; its adoption into the 职业分类大典 (the edition, and its
 * code there, which adds it to the occupation registry) or its non-adoption is recorded (special.h;
 * core/special.h newocc_fsm; docs/DOMAIN.md §66) */
#include "util/common.h"
#include "svc/platform/special.h"
#include "svc/platform/platform_int.h"
#include "core/date.h"
#include "core/scope.h"
#include "core/special.h"
#include "svc/base/scope.h"
#include "svc/base/svc.h"
#include "svc/registry/refdata_load.h"

#define NO_COLS                                                                                              \
	"nop.id, nop.name, nop.field, nop.description, COALESCE(nop.institution_id, 0), COALESCE(i.name, "   \
	"''), "                                                                                              \
	"nop.region_code, COALESCE(r.name, ''), nop.status, nop.opinion, nop.dadian_edition, "               \
	"COALESCE(nop.occupation_code, ''), nop.decided_on, nop.created_at, nop.updated_at"
#define NO_FROM                                                                                              \
	" FROM new_occupation_proposals nop LEFT JOIN institutions i ON i.id = nop.institution_id LEFT "     \
	"JOIN "                                                                                              \
	"regions r ON r.code = nop.region_code"

static json_t *no_view(db_stmt *st)
{
	const char *status = db_text(st, 8), *f = newocc_field_zh(db_text(st, 2));
	json_t *o = json_pack("{s:I,s:s,s:s,s:s,s:s,s:I,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:I,s:I}", "id",
			      (json_int_t)db_int(st, 0), "name", db_text(st, 1), "field", db_text(st, 2),
			      "field_zh", f ? f : "", "description", db_text(st, 3), "institution_id",
			      (json_int_t)db_int(st, 4), "institution_name", db_text(st, 5), "region_code",
			      db_text(st, 6), "region_name", db_text(st, 7), "status", status, "status_zh",
			      fsm_state_zh(&newocc_fsm, status), "opinion", db_text(st, 9), "dadian_edition",
			      db_text(st, 10), "decided_on", db_text(st, 12), "created_at",
			      (json_int_t)db_int(st, 13), "updated_at", (json_int_t)db_int(st, 14));
	json_object_set_new(o, "occupation_code",
			    *db_text(st, 11) ? json_string(db_text(st, 11)) : json_null());
	json_object_set_new(o, "proposer", json_string(db_int(st, 4) ? "institution" : "city"));
	return o;
}

static const struct list_filter no_filters[] = {
	{"status", "nop.status = ?", LIST_EQ},
	{"field", "nop.field = ?", LIST_EQ},
	{"region_code", "nop.region_code LIKE ?", LIST_REGION},
	{"name", "nop.name LIKE ?", LIST_CONTAINS},
};
static const struct list_sort no_sorts[] = {{"id", "nop.id"}};
static const struct export_col no_cols[] = {
	{"id", "编号"},
	{"name", "职业名称"},
	{"field_zh", "领域"},
	{"institution_name", "建议单位"},
	{"region_name", "地区"},
	{"status_zh", "状态"},
	{"dadian_edition", "纳入大典版本"},
	{"occupation_code", "大典编码"},
};
const struct list_spec no_list = {
	.name = "new_occupations",
	.scoped = true,
	.entity = SE_NEW_OCCUPATION,
	.count_sql = "SELECT COUNT(*) FROM new_occupation_proposals nop",
	.select_sql = "SELECT " NO_COLS NO_FROM,
	.order = "nop.id DESC",
	LIST_FILTERS(no_filters),
	LIST_SORTS(no_sorts),
	.view = no_view,
	LIST_COLS(no_cols),
};

json_t *no_get_json(db *d, const principal *a, int64_t id, err *e)
{
	json_t *o =
		row_json(scoped_row(d, a, "SELECT " NO_COLS NO_FROM, "nop.id = ?", id, SE_NEW_OCCUPATION, e),
			 no_view, e);
	if (!o && !err_isset(e))
		err_set(e, 404, "not_found", NULL, "新职业建议不存在", "no such new-occupation proposal");
	return o;
}

/* the proposer: the same as a 专项 proposal's (a city bureau, an enterprise, a school) */
static int proposer(db *d, const principal *a, int64_t *inst, char region[16], err *e)
{
	char type[32] = "";
	*inst = 0;
	region[0] = 0;
	if (a->role == ROLE_INSTITUTION_ADMIN && a->institution_id > 0) {
		db_stmt *st = db_query(d, "SELECT type, region_code FROM institutions WHERE id = $1",
				       DB_ARGS(DV_I(a->institution_id)), e);
		int row = st ? db_row(st, e) : -1;
		if (row == 1) {
			snprintf(type, sizeof type, "%s", db_text(st, 0));
			snprintf(region, 16, "%s", db_text(st, 1));
		}
		db_done(st);
		if (row < 0)
			return -1;
		*inst = a->institution_id;
	} else if (a->role == ROLE_CITY_ADMIN && strlen(a->region) == 4) {
		snprintf(region, 16, "%s00", a->region);
	}
	if (!special_may_propose(a->role, type[0] ? type : NULL) || !region[0])
		return err_set(e, 403, "wrong_proposer", NULL, "新职业建议由市级人社部门、企业或院校提出",
			       "a city bureau, an enterprise or a school proposes a new occupation");
	return 0;
}

struct create_ctx {
	const struct no_input *in;
	int64_t inst, id;
	const char *region;
};

static int create_work(tx *t, void *ctx, err *e)
{
	struct create_ctx *c = ctx;
	int64_t now = now_s();
	if (db_one_int(t->d,
		       "INSERT INTO new_occupation_proposals (name, field, description, institution_id, "
		       "region_code, created_by, created_at, updated_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$7) "
		       "RETURNING "
		       "id",
		       DB_ARGS(DV_S(c->in->name), DV_S(c->in->field), DV_S(c->in->description),
			       c->inst ? DV_I(c->inst) : DV_NULL, DV_S(c->region), USER_OR_NULL(t->a),
			       DV_I(now)),
		       &c->id, e) != DB_OK)
		return -1;
	tx_audit(t, "new_occupation.create", "new_occupation", c->id,
		 json_pack("{s:s,s:s,s:s}", "name", c->in->name, "field", c->in->field, "region_code",
			   c->region));
	return 0;
}

json_t *no_create(db *d, const principal *a, const struct no_input *in, err *e)
{
	char region[16];
	int64_t inst;
	if (proposer(d, a, &inst, region, e) || check_text(in->name, "name", 60, true, e) ||
	    check_text(in->description, "description", 2000, true, e))
		return NULL;
	if (!newocc_field_zh(in->field)) {
		err_set(e, 422, in->field ? "invalid_value" : "missing_field", "field",
			"领域应为 "
			"green_low_carbon、advanced_manufacturing、emerging、future、modern_"
			"services、digital "
			"或 modern_agriculture",
			"field is green_low_carbon, advanced_manufacturing, emerging, future, "
			"modern_services, digital "
			"or modern_agriculture");
		return NULL;
	}
	struct create_ctx c = {in, inst, 0, region};
	if (svc_tx(d, a, create_work, &c, e))
		return NULL;
	return no_get_json(d, a, c.id, e);
}

struct move_ctx {
	int64_t id;
	const char *from, *reason, *edition, *code, *name;
	const struct fsm_transition *t;
	bool added; /* the occupation joined the registry (else it was there) */
};

static int move_work(tx *t, void *ctx, err *e)
{
	struct move_ctx *c = ctx;
	const struct fsm_transition *tr = c->t;
	char today[11];
	date_format(date_today_utc8(), today);
	if ((tr->effects & NO_FX_ADOPT) && c->code) {
		/* the 大典's code: a new occupation of the registry (levels come with its 国家职业技能标准,
		 * §5), or one the registry already holds */
		char cat[2] = {c->code[0], 0};
		int rc = occupation_add(t->d, c->code, c->name, cat, "", "", "occupation", true, e);
		if (rc < 0)
			return -1;
		c->added = rc > 0;
	}
	int64_t n = db_run(
		t->d,
		"UPDATE new_occupation_proposals SET status = $3, opinion = CASE WHEN $4 <> '' THEN $4 ELSE "
		"opinion END, dadian_edition = CASE WHEN $5 <> '' THEN $5 ELSE dadian_edition END, "
		"occupation_code = COALESCE($6, occupation_code), decided_on = $7, updated_at = $8 WHERE "
		"id = $1 AND status = $2",
		DB_ARGS(DV_I(c->id), DV_S(c->from), DV_S(tr->to), DV_S(c->reason ? c->reason : ""),
			DV_S((tr->effects & NO_FX_ADOPT) && c->edition ? c->edition : ""),
			(tr->effects & NO_FX_ADOPT) && c->code ? DV_S(c->code) : DV_NULL, DV_S(today),
			DV_I(now_s())),
		e);
	if (n < 0)
		return -1;
	if (n == 0)
		return err_set(e, 409, "conflict", "status", "建议状态已变化，请刷新后重试",
			       "the proposal changed meanwhile; reload and retry");
	json_t *det = json_pack("{s:s,s:s}", "from", c->from, "to", tr->to);
	if (c->reason && *c->reason)
		json_object_set_new(det, "reason", json_string(c->reason));
	if (tr->effects & NO_FX_ADOPT) {
		json_object_set_new(det, "dadian_edition", json_string(c->edition));
		if (c->code) {
			json_object_set_new(det, "occupation_code", json_string(c->code));
			json_object_set_new(det, "registry_added", json_boolean(c->added));
		}
	}
	tx_audit(t, tr->audit, "new_occupation", c->id, det);
	return 0;
}

json_t *no_move(db *d, const principal *a, int64_t id, const char *status, const char *reason,
		const char *edition, const char *code, err *e)
{
	if (scope_check(d, a, SE_NEW_OCCUPATION, id, SCOPE_READ, NULL, e) ||
	    fsm_check_state(&newocc_fsm, status, e) || check_text(reason, "reason", 500, false, e) ||
	    check_text(edition, "dadian_edition", 30, false, e))
		return NULL;
	char from[16] = "", name[256] = "";
	db_stmt *st = db_query(d, "SELECT status, name FROM new_occupation_proposals WHERE id = $1",
			       DB_ARGS(DV_I(id)), e);
	int row = st ? db_row(st, e) : -1;
	if (row == 1) {
		snprintf(from, sizeof from, "%s", db_text(st, 0));
		snprintf(name, sizeof name, "%s", db_text(st, 1));
	}
	db_done(st);
	if (row <= 0)
		return row < 0 ? NULL
			       : (err_set(e, 404, "not_found", NULL, "新职业建议不存在", "no such proposal"),
				  NULL);
	err we = {0};
	bool may = !scope_check(d, a, SE_NEW_OCCUPATION, id, SCOPE_WRITE, NULL, &we);
	if (we.status >= 500) {
		*e = we;
		return NULL;
	}
	struct newocc_ctx cx = {.edition_named = edition && *edition};
	struct move_ctx c = {.id = id, .from = from, .reason = reason, .edition = edition, .name = name};
	if (fsm_decide(&newocc_fsm, from, status, fsm_acting(a, may), reason, &cx, &c.t, e))
		return NULL;
	if ((c.t->effects & NO_FX_ADOPT) && code && *code) {
		/* a code of the 大典 (X-XX-XX-XX), never a 专项 code */
		if (code[0] < '1' || code[0] > '8') {
			err_set(e, 422, "invalid_occupation_code", "occupation_code",
				"大典职业编码格式应为 X-XX-XX-XX（大类 1 至 8）",
				"an occupation code of the catalogue looks like 4-14-02-05 (大类 1 to 8)");
			return NULL;
		}
		c.code = code;
	}
	if (svc_tx(d, a, move_work, &c, e))
		return NULL;
	return no_get_json(d, a, id, e);
}
