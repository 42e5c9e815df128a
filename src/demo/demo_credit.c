/* demo_credit.c: 信用档案 of the demo province (docs/DOMAIN.md §36), through the same use case as the API,
 * recorded by 济南 (jinan_admin): 济南演示技师学院's 违规失信 of a month ago (archives of three sittings
 * incomplete; in force for the kind's default 180 days: it cannot create or file new plans), and
 * 济南演示职业技术学院's 违规失信 of last year, expired (kept in the archive, blocking nothing). The
 * 定期评估不合格 event of the demo is the published assessment's own (demo_assess.c: 菏泽). The institutions
 * the API tests use (the 济南 social organisation and enterprise, the 青岛 organisation) get no blocking
 * event. */
#include "util/common.h"
#include "demo/demo.h"
#include "core/date.h"
#include "svc/supervision/credit.h"

int demo_credit(db *d, const int64_t *jinan_insts, err *e)
{
	int64_t uid = 0;
	if (db_one_int(d, "SELECT id FROM users WHERE username = 'jinan_admin'", DB_NOARGS, &uid, e) != DB_OK)
		return err_isset(e)
			       ? -1
			       : err_set(e, 500, "internal", NULL, "演示账号缺失", "no jinan_admin account");
	principal city = {.user_id = uid, .role = ROLE_CITY_ADMIN, .region = "3701"};
	snprintf(city.username, sizeof city.username, "jinan_admin");
	int today = date_today_utc8();
	char from1[11], from2[11], until2[11];
	date_format(date_from_days(date_to_days(today) - 30), from1);
	date_format(date_from_days(date_to_days(today) - 400), from2);
	date_format(date_from_days(date_to_days(today) - 220), until2);
	struct credit_event_input failed = {
		.subject_type = "institution",
		.subject_id = jinan_insts[2], /* 济南演示技师学院 */
		.kind = "institution_violation",
		.from = from1,
		.reason = "违规失信：考务档案缺少 3 "
			  "场理论考试的签到表，操作技能考核评分记录未由考评组长签字（演示）",
	};
	struct credit_event_input expired = {
		.subject_type = "institution",
		.subject_id = jinan_insts[3], /* 济南演示职业技术学院 */
		.kind = "institution_violation",
		.from = from2,
		.until = until2,
		.reason = "未经备案擅自扩大评价职业范围开展认定（演示），已整改",
	};
	int64_t id;
	if (credit_record(d, &city, &failed, &id, e) != 0 || credit_record(d, &city, &expired, &id, e) != 0)
		return -1;
	return 0;
}
