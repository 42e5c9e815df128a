/* demo_talent.c: 贯通, the rest, in the demo province (docs/DOMAIN.md "贯通（续）"; issue 22 items 5, 7, 8).
 * Beside demo_titles.c's 技师 (工程师 waiting) and 工艺美术 高级技师 (副高级 approved):
 *   - an engineer of 济南 (account jinan_engineer) holding 工程师 (中级, 工程系列) three years, working in
 *     an occupation of 济南演示职业技能评价中心 since, applied for 二级 through 职称 → 技能等级; 济南
 *     recommended, the province approved, and the centre's signed level certificate carries the basis. He
 *     holds a 全国技术能手 honour and lets the verification page of his certificates show it;
 *   - a teacher of a 技工院校 (讲师, 中级 in 技工院校教师系列) evaluated once under the province's 一评双证
 * rule (demo data: the seeds give no conditions, [GAP]): 高级讲师 (副高级) and 二级 in one decision;
 *   - a pharmacy registered as a 惠才卡 provider and suspended by the province (the reason shown).
 * Made once (demo_seed runs once). */
#include "util/common.h"
#include "demo/demo.h"
#include "core/date.h"
#include "svc/auth/users.h"
#include "svc/incentive/card.h"
#include "svc/incentive/titles.h"
#include "svc/registry/persons.h"

static int ok_json(json_t *o)
{
	if (!o)
		return -1;
	json_decref(o);
	return 0;
}

/* a title held since `years` years ago, work in `occ` since a month later */
static int title_and_work(db *d, const principal *sys, int64_t person, const char *series, const char *rank,
			  const char *name, int years, const char *occ, const char *employer, err *e)
{
	int since = date_add_years(date_today_utc8(), -years);
	char on[11], work[11];
	date_format(since, on);
	date_format(date_from_days(date_to_days(since) + 30), work);
	struct title_record_input t = {.series = series,
				       .rank = rank,
				       .name = name,
				       .obtained_on = on,
				       .source = "演示数据：职称证书登记"};
	if (ok_json(person_title_add(d, sys, person, &t, e)))
		return -1;
	struct person_fact f = {
		.kind = FACT_WORK, .employer_name = employer, .occupation_code = occ, .start_date = work};
	return person_add_fact(d, sys, person, &f, e) < 0 ? -1 : 0;
}

static int64_t app_id(json_t *o)
{
	int64_t id = o ? json_integer_value(json_object_get(o, "id")) : 0;
	json_decref(o);
	return id;
}

/* recommended by 济南, approved by the province */
static int decide(db *d, const principal *sys, const principal *city, int64_t id, const char *opinion, err *e)
{
	if (!id || ok_json(title_app_move(d, city, id, "recommended", "经审核，材料齐全，同意推荐", e)))
		return -1;
	return ok_json(title_app_move(d, sys, id, "approved", opinion, e));
}

int demo_talent(db *d, const principal *sys, const int64_t *insts, err *e)
{
	int64_t org = insts[1]; /* 济南演示职业技能评价中心 */
	char occ2[32];
	if (demo_scope_occupation(d, org, 2, true, occ2, e))
		return -1;
	int64_t eng = demo_nth_person(d, org, 3, e), teacher = demo_nth_person(d, org, 4, e);
	if (err_isset(e))
		return -1;
	if (!occ2[0] || !eng || !teacher)
		return 0; /* a demo too small for the story goes without it */
	principal city = {.role = ROLE_CITY_ADMIN};
	snprintf(city.region, sizeof city.region, "3701");
	snprintf(city.username, sizeof city.username, "jinan_admin");
	if (db_one_int(d, "SELECT id FROM users WHERE username = 'jinan_admin'", DB_NOARGS, &city.user_id,
		       e) != DB_OK)
		return -1;

	/* the engineer: 工程师 three years, work in occ2 since; 职称 → 技能等级 二级 with his own account */
	if (title_and_work(d, sys, eng, "engineering", "intermediate", "工程师", 3, occ2,
			   "济南演示装备制造有限公司", e))
		return -1;
	struct user_input u = {.username = "jinan_engineer",
			       .password = DEMO_PASSWORD,
			       .role = "candidate",
			       .display_name = "工程师（济南，职称贯通技能等级）",
			       .person_id = eng};
	int64_t uid = 0;
	if (user_create(d, sys, &u, &uid, e))
		return -1;
	principal worker = {.role = ROLE_CANDIDATE, .user_id = uid, .person_id = eng};
	snprintf(worker.username, sizeof worker.username, "jinan_engineer");
	struct title_target_input to_level = {.kind = "title_to_level",
					      .series = "engineering",
					      .level = 2,
					      .occupation = occ2,
					      .institution_id = org};
	if (decide(d, sys, &city, app_id(title_apply(d, &worker, &to_level, e)),
		   "经省级审核，工程师职称满一年且从事本职业，同意认定二级/技师", e))
		return -1;
	/* his honour, shown on verification because he allows it */
	struct honour_input h = {.kind = "national_technical_expert",
				 .title = "全国技术能手",
				 .awarded_on = "2022-12-20",
				 .source = "演示数据：人力资源社会保障部表彰决定"};
	bool created = false;
	if (ok_json(honour_add(d, &city, eng, &h, &created, e)) ||
	    ok_json(public_honours_set(d, &worker, true, e)))
		return -1;

	/* 一评双证: the province's rule for 技工院校 (demo data), the teacher evaluated once */
	struct tt_rule dual = {
		.kind = TT_DUAL,
		.series = "tech_school",
		.from_rank = TR_INTERMEDIATE,
		.years = 2,
		.to_rank = TR_DEPUTY_SENIOR,
		.to_level = 2,
		.source = "演示数据：一评双证（种子 004 德州：专技人才与高技能人才一评双证）；中级职称满 2 "
			  "年的年限由省级人社部门设定（种子未给出条件，[GAP]）"};
	if (ok_json(title_rule_add(d, sys, &dual, e)))
		return -1;
	if (title_and_work(d, sys, teacher, "tech_school", "intermediate", "讲师", 4, occ2,
			   "济南演示技师学院", e))
		return -1;
	struct title_target_input to_dual = {.person_id = teacher,
					     .kind = "dual",
					     .series = "tech_school",
					     .rank = "deputy_senior",
					     .level = 2,
					     .occupation = occ2,
					     .institution_id = org};
	if (decide(d, sys, &city, app_id(title_apply(d, &city, &to_dual, e)),
		   "一评双证：经评审，同意认定高级讲师并颁发二级/技师证书", e))
		return -1;

	/* a pharmacy registered for a green-channel service and suspended by the province */
	const char *svc[] = {"s05"};
	json_t *p = card_provider_create(d, sys, "济南演示大药房", "370102", svc, 1, e);
	int64_t pid = p ? json_integer_value(json_object_get(p, "id")) : 0;
	json_decref(p);
	if (!pid)
		return -1;
	return ok_json(
		card_provider_set_active(d, sys, pid, false, "演示：未按约定提供绿色通道服务，暂停", e));
}
