/* norm_runs.c: 过程化考核 and 业绩评审 plans of an enterprise's 评价规范 (see norm_runs.h) */
#include "util/common.h"
#include "svc/evaluation/norm_runs.h"
#include "svc/base/scope.h"
#include "svc/base/tx.h"
#include "core/date.h"
#include <math.h>

struct plan_facts {
	int64_t inst;
	int level;
	char status[16], exam[11];
	int exam_day;
	bool has_norm;
	struct norm_level lv;
	bool compiled;
};

/* the plan as the writes and reads here need it; 404 when there is no such plan */
static int plan_facts_load(db *d, int64_t plan_id, struct plan_facts *p, err *e)
{
	memset(p, 0, sizeof *p);
	db_stmt *st = db_query(d, "SELECT institution_id, level, status, exam_date FROM plans WHERE id = $1",
			       DB_ARGS(DV_I(plan_id)), e);
	int found = st ? db_row(st, e) : -1;
	if (found > 0) {
		p->inst = db_int(st, 0);
		p->level = (int)db_int(st, 1);
		snprintf(p->status, sizeof p->status, "%s", db_text(st, 2));
		snprintf(p->exam, sizeof p->exam, "%s", db_text(st, 3));
		if (date_parse(p->exam, &p->exam_day) != 0)
			p->exam_day = 0;
	}
	db_done(st);
	if (found < 0)
		return -1;
	if (!found)
		return err_set(e, 404, "not_found", NULL, "认定计划不存在", "no such plan");
	int64_t nres = 0;
	if (norm_plan_level(d, plan_id, &p->lv, &p->has_norm, e) != 0 ||
	    db_one_int(d, "SELECT COUNT(*) FROM results WHERE plan_id = $1", DB_ARGS(DV_I(plan_id)), &nres,
		       e) != DB_OK)
		return -1;
	p->compiled = nres > 0;
	return 0;
}

static bool inst_staff(const principal *a, int64_t inst)
{
	return (a->role == ROLE_INSTITUTION_ADMIN || a->role == ROLE_INSTITUTION_STAFF) &&
	       a->institution_id == inst;
}

static bool recording_state(const char *s)
{
	return !strcmp(s, "open") || !strcmp(s, "examining") || !strcmp(s, "scoring");
}

/* ---- 过程化考核 ---- */

struct record_ctx {
	int64_t plan_id;
	const char *module, *on;
	const struct norm_score_input *s;
	size_t n;
};

static int record_work(tx *t, void *ctx, err *e)
{
	struct record_ctx *c = ctx;
	int64_t now = now_s();
	json_t *log = json_array();
	for (size_t i = 0; i < c->n; i++) {
		int64_t had = 0;
		if (db_one_int(t->d,
			       "SELECT COUNT(*) FROM norm_process_scores WHERE registration_id = $1 AND "
			       "module_code = $2",
			       DB_ARGS(DV_I(c->s[i].registration_id), DV_S(c->module)), &had, e) != DB_OK)
			goto fail;
		if (had) {
			err_set(e, 409, "already_recorded", "scores",
				"报名 %lld 的模块 %s 成绩已记录，不能重复记录",
				"registration %lld: module %s is already recorded",
				(long long)c->s[i].registration_id, c->module);
			goto fail;
		}
		if (db_run(t->d,
			   "INSERT INTO norm_process_scores (plan_id, registration_id, module_code, score, "
			   "assessed_on, recorded_by, created_at) VALUES ($1,$2,$3,$4,$5,$6,$7)",
			   DB_ARGS(DV_I(c->plan_id), DV_I(c->s[i].registration_id), DV_S(c->module),
				   DV_D(c->s[i].score), DV_S(c->on), DV_I(t->a->user_id), DV_I(now)),
			   e) < 0)
			goto fail;
		json_array_append_new(log,
				      json_pack("{s:I,s:f}", "registration_id",
						(json_int_t)c->s[i].registration_id, "score", c->s[i].score));
	}
	tx_audit(t, "norm_process.recorded", "plan", c->plan_id,
		 json_pack("{s:s,s:s,s:o}", "module_code", c->module, "assessed_on", c->on, "scores", log));
	return 0;
fail:
	json_decref(log);
	return -1;
}

int norm_process_record(db *d, const principal *a, int64_t plan_id, const char *module,
			const char *assessed_on, const struct norm_score_input *s, size_t n, err *e)
{
	struct plan_facts p;
	if (plan_facts_load(d, plan_id, &p, e) != 0 ||
	    scope_check_via(d, a, SE_PLAN, plan_id, SE_REGISTRATION, SCOPE_READ, NULL, e) != 0)
		return -1;
	if (!inst_staff(a, p.inst))
		return err_set(e, 403, "forbidden", NULL, "只有本计划所属机构的人员记录过程化考核成绩",
			       "only the staff of the plan's institution record process scores");
	if (!p.has_norm || p.lv.method != NM_PROCESS)
		return err_set(e, 409, "not_process_plan", NULL, "本计划不按过程化考核评价",
			       "the plan is not evaluated by 过程化考核 (process)");
	int mod = -1;
	for (int k = 0; module && k < p.lv.nmodules; k++)
		if (!strcmp(p.lv.mod_code[k], module))
			mod = k;
	if (mod < 0)
		return err_set(e, 422, "unknown_module", "module_code", "评价规范没有考核模块 %s",
			       "the norm has no module %s", module ? module : "");
	int ymd = 0;
	if (!assessed_on || date_parse(assessed_on, &ymd) != 0)
		return err_set(e, 422, "invalid_date", "assessed_on", "考核日期格式应为 YYYY-MM-DD",
			       "assessed_on is a date YYYY-MM-DD");
	switch (norm_assessed_on_check(ymd, date_today_utc8(), p.exam_day)) {
	case NORM_DAY_FUTURE:
		return err_set(
			e, 422, "invalid_date", "assessed_on", "考核日期不能晚于今天（考核发生时记录）",
			"assessed_on is in the future (a score is recorded when the assessment happens)");
	case NORM_DAY_AFTER_EXAM:
		return err_set(
			e, 409, "late_assessment", "assessed_on",
			"考核日期 %s 晚于计划的认定日期 %s，考核期已结束",
			"assessed_on %s is after the plan's exam date %s: the assessment period is over",
			assessed_on, p.exam);
	}
	if (p.compiled)
		return err_set(e, 409, "already_compiled", NULL, "成绩已汇总，过程化考核成绩不能再记录",
			       "the results are compiled: no more process scores are recorded");
	if (!recording_state(p.status))
		return err_set(e, 409, "invalid_state", NULL,
			       "计划在报名、考试或评分阶段时记录过程化考核成绩",
			       "process scores are recorded while the plan is open, examining or scoring");
	if (!s || !n || n > NORM_MAX_SCORES)
		return err_set(e, 422, "invalid_value", "scores", "一次记录 1 到 500 名考生的成绩",
			       "1 to 500 scores at once");
	for (size_t i = 0; i < n; i++) {
		if (!(s[i].score >= 0 && s[i].score <= 100))
			return err_set(e, 422, "invalid_score", "scores", "分数应在 0 到 100 之间",
				       "scores are between 0 and 100");
		for (size_t k = 0; k < i; k++)
			if (s[k].registration_id == s[i].registration_id)
				return err_set(e, 422, "invalid_value", "scores", "报名 %lld 重复",
					       "registration %lld appears twice",
					       (long long)s[i].registration_id);
		int64_t ok = 0;
		if (db_one_int(
			    d,
			    "SELECT COUNT(*) FROM registrations WHERE id = $1 AND plan_id = $2 AND status = "
			    "'approved'",
			    DB_ARGS(DV_I(s[i].registration_id), DV_I(plan_id)), &ok, e) != DB_OK)
			return -1;
		if (!ok)
			return err_set(e, 404, "not_found", "scores", "报名 %lld 不是本计划审核通过的考生",
				       "registration %lld is no approved candidate of this plan",
				       (long long)s[i].registration_id);
	}
	struct record_ctx c = {.plan_id = plan_id, .module = module, .on = assessed_on, .s = s, .n = n};
	return svc_tx(d, a, record_work, &c, e);
}

/* the scores of the approved registrations of a plan (person NULL: all; else the person's only), aggregated
 */
struct cand {
	int64_t reg, person;
	char name[64];
	double scores[PROC_MAX_MODULES];
	char on[PROC_MAX_MODULES][11];
};

static int cands_load(db *d, int64_t plan_id, const struct norm_level *lv, int64_t person, struct cand **out,
		      int *n, err *e)
{
	*out = NULL;
	*n = 0;
	int cap = 0;
	db_stmt *st =
		db_query(d,
			 "SELECT g.id, g.person_id, p.name FROM registrations g JOIN persons p ON p.id = "
			 "g.person_id WHERE g.plan_id = $1 AND g.status = 'approved' AND ($2 = 0 OR "
			 "g.person_id = $2) ORDER BY g.id",
			 DB_ARGS(DV_I(plan_id), DV_I(person)), e);
	if (!st)
		return -1;
	while (db_step(st) == DB_ROW) {
		if (*n == cap)
			*out = xrealloc(*out, (size_t)(cap = cap ? cap * 2 : 64) * sizeof **out);
		struct cand *c = &(*out)[(*n)++];
		memset(c, 0, sizeof *c);
		c->reg = db_int(st, 0);
		c->person = db_int(st, 1);
		snprintf(c->name, sizeof c->name, "%s", db_text(st, 2));
		for (int k = 0; k < PROC_MAX_MODULES; k++)
			c->scores[k] = -1;
	}
	if (db_finish(st, e) != 0)
		return -1;
	st = db_query(
		d,
		"SELECT registration_id, module_code, score, assessed_on FROM norm_process_scores WHERE "
		"plan_id = $1",
		DB_ARGS(DV_I(plan_id)), e);
	if (!st)
		return -1;
	while (db_step(st) == DB_ROW) {
		int64_t reg = db_int(st, 0);
		const char *code = db_text(st, 1);
		for (int i = 0; i < *n; i++)
			if ((*out)[i].reg == reg)
				for (int k = 0; k < lv->nmodules; k++)
					if (!strcmp(lv->mod_code[k], code)) {
						(*out)[i].scores[k] = db_double(st, 2);
						snprintf((*out)[i].on[k], sizeof(*out)[i].on[k], "%s",
							 db_text(st, 3));
					}
	}
	return db_finish(st, e);
}

int norm_process_outcomes(db *d, int64_t plan_id, const struct norm_level *lv,
			  struct norm_process_outcome **out, int *n, err *e)
{
	struct cand *cs = NULL;
	int nc = 0;
	*out = NULL;
	*n = 0;
	if (cands_load(d, plan_id, lv, 0, &cs, &nc, e) != 0) {
		free(cs);
		return -1;
	}
	struct proc_module pm[PROC_MAX_MODULES];
	struct proc_rule r;
	norm_proc_rule(lv, pm, &r);
	if (nc)
		*out = xrealloc(NULL, (size_t)nc * sizeof **out);
	for (int i = 0; i < nc; i++) {
		struct proc_outcome o;
		proc_eval_aggregate(&r, cs[i].scores, &o);
		(*out)[i] = (struct norm_process_outcome){cs[i].reg, cs[i].person, o.total, o.passed};
	}
	*n = nc;
	free(cs);
	return 0;
}

/* who reads a norm plan's process scores or performance records: a candidate their own row only (*person set
 * to theirs; 404 when they are not registered on the plan), everyone else by the registration's scope */
static int plan_reader(db *d, const principal *a, int64_t plan_id, int64_t *person, err *e)
{
	*person = 0;
	if (a->role != ROLE_CANDIDATE)
		return scope_check_via(d, a, SE_PLAN, plan_id, SE_REGISTRATION, SCOPE_READ, NULL, e) != 0 ? -1
													  : 0;
	int64_t mine = 0;
	if (db_one_int(d, "SELECT COUNT(*) FROM registrations WHERE plan_id = $1 AND person_id = $2",
		       DB_ARGS(DV_I(plan_id), DV_I(a->person_id)), &mine, e) != DB_OK)
		return -1;
	if (!mine || !a->person_id)
		return err_set(e, 404, "not_found", NULL, "认定计划不存在", "no such plan");
	*person = a->person_id;
	return 0;
}

json_t *norm_process_json(db *d, const principal *a, int64_t plan_id, err *e)
{
	struct plan_facts p;
	if (plan_facts_load(d, plan_id, &p, e) != 0)
		return NULL;
	int64_t person = 0;
	if (plan_reader(d, a, plan_id, &person, e) != 0)
		return NULL;
	if (!p.has_norm || p.lv.method != NM_PROCESS)
		return err_set(e, 409, "not_process_plan", NULL, "本计划不按过程化考核评价",
			       "the plan is not evaluated by 过程化考核 (process)"),
		       NULL;
	struct cand *cs = NULL;
	int nc = 0;
	if (cands_load(d, plan_id, &p.lv, person, &cs, &nc, e) != 0) {
		free(cs);
		return NULL;
	}
	struct proc_module pm[PROC_MAX_MODULES];
	struct proc_rule r;
	norm_proc_rule(&p.lv, pm, &r);
	json_t *mods = json_array(), *cands = json_array();
	for (int k = 0; k < p.lv.nmodules; k++)
		json_array_append_new(mods, json_pack("{s:s,s:s,s:f}", "code", p.lv.mod_code[k], "name",
						      p.lv.mod_name[k], "weight", p.lv.mod_weight[k]));
	for (int i = 0; i < nc; i++) {
		struct proc_outcome o;
		proc_eval_aggregate(&r, cs[i].scores, &o);
		json_t *sc = json_array(), *why = json_array();
		for (int k = 0; k < p.lv.nmodules; k++)
			if (cs[i].scores[k] >= 0)
				json_array_append_new(
					sc, json_pack("{s:s,s:f,s:s}", "module_code", p.lv.mod_code[k],
						      "score", cs[i].scores[k], "assessed_on", cs[i].on[k]));
		if (o.reasons & PROC_MISSING)
			json_array_append_new(why, json_string("有模块未考核"));
		if (o.reasons & PROC_BELOW_TOTAL)
			json_array_append_new(why, json_string("加权总分未达合格线"));
		if (o.reasons & PROC_BELOW_MODULE)
			json_array_append_new(why, json_string("有模块低于单模块最低分"));
		json_array_append_new(cands,
				      json_pack("{s:I,s:I,s:s,s:o,s:f,s:b,s:o}", "registration_id",
						(json_int_t)cs[i].reg, "person_id", (json_int_t)cs[i].person,
						"name", cs[i].name, "scores", sc, "total", o.total, "passed",
						o.passed, "reasons", why));
	}
	free(cs);
	return json_pack("{s:I,s:s,s:s,s:b,s:o,s:f,s:f,s:o}", "plan_id", (json_int_t)plan_id, "status",
			 p.status, "exam_date", p.exam, "compiled", p.compiled, "modules", mods, "pass_total",
			 p.lv.pass_total, "min_module", p.lv.min_module, "candidates", cands);
}

/* ---- 业绩评审 ---- */

int norm_performance_recorded(db *d, int64_t reg_id, bool *yes, err *e)
{
	int64_t n = 0;
	if (db_one_int(d, "SELECT COUNT(*) FROM norm_performance_records WHERE registration_id = $1",
		       DB_ARGS(DV_I(reg_id)), &n, e) != DB_OK)
		return -1;
	*yes = n > 0;
	return 0;
}

struct perf_ctx {
	int64_t reg, plan;
	const char *ach, *ev;
};

static int perf_work(tx *t, void *ctx, err *e)
{
	struct perf_ctx *c = ctx;
	json_t *old = json_null();
	db_stmt *st = db_query(
		t->d,
		"SELECT achievements, evidence FROM norm_performance_records WHERE registration_id = $1",
		DB_ARGS(DV_I(c->reg)), e);
	int found = st ? db_row(st, e) : -1;
	if (found > 0)
		old = json_pack("{s:s,s:s}", "achievements", db_text(st, 0), "evidence", db_text(st, 1));
	db_done(st);
	if (found < 0)
		return -1;
	int64_t now = now_s();
	if (db_run(t->d,
		   found ? "UPDATE norm_performance_records SET achievements = $3, evidence = $4, "
			   "recorded_by = $5, "
			   "updated_at = $6 WHERE registration_id = $1 AND plan_id = $2"
			 : "INSERT INTO norm_performance_records (registration_id, plan_id, achievements, "
			   "evidence, "
			   "recorded_by, updated_at) VALUES ($1,$2,$3,$4,$5,$6)",
		   DB_ARGS(DV_I(c->reg), DV_I(c->plan), DV_S(c->ach), DV_S(c->ev), DV_I(t->a->user_id),
			   DV_I(now)),
		   e) < 0) {
		json_decref(old);
		return -1;
	}
	tx_audit(t, "norm_performance.recorded", "registration", c->reg,
		 json_pack("{s:I,s:o,s:{s:s,s:s}}", "plan_id", (json_int_t)c->plan, "before", old, "after",
			   "achievements", c->ach, "evidence", c->ev));
	return 0;
}

/* the registration's plan (404 when out of the principal's read reach, or not approved) */
static int reg_plan(db *d, const principal *a, int64_t reg_id, int64_t *plan, int64_t *person, err *e)
{
	if (scope_check(d, a, SE_REGISTRATION, reg_id, SCOPE_READ, NULL, e) != 0)
		return -1;
	*plan = *person = 0;
	db_stmt *st = db_query(
		d, "SELECT plan_id, person_id FROM registrations WHERE id = $1 AND status = 'approved'",
		DB_ARGS(DV_I(reg_id)), e);
	int found = st ? db_row(st, e) : -1;
	if (found > 0) {
		*plan = db_int(st, 0);
		*person = db_int(st, 1);
	}
	db_done(st);
	if (found < 0)
		return -1;
	return found ? 0
		     : err_set(e, 404, "not_found", NULL, "报名不存在或未审核通过",
			       "no such registration, or it is not approved");
}

int norm_performance_put(db *d, const principal *a, int64_t reg_id, const char *achievements,
			 const char *evidence, err *e)
{
	if (check_text(achievements, "achievements", 4000, true, e) != 0 ||
	    check_text(evidence, "evidence", 4000, true, e) != 0)
		return -1;
	int64_t plan = 0, person = 0;
	struct plan_facts p;
	if (reg_plan(d, a, reg_id, &plan, &person, e) != 0 || plan_facts_load(d, plan, &p, e) != 0)
		return -1;
	if (!inst_staff(a, p.inst))
		return err_set(e, 403, "forbidden", NULL, "只有本计划所属机构的人员填写业绩材料",
			       "only the staff of the plan's institution write performance records");
	if (!p.has_norm || p.lv.method != NM_PERFORMANCE)
		return err_set(e, 409, "not_performance_plan", NULL, "本计划不按业绩评审评价",
			       "the plan is not evaluated by 业绩评审 (performance)");
	if (p.compiled)
		return err_set(e, 409, "already_compiled", NULL, "成绩已汇总，业绩材料不能再修改",
			       "the results are compiled: the record is no longer changed");
	if (!recording_state(p.status))
		return err_set(
			e, 409, "invalid_state", NULL, "计划在报名、考试或评分阶段时填写业绩材料",
			"performance records are written while the plan is open, examining or scoring");
	int64_t scored = 0;
	if (db_one_int(d, "SELECT COUNT(*) FROM review_scores WHERE plan_id = $1 AND registration_id = $2",
		       DB_ARGS(DV_I(plan), DV_I(reg_id)), &scored, e) != DB_OK)
		return -1;
	if (scored)
		return err_set(e, 409, "review_started", NULL, "评审组已开始评分，业绩材料不能再修改",
			       "the panel has started scoring this candidate: the record is fixed");
	struct perf_ctx c = {.reg = reg_id, .plan = plan, .ach = achievements, .ev = evidence};
	return svc_tx(d, a, perf_work, &c, e);
}

json_t *norm_performance_json(db *d, const principal *a, int64_t reg_id, err *e)
{
	int64_t plan = 0, person = 0;
	if (a->role == ROLE_EXAMINER) {
		/* an examiner on the plan's review panel reads the records it scores */
		int64_t member = 0;
		if (db_one_int(d,
			       "SELECT COUNT(*) FROM registrations g JOIN review_panel m ON m.plan_id = "
			       "g.plan_id "
			       "WHERE g.id = $1 AND m.user_id = $2 AND g.status = 'approved'",
			       DB_ARGS(DV_I(reg_id), DV_I(a->user_id)), &member, e) != DB_OK)
			return NULL;
		if (!member)
			return err_set(e, 404, "not_found", NULL, "报名不存在", "no such registration"), NULL;
		if (db_one_int(d, "SELECT plan_id FROM registrations WHERE id = $1", DB_ARGS(DV_I(reg_id)),
			       &plan, e) != DB_OK)
			return NULL;
	} else if (reg_plan(d, a, reg_id, &plan, &person, e) != 0)
		return NULL;
	struct plan_facts p;
	if (plan_facts_load(d, plan, &p, e) != 0)
		return NULL;
	if (!p.has_norm || p.lv.method != NM_PERFORMANCE)
		return err_set(e, 409, "not_performance_plan", NULL, "本计划不按业绩评审评价",
			       "the plan is not evaluated by 业绩评审 (performance)"),
		       NULL;
	json_t *o = json_pack("{s:I,s:I,s:b,s:n,s:n,s:n}", "registration_id", (json_int_t)reg_id, "plan_id",
			      (json_int_t)plan, "recorded", 0, "achievements", "evidence", "updated_at");
	db_stmt *st =
		db_query(d,
			 "SELECT achievements, evidence, updated_at FROM norm_performance_records WHERE "
			 "registration_id = $1",
			 DB_ARGS(DV_I(reg_id)), e);
	int found = st ? db_row(st, e) : -1;
	if (found > 0) {
		json_object_set_new(o, "recorded", json_true());
		json_object_set_new(o, "achievements", json_string(db_text(st, 0)));
		json_object_set_new(o, "evidence", json_string(db_text(st, 1)));
		json_object_set_new(o, "updated_at", json_integer(db_int(st, 2)));
	}
	db_done(st);
	if (found < 0) {
		json_decref(o);
		return NULL;
	}
	return o;
}

/* ---- 过程化考核: a recorded module score corrected before the results ---- */

struct correct_ctx {
	int64_t plan_id, reg;
	const char *module, *reason;
	double score;
};

static int correct_work(tx *t, void *ctx, err *e)
{
	struct correct_ctx *c = ctx;
	/* read again inside the transaction: the results compiled or the score gone since the checks */
	int64_t nres = 0;
	if (db_one_int(t->d, "SELECT COUNT(*) FROM results WHERE plan_id = $1", DB_ARGS(DV_I(c->plan_id)),
		       &nres, e) != DB_OK)
		return -1;
	if (nres)
		return err_set(e, 409, "already_compiled", NULL, "成绩已汇总，过程化考核成绩不能再更正",
			       "the results are compiled: a process score is no longer corrected");
	db_stmt *st =
		db_query(t->d,
			 "SELECT score, assessed_on FROM norm_process_scores WHERE registration_id = $1 "
			 "AND module_code = $2 AND plan_id = $3",
			 DB_ARGS(DV_I(c->reg), DV_S(c->module), DV_I(c->plan_id)), e);
	int found = st ? db_row(st, e) : -1;
	double old = found > 0 ? db_double(st, 0) : 0;
	char on[11] = "";
	if (found > 0)
		snprintf(on, sizeof on, "%s", db_text(st, 1));
	db_done(st);
	if (found < 0)
		return -1;
	if (!found)
		return err_set(
			e, 409, "not_recorded", "module_code", "报名 %lld 的模块 %s 尚未记录成绩，无可更正",
			"registration %lld: module %s has no score to correct", (long long)c->reg, c->module);
	if (db_run(t->d,
		   "UPDATE norm_process_scores SET score = $1 WHERE registration_id = $2 AND module_code = "
		   "$3",
		   DB_ARGS(DV_D(c->score), DV_I(c->reg), DV_S(c->module)), e) < 0)
		return -1;
	tx_audit(t, "norm_process.corrected", "plan", c->plan_id,
		 json_pack("{s:I,s:s,s:s,s:f,s:f,s:s}", "registration_id", (json_int_t)c->reg, "module_code",
			   c->module, "assessed_on", on, "old_score", old, "new_score", c->score, "reason",
			   c->reason));
	return 0;
}

int norm_process_correct(db *d, const principal *a, int64_t plan_id, int64_t reg_id, const char *module,
			 double score, const char *reason, err *e)
{
	struct plan_facts p;
	if (plan_facts_load(d, plan_id, &p, e) != 0 ||
	    scope_check_via(d, a, SE_PLAN, plan_id, SE_REGISTRATION, SCOPE_READ, NULL, e) != 0)
		return -1;
	if (!inst_staff(a, p.inst))
		return err_set(e, 403, "forbidden", NULL, "只有本计划所属机构的人员更正过程化考核成绩",
			       "only the staff of the plan's institution correct process scores");
	if (!p.has_norm || p.lv.method != NM_PROCESS)
		return err_set(e, 409, "not_process_plan", NULL, "本计划不按过程化考核评价",
			       "the plan is not evaluated by 过程化考核 (process)");
	if (!reason || !*reason)
		return err_set(e, 422, "missing_field", "reason", "更正成绩须说明理由",
			       "a correction states its reason");
	if (check_text(reason, "reason", 500, true, e) != 0)
		return -1;
	int mod = -1;
	for (int k = 0; module && k < p.lv.nmodules; k++)
		if (!strcmp(p.lv.mod_code[k], module))
			mod = k;
	if (mod < 0)
		return err_set(e, 422, "unknown_module", "module_code", "评价规范没有考核模块 %s",
			       "the norm has no module %s", module ? module : "");
	if (!(score >= 0 && score <= 100))
		return err_set(e, 422, "invalid_score", "score", "分数应在 0 到 100 之间",
			       "scores are between 0 and 100");
	if (p.compiled)
		return err_set(e, 409, "already_compiled", NULL, "成绩已汇总，过程化考核成绩不能再更正",
			       "the results are compiled: a process score is no longer corrected");
	if (!recording_state(p.status))
		return err_set(e, 409, "invalid_state", NULL,
			       "计划在报名、考试或评分阶段时更正过程化考核成绩",
			       "process scores are corrected while the plan is open, examining or scoring");
	int64_t ok = 0;
	if (db_one_int(d,
		       "SELECT COUNT(*) FROM registrations WHERE id = $1 AND plan_id = $2 AND status = "
		       "'approved'",
		       DB_ARGS(DV_I(reg_id), DV_I(plan_id)), &ok, e) != DB_OK)
		return -1;
	if (!ok)
		return err_set(e, 404, "not_found", "registration_id", "报名 %lld 不是本计划审核通过的考生",
			       "registration %lld is no approved candidate of this plan", (long long)reg_id);
	struct correct_ctx c = {
		.plan_id = plan_id, .reg = reg_id, .module = module, .reason = reason, .score = score};
	return svc_tx(d, a, correct_work, &c, e);
}

/* ---- 业绩评审: the plan's candidates and their records ---- */

json_t *norm_performance_list_json(db *d, const principal *a, int64_t plan_id, err *e)
{
	struct plan_facts p;
	if (plan_facts_load(d, plan_id, &p, e) != 0)
		return NULL;
	int64_t person = 0;
	if (plan_reader(d, a, plan_id, &person, e) != 0)
		return NULL;
	if (!p.has_norm || p.lv.method != NM_PERFORMANCE)
		return err_set(e, 409, "not_performance_plan", NULL, "本计划不按业绩评审评价",
			       "the plan is not evaluated by 业绩评审 (performance)"),
		       NULL;
	int64_t panel = 0;
	if (db_one_int(d, "SELECT COUNT(*) FROM review_panel WHERE plan_id = $1", DB_ARGS(DV_I(plan_id)),
		       &panel, e) != DB_OK)
		return NULL;
	db_stmt *st = db_query(
		d,
		"SELECT g.id, g.person_id, p.name, r.achievements, r.evidence, r.updated_at, (SELECT "
		"COUNT(DISTINCT s.examiner_id) FROM review_scores s WHERE s.plan_id = g.plan_id AND "
		"s.registration_id = g.id), "
		"r.registration_id FROM registrations g JOIN persons p ON p.id = g.person_id LEFT JOIN "
		"norm_performance_records r ON r.registration_id = g.id WHERE g.plan_id = $1 AND g.status "
		"= 'approved' AND ($2 = 0 OR g.person_id = $2) ORDER BY g.id LIMIT 1000",
		DB_ARGS(DV_I(plan_id), DV_I(person)), e);
	if (!st)
		return NULL;
	json_t *cands = json_array();
	while (db_step(st) == DB_ROW) {
		bool rec = !db_isnull(st, 7);
		json_t *c = json_pack("{s:I,s:I,s:s,s:b,s:I}", "registration_id", (json_int_t)db_int(st, 0),
				      "person_id", (json_int_t)db_int(st, 1), "name", db_text(st, 2),
				      "recorded", rec, "review_scores", (json_int_t)db_int(st, 6));
		json_object_set_new(c, "review_started", json_boolean(db_int(st, 6) > 0));
		json_object_set_new(c, "achievements", rec ? json_string(db_text(st, 3)) : json_null());
		json_object_set_new(c, "evidence", rec ? json_string(db_text(st, 4)) : json_null());
		json_object_set_new(c, "updated_at", rec ? json_integer(db_int(st, 5)) : json_null());
		json_array_append_new(cands, c);
	}
	if (db_finish(st, e) != 0) {
		json_decref(cands);
		return NULL;
	}
	return json_pack("{s:I,s:s,s:s,s:b,s:i,s:b,s:o}", "plan_id", (json_int_t)plan_id, "status", p.status,
			 "exam_date", p.exam, "compiled", p.compiled, "level", p.level, "panel", panel > 0,
			 "candidates", cands);
}
