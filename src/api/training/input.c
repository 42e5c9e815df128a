/* input.c: the training routes' bodies (input.h) */
#include "util/common.h"
#include "api/training/input.h"
#include "svc/base/svc.h"
#include "core/date.h"

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
