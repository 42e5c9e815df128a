/* inspections.c: 督导检查 — the checklist as data and the inspections of sittings (see inspections.h) */
#include "util/common.h"
#include "svc/supervision/inspections.h"
#include <ctype.h>
#include "store/query.h"
#include "svc/base/svc.h"
#include "svc/base/tx.h"
#include "svc/base/list.h"
#include "svc/supervision/rectify.h"
#include "svc/stats/counters.h"

/* ---- the checklist ---- */

static int current_version(db *d, int64_t *v, err *e)
{
	return db_one_int(d, "SELECT COALESCE(MAX(version), 0) FROM checklist_versions", NULL, 0, v, e) ==
			       DB_OK
		       ? 0
		       : -1;
}

static json_t *item_view(db_stmt *st)
{
	return json_pack("{s:I,s:s,s:s,s:s,s:s,s:s,s:o,s:s,s:I}", "id", (json_int_t)db_int(st, 0), "code",
			 db_text(st, 1), "stage", db_text(st, 2), "kind", db_text(st, 3), "theme",
			 db_text(st, 4), "text", db_text(st, 5), "problem_class",
			 db_isnull(st, 6) ? json_null() : json_integer(db_int(st, 6)), "source",
			 db_text(st, 7), "position", (json_int_t)db_int(st, 8));
}

static json_t *class_view(db_stmt *st)
{
	return json_pack("{s:I,s:s}", "class", (json_int_t)db_int(st, 0), "name", db_text(st, 1));
}

static json_t *revocation_view(db_stmt *st)
{
	return json_pack("{s:s,s:s,s:s,s:I}", "code", db_text(st, 0), "text", db_text(st, 1), "source",
			 db_text(st, 2), "position", (json_int_t)db_int(st, 3));
}

static json_t *version_view(db_stmt *st)
{
	return json_pack("{s:I,s:s,s:I}", "version", (json_int_t)db_int(st, 0), "note", db_text(st, 1),
			 "created_at", (json_int_t)db_int(st, 2));
}

json_t *checklist_json(db *d, int64_t version, err *e)
{
	if (version <= 0 && current_version(d, &version, e) != 0)
		return NULL;
	json_t *o = row_json(
		db_query(d, "SELECT version, note, created_at FROM checklist_versions WHERE version = $1",
			 DB_ARGS(DV_I(version)), e),
		version_view, e);
	if (!o) {
		if (!err_isset(e))
			err_set(e, 404, "not_found", NULL, "检查清单版本不存在", "no such checklist version");
		return NULL;
	}
	json_t *cl = rows_json(
		db_query(d, "SELECT class, name FROM check_problem_classes WHERE version = $1 ORDER BY class",
			 DB_ARGS(DV_I(version)), e),
		class_view, e);
	json_t *it =
		cl ? rows_json(db_query(d,
					"SELECT id, code, stage, kind, theme, text, problem_class, source, "
					"position FROM check_items WHERE version = $1 ORDER BY position, id",
					DB_ARGS(DV_I(version)), e),
			       item_view, e)
		   : NULL;
	json_t *rv =
		it ? rows_json(
			     db_query(d,
				      "SELECT code, text, source, position FROM revocation_situations WHERE "
				      "version = $1 ORDER BY position",
				      DB_ARGS(DV_I(version)), e),
			     revocation_view, e)
		   : NULL;
	if (!rv) {
		json_decref(o);
		json_decref(cl);
		json_decref(it);
		return NULL;
	}
	json_object_set_new(o, "classes", cl);
	json_object_set_new(o, "items", it);
	json_object_set_new(o, "revocations", rv);
	return o;
}

static bool one_of(const char *s, const char *const *set)
{
	for (; s && *set; set++)
		if (!strcmp(s, *set))
			return true;
	return false;
}

static int check_code(const char *code, const char *field, err *e)
{
	size_t n = code ? strlen(code) : 0;
	if (n < 1 || n > 16)
		return err_set(e, 422, "invalid_value", field, "编号应为 1 至 16 个字母、数字或连字符",
			       "a code is 1 to 16 letters, digits or hyphens");
	for (size_t i = 0; i < n; i++)
		if (!isalnum((unsigned char)code[i]) && code[i] != '-')
			return err_set(e, 422, "invalid_value", field,
				       "编号应为 1 至 16 个字母、数字或连字符",
				       "a code is 1 to 16 letters, digits or hyphens");
	return 0;
}

static int checklist_validate(const struct checklist_input *in, err *e)
{
	static const char *const stages[] = {"theory", "practical", "review", "all", NULL};
	static const char *const kinds[] = {"onsite", "organisational", NULL};
	if (in->note && check_text(in->note, "note", 200, false, e))
		return -1;
	for (int k = 0; k < 5; k++)
		if (check_text(in->class_names[k], "classes", 40, true, e))
			return -1;
	if (in->nitems < 1 || in->nitems > CHECKLIST_MAX_ITEMS)
		return err_set(e, 422, "invalid_value", "items", "检查项应为 1 至 %d 项",
			       "a checklist has 1 to %d items", CHECKLIST_MAX_ITEMS);
	if (in->nrevocations > CHECKLIST_MAX_REVOCATIONS)
		return err_set(e, 422, "invalid_value", "revocations", "撤销备案情形至多 %d 项",
			       "at most %d revoking situations", CHECKLIST_MAX_REVOCATIONS);
	for (size_t i = 0; i < in->nitems; i++) {
		const struct check_item_input *c = &in->items[i];
		if (check_code(c->code, "items", e))
			return -1;
		for (size_t j = 0; j < i; j++)
			if (!strcmp(in->items[j].code, c->code))
				return err_set(e, 422, "duplicate", "items", "检查项编号重复：%s",
					       "duplicate item code: %s", c->code);
		if (!one_of(c->stage, stages))
			return err_set(e, 422, "invalid_value", "items",
				       "环节应为 theory、practical、review 或 all",
				       "stage must be theory, practical, review or all");
		if (!one_of(c->kind, kinds))
			return err_set(e, 422, "invalid_value", "items", "类型应为 onsite 或 organisational",
				       "kind must be onsite or organisational");
		if (c->problem_class < 1 || c->problem_class > 5)
			return err_set(e, 422, "invalid_value", "items", "问题分类应为 1 至 5",
				       "problem_class must be 1 to 5");
		if (check_text(c->theme, "items", 40, true, e) ||
		    check_text(c->text, "items", 500, true, e) ||
		    check_text(c->source, "items", 200, true, e))
			return -1;
	}
	for (size_t i = 0; i < in->nrevocations; i++) {
		const struct revocation_input *r = &in->revocations[i];
		if (check_code(r->code, "revocations", e))
			return -1;
		for (size_t j = 0; j < i; j++)
			if (!strcmp(in->revocations[j].code, r->code))
				return err_set(e, 422, "duplicate", "revocations", "情形编号重复：%s",
					       "duplicate situation code: %s", r->code);
		if (check_text(r->text, "revocations", 500, true, e) ||
		    check_text(r->source, "revocations", 200, true, e))
			return -1;
	}
	return 0;
}

struct checklist_ctx {
	const struct checklist_input *in;
	int64_t version;
};

static int checklist_work(tx *t, void *ctx, err *e)
{
	struct checklist_ctx *c = ctx;
	const struct checklist_input *in = c->in;
	if (current_version(t->d, &c->version, e) != 0)
		return -1;
	c->version++;
	if (db_run(t->d,
		   "INSERT INTO checklist_versions (version, note, created_by, created_at) VALUES "
		   "($1,$2,$3,$4)",
		   DB_ARGS(DV_I(c->version), DV_S(in->note ? in->note : ""), DV_I(t->a->user_id),
			   DV_I(now_s())),
		   e) < 0)
		return -1;
	for (int k = 0; k < 5; k++)
		if (db_run(t->d, "INSERT INTO check_problem_classes (version, class, name) VALUES ($1,$2,$3)",
			   DB_ARGS(DV_I(c->version), DV_I(k + 1), DV_S(in->class_names[k])), e) < 0)
			return -1;
	for (size_t i = 0; i < in->nitems; i++) {
		const struct check_item_input *it = &in->items[i];
		if (db_run(t->d,
			   "INSERT INTO check_items (version, code, stage, kind, theme, text, problem_class, "
			   "source, "
			   "position) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)",
			   DB_ARGS(DV_I(c->version), DV_S(it->code), DV_S(it->stage), DV_S(it->kind),
				   DV_S(it->theme), DV_S(it->text), DV_I(it->problem_class), DV_S(it->source),
				   DV_I((int64_t)i + 1)),
			   e) < 0)
			return -1;
	}
	for (size_t i = 0; i < in->nrevocations; i++) {
		const struct revocation_input *r = &in->revocations[i];
		if (db_run(t->d,
			   "INSERT INTO revocation_situations (version, code, text, source, position) VALUES "
			   "($1,$2,$3,$4,$5)",
			   DB_ARGS(DV_I(c->version), DV_S(r->code), DV_S(r->text), DV_S(r->source),
				   DV_I((int64_t)i + 1)),
			   e) < 0)
			return -1;
	}
	tx_audit(t, "checklist.version", "checklist", c->version,
		 json_pack("{s:I,s:I,s:s}", "items", (json_int_t)in->nitems, "revocations",
			   (json_int_t)in->nrevocations, "note", in->note ? in->note : ""));
	return 0;
}

json_t *checklist_put(db *d, const principal *a, const struct checklist_input *in, err *e)
{
	if (a->role != ROLE_PROVINCE_ADMIN) {
		err_set(e, 403, "forbidden", NULL, "检查清单由省级人社部门制定",
			"the province sets the checklist");
		return NULL;
	}
	if (checklist_validate(in, e))
		return NULL;
	struct checklist_ctx c = {.in = in};
	if (svc_tx(d, a, checklist_work, &c, e) != 0)
		return NULL;
	return checklist_json(d, c.version, e);
}

/* ---- inspections ---- */

#define INSPECTION_SELECT                                                                                    \
	"SELECT ins.id, ins.sitting_id, ins.supervisor_id, COALESCE(u.username, ''), p.institution_id, "     \
	"i.name, i.region_code, ins.version, ins.status, ins.corrects_id, ins.summary, ins.created_at, "     \
	"ins.updated_at, ins.signed_at FROM inspections ins JOIN sittings s ON s.id = ins.sitting_id JOIN "  \
	"plans p ON p.id = s.plan_id JOIN institutions i ON i.id = p.institution_id LEFT JOIN users u ON "   \
	"u.id = ins.supervisor_id"

static json_t *inspection_view(db_stmt *st)
{
	const char *status = db_text(st, 8);
	return json_pack("{s:I,s:I,s:I,s:s,s:I,s:s,s:s,s:I,s:s,s:s,s:o,s:s,s:I,s:I,s:o}", "id",
			 (json_int_t)db_int(st, 0), "sitting_id", (json_int_t)db_int(st, 1), "supervisor_id",
			 (json_int_t)db_int(st, 2), "supervisor", db_text(st, 3), "institution_id",
			 (json_int_t)db_int(st, 4), "institution_name", db_text(st, 5), "region_code",
			 db_text(st, 6), "version", (json_int_t)db_int(st, 7), "status", status, "status_zh",
			 !strcmp(status, "signed") ? "已签署" : "草稿", "corrects_id",
			 db_isnull(st, 9) ? json_null() : json_integer(db_int(st, 9)), "summary",
			 db_text(st, 10), "created_at", (json_int_t)db_int(st, 11), "updated_at",
			 (json_int_t)db_int(st, 12), "signed_at",
			 db_isnull(st, 13) ? json_null() : json_integer(db_int(st, 13)));
}

static json_t *mark_view(db_stmt *st)
{
	return json_pack("{s:I,s:s,s:s,s:s,s:I,s:I}", "item_id", (json_int_t)db_int(st, 0), "code",
			 db_text(st, 1), "result", db_text(st, 2), "note", db_text(st, 3), "seq",
			 (json_int_t)db_int(st, 4), "updated_at", (json_int_t)db_int(st, 5));
}

/* the list: the inspections the principal may read (SE_INSPECTION: the province all, a city its region's
 * sittings, a supervisor their own, an institution administrator the signed ones of its own sittings) */
#define INSPECTION_FROM                                                                                      \
	" FROM inspections ins JOIN sittings s ON s.id = ins.sitting_id JOIN plans p ON p.id = s.plan_id "   \
	"JOIN institutions i ON i.id = p.institution_id LEFT JOIN users u ON u.id = ins.supervisor_id"

static const struct list_filter inspection_filters[] = {
	{"sitting_id", "ins.sitting_id = ?", LIST_ID},
	{"institution_id", "p.institution_id = ?", LIST_ID},
	{"region_code", "i.region_code LIKE ?", LIST_REGION, .max = 12},
	{"supervisor_id", "ins.supervisor_id = ?", LIST_ID},
	{"status", "ins.status = ?", LIST_EQ, .max = 16},
};

static const struct list_sort inspection_sorts[] = {
	{"id", "ins.id"},
	{"updated_at", "ins.updated_at"},
	{"signed_at", "COALESCE(ins.signed_at, 0)"},
};

static const struct export_col inspection_cols[] = {
	{"id", "编号"},		 {"sitting_id", "考场"},      {"institution_name", "评价机构"},
	{"region_code", "地区"}, {"supervisor", "督导员"},    {"status_zh", "状态"},
	{"version", "清单版本"}, {"corrects_id", "更正记录"}, {"signed_at", "签署时间"},
};

const struct list_spec inspection_list = {
	.name = "inspections",
	.scoped = true,
	.entity = SE_INSPECTION,
	.count_sql = "SELECT COUNT(*)" INSPECTION_FROM,
	.select_sql = INSPECTION_SELECT,
	/* drafts first, then the latest */
	.order = "CASE WHEN ins.status = 'draft' THEN 0 ELSE 1 END, ins.id DESC",
	LIST_FILTERS(inspection_filters),
	LIST_SORTS(inspection_sorts),
	.view = inspection_view,
	LIST_COLS(inspection_cols),
};

/* the inspection as `a` may read or write it: 404 outside that scope */
static db_stmt *scoped_inspection(db *d, const principal *a, int64_t id, enum scope_action act, err *e)
{
	query q;
	q_init(&q, INSPECTION_SELECT);
	q_and(&q, "ins.id = ?", DV_I(id));
	scope_where(&q, a, SE_INSPECTION, act);
	db_stmt *st = q_query(d, &q, e);
	q_free(&q);
	return st;
}

json_t *inspection_get_json(db *d, const principal *a, int64_t id, err *e)
{
	json_t *o = row_json(scoped_inspection(d, a, id, SCOPE_READ, e), inspection_view, e);
	if (!o) {
		if (!err_isset(e))
			err_set(e, 404, "not_found", NULL, "督导检查记录不存在", "no such inspection");
		return NULL;
	}
	json_t *m =
		rows_json(db_query(d,
				   "SELECT m.item_id, ci.code, m.result, m.note, m.seq, m.updated_at FROM "
				   "inspection_marks m JOIN check_items ci ON ci.id = m.item_id WHERE "
				   "m.inspection_id = $1 ORDER BY ci.position, ci.id",
				   DB_ARGS(DV_I(id)), e),
			  mark_view, e);
	int64_t total = 0;
	if (!m || db_one_int(d, "SELECT COUNT(*) FROM check_items WHERE version = $1",
			     DB_ARGS(DV_I(json_integer_value(json_object_get(o, "version")))), &total,
			     e) != DB_OK) {
		json_decref(m);
		json_decref(o);
		return NULL;
	}
	json_object_set_new(o, "items_total", json_integer(total));
	json_object_set_new(o, "items_marked", json_integer((json_int_t)json_array_size(m)));
	json_object_set_new(o, "marks", m);
	return o;
}

struct open_ctx {
	int64_t sitting, corrects, id;
	bool created;
};

static int open_work(tx *t, void *ctx, err *e)
{
	struct open_ctx *c = ctx;
	int64_t n = 0, ver = 0;
	c->created = false;
	int rc = db_one_int(t->d, "SELECT COUNT(*) FROM sittings WHERE id = $1", DB_ARGS(DV_I(c->sitting)),
			    &n, e);
	if (rc != DB_OK)
		return -1;
	if (n == 0)
		return err_set(e, 404, "not_found", "sitting_id", "考场不存在", "no such sitting");
	rc = db_one_int(
		t->d,
		"SELECT COUNT(*) FROM dispatch_assignments WHERE sitting_id = $1 AND supervisor_id = $2",
		DB_ARGS(DV_I(c->sitting), DV_I(t->a->user_id)), &n, e);
	if (rc != DB_OK)
		return -1;
	if (n == 0)
		return err_set(e, 403, "not_assigned", "sitting_id", "您未被派遣到该考场",
			       "you are not assigned to this sitting");
	if (c->corrects > 0) {
		rc = db_one_int(t->d,
				"SELECT COUNT(*) FROM inspections WHERE id = $1 AND sitting_id = $2 AND "
				"status = 'signed'",
				DB_ARGS(DV_I(c->corrects), DV_I(c->sitting)), &n, e);
		if (rc != DB_OK)
			return -1;
		if (n == 0)
			return err_set(e, 422, "invalid_value", "corrects_id",
				       "更正只能针对该考场已签署的检查记录",
				       "a correction refers to a signed inspection of the same sitting");
	}
	/* an open draft of the same sitting and correction: opening again returns it */
	rc = db_one_int(t->d,
			"SELECT id FROM inspections WHERE sitting_id = $1 AND supervisor_id = $2 AND status "
			"= 'draft' "
			"AND COALESCE(corrects_id, 0) = $3 ORDER BY id LIMIT 1",
			DB_ARGS(DV_I(c->sitting), DV_I(t->a->user_id), DV_I(c->corrects)), &c->id, e);
	if (rc == DB_OK) {
		/* nothing new is written; the archive still records that the supervisor resumed it */
		tx_audit(t, "inspection.resume", "inspection", c->id,
			 json_pack("{s:I}", "sitting_id", (json_int_t)c->sitting));
		return 0;
	}
	if (rc != DB_NOT_FOUND)
		return -1;
	if (c->corrects <= 0) {
		rc = db_one_int(
			t->d,
			"SELECT COUNT(*) FROM inspections WHERE sitting_id = $1 AND supervisor_id = $2 AND "
			"status = 'signed'",
			DB_ARGS(DV_I(c->sitting), DV_I(t->a->user_id)), &n, e);
		if (rc != DB_OK)
			return -1;
		if (n > 0)
			return err_set(
				e, 409, "inspection_signed", "corrects_id",
				"该考场的检查已签署，更正请新建记录并注明所更正的记录",
				"the inspection of this sitting is signed; a correction is a new record "
				"with corrects_id");
	}
	if (current_version(t->d, &ver, e) != 0)
		return -1;
	int64_t now = now_s();
	if (db_one_int(
		    t->d,
		    "INSERT INTO inspections (sitting_id, supervisor_id, version, corrects_id, created_at, "
		    "updated_at) VALUES ($1,$2,$3,$4,$5,$5) RETURNING id",
		    DB_ARGS(DV_I(c->sitting), DV_I(t->a->user_id), DV_I(ver),
			    c->corrects > 0 ? DV_I(c->corrects) : DV_NULL, DV_I(now)),
		    &c->id, e) != DB_OK)
		return -1;
	c->created = true;
	tx_audit(t, "inspection.open", "inspection", c->id,
		 json_pack("{s:I,s:I,s:o}", "sitting_id", (json_int_t)c->sitting, "version", (json_int_t)ver,
			   "corrects_id", c->corrects > 0 ? json_integer(c->corrects) : json_null()));
	return 0;
}

json_t *inspection_open(db *d, const principal *a, int64_t sitting_id, int64_t corrects, bool *created,
			err *e)
{
	if (a->role != ROLE_SUPERVISOR) {
		err_set(e, 403, "forbidden", NULL, "只有督导员可以开展检查", "only a supervisor inspects");
		return NULL;
	}
	if (sitting_id <= 0) {
		err_set(e, 422, "missing_field", "sitting_id", "缺少考场", "sitting_id is required");
		return NULL;
	}
	struct open_ctx c = {.sitting = sitting_id, .corrects = corrects};
	if (svc_tx(d, a, open_work, &c, e) != 0)
		return NULL;
	*created = c.created;
	return inspection_get_json(d, a, c.id, e);
}

/* the caller's own inspection for a change: 404 outside their scope, 409 once signed (unless signed_ok) */
static int own_draft(db *d, const principal *a, int64_t id, int64_t *version, bool *signed_, err *e)
{
	db_stmt *st = scoped_inspection(d, a, id, SCOPE_WRITE, e);
	if (!st)
		return -1;
	int rc = db_row(st, e);
	if (rc > 0) {
		*version = db_int(st, 7);
		*signed_ = !strcmp(db_text(st, 8), "signed");
	}
	db_done(st);
	if (rc < 0)
		return -1;
	if (rc == 0)
		return err_set(e, 404, "not_found", NULL, "督导检查记录不存在", "no such inspection");
	return 0;
}

static int signed_refusal(err *e)
{
	return err_set(e, 409, "inspection_signed", NULL, "检查记录已签署，不可修改；更正请新建记录",
		       "the inspection is signed and cannot change; a correction is a new record");
}

struct save_ctx {
	int64_t id;
	const struct mark_input *marks;
	size_t n;
	const char *summary;
	int64_t changed;
};

static int save_work(tx *t, void *ctx, err *e)
{
	struct save_ctx *c = ctx;
	int64_t version = 0, now = now_s();
	bool is_signed = false;
	c->changed = 0;
	if (own_draft(t->d, t->a, c->id, &version, &is_signed, e))
		return -1;
	if (is_signed)
		return signed_refusal(e);
	for (size_t i = 0; i < c->n; i++) {
		const struct mark_input *m = &c->marks[i];
		const char *note = m->note ? m->note : "";
		int64_t n = 0;
		if (db_one_int(t->d, "SELECT COUNT(*) FROM check_items WHERE id = $1 AND version = $2",
			       DB_ARGS(DV_I(m->item_id), DV_I(version)), &n, e) != DB_OK)
			return -1;
		if (n == 0)
			return err_set(e, 422, "invalid_value", "marks", "检查项 %lld 不属于本记录的清单版本",
				       "item %lld is not in this inspection's checklist version",
				       (long long)m->item_id);
		/* a newer save of the item wins over a late retry of an older one; the same save again
		 * writes the same row */
		int64_t r = db_run(
			t->d,
			"UPDATE inspection_marks SET result = $3, note = $4, seq = $5, updated_at = $6 "
			"WHERE inspection_id = $1 AND item_id = $2 AND seq <= $5 AND NOT (result = $3 AND "
			"note = $4 AND seq = $5)",
			DB_ARGS(DV_I(c->id), DV_I(m->item_id), DV_S(m->result), DV_S(note), DV_I(m->seq),
				DV_I(now)),
			e);
		if (r < 0)
			return -1;
		if (r == 0) {
			r = db_run(t->d,
				   "INSERT INTO inspection_marks (inspection_id, item_id, result, note, seq, "
				   "updated_at) "
				   "SELECT $1, $2, $3, $4, $5, $6 WHERE NOT EXISTS (SELECT 1 FROM "
				   "inspection_marks "
				   "WHERE inspection_id = $1 AND item_id = $2)",
				   DB_ARGS(DV_I(c->id), DV_I(m->item_id), DV_S(m->result), DV_S(note),
					   DV_I(m->seq), DV_I(now)),
				   e);
			if (r < 0)
				return -1;
		}
		c->changed += r;
	}
	if (c->summary) {
		int64_t r =
			db_run(t->d, "UPDATE inspections SET summary = $2 WHERE id = $1 AND summary <> $2",
			       DB_ARGS(DV_I(c->id), DV_S(c->summary)), e);
		if (r < 0)
			return -1;
		c->changed += r;
	}
	if (c->changed > 0 && db_run(t->d, "UPDATE inspections SET updated_at = $2 WHERE id = $1",
				     DB_ARGS(DV_I(c->id), DV_I(now)), e) < 0)
		return -1;
	json_t *items = json_array();
	for (size_t i = 0; i < c->n; i++)
		json_array_append_new(
			items, json_pack("{s:I,s:s,s:I}", "item_id", (json_int_t)c->marks[i].item_id,
					 "result", c->marks[i].result, "seq", (json_int_t)c->marks[i].seq));
	tx_audit(t, "inspection.save", "inspection", c->id,
		 json_pack("{s:o,s:I}", "marks", items, "changed", (json_int_t)c->changed));
	return 0;
}

int inspection_save(db *d, const principal *a, int64_t id, const struct mark_input *marks, size_t n,
		    const char *summary, err *e)
{
	static const char *const results[] = {"conform", "nonconform", "not_applicable", NULL};
	if (a->role != ROLE_SUPERVISOR)
		return err_set(e, 403, "forbidden", NULL, "只有督导员可以填写检查记录",
			       "only a supervisor fills in an inspection");
	if (n > INSPECTION_MAX_MARKS)
		return err_set(e, 422, "invalid_value", "marks", "一次至多保存 %d 项",
			       "at most %d marks a save", INSPECTION_MAX_MARKS);
	if (summary && check_text(summary, "summary", 2000, false, e))
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (marks[i].item_id <= 0)
			return err_set(e, 422, "missing_field", "marks", "缺少检查项", "item_id is required");
		if (!one_of(marks[i].result, results))
			return err_set(
				e, 422, "invalid_value", "marks",
				"结论应为 conform（符合）、nonconform（不符合）或 not_applicable（不适用）",
				"result must be conform, nonconform or not_applicable");
		if (marks[i].note && check_text(marks[i].note, "marks", 1000, false, e))
			return -1;
		if (marks[i].seq < 0)
			return err_set(e, 422, "invalid_value", "marks", "序号不能为负",
				       "seq must not be negative");
		for (size_t j = 0; j < i; j++)
			if (marks[j].item_id == marks[i].item_id)
				return err_set(e, 422, "duplicate", "marks", "同一检查项重复",
					       "the same item twice in one save");
	}
	struct save_ctx c = {.id = id, .marks = marks, .n = n, .summary = summary};
	return svc_tx_flags(d, a, TX_IDEMPOTENT, save_work, &c, e);
}

struct sign_ctx {
	int64_t id;
};

static int sign_work(tx *t, void *ctx, err *e)
{
	struct sign_ctx *c = ctx;
	int64_t version = 0, missing = 0, bare = 0;
	bool is_signed = false;
	if (own_draft(t->d, t->a, c->id, &version, &is_signed, e))
		return -1;
	if (is_signed) {
		/* a retried sign: the record stays as it was signed */
		tx_audit(t, "inspection.sign_again", "inspection", c->id, NULL);
		return 0;
	}
	if (db_one_int(
		    t->d,
		    "SELECT COUNT(*) FROM check_items ci WHERE ci.version = $2 AND NOT EXISTS (SELECT 1 FROM "
		    "inspection_marks m WHERE m.inspection_id = $1 AND m.item_id = ci.id)",
		    DB_ARGS(DV_I(c->id), DV_I(version)), &missing, e) != DB_OK ||
	    db_one_int(t->d,
		       "SELECT COUNT(*) FROM inspection_marks WHERE inspection_id = $1 AND result = "
		       "'nonconform' "
		       "AND note = ''",
		       DB_ARGS(DV_I(c->id)), &bare, e) != DB_OK)
		return -1;
	if (missing > 0)
		return err_set(e, 409, "inspection_incomplete", "marks", "尚有 %lld 个检查项未填写",
			       "%lld items are not marked yet", (long long)missing);
	if (bare > 0)
		return err_set(e, 409, "inspection_incomplete", "marks", "%lld 个不符合项缺少说明",
			       "%lld nonconforming items have no note", (long long)bare);
	int64_t now = now_s();
	if (db_run(t->d,
		   "UPDATE inspections SET status = 'signed', signed_at = $2, updated_at = $2 WHERE id = $1 "
		   "AND "
		   "status = 'draft'",
		   DB_ARGS(DV_I(c->id), DV_I(now)), e) != 1)
		return err_isset(e) ? -1 : signed_refusal(e);
	/* a draft counts nowhere; signed, it counts once (statistics counters) */
	if (stat_count(t, STE_INSPECTION, DV_I(c->id), DV_NULL, +1, e) != 0)
		return -1;
	int64_t nonconform = 0, opened = 0;
	if (db_one_int(t->d,
		       "SELECT COUNT(*) FROM inspection_marks WHERE inspection_id = $1 AND result = "
		       "'nonconform'",
		       DB_ARGS(DV_I(c->id)), &nonconform, e) != DB_OK)
		return -1;
	/* 整改: each 不符合 opens its rectification in this transaction (svc/supervision/rectify.c) */
	if (rectify_open_for(t, c->id, &opened, e) != 0)
		return -1;
	tx_audit(t, "inspection.sign", "inspection", c->id,
		 json_pack("{s:I,s:I,s:I}", "version", (json_int_t)version, "nonconform",
			   (json_int_t)nonconform, "rectifications", (json_int_t)opened));
	return 0;
}

int inspection_sign(db *d, const principal *a, int64_t id, err *e)
{
	if (a->role != ROLE_SUPERVISOR)
		return err_set(e, 403, "forbidden", NULL, "只有督导员可以签署检查记录",
			       "only a supervisor signs an inspection");
	struct sign_ctx c = {.id = id};
	return svc_tx_flags(d, a, TX_IDEMPOTENT, sign_work, &c, e);
}
