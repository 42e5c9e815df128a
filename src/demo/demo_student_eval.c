/* demo_student_eval.c: 院校学生评价 in the demo province (docs/DOMAIN.md §61). 济南演示技师学院
 * (jinan_college_admin) files a 中级工班 major in an occupation of its filed scope at 四级, which the
 * province matches to the occupation up to 高级工; it registers six students of the class 数控1班 (graduating
 * about ten days ago); on a plan of its own with a 过程化评价 rule (安全文明生产 20 %, 零件加工 30 %,
 * 综合项目 50 %; 60 in total, 50 in each module), which 济南 approves with the plan, it registers the class,
 * assesses the three modules about 55, 40 and 20 days ago, compiles the outcomes (four pass; one fails a
 * module under 50, one missed the last module), publishes them, and once the 公示 is over is certified and
 * issues the four certificates; the diplomas are recorded: four students hold 双证 on their talent record.
 * Dates are set in the past with date_set_today (the clock restored after). The figures are demo values, not
 * the seeds'. Made once (demo_seed). */
#include "util/common.h"
#include "util/log.h"
#include "demo/demo.h"
#include "core/date.h"
#include "svc/cert/certs.h"
#include "svc/cultivation/proc_eval.h"
#include "svc/cultivation/schools.h"
#include "svc/cultivation/students.h"
#include "svc/evaluation/plans.h"
#include "svc/evaluation/registrations.h"

#define NSTUD 6

static int ok(json_t *o)
{
	json_decref(o);
	return o ? 0 : -1;
}

static void day(int today, long shift, char out[11])
{
	date_format(date_from_days(date_to_days(today) + shift), out);
}

static int at(int today, long shift)
{
	date_set_today(date_from_days(date_to_days(today) + shift));
	return 0;
}

static int run(db *d, int64_t school, int64_t org, int today, err *e)
{
	principal col, city, prov;
	if (demo_login(d, "jinan_college_admin", &col, e) || demo_login(d, "jinan_admin", &city, e) ||
	    demo_login(d, "admin", &prov, e))
		return err_isset(e) ? -1
				    : err_set(e, 500, "internal", NULL, "演示账号缺失",
					      "a demo account is missing");
	char occ[32] = "", occ_name[100] = "";
	if (demo_scope_occupation(d, school, 4, false, occ, e))
		return -1;
	if (!occ[0])
		return 0; /* the school files no 四级 scope: nothing to show */
	db_stmt *st = db_query(d, "SELECT name FROM occupations WHERE code = $1", DB_ARGS(DV_S(occ)), e);
	if (st && db_row(st, e) == 1)
		snprintf(occ_name, sizeof occ_name, "%s", db_text(st, 0));
	db_done(st);
	char d60[11], d50[11], d20[11], d10[11];
	day(today, -60, d60);
	day(today, -50, d50);
	day(today, -20, d20);
	day(today, -10, d10);
	/* 60 days ago: the major filed and matched, the class registered, the plan with its rule approved */
	at(today, -60);
	char code[16];
	snprintf(code, sizeof code, "0103-4");
	struct major_input mi = {.code = code,
				 .name = occ_name[0] ? occ_name : "数控加工",
				 .occupation_code = occ,
				 .level = "intermediate",
				 .years = 3};
	json_t *m = major_create(d, &col, &mi, e);
	int64_t major = m ? json_integer_value(json_object_get(m, "id")) : 0;
	json_decref(m);
	if (!major || ok(major_move(d, &col, major, "submitted", NULL, NULL, e)) ||
	    ok(major_move(d, &city, major, "filed", NULL, NULL, e)))
		return -1;
	struct major_occ_input mo = {.major_code = code,
				     .occupation_code = occ,
				     .major_name = mi.name,
				     .max_level = 3,
				     .source = "演示数据：专业匹配度（种子 004 潍坊）"};
	if (ok(major_occ_put(d, &prov, &mo, e)))
		return -1;
	int64_t persons[NSTUD];
	for (int i = 0; i < NSTUD; i++) {
		persons[i] = demo_nth_person(d, org, 60 + i, e);
		if (persons[i] <= 0)
			return err_isset(e) ? -1
					    : err_set(e, 500, "internal", NULL, "演示人员不足",
						      "too few demo persons");
		/* the school's students are in its registry */
		if (db_run(d,
			   "INSERT INTO institution_persons (institution_id, person_id) VALUES ($1, $2) ON "
			   "CONFLICT "
			   "DO NOTHING",
			   DB_ARGS(DV_I(school), DV_I(persons[i])), e) < 0)
			return -1;
	}
	int year = today / 10000;
	char cls[40];
	snprintf(cls, sizeof cls, "%d级数控1班", year - 3);
	struct student_batch_input si = {.major_id = major,
					 .class_name = cls,
					 .graduates_on = d10,
					 .enrolled_year = year - 3,
					 .persons = persons,
					 .n = NSTUD};
	json_t *reg = students_register(d, &col, &si, e);
	if (!reg)
		return -1;
	int64_t sid[NSTUD];
	for (int i = 0; i < NSTUD; i++)
		sid[i] = json_integer_value(json_array_get(json_object_get(reg, "ids"), (size_t)i));
	json_decref(reg);
	struct plan_input pi = {.occupation_code = occ,
				.title = "技工院校学生过程化评价（四级）",
				.reg_start = d60,
				.reg_end = d50,
				.exam_date = d20,
				.level = 4,
				.capacity = 40,
				.publicity_days = 5,
				.subjects = PLAN_THEORY | PLAN_PRACTICAL};
	int64_t plan = plan_create(d, &col, &pi, e);
	if (plan <= 0)
		return -1;
	const struct proc_module_input mods[] = {
		{"M1", "安全文明生产", 20}, {"M2", "零件加工", 30}, {"M3", "综合项目", 50}};
	struct proc_rule_input ri = {
		.plan_id = plan,
		.name = "数控加工四级过程化评价",
		.source = "种子 004：潍坊 2017 年率先开展技工院校学生过程化评价试点（演示方案）",
		.modules = mods,
		.nmodules = ARRAY_LEN(mods),
		.pass_total = 60,
		.min_module = 50};
	json_t *r = proc_rule_create(d, &col, &ri, e);
	int64_t rule = r ? json_integer_value(json_object_get(r, "id")) : 0;
	json_decref(r);
	if (!rule || plan_transition(d, &col, plan, "filed", NULL, NULL, e) ||
	    plan_transition(d, &city, plan, "open", NULL, NULL, e))
		return -1;
	json_t *regs = proc_register_class(d, &col, rule, cls, "2023-4-c", e);
	if (!regs)
		return -1;
	size_t i;
	json_t *it;
	json_array_foreach(json_object_get(regs, "items"), i, it)
	{
		int64_t g = json_integer_value(json_object_get(it, "registration_id"));
		if (g > 0 && registration_review(d, &col, g, true, false, NULL, e)) {
			json_decref(regs);
			return -1;
		}
	}
	json_decref(regs);
	/* the modules as they happen: 55, 40 and 20 days ago (the sixth student misses the last) */
	static const double sc[3][NSTUD] = {
		{90, 85, 100, 70, 80, 75}, {80, 75, 90, 65, 60, 70}, {70, 80, 85, 62, 45, -1}};
	static const long when[3] = {-55, -40, -20};
	for (int k = 0; k < 3; k++) {
		at(today, when[k]);
		char on[11];
		day(today, when[k], on);
		struct proc_score_input s[NSTUD];
		size_t n = 0;
		for (int j = 0; j < NSTUD; j++)
			if (sc[k][j] >= 0)
				s[n++] = (struct proc_score_input){sid[j], sc[k][j]};
		if (ok(proc_scores_record(d, &col, rule, mods[k].code, on, s, n, e)))
			return -1;
	}
	/* 20 days ago: scoring, the outcomes compiled into the plan's results, 公示 */
	if (plan_transition(d, &col, plan, "examining", NULL, NULL, e) ||
	    plan_transition(d, &col, plan, "scoring", NULL, NULL, e) || ok(proc_compile(d, &col, rule, e)) ||
	    plan_transition(d, &col, plan, "publicity", NULL, NULL, e))
		return -1;
	/* 10 days ago: the 公示 over, certified, the certificates of the passed results, the diplomas */
	at(today, -10);
	if (plan_transition(d, &col, plan, "certified", NULL, NULL, e))
		return -1;
	int64_t pass[NSTUD];
	size_t np = 0;
	st = db_query(d, "SELECT id FROM results WHERE plan_id = $1 AND passed = 1 ORDER BY id",
		      DB_ARGS(DV_I(plan)), e);
	while (st && db_step(st) == DB_ROW && np < NSTUD)
		pass[np++] = db_int(st, 0);
	if (!st || db_finish(st, e) != 0)
		return -1;
	if (np && ok(cert_issue(d, &col, pass, np, e)))
		return -1;
	for (int j = 0; j < NSTUD; j++) {
		char no[32];
		snprintf(no, sizeof no, "%d3701%06d", year, 100 + j);
		if (ok(student_diploma(d, &col, sid[j], no, d10, e)))
			return -1;
	}
	return 0;
}

int demo_student_eval(db *d, int64_t school, int64_t org, err *e)
{
	/* a small demo (the fuzz harnesses' 300 persons) has too few persons of the city for the class: the
	 * story is left out, as the fraud demo leaves out its 疑点线索 */
	int64_t last = demo_nth_person(d, org, 60 + NSTUD - 1, e);
	if (last <= 0) {
		if (err_isset(e))
			return -1;
		log_warn("demo: fewer than %d persons of the school's city: no 过程化评价 class in this demo",
			 60 + NSTUD);
		return 0;
	}
	int today = date_today_utc8();
	int rc = run(d, school, org, today, e);
	date_set_today(0);
	return rc;
}
