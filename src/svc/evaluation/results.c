/* results.c: 评价结果 — one candidate's outcome in one occupation and level at one institution, the input of
 * certificate issuing. Pass rule (docs/DOMAIN.md §4): every part sat is scored out of 100 and passes at 60;
 * levels 5..3 need theory and practical, levels 2 and 1 also the 综合评审 review; 专项职业能力 is pass/fail.
 */
#include "util/common.h"
#include "store/query.h"
#include "svc/cert/certs.h"
#include "svc/evaluation/results.h"
#include "svc/base/tx.h"
#include "svc/evaluation/view.h"
#include "svc/platform/special.h"
#include "core/date.h"
#include "svc/registry/persons.h"
#include "svc/stats/counters.h"

#define PASS_MARK 60.0

static int score_ok(double v, const char *field, err *e)
{
	if (v > 100.0)
		return err_set(e, 422, "invalid_score", field, "分数应在 0 到 100 之间",
			       "scores are between 0 and 100");
	return 0;
}

struct result_ctx {
	const struct result_input *in;
	int64_t id; /* out */
};

/* the institution's state and scope and the person's reach read in the writing transaction */
static int result_create_work(tx *t, void *ctx, err *e)
{
	struct result_ctx *c = ctx;
	const struct result_input *in = c->in;
	const principal *a = t->a;
	db *d = t->d;
	int64_t inst = in->institution_id;
	/* the institution: active, and filed for this occupation and level */
	db_stmt *st = db_query(
		d,
		"SELECT i.status, o.kind, o.levels, s.levels FROM institutions i JOIN occupations o ON "
		"o.code = $2 "
		"LEFT JOIN institution_scopes s ON s.institution_id = i.id AND s.occupation_code = o.code "
		"WHERE i.id = $1",
		DB_ARGS(DV_I(inst), DV_S(in->occupation_code)), e);
	if (!st)
		return -1;
	int found = db_row(st, e);
	if (found <= 0) {
		db_done(st);
		return found < 0 ? -1
				 : err_set(e, 422, "unknown_occupation", "occupation_code",
					   "职业或机构不存在", "unknown occupation or institution");
	}
	bool active = !strcmp(db_text(st, 0), "filed"), special = !strcmp(db_text(st, 1), "special");
	int64_t offered = db_int(st, 2), filed = db_isnull(st, 3) ? -1 : db_int(st, 3);
	db_done(st);
	int bad = 0;
	if (!active)
		bad = err_set(e, 409, "institution_inactive", NULL, "机构已暂停或退出，不能录入结果",
			      "the institution is suspended or has exited");
	else if (special != (in->level == 0))
		bad = err_set(e, 422, "invalid_level", "level", "专项职业能力的等级为 0，职业的等级为 1 到 5",
			      "special abilities take level 0, occupations levels 1..5");
	else if (!special && !(offered & (1 << in->level)))
		bad = err_set(e, 422, "level_not_offered", "level", "该职业不设此等级",
			      "the occupation has no such level");
	else if (filed < 0 || (!special && !(filed & (1 << in->level))))
		bad = err_set(e, 403, "outside_filed_scope", "occupation_code",
			      "该职业（等级）不在机构备案范围内",
			      "the occupation and level are outside the institution's filed scope");
	if (bad)
		return -1;
	/* 调整目录 (§66): a withdrawn 专项 item is no longer assessed */
	if (special && special_item_refuse(d, in->occupation_code, "occupation_code", e) != 0)
		return -1;
	/* the person, in the institution's reach */
	query q;
	q_init(&q, "SELECT p.id FROM persons p");
	q_and(&q, "p.id = ?", DV_I(in->person_id));
	if (a->role != ROLE_PROVINCE_ADMIN)
		scope_where(&q, a, SE_PERSON, SCOPE_READ);
	int64_t pid = 0;
	st = q_query(d, &q, e);
	q_free(&q);
	if (!st)
		return -1;
	if (db_step(st) == DB_ROW)
		pid = db_int(st, 0);
	db_done(st);
	if (!pid)
		return err_set(e, 404, "not_found", "person_id", "人员不存在", "no such person");
	int passed;
	if (special) {
		if (in->passed < 0)
			return err_set(e, 422, "missing_field", "passed",
				       "专项职业能力考核应给出 passed（是否合格）",
				       "a special ability result needs 'passed'");
		passed = in->passed;
	} else {
		bool need_review = in->level <= 2;
		if (in->theory < 0 || in->practical < 0 || (need_review && in->review < 0))
			return err_set(
				e, 422, "missing_field",
				need_review && in->review < 0 ? "review"
				: in->theory < 0	      ? "theory"
							      : "practical",
				/* one argument list for both texts: each prints its own piece (%.0s skips) */
				"缺少成绩：理论、技能%s均需录入%.0s",
				"missing score: theory and practical%.0s%s are required",
				need_review ? "和综合评审" : "", need_review ? " and the review" : "");
		passed = in->theory >= PASS_MARK && in->practical >= PASS_MARK &&
			 (!need_review || in->review >= PASS_MARK);
	}
	st = db_query(d,
		      "INSERT INTO results (person_id, institution_id, occupation_code, work_type, level, "
		      "exam_date, theory, "
		      "practical, review, passed, created_by, created_at, correction_reason) VALUES "
		      "($1,$2,$3,$4,$5,$6,$7,$8,"
		      "$9,$10,$11,$12,$13) RETURNING id",
		      DB_ARGS(DV_I(pid), DV_I(inst), DV_S(in->occupation_code),
			      DV_S(in->work_type ? in->work_type : ""), DV_I(in->level), DV_S(in->exam_date),
			      in->theory >= 0 ? DV_D(in->theory) : DV_NULL,
			      in->practical >= 0 ? DV_D(in->practical) : DV_NULL,
			      in->review >= 0 ? DV_D(in->review) : DV_NULL, DV_I(passed),
			      a->user_id ? DV_I(a->user_id) : DV_NULL, DV_I(now_s()),
			      DV_S(in->correction_reason)),
		      e);
	c->id = st && db_row(st, e) > 0 ? db_int(st, 0) : 0;
	db_done(st);
	if (!c->id || stat_count(t, STE_RESULT, DV_I(c->id), DV_NULL, +1, e) != 0)
		return -1;
	tx_audit(t, "result.correct", "result", c->id,
		 json_pack("{s:I,s:I,s:s,s:i,s:b,s:s}", "person_id", (json_int_t)pid, "institution_id",
			   (json_int_t)inst, "occupation_code", in->occupation_code, "level", in->level,
			   "passed", passed, "correction_reason", in->correction_reason));
	return 0;
}

int64_t result_create(db *d, const principal *a, const struct result_input *in, err *e)
{
	/* results come from a plan whose exams, scores and 公示 the system saw; by hand only the province
	 * corrects a historical record, and says why */
	if (a->role != ROLE_PROVINCE_ADMIN)
		return err_set(
			e, 403, "results_from_plan", NULL,
			"评价结果须由认定计划汇总生成；补录历史记录由省级管理员办理",
			"results are compiled from a plan (POST /plans/{id}/results); only the province "
			"administrator enters a historical record by hand");
	if (check_text(in->correction_reason, "correction_reason", 200, true, e) != 0)
		return -1;
	int64_t inst = in->institution_id;
	if (inst <= 0)
		return err_set(e, 422, "missing_field", "institution_id", "缺少评价机构",
			       "missing field 'institution_id'");
	if (!in->occupation_code || !*in->occupation_code)
		return err_set(e, 422, "missing_field", "occupation_code", "缺少职业编码",
			       "missing field 'occupation_code'");
	int ymd;
	if (!in->exam_date || date_parse(in->exam_date, &ymd) != 0)
		return err_set(e, 422, "invalid_date", "exam_date", "考试日期格式应为 YYYY-MM-DD",
			       "exam_date must be a date YYYY-MM-DD");
	if (ymd > date_today_utc8())
		return err_set(e, 422, "invalid_date", "exam_date", "考试日期不能晚于今天",
			       "exam_date is in the future");
	if (in->level < 0 || in->level > 5)
		return err_set(e, 422, "invalid_level", "level", "等级应为 1 到 5（专项职业能力为 0）",
			       "level is 1..5 (0 for a special ability)");
	if (score_ok(in->theory, "theory", e) || score_ok(in->practical, "practical", e) ||
	    score_ok(in->review, "review", e))
		return -1;
	if (in->work_type && check_text(in->work_type, "work_type", 50, false, e) != 0)
		return -1;
	struct result_ctx c = {.in = in};
	return svc_tx(d, a, result_create_work, &c, e) == 0 ? c.id : -1;
}

json_t *result_get_json(db *d, const principal *a, int64_t id, err *e)
{
	json_t *o = row_json(
		scoped_row(d, a, "SELECT " RESULT_VIEW_COLS RESULT_VIEW_FROM, "r.id = ?", id, SE_RESULT, e),
		result_view, e);
	if (!o && !err_isset(e))
		err_set(e, 404, "not_found", NULL, "结果不存在", "no such result");
	return o;
}

/* ?pending=1: passed and not yet certified */
static int pending_only(query *w, const char *frag, const char *v, err *e)
{
	(void)e;
	if (!strcmp(v, "1"))
		q_and(w, frag, DV_NULL);
	return 0;
}

/* ?id_number=: the person's whole ID number or its last 6 characters, through the persons' blind indexes */
static int filter_id_number(query *w, const char *frag, const char *v, err *e)
{
	UNUSED(e);
	UNUSED(frag);
	person_id_filter(w, "r.person_id IN (SELECT id FROM persons WHERE id_index = ?)",
			 "r.person_id IN (SELECT id FROM persons WHERE id_suffix_index = ?)", v);
	return 0;
}

static const struct list_filter result_filters[] = {
	{"person_id", "r.person_id = ?", LIST_ID, 0, NULL},
	{"name", "r.person_id IN (SELECT id FROM persons WHERE name LIKE ?)", LIST_STARTS, 50, NULL},
	{"id_number", "", LIST_FN, 40, filter_id_number},
	{"pending", "r.passed = 1 AND r.certificate_id IS NULL", LIST_FN, 0, pending_only},
};
const struct list_spec result_list = {
	.name = "results",
	.scoped = true,
	.entity = SE_RESULT,
	.count_sql = "SELECT COUNT(*) FROM results r JOIN institutions i ON i.id = r.institution_id",
	.select_sql = "SELECT " RESULT_VIEW_COLS RESULT_VIEW_FROM,
	.order = "r.id DESC",
	LIST_FILTERS(result_filters),
	.view = result_view,
};
