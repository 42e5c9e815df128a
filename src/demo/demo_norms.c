/* demo_norms.c: 企业评价规范 in the demo province (docs/DOMAIN.md §65). 济南演示装备制造有限公司
 * (jinan_ent_admin, a 规模以上 enterprise whose workforce is mainly skilled) filed its own norm for an
 * occupation of its filed scope (四级 when it is filed for it): 考评结合, knowledge 30 % / skill 70 %, 满3年
 * instead of the standard's 满5年, a theory paper of 基础知识 40 % and 专业知识 60 %, the theory waived for
 * 数控装调岗; 济南's bureau (jinan_admin) approved version 1; the enterprise opened a plan on it (two
 * registrations, one on the waived post); then its version 2 (满4年) was approved too, which superseded
 * version 1 — the open plan keeps version
 * 1. 青岛's demo enterprise has a version 1 submitted and waiting for the bureau (the review page's example).
 * Made once. */
#include "util/common.h"
#include "demo/demo.h"
#include "core/date.h"
#include "svc/evaluation/norms.h"
#include "svc/evaluation/plans.h"
#include "svc/evaluation/registrations.h"

/* the levels of the demo's norm: one level, its own figures on 4-a when the level is 四级 */
static json_t *norm_levels(int level, int years_4a)
{
	char a[16], b[16];
	snprintf(a, sizeof a, "2023-%d-a", level);
	snprintf(b, sizeof b, "2023-%d-b", level);
	json_t *opt_a = level == 4 ? json_pack("{s:s,s:[i]}", "id", a, "years", years_4a)
				   : json_pack("{s:s}", "id", a);
	return json_pack("[{s:i,s:s,s:i,s:i,s:[o,{s:s}],s:[{s:s,s:i},{s:s,s:i}],s:[s]}]", "level", level,
			 "method", "combined", "knowledge", 30, "skill", 70, "options", opt_a, "id", b,
			 "areas", "area", "基础知识", "weight", 40, "area", "专业知识", "weight", 60,
			 "waived_posts", "数控装调岗");
}

static int64_t file_norm(db *d, const principal *ent, const char *occ, int level, int years_4a,
			 const char *title, err *e)
{
	json_t *levels = norm_levels(level, years_4a);
	struct norm_input in = {.occupation_code = occ,
				.title = title,
				.levels = levels,
				.above_size = true,
				.employees = 1860,
				.skilled_employees = 1320};
	int64_t id = norm_create(d, ent, &in, e);
	json_decref(levels);
	return id;
}

int demo_norms(db *d, int64_t jinan_ent, int64_t qingdao_ent, err *e)
{
	principal ent, city, prov;
	if (demo_login(d, "jinan_ent_admin", &ent, e) != 0 || demo_login(d, "jinan_admin", &city, e) != 0 ||
	    demo_login(d, "admin", &prov, e) != 0)
		return err_isset(e) ? -1 : 0;
	char occ[32];
	int level = 4;
	if (demo_scope_occupation(d, jinan_ent, 4, true, occ, e) != 0)
		return -1;
	if (!occ[0]) {
		level = 5;
		if (demo_scope_occupation(d, jinan_ent, 5, true, occ, e) != 0)
			return -1;
	}
	if (!occ[0])
		return 0; /* no occupation to write a norm for */
	int64_t v1 = file_norm(d, &ent, occ, level, 3,
			       "济南演示装备制造有限公司职业技能等级认定评价规范（2026版）", e);
	if (v1 < 0 || norm_transition(d, &ent, v1, "submitted", NULL, e) != 0 ||
	    norm_transition(d, &city, v1, "approved", NULL, e) != 0)
		return -1;
	/* the plan on version 1, open for registration now */
	int today = date_today_utc8();
	char start[11], end[11], exam[11];
	date_format(today, start);
	date_format(date_from_days(date_to_days(today) + 10), end);
	date_format(date_from_days(date_to_days(today) + 20), exam);
	struct plan_input pin = {.occupation_code = occ,
				 .title = "2026年企业自主评价（按本企业评价规范）",
				 .reg_start = start,
				 .reg_end = end,
				 .exam_date = exam,
				 .level = level,
				 .capacity = 30,
				 .publicity_days = 5,
				 .subjects = PLAN_THEORY | PLAN_PRACTICAL,
				 .norm_id = v1};
	int64_t plan = plan_create(d, &ent, &pin, e);
	if (plan < 0 || plan_transition(d, &ent, plan, "filed", NULL, NULL, e) != 0 ||
	    plan_transition(d, &city, plan, "open", NULL, NULL, e) != 0)
		return -1;
	char opt[16];
	snprintf(opt, sizeof opt, "2023-%d-a", level);
	const char *posts[] = {"数控装调岗", "装配岗"};
	for (int k = 0; k < 2; k++) {
		int64_t person = 0; /* the enterprise's k-th employee */
		if (db_one_int(
			    d,
			    k ? "SELECT id FROM persons WHERE employer_id = $1 ORDER BY id LIMIT 1 OFFSET 1"
			      : "SELECT id FROM persons WHERE employer_id = $1 ORDER BY id LIMIT 1",
			    DB_ARGS(DV_I(jinan_ent)), &person, e) < 0)
			return -1;
		if (person <= 0)
			break;
		struct registration_input rin = {.plan_id = plan,
						 .person_id = person,
						 .option = opt,
						 .declared = true,
						 .post = posts[k]};
		if (registration_create(d, &ent, &rin, e) < 0)
			return -1;
	}
	/* version 2 (满4年) approved by the province: version 1 is superseded, the open plan keeps it */
	int64_t v2 = file_norm(d, &ent, occ, level, 4,
			       "济南演示装备制造有限公司职业技能等级认定评价规范（2026版修订）", e);
	if (v2 < 0 || norm_transition(d, &ent, v2, "submitted", NULL, e) != 0 ||
	    norm_transition(d, &prov, v2, "approved", NULL, e) != 0)
		return -1;
	/* 青岛's enterprise: a version waiting for the bureau */
	if (!qingdao_ent || demo_scope_occupation(d, qingdao_ent, 4, false, occ, e) != 0)
		return err_isset(e) ? -1 : 0;
	level = 4;
	if (!occ[0]) {
		level = 5;
		if (demo_scope_occupation(d, qingdao_ent, 5, false, occ, e) != 0)
			return -1;
	}
	if (!occ[0])
		return 0;
	principal qd = {.role = ROLE_INSTITUTION_ADMIN, .institution_id = qingdao_ent};
	snprintf(qd.username, sizeof qd.username, "demo");
	int64_t q1 = file_norm(d, &qd, occ, level, 3, "青岛演示企业职业技能等级认定评价规范", e);
	return q1 < 0 || norm_transition(d, &qd, q1, "submitted", NULL, e) != 0 ? -1 : 0;
}
