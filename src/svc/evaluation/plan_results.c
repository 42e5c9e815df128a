/* plan_results.c: compiling a plan's results from its theory attempts and practical panels, and 公示
 * objections (docs/DOMAIN.md §21) */
#include "util/common.h"
#include "svc/evaluation/plans.h"
#include "svc/evaluation/practical.h"

#define PASS 60.0

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
	/* approved registrations with their theory attempt (any number of them: a plan is not cut short) */
	struct row {
		int64_t reg, person;
		double theory, practical, review;
	} *rows = NULL;
	int n = 0, cap = 0, rc = -1;
	st = db_query(d,
		      "SELECT g.id, g.person_id, t.status, t.score FROM registrations g LEFT JOIN attempts t "
		      "ON t.registration_id = g.id "
		      "WHERE g.plan_id = $1 AND g.status = 'approved' ORDER BY g.id",
		      DB_ARGS(DV_I(plan_id)), e);
	if (!st)
		return -1;
	while (db_step(st) == DB_ROW) {
		const char *ts = db_isnull(st, 2) ? "absent" : db_text(st, 2);
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
	principal staff = *a;
	for (int i = 0; i < n; i++) {
		/* 操作技能, and 综合评审 for levels 2 and 1: each panel complete */
		for (int part = PART_PRACTICAL; part <= (level <= 2 ? PART_REVIEW : PART_PRACTICAL); part++) {
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
	if (db_begin(d, e) != 0)
		goto out;
	int64_t now = now_s();
	for (int i = 0; i < n; i++) {
		const struct row *w = &rows[i];
		bool passed = w->theory >= PASS && w->practical >= PASS && (level > 2 || w->review >= PASS);
		db_stmt *ins =
			db_query(d,
				 "INSERT INTO results (person_id, institution_id, occupation_code, "
				 "work_type, level, exam_date, "
				 "theory, practical, passed, created_by, created_at, plan_id, "
				 "registration_id, review) VALUES "
				 "($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14)",
				 DB_ARGS(DV_I(w->person), DV_I(inst), DV_S(occ), DV_S(wt), DV_I(level),
					 DV_S(exam), DV_D(w->theory), DV_D(w->practical), DV_I(passed),
					 a->user_id ? DV_I(a->user_id) : DV_NULL, DV_I(now), DV_I(plan_id),
					 DV_I(w->reg), level <= 2 ? DV_D(w->review) : DV_NULL),
				 e);
		int src = ins ? db_step(ins) : DB_ERROR;
		db_done(ins);
		if (src != DB_DONE) {
			tx_fail(d);
			if (src == DB_CONFLICT)
				err_set(e, 409, "already_compiled", NULL, "成绩已汇总",
					"results are already compiled");
			else if (ins)
				db_rc_to_err(d, src, e);
			goto out;
		}
	}
	char ids[24];
	json_t *det = json_pack("{s:i}", "results", n);
	int bad = audit_append(d, a, "plan.results", "plan", id_text(plan_id, ids), det, e) != 0;
	json_decref(det);
	if (bad || db_commit(d, e) != 0) {
		tx_fail(d);
		goto out;
	}
	*count = n;
	rc = 0;
out:
	free(rows);
	return rc;
}

int64_t objection_create(db *d, int64_t plan_id, int64_t result_id, const char *text, const char *contact,
			 err *e)
{
	if (check_text(text, "text", 1000, true, e) != 0 ||
	    (contact && check_text(contact, "contact", 100, false, e) != 0))
		return -1;
	char status[16] = "";
	db_stmt *st = db_query(d, "SELECT status FROM plans WHERE id = $1", DB_ARGS(DV_I(plan_id)), e);
	if (st && db_step(st) == DB_ROW)
		snprintf(status, sizeof status, "%s", db_text(st, 0));
	db_done(st);
	if (!*status)
		return err_set(e, 404, "not_found", NULL, "认定计划不存在", "no such plan");
	if (strcmp(status, "publicity"))
		return err_set(e, 409, "not_in_publicity", NULL, "只能在公示期内提出异议",
			       "objections are taken during the publicity period");
	/* the result objected to must be one of this plan's: an objection is no way to reach another plan's
	 * candidate */
	if (result_id > 0) {
		int64_t mine = 0;
		if (db_one_int(d, "SELECT COUNT(*) FROM results WHERE id = $1 AND plan_id = $2",
			       DB_ARGS(DV_I(result_id), DV_I(plan_id)), &mine, e) != DB_OK)
			return -1;
		if (!mine)
			return err_set(e, 422, "unknown_result", "result_id", "本计划的公示名单中没有该结果",
				       "no such result in this plan's published results");
	}
	if (db_begin(d, e) != 0)
		return -1;
	st = db_query(d,
		      "INSERT INTO objections (plan_id, result_id, text, contact, created_at) VALUES "
		      "($1,$2,$3,$4,$5) RETURNING id",
		      DB_ARGS(DV_I(plan_id), result_id > 0 ? DV_I(result_id) : DV_NULL, DV_S(text),
			      DV_S(contact ? contact : ""), DV_I(now_s())),
		      e);
	int row = st ? db_row(st, e) : -1;
	int64_t id = row == 1 ? db_int(st, 0) : 0;
	db_done(st);
	if (!id) {
		if (!err_isset(e))
			err_set(e, 500, "internal", NULL, "异议未能保存", "the objection could not be saved");
		return tx_fail(d);
	}
	principal anon = {.role = ROLE_PUBLIC};
	snprintf(anon.username, sizeof anon.username, "public");
	char ids[24];
	json_t *det = json_pack("{s:I}", "plan_id", (json_int_t)plan_id);
	int bad = audit_append(d, &anon, "objection.create", "objection", id_text(id, ids), det, e) != 0;
	json_decref(det);
	if (bad || db_commit(d, e) != 0)
		return tx_fail(d);
	return id;
}

int objection_resolve(db *d, const principal *a, int64_t id, const char *resolution, err *e)
{
	if (check_text(resolution, "resolution", 1000, true, e) != 0)
		return -1;
	/* the objection's write scope (core/scope.c SE_OBJECTION): the plan's institution, its city, the
	 * province */
	if (scope_check(d, a, SE_OBJECTION, id, SCOPE_WRITE, NULL, e) != 0)
		return -1;
	int64_t open_ = 0;
	if (db_one_int(d, "SELECT COUNT(*) FROM objections WHERE id = $1 AND status = 'open'",
		       DB_ARGS(DV_I(id)), &open_, e) != DB_OK)
		return -1;
	if (!open_)
		return err_set(e, 409, "already_resolved", NULL, "该异议已处理",
			       "the objection is already resolved");
	if (db_begin(d, e) != 0)
		return -1;
	char ids[24];
	json_t *det = json_pack("{s:s}", "resolution", resolution);
	int bad = db_run(d,
			 "UPDATE objections SET status = 'resolved', resolution = $2, resolved_at = $3 WHERE "
			 "id = $1",
			 DB_ARGS(DV_I(id), DV_S(resolution), DV_I(now_s())), e) < 0 ||
		  audit_append(d, a, "objection.resolve", "objection", id_text(id, ids), det, e) != 0;
	json_decref(det);
	if (bad || db_commit(d, e) != 0)
		return tx_fail(d);
	return 0;
}

json_t *objection_list_json(db *d, const principal *a, int64_t plan_id, err *e)
{
	if (scope_check_via(d, a, SE_PLAN, plan_id, SE_OBJECTION, SCOPE_READ, NULL, e) != 0)
		return NULL;
	db_stmt *st =
		db_query(d,
			 "SELECT o.id, o.result_id, COALESCE(pe.name, ''), o.text, o.contact, o.status, "
			 "o.resolution, o.created_at, "
			 "o.resolved_at FROM objections o LEFT JOIN results r ON r.id = o.result_id AND "
			 "r.plan_id = o.plan_id "
			 "LEFT JOIN "
			 "persons pe ON pe.id = "
			 "r.person_id WHERE o.plan_id = $1 ORDER BY o.status = 'open' DESC, o.id",
			 DB_ARGS(DV_I(plan_id)), e);
	if (!st)
		return NULL;
	json_t *items = json_array();
	while (db_step(st) == DB_ROW)
		json_array_append_new(
			items,
			json_pack("{s:I,s:o,s:s,s:s,s:s,s:s,s:s,s:I,s:o}", "id", (json_int_t)db_int(st, 0),
				  "result_id", db_isnull(st, 1) ? json_null() : json_integer(db_int(st, 1)),
				  "candidate", db_text(st, 2), "text", db_text(st, 3), "contact",
				  db_text(st, 4), "status", db_text(st, 5), "resolution", db_text(st, 6),
				  "created_at", (json_int_t)db_int(st, 7), "resolved_at",
				  db_isnull(st, 8) ? json_null() : json_integer(db_int(st, 8))));
	if (db_finish(st, e) != 0) {
		json_decref(items);
		return NULL;
	}
	return json_pack("{s:I,s:o}", "plan_id", (json_int_t)plan_id, "items", items);
}
