/* demo_cultivation.c: 技工院校 and 订单班 in the demo province (docs/DOMAIN.md §53). 济南 registered
 * 济南演示技师学院 as a 技师学院 (its administrator `jinan_college_admin`); the school reported its main
 * campus and last year's 招生 / 毕业 / 在校生; it filed the major 数控加工（数控车工） (高级工班, 工学一体化
 * 第二阶段), which 济南 recorded (备案登记), and has a second major, 工业机器人应用与维护, waiting for 济南's
 * recording; it ran a 冠名班 with 济南演示装备制造有限公司 (jinan_ent_admin) on the filed major: four
 * students, two hired by the enterprise (recorded by the enterprise), one employed elsewhere, one not yet,
 * and the class graduated; 济南技工教育集团 groups the school, the enterprise and 济南演示职业技能评价中心
 * and is a 省级重点 group. The figures are demo values, not the seeds'. Made once (demo_seed). */
#include "util/common.h"
#include "demo/demo.h"
#include "core/date.h"
#include "svc/auth/users.h"
#include "svc/cultivation/orders.h"
#include "svc/cultivation/schools.h"

static int64_t id_of(json_t *o)
{
	int64_t id = o ? json_integer_value(json_object_get(o, "id")) : 0;
	json_decref(o);
	return id;
}

static int ok(json_t *o)
{
	json_decref(o);
	return o ? 0 : -1;
}

int demo_cultivation(db *d, const principal *sys, int64_t school, int64_t ent, int64_t org, err *e)
{
	struct user_input ui = {.username = "jinan_college_admin",
				.password = DEMO_PASSWORD,
				.role = "institution_admin",
				.display_name = "济南演示技师学院管理员",
				.institution_id = school};
	int64_t uid = 0;
	if (user_create(d, sys, &ui, &uid, e) != 0)
		return -1;
	principal city, col, boss, prov;
	if (demo_login(d, "jinan_admin", &city, e) || demo_login(d, "jinan_college_admin", &col, e) ||
	    demo_login(d, "jinan_ent_admin", &boss, e) || demo_login(d, "admin", &prov, e))
		return err_isset(e) ? -1
				    : err_set(e, 500, "internal", NULL, "演示账号缺失",
					      "a demo account is missing");
	bool created = false;
	struct school_input si = {
		.institution_id = school, .tier = "technician_college", .founded_year = 1958};
	if (ok(school_register(d, &city, &si, &created, e)))
		return -1;
	struct campus_input ci = {.name = "主校区", .address = "济南市历城区", .main = true};
	char today[11];
	date_format(date_today_utc8(), today);
	int64_t year = strtoll(today, NULL, 10);
	struct school_year_input yi = {
		.year = year - 1, .enrolled = 2150, .graduates = 1980, .students = 6400};
	if (ok(school_campus_add(d, &col, school, &ci, e)) || ok(school_year_put(d, &col, school, &yi, e)))
		return -1;
	char occ[32] = "";
	if (demo_scope_occupation(d, org, 3, false, occ, e))
		return -1;
	struct major_input mi = {.code = "0101-3",
				 .name = "数控加工（数控车工）",
				 .occupation_code = occ[0] ? occ : NULL,
				 .level = "senior",
				 .years = 3,
				 .ythh_stage = 2};
	int64_t major = id_of(major_create(d, &col, &mi, e));
	if (!major || ok(major_move(d, &col, major, "submitted", NULL, NULL, e)) ||
	    ok(major_move(d, &city, major, "filed", NULL, NULL, e)))
		return -1;
	struct major_input m2 = {
		.code = "0322-4", .name = "工业机器人应用与维护", .level = "preparatory", .years = 5};
	int64_t major2 = id_of(major_create(d, &col, &m2, e));
	if (!major2 || ok(major_move(d, &col, major2, "submitted", NULL, NULL, e)))
		return -1;
	/* the 冠名班 of three years ago, graduated this year */
	struct order_class_input oi = {.enterprise_id = ent,
				       .major_id = major,
				       .kind = "named",
				       .name = "装备制造冠名班",
				       .cohort_year = year - 3,
				       .graduation_year = year,
				       .planned = 4};
	int64_t oc = id_of(order_class_create(d, &col, &oi, e));
	if (!oc)
		return -1;
	int64_t p[4];
	for (int i = 0; i < 4; i++) {
		p[i] = demo_nth_person(d, org, 40 + i, e);
		if (p[i] <= 0)
			return err_isset(e) ? -1
					    : err_set(e, 500, "internal", NULL, "演示人员不足",
						      "too few demo persons");
	}
	if (ok(order_class_add_students(d, &col, oc, p, 4, e)))
		return -1;
	struct placement_input pl[] = {
		{.person_id = p[0], .placement = "placed", .placed_on = today},
		{.person_id = p[1], .placement = "placed", .placed_on = today},
		{.person_id = p[2], .placement = "elsewhere", .placed_on = today, .note = "自主择业"},
		{.person_id = p[3], .placement = "pending"},
	};
	for (size_t i = 0; i < ARRAY_LEN(pl); i++)
		if (ok(order_class_place(d, i < 2 ? &boss : &col, oc, &pl[i], e)))
			return -1;
	if (ok(order_class_graduate(d, &col, oc, e)))
		return -1;
	struct group_input gi = {.name = "济南技工教育集团", .kind = "group", .region_code = "370100"};
	int64_t g = id_of(edu_group_create(d, &city, &gi, e));
	if (!g || ok(edu_group_add_member(d, &city, g, school, "school", true, e)) ||
	    ok(edu_group_add_member(d, &city, g, ent, "enterprise", false, e)) ||
	    ok(edu_group_add_member(d, &city, g, org, "training", false, e)) ||
	    ok(edu_group_set_key(d, &prov, g, true, year - 1, "演示文号", e)))
		return -1;
	return 0;
}
