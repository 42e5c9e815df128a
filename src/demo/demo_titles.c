/* demo_titles.c: 贯通 in the demo province (docs/DOMAIN.md §45). Two workers of 济南演示职业技能评价中心:
 *   - a 技师 (certificate four years old, three passed yearly appraisals) applies for 工程师 with the account
 *     jinan_technician; 济南 has recommended it and it waits in the province's queue (admin approves it);
 *   - a 高级技师 (certificate five years old) in 工艺美术, whose rule the province set as data (the seeds
 * give 工艺美术 no figures: the demo's rule follows 工程's and says so), applied, was recommended and
 * approved: the 副高级 title is on the talent record. Made once (demo_seed runs once); the certificates are
 * issued on their historical dates (the demo clock). */
#include "util/common.h"
#include "demo/demo.h"
#include "core/date.h"
#include "svc/auth/users.h"
#include "svc/cert/certs.h"
#include "svc/evaluation/results.h"
#include "svc/incentive/titles.h"

#define DEMO_TITLE_HISTORY "演示数据：贯通演示的历史评价记录补录"

/* a certificate of `level` issued `years` years (and a month) ago */
static int old_certificate(db *d, const principal *sys, int64_t person, int64_t inst, const char *occ,
			   int level, int years, err *e)
{
	int today = date_today_utc8();
	int day = date_from_days(date_to_days(date_add_years(today, -years)) - 30);
	char exam[11];
	date_format(date_from_days(date_to_days(day) - 20), exam);
	struct result_input in = {.person_id = person,
				  .institution_id = inst,
				  .occupation_code = occ,
				  .exam_date = exam,
				  .level = level,
				  .theory = 86,
				  .practical = 88,
				  .review = 85,
				  .passed = -1,
				  .correction_reason = DEMO_TITLE_HISTORY};
	date_set_today(day);
	int64_t id = result_create(d, sys, &in, e);
	json_t *got = id > 0 ? cert_issue(d, sys, &id, 1, e) : NULL;
	date_set_today(0);
	json_decref(got);
	return got ? 0 : -1;
}

static int appraisals(db *d, const principal *sys, int64_t person, err *e)
{
	int year = date_today_utc8() / 10000;
	for (int y = year - 3; y < year; y++) {
		struct appraisal_input in = {.year = y,
					     .result = y == year - 2 ? "excellent" : "passed",
					     .employer = "济南演示装备制造有限公司",
					     .source = "演示数据：单位年度考核登记表"};
		json_t *o = person_appraisal_put(d, sys, person, &in, e);
		if (!o)
			return -1;
		json_decref(o);
	}
	return 0;
}

static int64_t app_id(json_t *o)
{
	int64_t id = o ? json_integer_value(json_object_get(o, "id")) : 0;
	json_decref(o);
	return id;
}

int demo_titles(db *d, const principal *sys, const int64_t *insts, err *e)
{
	int64_t org = insts[1]; /* 济南演示职业技能评价中心 */
	char occ2[32], occ1[32];
	if (demo_scope_occupation(d, org, 2, false, occ2, e) ||
	    demo_scope_occupation(d, org, 1, false, occ1, e))
		return -1;
	int64_t tech = demo_nth_person(d, org, 1, e), master = demo_nth_person(d, org, 2, e);
	if (err_isset(e))
		return -1;
	if (!occ2[0] || !occ1[0] || !tech || !master)
		return 0; /* a demo too small for the story (no 二级 / 一级 scope or too few persons) goes
			     without it */
	principal city = {.role = ROLE_CITY_ADMIN};
	snprintf(city.region, sizeof city.region, "3701");
	snprintf(city.username, sizeof city.username, "jinan_admin");
	db_one_int(d, "SELECT id FROM users WHERE username = 'jinan_admin'", DB_NOARGS, &city.user_id, e);

	/* the 技师: certificate, appraisals, an account, the application recommended by 济南 */
	if (old_certificate(d, sys, tech, org, occ2, 2, 4, e) || appraisals(d, sys, tech, e))
		return -1;
	struct user_input u = {.username = "jinan_technician",
			       .password = DEMO_PASSWORD,
			       .role = "candidate",
			       .display_name = "技师（济南，贯通申请工程师）",
			       .person_id = tech};
	int64_t uid = 0;
	if (user_create(d, sys, &u, &uid, e))
		return -1;
	principal worker = {.role = ROLE_CANDIDATE, .user_id = uid, .person_id = tech};
	snprintf(worker.username, sizeof worker.username, "jinan_technician");
	struct title_target_input to_eng = {
		.kind = "skill_to_title", .series = "engineering", .rank = "intermediate"};
	int64_t a1 = app_id(title_apply(d, &worker, &to_eng, e));
	if (!a1)
		return -1;
	json_t *m = title_app_move(d, &city, a1, "recommended",
				   "经审核，申报材料齐全，年度考核合格，同意推荐", e);
	if (!m)
		return -1;
	json_decref(m);

	/* 工艺美术: the province's rule (data), the 高级技师's application approved */
	struct tt_rule rule = {
		.kind = TT_SKILL_TO_TITLE,
		.series = "arts_crafts",
		.from_level = 1,
		.years = 4,
		.appraisal_years = 3,
		.to_rank = TR_DEPUTY_SENIOR,
		.source = "演示数据：省级人社部门按工程系列口径设定（种子未给出工艺美术系列的年限，[GAP]）"};
	json_t *r = title_rule_add(d, sys, &rule, e);
	if (!r)
		return -1;
	json_decref(r);
	if (old_certificate(d, sys, master, org, occ1, 1, 5, e) || appraisals(d, sys, master, e))
		return -1;
	struct title_target_input to_arts = {.person_id = master,
					     .kind = "skill_to_title",
					     .series = "arts_crafts",
					     .rank = "deputy_senior"};
	int64_t a2 = app_id(title_apply(d, &city, &to_arts, e));
	if (!a2)
		return -1;
	if (!(m = title_app_move(d, &city, a2, "recommended", "同意推荐", e)))
		return -1;
	json_decref(m);
	if (!(m = title_app_move(d, sys, a2, "approved", "经省级评审，同意认定副高级职称（工艺美术系列）",
				 e)))
		return -1;
	json_decref(m);
	return 0;
}
