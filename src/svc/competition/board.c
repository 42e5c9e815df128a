/* board.c: the organiser's marking progress board and the public results of a competition (see board.h) */
#include "util/common.h"
#include "svc/competition/board.h"
#include "svc/base/svc.h"
#include "svc/competition/marking.h"
#include "svc/competition/results.h"

static json_t *event_view(db_stmt *st)
{
	int64_t n = db_int(st, 4), judges = db_int(st, 5), jud = db_int(st, 6), meas = db_int(st, 7);
	int64_t expected = n * (jud * judges + meas), entered = db_int(st, 8);
	return json_pack("{s:I,s:s,s:s,s:s,s:I,s:I,s:I,s:I,s:I,s:I,s:I,s:I,s:o}", "event_id",
			 (json_int_t)db_int(st, 0), "name", db_text(st, 1), "status", db_text(st, 2),
			 "marking_status", db_text(st, 3), "contestants", (json_int_t)n, "judges",
			 (json_int_t)judges, "aspects", (json_int_t)(jud + meas), "judgement_aspects",
			 (json_int_t)jud, "expected", (json_int_t)expected, "entered", (json_int_t)entered,
			 "percent",
			 (json_int_t)(expected ? (entered >= expected ? 100 : entered * 100 / expected) : 0),
			 "flagged", (json_int_t)0, "by_judge", json_array());
}

static json_t *find_event(json_t *events, int64_t id)
{
	size_t k;
	json_t *v;
	json_array_foreach(events, k,
			   v) if (json_integer_value(json_object_get(v, "event_id")) == id) return v;
	return NULL;
}

json_t *cb_progress_json(db *d, const principal *a, int64_t competition_id, err *e)
{
	struct cm_rules r;
	if (cm_competition_organiser(d, a, competition_id, e) != 0 ||
	    cm_rules_read(d, competition_id, &r, e) != 0)
		return NULL;
	db_stmt *st =
		db_query(d, "SELECT name FROM competitions WHERE id = $1", DB_ARGS(DV_I(competition_id)), e);
	int row = st ? db_row(st, e) : -1;
	json_t *o = row == 1 ? json_pack("{s:I,s:s,s:i}", "competition_id", (json_int_t)competition_id,
					 "name", db_text(st, 0), "threshold", r.threshold)
			     : NULL;
	db_done(st);
	if (!o) {
		if (row == 0)
			err_set(e, 404, "not_found", NULL, "竞赛不存在", "no such competition");
		return NULL;
	}
	json_t *events = rows_json(
		db_query(
			d,
			"SELECT v.id, v.name, v.status, COALESCE(m.status, 'marking'), (SELECT COUNT(*) FROM "
			"competition_entries n WHERE n.event_id = v.id AND n.status = 'approved'), (SELECT "
			"COUNT(*) FROM competition_judges j WHERE j.event_id = v.id AND j.chief = 0), "
			"(SELECT "
			"COUNT(*) FROM competition_aspects x WHERE x.event_id = v.id AND x.kind = "
			"'judgement'), "
			"(SELECT COUNT(*) FROM competition_aspects x WHERE x.event_id = v.id AND x.kind <> "
			"'judgement'), (SELECT COUNT(*) FROM competition_scores s JOIN competition_entries n "
			"ON "
			"n.id = s.entry_id WHERE s.event_id = v.id AND n.status = 'approved') FROM "
			"competition_events v LEFT JOIN competition_marking m ON m.event_id = v.id WHERE "
			"v.competition_id = $1 ORDER BY v.id",
			DB_ARGS(DV_I(competition_id)), e),
		event_view, e);
	if (!events) {
		json_decref(o);
		return NULL;
	}
	/* the open disagreements: Judgement scores of a contestant further apart than the threshold */
	st = db_query(
		d,
		"SELECT f.event_id, COUNT(*) FROM (SELECT s.event_id, s.entry_id, s.aspect_id FROM "
		"competition_scores s JOIN competition_aspects x ON x.id = s.aspect_id JOIN "
		"competition_events v ON v.id = s.event_id JOIN competition_entries n ON n.id = s.entry_id "
		"WHERE v.competition_id = $1 AND x.kind = 'judgement' AND n.status = 'approved' GROUP BY "
		"s.event_id, s.entry_id, s.aspect_id HAVING MAX(s.value) - MIN(s.value) > $2) f GROUP BY "
		"f.event_id",
		DB_ARGS(DV_I(competition_id), DV_I(r.threshold)), e);
	int step = st ? 1 : -1;
	while (st && (step = db_row(st, e)) == 1) {
		json_t *v = find_event(events, db_int(st, 0));
		if (v)
			json_object_set_new(v, "flagged", json_integer(db_int(st, 1)));
	}
	db_done(st);
	/* each judge's Judgement scores of the approved contestants */
	if (step >= 0) {
		st = db_query(
			d,
			"SELECT j.event_id, j.user_id, COALESCE(NULLIF(u.display_name, ''), u.username), "
			"(SELECT COUNT(*) FROM competition_scores s JOIN competition_aspects x ON x.id = "
			"s.aspect_id JOIN competition_entries n ON n.id = s.entry_id WHERE s.event_id = "
			"j.event_id AND s.slot = j.user_id AND x.kind = 'judgement' AND n.status = "
			"'approved') FROM competition_judges j JOIN users u ON u.id = j.user_id JOIN "
			"competition_events v ON v.id = j.event_id WHERE v.competition_id = $1 AND j.chief = "
			"0 ORDER BY j.event_id, j.user_id",
			DB_ARGS(DV_I(competition_id)), e);
		step = st ? 1 : -1;
		while (st && (step = db_row(st, e)) == 1) {
			json_t *v = find_event(events, db_int(st, 0));
			if (!v)
				continue;
			int64_t exp = json_integer_value(json_object_get(v, "contestants")) *
				      json_integer_value(json_object_get(v, "judgement_aspects"));
			json_array_append_new(json_object_get(v, "by_judge"),
					      json_pack("{s:I,s:s,s:I,s:I}", "user_id",
							(json_int_t)db_int(st, 1), "name", db_text(st, 2),
							"scored", (json_int_t)db_int(st, 3), "expected",
							(json_int_t)exp));
		}
		db_done(st);
	}
	if (step < 0) {
		json_decref(events);
		json_decref(o);
		return NULL;
	}
	json_object_set_new(o, "events", events);
	return o;
}

json_t *cb_public_results_json(db *d, const principal *a, int64_t competition_id, err *e)
{
	db_stmt *st =
		db_query(d,
			 "SELECT id, name, tier, starts_on, ends_on FROM competitions WHERE id = $1 AND "
			 "published = 1",
			 DB_ARGS(DV_I(competition_id)), e);
	int row = st ? db_row(st, e) : -1;
	json_t *comp = row == 1 ? json_pack("{s:I,s:s,s:s,s:s,s:s}", "id", (json_int_t)db_int(st, 0), "name",
					    db_text(st, 1), "tier", db_text(st, 2), "starts_on",
					    db_text(st, 3), "ends_on", db_text(st, 4))
				: NULL;
	db_done(st);
	if (!comp) {
		if (row == 0)
			err_set(e, 404, "not_found", NULL, "竞赛不存在", "no such competition");
		return NULL;
	}
	st = db_query(
		d,
		"SELECT v.id, v.name, v.worldskills_skill, COALESCE(o.name, ''), v.team_size FROM "
		"competition_events v JOIN competition_marking m ON m.event_id = v.id LEFT JOIN occupations "
		"o ON o.code = v.occupation_code WHERE v.competition_id = $1 AND m.status = 'published' "
		"ORDER BY v.id",
		DB_ARGS(DV_I(competition_id)), e);
	json_t *events = json_array();
	int step = st ? 1 : -1;
	while (st && (step = db_row(st, e)) == 1)
		json_array_append_new(events,
				      json_pack("{s:I,s:s,s:s,s:s,s:I}", "event_id",
						(json_int_t)db_int(st, 0), "name", db_text(st, 1),
						"worldskills_skill", db_text(st, 2), "occupation_name",
						db_text(st, 3), "team_size", (json_int_t)db_int(st, 4)));
	db_done(st);
	size_t k;
	json_t *v;
	json_array_foreach(events, k, v)
	{
		if (step < 0)
			break;
		json_t *res =
			cr_results_json(d, a, json_integer_value(json_object_get(v, "event_id")), true, e);
		if (!res) {
			step = -1;
			break;
		}
		json_object_set(v, "publicity_end", json_object_get(res, "publicity_end"));
		json_object_set(v, "modules", json_object_get(res, "modules"));
		json_object_set(v, "items", json_object_get(res, "items"));
		json_decref(res);
	}
	if (step < 0) {
		json_decref(events);
		json_decref(comp);
		return NULL;
	}
	return json_pack("{s:o,s:o}", "competition", comp, "events", events);
}

static json_t *judging_view(db_stmt *st)
{
	return json_pack("{s:I,s:s,s:I,s:s,s:s,s:b,s:s,s:I}", "event_id", (json_int_t)db_int(st, 0),
			 "event_name", db_text(st, 1), "competition_id", (json_int_t)db_int(st, 2),
			 "competition_name", db_text(st, 3), "starts_on", db_text(st, 4), "chief",
			 db_int(st, 5) != 0, "marking_status", db_text(st, 6), "contestants",
			 (json_int_t)db_int(st, 7));
}

json_t *cb_my_judging_json(db *d, const principal *a, err *e)
{
	json_t *items = rows_json(
		db_query(d,
			 "SELECT v.id, v.name, c.id, c.name, c.starts_on, j.chief, COALESCE(m.status, "
			 "'marking'), "
			 "(SELECT COUNT(*) FROM competition_entries n WHERE n.event_id = v.id AND n.status = "
			 "'approved') FROM competition_judges j JOIN competition_events v ON v.id = "
			 "j.event_id JOIN "
			 "competitions c ON c.id = v.competition_id LEFT JOIN competition_marking m ON "
			 "m.event_id = "
			 "v.id WHERE j.user_id = $1 ORDER BY c.starts_on DESC, v.id LIMIT 200",
			 DB_ARGS(DV_I(a->user_id)), e),
		judging_view, e);
	return items ? json_pack("{s:o}", "items", items) : NULL;
}
