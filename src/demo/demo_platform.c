/* demo_platform.c: 平台载体项目 in the demo province (docs/DOMAIN.md §56, docs/DOMAIN.md "Demo"). This year's
 * call opened five weeks ago (国家级技能大师工作室 and 齐鲁技能大师特色工作站; 济南 2 recommendations, 青岛
 * 1; the three 临沂 examiners on the panel). 济南's enterprise (jinan_ent_admin) applied for a
 * 国家级技能大师工作室 led by its 齐鲁工匠 (a 技师), 济南 recommended it, the panel scored it independently,
 * it passed the 公示 and was established with the province's 100,000 yuan (不低于: seed 003 §15). The grant
 * goes out in tranches: 50,000 from 就业补助资金 and 30,000 from 失业保险基金, each co-approved by 财政
 * (finance1) and paid into the ledger; a third of 20,000 from 职工教育 经费 waits for 财政's decision. The
 * studio logged its activity (an apprentice who gained a certificate this year, 技能攻关, 技艺传承, 技能推广,
 * a patent), and the province's 绩效考核 of this year read it. Made once (demo_seed runs once). */
#include "util/common.h"
#include "demo/demo.h"
#include "core/date.h"
#include "svc/cert/certs.h"
#include "svc/evaluation/results.h"
#include "svc/platform/projects.h"

#define DEMO_PF_HISTORY "演示数据：平台载体演示的历史评价记录补录"

static int64_t user_id(db *d, const char *name, err *e)
{
	int64_t id = 0;
	return db_one_int(d, "SELECT id FROM users WHERE username = $1", DB_ARGS(DV_S(name)), &id, e) == DB_OK
		       ? id
		       : 0;
}

static int shift(int today, int days)
{
	return date_from_days(date_to_days(today) + days);
}

/* a certificate of `level` for the person, issued by `inst` on `day` */
static int certificate(db *d, const principal *sys, int64_t person, int64_t inst, const char *occ, int level,
		       int day, err *e)
{
	char exam[11];
	date_format(shift(day, -20), exam);
	struct result_input in = {.person_id = person,
				  .institution_id = inst,
				  .occupation_code = occ,
				  .exam_date = exam,
				  .level = level,
				  .theory = 86,
				  .practical = 88,
				  .review = level <= 2 ? 85 : -1,
				  .passed = -1,
				  .correction_reason = DEMO_PF_HISTORY};
	date_set_today(day);
	int64_t id = result_create(d, sys, &in, e);
	json_t *got = id > 0 ? cert_issue(d, sys, &id, 1, e) : NULL;
	date_set_today(0);
	json_decref(got);
	return got ? 0 : -1;
}

#define OK_OR_FAIL(x)                                                                                        \
	do {                                                                                                 \
		json_t *_o = (x);                                                                            \
		if (!_o)                                                                                     \
			goto fail;                                                                           \
		json_decref(_o);                                                                             \
	} while (0)

int demo_platform(db *d, const principal *sys, int64_t ent, int64_t org, err *e)
{
	int today = date_today_utc8(), year = today / 10000;
	int64_t ex[3] = {user_id(d, "linyi_examiner1", e), user_id(d, "linyi_examiner2", e),
			 user_id(d, "linyi_examiner3", e)};
	int64_t fin = user_id(d, "finance1", e), city = user_id(d, "jinan_admin", e),
		entadm = user_id(d, "jinan_ent_admin", e);
	if (!ex[0] || !ex[1] || !ex[2] || !fin || !city || !entadm)
		return err_isset(e) ? -1 : 0;
	/* the lead: the enterprise's 齐鲁工匠 (demo_card.c), a 技师 */
	int64_t lead = 0, apprentice = 0;
	int rc = db_one_int(
		d,
		"SELECT MIN(h.person_id) FROM person_honours h JOIN persons p ON p.id = h.person_id "
		"WHERE p.employer_id = $1 AND h.kind = 'qilu_craftsman'",
		DB_ARGS(DV_I(ent)), &lead, e);
	if (rc != DB_OK)
		return -1;
	if (!lead)
		return 0; /* a demo province without the craftsman: nothing to show */
	/* the apprentice: the enterprise's newest worker */
	rc = db_one_int(
		d,
		"SELECT COALESCE(MAX(p.id), 0) FROM persons p WHERE p.employer_id = $1 AND p.id <> $2 AND "
		"NOT EXISTS (SELECT 1 FROM certificates c WHERE c.person_id = p.id)",
		DB_ARGS(DV_I(ent), DV_I(lead)), &apprentice, e);
	if (rc != DB_OK)
		return -1;
	char occ[32] = "", occ4[32] = "";
	if (demo_scope_occupation(d, org, 2, false, occ, e) ||
	    demo_scope_occupation(d, org, 4, false, occ4, e))
		return -1;
	if (!apprentice || !occ[0] || !occ4[0])
		return 0;
	int64_t held = 0;
	if (db_one_int(
		    d,
		    "SELECT COUNT(*) FROM certificates WHERE person_id = $1 AND status = 'valid' AND level "
		    "BETWEEN 1 AND 2",
		    DB_ARGS(DV_I(lead)), &held, e) != DB_OK)
		return -1;
	if ((!held && certificate(d, sys, lead, org, occ, 2, shift(today, -900), e)) ||
	    certificate(d, sys, apprentice, org, occ4, 4, shift(today, -3), e))
		return -1;

	principal entp = {.user_id = entadm,
			  .role = ROLE_INSTITUTION_ADMIN,
			  .institution_id = ent,
			  .username = "jinan_ent_admin"};
	principal cityp = {
		.user_id = city, .role = ROLE_CITY_ADMIN, .region = "3701", .username = "jinan_admin"};
	principal finp = {.user_id = fin, .role = ROLE_FINANCE, .region = "37", .username = "finance1"};
	principal exp[3];
	for (int i = 0; i < 3; i++)
		exp[i] = (principal){.user_id = ex[i], .role = ROLE_EXAMINER, .username = "linyi_examiner"};

	/* the call, five weeks ago */
	char opens[11], closes[11], title[80];
	date_format(shift(today, -36), opens);
	date_format(shift(today, -29), closes);
	snprintf(title, sizeof title, "%d 年技能人才平台载体建设项目申报", year);
	struct pf_call_input cin = {.year = year,
				    .min_experts = 3,
				    .publicity_days = 5,
				    .title = title,
				    .opens_on = opens,
				    .closes_on = closes,
				    .types = {"national_studio", "qilu_workstation"},
				    .places = {2, 5},
				    .ntypes = 2,
				    .experts = {ex[0], ex[1], ex[2]},
				    .nexperts = 3};
	int64_t call = 0, app = 0, pf = 0;
	date_set_today(shift(today, -36));
	json_t *c = pf_call_create(d, sys, &cin, e);
	call = c ? json_integer_value(json_object_get(c, "id")) : 0;
	json_decref(c);
	if (!call)
		goto fail;
	const char *regions[] = {"3701", "3702"};
	int64_t quotas[] = {2, 1};
	OK_OR_FAIL(pf_quotas_put(d, sys, call, regions, quotas, 2, e));
	/* the application, its recommendation, the review */
	date_set_today(shift(today, -33));
	struct pf_app_input ain = {.type_code = "national_studio",
				   .name = "济南演示装备制造有限公司技能大师工作室",
				   .lead_person_id = lead,
				   .fact_names = {"area_m2", "high_skill_budget_pct"},
				   .fact_values = {120, 65},
				   .nfacts = 2};
	json_t *a = pf_apply(d, &entp, call, &ain, e);
	app = a ? json_integer_value(json_object_get(a, "id")) : 0;
	json_decref(a);
	if (!app)
		goto fail;
	date_set_today(shift(today, -31));
	OK_OR_FAIL(pf_recommend(d, &cityp, app, true, "同意推荐：工作室带徒成效明显", e));
	date_set_today(shift(today, -28));
	OK_OR_FAIL(pf_call_move(d, sys, call, "reviewing", NULL, NULL, 0, e));
	static const int64_t scores[3] = {88, 92, 85};
	for (int i = 0; i < 3; i++)
		OK_OR_FAIL(pf_score(d, &exp[i], app, scores[i], "演示：场地与经费达标，传帮带成效好", e));
	date_set_today(shift(today, -25));
	OK_OR_FAIL(pf_call_move(d, sys, call, "publicity", NULL, NULL, 0, e));
	date_set_today(shift(today, -14));
	OK_OR_FAIL(pf_call_move(d, sys, call, "established", NULL, NULL, 0, e));
	date_set_today(0);
	if (db_one_int(d, "SELECT id FROM platforms WHERE application_id = $1", DB_ARGS(DV_I(app)), &pf, e) !=
	    DB_OK)
		return -1;

	/* the grant in tranches, each co-approved by 财政 */
	static const struct {
		int64_t fen;
		const char *source;
		bool pay;
	} tr[] = {{5000000, "employment_subsidy", true},
		  {3000000, "unemployment_insurance", true},
		  {2000000, "staff_education", false}};
	for (size_t i = 0; i < ARRAY_LEN(tr); i++) {
		json_t *t = pf_tranche_add(d, sys, pf, tr[i].fen, tr[i].source, "演示：按建设进度拨付", e);
		int64_t tid = t ? json_integer_value(json_object_get(t, "id")) : 0;
		json_decref(t);
		if (!tid)
			return -1;
		if (!tr[i].pay)
			continue; /* the third waits for 财政 */
		json_t *x = pf_tranche_decide(d, &finp, tid, true, "同意拨付", e);
		json_decref(x);
		x = x ? pf_tranche_pay(d, sys, tid, e) : NULL;
		json_decref(x);
		if (!x)
			return -1;
	}
	/* the activity log and this year's 绩效考核 */
	char day[11];
	date_format(shift(today, -2), day);
	struct pf_activity_input acts[] = {
		{"apprentice", day, "师带徒：签订带徒协议并取得四级证书（五名徒弟）", 5, apprentice},
		{"tackle", day, "技能攻关：大型结构件焊接变形控制", 2, 0},
		{"heritage", day, "技艺传承：传统铆焊工艺整理", 2, 0},
		{"promotion", day, "技能推广：面向中小企业的焊接工艺讲座", 2, 0},
		{"patent", day, "实用新型专利：一种焊接夹具", 1, 0},
	};
	for (size_t i = 0; i < ARRAY_LEN(acts); i++)
		OK_OR_FAIL(pf_activity_add(d, &entp, pf, &acts[i], e));
	OK_OR_FAIL(pf_appraise(d, sys, pf, year, e));
	return 0;
fail:
	date_set_today(0);
	return -1;
}
