/* demo_selections.c: 评选项目与津贴 in the demo province (docs/DOMAIN.md §51, docs/DEMO.md). The province ran
 * the 齐鲁首席技师 round of two years ago: 济南 (quota 3) and 青岛 (quota 2) nominated 技师 of their
 * institutions, three experts of 临沂 scored each independently, the ranking went to 公示 and the appointees
 * began their 48-month term on 1 January of last year; every month since, the allowance batch paid each
 * 1,000 yuan through the ledger. One appointee left the province three months ago: the payments after that
 * month were recovered, each with its reason. This year's round is open: 济南 has used one of its 2 places.
 * Run on the demo clock (date_set_today), once (demo_seed runs once). */
#include "util/common.h"
#include "demo/demo.h"
#include "core/date.h"
#include "core/selection_rules.h"
#include "svc/cert/certs.h"
#include "svc/evaluation/results.h"
#include "svc/incentive/allowances.h"
#include "svc/incentive/selections.h"
#include "svc/registry/life_events.h"

#define DEMO_SEL_HISTORY "演示数据：齐鲁首席技师评选演示的历史评价记录补录"

static int64_t user_id(db *d, const char *name, err *e)
{
	int64_t id = 0;
	return db_one_int(d, "SELECT id FROM users WHERE username = $1", DB_ARGS(DV_S(name)), &id, e) == DB_OK
		       ? id
		       : 0;
}

/* the institution of a city with the most persons and an occupation it may certify at 技师 */
static int city_inst(db *d, const char *city, int64_t *inst, char occ[32], err *e)
{
	db_stmt *st = db_query(
		d,
		"SELECT i.id, s.occupation_code, s.levels FROM institutions i JOIN institution_scopes "
		"s ON s.institution_id = i.id WHERE i.region_code LIKE $1 ORDER BY (SELECT COUNT(*) FROM "
		"institution_persons ip WHERE ip.institution_id = i.id) DESC, i.id, s.occupation_code",
		DB_ARGS(DV_S(city)), e);
	if (!st)
		return -1;
	*inst = 0;
	while (!*inst && db_step(st) == DB_ROW)
		if ((db_int(st, 2) >> 2) & 1) {
			*inst = db_int(st, 0);
			snprintf(occ, 32, "%s", db_text(st, 1));
		}
	return db_finish(st, e);
}

/* a 技师 certificate issued on `day` (the demo clock) */
static int certificate(db *d, const principal *sys, int64_t person, int64_t inst, const char *occ, int day,
		       err *e)
{
	char exam[11];
	date_format(date_from_days(date_to_days(day) - 20), exam);
	struct result_input in = {.person_id = person,
				  .institution_id = inst,
				  .occupation_code = occ,
				  .exam_date = exam,
				  .level = 2,
				  .theory = 88,
				  .practical = 90,
				  .review = 87,
				  .passed = -1,
				  .correction_reason = DEMO_SEL_HISTORY};
	date_set_today(day);
	int64_t id = result_create(d, sys, &in, e);
	json_t *got = id > 0 ? cert_issue(d, sys, &id, 1, e) : NULL;
	date_set_today(0);
	json_decref(got);
	return got ? 0 : -1;
}

/* nominates up to `want` persons of the institution (from the `skip`-th on) who hold or get a 技师
 * certificate and pass the rule engine; the ids into out */
static int nominate_city(db *d, const principal *sys, int64_t round, int64_t inst, const char *occ, int skip,
			 int want, int cert_day, int64_t *out, int *n, err *e)
{
	db_stmt *st = db_query(d,
			       "SELECT person_id FROM institution_persons WHERE institution_id = $1 ORDER BY "
			       "person_id LIMIT 40 OFFSET $2",
			       DB_ARGS(DV_I(inst), DV_I(skip)), e);
	if (!st)
		return -1;
	int64_t cand[40];
	int nc = 0;
	while (nc < 40 && db_step(st) == DB_ROW)
		cand[nc++] = db_int(st, 0);
	if (db_finish(st, e))
		return -1;
	*n = 0;
	for (int i = 0; i < nc && *n < want; i++) {
		struct sel_nominee_input in = {.person_id = cand[i],
					       .front_line = 1,
					       .achievements =
						       "演示：主持班组技术攻关，获省级职工技术创新成果奖"};
		json_t *chk = sel_check_json(d, sys, round, &in, e);
		if (!chk)
			return -1;
		/* only the age and the level may fail here: the level is given by a certificate */
		bool age_ok = true;
		json_t *c;
		size_t k;
		json_array_foreach(json_object_get(chk, "checks"), k, c)
		{
			const char *id = json_string_value(json_object_get(c, "id"));
			if (!json_is_true(json_object_get(c, "ok")) && id && strcmp(id, "level"))
				age_ok = false;
		}
		json_decref(chk);
		if (!age_ok)
			continue;
		if (certificate(d, sys, cand[i], inst, occ, cert_day, e))
			return -1;
		json_t *nom = sel_nominate(d, sys, round, &in, e);
		if (!nom)
			return -1;
		out[(*n)++] = json_integer_value(json_object_get(nom, "id"));
		json_decref(nom);
	}
	return 0;
}

int demo_selections(db *d, const principal *sys, err *e)
{
	int today = date_today_utc8(), year = today / 10000;
	int64_t jinan = 0, qingdao = 0;
	char occ_j[32] = "", occ_q[32] = "";
	if (city_inst(d, "3701%", &jinan, occ_j, e) || city_inst(d, "3702%", &qingdao, occ_q, e))
		return -1;
	if (!jinan || !qingdao)
		return 0; /* a demo province without them: nothing to show */
	int64_t experts[3] = {user_id(d, "linyi_examiner1", e), user_id(d, "linyi_examiner2", e),
			      user_id(d, "linyi_examiner3", e)};
	if (!experts[0] || !experts[1] || !experts[2])
		return err_isset(e) ? -1 : 0;

	/* the round of two years ago, run in that year on the demo clock */
	char title[80], ref[11], term[11];
	snprintf(title, sizeof title, "%d 年齐鲁首席技师选拔", year - 2);
	date_format((year - 2) * 10000 + 601, ref);
	date_format((year - 1) * 10000 + 101, term);
	date_set_today((year - 2) * 10000 + 515);
	struct sel_round_input rin = {.programme = "qilu_chief",
				      .year = year - 2,
				      .title = title,
				      .ref_date = ref,
				      .places = -1,
				      .monthly_fen = -1,
				      .min_experts = 3,
				      .publicity_days = 5};
	json_t *r = sel_round_create(d, sys, &rin, e);
	int64_t round = r ? json_integer_value(json_object_get(r, "id")) : 0;
	json_decref(r);
	const char *regions[] = {"3701", "3702"};
	int64_t quotas[] = {3, 2};
	json_t *q = round ? sel_quotas_put(d, sys, round, regions, quotas, 2, e) : NULL;
	date_set_today(0);
	json_decref(q);
	if (!q)
		return -1;
	int64_t noms[5];
	int nj = 0, nq = 0;
	int cert_day = (year - 5) * 10000 + 310;
	date_set_today((year - 2) * 10000 + 620);
	int rc = nominate_city(d, sys, round, jinan, occ_j, 12, 3, cert_day, noms, &nj, e) ||
		 nominate_city(d, sys, round, qingdao, occ_q, 12, 2, cert_day, noms + nj, &nq, e);
	date_set_today(0);
	if (rc)
		return -1;
	/* review: three independent scores each */
	date_set_today((year - 2) * 10000 + 901);
	json_t *m = sel_round_move(d, sys, round, "reviewing", NULL, e);
	json_decref(m);
	for (int i = 0; m && i < nj + nq; i++)
		for (int k = 0; k < 3; k++) {
			json_t *s = sel_score_add(d, sys, noms[i], experts[k], 78 + (i * 7 + k * 3) % 18,
						  "演示：业绩突出，带徒传技成效明显", e);
			if (!s) {
				date_set_today(0);
				return -1;
			}
			json_decref(s);
		}
	m = m ? sel_round_move(d, sys, round, "publicity", NULL, e) : NULL;
	json_decref(m);
	date_set_today((year - 2) * 10000 + 1201);
	m = m ? sel_round_move(d, sys, round, "appointed", term, e) : NULL;
	date_set_today(0);
	json_decref(m);
	if (!m)
		return -1;

	/* every month of the term up to last month, the batch (today's month is left for the bureau to run)
	 */
	int first = sel_month_of((year - 1) * 10000 + 101);
	int last = sel_month_of(today) - 1;
	for (int mo = first; mo <= last; mo++) {
		char mt[8];
		sel_month_text(mo, mt);
		json_t *b = allowance_batch_run(d, sys, mt, e);
		if (!b)
			return -1;
		json_decref(b);
	}
	/* one appointee of 青岛 left the province three months ago: 青岛's bureau records it in the registry
	 * (人员状态, §58), which stops the allowance in the same transaction and recovers the payments after
	 * that month */
	if (nq > 0 && last - 3 >= first) {
		int y = (last - 3) / 12, mo = (last - 3) % 12 + 1;
		char on[11];
		date_format(y * 10000 + mo * 100 + 15, on);
		int64_t person = 0;
		if (db_one_int(d, "SELECT person_id FROM selection_nominations WHERE id = $1",
			       DB_ARGS(DV_I(noms[nj + nq - 1])), &person, e) != DB_OK)
			return -1;
		struct life_event_input ev = {.kind = "left_province",
					      .occurred_on = on,
					      .source = "演示：调动函（调往外省工作）",
					      .note = "演示：调往外省工作，管理期终止"};
		json_t *s = person_life_event_add(d, sys, person, &ev, e);
		if (!s)
			return -1;
		json_decref(s);
	}

	/* this year's round: open, 济南 has used one of its 2 places */
	snprintf(title, sizeof title, "%d 年齐鲁首席技师选拔", year);
	date_format(year * 10000 + 101, ref);
	struct sel_round_input now_in = {.programme = "qilu_chief",
					 .year = year,
					 .title = title,
					 .ref_date = ref,
					 .places = -1,
					 .monthly_fen = -1,
					 .min_experts = 3,
					 .publicity_days = 5};
	r = sel_round_create(d, sys, &now_in, e);
	int64_t open = r ? json_integer_value(json_object_get(r, "id")) : 0;
	json_decref(r);
	int64_t q2[] = {2, 2};
	q = open ? sel_quotas_put(d, sys, open, regions, q2, 2, e) : NULL;
	json_decref(q);
	if (!q)
		return -1;
	int64_t one[1];
	int n1 = 0;
	if (nominate_city(d, sys, open, jinan, occ_j, 30, 1, cert_day, one, &n1, e))
		return -1;

	/* this year's 创新成果评选 in review with a panel (§58): 临沂's three examiners; 2 and 3 have scored,
	 * linyi_examiner1 scores on 评审打分 (/examiner/reviews) */
	snprintf(title, sizeof title, "%d 年技能人才创新成果评选", year);
	struct sel_round_input in3 = {.programme = "innovation",
				      .year = year,
				      .title = title,
				      .ref_date = ref,
				      .places = 2,
				      .monthly_fen = -1,
				      .min_experts = 3,
				      .publicity_days = 5};
	r = sel_round_create(d, sys, &in3, e);
	int64_t inno = r ? json_integer_value(json_object_get(r, "id")) : 0;
	json_decref(r);
	const char *jn[] = {"3701"};
	int64_t q3[] = {2};
	q = inno ? sel_quotas_put(d, sys, inno, jn, q3, 1, e) : NULL;
	json_decref(q);
	int64_t two[2];
	int n2 = 0;
	if (!q || nominate_city(d, sys, inno, jinan, occ_j, 34, 2, cert_day, two, &n2, e))
		return -1;
	json_t *pn = sel_panel_put(d, sys, inno, experts, 3, e);
	json_decref(pn);
	m = pn ? sel_round_move(d, sys, inno, "reviewing", NULL, e) : NULL;
	json_decref(m);
	if (!m)
		return -1;
	for (int i = 0; i < n2; i++)
		for (int k = 1; k < 3; k++) {
			json_t *s = sel_score_add(d, sys, two[i], experts[k], 80 + (i * 5 + k * 3) % 15,
						  "演示：成果已在生产线推广应用", e);
			if (!s)
				return -1;
			json_decref(s);
		}
	return 0;
}
