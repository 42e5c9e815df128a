/* input.c: the supervision routes' bodies as typed inputs (see input.h) */
#include "util/common.h"
#include "api/supervision/input.h"
#include "svc/base/svc.h"

int complaint_input_parse(req *r, json_t *b, struct complaint_input *in)
{
	*in = (struct complaint_input){
		.category = jstr(b, "category", &r->e),
		.subject_kind = jstr(b, "subject_kind", &r->e),
		.subject_id = jint(b, "subject_id", 0, &r->e),
		.region_code = jstr(b, "region_code", &r->e),
		.text = jstr(b, "text", &r->e),
		.anonymous = jbool(b, "anonymous", 0, &r->e) != 0,
		.name = jstr(b, "name", &r->e),
		.phone = jstr(b, "phone", &r->e),
	};
	return err_isset(&r->e) ? -1 : 0;
}

int complaint_terms_parse(req *r, json_t *b, struct complaint_terms *in)
{
	*in = (struct complaint_terms){
		.ack_days = jint(b, "ack_days", 0, &r->e),
		.reply_days = jint(b, "reply_days", 0, &r->e),
		.source = jstr(b, "source", &r->e),
	};
	return err_isset(&r->e) ? -1 : 0;
}

/* an array of strings at key (absent: *n = 0, *given false) */
static int read_strings(req *r, json_t *b, const char *key, size_t max, const char *const **out, size_t *n,
			bool *given)
{
	json_t *a = json_object_get(b, key);
	*n = 0;
	*out = NULL;
	if (given)
		*given = a && !json_is_null(a);
	if (!a || json_is_null(a))
		return 0;
	if (!json_is_array(a))
		return err_set(&r->e, 422, "invalid_type", key, "%s 应为数组", "%s must be an array", key);
	if (json_array_size(a) > max)
		return err_set(&r->e, 422, "too_many", key, "%s 最多 %zu 项", "%s has at most %zu entries",
			       key, max);
	const char **v = arena_array(r->a, json_array_size(a) + 1, sizeof *v);
	size_t i;
	json_t *x;
	json_array_foreach(a, i, x)
	{
		if (!json_is_string(x))
			return err_set(&r->e, 422, "invalid_type", key, "%s 的每项应为字符串",
				       "%s must hold strings", key);
		v[i] = json_string_value(x);
	}
	*out = v;
	*n = json_array_size(a);
	return 0;
}

static int read_number(req *r, json_t *b, const char *key, bool *given, double *out)
{
	json_t *v = json_object_get(b, key);
	*given = v && !json_is_null(v);
	if (!*given)
		return 0;
	if (!json_is_number(v))
		return err_set(&r->e, 422, "invalid_type", key, "%s 应为数字", "%s must be a number", key);
	*out = json_number_value(v);
	return 0;
}

int read_supervisor(req *r, json_t *b, struct supervisor_input *in)
{
	err *e = &r->e;
	memset(in, 0, sizeof *in);
	in->grade = jreq(b, "grade", e);
	in->cert_no = jreq(b, "cert_no", e);
	in->valid_until = jreq(b, "valid_until", e);
	in->region_code = jreq(b, "region_code", e);
	in->institution_id = jint(b, "institution_id", 0, e);
	in->weekdays = jstr(b, "weekdays", e);
	in->max_per_day = jint(b, "max_per_day", -1, e);
	if (err_isset(e))
		return -1;
	bool hlat, hlon;
	if (read_number(r, b, "latitude", &hlat, &in->latitude) ||
	    read_number(r, b, "longitude", &hlon, &in->longitude))
		return -1;
	if (hlat != hlon)
		return err_set(e, 422, "missing_field", hlat ? "longitude" : "latitude",
			       "纬度与经度须同时给出", "latitude and longitude go together");
	in->has_location = hlat;
	json_t *av = json_object_get(b, "avoid");
	if (av && !json_is_null(av)) {
		if (!json_is_array(av))
			return err_set(e, 422, "invalid_type", "avoid", "avoid 应为数组",
				       "avoid must be an array");
		if (json_array_size(av) > SUPERVISOR_MAX_AVOID)
			return err_set(e, 422, "too_many", "avoid", "回避单位最多 %d 个",
				       "at most %d avoided institutions", SUPERVISOR_MAX_AVOID);
		struct supervisor_avoid *v = arena_array(r->a, json_array_size(av) + 1, sizeof *v);
		size_t i;
		json_t *x;
		json_array_foreach(av, i, x)
		{
			if (!json_is_object(x))
				return err_set(e, 422, "invalid_type", "avoid", "avoid 的每项应为对象",
					       "avoid must hold objects");
			v[i].institution_id = jint(x, "institution_id", 0, e);
			v[i].reason = jstr(x, "reason", e);
			if (err_isset(e))
				return -1;
			if (v[i].institution_id <= 0)
				return err_set(e, 422, "missing_field", "avoid",
					       "avoid 的每项须有 institution_id",
					       "each avoid entry needs an institution_id");
		}
		in->avoid = v;
		in->navoid = json_array_size(av);
	}
	return read_strings(r, b, "days_off", SUPERVISOR_MAX_DAYS_OFF, &in->days_off, &in->ndays_off, NULL);
}

int read_availability(req *r, json_t *b, struct availability_input *in)
{
	err *e = &r->e;
	memset(in, 0, sizeof *in);
	in->weekdays = jstr(b, "weekdays", e);
	in->max_per_day = jint(b, "max_per_day", -1, e);
	if (err_isset(e))
		return -1;
	return read_strings(r, b, "days_off", SUPERVISOR_MAX_DAYS_OFF, &in->days_off, &in->ndays_off,
			    &in->has_days_off);
}

int read_dispatch_rules(req *r, json_t *b, struct dispatch_rules_input *in)
{
	err *e = &r->e;
	memset(in, 0, sizeof *in);
	json_t *needs = json_object_get(b, "needs");
	if (!json_is_array(needs))
		return err_set(e, 422, needs ? "invalid_type" : "missing_field", "needs", "needs 应为数组",
			       "needs must be an array");
	if (json_array_size(needs) > DISPATCH_MAX_NEEDS)
		return err_set(e, 422, "too_many", "needs", "needs 最多 %d 行", "needs has at most %d rows",
			       DISPATCH_MAX_NEEDS);
	struct dispatch_need *v = arena_array(r->a, json_array_size(needs) + 1, sizeof *v);
	size_t i;
	json_t *x;
	json_array_foreach(needs, i, x)
	{
		if (!json_is_object(x))
			return err_set(e, 422, "invalid_type", "needs", "needs 的每项应为对象",
				       "needs must hold objects");
		v[i].level_from = jint(x, "level_from", -1, e);
		v[i].level_to = jint(x, "level_to", -1, e);
		v[i].min_candidates = jint(x, "min_candidates", -1, e);
		v[i].supervisors = jint(x, "supervisors", -1, e);
		if (err_isset(e))
			return -1;
	}
	in->needs = v;
	in->nneeds = json_array_size(needs);
	in->load_km = jint(b, "load_km", 30, e);
	if (err_isset(e))
		return -1;
	return read_strings(r, b, "cross_dispatch", DISPATCH_MAX_CITIES, &in->cross, &in->ncross, NULL);
}

int read_credit_event(req *r, json_t *b, struct credit_event_input *in)
{
	json_t *u = json_object_get(b, "until");
	*in = (struct credit_event_input){
		.subject_type = jstr(b, "subject_type", &r->e),
		.subject_id = jint(b, "subject_id", 0, &r->e),
		.kind = jstr(b, "kind", &r->e),
		.from = jstr(b, "from", &r->e),
		/* absent: the kind's default length; null or "": no end */
		.until = u && json_is_null(u) ? "" : jstr(b, "until", &r->e),
		.reason = jstr(b, "reason", &r->e),
		.source_type = jstr(b, "source_type", &r->e),
		.source_id = jint(b, "source_id", 0, &r->e),
		.corrects = jint(b, "corrects", 0, &r->e),
	};
	return err_isset(&r->e) ? -1 : 0;
}

/* a number at key (integer or real); absent: def */
static double jnum(req *r, json_t *b, const char *key, double def)
{
	json_t *v = json_object_get(b, key);
	if (!v || json_is_null(v))
		return def;
	if (!json_is_number(v)) {
		if (!err_isset(&r->e))
			err_set(&r->e, 422, "invalid_type", key, "%s 应为数字", "%s must be a number", key);
		return def;
	}
	return json_number_value(v);
}

int read_assess_system(req *r, json_t *b, struct assess_system_input *in)
{
	json_t *ia = json_object_get(b, "indicators");
	if (!json_is_array(ia))
		return err_set(&r->e, 422, "invalid_type", "indicators", "indicators 应为数组",
			       "indicators must be an array");
	size_t n = json_array_size(ia);
	if (n > ASSESS_INDICATORS)
		n = ASSESS_INDICATORS + 1; /* refused by the use case; read no more */
	struct assess_indicator_input *ind = arena_array(r->a, n + 1, sizeof *ind);
	for (size_t k = 0; k < n; k++) {
		json_t *x = json_array_get(ia, k);
		if (!json_is_object(x))
			return err_set(&r->e, 422, "invalid_type", "indicators", "indicators 的每项应为对象",
				       "indicators must hold objects");
		ind[k] = (struct assess_indicator_input){
			.code = jstr(x, "code", &r->e),
			.name = jstr(x, "name", &r->e),
			.rule = jstr(x, "rule", &r->e),
			.source = jstr(x, "source", &r->e),
			.weight = jnum(r, x, "weight", -1),
			.full = jnum(r, x, "full", 0),
			.warn = jnum(r, x, "warn", 0),
			.partial = jnum(r, x, "partial", 0.5),
			.min_base = jnum(r, x, "min_base", 0),
			.veto = jbool(x, "veto", 0, &r->e) != 0,
		};
	}
	*in = (struct assess_system_input){
		.excellent_min = jnum(r, b, "excellent_min", -1),
		.pass_min = jnum(r, b, "pass_min", -1),
		.inner_cover = jnum(r, b, "inner_cover", 0.95),
		.outer_cover = jnum(r, b, "outer_cover", 0.998),
		.widen_min = jint(b, "widen_min", 0, &r->e),
		.history_periods = jint(b, "history_periods", 3, &r->e),
		.source = jstr(b, "source", &r->e),
		.ind = ind,
		.n = n,
	};
	return err_isset(&r->e) ? -1 : 0;
}
