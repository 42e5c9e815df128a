/* handlers.c: the competition core's handlers — each parses its request into the typed input of
 * src/svc/competition and renders the use case's answer; no SQL here */
#include "util/common.h"
#include "api/base/api.h"
#include "api/competition/handlers.h"
#include "svc/competition/competitions.h"
#include "svc/competition/entries.h"

static int reply(req *r, int status, json_t *o)
{
	return o ? req_reply(r, status, o) : -1;
}

int h_comp_reference(req *r)
{
	return req_reply(r, 200, comp_reference_json());
}

int h_comp_series_list(req *r)
{
	db *d = api_db(r);
	return reply(r, 200, d ? comp_series_list(d, &r->e) : NULL);
}

/* POST /competition-series: {name, organiser_name, region_code?, interval_years?, first_year} */
int h_comp_series_create(req *r)
{
	json_t *b = req_json(r);
	if (!b)
		return -1;
	struct comp_series_input in = {
		.name = jstr(b, "name", &r->e),
		.organiser_name = jstr(b, "organiser_name", &r->e),
		.region_code = jstr(b, "region_code", &r->e),
		.interval_years = jint(b, "interval_years", 1, &r->e),
		.first_year = jint(b, "first_year", 0, &r->e),
	};
	if (err_isset(&r->e))
		return -1;
	db *d = api_db(r);
	return reply(r, 201, d ? comp_series_create(d, &r->who, &in, &r->e) : NULL);
}

int h_comp_list(req *r)
{
	return api_list_spec(r, &comp_list);
}

/* POST /competitions: {name, tier, organiser_name, organiser_kind, region_code?, series_id?, edition?,
 * plan_year?, key_industry?, starts_on, ends_on} */
int h_comp_create(req *r)
{
	json_t *b = req_json(r);
	if (!b)
		return -1;
	struct comp_input in = {
		.name = jstr(b, "name", &r->e),
		.tier = jstr(b, "tier", &r->e),
		.organiser_name = jstr(b, "organiser_name", &r->e),
		.organiser_kind = jstr(b, "organiser_kind", &r->e),
		.region_code = jstr(b, "region_code", &r->e),
		.series_id = jint(b, "series_id", 0, &r->e),
		.edition = jint(b, "edition", 0, &r->e),
		.plan_year = jint(b, "plan_year", 0, &r->e),
		.key_industry = jbool(b, "key_industry", 0, &r->e),
		.starts_on = jstr(b, "starts_on", &r->e),
		.ends_on = jstr(b, "ends_on", &r->e),
	};
	if (err_isset(&r->e))
		return -1;
	db *d = api_db(r);
	return reply(r, 201, d ? comp_create(d, &r->who, &in, &r->e) : NULL);
}

int h_comp_get(req *r)
{
	int64_t id = req_param_id(r, 0);
	db *d = id > 0 ? api_db(r) : NULL;
	return reply(r, 200, d ? comp_get_json(d, &r->who, id, &r->e) : NULL);
}

/* POST /competitions/{id}/status: {status, reason?} */
int h_comp_move(req *r)
{
	struct api_move m;
	if (api_move_input(r, &m) != 0 || comp_move(m.d, &r->who, m.id, m.to, m.reason, &r->e) != 0)
		return -1;
	return reply(r, 200, comp_get_json(m.d, &r->who, m.id, &r->e));
}

static int read_group(req *r, json_t *g, struct comp_group_input *out)
{
	if (!json_is_object(g))
		return err_set(&r->e, 422, "invalid_type", "groups", "组别应为对象",
			       "each group is an object");
	out->grp = jstr(g, "group", &r->e);
	out->rule.min_age = (int)jint(g, "min_age", 0, &r->e);
	out->rule.max_age = (int)jint(g, "max_age", 0, &r->e);
	out->rule.level_required = (int)jint(g, "level_required", 0, &r->e);
	out->rule.level_excluded = (int)jint(g, "level_excluded", 0, &r->e);
	out->employment = jstr(g, "employment", &r->e);
	out->enrolment = jstr(g, "enrolment", &r->e);
	return err_isset(&r->e) ? -1 : 0;
}

/* POST /competitions/{id}/events: {name, occupation_code?, worldskills_skill?, team_size?, seats?,
 * groups: [{group, min_age?, max_age?, level_required?, level_excluded?, employment?, enrolment?}]} */
int h_comp_event_add(req *r)
{
	int64_t id = req_param_id(r, 0);
	json_t *b = id > 0 ? req_json(r) : NULL;
	if (!b)
		return -1;
	struct comp_event_input in = {
		.competition_id = id,
		.name = jstr(b, "name", &r->e),
		.occupation_code = jstr(b, "occupation_code", &r->e),
		.worldskills_skill = jstr(b, "worldskills_skill", &r->e),
		.team_size = jint(b, "team_size", 1, &r->e),
		.seats = jint(b, "seats", 0, &r->e),
	};
	json_t *gs = json_object_get(b, "groups");
	if (err_isset(&r->e))
		return -1;
	if (gs && !json_is_array(gs))
		return err_set(&r->e, 422, "invalid_type", "groups", "groups 应为数组",
			       "groups must be an array");
	if (json_array_size(gs) > CG_COUNT)
		return err_set(&r->e, 422, "invalid_value", "groups", "至多 3 个组别", "at most 3 groups");
	size_t i;
	json_t *g;
	json_array_foreach(gs, i, g)
	{
		if (read_group(r, g, &in.groups[i]) != 0)
			return -1;
		in.ngroups++;
	}
	db *d = api_db(r);
	return reply(r, 201, d ? comp_event_add(d, &r->who, &in, &r->e) : NULL);
}

/* PUT /competitions/{id}/quotas: {items: [{event_id?, unit_region? | unit_institution_id?, quota}]} */
int h_comp_quotas_set(req *r)
{
	int64_t id = req_param_id(r, 0);
	json_t *b = id > 0 ? req_json(r) : NULL;
	if (!b)
		return -1;
	json_t *items = json_object_get(b, "items");
	if (!json_is_array(items))
		return err_set(&r->e, 422, "missing_field", "items", "缺少名额列表 items",
			       "missing array 'items'");
	size_t n = json_array_size(items);
	if (n > 500)
		return err_set(&r->e, 422, "too_many", "items", "名额条目过多（至多 500）",
			       "too many quotas (at most 500)");
	struct comp_quota_input *q = calloc(n ? n : 1, sizeof *q);
	if (!q)
		return ERR_INTERNAL(&r->e, "out of memory");
	size_t i;
	json_t *x;
	json_array_foreach(items, i, x)
	{
		if (!json_is_object(x)) {
			free(q);
			return err_set(&r->e, 422, "invalid_type", "items", "名额条目应为对象",
				       "each quota is an object");
		}
		q[i].event_id = jint(x, "event_id", 0, &r->e);
		q[i].unit_region = jstr(x, "unit_region", &r->e);
		q[i].unit_institution_id = jint(x, "unit_institution_id", 0, &r->e);
		q[i].quota = jint(x, "quota", -1, &r->e);
	}
	if (err_isset(&r->e)) {
		free(q);
		return -1;
	}
	db *d = api_db(r);
	json_t *o = d ? comp_quotas_set(d, &r->who, id, q, n, &r->e) : NULL;
	free(q);
	return reply(r, 200, o);
}

int h_comp_plan_get(req *r)
{
	int64_t year = req_param_id(r, 0);
	db *d = year > 0 ? api_db(r) : NULL;
	return reply(r, 200, d ? comp_plan_json(d, &r->who, year, &r->e) : NULL);
}

int h_comp_plan_publish(req *r)
{
	int64_t year = req_param_id(r, 0);
	db *d = year > 0 ? api_db(r) : NULL;
	return reply(r, 200, d ? comp_plan_publish(d, &r->who, year, &r->e) : NULL);
}

/* POST /competition-events/{id}/entries: {person_id, group, team?, unit_name?, unit_region?,
 * unit_institution_id?} */
int h_comp_entry_nominate(req *r)
{
	int64_t id = req_param_id(r, 0);
	json_t *b = id > 0 ? req_json(r) : NULL;
	if (!b)
		return -1;
	struct entry_input in = {
		.event_id = id,
		.person_id = jint(b, "person_id", 0, &r->e),
		.grp = jstr(b, "group", &r->e),
		.team = jstr(b, "team", &r->e),
		.unit_name = jstr(b, "unit_name", &r->e),
		.unit_region = jstr(b, "unit_region", &r->e),
		.unit_institution_id = jint(b, "unit_institution_id", 0, &r->e),
	};
	if (err_isset(&r->e))
		return -1;
	db *d = api_db(r);
	return reply(r, 201, d ? entry_nominate(d, &r->who, &in, &r->e) : NULL);
}

/* POST /competition-events/{id}/register: {group, team?} — the candidate themself */
int h_comp_entry_register(req *r)
{
	int64_t id = req_param_id(r, 0);
	json_t *b = id > 0 ? req_json(r) : NULL;
	if (!b)
		return -1;
	struct entry_input in = {
		.event_id = id,
		.person_id = r->who.person_id,
		.grp = jstr(b, "group", &r->e),
		.team = jstr(b, "team", &r->e),
	};
	if (err_isset(&r->e))
		return -1;
	db *d = api_db(r);
	return reply(r, 201, d ? entry_nominate(d, &r->who, &in, &r->e) : NULL);
}

int h_comp_my_entries(req *r)
{
	db *d = api_db(r);
	return reply(r, 200, d ? entry_mine(d, &r->who, &r->e) : NULL);
}

int h_comp_entries_list(req *r)
{
	int64_t id = req_param_id(r, 0);
	const char *status = id > 0 ? req_query(r, "status") : NULL;
	if (status && strlen(status) > 16)
		return err_set(&r->e, 422, "invalid_value", "status", "状态无效", "invalid status");
	db *d = id > 0 ? api_db(r) : NULL;
	return reply(r, 200, d ? entry_list(d, &r->who, id, status, &r->e) : NULL);
}

int h_comp_entry_get(req *r)
{
	int64_t id = req_param_id(r, 0);
	db *d = id > 0 ? api_db(r) : NULL;
	return reply(r, 200, d ? entry_get_json(d, &r->who, id, &r->e) : NULL);
}

/* POST /competition-entries/{id}/status: {status: approved | rejected | withdrawn, reason?} */
int h_comp_entry_move(req *r)
{
	struct api_move m;
	if (api_move_input(r, &m) != 0 || entry_move(m.d, &r->who, m.id, m.to, m.reason, &r->e) != 0)
		return -1;
	return reply(r, 200, entry_get_json(m.d, &r->who, m.id, &r->e));
}

/* POST /competition-events/{id}/draw: {seed?} */
int h_comp_draw(req *r)
{
	int64_t id = req_param_id(r, 0);
	json_t *b = id > 0 ? req_json(r) : NULL;
	if (!b)
		return -1;
	const char *seed = jstr(b, "seed", &r->e);
	if (err_isset(&r->e))
		return -1;
	db *d = api_db(r);
	return reply(r, 201, d ? entry_draw(d, &r->who, id, seed, &r->e) : NULL);
}

int h_comp_draw_get(req *r)
{
	int64_t id = req_param_id(r, 0);
	db *d = id > 0 ? api_db(r) : NULL;
	return reply(r, 200, d ? draw_get_json(d, &r->who, id, &r->e) : NULL);
}

int h_comp_start_list(req *r)
{
	int64_t id = req_param_id(r, 0);
	db *d = id > 0 ? api_db(r) : NULL;
	return reply(r, 200, d ? start_list_json(d, &r->who, id, &r->e) : NULL);
}

/* POST /competition-practice: {year, kind, organiser_name, occupation_code?, region_code?, participants} */
int h_comp_practice_record(req *r)
{
	json_t *b = req_json(r);
	if (!b)
		return -1;
	struct practice_input in = {
		.year = jint(b, "year", 0, &r->e),
		.participants = jint(b, "participants", 0, &r->e),
		.kind = jstr(b, "kind", &r->e),
		.organiser_name = jstr(b, "organiser_name", &r->e),
		.occupation_code = jstr(b, "occupation_code", &r->e),
		.region_code = jstr(b, "region_code", &r->e),
	};
	if (err_isset(&r->e))
		return -1;
	db *d = api_db(r);
	return reply(r, 201, d ? practice_record(d, &r->who, &in, &r->e) : NULL);
}

int h_comp_participation(req *r)
{
	db *d = api_db(r);
	return reply(r, 200, d ? participation_json(d, &r->e) : NULL);
}
