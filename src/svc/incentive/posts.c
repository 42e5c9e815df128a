/* posts.c: 新八级工 posts — the trial's authorisation, the posts, the appointment rounds with their panel,
 * the appointments and their appraisals, the name lists and the talent record's part (see posts.h) */
#include "util/common.h"
#include "svc/incentive/posts.h"
#include "core/date.h"
#include "core/ladder.h"
#include "core/post_flow.h"
#include "core/practical.h"
#include "core/scope.h"
#include "svc/base/scope.h"
#include "svc/base/tx.h"
#include "svc/evaluation/practical.h"
#include "svc/platform/workforce.h"
#include "svc/stats/counters.h"
#include "svc/supervision/credit.h"
#include "svc/registry/institutions.h"
#include "util/arena.h"
#include <math.h>

static const char *const stages[] = {"performance", "defence", "overall"};
static const char *const stages_zh[] = {"业绩评审", "现场答辩", "综合评审"};

static int stage_index(const char *s)
{
	for (int i = 0; i < 3; i++)
		if (s && !strcmp(s, stages[i]))
			return i;
	return -1;
}

static json_t *rung_json(int r)
{
	return r >= 0 ? json_string(ladder_code(r)) : json_null();
}

static const char *rung_zh(const char *code)
{
	const char *z = ladder_name_zh(ladder_parse(code));
	return z ? z : "";
}

static void today_text(char out[11])
{
	date_format(date_today_utc8(), out);
}

static scope_owner owner_of(int64_t inst, const char *region)
{
	scope_owner o = {.found = true, .institution_id = inst};
	snprintf(o.region, sizeof o.region, "%s", region);
	return o;
}

/* the enterprise's trial in force: 1 (covering the rung), 0 (none, revoked, or not covering 首席技师), -1 */
static int trial_in_force(db *d, int64_t inst, int rung, int64_t *trial_id, err *e)
{
	db_stmt *st =
		db_query(d,
			 "SELECT id, covers_chief FROM post_trials WHERE institution_id = $1 AND status = "
			 "'active'",
			 DB_ARGS(DV_I(inst)), e);
	int row = st ? db_row(st, e) : -1;
	int ok = 0;
	if (row == 1) {
		ok = rung != WL_CHIEF || db_int(st, 1) != 0;
		if (trial_id)
			*trial_id = db_int(st, 0);
	}
	db_done(st);
	return row < 0 ? -1 : ok;
}

static int refuse_untrialled(int rung, err *e)
{
	return err_set(
		e, 409, "trial_not_authorised", NULL,
		"本单位未获人社部门授权试行%s评聘（或授权已撤销）：须先由省级或所在市人社部门授权%.0s",
		"%.0sthe enterprise is not authorised (or no longer) to appoint to %s posts: the province "
		"or its city bureau authorises the trial first",
		rung == WL_CHIEF ? "首席技师" : "特级技师",
		rung == WL_CHIEF ? "首席技师 (chief technician)" : "特级技师 (special-grade technician)");
}

static json_t *id_view(db_stmt *st)
{
	return json_integer(db_int(st, 0));
}

static json_t *round_brief_view(db_stmt *st)
{
	return json_pack("{s:I,s:s,s:s,s:s,s:I}", "id", (json_int_t)db_int(st, 0), "name", db_text(st, 1),
			 "status", db_text(st, 2), "status_zh", fsm_state_zh(&post_round_fsm, db_text(st, 2)),
			 "created_at", (json_int_t)db_int(st, 3));
}

static json_t *member_view(db_stmt *st)
{
	return json_pack("{s:I,s:s,s:s}", "user_id", (json_int_t)db_int(st, 0), "username", db_text(st, 1),
			 "display_name", db_text(st, 2));
}

static json_t *app_view(db_stmt *st)
{
	return json_pack("{s:I,s:I,s:s,s:s,s:s,s:s,s:o,s:b}", "id", (json_int_t)db_int(st, 0), "person_id",
			 (json_int_t)db_int(st, 1), "person_name", db_text(st, 2), "held_rung",
			 db_text(st, 3), "held_rung_zh", rung_zh(db_text(st, 3)), "achievements",
			 db_text(st, 4), "rank", db_isnull(st, 5) ? json_null() : json_integer(db_int(st, 5)),
			 "selected", db_int(st, 6) != 0);
}

static json_t *appraisal_view(db_stmt *st)
{
	return json_pack("{s:I,s:s,s:s}", "year_no", (json_int_t)db_int(st, 0), "result", db_text(st, 1),
			 "remark", db_text(st, 2));
}

static json_t *round_view(db_stmt *st)
{
	json_t *cr = json_loads(db_text(st, 11), 0, NULL);
	return json_pack("{s:I,s:I,s:s,s:s,s:I,s:I,s:s,s:s,s:s,s:f,s:f,s:o,s:s,s:s,s:s,s:I}", "id",
			 (json_int_t)db_int(st, 0), "post_id", (json_int_t)db_int(st, 1), "post_name",
			 db_text(st, 2), "rung", db_text(st, 3), "seats", (json_int_t)db_int(st, 4),
			 "term_months", (json_int_t)db_int(st, 5), "min_rung", db_text(st, 6), "name",
			 db_text(st, 7), "status", db_text(st, 8), "pass_score", db_double(st, 9),
			 "spread_pct", db_double(st, 10), "criteria", cr ? cr : json_array(), "reason",
			 db_text(st, 12), "appointed_on", db_text(st, 13), "institution_name",
			 db_text(st, 14), "institution_id", (json_int_t)db_int(st, 15));
}

/* ---- the trial ---- */

#define TRIAL_COLS                                                                                           \
	"pd.id, pd.institution_id, i.name, pd.region_code, pd.authority, pd.doc_no, pd.decided_on, "         \
	"pd.scope, "                                                                                         \
	"pd.covers_chief, pd.status, COALESCE(pd.revoked_on, ''), pd.revoke_doc_no, pd.revoke_reason, "      \
	"pd.created_at"
/* post_trials is aliased pd as the scope rule of SE_POST names its columns (region_code, institution_id) */
#define TRIAL_FROM " FROM post_trials pd JOIN institutions i ON i.id = pd.institution_id"

static json_t *trial_view(db_stmt *st)
{
	return json_pack("{s:I,s:I,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:b,s:s,s:s,s:s,s:s,s:s,s:I}", "id",
			 (json_int_t)db_int(st, 0), "institution_id", (json_int_t)db_int(st, 1),
			 "institution_name", db_text(st, 2), "region_code", db_text(st, 3), "authority",
			 db_text(st, 4), "authority_zh",
			 !strcmp(db_text(st, 4), "province") ? "省级人社部门" : "市级人社部门", "doc_no",
			 db_text(st, 5), "decided_on", db_text(st, 6), "scope", db_text(st, 7),
			 "covers_chief", db_int(st, 8) != 0, "status", db_text(st, 9), "status_zh",
			 !strcmp(db_text(st, 9), "active") ? "授权有效" : "已撤销", "revoked_on",
			 db_text(st, 10), "revoke_doc_no", db_text(st, 11), "revoke_reason", db_text(st, 12),
			 "created_at", (json_int_t)db_int(st, 13));
}

static json_t *trial_get(db *d, int64_t id, err *e)
{
	json_t *o = row_json(
		db_query(d, "SELECT " TRIAL_COLS TRIAL_FROM " WHERE pd.id = $1", DB_ARGS(DV_I(id)), e),
		trial_view, e);
	if (!o && !err_isset(e))
		err_set(e, 404, "not_found", NULL, "评聘试点授权不存在", "no such trial authorisation");
	return o;
}

static const struct list_filter trial_filters[] = {
	{"status", "pd.status = ?", LIST_EQ, .max = 16},
	{"institution_id", "pd.institution_id = ?", LIST_ID},
	{"region_code", "pd.region_code LIKE ?", LIST_REGION, .max = 12},
};
static const struct list_sort trial_sorts[] = {{"id", "pd.id"}, {"decided_on", "pd.decided_on"}};
static const struct export_col trial_cols[] = {
	{"id", "编号"},
	{"institution_name", "企业"},
	{"region_code", "地区"},
	{"authority_zh", "授权机关"},
	{"doc_no", "文号"},
	{"decided_on", "决定日期"},
	{"scope", "范围"},
	{"status_zh", "状态"},
	{"revoked_on", "撤销日期"},
};

const struct list_spec post_trial_list = {
	.name = "post_trials",
	.scoped = true,
	.entity = SE_POST,
	.count_sql = "SELECT COUNT(*)" TRIAL_FROM,
	.select_sql = "SELECT " TRIAL_COLS TRIAL_FROM,
	.order = "pd.id DESC",
	LIST_FILTERS(trial_filters),
	LIST_SORTS(trial_sorts),
	.view = trial_view,
	LIST_COLS(trial_cols),
};

static int bureau_only(const principal *a, err *e)
{
	if (a->role == ROLE_PROVINCE_ADMIN || a->role == ROLE_CITY_ADMIN)
		return 0;
	return err_set(e, 403, "forbidden", NULL, "评聘试点由省级或市级人社部门授权",
		       "the province or a city bureau authorises the trial");
}

struct trial_ctx {
	const struct post_trial_input *in;
	const char *region;
	int64_t id;
	int decided;
};

static int trial_work(tx *t, void *ctx, err *e)
{
	struct trial_ctx *c = ctx;
	const struct post_trial_input *in = c->in;
	char day[11];
	date_format(c->decided, day);
	int64_t now = now_s();
	const char *authority = t->a->role == ROLE_PROVINCE_ADMIN ? "province" : "city";
	int covers = in->covers_chief < 0 ? 1 : in->covers_chief;
	int rc = db_one_int(
		t->d,
		"INSERT INTO post_trials (institution_id, region_code, authority, doc_no, decided_on, "
		"scope, covers_chief, decided_by, created_at, updated_at) VALUES "
		"($1,$2,$3,$4,$5,$6,$7,$8,$9,$9) RETURNING id",
		DB_ARGS(DV_I(in->institution_id), DV_S(c->region), DV_S(authority), DV_S(in->doc_no),
			DV_S(day), DV_S(in->scope), DV_I(covers), DV_I(t->a->user_id), DV_I(now)),
		&c->id, e);
	if (rc != DB_OK)
		return e->status == 409 ? err_set(e, 409, "already_authorised", "institution_id",
						  "该企业已有有效的评聘试点授权",
						  "the enterprise already holds an authorisation in force")
					: -1;
	tx_audit(t, "post_trial.authorised", "post_trial", c->id,
		 json_pack("{s:I,s:s,s:s,s:s,s:s,s:b}", "institution_id", (json_int_t)in->institution_id,
			   "authority", authority, "doc_no", in->doc_no, "decided_on", day, "scope",
			   in->scope, "covers_chief", covers));
	return 0;
}

json_t *post_trial_add(db *d, const principal *a, const struct post_trial_input *in, err *e)
{
	if (bureau_only(a, e))
		return NULL;
	int decided = 0;
	if (check_text(in->doc_no, "doc_no", 100, true, e) || check_text(in->scope, "scope", 400, true, e))
		return NULL;
	if (!in->decided_on || date_parse(in->decided_on, &decided) != 0 || decided > date_today_utc8())
		return err_set(e, 422, "invalid_value", "decided_on", "决定日期应为不晚于今天的 YYYY-MM-DD",
			       "decided_on is a date (YYYY-MM-DD) not after today"),
		       NULL;
	struct inst_facts ii;
	if (inst_facts(d, in->institution_id, &ii, e))
		return NULL;
	scope_owner o = owner_of(in->institution_id, ii.region);
	if (!ii.found || scope_decide(a, SE_POST, &o, SCOPE_WRITE))
		return err_set(e, 404, "not_found", "institution_id", "企业不存在或不在本地区",
			       "no such enterprise in your region"),
		       NULL;
	/* 在全省开展技能人才自主评价的企业中，试行设立特级技师岗位 (seed 000): a filed employer */
	if (strcmp(ii.type, "employer") || strcmp(ii.status, "filed"))
		return err_set(e, 409, "not_self_evaluating", "institution_id",
			       "评聘试点只授予已备案的自主评价企业（用人单位类评价机构，状态为已备案）",
			       "the trial is only for filed self-evaluating enterprises (employer "
			       "institutions "
			       "whose filing is in force)"),
		       NULL;
	struct trial_ctx c = {.in = in, .region = ii.region, .decided = decided};
	return svc_tx(d, a, trial_work, &c, e) ? NULL : trial_get(d, c.id, e);
}

struct revoke_ctx {
	int64_t id;
	const char *doc_no, *reason;
};

static int revoke_work(tx *t, void *ctx, err *e)
{
	struct revoke_ctx *c = ctx;
	char day[11];
	today_text(day);
	int n = db_run(t->d,
		       "UPDATE post_trials SET status = 'revoked', revoked_on = $2, revoke_doc_no = $3, "
		       "revoke_reason = $4, updated_at = $5 WHERE id = $1 AND status = 'active'",
		       DB_ARGS(DV_I(c->id), DV_S(day), DV_S(c->doc_no ? c->doc_no : ""), DV_S(c->reason),
			       DV_I(now_s())),
		       e);
	if (n < 0)
		return -1;
	if (n == 0)
		return err_set(e, 409, "already_revoked", NULL, "该授权已撤销",
			       "the authorisation is revoked already");
	tx_audit(t, "post_trial.revoked", "post_trial", c->id,
		 json_pack("{s:s,s:s,s:s}", "revoked_on", day, "doc_no", c->doc_no ? c->doc_no : "", "reason",
			   c->reason));
	return 0;
}

json_t *post_trial_revoke(db *d, const principal *a, int64_t id, const char *doc_no, const char *reason,
			  err *e)
{
	if (bureau_only(a, e))
		return NULL;
	int64_t inst = 0;
	char region[16] = "";
	db_stmt *st = db_query(d, "SELECT institution_id, region_code FROM post_trials WHERE id = $1",
			       DB_ARGS(DV_I(id)), e);
	int row = st ? db_row(st, e) : -1;
	if (row == 1) {
		inst = db_int(st, 0);
		snprintf(region, sizeof region, "%s", db_text(st, 1));
	}
	db_done(st);
	if (row < 0)
		return NULL;
	scope_owner o = owner_of(inst, region);
	if (row == 0 || scope_decide(a, SE_POST, &o, SCOPE_WRITE))
		return err_set(e, 404, "not_found", NULL, "评聘试点授权不存在",
			       "no such trial authorisation"),
		       NULL;
	if (check_text(reason, "reason", 400, true, e) || check_text(doc_no, "doc_no", 100, false, e))
		return NULL;
	struct revoke_ctx c = {.id = id, .doc_no = doc_no, .reason = reason};
	return svc_tx(d, a, revoke_work, &c, e) ? NULL : trial_get(d, id, e);
}

/* ---- the posts ---- */

#define DEF_COLS                                                                                             \
	"pd.id, pd.institution_id, i.name, pd.region_code, pd.trial_id, pd.rung, pd.name, pd.seats, "        \
	"pd.term_months, pd.min_rung, pd.conditions, pd.reference_post, pd.reference_pay_fen, "              \
	"pd.monthly_pay_fen, pd.monthly_allowance_fen, pd.one_off_fen, pd.benefits, pd.active, "             \
	"(SELECT COUNT(*) FROM post_appointments pa WHERE pa.post_id = pd.id AND pa.status = 'serving')"
#define DEF_FROM " FROM post_defs pd JOIN institutions i ON i.id = pd.institution_id"

static json_t *def_view(db_stmt *st)
{
	json_t *cond = json_loads(db_text(st, 10), 0, NULL);
	return json_pack("{s:I,s:I,s:s,s:s,s:I,s:s,s:s,s:s,s:I,s:I,s:s,s:s,s:o,s:s,s:I,s:I,s:I,s:I,s:s,s:b,"
			 "s:I}",
			 "id", (json_int_t)db_int(st, 0), "institution_id", (json_int_t)db_int(st, 1),
			 "institution_name", db_text(st, 2), "region_code", db_text(st, 3), "trial_id",
			 (json_int_t)db_int(st, 4), "rung", db_text(st, 5), "rung_zh",
			 rung_zh(db_text(st, 5)), "name", db_text(st, 6), "seats", (json_int_t)db_int(st, 7),
			 "term_months", (json_int_t)db_int(st, 8), "min_rung", db_text(st, 9), "min_rung_zh",
			 rung_zh(db_text(st, 9)), "conditions", cond ? cond : json_array(), "reference_post",
			 db_text(st, 11), "reference_pay_fen", (json_int_t)db_int(st, 12), "monthly_pay_fen",
			 (json_int_t)db_int(st, 13), "monthly_allowance_fen", (json_int_t)db_int(st, 14),
			 "one_off_fen", (json_int_t)db_int(st, 15), "benefits", db_text(st, 16), "active",
			 db_int(st, 17) != 0, "serving", (json_int_t)db_int(st, 18));
}

/* a post with its rounds, for the enterprise's page */
static int defs_after(db *d, const principal *a, json_t *items, err *e)
{
	UNUSED(a);
	size_t i;
	json_t *it;
	json_array_foreach(items, i, it)
	{
		json_t *rounds =
			rows_json(db_query(d,
					   "SELECT id, name, status, created_at FROM post_rounds WHERE "
					   "post_id = $1 ORDER "
					   "BY id DESC",
					   DB_ARGS(DV_I(json_integer_value(json_object_get(it, "id")))), e),
				  round_brief_view, e);
		if (!rounds)
			return -1;
		json_object_set_new(it, "rounds", rounds);
	}
	return 0;
}

static const struct list_filter def_filters[] = {
	{"institution_id", "pd.institution_id = ?", LIST_ID},
	{"rung", "pd.rung = ?", LIST_EQ, .max = 16},
	{"region_code", "pd.region_code LIKE ?", LIST_REGION, .max = 12},
};
static const struct list_sort def_sorts[] = {{"id", "pd.id"}};
static const struct export_col def_cols[] = {
	{"id", "编号"},
	{"institution_name", "企业"},
	{"rung_zh", "岗位等级"},
	{"name", "岗位"},
	{"seats", "岗位数"},
	{"term_months", "聘期（月）"},
	{"min_rung_zh", "申报等级"},
	{"monthly_pay_fen", "月薪（分）"},
	{"serving", "在聘人数"},
};

const struct list_spec post_def_list = {
	.name = "posts",
	.scoped = true,
	.entity = SE_POST,
	.count_sql = "SELECT COUNT(*)" DEF_FROM,
	.select_sql = "SELECT " DEF_COLS DEF_FROM,
	.order = "pd.id DESC",
	LIST_FILTERS(def_filters),
	LIST_SORTS(def_sorts),
	.view = def_view,
	.after = defs_after,
	LIST_COLS(def_cols),
};

static json_t *def_get(db *d, int64_t id, err *e)
{
	json_t *o =
		row_json(db_query(d, "SELECT " DEF_COLS DEF_FROM " WHERE pd.id = $1", DB_ARGS(DV_I(id)), e),
			 def_view, e);
	if (!o && !err_isset(e))
		err_set(e, 404, "not_found", NULL, "岗位不存在", "no such post");
	return o;
}

static int enterprise_admin(const principal *a, err *e)
{
	if (a->role == ROLE_INSTITUTION_ADMIN && a->institution_id > 0)
		return 0;
	return err_set(e, 403, "forbidden", NULL, "特级技师、首席技师岗位由获授权的企业设置和评聘",
		       "the authorised enterprise defines its posts and runs their rounds");
}

struct def_ctx {
	const struct post_def_input *in;
	int rung, min_rung;
	int64_t trial_id, id;
	const char *region;
};

static int def_work(tx *t, void *ctx, err *e)
{
	struct def_ctx *c = ctx;
	const struct post_def_input *in = c->in;
	int64_t inst = t->a->institution_id;
	/* the pay check against the employer's other posts, with the employer's row locked first: two posts
	 * defined at once queue here and the second sees the first (PostgreSQL, read committed; SQLite's
	 * write transaction already is one at a time) */
	int64_t smax = -1, cmin = -1, n = 0;
	if (db_run(t->d, "UPDATE institutions SET status = status WHERE id = $1", DB_ARGS(DV_I(inst)), e) < 0)
		return -1;
	if (db_one_int(t->d,
		       "SELECT COUNT(*) FROM post_defs WHERE institution_id = $1 AND rung = 'special' AND "
		       "active = 1",
		       DB_ARGS(DV_I(inst)), &n, e) != DB_OK)
		return -1;
	if (n && db_one_int(t->d,
			    "SELECT MAX(monthly_pay_fen) FROM post_defs WHERE institution_id = $1 AND rung = "
			    "'special' AND active = 1",
			    DB_ARGS(DV_I(inst)), &smax, e) != DB_OK)
		return -1;
	if (db_one_int(t->d,
		       "SELECT COUNT(*) FROM post_defs WHERE institution_id = $1 AND rung = 'chief' AND "
		       "active = 1",
		       DB_ARGS(DV_I(inst)), &n, e) != DB_OK)
		return -1;
	if (n && db_one_int(t->d,
			    "SELECT MIN(monthly_pay_fen) FROM post_defs WHERE institution_id = $1 AND rung = "
			    "'chief' AND active = 1",
			    DB_ARGS(DV_I(inst)), &cmin, e) != DB_OK)
		return -1;
	if (post_pay_check(c->rung, in->monthly_pay_fen, in->reference_pay_fen, smax, cmin, e))
		return -1;
	json_t *conds = json_array();
	for (size_t i = 0; i < in->nconditions; i++)
		json_array_append_new(conds, json_pack("{s:s,s:s}", "text", in->conditions[i].text, "source",
						       in->conditions[i].source));
	char *ctext = json_dumps(conds, JSON_COMPACT);
	int64_t now = now_s();
	int rc = db_one_int(t->d,
			    "INSERT INTO post_defs (institution_id, region_code, trial_id, rung, name, "
			    "seats, term_months, "
			    "min_rung, conditions, reference_post, reference_pay_fen, monthly_pay_fen, "
			    "monthly_allowance_fen, one_off_fen, benefits, created_at, updated_at) VALUES "
			    "($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$16) RETURNING id",
			    DB_ARGS(DV_I(inst), DV_S(c->region), DV_I(c->trial_id),
				    DV_S(ladder_code(c->rung)), DV_S(in->name), DV_I(in->seats),
				    DV_I(in->term_months), DV_S(ladder_code(c->min_rung)), DV_S(ctext),
				    DV_S(in->reference_post), DV_I(in->reference_pay_fen),
				    DV_I(in->monthly_pay_fen), DV_I(in->monthly_allowance_fen),
				    DV_I(in->one_off_fen), DV_S(in->benefits ? in->benefits : ""), DV_I(now)),
			    &c->id, e);
	free(ctext);
	if (rc != DB_OK) {
		json_decref(conds);
		return -1;
	}
	tx_audit(t, "post.defined", "post", c->id,
		 json_pack("{s:s,s:s,s:I,s:I,s:s,s:o,s:s,s:I,s:I,s:I,s:I}", "rung", ladder_code(c->rung),
			   "name", in->name, "seats", (json_int_t)in->seats, "term_months",
			   (json_int_t)in->term_months, "min_rung", ladder_code(c->min_rung), "conditions",
			   conds, "reference_post", in->reference_post, "reference_pay_fen",
			   (json_int_t)in->reference_pay_fen, "monthly_pay_fen",
			   (json_int_t)in->monthly_pay_fen, "monthly_allowance_fen",
			   (json_int_t)in->monthly_allowance_fen, "one_off_fen",
			   (json_int_t)in->one_off_fen));
	return 0;
}

json_t *post_def_add(db *d, const principal *a, const struct post_def_input *in, err *e)
{
	if (enterprise_admin(a, e))
		return NULL;
	int rung = ladder_parse(in->rung);
	if (rung != WL_SPECIAL && rung != WL_CHIEF)
		return err_set(e, 422, "invalid_value", "rung",
			       "岗位等级应为 special（特级技师）或 chief（首席技师）",
			       "rung is special (特级技师) or chief (首席技师)"),
		       NULL;
	int min_rung = ladder_parse(in->min_rung);
	if (min_rung < WL_5 || min_rung >= rung)
		return err_set(e, 422, "invalid_value", "min_rung",
			       "申报等级应为低于本岗位的职业技能等级（如特级技师岗位：高级技师）",
			       "min_rung is a rung of the ladder below the post (e.g. level1 高级技师 for "
			       "特级技师)"),
		       NULL;
	if (check_text(in->name, "name", 100, true, e) ||
	    check_text(in->reference_post, "reference_post", 50, true, e) ||
	    check_text(in->benefits, "benefits", 1000, false, e))
		return NULL;
	if (in->seats < 1 || in->seats > 1000)
		return err_set(e, 422, "invalid_value", "seats", "岗位数应为 1 到 1000",
			       "seats is 1 to 1000"),
		       NULL;
	if (in->term_months < 12 || in->term_months > 120 || in->term_months % 12)
		return err_set(e, 422, "invalid_value", "term_months",
			       "聘期应为 1 到 10 个整年（12 的倍数个月），每年一次年度考核",
			       "term_months is 1 to 10 whole years (a multiple of 12): one appraisal a year"),
		       NULL;
	if (in->monthly_allowance_fen < 0 || in->one_off_fen < 0)
		return err_set(e, 422, "invalid_value",
			       in->one_off_fen < 0 ? "one_off_fen" : "monthly_allowance_fen", "金额不能为负",
			       "sums are not negative"),
		       NULL;
	if (in->nconditions > POST_MAX_CONDITIONS)
		return err_set(e, 422, "invalid_value", "conditions", "条件至多 16 条",
			       "at most 16 conditions"),
		       NULL;
	for (size_t i = 0; i < in->nconditions; i++)
		if (check_text(in->conditions[i].text, "conditions", 400, true, e) ||
		    check_text(in->conditions[i].source, "conditions", 200, true, e))
			return NULL;
	struct inst_facts ii;
	if (inst_facts(d, a->institution_id, &ii, e))
		return NULL;
	struct def_ctx c = {.in = in, .rung = rung, .min_rung = min_rung, .region = ii.region};
	int force = trial_in_force(d, a->institution_id, rung, &c.trial_id, e);
	if (force < 0)
		return NULL;
	if (!force || strcmp(ii.status, "filed"))
		return refuse_untrialled(rung, e), NULL;
	return svc_tx(d, a, def_work, &c, e) ? NULL : def_get(d, c.id, e);
}

/* ---- rounds ---- */

struct round_row {
	int64_t id, post_id, inst;
	int rung, min_rung;
	int64_t seats, term_months, panel;
	char region[16], status[16];
	double pass_score, spread;
	struct criterion crit[POST_MAX_CRITERIA];
	int nc;
};

static int load_round(db *d, int64_t id, struct round_row *r, err *e)
{
	memset(r, 0, sizeof *r);
	db_stmt *st = db_query(
		d,
		"SELECT r.id, r.post_id, r.institution_id, r.region_code, r.status, pd.rung, "
		"pd.min_rung, pd.seats, pd.term_months, r.pass_score, r.spread_pct, r.criteria, "
		"(SELECT COUNT(*) FROM post_round_panel m WHERE m.round_id = r.id) FROM post_rounds r "
		"JOIN post_defs pd ON pd.id = r.post_id WHERE r.id = $1",
		DB_ARGS(DV_I(id)), e);
	int row = st ? db_row(st, e) : -1;
	if (row == 1) {
		r->id = db_int(st, 0);
		r->post_id = db_int(st, 1);
		r->inst = db_int(st, 2);
		snprintf(r->region, sizeof r->region, "%s", db_text(st, 3));
		snprintf(r->status, sizeof r->status, "%s", db_text(st, 4));
		r->rung = ladder_parse(db_text(st, 5));
		r->min_rung = ladder_parse(db_text(st, 6));
		r->seats = db_int(st, 7);
		r->term_months = db_int(st, 8);
		r->pass_score = db_double(st, 9);
		r->spread = db_double(st, 10);
		json_t *cr = json_loads(db_text(st, 11), 0, NULL), *x;
		size_t i;
		json_array_foreach(cr, i, x) if (r->nc < POST_MAX_CRITERIA) r->crit[r->nc++] =
			(struct criterion){json_number_value(json_object_get(x, "points")),
					   json_is_true(json_object_get(x, "star"))};
		json_decref(cr);
		r->panel = db_int(st, 12);
	}
	db_done(st);
	if (row == 0)
		return err_set(e, 404, "not_found", NULL, "评聘轮次不存在", "no such appointment round");
	return row < 0 ? -1 : 0;
}

static int on_panel(db *d, int64_t round, int64_t user, bool *yes, err *e)
{
	int64_t n = 0;
	if (db_one_int(d, "SELECT COUNT(*) FROM post_round_panel WHERE round_id = $1 AND user_id = $2",
		       DB_ARGS(DV_I(round), DV_I(user)), &n, e) != DB_OK)
		return -1;
	*yes = n > 0;
	return 0;
}

/* who reads a round: by SE_POST (the province, the enterprise's city, its administrator and staff), or an
 * examiner on its panel; 404 otherwise. *writes: the enterprise's administrator (the FSM says which moves).
 */
static int round_access(db *d, const principal *a, const struct round_row *r, bool *writes, err *e)
{
	scope_owner o = owner_of(r->inst, r->region);
	if (writes)
		*writes = scope_decide(a, SE_POST, &o, SCOPE_WRITE) == 0;
	if (a->role == ROLE_EXAMINER) {
		bool yes = false;
		if (on_panel(d, r->id, a->user_id, &yes, e))
			return -1;
		if (yes)
			return 0;
	} else if (scope_decide(a, SE_POST, &o, SCOPE_READ) == 0)
		return 0;
	return err_set(e, 404, "not_found", NULL, "评聘轮次不存在", "no such appointment round");
}

struct open_ctx {
	const struct post_round_input *in;
	const struct round_row *post; /* the post's facts: inst, region */
	int64_t id;
	double spread;
};

static int open_work(tx *t, void *ctx, err *e)
{
	struct open_ctx *c = ctx;
	const struct post_round_input *in = c->in;
	db *d = t->d;
	int seniors = 0;
	for (size_t i = 0; i < in->nexaminers; i++) {
		int64_t uid = in->examiners[i];
		/* 评价队伍 (svc/platform/workforce.h, the one check of every panel): an active examiner with
		 * a 高级考评员 qualification valid today (a post ranks above 一级: a level 1 panel), no
		 * credit block */
		int today = date_today_utc8();
		bool senior = false;
		if (wf_panel_refuse(d, uid, 1, &today, 1, "examiners", &senior, e) != 0)
			return -1;
		for (size_t k = 0; k < i; k++)
			if (in->examiners[k] == uid)
				return err_set(e, 422, "invalid_value", "examiners", "评审组成员重复",
					       "an examiner is named twice");
		seniors += senior;
	}
	/* the panel rules of 综合评审 at level 1 (core/practical.h): at least 3, an odd number, all
	 * 高级考评员 */
	const char *problem = panel_problem((int)in->nexaminers, seniors, 1);
	if (problem)
		return err_set(e, 422, problem, "examiners",
			       "评审组应不少于 3 人且为单数，全部为高级考评员（同一级综合评审）",
			       "a panel has at least 3 examiners, an odd number, all senior (as 综合评审 at "
			       "level 1)");
	json_t *cr = json_array();
	for (size_t i = 0; i < in->ncriteria; i++) {
		const struct post_criterion *k = &in->criteria[i];
		json_t *o = json_pack("{s:s,s:f,s:s,s:s}", "name", k->name, "points", k->points, "stage",
				      k->stage, "stage_zh", stages_zh[stage_index(k->stage)]);
		if (k->star >= 0)
			json_object_set_new(o, "star", json_boolean(k->star));
		json_array_append_new(cr, o);
	}
	char *ctext = json_dumps(cr, JSON_COMPACT);
	int64_t now = now_s();
	int rc = db_one_int(
		d,
		"INSERT INTO post_rounds (post_id, institution_id, region_code, name, pass_score, "
		"criteria, spread_pct, created_at, updated_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$8) "
		"RETURNING id",
		DB_ARGS(DV_I(in->post_id), DV_I(c->post->inst), DV_S(c->post->region), DV_S(in->name),
			DV_D(in->pass_score), DV_S(ctext), DV_D(c->spread), DV_I(now)),
		&c->id, e);
	free(ctext);
	for (size_t i = 0; i < in->nexaminers && rc == DB_OK; i++)
		if (db_run(d, "INSERT INTO post_round_panel (round_id, user_id) VALUES ($1,$2)",
			   DB_ARGS(DV_I(c->id), DV_I(in->examiners[i])), e) < 0)
			rc = DB_ERROR;
	if (rc != DB_OK) {
		json_decref(cr);
		return -1;
	}
	tx_audit(t, "post_round.opened", "post_round", c->id,
		 json_pack("{s:I,s:s,s:f,s:o,s:o}", "post_id", (json_int_t)in->post_id, "name", in->name,
			   "pass_score", in->pass_score, "criteria", cr, "examiners",
			   json_ids(in->examiners, in->nexaminers)));
	return 0;
}

json_t *post_round_add(db *d, const principal *a, const struct post_round_input *in, err *e)
{
	if (enterprise_admin(a, e))
		return NULL;
	struct round_row p = {0};
	db_stmt *st =
		db_query(d, "SELECT institution_id, region_code, rung, active FROM post_defs WHERE id = $1",
			 DB_ARGS(DV_I(in->post_id)), e);
	int row = st ? db_row(st, e) : -1, active = 0;
	if (row == 1) {
		p.inst = db_int(st, 0);
		snprintf(p.region, sizeof p.region, "%s", db_text(st, 1));
		p.rung = ladder_parse(db_text(st, 2));
		active = db_int(st, 3) != 0;
	}
	db_done(st);
	if (row < 0)
		return NULL;
	if (row == 0 || p.inst != a->institution_id)
		return err_set(e, 404, "not_found", "post_id", "岗位不存在", "no such post"), NULL;
	int force = trial_in_force(d, p.inst, p.rung, NULL, e);
	if (force < 0)
		return NULL;
	if (!force || !active)
		return refuse_untrialled(p.rung, e), NULL;
	if (check_text(in->name, "name", 100, true, e))
		return NULL;
	if (!(in->pass_score >= 0 && in->pass_score <= 100))
		return err_set(e, 422, in->pass_score != in->pass_score ? "missing_field" : "invalid_value",
			       "pass_score", "合格分数线应为 0 到 100（由企业评聘办法确定）",
			       "pass_score is 0 to 100 (the enterprise's own rule)"),
		       NULL;
	double spread = in->spread_pct != in->spread_pct ? 0.2 : in->spread_pct;
	if (!(spread > 0 && spread <= 1))
		return err_set(e, 422, "invalid_value", "spread_pct", "分差阈值应在 0 到 1 之间",
			       "spread_pct is in (0, 1]"),
		       NULL;
	if (in->ncriteria < 1 || in->ncriteria > POST_MAX_CRITERIA)
		return err_set(e, 422, "invalid_value", "criteria", "评分项应为 1 到 32 项",
			       "criteria: 1 to 32 items"),
		       NULL;
	bool seen[3] = {false, false, false};
	for (size_t i = 0; i < in->ncriteria; i++) {
		const struct post_criterion *k = &in->criteria[i];
		int s = stage_index(k->stage);
		if (check_text(k->name, "criteria", 100, true, e))
			return NULL;
		if (!(k->points > 0 && k->points <= 100) || s < 0)
			return err_set(e, 422, "invalid_value", "criteria",
				       "评分项应为 {name, points(0..100], stage: "
				       "performance|defence|overall, star}",
				       "criteria are {name, points in (0, 100], stage "
				       "performance|defence|overall, "
				       "star}"),
			       NULL;
		seen[s] = true;
	}
	/* 业绩评审 + 现场答辩 + 综合评审 (DOMAIN.md §2.4): each stage has its criteria */
	for (int s = 0; s < 3; s++)
		if (!seen[s])
			return err_set(e, 422, "stage_missing", "criteria",
				       "评聘须包括业绩评审、现场答辩、综合评审三个环节：缺少“%s”的评分项%.0s",
				       "%.0san appointment round scores 业绩评审, 现场答辩 and 综合评审: no "
				       "criterion for "
				       "%s",
				       stages_zh[s], stages[s]),
			       NULL;
	struct open_ctx c = {.in = in, .post = &p, .spread = spread};
	return svc_tx(d, a, open_work, &c, e) ? NULL : post_round_json(d, a, c.id, e);
}

/* the applications of a round with their scores so far: how many examiners scored each, and the panel
 * score when every one has (nobody sees a score before) */
struct app_score {
	int64_t id, person_id;
	int scored_by, due; /* due: the panel less the examiners who must abstain from this applicant */
	bool complete;
	struct panel_result res;
};

static int round_scores(db *d, const struct round_row *r, struct app_score **out, int *n, err *e)
{
	*out = NULL;
	*n = 0;
	int64_t cnt = 0;
	if (db_one_int(d, "SELECT COUNT(*) FROM post_applications WHERE round_id = $1", DB_ARGS(DV_I(r->id)),
		       &cnt, e) != DB_OK)
		return -1;
	if (!cnt)
		return 0;
	struct app_score *as = xcalloc((size_t)cnt, sizeof *as);
	db_stmt *st =
		db_query(d, "SELECT id, person_id FROM post_applications WHERE round_id = $1 ORDER BY id",
			 DB_ARGS(DV_I(r->id)), e);
	int k = 0;
	while (st && k < cnt && db_step(st) == DB_ROW) {
		as[k].id = db_int(st, 0);
		as[k].person_id = db_int(st, 1);
		k++;
	}
	if (!st || db_finish(st, e)) {
		free(as);
		return -1;
	}
	/* the panel, for 回避: an examiner who must abstain from an applicant is not due to score them */
	int64_t members[PRACTICAL_MAX_PANEL];
	int nm = 0;
	st = db_query(d, "SELECT user_id FROM post_round_panel WHERE round_id = $1 ORDER BY user_id",
		      DB_ARGS(DV_I(r->id)), e);
	while (st && nm < PRACTICAL_MAX_PANEL && db_step(st) == DB_ROW)
		members[nm++] = db_int(st, 0);
	if (!st || db_finish(st, e)) {
		free(as);
		return -1;
	}
	arena *ar = arena_new();
	for (int i = 0; i < k; i++) {
		as[i].due = nm;
		for (int m = 0; m < nm; m++) {
			const char *why = avoidance_reason(d, ar, members[m], as[i].person_id, e);
			if (why && err_isset(e)) {
				arena_free(ar);
				free(as);
				return -1;
			}
			as[i].due -= why != NULL;
		}
	}
	arena_free(ar);
	static __thread double sc[PRACTICAL_MAX_PANEL * POST_MAX_CRITERIA];
	for (int i = 0; i < k; i++) {
		st = db_query(d,
			      "SELECT examiner_id, criterion, score FROM post_scores WHERE application_id = "
			      "$1 ORDER "
			      "BY examiner_id, criterion",
			      DB_ARGS(DV_I(as[i].id)), e);
		int ne = 0;
		int64_t last = 0;
		while (st && db_step(st) == DB_ROW) {
			int64_t ex = db_int(st, 0);
			int c = (int)db_int(st, 1);
			if (!ne || last != ex) {
				if (ne == PRACTICAL_MAX_PANEL)
					break;
				ne++;
				last = ex;
			}
			if (c < r->nc)
				sc[(ne - 1) * r->nc + c] = db_double(st, 2);
		}
		if (!st || db_finish(st, e)) {
			free(as);
			return -1;
		}
		as[i].scored_by = ne;
		/* complete: every examiner due has scored, and at least the panel minimum of 3 */
		as[i].complete = as[i].due >= 3 && ne == as[i].due;
		if (as[i].complete && practical_aggregate(r->crit, r->nc, sc, ne, r->spread, &as[i].res))
			as[i].complete = false;
	}
	*out = as;
	*n = k;
	return 0;
}

static void round_ctx(db *d, const struct round_row *r, const struct app_score *as, int n,
		      struct post_round_ctx *c, err *e)
{
	memset(c, 0, sizeof *c);
	c->trial_active = trial_in_force(d, r->inst, r->rung, NULL, e) == 1;
	c->panel_ready = r->nc > 0 && r->panel >= 3;
	c->applicants = n;
	c->all_scored = n > 0;
	for (int i = 0; i < n; i++)
		c->all_scored = c->all_scored && as[i].complete;
}

json_t *post_round_json(db *d, const principal *a, int64_t id, err *e)
{
	struct round_row r;
	bool writes = false;
	if (load_round(d, id, &r, e) || round_access(d, a, &r, &writes, e))
		return NULL;
	json_t *o = row_json(db_query(d,
				      "SELECT r.id, r.post_id, pd.name, pd.rung, pd.seats, pd.term_months, "
				      "pd.min_rung, r.name, "
				      "r.status, r.pass_score, r.spread_pct, r.criteria, r.reason, "
				      "COALESCE(r.appointed_on, ''), "
				      "i.name, r.institution_id FROM post_rounds r JOIN post_defs pd ON "
				      "pd.id = r.post_id JOIN "
				      "institutions i ON i.id = r.institution_id WHERE r.id = $1",
				      DB_ARGS(DV_I(id)), e),
			     round_view, e);
	if (!o)
		return NULL;
	json_object_set_new(o, "status_zh", json_string(fsm_state_zh(&post_round_fsm, r.status)));
	json_object_set_new(o, "rung_zh", json_string(ladder_name_zh(r.rung)));
	json_object_set_new(o, "min_rung_zh",
			    json_string(ladder_name_zh(r.min_rung) ? ladder_name_zh(r.min_rung) : ""));
	json_t *ex = rows_json(db_query(d,
					"SELECT u.id, u.username, COALESCE(u.display_name, '') FROM "
					"post_round_panel m JOIN users u ON u.id = m.user_id WHERE "
					"m.round_id = $1 ORDER BY u.id",
					DB_ARGS(DV_I(id)), e),
			       member_view, e);
	struct app_score *as = NULL;
	int n = 0;
	if (!ex || round_scores(d, &r, &as, &n, e)) {
		json_decref(ex);
		json_decref(o);
		return NULL;
	}
	json_object_set_new(o, "examiners", ex);
	json_t *apps =
		rows_json(db_query(d,
				   "SELECT ap.id, ap.person_id, p.name, ap.held_rung, "
				   "ap.achievements, ap.rank_no, ap.selected FROM post_applications ap JOIN "
				   "persons p ON p.id = ap.person_id WHERE ap.round_id = $1 ORDER BY ap.id",
				   DB_ARGS(DV_I(id)), e),
			  app_view, e);
	if (!apps) {
		free(as);
		json_decref(o);
		return NULL;
	}
	size_t i;
	json_t *x;
	json_array_foreach(apps, i, x)
	{
		if ((int)i < n) {
			json_object_set_new(x, "scored_by", json_integer(as[i].scored_by));
			json_object_set_new(x, "due", json_integer(as[i].due));
			json_object_set_new(x, "complete", json_boolean(as[i].complete));
			if (as[i].complete) {
				json_object_set_new(x, "score", json_real(as[i].res.score));
				json_object_set_new(x, "star_failed", json_boolean(as[i].res.star_failed));
				json_t *fl = json_array();
				for (int k = 0; k < r.nc; k++)
					if (as[i].res.spread[k])
						json_array_append_new(fl, json_integer(k));
				json_object_set_new(x, "spread_flags", fl);
			}
		}
	}
	json_object_set_new(o, "applications", apps);
	json_object_set_new(o, "panel", json_integer(r.panel));
	struct post_round_ctx c;
	round_ctx(d, &r, as, n, &c, e);
	free(as);
	const struct fsm_transition *tr[8];
	size_t nt = fsm_available(&post_round_fsm, r.status, fsm_acting(a, writes), &c, tr, 8);
	json_t *moves = json_array();
	for (size_t k = 0; k < nt && k < 8; k++)
		json_array_append_new(moves, json_pack("{s:s,s:s,s:s,s:b}", "to", tr[k]->to, "action",
						       tr[k]->action, "zh", tr[k]->zh, "needs_reason",
						       (tr[k]->flags & FSM_NEEDS_REASON) != 0));
	json_object_set_new(o, "moves", moves);
	return o;
}

/* ---- applications and scores ---- */

/* the highest rung a person holds today: valid certificates (their grade on the ladder), else a completed
 * 新型学徒制 (学徒工), and serving appointments */
static int held_rung(db *d, int64_t person, int *out, err *e)
{
	int64_t grade = 0, n = 0;
	*out = -1;
	if (db_one_int(d,
		       "SELECT COUNT(*) FROM certificates WHERE person_id = $1 AND status = 'valid' AND "
		       "level BETWEEN 1 AND 5",
		       DB_ARGS(DV_I(person)), &n, e) != DB_OK)
		return -1;
	if (n) {
		if (db_one_int(d,
			       "SELECT MIN(level) FROM certificates WHERE person_id = $1 AND status = "
			       "'valid' AND level "
			       "BETWEEN 1 AND 5",
			       DB_ARGS(DV_I(person)), &grade, e) != DB_OK)
			return -1;
		*out = ladder_from_grade((int)grade);
	} else {
		/* 学徒工: a completed 企业新型学徒制 (svc/cultivation/apprenticeships.c) is the ladder's
		 * first rung */
		if (db_one_int(d,
			       "SELECT COUNT(*) FROM apprenticeships WHERE person_id = $1 AND status = "
			       "'completed'",
			       DB_ARGS(DV_I(person)), &n, e) != DB_OK)
			return -1;
		if (n)
			*out = WL_APPRENTICE;
	}
	db_stmt *st =
		db_query(d, "SELECT rung FROM post_appointments WHERE person_id = $1 AND status = 'serving'",
			 DB_ARGS(DV_I(person)), e);
	while (st && db_step(st) == DB_ROW) {
		int r = ladder_parse(db_text(st, 0));
		if (r > *out)
			*out = r;
	}
	return st ? db_finish(st, e) : -1;
}

struct apply_ctx {
	int64_t round, person, id;
	int held;
	const char *ach;
};

static int apply_work(tx *t, void *ctx, err *e)
{
	struct apply_ctx *c = ctx;
	int rc = db_one_int(
		t->d,
		"INSERT INTO post_applications (round_id, person_id, held_rung, achievements, created_at) "
		"VALUES ($1,$2,$3,$4,$5) RETURNING id",
		DB_ARGS(DV_I(c->round), DV_I(c->person), DV_S(ladder_code(c->held)),
			DV_S(c->ach ? c->ach : ""), DV_I(now_s())),
		&c->id, e);
	if (rc != DB_OK)
		return e->status == 409 ? err_set(e, 409, "already_applied", "person_id", "已申报本轮评聘",
						  "already applied in this round")
					: -1;
	tx_audit(t, "post_application.submitted", "post_application", c->id,
		 json_pack("{s:I,s:I,s:s}", "round_id", (json_int_t)c->round, "person_id",
			   (json_int_t)c->person, "held_rung", ladder_code(c->held)));
	return 0;
}

json_t *post_apply(db *d, const principal *a, int64_t round_id, int64_t person_id, const char *ach, err *e)
{
	struct round_row r;
	if (load_round(d, round_id, &r, e))
		return NULL;
	bool self = a->role == ROLE_CANDIDATE && a->person_id > 0;
	if (self && !person_id)
		person_id = a->person_id;
	int64_t employer = 0;
	bool found = false;
	db_stmt *st = db_query(d, "SELECT COALESCE(employer_id, 0) FROM persons WHERE id = $1",
			       DB_ARGS(DV_I(person_id)), e);
	int row = st ? db_row(st, e) : -1;
	if (row == 1) {
		found = true;
		employer = db_int(st, 0);
	}
	db_done(st);
	if (row < 0)
		return NULL;
	/* the enterprise's administrator for its workers; a worker for themself, in a round of their employer
	 */
	bool may = self ? person_id == a->person_id && employer == r.inst
			: a->role == ROLE_INSTITUTION_ADMIN && a->institution_id == r.inst;
	if (!may)
		return err_set(e, 404, "not_found", NULL, "评聘轮次不存在", "no such appointment round"),
		       NULL;
	if (!found)
		return err_set(e, 404, "not_found", "person_id", "人员不存在", "no such person"), NULL;
	if (strcmp(r.status, "open"))
		return err_set(e, 409, "round_closed", NULL, "本轮评聘已截止报名",
			       "the round takes no more applications"),
		       NULL;
	if (employer != r.inst)
		return err_set(e, 422, "not_employee", "person_id", "申报人须为本企业职工",
			       "the applicant works elsewhere"),
		       NULL;
	if (check_text(ach, "achievements", 2000, false, e))
		return NULL;
	int held;
	if (held_rung(d, person_id, &held, e))
		return NULL;
	if (!ladder_at_least(held, r.min_rung))
		return err_set(e, 422, "ladder_not_met", "person_id",
			       "申报%s岗位须具备%s及以上等级，申报人现为%s%.0s%.0s%.0s",
			       "%.0s%.0s%.0sa %s post needs %s or higher; the applicant holds %s",
			       ladder_name_zh(r.rung), ladder_name_zh(r.min_rung),
			       held >= 0 ? ladder_name_zh(held) : "无职业技能等级", ladder_name_en(r.rung),
			       ladder_name_en(r.min_rung),
			       held >= 0 ? ladder_name_en(held) : "no skill level"),
		       NULL;
	if (ladder_at_least(held, r.rung))
		return err_set(e, 409, "already_appointed", "person_id", "申报人已在聘%s或更高岗位%.0s",
			       "%.0sthe applicant already serves as %s or higher", ladder_name_zh(r.rung),
			       ladder_name_en(r.rung)),
		       NULL;
	struct apply_ctx c = {.round = round_id, .person = person_id, .held = held, .ach = ach};
	if (svc_tx(d, a, apply_work, &c, e))
		return NULL;
	return json_pack("{s:I,s:I,s:I,s:s,s:s}", "id", (json_int_t)c.id, "round_id", (json_int_t)round_id,
			 "person_id", (json_int_t)person_id, "held_rung", ladder_code(held), "held_rung_zh",
			 ladder_name_zh(held));
}

struct score_ctx {
	int64_t app, round;
	const double *scores;
	int n;
};

static int score_work(tx *t, void *ctx, err *e)
{
	struct score_ctx *c = ctx;
	int64_t now = now_s();
	for (int k = 0; k < c->n; k++) {
		db_stmt *st = db_query(
			t->d,
			"INSERT INTO post_scores (application_id, examiner_id, criterion, score, created_at) "
			"VALUES ($1,$2,$3,$4,$5)",
			DB_ARGS(DV_I(c->app), DV_I(t->a->user_id), DV_I(k), DV_D(c->scores[k]), DV_I(now)),
			e);
		int rc = st ? db_step(st) : DB_ERROR;
		db_done(st);
		if (rc != DB_DONE)
			return rc == DB_CONFLICT ? err_set(e, 409, "already_scored", NULL,
							   "您已为该申报人评分，不能修改",
							   "you have scored this applicant; scores are final")
						 : db_rc_to_err(t->d, rc, e);
	}
	json_t *sj = json_array();
	for (int k = 0; k < c->n; k++)
		json_array_append_new(sj, json_real(c->scores[k]));
	tx_audit(t, "post_application.scored", "post_application", c->app,
		 json_pack("{s:I,s:o}", "round_id", (json_int_t)c->round, "scores", sj));
	return 0;
}

json_t *post_score(db *d, const principal *a, int64_t app_id, const double *scores, size_t n, err *e)
{
	int64_t round = 0, person = 0;
	db_stmt *st = db_query(d, "SELECT round_id, person_id FROM post_applications WHERE id = $1",
			       DB_ARGS(DV_I(app_id)), e);
	int row = st ? db_row(st, e) : -1;
	if (row == 1) {
		round = db_int(st, 0);
		person = db_int(st, 1);
	}
	db_done(st);
	if (row < 0)
		return NULL;
	bool member = false;
	if (row == 1 && on_panel(d, round, a->user_id, &member, e))
		return NULL;
	if (row == 0)
		return err_set(e, 404, "not_found", NULL, "申报不存在", "no such application"), NULL;
	if (a->role != ROLE_EXAMINER || !member)
		return err_set(e, 403, "not_on_panel", NULL, "您不是本轮评聘评审组成员",
			       "you are not on this round's panel"),
		       NULL;
	struct round_row r;
	if (load_round(d, round, &r, e))
		return NULL;
	if (strcmp(r.status, "scoring"))
		return err_set(e, 409, "round_not_scoring", NULL, "本轮评聘不在评审阶段",
			       "the round is not under review"),
		       NULL;
	/* 评价队伍: a qualification removed (or lapsed) stops the scoring at once, as on a plan's panel */
	int today = date_today_utc8();
	if (wf_refuse(d, a->user_id, qual_needed_for_level(1), &today, 1, "examiners", e) != 0)
		return NULL;
	arena *ar = arena_new();
	const char *why = avoidance_reason(d, ar, a->user_id, person, e);
	if (why && !err_isset(e))
		err_set(e, 403, "avoidance", NULL, "须回避：%s", "you must abstain from this applicant: %s",
			why);
	arena_free(ar);
	if (err_isset(e))
		return NULL;
	if (!scores || n != (size_t)r.nc)
		return err_set(e, 422, "invalid_value", "scores", "应按评分项顺序给出 %d 个分数",
			       "give %d scores, one per criterion", r.nc),
		       NULL;
	for (int k = 0; k < r.nc; k++)
		if (!(scores[k] >= 0 && scores[k] <= r.crit[k].points))
			return err_set(e, 422, "invalid_score", "scores", "第 %d 项分数应在 0 到 %g 之间",
				       "score %d must be 0..%g", k + 1, r.crit[k].points),
			       NULL;
	struct score_ctx c = {.app = app_id, .round = round, .scores = scores, .n = r.nc};
	if (svc_tx(d, a, score_work, &c, e))
		return NULL;
	struct app_score *as = NULL;
	int na = 0;
	if (round_scores(d, &r, &as, &na, e))
		return NULL;
	json_t *out = NULL;
	for (int i = 0; i < na; i++)
		if (as[i].id == app_id) {
			out = json_pack("{s:I,s:b,s:i,s:i,s:I}", "application_id", (json_int_t)app_id,
					"complete", as[i].complete, "scored_by", as[i].scored_by, "due",
					as[i].due, "panel", (json_int_t)r.panel);
			if (as[i].complete)
				json_object_set_new(out, "score", json_real(as[i].res.score));
		}
	free(as);
	return out ? out : (err_set(e, 404, "not_found", NULL, "申报不存在", "no such application"), NULL);
}

/* ---- the round's moves ---- */

struct rmove_ctx {
	const struct round_row *r;
	const struct fsm_transition *t;
	const char *reason;
	struct app_score *as;
	int n;
	json_t *detail;
};

static int rank_apps(tx *t, struct rmove_ctx *c, err *e)
{
	int64_t serving = 0;
	if (db_one_int(t->d,
		       "SELECT COUNT(*) FROM post_appointments WHERE post_id = $1 AND status = 'serving'",
		       DB_ARGS(DV_I(c->r->post_id)), &serving, e) != DB_OK)
		return -1;
	int seats = (int)(c->r->seats - serving > 0 ? c->r->seats - serving : 0);
	struct post_rank_item *it = xcalloc((size_t)c->n, sizeof *it);
	for (int i = 0; i < c->n; i++)
		it[i] = (struct post_rank_item){.id = c->as[i].id,
						.score = c->as[i].res.score,
						.star_failed = c->as[i].res.star_failed};
	int sel = post_rank(it, c->n, seats, c->r->pass_score);
	json_t *ranks = json_array();
	int bad = 0;
	for (int i = 0; i < c->n && !bad; i++) {
		bad = db_run(t->d,
			     "UPDATE post_applications SET score = $2, star_failed = $3, rank_no = $4, "
			     "selected = $5 "
			     "WHERE id = $1",
			     DB_ARGS(DV_I(it[i].id), DV_D(it[i].score), DV_I(it[i].star_failed),
				     DV_I(it[i].rank), DV_I(it[i].selected)),
			     e) < 0;
		json_array_append_new(ranks, json_pack("{s:I,s:f,s:i,s:b}", "application_id",
						       (json_int_t)it[i].id, "score", it[i].score, "rank",
						       it[i].rank, "selected", it[i].selected));
	}
	free(it);
	json_object_set_new(c->detail, "seats_open", json_integer(seats));
	json_object_set_new(c->detail, "selected", json_integer(sel));
	json_object_set_new(c->detail, "ranking", ranks);
	return bad ? -1 : 0;
}

static int appoint_apps(tx *t, struct rmove_ctx *c, err *e)
{
	int today = date_today_utc8();
	char start[11], end[11];
	date_format(today, start);
	date_format(post_term_end(today, (int)c->r->term_months), end);
	int64_t now = now_s();
	json_t *ids = json_array();
	db_stmt *st = db_query(
		t->d,
		"SELECT id, person_id FROM post_applications WHERE round_id = $1 AND selected = 1 ORDER BY "
		"rank_no",
		DB_ARGS(DV_I(c->r->id)), e);
	int64_t app[256], person[256];
	int n = 0;
	while (st && n < 256 && db_step(st) == DB_ROW) {
		app[n] = db_int(st, 0);
		person[n++] = db_int(st, 1);
	}
	if (!st || db_finish(st, e)) {
		json_decref(ids);
		return -1;
	}
	for (int i = 0; i < n; i++) {
		int64_t id = 0;
		if (db_one_int(t->d,
			       "INSERT INTO post_appointments (post_id, round_id, application_id, "
			       "institution_id, "
			       "region_code, person_id, rung, starts_on, ends_on, created_at, updated_at) "
			       "VALUES "
			       "($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$10) RETURNING id",
			       DB_ARGS(DV_I(c->r->post_id), DV_I(c->r->id), DV_I(app[i]), DV_I(c->r->inst),
				       DV_S(c->r->region), DV_I(person[i]), DV_S(ladder_code(c->r->rung)),
				       DV_S(start), DV_S(end), DV_I(now)),
			       &id, e) != DB_OK ||
		    stat_count(t, STE_POST_APPOINTMENT, DV_I(id), DV_NULL, +1, e)) {
			json_decref(ids);
			return -1;
		}
		json_array_append_new(ids, json_integer(id));
	}
	if (db_run(t->d, "UPDATE post_rounds SET appointed_on = $2 WHERE id = $1",
		   DB_ARGS(DV_I(c->r->id), DV_S(start)), e) < 0) {
		json_decref(ids);
		return -1;
	}
	json_object_set_new(c->detail, "appointments", ids);
	json_object_set_new(c->detail, "starts_on", json_string(start));
	json_object_set_new(c->detail, "ends_on", json_string(end));
	return 0;
}

static int rmove_work(tx *t, void *ctx, err *e)
{
	struct rmove_ctx *c = ctx;
	int n = db_run(t->d,
		       "UPDATE post_rounds SET status = $2, reason = $3, updated_at = $4 WHERE id = $1 AND "
		       "status = $5",
		       DB_ARGS(DV_I(c->r->id), DV_S(c->t->to), DV_S(c->reason ? c->reason : ""),
			       DV_I(now_s()), DV_S(c->t->from)),
		       e);
	if (n < 0)
		return -1;
	if (n == 0)
		return err_set(e, 409, "conflict", "status", "评聘轮次状态已变化，请刷新",
			       "the round changed; reload");
	c->detail = json_pack("{s:s,s:s}", "from", c->t->from, "to", c->t->to);
	if (c->reason)
		json_object_set_new(c->detail, "reason", json_string(c->reason));
	if ((c->t->effects & POST_FX_RANK) && rank_apps(t, c, e))
		goto fail;
	if ((c->t->effects & POST_FX_APPOINT) && appoint_apps(t, c, e))
		goto fail;
	tx_audit(t, c->t->audit, "post_round", c->r->id, c->detail);
	return 0;
fail:
	json_decref(c->detail);
	return -1;
}

json_t *post_round_move(db *d, const principal *a, int64_t id, const char *to, const char *reason, err *e)
{
	struct round_row r;
	bool writes = false;
	if (load_round(d, id, &r, e) || round_access(d, a, &r, &writes, e))
		return NULL;
	if (fsm_check_state(&post_round_fsm, to, e) ||
	    (reason && check_text(reason, "reason", 400, false, e)))
		return NULL;
	struct rmove_ctx c = {.r = &r, .reason = reason && *reason ? reason : NULL};
	if (round_scores(d, &r, &c.as, &c.n, e))
		return NULL;
	struct post_round_ctx fc;
	round_ctx(d, &r, c.as, c.n, &fc, e);
	int rc = err_isset(e) ? -1
			      : fsm_decide(&post_round_fsm, r.status, to, fsm_acting(a, writes), c.reason,
					   &fc, &c.t, e);
	if (!rc)
		rc = svc_tx(d, a, rmove_work, &c, e);
	free(c.as);
	return rc ? NULL : post_round_json(d, a, id, e);
}

/* ---- appointments ---- */

#define APPT_COLS                                                                                            \
	"pa.id, pa.person_id, p.name, pa.institution_id, i.name, pa.post_id, pd.name, pa.rung, pa.term_no, " \
	"pa.starts_on, pa.ends_on, pa.status, pa.end_reason, COALESCE(pa.ended_on, ''), "                    \
	"COALESCE(pa.published_at, 0), pd.term_months, pa.region_code, "                                     \
	"(SELECT COUNT(*) FROM post_appraisals x WHERE x.appointment_id = pa.id AND x.result = 'pass'), "    \
	"(SELECT COUNT(*) FROM post_appraisals x WHERE x.appointment_id = pa.id AND x.result = 'fail'), "    \
	"COALESCE(pa.round_id, 0)"
#define APPT_FROM                                                                                            \
	" FROM post_appointments pa JOIN post_defs pd ON pd.id = pa.post_id JOIN persons p ON p.id = "       \
	"pa.person_id JOIN institutions i ON i.id = pa.institution_id"

static json_t *appt_view(db_stmt *st)
{
	return json_pack(
		"{s:I,s:I,s:s,s:I,s:s,s:I,s:s,s:s,s:s,s:I,s:s,s:s,s:s,s:s,s:s,s:s,s:b,s:I,s:I,s:s,s:I,s:I,"
		"s:I}",
		"id", (json_int_t)db_int(st, 0), "person_id", (json_int_t)db_int(st, 1), "person_name",
		db_text(st, 2), "institution_id", (json_int_t)db_int(st, 3), "institution_name",
		db_text(st, 4), "post_id", (json_int_t)db_int(st, 5), "post_name", db_text(st, 6), "rung",
		db_text(st, 7), "rung_zh", rung_zh(db_text(st, 7)), "term_no", (json_int_t)db_int(st, 8),
		"starts_on", db_text(st, 9), "ends_on", db_text(st, 10), "status", db_text(st, 11),
		"status_zh", fsm_state_zh(&post_appt_fsm, db_text(st, 11)), "end_reason", db_text(st, 12),
		"ended_on", db_text(st, 13), "published", db_int(st, 14) != 0, "term_months",
		(json_int_t)db_int(st, 15), "years_due", (json_int_t)(db_int(st, 15) / 12), "region_code",
		db_text(st, 16), "appraisals_passed", (json_int_t)db_int(st, 17), "appraisals_failed",
		(json_int_t)db_int(st, 18), "round_id", (json_int_t)db_int(st, 19));
}

static const struct list_filter appt_filters[] = {
	{"status", "pa.status = ?", LIST_EQ, .max = 16},
	{"rung", "pa.rung = ?", LIST_EQ, .max = 16},
	{"institution_id", "pa.institution_id = ?", LIST_ID},
	{"post_id", "pa.post_id = ?", LIST_ID},
	{"region_code", "pa.region_code LIKE ?", LIST_REGION, .max = 12},
};
static const struct list_sort appt_sorts[] = {{"id", "pa.id"}, {"starts_on", "pa.starts_on"}};
static const struct export_col appt_cols[] = {
	{"id", "编号"},		 {"person_name", "姓名"}, {"institution_name", "企业"},
	{"rung_zh", "岗位等级"}, {"post_name", "岗位"},	  {"term_no", "聘期"},
	{"starts_on", "聘期起"}, {"ends_on", "聘期止"},	  {"status_zh", "状态"},
};

const struct list_spec post_appt_list = {
	.name = "post_appointments",
	.scoped = true,
	.entity = SE_POST,
	.count_sql = "SELECT COUNT(*)" APPT_FROM,
	.select_sql = "SELECT " APPT_COLS APPT_FROM,
	.order = "pa.id DESC",
	LIST_FILTERS(appt_filters),
	LIST_SORTS(appt_sorts),
	.view = appt_view,
	LIST_COLS(appt_cols),
};

struct appt_row {
	int64_t id, post_id, inst, person, term_no;
	int rung;
	int64_t term_months;
	char status[16], region[16], ends_on[11];
};

static int load_appt(db *d, const principal *a, int64_t id, struct appt_row *r, bool *writes, err *e)
{
	memset(r, 0, sizeof *r);
	db_stmt *st = db_query(
		d,
		"SELECT pa.post_id, pa.institution_id, pa.person_id, pa.rung, pa.status, pa.region_code, "
		"pd.term_months, pa.term_no, pa.ends_on FROM post_appointments pa JOIN post_defs pd ON "
		"pd.id = pa.post_id WHERE pa.id = $1",
		DB_ARGS(DV_I(id)), e);
	int row = st ? db_row(st, e) : -1;
	if (row == 1) {
		r->id = id;
		r->post_id = db_int(st, 0);
		r->inst = db_int(st, 1);
		r->person = db_int(st, 2);
		r->rung = ladder_parse(db_text(st, 3));
		snprintf(r->status, sizeof r->status, "%s", db_text(st, 4));
		snprintf(r->region, sizeof r->region, "%s", db_text(st, 5));
		r->term_months = db_int(st, 6);
		r->term_no = db_int(st, 7);
		snprintf(r->ends_on, sizeof r->ends_on, "%s", db_text(st, 8));
	}
	db_done(st);
	if (row < 0)
		return -1;
	scope_owner o = owner_of(r->inst, r->region);
	if (row == 0 || scope_decide(a, SE_POST, &o, SCOPE_READ))
		return err_set(e, 404, "not_found", NULL, "聘任记录不存在", "no such appointment");
	*writes = scope_decide(a, SE_POST, &o, SCOPE_WRITE) == 0;
	return 0;
}

static json_t *appt_get(db *d, int64_t id, err *e)
{
	json_t *o =
		row_json(db_query(d, "SELECT " APPT_COLS APPT_FROM " WHERE pa.id = $1", DB_ARGS(DV_I(id)), e),
			 appt_view, e);
	json_t *ap = o ? rows_json(db_query(d,
					    "SELECT year_no, result, remark FROM post_appraisals WHERE "
					    "appointment_id = $1 "
					    "ORDER BY year_no",
					    DB_ARGS(DV_I(id)), e),
				   appraisal_view, e)
		       : NULL;
	if (!ap) {
		json_decref(o);
		return NULL;
	}
	json_object_set_new(o, "appraisals", ap);
	return o;
}

struct appraise_ctx {
	int64_t id, year;
	const char *result, *remark;
};

static int appraise_work(tx *t, void *ctx, err *e)
{
	struct appraise_ctx *c = ctx;
	if (db_run(t->d, "DELETE FROM post_appraisals WHERE appointment_id = $1 AND year_no = $2",
		   DB_ARGS(DV_I(c->id), DV_I(c->year)), e) < 0 ||
	    db_run(t->d,
		   "INSERT INTO post_appraisals (appointment_id, year_no, result, remark, recorded_by, "
		   "created_at) "
		   "VALUES ($1,$2,$3,$4,$5,$6)",
		   DB_ARGS(DV_I(c->id), DV_I(c->year), DV_S(c->result), DV_S(c->remark ? c->remark : ""),
			   DV_I(t->a->user_id), DV_I(now_s())),
		   e) < 0)
		return -1;
	tx_audit(t, "post_appointment.appraised", "post_appointment", c->id,
		 json_pack("{s:I,s:s,s:s}", "year_no", (json_int_t)c->year, "result", c->result, "remark",
			   c->remark ? c->remark : ""));
	return 0;
}

json_t *post_appraisal_put(db *d, const principal *a, int64_t id, int64_t year, const char *result,
			   const char *remark, err *e)
{
	struct appt_row r;
	bool writes = false;
	if (load_appt(d, a, id, &r, &writes, e))
		return NULL;
	if (!writes || a->role != ROLE_INSTITUTION_ADMIN)
		return err_set(e, 403, "forbidden", NULL, "年度考核由聘任企业记录",
			       "the appointing enterprise records appraisals"),
		       NULL;
	if (strcmp(r.status, "serving"))
		return err_set(e, 409, "not_serving", NULL, "该聘期已结束", "the term is over"), NULL;
	if (year < 1 || year > r.term_months / 12)
		return err_set(e, 422, "invalid_value", "year_no", "考核年度应为聘期第 1 到 %lld 年",
			       "year_no is 1 to %lld (a year of the term)", (long long)(r.term_months / 12)),
		       NULL;
	if (!result || (strcmp(result, "pass") && strcmp(result, "fail")))
		return err_set(e, 422, "invalid_value", "result",
			       "考核结果应为 pass（合格）或 fail（不合格）", "result is pass or fail"),
		       NULL;
	if (check_text(remark, "remark", 400, false, e))
		return NULL;
	struct appraise_ctx c = {.id = id, .year = year, .result = result, .remark = remark};
	return svc_tx(d, a, appraise_work, &c, e) ? NULL : appt_get(d, id, e);
}

struct amove_ctx {
	const struct appt_row *r;
	const struct fsm_transition *t;
	const char *reason;
	int64_t next;
};

static int amove_work(tx *t, void *ctx, err *e)
{
	struct amove_ctx *c = ctx;
	char today[11];
	today_text(today);
	int64_t now = now_s();
	int n = db_run(t->d,
		       "UPDATE post_appointments SET status = $2, end_reason = $3, ended_on = $4, updated_at "
		       "= $5 WHERE "
		       "id = $1 AND status = $6",
		       DB_ARGS(DV_I(c->r->id), DV_S(c->t->to), DV_S(c->reason ? c->reason : ""),
			       (c->t->effects & POST_FX_END) ? DV_S(today) : DV_NULL, DV_I(now),
			       DV_S(c->t->from)),
		       e);
	if (n < 0)
		return -1;
	if (n == 0)
		return err_set(e, 409, "conflict", "status", "聘任状态已变化，请刷新",
			       "the appointment changed; reload");
	json_t *detail = json_pack("{s:s,s:s}", "from", c->t->from, "to", c->t->to);
	if (c->reason)
		json_object_set_new(detail, "reason", json_string(c->reason));
	if (c->t->effects & POST_FX_RENEW) {
		/* the next term starts the day after this one ends */
		int end = 0, start;
		date_parse(c->r->ends_on, &end);
		start = date_from_days(date_to_days(end) + 1);
		char s[11], f[11];
		date_format(start, s);
		date_format(post_term_end(start, (int)c->r->term_months), f);
		if (db_one_int(
			    t->d,
			    "INSERT INTO post_appointments (post_id, previous_id, institution_id, "
			    "region_code, "
			    "person_id, rung, term_no, starts_on, ends_on, created_at, updated_at) SELECT "
			    "post_id, id, "
			    "institution_id, region_code, person_id, rung, term_no + 1, $2, $3, $4, $4 FROM "
			    "post_appointments WHERE id = $1 RETURNING id",
			    DB_ARGS(DV_I(c->r->id), DV_S(s), DV_S(f), DV_I(now)), &c->next, e) != DB_OK ||
		    stat_count(t, STE_POST_APPOINTMENT, DV_I(c->next), DV_NULL, +1, e)) {
			json_decref(detail);
			return -1;
		}
		json_object_set_new(detail, "next_appointment_id", json_integer(c->next));
		json_object_set_new(detail, "starts_on", json_string(s));
		json_object_set_new(detail, "ends_on", json_string(f));
	}
	tx_audit(t, c->t->audit, "post_appointment", c->r->id, detail);
	return 0;
}

json_t *post_appt_move(db *d, const principal *a, int64_t id, const char *to, const char *reason, err *e)
{
	struct appt_row r;
	bool writes = false;
	if (load_appt(d, a, id, &r, &writes, e))
		return NULL;
	if (fsm_check_state(&post_appt_fsm, to, e) || (reason && check_text(reason, "reason", 400, false, e)))
		return NULL;
	struct post_appt_ctx fc = {.years_due = (int)(r.term_months / 12)};
	int64_t passed = 0, failed = 0;
	int force = trial_in_force(d, r.inst, r.rung, NULL, e);
	if (force < 0 ||
	    db_one_int(d,
		       "SELECT COUNT(*) FROM post_appraisals WHERE appointment_id = $1 AND result = 'pass'",
		       DB_ARGS(DV_I(id)), &passed, e) != DB_OK ||
	    db_one_int(d,
		       "SELECT COUNT(*) FROM post_appraisals WHERE appointment_id = $1 AND result = 'fail'",
		       DB_ARGS(DV_I(id)), &failed, e) != DB_OK)
		return NULL;
	fc.trial_active = force == 1;
	fc.years_passed = (int)passed;
	fc.years_failed = (int)failed;
	struct amove_ctx c = {.r = &r, .reason = reason && *reason ? reason : NULL};
	if (fsm_decide(&post_appt_fsm, r.status, to, fsm_acting(a, writes), c.reason, &fc, &c.t, e) ||
	    svc_tx(d, a, amove_work, &c, e))
		return NULL;
	json_t *o = appt_get(d, id, e);
	if (o && c.next)
		json_object_set_new(o, "next_appointment_id", json_integer(c.next));
	return o;
}

/* ---- the name lists ---- */

struct publish_ctx {
	int64_t n;
};

static int publish_work(tx *t, void *ctx, err *e)
{
	struct publish_ctx *c = ctx;
	int64_t now = now_s();
	json_t *ids = rows_json(
		db_query(t->d,
			 "SELECT id FROM post_appointments WHERE status = 'serving' AND published_at IS "
			 "NULL ORDER BY id",
			 DB_NOARGS, e),
		id_view, e);
	if (!ids)
		return -1;
	int n = db_run(t->d,
		       "UPDATE post_appointments SET published_at = $1 WHERE status = 'serving' AND "
		       "published_at IS NULL",
		       DB_ARGS(DV_I(now)), e);
	if (n < 0) {
		json_decref(ids);
		return -1;
	}
	c->n = n;
	tx_audit(t, "post_list.published", "post_list", now,
		 json_pack("{s:i,s:o}", "count", n, "appointments", ids));
	return 0;
}

json_t *post_publish(db *d, const principal *a, err *e)
{
	if (a->role != ROLE_PROVINCE_ADMIN)
		return err_set(e, 403, "forbidden", NULL, "名单由省级人社部门公布",
			       "the province publishes the name lists"),
		       NULL;
	struct publish_ctx c = {0};
	if (svc_tx(d, a, publish_work, &c, e))
		return NULL;
	json_t *o = post_public_json(d, NULL, NULL, e);
	if (o)
		json_object_set_new(o, "published", json_integer(c.n));
	return o;
}

static json_t *public_view(db_stmt *st)
{
	return json_pack("{s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:I}", "name", db_text(st, 0), "institution_name",
			 db_text(st, 1), "region_code", db_text(st, 2), "rung", db_text(st, 3), "rung_zh",
			 rung_zh(db_text(st, 3)), "post_name", db_text(st, 4), "starts_on", db_text(st, 5),
			 "term_no", (json_int_t)db_int(st, 6));
}

json_t *post_public_json(db *d, const char *rung, const char *region, err *e)
{
	int r = rung && *rung ? ladder_parse(rung) : -1;
	if (rung && *rung && r != WL_SPECIAL && r != WL_CHIEF)
		return err_set(e, 422, "invalid_value", "rung", "rung 应为 special 或 chief",
			       "rung is special or chief"),
		       NULL;
	char like[16];
	snprintf(like, sizeof like, "%.12s%%", region && *region ? region : "");
	for (const char *p = region; p && *p; p++)
		if (*p < '0' || *p > '9')
			return err_set(e, 422, "invalid_value", "region_code", "地区代码应为数字",
				       "region_code is digits"),
			       NULL;
	json_t *items = rows_json(db_query(d,
					   "SELECT p.name, i.name, pa.region_code, pa.rung, pd.name, "
					   "pa.starts_on, pa.term_no FROM "
					   "post_appointments pa JOIN persons p ON p.id = pa.person_id JOIN "
					   "institutions i ON i.id = "
					   "pa.institution_id JOIN post_defs pd ON pd.id = pa.post_id WHERE "
					   "pa.published_at IS NOT NULL AND "
					   "pa.status = 'serving' AND ($1 = '' OR pa.rung = $1) AND "
					   "pa.region_code LIKE $2 ORDER BY "
					   "pa.rung DESC, pa.region_code, i.name, p.name",
					   DB_ARGS(DV_S(r >= 0 ? ladder_code(r) : ""), DV_S(like)), e),
				  public_view, e);
	return items ? json_pack("{s:o,s:s}", "items", items, "source",
				 "省级人社部门公布特级技师、首席技师名单（docs/DOMAIN.md "
				 "特级技师、首席技师评聘）")
		     : NULL;
}

/* ---- the talent record ---- */

int posts_talent_add(db *d, const principal *a, int64_t person_id, json_t *rec, err *e)
{
	UNUSED(a);
	json_t *items =
		rows_json(db_query(d, "SELECT " APPT_COLS APPT_FROM " WHERE pa.person_id = $1 ORDER BY pa.id",
				   DB_ARGS(DV_I(person_id)), e),
			  appt_view, e);
	int held;
	if (!items || held_rung(d, person_id, &held, e)) {
		json_decref(items);
		return -1;
	}
	json_object_set_new(rec, "posts", items);
	json_object_set_new(
		rec, "ladder",
		held >= 0 ? json_pack("{s:o,s:s}", "rung", rung_json(held), "rung_zh", ladder_name_zh(held))
			  : json_null());
	return 0;
}

/* ---- the panel member's and the worker's pages (docs/DOMAIN.md §58) ---- */

static json_t *real_view(db_stmt *st)
{
	return json_real(db_double(st, 0));
}

json_t *post_reviews_json(db *d, const principal *a, err *e)
{
	if (a->role != ROLE_EXAMINER) {
		err_set(e, 403, "forbidden", NULL, "只有评审专家（考评人员）查看待评申报",
			"the applications to score are an examiner's");
		return NULL;
	}
	db_stmt *st =
		db_query(d,
			 "SELECT r.id FROM post_rounds r JOIN post_round_panel m ON m.round_id = r.id WHERE "
			 "m.user_id = $1 AND r.status = 'scoring' ORDER BY r.id LIMIT 50",
			 DB_ARGS(DV_I(a->user_id)), e);
	if (!st)
		return NULL;
	int64_t ids[50];
	size_t n = 0;
	while (n < 50 && db_step(st) == DB_ROW)
		ids[n++] = db_int(st, 0);
	if (db_finish(st, e))
		return NULL;
	json_t *items = json_array();
	arena *ar = arena_new();
	for (size_t i = 0; i < n; i++) {
		json_t *o = post_round_json(d, a, ids[i], e);
		if (!o)
			goto fail;
		json_array_append_new(items, o);
		size_t k;
		json_t *x;
		json_array_foreach(json_object_get(o, "applications"), k, x)
		{
			int64_t app = json_integer_value(json_object_get(x, "id"));
			const char *why = avoidance_reason(
				d, ar, a->user_id, json_integer_value(json_object_get(x, "person_id")), e);
			if (why && err_isset(e))
				goto fail;
			json_object_set_new(x, "avoid", json_boolean(why != NULL));
			json_object_set_new(x, "avoid_reason", json_string(why ? why : ""));
			/* the member's own scores, criterion by criterion (never the others') */
			json_t *mine = rows_json(
				db_query(d,
					 "SELECT score FROM post_scores WHERE application_id = $1 AND "
					 "examiner_id = $2 ORDER BY criterion",
					 DB_ARGS(DV_I(app), DV_I(a->user_id)), e),
				real_view, e);
			if (!mine)
				goto fail;
			json_object_set_new(x, "my_scores", json_array_size(mine) ? mine : json_null());
			if (!json_array_size(mine))
				json_decref(mine);
		}
	}
	arena_free(ar);
	return json_pack("{s:o}", "items", items);
fail:
	arena_free(ar);
	json_decref(items);
	return NULL;
}

static json_t *open_round_view(db_stmt *st)
{
	json_t *cond = json_loads(db_text(st, 8), 0, NULL);
	return json_pack("{s:I,s:s,s:I,s:s,s:s,s:s,s:s,s:s,s:I,s:I,s:o,s:s,s:s,s:I,s:I,s:I,s:o}", "round_id",
			 (json_int_t)db_int(st, 0), "round_name", db_text(st, 1), "post_id",
			 (json_int_t)db_int(st, 2), "post_name", db_text(st, 3), "rung", db_text(st, 4),
			 "rung_zh", rung_zh(db_text(st, 4)), "min_rung", db_text(st, 5), "min_rung_zh",
			 rung_zh(db_text(st, 5)), "seats", (json_int_t)db_int(st, 6), "term_months",
			 (json_int_t)db_int(st, 7), "conditions", cond ? cond : json_array(),
			 "reference_post", db_text(st, 9), "benefits", db_text(st, 10), "monthly_pay_fen",
			 (json_int_t)db_int(st, 11), "monthly_allowance_fen", (json_int_t)db_int(st, 12),
			 "one_off_fen", (json_int_t)db_int(st, 13), "application_id",
			 db_isnull(st, 14) ? json_null() : json_integer(db_int(st, 14)));
}

static json_t *my_app_view(db_stmt *st)
{
	const char *status = db_text(st, 3);
	return json_pack("{s:I,s:I,s:s,s:s,s:s,s:s,s:s,s:o,s:b}", "id", (json_int_t)db_int(st, 0), "round_id",
			 (json_int_t)db_int(st, 1), "round_name", db_text(st, 2), "round_status", status,
			 "round_status_zh", fsm_state_zh(&post_round_fsm, status), "post_name",
			 db_text(st, 4), "rung_zh", rung_zh(db_text(st, 5)), "rank",
			 db_isnull(st, 6) ? json_null() : json_integer(db_int(st, 6)), "selected",
			 db_int(st, 7) != 0);
}

json_t *post_mine_json(db *d, const principal *a, err *e)
{
	if (a->role != ROLE_CANDIDATE || a->person_id <= 0) {
		err_set(e, 403, "forbidden", NULL, "岗位申报页面属于职工本人（须绑定人员信息）",
			"the post applications page is a worker's own (an account bound to a person)");
		return NULL;
	}
	int64_t employer = 0;
	char ename[200] = "";
	db_stmt *st =
		db_query(d,
			 "SELECT COALESCE(p.employer_id, 0), COALESCE(i.name, '') FROM persons p LEFT JOIN "
			 "institutions i ON i.id = p.employer_id WHERE p.id = $1",
			 DB_ARGS(DV_I(a->person_id)), e);
	int row = st ? db_row(st, e) : -1;
	if (row == 1) {
		employer = db_int(st, 0);
		snprintf(ename, sizeof ename, "%s", db_text(st, 1));
	}
	db_done(st);
	if (row < 0)
		return NULL;
	int held = -1;
	if (held_rung(d, a->person_id, &held, e))
		return NULL;
	json_t *open = rows_json(
		db_query(d,
			 "SELECT r.id, r.name, pd.id, pd.name, pd.rung, pd.min_rung, pd.seats, "
			 "pd.term_months, "
			 "pd.conditions, pd.reference_post, pd.benefits, pd.monthly_pay_fen, "
			 "pd.monthly_allowance_fen, pd.one_off_fen, (SELECT ap.id FROM post_applications ap "
			 "WHERE "
			 "ap.round_id = r.id AND ap.person_id = $2) FROM post_rounds r JOIN post_defs pd ON "
			 "pd.id = "
			 "r.post_id WHERE r.institution_id = $1 AND r.status = 'open' ORDER BY r.id",
			 DB_ARGS(DV_I(employer), DV_I(a->person_id)), e),
		open_round_view, e);
	if (!open)
		return NULL;
	size_t i;
	json_t *x;
	json_array_foreach(open, i, x)
	{
		int min = ladder_parse(json_string_value(json_object_get(x, "min_rung")));
		bool ok = ladder_at_least(held, min);
		json_object_set_new(x, "eligible", json_boolean(ok));
		char why[240] = "";
		if (!ok)
			snprintf(why, sizeof why, "申报须具备%s及以上等级，您现为%s",
				 json_string_value(json_object_get(x, "min_rung_zh")),
				 held >= 0 && ladder_name_zh(held) ? ladder_name_zh(held) : "无等级证书");
		json_object_set_new(x, "reason", json_string(why));
	}
	json_t *apps = rows_json(db_query(d,
					  "SELECT ap.id, r.id, r.name, r.status, pd.name, pd.rung, "
					  "ap.rank_no, ap.selected FROM "
					  "post_applications ap JOIN post_rounds r ON r.id = ap.round_id "
					  "JOIN post_defs pd ON pd.id "
					  "= r.post_id WHERE ap.person_id = $1 ORDER BY ap.id DESC",
					  DB_ARGS(DV_I(a->person_id)), e),
				 my_app_view, e);
	if (!apps) {
		json_decref(open);
		return NULL;
	}
	return json_pack("{s:I,s:s,s:s,s:s,s:o,s:o}", "employer_id", (json_int_t)employer, "employer_name",
			 ename, "held_rung", held >= 0 && ladder_code(held) ? ladder_code(held) : "",
			 "held_rung_zh", held >= 0 && ladder_name_zh(held) ? ladder_name_zh(held) : "",
			 "open_rounds", open, "applications", apps);
}
