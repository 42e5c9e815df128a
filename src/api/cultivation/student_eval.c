/* student_eval.c: 院校学生评价 — the pilot, the major ↔ occupation table, students by class, diplomas
 * (svc/cultivation/students.h) and 过程化评价 (svc/cultivation/proc_eval.h) */
#include "util/common.h"
#include "api/base/api.h"
#include "api/cultivation/handlers.h"
#include "svc/base/svc.h"
#include "svc/cultivation/proc_eval.h"
#include "svc/cultivation/students.h"
#include "util/arena.h"

/* a number field: -1 (and e set) when present and not a number, def when absent */
static double jnum(json_t *b, const char *key, double def, err *e)
{
	json_t *v = json_object_get(b, key);
	if (!v || json_is_null(v))
		return def;
	if (!json_is_number(v))
		return err_set(e, 422, "invalid_type", key, "%s 应为数值", "%s is a number", key), def;
	return json_number_value(v);
}

int h_cult_pilots(req *r)
{
	db *d = api_db(r);
	json_t *o = d ? pilot_list_json(d, &r->who, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

int h_cult_pilot_create(req *r)
{
	json_t *b = req_json(r);
	if (!b)
		return -1;
	struct pilot_input in = {.name = jreq(b, "name", &r->e),
				 .region_code = jreq(b, "region_code", &r->e),
				 .starts_on = jreq(b, "starts_on", &r->e),
				 .ends_on = jstr(b, "ends_on", &r->e),
				 .source = jreq(b, "source", &r->e)};
	if (err_isset(&r->e))
		return -1;
	db *d = api_db(r);
	json_t *o = d ? pilot_create(d, &r->who, &in, &r->e) : NULL;
	return o ? req_reply(r, 201, o) : -1;
}

int h_major_occupations(req *r)
{
	return api_list_spec(r, &major_occ_list);
}

int h_major_occupation_put(req *r)
{
	json_t *b = req_json(r);
	if (!b)
		return -1;
	struct major_occ_input in = {.major_code = jreq(b, "major_code", &r->e),
				     .occupation_code = jreq(b, "occupation_code", &r->e),
				     .major_name = jreq(b, "major_name", &r->e),
				     .source = jstr(b, "source", &r->e),
				     .max_level = jint(b, "max_level", 0, &r->e)};
	if (err_isset(&r->e))
		return -1;
	db *d = api_db(r);
	json_t *o = d ? major_occ_put(d, &r->who, &in, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

int h_students(req *r)
{
	return api_list_spec(r, &student_list);
}

/* {class_name, major_id | major_code + major_name + diploma_level, enrolled_year, graduates_on, person_ids}
 */
int h_students_register(req *r)
{
	json_t *b = req_json(r);
	if (!b)
		return -1;
	json_t *ids = json_object_get(b, "person_ids");
	if (!json_is_array(ids) || !json_array_size(ids) || json_array_size(ids) > 500)
		return err_set(&r->e, 422, "invalid_value", "person_ids",
			       "person_ids 应为 1 到 500 个人员编号的数组",
			       "person_ids is an array of 1 to 500 person ids");
	size_t n = json_array_size(ids);
	int64_t *p = arena_array(r->a, n, sizeof *p);
	for (size_t i = 0; i < n; i++) {
		json_t *v = json_array_get(ids, i);
		if (!json_is_integer(v) || json_integer_value(v) <= 0)
			return err_set(&r->e, 422, "invalid_value", "person_ids", "person_ids 应为正整数",
				       "person_ids are positive integers");
		p[i] = json_integer_value(v);
	}
	struct student_batch_input in = {.major_id = jint(b, "major_id", 0, &r->e),
					 .major_code = jstr(b, "major_code", &r->e),
					 .major_name = jstr(b, "major_name", &r->e),
					 .diploma_level = jstr(b, "diploma_level", &r->e),
					 .class_name = jreq(b, "class_name", &r->e),
					 .graduates_on = jreq(b, "graduates_on", &r->e),
					 .enrolled_year = jint(b, "enrolled_year", 0, &r->e),
					 .persons = p,
					 .n = n};
	if (err_isset(&r->e))
		return -1;
	db *d = api_db(r);
	json_t *o = d ? students_register(d, &r->who, &in, &r->e) : NULL;
	return o ? req_reply(r, 201, o) : -1;
}

/* POST /cultivation/students/import?all_or_nothing=&preview=: the body a CSV or XLSX file (svc
 * students_import). A preview answers 200 with what would be imported, nothing stored. */
int h_students_import(req *r)
{
	if (!r->body.len)
		return err_set(&r->e, 400, "body_required", NULL, "请求体应为 CSV 或 XLSX 文件",
			       "the request body is the CSV or XLSX file");
	const char *aon = req_query(r, "all_or_nothing"), *pv = req_query(r, "preview");
	bool all = aon && (!strcmp(aon, "true") || !strcmp(aon, "1"));
	bool preview = pv && (!strcmp(pv, "true") || !strcmp(pv, "1"));
	db *d = api_db(r);
	json_t *rep = d ? students_import(d, &r->who, r->body.ptr, r->body.len, all, preview, &r->e) : NULL;
	if (rep && preview)
		return req_reply(r, 200, rep);
	return api_import_reply(r, rep);
}

int h_student_diploma(req *r)
{
	int64_t id = req_param_id(r, 0);
	json_t *b = id > 0 ? req_json(r) : NULL;
	if (!b)
		return -1;
	const char *no = jreq(b, "diploma_no", &r->e), *on = jreq(b, "diploma_on", &r->e);
	if (err_isset(&r->e))
		return -1;
	db *d = api_db(r);
	json_t *o = d ? student_diploma(d, &r->who, id, no, on, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

int h_proc_rules(req *r)
{
	return api_list_spec(r, &proc_rule_list);
}

/* {plan_id, name, source, modules: [{code, name, weight}], pass_total, min_module} */
int h_proc_rule_create(req *r)
{
	json_t *b = req_json(r);
	if (!b)
		return -1;
	json_t *mods = json_object_get(b, "modules");
	if (!json_is_array(mods) || !json_array_size(mods) || json_array_size(mods) > 20)
		return err_set(&r->e, 422, "invalid_value", "modules", "modules 应为 1 到 20 个模块",
			       "modules is an array of 1 to 20 modules");
	size_t n = json_array_size(mods);
	struct proc_module_input *m = arena_array(r->a, n, sizeof *m);
	for (size_t i = 0; i < n; i++) {
		json_t *v = json_array_get(mods, i);
		if (!json_is_object(v))
			return err_set(&r->e, 422, "invalid_value", "modules",
				       "模块应为对象 {code, name, weight}",
				       "a module is an object {code, name, weight}");
		m[i] = (struct proc_module_input){jreq(v, "code", &r->e), jreq(v, "name", &r->e),
						  jnum(v, "weight", 0, &r->e)};
	}
	struct proc_rule_input in = {.plan_id = jint(b, "plan_id", 0, &r->e),
				     .name = jreq(b, "name", &r->e),
				     .source = jreq(b, "source", &r->e),
				     .modules = m,
				     .nmodules = n,
				     .pass_total = jnum(b, "pass_total", -1, &r->e),
				     .min_module = jnum(b, "min_module", 0, &r->e)};
	if (!err_isset(&r->e) && in.pass_total < 0)
		err_set(&r->e, 422, "missing_field", "pass_total", "缺少合格总分",
			"missing field 'pass_total'");
	if (err_isset(&r->e))
		return -1;
	db *d = api_db(r);
	json_t *o = d ? proc_rule_create(d, &r->who, &in, &r->e) : NULL;
	return o ? req_reply(r, 201, o) : -1;
}

int h_proc_rule_get(req *r)
{
	int64_t id = req_param_id(r, 0);
	if (id <= 0)
		return -1;
	db *d = api_db(r);
	json_t *o = d ? proc_rule_get(d, &r->who, id, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

/* {class_name, option} */
int h_proc_register(req *r)
{
	int64_t id = req_param_id(r, 0);
	json_t *b = id > 0 ? req_json(r) : NULL;
	if (!b)
		return -1;
	const char *cls = jreq(b, "class_name", &r->e), *opt = jreq(b, "option", &r->e);
	if (err_isset(&r->e))
		return -1;
	db *d = api_db(r);
	json_t *o = d ? proc_register_class(d, &r->who, id, cls, opt, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

/* {module_code, assessed_on, scores: [{student_id, score}]} */
int h_proc_scores(req *r)
{
	int64_t id = req_param_id(r, 0);
	json_t *b = id > 0 ? req_json(r) : NULL;
	if (!b)
		return -1;
	json_t *sc = json_object_get(b, "scores");
	if (!json_is_array(sc) || !json_array_size(sc) || json_array_size(sc) > 1000)
		return err_set(&r->e, 422, "invalid_value", "scores", "scores 应为 1 到 1000 条成绩",
			       "scores is an array of 1 to 1000 scores");
	size_t n = json_array_size(sc);
	struct proc_score_input *s = arena_array(r->a, n, sizeof *s);
	for (size_t i = 0; i < n; i++) {
		json_t *v = json_array_get(sc, i);
		json_t *sv = json_object_get(v, "score");
		if (!json_is_object(v) || !json_is_number(sv))
			return err_set(&r->e, 422, "invalid_value", "scores", "成绩应为 {student_id, score}",
				       "a score is {student_id, score}");
		s[i] = (struct proc_score_input){jint(v, "student_id", 0, &r->e), json_number_value(sv)};
	}
	const char *mod = jreq(b, "module_code", &r->e), *on = jreq(b, "assessed_on", &r->e);
	if (err_isset(&r->e))
		return -1;
	db *d = api_db(r);
	json_t *o = d ? proc_scores_record(d, &r->who, id, mod, on, s, n, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

int h_proc_compile(req *r)
{
	int64_t id = req_param_id(r, 0);
	if (id <= 0)
		return -1;
	db *d = api_db(r);
	json_t *o = d ? proc_compile(d, &r->who, id, &r->e) : NULL;
	return o ? req_reply(r, 201, o) : -1;
}
