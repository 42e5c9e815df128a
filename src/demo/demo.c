#include "util/common.h"
#include "demo/demo.h"
#include "svc/base/tx.h"
#include "core/fake.h"
#include "svc/auth/auth.h"
#include "svc/auth/users.h"
#include "svc/registry/institutions.h"
#include "svc/registry/person_bulk.h"
#include "svc/registry/persons.h"

static const struct {
	const char *code, *name;
} cities[] = {
	{"370100", "济南"}, {"370200", "青岛"}, {"370300", "淄博"}, {"370400", "枣庄"},
	{"370500", "东营"}, {"370600", "烟台"}, {"370700", "潍坊"}, {"370800", "济宁"},
	{"370900", "泰安"}, {"371000", "威海"}, {"371100", "日照"}, {"371300", "临沂"},
	{"371400", "德州"}, {"371500", "聊城"}, {"371600", "滨州"}, {"371700", "菏泽"},
};

static const char *const industries[] = {"装备制造", "能源",	 "化工", "机械", "电气", "食品",
					 "纺织",     "港口物流", "汽车", "建工", "海洋", "电子"};

const struct demo_account demo_accounts[] = {
	{"admin", "province_admin", "省人社厅管理员"},
	{"jinan_admin", "city_admin", "济南市人社局管理员"},
	{"qingdao_admin", "city_admin", "青岛市人社局管理员"},
	{"linyi_admin", "city_admin", "临沂市人社局管理员（补贴审核、公示、支付，疑点线索复核）"},
	{"jinan_org_admin", "institution_admin", "济南演示职业技能评价中心（社会培训评价组织）管理员"},
	{"jinan_org_staff", "institution_staff", "济南演示职业技能评价中心工作人员"},
	{"jinan_ent_admin", "institution_admin", "济南演示装备制造有限公司（自主评价企业）管理员"},
	{"qingdao_org_admin", "institution_admin", "青岛演示职业技能评价中心管理员"},
	{"heze_org_admin", "institution_admin", "菏泽演示职业技能评价中心管理员"},
	{"examiner1", "examiner", "考评员（济南演示职业技能评价中心）"},
	{"supervisor1", "supervisor", "质量督导员"},
	{"candidate1", "candidate", "考生（济南演示职业技能评价中心的学员）"},
	{"linyi_school_admin", "institution_admin", "临沂演示职业培训学校管理员（授课教师）"},
	{"linyi_worker", "candidate", "学员（临沂，参加急需紧缺工种培训）"},
	{"linyi_org_admin", "institution_admin", "临沂演示职业技能评价中心管理员（电子商务师四级认定计划）"},
	{"linyi_examiner1", "examiner", "考评员（临沂演示职业技能评价中心，电子商务师操作技能考评组）"},
	{"linyi_examiner2", "examiner", "考评员（临沂演示职业技能评价中心，电子商务师操作技能考评组）"},
	{"linyi_examiner3", "examiner", "考评员（临沂演示职业技能评价中心，电子商务师操作技能考评组）"},
	{"finance1", "finance", "省财政厅（平台载体补助会签）"},
	{NULL, NULL, NULL},
};

struct inst_plan {
	const char *type, *kind2, *fmt;
};
static const struct inst_plan inst_plans[] = {
	{"employer", "91", "%s演示%s有限公司"},	      {"social_org", "52", "%s演示职业技能评价中心"},
	{"technical_school", "12", "%s演示技师学院"}, {"university", "12", "%s演示职业技术学院"},
	{"training", "52", "%s演示职业培训学校"},
};

static int64_t make_inst(db *d, const principal *sys, fake_rng *rng, int city, const struct inst_plan *p,
			 err *e)
{
	char name[160], code[19];
	if (!strcmp(p->type, "employer")) {
		const char *industry = industries[fake_next(rng) % ARRAY_LEN(industries)];
		if (city == 0) /* the enterprise of jinan_ent_admin, whose display name names it */
			industry = "装备制造";
		snprintf(name, sizeof name, p->fmt, cities[city].name, industry);
	} else
		snprintf(name, sizeof name, p->fmt, cities[city].name);
	fake_credit_code(rng, p->kind2, cities[city].code, code);
	char phone[12];
	fake_mobile(rng, phone);
	struct inst_input in = {.name = name,
				.credit_code = code,
				.type = p->type,
				.region_code = cities[city].code,
				.address = cities[city].name,
				.contact_name = "联络员",
				.contact_phone = phone};
	return inst_create(d, sys, &in, e);
}

int demo_set_scope(db *d, const principal *sys, int64_t inst, json_t *scopes, err *e)
{
	size_t n = json_array_size(scopes), i, k;
	struct inst_scope *sc = xcalloc(n ? n : 1, sizeof *sc);
	json_t *s, *l;
	json_array_foreach(scopes, i, s)
	{
		json_t *lv = json_object_get(s, "levels");
		sc[i].occupation_code = json_string_value(json_object_get(s, "occupation_code"));
		sc[i].levels_given = lv != NULL;
		json_array_foreach(lv, k, l) if (sc[i].nlevels < ARRAY_LEN(sc[i].levels)) sc[i]
			.levels[sc[i].nlevels++] = (int)json_integer_value(l);
	}
	int rc = inst_set_scope(d, sys, inst, sc, n, e);
	free(sc);
	return rc;
}

/* filed scope: a few occupations with the levels each offers */
static int make_scope(db *d, const principal *sys, fake_rng *rng, int64_t inst, char (*occ)[16],
		      int64_t *levels, int nocc, err *e)
{
	json_t *scopes = json_array();
	int k = fake_int(rng, 3, 6), start = fake_int(rng, 0, nocc - 1);
	for (int i = 0; i < k && i < nocc; i++) {
		int o = (start + i * 7) % nocc;
		json_t *lv = json_array();
		for (int l = 5; l >= 1; l--)
			if (levels[o] & (1 << l))
				json_array_append_new(lv, json_integer(l));
		if (json_array_size(lv))
			json_array_append_new(
				scopes, json_pack("{s:s,s:o}", "occupation_code", occ[o], "levels", lv));
		else
			json_decref(lv);
	}
	int rc = demo_set_scope(d, sys, inst, scopes, e);
	json_decref(scopes);
	return rc;
}

struct persons_ctx {
	int64_t persons;
	fake_rng *rng;
	char (*counties)[24][8];
	const int *ncounty;
	int64_t (*inst)[ARRAY_LEN(inst_plans)];
	void (*progress)(int64_t, int64_t);
};

/* the demo's persons (bulk path), their links to the social organisation of their city and, for employees,
 * their work history: one unit with its demo.seed record */
static int persons_work(tx *t, void *p, err *e)
{
	struct persons_ctx *c = p;
	db *d = t->d;
	fake_rng *rng = c->rng;
	person_bulk *b = person_bulk_open(d, e);
	if (!b)
		return -1;
	for (int64_t i = 0; i < c->persons; i++) {
		int ci = (int)(fake_next(rng) % ARRAY_LEN(cities));
		if (i < c->persons / 10)
			ci = 0; /* a tenth in Jinan, so its demo accounts have plenty to show */
		const char *county = c->counties[ci][fake_next(rng) % (uint64_t)c->ncounty[ci]];
		struct person_norm n = {0};
		/* the name's two draws come before the ID number's, as they always did (the same numbers for
		 * the same seed), but the name is chosen once the number says the gender */
		fake_rng name_rng = *rng;
		fake_next(rng);
		fake_next(rng);
		char region6[8];
		snprintf(region6, sizeof region6, "%s", county);
		fake_id_number(rng, region6, 1966, 2006, n.id_number);
		snprintf(n.id_type, sizeof n.id_type, "resident_id");
		n.gender[0] = ((n.id_number[16] - '0') % 2) ? 'M' : 'F';
		fake_name(&name_rng, n.gender[0], n.name, sizeof n.name);
		snprintf(n.birth_date, sizeof n.birth_date, "%.4s-%.2s-%.2s", n.id_number + 6,
			 n.id_number + 10, n.id_number + 12);
		if (fake_int(rng, 0, 9) < 8)
			fake_mobile(rng, n.phone);
		static const char *const edu[] = {"初中", "高中", "中职", "技工学校", "大专", "本科"};
		snprintf(n.education, sizeof n.education, "%s", edu[fake_next(rng) % ARRAY_LEN(edu)]);
		int64_t employer = fake_int(rng, 0, 9) < 4 ? c->inst[ci][0] : 0;
		int rc = person_bulk_add(b, &n, county, employer, e);
		if (rc == 1) {
			err_clear(e);
			continue; /* the generator repeated a number: skip it */
		}
		if (rc < 0) {
			err keep = *e;
			person_bulk_close(b, e);
			*e = keep;
			return -1;
		}
		if (c->progress && (i % 10000 == 0))
			c->progress(i, c->persons);
	}
	if (person_bulk_close(b, e) != 0)
		return -1;
	if (c->progress)
		c->progress(c->persons, c->persons);
	/* every person is a trainee of the social organisation of their city; employees have work history */
	for (size_t ci = 0; ci < ARRAY_LEN(cities); ci++) {
		char pat[8];
		snprintf(pat, sizeof pat, "%.4s%%", cities[ci].code);
		if (db_run(d,
			   "INSERT INTO institution_persons (institution_id, person_id) SELECT $1, id FROM "
			   "persons WHERE region_code LIKE $2",
			   DB_ARGS(DV_I(c->inst[ci][1]), DV_S(pat)), e) < 0)
			return -1;
	}
	if (db_run(d,
		   "INSERT INTO person_work_history (person_id, employer_name, occupation_code, start_date, "
		   "end_date, created_at) "
		   "SELECT p.id, i.name, NULL, CAST(CAST(SUBSTR(p.birth_date, 1, 4) AS INTEGER) + 20 AS "
		   "TEXT) || SUBSTR(p.birth_date, 5), NULL, $1 "
		   "FROM persons p JOIN institutions i ON i.id = p.employer_id",
		   DB_ARGS(DV_I(now_s())), e) < 0)
		return -1;
	tx_audit_key(t, "demo.seed", "demo", "persons",
		     json_pack("{s:I,s:i}", "persons", (json_int_t)c->persons, "institutions",
			       (int)(ARRAY_LEN(cities) * ARRAY_LEN(inst_plans))));
	return 0;
}

int demo_seed(db *d, int64_t persons, bool *fresh, void (*progress)(int64_t, int64_t), err *e)
{
	int64_t seeded = 0;
	*fresh = false;
	if (db_one_int(d, "SELECT value FROM counters WHERE name = 'demo_seeded'", DB_NOARGS, &seeded, e) ==
	    DB_OK)
		return 0;
	if (err_isset(e))
		return -1;
	principal sys;
	principal_system(&sys, "demo");
	fake_rng rng = {.s = 20260601};

	/* the occupation catalogue to file scopes from */
	char occ[256][16];
	int64_t levels[256];
	int nocc = 0;
	db_stmt *st = db_query(
		d,
		"SELECT code, levels FROM occupations WHERE kind = 'occupation' AND levels > 0 ORDER BY code",
		DB_NOARGS, e);
	while (st && db_step(st) == DB_ROW && nocc < 256) {
		snprintf(occ[nocc], sizeof occ[0], "%s", db_text(st, 0));
		levels[nocc++] = db_int(st, 1);
	}
	db_done(st);
	if (!st)
		return -1;

	/* institutions: every type in every city */
	int64_t inst[ARRAY_LEN(cities)][ARRAY_LEN(inst_plans)];
	for (size_t c = 0; c < ARRAY_LEN(cities); c++)
		for (size_t p = 0; p < ARRAY_LEN(inst_plans); p++) {
			inst[c][p] = make_inst(d, &sys, &rng, (int)c, &inst_plans[p], e);
			if (inst[c][p] < 0)
				return -1;
			if (strcmp(inst_plans[p].type, "training") && nocc > 0 &&
			    make_scope(d, &sys, &rng, inst[c][p], occ, levels, nocc, e) != 0)
				return -1;
		}
	/* one of each status besides filed, with its history */
	if (inst_set_status(d, &sys, inst[15][4], "suspended", "质量督导发现培训记录不完整，责令整改", NULL,
			    e) != 0 ||
	    inst_set_status(d, &sys, inst[14][4], "exited", "连续两年未开展培训，主动申请退出", NULL, e) != 0)
		return -1;

	/* counties of each city, for persons' places of registration and ID numbers */
	char counties[ARRAY_LEN(cities)][24][8];
	int ncounty[ARRAY_LEN(cities)] = {0};
	for (size_t c = 0; c < ARRAY_LEN(cities); c++) {
		st = db_query(d, "SELECT code FROM regions WHERE parent_code = $1 ORDER BY code",
			      DB_ARGS(DV_S(cities[c].code)), e);
		while (st && db_step(st) == DB_ROW && ncounty[c] < 24)
			snprintf(counties[c][ncounty[c]++], 8, "%s", db_text(st, 0));
		db_done(st);
		if (!ncounty[c])
			snprintf(counties[c][ncounty[c]++], 8, "%.4s02", cities[c].code);
	}

	/* persons, through the bulk path */
	struct persons_ctx pc = {.persons = persons,
				 .rng = &rng,
				 .counties = counties,
				 .ncounty = ncounty,
				 .inst = inst,
				 .progress = progress};
	if (svc_tx(d, &sys, persons_work, &pc, e) != 0)
		return -1;

	/* accounts */
	int64_t candidate_person = 0;
	db_one_int(d, "SELECT MIN(person_id) FROM institution_persons WHERE institution_id = $1",
		   DB_ARGS(DV_I(inst[0][1])), &candidate_person, e);
	/* the 临沂 worker: the first person of 临沂's social organisation (a person of a 临沂 county) */
	int64_t linyi_person = 0;
	db_one_int(d, "SELECT MIN(person_id) FROM institution_persons WHERE institution_id = $1",
		   DB_ARGS(DV_I(inst[11][1])), &linyi_person, e);
	for (const struct demo_account *a = demo_accounts; a->username; a++) {
		struct user_input in = {.username = a->username,
					.password = DEMO_PASSWORD,
					.role = a->role,
					.display_name = a->what};
		if (!strcmp(a->username, "jinan_admin"))
			in.region_code = "370100";
		else if (!strcmp(a->username, "qingdao_admin"))
			in.region_code = "370200";
		else if (!strcmp(a->username, "linyi_admin"))
			in.region_code = "371300";
		else if (!strncmp(a->username, "jinan_org", 9) || !strcmp(a->username, "examiner1"))
			in.institution_id = inst[0][1];
		else if (!strcmp(a->username, "jinan_ent_admin"))
			in.institution_id = inst[0][0];
		else if (!strcmp(a->username, "qingdao_org_admin"))
			in.institution_id = inst[1][1];
		else if (!strcmp(a->username, "heze_org_admin")) /* 定期评估不合格 in the demo */
			in.institution_id = inst[ARRAY_LEN(cities) - 1][1];
		else if (!strcmp(a->username, "candidate1"))
			in.person_id = candidate_person;
		else if (!strcmp(a->username, "linyi_school_admin"))
			in.institution_id = inst[11][4];
		else if (!strcmp(a->username, "linyi_worker"))
			in.person_id = linyi_person;
		else if (!strcmp(a->username, "linyi_org_admin") ||
			 !strncmp(a->username, "linyi_examiner", 14))
			in.institution_id = inst[11][1];
		int64_t id;
		if (user_create(d, &sys, &in, &id, e) != 0)
			return -1;
	}
	const char *codes[ARRAY_LEN(cities)];
	for (size_t c = 0; c < ARRAY_LEN(cities); c++)
		codes[c] = cities[c].code;
	if (demo_certificates(d, &sys, &inst[0][0], codes, (int)ARRAY_LEN(cities), candidate_person,
			      linyi_person, &rng, e) != 0)
		return -1;
	if (demo_complaints(d, inst[0][1], e) != 0)
		return -1;
	if (demo_credit(d, inst[0], e) != 0)
		return -1;
	if (demo_training(d, &sys, &inst[0][0], &rng, e) != 0)
		return -1;
	if (demo_subsidy(d, &sys, e) != 0)
		return -1;
	if (demo_fraud(d, &sys, &inst[0][0], e) != 0)
		return -1;
	if (demo_assess(d, &sys, inst[ARRAY_LEN(cities) - 1][1], e) != 0)
		return -1;
	if (demo_wages(d, &sys, inst[0], inst[1], e) != 0)
		return -1;
	if (demo_competition(d, e) != 0)
		return -1;
	if (demo_marking(d, &sys, e) != 0)
		return -1;
	if (demo_squads(d, &sys, e) != 0)
		return -1;
	if (demo_outcomes(d, e) != 0)
		return -1;
	if (demo_card(d, &sys, inst[0][0], e) != 0)
		return -1;
	if (demo_titles(d, &sys, &inst[0][0], e) != 0)
		return -1;
	if (demo_talent(d, &sys, &inst[0][0], e) != 0)
		return -1;
	if (demo_open_data(d, &sys, e) != 0)
		return -1;
	if (demo_posts(d, &sys, inst[0][0], inst[0][1], e) != 0)
		return -1;
	if (demo_selections(d, &sys, e) != 0)
		return -1;
	if (demo_apprentice(d, inst[0][0], inst[0][2], inst[0][1], e) != 0)
		return -1;
	if (demo_cultivation(d, &sys, inst[0][2], inst[0][0], inst[0][1], e) != 0)
		return -1;
	if (demo_chains(d, &sys, inst[0][0], inst[0][2], inst[0][1], e) != 0)
		return -1;
	if (demo_student_eval(d, inst[0][2], inst[0][1], e) != 0)
		return -1;
	if (demo_shortage(d, &sys, e) != 0)
		return -1;
	if (demo_platform(d, &sys, inst[0][0], inst[0][1], e) != 0)
		return -1;
	if (demo_special(d, &sys, inst[0][0], e) != 0)
		return -1;
	if (demo_targets(d, e) != 0)
		return -1;
	if (demo_elearn(d, e) != 0)
		return -1;
	if (demo_key_groups(d, e) != 0)
		return -1;
	if (demo_norms(d, inst[0][0], inst[1][0], e) != 0)
		return -1;
	if (db_run(d, "INSERT INTO counters (name, value) VALUES ('demo_seeded', 1)", DB_NOARGS, e) < 0)
		return -1;
	*fresh = true;
	return 0;
}

int64_t demo_nth_person(db *d, int64_t inst, int n, err *e)
{
	int64_t id = 0;
	char sql[200];
	snprintf(sql, sizeof sql,
		 "SELECT person_id FROM institution_persons WHERE institution_id = $1 ORDER BY person_id "
		 "LIMIT 1 "
		 "OFFSET %d",
		 n);
	return db_one_int(d, sql, DB_ARGS(DV_I(inst)), &id, e) == DB_OK ? id : 0;
}

int demo_scope_occupation(db *d, int64_t inst, int level, bool last, char out[32], err *e)
{
	db_stmt *st = db_query(
		d,
		last ? "SELECT occupation_code, levels FROM institution_scopes WHERE institution_id = $1 "
		       "ORDER BY occupation_code DESC"
		     : "SELECT occupation_code, levels FROM institution_scopes WHERE institution_id = $1 "
		       "ORDER BY occupation_code",
		DB_ARGS(DV_I(inst)), e);
	if (!st)
		return -1;
	out[0] = 0;
	while (!out[0] && db_step(st) == DB_ROW)
		if ((db_int(st, 1) >> level) & 1)
			snprintf(out, 32, "%s", db_text(st, 0));
	return db_finish(st, e);
}
