/* demo_chains.c: 岗位需求 → 培训班 / 订单班 and a 产教评 技能生态链 in the demo province (docs/DOMAIN.md
 * §63). Three postings of 济南 (the public employment service's, as the statistics domain imports them): a
 * 济南 training school (its administrator `jinan_train_admin`) opened a class of 40 that answers the first
 * two (30 of 40 and 10 of 25 places); 济南演示技师学院 (jinan_college_admin) opened an 订单班 with
 * 济南演示装备制造有限公司 that answers the third (20 of 30) when its filed major names an occupation, and
 * 济南's bureau opened a second one for the school answering the enterprise's own posting (20 of 20); 济南
 * created 济南高端装备产教评技能生态链 led by the enterprise (链主企业), with the 技师学院, the training
 * school and 济南演示职业技能评价中心 (evaluator) as members. The figures are demo values, not the seeds'.
 * Made once (demo_seed), after demo_cultivation and demo_apprentice. */
#include "util/common.h"
#include "demo/demo.h"
#include "core/date.h"
#include "core/subsidy.h"
#include "svc/auth/users.h"
#include "svc/cultivation/chains.h"
#include "svc/cultivation/demand.h"

static int post(db *d, const char *ref, const char *region, const char *occ, const char *employer,
		const char *title, int64_t vacancies, const char *posted, int64_t *id, err *e)
{
	if (db_run(d,
		   "INSERT INTO job_postings (source, source_ref, region_code, occupation_code, employer, "
		   "title, "
		   "vacancies, posted_on, imported_at) VALUES ('demo',$1,$2,$3,$4,$5,$6,$7,$8) ON CONFLICT "
		   "(source, source_ref) DO NOTHING",
		   DB_ARGS(DV_S(ref), DV_S(region), DV_S(occ), DV_S(employer), DV_S(title), DV_I(vacancies),
			   DV_S(posted), DV_I(now_s())),
		   e) < 0)
		return -1;
	return db_one_int(d, "SELECT id FROM job_postings WHERE source = 'demo' AND source_ref = $1",
			  DB_ARGS(DV_S(ref)), id, e) == DB_OK
		       ? 0
		       : -1;
}

static int ok(json_t *o)
{
	json_decref(o);
	return o ? 0 : -1;
}

int demo_chains(db *d, const principal *sys, int64_t ent, int64_t school, int64_t org, err *e)
{
	/* a training school of 济南 with a course (demo_training) */
	int64_t train = 0, course = 0;
	char occ[32] = "";
	db_stmt *st = db_query(
		d,
		"SELECT c.institution_id, c.id, c.occupation_code FROM training_courses c JOIN "
		"institutions i ON i.id = c.institution_id WHERE i.region_code LIKE '3701%' AND i.type = "
		"'training' AND i.status = 'filed' ORDER BY c.id LIMIT 1",
		DB_NOARGS, e);
	int row = st ? db_row(st, e) : -1;
	if (row == 1) {
		train = db_int(st, 0);
		course = db_int(st, 1);
		snprintf(occ, sizeof occ, "%s", db_text(st, 2));
	}
	db_done(st);
	if (row <= 0)
		return row < 0 ? -1 : 0;
	struct user_input ui = {.username = "jinan_train_admin",
				.password = DEMO_PASSWORD,
				.role = "institution_admin",
				.display_name = "济南演示职业培训学校管理员",
				.institution_id = train};
	int64_t uid = 0;
	if (user_create(d, sys, &ui, &uid, e) != 0)
		return -1;
	principal city, tr, col;
	if (demo_login(d, "jinan_admin", &city, e) || demo_login(d, "jinan_train_admin", &tr, e) ||
	    demo_login(d, "jinan_college_admin", &col, e))
		return err_isset(e) ? -1
				    : err_set(e, 500, "internal", NULL, "演示账号缺失",
					      "a demo account is missing");
	char posted[11], starts[11], ends[11];
	int today = date_today_utc8();
	date_format(subsidy_add_months(today, -1), posted);
	date_format(today, starts);
	date_format(subsidy_add_months(today, 2), ends);
	int64_t p1 = 0, p2 = 0, p3 = 0;
	if (post(d, "demo-chain-1", "370102", occ, "济南演示物流有限公司", "仓储作业员（以需定培）", 40,
		 posted, &p1, e) ||
	    post(d, "demo-chain-2", "370112", occ, "济南演示装备制造有限公司", "物料配送员", 25, posted, &p2,
		 e))
		return -1;
	/* the training school opens a class of 40 answering both */
	struct demand_answer_input in = {.kind = "class", .course_id = course, .n = 2};
	in.new_class = (struct training_class_input){
		.teacher_user_id = uid, .starts_on = starts, .ends_on = ends, .capacity = 40};
	in.pledges[0] = (struct demand_pledge){p1, 30};
	in.pledges[1] = (struct demand_pledge){p2, 10};
	if (ok(demand_answer(d, &tr, &in, e)))
		return -1;
	/* the 技师学院's 订单班 with the enterprise for a posting of its filed major's occupation */
	int64_t major = 0;
	char mocc[32] = "";
	st = db_query(
		d,
		"SELECT id, occupation_code FROM cult_majors WHERE school_id = $1 AND filed_version > 0 AND "
		"occupation_code IS NOT NULL ORDER BY id LIMIT 1",
		DB_ARGS(DV_I(school)), e);
	row = st ? db_row(st, e) : -1;
	if (row == 1) {
		major = db_int(st, 0);
		snprintf(mocc, sizeof mocc, "%s", db_text(st, 1));
	}
	db_done(st);
	if (row < 0)
		return -1;
	if (major) {
		if (post(d, "demo-chain-3", "370102", mocc, "济南演示装备制造有限公司",
			 "数控车工（订单培养）", 30, posted, &p3, e))
			return -1;
		int year = today / 10000;
		struct demand_answer_input oc = {.kind = "order_class", .n = 1};
		oc.new_order = (struct order_class_input){.enterprise_id = ent,
							  .major_id = major,
							  .kind = "order",
							  .name = "智能制造订单班",
							  .cohort_year = year,
							  .graduation_year = year + 3,
							  .planned = 30};
		oc.pledges[0] = (struct demand_pledge){p3, 20};
		if (ok(demand_answer(d, &col, &oc, e)))
			return -1;
		/* 济南's bureau opens a second 订单班 for the school answering the enterprise's own posting
		 * (the enterprise must be the posting's employer, by its registered name) */
		char ename[200] = "";
		st = db_query(d, "SELECT name FROM institutions WHERE id = $1", DB_ARGS(DV_I(ent)), e);
		row = st ? db_row(st, e) : -1;
		if (row == 1)
			snprintf(ename, sizeof ename, "%s", db_text(st, 0));
		db_done(st);
		if (row != 1)
			return -1;
		int64_t p4 = 0;
		if (post(d, "demo-chain-4", "370102", mocc, ename, "数控机床装调工（人社部门开设订单班）", 20,
			 posted, &p4, e))
			return -1;
		struct demand_answer_input bo = {.kind = "order_class", .n = 1};
		bo.new_order = (struct order_class_input){.school_id = school,
							  .enterprise_id = ent,
							  .major_id = major,
							  .kind = "order",
							  .name = "装备制造订单班（人社部门开设）",
							  .cohort_year = year,
							  .graduation_year = year + 3,
							  .planned = 20};
		bo.pledges[0] = (struct demand_pledge){p4, 20};
		if (ok(demand_answer(d, &city, &bo, e)))
			return -1;
	}
	/* 济南's chain led by the enterprise */
	struct chain_input ci = {
		.name = "济南高端装备产教评技能生态链",
		.industry = "高端装备制造",
		.lead_id = ent,
		.note = "以链主企业为主导，集技能培训、技能评价、激励保障和就业服务于一体（演示）"};
	json_t *c = chain_create(d, &city, &ci, e);
	int64_t chain = c ? json_integer_value(json_object_get(c, "id")) : 0;
	json_decref(c);
	if (!chain)
		return -1;
	if (ok(chain_add_member(d, &city, chain, school, "school", e)) ||
	    ok(chain_add_member(d, &city, chain, train, "training", e)) ||
	    ok(chain_add_member(d, &city, chain, org, "evaluator", e)))
		return -1;
	return 0;
}
