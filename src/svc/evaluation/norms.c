/* norms.c: 企业评价规范 — filing, revision, approval and the plan chain's reading of a version (see norms.h)
 */
#include "util/common.h"
#include "store/query.h"
#include "svc/evaluation/norms.h"
#include "svc/base/tx.h"

#define NORM_COLS                                                                                            \
	"en.id, en.institution_id, i.name, en.region_code, en.occupation_code, o.name, en.version, "         \
	"en.title, "                                                                                         \
	"en.template, en.standard_version, en.levels, en.body, en.above_size, en.employees, "                \
	"en.skilled_employees, en.status, en.status_reason, en.approved_at, en.created_at, en.updated_at"
#define NORM_FROM                                                                                            \
	" FROM enterprise_norms en JOIN institutions i ON i.id = en.institution_id JOIN occupations o ON "   \
	"o.code = en.occupation_code"

/* ---- the body: levels as JSON, checked against the template ---- */

static const struct elig_option *template_option(const char *tpl, int level, const char *id)
{
	const struct elig_template *t = elig_template(tpl);
	for (int k = 0; t && level >= 1 && level <= 5 && k < t->nopts[level]; k++)
		if (!strcmp(t->levels[level][k].id, id))
			return &t->levels[level][k];
	return NULL;
}

static int bad(err *e, const char *field, int level, const char *zh, const char *en)
{
	return err_set(e, 422, "invalid_value", field, "%d 级：%s", "level %d: %.0s%s", level, zh, en);
}

/* 过程化考核's module rule: modules [{code, name, weight}], pass_total, min_module (0: none); checked by
 * core/cultivation.c's proc_rule_check, the rule 院校学生评价 uses (DOMAIN §61). Only a process level has
 * one; a process level stored before the rule was asked has none (it runs no plan). */
static int process_parse(json_t *x, bool stored, struct norm_level *lv, err *e)
{
	json_t *mods = json_object_get(x, "modules");
	bool has = mods && !json_is_null(mods);
	if (lv->method != NM_PROCESS) {
		if (has)
			return bad(e, "modules", lv->level, "只有过程化考核的等级设置考核模块",
				   "only a 过程化考核 (process) level has modules");
		return 0;
	}
	if (!has && stored)
		return 0;
	if (!json_is_array(mods) || !json_array_size(mods) || json_array_size(mods) > PROC_MAX_MODULES)
		return bad(e, "modules", lv->level,
			   "过程化考核应列出考核模块 [{code, name, weight}]（1 至 20 个，权重合计 100）",
			   "a 过程化考核 level lists its modules [{code, name, weight}] (1 to 20, weights "
			   "summing "
			   "to 100)");
	size_t i;
	json_t *o;
	json_array_foreach(mods, i, o)
	{
		const char *code = json_is_object(o) ? json_string_value(json_object_get(o, "code")) : NULL;
		const char *name = json_is_object(o) ? json_string_value(json_object_get(o, "name")) : NULL;
		json_t *w = json_is_object(o) ? json_object_get(o, "weight") : NULL;
		if (!code || !name || !json_is_number(w) || check_text(code, "modules", 20, true, e) != 0 ||
		    check_text(name, "modules", 60, true, e) != 0)
			return err_isset(e)
				       ? -1
				       : bad(e, "modules", lv->level, "考核模块应为 {code, name, weight}",
					     "a module is {code, name, weight}");
		snprintf(lv->mod_code[i], sizeof lv->mod_code[0], "%s", code);
		snprintf(lv->mod_name[i], sizeof lv->mod_name[0], "%s", name);
		lv->mod_weight[i] = json_number_value(w);
	}
	lv->nmodules = (int)json_array_size(mods);
	json_t *pt = json_object_get(x, "pass_total"), *mm = json_object_get(x, "min_module");
	if (!json_is_number(pt) || (mm && !json_is_null(mm) && !json_is_number(mm)))
		return bad(e, "pass_total", lv->level, "过程化考核应设合格线 pass_total（0–100）",
			   "a 过程化考核 level sets its pass_total (0-100)");
	lv->pass_total = json_number_value(pt);
	lv->min_module = json_is_number(mm) ? json_number_value(mm) : 0;
	struct proc_module pm[PROC_MAX_MODULES];
	struct proc_rule r;
	norm_proc_rule(lv, pm, &r);
	err pe = {0};
	if (proc_rule_check(&r, "modules", &pe) != 0)
		return bad(e, "modules", lv->level,
			   "考核模块代码、名称各不相同，权重大于 0 且合计 100；合格线与单模块最低分在 0–100 "
			   "之间",
			   "modules have distinct codes and names, weights above 0 summing to 100; "
			   "pass_total and "
			   "min_module are 0-100");
	return 0;
}

void norm_proc_rule(const struct norm_level *lv, struct proc_module *mods, struct proc_rule *r)
{
	for (int k = 0; k < lv->nmodules; k++)
		mods[k] = (struct proc_module){lv->mod_code[k], lv->mod_name[k], lv->mod_weight[k]};
	*r = (struct proc_rule){.modules = mods,
				.nmodules = (size_t)lv->nmodules,
				.pass_total = lv->pass_total,
				.min_module = lv->min_module};
}

/* one level of the request, checked */
static int level_parse(json_t *x, const char *tpl, bool stored, struct norm_level *lv, err *e)
{
	memset(lv, 0, sizeof *lv);
	if (!json_is_object(x))
		return err_set(e, 422, "invalid_type", "levels", "levels 的每一项应为对象",
			       "each item of levels is an object");
	lv->level = (int)jint(x, "level", 0, e);
	const char *m = jstr(x, "method", e);
	lv->knowledge = (int)jint(x, "knowledge", -1, e);
	lv->skill = (int)jint(x, "skill", -1, e);
	if (err_isset(e))
		return -1;
	if (lv->level < 1 || lv->level > 5)
		return err_set(e, 422, "invalid_level", "levels", "等级应为 1 到 5", "level is 1..5");
	if ((lv->method = norm_method_parse(m)) == NM_NONE)
		return bad(
			e, "method", lv->level,
			"评价方式应为 assessment（考核鉴定）、combined（考评结合）、process（过程化考核）或 "
			"performance（业绩评审）",
			"method is assessment, combined, process or performance");
	if (!norm_weights_ok(lv->knowledge, lv->skill))
		return bad(e, "knowledge", lv->level, "知识与技能权重应为百分数，合计 100，技能权重至少 1",
			   "knowledge and skill are percentages summing to 100, skill at least 1");
	json_t *opts = json_object_get(x, "options");
	if (!json_is_array(opts) || !json_array_size(opts) || json_array_size(opts) > NORM_MAX_OPTIONS)
		return bad(e, "options", lv->level, "应列出本企业采用的申报条件（1 至 12 项）",
			   "options lists the 申报条件 the enterprise accepts (1 to 12)");
	size_t i;
	json_t *o;
	json_array_foreach(opts, i, o)
	{
		const char *id = json_is_object(o) ? json_string_value(json_object_get(o, "id")) : NULL;
		const struct elig_option *base = id ? template_option(tpl, lv->level, id) : NULL;
		if (!base)
			return err_set(e, 422, "invalid_option", "options",
				       "%d 级：%s 不是 %s 版申报条件中该等级的选项",
				       "level %d: %s is not an option of the %s template for the level",
				       lv->level, id ? id : "?", tpl);
		struct norm_option *no = &lv->options[lv->noptions];
		for (int k = 0; k < lv->noptions; k++)
			if (!strcmp(lv->options[k].id, id))
				return bad(e, "options", lv->level, "申报条件重复",
					   "an option is listed twice");
		snprintf(no->id, sizeof no->id, "%s", id);
		json_t *ys = json_object_get(o, "years");
		if (ys && !json_is_null(ys)) {
			size_t k;
			json_t *y;
			if (!json_is_array(ys) || json_array_size(ys) > (size_t)base->ncond)
				return bad(e, "options", lv->level,
					   "years 应为各条件的年限数组（null 沿用标准）",
					   "years is an array of figures per condition (null keeps the "
					   "standard's)");
			json_array_foreach(ys, k, y)
			{
				if (!json_is_null(y) && !json_is_integer(y))
					return bad(e, "options", lv->level, "年限应为整数或 null",
						   "a figure is an integer or null");
				no->years[no->n++] = json_is_null(y) ? -1 : (int)json_integer_value(y);
			}
			struct elig_option out;
			if (elig_option_vary(base, no->years, no->n, &out) != 0)
				return err_set(
					e, 422, "invalid_value", "options",
					"%s：年限不适用或超出范围（年龄 14–70，其余 0–40）",
					"%s: a figure does not apply or is out of range (ages 14-70, other "
					"years 0-40)",
					id);
		}
		lv->noptions++;
	}
	json_t *areas = json_object_get(x, "areas");
	if (areas && !json_is_null(areas)) {
		if (!json_is_array(areas) || json_array_size(areas) > NORM_MAX_AREAS)
			return bad(e, "areas", lv->level, "理论知识权重表应为 [{area, weight}]（至多 16 项）",
				   "areas is [{area, weight}] (at most 16)");
		struct norm_area na[NORM_MAX_AREAS];
		json_array_foreach(areas, i, o)
		{
			const char *ar =
				json_is_object(o) ? json_string_value(json_object_get(o, "area")) : NULL;
			json_t *w = json_is_object(o) ? json_object_get(o, "weight") : NULL;
			if (!ar || check_text(ar, "areas", 40, true, e) != 0)
				return err_isset(e) ? -1
						    : bad(e, "areas", lv->level, "鉴定范围名称缺失",
							  "an area has no name");
			snprintf(lv->areas[lv->nareas], sizeof lv->areas[0], "%s", ar);
			lv->weights[lv->nareas] = json_is_integer(w) ? (int)json_integer_value(w) : 0;
			na[lv->nareas] = (struct norm_area){lv->areas[lv->nareas], lv->weights[lv->nareas]};
			lv->nareas++;
		}
		if (lv->nareas && !lv->knowledge)
			return bad(e, "areas", lv->level, "知识权重为 0（免考理论）时不设理论知识权重表",
				   "no theory areas when the knowledge weight is 0");
		if (norm_areas_check(na, (size_t)lv->nareas) != 0)
			return bad(e, "areas", lv->level,
				   "理论知识权重表：每个鉴定范围出现一次，权重 1–100，合计 100",
				   "theory areas: each named once, weights 1..100 summing to 100");
	}
	json_t *posts = json_object_get(x, "waived_posts");
	if (posts && !json_is_null(posts)) {
		if (!json_is_array(posts) || json_array_size(posts) > NORM_MAX_POSTS)
			return bad(e, "waived_posts", lv->level, "免考理论的岗位应为名称数组（至多 16 个）",
				   "waived_posts is an array of post names (at most 16)");
		json_array_foreach(posts, i, o)
		{
			const char *p = json_string_value(o);
			if (!p || check_text(p, "waived_posts", 60, true, e) != 0)
				return err_isset(e) ? -1
						    : bad(e, "waived_posts", lv->level, "岗位名称应为文字",
							  "a post is a name");
			snprintf(lv->posts[lv->nposts++], sizeof lv->posts[0], "%s", p);
		}
	}
	return process_parse(x, stored, lv, e);
}

static json_t *level_json(const struct norm_level *lv)
{
	json_t *opts = json_array(), *areas = json_array(), *posts = json_array();
	for (int k = 0; k < lv->noptions; k++) {
		const struct norm_option *o = &lv->options[k];
		json_t *oj = json_pack("{s:s}", "id", o->id);
		if (o->n) {
			json_t *ys = json_array();
			for (int c = 0; c < o->n; c++)
				json_array_append_new(ys, o->years[c] < 0 ? json_null()
									  : json_integer(o->years[c]));
			json_object_set_new(oj, "years", ys);
		}
		json_array_append_new(opts, oj);
	}
	for (int k = 0; k < lv->nareas; k++)
		json_array_append_new(areas,
				      json_pack("{s:s,s:i}", "area", lv->areas[k], "weight", lv->weights[k]));
	for (int k = 0; k < lv->nposts; k++)
		json_array_append_new(posts, json_string(lv->posts[k]));
	json_t *o = json_pack("{s:i,s:s,s:s,s:i,s:i,s:o,s:o,s:o}", "level", lv->level, "method",
			      norm_method_name(lv->method), "method_name", norm_method_zh(lv->method),
			      "knowledge", lv->knowledge, "skill", lv->skill, "options", opts, "areas", areas,
			      "waived_posts", posts);
	if (lv->method == NM_PROCESS && lv->nmodules) {
		json_t *mods = json_array();
		for (int k = 0; k < lv->nmodules; k++)
			json_array_append_new(mods,
					      json_pack("{s:s,s:s,s:f}", "code", lv->mod_code[k], "name",
							lv->mod_name[k], "weight", lv->mod_weight[k]));
		json_object_set_new(o, "modules", mods);
		json_object_set_new(o, "pass_total", json_real(lv->pass_total));
		json_object_set_new(o, "min_module", json_real(lv->min_module));
	}
	return o;
}

/* the stored body's levels, each checked again against the template (a stored body was checked when
 * written: a failure here is a fault) */
static int body_levels(const char *body, const char *tpl, struct norm_level *out, int *n, err *e)
{
	json_t *b = json_loads(body, 0, NULL), *lvs = json_object_get(b, "levels");
	*n = 0;
	size_t i;
	json_t *x;
	int rc = 0;
	json_array_foreach(lvs, i, x)
	{
		if (*n == 5 || level_parse(x, tpl, true, &out[*n], e) != 0) {
			rc = err_isset(e) ? -1
					  : err_set(e, 500, "internal", NULL, "评价规范数据有误",
						    "a stored norm is malformed");
			break;
		}
		(*n)++;
	}
	json_decref(b);
	return rc;
}

/* ---- views ---- */

static json_t *norm_view(db_stmt *st)
{
	const char *tpl = db_text(st, 8);
	struct norm_level lv[5];
	int n = 0;
	err ignore = {0};
	json_t *levels = json_array();
	if (body_levels(db_text(st, 11), tpl, lv, &n, &ignore) == 0)
		for (int k = 0; k < n; k++)
			json_array_append_new(levels, level_json(&lv[k]));
	const char *status = db_text(st, 15);
	return json_pack(
		"{s:I,s:I,s:s,s:s,s:s,s:s,s:i,s:s,s:s,s:s,s:o,s:{s:b,s:I,s:I},s:s,s:s,s:s,s:o,s:I,s:I}", "id",
		(json_int_t)db_int(st, 0), "institution_id", (json_int_t)db_int(st, 1), "institution",
		db_text(st, 2), "region_code", db_text(st, 3), "occupation_code", db_text(st, 4),
		"occupation", db_text(st, 5), "version", (int)db_int(st, 6), "title", db_text(st, 7),
		"template", tpl, "standard_version", db_text(st, 9), "levels", levels, "filing", "above_size",
		(int)db_int(st, 12), "employees", (json_int_t)db_int(st, 13), "skilled_employees",
		(json_int_t)db_int(st, 14), "status", status, "status_name", fsm_state_zh(&norm_fsm, status),
		"status_reason", db_text(st, 16), "approved_at",
		db_isnull(st, 17) ? json_null() : json_integer(db_int(st, 17)), "created_at",
		(json_int_t)db_int(st, 18), "updated_at", (json_int_t)db_int(st, 19));
}

static const struct list_filter norm_filters[] = {
	{"status", "en.status = ?", LIST_EQ, 0, NULL},
	{"institution_id", "en.institution_id = ?", LIST_ID, 0, NULL},
	{"occupation_code", "en.occupation_code = ?", LIST_EQ, 0, NULL},
};
const struct list_spec norm_list = {
	.name = "enterprise_norms",
	.scoped = true,
	.entity = SE_ENTERPRISE_NORM,
	.count_sql = "SELECT COUNT(*)" NORM_FROM,
	.select_sql = "SELECT " NORM_COLS NORM_FROM,
	.order = "en.id DESC",
	LIST_FILTERS(norm_filters),
	.view = norm_view,
};

static json_t *history_view(db_stmt *st)
{
	return json_pack("{s:s,s:s,s:s,s:I}", "from", db_text(st, 0), "to", db_text(st, 1), "reason",
			 db_text(st, 2), "at", (json_int_t)db_int(st, 3));
}

json_t *norm_get_json(db *d, const principal *a, int64_t id, err *e)
{
	json_t *o = row_json(
		scoped_row(d, a, "SELECT " NORM_COLS NORM_FROM, "en.id = ?", id, SE_ENTERPRISE_NORM, e),
		norm_view, e);
	if (!o)
		return err_isset(e)
			       ? NULL
			       : (err_set(e, 404, "not_found", NULL, "评价规范不存在", "no such norm"), NULL);
	json_t *h = rows_json(
		db_query(d,
			 "SELECT from_state, to_state, reason, at FROM enterprise_norm_history WHERE "
			 "norm_id = $1 ORDER BY id",
			 DB_ARGS(DV_I(id)), e),
		history_view, e);
	if (!h) {
		json_decref(o);
		return NULL;
	}
	json_object_set_new(o, "history", h);
	/* the moves the caller may take now (the page's buttons) */
	scope_owner ow;
	json_t *moves = json_array();
	if (scope_load(d, a, SE_ENTERPRISE_NORM, id, &ow, e) != 0) {
		json_decref(o);
		json_decref(moves);
		return NULL;
	}
	const struct fsm_transition *ts[8];
	size_t n = fsm_available(&norm_fsm, json_string_value(json_object_get(o, "status")),
				 fsm_acting(a, scope_decide(a, SE_ENTERPRISE_NORM, &ow, SCOPE_WRITE) == 0),
				 NULL, ts, ARRAY_LEN(ts));
	for (size_t k = 0; k < n && k < ARRAY_LEN(ts); k++)
		if (strcmp(ts[k]->action, "supersede"))
			json_array_append_new(moves, json_pack("{s:s,s:s,s:b}", "to", ts[k]->to, "label",
							       ts[k]->zh, "needs_reason",
							       (ts[k]->flags & FSM_NEEDS_REASON) != 0));
	json_object_set_new(o, "moves", moves);
	return o;
}

static json_t *rule_view(db_stmt *st)
{
	return json_pack("{s:s,s:I,s:s,s:s,s:s}", "code", db_text(st, 0), "value", (json_int_t)db_int(st, 1),
			 "zh", db_text(st, 2), "en", db_text(st, 3), "source", db_text(st, 4));
}

json_t *norm_rules_json(db *d, err *e)
{
	json_t *items = rows_json(
		db_query(d, "SELECT code, value, zh, en, source FROM norm_filing_rules ORDER BY code", NULL,
			 0, e),
		rule_view, e);
	return items ? json_pack("{s:o}", "items", items) : NULL;
}

static int filing_rule_load(db *d, struct norm_filing_rule *r, err *e)
{
	*r = (struct norm_filing_rule){true, 50};
	db_stmt *st = db_query(d, "SELECT code, value FROM norm_filing_rules", NULL, 0, e);
	while (st && db_step(st) == DB_ROW) {
		if (!strcmp(db_text(st, 0), "above_size_required"))
			r->above_size_required = db_int(st, 1) != 0;
		else if (!strcmp(db_text(st, 0), "skilled_share_min_pct"))
			r->skilled_share_min_pct = (int)db_int(st, 1);
	}
	return st ? db_finish(st, e) : -1;
}

static int filing_check(db *d, bool above, int64_t employees, int64_t skilled, err *e)
{
	struct norm_filing_rule r;
	if (filing_rule_load(d, &r, e) != 0)
		return -1;
	char code[32], zh[160], en[160];
	struct norm_filing f = {above, (long)employees, (long)skilled};
	if (norm_filing_check(&r, &f, code, zh, en) != 0)
		return err_set(e, !strcmp(code, "invalid_filing") ? 422 : 409,
			       !strcmp(code, "invalid_filing") ? "invalid_value" : "not_eligible_to_file",
			       !strcmp(code, "invalid_filing") ? "employees" : "filing", "%s%.0s", "%.0s%s",
			       zh, en);
	return 0;
}

/* ---- create and revise ---- */

struct write_ctx {
	const struct norm_input *in;
	int64_t id; /* update: the norm; create: out */
	char tpl[8], stdver[48];
	unsigned levels;
	char *body;
};

/* the request checked: title, occupation, filing facts, levels against the active standard's template */
static int input_check(db *d, const principal *a, const struct norm_input *in, struct write_ctx *c, err *e)
{
	if (!(a->role == ROLE_INSTITUTION_ADMIN || a->role == ROLE_INSTITUTION_STAFF))
		return err_set(e, 403, "forbidden", NULL, "评价规范由自主评价企业制定",
			       "a self-evaluating enterprise writes its own norm");
	if (check_text(in->title, "title", 100, true, e) != 0)
		return -1;
	if (!in->occupation_code)
		return err_set(e, 422, "missing_field", "occupation_code", "缺少职业编码",
			       "missing field 'occupation_code'");
	snprintf(c->tpl, sizeof c->tpl, "2023");
	c->stdver[0] = '\0';
	db_stmt *st =
		db_query(d,
			 "SELECT o.code, s.template, s.version FROM occupations o LEFT JOIN standards s ON "
			 "s.occupation_code = o.code AND s.active = 1 WHERE o.code = $1",
			 DB_ARGS(DV_S(in->occupation_code)), e);
	if (!st)
		return -1;
	int found = db_row(st, e);
	if (found > 0 && !db_isnull(st, 1)) {
		snprintf(c->tpl, sizeof c->tpl, "%s", db_text(st, 1));
		snprintf(c->stdver, sizeof c->stdver, "%s", db_text(st, 2));
	}
	db_done(st);
	if (found <= 0)
		return found < 0 ? -1
				 : err_set(e, 422, "unknown_occupation", "occupation_code", "职业不存在",
					   "unknown occupation");
	if (!json_is_array(in->levels) || !json_array_size(in->levels) || json_array_size(in->levels) > 5)
		return err_set(e, 422, "invalid_value", "levels", "应给出 1 至 5 个等级的规范",
			       "levels holds the rules of 1 to 5 levels");
	json_t *out = json_array();
	size_t i;
	json_t *x;
	c->levels = 0;
	json_array_foreach(in->levels, i, x)
	{
		struct norm_level lv;
		if (level_parse(x, c->tpl, false, &lv, e) != 0) {
			json_decref(out);
			return -1;
		}
		if (c->levels & (1u << lv.level)) {
			json_decref(out);
			return err_set(e, 422, "invalid_value", "levels", "等级 %d 重复",
				       "level %d is listed twice", lv.level);
		}
		c->levels |= 1u << lv.level;
		json_array_append_new(out, level_json(&lv));
	}
	json_t *b = json_pack("{s:o}", "levels", out);
	c->body = json_dumps(b, JSON_COMPACT);
	json_decref(b);
	return filing_check(d, in->above_size, in->employees, in->skilled_employees, e);
}

/* the enterprise: a filed employer, filed for every level of the norm */
static int enterprise_check(db *d, int64_t inst, const char *occ, unsigned levels, char region[16], err *e)
{
	db_stmt *st =
		db_query(d,
			 "SELECT i.type, i.status, i.region_code, COALESCE(s.levels, 0) FROM institutions i "
			 "LEFT JOIN institution_scopes s ON s.institution_id = i.id AND s.occupation_code "
			 "= $2 WHERE i.id = $1",
			 DB_ARGS(DV_I(inst), DV_S(occ)), e);
	if (!st)
		return -1;
	int found = db_row(st, e);
	char type[24] = "", status[16] = "";
	int64_t filed = 0;
	if (found > 0) {
		snprintf(type, sizeof type, "%s", db_text(st, 0));
		snprintf(status, sizeof status, "%s", db_text(st, 1));
		snprintf(region, 16, "%s", db_text(st, 2));
		filed = db_int(st, 3);
	}
	db_done(st);
	if (found < 0)
		return -1;
	if (strcmp(type, "employer"))
		return err_set(e, 403, "not_self_evaluating", NULL,
			       "只有备案开展自主评价的用人单位（企业）可以制定评价规范",
			       "only an employer filed for self-evaluation writes its own norm");
	if (strcmp(status, "filed"))
		return err_set(e, 409, "institution_inactive", NULL, "企业备案已暂停或退出",
			       "the enterprise's filing is suspended or has ended");
	if ((filed & (int64_t)levels) != (int64_t)levels)
		return err_set(e, 403, "outside_filed_scope", "levels", "规范的等级不在企业的备案范围内",
			       "a level of the norm is outside the enterprise's filed scope");
	return 0;
}

static int history(db *d, int64_t id, const char *from, const char *to, const char *reason,
		   const principal *a, err *e)
{
	return db_run(d,
		      "INSERT INTO enterprise_norm_history (norm_id, from_state, to_state, reason, actor_id, "
		      "at) "
		      "VALUES ($1,$2,$3,$4,$5,$6)",
		      DB_ARGS(DV_I(id), DV_S(from), DV_S(to), DV_S(reason ? reason : ""),
			      a->user_id ? DV_I(a->user_id) : DV_NULL, DV_I(now_s())),
		      e) < 0
		       ? -1
		       : 0;
}

static int create_work(tx *t, void *ctx, err *e)
{
	struct write_ctx *c = ctx;
	const struct norm_input *in = c->in;
	char region[16] = "";
	if (enterprise_check(t->d, t->a->institution_id, in->occupation_code, c->levels, region, e) != 0)
		return -1;
	int64_t open = 0, ver = 0;
	if (db_one_int(t->d,
		       "SELECT COALESCE(MAX(CASE WHEN status IN ('draft','submitted','rejected') THEN id "
		       "END), 0) "
		       "FROM enterprise_norms WHERE institution_id = $1 AND occupation_code = $2",
		       DB_ARGS(DV_I(t->a->institution_id), DV_S(in->occupation_code)), &open, e) != DB_OK ||
	    db_one_int(t->d,
		       "SELECT COALESCE(MAX(version), 0) FROM enterprise_norms WHERE institution_id = $1 AND "
		       "occupation_code = $2",
		       DB_ARGS(DV_I(t->a->institution_id), DV_S(in->occupation_code)), &ver, e) != DB_OK)
		return -1;
	if (open)
		return err_set(e, 409, "norm_open_version", "occupation_code",
			       "该职业已有未决的规范版本（编号 %lld），请修改或等待审核",
			       "a version of this occupation's norm is not decided yet (id %lld)",
			       (long long)open);
	int64_t now = now_s();
	db_stmt *st = db_query(
		t->d,
		"INSERT INTO enterprise_norms (institution_id, region_code, occupation_code, version, title, "
		"template, standard_version, levels, body, above_size, employees, skilled_employees, "
		"created_by, "
		"created_at, updated_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$14) "
		"RETURNING id",
		DB_ARGS(DV_I(t->a->institution_id), DV_S(region), DV_S(in->occupation_code), DV_I(ver + 1),
			DV_S(in->title), DV_S(c->tpl), DV_S(c->stdver), DV_I(c->levels), DV_S(c->body),
			DV_I(in->above_size), DV_I(in->employees), DV_I(in->skilled_employees),
			t->a->user_id ? DV_I(t->a->user_id) : DV_NULL, DV_I(now)),
		e);
	c->id = st && db_row(st, e) > 0 ? db_int(st, 0) : 0;
	db_done(st);
	if (!c->id)
		return -1;
	if (history(t->d, c->id, "", "draft", NULL, t->a, e) != 0)
		return -1;
	tx_audit(t, "enterprise_norm.create", "enterprise_norm", c->id,
		 json_pack("{s:s,s:I,s:s,s:o}", "occupation_code", in->occupation_code, "version",
			   (json_int_t)(ver + 1), "title", in->title, "body", json_loads(c->body, 0, NULL)));
	return 0;
}

int64_t norm_create(db *d, const principal *a, const struct norm_input *in, err *e)
{
	struct write_ctx c = {.in = in};
	int rc = input_check(d, a, in, &c, e);
	if (rc == 0)
		rc = svc_tx(d, a, create_work, &c, e);
	free(c.body);
	return rc == 0 ? c.id : -1;
}

static int update_work(tx *t, void *ctx, err *e)
{
	struct write_ctx *c = ctx;
	const struct norm_input *in = c->in;
	char status[16] = "", occ[16] = "", region[16];
	int64_t inst = 0;
	db_stmt *st = db_query(
		t->d, "SELECT status, occupation_code, institution_id FROM enterprise_norms WHERE id = $1",
		DB_ARGS(DV_I(c->id)), e);
	if (!st)
		return -1;
	if (db_row(st, e) > 0) {
		snprintf(status, sizeof status, "%s", db_text(st, 0));
		snprintf(occ, sizeof occ, "%s", db_text(st, 1));
		inst = db_int(st, 2);
	}
	db_done(st);
	if (err_isset(e))
		return -1;
	if (strcmp(status, "draft") && strcmp(status, "rejected"))
		return err_set(e, 409, "invalid_state", "status",
			       "规范当前为「%s」，只有草稿或已退回的版本可以修改；已核准的规范请另立新版本",
			       "the norm is %.0s%s: only a draft or a returned version is revised; file a "
			       "new version "
			       "to change an approved one",
			       fsm_state_zh(&norm_fsm, status), status);
	if (strcmp(occ, in->occupation_code))
		return err_set(e, 422, "invalid_value", "occupation_code", "规范的职业不能修改",
			       "the occupation of a norm is fixed");
	if (enterprise_check(t->d, inst, occ, c->levels, region, e) != 0)
		return -1;
	if (db_run(t->d,
		   "UPDATE enterprise_norms SET title = $2, template = $3, standard_version = $4, levels = "
		   "$5, "
		   "body = $6, above_size = $7, employees = $8, skilled_employees = $9, status = 'draft', "
		   "updated_at = $10 WHERE id = $1",
		   DB_ARGS(DV_I(c->id), DV_S(in->title), DV_S(c->tpl), DV_S(c->stdver), DV_I(c->levels),
			   DV_S(c->body), DV_I(in->above_size), DV_I(in->employees),
			   DV_I(in->skilled_employees), DV_I(now_s())),
		   e) < 0)
		return -1;
	if (!strcmp(status, "rejected") && history(t->d, c->id, "rejected", "draft", NULL, t->a, e) != 0)
		return -1;
	tx_audit(t, "enterprise_norm.update", "enterprise_norm", c->id,
		 json_pack("{s:s,s:s,s:o}", "from", status, "title", in->title, "body",
			   json_loads(c->body, 0, NULL)));
	return 0;
}

int norm_update(db *d, const principal *a, int64_t id, const struct norm_input *in, err *e)
{
	if (scope_check(d, a, SE_ENTERPRISE_NORM, id, SCOPE_WRITE, NULL, e) != 0)
		return -1;
	struct write_ctx c = {.in = in, .id = id};
	int rc = input_check(d, a, in, &c, e);
	if (rc == 0)
		rc = svc_tx(d, a, update_work, &c, e);
	free(c.body);
	return rc;
}

/* ---- the state machine ---- */

struct move_ctx {
	int64_t id;
	const char *to, *reason;
};

static int move_work(tx *t, void *ctx, err *e)
{
	struct move_ctx *c = ctx;
	db *d = t->d;
	char from[16] = "", occ[16] = "";
	int64_t inst = 0, above = 0, emp = 0, skilled = 0;
	db_stmt *st = db_query(d,
			       "SELECT status, institution_id, occupation_code, above_size, employees, "
			       "skilled_employees FROM enterprise_norms WHERE id = $1",
			       DB_ARGS(DV_I(c->id)), e);
	if (!st)
		return -1;
	if (db_row(st, e) > 0) {
		snprintf(from, sizeof from, "%s", db_text(st, 0));
		inst = db_int(st, 1);
		snprintf(occ, sizeof occ, "%s", db_text(st, 2));
		above = db_int(st, 3);
		emp = db_int(st, 4);
		skilled = db_int(st, 5);
	}
	db_done(st);
	if (err_isset(e))
		return -1;
	scope_owner o;
	if (!inst || scope_load(d, t->a, SE_ENTERPRISE_NORM, c->id, &o, e) != 0 ||
	    scope_decide(t->a, SE_ENTERPRISE_NORM, &o, SCOPE_READ) != 0)
		return err_isset(e) ? -1
				    : err_set(e, 404, "not_found", NULL, "评价规范不存在", "no such norm");
	unsigned roles = fsm_acting(t->a, scope_decide(t->a, SE_ENTERPRISE_NORM, &o, SCOPE_WRITE) == 0);
	const struct fsm_transition *tr = NULL;
	if (fsm_decide(&norm_fsm, from, c->to, roles, c->reason, NULL, &tr, e) != 0)
		return -1;
	if (!strcmp(tr->action, "supersede"))
		return err_set(e, 409, "invalid_transition", "status", "已核准的规范只在新版本核准时被替代",
			       "an approved norm is superseded only by the "
			       "approval of its next version");
	/* who may file is checked again when the version goes to the bureau (the rule is data and may change)
	 */
	if (!strcmp(tr->action, "submit") && filing_check(d, above != 0, emp, skilled, e) != 0)
		return -1;
	int64_t now = now_s();
	if (!strcmp(tr->action, "approve")) {
		/* the enterprise's approved version of the occupation is superseded by this one */
		db_stmt *q = db_query(
			d,
			"SELECT id FROM enterprise_norms WHERE institution_id = $1 AND occupation_code = "
			"$2 AND status = 'approved' AND id <> $3",
			DB_ARGS(DV_I(inst), DV_S(occ), DV_I(c->id)), e);
		int64_t old[8];
		int nold = 0;
		while (q && db_step(q) == DB_ROW && nold < (int)ARRAY_LEN(old))
			old[nold++] = db_int(q, 0);
		if (!q || db_finish(q, e) != 0)
			return -1;
		for (int k = 0; k < nold; k++) {
			char ids[24];
			json_t *det = json_pack("{s:s,s:s,s:I}", "from", "approved", "to", "superseded", "by",
						(json_int_t)c->id);
			int rc = db_run(d,
					"UPDATE enterprise_norms SET status = 'superseded', updated_at = $2 "
					"WHERE id = $1",
					DB_ARGS(DV_I(old[k]), DV_I(now)), e) < 0 ||
				 history(d, old[k], "approved", "superseded", NULL, t->a, e) != 0 ||
				 tx_audit_now(t, "enterprise_norm.superseded", "enterprise_norm",
					      id_text(old[k], ids), det, e) != 0;
			json_decref(det);
			if (rc)
				return -1;
		}
	}
	if (db_run(d,
		   "UPDATE enterprise_norms SET status = $2, status_reason = $3, approved_at = CASE WHEN $2 "
		   "= "
		   "'approved' THEN $4 ELSE approved_at END, updated_at = $4 WHERE id = $1",
		   DB_ARGS(DV_I(c->id), DV_S(c->to), DV_S(c->reason ? c->reason : ""), DV_I(now)), e) < 0 ||
	    history(d, c->id, from, c->to, c->reason, t->a, e) != 0)
		return -1;
	tx_audit(t, tr->audit, "enterprise_norm", c->id,
		 json_pack("{s:s,s:s,s:s}", "from", from, "to", c->to, "reason", c->reason ? c->reason : ""));
	return 0;
}

int norm_transition(db *d, const principal *a, int64_t id, const char *to, const char *reason, err *e)
{
	if (fsm_check_state(&norm_fsm, to, e) != 0)
		return -1;
	if (reason && check_text(reason, "reason", 200, false, e) != 0)
		return -1;
	struct move_ctx c = {.id = id, .to = to, .reason = reason};
	return svc_tx(d, a, move_work, &c, e);
}

/* ---- the plan chain ---- */

int norm_level_load(db *d, int64_t norm_id, int level, struct norm_level *out, bool *found, err *e)
{
	*found = false;
	db_stmt *st = db_query(d, "SELECT template, body FROM enterprise_norms WHERE id = $1",
			       DB_ARGS(DV_I(norm_id)), e);
	if (!st)
		return -1;
	char tpl[8] = "";
	char *body = NULL;
	if (db_row(st, e) > 0) {
		snprintf(tpl, sizeof tpl, "%s", db_text(st, 0));
		body = xstrdup(db_text(st, 1));
	}
	db_done(st);
	if (!body)
		return err_isset(e) ? -1 : 0;
	struct norm_level lv[5];
	int n = 0;
	int rc = body_levels(body, tpl, lv, &n, e);
	free(body);
	for (int k = 0; rc == 0 && k < n; k++)
		if (lv[k].level == level) {
			*out = lv[k];
			*found = true;
		}
	return rc;
}

int norm_plan_level(db *d, int64_t plan_id, struct norm_level *out, bool *found, err *e)
{
	*found = false;
	int64_t norm = 0, level = 0;
	db_stmt *st = db_query(d, "SELECT COALESCE(norm_id, 0), level FROM plans WHERE id = $1",
			       DB_ARGS(DV_I(plan_id)), e);
	if (!st)
		return -1;
	if (db_row(st, e) > 0) {
		norm = db_int(st, 0);
		level = db_int(st, 1);
	}
	db_done(st);
	if (err_isset(e))
		return -1;
	return norm ? norm_level_load(d, norm, (int)level, out, found, e) : 0;
}

const struct norm_option *norm_option_of(const struct norm_level *lv, const char *id)
{
	for (int k = 0; id && k < lv->noptions; k++)
		if (!strcmp(lv->options[k].id, id))
			return &lv->options[k];
	return NULL;
}

bool norm_post_waived(const struct norm_level *lv, const char *post)
{
	for (int k = 0; post && *post && k < lv->nposts; k++)
		if (!strcmp(lv->posts[k], post))
			return true;
	return false;
}

int norm_for_plan(db *d, int64_t inst, const char *occ, int level, int64_t requested, int64_t *norm_id,
		  char tpl[8], err *e)
{
	*norm_id = 0;
	char type[24] = "";
	db_stmt *st = db_query(d, "SELECT type FROM institutions WHERE id = $1", DB_ARGS(DV_I(inst)), e);
	if (st && db_row(st, e) > 0)
		snprintf(type, sizeof type, "%s", db_text(st, 0));
	db_done(st);
	if (err_isset(e))
		return -1;
	bool employer = !strcmp(type, "employer");
	if (requested > 0 && !employer)
		return err_set(e, 422, "norm_mismatch", "norm_id",
			       "只有自主评价企业的计划可以采用企业评价规范",
			       "only a self-evaluating enterprise's plan runs on an enterprise norm");
	if (requested <= 0)
		return 0; /* the national standard */
	int64_t id = 0, owner = 0, version = 0;
	char status[16] = "", nocc[16] = "", ntpl[8] = "";
	st = db_query(d,
		      "SELECT id, institution_id, status, occupation_code, version, template FROM "
		      "enterprise_norms WHERE id = $1",
		      DB_ARGS(DV_I(requested)), e);
	if (!st)
		return -1;
	if (db_row(st, e) > 0) {
		id = db_int(st, 0);
		owner = db_int(st, 1);
		snprintf(status, sizeof status, "%s", db_text(st, 2));
		snprintf(nocc, sizeof nocc, "%s", db_text(st, 3));
		version = db_int(st, 4);
		snprintf(ntpl, sizeof ntpl, "%s", db_text(st, 5));
	}
	db_done(st);
	if (err_isset(e))
		return -1;
	if (!id || owner != inst)
		return err_set(e, 404, "not_found", "norm_id", "评价规范不存在", "no such norm");
	if (strcmp(nocc, occ))
		return err_set(e, 422, "norm_mismatch", "norm_id", "评价规范第 %lld 版不是本计划职业的规范",
			       "version %lld of the norm is not for the plan's occupation",
			       (long long)version);
	if (strcmp(status, "approved"))
		return err_set(e, 409, "norm_not_approved", "norm_id",
			       "评价规范第 %lld 版当前为「%s」，未经人社部门核准或已被替代，不能用于认定计划",
			       "version %lld of the norm is %.0s%s: only an approved version runs a plan",
			       (long long)version, fsm_state_zh(&norm_fsm, status), status);
	struct norm_level lv;
	bool found = false;
	if (norm_level_load(d, id, level, &lv, &found, e) != 0)
		return -1;
	if (!found)
		return err_set(e, 422, "level_not_in_norm", "level", "评价规范第 %lld 版未规定 %d 级",
			       "version %lld of the norm has no rules for level %d", (long long)version,
			       level);
	/* 过程化考核 runs on the version's module rule: a process level stored without one (filed before the
	 * rule was asked) runs no plan */
	if (!norm_method_in_chain(lv.method) || (lv.method == NM_PROCESS && !lv.nmodules))
		return err_set(
			e, 409, "method_outside_chain", "level",
			"评价规范规定 %d 级采用%s，但未规定考核模块及合格线，认定计划无法运行；请修订规范",
			"the norm evaluates level %d by %.0s%s without a module rule (modules, "
			"pass_total): no plan runs on it; revise the norm",
			level, norm_method_zh(lv.method), norm_method_name(lv.method));
	*norm_id = id;
	snprintf(tpl, 8, "%s", ntpl);
	return 0;
}
