/* demo_items.c: the demo's item banks (data/items/, embedded in the binary), a theory exam waiting for the
 * demo candidate, and the open 电子商务师四级 plan of 临沂 that the training demo's worker registers for on
 * completing the class (培训结业转报名) */
#include "util/common.h"
#include "core/date.h"
#include "svc/auth/auth.h"
#include "demo/demo.h"
#include "svc/exam/exam.h"
#include "svc/registry/institutions.h"
#include "svc/exam/bank_import.h"
#include "svc/evaluation/plans.h"
#include "svc/evaluation/registrations.h"
#include "svc/evaluation/practical.h"
#include "svc/auth/users.h"

static const char *const banks[] = {"6-31-01-03-L4", "4-03-02-01-L5", "4-01-06-01-L4"};

#define EXAM_OCC   "6-31-01-03"
#define EXAM_LEVEL 4
#define EXAM_TITLE "2026年电工四级/中级工职业技能等级认定（演示）"

/* 临沂's plan: the occupation and level of the 临沂 school's 急需紧缺 class (demo_training.c) */
#define LINYI_OCC   "4-01-06-01"
#define LINYI_LEVEL 4
#define LINYI_TITLE "2026年电子商务师四级/中级工职业技能等级认定（临沂，演示）"

static int64_t user_id(db *d, const char *username, err *e)
{
	int64_t id = 0;
	int rc = db_one_int(d, "SELECT id FROM users WHERE username = $1", DB_ARGS(DV_S(username)), &id, e);
	if (rc != DB_OK && rc != DB_NOT_FOUND)
		return -1;
	return id;
}

/* the filed scope of the institution gains the occupation and level when it lacks them (the other
 * occupations are kept) */
static int scope_with(db *d, const principal *sys, int64_t inst, const char *occ, int level, err *e)
{
	json_t *scopes = json_array();
	bool have = false;
	db_stmt *st = db_query(d,
			       "SELECT occupation_code, levels FROM institution_scopes WHERE institution_id "
			       "= $1 ORDER BY occupation_code",
			       DB_ARGS(DV_I(inst)), e);
	while (st && db_step(st) == DB_ROW) {
		int64_t levels = db_int(st, 1);
		bool exam = !strcmp(db_text(st, 0), occ);
		if (exam) {
			have = (levels & (1 << level)) != 0;
			levels |= 1 << level;
		}
		json_t *lv = json_array();
		for (int l = 5; l >= 1; l--)
			if (levels & (1 << l))
				json_array_append_new(lv, json_integer(l));
		json_array_append_new(
			scopes, json_pack("{s:s,s:o}", "occupation_code", db_text(st, 0), "levels", lv));
	}
	db_done(st);
	int rc = st ? 0 : -1;
	if (rc == 0 && !have) {
		bool listed = false;
		size_t i;
		json_t *s;
		json_array_foreach(scopes, i, s) listed |=
			!strcmp(json_string_value(json_object_get(s, "occupation_code")), occ);
		if (!listed)
			json_array_append_new(
				scopes, json_pack("{s:s,s:[i]}", "occupation_code", occ, "levels", level));
		rc = demo_set_scope(d, sys, inst, scopes, e);
	}
	json_decref(scopes);
	return rc;
}

/* the demo plan's 操作技能 panel: examiner1 and two more examiners of the institution (examiner2,
 * examiner3), so the examiner's home (操作技能评分) opens on the panel they sit on */
static int demo_panel(db *d, const principal *sys, const principal *org, int64_t plan, int64_t examiner1,
		      err *e)
{
	int64_t ex[3] = {examiner1, 0, 0};
	static const char *const names[] = {"examiner2", "examiner3"};
	for (int i = 0; i < 2; i++) {
		if ((ex[i + 1] = user_id(d, names[i], e)) < 0)
			return -1;
		struct user_input in = {.username = names[i],
					.password = DEMO_PASSWORD,
					.role = "examiner",
					.display_name = "考评员（济南演示职业技能评价中心）",
					.institution_id = org->institution_id};
		if (!ex[i + 1] && user_create(d, sys, &in, &ex[i + 1], e) != 0)
			return -1;
	}
	/* the panel's 考评员 qualifications (from the records; demo_workforce.c) */
	for (int i = 0; i < 3; i++) {
		char cert[64];
		snprintf(cert, sizeof cert, "鲁考评 2025-JN-%04d（演示）", i + 1);
		if (demo_qualify(d, sys, ex[i], "examiner", cert, e) != 0)
			return -1;
	}
	static const struct criterion_input crit[] = {
		{"安装与接线（★）", 40, 1}, {"调试与故障排除", 40, 0}, {"安全文明操作", 20, 0}};
	struct panel_setup_input in = {.criteria = crit,
				       .ncriteria = ARRAY_LEN(crit),
				       .examiners = ex,
				       .nexaminers = ARRAY_LEN(ex),
				       .spread_pct = 0.2};
	return practical_setup(d, org, PART_PRACTICAL, plan, &in, e);
}

/* 济南演示职业技能评价中心 runs a 电工四级 plan: candidate1 (who has worked as an electrician since 2017, so
 * 2023-4-a holds) registered and approved, admitted to a sitting that has begun, with two invigilators; the
 * candidate opens the paper (88 items from the seeded blueprint) from 我的考试. Made once. */
static int demo_exam(db *d, err *e)
{
	int64_t have = 0;
	if (db_one_int(d, "SELECT COUNT(*) FROM plans WHERE title = $1", DB_ARGS(DV_S(EXAM_TITLE)), &have,
		       e) != DB_OK)
		return -1;
	if (have)
		return 0;
	principal sys, org = {.role = ROLE_INSTITUTION_ADMIN};
	principal_system(&sys, "demo");
	int64_t admin = user_id(d, "jinan_org_admin", e), staff = user_id(d, "jinan_org_staff", e),
		examiner = user_id(d, "examiner1", e), cand = user_id(d, "candidate1", e), person = 0;
	if (admin < 0 || staff < 0 || examiner < 0 || cand < 0)
		return -1;
	if (!admin || !staff || !examiner || !cand)
		return 0; /* not the demo's accounts */
	if (db_one_int(d, "SELECT institution_id FROM users WHERE id = $1", DB_ARGS(DV_I(admin)),
		       &org.institution_id, e) != DB_OK ||
	    db_one_int(d, "SELECT person_id FROM users WHERE id = $1", DB_ARGS(DV_I(cand)), &person, e) !=
		    DB_OK)
		return -1;
	org.user_id = admin;
	snprintf(org.username, sizeof org.username, "jinan_org_admin");
	if (scope_with(d, &sys, org.institution_id, EXAM_OCC, EXAM_LEVEL, e) != 0)
		return -1;
	int64_t worked = 0;
	if (db_one_int(
		    d,
		    "SELECT COUNT(*) FROM person_work_history WHERE person_id = $1 AND occupation_code = $2",
		    DB_ARGS(DV_I(person), DV_S(EXAM_OCC)), &worked, e) != DB_OK)
		return -1;
	if (!worked && db_run(d,
			      "INSERT INTO person_work_history (person_id, employer_name, occupation_code, "
			      "start_date, end_date, created_at) "
			      "VALUES ($1, '济南演示电气安装有限公司', $2, '2017-09-01', NULL, $3)",
			      DB_ARGS(DV_I(person), DV_S(EXAM_OCC), DV_I(now_s())), e) < 0)
		return -1;
	/* the plan's timeline: registration ran from 15 days ago to yesterday (candidate1 registered and was
	 * approved on its first day), the exam date is today and the plan is 考试中, so today's sitting
	 * follows the plan's dates and state */
	int today = date_today_utc8(), day0 = date_from_days(date_to_days(today) - 15);
	char start[11], end[11], exam[11];
	date_format(day0, start);
	date_format(date_from_days(date_to_days(today) - 1), end);
	date_format(today, exam);
	struct plan_input pin = {.occupation_code = EXAM_OCC,
				 .title = EXAM_TITLE,
				 .reg_start = start,
				 .reg_end = end,
				 .exam_date = exam,
				 .level = EXAM_LEVEL,
				 .capacity = 30,
				 .publicity_days = 5,
				 .subjects = PLAN_THEORY | PLAN_PRACTICAL};
	date_set_today(day0);
	int64_t plan = plan_create(d, &org, &pin, e);
	if (plan < 0 || plan_transition(d, &org, plan, "filed", NULL, NULL, e) != 0 ||
	    plan_transition(d, &sys, plan, "open", NULL, NULL, e) != 0) {
		date_set_today(0);
		return -1;
	}
	struct registration_input rin = {
		.plan_id = plan, .person_id = person, .option = "2023-4-a", .declared = true};
	int64_t reg = registration_create(d, &org, &rin, e);
	int rc = reg < 0 || registration_review(d, &org, reg, true, false, NULL, e) != 0 ? -1 : 0;
	date_set_today(0);
	if (rc != 0 || plan_transition(d, &org, plan, "examining", NULL, NULL, e) != 0 ||
	    demo_panel(d, &sys, &org, plan, examiner, e) != 0)
		return -1;
	const int64_t inv[] = {staff, examiner};
	struct sitting_input sin = {.room = "第一考场（演示）",
				    .starts_at = now_s(),
				    .minutes = 90,
				    .has_invigilators = true,
				    .invigilators = inv,
				    .ninvigilators = ARRAY_LEN(inv)};
	int64_t sitting = sitting_create(d, &org, plan, &sin, e);
	if (sitting < 0 || sitting_admit(d, &org, sitting, reg, e) < 0)
		return -1;
	return demo_inspection(d, sitting, e);
}

/* 临沂演示职业技能评价中心 (linyi_org_admin) runs an open 电子商务师四级 plan — the occupation and level of
 * the 临沂 school's class that linyi_worker attends — with its 操作技能 criteria and a panel of three
 * examiners (linyi_examiner1..3); the worker has worked in 电子商务 since 2018, so 2023-4-a (5 years in the
 * occupation) holds. On completing the class the worker registers for it (培训结业转报名); the institution
 * reviews, seats the theory exam (the seeded 电子商务师四级 bank and blueprint), the panel scores, the
 * results pass their 公示 and the certificate is issued: docs/DEMO.md. Made once. */
static int demo_linyi_plan(db *d, err *e)
{
	int64_t have = 0;
	if (db_one_int(d, "SELECT COUNT(*) FROM plans WHERE title = $1", DB_ARGS(DV_S(LINYI_TITLE)), &have,
		       e) != DB_OK)
		return -1;
	if (have)
		return 0;
	principal sys, org = {.role = ROLE_INSTITUTION_ADMIN};
	principal_system(&sys, "demo");
	int64_t admin = user_id(d, "linyi_org_admin", e), worker = user_id(d, "linyi_worker", e), ex[3],
		person = 0;
	for (int i = 0; i < 3; i++) {
		char name[32];
		snprintf(name, sizeof name, "linyi_examiner%d", i + 1);
		if ((ex[i] = user_id(d, name, e)) < 0)
			return -1;
		if (!ex[i])
			return 0; /* not the demo's accounts */
	}
	if (admin < 0 || worker < 0)
		return -1;
	if (!admin || !worker)
		return 0;
	if (db_one_int(d, "SELECT institution_id FROM users WHERE id = $1", DB_ARGS(DV_I(admin)),
		       &org.institution_id, e) != DB_OK ||
	    db_one_int(d, "SELECT COALESCE(person_id, 0) FROM users WHERE id = $1", DB_ARGS(DV_I(worker)),
		       &person, e) != DB_OK)
		return -1;
	org.user_id = admin;
	snprintf(org.username, sizeof org.username, "linyi_org_admin");
	if (scope_with(d, &sys, org.institution_id, LINYI_OCC, LINYI_LEVEL, e) != 0)
		return -1;
	int64_t worked = 0;
	if (person && db_one_int(d,
				 "SELECT COUNT(*) FROM person_work_history WHERE person_id = $1 AND "
				 "occupation_code = $2",
				 DB_ARGS(DV_I(person), DV_S(LINYI_OCC)), &worked, e) != DB_OK)
		return -1;
	if (person && !worked &&
	    db_run(d,
		   "INSERT INTO person_work_history (person_id, employer_name, occupation_code, start_date, "
		   "end_date, created_at) VALUES ($1, '临沂演示电子商务有限公司', $2, '2018-03-01', NULL, "
		   "$3)",
		   DB_ARGS(DV_I(person), DV_S(LINYI_OCC), DV_I(now_s())), e) < 0)
		return -1;
	int today = date_today_utc8();
	char start[11], end[11], exam[11];
	date_format(today, start);
	date_format(date_from_days(date_to_days(today) + 30), end);
	date_format(date_from_days(date_to_days(today) + 31), exam);
	struct plan_input pin = {.occupation_code = LINYI_OCC,
				 .title = LINYI_TITLE,
				 .reg_start = start,
				 .reg_end = end,
				 .exam_date = exam,
				 .level = LINYI_LEVEL,
				 .capacity = 40,
				 .publicity_days = 5,
				 .subjects = PLAN_THEORY | PLAN_PRACTICAL};
	int64_t plan = plan_create(d, &org, &pin, e);
	if (plan < 0 || plan_transition(d, &org, plan, "filed", NULL, NULL, e) != 0 ||
	    plan_transition(d, &sys, plan, "open", NULL, NULL, e) != 0)
		return -1;
	for (size_t i = 0; i < ARRAY_LEN(ex); i++) {
		char cert[64];
		snprintf(cert, sizeof cert, "鲁考评 2025-LY-%04zu（演示）", i + 1);
		if (demo_qualify(d, &sys, ex[i], "examiner", cert, e) != 0)
			return -1;
	}
	static const struct criterion_input crit[] = {
		{.name = "网店装修与商品发布", .points = 40, .star = 1},
		{.name = "网络推广方案策划", .points = 30, .star = 0},
		{.name = "客户服务与订单处理", .points = 30, .star = 0},
	};
	struct panel_setup_input ps = {.criteria = crit,
				       .ncriteria = ARRAY_LEN(crit),
				       .examiners = ex,
				       .nexaminers = ARRAY_LEN(ex),
				       .spread_pct = 0.2};
	return practical_setup(d, &org, PART_PRACTICAL, plan, &ps, e);
}

int demo_items(db *d, int64_t *added, err *e)
{
	principal sys;
	principal_system(&sys, "demo");
	*added = 0;
	for (size_t i = 0; i < ARRAY_LEN(banks); i++) {
		int64_t n = 0;
		if (items_bank_seed(d, &sys, banks[i], &n, e) != 0)
			return -1;
		*added += n;
	}
	/* 整改 and the supervisors with the dispatched day need the demo plan's sitting; 整改 first, so its
	 * inspection's supervisor is the one it names (the day's pool is then its own) */
	if (demo_exam(d, e) != 0 || demo_rectify(d, e) != 0 || demo_linyi_plan(d, e) != 0)
		return -1;
	/* 评价队伍与考点: the exam site with the demo sitting booked (demo_workforce.c) */
	return demo_supervision(d, e) != 0 ? -1 : demo_workforce(d, e);
}
