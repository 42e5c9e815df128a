/* demo_rectify.c: 整改 in the demo province (docs/DOMAIN.md "整改"), through the same use cases as the API.
 * A Qingdao supervisor (sup_rectify_qd, 交叉互派 to 济南) inspects a sitting of the previous 电工四级 plan of
 * 济南演示职业技能评价中心 (its own plan, whose registration ran in the three weeks before its exam date six
 * weeks ago; the sitting is on that date, so it follows the plan's timeline, not the current plan's, whose
 * registration began 15 days ago) and finds three 不符合; signing opens three rectifications
 * with their deadlines on the holiday calendar: the first answered with a photo and closed by 济南 in time,
 * the second left unanswered (overdue, red in 济南's queue), the third answered late (overdue, waiting for
 * 济南's review). A correction signed two days ago adds a fourth finding, open and in time. The days are set
 * in the past with date_set_today, so the deadlines fall on the real calendar. Made once (when the
 * institution has no rectification yet); runs before demo_supervision's supervisors, so they are not in
 * this day's pool. */
#include "util/common.h"
#include "demo/demo.h"
#include "core/date.h"
#include "svc/auth/auth.h"
#include "svc/auth/users.h"
#include "svc/evaluation/plans.h"
#include "svc/exam/exam.h"
#include "svc/supervision/dispatch.h"
#include "svc/supervision/inspections.h"
#include "svc/supervision/rectify.h"
#include "svc/supervision/supervisors.h"

#define RECTIFY_SUP "sup_rectify_qd"

/* the weekday `n` calendar days before `today`, or the weekday before it */
static int before(int today, int n)
{
	int d = date_from_days(date_to_days(today) - n);
	while (date_weekday(d) >= 5)
		d = date_from_days(date_to_days(d) - 1);
	return d;
}

static int64_t uid(db *d, const char *username, err *e)
{
	int64_t id = 0;
	if (db_one_int(d, "SELECT id FROM users WHERE username = $1", DB_ARGS(DV_S(username)), &id, e) !=
	    DB_OK)
		return err_isset(e) ? -1 : 0;
	return id;
}

/* a 1×1 PNG: the photo of the rectified seating */
static const uint8_t photo[] = {0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d,
				0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01,
				0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4, 0x89, 0x00, 0x00, 0x00,
				0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0xf8, 0xcf, 0xc0, 0xf0,
				0x1f, 0x00, 0x05, 0x00, 0x01, 0xff, 0x89, 0x99, 0x3d, 0x1d, 0x00, 0x00,
				0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82};

/* marks every item of the inspection: the codes in `bad` 不符合 with their notes, the rest 符合 */
static int mark_all(db *d, const principal *sup, int64_t ins, int64_t version, const char *const *bad,
		    const char *const *notes, size_t nbad, err *e)
{
	json_t *cl = checklist_json(d, version, e);
	if (!cl)
		return -1;
	json_t *items = json_object_get(cl, "items");
	size_t n = json_array_size(items);
	struct mark_input *m = xcalloc(n ? n : 1, sizeof *m);
	for (size_t i = 0; i < n; i++) {
		json_t *it = json_array_get(items, i);
		const char *code = json_string_value(json_object_get(it, "code"));
		m[i].item_id = json_integer_value(json_object_get(it, "id"));
		m[i].result = "conform";
		m[i].seq = 1;
		for (size_t k = 0; k < nbad; k++)
			if (code && !strcmp(code, bad[k])) {
				m[i].result = "nonconform";
				m[i].note = notes[k];
			}
	}
	int rc = inspection_save(d, sup, ins, m, n, "演示：现场检查记录", e) == 0
			 ? inspection_sign(d, sup, ins, e)
			 : -1;
	free(m);
	json_decref(cl);
	return rc;
}

int demo_rectify(db *d, err *e)
{
	int64_t org = uid(d, "jinan_org_admin", e), city = uid(d, "jinan_admin", e),
		staff = uid(d, "jinan_org_staff", e), examiner = uid(d, "examiner1", e);
	if (org < 0 || city < 0 || staff < 0 || examiner < 0)
		return -1;
	if (!org || !city || !staff || !examiner)
		return 0; /* not the demo's accounts */
	principal sys, op = {.user_id = org, .role = ROLE_INSTITUTION_ADMIN},
		       bureau = {.user_id = city, .role = ROLE_CITY_ADMIN, .region = "3701"};
	principal_system(&sys, "demo");
	snprintf(op.username, sizeof op.username, "jinan_org_admin");
	snprintf(bureau.username, sizeof bureau.username, "jinan_admin");
	int64_t have = 0, plan = 0;
	if (db_one_int(d, "SELECT institution_id FROM users WHERE id = $1", DB_ARGS(DV_I(org)),
		       &op.institution_id, e) != DB_OK ||
	    db_one_int(d, "SELECT COUNT(*) FROM rectifications WHERE institution_id = $1",
		       DB_ARGS(DV_I(op.institution_id)), &have, e) != DB_OK)
		return -1;
	if (have)
		return 0;
	/* the demo's current 电工四级 plan is there (demo_exam), so the institution is filed for it */
	int rc = db_one_int(
		d,
		"SELECT MIN(id) FROM plans WHERE institution_id = $1 AND occupation_code = '6-31-01-03' "
		"AND status IN ('open', 'examining')",
		DB_ARGS(DV_I(op.institution_id)), &plan, e);
	if (rc != DB_OK || plan <= 0)
		return err_isset(e) ? -1 : 0; /* the demo's exam plan is not there */

	date_set_today(0);
	int today = date_today_utc8(), day0 = before(today, 42);
	char day[11], until[11], reg_start[11], reg_end[11];
	date_format(day0, day);
	date_format(date_add_years(today, 2), until);
	date_format(date_from_days(date_to_days(day0) - 21), reg_start);
	date_format(date_from_days(date_to_days(day0) - 1), reg_end);
	rc = -1;

	/* the previous 电工四级 plan: registration in the three weeks before its exam day (day0), filed and
	 * opened on the registration's first day, 考试中 from the exam day */
	struct plan_input pin = {.occupation_code = "6-31-01-03",
				 .title = "2026年电工四级/中级工职业技能等级认定（上一期，整改演示）",
				 .reg_start = reg_start,
				 .reg_end = reg_end,
				 .exam_date = day,
				 .level = 4,
				 .capacity = 30,
				 .publicity_days = 5,
				 .subjects = PLAN_THEORY | PLAN_PRACTICAL};
	date_set_today(date_from_days(date_to_days(day0) - 21));
	plan = plan_create(d, &op, &pin, e);
	if (plan < 0 || plan_transition(d, &op, plan, "filed", NULL, NULL, e) != 0 ||
	    plan_transition(d, &sys, plan, "open", NULL, NULL, e) != 0)
		goto out;
	date_set_today(day0);
	if (plan_transition(d, &op, plan, "examining", NULL, NULL, e) != 0)
		goto out;

	/* the supervisor, from 青岛 (济南 requires 交叉互派), registered on the day (its 督导员 qualification
	 * from the records starts then: svc/platform/workforce.h) */
	int64_t sup = 0;
	struct user_input uin = {.username = RECTIFY_SUP,
				 .password = DEMO_PASSWORD,
				 .display_name = "青岛督导员（整改演示）",
				 .role = "supervisor",
				 .region_code = "370200"};
	struct supervisor_input sin = {.grade = "senior",
				       .cert_no = "DD-2026-QD-0107",
				       .valid_until = until,
				       .region_code = "370200",
				       .max_per_day = -1};
	if ((sup = uid(d, RECTIFY_SUP, e)) < 0 || (!sup && user_create(d, &sys, &uin, &sup, e) != 0) ||
	    supervisor_put(d, &sys, sup, &sin, e) != 0)
		goto out;

	/* the inspected sitting, six weeks ago, dispatched that day */
	date_set_today(day0);
	const int64_t inv[] = {staff, examiner};
	struct sitting_input st = {.room = "第三考场（整改演示）",
				   .starts_at = (int64_t)date_to_days(day0) * 86400 +
						1 * 3600, /* 09:00 China time */
				   .minutes = 90,
				   .has_invigilators = true,
				   .invigilators = inv,
				   .ninvigilators = ARRAY_LEN(inv)};
	int64_t sitting = sitting_create(d, &op, plan, &st, e);
	if (sitting < 0)
		goto out;
	json_t *run = dispatch_run(d, &sys, day, "370100", e);
	if (!run)
		goto out;
	json_decref(run);
	int64_t who = 0;
	if (db_one_int(d, "SELECT MIN(supervisor_id) FROM dispatch_assignments WHERE sitting_id = $1",
		       DB_ARGS(DV_I(sitting)), &who, e) != DB_OK)
		goto out;
	if (who <= 0) {
		err_set(e, 500, "internal", NULL, "演示考场未能派遣督导员",
			"the demo sitting got no supervisor");
		goto out;
	}
	principal sp = {.user_id = who, .role = ROLE_SUPERVISOR, .region = "3702"};
	db_stmt *q = db_query(d, "SELECT username, COALESCE(region_code, '') FROM users WHERE id = $1",
			      DB_ARGS(DV_I(who)), e);
	if (q && db_row(q, e) == 1) {
		snprintf(sp.username, sizeof sp.username, "%s", db_text(q, 0));
		snprintf(sp.region, sizeof sp.region, "%.4s", db_text(q, 1));
	}
	db_done(q);
	if (err_isset(e))
		goto out;

	/* the inspection: three 不符合 (seat spacing, sign-in sheet, paper hand-over) */
	bool created = false;
	json_t *ins = inspection_open(d, &sp, sitting, 0, &created, e);
	if (!ins)
		goto out;
	int64_t ins_id = json_integer_value(json_object_get(ins, "id")),
		version = json_integer_value(json_object_get(ins, "version"));
	json_decref(ins);
	static const char *const bad[] = {"S01", "S03", "O01"};
	static const char *const notes[] = {
		"考场座位间距不足 1 米，相邻考生可看到彼此屏幕",
		"签到表缺少 3 名考生的本人签名，身份核验记录不完整",
		"试卷交接记录仅一人签字，未按规定双人交接",
	};
	if (mark_all(d, &sp, ins_id, version, bad, notes, ARRAY_LEN(bad), e) != 0)
		goto out;
	int64_t rects[3] = {0};
	q = db_query(d, "SELECT id FROM rectifications WHERE inspection_id = $1 ORDER BY id",
		     DB_ARGS(DV_I(ins_id)), e);
	for (int k = 0; q && k < 3 && db_step(q) == DB_ROW; k++)
		rects[k] = db_int(q, 0);
	db_done(q);
	if (!rects[2]) {
		if (!err_isset(e))
			err_set(e, 500, "internal", NULL, "演示整改未能生成",
				"the demo rectifications were not opened");
		goto out;
	}

	/* the first: a photo and the response within the term, accepted and closed by 济南 */
	date_set_today(before(today, 35));
	struct rectify_evidence_input ev = {.rectification_id = rects[0],
					    .content_type = "image/png",
					    .data = photo,
					    .size = sizeof photo,
					    .filename = "座位调整后.png"};
	json_t *evj = rectify_evidence_add(d, &op, &ev, &created, e);
	if (!evj)
		goto out;
	json_decref(evj);
	if (rectify_respond(
		    d, &op, rects[0],
		    "已按 1.2 "
		    "米间距重新布置第三考场座位并加装隔板，附调整后照片；今后每场考试前由考务负责人复核。",
		    e) != 0)
		goto out;
	date_set_today(before(today, 33));
	if (rectify_move(d, &bureau, rects[0], "closed", NULL, e) != 0)
		goto out;
	/* the third: answered after its deadline, waiting for 济南's review */
	date_set_today(before(today, 10));
	if (rectify_respond(d, &op, rects[2],
			    "已补充试卷交接双人签字制度，并对全体考务人员进行培训（培训签到表另附）。",
			    e) != 0)
		goto out;
	/* the second stays unanswered: overdue. A correction two days ago records a missed finding, open and
	 * in time */
	date_set_today(before(today, 2));
	ins = inspection_open(d, &sp, sitting, ins_id, &created, e);
	if (!ins)
		goto out;
	int64_t corr = json_integer_value(json_object_get(ins, "id"));
	json_decref(ins);
	static const char *const bad2[] = {"O03"};
	static const char *const notes2[] = {"更正补记：考务档案缺少考场平面图和监考人员签到表"};
	if (mark_all(d, &sp, corr, version, bad2, notes2, 1, e) != 0)
		goto out;
	rc = 0;
out:
	date_set_today(0);
	return rc;
}
