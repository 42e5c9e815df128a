/* wages.c: /api/v1/wages/... and /api/v1/public/wages — 工资价位: employers submit pay (a file), the bureau
 * sets posts and minimum wages and publishes, the public reads the published table (svc/incentive/wages.h) */
#include "util/common.h"
#include "api/base/api.h"
#include "api/incentive/handlers.h"
#include "svc/incentive/wages.h"
#include <stdlib.h>
#include <string.h>

/* a year from text: 0 with *year set, -1 with 422 on `field` (missing or not a number); the use cases check
 * its range */
static int year_of(req *r, const char *s, const char *field, int64_t *year)
{
	char *end = NULL;
	long long v = s && *s ? strtoll(s, &end, 10) : 0;
	if (!s || !*s)
		return err_set(&r->e, 422, "missing_field", field, "缺少年度", "missing year");
	if (*end || v < WAGE_YEAR_MIN || v > 9999)
		return err_set(&r->e, 422, "invalid_value", field, "年度无效", "year must be a year");
	*year = v;
	return 0;
}

/* the year of the path: not a year is not there (404) */
static int path_year(req *r, int64_t *year)
{
	char *end = NULL;
	const char *s = r->params[0];
	long long v = s && *s ? strtoll(s, &end, 10) : 0;
	if (!s || !*s || *end || v <= 0 || v > 9999)
		return err_set(&r->e, 404, "not_found", "year", "没有该年度", "no such year");
	*year = v;
	return 0;
}

int h_wage_rules(req *r)
{
	db *d = api_db(r);
	json_t *o = d ? wage_rules_json(d, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

/* {effective_from, monthly, source}: 200 with the rules */
int h_wage_min_wage_put(req *r)
{
	json_t *b = req_json(r);
	if (!b)
		return -1;
	struct wage_min_wage_input in = {
		.effective_from = jstr(b, "effective_from", &r->e),
		.monthly = jstr(b, "monthly", &r->e),
		.source = jstr(b, "source", &r->e),
	};
	if (err_isset(&r->e))
		return -1;
	db *d = api_db(r);
	if (!d || wage_min_wage_put(d, &r->who, r->params[0], &in, &r->e) != 0)
		return -1;
	json_t *o = wage_rules_json(d, &r->e);
	return o ? req_reply(r, 200, o) : -1;
}

int h_wage_posts_get(req *r)
{
	int64_t year;
	if (path_year(r, &year) != 0)
		return -1;
	db *d = api_db(r);
	json_t *o = d ? wage_posts_json(d, year, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

/* {items:[{occupation_code, name, post_class}]}: 200 with the year's posts */
int h_wage_posts_put(req *r)
{
	int64_t year;
	if (path_year(r, &year) != 0)
		return -1;
	json_t *b = req_json(r);
	if (!b)
		return -1;
	json_t *items = json_object_get(b, "items");
	if (!json_is_array(items))
		return err_set(&r->e, 422, "invalid_type", "items", "items 应为数组",
			       "items must be an array");
	size_t n = json_array_size(items);
	if (n > WAGE_MAX_POSTS)
		return err_set(&r->e, 422, "too_many", "items", "岗位不能超过 %d 个", "at most %d posts",
			       WAGE_MAX_POSTS);
	struct wage_post_input *posts = arena_alloc(r->a, (n ? n : 1) * sizeof *posts);
	for (size_t i = 0; i < n; i++) {
		json_t *it = json_array_get(items, i);
		if (!json_is_object(it))
			return err_set(&r->e, 422, "invalid_type", "items", "岗位应为对象",
				       "each post is an object");
		posts[i] = (struct wage_post_input){
			.occupation_code = jstr(it, "occupation_code", &r->e),
			.name = jstr(it, "name", &r->e),
			.post_class = jstr(it, "post_class", &r->e),
		};
		if (err_isset(&r->e))
			return -1;
	}
	db *d = api_db(r);
	if (!d || wage_posts_put(d, &r->who, year, posts, n, &r->e) != 0)
		return -1;
	json_t *o = wage_posts_json(d, year, &r->e);
	return o ? req_reply(r, 200, o) : -1;
}

/* ?year=&all_or_nothing=, the body a CSV or XLSX file */
int h_wage_import(req *r)
{
	int64_t year;
	if (year_of(r, req_query(r, "year"), "year", &year) != 0)
		return -1;
	if (!r->body.len)
		return err_set(&r->e, 400, "body_required", NULL, "请求体应为 CSV 或 XLSX 文件",
			       "the request body is the CSV or XLSX file");
	const char *aon = req_query(r, "all_or_nothing");
	bool all = aon && (!strcmp(aon, "true") || !strcmp(aon, "1"));
	db *d = api_db(r);
	return api_import_reply(r, d ? wage_import(d, &r->who, year, r->body.ptr, r->body.len, all, &r->e)
				     : NULL);
}

int h_wage_submissions(req *r)
{
	return api_list_spec(r, &wage_submission_list);
}

/* ?year=&institution_id= */
int h_wage_check(req *r)
{
	int64_t year;
	if (year_of(r, req_query(r, "year"), "year", &year) != 0)
		return -1;
	const char *inst = req_query(r, "institution_id");
	int64_t id = 0;
	if (inst && *inst) {
		char *end = NULL;
		long long v = strtoll(inst, &end, 10);
		if (*end || v <= 0)
			return err_set(&r->e, 422, "invalid_value", "institution_id", "单位编号无效",
				       "institution_id must be a positive integer");
		id = v;
	}
	db *d = api_db(r);
	json_t *o = d ? wage_check_json(d, &r->who, year, id, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

/* {year, region_code}: 201 with the publication */
int h_wage_publish(req *r)
{
	json_t *b = req_json(r);
	if (!b)
		return -1;
	int64_t year = jint(b, "year", 0, &r->e);
	const char *region = jstr(b, "region_code", &r->e);
	if (err_isset(&r->e))
		return -1;
	if (!year)
		return err_set(&r->e, 422, "missing_field", "year", "缺少年度", "missing field 'year'");
	db *d = api_db(r);
	int64_t id = 0;
	if (!d || wage_publish(d, &r->who, year, region, &id, &r->e) != 0)
		return -1;
	json_t *o = wage_publication_json(d, &r->who, id, &r->e);
	return o ? req_reply(r, 201, o) : -1;
}

int h_wage_publication_get(req *r)
{
	int64_t id = req_param_id(r, 0);
	db *d = id > 0 ? api_db(r) : NULL;
	json_t *o = d ? wage_publication_json(d, &r->who, id, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

/* ?year=&region_code=&occupation_code=&level= */
int h_wage_public(req *r)
{
	int64_t year;
	if (year_of(r, req_query(r, "year"), "year", &year) != 0)
		return -1;
	db *d = api_db(r);
	json_t *o = d ? wage_public_json(d, year, req_query(r, "region_code"),
					 req_query(r, "occupation_code"), req_query(r, "level"), &r->e)
		      : NULL;
	return o ? req_reply(r, 200, o) : -1;
}
