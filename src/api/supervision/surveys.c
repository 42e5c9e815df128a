/* surveys.c: 满意度调查 — the survey (read by any user, a new version by the province), a candidate's answer
 * for their own attempt, and the aggregates in the reader's scope */
#include "util/common.h"
#include "api/base/api.h"
#include "api/supervision/handlers.h"
#include "svc/base/svc.h"
#include "svc/supervision/surveys.h"

int h_survey_get(req *r)
{
	db *d = api_db(r);
	json_t *o = d ? survey_current_json(d, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

/* {questions: [{code, text, text_en}], allow_comment?, min_count, source?} */
int h_survey_put(req *r)
{
	json_t *b = req_json(r);
	if (!b)
		return -1;
	json_t *qa = json_object_get(b, "questions");
	if (!json_is_array(qa))
		return err_set(&r->e, 422, "invalid_type", "questions", "questions 应为数组",
			       "questions must be an array");
	size_t n = json_array_size(qa);
	if (n > SURVEY_QUESTIONS_MAX)
		n = SURVEY_QUESTIONS_MAX + 1; /* refused by the use case; read no more */
	struct survey_question *qs = arena_array(r->a, n + 1, sizeof *qs);
	for (size_t k = 0; k < n && k < json_array_size(qa); k++) {
		json_t *x = json_array_get(qa, k);
		if (!json_is_object(x))
			return err_set(&r->e, 422, "invalid_type", "questions", "questions 的每项应为对象",
				       "questions must hold objects");
		qs[k] = (struct survey_question){jstr(x, "code", &r->e), jstr(x, "text", &r->e),
						 jstr(x, "text_en", &r->e)};
	}
	struct survey_input in = {
		.questions = qs,
		.n = n,
		.allow_comment = jbool(b, "allow_comment", 1, &r->e) != 0,
		.min_count = jint(b, "min_count", 0, &r->e),
		.source = jstr(b, "source", &r->e),
	};
	if (err_isset(&r->e))
		return -1;
	db *d = api_db(r);
	json_t *o = d ? survey_put(d, &r->who, &in, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

/* {ratings: {code: 1..5, ...}, comment?} */
int h_survey_answer(req *r)
{
	int64_t id = req_param_id(r, 0);
	json_t *b = id > 0 ? req_json(r) : NULL;
	if (!b)
		return -1;
	json_t *ro = json_object_get(b, "ratings");
	if (!json_is_object(ro))
		return err_set(&r->e, 422, "invalid_type", "ratings", "ratings 应为对象（题目代码: 1-5）",
			       "ratings must be an object {code: 1..5}");
	size_t n = json_object_size(ro), k = 0;
	if (n > SURVEY_QUESTIONS_MAX)
		return err_set(&r->e, 422, "invalid_value", "ratings", "评分过多", "too many ratings");
	struct survey_rating *rs = arena_array(r->a, n + 1, sizeof *rs);
	const char *code;
	json_t *v;
	json_object_foreach(ro, code, v)
	{
		if (!json_is_integer(v))
			return err_set(&r->e, 422, "invalid_type", "ratings", "评分应为整数 1 至 5",
				       "a rating is an integer 1..5");
		rs[k++] = (struct survey_rating){code, json_integer_value(v)};
	}
	struct survey_answer in = {.ratings = rs, .n = n, .comment = jstr(b, "comment", &r->e)};
	if (err_isset(&r->e))
		return -1;
	db *d = api_db(r);
	if (!d || survey_answer(d, &r->who, id, &in, &r->e) != 0)
		return -1;
	/* nothing of the stored answer is echoed: there is nothing to read it back by */
	return req_reply(r, 201, json_pack("{s:s}", "status", "answered"));
}

int h_survey_results(req *r)
{
	struct survey_filter f = {
		.by = req_query(r, "by"),
		.occupation_code = req_query(r, "occupation_code"),
		.period_from = req_query(r, "period_from"),
		.period_to = req_query(r, "period_to"),
	};
	const char *inst = req_query(r, "institution_id");
	if (inst && *inst) {
		char *end;
		long long v = strtoll(inst, &end, 10);
		if (*end || v <= 0)
			return err_set(&r->e, 422, "invalid_value", "institution_id", "机构编号无效",
				       "institution_id must be a positive integer");
		f.institution_id = v;
	}
	db *d = api_db(r);
	json_t *o = d ? survey_results_json(d, &r->who, &f, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}
