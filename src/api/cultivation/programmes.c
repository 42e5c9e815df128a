/* programmes.c: 培养项目, class tags and grouped counts (svc/cultivation/programmes.h) */
#include "util/common.h"
#include "api/base/api.h"
#include "api/cultivation/handlers.h"
#include "core/date.h"
#include "svc/base/svc.h"
#include "svc/cultivation/programmes.h"
#include <stdlib.h>

/* ?year= (default: this year, UTC+8) */
static int year_param(req *r, int64_t *year)
{
	const char *y = req_query(r, "year");
	if (!y || !*y) {
		char today[11];
		date_format(date_today_utc8(), today);
		*year = strtoll(today, NULL, 10);
		return 0;
	}
	char *end = NULL;
	long long v = strtoll(y, &end, 10);
	if (!end || *end || v < 2000 || v > 9999)
		return err_set(&r->e, 422, "invalid_value", "year", "年份不合理", "year is not plausible");
	*year = v;
	return 0;
}

int h_programmes(req *r)
{
	int64_t year;
	if (year_param(r, &year))
		return -1;
	db *d = api_db(r);
	json_t *o = d ? programme_list_json(d, &r->who, year, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

int h_programme_put(req *r)
{
	const char *code = r->params[0];
	json_t *b = req_json(r);
	if (!b)
		return -1;
	json_t *act = json_object_get(b, "active");
	struct programme_input in = {
		.name = jreq(b, "name", &r->e),
		.target_text = jstr(b, "target_text", &r->e),
		.source = jreq(b, "source", &r->e),
		.gaps = jstr(b, "gaps", &r->e),
		.from_year = jint(b, "from_year", 0, &r->e),
		.to_year = jint(b, "to_year", 0, &r->e),
		.yearly_target = jint(b, "yearly_target", 0, &r->e),
		.quota = jint(b, "quota", 0, &r->e),
		.subsidy_rules = json_object_get(b, "subsidy_rules"),
		.active = json_is_boolean(act) ? json_is_true(act) : -1,
	};
	if (err_isset(&r->e))
		return -1;
	db *d = api_db(r);
	bool created = false;
	json_t *o = d ? programme_put(d, &r->who, code, &in, &created, &r->e) : NULL;
	return o ? req_reply(r, created ? 201 : 200, o) : -1;
}

int h_programme_year_put(req *r)
{
	const char *code = r->params[0];
	int64_t year = req_param_id(r, 1);
	json_t *b = year > 0 ? req_json(r) : NULL;
	if (!b)
		return -1;
	int64_t target = jint(b, "target", -1, &r->e), quota = jint(b, "quota", 0, &r->e);
	if (err_isset(&r->e))
		return -1;
	if (target < 0)
		return err_set(&r->e, 422, "missing_field", "target", "缺少年度目标", "target is required");
	db *d = api_db(r);
	json_t *o = d ? programme_year_put(d, &r->who, code, year, target, quota, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

int h_class_tag_put(req *r)
{
	int64_t id = req_param_id(r, 0);
	json_t *b = id > 0 ? req_json(r) : NULL;
	if (!b)
		return -1;
	struct class_tag_input in = {.programme_code = jstr(b, "programme_code", &r->e),
				     .form = jreq(b, "form", &r->e),
				     .content = jreq(b, "content", &r->e)};
	if (err_isset(&r->e))
		return -1;
	db *d = api_db(r);
	json_t *o = d ? class_tag_put(d, &r->who, id, &in, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

int h_class_stats(req *r)
{
	int64_t year;
	if (year_param(r, &year))
		return -1;
	db *d = api_db(r);
	json_t *o = d ? class_stats_json(d, &r->who, year, req_query(r, "group"), &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}
