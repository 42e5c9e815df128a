/* plan_results.c: a plan's results compiled from its attempts and its practical and 综合评审 panels
 * (levels 5..3) */
#include "util/common.h"
#include "svc/base/tx.h"
#include "svc/evaluation/plans.h"
#include "svc/evaluation/results.h"
#include "svc/evaluation/practical.h"
#include "svc/stats/counters.h"
#include "svc/evaluation/norms.h"
#include "svc/evaluation/norm_runs.h"

#define PASS 60.0

/* an approved registration's parts, as compiled */
struct row {
	int64_t reg, person;
	double theory, practical, review; /* theory < 0: waived by the plan's 企业评价规范; practical < 0:
					     none (过程化考核, 业绩评审) */
	double total;			  /* 过程化考核: the module rule's total */
	bool proc_passed;		  /* 过程化考核: the module rule's outcome */
};

struct compile_ctx {
	int64_t plan_id, inst, level;
	const char *occ, *wt, *exam;
	const struct row *rows;
	int n;
	const struct norm_level *norm; /* the plan's 企业评价规范 level, NULL for the national rule */
};

/* one result per candidate who sat the exam; a second compilation is 409 already_compiled */
static int compile_work(tx *t, void *ctx, err *e)
{
	struct compile_ctx *c = ctx;
	int64_t now = now_s();
	for (int i = 0; i < c->n; i++) {
		const struct row *w = &c->rows[i];
		bool passed =
			w->theory >= PASS && w->practical >= PASS && (c->level > 2 || w->review >= PASS);
		/* 企业评价规范: its method and weights decide (core/norm.c), the total kept with the result
		 */
		double total = 0;
		if (c->norm && c->norm->method == NM_PROCESS) {
			/* 过程化考核: the version's module rule; levels 2 and 1 still need their 综合评审 */
			total = w->total;
			passed = w->proc_passed && (c->level > 2 || w->review >= PASS);
		} else if (c->norm)
			passed = norm_passed(
				c->norm->method, c->norm->knowledge, c->norm->skill, (int)c->level, PASS,
				&(struct norm_scores){w->theory, w->practical, w->review}, &total);
		bool reviewed = c->level <= 2 || (c->norm && c->norm->method == NM_PERFORMANCE);
		db_stmt *ins = db_query(
			t->d,
			"INSERT INTO results (person_id, institution_id, occupation_code, "
			"work_type, level, exam_date, theory, practical, passed, created_by, "
			"created_at, plan_id, registration_id, review, norm_total) VALUES "
			"($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15) RETURNING id",
			DB_ARGS(DV_I(w->person), DV_I(c->inst), DV_S(c->occ), DV_S(c->wt), DV_I(c->level),
				DV_S(c->exam), w->theory < 0 ? DV_NULL : DV_D(w->theory),
				w->practical < 0 ? DV_NULL : DV_D(w->practical), DV_I(passed),
				t->a->user_id ? DV_I(t->a->user_id) : DV_NULL, DV_I(now), DV_I(c->plan_id),
				DV_I(w->reg), reviewed ? DV_D(w->review) : DV_NULL,
				c->norm ? DV_D(total) : DV_NULL),
			e);
		int src = ins ? db_step(ins) : DB_ERROR;
		int64_t id = src == DB_ROW ? db_int(ins, 0) : 0;
		db_done(ins);
		if (src == DB_ROW && stat_count(t, STE_RESULT, DV_I(id), DV_NULL, +1, e) != 0)
			return -1;
		if (src != DB_ROW) {
			if (src == DB_CONFLICT)
				return err_set(e, 409, "already_compiled", NULL, "成绩已汇总",
					       "results are already compiled");
			return ins ? db_rc_to_err(t->d, src, e) : -1;
		}
	}
	tx_audit(t, "plan.results", "plan", c->plan_id, json_pack("{s:i}", "results", c->n));
	return 0;
}

int plan_compile_results(db *d, const principal *a, int64_t plan_id, int *count, err *e)
{
	int64_t inst = 0, level = 0;
	char status[16] = "", occ[16] = "", wt[64] = "", exam[11] = "";
	db_stmt *st = db_query(d,
			       "SELECT institution_id, level, status, occupation_code, work_type, exam_date "
			       "FROM plans WHERE id = $1",
			       DB_ARGS(DV_I(plan_id)), e);
	if (st && db_step(st) == DB_ROW) {
		inst = db_int(st, 0);
		level = db_int(st, 1);
		snprintf(status, sizeof status, "%s", db_text(st, 2));
		snprintf(occ, sizeof occ, "%s", db_text(st, 3));
		snprintf(wt, sizeof wt, "%s", db_text(st, 4));
		snprintf(exam, sizeof exam, "%s", db_text(st, 5));
	}
	db_done(st);
	if (!inst || !((a->role == ROLE_INSTITUTION_ADMIN || a->role == ROLE_INSTITUTION_STAFF) &&
		       a->institution_id == inst))
		return err_set(e, 404, "not_found", NULL, "认定计划不存在", "no such plan");
	if (strcmp(status, "scoring"))
		return err_set(e, 409, "invalid_state", NULL, "计划须在评分阶段汇总成绩",
			       "results are compiled while the plan is scoring");
	/* a plan with a 过程化评价 rule takes its results from the module scores
	 * (svc/cultivation/proc_eval.h) */
	int64_t rule = 0;
	int rrc = db_one_int(d, "SELECT id FROM cult_eval_rules WHERE plan_id = $1", DB_ARGS(DV_I(plan_id)),
			     &rule, e);
	if (rrc == DB_OK)
		return err_set(
			e, 409, "process_evaluation", NULL,
			"本计划按过程化评价方案 %lld 汇总成绩（POST /cultivation/eval-rules/%lld/results）",
			"the plan's results come from process evaluation rule %lld (POST "
			"/cultivation/eval-rules/%lld/results)",
			(long long)rule, (long long)rule);
	if (rrc != DB_NOT_FOUND)
		return -1;
	/* 企业评价规范: the plan's version (fixed at its creation) */
	struct norm_level nlv;
	bool has_norm = false;
	if (norm_plan_level(d, plan_id, &nlv, &has_norm, e) != 0)
		return -1;
	enum norm_method method = has_norm ? nlv.method : NM_NONE;
	struct row *rows = NULL;
	int n = 0, cap = 0, rc = -1;
	if (method == NM_PROCESS) {
		/* 过程化考核: every approved registration aggregated by the version's module rule; no
		 * sitting, no practical part */
		struct norm_process_outcome *po = NULL;
		if (norm_process_outcomes(d, plan_id, &nlv, &po, &n, e) != 0) {
			free(po);
			return -1;
		}
		if (n)
			rows = xrealloc(NULL, (size_t)n * sizeof *rows);
		for (int i = 0; i < n; i++)
			rows[i] = (struct row){.reg = po[i].reg,
					       .person = po[i].person,
					       .theory = -1,
					       .practical = -1,
					       .total = po[i].total,
					       .proc_passed = po[i].passed};
		free(po);
		goto panels;
	}
	/* approved registrations with their theory attempt (any number of them: a plan is not cut short) */
	st = db_query(
		d,
		"SELECT g.id, g.person_id, t.status, t.score, g.theory_waived FROM registrations g LEFT "
		"JOIN attempts t ON t.registration_id = g.id "
		"WHERE g.plan_id = $1 AND g.status = 'approved' ORDER BY g.id",
		DB_ARGS(DV_I(plan_id)), e);
	if (!st)
		return -1;
	while (db_step(st) == DB_ROW) {
		const char *ts = db_isnull(st, 2) ? "absent" : db_text(st, 2);
		if (has_norm && db_int(st, 4)) {
			/* the norm waives the theory exam for the candidate's post: the practical part
			 * decides */
			if (n == cap)
				rows = xrealloc(rows, (size_t)(cap = cap ? cap * 2 : 256) * sizeof *rows);
			rows[n++] = (struct row){.reg = db_int(st, 0), .person = db_int(st, 1), .theory = -1};
			continue;
		}
		if (!strcmp(ts, "absent") || !strcmp(ts, "admitted"))
			continue; /* did not sit the exam: no result */
		if (!strcmp(ts, "started")) {
			db_done(st);
			err_set(e, 409, "exam_in_progress", NULL, "仍有考生在考试中",
				"some candidates are still sitting the exam");
			goto out;
		}
		if (n == cap)
			rows = xrealloc(rows, (size_t)(cap = cap ? cap * 2 : 256) * sizeof *rows);
		rows[n] = (struct row){
			.reg = db_int(st, 0),
			.person = db_int(st, 1),
			/* void: 0 */
			.theory = !strcmp(ts, "submitted") && !db_isnull(st, 3) ? db_double(st, 3) : 0};
		n++;
	}
	if (db_finish(st, e) != 0)
		goto out;
	if (method == NM_PERFORMANCE)
		for (int i = 0; i < n; i++)
			rows[i].practical = -1; /* 业绩评审: the review panel alone */
panels:;
	principal staff = *a;
	/* 操作技能, and 综合评审 for levels 2 and 1; 业绩评审 by the review panel alone; 过程化考核 by its
	 * module rule (and 综合评审 for levels 2 and 1): each panel complete */
	int first = method == NM_PERFORMANCE || method == NM_PROCESS ? PART_REVIEW : PART_PRACTICAL;
	int last = level <= 2 || method == NM_PERFORMANCE ? PART_REVIEW : PART_PRACTICAL;
	for (int i = 0; i < n; i++) {
		for (int part = first; part <= last; part++) {
			err pe = {0};
			json_t *v =
				practical_view_json(d, &staff, (enum part)part, plan_id, rows[i].reg, &pe);
			json_t *sc = v ? json_object_get(v, "score") : NULL;
			if (!sc) {
				json_decref(v);
				if (pe.status >= 500) /* a database fault is not an incomplete panel */
					*e = pe;
				else if (part == PART_PRACTICAL)
					err_set(e, 409, "practical_incomplete", NULL,
						"报名 %lld 的操作技能评分尚未完成",
						"the practical scores of registration %lld are not complete",
						(long long)rows[i].reg);
				else
					err_set(e, 409, "review_incomplete", NULL,
						"报名 %lld 的综合评审评分尚未完成",
						"the 综合评审 scores of registration %lld are not complete",
						(long long)rows[i].reg);
				goto out;
			}
			*(part == PART_PRACTICAL ? &rows[i].practical : &rows[i].review) =
				json_number_value(sc);
			json_decref(v);
		}
	}
	/* everything above was read before the write transaction, which stays short */
	struct compile_ctx c = {.plan_id = plan_id,
				.inst = inst,
				.level = level,
				.occ = occ,
				.wt = wt,
				.exam = exam,
				.rows = rows,
				.n = n,
				.norm = has_norm ? &nlv : NULL};
	if (svc_tx(d, a, compile_work, &c, e) != 0)
		goto out;
	*count = n;
	rc = 0;
out:
	free(rows);
	return rc;
}
