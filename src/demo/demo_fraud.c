/* demo_fraud.c: 疑点线索 in the demo province (docs/DOMAIN.md §37), so that 临沂's review queue (linyi_admin,
 * /admin/training/fraud-signals) shows them: a person of 临沂 who claims 技能提升补贴 in 临沂 and, three days
 * later, another in 济南 (两地申领: a signal for each city); two classes of the 临沂 school and one of the
 * 临沂 technical college that ended ten days ago, where one phone checked in three trainees of the three
 * classes (一机多签), and where the school's 21 of 21 trainees completed against the college's 6 of 20
 * (结业率异常). Classes, sessions, enrolments and claims go through the use cases; the check-ins of a session
 * ten days ago cannot (a check-in is accepted only while its session runs), so they are written as the
 * history they are, with their device bindings. Then the province's detection run over the last 60 days makes
 * the signals. */
#include "util/common.h"
#include "util/log.h"
#include "demo/demo.h"
#include "core/date.h"
#include "core/fraud.h"
#include "core/subsidy.h"
#include "svc/auth/users.h"
#include "svc/training/claims.h"
#include "svc/training/classes.h"
#include "svc/training/fraud.h"
#include "svc/stats/counters.h"

#define SCHOOL_N     20 /* the school's big class */
#define COLLEGE_N    20
#define COLLEGE_DONE 6

static int first_course(db *d, int64_t inst, int64_t *course, err *e)
{
	int rc = db_one_int(d, "SELECT MIN(id) FROM training_courses WHERE institution_id = $1",
			    DB_ARGS(DV_I(inst)), course, e);
	if (rc != DB_OK || !*course)
		return err_isset(e) ? -1
				    : err_set(e, 500, "internal", NULL, "演示机构没有课程",
					      "a demo institution has no course");
	return 0;
}

/* a class of `course` that ended ten days ago, one 8-hour session twelve days ago, `n` persons enrolled */
static int64_t past_class(db *d, const principal *t, int64_t course, const int64_t *persons, int n,
			  int64_t *session, err *e)
{
	long today = date_to_days(date_today_utc8());
	char s[11], en[11], held[11];
	date_format(date_from_days(today - 40), s);
	date_format(date_from_days(today - 10), en);
	date_format(date_from_days(today - 12), held);
	struct training_class_input ci = {.teacher_user_id = t->user_id,
					  .starts_on = s,
					  .ends_on = en,
					  .capacity = 30,
					  .completion_hours = 8};
	int64_t cls = training_class_create(d, t, course, &ci, e);
	if (cls < 0)
		return -1;
	struct training_session_input si = {
		.held_on = held, .starts_at = "09:00", .ends_at = "17:00", .hours = 8};
	*session = training_session_create(d, t, cls, &si, e);
	if (*session < 0)
		return -1;
	for (int i = 0; i < n; i++)
		if (training_enrol(d, t, cls, persons[i], e) != 0)
			return -1;
	return cls;
}

/* a check-in of the past session: at the site, from `device`, bound to the trainee in the class; the
 * enrolment's statistics counters (completed) follow it in the same transaction */
static int past_checkin_tx(db *d, int64_t cls, int64_t session, int64_t person, const char *device, err *e)
{
	int64_t at = china_time_s(date_from_days(date_to_days(date_today_utc8()) - 12), 9 * 60 + 3);
	if (stat_count_db(d, STE_ENROLMENT, DV_I(cls), DV_I(person), -1, e) != 0)
		return -1;
	if (db_run(d,
		   "INSERT INTO training_attendance (session_id, person_id, code_window, checked_at, "
		   "device_id, "
		   "latitude, longitude, distance_m) SELECT $1, $2, $3, $4, $5, si.latitude, si.longitude, 0 "
		   "FROM "
		   "training_sessions s JOIN training_classes c ON c.id = s.class_id JOIN training_courses t "
		   "ON t.id = "
		   "c.course_id JOIN training_sites si ON si.id = t.site_id WHERE s.id = $1",
		   DB_ARGS(DV_I(session), DV_I(person), DV_I(at / CHECKIN_WINDOW_S), DV_I(at), DV_S(device)),
		   e) < 0 ||
	    stat_count_db(d, STE_ENROLMENT, DV_I(cls), DV_I(person), +1, e) != 0)
		return -1;
	return db_run(d,
		      "INSERT INTO training_device_bindings (class_id, device_id, person_id, bound_at) "
		      "VALUES "
		      "($1,$2,$3,$4)",
		      DB_ARGS(DV_I(cls), DV_S(device), DV_I(person), DV_I(at)), e) < 0
		       ? -1
		       : 0;
}

static int past_checkin(db *d, int64_t cls, int64_t session, int64_t person, const char *device, err *e)
{
	if (db_begin(d, e) != 0)
		return -1;
	if (past_checkin_tx(d, cls, session, person, device, e) != 0) {
		db_rollback(d);
		return -1;
	}
	return db_commit(d, e);
}

int demo_fraud(db *d, const principal *sys, const int64_t *insts, err *e)
{
	const int64_t school = insts[11 * 5 + 4], college = insts[11 * 5 + 2];
	int64_t persons[SCHOOL_N + COLLEGE_N + 2];
	int n = 0;
	/* persons of 临沂 without an account or a claim */
	db_stmt *st = db_query(
		d,
		"SELECT p.id FROM persons p WHERE p.region_code LIKE '3713%' AND NOT EXISTS (SELECT 1 "
		"FROM users u WHERE u.person_id = p.id) AND NOT EXISTS (SELECT 1 FROM subsidy_claims c "
		"WHERE c.person_id = p.id) ORDER BY p.id LIMIT $1",
		DB_ARGS(DV_I((int64_t)ARRAY_LEN(persons))), e);
	while (st && db_step(st) == DB_ROW)
		persons[n++] = db_int(st, 0);
	if (!st || db_finish(st, e) != 0)
		return -1;
	if (n < (int)ARRAY_LEN(persons)) {
		/* a small demo (the fuzz harnesses build one of 300 persons): too few people of 临沂 for the
		 * classes whose completion rate is tested, so no 疑点线索 story */
		log_warn("demo: %d persons of 临沂 without an account or a claim, %d needed: no 疑点线索 in "
			 "this demo",
			 n, (int)ARRAY_LEN(persons));
		return 0;
	}

	/* the teachers: linyi_school_admin, and an administrator of the college made here */
	principal ts = {.role = ROLE_INSTITUTION_ADMIN, .institution_id = school},
		  tc = {.role = ROLE_INSTITUTION_ADMIN, .institution_id = college};
	snprintf(ts.username, sizeof ts.username, "linyi_school_admin");
	snprintf(tc.username, sizeof tc.username, "linyi_college_admin");
	if (db_one_int(d, "SELECT id FROM users WHERE username = 'linyi_school_admin'", DB_NOARGS,
		       &ts.user_id, e) != DB_OK)
		return err_isset(e) ? -1
				    : err_set(e, 500, "internal", NULL, "演示账号缺失",
					      "a demo account is missing");
	struct user_input ui = {.username = "linyi_college_admin",
				.password = DEMO_PASSWORD,
				.role = "institution_admin",
				.display_name = "临沂演示技师学院管理员（授课教师）",
				.institution_id = college};
	if (user_create(d, sys, &ui, &tc.user_id, e) != 0)
		return -1;
	int64_t sc_course = 0, co_course = 0, s1 = 0, s2 = 0, s3 = 0;
	if (first_course(d, school, &sc_course, e) != 0 || first_course(d, college, &co_course, e) != 0)
		return -1;
	const int64_t *xs = persons, *ys = persons + SCHOOL_N, z = persons[SCHOOL_N + COLLEGE_N],
		      w = persons[SCHOOL_N + COLLEGE_N + 1];
	int64_t c1 = past_class(d, &ts, sc_course, xs, SCHOOL_N, &s1, e);
	int64_t c2 = c1 < 0 ? -1 : past_class(d, &tc, co_course, ys, COLLEGE_N, &s2, e);
	int64_t c3 = c2 < 0 ? -1 : past_class(d, &ts, sc_course, &z, 1, &s3, e);
	if (c3 < 0)
		return -1;
	/* one phone: xs[0] in the school's class, ys[0] in the college's, z in the school's small class */
	const char *shared = "demo-linyi-phone-7f3a9c";
	char dev[48];
	for (int i = 0; i < SCHOOL_N; i++) {
		snprintf(dev, sizeof dev, "demo-phone-%lld", (long long)xs[i]);
		if (past_checkin(d, c1, s1, xs[i], i ? dev : shared, e) != 0)
			return -1;
	}
	for (int i = 0; i < COLLEGE_DONE; i++) {
		snprintf(dev, sizeof dev, "demo-phone-%lld", (long long)ys[i]);
		if (past_checkin(d, c2, s2, ys[i], i ? dev : shared, e) != 0)
			return -1;
	}
	if (past_checkin(d, c3, s3, z, shared, e) != 0)
		return -1;

	/* 两地申领: w claims in 临沂, three days later in 济南 */
	int today = date_today_utc8();
	struct fact_work insured = {.start = 20180101, .end = 0};
	static const struct {
		const char *city, *occ;
		int days_ago;
	} two[] = {{"371300", "4-01-06-01", 20}, {"370100", "6-31-01-03", 17}};
	for (size_t i = 0; i < ARRAY_LEN(two); i++) {
		struct claim_input in = {.person_id = w, .region = two[i].city};
		in.facts = (struct subsidy_facts){
			.kind = SUB_SKILL_UP,
			.apply_date = date_from_days(date_to_days(today) - two[i].days_ago),
			.occupation = two[i].occ,
			.level = 4,
			.cert_date = date_from_days(date_to_days(today) - 90),
			.city = two[i].city,
			.insured = &insured,
			.ninsured = 1,
		};
		int64_t id = 0;
		bool ok = false;
		if (claim_file(d, sys, &in, &id, &ok, e) != 0)
			return -1;
	}

	/* the province's detection run over the last 60 days */
	char from[11], to[11];
	date_format(date_from_days(date_to_days(today) - 60), from);
	date_format(today, to);
	json_t *r = fraud_detect(d, sys, from, to, NULL, e);
	json_decref(r);
	return r ? 0 : -1;
}
