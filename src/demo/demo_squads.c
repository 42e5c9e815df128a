/* demo_squads.c: 竞赛选拔与集训 in the demo province (issue 21 item 7): the gold medallist of the 焊工 event
 * of the 山东省职业技能大赛 (marked and published by demo_marking.c) enters the 世界技能大赛 selection pool
 * for the skill 焊接; the province forms the 焊接 squad of the next year at a 技工院校 of 济南
 * (省级重点集训基地) with a head coach, a coach and a 技术指导专家, takes the medallist in with their
 * 选送单位 (the institution that sent them, else an employer of their city), and enters the squad into round
 * 1 of the province's WorldSkills selection (省世赛选拔赛, open for registration). Without a published 焊工
 * event the demo goes without it. */
#include "util/common.h"
#include "demo/demo.h"
#include "svc/competition/competitions.h"
#include "svc/competition/squads.h"

static int64_t one_id(db *d, const char *sql, const dbv *args, int nargs, err *e)
{
	int64_t id = 0;
	int rc = db_one_int(d, sql, args, nargs, &id, e);
	return rc == DB_OK ? id : rc == DB_NOT_FOUND ? 0 : -1;
}

static int64_t id_of(json_t *o)
{
	int64_t id = o ? json_integer_value(json_object_get(o, "id")) : 0;
	json_decref(o);
	return id;
}

int demo_squads(db *d, const principal *sys, err *e)
{
	int64_t ev = one_id(
		d,
		"SELECT v.id FROM competition_events v JOIN competitions c ON c.id = v.competition_id "
		"JOIN competition_marking m ON m.event_id = v.id WHERE c.name = '山东省职业技能大赛' AND "
		"v.name = '焊工' AND m.status = 'published' ORDER BY c.id DESC LIMIT 1",
		DB_NOARGS, e);
	if (ev < 0)
		return -1;
	if (!ev) {
		fprintf(stderr, "demo: no published 焊工 event of the 山东省职业技能大赛: no selection squad "
				"in this demo\n");
		return 0;
	}
	principal prov = *sys;
	json_t *pool = sq_pool_add(d, &prov, ev, "worldskills", "焊接", e);
	if (!pool)
		return -1;
	json_t *rows = json_object_get(pool, "items");
	if (!json_array_size(rows)) {
		json_decref(pool);
		fprintf(stderr,
			"demo: the 焊工 event has no gold medallist: no selection squad in this demo\n");
		return 0;
	}
	int64_t year = one_id(d,
			      "SELECT CAST(SUBSTR(starts_on, 1, 4) AS INTEGER) + 1 FROM competitions c JOIN "
			      "competition_events v ON v.competition_id = c.id WHERE v.id = $1",
			      DB_ARGS(DV_I(ev)), e);
	int64_t base = year > 0 ? one_id(d,
					 "SELECT id FROM institutions WHERE type = 'technical_school' AND "
					 "region_code "
					 "LIKE '3701%' AND status = 'filed' ORDER BY id LIMIT 1",
					 DB_NOARGS, e)
				: -1;
	if (base == 0)
		base = one_id(
			d, "SELECT id FROM institutions WHERE region_code LIKE '3701%' ORDER BY id LIMIT 1",
			DB_NOARGS, e);
	if (base <= 0) {
		json_decref(pool);
		if (base < 0 || year < 0)
			return -1;
		fprintf(stderr,
			"demo: no institution in 济南 for a 集训基地: no selection squad in this demo\n");
		return 0;
	}
	struct squad_input si = {.target = "worldskills",
				 .skill = "焊接",
				 .name = "焊接项目世界技能大赛省集训队",
				 .base_level = "key",
				 .year = year,
				 .base_institution_id = base};
	int64_t squad = id_of(sq_squad_create(d, &prov, &si, e));
	if (!squad) {
		json_decref(pool);
		return -1;
	}
	static const struct squad_coach coaches[] = {{"演示主教练 张建国", "head", 0},
						     {"演示教练 李红", "coach", 0},
						     {"演示技术指导专家 王海", "expert", 0}};
	struct squad_coach c[3];
	memcpy(c, coaches, sizeof c);
	c[0].institution_id = c[1].institution_id = base;
	json_t *o = sq_coaches_set(d, &prov, squad, c, 3, e);
	if (!o) {
		json_decref(pool);
		return -1;
	}
	json_decref(o);
	size_t k;
	json_t *row;
	json_array_foreach(rows, k, row)
	{
		json_t *src = json_object_get(row, "source");
		int64_t unit = json_integer_value(json_object_get(src, "unit_institution_id"));
		/* the 选送单位: the institution that sent them; a city's nomination names none, so the
		 * employer of the medallist, else an employer of the sending city */
		if (unit <= 0)
			unit = one_id(d,
				      "SELECT COALESCE(p.employer_id, (SELECT i.id FROM institutions i WHERE "
				      "i.type = 'employer' AND i.region_code LIKE SUBSTR(n.unit_region, 1, "
				      "4) || '%' "
				      "ORDER BY i.id LIMIT 1), 0) FROM competition_entries n JOIN persons p "
				      "ON p.id = "
				      "n.person_id WHERE n.id = $1",
				      DB_ARGS(DV_I(json_integer_value(json_object_get(src, "entry_id")))), e);
		if (unit < 0) {
			json_decref(pool);
			return -1;
		}
		struct squad_member_input mi = {.pool_id = json_integer_value(json_object_get(row, "id")),
						.sending_unit_id = unit};
		if (unit == 0 || !(o = sq_member_add(d, &prov, squad, &mi, e))) {
			json_decref(pool);
			if (unit == 0) {
				fprintf(stderr,
					"demo: no sending unit for a medallist: the squad has no members\n");
				return 0;
			}
			return -1;
		}
		json_decref(o);
	}
	json_decref(pool);
	/* round 1 of the province's WorldSkills selection, open for registration: the squad entered */
	char s1[32], s2[32];
	snprintf(s1, sizeof s1, "%04d-03-10", (int)year);
	snprintf(s2, sizeof s2, "%04d-03-12", (int)year);
	struct comp_input ci = {.name = "世界技能大赛山东省选拔赛（焊接项目第一轮）",
				.tier = "worldskills",
				.organiser_name = "山东省人力资源和社会保障厅",
				.organiser_kind = "province",
				.starts_on = s1,
				.ends_on = s2};
	int64_t comp = id_of(comp_create(d, &prov, &ci, e));
	if (!comp)
		return -1;
	struct comp_event_input ei = {
		.competition_id = comp, .name = "焊接", .worldskills_skill = "焊接", .ngroups = 1};
	ei.groups[0].grp = "worker";
	int64_t rev = id_of(comp_event_add(d, &prov, &ei, e));
	if (!rev || comp_move(d, &prov, comp, "open", NULL, e) != 0)
		return -1;
	o = sq_round_add(d, &prov, squad, rev, NULL, e);
	json_decref(o);
	return o ? 0 : -1;
}
