/* majors.c: a school's majors and their filing with the bureau (专业设置 备案制; core/cultivation.h
 * major_fsm), every submitted content kept as a version (schools.h) */
#include "util/common.h"
#include "svc/cultivation/schools.h"
#include "core/cultivation.h"
#include "core/date.h"
#include "core/scope.h"
#include "svc/base/scope.h"
#include "svc/base/tx.h"

#define MAJOR_COLS                                                                                           \
	"cs.id, cs.school_id, i.name, cs.region_code, cs.code, cs.name, COALESCE(cs.occupation_code, ''), "  \
	"COALESCE(o.name, ''), cs.level, cs.years, cs.ythh_stage, cs.status, cs.version, cs.filed_version, " \
	"cs.filed_on, cs.reason, cs.updated_at"
/* cult_majors is aliased cs as the scope rule SE_SCHOOL names its columns (region_code, school_id) */
#define MAJOR_FROM                                                                                           \
	" FROM cult_majors cs JOIN institutions i ON i.id = cs.school_id LEFT JOIN occupations o ON o.code " \
	"= "                                                                                                 \
	"cs.occupation_code"

static json_t *major_view(db_stmt *st)
{
	const char *level = db_text(st, 8), *status = db_text(st, 11);
	return json_pack(
		"{s:I,s:I,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:I,s:I,s:s,s:s,s:I,s:I,s:s,s:s,s:I}", "id",
		(json_int_t)db_int(st, 0), "school_id", (json_int_t)db_int(st, 1), "school_name",
		db_text(st, 2), "region_code", db_text(st, 3), "code", db_text(st, 4), "name", db_text(st, 5),
		"occupation_code", db_text(st, 6), "occupation_name", db_text(st, 7), "level", level,
		"level_zh", major_level_zh(level) ? major_level_zh(level) : "", "years",
		(json_int_t)db_int(st, 9), "ythh_stage", (json_int_t)db_int(st, 10), "status", status,
		"status_zh", fsm_state_zh(&major_fsm, status), "version", (json_int_t)db_int(st, 12),
		"filed_version", (json_int_t)db_int(st, 13), "filed_on", db_text(st, 14), "reason",
		db_text(st, 15), "updated_at", (json_int_t)db_int(st, 16));
}

static const struct list_filter major_filters[] = {
	{"school_id", "cs.school_id = ?", LIST_ID},
	{"status", "cs.status = ?", LIST_EQ, .max = 16},
	{"region_code", "cs.region_code LIKE ?", LIST_REGION, .max = 12},
	{"ythh_stage", "cs.ythh_stage = ?", LIST_EQ, .max = 1},
	{"name", "cs.name LIKE ?", LIST_CONTAINS, .max = 100},
};
static const struct list_sort major_sorts[] = {
	{"id", "cs.id"}, {"code", "cs.code"}, {"updated_at", "cs.updated_at"}};
static const struct export_col major_cols[] = {
	{"id", "编号"},
	{"school_name", "院校"},
	{"code", "专业代码"},
	{"name", "专业名称"},
	{"level_zh", "培养层次"},
	{"years", "学制（年）"},
	{"ythh_stage", "工学一体化阶段"},
	{"status_zh", "备案状态"},
	{"filed_version", "在用版本"},
	{"filed_on", "备案日期"},
};

const struct list_spec major_list = {
	.name = "majors",
	.scoped = true,
	.entity = SE_SCHOOL,
	.count_sql = "SELECT COUNT(*)" MAJOR_FROM,
	.select_sql = "SELECT " MAJOR_COLS MAJOR_FROM,
	.order = "cs.id DESC",
	LIST_FILTERS(major_filters),
	LIST_SORTS(major_sorts),
	.view = major_view,
	LIST_COLS(major_cols),
};

static json_t *version_view(db_stmt *st)
{
	const char *level = db_text(st, 4);
	return json_pack("{s:I,s:s,s:s,s:s,s:s,s:s,s:I,s:I,s:s,s:s,s:s,s:I,s:o}", "version",
			 (json_int_t)db_int(st, 0), "kind", db_text(st, 1), "name", db_text(st, 2),
			 "occupation_code", db_text(st, 3), "level", level, "level_zh",
			 major_level_zh(level) ? major_level_zh(level) : "", "years",
			 (json_int_t)db_int(st, 5), "ythh_stage", (json_int_t)db_int(st, 6), "reason",
			 db_text(st, 7), "outcome", db_text(st, 8), "decided_note", db_text(st, 9),
			 "submitted_at", (json_int_t)db_int(st, 10), "decided_at",
			 db_isnull(st, 11) ? json_null() : json_integer(db_int(st, 11)));
}

/* the major's owner facts: -1 with 404 (absent or out of read reach) */
static int major_owner(db *d, const principal *a, int64_t id, scope_owner *o, char status[16], err *e)
{
	memset(o, 0, sizeof *o);
	db_stmt *st = db_query(d, "SELECT school_id, region_code, status FROM cult_majors WHERE id = $1",
			       DB_ARGS(DV_I(id)), e);
	int row = st ? db_row(st, e) : -1;
	if (row == 1) {
		o->found = true;
		o->institution_id = db_int(st, 0);
		snprintf(o->region, sizeof o->region, "%s", db_text(st, 1));
		snprintf(status, 16, "%s", db_text(st, 2));
	}
	db_done(st);
	if (row < 0)
		return -1;
	if (row == 0 || scope_decide(a, SE_SCHOOL, o, SCOPE_READ))
		return err_set(e, 404, "not_found", NULL, "专业不存在", "no such major");
	return 0;
}

json_t *major_get(db *d, const principal *a, int64_t id, err *e)
{
	scope_owner o;
	char status[16];
	if (major_owner(d, a, id, &o, status, e))
		return NULL;
	json_t *m = row_json(
		db_query(d, "SELECT " MAJOR_COLS MAJOR_FROM " WHERE cs.id = $1", DB_ARGS(DV_I(id)), e),
		major_view, e);
	if (!m)
		return NULL;
	json_t *v =
		rows_json(db_query(d,
				   "SELECT version, kind, name, COALESCE(occupation_code, ''), level, years, "
				   "ythh_stage, reason, outcome, decided_note, submitted_at, decided_at FROM "
				   "cult_major_versions WHERE major_id = $1 ORDER BY version DESC",
				   DB_ARGS(DV_I(id)), e),
			  version_view, e);
	if (!v)
		return json_decref(m), NULL;
	json_object_set_new(m, "versions", v);
	/* the moves the caller may take now (buttons) */
	const struct fsm_transition *t[8];
	size_t n = fsm_available(&major_fsm, status,
				 fsm_acting(a, scope_decide(a, SE_SCHOOL, &o, SCOPE_WRITE) == 0), NULL, t,
				 ARRAY_LEN(t));
	json_t *moves = json_array();
	for (size_t k = 0; k < n && k < ARRAY_LEN(t); k++)
		json_array_append_new(moves, json_pack("{s:s,s:s,s:s,s:b}", "to", t[k]->to, "action",
						       t[k]->action, "label", t[k]->zh, "needs_reason",
						       (t[k]->flags & FSM_NEEDS_REASON) != 0));
	json_object_set_new(m, "moves", moves);
	return m;
}

static int check_major(db *d, const struct major_input *in, bool need_code, err *e)
{
	if ((need_code && check_text(in->code, "code", 20, true, e)) ||
	    check_text(in->name, "name", 100, true, e))
		return -1;
	if (!major_level_zh(in->level))
		return err_set(e, 422, "invalid_value", "level",
			       "培养层次应为 中级工班 / 高级工班 / 预备技师班",
			       "level is intermediate, senior or preparatory");
	if (in->years < 1 || in->years > 6)
		return err_set(e, 422, "invalid_value", "years", "学制应为 1 到 6 年", "years is 1 to 6");
	if (in->ythh_stage < 0 || in->ythh_stage > 3)
		return err_set(e, 422, "invalid_value", "ythh_stage",
			       "工学一体化阶段应为 0（未参加）或 1 到 3", "ythh_stage is 0 (none) or 1 to 3");
	if (in->occupation_code && *in->occupation_code) {
		int64_t one = 0;
		int rc = db_one_int(d, "SELECT 1 FROM occupations WHERE code = $1",
				    DB_ARGS(DV_S(in->occupation_code)), &one, e);
		if (rc == DB_NOT_FOUND)
			return err_set(e, 422, "invalid_value", "occupation_code", "职业编码不存在",
				       "no such occupation code");
		if (rc != DB_OK)
			return -1;
	}
	return 0;
}

static int add_version(db *d, int64_t major, int64_t version, const char *kind, const struct major_input *in,
		       const char *reason, err *e)
{
	return db_run(d,
		      "INSERT INTO cult_major_versions (major_id, version, kind, name, occupation_code, "
		      "level, years, "
		      "ythh_stage, reason, submitted_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)",
		      DB_ARGS(DV_I(major), DV_I(version), DV_S(kind), DV_S(in->name),
			      in->occupation_code && *in->occupation_code ? DV_S(in->occupation_code)
									  : DV_NULL,
			      DV_S(in->level), DV_I(in->years), DV_I(in->ythh_stage),
			      DV_S(reason ? reason : ""), DV_I(now_s())),
		      e) < 0
		       ? -1
		       : 0;
}

struct create_ctx {
	const struct major_input *in;
	int64_t school, id;
	const char *region;
};

static int create_work(tx *t, void *ctx, err *e)
{
	struct create_ctx *c = ctx;
	const struct major_input *in = c->in;
	int64_t now = now_s();
	int rc = db_one_int(
		t->d,
		"INSERT INTO cult_majors (school_id, region_code, code, name, occupation_code, level, years, "
		"ythh_stage, status, created_at, updated_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,'draft',$9,$9) "
		"RETURNING id",
		DB_ARGS(DV_I(c->school), DV_S(c->region), DV_S(in->code), DV_S(in->name),
			in->occupation_code && *in->occupation_code ? DV_S(in->occupation_code) : DV_NULL,
			DV_S(in->level), DV_I(in->years), DV_I(in->ythh_stage), DV_I(now)),
		&c->id, e);
	if (rc != DB_OK)
		return e->status == 409 ? err_set(e, 409, "duplicate", "code", "本校已有该专业代码的专业",
						  "the school has a major with that code")
					: -1;
	if (add_version(t->d, c->id, 1, "filing", in, NULL, e))
		return -1;
	tx_audit(t, "major.created", "major", c->id,
		 json_pack("{s:I,s:s,s:s,s:s}", "school_id", (json_int_t)c->school, "code", in->code, "name",
			   in->name, "level", in->level));
	return 0;
}

json_t *major_create(db *d, const principal *a, const struct major_input *in, err *e)
{
	if (!role_in(a, R_INST) || a->institution_id <= 0)
		return err_set(e, 403, "forbidden", NULL, "专业由技工院校自行设置并备案",
			       "a school sets up its majors and files them"),
		       NULL;
	char region[16] = "";
	db_stmt *st = db_query(d, "SELECT region_code FROM cult_schools WHERE school_id = $1",
			       DB_ARGS(DV_I(a->institution_id)), e);
	int row = st ? db_row(st, e) : -1;
	if (row == 1)
		snprintf(region, sizeof region, "%s", db_text(st, 0));
	db_done(st);
	if (row < 0)
		return NULL;
	if (row == 0)
		return err_set(e, 409, "not_a_school", NULL, "本机构尚未登记为技工院校，不能设置专业",
			       "your institution is not registered as a school"),
		       NULL;
	if (check_major(d, in, true, e))
		return NULL;
	struct create_ctx c = {.in = in, .school = a->institution_id, .region = region};
	return svc_tx(d, a, create_work, &c, e) ? NULL : major_get(d, a, c.id, e);
}

struct move_ctx {
	int64_t id;
	const char *from;
	const struct fsm_transition *t;
	const char *reason;
	const struct major_input *content;
};

static int move_work(tx *t, void *ctx, err *e)
{
	struct move_ctx *c = ctx;
	const struct fsm_transition *tr = c->t;
	int64_t now = now_s();
	int64_t version = 0, filed = 0;
	if (db_one_int(t->d, "SELECT version FROM cult_majors WHERE id = $1", DB_ARGS(DV_I(c->id)), &version,
		       e) != DB_OK)
		return -1;
	if (db_one_int(t->d, "SELECT filed_version FROM cult_majors WHERE id = $1", DB_ARGS(DV_I(c->id)),
		       &filed, e) != DB_OK)
		return -1;
	const char *reason = c->reason ? c->reason : "";
	if (tr->effects & MAJOR_FX_NEW_VERSION) {
		/* a change brings new content; a resubmission may; a withdrawal repeats the content in force
		 */
		struct major_input cur = {0};
		db_stmt *st =
			db_query(t->d,
				 "SELECT name, COALESCE(occupation_code, ''), level, years, ythh_stage FROM "
				 "cult_major_versions WHERE major_id = $1 AND version = $2",
				 DB_ARGS(DV_I(c->id), DV_I(version)), e);
		int row = st ? db_row(st, e) : -1;
		char name[400] = "", occ[32] = "", level[24] = "";
		if (row == 1) {
			snprintf(name, sizeof name, "%s", db_text(st, 0));
			snprintf(occ, sizeof occ, "%s", db_text(st, 1));
			snprintf(level, sizeof level, "%s", db_text(st, 2));
			cur = (struct major_input){.name = name,
						   .occupation_code = occ,
						   .level = level,
						   .years = db_int(st, 3),
						   .ythh_stage = db_int(st, 4)};
		}
		db_done(st);
		if (row != 1)
			return row < 0 ? -1
				       : err_set(e, 500, "internal", NULL, "专业版本缺失",
						 "a major version is missing");
		const struct major_input *in = c->content && c->content->name ? c->content : &cur;
		const char *kind = !strcmp(tr->to, "withdrawing") ? "withdrawal"
				   : filed > 0			  ? "change"
								  : "filing";
		version++;
		if (add_version(t->d, c->id, version, kind, !strcmp(kind, "withdrawal") ? &cur : in, reason,
				e))
			return -1;
	}
	if (tr->effects & MAJOR_FX_FILE) {
		/* the pending version is in force: its content becomes the major's */
		char today[11];
		date_format(date_today_utc8(), today);
		if (db_run(t->d,
			   "UPDATE cult_major_versions SET outcome = 'filed', decided_at = $3, decided_by = "
			   "$4 WHERE "
			   "major_id = $1 AND version = $2",
			   DB_ARGS(DV_I(c->id), DV_I(version), DV_I(now), DV_I(t->a->user_id)), e) < 0 ||
		    db_run(t->d,
			   "UPDATE cult_majors SET name = v.name, occupation_code = v.occupation_code, level "
			   "= v.level, "
			   "years = v.years, ythh_stage = v.ythh_stage, filed_version = v.version, filed_on "
			   "= $3 FROM "
			   "(SELECT name, occupation_code, level, years, ythh_stage, version FROM "
			   "cult_major_versions "
			   "WHERE major_id = $1 AND version = $2) v WHERE cult_majors.id = $1",
			   DB_ARGS(DV_I(c->id), DV_I(version), DV_S(today)), e) < 0)
			return -1;
	}
	if (tr->effects & (MAJOR_FX_RETURN | MAJOR_FX_WITHDRAW)) {
		if (db_run(t->d,
			   "UPDATE cult_major_versions SET outcome = $3, decided_note = $4, decided_at = $5, "
			   "decided_by = $6 WHERE major_id = $1 AND version = $2",
			   DB_ARGS(DV_I(c->id), DV_I(version),
				   DV_S(tr->effects & MAJOR_FX_RETURN ? "returned" : "filed"), DV_S(reason),
				   DV_I(now), DV_I(t->a->user_id)),
			   e) < 0)
			return -1;
	}
	if (db_run(t->d,
		   "UPDATE cult_majors SET status = $2, version = $3, reason = $4, updated_at = $5 WHERE id "
		   "= $1",
		   DB_ARGS(DV_I(c->id), DV_S(tr->to), DV_I(version), DV_S(reason), DV_I(now)), e) < 0)
		return -1;
	tx_audit(t, tr->audit, "major", c->id,
		 json_pack("{s:s,s:s,s:I,s:s}", "from", c->from, "to", tr->to, "version", (json_int_t)version,
			   "reason", reason));
	return 0;
}

json_t *major_move(db *d, const principal *a, int64_t id, const char *status, const char *reason,
		   const struct major_input *content, err *e)
{
	scope_owner o;
	char from[16];
	if (major_owner(d, a, id, &o, from, e))
		return NULL;
	if (fsm_check_state(&major_fsm, status, e))
		return NULL;
	if (check_text(reason, "reason", 400, false, e))
		return NULL;
	struct major_ctx mc = {.has_content = content && content->name};
	if (mc.has_content && check_major(d, content, false, e))
		return NULL;
	int64_t running = 0;
	if (db_one_int(d,
		       "SELECT COUNT(*) FROM cult_order_classes WHERE major_id = $1 AND status = 'running'",
		       DB_ARGS(DV_I(id)), &running, e) != DB_OK)
		return NULL;
	mc.open_classes = running > 0;
	const struct fsm_transition *t = NULL;
	unsigned roles = fsm_acting(a, scope_decide(a, SE_SCHOOL, &o, SCOPE_WRITE) == 0);
	if (fsm_decide(&major_fsm, from, status, roles, reason, &mc, &t, e))
		return NULL;
	struct move_ctx c = {.id = id, .from = from, .t = t, .reason = reason, .content = content};
	return svc_tx(d, a, move_work, &c, e) ? NULL : major_get(d, a, id, e);
}
