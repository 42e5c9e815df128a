/* sites.c: 考点与考场 — the registry, the 标准化考场 assessment, designation and room bookings (sites.h;
 * docs/DOMAIN.md §57) */
#include "util/common.h"
#include "svc/platform/sites.h"
#include "core/date.h"
#include "store/query.h"
#include "svc/base/tx.h"

/* the acting account, NULL for the system (the demo builder, migrations) */
#define WHO(p) ((p)->user_id ? DV_I((p)->user_id) : DV_NULL)

#define SITE_MAX_MARKS 200

static json_t *jint_or_null(db_stmt *st, int col)
{
	return db_isnull(st, col) ? json_null() : json_integer(db_int(st, col));
}

static bool bureau(const principal *a)
{
	return a->role == ROLE_PROVINCE_ADMIN || a->role == ROLE_CITY_ADMIN;
}

/* ---- sites ---- */

struct site_ctx {
	const struct site_input *in;
	int64_t id;
};

static int site_work(tx *t, void *ctx, err *e)
{
	struct site_ctx *c = ctx;
	const struct site_input *in = c->in;
	const principal *a = t->a;
	db *d = t->d;
	int64_t inst = in->institution_id;
	if (a->role == ROLE_INSTITUTION_ADMIN) {
		/* its own site: another institution's is refused, not silently rebound */
		if (inst > 0 && inst != a->institution_id)
			return err_set(e, 403, "forbidden", "institution_id", "只能登记本机构的考点",
				       "you register your own institution's sites only");
		inst = a->institution_id;
	}
	char region[16] = "";
	if (inst) {
		db_stmt *st = db_query(d, "SELECT region_code FROM institutions WHERE id = $1",
				       DB_ARGS(DV_I(inst)), e);
		int row = st ? db_row(st, e) : -1;
		if (row == 1)
			snprintf(region, sizeof region, "%s", db_text(st, 0));
		db_done(st);
		if (row < 0)
			return -1;
		if (!row)
			return err_set(e, 404, "not_found", "institution_id", "机构不存在",
				       "no such institution");
	} else {
		if (!in->region_code || !*in->region_code)
			return err_set(e, 422, "missing_field", "region_code", "缺少所在地区",
				       "missing field 'region_code'");
		int64_t n = 0;
		if (db_one_int(d, "SELECT COUNT(*) FROM regions WHERE code = $1",
			       DB_ARGS(DV_S(in->region_code)), &n, e) != DB_OK)
			return -1;
		if (!n)
			return err_set(e, 422, "invalid_region", "region_code", "地区代码不存在",
				       "no such region");
		snprintf(region, sizeof region, "%s", in->region_code);
	}
	scope_owner o = {.found = true, .institution_id = inst};
	snprintf(o.region, sizeof o.region, "%s", region);
	int v = scope_decide(a, SE_EXAM_SITE, &o, SCOPE_WRITE);
	if (v)
		return err_set(e, 403, "forbidden", NULL, "只有省厅、所在地市或所属机构可以登记考点",
			       "only the province, the site's city or its own institution registers a site");
	int64_t now = now_s();
	db_stmt *st =
		db_query(d,
			 "INSERT INTO exam_sites (name, address, region_code, institution_id, created_by, "
			 "created_at, updated_at) VALUES ($1,$2,$3,$4,$5,$6,$6) RETURNING id",
			 DB_ARGS(DV_S(in->name), DV_S(in->address), DV_S(region), inst ? DV_I(inst) : DV_NULL,
				 WHO(a), DV_I(now)),
			 e);
	if (!st || db_row(st, e) != 1) {
		db_done(st);
		return -1;
	}
	c->id = db_int(st, 0);
	db_done(st);
	tx_audit(t, "exam_site.create", "exam_site", c->id,
		 json_pack("{s:s,s:s,s:s,s:I}", "name", in->name, "address", in->address, "region_code",
			   region, "institution_id", (json_int_t)inst));
	return 0;
}

int site_create(db *d, const principal *a, const struct site_input *in, int64_t *id, err *e)
{
	*id = 0;
	if (!bureau(a) && a->role != ROLE_INSTITUTION_ADMIN)
		return err_set(e, 403, "forbidden", NULL, "无权登记考点", "you may not register exam sites");
	if (check_text(in->name, "name", 100, true, e) != 0 ||
	    check_text(in->address, "address", 200, true, e) != 0)
		return -1;
	struct site_ctx c = {.in = in};
	if (svc_tx(d, a, site_work, &c, e) != 0)
		return -1;
	*id = c.id;
	return 0;
}

#define SITE_COLS                                                                                            \
	"es.id, es.name, es.address, es.region_code, es.institution_id, (SELECT i.name FROM institutions i " \
	"WHERE i.id = es.institution_id), (SELECT COUNT(*) FROM exam_rooms r WHERE r.site_id = es.id), "     \
	"(SELECT COALESCE(SUM(r.seats), 0) FROM exam_rooms r WHERE r.site_id = es.id), (SELECT "             \
	"COALESCE(SUM(r.computers), 0) FROM exam_rooms r WHERE r.site_id = es.id), (SELECT sa.passed FROM "  \
	"site_assessments sa WHERE sa.site_id = es.id AND sa.status = 'signed' ORDER BY sa.signed_at DESC, " \
	"sa.id DESC LIMIT 1), (SELECT COUNT(*) FROM site_designations sd WHERE sd.site_id = es.id), "        \
	"es.created_at"

static json_t *site_view(db_stmt *st)
{
	json_t *o =
		json_pack("{s:I,s:s,s:s,s:s,s:o,s:o,s:I,s:I,s:I,s:I,s:I}", "id", (json_int_t)db_int(st, 0),
			  "name", db_text(st, 1), "address", db_text(st, 2), "region_code", db_text(st, 3),
			  "institution_id", jint_or_null(st, 4), "institution_name",
			  db_isnull(st, 5) ? json_null() : json_string(db_text(st, 5)), "rooms",
			  (json_int_t)db_int(st, 6), "seats", (json_int_t)db_int(st, 7), "computers",
			  (json_int_t)db_int(st, 8), "designations", (json_int_t)db_int(st, 10), "created_at",
			  (json_int_t)db_int(st, 11));
	json_object_set_new(o, "standard_passed",
			    db_isnull(st, 9) ? json_null() : json_boolean(db_int(st, 9)));
	return o;
}

static int designated_filter(struct query *w, const char *frag, const char *v, err *e)
{
	UNUSED(e);
	q_and(w, frag, DV_S(v));
	return 0;
}

static const struct list_filter site_filters[] = {
	{"region_code", "es.region_code LIKE ?", LIST_REGION, 0, NULL},
	{"institution_id", "es.institution_id = ?", LIST_ID, 0, NULL},
	{"name", "es.name LIKE ?", LIST_CONTAINS, 0, NULL},
	{"occupation_code",
	 "EXISTS (SELECT 1 FROM site_designations sd WHERE sd.site_id = es.id AND sd.occupation_code = ?)",
	 LIST_FN, 32, designated_filter},
};
static const struct export_col site_cols[] = {
	{"name", "考点", NULL},	       {"address", "地址", NULL},
	{"region_code", "地区", NULL}, {"institution_name", "所属机构", NULL},
	{"rooms", "考场数", NULL},     {"seats", "座位", NULL},
	{"computers", "计算机", NULL},
};

const struct list_spec site_list = {
	.name = "exam_sites",
	.scoped = true,
	.entity = SE_EXAM_SITE,
	.count_sql = "SELECT COUNT(*) FROM exam_sites es",
	.select_sql = "SELECT " SITE_COLS " FROM exam_sites es",
	.order = "es.id DESC",
	LIST_FILTERS(site_filters),
	.view = site_view,
	LIST_COLS(site_cols),
};

static json_t *room_view(db_stmt *st)
{
	return json_pack("{s:I,s:I,s:s,s:I,s:I,s:I,s:s}", "id", (json_int_t)db_int(st, 0), "site_id",
			 (json_int_t)db_int(st, 1), "name", db_text(st, 2), "seats",
			 (json_int_t)db_int(st, 3), "computers", (json_int_t)db_int(st, 4), "cameras",
			 (json_int_t)db_int(st, 5), "equipment", db_text(st, 6));
}

static json_t *designation_view(db_stmt *st)
{
	return json_pack("{s:s,s:s,s:I,s:I,s:I}", "occupation_code", db_text(st, 0), "occupation_name",
			 db_text(st, 1), "level", (json_int_t)db_int(st, 2), "assessment_id",
			 (json_int_t)db_int(st, 3), "designated_at", (json_int_t)db_int(st, 4));
}

static json_t *assessment_row_view(db_stmt *st)
{
	json_t *o = json_pack("{s:I,s:I,s:s,s:I,s:I}", "id", (json_int_t)db_int(st, 0), "version",
			      (json_int_t)db_int(st, 1), "status", db_text(st, 2), "assessor_id",
			      (json_int_t)db_int(st, 4), "created_at", (json_int_t)db_int(st, 5));
	json_object_set_new(o, "passed", db_isnull(st, 3) ? json_null() : json_boolean(db_int(st, 3)));
	json_object_set_new(o, "signed_at", jint_or_null(st, 6));
	return o;
}

json_t *site_get_json(db *d, const principal *a, int64_t id, err *e)
{
	json_t *o = list_one(d, a, &site_list, "es.id = ?", DV_I(id), "考点不存在", "no such exam site", e);
	if (!o)
		return NULL;
	json_t *rooms =
		rows_json(db_query(d,
				   "SELECT id, site_id, name, seats, computers, cameras, equipment FROM "
				   "exam_rooms WHERE site_id = $1 ORDER BY name, id",
				   DB_ARGS(DV_I(id)), e),
			  room_view, e);
	json_t *des =
		rooms ? rows_json(db_query(d,
					   "SELECT sd.occupation_code, COALESCE(oc.name, ''), sd.level, "
					   "sd.assessment_id, sd.designated_at FROM site_designations sd "
					   "LEFT JOIN "
					   "occupations oc ON oc.code = sd.occupation_code WHERE sd.site_id "
					   "= $1 "
					   "ORDER BY sd.occupation_code, sd.level",
					   DB_ARGS(DV_I(id)), e),
				  designation_view, e)
		      : NULL;
	json_t *as =
		des ? rows_json(db_query(d,
					 "SELECT id, version, status, passed, assessor_id, created_at, "
					 "signed_at "
					 "FROM site_assessments WHERE site_id = $1 ORDER BY id DESC LIMIT 50",
					 DB_ARGS(DV_I(id)), e),
				assessment_row_view, e)
		    : NULL;
	if (!as) {
		json_decref(rooms);
		json_decref(des);
		json_decref(o);
		return NULL;
	}
	json_object_set_new(o, "room_list", rooms);
	json_object_set_new(o, "designation_list", des);
	json_object_set_new(o, "assessments", as);
	return o;
}

/* ---- rooms ---- */

struct room_ctx {
	int64_t site, room, id;
	const struct room_input *in;
};

static int room_work(tx *t, void *ctx, err *e)
{
	struct room_ctx *c = ctx;
	const struct room_input *in = c->in;
	if (scope_check(t->d, t->a, SE_EXAM_SITE, c->site, SCOPE_WRITE, NULL, e) != 0)
		return -1;
	int64_t taken = 0;
	if (db_one_int(t->d, "SELECT COUNT(*) FROM exam_rooms WHERE site_id = $1 AND name = $2 AND id <> $3",
		       DB_ARGS(DV_I(c->site), DV_S(in->name), DV_I(c->room)), &taken, e) != DB_OK)
		return -1;
	if (taken)
		return err_set(e, 409, "room_name_taken", "name", "该考点已有同名考场",
			       "the site already has a room of that name");
	int64_t now = now_s();
	const char *eq = in->equipment ? in->equipment : "";
	if (!c->room) {
		db_stmt *st = db_query(
			t->d,
			"INSERT INTO exam_rooms (site_id, name, seats, computers, cameras, equipment, "
			"created_at, updated_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$7) RETURNING id",
			DB_ARGS(DV_I(c->site), DV_S(in->name), DV_I(in->seats), DV_I(in->computers),
				DV_I(in->cameras), DV_S(eq), DV_I(now)),
			e);
		if (!st || db_row(st, e) != 1) {
			db_done(st);
			return -1;
		}
		c->id = db_int(st, 0);
		db_done(st);
	} else {
		int64_t n =
			db_run(t->d,
			       "UPDATE exam_rooms SET name = $3, seats = $4, computers = $5, cameras = $6, "
			       "equipment = $7, updated_at = $8 WHERE id = $1 AND site_id = $2",
			       DB_ARGS(DV_I(c->room), DV_I(c->site), DV_S(in->name), DV_I(in->seats),
				       DV_I(in->computers), DV_I(in->cameras), DV_S(eq), DV_I(now)),
			       e);
		if (n < 0)
			return -1;
		if (!n)
			return err_set(e, 404, "not_found", NULL, "考场不存在", "no such room");
		c->id = c->room;
	}
	tx_audit(t, c->room ? "exam_room.update" : "exam_room.create", "exam_room", c->id,
		 json_pack("{s:I,s:s,s:I,s:I,s:I,s:s}", "site_id", (json_int_t)c->site, "name", in->name,
			   "seats", (json_int_t)in->seats, "computers", (json_int_t)in->computers, "cameras",
			   (json_int_t)in->cameras, "equipment", eq));
	return 0;
}

int room_put(db *d, const principal *a, int64_t site_id, int64_t room_id, const struct room_input *in,
	     int64_t *id, err *e)
{
	*id = 0;
	if (check_text(in->name, "name", 50, true, e) != 0 ||
	    check_text(in->equipment, "equipment", 500, false, e) != 0)
		return -1;
	if (in->seats < 1 || in->seats > 2000)
		return err_set(e, 422, "invalid_value", "seats", "座位数应为 1 到 2000",
			       "seats is 1 to 2000");
	if (in->computers < 0 || in->computers > in->seats * 2)
		return err_set(e, 422, "invalid_value", "computers", "计算机数应为 0 到座位数的 2 倍",
			       "computers is 0 to twice the seats");
	if (in->cameras < 0 || in->cameras > 1000)
		return err_set(e, 422, "invalid_value", "cameras", "摄像头数应为 0 到 1000",
			       "cameras is 0 to 1000");
	struct room_ctx c = {.site = site_id, .room = room_id, .in = in};
	if (svc_tx(d, a, room_work, &c, e) != 0)
		return -1;
	*id = c.id;
	return 0;
}

/* the site a room is in (404 when absent or unseen) */
static int room_site(db *d, const principal *a, int64_t room, int64_t *site, err *e)
{
	*site = 0;
	if (db_one_int(d, "SELECT COALESCE(MAX(site_id), 0) FROM exam_rooms WHERE id = $1",
		       DB_ARGS(DV_I(room)), site, e) != DB_OK)
		return -1;
	if (!*site)
		return err_set(e, 404, "not_found", NULL, "考场不存在", "no such room");
	return scope_check(d, a, SE_EXAM_SITE, *site, SCOPE_READ, NULL, e);
}

/* ---- the 标准化考场 checklist and assessments ---- */

static json_t *check_item_view(db_stmt *st)
{
	return json_pack("{s:I,s:s,s:s,s:s,s:I}", "id", (json_int_t)db_int(st, 0), "code", db_text(st, 1),
			 "text", db_text(st, 2), "source", db_text(st, 3), "position",
			 (json_int_t)db_int(st, 4));
}

static int current_version(db *d, int64_t *v, err *e)
{
	return db_one_int(d, "SELECT COALESCE(MAX(version), 0) FROM site_check_versions", NULL, 0, v, e) ==
			       DB_OK
		       ? 0
		       : -1;
}

json_t *site_checklist_json(db *d, err *e)
{
	int64_t v = 0;
	if (current_version(d, &v, e) != 0)
		return NULL;
	json_t *items =
		rows_json(db_query(d,
				   "SELECT id, code, text, source, position FROM site_check_items WHERE "
				   "version = $1 ORDER BY position, id",
				   DB_ARGS(DV_I(v)), e),
			  check_item_view, e);
	if (!items)
		return NULL;
	char note[256] = "";
	db_stmt *st =
		db_query(d, "SELECT note FROM site_check_versions WHERE version = $1", DB_ARGS(DV_I(v)), e);
	if (st && db_row(st, e) == 1)
		snprintf(note, sizeof note, "%s", db_text(st, 0));
	db_done(st);
	return json_pack("{s:I,s:s,s:o}", "version", (json_int_t)v, "note", note, "items", items);
}

struct assess_ctx {
	int64_t site, aid, id;
	const struct site_mark_input *m;
	size_t n;
	bool sign;
	bool passed;
};

static int assess_work(tx *t, void *ctx, err *e)
{
	struct assess_ctx *c = ctx;
	db *d = t->d;
	int64_t version = 0, now = now_s();
	if (c->aid) {
		db_stmt *st = db_query(
			d, "SELECT site_id, version, status, assessor_id FROM site_assessments WHERE id = $1",
			DB_ARGS(DV_I(c->aid)), e);
		int row = st ? db_row(st, e) : -1;
		bool draft = false;
		int64_t who = 0;
		if (row == 1) {
			c->site = db_int(st, 0);
			version = db_int(st, 1);
			draft = !strcmp(db_text(st, 2), "draft");
			who = db_int(st, 3);
		}
		db_done(st);
		if (row < 0)
			return -1;
		if (!row || scope_check(d, t->a, SE_EXAM_SITE, c->site, SCOPE_READ, NULL, e) != 0 ||
		    who != t->a->user_id)
			return err_isset(e) ? -1
					    : err_set(e, 404, "not_found", NULL, "评估不存在",
						      "no such assessment");
		if (!draft)
			return err_set(e, 409, "assessment_signed", NULL, "该评估已签署，不可更改",
				       "the assessment is signed and cannot change");
		c->id = c->aid;
	} else {
		if (scope_check(d, t->a, SE_EXAM_SITE, c->site, SCOPE_READ, NULL, e) != 0 ||
		    current_version(d, &version, e) != 0)
			return -1;
	}
	/* the bureau of the site's region */
	scope_owner o;
	if (scope_load(d, t->a, SE_EXAM_SITE, c->site, &o, e) != 0)
		return -1;
	if (!(t->a->role == ROLE_PROVINCE_ADMIN ||
	      (t->a->role == ROLE_CITY_ADMIN && region_covers(t->a->region, o.region))))
		return err_set(e, 403, "forbidden", NULL, "标准化考场评估由省厅或考点所在地市进行",
			       "the province or the site's city assesses a site");
	if (!c->id) {
		db_stmt *st = db_query(d,
				       "INSERT INTO site_assessments (site_id, version, status, assessor_id, "
				       "created_at) VALUES ($1,$2,'draft',$3,$4) RETURNING id",
				       DB_ARGS(DV_I(c->site), DV_I(version), WHO(t->a), DV_I(now)), e);
		if (!st || db_row(st, e) != 1) {
			db_done(st);
			return -1;
		}
		c->id = db_int(st, 0);
		db_done(st);
	}
	for (size_t i = 0; i < c->n; i++) {
		const struct site_mark_input *m = &c->m[i];
		int64_t ok = 0;
		if (db_one_int(d, "SELECT COUNT(*) FROM site_check_items WHERE id = $1 AND version = $2",
			       DB_ARGS(DV_I(m->item_id), DV_I(version)), &ok, e) != DB_OK)
			return -1;
		if (!ok)
			return err_set(e, 422, "unknown_item", "marks", "检查项 %lld 不属于该版本清单",
				       "check item %lld is not in the checklist's version",
				       (long long)m->item_id);
		if (db_run(d, "DELETE FROM site_assessment_marks WHERE assessment_id = $1 AND item_id = $2",
			   DB_ARGS(DV_I(c->id), DV_I(m->item_id)), e) < 0 ||
		    db_run(d,
			   "INSERT INTO site_assessment_marks (assessment_id, item_id, result, note) VALUES "
			   "($1,$2,$3,$4)",
			   DB_ARGS(DV_I(c->id), DV_I(m->item_id), DV_S(m->result),
				   DV_S(m->note ? m->note : "")),
			   e) < 0)
			return -1;
	}
	if (!c->sign) {
		tx_audit(t, "site_assessment.save", "site_assessment", c->id,
			 json_pack("{s:I,s:I}", "site_id", (json_int_t)c->site, "marks", (json_int_t)c->n));
		return 0;
	}
	int64_t items = 0, marked = 0, bad = 0, unnoted = 0;
	if (db_one_int(d, "SELECT COUNT(*) FROM site_check_items WHERE version = $1", DB_ARGS(DV_I(version)),
		       &items, e) != DB_OK ||
	    db_one_int(d, "SELECT COUNT(*) FROM site_assessment_marks WHERE assessment_id = $1",
		       DB_ARGS(DV_I(c->id)), &marked, e) != DB_OK ||
	    db_one_int(d,
		       "SELECT COUNT(*) FROM site_assessment_marks WHERE assessment_id = $1 AND result = "
		       "'nonconform'",
		       DB_ARGS(DV_I(c->id)), &bad, e) != DB_OK ||
	    db_one_int(d,
		       "SELECT COUNT(*) FROM site_assessment_marks WHERE assessment_id = $1 AND result = "
		       "'nonconform' AND note = ''",
		       DB_ARGS(DV_I(c->id)), &unnoted, e) != DB_OK)
		return -1;
	if (marked < items)
		return err_set(e, 422, "items_unmarked", "marks", "还有 %lld 项未检查，不能签署",
			       "%lld items are not marked yet: cannot sign", (long long)(items - marked));
	if (unnoted)
		return err_set(e, 422, "note_required", "marks", "不符合项须填写说明",
			       "every nonconform item needs a note");
	c->passed = site_check_passed(items, marked, bad);
	if (db_run(d,
		   "UPDATE site_assessments SET status = 'signed', passed = $2, signed_at = $3 WHERE id = $1",
		   DB_ARGS(DV_I(c->id), DV_I(c->passed ? 1 : 0), DV_I(now)), e) < 0)
		return -1;
	tx_audit(t, "site_assessment.sign", "site_assessment", c->id,
		 json_pack("{s:I,s:b,s:I,s:I}", "site_id", (json_int_t)c->site, "passed", c->passed, "items",
			   (json_int_t)items, "nonconform", (json_int_t)bad));
	return 0;
}

int site_assess(db *d, const principal *a, int64_t site_id, int64_t assessment_id,
		const struct site_mark_input *m, size_t n, bool sign, int64_t *id, err *e)
{
	*id = 0;
	if (!bureau(a))
		return err_set(e, 403, "forbidden", NULL, "标准化考场评估由省厅或考点所在地市进行",
			       "the province or the site's city assesses a site");
	if (n > SITE_MAX_MARKS)
		return err_set(e, 422, "too_many", "marks", "检查项过多", "too many marks");
	for (size_t i = 0; i < n; i++) {
		const char *r = m[i].result;
		if (m[i].item_id <= 0 || !r ||
		    (strcmp(r, "conform") && strcmp(r, "nonconform") && strcmp(r, "not_applicable")))
			return err_set(
				e, 422, "invalid_value", "marks",
				"检查结果应为 {item_id, result: conform | nonconform | not_applicable, note}",
				"marks are {item_id, result: conform | nonconform | not_applicable, note}");
		if (check_text(m[i].note, "marks", 500, false, e) != 0)
			return -1;
	}
	struct assess_ctx c = {.site = site_id, .aid = assessment_id, .m = m, .n = n, .sign = sign};
	if (svc_tx(d, a, assess_work, &c, e) != 0)
		return -1;
	*id = c.id;
	return 0;
}

static json_t *mark_view(db_stmt *st)
{
	return json_pack("{s:I,s:s,s:s,s:s,s:s}", "item_id", (json_int_t)db_int(st, 0), "code",
			 db_text(st, 1), "text", db_text(st, 2), "result", db_text(st, 3), "note",
			 db_text(st, 4));
}

json_t *site_assessment_json(db *d, const principal *a, int64_t id, err *e)
{
	int64_t site = 0;
	if (db_one_int(d, "SELECT COALESCE(MAX(site_id), 0) FROM site_assessments WHERE id = $1",
		       DB_ARGS(DV_I(id)), &site, e) != DB_OK)
		return NULL;
	if (!site)
		return err_set(e, 404, "not_found", NULL, "评估不存在", "no such assessment"), NULL;
	if (scope_check(d, a, SE_EXAM_SITE, site, SCOPE_READ, NULL, e) != 0)
		return NULL;
	json_t *o = row_json(
		db_query(d,
			 "SELECT id, version, status, passed, assessor_id, created_at, signed_at FROM "
			 "site_assessments WHERE id = $1",
			 DB_ARGS(DV_I(id)), e),
		assessment_row_view, e);
	if (!o)
		return NULL;
	json_t *marks = rows_json(
		db_query(d,
			 "SELECT m.item_id, ci.code, ci.text, m.result, m.note FROM "
			 "site_assessment_marks m JOIN site_check_items ci ON ci.id = m.item_id WHERE "
			 "m.assessment_id = $1 ORDER BY ci.position, ci.id",
			 DB_ARGS(DV_I(id)), e),
		mark_view, e);
	if (!marks) {
		json_decref(o);
		return NULL;
	}
	json_object_set_new(o, "site_id", json_integer(site));
	json_object_set_new(o, "marks", marks);
	return o;
}

/* ---- designation ---- */

struct designate_ctx {
	int64_t site, level;
	const char *occ;
};

static int designate_work(tx *t, void *ctx, err *e)
{
	struct designate_ctx *c = ctx;
	db *d = t->d;
	if (scope_check(d, t->a, SE_EXAM_SITE, c->site, SCOPE_READ, NULL, e) != 0)
		return -1;
	int64_t n = 0;
	if (db_one_int(d, "SELECT COUNT(*) FROM occupations WHERE code = $1", DB_ARGS(DV_S(c->occ)), &n, e) !=
	    DB_OK)
		return -1;
	if (!n)
		return err_set(e, 422, "unknown_occupation", "occupation_code", "职业 %s 不存在",
			       "no occupation %s", c->occ);
	int64_t aid = 0, passed = 0;
	db_stmt *st =
		db_query(d,
			 "SELECT id, passed FROM site_assessments WHERE site_id = $1 AND status = 'signed' "
			 "ORDER BY signed_at DESC, id DESC LIMIT 1",
			 DB_ARGS(DV_I(c->site)), e);
	int row = st ? db_row(st, e) : -1;
	if (row == 1) {
		aid = db_int(st, 0);
		passed = db_int(st, 1);
	}
	db_done(st);
	if (row < 0)
		return -1;
	if (!aid || !passed)
		return err_set(e, 409, "site_not_assessed", NULL,
			       "考点最近一次标准化考场评估未通过或尚未评估，不能认定为考试点",
			       "the site's latest 标准化考场 assessment did not pass (or there is none)");
	int64_t now = now_s();
	if (db_run(d,
		   "DELETE FROM site_designations WHERE site_id = $1 AND occupation_code = $2 AND level = $3",
		   DB_ARGS(DV_I(c->site), DV_S(c->occ), DV_I(c->level)), e) < 0 ||
	    db_run(d,
		   "INSERT INTO site_designations (site_id, occupation_code, level, assessment_id, "
		   "designated_by, "
		   "designated_at) VALUES ($1,$2,$3,$4,$5,$6)",
		   DB_ARGS(DV_I(c->site), DV_S(c->occ), DV_I(c->level), DV_I(aid), WHO(t->a), DV_I(now)),
		   e) < 0)
		return -1;
	tx_audit(t, "exam_site.designate", "exam_site", c->site,
		 json_pack("{s:s,s:I,s:I}", "occupation_code", c->occ, "level", (json_int_t)c->level,
			   "assessment_id", (json_int_t)aid));
	return 0;
}

int site_designate(db *d, const principal *a, int64_t site_id, const char *occupation_code, int64_t level,
		   err *e)
{
	if (a->role != ROLE_PROVINCE_ADMIN)
		return err_set(e, 403, "forbidden", NULL, "考试点由省厅认定",
			       "the province designates exam sites");
	if (!occupation_code || !*occupation_code || strlen(occupation_code) > 32)
		return err_set(e, 422, "missing_field", "occupation_code", "缺少职业代码",
			       "missing field 'occupation_code'");
	if (level < 0 || level > 5)
		return err_set(e, 422, "invalid_value", "level", "等级应为 0 到 5", "level is 0 to 5");
	struct designate_ctx c = {.site = site_id, .level = level, .occ = occupation_code};
	return svc_tx(d, a, designate_work, &c, e);
}

/* ---- bookings ---- */

struct book_ctx {
	int64_t room, id;
	const struct booking_input *in;
};

static int book_work(tx *t, void *ctx, err *e)
{
	struct book_ctx *c = ctx;
	const struct booking_input *in = c->in;
	db *d = t->d;
	int64_t site = 0;
	if (room_site(d, t->a, c->room, &site, e) != 0)
		return -1;
	/* the plan: the principal books for it (SE_PLAN write) */
	if (scope_check(d, t->a, SE_PLAN, in->plan_id, SCOPE_WRITE, "plan_id", e) != 0)
		return -1;
	int64_t inst = 0, level = 0;
	char occ[32] = "";
	db_stmt *st = db_query(d, "SELECT institution_id, occupation_code, level FROM plans WHERE id = $1",
			       DB_ARGS(DV_I(in->plan_id)), e);
	int row = st ? db_row(st, e) : -1;
	if (row == 1) {
		inst = db_int(st, 0);
		snprintf(occ, sizeof occ, "%s", db_text(st, 1));
		level = db_int(st, 2);
	}
	db_done(st);
	if (row != 1)
		return row < 0 ? -1
			       : err_set(e, 404, "not_found", "plan_id", "认定计划不存在", "no such plan");
	/* a lock on the room first: two bookings of one room are decided one after the other */
	if (db_run(d, "UPDATE exam_rooms SET updated_at = updated_at WHERE id = $1", DB_ARGS(DV_I(c->room)),
		   e) < 0)
		return -1;
	int part = room_part_parse(in->part);
	int64_t start = in->starts_at, end = in->starts_at + in->minutes * 60, attempts = 0;
	if (part == RP_THEORY) {
		st = db_query(d,
			      "SELECT starts_at, minutes, (SELECT COUNT(*) FROM attempts a WHERE "
			      "a.sitting_id = s.id) "
			      "FROM sittings s WHERE s.id = $1 AND s.plan_id = $2",
			      DB_ARGS(DV_I(in->sitting_id), DV_I(in->plan_id)), e);
		row = st ? db_row(st, e) : -1;
		if (row == 1) {
			start = db_int(st, 0);
			end = start + db_int(st, 1) * 60;
			attempts = db_int(st, 2);
		}
		db_done(st);
		if (row != 1)
			return row < 0 ? -1
				       : err_set(e, 404, "not_found", "sitting_id",
						 "该计划下没有这个考试场次", "no such sitting of the plan");
		if (in->candidates < attempts)
			return err_set(e, 422, "invalid_value", "candidates",
				       "考生数不能少于场次已编排的 %lld 人",
				       "candidates cannot be fewer than the sitting's %lld attempts",
				       (long long)attempts);
	}
	int64_t designated = 0;
	if (db_one_int(d,
		       "SELECT COUNT(*) FROM site_designations WHERE site_id = $1 AND occupation_code = $2 "
		       "AND level = "
		       "$3",
		       DB_ARGS(DV_I(site), DV_S(occ), DV_I(level)), &designated, e) != DB_OK)
		return -1;
	if (!designated)
		return err_set(e, 409, "site_not_designated", "room_id",
			       "该考点未被认定为此职业（工种）和等级的考试点",
			       "the site is not designated for the plan's occupation and level");
	int64_t seats = 0, pcs = 0;
	st = db_query(d, "SELECT seats, computers FROM exam_rooms WHERE id = $1", DB_ARGS(DV_I(c->room)), e);
	row = st ? db_row(st, e) : -1;
	if (row == 1) {
		seats = db_int(st, 0);
		pcs = db_int(st, 1);
	}
	db_done(st);
	if (row != 1)
		return -1;
	const char *p = room_problem((enum room_part)part, in->candidates, seats, pcs);
	if (p && !strcmp(p, "room_too_small"))
		return err_set(e, 422, p, "candidates", "考场只有 %lld 个座位",
			       "the room has only %lld seats", (long long)seats);
	if (p)
		return err_set(e, 422, p, "room_id",
			       "理论考试为机考，考场须每名考生一台计算机（现有 %lld 台）",
			       "the theory exam is taken on computers: one per candidate (the room has %lld)",
			       (long long)pcs);
	if (part == RP_THEORY) {
		int64_t booked = 0;
		if (db_one_int(d, "SELECT COUNT(*) FROM room_bookings WHERE sitting_id = $1",
			       DB_ARGS(DV_I(in->sitting_id)), &booked, e) != DB_OK)
			return -1;
		if (booked)
			return err_set(e, 409, "sitting_booked", "sitting_id", "该场次已预订考场",
				       "the sitting already has a room");
	}
	/* no overlapping booking of the room, by any institution */
	st = db_query(d,
		      "SELECT b.id, b.starts_at, b.ends_at FROM room_bookings b WHERE b.room_id = $1 AND "
		      "b.starts_at < "
		      "$3 AND $2 < b.ends_at ORDER BY b.starts_at LIMIT 1",
		      DB_ARGS(DV_I(c->room), DV_I(start), DV_I(end)), e);
	row = st ? db_row(st, e) : -1;
	int64_t other = 0, o0 = 0, o1 = 0;
	if (row == 1) {
		other = db_int(st, 0);
		o0 = db_int(st, 1);
		o1 = db_int(st, 2);
	}
	db_done(st);
	if (row < 0)
		return -1;
	if (other && spans_overlap(start, end, o0, o1))
		return err_set(e, 409, "room_double_booked", "room_id", "该考场在此时段已被预订（预订 %lld）",
			       "the room is already booked for an overlapping time (booking %lld)",
			       (long long)other);
	st = db_query(
		d,
		"INSERT INTO room_bookings (room_id, plan_id, institution_id, sitting_id, part, starts_at, "
		"ends_at, candidates, created_by, created_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10) "
		"RETURNING "
		"id",
		DB_ARGS(DV_I(c->room), DV_I(in->plan_id), DV_I(inst),
			part == RP_THEORY ? DV_I(in->sitting_id) : DV_NULL, DV_S(in->part), DV_I(start),
			DV_I(end), DV_I(in->candidates), WHO(t->a), DV_I(now_s())),
		e);
	if (!st || db_row(st, e) != 1) {
		db_done(st);
		return -1;
	}
	c->id = db_int(st, 0);
	db_done(st);
	tx_audit(t, "room_booking.create", "room_booking", c->id,
		 json_pack("{s:I,s:I,s:s,s:I,s:I,s:I}", "room_id", (json_int_t)c->room, "plan_id",
			   (json_int_t)in->plan_id, "part", in->part, "starts_at", (json_int_t)start,
			   "ends_at", (json_int_t)end, "candidates", (json_int_t)in->candidates));
	return 0;
}

int room_book(db *d, const principal *a, int64_t room_id, const struct booking_input *in, int64_t *id, err *e)
{
	*id = 0;
	if (a->role != ROLE_PROVINCE_ADMIN && a->role != ROLE_INSTITUTION_ADMIN &&
	    a->role != ROLE_INSTITUTION_STAFF)
		return err_set(e, 403, "forbidden", NULL, "考场由计划所属机构预订",
			       "the plan's institution books rooms");
	if (in->plan_id <= 0)
		return err_set(e, 422, "missing_field", "plan_id", "缺少认定计划", "missing field 'plan_id'");
	int part = room_part_parse(in->part);
	if (part < 0)
		return err_set(e, 422, "invalid_value", "part", "科目应为 theory、practical 或 review",
			       "part is theory, practical or review");
	if (part == RP_THEORY && in->sitting_id <= 0)
		return err_set(e, 422, "missing_field", "sitting_id", "理论考试须指定考试场次",
			       "the theory exam names its sitting");
	if (part != RP_THEORY && (in->starts_at <= 0 || in->minutes < 1 || in->minutes > 1440))
		return err_set(e, 422, "invalid_value", "starts_at",
			       "操作技能、综合评审须给出开始时间与时长（1 到 1440 分钟）",
			       "practical and review bookings give starts_at and minutes (1 to 1440)");
	if (in->candidates < 1 || in->candidates > 2000)
		return err_set(e, 422, "invalid_value", "candidates", "考生数应为 1 到 2000",
			       "candidates is 1 to 2000");
	struct book_ctx c = {.room = room_id, .in = in};
	if (svc_tx(d, a, book_work, &c, e) != 0)
		return -1;
	*id = c.id;
	return 0;
}

static json_t *booking_view(db_stmt *st)
{
	json_t *o = json_pack("{s:I,s:I,s:I,s:I,s:s,s:s,s:I,s:I,s:I}", "id", (json_int_t)db_int(st, 0),
			      "room_id", (json_int_t)db_int(st, 1), "plan_id", (json_int_t)db_int(st, 2),
			      "institution_id", (json_int_t)db_int(st, 3), "institution_name", db_text(st, 4),
			      "part", db_text(st, 5), "starts_at", (json_int_t)db_int(st, 6), "ends_at",
			      (json_int_t)db_int(st, 7), "candidates", (json_int_t)db_int(st, 8));
	json_object_set_new(o, "sitting_id", jint_or_null(st, 9));
	return o;
}

json_t *room_bookings_json(db *d, const principal *a, int64_t room_id, err *e)
{
	int64_t site = 0;
	if (room_site(d, a, room_id, &site, e) != 0)
		return NULL;
	json_t *items =
		rows_json(db_query(d,
				   "SELECT b.id, b.room_id, b.plan_id, b.institution_id, i.name, b.part, "
				   "b.starts_at, b.ends_at, b.candidates, b.sitting_id FROM room_bookings b "
				   "JOIN institutions i ON i.id = b.institution_id WHERE b.room_id = $1 AND "
				   "b.ends_at > $2 ORDER BY b.starts_at, b.id LIMIT 500",
				   DB_ARGS(DV_I(room_id), DV_I(now_s() - 86400)), e),
			  booking_view, e);
	return items ? json_pack("{s:o}", "items", items) : NULL;
}

struct cancel_ctx {
	int64_t id;
};

static int cancel_work(tx *t, void *ctx, err *e)
{
	struct cancel_ctx *c = ctx;
	int64_t plan = 0, room = 0;
	db_stmt *st = db_query(t->d, "SELECT plan_id, room_id FROM room_bookings WHERE id = $1",
			       DB_ARGS(DV_I(c->id)), e);
	int row = st ? db_row(st, e) : -1;
	if (row == 1) {
		plan = db_int(st, 0);
		room = db_int(st, 1);
	}
	db_done(st);
	if (row != 1)
		return row < 0 ? -1 : err_set(e, 404, "not_found", NULL, "预订不存在", "no such booking");
	if (scope_check(t->d, t->a, SE_PLAN, plan, SCOPE_WRITE, NULL, e) != 0)
		return -1;
	if (db_run(t->d, "DELETE FROM room_bookings WHERE id = $1", DB_ARGS(DV_I(c->id)), e) < 0)
		return -1;
	tx_audit(t, "room_booking.cancel", "room_booking", c->id,
		 json_pack("{s:I,s:I}", "room_id", (json_int_t)room, "plan_id", (json_int_t)plan));
	return 0;
}

int room_booking_cancel(db *d, const principal *a, int64_t booking_id, err *e)
{
	if (a->role != ROLE_PROVINCE_ADMIN && a->role != ROLE_INSTITUTION_ADMIN &&
	    a->role != ROLE_INSTITUTION_STAFF)
		return err_set(e, 403, "forbidden", NULL, "考场预订由计划所属机构取消",
			       "the plan's institution cancels its bookings");
	struct cancel_ctx c = {.id = booking_id};
	return svc_tx(d, a, cancel_work, &c, e);
}
