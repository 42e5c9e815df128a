#include "util/common.h"
#include "svc/registry/standards.h"
#include "svc/base/tx.h"
#include "svc/registry/view.h"
#include "core/eligibility.h"

void exam_profile_default(struct exam_profile *p)
{
	*p = (struct exam_profile){.theory_minutes = 90,
				   .practical_minutes = {0, 60, 60, 90, 90, 90},
				   .pass_mark = 60,
				   .candidates_per_invigilator = 15,
				   .min_invigilators_per_room = 2,
				   .candidates_per_examiner = 5,
				   .panel_min = 3,
				   .review = {false, true, true, false, false, false}};
}

int exam_profile_parse(json_t *o, struct exam_profile *p, err *e)
{
	exam_profile_default(p);
	if (!o)
		return 0;
	if (!json_is_object(o))
		return err_set(e, 422, "invalid_type", "profile", "profile 应为对象",
			       "profile must be an object");
	p->theory_minutes = (int)jint(o, "theory_minutes", p->theory_minutes, e);
	p->candidates_per_invigilator =
		(int)jint(o, "candidates_per_invigilator", p->candidates_per_invigilator, e);
	p->min_invigilators_per_room =
		(int)jint(o, "min_invigilators_per_room", p->min_invigilators_per_room, e);
	p->candidates_per_examiner = (int)jint(o, "candidates_per_examiner", p->candidates_per_examiner, e);
	p->panel_min = (int)jint(o, "panel_min", p->panel_min, e);
	json_t *pm = json_object_get(o, "pass_mark");
	if (pm)
		p->pass_mark = json_is_number(pm) ? json_number_value(pm) : -1;
	json_t *pr = json_object_get(o, "practical_minutes");
	if (pr) {
		if (!json_is_object(pr))
			return err_set(e, 422, "invalid_type", "practical_minutes",
				       "practical_minutes 应为 {\"5\":90,...}",
				       "practical_minutes is an object of level to minutes");
		for (int l = 1; l <= 5; l++) {
			char k[2] = {(char)('0' + l), 0};
			p->practical_minutes[l] = (int)jint(pr, k, p->practical_minutes[l], e);
		}
	}
	json_t *rv = json_object_get(o, "review_levels");
	if (rv) {
		memset(p->review, 0, sizeof p->review);
		size_t i;
		json_t *x;
		json_array_foreach(rv, i, x) if (json_is_integer(x) && json_integer_value(x) >= 1 &&
						 json_integer_value(x) <= 5)
			p->review[json_integer_value(x)] = true;
	}
	return err_isset(e) ? -1 : 0;
}

/* the floors of the rules (docs/DOMAIN.md §4) */
static int profile_check(const struct exam_profile *p, err *e)
{
	if (p->theory_minutes < 90)
		return err_set(e, 422, "invalid_value", "theory_minutes", "理论考试不少于 90 分钟",
			       "theory exams last at least 90 minutes");
	for (int l = 1; l <= 5; l++)
		if (p->practical_minutes[l] < (l >= 3 ? 90 : 60))
			return err_set(
				e, 422, "invalid_value", "practical_minutes",
				"操作技能考核：五至三级不少于 90 分钟，二、一级不少于 60 分钟",
				"practical parts last at least 90 minutes (levels 5..3) or 60 (levels 2, 1)");
	if (!(p->pass_mark > 0 && p->pass_mark <= 100) || p->candidates_per_invigilator < 1 ||
	    p->candidates_per_invigilator > 15 || p->min_invigilators_per_room < 2 ||
	    p->candidates_per_examiner < 1 || p->candidates_per_examiner > 5 || p->panel_min < 3)
		return err_set(e, 422, "invalid_value", "profile",
			       "考务比例不得宽于规定：每 15 名考生至少 1 名监考、每考场至少 2 名，每 5 "
			       "名考生至少 1 名考评员，考评组至少 3 人",
			       "ratios may not be looser than the rules: an invigilator per 15 candidates "
			       "and 2 per room, an examiner per 5, "
			       "panels of 3 or more");
	return 0;
}

static json_t *profile_json(const struct exam_profile *p)
{
	json_t *pm = json_object(), *rv = json_array();
	for (int l = 1; l <= 5; l++) {
		char k[2] = {(char)('0' + l), 0};
		json_object_set_new(pm, k, json_integer(p->practical_minutes[l]));
		if (p->review[l])
			json_array_append_new(rv, json_integer(l));
	}
	return json_pack("{s:i,s:o,s:f,s:i,s:i,s:i,s:i,s:o}", "theory_minutes", p->theory_minutes,
			 "practical_minutes", pm, "pass_mark", p->pass_mark, "candidates_per_invigilator",
			 p->candidates_per_invigilator, "min_invigilators_per_room",
			 p->min_invigilators_per_room, "candidates_per_examiner", p->candidates_per_examiner,
			 "panel_min", p->panel_min, "review_levels", rv);
}

/* the option of template tpl with this id, at any level */
static const struct elig_option *template_option(const char *tpl, const char *id)
{
	const struct elig_template *t = elig_template(tpl);
	for (int l = 1; t && l <= 5; l++)
		for (int k = 0; k < t->nopts[l]; k++)
			if (!strcmp(t->levels[l][k].id, id))
				return &t->levels[l][k];
	return NULL;
}

/* reads {"<option id>": [years or null per condition], ...}; -1 when absent or invalid (e set when invalid)
 */
static int option_years(json_t *conds, const char *id, int years[OPTION_MAX_CONDS], int *n)
{
	json_t *v = json_object_get(conds, id);
	*n = 0;
	if (!json_is_array(v) || json_array_size(v) > OPTION_MAX_CONDS)
		return -1;
	size_t i;
	json_t *x;
	json_array_foreach(v, i, x)
	{
		if (!json_is_null(x) && !json_is_integer(x))
			return -1;
		years[(*n)++] = json_is_null(x) ? -1 : (int)json_integer_value(x);
	}
	return 0;
}

/* 申报条件 figures of this standard: each option must belong to its template and take its figures */
static int conditions_check(const struct standard_input *in, err *e)
{
	for (size_t i = 0; i < in->nconditions; i++) {
		const struct standard_condition *c = &in->conditions[i];
		const struct elig_option *o = template_option(in->template_name, c->option_id);
		struct elig_option out;
		if (!o)
			return err_set(e, 422, "invalid_option", "conditions", "%s 不是 %s 模板的申报条件",
				       "%s is not an option of the %s template", c->option_id,
				       in->template_name);
		if (c->malformed || elig_option_vary(o, c->years, c->n, &out) != 0)
			return err_set(e, 422, "invalid_value", "conditions",
				       "%s：年限不适用或超出范围（年龄 14–70，其余 0–40）",
				       "%s: a figure does not apply or is out of range (ages 14-70, other "
				       "years 0-40)",
				       c->option_id);
	}
	return 0;
}

/* the conditions as stored with the profile: {"<option id>": [years, or null for the template's]} */
static json_t *conditions_json(const struct standard_input *in)
{
	json_t *o = json_object();
	for (size_t i = 0; i < in->nconditions; i++) {
		json_t *ys = json_array();
		for (int k = 0; k < in->conditions[i].n; k++)
			json_array_append_new(ys, in->conditions[i].years[k] < 0
							  ? json_null()
							  : json_integer(in->conditions[i].years[k]));
		json_object_set_new(o, in->conditions[i].option_id, ys);
	}
	return o;
}

int standard_option_years(db *d, const char *occ, const char *option_id, int years[OPTION_MAX_CONDS], int *n,
			  char version[48], err *e)
{
	*n = 0;
	version[0] = '\0';
	db_stmt *st = db_query(
		d, "SELECT version, profile FROM standards WHERE occupation_code = $1 AND active = 1",
		DB_ARGS(DV_S(occ)), e);
	if (!st)
		return -1;
	if (db_step(st) == DB_ROW) {
		json_t *o = json_loads(db_text(st, 1), 0, NULL);
		if (option_years(json_object_get(o, "conditions"), option_id, years, n) == 0)
			snprintf(version, 48, "%s", db_text(st, 0));
		else
			*n = 0;
		json_decref(o);
	}
	db_done(st);
	return 0;
}

/* the occupation of a standard must exist: 404 not_found (not an empty list, nor a conflict) */
static int occupation_known(db *d, const char *occ, err *e)
{
	int64_t n = 0;
	if (db_one_int(d, "SELECT COUNT(*) FROM occupations WHERE code = $1", DB_ARGS(DV_S(occ)), &n, e) !=
	    DB_OK)
		return -1;
	return n ? 0 : err_set(e, 404, "not_found", NULL, "职业不存在", "no such occupation");
}

struct add_ctx {
	const char *occ;
	const struct standard_input *in;
};

static int add_work(tx *t, void *p, err *e)
{
	struct add_ctx *c = p;
	const struct standard_input *in = c->in;
	json_t *pj = profile_json(&in->profile);
	if (in->has_conditions)
		json_object_set_new(pj, "conditions", conditions_json(in));
	tx_audit_key(t, "standard.add", "occupation", c->occ,
		     json_pack("{s:s,s:s,s:o}", "version", in->version, "template", in->template_name,
			       "profile", pj));
	char *ptxt = json_dumps(pj, JSON_COMPACT | JSON_SORT_KEYS);
	int64_t n = db_run(t->d, "UPDATE standards SET active = 0 WHERE occupation_code = $1",
			   DB_ARGS(DV_S(c->occ)), e);
	if (n >= 0)
		n = db_run(t->d,
			   "INSERT INTO standards (occupation_code, version, template, profile, created_at) "
			   "VALUES "
			   "($1,$2,$3,$4,$5)",
			   DB_ARGS(DV_S(c->occ), DV_S(in->version), DV_S(in->template_name), DV_S(ptxt),
				   DV_I(now_s())),
			   e);
	free(ptxt);
	if (n >= 0)
		return 0;
	if (e->status == 409)
		return err_set(e, 409, "standard_exists", "version", "该版本已存在", "this version exists");
	return -1;
}

int standard_add(db *d, const principal *a, const char *occ, const struct standard_input *in, err *e)
{
	if (a->role != ROLE_PROVINCE_ADMIN)
		return err_set(e, 403, "forbidden", NULL, "职业技能标准由省级管理员维护",
			       "the province administrator maintains standards");
	if (occupation_known(d, occ, e) != 0)
		return -1;
	if (check_text(in->version, "version", 40, true, e) != 0)
		return -1;
	if (!in->template_name || (strcmp(in->template_name, "2018") && strcmp(in->template_name, "2023")))
		return err_set(e, 422, "invalid_value", "template", "申报条件模板应为 2018 或 2023",
			       "template is 2018 or 2023");
	if (profile_check(&in->profile, e) != 0 || conditions_check(in, e) != 0)
		return -1;
	struct add_ctx c = {.occ = occ, .in = in};
	return svc_tx(d, a, add_work, &c, e);
}

json_t *standard_list_json(db *d, const char *occ, err *e)
{
	if (occupation_known(d, occ, e) != 0)
		return NULL;
	json_t *items =
		rows_json(db_query(d,
				   "SELECT " STANDARD_VIEW_COLS " FROM standards WHERE occupation_code = $1 "
				   "ORDER BY id DESC",
				   DB_ARGS(DV_S(occ)), e),
			  standard_view, e);
	if (!items)
		return NULL;
	return json_pack("{s:s,s:o}", "occupation_code", occ, "items", items);
}

int standard_active(db *d, const char *occ, char tpl[8], struct exam_profile *p, err *e)
{
	exam_profile_default(p);
	snprintf(tpl, 8, "2023");
	db_stmt *st = db_query(
		d, "SELECT template, profile FROM standards WHERE occupation_code = $1 AND active = 1",
		DB_ARGS(DV_S(occ)), e);
	if (!st)
		return -1;
	if (db_step(st) == DB_ROW) {
		snprintf(tpl, 8, "%s", db_text(st, 0));
		json_t *o = json_loads(db_text(st, 1), 0, NULL);
		err ignore = {0};
		exam_profile_parse(o, p, &ignore); /* stored profiles were validated when added */
		json_decref(o);
	}
	db_done(st);
	return 0;
}
