/* input.c: the training routes' bodies (input.h) */
#include "util/common.h"
#include "api/training/input.h"
#include "svc/base/svc.h"
#include "core/date.h"
#include "api/base/api.h"
#include <math.h>

#define INSURED_MAX 120

/* an optional date field "YYYY-MM-DD": 0 when absent */
static int jdate(req *r, json_t *b, const char *key, int *out)
{
	const char *s = jstr(b, key, &r->e);
	*out = 0;
	if (err_isset(&r->e) || !s || !*s)
		return err_isset(&r->e) ? -1 : 0;
	if (date_parse(s, out) != 0)
		return err_set(&r->e, 422, "invalid_date", key, "日期格式应为 YYYY-MM-DD",
			       "a date is YYYY-MM-DD");
	return 0;
}

int claim_input_parse(req *r, json_t *b, struct claim_input *in)
{
	const char *kind = jreq(b, "kind", &r->e);
	*in = (struct claim_input){
		.person_id = jint(b, "person_id", 0, &r->e),
		.employer_id = jint(b, "employer_id", 0, &r->e),
		.region = jreq(b, "region_code", &r->e),
	};
	struct subsidy_facts *f = &in->facts;
	f->occupation = jreq(b, "occupation_code", &r->e);
	f->level = (int)jint(b, "level", 0, &r->e);
	f->course = jstr(b, "course", &r->e);
	f->city = in->region;
	f->class_hours = (int)jint(b, "class_hours", 0, &r->e);
	f->completed = jbool(b, "completed", 0, &r->e) == 1;
	if (err_isset(&r->e))
		return -1;
	f->kind = subsidy_kind_parse(kind);
	if (f->kind < 0)
		return err_set(&r->e, 422, "invalid_value", "kind",
			       "kind 应为 skill_up、training、shortage 或 apprentice",
			       "kind is skill_up, training, shortage or apprentice");
	if (jdate(r, b, "apply_date", &f->apply_date) || jdate(r, b, "cert_date", &f->cert_date) ||
	    jdate(r, b, "contract_start", &f->contract_start) ||
	    jdate(r, b, "contract_end", &f->contract_end) ||
	    jdate(r, b, "training_start", &f->training_start) ||
	    jdate(r, b, "training_end", &f->training_end))
		return -1;
	if (!f->apply_date)
		f->apply_date = date_today_utc8();
	json_t *ins = json_object_get(b, "insured");
	if (ins && !json_is_null(ins)) {
		if (!json_is_array(ins) || json_array_size(ins) > INSURED_MAX)
			return err_set(&r->e, 422, "invalid_type", "insured",
				       "insured 应为至多120个参保期间的列表",
				       "insured is a list of at most 120 periods");
		size_t n = json_array_size(ins);
		struct fact_work *p = arena_array(r->a, n ? n : 1, sizeof *p);
		for (size_t i = 0; i < n; i++) {
			json_t *x = json_array_get(ins, i);
			if (!json_is_object(x))
				return err_set(&r->e, 422, "invalid_type", "insured", "参保期间应为对象",
					       "a period is an object");
			if (jdate(r, x, "start", &p[i].start) || jdate(r, x, "end", &p[i].end))
				return -1;
			if (!p[i].start || (p[i].end && p[i].end < p[i].start))
				return err_set(&r->e, 422, "invalid_value", "insured",
					       "参保期间须有开始日期，且结束不早于开始",
					       "a period has a start, and its end is not before it");
		}
		f->insured = p;
		f->ninsured = n;
	}
	return 0;
}

int read_training_org(req *r, json_t *b, struct training_org_input *in)
{
	err *e = &r->e;
	in->kind = jreq(b, "kind", e);
	in->licence_no = jstr(b, "licence_no", e);
	in->filed_on = jstr(b, "filed_on", e);
	in->status = jstr(b, "status", e);
	return err_isset(e) ? -1 : 0;
}

static int read_coord(req *r, json_t *b, const char *key, double *v, bool *has)
{
	json_t *x = json_object_get(b, key);
	if (!x || json_is_null(x))
		return 0;
	if (!json_is_number(x))
		return err_set(&r->e, 422, "invalid_type", key, "%s 应为数值", "'%s' must be a number", key);
	*v = json_number_value(x);
	*has = true;
	return 0;
}

int read_training_site(req *r, json_t *b, struct training_site_input *in)
{
	err *e = &r->e;
	in->name = jstr(b, "name", e);
	in->address = jstr(b, "address", e);
	in->county_code = jstr(b, "county_code", e);
	if (!err_isset(e))
		read_coord(r, b, "latitude", &in->latitude, &in->has_lat);
	if (!err_isset(e))
		read_coord(r, b, "longitude", &in->longitude, &in->has_lon);
	return err_isset(e) ? -1 : 0;
}

int read_training_course(req *r, json_t *b, struct training_course_input *in)
{
	err *e = &r->e;
	in->site_id = jint(b, "site_id", 0, e);
	in->occupation_code = jstr(b, "occupation_code", e);
	in->title = jstr(b, "title", e);
	in->status = jstr(b, "status", e);
	in->level = jint(b, "level", -1, e);
	in->class_hours = jint(b, "class_hours", -1, e);
	in->capacity = jint(b, "capacity", -1, e);
	in->price = jstr(b, "price", e);
	in->subsidised = jbool(b, "subsidised", -1, e);
	json_t *st = json_object_get(b, "starts");
	if (!err_isset(e) && st && !json_is_null(st)) {
		if (!json_is_array(st))
			return err_set(e, 422, "invalid_type", "starts", "starts 应为日期数组",
				       "'starts' must be an array of dates");
		if (json_array_size(st) > TRAINING_MAX_STARTS)
			return err_set(e, 422, "too_many", "starts", "开班日期至多 12 个",
				       "at most 12 start dates");
		in->starts_given = true;
		size_t i;
		json_t *v;
		json_array_foreach(st, i, v)
		{
			if (!json_is_string(v))
				return err_set(e, 422, "invalid_type", "starts", "starts 应为日期数组",
					       "'starts' must be an array of dates");
			in->starts[in->nstarts++] = json_string_value(v);
		}
	}
	return err_isset(e) ? -1 : 0;
}

int read_shortage(req *r, json_t *b, struct shortage_input *in)
{
	err *e = &r->e;
	in->title = jreq(b, "title", e);
	in->source = jreq(b, "source", e);
	in->declared_count = jint(b, "declared_count", -1, e);
	in->min = jstr(b, "min", e);
	in->max = jstr(b, "max", e);
	if (err_isset(e))
		return -1;
	json_t *ents = json_object_get(b, "entries");
	if (!json_is_array(ents))
		return err_set(e, 422, "invalid_type", "entries", "entries 应为数组",
			       "'entries' must be an array");
	if (json_array_size(ents) > SHORTAGE_MAX_ENTRIES)
		return err_set(e, 422, "too_many", "entries", "目录至多 200 个职业",
			       "a list holds at most 200 entries");
	in->nentries = json_array_size(ents);
	in->entries = arena_array(r->a, in->nentries ? in->nentries : 1, sizeof *in->entries);
	size_t i;
	json_t *v;
	json_array_foreach(ents, i, v)
	{
		if (!json_is_object(v))
			return err_set(e, 422, "invalid_type", "entries", "entries 的每项应为对象",
				       "each entry must be an object");
		in->entries[i].occupation_code = jreq(v, "occupation_code", e);
		in->entries[i].amount = jstr(v, "amount", e);
		if (err_isset(e))
			return -1;
	}
	return 0;
}

static int query_num(req *r, const char *key, double *v, bool *has)
{
	const char *s = req_query(r, key);
	if (!s || !*s)
		return 0;
	char *end;
	double x = strtod(s, &end);
	if (*end || !isfinite(x))
		return err_set(&r->e, 422, "invalid_value", key, "%s 应为数值", "'%s' must be a number", key);
	*v = x;
	*has = true;
	return 0;
}

static int query_flag(req *r, const char *key, bool *v)
{
	const char *s = req_query(r, key);
	if (!s || !*s || !strcmp(s, "0") || !strcmp(s, "false"))
		return 0;
	if (strcmp(s, "1") && strcmp(s, "true"))
		return err_set(&r->e, 422, "invalid_value", key, "%s 应为 1 或 0", "'%s' must be 1 or 0",
			       key);
	*v = true;
	return 0;
}

int read_map_query(req *r, struct training_map_query *q)
{
	bool has_lat = false, has_lon = false, has_r = false, has_level = false;
	double level = -1;
	if (query_num(r, "lat", &q->lat, &has_lat) || query_num(r, "lon", &q->lon, &has_lon) ||
	    query_num(r, "radius_km", &q->radius_km, &has_r) || query_num(r, "level", &level, &has_level) ||
	    query_flag(r, "subsidised", &q->subsidised_only) || query_flag(r, "shortage", &q->shortage_only))
		return -1;
	if (has_lat != has_lon)
		return err_set(&r->e, 422, "missing_field", has_lat ? "lon" : "lat", "纬度和经度须一并给出",
			       "lat and lon go together");
	q->has_point = has_lat;
	q->level = -1;
	if (has_level) {
		if (level != floor(level) || level < 0 || level > 5)
			return err_set(&r->e, 422, "invalid_value", "level", "等级应为 0..5",
				       "level must be 0..5");
		q->level = (int64_t)level;
	}
	const char *s;
	q->county = (s = req_query(r, "county")) && *s ? s : NULL;
	q->occupation = (s = req_query(r, "occupation")) && *s ? s : NULL;
	q->starts_from = (s = req_query(r, "starts_from")) && *s ? s : NULL;
	q->starts_to = (s = req_query(r, "starts_to")) && *s ? s : NULL;
	if (req_paging(r, &q->limit, &q->offset) != 0)
		return -1;
	if (q->limit > TRAINING_MAP_LIMIT_MAX)
		return err_set(&r->e, 422, "invalid_value", "page_size", "page_size 至多 100",
			       "page_size is at most 100");
	return 0;
}

int read_location(req *r, json_t *b, struct training_checkin_input *in)
{
	bool has_lat = false, has_lon = false;
	if (read_coord(r, b, "latitude", &in->latitude, &has_lat) != 0 ||
	    read_coord(r, b, "longitude", &in->longitude, &has_lon) != 0)
		return -1;
	if (has_lat != has_lon)
		return err_set(&r->e, 422, "missing_field", has_lat ? "longitude" : "latitude",
			       "经度和纬度应同时提供", "latitude and longitude come together");
	in->has_location = has_lat;
	return 0;
}
