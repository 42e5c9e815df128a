/* demo_inspections.c: 督导检查 in the demo — supervisor1, a 青岛 supervisor, dispatched across cities (济南
 * requires 交叉互派) to the 电工四级 sitting of 济南演示职业技能评价中心 that begins today, with the
 * inspection opened (a draft on the current checklist): supervisor1 sees it in 今日督导 on a phone and marks
 * it. */
#include "util/common.h"
#include "core/date.h"
#include "demo/demo.h"
#include "svc/auth/auth.h"
#include "svc/supervision/dispatch.h"
#include "svc/supervision/inspections.h"
#include "svc/supervision/supervisors.h"

int demo_inspection(db *d, int64_t sitting, err *e)
{
	int64_t sup = 0;
	int rc = db_one_int(d, "SELECT id FROM users WHERE username = 'supervisor1' AND role = 'supervisor'",
			    DB_NOARGS, &sup, e);
	if (rc == DB_NOT_FOUND)
		return 0; /* not the demo's accounts */
	if (rc != DB_OK)
		return -1;
	principal sys;
	principal_system(&sys, "demo");
	int today = date_today_utc8();
	char day[11], until[11];
	date_format(today, day);
	date_format(date_from_days(date_to_days(today) + 3 * 365), until);
	/* a senior supervisor of 青岛 with no home institution, at 青岛's seat */
	struct supervisor_input in = {.grade = "senior",
				      .cert_no = "鲁督 2026-0001（演示）",
				      .valid_until = until,
				      .region_code = "370200",
				      .has_location = true,
				      .latitude = 36.0671,
				      .longitude = 120.3826,
				      .max_per_day = -1};
	if (supervisor_put(d, &sys, sup, &in, e) != 0)
		return -1;
	/* today's dispatch of 济南: the demo sitting gets supervisor1 (the only one qualified); a day that
	 * cannot be covered stores nothing and the demo goes on without an inspection */
	json_t *run = dispatch_run(d, &sys, day, "370100", e);
	if (!run)
		return -1;
	bool stored = json_is_true(json_object_get(run, "stored"));
	json_decref(run);
	int64_t assigned = 0;
	if (!stored ||
	    db_one_int(
		    d,
		    "SELECT COUNT(*) FROM dispatch_assignments WHERE sitting_id = $1 AND supervisor_id = $2",
		    DB_ARGS(DV_I(sitting), DV_I(sup)), &assigned, e) != DB_OK ||
	    !assigned)
		return err_isset(e) ? -1 : 0;
	principal who = {.role = ROLE_SUPERVISOR, .user_id = sup};
	snprintf(who.username, sizeof who.username, "supervisor1");
	bool created = false;
	json_t *ins = inspection_open(d, &who, sitting, 0, &created, e);
	if (!ins)
		return -1;
	json_decref(ins);
	return 0;
}
