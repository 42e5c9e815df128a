/* eligibility.c: gathers a person's dated facts — valid certificates in the occupation, work in it (or
 * with no occupation recorded, left to review), diplomas, professional titles — and runs the chosen option.
 */
#include "util/common.h"
#include "store/query.h"
#include "svc/evaluation/eligibility.h"
#include "core/date.h"
#include "core/eligibility.h"
#include "svc/registry/persons.h"
#include "svc/registry/standards.h"
#include "svc/evaluation/norms.h"

#define MAX_FACTS 64

/* ends a list of one kind of fact: a database error is an error, and more facts than fit is a clear error,
 * never an eligibility decided on a silently shortened record */
static int facts_end(db_stmt *st, bool over, err *e)
{
	if (!st || db_finish(st, e) != 0)
		return -1;
	if (over)
		return err_set(
			e, 422, "too_many_facts", "person_id", "该人员同类履历记录超过 %d 条，无法核验资格",
			"the person has more than %d records of one kind; eligibility cannot be checked",
			MAX_FACTS);
	return 0;
}

static const struct elig_option *find_option(const char *id, int level, const char **tname)
{
	static const char *const names[] = {"2023", "2018"};
	for (size_t t = 0; t < ARRAY_LEN(names); t++) {
		const struct elig_template *tp = elig_template(names[t]);
		for (int k = 0; tp && level >= 1 && level <= 5 && k < tp->nopts[level]; k++)
			if (!strcmp(tp->levels[level][k].id, id)) {
				*tname = names[t];
				return &tp->levels[level][k];
			}
	}
	return NULL;
}

static unsigned diploma_bit(const char *level)
{
	static const struct {
		const char *name;
		unsigned bit;
	} map[] = {{"secondary_vocational", D_SECONDARY_VOC},
		   {"technical_school", D_TECH_SCHOOL},
		   {"senior_technical_class", D_SENIOR_TECH},
		   {"preparatory_technician_class", D_TECHNICIAN},
		   {"college", D_COLLEGE},
		   {"bachelor", D_BACHELOR},
		   {"master", D_MASTER},
		   {"doctor", D_MASTER},
		   {"assessed_college", D_ASSESSED_COLLEGE},
		   {"apprenticeship", D_APPRENTICESHIP}};
	for (size_t i = 0; i < ARRAY_LEN(map); i++)
		if (!strcmp(level, map[i].name))
			return map[i].bit;
	return 0;
}

static int ymd_of(const char *s)
{
	int v = 0;
	return s && date_parse(s, &v) == 0 ? v : 0;
}

json_t *eligibility_check_json(db *d, const principal *a, const struct elig_request *q, err *e)
{
	const char *tname = NULL;
	const struct elig_option *o = q->option ? find_option(q->option, q->level, &tname) : NULL;
	if (!o)
		return err_set(e, 422, "invalid_option", "option",
			       "所选申报条件不存在（应为该等级的选项编号，如 2023-3-b）",
			       "no such option for the level (ids look like 2023-3-b)"),
		       NULL;
	int exam = ymd_of(q->exam_date);
	if (!exam)
		return err_set(e, 422, "invalid_date", "exam_date", "考试日期格式应为 YYYY-MM-DD",
			       "exam_date must be YYYY-MM-DD"),
		       NULL;
	if (!q->occupation_code)
		return err_set(e, 422, "missing_field", "occupation_code", "缺少职业编码",
			       "missing field 'occupation_code'"),
		       NULL;
	query pq;
	q_init(&pq, "SELECT p.birth_date FROM persons p");
	q_and(&pq, "p.id = ?", DV_I(q->person_id));
	scope_where(&pq, a, SE_PERSON, SCOPE_READ);
	db_stmt *st = q_query(d, &pq, e);
	q_free(&pq);
	if (!st)
		return NULL;
	int found = db_row(st, e);
	if (found <= 0) {
		db_done(st);
		return found < 0 ? NULL
				 : (err_set(e, 404, "not_found", "person_id", "人员不存在", "no such person"),
				    NULL);
	}
	struct fact_cert certs[MAX_FACTS];
	struct fact_work work[MAX_FACTS];
	struct fact_diploma dips[MAX_FACTS];
	struct fact_title titles[MAX_FACTS];
	struct elig_facts f = {.exam_date = exam,
			       .birth_date = ymd_of(db_isnull(st, 0) ? NULL : db_text(st, 0)),
			       .declared = q->declared,
			       .certs = certs,
			       .work = work,
			       .diplomas = dips,
			       .titles = titles};
	db_done(st);
	st = db_query(d,
		      "SELECT level, issued_on FROM certificates WHERE person_id = $1 AND occupation_code = "
		      "$2 AND status = "
		      "'valid' AND level > 0",
		      DB_ARGS(DV_I(q->person_id), DV_S(q->occupation_code)), e);
	bool over = false;
	while (st && db_step(st) == DB_ROW && !(over = f.ncerts == MAX_FACTS))
		certs[f.ncerts++] = (struct fact_cert){(int)db_int(st, 0), ymd_of(db_text(st, 1))};
	if (facts_end(st, over, e) != 0)
		return NULL;
	st = db_query(d,
		      "SELECT start_date, end_date FROM person_work_history WHERE person_id = $1 AND "
		      "(occupation_code IS "
		      "NULL OR occupation_code = $2)",
		      DB_ARGS(DV_I(q->person_id), DV_S(q->occupation_code)), e);
	while (st && db_step(st) == DB_ROW && !(over = f.nwork == MAX_FACTS))
		work[f.nwork++] = (struct fact_work){ymd_of(db_text(st, 0)),
						     db_isnull(st, 1) ? 0 : ymd_of(db_text(st, 1))};
	if (facts_end(st, over, e) != 0)
		return NULL;
	st = db_query(d, "SELECT level, graduated_on FROM person_diplomas WHERE person_id = $1",
		      DB_ARGS(DV_I(q->person_id)), e);
	while (st && db_step(st) == DB_ROW && !(over = f.ndiplomas == MAX_FACTS)) {
		unsigned bit = diploma_bit(db_text(st, 0));
		if (bit)
			dips[f.ndiplomas++] =
				(struct fact_diploma){bit, ymd_of(db_text(st, 1)), q->related_major};
	}
	if (facts_end(st, over, e) != 0)
		return NULL;
	st = db_query(d, "SELECT grade, obtained_on FROM person_titles WHERE person_id = $1",
		      DB_ARGS(DV_I(q->person_id)), e);
	while (st && db_step(st) == DB_ROW && !(over = f.ntitles == MAX_FACTS)) {
		const char *g = db_text(st, 0);
		int grade = !strcmp(g, "senior") ? 3 : !strcmp(g, "intermediate") ? 2 : 1;
		titles[f.ntitles++] = (struct fact_title){grade, ymd_of(db_text(st, 1))};
	}
	if (facts_end(st, over, e) != 0)
		return NULL;
	/* the occupation's standard may set its own figures for the option */
	int years[OPTION_MAX_CONDS], ny = 0;
	char version[48];
	struct elig_option varied;
	const struct norm_option *nopt = NULL;
	struct norm_level nlv;
	if (q->norm_id) {
		/* 企业评价规范: the enterprise's version decides the figures (and whether the option is
		 * offered) */
		bool found = false;
		if (norm_level_load(d, q->norm_id, q->level, &nlv, &found, e) != 0)
			return NULL;
		nopt = found ? norm_option_of(&nlv, o->id) : NULL;
		if (!nopt)
			return err_set(e, 422, "option_not_in_norm", "option",
				       "所选申报条件不在企业评价规范采用的条件之内",
				       "the enterprise's norm does not accept this option"),
			       NULL;
		ny = nopt->n;
		memcpy(years, nopt->years, sizeof years);
	} else if (standard_option_years(d, q->occupation_code, o->id, years, &ny, version, e) != 0)
		return NULL;
	if (ny && elig_option_vary(o, years, ny, &varied) == 0)
		o = &varied;
	else
		ny = 0;
	struct elig_result r;
	elig_check(o, &f, &r);
	json_t *out = json_pack("{s:b,s:{s:s,s:s,s:s,s:s},s:{s:i,s:i,s:i,s:i,s:i}}", "eligible", r.ok,
				"option", "id", o->id, "template", tname, "text", o->zh, "text_en", o->en,
				"facts", "certificates", (int)f.ncerts, "work_intervals", (int)f.nwork,
				"diplomas", (int)f.ndiplomas, "titles", (int)f.ntitles, "work_days",
				(int)work_days(work, f.nwork, 19000101, exam));
	if (ny) {
		json_t *opt = json_object_get(out, "option"), *fig = json_array();
		for (int i = 0; i < o->ncond; i++)
			json_array_append_new(fig, json_integer(o->cond[i].years));
		if (!q->norm_id)
			json_object_set_new(opt, "standard", json_string(version));
		json_object_set_new(opt, "years", fig);
	}
	if (q->norm_id)
		json_object_set_new(json_object_get(out, "option"), "norm_id", json_integer(q->norm_id));
	if (!r.ok)
		json_object_set_new(out, "failed",
				    json_pack("{s:i,s:s,s:s,s:s}", "condition", r.failed, "code", r.code,
					      "message_zh", r.zh, "message_en", r.en));
	return out;
}

json_t *eligibility_options_json(const char *template_name, int level, err *e)
{
	const struct elig_template *tp = elig_template(template_name ? template_name : "2023");
	if (!tp || level < 1 || level > 5)
		return err_set(e, 422, "invalid_value", "level", "模板应为 2018 或 2023，等级为 1 到 5",
			       "template is 2018 or 2023 and level 1..5"),
		       NULL;
	json_t *items = json_array();
	for (int k = 0; k < tp->nopts[level]; k++)
		json_array_append_new(items,
				      json_pack("{s:s,s:s,s:s}", "id", tp->levels[level][k].id, "text",
						tp->levels[level][k].zh, "text_en", tp->levels[level][k].en));
	return json_pack("{s:s,s:i,s:o}", "template", tp->name, "level", level, "items", items);
}
