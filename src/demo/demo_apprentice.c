/* demo_apprentice.c: 企业新型学徒制 in the demo province (docs/DOMAIN.md §54). 济南 set its rate (6,000 元
 * per apprentice a year); 济南演示装备制造有限公司 (jinan_ent_admin) filed three apprentices with
 * 济南演示技师学院, each with a mentor and 带徒津贴: the first, on an 18-month plan that ended last month,
 * was approved, assessed and completed (学徒工), and the enterprise's subsidy (9,000 元) went through 审核,
 * 公示 and payment on the ledger — once; the second is in training; the third waits for 济南's approval. Made
 * once. */
#include "util/common.h"
#include "demo/demo.h"
#include "core/date.h"
#include "core/subsidy.h"
#include "svc/cultivation/apprenticeships.h"
#include "svc/training/claims.h"
#include "svc/cultivation/groups.h"
#include "svc/cultivation/jobs.h"

/* the account's principal as a login would make it */
int demo_login(db *d, const char *username, principal *p, err *e)
{
	db_stmt *st = db_query(d,
			       "SELECT id, role, COALESCE(institution_id, 0), COALESCE(region_code, ''), "
			       "COALESCE(person_id, 0) FROM users WHERE username = $1",
			       DB_ARGS(DV_S(username)), e);
	int row = st ? db_row(st, e) : -1;
	if (row == 1) {
		memset(p, 0, sizeof *p);
		p->user_id = db_int(st, 0);
		role_parse(db_text(st, 1), &p->role);
		p->institution_id = db_int(st, 2);
		region_prefix(db_text(st, 3), p->region);
		p->person_id = db_int(st, 4);
		snprintf(p->username, sizeof p->username, "%s", username);
	}
	db_done(st);
	return row == 1 ? 0 : -1;
}

static int64_t id_of(json_t *o)
{
	int64_t id = o ? json_integer_value(json_object_get(o, "id")) : 0;
	json_decref(o);
	return id;
}

static int64_t file(db *d, const principal *boss, int64_t ent, int64_t school, int64_t person,
		    const char *occ, int start, int months, const char *mentor, err *e)
{
	char cs[11], ts[11], te[11];
	date_format(start, cs);
	date_format(start, ts);
	date_format(subsidy_add_months(start, months), te);
	struct appr_input in = {.employer_id = ent,
				.trainer_id = school,
				.person_id = person,
				.occupation_code = occ,
				.level = 4,
				.mentor_name = mentor,
				.mentor_allowance_fen = 60000,
				.contract_start = cs,
				.training_start = ts,
				.training_end = te,
				.plan = "工学一体化：技师学院理论教学 + 企业岗位实训，师傅带徒（演示）"};
	return id_of(appr_create(d, boss, &in, e));
}

/* 就业服务 in the demo (see the head of the file) */
static int demo_jobs(db *d, const principal *city, int64_t ent, int64_t appr, int64_t apprentice, err *e)
{
	int64_t person = 0;
	int rc = db_one_int(d, "SELECT COALESCE(person_id, 0) FROM users WHERE username = 'candidate1'",
			    DB_NOARGS, &person, e);
	if (rc != DB_OK || !person)
		return rc == DB_NOT_FOUND ? 0 : db_rc_to_err(d, rc, e);
	char posted[11];
	date_format(subsidy_add_months(date_today_utc8(), -1), posted);
	static const struct {
		const char *ref, *region, *occ, *employer, *title;
		int level; /* a ladder rung, -1 none */
	} posts[] = {
		{"demo-1", "370102", "4-04-05-07", "济南演示装备制造有限公司", "设备运维（中级工及以上）", 2},
		{"demo-2", "370112", "4-04-05-07", "济南演示数据服务有限公司", "运维值班员", -1},
		{"demo-3", "370104", "4-04-05-07", "济南演示云计算有限公司", "高级运维工程师（高级工及以上）",
		 3},
		{"demo-4", "370202", "4-04-05-07", "青岛演示港口有限公司", "设备运维", 2},
		{"demo-5", "370102", "6-18-02-04", "济南演示装备制造有限公司", "钳工", 2},
	};
	for (size_t i = 0; i < ARRAY_LEN(posts); i++)
		if (db_run(d,
			   "INSERT INTO job_postings (source, source_ref, region_code, occupation_code, "
			   "employer, title, "
			   "vacancies, level, pay_min_fen, pay_max_fen, posted_on, imported_at) VALUES "
			   "('demo',$1,$2,$3,$4,$5,3,$6,600000,900000,$7,$8) ON CONFLICT (source, "
			   "source_ref) DO "
			   "NOTHING",
			   DB_ARGS(DV_S(posts[i].ref), DV_S(posts[i].region), DV_S(posts[i].occ),
				   DV_S(posts[i].employer), DV_S(posts[i].title),
				   posts[i].level < 0 ? DV_NULL : DV_I(posts[i].level), DV_S(posted),
				   DV_I(now_s())),
			   e) < 0)
			return -1;
	char from[11];
	date_format(subsidy_add_months(date_today_utc8(), -2), from);
	principal self;
	if (demo_login(d, "candidate1", &self, e))
		return err_isset(e) ? -1 : 0;
	struct group_flag_input flag = {
		.source = "declared", .valid_from = from, .evidence = "在读证明（演示）"};
	json_t *r = group_flag_put(d, &self, person, "young_student", &flag, e);
	if (!r)
		return -1;
	json_decref(r);
	flag.source = "verified";
	flag.evidence = "济南市人社局核实（演示）";
	if (!(r = group_flag_put(d, city, person, "young_student", &flag, e)))
		return -1;
	json_decref(r);
	if (!(r = job_recommend_send(d, city, person, e)))
		return -1;
	json_decref(r);
	/* the completed apprentice stays with the enterprise: employed within 6 months of completion */
	char today[11];
	date_format(date_today_utc8(), today);
	struct outcome_input oc = {.person_id = apprentice,
				   .ref_kind = "apprenticeship",
				   .ref_id = appr,
				   .employed = 1,
				   .employer_name = "济南演示装备制造有限公司",
				   .employer_id = ent,
				   .employed_on = today};
	if (!(r = outcome_put(d, city, &oc, e)))
		return -1;
	json_decref(r);
	return 0;
}

int demo_apprentice(db *d, int64_t ent, int64_t school, int64_t org, err *e)
{
	principal city, boss;
	if (demo_login(d, "jinan_admin", &city, e) || demo_login(d, "jinan_ent_admin", &boss, e))
		return err_isset(e) ? -1 : 0;
	char occ[32] = "";
	if (demo_scope_occupation(d, org, 4, false, occ, e))
		return -1;
	/* three workers of the enterprise (after those demo_card and demo_posts use) */
	int64_t w[3] = {0, 0, 0};
	db_stmt *st =
		db_query(d, "SELECT id FROM persons WHERE employer_id = $1 ORDER BY id LIMIT 3 OFFSET 20",
			 DB_ARGS(DV_I(ent)), e);
	for (int i = 0; st && i < 3 && db_step(st) == DB_ROW; i++)
		w[i] = db_int(st, 0);
	if (!st || db_finish(st, e))
		return -1;
	if (!w[2])
		return 0; /* a demo too small for the story goes without it */
	if (!occ[0])
		return 0;
	/* 济南's rate: 6,000 元 a year (above the 5,000 元 floor; the city's figure is a demo value [GAP]) */
	json_t *r =
		appr_rate_put(d, &city, "370100", 600000, "济南市新型学徒制培训补贴标准（演示值 [GAP]）", e);
	if (!r)
		return -1;
	json_decref(r);
	int today = date_today_utc8();
	/* the first: 18 months that ended last month, approved, assessed, completed */
	int64_t a1 = file(d, &boss, ent, school, w[0], occ, subsidy_add_months(today, -19), 18, "张建国", e);
	if (!a1 || !(r = appr_move(d, &city, a1, "training", NULL, e)))
		return -1;
	json_decref(r);
	char on[11];
	date_format(subsidy_add_months(today, -10), on);
	if (!(r = appr_progress_add(d, &boss, a1, "stage", on, 480, 0, "第一阶段：基础理论与安全规程", e)))
		return -1;
	json_decref(r);
	date_format(subsidy_add_months(today, -1), on);
	if (!(r = appr_progress_add(d, &boss, a1, "final", on, 160, 1,
				    "结业考核合格（技师学院与企业联合考核）", e)))
		return -1;
	json_decref(r);
	if (!(r = appr_move(d, &boss, a1, "completed", NULL, e)))
		return -1;
	json_decref(r);
	/* the employer's subsidy: filed by 济南, reviewed, in 公示 for 5 working days (begun a month ago
	 * here), payable and paid — once */
	json_t *c = appr_claim(d, &city, a1, e);
	int64_t claim = c ? json_integer_value(json_object_get(c, "claim_id")) : 0;
	json_decref(c);
	if (!claim)
		return -1;
	if (claim_move(d, &city, claim, "reviewed", NULL, NULL, e) ||
	    claim_move(d, &city, claim, "publicity", NULL, NULL, e))
		return -1;
	if (db_run(d, "UPDATE subsidy_claims SET updated_at = updated_at - 2592000 WHERE id = $1",
		   DB_ARGS(DV_I(claim)), e) < 0)
		return -1;
	if (claim_move(d, &city, claim, "payable", NULL, NULL, e) ||
	    claim_move(d, &city, claim, "paid", NULL, NULL, e))
		return -1;
	/* the second in training, the third waiting for 济南 */
	int64_t a2 = file(d, &boss, ent, school, w[1], occ, subsidy_add_months(today, -6), 24, "李卫东", e);
	if (!a2 || !(r = appr_move(d, &city, a2, "training", NULL, e)))
		return -1;
	json_decref(r);
	if (!file(d, &boss, ent, school, w[2], occ, today, 12, "张建国", e))
		return -1;
	return demo_jobs(d, &city, ent, a1, w[0], e);
}
