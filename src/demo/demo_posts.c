/* demo_posts.c: 特级技师、首席技师评聘 in the demo province (docs/DOMAIN.md §49). 济南's bureau (jinan_admin)
 * has authorised 济南演示装备制造有限公司 (jinan_ent_admin) to run the trial; the enterprise set up a
 * 特级技师 post (pay at its 正高级工程师 standard, seed 002's one-off and monthly sums) and a 首席技师 post
 * (at its 副总 standard), opened a round for the 特级技师 post with a panel of three senior examiners (the
 * three stages), two of its 高级技师 applied, the panel (post_expert1..3) scored, the round ranked them (the
 * second under the pass score) and appointed the first for three years, and the province published the name
 * list (GET /public/posts). A second round is open for applications. Made once. */
#include "util/common.h"
#include "demo/demo.h"
#include "core/date.h"
#include "svc/auth/users.h"
#include "svc/cert/certs.h"
#include "svc/evaluation/results.h"
#include "svc/incentive/posts.h"
#include <math.h>

static int64_t id_of(json_t *o)
{
	int64_t id = o ? json_integer_value(json_object_get(o, "id")) : 0;
	json_decref(o);
	return id;
}

/* a 高级技师 certificate of the person, issued five years ago */
static int senior_certificate(db *d, const principal *sys, int64_t person, int64_t inst, const char *occ,
			      err *e)
{
	int day = date_add_years(date_today_utc8(), -5);
	char exam[11];
	date_format(date_from_days(date_to_days(day) - 20), exam);
	struct result_input in = {.person_id = person,
				  .institution_id = inst,
				  .occupation_code = occ,
				  .exam_date = exam,
				  .level = 1,
				  .theory = 88,
				  .practical = 90,
				  .review = 87,
				  .passed = -1,
				  .correction_reason = "演示数据：评聘演示的历史评价记录补录"};
	date_set_today(day);
	int64_t id = result_create(d, sys, &in, e);
	json_t *got = id > 0 ? cert_issue(d, sys, &id, 1, e) : NULL;
	date_set_today(0);
	json_decref(got);
	return got ? 0 : -1;
}

static int login_as(db *d, const char *username, principal *p, err *e)
{
	db_stmt *st =
		db_query(d,
			 "SELECT id, role, COALESCE(institution_id, 0), COALESCE(region_code, '') FROM users "
			 "WHERE username = $1",
			 DB_ARGS(DV_S(username)), e);
	int row = st ? db_row(st, e) : -1;
	if (row == 1) {
		memset(p, 0, sizeof *p);
		p->user_id = db_int(st, 0);
		role_parse(db_text(st, 1), &p->role);
		p->institution_id = db_int(st, 2);
		region_prefix(db_text(st, 3), p->region);
		snprintf(p->username, sizeof p->username, "%s", username);
	}
	db_done(st);
	return row == 1 ? 0 : -1;
}

int demo_posts(db *d, const principal *sys, int64_t ent, int64_t org, err *e)
{
	char occ[32] = "";
	db_stmt *st = db_query(
		d,
		"SELECT occupation_code, levels FROM institution_scopes WHERE institution_id = $1 ORDER BY "
		"occupation_code",
		DB_ARGS(DV_I(org)), e);
	while (st && !occ[0] && db_step(st) == DB_ROW)
		if ((db_int(st, 1) >> 1) & 1)
			snprintf(occ, sizeof occ, "%s", db_text(st, 0));
	if (!st || db_finish(st, e))
		return -1;
	int64_t w[5] = {0, 0, 0, 0, 0};
	st = db_query(d, "SELECT id FROM persons WHERE employer_id = $1 ORDER BY id LIMIT 5 OFFSET 10",
		      DB_ARGS(DV_I(ent)), e);
	for (int i = 0; st && i < 5 && db_step(st) == DB_ROW; i++)
		w[i] = db_int(st, 0);
	if (!st || db_finish(st, e))
		return -1;
	if (!occ[0] || !w[1])
		return 0; /* a demo too small for the story goes without it */
	principal city, boss;
	if (login_as(d, "jinan_admin", &city, e) || login_as(d, "jinan_ent_admin", &boss, e))
		return err_isset(e) ? -1 : 0;
	char today[11];
	date_format(date_today_utc8(), today);

	/* 济南 authorises the enterprise (seed 004: the city selects its 领军企业) */
	struct post_trial_input trial = {.institution_id = ent,
					 .doc_no = "济人社字〔2026〕18号（演示）",
					 .decided_on = today,
					 .scope = "装备制造领域特级技师、首席技师岗位评聘试点（演示）",
					 .covers_chief = 1};
	if (!id_of(post_trial_add(d, &city, &trial, e)))
		return -1;
	/* the posts: 特级技师 at the 正高级工程师 standard, 首席技师 at the 副总 standard (seed 004); seed
	 * 002's sums */
	struct post_condition cond[] = {
		{"在聘高级技师，在本企业生产一线工作",
		 "[GAP] 人社部发〔2022〕14号 全文未得；企业评聘办法（演示）"},
		{"近 5 年主持或参与重大技术攻关、技术革新成果", "[GAP] 企业评聘办法（演示）"},
	};
	struct post_def_input sp = {
		.rung = "special",
		.name = "特级技师（装备制造）",
		.seats = 2,
		.term_months = 36,
		.min_rung = "level1",
		.conditions = cond,
		.nconditions = 2,
		.reference_post = "正高级工程师",
		.reference_pay_fen = 2200000,
		.monthly_pay_fen = 2200000,
		.monthly_allowance_fen = 300000,
		.one_off_fen = 3000000,
		.benefits = "按照企业正高级工程师兑现工资待遇（种子 000、004）；聘期内技能津贴 3000 "
			    "元/月、一次性奖励 3 万元（参照种子 002 山东能源集团示例）"};
	int64_t post = id_of(post_def_add(d, &boss, &sp, e));
	struct post_def_input cp = sp;
	cp.rung = "chief";
	cp.name = "首席技师（装备制造）";
	cp.seats = 1;
	cp.min_rung = "special";
	cp.reference_post = "副总经理";
	cp.reference_pay_fen = 3500000;
	cp.monthly_pay_fen = 3500000;
	cp.one_off_fen = 8000000;
	cp.benefits = "按照企业副总兑现工资待遇（种子 004），不低于特级技师";
	if (!post || !id_of(post_def_add(d, &boss, &cp, e)))
		return -1;
	/* the panel: three senior examiners from outside the enterprise */
	int64_t ex[3];
	principal exp[3];
	for (int i = 0; i < 3; i++) {
		char name[32], disp[64];
		snprintf(name, sizeof name, "post_expert%d", i + 1);
		snprintf(disp, sizeof disp, "评聘评审专家 %d（高级考评员）", i + 1);
		struct user_input u = {.username = name,
				       .password = DEMO_PASSWORD,
				       .display_name = disp,
				       .role = "examiner",
				       .examiner_grade = "senior",
				       .institution_id = org};
		char cert[32];
		snprintf(cert, sizeof cert, "DEMO-GKPY-POST-%d", i + 1);
		/* 评价队伍 (§57): a post panel takes 高级考评员 holding a valid qualification */
		if (user_create(d, sys, &u, &ex[i], e) ||
		    demo_qualify(d, sys, ex[i], "senior_examiner", cert, e) || login_as(d, name, &exp[i], e))
			return -1;
	}
	struct post_criterion crit[] = {
		{"业绩成果（技术攻关、革新、带徒）", 40, "performance", -1},
		{"现场答辩", 30, "defence", -1},
		{"综合评审（★）", 30, "overall", 1},
	};
	struct post_round_input rin = {.post_id = post,
				       .name = "2026 年度特级技师评聘（第一批）",
				       .pass_score = 70,
				       .criteria = crit,
				       .ncriteria = 3,
				       .examiners = ex,
				       .nexaminers = 3,
				       .spread_pct = NAN};
	int64_t round = id_of(post_round_add(d, &boss, &rin, e));
	if (!round)
		return -1;
	for (int i = 0; i < 2; i++) {
		if (senior_certificate(d, sys, w[i], org, occ, e))
			return -1;
		json_t *a = post_apply(d, &boss, round, w[i],
				       i ? "改进装配工艺 3 项" : "主持数控机床精度攻关 12 项，带徒 20 人", e);
		if (!a)
			return -1;
		json_decref(a);
	}
	json_t *m = post_round_move(d, &boss, round, "scoring", NULL, e);
	if (!m)
		return -1;
	json_t *apps = json_object_get(m, "applications");
	static const double sc[2][3] = {{37, 27, 27}, {30, 20, 19}};
	for (size_t i = 0; i < 2; i++)
		for (int k = 0; k < 3; k++) {
			json_t *s =
				post_score(d, &exp[k],
					   json_integer_value(json_object_get(json_array_get(apps, i), "id")),
					   sc[i], 3, e);
			if (!s) {
				json_decref(m);
				return -1;
			}
			json_decref(s);
		}
	json_decref(m);
	/* two seats and a pass score of 70: the first (91) is appointed, the second (69) is ranked below it
	 */
	if (!(m = post_round_move(d, &boss, round, "ranked", NULL, e)))
		return -1;
	json_decref(m);
	if (!(m = post_round_move(d, &boss, round, "appointed", NULL, e)))
		return -1;
	json_decref(m);
	principal prov;
	if (login_as(d, "admin", &prov, e))
		return -1;
	if (!(m = post_publish(d, &prov, e)))
		return -1;
	json_decref(m);
	/* a second round under review (§58): two more 高级技师 applied, post_expert2 and 3 have scored,
	 * post_expert1 scores on 评审打分 (/examiner/reviews) in the demo */
	rin.name = "2026 年度特级技师评聘（第二批）";
	int64_t round2 = id_of(post_round_add(d, &boss, &rin, e));
	if (!round2)
		return -1;
	for (int i = 2; i < 4 && w[i]; i++) {
		if (senior_certificate(d, sys, w[i], org, occ, e))
			return -1;
		json_t *a = post_apply(d, &boss, round2, w[i],
				       i == 2 ? "主持焊接机器人工作站改造，获省职工技术创新成果奖"
					      : "带徒 15 人，其中 3 人获市技术能手称号",
				       e);
		if (!a)
			return -1;
		json_decref(a);
	}
	if (!(m = post_round_move(d, &boss, round2, "scoring", NULL, e)))
		return -1;
	apps = json_object_get(m, "applications");
	static const double sc2[3] = {33, 25, 26};
	for (size_t i = 0; i < json_array_size(apps); i++)
		for (int k = 1; k < 3; k++) {
			json_t *s =
				post_score(d, &exp[k],
					   json_integer_value(json_object_get(json_array_get(apps, i), "id")),
					   sc2, 3, e);
			if (!s) {
				json_decref(m);
				return -1;
			}
			json_decref(s);
		}
	json_decref(m);
	/* a third round, open for applications: the worker post_worker (a 高级技师 of the enterprise) applies
	 * on 岗位申报 (/me/posts) */
	rin.name = "2026 年度特级技师评聘（第三批）";
	if (!id_of(post_round_add(d, &boss, &rin, e)))
		return -1;
	if (!w[4])
		return 0;
	if (senior_certificate(d, sys, w[4], org, occ, e))
		return -1;
	int64_t uid = 0;
	struct user_input wu = {.username = "post_worker",
				.password = DEMO_PASSWORD,
				.display_name = "评聘演示职工（高级技师）",
				.role = "candidate",
				.person_id = w[4]};
	return user_create(d, sys, &wu, &uid, e);
}
