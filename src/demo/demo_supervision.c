/* demo_supervision.c: more 督导员 for the demo's registry (督导员名册, /quality/supervisors; docs/DOMAIN.md
 * §29), through the same use cases as the API: one each of 济南, 青岛, 淄博 and 泰安 with their qualification
 * (two years), the 淄博 one with a 回避 declaration for 济南演示职业技能评价中心. The day's dispatch of 济南
 * is demo_inspections.c's (supervisor1 to the demo sitting, its inspection open): so that running the
 * dispatch again on the board that day keeps it, the three who could be sent to 济南 (交叉互派 keeps
 * sup_jinan out) have that day off. Runs after demo_rectify (whose inspection six weeks ago keeps its own
 * supervisor); made once (when its accounts are not there yet). */
#include "util/common.h"
#include "demo/demo.h"
#include "core/date.h"
#include "svc/auth/auth.h"
#include "svc/auth/users.h"
#include "svc/supervision/supervisors.h"

int demo_supervision(db *d, err *e)
{
	int64_t have = 0, org_inst = 0;
	if (db_one_int(d, "SELECT COUNT(*) FROM users WHERE username = 'sup_jinan'", DB_NOARGS, &have, e) !=
	    DB_OK)
		return -1;
	if (have)
		return 0;
	int rc = db_one_int(d, "SELECT institution_id FROM users WHERE username = 'jinan_org_admin'",
			    DB_NOARGS, &org_inst, e);
	if (rc == DB_NOT_FOUND)
		return 0; /* not the demo's accounts */
	if (rc != DB_OK)
		return -1;
	principal sys;
	principal_system(&sys, "demo");
	int today = date_today_utc8();
	char day[11], until[11];
	date_format(today, day);
	date_format(date_add_years(today, 2), until);
	const char *const off[] = {day};

	static const struct {
		const char *username, *name, *region, *grade;
		bool avoid_org;
	} sups[] = {
		{"sup_jinan", "济南督导员（演示）", "370100", "senior", false},
		{"sup_qingdao", "青岛督导员（演示）", "370200", "intermediate", false},
		{"sup_zibo", "淄博督导员（演示）", "370300", "senior", true},
		{"sup_taian", "泰安督导员（演示）", "370900", "intermediate", false},
	};
	for (size_t i = 0; i < ARRAY_LEN(sups); i++) {
		int64_t id = 0;
		struct user_input uin = {.username = sups[i].username,
					 .password = DEMO_PASSWORD,
					 .role = "supervisor",
					 .display_name = sups[i].name,
					 .region_code = sups[i].region};
		if (user_create(d, &sys, &uin, &id, e) != 0)
			return -1;
		char cert[32];
		snprintf(cert, sizeof cert, "DD-37-%04zu", 2027 + i);
		struct supervisor_avoid av = {.institution_id = org_inst, .reason = "曾在该机构兼职授课"};
		bool own_city = !strcmp(sups[i].region, "370100");
		struct supervisor_input in = {.grade = sups[i].grade,
					      .cert_no = cert,
					      .valid_until = until,
					      .region_code = sups[i].region,
					      .max_per_day = -1,
					      .avoid = sups[i].avoid_org ? &av : NULL,
					      .navoid = sups[i].avoid_org ? 1 : 0,
					      .days_off = own_city ? NULL : off,
					      .ndays_off = own_city ? 0 : 1};
		if (supervisor_put(d, &sys, id, &in, e) != 0)
			return -1;
	}
	return 0;
}
