/* programmes.c: 培养项目, class tags, progress and grouped counts (programmes.h) */
#include "util/common.h"
#include "svc/cultivation/programmes.h"
#include "core/cultivation.h"
#include "core/scope.h"
#include "svc/base/scope.h"
#include "svc/base/tx.h"
#include "store/query.h"
#include <math.h>

/* the classes a principal's figures count: the province all, a city its region, an institution its own */
static int reach_cond(const principal *a, char *buf, size_t cap, dbv *arg)
{
	char prefix[16];
	switch (a->role) {
	case ROLE_PROVINCE_ADMIN:
		snprintf(buf, cap, "1 = 1");
		*arg = DV_NULL;
		return 0;
	case ROLE_CITY_ADMIN:
		if (!*a->region)
			break;
		snprintf(prefix, sizeof prefix, "%s%%", a->region);
		snprintf(buf, cap, "i.region_code LIKE $2");
		*arg = DV_S(NULL);
		return 1;
	case ROLE_INSTITUTION_ADMIN:
	case ROLE_INSTITUTION_STAFF:
		if (a->institution_id <= 0)
			break;
		snprintf(buf, cap, "tc.institution_id = $2");
		*arg = DV_I(a->institution_id);
		return 0;
	default:
		break;
	}
	snprintf(buf, cap, "1 = 0");
	*arg = DV_NULL;
	return 0;
}

#define TAG_FROM                                                                                             \
	" FROM cult_class_tags ct JOIN training_classes tc ON tc.id = ct.class_id JOIN institutions i ON "   \
	"i.id = tc.institution_id"

json_t *programme_list_json(db *d, const principal *a, int64_t year, err *e)
{
	if (year < 2000 || year > 9999)
		return err_set(e, 422, "invalid_value", "year", "年份不合理", "year is not plausible"), NULL;
	char cond[64], like[20];
	dbv arg;
	if (reach_cond(a, cond, sizeof cond, &arg)) {
		snprintf(like, sizeof like, "%s%%", a->region);
		arg = DV_S(like);
	}
	char sql[1400];
	snprintf(sql, sizeof sql,
		 "SELECT p.code, p.name, p.from_year, p.to_year, COALESCE(y.target, p.yearly_target), "
		 "COALESCE(y.quota, p.quota), p.target_text, p.subsidy_rules, p.source, p.gaps, p.active, "
		 "(SELECT COUNT(*)" TAG_FROM " WHERE ct.programme_code = p.code AND ct.year = $1 AND %s), "
		 "(SELECT COUNT(*) FROM training_enrolments te JOIN cult_class_tags ct ON ct.class_id = "
		 "te.class_id "
		 "JOIN training_classes tc ON tc.id = ct.class_id JOIN institutions i ON i.id = "
		 "tc.institution_id "
		 "WHERE ct.programme_code = p.code AND ct.year = $1 AND %s), y.target IS NOT NULL "
		 "FROM cult_programmes p LEFT JOIN cult_programme_years y ON y.programme_code = p.code AND "
		 "y.year = "
		 "$1 ORDER BY p.created_at, p.code",
		 cond, cond);
	db_stmt *st = arg.t == 'n' ? db_query(d, sql, DB_ARGS(DV_I(year)), e)
				   : db_query(d, sql, DB_ARGS(DV_I(year), arg), e);
	if (!st)
		return NULL;
	json_t *items = json_array();
	int row;
	while ((row = db_row(st, e)) == 1) {
		int64_t target = db_int(st, 4), enrolled = db_int(st, 12);
		int64_t from = db_int(st, 2), to = db_int(st, 3);
		json_t *rules = json_loads(db_text(st, 7), 0, NULL);
		json_array_append_new(
			items,
			json_pack("{s:s,s:s,s:I,s:I,s:I,s:I,s:s,s:o,s:s,s:s,s:b,s:b,s:b,s:{s:I,s:I,s:o}}",
				  "code", db_text(st, 0), "name", db_text(st, 1), "from_year",
				  (json_int_t)from, "to_year", (json_int_t)to, "target", (json_int_t)target,
				  "quota", (json_int_t)db_int(st, 5), "target_text", db_text(st, 6),
				  "subsidy_rules", rules ? rules : json_array(), "source", db_text(st, 8),
				  "gaps", db_text(st, 9), "active", db_int(st, 10) != 0, "year_set",
				  db_int(st, 13) != 0, "in_force", year >= from && (to == 0 || year <= to),
				  "progress", "classes", (json_int_t)db_int(st, 11), "enrolled",
				  (json_int_t)enrolled, "percent",
				  target > 0 ? json_real(round(1000.0 * (double)enrolled / (double)target) /
							 10.0)
					     : json_null()));
	}
	db_done(st);
	if (row < 0)
		return json_decref(items), NULL;
	return json_pack("{s:I,s:o}", "year", (json_int_t)year, "items", items);
}

static int province_only(const principal *a, err *e)
{
	return a->role == ROLE_PROVINCE_ADMIN ? 0
					      : err_set(e, 403, "forbidden", NULL, "培养项目由省人社厅设置",
							"the province sets the programmes");
}

static int check_code(const char *code, err *e)
{
	size_t n = code ? strlen(code) : 0;
	if (n < 2 || n > 32)
		return err_set(e, 404, "not_found", NULL, "项目编码应为 2 到 32 位小写字母、数字或下划线",
			       "a programme code is 2 to 32 lower-case letters, digits or underscores");
	for (size_t i = 0; i < n; i++)
		if (!((code[i] >= 'a' && code[i] <= 'z') || (code[i] >= '0' && code[i] <= '9') ||
		      code[i] == '_'))
			return err_set(
				e, 404, "not_found", NULL, "项目编码应为 2 到 32 位小写字母、数字或下划线",
				"a programme code is 2 to 32 lower-case letters, digits or underscores");
	return 0;
}

static json_t *one_programme(db *d, const principal *a, const char *code, int64_t year, err *e)
{
	json_t *all = programme_list_json(d, a, year, e);
	if (!all)
		return NULL;
	size_t i;
	json_t *it;
	json_array_foreach(json_object_get(all, "items"), i,
			   it) if (!strcmp(json_string_value(json_object_get(it, "code")), code))
	{
		json_incref(it);
		json_decref(all);
		return it;
	}
	json_decref(all);
	return err_set(e, 404, "not_found", NULL, "培养项目不存在", "no such programme"), NULL;
}

struct put_ctx {
	const char *code;
	const struct programme_input *in;
	const char *rules;
	bool created;
};

static int put_work(tx *t, void *ctx, err *e)
{
	struct put_ctx *c = ctx;
	const struct programme_input *in = c->in;
	int64_t now = now_s();
	int active = in->active < 0 ? 1 : in->active;
	int64_t n = db_run(t->d,
			   "UPDATE cult_programmes SET name = $2, from_year = $3, to_year = $4, "
			   "yearly_target = $5, quota = "
			   "$6, target_text = $7, subsidy_rules = $8, source = $9, gaps = $10, active = $11, "
			   "updated_at = "
			   "$12 WHERE code = $1",
			   DB_ARGS(DV_S(c->code), DV_S(in->name), DV_I(in->from_year), DV_I(in->to_year),
				   DV_I(in->yearly_target), DV_I(in->quota),
				   DV_S(in->target_text ? in->target_text : ""), DV_S(c->rules),
				   DV_S(in->source), DV_S(in->gaps ? in->gaps : ""), DV_I(active), DV_I(now)),
			   e);
	if (n < 0)
		return -1;
	c->created = n == 0;
	if (n == 0 &&
	    db_run(t->d,
		   "INSERT INTO cult_programmes (code, name, from_year, to_year, yearly_target, quota, "
		   "target_text, "
		   "subsidy_rules, source, gaps, active, created_at, updated_at) VALUES "
		   "($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$12)",
		   DB_ARGS(DV_S(c->code), DV_S(in->name), DV_I(in->from_year), DV_I(in->to_year),
			   DV_I(in->yearly_target), DV_I(in->quota),
			   DV_S(in->target_text ? in->target_text : ""), DV_S(c->rules), DV_S(in->source),
			   DV_S(in->gaps ? in->gaps : ""), DV_I(active), DV_I(now)),
		   e) < 0)
		return -1;
	tx_audit_key(t, c->created ? "programme.created" : "programme.updated", "programme", c->code,
		     json_pack("{s:s,s:I,s:I,s:I,s:I,s:s}", "name", in->name, "from_year",
			       (json_int_t)in->from_year, "to_year", (json_int_t)in->to_year, "yearly_target",
			       (json_int_t)in->yearly_target, "quota", (json_int_t)in->quota, "source",
			       in->source));
	return 0;
}

json_t *programme_put(db *d, const principal *a, const char *code, const struct programme_input *in,
		      bool *created, err *e)
{
	if (province_only(a, e) || check_code(code, e) || check_text(in->name, "name", 100, true, e) ||
	    check_text(in->source, "source", 400, true, e) ||
	    check_text(in->target_text, "target_text", 200, false, e) ||
	    check_text(in->gaps, "gaps", 400, false, e))
		return NULL;
	if (in->from_year < 2000 || in->from_year > 9999 || (in->to_year && in->to_year < in->from_year) ||
	    in->to_year > 9999)
		return err_set(e, 422, "invalid_value", "to_year", "起止年份不合理（to_year 为 0 表示长期）",
			       "from_year and to_year are not plausible (to_year 0: open-ended)"),
		       NULL;
	if (in->yearly_target < 0 || in->quota < 0 || in->yearly_target > 100000000 || in->quota > 100000000)
		return err_set(e, 422, "invalid_value", "yearly_target", "目标和名额应为非负整数",
			       "yearly_target and quota are whole numbers, not negative"),
		       NULL;
	json_t *rules = in->subsidy_rules;
	if (rules && (!json_is_array(rules) || json_array_size(rules) > 20))
		return err_set(e, 422, "invalid_value", "subsidy_rules", "subsidy_rules 应为至多 20 项的数组",
			       "subsidy_rules is an array of at most 20"),
		       NULL;
	size_t i;
	json_t *r;
	json_array_foreach(rules, i, r)
	{
		json_t *ml = json_object_get(r, "min_level");
		if (!json_is_object(r) || !json_is_string(json_object_get(r, "kind")) ||
		    !json_is_string(json_object_get(r, "source")) ||
		    (ml &&
		     (!json_is_integer(ml) || json_integer_value(ml) < 0 || json_integer_value(ml) > 5)))
			return err_set(e, 422, "invalid_value", "subsidy_rules",
				       "第 %zu 条补贴规则应有 kind、source，min_level 为 0 到 5",
				       "subsidy rule %zu needs kind and source; min_level is 0 to 5", i + 1),
			       NULL;
	}
	char *text = rules ? json_dumps(rules, JSON_COMPACT) : NULL;
	struct put_ctx c = {.code = code, .in = in, .rules = text ? text : "[]"};
	int rc = svc_tx(d, a, put_work, &c, e);
	free(text);
	if (rc)
		return NULL;
	*created = c.created;
	return one_programme(d, a, code, in->from_year, e);
}

struct year_ctx {
	const char *code;
	int64_t year, target, quota;
};

static int year_work(tx *t, void *ctx, err *e)
{
	struct year_ctx *c = ctx;
	int64_t now = now_s();
	int64_t n =
		db_run(t->d,
		       "UPDATE cult_programme_years SET target = $3, quota = $4, updated_at = $5 WHERE "
		       "programme_code "
		       "= $1 AND year = $2",
		       DB_ARGS(DV_S(c->code), DV_I(c->year), DV_I(c->target), DV_I(c->quota), DV_I(now)), e);
	if (n < 0)
		return -1;
	if (n == 0 &&
	    db_run(t->d,
		   "INSERT INTO cult_programme_years (programme_code, year, target, quota, updated_at) "
		   "VALUES "
		   "($1,$2,$3,$4,$5)",
		   DB_ARGS(DV_S(c->code), DV_I(c->year), DV_I(c->target), DV_I(c->quota), DV_I(now)), e) < 0)
		return -1;
	tx_audit_key(t, "programme.year_set", "programme", c->code,
		     json_pack("{s:I,s:I,s:I}", "year", (json_int_t)c->year, "target", (json_int_t)c->target,
			       "quota", (json_int_t)c->quota));
	return 0;
}

json_t *programme_year_put(db *d, const principal *a, const char *code, int64_t year, int64_t target,
			   int64_t quota, err *e)
{
	if (province_only(a, e))
		return NULL;
	int64_t one = 0;
	int rc = db_one_int(d, "SELECT 1 FROM cult_programmes WHERE code = $1", DB_ARGS(DV_S(code)), &one, e);
	if (rc == DB_NOT_FOUND)
		return err_set(e, 404, "not_found", NULL, "培养项目不存在", "no such programme"), NULL;
	if (rc != DB_OK)
		return NULL;
	if (year < 2000 || year > 9999)
		return err_set(e, 422, "invalid_value", "year", "年份不合理", "year is not plausible"), NULL;
	if (target < 0 || quota < 0 || target > 100000000 || quota > 100000000)
		return err_set(e, 422, "invalid_value", "target", "目标和名额应为非负整数",
			       "target and quota are whole numbers, not negative"),
		       NULL;
	struct year_ctx c = {.code = code, .year = year, .target = target, .quota = quota};
	return svc_tx(d, a, year_work, &c, e) ? NULL : one_programme(d, a, code, year, e);
}

struct tag_ctx {
	int64_t class_id, year;
	const struct class_tag_input *in;
};

static int tag_work(tx *t, void *ctx, err *e)
{
	struct tag_ctx *c = ctx;
	const struct class_tag_input *in = c->in;
	bool prog = in->programme_code && *in->programme_code;
	int64_t now = now_s();
	int64_t n =
		db_run(t->d,
		       "UPDATE cult_class_tags SET programme_code = $2, form = $3, content = $4, year = $5, "
		       "tagged_by = "
		       "$6, updated_at = $7 WHERE class_id = $1",
		       DB_ARGS(DV_I(c->class_id), prog ? DV_S(in->programme_code) : DV_NULL, DV_S(in->form),
			       DV_S(in->content), DV_I(c->year), DV_I(t->a->user_id), DV_I(now)),
		       e);
	if (n < 0)
		return -1;
	if (n == 0 &&
	    db_run(t->d,
		   "INSERT INTO cult_class_tags (class_id, programme_code, form, content, year, tagged_by, "
		   "updated_at) VALUES ($1,$2,$3,$4,$5,$6,$7)",
		   DB_ARGS(DV_I(c->class_id), prog ? DV_S(in->programme_code) : DV_NULL, DV_S(in->form),
			   DV_S(in->content), DV_I(c->year), DV_I(t->a->user_id), DV_I(now)),
		   e) < 0)
		return -1;
	tx_audit(t, "class_tag.set", "training_class", c->class_id,
		 json_pack("{s:s,s:s,s:s,s:I}", "programme_code", prog ? in->programme_code : "", "form",
			   in->form, "content", in->content, "year", (json_int_t)c->year));
	return 0;
}

static json_t *tag_view(db *d, int64_t class_id, err *e)
{
	db_stmt *st = db_query(
		d,
		"SELECT ct.class_id, COALESCE(ct.programme_code, ''), COALESCE(p.name, ''), ct.form, "
		"ct.content, ct.year FROM cult_class_tags ct LEFT JOIN cult_programmes p ON p.code = "
		"ct.programme_code WHERE ct.class_id = $1",
		DB_ARGS(DV_I(class_id)), e);
	int row = st ? db_row(st, e) : -1;
	json_t *o = NULL;
	if (row == 1) {
		const char *form = db_text(st, 3), *content = db_text(st, 4);
		o = json_pack("{s:I,s:s,s:s,s:s,s:s,s:s,s:s,s:I}", "class_id", (json_int_t)db_int(st, 0),
			      "programme_code", db_text(st, 1), "programme_name", db_text(st, 2), "form",
			      form, "form_zh", class_form_zh(form), "content", content, "content_zh",
			      class_content_zh(content), "year", (json_int_t)db_int(st, 5));
	}
	db_done(st);
	return o;
}

json_t *class_tag_put(db *d, const principal *a, int64_t class_id, const struct class_tag_input *in, err *e)
{
	scope_owner o = {0};
	char starts[16] = "";
	db_stmt *st = db_query(
		d,
		"SELECT tc.institution_id, i.region_code, tc.starts_on FROM training_classes tc JOIN "
		"institutions i ON i.id = tc.institution_id WHERE tc.id = $1",
		DB_ARGS(DV_I(class_id)), e);
	int row = st ? db_row(st, e) : -1;
	if (row == 1) {
		o.found = true;
		o.institution_id = db_int(st, 0);
		snprintf(o.region, sizeof o.region, "%s", db_text(st, 1));
		snprintf(starts, sizeof starts, "%s", db_text(st, 2));
	}
	db_done(st);
	if (row < 0)
		return NULL;
	/* the class's institution, its city and the province: the reach of a school's rows (SE_SCHOOL) */
	int dec = row == 1 ? scope_decide(a, SE_SCHOOL, &o, SCOPE_WRITE) : 404;
	if (dec)
		return err_set(e, dec == 403 ? 403 : 404, dec == 403 ? "forbidden" : "not_found", NULL,
			       dec == 403 ? "无权修改该培训班" : "培训班不存在",
			       dec == 403 ? "you may not change this class" : "no such class"),
		       NULL;
	if (!class_form_zh(in->form))
		return err_set(e, 422, "invalid_value", "form",
			       "培训形式应为 enterprise / market / subsidised",
			       "form is enterprise, market or subsidised"),
		       NULL;
	if (!class_content_zh(in->content))
		return err_set(e, 422, "invalid_value", "content",
			       "培训内容应为 employment / upgrade / entrepreneurship / safety",
			       "content is employment, upgrade, entrepreneurship or safety"),
		       NULL;
	int64_t year = strtoll(starts, NULL, 10);
	if (in->programme_code && *in->programme_code) {
		int64_t from = 0, to = 0;
		db_stmt *ps =
			db_query(d, "SELECT from_year, to_year, active FROM cult_programmes WHERE code = $1",
				 DB_ARGS(DV_S(in->programme_code)), e);
		int pr = ps ? db_row(ps, e) : -1;
		int64_t active = 0;
		if (pr == 1) {
			from = db_int(ps, 0);
			to = db_int(ps, 1);
			active = db_int(ps, 2);
		}
		db_done(ps);
		if (pr < 0)
			return NULL;
		if (pr == 0)
			return err_set(e, 422, "invalid_value", "programme_code", "培养项目不存在",
				       "no such programme"),
			       NULL;
		if (!active || year < from || (to && year > to))
			return err_set(e, 409, "programme_not_in_force", "programme_code",
				       "该培养项目在培训班开班年份（%lld）不在实施期内",
				       "the programme is not in force in the class's year (%lld)",
				       (long long)year),
			       NULL;
	}
	struct tag_ctx c = {.class_id = class_id, .year = year, .in = in};
	return svc_tx(d, a, tag_work, &c, e) ? NULL : tag_view(d, class_id, e);
}

json_t *class_stats_json(db *d, const principal *a, int64_t year, const char *group, err *e)
{
	const char *col = NULL;
	const char *(*label)(const char *) = NULL;
	if (group && !strcmp(group, "form"))
		col = "ct.form", label = class_form_zh;
	else if (group && !strcmp(group, "content"))
		col = "ct.content", label = class_content_zh;
	else if (!group || !*group || !strcmp(group, "programme"))
		col = "COALESCE(ct.programme_code, '')", group = "programme";
	else
		return err_set(e, 422, "invalid_value", "group", "group 应为 programme / form / content",
			       "group is programme, form or content"),
		       NULL;
	if (year < 2000 || year > 9999)
		return err_set(e, 422, "invalid_value", "year", "年份不合理", "year is not plausible"), NULL;
	char cond[64], like[20];
	dbv arg;
	if (reach_cond(a, cond, sizeof cond, &arg)) {
		snprintf(like, sizeof like, "%s%%", a->region);
		arg = DV_S(like);
	}
	char sql[900];
	snprintf(sql, sizeof sql,
		 "SELECT %s, COUNT(*), SUM((SELECT COUNT(*) FROM training_enrolments te WHERE te.class_id = "
		 "ct.class_id))" TAG_FROM " WHERE ct.year = $1 AND %s GROUP BY %s ORDER BY 1",
		 col, cond, col);
	db_stmt *st = arg.t == 'n' ? db_query(d, sql, DB_ARGS(DV_I(year)), e)
				   : db_query(d, sql, DB_ARGS(DV_I(year), arg), e);
	if (!st)
		return NULL;
	json_t *items = json_array();
	int row;
	while ((row = db_row(st, e)) == 1) {
		const char *key = db_text(st, 0);
		const char *zh = label ? label(key) : NULL;
		json_array_append_new(items, json_pack("{s:s,s:s,s:I,s:I}", "key", key, "label",
						       zh ? zh : key, "classes", (json_int_t)db_int(st, 1),
						       "enrolled", (json_int_t)db_int(st, 2)));
	}
	db_done(st);
	if (row < 0)
		return json_decref(items), NULL;
	if (!label) {
		/* programme names */
		size_t i;
		json_t *it;
		json_array_foreach(items, i, it)
		{
			const char *k = json_string_value(json_object_get(it, "key"));
			db_stmt *ps = db_query(d, "SELECT name FROM cult_programmes WHERE code = $1",
					       DB_ARGS(DV_S(k)), e);
			int pr = ps ? db_row(ps, e) : -1;
			if (pr == 1)
				json_object_set_new(it, "label", json_string(db_text(ps, 0)));
			else if (pr == 0)
				json_object_set_new(it, "label", json_string("未标记项目"));
			db_done(ps);
			if (pr < 0)
				return json_decref(items), NULL;
		}
	}
	return json_pack("{s:I,s:s,s:o}", "year", (json_int_t)year, "group", group, "items", items);
}
