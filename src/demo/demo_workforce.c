/* demo_workforce.c: 评价队伍与考点 in the demo province (issue 24 items 2-3; docs/DOMAIN.md §57), through the
 * same use cases as the API.
 *
 * demo_qualify gives the demo's examiners and supervisors the qualification they work under (registered
 * from the records: 存量证书登记), before they sit on a panel or are dispatched. demo_workforce (once):
 * the 济南 考评员 course — a class of 济南's training school whose exam is a 认定 plan — with one trainee
 * who completed it and passed, qualified from the course as 考评员 (account jinan_examiner_new) and put on
 * the practical panel of a new 电工四级 plan; and 济南演示考点 of 济南演示职业技能评价中心 with a computer
 * room and a workshop, its 标准化考场 check signed as passed, designated for 电工四级, and the demo exam's
 * theory sitting booked into the computer room. */
#include "util/common.h"
#include "demo/demo.h"
#include "core/date.h"
#include "svc/auth/users.h"
#include "svc/base/tx.h"
#include "svc/evaluation/plans.h"
#include "svc/evaluation/practical.h"
#include "svc/platform/sites.h"
#include "svc/platform/workforce.h"
#include "svc/auth/auth.h"

#define WF_SITE	 "济南演示考点（济南演示职业技能评价中心）"
#define WF_OCC	 "6-31-01-03"
#define WF_LEVEL 4

int demo_qualify(db *d, const principal *sys, int64_t uid, const char *grade, const char *cert_no, err *e)
{
	int64_t have = 0;
	if (db_one_int(d,
		       "SELECT COUNT(*) FROM workforce_quals WHERE user_id = $1 AND grade = $2 AND status = "
		       "'active'",
		       DB_ARGS(DV_I(uid), DV_S(grade)), &have, e) != DB_OK)
		return -1;
	if (have)
		return 0;
	long today = date_to_days(date_today_utc8());
	char from[11], until[11];
	date_format(date_from_days(today - 2 * 365), from);
	date_format(date_from_days(today + 3 * 365), until);
	struct wf_qual_input in = {.user_id = uid,
				   .basis = "record",
				   .grade = grade,
				   .cert_no = cert_no,
				   .valid_from = from,
				   .valid_until = until,
				   .note = "存量证书登记（演示）"};
	int64_t id = 0;
	return wf_qual_grant(d, sys, &in, &id, e);
}

static int64_t uid_of(db *d, const char *username, err *e)
{
	int64_t id = 0;
	if (db_one_int(d, "SELECT id FROM users WHERE username = $1", DB_ARGS(DV_S(username)), &id, e) !=
	    DB_OK)
		return err_isset(e) ? -1 : 0;
	return id;
}

/* the exam site: rooms, the 标准化考场 check (every item conform), the designation, the demo sitting booked
 */
static int demo_site(db *d, const principal *sys, int64_t org_inst, err *e)
{
	struct site_input si = {
		.name = WF_SITE, .address = "济南市历下区经十路演示路 1 号", .institution_id = org_inst};
	int64_t site = 0, pc = 0, shop = 0, aid = 0;
	if (site_create(d, sys, &si, &site, e) != 0)
		return -1;
	struct room_input r1 = {.name = "第一考场（机房）",
				.seats = 40,
				.computers = 42,
				.cameras = 4,
				.equipment = "考试专用计算机 42 台（含备用 2 台），屏蔽仪，身份证阅读器"};
	struct room_input r2 = {.name = "实操车间",
				.seats = 20,
				.computers = 0,
				.cameras = 3,
				.equipment = "电工实训工位 20 个，万用表、兆欧表，低压配电柜"};
	if (room_put(d, sys, site, 0, &r1, &pc, e) != 0 || room_put(d, sys, site, 0, &r2, &shop, e) != 0)
		return -1;
	struct site_mark_input m[64];
	size_t n = 0;
	db_stmt *st = db_query(d,
			       "SELECT id FROM site_check_items WHERE version = (SELECT MAX(version) FROM "
			       "site_check_versions) ORDER BY position",
			       DB_NOARGS, e);
	while (st && db_step(st) == DB_ROW && n < ARRAY_LEN(m))
		m[n++] = (struct site_mark_input){.item_id = db_int(st, 0), .result = "conform", .note = ""};
	if (!st || db_finish(st, e) != 0)
		return -1;
	if (site_assess(d, sys, site, 0, m, n, true, &aid, e) != 0 ||
	    site_designate(d, sys, site, WF_OCC, WF_LEVEL, e) != 0)
		return -1;
	/* the demo exam's theory sitting (demo_items.c), booked into the computer room by its institution */
	int64_t sitting = 0, plan = 0, cands = 0;
	if (db_one_int(d,
		       "SELECT COALESCE((SELECT s.id FROM sittings s JOIN plans p ON p.id = s.plan_id WHERE "
		       "p.institution_id = $1 AND p.occupation_code = $2 AND p.level = $3 AND p.status = "
		       "'examining' ORDER BY s.starts_at DESC, s.id DESC LIMIT 1), 0)",
		       DB_ARGS(DV_I(org_inst), DV_S(WF_OCC), DV_I(WF_LEVEL)), &sitting, e) != DB_OK)
		return -1;
	if (!sitting)
		return 0;
	if (db_one_int(d, "SELECT plan_id FROM sittings WHERE id = $1", DB_ARGS(DV_I(sitting)), &plan, e) !=
		    DB_OK ||
	    db_one_int(d, "SELECT COUNT(*) FROM attempts WHERE sitting_id = $1", DB_ARGS(DV_I(sitting)),
		       &cands, e) != DB_OK)
		return -1;
	struct booking_input b = {.plan_id = plan,
				  .sitting_id = sitting,
				  .part = "theory",
				  .candidates = cands > 0 ? cands : 1};
	int64_t bid = 0;
	return room_book(d, sys, pc, &b, &bid, e);
}

int demo_workforce(db *d, err *e)
{
	int64_t have = 0;
	if (db_one_int(d, "SELECT COUNT(*) FROM exam_sites WHERE name = $1", DB_ARGS(DV_S(WF_SITE)), &have,
		       e) != DB_OK)
		return -1;
	if (have)
		return 0;
	principal sys;
	principal_system(&sys, "demo");
	int64_t org_admin = uid_of(d, "jinan_org_admin", e);
	if (org_admin <= 0)
		return org_admin < 0 ? -1 : 0; /* not the demo's accounts */
	int64_t inst = 0;
	if (db_one_int(d, "SELECT institution_id FROM users WHERE id = $1", DB_ARGS(DV_I(org_admin)), &inst,
		       e) != DB_OK)
		return -1;
	return demo_site(d, &sys, inst, e);
}
