/* input.c: request bodies of the registry's writes read into the typed inputs of its use cases (one place
 * for the shape of each body: field types, required fields, counts); the use cases check the values
 * against the database */
#include "util/common.h"
#include "api/registry/input.h"
#include "svc/base/svc.h"

#define MAX_SCOPES 1000

int read_inst_scopes(req *r, json_t *b, struct inst_scope **out, size_t *n)
{
	json_t *scopes = json_object_get(b, "scopes");
	if (!json_is_array(scopes))
		return err_set(&r->e, 422, "invalid_type", "scopes", "scopes 应为数组",
			       "scopes must be an array");
	if (json_array_size(scopes) > MAX_SCOPES)
		return err_set(&r->e, 422, "invalid_value", "scopes", "scopes 最多 %d 项",
			       "scopes has at most %d entries", MAX_SCOPES);
	*n = json_array_size(scopes);
	*out = arena_array(r->a, *n ? *n : 1, sizeof **out);
	size_t i;
	json_t *s;
	json_array_foreach(scopes, i, s)
	{
		struct inst_scope *sc = &(*out)[i];
		sc->occupation_code = jreq(s, "occupation_code", &r->e);
		if (err_isset(&r->e))
			return -1;
		json_t *lv = json_object_get(s, "levels");
		sc->levels_given = lv != NULL;
		if (lv && !json_is_array(lv)) {
			sc->levels_bad = true; /* refused by the use case with the catalogue's reason */
			continue;
		}
		if (json_array_size(lv) > ARRAY_LEN(sc->levels))
			return err_set(&r->e, 422, "invalid_level", "levels", "等级最多 %zu 个",
				       "at most %zu levels", ARRAY_LEN(sc->levels));
		size_t k;
		json_t *l;
		json_array_foreach(lv, k, l)
		{
			/* a level that is no integer is no level (0): the use case names it */
			sc->levels[sc->nlevels++] = json_is_integer(l) ? (int)json_integer_value(l) : 0;
		}
	}
	return 0;
}

int read_person_fact(req *r, json_t *b, enum person_fact_kind kind, struct person_fact *f)
{
	err *e = &r->e;
	memset(f, 0, sizeof *f);
	f->kind = kind;
	if (kind == FACT_WORK) {
		f->employer_name = jreq(b, "employer_name", e);
		f->occupation_code = jstr(b, "occupation_code", e);
		f->start_date = jreq(b, "start_date", e);
		f->end_date = jstr(b, "end_date", e);
	} else if (kind == FACT_DIPLOMA) {
		f->level = jreq(b, "level", e);
		f->graduated_on = jreq(b, "graduated_on", e);
		f->school = jstr(b, "school", e);
		f->major = jstr(b, "major", e);
	} else {
		f->grade = jreq(b, "grade", e);
		f->name = jreq(b, "name", e);
		f->obtained_on = jreq(b, "obtained_on", e);
	}
	return err_isset(e) ? -1 : 0;
}

int read_occupation(req *r, json_t *b, struct occupation_input *in)
{
	err *e = &r->e;
	memset(in, 0, sizeof *in);
	in->code = jreq(b, "code", e);
	in->name = jreq(b, "name", e);
	in->types = jstr(b, "types", e);
	in->kind = jstr(b, "kind", e);
	in->levels = jstr(b, "levels", e);
	in->category = jint(b, "category", 0, e);
	return err_isset(e) ? -1 : 0;
}

#define MAX_CONDITIONS 200

int read_standard(req *r, json_t *b, struct standard_input *in)
{
	err *e = &r->e;
	memset(in, 0, sizeof *in);
	in->version = jreq(b, "version", e);
	in->template_name = jreq(b, "template", e);
	json_t *profile = json_object_get(b, "profile");
	if (err_isset(e) || exam_profile_parse(profile, &in->profile, e) != 0)
		return -1;
	json_t *conds = json_is_object(profile) ? json_object_get(profile, "conditions") : NULL;
	if (!conds)
		return 0;
	if (!json_is_object(conds))
		return err_set(e, 422, "invalid_type", "conditions",
			       "conditions 应为 {\"选项编号\": [年限, ...]}",
			       "conditions is an object of option id to figures");
	if (json_object_size(conds) > MAX_CONDITIONS)
		return err_set(e, 422, "invalid_value", "conditions", "conditions 最多 %d 项",
			       "conditions has at most %d options", MAX_CONDITIONS);
	struct standard_condition *cs = arena_array(r->a, json_object_size(conds) + 1, sizeof *cs);
	in->conditions = cs;
	in->has_conditions = true;
	const char *id;
	json_t *v;
	json_object_foreach(conds, id, v)
	{
		struct standard_condition *c = &cs[in->nconditions++];
		c->option_id = id;
		c->malformed = !json_is_array(v) || json_array_size(v) > OPTION_MAX_CONDS;
		size_t i;
		json_t *x;
		if (!c->malformed)
			json_array_foreach(v, i, x)
			{
				if (!json_is_null(x) && !json_is_integer(x))
					c->malformed = true;
				c->years[c->n++] = json_is_integer(x) ? (int)json_integer_value(x) : -1;
			}
	}
	return 0;
}
