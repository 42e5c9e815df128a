/* plans.c: 认定计划 and their state machine (see plans.h; the table is core/plan_flow.c) */
#include "util/common.h"
#include "store/query.h"
#include "svc/evaluation/plans.h"
#include "svc/base/tx.h"
#include "svc/evaluation/view.h"
#include "core/date.h"
#include "core/plan_flow.h"
#include "core/workdays.h"
#include "svc/exam/analysis.h"
#include "svc/registry/refdata_load.h"
#include "svc/registry/standards.h"
#include "svc/supervision/credit.h"
#include "svc/evaluation/norms.h"

static int date_or(const char *s, const char *field, int *ymd, err *e)
{
	if (!s || date_parse(s, ymd) != 0)
		return err_set(e, 422, "invalid_date", field, "%s 应为日期 YYYY-MM-DD",
			       "%s must be a date YYYY-MM-DD", field);
	return 0;
}

_Static_assert((unsigned)PLAN_THEORY == (unsigned)NORM_PART_THEORY &&
		       (unsigned)PLAN_PRACTICAL == (unsigned)NORM_PART_PRACTICAL &&
		       (unsigned)PLAN_REVIEW == (unsigned)NORM_PART_REVIEW,
	       "a plan's subjects are core/norm.h's parts");

struct plan_create_ctx {
	const struct plan_input *in;
	int64_t inst;
	const char *tpl;
	int64_t id; /* out */
	char norm_tpl[8];
};

/* the institution's state and filed scope, read in the writing transaction, then the plan */
static int plan_create_work(tx *t, void *ctx, err *e)
{
	struct plan_create_ctx *c = ctx;
	const struct plan_input *in = c->in;
	int64_t filed = -1, active = 0;
	db_stmt *st = db_query(t->d,
			       "SELECT i.status = 'filed', COALESCE(s.levels, -1) FROM institutions i LEFT "
			       "JOIN institution_scopes s "
			       "ON s.institution_id = i.id AND s.occupation_code = $2 WHERE i.id = $1",
			       DB_ARGS(DV_I(c->inst), DV_S(in->occupation_code)), e);
	if (!st)
		return -1;
	int row = db_row(st, e);
	if (row > 0) {
		active = db_int(st, 0);
		filed = db_int(st, 1);
	}
	db_done(st);
	if (row < 0)
		return -1;
	if (!active)
		return err_set(e, 409, "institution_inactive", NULL, "机构不存在或已暂停、退出，不能制定计划",
			       "the institution does not exist, or is suspended or has exited");
	/* 信用档案: an event in force that blocks new plans (svc/supervision/credit.h) */
	if (credit_refuse(t->d, CREDIT_SUBJ_INSTITUTION, c->inst, CREDIT_PLAN_CREATE, "institution_id", e) !=
	    0)
		return -1;
	if (filed < 0 || !(filed & (1 << in->level)))
		return err_set(e, 403, "outside_filed_scope", "occupation_code",
			       "该职业（等级）不在机构备案范围内",
			       "the occupation and level are outside the institution's filed scope");
	/* 企业评价规范: an enterprise's plan runs on its approved version, fixed here (norms.h) */
	int64_t norm = 0;
	snprintf(c->norm_tpl, sizeof c->norm_tpl, "%s", c->tpl);
	if (norm_for_plan(t->d, c->inst, in->occupation_code, in->level, in->norm_id, &norm, c->norm_tpl,
			  e) != 0)
		return -1;
	/* the parts the plan declares by its level's method (core/norm.c norm_plan_parts): the national
	 * standard, 考核鉴定 and 考评结合 exactly theory and practical (综合评审 for levels 2 and 1); a
	 * 过程化考核 or 业绩评审 level runs neither: its plan lists none (given ones are refused) and keeps
	 * what it runs */
	enum norm_method method = NM_NONE;
	if (norm) {
		struct norm_level lv;
		bool found = false;
		if (norm_level_load(t->d, norm, in->level, &lv, &found, e) != 0)
			return -1;
		method = found ? lv.method : NM_NONE;
	}
	unsigned parts = norm_plan_parts(method, in->level), given = in->subjects;
	if (method == NM_PROCESS || method == NM_PERFORMANCE) {
		if (given & ~parts)
			return err_set(e, 422, "invalid_subjects", "subjects",
				       "按%s评价的计划不设理论知识和操作技能考试，考核科目应留空",
				       "a plan evaluated by %s has no theory and no practical exam: leave "
				       "subjects empty",
				       norm_method_zh(method));
	} else if (given != parts)
		return err_set(e, 422, "invalid_subjects", "subjects", "考试科目应为理论知识和操作技能%s",
			       "subjects are theory and practical%s",
			       in->level <= 2 ? "，二级、一级另加综合评审" : "（三级及以下不设综合评审）");
	char subj[40] = "";
	if (parts & NORM_PART_THEORY)
		strcat(subj, "theory|");
	if (parts & NORM_PART_PRACTICAL)
		strcat(subj, "practical|");
	if (parts & NORM_PART_REVIEW)
		strcat(subj, "review|");
	if (*subj)
		subj[strlen(subj) - 1] = 0;
	int64_t now = now_s();
	st = db_query(
		t->d,
		"INSERT INTO plans (institution_id, occupation_code, work_type, level, template, title, "
		"reg_start, reg_end, "
		"exam_date, capacity, subjects, publicity_days, created_by, created_at, updated_at, norm_id) "
		"VALUES "
		"($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$14,$15) RETURNING id",
		DB_ARGS(DV_I(c->inst), DV_S(in->occupation_code), DV_S(in->work_type ? in->work_type : ""),
			DV_I(in->level), DV_S(c->norm_tpl), DV_S(in->title), DV_S(in->reg_start),
			DV_S(in->reg_end), DV_S(in->exam_date), DV_I(in->capacity), DV_S(subj),
			DV_I(in->publicity_days), t->a->user_id ? DV_I(t->a->user_id) : DV_NULL, DV_I(now),
			norm ? DV_I(norm) : DV_NULL),
		e);
	c->id = st && db_row(st, e) > 0 ? db_int(st, 0) : 0;
	db_done(st);
	if (!c->id)
		return -1;
	tx_audit(t, "plan.create", "plan", c->id,
		 json_pack("{s:s,s:i,s:s,s:o}", "occupation_code", in->occupation_code, "level", in->level,
			   "title", in->title, "norm_id", norm ? json_integer(norm) : json_null()));
	return 0;
}

int64_t plan_create(db *d, const principal *a, const struct plan_input *in, err *e)
{
	int64_t inst = a->role == ROLE_PROVINCE_ADMIN ? in->institution_id : a->institution_id;
	int rs, re, ex;
	if (inst <= 0)
		return err_set(e, 422, "missing_field", "institution_id", "缺少评价机构",
			       "missing field 'institution_id'");
	if (check_text(in->title, "title", 100, true, e) != 0 ||
	    (in->work_type && check_text(in->work_type, "work_type", 50, false, e) != 0))
		return -1;
	if (!in->occupation_code)
		return err_set(e, 422, "missing_field", "occupation_code", "缺少职业编码",
			       "missing field 'occupation_code'");
	if (in->level < 1 || in->level > 5)
		return err_set(e, 422, "invalid_level", "level", "等级应为 1 到 5", "level is 1..5");
	char active_tpl[8] = "2023";
	struct exam_profile prof;
	if (!in->template_name && in->occupation_code &&
	    standard_active(d, in->occupation_code, active_tpl, &prof, e) != 0)
		return -1;
	const char *tpl =
		in->template_name ? in->template_name : active_tpl; /* the occupation's active standard */
	if (strcmp(tpl, "2018") && strcmp(tpl, "2023"))
		return err_set(e, 422, "invalid_value", "template", "申报条件模板应为 2018 或 2023",
			       "template is 2018 or 2023");
	if (date_or(in->reg_start, "reg_start", &rs, e) || date_or(in->reg_end, "reg_end", &re, e) ||
	    date_or(in->exam_date, "exam_date", &ex, e))
		return -1;
	if (re < rs || ex <= re)
		return err_set(e, 422, "invalid_dates", "exam_date",
			       "日期应满足：报名开始 ≤ 报名截止 < 考试日期",
			       "dates must satisfy reg_start <= reg_end < exam_date");
	if (in->capacity < 1 || in->capacity > 100000)
		return err_set(e, 422, "invalid_value", "capacity", "人数上限应在 1 到 100000 之间",
			       "capacity must be 1..100000");
	if (in->publicity_days < 1 || in->publicity_days > 30)
		return err_set(e, 422, "invalid_value", "publicity_days", "公示期应为 1 到 30 个工作日",
			       "publicity_days must be 1..30");
	/* subjects: checked in the transaction, by the norm level's method (plan_create_work) */
	struct plan_create_ctx c = {.in = in, .inst = inst, .tpl = tpl};
	return svc_tx(d, a, plan_create_work, &c, e) == 0 ? c.id : -1;
}

json_t *plan_get_json(db *d, const principal *a, int64_t id, err *e)
{
	json_t *o = row_json(
		scoped_row(d, a, "SELECT " PLAN_VIEW_COLS PLAN_VIEW_FROM, "p.id = ?", id, SE_PLAN, e),
		plan_view, e);
	if (!o && !err_isset(e))
		err_set(e, 404, "not_found", NULL, "认定计划不存在", "no such plan");
	return o;
}

static const struct list_filter plan_filters[] = {
	{"status", "p.status = ?", LIST_EQ, 0, NULL},
};
const struct list_spec plan_list = {
	.name = "plans",
	.scoped = true,
	.entity = SE_PLAN,
	.count_sql = "SELECT COUNT(*)" PLAN_VIEW_FROM,
	.select_sql = "SELECT " PLAN_VIEW_COLS PLAN_VIEW_FROM,
	.order = "p.id DESC",
	LIST_FILTERS(plan_filters),
	.view = plan_view,
};

int plan_transition(db *d, const principal *a, int64_t id, const char *to, const char *reason,
		    json_t **analysis, err *e)
{
	if (analysis)
		*analysis = NULL;
	if (fsm_check_state(&plan_fsm, to, e) != 0)
		return -1;
	if (reason && check_text(reason, "reason", 200, false, e) != 0)
		return -1;
	if (db_begin(d, e) != 0)
		return -1;
	/* the plan's row locked before its state and open objections are read: moves at once take turns, and
	 * an objection raised meanwhile (objection_create_work takes the row too) is counted or refused */
	if (db_run(d, "UPDATE plans SET status = status WHERE id = $1", DB_ARGS(DV_I(id)), e) < 0)
		return tx_fail(d);
	char from[16] = "", pend[11] = "";
	int64_t inst = 0, pdays = 5, open_objections = 0;
	db_stmt *st = db_query(
		d,
		"SELECT p.status, p.institution_id, p.publicity_days, COALESCE(p.publicity_end, ''), "
		"(SELECT COUNT(*) FROM objections o WHERE o.plan_id = p.id AND o.status = 'open') "
		"FROM plans p WHERE p.id = $1",
		DB_ARGS(DV_I(id)), e);
	if (!st)
		return tx_fail(d);
	int found = db_row(st, e);
	if (found > 0) {
		snprintf(from, sizeof from, "%s", db_text(st, 0));
		inst = db_int(st, 1);
		pdays = db_int(st, 2);
		snprintf(pend, sizeof pend, "%s", db_text(st, 3));
		open_objections = db_int(st, 4);
	}
	db_done(st);
	if (found < 0)
		return tx_fail(d);
	/* the plan's scope (core/scope.c SE_PLAN): unseen plans are 404; of those it may change, the
	 * table (core/plan_flow.c) says whether the institution or the bureau (the province, the plan's city)
	 * takes a move */
	scope_owner o;
	if (!inst || scope_load(d, a, SE_PLAN, id, &o, e) != 0) {
		tx_fail(d);
		return err_isset(e) ? -1
				    : err_set(e, 404, "not_found", NULL, "认定计划不存在", "no such plan");
	}
	o.public_row = false; /* an open plan is public to read, not to move */
	if (scope_decide(a, SE_PLAN, &o, SCOPE_READ) != 0) {
		tx_fail(d);
		return err_set(e, 404, "not_found", NULL, "认定计划不存在", "no such plan");
	}
	unsigned roles = fsm_acting(a, scope_decide(a, SE_PLAN, &o, SCOPE_WRITE) == 0);
	int today = date_today_utc8();
	struct plan_ctx ctx = {.today = today, .publicity_end = pend, .open_objections = open_objections};
	const struct fsm_transition *t = NULL;
	if (fsm_decide(&plan_fsm, from, to, roles, reason, &ctx, &t, e) != 0)
		return tx_fail(d);
	/* 信用档案: filing (报备) a plan is refused while an event that blocks it is in force */
	if (!strcmp(from, "draft") && !strcmp(to, "filed") &&
	    credit_refuse(d, CREDIT_SUBJ_INSTITUTION, inst, CREDIT_PLAN_SUBMIT, NULL, e) != 0)
		return tx_fail(d);
	char end[11] = "";
	if (t->effects & PLAN_FX_PUBLICITY_END) {
		size_t ncal = 0;
		struct cal_day *cal = calendar_load(d, &ncal, e);
		if (!cal)
			return tx_fail(d);
		date_format(workdays_end(today, (int)pdays, cal, ncal), end);
		free(cal);
	}
	int64_t now = now_s();
	int64_t moved = db_run(
		d,
		"UPDATE plans SET status = $2, status_reason = $3, publicity_end = CASE WHEN $4 = "
		"'' THEN publicity_end ELSE $4 END, updated_at = $5 WHERE id = $1 AND status = $6",
		DB_ARGS(DV_I(id), DV_S(to), DV_S(reason ? reason : ""), DV_S(end), DV_I(now), DV_S(from)), e);
	if (moved == 0) {
		tx_fail(d);
		return err_set(e, 409, "invalid_transition", "status", "计划状态已变更，请刷新后重试",
			       "the plan's status has changed; reload and try again");
	}
	if (moved < 0 ||
	    db_run(d,
		   "INSERT INTO plan_history (plan_id, from_state, to_state, reason, actor_id, at) VALUES "
		   "($1,$2,$3,$4,$5,$6)",
		   DB_ARGS(DV_I(id), DV_S(from), DV_S(to), DV_S(reason ? reason : ""),
			   a->user_id ? DV_I(a->user_id) : DV_NULL, DV_I(now)),
		   e) < 0)
		return tx_fail(d);
	/* 评分: the theory papers are graded; every sitting is analysed (试题分析, 雷同卷) in this
	 * transaction, after the update (the analysis sees the plan in its new state). A sitting that cannot
	 * be analysed (still sitting, too few papers) is reported as skipped; a database fault fails the
	 * whole move. */
	json_t *an = NULL;
	if ((t->effects & PLAN_FX_ANALYSE) && !(an = plan_analyse_sittings(d, a, id, e)))
		return tx_fail(d);
	char ids[24];
	json_t *det = json_pack("{s:s,s:s,s:s}", "from", from, "to", to, "reason", reason ? reason : "");
	int arc = audit_append(d, a, t->audit, "plan", id_text(id, ids), det, e);
	json_decref(det);
	if (arc != 0 || db_commit(d, e) != 0) {
		json_decref(an);
		return tx_fail(d);
	}
	if (analysis)
		*analysis = an;
	else
		json_decref(an);
	return 0;
}

json_t *plan_history_json(db *d, const principal *a, int64_t id, err *e)
{
	json_t *p = plan_get_json(d, a, id, e);
	if (!p)
		return NULL;
	json_decref(p);
	json_t *items = rows_json(db_query(d,
					   "SELECT " PLAN_HISTORY_VIEW_COLS
					   " FROM plan_history WHERE plan_id = $1 ORDER BY id",
					   DB_ARGS(DV_I(id)), e),
				  plan_history_view, e);
	return items ? json_pack("{s:o}", "items", items) : NULL;
}
