/* special.c: 专项职业能力考核项目 — the proposal and its draft 考核规范, the expert review (the platform
 * panels' rules: independent scores once each, 回避 of the proposing unit), publication into the versioned
 * catalogue and the occupation registry (special.h; docs/DOMAIN.md §66; the catalogue in force, its public
 * reads and withdrawal: special_catalogue.c) */
#include "util/common.h"
#include "svc/platform/special.h"
#include "svc/platform/platform_int.h"
#include "core/date.h"
#include "core/scope.h"
#include "core/special.h"
#include "store/query.h"
#include "svc/base/scope.h"
#include "svc/base/svc.h"
#include "svc/registry/refdata_load.h"

/* ---- the proposer ---- */

struct proposer {
	int64_t inst; /* 0: a city bureau */
	char region[16];
};

static int proposer_of(db *d, const principal *a, struct proposer *p, err *e)
{
	*p = (struct proposer){0};
	char type[32] = "";
	if (a->role == ROLE_INSTITUTION_ADMIN && a->institution_id > 0) {
		db_stmt *st = db_query(d, "SELECT type, region_code FROM institutions WHERE id = $1",
				       DB_ARGS(DV_I(a->institution_id)), e);
		int row = st ? db_row(st, e) : -1;
		if (row == 1) {
			snprintf(type, sizeof type, "%s", db_text(st, 0));
			snprintf(p->region, sizeof p->region, "%s", db_text(st, 1));
		}
		db_done(st);
		if (row < 0)
			return -1;
		p->inst = a->institution_id;
	} else if (a->role == ROLE_CITY_ADMIN && strlen(a->region) == 4) {
		snprintf(p->region, sizeof p->region, "%s00", a->region);
	}
	if (!special_may_propose(a->role, type[0] ? type : NULL) || !p->region[0])
		return err_set(e, 403, "wrong_proposer", NULL,
			       "专项职业能力考核项目由市级人社部门、企业或院校申报",
			       "a city bureau, an enterprise or a school proposes a special-ability item");
	return 0;
}

/* the proposal's own proposer (the data scope decides the rest): a city bureau's proposal is its city's,
 * an institution's is its administrator's */
static bool is_proposer(const principal *a, int64_t inst)
{
	if (a->role == ROLE_CITY_ADMIN)
		return inst == 0;
	if (a->role == ROLE_INSTITUTION_ADMIN)
		return inst > 0 && inst == a->institution_id;
	return a->role == ROLE_PROVINCE_ADMIN;
}

/* ---- the draft 考核规范 ---- */

static int spec_text(json_t *o, const char *key, size_t max, json_t *out, err *e)
{
	json_t *v = json_object_get(o, key);
	if (!v || json_is_null(v))
		return 0;
	if (!json_is_string(v))
		return err_set(e, 422, "invalid_value", "spec", "考核规范的 %s 应为文本", "spec.%s is text",
			       key);
	char f[32];
	snprintf(f, sizeof f, "spec.%s", key);
	if (check_text(json_string_value(v), f, max, false, e))
		return -1;
	json_object_set_new(out, key, json_string(json_string_value(v)));
	return 0;
}

/* the spec, checked and normalised: {target, method, minutes, venue, modules:[{name, content}]} */
static json_t *spec_norm(json_t *s, err *e)
{
	if (!json_is_object(s)) {
		err_set(e, 422, "invalid_value", "spec", "考核规范应为对象", "spec is an object");
		return NULL;
	}
	json_t *out = json_object();
	if (spec_text(s, "target", 200, out, e) || spec_text(s, "method", 100, out, e) ||
	    spec_text(s, "venue", 200, out, e))
		goto fail;
	json_t *m = json_object_get(s, "minutes");
	if (m && !json_is_null(m)) {
		if (!json_is_integer(m) || json_integer_value(m) < 1 || json_integer_value(m) > 1440) {
			err_set(e, 422, "invalid_value", "spec", "考核时长为 1 至 1440 分钟",
				"spec.minutes is 1 to 1440");
			goto fail;
		}
		json_object_set(out, "minutes", m);
	}
	json_t *mods = json_object_get(s, "modules"), *list = json_array(), *x;
	json_object_set_new(out, "modules", list);
	if (mods && (!json_is_array(mods) || json_array_size(mods) > SP_MAX_MODULES)) {
		err_set(e, 422, "invalid_value", "spec", "技能模块至多 %d 个", "at most %d modules",
			SP_MAX_MODULES);
		goto fail;
	}
	size_t i;
	json_array_foreach(mods, i, x)
	{
		json_t *one = json_object();
		json_array_append_new(list, one);
		const char *name = json_is_object(x) ? json_string_value(json_object_get(x, "name")) : NULL;
		if (!name || check_text(name, "spec.modules.name", 60, true, e) ||
		    spec_text(x, "content", 500, one, e)) {
			if (!err_isset(e))
				err_set(e, 422, "invalid_value", "spec", "每个技能模块须有名称",
					"each module has a name");
			goto fail;
		}
		json_object_set_new(one, "name", json_string(name));
	}
	return out;
fail:
	json_decref(out);
	return NULL;
}

static bool spec_complete(const char *text)
{
	json_t *s = json_loads(text ? text : "{}", 0, NULL);
	const char *t = json_string_value(json_object_get(s, "target")),
		   *m = json_string_value(json_object_get(s, "method"));
	bool ok = t && *t && m && *m && json_array_size(json_object_get(s, "modules")) > 0;
	json_decref(s);
	return ok;
}

/* the brand fits the proposal's region: a provincial brand (370000) anywhere, a city's in that city */
static int brand_check(db *d, const char *brand, const char *region, err *e)
{
	db_stmt *st = db_query(d, "SELECT region_code FROM special_brands WHERE code = $1",
			       DB_ARGS(DV_S(brand)), e);
	int row = st ? db_row(st, e) : -1;
	bool fits = row == 1 && (!strcmp(db_text(st, 0), "370000") || !strncmp(db_text(st, 0), region, 4));
	db_done(st);
	if (row < 0)
		return -1;
	if (row == 0)
		return err_set(e, 422, "invalid_value", "brand_code", "没有该专项职业能力品牌",
			       "no such special-ability brand");
	if (!fits)
		return err_set(e, 422, "brand_not_of_region", "brand_code", "该品牌属于其他地市",
			       "that brand is another city's");
	return 0;
}

static int input_check(db *d, const struct sp_input *in, const char *region, bool create, err *e)
{
	if (check_text(in->name, "name", 60, create, e) || check_text(in->reason, "reason", 1000, false, e))
		return -1;
	if ((create || in->field) && !special_field_zh(in->field))
		return err_set(e, 422, in->field ? "invalid_value" : "missing_field", "field",
			       "领域应为 local_industry、rural_revitalization、new_business、new_industry 或 "
			       "intangible_heritage",
			       "field is local_industry, rural_revitalization, new_business, new_industry or "
			       "intangible_heritage");
	if (in->brand_code && brand_check(d, in->brand_code, region, e))
		return -1;
	return 0;
}

/* ---- create and edit ---- */

struct create_ctx {
	const struct sp_input *in;
	const struct proposer *p;
	const char *spec;
	int64_t id;
};

static int create_work(tx *t, void *ctx, err *e)
{
	struct create_ctx *c = ctx;
	int64_t now = now_s();
	if (db_one_int(t->d,
		       "INSERT INTO special_proposals (name, field, brand_code, institution_id, region_code, "
		       "reason, spec, spec_version, created_by, created_at, updated_at) VALUES "
		       "($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$10) RETURNING id",
		       DB_ARGS(DV_S(c->in->name), DV_S(c->in->field),
			       c->in->brand_code ? DV_S(c->in->brand_code) : DV_NULL,
			       c->p->inst ? DV_I(c->p->inst) : DV_NULL, DV_S(c->p->region),
			       DV_S(c->in->reason ? c->in->reason : ""), DV_S(c->spec),
			       DV_I(c->in->spec ? 1 : 0), USER_OR_NULL(t->a), DV_I(now)),
		       &c->id, e) != DB_OK)
		return -1;
	tx_audit(t, "special_proposal.create", "special_proposal", c->id,
		 json_pack("{s:s,s:s,s:s}", "name", c->in->name, "field", c->in->field, "region_code",
			   c->p->region));
	return 0;
}

json_t *sp_create(db *d, const principal *a, const struct sp_input *in, err *e)
{
	struct proposer p;
	if (proposer_of(d, a, &p, e) || input_check(d, in, p.region, true, e))
		return NULL;
	json_t *spec = in->spec ? spec_norm(in->spec, e) : json_pack("{s:[]}", "modules");
	if (!spec)
		return NULL;
	char *text = json_dumps(spec, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(spec);
	struct create_ctx c = {in, &p, text, 0};
	int rc = svc_tx(d, a, create_work, &c, e);
	free(text);
	return rc ? NULL : sp_get_json(d, a, c.id, e);
}

struct update_ctx {
	int64_t id;
	const struct sp_input *in;
	const char *spec;
};

static int update_work(tx *t, void *ctx, err *e)
{
	struct update_ctx *c = ctx;
	int64_t n = db_run(
		t->d,
		"UPDATE special_proposals SET name = COALESCE($2, name), field = COALESCE($3, field), "
		"brand_code = CASE WHEN $4 = 1 THEN $5 ELSE brand_code END, reason = COALESCE($6, reason), "
		"spec = COALESCE($7, spec), spec_version = spec_version + $8, updated_at = $9 WHERE id = $1 "
		"AND "
		"status = 'draft'",
		DB_ARGS(DV_I(c->id), c->in->name ? DV_S(c->in->name) : DV_NULL,
			c->in->field ? DV_S(c->in->field) : DV_NULL, DV_I(c->in->brand_given ? 1 : 0),
			c->in->brand_code ? DV_S(c->in->brand_code) : DV_NULL,
			c->in->reason ? DV_S(c->in->reason) : DV_NULL, c->spec ? DV_S(c->spec) : DV_NULL,
			DV_I(c->spec ? 1 : 0), DV_I(now_s())),
		e);
	if (n < 0)
		return -1;
	if (n == 0)
		return err_set(e, 409, "invalid_state", "status", "只有草稿可以修改（已提交的须退回后修改）",
			       "only a draft is edited (a submitted one is returned first)");
	tx_audit(t, "special_proposal.update", "special_proposal", c->id,
		 json_pack("{s:b}", "spec_changed", c->spec != NULL));
	return 0;
}

json_t *sp_update(db *d, const principal *a, int64_t id, const struct sp_input *in, err *e)
{
	if (scope_check(d, a, SE_SPECIAL_PROPOSAL, id, SCOPE_WRITE, NULL, e))
		return NULL;
	int64_t inst = 0;
	char region[16] = "";
	db_stmt *st = db_query(
		d, "SELECT COALESCE(institution_id, 0), region_code FROM special_proposals WHERE id = $1",
		DB_ARGS(DV_I(id)), e);
	int row = st ? db_row(st, e) : -1;
	if (row == 1) {
		inst = db_int(st, 0);
		snprintf(region, sizeof region, "%s", db_text(st, 1));
	}
	db_done(st);
	if (row <= 0)
		return row < 0 ? NULL
			       : (err_set(e, 404, "not_found", NULL, "申报不存在", "no such proposal"), NULL);
	if (a->role == ROLE_PROVINCE_ADMIN || !is_proposer(a, inst)) {
		err_set(e, 403, "forbidden", NULL, "考核规范草案由申报单位编制",
			"the proposer writes its draft");
		return NULL;
	}
	if (input_check(d, in, region, false, e))
		return NULL;
	char *text = NULL;
	if (in->spec) {
		json_t *spec = spec_norm(in->spec, e);
		if (!spec)
			return NULL;
		text = json_dumps(spec, JSON_COMPACT | JSON_SORT_KEYS);
		json_decref(spec);
	}
	struct update_ctx c = {id, in, text};
	int rc = svc_tx(d, a, update_work, &c, e);
	free(text);
	return rc ? NULL : sp_get_json(d, a, id, e);
}

/* ---- reading ---- */

#define SP_COLS                                                                                              \
	"sp.id, sp.name, sp.field, COALESCE(sp.brand_code, ''), COALESCE(b.name, ''), "                      \
	"COALESCE(sp.institution_id, 0), COALESCE(i.name, ''), sp.region_code, COALESCE(r.name, ''), "       \
	"sp.reason, sp.spec, sp.spec_version, sp.status, sp.round, sp.min_experts, sp.pass_score, "          \
	"sp.score_x100, sp.opinion, COALESCE(sp.occupation_code, ''), sp.created_at, sp.updated_at, "        \
	"(SELECT COUNT(*) FROM special_review_scores s WHERE s.proposal_id = sp.id AND s.round = sp.round)"
#define SP_FROM                                                                                              \
	" FROM special_proposals sp LEFT JOIN special_brands b ON b.code = sp.brand_code LEFT JOIN "         \
	"institutions i ON i.id = sp.institution_id LEFT JOIN regions r ON r.code = sp.region_code"

static json_t *sp_view(db_stmt *st)
{
	json_t *spec = json_loads(db_text(st, 10), 0, NULL);
	const char *status = db_text(st, 12);
	json_t *o = json_pack(
		"{s:I,s:s,s:s,s:s,s:s,s:s,s:I,s:s,s:s,s:s,s:s,s:o,s:I,s:s,s:s,s:I,s:I,s:I,s:s,s:I,s:I,s:I}",
		"id", (json_int_t)db_int(st, 0), "name", db_text(st, 1), "field", db_text(st, 2), "field_zh",
		special_field_zh(db_text(st, 2)) ? special_field_zh(db_text(st, 2)) : "", "brand_code",
		db_text(st, 3), "brand_name", db_text(st, 4), "institution_id", (json_int_t)db_int(st, 5),
		"institution_name", db_text(st, 6), "region_code", db_text(st, 7), "region_name",
		db_text(st, 8), "reason", db_text(st, 9), "spec", spec ? spec : json_object(), "spec_version",
		(json_int_t)db_int(st, 11), "status", status, "status_zh", fsm_state_zh(&special_fsm, status),
		"round", (json_int_t)db_int(st, 13), "min_experts", (json_int_t)db_int(st, 14), "pass_score",
		(json_int_t)db_int(st, 15), "opinion", db_text(st, 17), "created_at",
		(json_int_t)db_int(st, 19), "updated_at", (json_int_t)db_int(st, 20), "scores_in",
		(json_int_t)db_int(st, 21));
	json_object_set_new(o, "score", db_isnull(st, 16) ? json_null() : json_real(db_int(st, 16) / 100.0));
	json_object_set_new(o, "occupation_code",
			    *db_text(st, 18) ? json_string(db_text(st, 18)) : json_null());
	json_object_set_new(o, "proposer", json_string(db_int(st, 5) ? "institution" : "city"));
	return o;
}

static const struct list_filter sp_filters[] = {
	{"status", "sp.status = ?", LIST_EQ},
	{"field", "sp.field = ?", LIST_EQ},
	{"brand_code", "sp.brand_code = ?", LIST_EQ},
	{"region_code", "sp.region_code LIKE ?", LIST_REGION},
	{"institution_id", "sp.institution_id = ?", LIST_ID},
	{"name", "sp.name LIKE ?", LIST_CONTAINS},
};
static const struct list_sort sp_sorts[] = {{"id", "sp.id"}, {"updated_at", "sp.updated_at"}};
static const struct export_col sp_cols[] = {
	{"id", "编号"},
	{"name", "项目名称"},
	{"field_zh", "领域"},
	{"brand_name", "品牌"},
	{"institution_name", "申报单位"},
	{"region_name", "地区"},
	{"status_zh", "状态"},
	{"score", "评审得分"},
	{"occupation_code", "目录编码"},
};
const struct list_spec sp_list = {
	.name = "special_proposals",
	.scoped = true,
	.entity = SE_SPECIAL_PROPOSAL,
	.count_sql = "SELECT COUNT(*) FROM special_proposals sp",
	.select_sql = "SELECT " SP_COLS SP_FROM,
	.order = "sp.id DESC",
	LIST_FILTERS(sp_filters),
	LIST_SORTS(sp_sorts),
	.view = sp_view,
	LIST_COLS(sp_cols),
};

/* an expert's proposals: those of the current round of a panel they are on */
static int review_where(struct query *w, const principal *a, const char *const *vals, err *e)
{
	UNUSED(vals);
	if (a->role != ROLE_EXAMINER)
		return err_set(e, 403, "forbidden", NULL, "评审专家查看其评审的申报",
			       "the experts list the proposals of their panels");
	q_and(w,
	      "EXISTS (SELECT 1 FROM special_review_experts x WHERE x.proposal_id = sp.id AND x.round = "
	      "sp.round "
	      "AND x.user_id = ?)",
	      DV_I(a->user_id));
	return 0;
}

static const struct list_filter review_filters[] = {{"status", "sp.status = ?", LIST_EQ}};
const struct list_spec sp_review_list = {
	.name = "special_reviews",
	.scoped = false,
	.count_sql = "SELECT COUNT(*) FROM special_proposals sp",
	.select_sql = "SELECT " SP_COLS SP_FROM,
	.order = "sp.id DESC",
	LIST_FILTERS(review_filters),
	.view = sp_view,
	.where = review_where,
	LIST_COLS(sp_cols),
};

/* is the user on the proposal's panel of its current round? */
static int on_panel(db *d, int64_t id, int64_t user, bool *on, err *e)
{
	int64_t one = 0;
	int rc =
		db_one_int(d,
			   "SELECT 1 FROM special_review_experts x JOIN special_proposals sp ON sp.id = "
			   "x.proposal_id AND sp.round = x.round WHERE x.proposal_id = $1 AND x.user_id = $2",
			   DB_ARGS(DV_I(id), DV_I(user)), &one, e);
	*on = rc == DB_OK;
	return rc == DB_OK || rc == DB_NOT_FOUND ? 0 : -1;
}

/* the panel of the current round; the scores themselves to the province, and to everyone who reads the
 * proposal once the review is over (independent scoring: an expert sees no other expert's score before) */
static int add_review(db *d, const principal *a, json_t *o, err *e)
{
	const char *status = json_string_value(json_object_get(o, "status"));
	bool show = a->role == ROLE_PROVINCE_ADMIN || strcmp(status, "reviewing");
	db_stmt *st = db_query(
		d,
		"SELECT x.user_id, u.display_name, u.username, s.score, s.comment FROM "
		"special_review_experts x "
		"JOIN users u ON u.id = x.user_id LEFT JOIN special_review_scores s ON s.proposal_id = "
		"x.proposal_id AND s.round = x.round AND s.expert_id = x.user_id WHERE x.proposal_id = $1 "
		"AND "
		"x.round = $2 ORDER BY x.user_id",
		DB_ARGS(DV_I(json_integer_value(json_object_get(o, "id"))),
			DV_I(json_integer_value(json_object_get(o, "round")))),
		e);
	if (!st)
		return -1;
	json_t *list = json_array();
	while (db_step(st) == DB_ROW) {
		bool mine = db_int(st, 0) == a->user_id;
		json_t *x = json_pack("{s:I,s:s,s:b}", "user_id", (json_int_t)db_int(st, 0), "name",
				      *db_text(st, 1) ? db_text(st, 1) : db_text(st, 2), "scored",
				      !db_isnull(st, 3));
		if ((show || mine) && !db_isnull(st, 3)) {
			json_object_set_new(x, "score", json_integer(db_int(st, 3)));
			json_object_set_new(x, "comment", json_string(db_text(st, 4)));
		}
		json_array_append_new(list, x);
	}
	json_object_set_new(o, "experts", list);
	if (!show)
		json_object_set_new(o, "score", json_null());
	return db_finish(st, e);
}

/* the moves the caller may take now (buttons; guards not evaluated) */
static void add_actions(const principal *a, json_t *o)
{
	int64_t inst = json_integer_value(json_object_get(o, "institution_id"));
	const char *status = json_string_value(json_object_get(o, "status"));
	const struct fsm_transition *t[8];
	size_t n = fsm_available(&special_fsm, status, fsm_acting(a, is_proposer(a, inst)), NULL, t, 8);
	json_t *list = json_array();
	for (size_t i = 0; i < n && i < 8; i++)
		json_array_append_new(list, json_pack("{s:s,s:s,s:s,s:b}", "to", t[i]->to, "action",
						      t[i]->action, "label", t[i]->zh, "needs_reason",
						      (t[i]->flags & FSM_NEEDS_REASON) != 0));
	json_object_set_new(o, "actions", list);
}

json_t *sp_get_json(db *d, const principal *a, int64_t id, err *e)
{
	json_t *o =
		row_json(scoped_row(d, a, "SELECT " SP_COLS SP_FROM, "sp.id = ?", id, SE_SPECIAL_PROPOSAL, e),
			 sp_view, e);
	bool expert = false;
	if (!o && !err_isset(e) && a->role == ROLE_EXAMINER) {
		if (on_panel(d, id, a->user_id, &expert, e))
			return NULL;
		if (expert)
			o = row_json(db_query(d, "SELECT " SP_COLS SP_FROM " WHERE sp.id = $1",
					      DB_ARGS(DV_I(id)), e),
				     sp_view, e);
	}
	if (!o) {
		if (!err_isset(e))
			err_set(e, 404, "not_found", NULL, "申报不存在", "no such proposal");
		return NULL;
	}
	if (add_review(d, a, o, e)) {
		json_decref(o);
		return NULL;
	}
	if (!expert)
		add_actions(a, o);
	return o;
}

/* ---- the moves ---- */

struct sp_row {
	int64_t inst, round, min_experts, pass_score;
	char status[16], name[256], region[16], brand[16];
	bool spec_complete;
};

static int load_row(db *d, int64_t id, struct sp_row *r, err *e)
{
	db_stmt *st =
		db_query(d,
			 "SELECT COALESCE(institution_id, 0), round, min_experts, pass_score, status, name, "
			 "region_code, COALESCE(brand_code, ''), spec FROM special_proposals WHERE id = $1",
			 DB_ARGS(DV_I(id)), e);
	int row = st ? db_row(st, e) : -1;
	if (row == 1) {
		r->inst = db_int(st, 0);
		r->round = db_int(st, 1);
		r->min_experts = db_int(st, 2);
		r->pass_score = db_int(st, 3);
		snprintf(r->status, sizeof r->status, "%s", db_text(st, 4));
		snprintf(r->name, sizeof r->name, "%s", db_text(st, 5));
		snprintf(r->region, sizeof r->region, "%s", db_text(st, 6));
		snprintf(r->brand, sizeof r->brand, "%s", db_text(st, 7));
		r->spec_complete = spec_complete(db_text(st, 8));
	}
	db_done(st);
	if (row == 0)
		return err_set(e, 404, "not_found", NULL, "申报不存在", "no such proposal");
	return row == 1 ? 0 : -1;
}

/* the scores of the current round: their count and mean */
static int round_scores(db *d, int64_t id, int64_t round, int *n, int *mean_x100, int min, int pass, err *e)
{
	db_stmt *st =
		db_query(d, "SELECT score FROM special_review_scores WHERE proposal_id = $1 AND round = $2",
			 DB_ARGS(DV_I(id), DV_I(round)), e);
	if (!st)
		return -1;
	int sc[SP_MAX_EXPERTS];
	*n = 0;
	while (db_step(st) == DB_ROW)
		if (*n < SP_MAX_EXPERTS)
			sc[(*n)++] = (int)db_int(st, 0);
	if (db_finish(st, e))
		return -1;
	special_review_outcome(sc, *n, min, pass, mean_x100);
	return 0;
}

struct move_ctx {
	int64_t id;
	const struct sp_row *r;
	const struct sp_move_input *in;
	const struct fsm_transition *t;
	int64_t min_experts, pass_score;
	int mean_x100;
	char code[16];
};

/* the catalogue's next code, after the last ZX-37-NNN in the registry or the catalogue; the counter row's
 * update serialises two publications (PostgreSQL row lock; SQLite has one writer) */
static int next_code(tx *t, char code[16], err *e)
{
	if (db_run(t->d,
		   "INSERT INTO counters (name, value) VALUES ('special_publications', 0) ON CONFLICT DO "
		   "NOTHING",
		   DB_NOARGS, e) < 0 ||
	    db_run(t->d, "UPDATE counters SET value = value + 1 WHERE name = 'special_publications'",
		   DB_NOARGS, e) < 0)
		return -1;
	db_stmt *st =
		db_query(t->d,
			 "SELECT code FROM occupations WHERE code LIKE 'ZX-37-___' UNION SELECT code FROM "
			 "special_items WHERE code LIKE 'ZX-37-___' ORDER BY 1 DESC LIMIT 1",
			 DB_NOARGS, e);
	int row = st ? db_row(st, e) : -1;
	int last = row == 1 ? atoi(db_text(st, 0) + 6) : 0;
	db_done(st);
	if (row < 0)
		return -1;
	if (special_code(last + 1, code))
		return err_set(e, 409, "catalogue_full", NULL, "专项职业能力目录编码已用尽（ZX-37-999）",
			       "the catalogue's codes are used up (ZX-37-999)");
	return 0;
}

static int publish(tx *t, struct move_ctx *c, err *e)
{
	int64_t same = 0;
	if (db_one_int(t->d, "SELECT COUNT(*) FROM special_items WHERE name = $1 AND status = 'in_force'",
		       DB_ARGS(DV_S(c->r->name)), &same, e) != DB_OK)
		return -1;
	if (same)
		return err_set(e, 409, "item_exists", "name", "目录中已有同名的专项职业能力考核项目",
			       "the catalogue already holds an item of that name");
	if (next_code(t, c->code, e))
		return -1;
	char title[128], today[11];
	snprintf(title, sizeof title, "山东省专项职业能力考核项目目录（%lld年版）",
		 (long long)c->in->catalogue_year);
	date_format(date_today_utc8(), today);
	if (db_run(t->d,
		   "INSERT INTO special_catalogues (year, title, created_at) VALUES ($1,$2,$3) ON CONFLICT "
		   "DO NOTHING",
		   DB_ARGS(DV_I(c->in->catalogue_year), DV_S(title), DV_I(now_s())), e) < 0)
		return -1;
	/* the registry: a 专项 item, without levels (DOMAIN §5), fileable by institutions and assessed
	 * pass/fail */
	if (occupation_add(t->d, c->code, c->r->name, NULL, "", "", "special", false, e) < 0)
		return -1;
	if (db_run(t->d,
		   "INSERT INTO special_items (code, name, catalogue_year, brand_code, region_code, "
		   "proposal_id, "
		   "published_on, source) VALUES ($1,$2,$3,$4,$5,$6,$7,$8)",
		   DB_ARGS(DV_S(c->code), DV_S(c->r->name), DV_I(c->in->catalogue_year),
			   c->r->brand[0] ? DV_S(c->r->brand) : DV_NULL, DV_S(c->r->region), DV_I(c->id),
			   DV_S(today), DV_S("本系统发布（专项职业能力考核项目申报、专家评审）")),
		   e) != 1)
		return -1;
	return 0;
}

static int move_work(tx *t, void *ctx, err *e)
{
	struct move_ctx *c = ctx;
	const struct fsm_transition *tr = c->t;
	int64_t round = c->r->round;
	if (tr->effects & SP_FX_PANEL) {
		round++;
		for (size_t i = 0; i < c->in->nexperts; i++)
			if (db_run(t->d,
				   "INSERT INTO special_review_experts (proposal_id, round, user_id) VALUES "
				   "($1,$2,$3)",
				   DB_ARGS(DV_I(c->id), DV_I(round), DV_I(c->in->experts[i])), e) != 1)
				return -1;
	}
	if ((tr->effects & SP_FX_PUBLISH) && publish(t, c, e))
		return -1;
	int64_t n = db_run(
		t->d,
		"UPDATE special_proposals SET status = $3, round = $4, min_experts = $5, pass_score = $6, "
		"score_x100 = CASE WHEN $7 = 1 THEN $8 WHEN $9 = 1 THEN NULL ELSE score_x100 END, opinion = "
		"CASE "
		"WHEN $10 = 1 THEN $11 ELSE opinion END, occupation_code = COALESCE($12, occupation_code), "
		"updated_at = $13 WHERE id = $1 AND status = $2",
		DB_ARGS(DV_I(c->id), DV_S(c->r->status), DV_S(tr->to), DV_I(round), DV_I(c->min_experts),
			DV_I(c->pass_score), DV_I((tr->effects & SP_FX_OUTCOME) ? 1 : 0), DV_I(c->mean_x100),
			DV_I((tr->effects & SP_FX_PANEL) ? 1 : 0),
			DV_I((tr->effects & SP_FX_OPINION) ? 1 : 0), DV_S(c->in->reason ? c->in->reason : ""),
			c->code[0] ? DV_S(c->code) : DV_NULL, DV_I(now_s())),
		e);
	if (n < 0)
		return -1;
	if (n == 0)
		return err_set(e, 409, "conflict", "status", "申报状态已变化，请刷新后重试",
			       "the proposal changed meanwhile; reload and retry");
	json_t *det =
		json_pack("{s:s,s:s,s:I}", "from", c->r->status, "to", tr->to, "round", (json_int_t)round);
	if (c->in->reason && *c->in->reason)
		json_object_set_new(det, "reason", json_string(c->in->reason));
	if (tr->effects & SP_FX_PANEL)
		json_object_set_new(det, "experts", json_ids(c->in->experts, c->in->nexperts));
	if (tr->effects & SP_FX_OUTCOME)
		json_object_set_new(det, "score", json_real(c->mean_x100 / 100.0));
	if (c->code[0]) {
		json_object_set_new(det, "code", json_string(c->code));
		json_object_set_new(det, "catalogue_year", json_integer(c->in->catalogue_year));
	}
	tx_audit(t, tr->audit, "special_proposal", c->id, det);
	return 0;
}

/* the review's panel: distinct examiner accounts */
static int panel_check(db *d, const struct sp_move_input *in, err *e)
{
	for (size_t i = 0; i < in->nexperts; i++) {
		for (size_t k = 0; k < i; k++)
			if (in->experts[k] == in->experts[i])
				return err_set(e, 422, "invalid_value", "experts", "评审专家 %lld 重复",
					       "expert %lld is named twice", (long long)in->experts[i]);
		int64_t ok = 0;
		if (db_one_int(
			    d,
			    "SELECT COUNT(*) FROM users WHERE id = $1 AND role = 'examiner' AND disabled = 0",
			    DB_ARGS(DV_I(in->experts[i])), &ok, e) != DB_OK)
			return -1;
		if (!ok)
			return err_set(e, 422, "invalid_value", "experts", "评审专家 %lld 不是考评人员账户",
				       "expert %lld is not an examiner's account", (long long)in->experts[i]);
	}
	return 0;
}

json_t *sp_move(db *d, const principal *a, int64_t id, const struct sp_move_input *in, err *e)
{
	struct sp_row r;
	if (scope_check(d, a, SE_SPECIAL_PROPOSAL, id, SCOPE_READ, NULL, e) || load_row(d, id, &r, e) ||
	    fsm_check_state(&special_fsm, in->status, e) || check_text(in->reason, "reason", 500, false, e))
		return NULL;
	err we = {0};
	bool may =
		!scope_check(d, a, SE_SPECIAL_PROPOSAL, id, SCOPE_WRITE, NULL, &we) && is_proposer(a, r.inst);
	if (we.status >= 500) {
		*e = we;
		return NULL;
	}
	struct special_ctx cx = {.spec_complete = r.spec_complete,
				 .min_experts = (int)r.min_experts,
				 .pass_score = (int)r.pass_score};
	struct move_ctx c = {
		.id = id, .r = &r, .in = in, .min_experts = r.min_experts, .pass_score = r.pass_score};
	if (!strcmp(in->status, "reviewing")) {
		int64_t defp = 60, defm = 3;
		if (db_one_int(d, "SELECT pass_score FROM special_settings WHERE id = 1", DB_NOARGS, &defp,
			       e) < 0 ||
		    db_one_int(d, "SELECT min_experts FROM special_settings WHERE id = 1", DB_NOARGS, &defm,
			       e) < 0)
			return NULL;
		c.min_experts = in->min_experts < 0 ? defm : in->min_experts;
		c.pass_score = in->pass_score < 0 ? defp : in->pass_score;
		if (c.min_experts < 1 || c.min_experts > SP_MAX_EXPERTS) {
			err_set(e, 422, "invalid_value", "min_experts", "评审所需专家数为 1 至 15",
				"min_experts is 1 to 15");
			return NULL;
		}
		if (c.pass_score < 1 || c.pass_score > 100) {
			err_set(e, 422, "invalid_value", "pass_score", "合格分为 1 至 100",
				"pass_score is 1 to 100");
			return NULL;
		}
		cx.panel = (int)in->nexperts;
		cx.min_experts = (int)c.min_experts;
		cx.pass_score = (int)c.pass_score;
	} else if (round_scores(d, id, r.round, &cx.scores, &cx.mean_x100, (int)r.min_experts,
				(int)r.pass_score, e)) {
		return NULL;
	}
	c.mean_x100 = cx.mean_x100;
	if (fsm_decide(&special_fsm, r.status, in->status, fsm_acting(a, may), in->reason, &cx, &c.t, e))
		return NULL;
	if ((c.t->effects & SP_FX_PANEL) && panel_check(d, in, e))
		return NULL;
	if ((c.t->effects & SP_FX_PUBLISH) && (in->catalogue_year < 2000 || in->catalogue_year > 9999)) {
		err_set(e, 422, in->catalogue_year ? "invalid_value" : "missing_field", "catalogue_year",
			"须写明发布的目录版本（年份，如 2024）",
			"catalogue_year names the version (a year such as 2024)");
		return NULL;
	}
	if (svc_tx(d, a, move_work, &c, e))
		return NULL;
	return sp_get_json(d, a, id, e);
}

/* ---- the panel's scores ---- */

struct score_ctx {
	int64_t id, round, score;
	const char *comment;
};

static int score_work(tx *t, void *ctx, err *e)
{
	struct score_ctx *c = ctx;
	if (db_run(t->d,
		   "INSERT INTO special_review_scores (proposal_id, round, expert_id, score, comment, "
		   "created_at) "
		   "VALUES ($1,$2,$3,$4,$5,$6)",
		   DB_ARGS(DV_I(c->id), DV_I(c->round), DV_I(t->a->user_id), DV_I(c->score),
			   DV_S(c->comment ? c->comment : ""), DV_I(now_s())),
		   e) != 1)
		return -1;
	tx_audit(t, "special_proposal.scored", "special_proposal", c->id,
		 json_pack("{s:I,s:I,s:I}", "expert_id", (json_int_t)t->a->user_id, "round",
			   (json_int_t)c->round, "score", (json_int_t)c->score));
	return 0;
}

json_t *sp_score(db *d, const principal *a, int64_t id, int64_t score, const char *comment, err *e)
{
	if (a->role != ROLE_EXAMINER) {
		err_set(e, 403, "forbidden", NULL, "由评审专家独立评分", "the panel's experts score");
		return NULL;
	}
	if (check_text(comment, "comment", 500, false, e))
		return NULL;
	if (score < 0 || score > 100) {
		err_set(e, 422, "invalid_value", "score", "评分为 0 至 100 的整数", "a score is 0 to 100");
		return NULL;
	}
	bool on = false;
	struct sp_row r;
	if (on_panel(d, id, a->user_id, &on, e))
		return NULL;
	if (!on) {
		err_set(e, 404, "not_found", NULL, "申报不存在或您不在其评审专家组",
			"no such proposal on a panel of yours");
		return NULL;
	}
	if (load_row(d, id, &r, e))
		return NULL;
	if (strcmp(r.status, "reviewing")) {
		err_set(e, 409, "invalid_state", "status", "只有专家评审中的申报可以评分",
			"scores are recorded while the proposal is under review");
		return NULL;
	}
	/* 回避: the panels' rule for an applicant unit (§56): an expert of the proposing institution */
	bool same = false;
	if (pf_same_unit(d, a->user_id, r.inst, &same, e))
		return NULL;
	if (same) {
		err_set(e, 403, "avoidance", NULL, "须回避：%s", "you must abstain from this proposal: %s",
			"与申报单位为同一单位");
		return NULL;
	}
	int64_t one = 0;
	int rc = db_one_int(d,
			    "SELECT 1 FROM special_review_scores WHERE proposal_id = $1 AND round = $2 AND "
			    "expert_id = $3",
			    DB_ARGS(DV_I(id), DV_I(r.round), DV_I(a->user_id)), &one, e);
	if (rc == DB_OK) {
		err_set(e, 409, "already_scored", NULL, "您已独立评分，评分不能修改",
			"you have scored this proposal (independent scores are not changed)");
		return NULL;
	}
	if (rc != DB_NOT_FOUND)
		return NULL;
	struct score_ctx c = {id, r.round, score, comment};
	if (svc_tx(d, a, score_work, &c, e))
		return NULL;
	return sp_get_json(d, a, id, e);
}
