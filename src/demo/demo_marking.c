/* demo_marking.c: 竞赛评分与成绩 in the demo province (issue 21 items 4-5): the 焊工 event of the
 * 山东省职业技能大赛 (demo_competition.c) gets a WorldSkills-style scheme of 100 marks (module A 工艺与测量:
 * a full-or-zero and a tolerance-band Measurement, a Judgement; module B 外观: two Judgements), three judges
 * and a chief expert (demo_judge1..3, demo_chief; password DEMO_PASSWORD), scores for every approved
 * contestant from the judges' phones, one Judgement disagreement (3 / 0 / 2) re-marked by the judge who gave
 * 0, the chief expert's sign-off, the results computed on the WorldSkills scale and published for 公示.
 * Without that event (or with fewer than two approved contestants) the demo goes without this story. */
#include "util/common.h"
#include "demo/demo.h"
#include "svc/auth/users.h"
#include "svc/competition/marking.h"
#include "svc/competition/results.h"

static const char *const DESC[4] = {"未达到行业标准", "达到行业标准", "在某些方面超过行业标准", "杰出"};

static int judge_account(db *d, const principal *sys, const char *username, const char *name, principal *p,
			 err *e)
{
	struct user_input ui = {
		.username = username, .password = DEMO_PASSWORD, .role = "examiner", .display_name = name};
	memset(p, 0, sizeof *p);
	p->role = ROLE_EXAMINER;
	snprintf(p->username, sizeof p->username, "%s", username);
	return user_create(d, sys, &ui, &p->user_id, e);
}

static int save(db *d, const principal *j, int64_t ev, int64_t entry, const char *aspect, double value,
		int64_t seq, err *e)
{
	struct cm_score_in s = {entry, aspect, value, seq};
	json_t *o = cm_scores_save(d, j, ev, &s, 1, NULL, e);
	json_decref(o);
	return o ? 0 : -1;
}

int demo_marking(db *d, const principal *sys, err *e)
{
	int64_t ev = 0;
	if (db_one_int(d,
		       "SELECT v.id FROM competition_events v JOIN competitions c ON c.id = v.competition_id "
		       "WHERE "
		       "c.name = '山东省职业技能大赛' AND v.name = '焊工' ORDER BY c.id DESC LIMIT 1",
		       DB_NOARGS, &ev, e) != DB_OK) {
		if (err_isset(e))
			return -1;
		fprintf(stderr, "demo: no 焊工 event of the 山东省职业技能大赛: no competition marking in "
				"this demo\n");
		return 0;
	}
	int64_t entries[8];
	int n = 0;
	db_stmt *st = db_query(
		d,
		"SELECT id FROM competition_entries WHERE event_id = $1 AND status = 'approved' ORDER BY "
		"id LIMIT 8",
		DB_ARGS(DV_I(ev)), e);
	int rc;
	while (st && (rc = db_row(st, e)) == 1)
		entries[n++] = db_int(st, 0);
	db_done(st);
	if (!st || rc < 0)
		return -1;
	if (n < 2) {
		fprintf(stderr,
			"demo: the 焊工 event has %d approved contestants: no competition marking in this "
			"demo\n",
			n);
		return 0;
	}
	principal prov = *sys;
	static const struct cm_module_in mods[] = {{"A", "工艺与测量"}, {"B", "外观与质量"}};
	struct cm_aspect_in as[5] = {
		{.module = "A",
		 .sub_code = "A.1",
		 .sub_name = "装配尺寸",
		 .code = "A1",
		 .description = "坡口角度 60°±5°",
		 .kind = "binary",
		 .max_cm = 1500},
		{.module = "A",
		 .sub_code = "A.1",
		 .sub_name = "装配尺寸",
		 .code = "A2",
		 .description = "焊缝余高 2.0 mm",
		 .kind = "bands",
		 .max_cm = 2000,
		 .nominal = 2.0,
		 .nbands = 2,
		 .bands = {{0.5, 100}, {1.0, 50}}},
		{.module = "A",
		 .sub_code = "A.2",
		 .sub_name = "工艺",
		 .code = "A3",
		 .description = "焊接工艺规范",
		 .kind = "judgement",
		 .max_cm = 2700},
		{.module = "B",
		 .sub_code = "B.1",
		 .sub_name = "外观",
		 .code = "B1",
		 .description = "焊缝成形与外观",
		 .kind = "judgement",
		 .max_cm = 1800},
		{.module = "B",
		 .sub_code = "B.1",
		 .sub_name = "外观",
		 .code = "B2",
		 .description = "现场清理与安全文明",
		 .kind = "judgement",
		 .max_cm = 2000},
	};
	for (int k = 2; k < 5; k++)
		for (int s = 0; s < 4; s++)
			as[k].descriptors[s] = DESC[s];
	struct cm_scheme_in scheme = {mods, 2, as, 5};
	json_t *o = cm_scheme_put(d, &prov, ev, &scheme, e);
	if (!o)
		return -1;
	json_decref(o);
	principal j[3], chief;
	static const char *const names[3] = {"演示裁判一", "演示裁判二", "演示裁判三"};
	char un[32];
	for (int k = 0; k < 3; k++) {
		snprintf(un, sizeof un, "demo_judge%d", k + 1);
		if (judge_account(d, sys, un, names[k], &j[k], e) != 0)
			return -1;
	}
	if (judge_account(d, sys, "demo_chief", "演示裁判长", &chief, e) != 0)
		return -1;
	for (int k = 0; k < 4; k++) {
		struct cm_judge_in ji = {.user_id = k < 3 ? j[k].user_id : chief.user_id, .chief = k == 3};
		if (!(o = cm_judge_assign(d, &prov, ev, &ji, e)))
			return -1;
		json_decref(o);
	}
	/* the marks: the measurements by judge 1, the judgements by all three (agreeing within one point),
	 * except B1 of the first contestant: 3, 0, 2 — flagged, then re-marked by judge 2 */
	static const double measured[8] = {2.3, 2.9, 1.8, 2.1, 3.2, 2.0, 2.6, 1.4};
	for (int i = 0; i < n; i++) {
		if (save(d, &j[0], ev, entries[i], "A1", i % 3 != 2, 1, e) ||
		    save(d, &j[0], ev, entries[i], "A2", measured[i], 1, e))
			return -1;
		for (int k = 0; k < 3; k++) {
			int base = (i * 2 + 1) % 3;
			if (save(d, &j[k], ev, entries[i], "A3", base + (k == 2 && base < 3), 1, e) ||
			    save(d, &j[k], ev, entries[i], "B1",
				 i == 0 ? (double)(k == 0   ? 3
						   : k == 1 ? 0
							    : 2)
					: base + (k == 0),
				 1, e) ||
			    save(d, &j[k], ev, entries[i], "B2", (i + k) % 2 + 1, 1, e))
				return -1;
		}
	}
	/* the chief expert sees the disagreement; judge 2 re-marks after the discussion; sign-off */
	if (!(o = cm_signoff(d, &chief, ev, e))) {
		if (!e->code || strcmp(e->code, "disagreements_open") != 0)
			return -1;
		err_clear(e);
	} else {
		json_decref(o);
	}
	if (save(d, &j[1], ev, entries[0], "B1", 2, 2, e) || !(o = cm_signoff(d, &chief, ev, e)))
		return -1;
	json_decref(o);
	if (!(o = cr_compute_event(d, &prov, ev, e)))
		return -1;
	json_decref(o);
	if (!(o = cr_publish(d, &prov, ev, e)))
		return -1;
	json_decref(o);
	return 0;
}
