/* view.c: the competition domain's row views (see view.h) */
#include "util/common.h"
#include "svc/competition/view.h"
#include "core/competition.h"

static json_t *int_or_null(db_stmt *st, int i)
{
	return db_isnull(st, i) ? json_null() : json_integer(db_int(st, i));
}

static json_t *text_or_empty(db_stmt *st, int i)
{
	return json_string(db_text(st, i) ? db_text(st, i) : "");
}

json_t *comp_view(db_stmt *st)
{
	const char *tier = db_text(st, 2), *status = db_text(st, 14);
	const struct comp_tier_info *ti = comp_tier(tier);
	json_t *o = json_object();
	json_object_set_new(o, "id", json_integer(db_int(st, 0)));
	json_object_set_new(o, "name", text_or_empty(st, 1));
	json_object_set_new(o, "tier", json_string(tier ? tier : ""));
	json_object_set_new(o, "tier_zh", json_string(ti ? ti->zh : ""));
	json_object_set_new(o, "tier_rank", json_integer(ti ? ti->rank : 0));
	json_object_set_new(o, "organiser_name", text_or_empty(st, 3));
	json_object_set_new(o, "organiser_kind", text_or_empty(st, 4));
	json_object_set_new(o, "region_code", text_or_empty(st, 5));
	json_object_set_new(o, "institution_id", int_or_null(st, 6));
	json_object_set_new(o, "series_id", int_or_null(st, 7));
	json_object_set_new(o, "series_name", db_isnull(st, 17) ? json_null() : text_or_empty(st, 17));
	json_object_set_new(o, "edition", int_or_null(st, 8));
	json_object_set_new(o, "plan_year", int_or_null(st, 9));
	json_object_set_new(o, "plan_class", int_or_null(st, 10));
	json_object_set_new(o, "key_industry", json_boolean(db_int(st, 11) != 0));
	json_object_set_new(o, "starts_on", text_or_empty(st, 12));
	json_object_set_new(o, "ends_on", text_or_empty(st, 13));
	json_object_set_new(o, "status", json_string(status ? status : ""));
	json_object_set_new(o, "status_zh", json_string(fsm_state_zh(&comp_fsm, status)));
	json_object_set_new(o, "published", json_boolean(db_int(st, 15) != 0));
	json_object_set_new(o, "decision_reason", text_or_empty(st, 16));
	json_object_set_new(o, "event_count", json_integer(db_int(st, 18)));
	return o;
}

json_t *comp_event_view(db_stmt *st)
{
	json_t *o = json_object();
	json_object_set_new(o, "id", json_integer(db_int(st, 0)));
	json_object_set_new(o, "competition_id", json_integer(db_int(st, 1)));
	json_object_set_new(o, "name", text_or_empty(st, 2));
	json_object_set_new(o, "occupation_code", db_isnull(st, 3) ? json_null() : text_or_empty(st, 3));
	json_object_set_new(o, "occupation_name", db_isnull(st, 4) ? json_null() : text_or_empty(st, 4));
	json_object_set_new(o, "worldskills_skill", text_or_empty(st, 5));
	json_object_set_new(o, "team_size", json_integer(db_int(st, 6)));
	json_object_set_new(o, "team", json_boolean(db_int(st, 6) > 1));
	json_object_set_new(o, "seats", json_integer(db_int(st, 7)));
	json_object_set_new(o, "status", text_or_empty(st, 8));
	return o;
}

static json_t *group_zh(const char *code)
{
	enum comp_group g;
	return json_string(comp_group_parse(code, &g) == 0 ? comp_group_zh(g) : "");
}

json_t *comp_entry_view(db_stmt *st)
{
	const char *status = db_text(st, 11);
	json_t *o = json_object();
	json_object_set_new(o, "id", json_integer(db_int(st, 0)));
	json_object_set_new(o, "competition_id", json_integer(db_int(st, 1)));
	json_object_set_new(o, "event_id", json_integer(db_int(st, 2)));
	json_object_set_new(o, "group", text_or_empty(st, 3));
	json_object_set_new(o, "group_zh", group_zh(db_text(st, 3)));
	json_object_set_new(o, "person_id", json_integer(db_int(st, 4)));
	json_object_set_new(o, "person_name", text_or_empty(st, 5));
	json_object_set_new(o, "id_masked", text_or_empty(st, 6));
	json_object_set_new(o, "team", text_or_empty(st, 7));
	json_object_set_new(o, "unit_name", text_or_empty(st, 8));
	json_object_set_new(o, "unit_region", text_or_empty(st, 9));
	json_object_set_new(o, "unit_institution_id", int_or_null(st, 10));
	json_object_set_new(o, "status", json_string(status ? status : ""));
	json_object_set_new(o, "status_zh", json_string(fsm_state_zh(&comp_entry_fsm, status)));
	json_object_set_new(o, "review_reason", text_or_empty(st, 12));
	json_object_set_new(o, "seat", int_or_null(st, 13));
	json_object_set_new(o, "created_at", json_integer(db_int(st, 14)));
	return o;
}

json_t *comp_my_entry_view(db_stmt *st)
{
	json_t *o = comp_entry_view(st);
	json_object_del(o, "id_masked");
	json_object_set_new(o, "competition_name", text_or_empty(st, 15));
	json_object_set_new(o, "event_name", text_or_empty(st, 16));
	json_object_set_new(o, "event_status", text_or_empty(st, 17));
	return o;
}

json_t *comp_start_view(db_stmt *st)
{
	json_t *o = json_object();
	json_object_set_new(o, "seat", int_or_null(st, 0));
	json_object_set_new(o, "name", text_or_empty(st, 1));
	json_object_set_new(o, "unit_name", text_or_empty(st, 2));
	json_object_set_new(o, "group", text_or_empty(st, 3));
	json_object_set_new(o, "group_zh", group_zh(db_text(st, 3)));
	json_object_set_new(o, "team", text_or_empty(st, 4));
	json_object_set_new(o, "entry_id", json_integer(db_int(st, 5)));
	return o;
}
