/* input.c: the evaluation routes' request bodies into typed inputs (see input.h) */
#include "util/common.h"
#include "api/evaluation/input.h"
#include <math.h>

int plan_input_parse(req *r, json_t *b, struct plan_input *in)
{
	*in = (struct plan_input){
		.institution_id = jint(b, "institution_id", 0, &r->e),
		.occupation_code = jstr(b, "occupation_code", &r->e),
		.work_type = jstr(b, "work_type", &r->e),
		.template_name = jstr(b, "template", &r->e),
		.title = jstr(b, "title", &r->e),
		.reg_start = jstr(b, "reg_start", &r->e),
		.reg_end = jstr(b, "reg_end", &r->e),
		.exam_date = jstr(b, "exam_date", &r->e),
		.level = (int)jint(b, "level", 0, &r->e),
		.capacity = (int)jint(b, "capacity", 0, &r->e),
		.publicity_days = (int)jint(b, "publicity_days", 5, &r->e),
		.norm_id = jint(b, "norm_id", 0, &r->e),
	};
	if (err_isset(&r->e))
		return -1;
	json_t *subjects = json_object_get(b, "subjects"), *s;
	if (subjects && !json_is_array(subjects))
		return err_set(&r->e, 422, "invalid_type", "subjects", "subjects 应为数组",
			       "subjects must be an array");
	static const struct {
		const char *name;
		unsigned bit;
	} names[] = {{"theory", PLAN_THEORY}, {"practical", PLAN_PRACTICAL}, {"review", PLAN_REVIEW}};
	size_t i;
	json_array_foreach(subjects, i,
			   s) for (size_t k = 0; k < ARRAY_LEN(names);
				   k++) if (json_is_string(s) && !strcmp(json_string_value(s), names[k].name))
		in->subjects |= names[k].bit;
	return 0;
}

int registration_input_parse(req *r, json_t *b, int64_t plan_id, struct registration_input *in)
{
	*in = (struct registration_input){
		.plan_id = plan_id,
		.person_id = jint(b, "person_id", 0, &r->e),
		.option = jreq(b, "option", &r->e),
		.related_major = jbool(b, "related_major", 0, &r->e) == 1,
		.declared = jbool(b, "declared", 0, &r->e) == 1,
		.post = jstr(b, "post", &r->e),
	};
	return err_isset(&r->e) ? -1 : 0;
}

/* a score out of 100, or -1 when absent */
static double jscore(req *r, json_t *b, const char *key)
{
	json_t *v = json_object_get(b, key);
	if (!v || json_is_null(v))
		return -1;
	if (!json_is_number(v) || json_number_value(v) < 0) {
		err_set(&r->e, 422, "invalid_type", key, "%s 应为 0 到 100 的数字",
			"%s must be a number from 0 to 100", key);
		return -1;
	}
	return json_number_value(v);
}

int result_input_parse(req *r, json_t *b, struct result_input *in)
{
	*in = (struct result_input){
		.person_id = jint(b, "person_id", 0, &r->e),
		.institution_id = jint(b, "institution_id", 0, &r->e),
		.occupation_code = jstr(b, "occupation_code", &r->e),
		.work_type = jstr(b, "work_type", &r->e),
		.exam_date = jstr(b, "exam_date", &r->e),
		.level = (int)jint(b, "level", -1, &r->e),
		.passed = jbool(b, "passed", -1, &r->e),
		.correction_reason = jstr(b, "correction_reason", &r->e),
	};
	in->theory = jscore(r, b, "theory");
	in->practical = jscore(r, b, "practical");
	in->review = jscore(r, b, "review");
	if (err_isset(&r->e))
		return -1;
	if (in->person_id <= 0)
		return err_set(&r->e, 422, "missing_field", "person_id", "缺少人员",
			       "missing field 'person_id'");
	return 0;
}

int elig_request_parse(req *r, json_t *b, struct elig_request *q)
{
	*q = (struct elig_request){
		.person_id = jint(b, "person_id", 0, &r->e),
		.occupation_code = jstr(b, "occupation_code", &r->e),
		.option = jstr(b, "option", &r->e),
		.exam_date = jstr(b, "exam_date", &r->e),
		.level = (int)jint(b, "level", 0, &r->e),
		.related_major = jbool(b, "related_major", 0, &r->e) == 1,
		.declared = jbool(b, "declared", 0, &r->e) == 1,
	};
	if (err_isset(&r->e))
		return -1;
	if (r->who.role == ROLE_CANDIDATE && !q->person_id)
		q->person_id = r->who.person_id;
	return 0;
}

int review_body_parse(req *r, json_t *b, struct review_body *in)
{
	const char *decision = jreq(b, "decision", &r->e);
	*in = (struct review_body){.reason = jstr(b, "reason", &r->e),
				   .out_of_turn = jbool(b, "out_of_turn", 0, &r->e) == 1};
	if (err_isset(&r->e))
		return -1;
	if (strcmp(decision, "approve") && strcmp(decision, "reject"))
		return err_set(&r->e, 422, "invalid_value", "decision", "decision 应为 approve 或 reject",
			       "decision is approve or reject");
	in->approve = !strcmp(decision, "approve");
	return 0;
}

int avoidance_body_parse(req *r, json_t *b, int64_t *person_id, const char **reason)
{
	*person_id = jint(b, "person_id", 0, &r->e);
	*reason = jstr(b, "reason", &r->e);
	return err_isset(&r->e) ? -1 : 0;
}

int objection_body_parse(req *r, json_t *b, struct objection_body *in)
{
	*in = (struct objection_body){.result_id = jint(b, "result_id", 0, &r->e),
				      .text = jstr(b, "text", &r->e),
				      .contact = jstr(b, "contact", &r->e)};
	return err_isset(&r->e) ? -1 : 0;
}

int resolution_body_parse(req *r, json_t *b, const char **resolution)
{
	*resolution = jstr(b, "resolution", &r->e);
	return err_isset(&r->e) ? -1 : 0;
}

/* the number at v, or NAN when it is none (the use case refuses it with its own message) */
static double number_or_nan(json_t *v)
{
	return json_is_number(v) ? json_number_value(v) : NAN;
}

int panel_setup_parse(req *r, json_t *b, struct panel_setup_input *in)
{
	json_t *criteria = json_object_get(b, "criteria"), *examiners = json_object_get(b, "examiners"),
	       *sp = json_object_get(b, "spread_pct"), *x;
	size_t i, nc = json_is_array(criteria) ? json_array_size(criteria) : 0,
		  ne = json_is_array(examiners) ? json_array_size(examiners) : 0;
	struct criterion_input *c = arena_array(r->a, nc ? nc : 1, sizeof *c);
	int64_t *ex = arena_array(r->a, ne ? ne : 1, sizeof *ex);
	/* a criterion that is not {name: text, points: number} has no name or no points: the use case
	 * refuses it (invalid_value criteria) after its scope checks, as it always has */
	for (i = 0; i < nc; i++) {
		x = json_array_get(criteria, i);
		json_t *star = json_object_get(x, "star");
		c[i] = (struct criterion_input){.name = json_string_value(json_object_get(x, "name")),
						.points = number_or_nan(json_object_get(x, "points")),
						.star = json_is_boolean(star) ? json_is_true(star) : -1};
	}
	/* an entry that is not an integer names no user: "user 0 is not an active examiner" */
	for (i = 0; i < ne; i++)
		ex[i] = json_integer_value(json_array_get(examiners, i));
	*in = (struct panel_setup_input){.criteria = c,
					 .ncriteria = nc,
					 .examiners = ex,
					 .nexaminers = ne,
					 .spread_pct = json_is_number(sp) ? json_number_value(sp) : 0.2};
	return 0;
}

int panel_scores_parse(req *r, json_t *b, int64_t *registration_id, double **scores, size_t *nscores)
{
	*registration_id = jint(b, "registration_id", 0, &r->e);
	if (err_isset(&r->e))
		return -1;
	json_t *s = json_object_get(b, "scores");
	*scores = NULL;
	*nscores = 0;
	if (!json_is_array(s))
		return 0;
	*nscores = json_array_size(s);
	*scores = arena_array(r->a, *nscores ? *nscores : 1, sizeof **scores);
	for (size_t k = 0; k < *nscores; k++)
		(*scores)[k] = number_or_nan(json_array_get(s, k));
	return 0;
}
