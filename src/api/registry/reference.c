/* reference.c: /api/v1/regions and /api/v1/occupations (the catalogue; public reads) */
#include "util/common.h"
#include "api/base/api.h"
#include "api/registry/handlers.h"
#include "api/registry/input.h"
#include "svc/registry/reference.h"
#include "svc/registry/refdata_load.h"
#include "svc/registry/standards.h"
#include "core/date.h"
#include "core/workdays.h"
#include <stdlib.h>

int h_regions(req *r)
{
	db *d = api_db(r);
	json_t *o = d ? region_list_json(d, req_query(r, "parent"), req_query(r, "level"), &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

int h_occupations(req *r)
{
	return api_list_spec(r, &occupation_list);
}

int h_occupation_get(req *r)
{
	db *d = api_db(r);
	json_t *o = d ? occupation_get_json(d, r->params[0], &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

int h_occupation_create(req *r)
{
	json_t *b = req_json(r);
	if (!b)
		return -1;
	struct occupation_input in;
	if (read_occupation(r, b, &in) != 0)
		return -1;
	db *d = api_db(r);
	if (!d || occupation_create(d, &r->who, &in, &r->e) != 0)
		return -1;
	/* the route has no {code}: reply with the one just created */
	json_t *o = occupation_get_json(d, in.code, &r->e);
	return o ? req_reply(r, 201, o) : -1;
}

/* GET /api/v1/calendar/workdays?from=YYYY-MM-DD&days=N: the last day of a period of N working days (公示期)
 */
int h_workdays(req *r)
{
	const char *from = req_query(r, "from"), *days = req_query(r, "days");
	int start, n = days ? atoi(days) : 5;
	if (!from || date_parse(from, &start) != 0)
		return err_set(&r->e, 422, "invalid_date", "from", "from 应为日期 YYYY-MM-DD",
			       "from must be a date YYYY-MM-DD");
	if (n < 1 || n > 60)
		return err_set(&r->e, 422, "invalid_value", "days", "days 应在 1 到 60 之间",
			       "days must be 1..60");
	db *d = api_db(r);
	size_t ncal = 0;
	struct cal_day *cal = d ? calendar_load(d, &ncal, &r->e) : NULL;
	if (!cal)
		return -1;
	int end = workdays_end(start, n, cal, ncal);
	json_t *skipped = json_array();
	for (long x = date_to_days(start), e = date_to_days(end); x <= e; x++) {
		int ymd = date_from_days(x);
		if (!is_workday(ymd, cal, ncal)) {
			char s[11];
			date_format(ymd, s);
			json_array_append_new(skipped, json_string(s));
		}
	}
	free(cal);
	char es[11];
	date_format(end, es);
	return req_reply(
		r, 200,
		json_pack("{s:s,s:i,s:s,s:o}", "from", from, "days", n, "end", es, "rest_days", skipped));
}

/* /api/v1/occupations/{code}/standards (standards.c) */
int h_standards_add(req *r)
{
	json_t *b = req_json(r);
	if (!b)
		return -1;
	struct standard_input in;
	if (read_standard(r, b, &in) != 0)
		return -1;
	db *d = api_db(r);
	if (!d || standard_add(d, &r->who, r->params[0], &in, &r->e) != 0)
		return -1;
	json_t *o = standard_list_json(d, r->params[0], &r->e);
	return o ? req_reply(r, 201, o) : -1;
}

int h_standards_list(req *r)
{
	db *d = api_db(r);
	json_t *o = d ? standard_list_json(d, r->params[0], &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}
