/* demo_competition.c: 职业技能竞赛 in the demo province (issue 21 items 1-3): the series 山东省职业技能大赛
 * (every two years) and 技能兴鲁 乡村振兴; next year's provincial plan — the province's 山东省职业技能大赛
 * (class 1, 十强产业), 济南's 乡村振兴 contest (class 2), 济南演示装备制造有限公司's enterprise contest
 * (class 2) approved, a duplicate application rejected with its reason — published by the province; the 大赛
 * open for registration with 焊工 and 电工 (职工组 / 学生组) and 机器人系统集成 (a WorldSkills skill, teams
 * of two), quotas of two a city and event, contestants nominated by 济南 and 青岛 (two approved, one awaiting
 * review); 济南's 劳动之星 city contest closed and drawn (its public start list); 岗位练兵 / 技术比武 counts
 * of 2024 and 2025. Everything through the use cases of src/svc/competition, as the accounts who would do it.
 */
#include "util/common.h"
#include "demo/demo.h"
#include "core/date.h"
#include "svc/competition/competitions.h"
#include "svc/competition/entries.h"

static int account(db *d, const char *username, principal *p, err *e)
{
	memset(p, 0, sizeof *p);
	db_stmt *st = db_query(
		d, "SELECT id, role, region_code, COALESCE(institution_id, 0) FROM users WHERE username = $1",
		DB_ARGS(DV_S(username)), e);
	if (!st)
		return -1;
	int row = db_row(st, e);
	if (row > 0) {
		p->user_id = db_int(st, 0);
		role_parse(db_text(st, 1), &p->role);
		snprintf(p->username, sizeof p->username, "%s", username);
		if (db_text(st, 2) && *db_text(st, 2))
			region_prefix(db_text(st, 2), p->region);
		p->institution_id = db_int(st, 3);
	}
	db_done(st);
	if (row <= 0)
		return row < 0 ? -1 : ERR_INTERNAL(e, "demo account missing");
	if (p->role == ROLE_PROVINCE_ADMIN)
		snprintf(p->region, sizeof p->region, "37");
	return 0;
}

static int64_t id_of(json_t *o)
{
	int64_t id = o ? json_integer_value(json_object_get(o, "id")) : 0;
	json_decref(o);
	return id;
}

/* an event with one or two groups */
static int64_t event(db *d, const principal *a, int64_t comp, const char *name, const char *occ,
		     const char *skill, int team, bool students, err *e)
{
	struct comp_event_input in = {.competition_id = comp,
				      .name = name,
				      .occupation_code = occ,
				      .worldskills_skill = skill,
				      .team_size = team};
	if (team <= 1) {
		in.groups[in.ngroups].grp = "worker";
		in.groups[in.ngroups].rule = (struct comp_group_rule){.min_age = 18, .max_age = 60};
		in.groups[in.ngroups].employment = "employed";
		in.groups[in.ngroups].enrolment = "not_enrolled";
		in.ngroups++;
	}
	if (students) {
		in.groups[in.ngroups].grp = "student";
		in.groups[in.ngroups].rule = (struct comp_group_rule){.min_age = 16, .max_age = 28};
		in.groups[in.ngroups].enrolment = "enrolled";
		in.ngroups++;
	}
	return id_of(comp_event_add(d, a, &in, e));
}

/* persons of a city who are employed and 22..50 on `on`, not yet in `event`, first by id */
static int pick_workers(db *d, const char *city_prefix, int on, int64_t event_id, int64_t *out, int n, err *e)
{
	char pat[16], lo[11], hi[11];
	snprintf(pat, sizeof pat, "%s%%", city_prefix);
	date_format(date_add_years(on, -50), lo);
	date_format(date_add_years(on, -22), hi);
	db_stmt *st = db_query(
		d,
		"SELECT p.id FROM persons p WHERE p.region_code LIKE $1 AND p.employer_id IS NOT NULL AND "
		"p.birth_date >= $2 AND p.birth_date <= $3 AND NOT EXISTS (SELECT 1 FROM "
		"competition_entries en WHERE en.event_id = $4 AND en.person_id = p.id) AND NOT EXISTS "
		"(SELECT 1 FROM institution_persons ip JOIN institutions i ON i.id = ip.institution_id "
		"WHERE ip.person_id = p.id AND i.type IN ('technical_school','university')) ORDER BY p.id",
		DB_ARGS(DV_S(pat), DV_S(lo), DV_S(hi), DV_I(event_id)), e);
	if (!st)
		return -1;
	int k = 0;
	while (k < n && db_step(st) == DB_ROW)
		out[k++] = db_int(st, 0);
	if (db_finish(st, e) != 0)
		return -1;
	return k;
}

static int64_t nominate(db *d, const principal *a, int64_t ev, int64_t person, err *e)
{
	struct entry_input in = {.event_id = ev, .person_id = person, .grp = "worker"};
	return id_of(entry_nominate(d, a, &in, e));
}

int demo_competition(db *d, err *e)
{
	principal prov, jinan, qingdao, ent;
	if (account(d, "admin", &prov, e) || account(d, "jinan_admin", &jinan, e) ||
	    account(d, "qingdao_admin", &qingdao, e) || account(d, "jinan_ent_admin", &ent, e))
		return -1;
	int today = date_today_utc8();
	int y = today / 10000 + 1; /* next year's plan */
	char s1[16], s2[16], ys[16];
	snprintf(ys, sizeof ys, "%d", y);

	/* the series */
	struct comp_series_input sdasai = {"山东省职业技能大赛", "山东省人力资源和社会保障厅", "370000", 2,
					   y - 4};
	struct comp_series_input sxc = {"“技能兴鲁”乡村振兴职业技能竞赛", "山东省人力资源和社会保障厅",
					"370000", 1, y - 4};
	struct comp_series_input slabour = {"济南市“劳动之星”职业技能竞赛", "济南市总工会", "370100", 1,
					    y - 17};
	int64_t ser1 = id_of(comp_series_create(d, &prov, &sdasai, e));
	int64_t ser2 = ser1 ? id_of(comp_series_create(d, &prov, &sxc, e)) : 0;
	int64_t ser3 = ser2 ? id_of(comp_series_create(d, &jinan, &slabour, e)) : 0;
	if (!ser3)
		return -1;

	/* next year's plan: applications, decisions, publication */
	snprintf(s1, sizeof s1, "%d-05-18", y);
	snprintf(s2, sizeof s2, "%d-05-22", y);
	struct comp_input dasai = {.name = "山东省职业技能大赛",
				   .tier = "province_1",
				   .organiser_name = "山东省人力资源和社会保障厅",
				   .organiser_kind = "province",
				   .series_id = ser1,
				   .edition = 3,
				   .plan_year = y,
				   .key_industry = true,
				   .starts_on = s1,
				   .ends_on = s2};
	int64_t c_dasai = id_of(comp_create(d, &prov, &dasai, e));
	if (!c_dasai)
		return -1;
	char s3[16], s4[16], s5[16], s6[16];
	snprintf(s3, sizeof s3, "%d-08-10", y);
	snprintf(s4, sizeof s4, "%d-08-12", y);
	struct comp_input xc = {.name = "“技能兴鲁”乡村振兴职业技能竞赛（济南赛区）",
				.tier = "province_2",
				.organiser_name = "济南市人力资源和社会保障局",
				.organiser_kind = "city",
				.series_id = ser2,
				.plan_year = y,
				.starts_on = s3,
				.ends_on = s4};
	snprintf(s5, sizeof s5, "%d-10-15", y);
	snprintf(s6, sizeof s6, "%d-10-16", y);
	struct comp_input entc = {.name = "高端装备制造业数控技能竞赛",
				  .tier = "province_2",
				  .organiser_name = "济南演示装备制造有限公司",
				  .organiser_kind = "enterprise",
				  .plan_year = y,
				  .key_industry = true,
				  .starts_on = s5,
				  .ends_on = s6};
	struct comp_input dup = {.name = "济南市茶艺技能竞赛",
				 .tier = "province_2",
				 .organiser_name = "济南市人力资源和社会保障局",
				 .organiser_kind = "city",
				 .plan_year = y,
				 .starts_on = s3,
				 .ends_on = s4};
	int64_t c_xc = id_of(comp_create(d, &jinan, &xc, e));
	int64_t c_ent = c_xc ? id_of(comp_create(d, &ent, &entc, e)) : 0;
	int64_t c_dup = c_ent ? id_of(comp_create(d, &jinan, &dup, e)) : 0;
	if (!c_dup)
		return -1;
	int64_t ev_weld = event(d, &prov, c_dasai, "焊工", "6-18-02-04", NULL, 1, true, e);
	int64_t ev_elec = ev_weld ? event(d, &prov, c_dasai, "电工", "6-31-01-03", NULL, 1, true, e) : 0;
	int64_t ev_robot = ev_elec ? event(d, &prov, c_dasai, "机器人系统集成", NULL,
					   "Robot Systems Integration", 2, true, e)
				   : 0;
	if (!ev_robot || !event(d, &jinan, c_xc, "农作物植保员", "5-05-02-01", NULL, 1, false, e) ||
	    !event(d, &ent, c_ent, "多工序数控机床操作调整工", "6-18-01-07", NULL, 1, false, e) ||
	    !event(d, &jinan, c_dup, "茶艺师", "4-03-02-07", NULL, 1, false, e))
		return -1;
	if (comp_move(d, &prov, c_dasai, "applied", NULL, e) ||
	    comp_move(d, &jinan, c_xc, "applied", NULL, e) || comp_move(d, &ent, c_ent, "applied", NULL, e) ||
	    comp_move(d, &jinan, c_dup, "applied", NULL, e) ||
	    comp_move(d, &prov, c_dasai, "approved", NULL, e) ||
	    comp_move(d, &prov, c_xc, "approved", NULL, e) ||
	    comp_move(d, &prov, c_ent, "approved", NULL, e) ||
	    comp_move(d, &prov, c_dup, "rejected", "与已列入计划的乡村振兴竞赛赛项重复，请并入该竞赛", e))
		return -1;
	json_decref(comp_plan_publish(d, &prov, y, e));
	if (err_isset(e))
		return -1;

	/* quotas of two a city and event, then registration */
	struct comp_quota_input q[16];
	static const char *const cities[] = {"370100", "370200", "370300", "370600", "370700", "371300"};
	size_t nq = 0;
	for (size_t i = 0; i < ARRAY_LEN(cities); i++)
		q[nq++] = (struct comp_quota_input){.unit_region = cities[i], .quota = 2};
	json_decref(comp_quotas_set(d, &prov, c_dasai, q, nq, e));
	if (err_isset(e) || comp_move(d, &prov, c_dasai, "open", NULL, e))
		return -1;
	int on = 0;
	date_parse(s1, &on);
	int64_t w[2];
	int nw = pick_workers(d, "3701", on, ev_weld, w, 2, e);
	if (nw < 0)
		return -1;
	int64_t en[3] = {0};
	for (int i = 0; i < nw; i++)
		if (!(en[i] = nominate(d, &jinan, ev_weld, w[i], e)))
			return -1;
	nw = pick_workers(d, "3702", on, ev_weld, w, 1, e);
	if (nw < 0 || (nw == 1 && !(en[2] = nominate(d, &qingdao, ev_weld, w[0], e))))
		return -1;
	for (int i = 0; i < 2; i++)
		if (en[i] && entry_move(d, &prov, en[i], "approved", NULL, e))
			return -1;

	/* 济南's 劳动之星: a city contest, closed and drawn (its start list is public) */
	char s7[16], s8[16];
	snprintf(s7, sizeof s7, "%d-04-20", y);
	snprintf(s8, sizeof s8, "%d-04-21", y);
	struct comp_input labour = {.name = "济南市“劳动之星”职业技能竞赛",
				    .tier = "city",
				    .organiser_name = "济南市总工会",
				    .organiser_kind = "city",
				    .series_id = ser3,
				    .edition = 18,
				    .starts_on = s7,
				    .ends_on = s8};
	int64_t c_lab = id_of(comp_create(d, &jinan, &labour, e));
	int64_t ev_lab = c_lab ? event(d, &jinan, c_lab, "电工", "6-31-01-03", NULL, 1, false, e) : 0;
	if (!ev_lab || comp_move(d, &jinan, c_lab, "open", NULL, e))
		return -1;
	date_parse(s7, &on);
	int64_t lw[6];
	int nl = pick_workers(d, "3701", on, ev_lab, lw, 6, e);
	if (nl < 0)
		return -1;
	for (int i = 0; i < nl; i++) {
		int64_t id = nominate(d, &jinan, ev_lab, lw[i], e);
		if (!id || entry_move(d, &jinan, id, "approved", NULL, e))
			return -1;
	}
	if (comp_move(d, &jinan, c_lab, "closed", NULL, e))
		return -1;
	if (nl > 0) {
		char seed[40];
		snprintf(seed, sizeof seed, "jinan-labour-%d", y);
		json_decref(entry_draw(d, &jinan, ev_lab, seed, e));
		if (err_isset(e))
			return -1;
	}

	/* 岗位练兵 / 技术比武 counts toward the three-year target */
	static const struct {
		int year;
		const char *kind, *org, *occ, *region;
		int n;
		const char *as;
	} pr[] = {
		{2024, "岗位练兵", "济南市总工会", "6-31-01-03", "370100", 120000, "jinan_admin"},
		{2024, "技术比武", "青岛港集团", "6-18-02-04", "370200", 8600, "qingdao_admin"},
		{2025, "岗位练兵", "山东省总工会", NULL, "370000", 2400000, "admin"},
		{2025, "技术比武", "济南市总工会", "6-18-01-07", "370100", 15000, "jinan_admin"},
	};
	for (size_t i = 0; i < ARRAY_LEN(pr); i++) {
		principal a;
		if (account(d, pr[i].as, &a, e))
			return -1;
		struct practice_input in = {pr[i].year, pr[i].n,   pr[i].kind,
					    pr[i].org,	pr[i].occ, pr[i].region};
		json_t *o = practice_record(d, &a, &in, e);
		if (!o)
			return -1;
		json_decref(o);
	}
	(void)ys;
	return 0;
}
