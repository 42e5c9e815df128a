/* demo_outcomes.c: 竞赛成果 in the demo province (issue 21 item 6): after demo_marking published the results
 * of the 山东省职业技能大赛's 焊工 event, the province (admin) sets the 省级一类 prize rules of that games
 * (the 2024 明白纸: 5,000 / 3,000 / 2,000 元 to the medallists; the base-or-unit award as demo data, [GAP]),
 * the promotion settings (certificates issued by 济南演示职业技能评价中心; 职工组 winners without a
 * certificate get 二级/技师, 学生组 三级: the 2017 山东 practice), the first contestant's 集训基地
 * (济南演示技师学院) and both contestants' 选送单位 (their employers). Someone objects to the results during
 * 公示 and the province resolves it; the demo's clock then moves past the 公示 and the province runs the
 * outcomes: 山东省技术能手, a promotion certificate and prize money in the ledger for each winner — the first
 * contestant's base paid, not its sending unit; the second's sending unit — and runs them again, which adds
 * nothing. */
#include "util/common.h"
#include "demo/demo.h"
#include "core/date.h"
#include "svc/competition/outcomes.h"
#include "svc/evaluation/objections.h"

static int admin_principal(db *d, principal *p, err *e)
{
	memset(p, 0, sizeof *p);
	int64_t id = 0;
	if (db_one_int(d, "SELECT id FROM users WHERE username = 'admin'", DB_NOARGS, &id, e) != DB_OK)
		return err_isset(e) ? -1 : ERR_INTERNAL(e, "demo account admin missing");
	p->user_id = id;
	p->role = ROLE_PROVINCE_ADMIN;
	snprintf(p->region, sizeof p->region, "37");
	snprintf(p->username, sizeof p->username, "admin");
	return 0;
}

static int64_t one_id(db *d, const char *sql, const dbv *args, int nargs, err *e)
{
	int64_t v = 0;
	int rc = db_one_int(d, sql, args, nargs, &v, e);
	return rc == DB_OK ? v : rc == DB_NOT_FOUND ? 0 : -1;
}

int demo_outcomes(db *d, err *e)
{
	int64_t ev = one_id(
		d,
		"SELECT v.id FROM competition_events v JOIN competitions c ON c.id = v.competition_id "
		"JOIN competition_marking m ON m.event_id = v.id AND m.status = 'published' WHERE c.name "
		"= '山东省职业技能大赛' AND v.name = '焊工' ORDER BY c.id DESC LIMIT 1",
		DB_NOARGS, e);
	if (ev < 0)
		return -1;
	if (!ev) {
		fprintf(stderr, "demo: no published 焊工 results of the 山东省职业技能大赛: no competition "
				"outcomes\n");
		return 0;
	}
	principal prov;
	if (admin_principal(d, &prov, e) != 0)
		return -1;
	int64_t comp = one_id(d, "SELECT competition_id FROM competition_events WHERE id = $1",
			      DB_ARGS(DV_I(ev)), e);
	int64_t org = one_id(d, "SELECT institution_id FROM users WHERE username = 'jinan_org_admin'",
			     DB_NOARGS, e);
	int64_t school =
		one_id(d,
		       "SELECT id FROM institutions WHERE type = 'technical_school' AND region_code LIKE "
		       "'3701%' AND status = 'filed' ORDER BY id LIMIT 1",
		       DB_NOARGS, e);
	if (comp <= 0 || org <= 0 || school < 0)
		return comp < 0 || org < 0 ? -1 : ERR_INTERNAL(e, "demo: competition or institution missing");

	/* the prize rules of 省级一类 as the province sets them for its games */
	static const char *const SRC_PRIZE =
		"山东省人社厅政策明白纸（2024-10）：山东省职业技能大赛金、银、铜牌分别奖励 "
		"5000、3000、2000 元";
	static const char *const SRC_UNIT = "演示数据：来源未规定省级竞赛对集训基地或选送单位的奖励（[GAP]）";
	const struct co_prize_rule rules[] = {
		{"province_1", "gold", "contestant", SRC_PRIZE, 500000},
		{"province_1", "silver", "contestant", SRC_PRIZE, 300000},
		{"province_1", "bronze", "contestant", SRC_PRIZE, 200000},
		{"province_1", "gold", "base_or_unit", SRC_UNIT, 2000000},
		{"province_1", "silver", "base_or_unit", SRC_UNIT, 1000000},
		{"province_1", "bronze", "base_or_unit", SRC_UNIT, 500000},
	};
	json_t *o = co_prize_rules_put(d, &prov, rules, ARRAY_LEN(rules), NULL, e);
	if (!o)
		return -1;
	json_decref(o);

	/* settings: the issuing institution, the level a winner without a certificate gets per group */
	struct co_group_setting gs[8];
	size_t ng = 0;
	db_stmt *st =
		db_query(d,
			 "SELECT g.id, g.grp FROM competition_groups g JOIN competition_events v ON v.id = "
			 "g.event_id WHERE v.competition_id = $1 ORDER BY g.id",
			 DB_ARGS(DV_I(comp)), e);
	int rc;
	while (st && ng < ARRAY_LEN(gs) && (rc = db_row(st, e)) == 1) {
		gs[ng].group_id = db_int(st, 0);
		gs[ng].promotion_level = !strcmp(db_text(st, 1), "student") ? 3 : 2;
		ng++;
	}
	db_done(st);
	if (!st || err_isset(e))
		return -1;
	struct co_settings_in set = {.cert_institution_id = org, .groups = gs, .ngroups = ng};
	if (!(o = co_settings_put(d, &prov, comp, &set, e)))
		return -1;
	json_decref(o);

	/* the contestants' units: the first trained at the 技师学院 (a provincial 集训基地), both sent by
	 * their employers */
	int64_t entries[4], employers[4];
	int n = 0;
	st = db_query(d,
		      "SELECT en.id, COALESCE(p.employer_id, 0) FROM competition_results r JOIN "
		      "competition_entries "
		      "en ON en.id = r.entry_id JOIN persons p ON p.id = en.person_id WHERE r.event_id = $1 "
		      "ORDER BY "
		      "r.place, en.id",
		      DB_ARGS(DV_I(ev)), e);
	while (st && n < 4 && (rc = db_row(st, e)) == 1) {
		entries[n] = db_int(st, 0);
		employers[n++] = db_int(st, 1);
	}
	db_done(st);
	if (!st || err_isset(e))
		return -1;
	for (int i = 0; i < n; i++) {
		if (!(o = co_entry_units_put(d, &prov, entries[i], employers[i], i == 0 ? school : 0, e)))
			return -1;
		json_decref(o);
	}

	/* an objection during 公示, resolved by the province */
	int64_t obj = co_objection_create(d, ev, n ? entries[n - 1] : 0,
					  "对该选手的作品外观评分有异议，请复核", "演示异议人", e);
	if (obj < 0 || objection_resolve(d, &prov, obj, "经裁判组复核，评分无误，维持原成绩", e) != 0)
		return -1;

	/* the 公示 over: the outcomes run (twice: the second adds nothing) on the day after its end */
	char pend[11] = "";
	st = db_query(d, "SELECT publicity_end FROM competition_marking WHERE event_id = $1",
		      DB_ARGS(DV_I(ev)), e);
	if (st && db_row(st, e) == 1)
		snprintf(pend, sizeof pend, "%s", db_text(st, 0));
	db_done(st);
	int end = 0;
	if (date_parse(pend, &end) != 0)
		return err_isset(e) ? -1 : ERR_INTERNAL(e, "demo: no publicity end");
	date_set_today(date_from_days(date_to_days(end) + 1));
	json_t *r1 = co_outcomes(d, &prov, comp, false, e);
	json_t *r2 = r1 ? co_outcomes(d, &prov, comp, false, e) : NULL;
	date_set_today(0);
	json_decref(r1);
	json_decref(r2);
	return r2 ? 0 : -1;
}
