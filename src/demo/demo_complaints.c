/* demo_complaints.c: 投诉举报 of the demo province (docs/DOMAIN.md §28), through the same use cases as the
 * API: one complaint about 济南演示职业技能评价中心 handled by 济南 within its deadlines (受理, 调查, 查实,
 * 办结; the upheld count of that institution's assessment), one to 济南 left unacknowledged past its
 * deadline (overdue in the queue), and one anonymous general complaint to 青岛 just received. The received
 * dates are set in the past with date_set_today, so the deadlines fall on the real calendar. */
#include "util/common.h"
#include "demo/demo.h"
#include "core/date.h"
#include "svc/supervision/complaints.h"

/* the weekday `n` calendar days before `today` or the one before it (the calendar's holidays aside) */
static int before(int today, int n)
{
	int d = date_from_days(date_to_days(today) - n);
	while (date_weekday(d) >= 5)
		d = date_from_days(date_to_days(d) - 1);
	return d;
}

int demo_complaints(db *d, int64_t jinan_inst, err *e)
{
	int64_t uid = 0;
	if (db_one_int(d, "SELECT id FROM users WHERE username = 'jinan_admin'", DB_NOARGS, &uid, e) != DB_OK)
		return err_isset(e)
			       ? -1
			       : err_set(e, 500, "internal", NULL, "演示账号缺失", "no jinan_admin account");
	principal city = {.user_id = uid, .role = ROLE_CITY_ADMIN, .region = "3701"};
	snprintf(city.username, sizeof city.username, "jinan_admin");
	principal anon = {.role = ROLE_PUBLIC};
	date_set_today(0);
	int today = date_today_utc8(); /* the real day: the dates below are set from it */
	struct complaint_receipt rc;
	int rc_ = -1;

	/* handled in time: received 20 days ago, acknowledged 3 days later, upheld after an investigation */
	date_set_today(before(today, 20));
	struct complaint_input handled = {
		.category = "fees",
		.subject_kind = "institution",
		.subject_id = jinan_inst,
		.text = "报名时被要求另行购买指定教材和资料包共 680 元，未开具发票，也未说明属于自愿。",
		.name = "赵文静",
		.phone = "13905310628",
	};
	if (complaint_submit(d, &anon, &handled, &rc, e) != 0)
		goto out;
	int64_t id = rc.id;
	date_set_today(before(today, 17));
	if (complaint_transition(d, &city, id, "acknowledged", NULL, e) != 0 ||
	    complaint_transition(d, &city, id, "investigating", NULL, e) != 0)
		goto out;
	date_set_today(before(today, 12));
	if (complaint_note(d, &city, id,
			   "约谈机构负责人并调取 2026 年报名收费记录：42 名考生各缴纳资料费 680 "
			   "元，机构未取得考生书面同意。",
			   e) != 0)
		goto out;
	date_set_today(before(today, 8));
	if (complaint_transition(
		    d, &city, id, "upheld",
		    "经查属实。已责令该机构退还全部资料费，并纳入机构质量档案；定期评估时计入查实投诉。",
		    e) != 0 ||
	    complaint_transition(d, &city, id, "closed", NULL, e) != 0)
		goto out;

	/* not acknowledged in time: received 12 days ago and still waiting (overdue in 济南's queue) */
	date_set_today(before(today, 12));
	struct complaint_input late = {
		.category = "exam_discipline",
		.subject_kind = "institution",
		.subject_id = jinan_inst,
		.text = "理论考试时监考人员多次离开考场，有考生交头接耳。",
		.anonymous = true,
	};
	if (complaint_submit(d, &anon, &late, &rc, e) != 0)
		goto out;

	/* just received, anonymous, to 青岛 */
	date_set_today(0);
	struct complaint_input general = {
		.category = "certificate",
		.region_code = "370200",
		.text = "通过认定已两个月，证书查询仍显示未发放。",
		.anonymous = true,
	};
	if (complaint_submit(d, &anon, &general, &rc, e) != 0)
		goto out;
	rc_ = 0;
out:
	date_set_today(0);
	return rc_;
}
