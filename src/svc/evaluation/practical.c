/* practical.c: see practical_svc.h and docs/DOMAIN.md §20 (操作技能考核) and §25 (综合评审). The two
 * parts share every rule and differ in their tables and names, which are fixed here per part. */
#include "util/common.h"
#include "svc/evaluation/practical.h"
#include "svc/base/tx.h"
#include "svc/evaluation/view.h"
#include "core/practical.h"
#include "svc/supervision/credit.h"
#include "svc/platform/workforce.h"
#include "core/date.h"
#include "util/arena.h"
#include "svc/evaluation/norm_runs.h"

static const struct part_def {
	const char *audit_setup, *audit_score;
	const char *del_setup, *del_panel, *ins_setup, *ins_panel, *get_setup, *is_member, *ins_score,
		*count_panel, *get_scores, *list_panel;
} parts[] = {
	[PART_PRACTICAL] = {"practical.setup", "practical.score",
			    "DELETE FROM practical_setups WHERE plan_id = $1",
			    "DELETE FROM panel_members WHERE plan_id = $1",
			    "INSERT INTO practical_setups (plan_id, criteria, spread_pct) VALUES ($1,$2,$3)",
			    "INSERT INTO panel_members (plan_id, user_id) VALUES ($1,$2)",
			    "SELECT criteria, spread_pct FROM practical_setups WHERE plan_id = $1",
			    "SELECT COUNT(*) FROM panel_members WHERE plan_id = $1 AND user_id = $2",
			    "INSERT INTO practical_scores (plan_id, registration_id, examiner_id, criterion, "
			    "score, created_at) "
			    "VALUES ($1,$2,$3,$4,$5,$6)",
			    "SELECT COUNT(*) FROM panel_members WHERE plan_id = $1",
			    "SELECT examiner_id, criterion, score FROM practical_scores WHERE plan_id = $1 "
			    "AND registration_id = "
			    "$2 ORDER BY examiner_id, criterion",
			    "SELECT " PANEL_MEMBER_VIEW_COLS " FROM panel_members m JOIN users u ON u.id = "
			    "m.user_id WHERE m.plan_id = $1 ORDER BY u.id"},
	[PART_REVIEW] = {"review.setup", "review.score", "DELETE FROM review_setups WHERE plan_id = $1",
			 "DELETE FROM review_panel WHERE plan_id = $1",
			 "INSERT INTO review_setups (plan_id, criteria, spread_pct) VALUES ($1,$2,$3)",
			 "INSERT INTO review_panel (plan_id, user_id) VALUES ($1,$2)",
			 "SELECT criteria, spread_pct FROM review_setups WHERE plan_id = $1",
			 "SELECT COUNT(*) FROM review_panel WHERE plan_id = $1 AND user_id = $2",
			 "INSERT INTO review_scores (plan_id, registration_id, examiner_id, criterion, "
			 "score, created_at) "
			 "VALUES ($1,$2,$3,$4,$5,$6)",
			 "SELECT COUNT(*) FROM review_panel WHERE plan_id = $1",
			 "SELECT examiner_id, criterion, score FROM review_scores WHERE plan_id = $1 AND "
			 "registration_id = $2 "
			 "ORDER BY examiner_id, criterion",
			 "SELECT " PANEL_MEMBER_VIEW_COLS " FROM review_panel m JOIN users u ON u.id = "
			 "m.user_id WHERE m.plan_id = $1 ORDER BY u.id"},
};

struct plan_ctx {
	int64_t inst;
	int level;
	char status[16];
	int exam_day; /* YYYYMMDD */
};

static int load_plan(db *d, int64_t id, struct plan_ctx *p, err *e)
{
	memset(p, 0, sizeof *p);
	db_stmt *st = db_query(d, "SELECT institution_id, level, status, exam_date FROM plans WHERE id = $1",
			       DB_ARGS(DV_I(id)), e);
	int found = st && db_step(st) == DB_ROW;
	if (found) {
		p->inst = db_int(st, 0);
		p->level = (int)db_int(st, 1);
		snprintf(p->status, sizeof p->status, "%s", db_text(st, 2));
		if (date_parse(db_text(st, 3), &p->exam_day) != 0)
			p->exam_day = date_today_utc8();
	}
	db_done(st);
	return found ? 0 : err_set(e, 404, "not_found", NULL, "认定计划不存在", "no such plan");
}

static bool inst_staff(const principal *a, int64_t inst)
{
	return (a->role == ROLE_INSTITUTION_ADMIN || a->role == ROLE_INSTITUTION_STAFF) &&
	       a->institution_id == inst;
}

/* the criteria as stored (practical_setups.criteria, review_setups.criteria) and returned by
 * practical_setup_json: [{name, points, star?}] */
static json_t *criteria_json(const struct panel_setup_input *in)
{
	json_t *arr = json_array();
	for (size_t i = 0; i < in->ncriteria; i++) {
		const struct criterion_input *c = &in->criteria[i];
		json_t *o = json_pack("{s:s,s:f}", "name", c->name, "points", c->points);
		if (c->star >= 0)
			json_object_set_new(o, "star", json_boolean(c->star));
		json_array_append_new(arr, o);
	}
	return arr;
}

struct setup_ctx {
	const struct part_def *pd;
	int64_t plan_id;
	int level;
	int days[2]; /* today and the exam day: the qualification is valid on both */
	const struct panel_setup_input *in;
};

/* the panel checked (active examiners, size, seniority) and the part's setup and panel replaced */
static int setup_work(tx *t, void *ctx, err *e)
{
	struct setup_ctx *c = ctx;
	const struct panel_setup_input *in = c->in;
	db *d = t->d;
	size_t ne = in->nexaminers;
	int seniors = 0;
	for (size_t i = 0; i < ne; i++) {
		/* 评价队伍 (svc/platform/workforce.h, the one check of every panel): an active examiner with
		 * a 考评员 qualification valid today and on the exam day, 高级考评员 for levels 2 and 1, no
		 * credit block */
		bool senior = false;
		if (wf_panel_refuse(d, in->examiners[i], c->level, c->days, 2, "examiners", &senior, e) != 0)
			return -1;
		seniors += senior;
	}
	const char *problem = panel_problem((int)ne, seniors, c->level);
	if (problem)
		return err_set(e, 422, problem, "examiners",
			       "考评组应不少于 3 人且为单数；二级、一级须全部为高级考评员",
			       "a panel has at least 3 examiners, an odd number; levels 2 and 1 need senior "
			       "examiners only");
	json_t *criteria = criteria_json(in);
	char *ctext = json_dumps(criteria, JSON_COMPACT);
	int bad = db_run(d, c->pd->del_setup, DB_ARGS(DV_I(c->plan_id)), e) < 0 ||
		  db_run(d, c->pd->del_panel, DB_ARGS(DV_I(c->plan_id)), e) < 0 ||
		  db_run(d, c->pd->ins_setup, DB_ARGS(DV_I(c->plan_id), DV_S(ctext), DV_D(in->spread_pct)),
			 e) < 0;
	free(ctext);
	for (size_t i = 0; i < ne && !bad; i++)
		bad = db_run(d, c->pd->ins_panel, DB_ARGS(DV_I(c->plan_id), DV_I(in->examiners[i])), e) < 0;
	if (bad) {
		json_decref(criteria);
		return -1;
	}
	tx_audit(t, c->pd->audit_setup, "plan", c->plan_id,
		 json_pack("{s:o,s:o}", "criteria", criteria, "examiners", json_ids(in->examiners, ne)));
	return 0;
}

int practical_setup(db *d, const principal *a, enum part part, int64_t plan_id,
		    const struct panel_setup_input *in, err *e)
{
	const struct part_def *pd = &parts[part];
	struct plan_ctx p;
	if (load_plan(d, plan_id, &p, e) != 0)
		return -1;
	if (!inst_staff(a, p.inst))
		return err_set(e, 404, "not_found", NULL, "认定计划不存在", "no such plan");
	/* 企业评价规范: a 业绩评审 level is scored by the review panel at every level and has no practical
	 * part; a 过程化考核 level is decided by its module scores (and 综合评审 for levels 2 and 1) */
	struct norm_level nlv;
	bool has_norm = false;
	if (norm_plan_level(d, plan_id, &nlv, &has_norm, e) != 0)
		return -1;
	enum norm_method method = has_norm ? nlv.method : NM_NONE;
	if (part == PART_PRACTICAL && (method == NM_PROCESS || method == NM_PERFORMANCE))
		return err_set(e, 409, "method_no_practical", NULL,
			       "本计划按企业评价规范的%s评价，不设操作技能考核",
			       "the plan evaluates by %.0s%s under the enterprise's norm: no practical part",
			       norm_method_zh(method), norm_method_name(method));
	if (part == PART_REVIEW && p.level > 2 && method != NM_PERFORMANCE)
		return err_set(e, 409, "review_not_applicable", NULL, "综合评审只适用于二级、一级",
			       "综合评审 applies to levels 2 and 1 only");
	size_t nc = in->ncriteria;
	if (nc < 1 || nc > PRACTICAL_MAX_CRITERIA)
		return err_set(e, 422, "invalid_value", "criteria", "评分项应为 1 到 32 项",
			       "criteria: 1 to 32 items");
	for (size_t i = 0; i < nc; i++) {
		const struct criterion_input *c = &in->criteria[i];
		if (check_text(c->name, "criteria", 100, true, e) != 0 ||
		    !(c->points > 0 && c->points <= 100))
			return err_set(e, 422, "invalid_value", "criteria",
				       "评分项应为 {name, points(0..100], star}",
				       "criteria are {name, points in (0, 100], star}");
	}
	if (!(in->spread_pct > 0 && in->spread_pct <= 1))
		return err_set(e, 422, "invalid_value", "spread_pct", "分差阈值应在 0 到 1 之间",
			       "spread_pct is in (0, 1]");
	struct setup_ctx c = {.pd = pd,
			      .plan_id = plan_id,
			      .level = p.level,
			      .days = {date_today_utc8(), p.exam_day},
			      .in = in};
	return svc_tx(d, a, setup_work, &c, e);
}

struct avoidance_ctx {
	int64_t examiner, person;
	const char *reason;
};

static int avoidance_work(tx *t, void *ctx, err *e)
{
	struct avoidance_ctx *c = ctx;
	if (db_run(t->d,
		   "INSERT INTO avoidances (user_id, person_id, reason) VALUES ($1,$2,$3) ON CONFLICT "
		   "(user_id, "
		   "person_id) DO UPDATE SET reason = excluded.reason",
		   DB_ARGS(DV_I(c->examiner), DV_I(c->person), DV_S(c->reason)), e) < 0)
		return -1;
	tx_audit(t, "avoidance.declare", "user", c->examiner,
		 json_pack("{s:I,s:s}", "person_id", (json_int_t)c->person, "reason", c->reason));
	return 0;
}

int avoidance_declare(db *d, const principal *a, int64_t examiner, int64_t person, const char *reason, err *e)
{
	if (a->role != ROLE_INSTITUTION_ADMIN && a->role != ROLE_PROVINCE_ADMIN && a->role != ROLE_EXAMINER)
		return err_set(e, 403, "forbidden", NULL, "无权登记回避", "you may not declare avoidances");
	if (a->role == ROLE_EXAMINER && a->user_id != examiner)
		return err_set(e, 403, "forbidden", NULL, "考评员只能为本人登记回避",
			       "examiners declare their own avoidances");
	if (check_text(reason, "reason", 200, true, e) != 0)
		return -1;
	/* the examiner must be an account the caller manages (an institution administrator: its own
	 * institution's) and an examiner */
	if (a->role != ROLE_EXAMINER && scope_check(d, a, SE_USER, examiner, SCOPE_WRITE, NULL, e) != 0)
		return -1;
	int64_t is_examiner = 0;
	if (db_one_int(d, "SELECT COUNT(*) FROM users WHERE id = $1 AND role = 'examiner'",
		       DB_ARGS(DV_I(examiner)), &is_examiner, e) != DB_OK)
		return -1;
	if (!is_examiner)
		return err_set(e, 422, "not_examiner", NULL, "该账号不是考评员",
			       "that account is not an examiner");
	/* an unknown person is 404, not the 409 conflict of the foreign key */
	int64_t known = 0;
	if (db_one_int(d, "SELECT COUNT(*) FROM persons WHERE id = $1", DB_ARGS(DV_I(person)), &known, e) !=
	    DB_OK)
		return -1;
	if (!known)
		return err_set(e, 404, "not_found", "person_id", "人员不存在", "no such person");
	struct avoidance_ctx c = {.examiner = examiner, .person = person, .reason = reason};
	return svc_tx(d, a, avoidance_work, &c, e);
}

/* the reason an examiner may not score a person, or NULL (practical.h) */
const char *avoidance_reason(db *d, arena *ar, int64_t examiner, int64_t person, err *e)
{
	db_stmt *st = db_query(d, "SELECT reason FROM avoidances WHERE user_id = $1 AND person_id = $2",
			       DB_ARGS(DV_I(examiner), DV_I(person)), e);
	/* a check that could not be made is not a check passed: a database error abstains (e set, 503) */
	static const char unknown[] = "无法核验回避关系，请稍后重试";
	int found = st ? db_row(st, e) : -1;
	const char *why = found > 0 ? arena_strdup(ar, db_text(st, 0)) : found < 0 ? unknown : NULL;
	db_done(st);
	if (why)
		return why;
	int64_t same = 0;
	if (db_one_int(
		    d,
		    "SELECT COUNT(*) FROM users u JOIN persons ep ON ep.id = u.person_id JOIN persons cp ON "
		    "cp.id = $2 WHERE u.id = $1 "
		    "AND ep.employer_id IS NOT NULL AND ep.employer_id = cp.employer_id",
		    DB_ARGS(DV_I(examiner), DV_I(person)), &same, e) != DB_OK)
		return unknown;
	return same ? "与考生为同一用人单位" : NULL;
}

static int load_setup(db *d, const struct part_def *pd, int64_t plan, struct criterion *c, int *nc,
		      double *spread, err *e)
{
	db_stmt *st = db_query(d, pd->get_setup, DB_ARGS(DV_I(plan)), e);
	int found = st && db_step(st) == DB_ROW;
	if (found) {
		json_t *cr = json_loads(db_text(st, 0), 0, NULL), *x;
		size_t i;
		*nc = 0;
		json_array_foreach(cr, i, x) if (*nc < PRACTICAL_MAX_CRITERIA) c[(*nc)++] =
			(struct criterion){json_number_value(json_object_get(x, "points")),
					   json_is_true(json_object_get(x, "star"))};
		json_decref(cr);
		*spread = db_double(st, 1);
	}
	db_done(st);
	if (found)
		return 0;
	return pd == &parts[PART_REVIEW]
		       ? err_set(e, 409, "no_review_setup", NULL, "尚未设置综合评审评分项和评审组",
				 "no review criteria and panel yet")
		       : err_set(e, 409, "no_practical_setup", NULL, "尚未设置操作技能评分项和考评组",
				 "no criteria and panel yet");
}

struct score_ctx {
	const struct part_def *pd;
	int64_t plan_id, reg_id;
	const double *scores;
	int n;
};

/* an examiner's scores, final: a second set is 409 already_scored */
static int score_work(tx *t, void *ctx, err *e)
{
	struct score_ctx *c = ctx;
	int64_t now = now_s();
	for (int k = 0; k < c->n; k++) {
		db_stmt *st = db_query(t->d, c->pd->ins_score,
				       DB_ARGS(DV_I(c->plan_id), DV_I(c->reg_id), DV_I(t->a->user_id),
					       DV_I(k), DV_D(c->scores[k]), DV_I(now)),
				       e);
		int rc = st ? db_step(st) : DB_ERROR;
		db_done(st);
		if (rc != DB_DONE)
			return rc == DB_CONFLICT
				       ? err_set(e, 409, "already_scored", NULL, "您已为该考生评分，不能修改",
						 "you have scored this candidate; scores are final")
				       : db_rc_to_err(t->d, rc, e);
	}
	json_t *sj = json_array();
	for (int k = 0; k < c->n; k++)
		json_array_append_new(sj, json_real(c->scores[k]));
	tx_audit(t, c->pd->audit_score, "registration", c->reg_id,
		 json_pack("{s:I,s:o}", "plan_id", (json_int_t)c->plan_id, "scores", sj));
	return 0;
}

int practical_score(db *d, const principal *a, enum part part, int64_t plan_id, int64_t reg_id,
		    const double *scores, size_t nscores, err *e)
{
	const struct part_def *pd = &parts[part];
	struct plan_ctx p;
	struct criterion c[PRACTICAL_MAX_CRITERIA];
	int nc = 0;
	double spread;
	int64_t member = 0, person = 0;
	if (load_plan(d, plan_id, &p, e) != 0)
		return -1;
	if (db_one_int(d, pd->is_member, DB_ARGS(DV_I(plan_id), DV_I(a->user_id)), &member, e) != DB_OK)
		return -1;
	if (a->role != ROLE_EXAMINER || !member)
		return err_set(e, 403, "not_on_panel", NULL, "您不是本计划考评组成员",
			       "you are not on this plan's panel");
	/* a qualification removed (or not valid on the exam day) stops the scoring at once */
	if (wf_refuse(d, a->user_id, qual_needed_for_level(p.level), &p.exam_day, 1, "examiners", e) != 0)
		return -1;
	if (load_setup(d, pd, plan_id, c, &nc, &spread, e) != 0)
		return -1;
	if (db_one_int(d,
		       "SELECT person_id FROM registrations WHERE id = $1 AND plan_id = $2 AND status = "
		       "'approved'",
		       DB_ARGS(DV_I(reg_id), DV_I(plan_id)), &person, e) != DB_OK)
		return err_isset(e) ? -1
				    : err_set(e, 404, "not_found", "registration_id", "本计划无此考生",
					      "no such candidate in this plan");
	arena *ar = arena_new();
	const char *why = avoidance_reason(d, ar, a->user_id, person, e);
	if (why && err_isset(e)) { /* the check itself failed */
		arena_free(ar);
		return -1;
	}
	if (why) {
		err_set(e, 403, "avoidance", NULL, "须回避：%s", "you must abstain from this candidate: %s",
			why);
		arena_free(ar);
		return -1;
	}
	arena_free(ar);
	if (part == PART_REVIEW) {
		/* 业绩评审: the panel scores the candidate's performance record, which must be written first
		 */
		struct norm_level nlv;
		bool has_norm = false, recorded = false;
		if (norm_plan_level(d, plan_id, &nlv, &has_norm, e) != 0)
			return -1;
		if (has_norm && nlv.method == NM_PERFORMANCE) {
			if (norm_performance_recorded(d, reg_id, &recorded, e) != 0)
				return -1;
			if (!recorded)
				return err_set(e, 409, "no_performance_record", "registration_id",
					       "该考生的业绩材料尚未填写，评审组无从评审",
					       "the candidate's performance record is not written yet");
		}
	}
	if (!scores || nscores != (size_t)nc)
		return err_set(e, 422, "invalid_value", "scores", "应按评分项顺序给出 %d 个分数",
			       "give %d scores, one per criterion", nc);
	for (int k = 0; k < nc; k++) {
		double v = scores[k];
		if (!(v >= 0 && v <= c[k].points)) /* NAN (no number) fails too */
			return err_set(e, 422, "invalid_score", "scores", "第 %d 项分数应在 0 到 %g 之间",
				       "score %d must be 0..%g", k + 1, c[k].points);
	}
	struct score_ctx sc = {.pd = pd, .plan_id = plan_id, .reg_id = reg_id, .scores = scores, .n = nc};
	return svc_tx(d, a, score_work, &sc, e);
}

/* panel_reader: who reads a plan's panel, its setup and its scores: an examiner on the part's panel; anyone
 * else by the plan's data scope (core/scope.c, SE_PLAN read: the province, the city of the plan's
 * institution, that institution's administrators and staff, the supervisors of its region). 0, or -1 with
 * 404 (no such plan, or out of reach) or a database error (never taken for "not a member"). */
static int panel_reader(db *d, const principal *a, const struct part_def *pd, int64_t plan_id, err *e)
{
	struct plan_ctx p;
	int64_t member = 0;
	if (load_plan(d, plan_id, &p, e) != 0 ||
	    db_one_int(d, pd->is_member, DB_ARGS(DV_I(plan_id), DV_I(a->user_id)), &member, e) < DB_NOT_FOUND)
		return -1;
	if (a->role == ROLE_EXAMINER)
		return member ? 0 : err_set(e, 404, "not_found", NULL, "认定计划不存在", "no such plan");
	return scope_check(d, a, SE_PLAN, plan_id, SCOPE_READ, NULL, e);
}

json_t *practical_view_json(db *d, const principal *a, enum part part, int64_t plan_id, int64_t reg_id,
			    err *e)
{
	const struct part_def *pd = &parts[part];
	struct criterion c[PRACTICAL_MAX_CRITERIA];
	int nc = 0;
	double spread;
	int64_t panel = 0;
	if (panel_reader(d, a, pd, plan_id, e) != 0)
		return NULL;
	if (load_setup(d, pd, plan_id, c, &nc, &spread, e) != 0 ||
	    db_one_int(d, pd->count_panel, DB_ARGS(DV_I(plan_id)), &panel, e) != DB_OK)
		return NULL;
	static __thread double sc[PRACTICAL_MAX_PANEL * PRACTICAL_MAX_CRITERIA];
	int64_t examiners[PRACTICAL_MAX_PANEL];
	int ne = 0;
	json_t *mine = json_array();
	db_stmt *st = db_query(d, pd->get_scores, DB_ARGS(DV_I(plan_id), DV_I(reg_id)), e);
	while (st && db_step(st) == DB_ROW) {
		int64_t ex = db_int(st, 0);
		int k = (int)db_int(st, 1);
		if (!ne || examiners[ne - 1] != ex) {
			if (ne == PRACTICAL_MAX_PANEL)
				break;
			examiners[ne++] = ex;
		}
		if (k < nc)
			sc[(ne - 1) * nc + k] = db_double(st, 2);
		if (ex == a->user_id)
			json_array_append_new(mine, json_real(db_double(st, 2)));
	}
	if (!st || db_finish(st, e) != 0) {
		json_decref(mine);
		return NULL;
	}
	bool complete = ne == panel && panel > 0;
	json_t *out = json_pack("{s:I,s:b,s:i,s:i,s:o}", "registration_id", (json_int_t)reg_id, "complete",
				complete, "scored_by", ne, "panel", (int)panel, "my_scores", mine);
	/* nobody sees the others' scores or the result until every examiner has scored */
	if (complete) {
		struct panel_result r;
		if (practical_aggregate(c, nc, sc, ne, spread, &r) == 0) {
			json_t *means = json_array(), *flags = json_array();
			for (int k = 0; k < nc; k++) {
				json_array_append_new(means, json_real(r.mean[k]));
				if (r.spread[k])
					json_array_append_new(flags, json_integer(k));
			}
			json_object_set_new(out, "score", json_real(r.score));
			json_object_set_new(out, "means", means);
			json_object_set_new(out, "spread_flags", flags);
			json_object_set_new(out, "star_failed", json_boolean(r.star_failed));
		}
	}
	return out;
}

json_t *practical_setup_json(db *d, const principal *a, enum part part, int64_t plan_id, err *e)
{
	const struct part_def *pd = &parts[part];
	if (panel_reader(d, a, pd, plan_id, e) != 0)
		return NULL;
	json_t *out = json_pack("{s:I,s:s,s:b,s:o,s:f,s:[],s:[]}", "plan_id", (json_int_t)plan_id, "part",
				part == PART_REVIEW ? "review" : "practical", "configured", 0, "criteria",
				json_array(), "spread_pct", 0.2, "examiners", "candidates");
	db_stmt *st = db_query(d, pd->get_setup, DB_ARGS(DV_I(plan_id)), e);
	if (!st)
		goto fail;
	if (db_step(st) == DB_ROW) {
		json_t *cr = json_loads(db_text(st, 0), 0, NULL);
		json_object_set_new(out, "criteria", cr ? cr : json_array());
		json_object_set_new(out, "spread_pct", json_real(db_double(st, 1)));
		json_object_set_new(out, "configured", json_true());
	}
	db_done(st);
	json_t *ex = rows_json(db_query(d, pd->list_panel, DB_ARGS(DV_I(plan_id)), e), panel_member_view, e);
	if (!ex)
		goto fail;
	json_object_set_new(out, "examiners", ex);
	/* the candidates the panel scores: the plan's approved registrations */
	json_t *cand = rows_json(db_query(d,
					  "SELECT " PANEL_CANDIDATE_VIEW_COLS
					  " FROM registrations g JOIN persons p ON p.id = g.person_id WHERE "
					  "g.plan_id = $1 AND g.status = 'approved' ORDER BY g.id",
					  DB_ARGS(DV_I(plan_id)), e),
				 panel_candidate_view, e);
	if (!cand)
		goto fail;
	json_object_set_new(out, "candidates", cand);
	return out;
fail:
	json_decref(out);
	return NULL;
}
