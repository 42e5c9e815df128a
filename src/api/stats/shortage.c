/* shortage.c: 急需紧缺 early warning — the postings import, the warning list, one occupation's forecast, and
 * the proposals of next year's catalogue (svc/stats/shortage_warn.h; docs/DOMAIN.md §59). */
#include "util/common.h"
#include "api/base/api.h"
#include "api/stats/handlers.h"
#include "svc/stats/shortage_warn.h"
#include "util/arena.h"
#include <stdlib.h>

/* ?year= (required) */
static int query_year(req *r, const char *key, int64_t *year)
{
	const char *s = req_query(r, key);
	char *end = NULL;
	long long v = s && *s ? strtoll(s, &end, 10) : 0;
	if (!s || !*s)
		return err_set(&r->e, 422, "missing_field", key, "缺少年度", "missing year");
	if (*end || v < 1 || v > 9999)
		return err_set(&r->e, 422, "invalid_value", key, "年度无效", "year must be a year");
	*year = v;
	return 0;
}

/* {city}/{year} of the path: not a year is not there (404) */
static int path_year(req *r, int64_t *year)
{
	const char *s = r->params[1];
	char *end = NULL;
	long long y = s && *s ? strtoll(s, &end, 10) : 0;
	if (!s || !*s || *end || y < 1 || y > 9999)
		return err_set(&r->e, 404, "not_found", NULL, "该市该年度没有建议目录",
			       "no proposal of that city and year");
	*year = y;
	return 0;
}

/* ?source=&all_or_nothing=, the body a CSV or XLSX file */
int h_postings_import(req *r)
{
	const char *source = req_query(r, "source");
	if (!source || !*source)
		return err_set(&r->e, 422, "missing_field", "source", "缺少数据来源（source）",
			       "missing source (the public employment service the file comes from)");
	if (!r->body.len)
		return err_set(&r->e, 400, "body_required", NULL, "请求体应为 CSV 或 XLSX 文件",
			       "the request body is the CSV or XLSX file");
	const char *aon = req_query(r, "all_or_nothing");
	bool all = aon && (!strcmp(aon, "true") || !strcmp(aon, "1"));
	db *d = api_db(r);
	return api_import_reply(
		r, d ? postings_import(d, &r->who, source, r->body.ptr, r->body.len, all, &r->e) : NULL);
}

int h_shortage_warnings(req *r)
{
	int64_t year;
	if (query_year(r, "year", &year) != 0)
		return -1;
	db *d = api_db(r);
	json_t *o = d ? shortage_warnings_json(d, &r->who, req_query(r, "region_code"), year, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

int h_shortage_forecast(req *r)
{
	int64_t year;
	if (query_year(r, "year", &year) != 0)
		return -1;
	db *d = api_db(r);
	json_t *o = d ? shortage_forecast_json(d, &r->who, req_query(r, "region_code"),
					       req_query(r, "occupation_code"), year, &r->e)
		      : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

/* {city_code, year}: 201 with the proposal made from the warnings of year - 1 */
int h_shortage_proposal_make(req *r)
{
	json_t *b = req_json(r);
	if (!b)
		return -1;
	const char *city = jreq(b, "city_code", &r->e);
	int64_t year = jint(b, "year", 0, &r->e);
	if (err_isset(&r->e))
		return -1;
	if (!year)
		return err_set(&r->e, 422, "missing_field", "year", "缺少年度", "missing year");
	db *d = api_db(r);
	json_t *o = d ? shortage_proposal_make(d, &r->who, city, year, &r->e) : NULL;
	return o ? req_reply(r, 201, o) : -1;
}

int h_shortage_proposal_get(req *r)
{
	int64_t year;
	if (path_year(r, &year) != 0)
		return -1;
	db *d = api_db(r);
	json_t *o = d ? shortage_proposal_get(d, &r->who, r->params[0], year, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

/* {title?, note?, min?, max?, entries: [{occupation_code, amount?}]} */
int h_shortage_proposal_put(req *r)
{
	int64_t year;
	if (path_year(r, &year) != 0)
		return -1;
	json_t *b = req_json(r);
	if (!b)
		return -1;
	err *e = &r->e;
	struct proposal_input in = {.title = jstr(b, "title", e),
				    .note = jstr(b, "note", e),
				    .min = jstr(b, "min", e),
				    .max = jstr(b, "max", e)};
	if (err_isset(e))
		return -1;
	json_t *ents = json_object_get(b, "entries");
	if (!json_is_array(ents))
		return err_set(e, 422, "invalid_type", "entries", "entries 应为数组",
			       "'entries' must be an array");
	if (json_array_size(ents) > 200)
		return err_set(e, 422, "too_many", "entries", "目录至多 200 个职业",
			       "a list holds at most 200 entries");
	in.nentries = json_array_size(ents);
	in.entries = arena_array(r->a, in.nentries ? in.nentries : 1, sizeof *in.entries);
	size_t i;
	json_t *v;
	json_array_foreach(ents, i, v)
	{
		if (!json_is_object(v))
			return err_set(e, 422, "invalid_type", "entries", "entries 的每项应为对象",
				       "each entry must be an object");
		in.entries[i].occupation_code = jreq(v, "occupation_code", e);
		in.entries[i].amount = jstr(v, "amount", e);
		if (err_isset(e))
			return -1;
	}
	db *d = api_db(r);
	json_t *o = d ? shortage_proposal_put(d, &r->who, r->params[0], year, &in, e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

int h_shortage_proposal_publish(req *r)
{
	int64_t year;
	if (path_year(r, &year) != 0)
		return -1;
	db *d = api_db(r);
	json_t *o = d ? shortage_proposal_publish(d, &r->who, r->params[0], year, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

int h_shortage_rules(req *r)
{
	db *d = api_db(r);
	json_t *o = d ? shortage_rules_json(d, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

/* {values: {key: integer, ...}, source} */
int h_shortage_rules_put(req *r)
{
	json_t *b = req_json(r);
	if (!b)
		return -1;
	const char *source = jreq(b, "source", &r->e);
	if (err_isset(&r->e))
		return -1;
	json_t *vals = json_object_get(b, "values");
	if (!json_is_object(vals))
		return err_set(&r->e, 422, "invalid_type", "values", "values 应为对象",
			       "'values' must be an object");
	if (json_object_size(vals) > 16)
		return err_set(&r->e, 422, "too_many", "values", "阈值过多", "too many values");
	struct rule_value *v = arena_array(r->a, json_object_size(vals) + 1, sizeof *v);
	size_t n = 0;
	const char *k;
	json_t *x;
	json_object_foreach(vals, k, x)
	{
		if (!json_is_integer(x))
			return err_set(&r->e, 422, "invalid_type", "values", "阈值 %s 应为整数",
				       "'%s' must be an integer", k);
		v[n++] = (struct rule_value){k, (int64_t)json_integer_value(x)};
	}
	db *d = api_db(r);
	json_t *o = d ? shortage_rules_put(d, &r->who, v, n, source, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}
