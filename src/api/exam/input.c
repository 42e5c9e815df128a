/* input.c: the exam routes' request bodies into typed inputs (see input.h) */
#include "util/common.h"
#include "api/exam/input.h"

int item_draft_parse(req *r, json_t *b, struct item_draft *in)
{
	json_t *p = json_object_get(b, "points"), *opts = json_object_get(b, "options");
	*in = (struct item_draft){
		.occupation_code = jstr(b, "occupation_code", &r->e),
		.kind = jstr(b, "kind", &r->e),
		.area = jstr(b, "area", &r->e),
		.stem = jstr(b, "stem", &r->e),
		.answer = jstr(b, "answer", &r->e),
		.level = (int)jint(b, "level", 0, &r->e),
		.points = json_is_number(p) ? json_number_value(p) : 1.0,
		.knowledge_code = jstr(b, "knowledge_code", &r->e),
	};
	/* institution staff write their own bank; the province its own (0) or, naming it, an institution's */
	if (r->who.role == ROLE_INSTITUTION_ADMIN || r->who.role == ROLE_INSTITUTION_STAFF)
		in->institution_id = jint(b, "institution_id", r->who.institution_id, &r->e);
	else
		in->institution_id = jint(b, "institution_id", 0, &r->e);
	if (err_isset(&r->e))
		return -1;
	/* an option that is no text stays NULL: the use case refuses it (invalid_options) */
	if (json_is_array(opts)) {
		size_t n = json_array_size(opts);
		const char **o = arena_array(r->a, n ? n : 1, sizeof *o);
		for (size_t i = 0; i < n; i++)
			o[i] = json_string_value(json_array_get(opts, i));
		in->options = o;
		in->noptions = n;
	}
	return 0;
}

int blueprint_parse(req *r, json_t *b, const char **occupation_code, int *level,
		    struct blueprint_cell_input **cells, size_t *ncells)
{
	*occupation_code = jreq(b, "occupation_code", &r->e);
	*level = (int)jint(b, "level", 0, &r->e);
	*cells = NULL;
	*ncells = 0;
	if (err_isset(&r->e))
		return -1;
	json_t *arr = json_object_get(b, "cells"), *c;
	if (!json_is_array(arr))
		return 0;
	size_t n = json_array_size(arr), i;
	struct blueprint_cell_input *out = arena_array(r->a, n ? n : 1, sizeof *out);
	json_array_foreach(arr, i, c)
	{
		out[i] = (struct blueprint_cell_input){.area = jreq(c, "area", &r->e),
						       .kind = jreq(c, "kind", &r->e),
						       .count = jint(c, "count", 0, &r->e)};
		if (err_isset(&r->e))
			return -1;
	}
	*cells = out;
	*ncells = n;
	return 0;
}

int admit_body_parse(req *r, json_t *b, int64_t *registration_id)
{
	*registration_id = jint(b, "registration_id", 0, &r->e);
	return err_isset(&r->e) ? -1 : 0;
}

int answer_body_parse(req *r, json_t *b, const char **answer, int64_t *seq)
{
	*answer = jstr(b, "answer", &r->e);
	*seq = jint(b, "seq", 0, &r->e);
	return err_isset(&r->e) ? -1 : 0;
}

int invigilate_body_parse(req *r, json_t *b, struct invigilate_body *in)
{
	*in = (struct invigilate_body){.action = jreq(b, "action", &r->e),
				       .reason = jstr(b, "reason", &r->e),
				       .minutes = (int)jint(b, "minutes", 0, &r->e)};
	return err_isset(&r->e) ? -1 : 0;
}

int collusion_review_parse(req *r, json_t *b, const char **decision, const char **note)
{
	*decision = jreq(b, "decision", &r->e);
	*note = jreq(b, "note", &r->e);
	return err_isset(&r->e) ? -1 : 0;
}

/* the invigilators' user ids; NULL when v is not a list; 422 invalid_type for an entry that is no integer */
static int invigilator_ids(req *r, json_t *v, int64_t **ids, size_t *n)
{
	*ids = NULL;
	*n = 0;
	if (!json_is_array(v))
		return 0;
	size_t k = json_array_size(v);
	int64_t *out = arena_array(r->a, k ? k : 1, sizeof *out);
	for (size_t i = 0; i < k; i++) {
		json_t *x = json_array_get(v, i);
		if (!json_is_integer(x))
			return err_set(&r->e, 422, "invalid_type", "invigilators", "监考人员应为用户编号",
				       "invigilators are user ids");
		out[i] = json_integer_value(x);
	}
	*ids = out;
	*n = k;
	return 0;
}

int sitting_input_parse(req *r, json_t *b, struct sitting_input *in)
{
	*in = (struct sitting_input){
		.room_id = jint(b, "room_id", 0, &r->e),
		.candidates = jint(b, "candidates", 0, &r->e),
		.starts_at = jint(b, "starts_at", now_s(), &r->e),
		.minutes = (int)jint(b, "minutes", 90, &r->e),
	};
	/* a room of the registry names the sitting's room; else the free text is required */
	in->room = in->room_id ? jstr(b, "room", &r->e) : jreq(b, "room", &r->e);
	if (err_isset(&r->e))
		return -1;
	json_t *inv = json_object_get(b, "invigilators");
	in->has_invigilators = inv != NULL;
	int64_t *ids;
	if (invigilator_ids(r, inv, &ids, &in->ninvigilators) != 0)
		return -1;
	in->invigilators = ids;
	return 0;
}

int invigilators_parse(req *r, json_t *b, int64_t **ids, size_t *n)
{
	return invigilator_ids(r, json_object_get(b, "invigilators"), ids, n);
}
