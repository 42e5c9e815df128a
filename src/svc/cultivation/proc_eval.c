/* proc_eval.c: 过程化评价 rules on a school's plan, class registration, module scores, and the compilation of
 * the outcomes into the plan's results (proc_eval.h) */
#include "util/common.h"
#include "svc/cultivation/proc_eval.h"
#include "svc/cultivation/students.h"
#include "core/cultivation.h"
#include "core/date.h"
#include "core/scope.h"
#include "svc/base/scope.h"
#include "svc/base/tx.h"
#include "svc/evaluation/registrations.h"
#include "svc/stats/counters.h"
#include "util/arena.h"

#define PROC_MAX_CLASS 1000 /* students of one class registered at once */

/* ---- the rule as stored ---- */

struct rule_row {
	int64_t id, plan_id, school;
	char region[16], occ[16], plan_status[16], exam[11], wt[64];
	int level;
	double pass_total, min_module;
	bool compiled;
	json_t *modules; /* [{code, name, weight}] */
};

static int rule_load(db *d, const principal *a, int64_t id, enum scope_action act, struct rule_row *r, err *e)
{
	memset(r, 0, sizeof *r);
	db_stmt *st =
		db_query(d,
			 "SELECT cs.id, cs.plan_id, cs.school_id, cs.region_code, cs.occupation_code, "
			 "pl.status, pl.exam_date, pl.work_type, cs.level, cs.pass_total, cs.min_module, "
			 "cs.compiled_at, cs.modules FROM cult_eval_rules cs JOIN plans pl ON pl.id = "
			 "cs.plan_id WHERE cs.id = $1",
			 DB_ARGS(DV_I(id)), e);
	int row = st ? db_row(st, e) : -1;
	if (row == 1) {
		r->id = db_int(st, 0);
		r->plan_id = db_int(st, 1);
		r->school = db_int(st, 2);
		snprintf(r->region, sizeof r->region, "%s", db_text(st, 3));
		snprintf(r->occ, sizeof r->occ, "%s", db_text(st, 4));
		snprintf(r->plan_status, sizeof r->plan_status, "%s", db_text(st, 5));
		snprintf(r->exam, sizeof r->exam, "%s", db_text(st, 6));
		snprintf(r->wt, sizeof r->wt, "%s", db_text(st, 7));
		r->level = (int)db_int(st, 8);
		r->pass_total = db_double(st, 9);
		r->min_module = db_double(st, 10);
		r->compiled = !db_isnull(st, 11);
		r->modules = json_loads(db_text(st, 12), 0, NULL);
	}
	db_done(st);
	if (row < 0)
		return -1;
	scope_owner o = {.found = row == 1, .institution_id = r->school};
	snprintf(o.region, sizeof o.region, "%s", r->region);
	int dec = row == 1 ? scope_decide(a, SE_SCHOOL, &o, act) : 404;
	if (dec == 404 || (dec && scope_decide(a, SE_SCHOOL, &o, SCOPE_READ)))
		dec = err_set(e, 404, "not_found", NULL, "过程化评价方案不存在",
			      "no such process evaluation rule");
	else if (dec || (act == SCOPE_WRITE && a->institution_id != r->school))
		dec = err_set(e, 403, "forbidden", NULL, "由开展评价的院校办理",
			      "the evaluating school does this");
	if (dec || !r->modules) {
		json_decref(r->modules);
		r->modules = NULL;
		return dec ? -1
			   : err_set(e, 500, "internal", NULL, "评价方案的模块无法读取",
				     "the rule's modules cannot be read");
	}
	return 0;
}

static void rule_free(struct rule_row *r)
{
	json_decref(r->modules);
	r->modules = NULL;
}

/* the rule's modules as core/cultivation.h's proc_rule (pointers into r->modules) */
static void rule_core(const struct rule_row *r, struct proc_module m[PROC_MAX_MODULES], struct proc_rule *pr)
{
	size_t i, n = 0;
	json_t *v;
	json_array_foreach(r->modules, i, v)
	{
		if (n == PROC_MAX_MODULES)
			break;
		m[n++] = (struct proc_module){json_string_value(json_object_get(v, "code")),
					      json_string_value(json_object_get(v, "name")),
					      json_number_value(json_object_get(v, "weight"))};
	}
	*pr = (struct proc_rule){m, n, r->pass_total, r->min_module};
}

static json_t *reasons_json(unsigned reasons)
{
	static const struct {
		unsigned bit;
		const char *code, *zh;
	} t[] = {{PROC_MISSING, "missing", "有模块未考核"},
		 {PROC_BELOW_TOTAL, "below_total", "加权总分未达合格线"},
		 {PROC_BELOW_MODULE, "below_module", "有模块低于单模块最低分"}};
	json_t *a = json_array();
	for (size_t i = 0; i < ARRAY_LEN(t); i++)
		if (reasons & t[i].bit)
			json_array_append_new(
				a, json_pack("{s:s,s:s}", "code", t[i].code, "message_zh", t[i].zh));
	return a;
}

/* ---- list ---- */

#define RULE_COLS                                                                                            \
	"cs.id, cs.plan_id, pl.title, pl.status, cs.school_id, s.name, cs.name, cs.occupation_code, "        \
	"o.name, "                                                                                           \
	"cs.level, cs.modules, cs.pass_total, cs.min_module, cs.source, cs.compiled_at, cs.region_code, "    \
	"pl.exam_date"
#define RULE_FROM                                                                                            \
	" FROM cult_eval_rules cs JOIN plans pl ON pl.id = cs.plan_id JOIN institutions s ON s.id = "        \
	"cs.school_id JOIN occupations o ON o.code = cs.occupation_code"

static json_t *rule_view(db_stmt *st)
{
	json_t *m = json_loads(db_text(st, 10), 0, NULL);
	return json_pack(
		"{s:I,s:I,s:s,s:s,s:I,s:s,s:s,s:s,s:s,s:I,s:o,s:f,s:f,s:s,s:b,s:s,s:s}", "id",
		(json_int_t)db_int(st, 0), "plan_id", (json_int_t)db_int(st, 1), "plan_title", db_text(st, 2),
		"plan_status", db_text(st, 3), "school_id", (json_int_t)db_int(st, 4), "school_name",
		db_text(st, 5), "name", db_text(st, 6), "occupation_code", db_text(st, 7), "occupation",
		db_text(st, 8), "level", (json_int_t)db_int(st, 9), "modules", m ? m : json_array(),
		"pass_total", db_double(st, 11), "min_module", db_double(st, 12), "source", db_text(st, 13),
		"compiled", !db_isnull(st, 14), "region_code", db_text(st, 15), "exam_date", db_text(st, 16));
}

static const struct list_filter rule_filters[] = {
	{"school_id", "cs.school_id = ?", LIST_ID},
	{"plan_id", "cs.plan_id = ?", LIST_ID},
	{"region_code", "cs.region_code LIKE ?", LIST_REGION, .max = 12},
};
static const struct export_col rule_cols[] = {
	{"id", "编号"},
	{"school_name", "院校"},
	{"name", "评价方案"},
	{"plan_title", "认定计划"},
	{"occupation", "职业"},
	{"level", "等级"},
	{"pass_total", "合格总分"},
	{"min_module", "单模块最低分"},
};
const struct list_spec proc_rule_list = {
	.name = "proc_eval_rules",
	.scoped = true,
	.entity = SE_SCHOOL,
	.count_sql = "SELECT COUNT(*)" RULE_FROM,
	.select_sql = "SELECT " RULE_COLS RULE_FROM,
	.order = "cs.id DESC",
	LIST_FILTERS(rule_filters),
	.view = rule_view,
	LIST_COLS(rule_cols),
};

/* ---- create ---- */

struct create_ctx {
	const struct proc_rule_input *in;
	const struct eval_school *s;
	const char *occ, *modules;
	int level;
	int64_t id;
};

static int create_work(tx *t, void *ctx, err *e)
{
	struct create_ctx *c = ctx;
	const struct proc_rule_input *in = c->in;
	int64_t have = 0;
	int rc = db_one_int(t->d, "SELECT id FROM cult_eval_rules WHERE plan_id = $1",
			    DB_ARGS(DV_I(in->plan_id)), &have, e);
	if (rc == DB_OK)
		return err_set(e, 409, "rule_exists", "plan_id", "该认定计划已有过程化评价方案（编号 %lld）",
			       "the plan has a process evaluation rule already (%lld)", (long long)have);
	if (rc != DB_NOT_FOUND)
		return -1;
	if (db_one_int(t->d,
		       "INSERT INTO cult_eval_rules (plan_id, school_id, region_code, name, occupation_code, "
		       "level, "
		       "modules, pass_total, min_module, source, created_by, created_at) VALUES "
		       "($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12) RETURNING id",
		       DB_ARGS(DV_I(in->plan_id), DV_I(c->s->id), DV_S(c->s->region), DV_S(in->name),
			       DV_S(c->occ), DV_I(c->level), DV_S(c->modules), DV_D(in->pass_total),
			       DV_D(in->min_module), DV_S(in->source), DV_I(t->a->user_id), DV_I(now_s())),
		       &c->id, e) != DB_OK)
		return -1;
	tx_audit(t, "proc_rule.created", "proc_rule", c->id,
		 json_pack("{s:I,s:s,s:o,s:f,s:f}", "plan_id", (json_int_t)in->plan_id, "name", in->name,
			   "modules", json_loads(c->modules, 0, NULL), "pass_total", in->pass_total,
			   "min_module", in->min_module));
	return 0;
}

json_t *proc_rule_create(db *d, const principal *a, const struct proc_rule_input *in, err *e)
{
	struct eval_school s;
	if (eval_school_of(d, a, &s, e) || check_text(in->name, "name", 100, true, e) ||
	    check_text(in->source, "source", 500, true, e))
		return NULL;
	if (in->nmodules > PROC_MAX_MODULES)
		return err_set(e, 422, "invalid_value", "modules", "评价模块应为 1 到 %d 个",
			       "a rule has 1 to %d modules", PROC_MAX_MODULES),
		       NULL;
	struct proc_module m[PROC_MAX_MODULES];
	json_t *mods = json_array();
	for (size_t i = 0; i < in->nmodules; i++) {
		const struct proc_module_input *mi = &in->modules[i];
		if (check_text(mi->code, "modules", 20, true, e) ||
		    check_text(mi->name, "modules", 50, true, e)) {
			json_decref(mods);
			return NULL;
		}
		m[i] = (struct proc_module){mi->code, mi->name, mi->weight};
		json_array_append_new(mods, json_pack("{s:s,s:s,s:f}", "code", mi->code, "name", mi->name,
						      "weight", mi->weight));
	}
	struct proc_rule pr = {m, in->nmodules, in->pass_total, in->min_module};
	if (proc_rule_check(&pr, "modules", e)) {
		json_decref(mods);
		return NULL;
	}
	/* the plan: the school's own, a draft (the bureau approves the plan with its rule), levels 5..3 */
	char status[16] = "", occ[16] = "";
	int64_t inst = 0, level = 0;
	db_stmt *st =
		db_query(d, "SELECT institution_id, status, occupation_code, level FROM plans WHERE id = $1",
			 DB_ARGS(DV_I(in->plan_id)), e);
	int row = st ? db_row(st, e) : -1;
	if (row == 1) {
		inst = db_int(st, 0);
		snprintf(status, sizeof status, "%s", db_text(st, 1));
		snprintf(occ, sizeof occ, "%s", db_text(st, 2));
		level = db_int(st, 3);
	}
	db_done(st);
	int bad = row < 0 ? -1 : 0;
	if (row == 0 || (row == 1 && inst != s.id))
		bad = err_set(e, 404, "not_found", "plan_id", "认定计划不存在", "no such plan");
	else if (row == 1 && strcmp(status, "draft"))
		bad = err_set(e, 409, "invalid_state", "plan_id",
			      "过程化评价方案在计划提交备案前设定（随计划一并审核）",
			      "the rule is set while the plan is a draft (approved with the plan)");
	else if (row == 1 && (level < 3 || level > 5))
		bad = err_set(
			e, 422, "invalid_level", "plan_id",
			"过程化评价适用于五级至三级；二级、一级须经综合评审",
			"process evaluation is for levels 5 to 3; levels 2 and 1 need the 综合评审 review");
	if (bad) {
		json_decref(mods);
		return NULL;
	}
	char *text = json_dumps(mods, JSON_COMPACT);
	json_decref(mods);
	struct create_ctx c = {.in = in, .s = &s, .occ = occ, .modules = text, .level = (int)level};
	int rc = svc_tx(d, a, create_work, &c, e);
	free(text);
	if (rc)
		return NULL;
	return proc_rule_get(d, a, c.id, e);
}

/* ---- the sheet ---- */

struct sheet_row {
	int64_t student, person, reg;
	char name[100], class_name[64], reg_status[16];
	double scores[PROC_MAX_MODULES];
};

/* the students registered in the rule's plan (registrations of persons who are students of the school), with
 * their scores; n rows in *out (freed by the caller) */
static int sheet_load(db *d, const struct rule_row *r, const struct proc_rule *pr, bool approved_only,
		      struct sheet_row **out, size_t *n, err *e)
{
	*out = NULL;
	*n = 0;
	size_t cap = 0;
	db_stmt *st = db_query(
		d,
		"SELECT cs.id, cs.person_id, g.id, p.name, cs.class_name, g.status FROM registrations g "
		"JOIN cult_students cs ON cs.person_id = g.person_id AND cs.school_id = $2 JOIN "
		"persons p ON p.id = g.person_id WHERE g.plan_id = $1 AND g.status <> 'rejected' "
		"AND ($3 = 0 OR g.status = 'approved') ORDER BY cs.class_name, cs.id",
		DB_ARGS(DV_I(r->plan_id), DV_I(r->school), DV_I(approved_only)), e);
	if (!st)
		return -1;
	while (db_step(st) == DB_ROW) {
		if (*n == cap)
			*out = xrealloc(*out, (cap = cap ? cap * 2 : 64) * sizeof **out);
		struct sheet_row *w = &(*out)[(*n)++];
		memset(w, 0, sizeof *w);
		w->student = db_int(st, 0);
		w->person = db_int(st, 1);
		w->reg = db_int(st, 2);
		snprintf(w->name, sizeof w->name, "%s", db_text(st, 3));
		snprintf(w->class_name, sizeof w->class_name, "%s", db_text(st, 4));
		snprintf(w->reg_status, sizeof w->reg_status, "%s", db_text(st, 5));
		for (size_t k = 0; k < PROC_MAX_MODULES; k++)
			w->scores[k] = -1;
	}
	if (db_finish(st, e) != 0)
		return -1;
	st = db_query(d, "SELECT student_id, module_code, score FROM cult_module_scores WHERE rule_id = $1",
		      DB_ARGS(DV_I(r->id)), e);
	if (!st)
		return -1;
	while (db_step(st) == DB_ROW) {
		int64_t sid = db_int(st, 0);
		const char *code = db_text(st, 1);
		for (size_t i = 0; i < *n; i++)
			if ((*out)[i].student == sid)
				for (size_t k = 0; k < pr->nmodules; k++)
					if (!strcmp(pr->modules[k].code, code))
						(*out)[i].scores[k] = db_double(st, 2);
	}
	return db_finish(st, e);
}

json_t *proc_rule_get(db *d, const principal *a, int64_t id, err *e)
{
	struct rule_row r;
	if (rule_load(d, a, id, SCOPE_READ, &r, e))
		return NULL;
	json_t *o =
		row_json(db_query(d, "SELECT " RULE_COLS RULE_FROM " WHERE cs.id = $1", DB_ARGS(DV_I(id)), e),
			 rule_view, e);
	struct proc_module m[PROC_MAX_MODULES];
	struct proc_rule pr;
	rule_core(&r, m, &pr);
	struct sheet_row *rows = NULL;
	size_t n = 0;
	if (!o || sheet_load(d, &r, &pr, false, &rows, &n, e)) {
		json_decref(o);
		free(rows);
		rule_free(&r);
		return NULL;
	}
	json_t *sheet = json_array();
	for (size_t i = 0; i < n; i++) {
		struct proc_outcome out;
		proc_eval_aggregate(&pr, rows[i].scores, &out);
		json_t *sc = json_object();
		for (size_t k = 0; k < pr.nmodules; k++)
			json_object_set_new(sc, pr.modules[k].code,
					    rows[i].scores[k] < 0 ? json_null()
								  : json_real(rows[i].scores[k]));
		json_array_append_new(
			sheet, json_pack("{s:I,s:I,s:s,s:s,s:I,s:s,s:o,s:f,s:b,s:o}", "student_id",
					 (json_int_t)rows[i].student, "person_id", (json_int_t)rows[i].person,
					 "name", rows[i].name, "class_name", rows[i].class_name,
					 "registration_id", (json_int_t)rows[i].reg, "registration_status",
					 rows[i].reg_status, "scores", sc, "total", out.total, "passed",
					 out.passed, "reasons", reasons_json(out.reasons)));
	}
	free(rows);
	/* the compiled outcomes with their results and certificates */
	json_t *done = json_object();
	db_stmt *st = db_query(
		d,
		"SELECT eo.student_id, eo.total, eo.passed, eo.result_id, COALESCE(c.number, '') FROM "
		"cult_eval_outcomes eo JOIN results rs ON rs.id = eo.result_id LEFT JOIN certificates c "
		"ON c.id = rs.certificate_id WHERE eo.rule_id = $1",
		DB_ARGS(DV_I(id)), e);
	while (st && db_step(st) == DB_ROW) {
		char k[24];
		json_object_set_new(done, id_text(db_int(st, 0), k),
				    json_pack("{s:f,s:b,s:I,s:s}", "total", db_double(st, 1), "passed",
					      db_int(st, 2) != 0, "result_id", (json_int_t)db_int(st, 3),
					      "certificate_number", db_text(st, 4)));
	}
	if (!st || db_finish(st, e) != 0) {
		json_decref(done);
		json_decref(sheet);
		json_decref(o);
		rule_free(&r);
		return NULL;
	}
	size_t i;
	json_t *v;
	json_array_foreach(sheet, i, v)
	{
		char k[24];
		json_t *oc = json_object_get(
			done, id_text(json_integer_value(json_object_get(v, "student_id")), k));
		json_object_set(v, "outcome", oc ? oc : json_null());
	}
	json_decref(done);
	json_object_set_new(o, "students", sheet);
	rule_free(&r);
	return o;
}

/* ---- class registration ---- */

json_t *proc_register_class(db *d, const principal *a, int64_t id, const char *class_name, const char *option,
			    err *e)
{
	if (check_text(class_name, "class_name", 50, true, e) || check_text(option, "option", 16, true, e))
		return NULL;
	struct rule_row r;
	if (rule_load(d, a, id, SCOPE_WRITE, &r, e))
		return NULL;
	rule_free(&r);
	struct stu {
		int64_t id, person;
		char code[40], name[100];
	} *sv = NULL;
	size_t n = 0, cap = 0;
	db_stmt *st = db_query(
		d,
		"SELECT cs.id, cs.person_id, cs.major_code, p.name FROM cult_students cs JOIN persons p "
		"ON p.id = cs.person_id WHERE cs.school_id = $1 AND cs.class_name = $2 ORDER BY cs.id",
		DB_ARGS(DV_I(r.school), DV_S(class_name)), e);
	if (!st)
		return NULL;
	while (db_step(st) == DB_ROW) {
		if (n == PROC_MAX_CLASS) {
			db_done(st);
			free(sv);
			return err_set(e, 422, "class_too_large", "class_name",
				       "班级“%s”超过 %d 名学生，请分班报名",
				       "class %s has more than %d students: split it", class_name,
				       PROC_MAX_CLASS),
			       NULL;
		}
		if (n == cap)
			sv = xrealloc(sv, (cap = cap ? cap * 2 : 64) * sizeof *sv);
		sv[n].id = db_int(st, 0);
		sv[n].person = db_int(st, 1);
		snprintf(sv[n].code, sizeof sv[n].code, "%s", db_text(st, 2));
		snprintf(sv[n].name, sizeof sv[n].name, "%s", db_text(st, 3));
		n++;
	}
	if (db_finish(st, e) != 0) {
		free(sv);
		return NULL;
	}
	if (!n) {
		free(sv);
		return err_set(e, 404, "not_found", "class_name", "本校没有班级“%s”的学生",
			       "no students in class %s", class_name),
		       NULL;
	}
	json_t *items = json_array();
	int64_t done = 0, refused = 0;
	for (size_t i = 0; i < n; i++) {
		bool related = false;
		err re = {0};
		if (major_occ_covers(d, sv[i].code, r.occ, r.level, &related, e)) {
			json_decref(items);
			free(sv);
			return NULL;
		}
		struct registration_input ri = {.plan_id = r.plan_id,
						.person_id = sv[i].person,
						.option = option,
						.related_major = related};
		int64_t reg = registration_create(d, a, &ri, &re);
		json_t *it = json_pack("{s:I,s:I,s:s,s:b,s:b}", "student_id", (json_int_t)sv[i].id,
				       "person_id", (json_int_t)sv[i].person, "name", sv[i].name,
				       "related_major", related, "ok", reg > 0);
		if (reg > 0) {
			done++;
			json_t *g = registration_get_json(d, a, reg, &re);
			json_object_set_new(it, "registration_id", json_integer(reg));
			json_object_set_new(it, "eligible", json_incref(json_object_get(g, "eligible")));
			json_t *fc = json_object_get(g, "failed_code"),
			       *fm = json_object_get(g, "failed_message");
			json_object_set_new(it, "failed_code", fc ? json_incref(fc) : json_null());
			json_object_set_new(it, "failed_message", fm ? json_incref(fm) : json_null());
			json_decref(g);
		} else {
			if (re.status >= 500) { /* the database: stop, the rows before stay registered */
				*e = re;
				json_decref(items);
				json_decref(it);
				free(sv);
				return NULL;
			}
			refused++;
			json_object_set_new(it, "code", json_string(re.code));
			json_object_set_new(it, "message_zh", json_string(re.zh));
			json_object_set_new(it, "message_en", json_string(re.en));
		}
		json_array_append_new(items, it);
	}
	free(sv);
	return json_pack("{s:o,s:I,s:I}", "items", items, "done", (json_int_t)done, "refused",
			 (json_int_t)refused);
}

/* ---- module scores ---- */

struct score_ctx {
	const struct rule_row *r;
	const char *module, *on;
	const struct proc_score_input *s;
	size_t n;
};

static int score_work(tx *t, void *ctx, err *e)
{
	struct score_ctx *c = ctx;
	int64_t now = now_s();
	json_t *log = json_array();
	for (size_t i = 0; i < c->n; i++) {
		/* a student of the school, registered in the plan (not rejected) */
		int64_t ok = 0;
		int rc = db_one_int(
			t->d,
			"SELECT g.id FROM cult_students cs JOIN registrations g ON g.person_id = "
			"cs.person_id AND g.plan_id = $3 AND g.status <> 'rejected' WHERE cs.id = $1 AND "
			"cs.school_id = $2",
			DB_ARGS(DV_I(c->s[i].student_id), DV_I(c->r->school), DV_I(c->r->plan_id)), &ok, e);
		if (rc == DB_NOT_FOUND) {
			json_decref(log);
			return err_set(e, 422, "not_registered", "scores",
				       "学生 %lld 未报名本计划（或不是本校学生）",
				       "student %lld is not registered in the plan (or not the school's)",
				       (long long)c->s[i].student_id);
		}
		int64_t old_x100 = -1;
		if (rc == DB_OK)
			rc = db_one_int(
				t->d,
				"SELECT CAST(ROUND(score * 100) AS INTEGER) FROM cult_module_scores WHERE "
				"rule_id = $1 AND student_id = $2 AND module_code = $3",
				DB_ARGS(DV_I(c->r->id), DV_I(c->s[i].student_id), DV_S(c->module)), &old_x100,
				e);
		if (rc != DB_OK && rc != DB_NOT_FOUND) {
			json_decref(log);
			return -1;
		}
		bool had = rc == DB_OK;
		if (db_run(t->d,
			   had ? "UPDATE cult_module_scores SET score = $4, assessed_on = $5, assessed_by = "
				 "$6, "
				 "updated_at = $7 WHERE rule_id = $1 AND student_id = $2 AND module_code = $3"
			       : "INSERT INTO cult_module_scores (rule_id, student_id, module_code, score, "
				 "assessed_on, "
				 "assessed_by, created_at, updated_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$7)",
			   DB_ARGS(DV_I(c->r->id), DV_I(c->s[i].student_id), DV_S(c->module),
				   DV_D(c->s[i].score), DV_S(c->on), DV_I(t->a->user_id), DV_I(now)),
			   e) < 0) {
			json_decref(log);
			return -1;
		}
		json_array_append_new(log,
				      json_pack("{s:I,s:f,s:o}", "student_id", (json_int_t)c->s[i].student_id,
						"score", c->s[i].score, "old",
						had ? json_real((double)old_x100 / 100.0) : json_null()));
	}
	tx_audit(t, "proc_score.recorded", "proc_rule", c->r->id,
		 json_pack("{s:s,s:s,s:o}", "module_code", c->module, "assessed_on", c->on, "scores", log));
	return 0;
}

json_t *proc_scores_record(db *d, const principal *a, int64_t id, const char *module_code,
			   const char *assessed_on, const struct proc_score_input *s, size_t n, err *e)
{
	int ymd = 0;
	if (!assessed_on || date_parse(assessed_on, &ymd) != 0)
		return err_set(e, 422, "invalid_date", "assessed_on", "考核日期格式应为 YYYY-MM-DD",
			       "assessed_on is a date YYYY-MM-DD"),
		       NULL;
	if (ymd > date_today_utc8())
		return err_set(e, 422, "invalid_date", "assessed_on",
			       "考核日期不能晚于今天（考核发生时记录）",
			       "assessed_on is in the future (a score is recorded when the assessment "
			       "happens)"),
		       NULL;
	if (!n || n > 1000)
		return err_set(e, 422, "invalid_value", "scores", "一次记录 1 到 1000 名学生的成绩",
			       "1 to 1000 scores at once"),
		       NULL;
	for (size_t i = 0; i < n; i++) {
		if (!(s[i].score >= 0 && s[i].score <= 100))
			return err_set(e, 422, "invalid_score", "scores", "分数应在 0 到 100 之间",
				       "scores are between 0 and 100"),
			       NULL;
		for (size_t k = 0; k < i; k++)
			if (s[k].student_id == s[i].student_id)
				return err_set(e, 422, "invalid_value", "scores", "学生 %lld 重复",
					       "student %lld appears twice", (long long)s[i].student_id),
				       NULL;
	}
	struct rule_row r;
	if (rule_load(d, a, id, SCOPE_WRITE, &r, e))
		return NULL;
	bool known = false;
	size_t i;
	json_t *v;
	json_array_foreach(r.modules, i, v) known |=
		module_code && !strcmp(json_string_value(json_object_get(v, "code")), module_code);
	int bad = 0;
	if (!known)
		bad = err_set(e, 422, "invalid_value", "module_code", "评价方案没有模块 %s",
			      "the rule has no module %s", module_code ? module_code : "");
	else if (r.compiled)
		bad = err_set(e, 409, "already_compiled", NULL, "评价结果已汇总，模块成绩不能再记录",
			      "the outcomes are compiled: scores are no longer recorded");
	else if (strcmp(r.plan_status, "open") && strcmp(r.plan_status, "examining") &&
		 strcmp(r.plan_status, "scoring"))
		bad = err_set(e, 409, "invalid_state", NULL, "计划在报名、考试或评分阶段时记录模块成绩",
			      "scores are recorded while the plan is open, examining or scoring");
	struct score_ctx c = {.r = &r, .module = module_code, .on = assessed_on, .s = s, .n = n};
	if (bad || svc_tx(d, a, score_work, &c, e)) {
		rule_free(&r);
		return NULL;
	}
	rule_free(&r);
	return proc_rule_get(d, a, id, e);
}

/* ---- compilation into the plan's results ---- */

struct compile_ctx {
	const struct rule_row *r;
	const struct proc_rule *pr;
	const struct sheet_row *rows;
	size_t n;
	int64_t passed;
};

static int compile_work(tx *t, void *ctx, err *e)
{
	struct compile_ctx *c = ctx;
	const struct rule_row *r = c->r;
	int64_t now = now_s(), have = 0;
	/* re-read in the writing transaction: not compiled, and no other results of the plan */
	if (db_one_int(t->d,
		       "SELECT (SELECT COUNT(*) FROM results WHERE plan_id = $1) + (SELECT COUNT(*) FROM "
		       "cult_eval_rules WHERE id = $2 AND compiled_at IS NOT NULL)",
		       DB_ARGS(DV_I(r->plan_id), DV_I(r->id)), &have, e) != DB_OK)
		return -1;
	if (have)
		return err_set(e, 409, "already_compiled", NULL, "成绩已汇总",
			       "results are already compiled");
	for (size_t i = 0; i < c->n; i++) {
		const struct sheet_row *w = &c->rows[i];
		struct proc_outcome out;
		proc_eval_aggregate(c->pr, w->scores, &out);
		int64_t rid = 0;
		if (db_one_int(t->d,
			       "INSERT INTO results (person_id, institution_id, occupation_code, work_type, "
			       "level, "
			       "exam_date, passed, created_by, created_at, plan_id, registration_id) VALUES "
			       "($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11) RETURNING id",
			       DB_ARGS(DV_I(w->person), DV_I(r->school), DV_S(r->occ), DV_S(r->wt),
				       DV_I(r->level), DV_S(r->exam), DV_I(out.passed), DV_I(t->a->user_id),
				       DV_I(now), DV_I(r->plan_id), DV_I(w->reg)),
			       &rid, e) != DB_OK ||
		    stat_count(t, STE_RESULT, DV_I(rid), DV_NULL, +1, e) != 0)
			return -1;
		json_t *rs = reasons_json(out.reasons);
		char *rtext = json_dumps(rs, JSON_COMPACT);
		json_decref(rs);
		int64_t k =
			db_run(t->d,
			       "INSERT INTO cult_eval_outcomes (rule_id, student_id, registration_id, total, "
			       "passed, "
			       "reasons, result_id, decided_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8)",
			       DB_ARGS(DV_I(r->id), DV_I(w->student), DV_I(w->reg), DV_D(out.total),
				       DV_I(out.passed), DV_S(rtext ? rtext : "[]"), DV_I(rid), DV_I(now)),
			       e);
		free(rtext);
		if (k < 0)
			return -1;
		c->passed += out.passed;
	}
	if (db_run(t->d, "UPDATE cult_eval_rules SET compiled_at = $2 WHERE id = $1",
		   DB_ARGS(DV_I(r->id), DV_I(now)), e) < 0)
		return -1;
	tx_audit(t, "proc_eval.compiled", "proc_rule", r->id,
		 json_pack("{s:I,s:I,s:I}", "plan_id", (json_int_t)r->plan_id, "results", (json_int_t)c->n,
			   "passed", (json_int_t)c->passed));
	tx_audit(t, "plan.results", "plan", r->plan_id, json_pack("{s:I}", "results", (json_int_t)c->n));
	return 0;
}

json_t *proc_compile(db *d, const principal *a, int64_t id, err *e)
{
	struct rule_row r;
	if (rule_load(d, a, id, SCOPE_WRITE, &r, e))
		return NULL;
	if (r.compiled || strcmp(r.plan_status, "scoring")) {
		r.compiled ? err_set(e, 409, "already_compiled", NULL, "成绩已汇总",
				     "results are already compiled")
			   : err_set(e, 409, "invalid_state", NULL, "计划须在评分阶段汇总成绩",
				     "results are compiled while the plan is scoring");
		rule_free(&r);
		return NULL;
	}
	struct proc_module m[PROC_MAX_MODULES];
	struct proc_rule pr;
	rule_core(&r, m, &pr);
	struct sheet_row *rows = NULL;
	size_t n = 0;
	int rc = sheet_load(d, &r, &pr, true, &rows, &n, e);
	/* an approved registration of someone who is not the school's student has no scores here */
	int64_t approved = 0;
	if (!rc &&
	    db_one_int(d, "SELECT COUNT(*) FROM registrations WHERE plan_id = $1 AND status = 'approved'",
		       DB_ARGS(DV_I(r.plan_id)), &approved, e) != DB_OK)
		rc = -1;
	if (!rc && (size_t)approved != n)
		rc = err_set(e, 409, "not_students", NULL,
			     "计划中有 %lld 名报名者不是本校学生，不能按过程化评价汇总",
			     "%lld approved candidates of the plan are not students of the school",
			     (long long)(approved - (int64_t)n));
	struct compile_ctx c = {.r = &r, .pr = &pr, .rows = rows, .n = n};
	if (!rc)
		rc = svc_tx(d, a, compile_work, &c, e);
	free(rows);
	rule_free(&r);
	if (rc)
		return NULL;
	return json_pack("{s:I,s:I,s:I}", "results", (json_int_t)n, "passed", (json_int_t)c.passed, "failed",
			 (json_int_t)(n - (size_t)c.passed));
}

int proc_plan_has_rule(db *d, int64_t plan_id, bool *yes, err *e)
{
	int64_t id = 0;
	int rc = db_one_int(d, "SELECT id FROM cult_eval_rules WHERE plan_id = $1", DB_ARGS(DV_I(plan_id)),
			    &id, e);
	*yes = rc == DB_OK;
	return rc == DB_OK || rc == DB_NOT_FOUND ? 0 : -1;
}
