/* elearn.c: 线上学习培训 — courses, resources in the blob store, viewing sessions, heartbeats and 学时
 * (elearn.h; docs/DOMAIN.md §55) */
#include "util/common.h"
#include "svc/cultivation/elearn.h"
#include "core/elearn.h"
#include "core/media.h"
#include "crypto/token.h"
#include "svc/base/tx.h"
#include "svc/base/scope.h"
#include "store/query.h"
#include <stdlib.h>

static int not_found(err *e)
{
	return err_set(e, 404, "not_found", NULL, "未找到该课程或资源", "no such course or resource");
}

/* the course's owner facts */
struct course {
	int64_t id, inst, class_id, hour_minutes, max_hours;
	char region[16], status[12];
};

static int course_load(db *d, int64_t id, struct course *c, err *e)
{
	memset(c, 0, sizeof *c);
	db_stmt *st = db_query(d,
			       "SELECT region_code, COALESCE(institution_id, 0), COALESCE(class_id, 0), "
			       "hour_minutes, max_hours, status FROM elearn_courses WHERE id = $1",
			       DB_ARGS(DV_I(id)), e);
	int row = st ? db_row(st, e) : -1;
	if (row == 1) {
		c->id = id;
		snprintf(c->region, sizeof c->region, "%s", db_text(st, 0));
		c->inst = db_int(st, 1);
		c->class_id = db_int(st, 2);
		c->hour_minutes = db_int(st, 3);
		c->max_hours = db_int(st, 4);
		snprintf(c->status, sizeof c->status, "%s", db_text(st, 5));
	}
	db_done(st);
	if (row < 0)
		return -1;
	return row == 1 ? 0 : not_found(e);
}

/* the course's owner facts for the scope table (core/scope.c SE_ELEARN_COURSE): its region, its provider, and
 * whether it is published (every signed-in user's to read) */
static scope_owner course_owner(const struct course *c)
{
	scope_owner o = {
		.found = true, .institution_id = c->inst, .public_row = !strcmp(c->status, "published")};
	snprintf(o.region, sizeof o.region, "%s", c->region);
	return o;
}

/* may a write the course: the province, the city of its region, its provider institution */
static bool writes(const principal *a, const struct course *c)
{
	scope_owner o = course_owner(c);
	return scope_decide(a, SE_ELEARN_COURSE, &o, SCOPE_WRITE) == 0;
}

/* may a read it: its writers, and every signed-in user once it is published */
static bool reads(const principal *a, const struct course *c)
{
	scope_owner o = course_owner(c);
	return scope_decide(a, SE_ELEARN_COURSE, &o, SCOPE_READ) == 0;
}

/* may a write the learning session of person `person` (the scope table: the learner's own only) */
static bool session_mine(const principal *a, int64_t person)
{
	scope_owner o = {.found = true, .person_id = person};
	return scope_decide(a, SE_ELEARN_SESSION, &o, SCOPE_WRITE) == 0;
}

/* is a the learner themself (a person's own account): a would-be row of theirs in the learner's entity */
static bool learner_self(const principal *a)
{
	scope_owner o = {.found = true, .person_id = a->person_id};
	return a->person_id > 0 && scope_decide(a, SE_ELEARN_SESSION, &o, SCOPE_WRITE) == 0;
}

/* is the declared Content-Type the content's own type (parameters aside)? */
static bool declared_as(const char *ctype, const char *media)
{
	char want[64], got[64];
	return media_normalise(ctype, got, sizeof got) && media_normalise(media, want, sizeof want) &&
	       !strcmp(got, want);
}

static bool token_ok(const char *s)
{
	size_t n = s ? strlen(s) : 0;
	if (n < 8 || n > 64)
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
		      *s == '_' || *s == '-'))
			return false;
	return true;
}

#define COURSE_COLS                                                                                          \
	"ec.id, ec.title, ec.summary, ec.occupation_code, ec.level, ec.region_code, ec.institution_id, "     \
	"COALESCE(i.name, ''), ec.class_id, ec.hour_minutes, ec.max_hours, ec.status, ec.created_at, "       \
	"ec.updated_at, (SELECT COUNT(*) FROM elearn_resources r WHERE r.course_id = ec.id), (SELECT "       \
	"COUNT(*) FROM elearn_enrolments n WHERE n.course_id = ec.id) "
#define COURSE_FROM " FROM elearn_courses ec LEFT JOIN institutions i ON i.id = ec.institution_id "

static json_t *nint(db_stmt *st, int col)
{
	return db_isnull(st, col) ? json_null() : json_integer(db_int(st, col));
}

static json_t *course_view(db_stmt *st)
{
	return json_pack("{s:I,s:s,s:s,s:o,s:o,s:s,s:o,s:s,s:o,s:I,s:I,s:s,s:I,s:I,s:I,s:I}", "id",
			 (json_int_t)db_int(st, 0), "title", db_text(st, 1), "summary", db_text(st, 2),
			 "occupation_code", db_isnull(st, 3) ? json_null() : json_string(db_text(st, 3)),
			 "level", nint(st, 4), "region_code", db_text(st, 5), "institution_id", nint(st, 6),
			 "institution_name", db_text(st, 7), "class_id", nint(st, 8), "hour_minutes",
			 (json_int_t)db_int(st, 9), "max_hours", (json_int_t)db_int(st, 10), "status",
			 db_text(st, 11), "created_at", (json_int_t)db_int(st, 12), "updated_at",
			 (json_int_t)db_int(st, 13), "resources", (json_int_t)db_int(st, 14), "learners",
			 (json_int_t)db_int(st, 15));
}

static json_t *course_row(db *d, int64_t id, err *e)
{
	db_stmt *st = db_query(d, "SELECT " COURSE_COLS COURSE_FROM "WHERE ec.id = $1", DB_ARGS(DV_I(id)), e);
	json_t *o = st ? row_json(st, course_view, e) : NULL;
	if (!o && !err_isset(e))
		not_found(e);
	return o;
}

/* ---- courses ---- */

struct course_ctx {
	const struct elearn_course_input *in;
	struct course c;
	char region[16];
	int64_t inst;
};

static int course_check(db *d, const struct elearn_course_input *in, int64_t inst, bool create, err *e)
{
	if (check_text(in->title, "title", 100, create, e) != 0 ||
	    check_text(in->summary, "summary", 2000, false, e) != 0)
		return -1;
	if (create && (in->hour_minutes < 1 || in->hour_minutes > 120))
		return err_set(e, 422, "invalid_value", "hour_minutes", "每学时的分钟数应为 1 至 120",
			       "hour_minutes is 1 to 120");
	if ((create || in->max_hours) && (in->max_hours < 1 || in->max_hours > 1000))
		return err_set(e, 422, "invalid_value", "max_hours", "课程学时应为 1 至 1000",
			       "max_hours is 1 to 1000");
	if (in->occupation_code && *in->occupation_code) {
		int64_t n = 0;
		if (db_one_int(d, "SELECT COUNT(*) FROM occupations WHERE code = $1",
			       DB_ARGS(DV_S(in->occupation_code)), &n, e) != DB_OK)
			return -1;
		if (!n)
			return err_set(e, 422, "invalid_value", "occupation_code", "职业编码不存在",
				       "no such occupation");
		if (in->level < 1 || in->level > 5)
			return err_set(e, 422, "invalid_value", "level", "等级应为 1 至 5",
				       "level is 1 to 5");
	}
	if (in->class_id) {
		int64_t ci = 0;
		int rc = db_one_int(d, "SELECT institution_id FROM training_classes WHERE id = $1",
				    DB_ARGS(DV_I(in->class_id)), &ci, e);
		if (rc != DB_OK && rc != DB_NOT_FOUND)
			return -1;
		if (rc == DB_NOT_FOUND || !inst || ci != inst)
			return err_set(e, 422, "invalid_class", "class_id",
				       "学时计入的培训班应为本课程提供机构的培训班",
				       "the class must be one of the course's provider institution");
	}
	return 0;
}

static int course_create_work(tx *t, void *ctx, err *e)
{
	struct course_ctx *c = ctx;
	const struct elearn_course_input *in = c->in;
	int64_t now = now_s(), id = 0;
	bool occ = in->occupation_code && *in->occupation_code;
	db_stmt *st =
		db_query(t->d,
			 "INSERT INTO elearn_courses (title, summary, occupation_code, level, region_code, "
			 "institution_id, class_id, hour_minutes, max_hours, status, created_by, created_at, "
			 "updated_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,'draft',$10,$11,$11) RETURNING id",
			 DB_ARGS(DV_S(in->title), DV_S(in->summary ? in->summary : ""),
				 occ ? DV_S(in->occupation_code) : DV_NULL, occ ? DV_I(in->level) : DV_NULL,
				 DV_S(c->region), c->inst ? DV_I(c->inst) : DV_NULL,
				 in->class_id ? DV_I(in->class_id) : DV_NULL, DV_I(in->hour_minutes),
				 DV_I(in->max_hours), DV_I(t->a->user_id), DV_I(now)),
			 e);
	if (!st)
		return -1;
	if (db_row(st, e) == 1)
		id = db_int(st, 0);
	db_done(st);
	if (!id)
		return -1;
	c->c.id = id;
	tx_audit(t, "elearn.course.create", "elearn_course", id,
		 json_pack("{s:s,s:s,s:I,s:I,s:I}", "title", in->title, "region_code", c->region, "class_id",
			   (json_int_t)in->class_id, "hour_minutes", (json_int_t)in->hour_minutes,
			   "max_hours", (json_int_t)in->max_hours));
	return 0;
}

json_t *elearn_course_create(db *d, const principal *a, const struct elearn_course_input *in, err *e)
{
	struct course_ctx c = {.in = in};
	/* the would-be course's owner facts, decided by the scope table: the province places it anywhere, a
	 * city in its region, an institution as its own provider (in the institution's region) */
	if (scope_reach_of(a, SE_ELEARN_COURSE, SCOPE_WRITE) == REACH_NONE)
		return err_set(e, 403, "forbidden", NULL, "无权开设课程", "may not open courses"), NULL;
	bool inst_role = scope_reach_of(a, SE_ELEARN_COURSE, SCOPE_WRITE) == REACH_INSTITUTION;
	c.inst = inst_role ? a->institution_id : in->institution_id;
	if (in->region_code && *in->region_code)
		snprintf(c.region, sizeof c.region, "%s", in->region_code);
	else if (a->region[0] && scope_reach_of(a, SE_ELEARN_COURSE, SCOPE_WRITE) != REACH_ALL)
		snprintf(c.region, sizeof c.region, "%.4s00", a->region); /* a city's own */
	else
		snprintf(c.region, sizeof c.region, "370000");
	if (c.inst) {
		db_stmt *st = db_query(d, "SELECT region_code FROM institutions WHERE id = $1",
				       DB_ARGS(DV_I(c.inst)), e);
		int row = st ? db_row(st, e) : -1;
		if (row == 1 && inst_role)
			snprintf(c.region, sizeof c.region, "%s", db_text(st, 0));
		else if (row == 1 && scope_region_outside(a, SE_ELEARN_COURSE, db_text(st, 0)))
			row = 0; /* a city's provider is one of its region */
		db_done(st);
		if (row < 0)
			return NULL;
		if (row == 0)
			return err_set(e, 422, "invalid_value", "institution_id",
				       "提供机构不存在或不在本地区", "no such institution in reach"),
			       NULL;
	}
	struct course would = {.inst = c.inst};
	snprintf(would.region, sizeof would.region, "%s", c.region);
	if (!writes(a, &would))
		return err_set(e, 403, "forbidden", "region_code", "只能为本地区或本机构开设课程",
			       "courses are opened in one's own region or institution only"),
		       NULL;
	int64_t n = 0;
	if (db_one_int(d, "SELECT COUNT(*) FROM regions WHERE code = $1", DB_ARGS(DV_S(c.region)), &n, e) !=
	    DB_OK)
		return NULL;
	if (!n)
		return err_set(e, 422, "invalid_value", "region_code", "地区编码不存在", "no such region"),
		       NULL;
	if (course_check(d, in, c.inst, true, e) != 0)
		return NULL;
	if (svc_tx(d, a, course_create_work, &c, e) != 0)
		return NULL;
	return course_row(d, c.c.id, e);
}

static int course_update_work(tx *t, void *ctx, err *e)
{
	struct course_ctx *c = ctx;
	const struct elearn_course_input *in = c->in;
	if (in->status && !strcmp(in->status, "published") && strcmp(c->c.status, "published")) {
		int64_t n = 0;
		if (db_one_int(t->d, "SELECT COUNT(*) FROM elearn_resources WHERE course_id = $1",
			       DB_ARGS(DV_I(c->c.id)), &n, e) != DB_OK)
			return -1;
		if (!n)
			return err_set(e, 409, "no_resources", "status", "课程尚无学习资源，不能发布",
				       "a course without resources cannot be published");
	}
	if (db_run(t->d,
		   "UPDATE elearn_courses SET title = COALESCE($2, title), summary = COALESCE($3, summary), "
		   "status = COALESCE($4, status), max_hours = CASE WHEN $5 > 0 THEN $5 ELSE max_hours END, "
		   "updated_at = $6 WHERE id = $1",
		   DB_ARGS(DV_I(c->c.id), DV_SN(in->title), DV_SN(in->summary), DV_SN(in->status),
			   DV_I(in->max_hours), DV_I(now_s())),
		   e) < 0)
		return -1;
	tx_audit(t, "elearn.course.update", "elearn_course", c->c.id,
		 json_pack("{s:s?,s:s?,s:s,s:I}", "title", in->title, "status", in->status, "from",
			   c->c.status, "max_hours", (json_int_t)in->max_hours));
	return 0;
}

json_t *elearn_course_update(db *d, const principal *a, int64_t id, const struct elearn_course_input *in,
			     err *e)
{
	struct course_ctx c = {.in = in};
	if (course_load(d, id, &c.c, e) != 0)
		return NULL;
	if (!writes(a, &c.c))
		return (reads(a, &c.c) ? err_set(e, 403, "forbidden", NULL, "无权修改该课程",
						 "may not change this course")
				       : not_found(e)),
		       NULL;
	if (in->status && strcmp(in->status, "draft") && strcmp(in->status, "published") &&
	    strcmp(in->status, "withdrawn"))
		return err_set(e, 422, "invalid_value", "status", "状态应为 draft、published 或 withdrawn",
			       "status is draft, published or withdrawn"),
		       NULL;
	if ((in->title && check_text(in->title, "title", 100, true, e) != 0) ||
	    check_text(in->summary, "summary", 2000, false, e) != 0)
		return NULL;
	if (in->max_hours && (in->max_hours < 1 || in->max_hours > 1000))
		return err_set(e, 422, "invalid_value", "max_hours", "课程学时应为 1 至 1000",
			       "max_hours is 1 to 1000"),
		       NULL;
	if (svc_tx(d, a, course_update_work, &c, e) != 0)
		return NULL;
	return course_row(d, id, e);
}

json_t *elearn_course_get(db *d, const principal *a, int64_t id, err *e)
{
	struct course c;
	if (course_load(d, id, &c, e) != 0)
		return NULL;
	if (!reads(a, &c))
		return not_found(e), NULL;
	json_t *o = course_row(d, id, e);
	if (!o)
		return NULL;
	bool learner = learner_self(a);
	db_stmt *st =
		db_query(d,
			 "SELECT r.id, r.pos, r.title, r.kind, r.sm3, r.media_type, r.size, r.seconds, "
			 "COALESCE(p.credited_s, 0), COALESCE(p.position_s, 0) FROM elearn_resources r "
			 "LEFT JOIN elearn_progress p ON p.resource_id = r.id AND p.person_id = $2 WHERE "
			 "r.course_id = $1 ORDER BY r.pos",
			 DB_ARGS(DV_I(id), DV_I(learner ? a->person_id : 0)), e);
	json_t *rs = json_array();
	json_object_set_new(o, "items", rs);
	while (st && db_step(st) == DB_ROW) {
		json_t *r =
			json_pack("{s:I,s:I,s:s,s:s,s:s,s:s,s:I,s:I}", "id", (json_int_t)db_int(st, 0), "pos",
				  (json_int_t)db_int(st, 1), "title", db_text(st, 2), "kind", db_text(st, 3),
				  "sm3", db_text(st, 4), "media_type", db_text(st, 5), "size",
				  (json_int_t)db_int(st, 6), "seconds", (json_int_t)db_int(st, 7));
		if (learner) {
			json_object_set_new(r, "credited_s", json_integer(db_int(st, 8)));
			json_object_set_new(r, "position_s", json_integer(db_int(st, 9)));
		}
		json_array_append_new(rs, r);
	}
	if (!st || db_finish(st, e) != 0)
		return json_decref(o), NULL;
	json_t *mine = json_null();
	if (learner) {
		st = db_query(
			d,
			"SELECT credited_s, hours, refused_s FROM elearn_enrolments WHERE course_id = $1 "
			"AND person_id = $2",
			DB_ARGS(DV_I(id), DV_I(a->person_id)), e);
		int row = st ? db_row(st, e) : -1;
		if (row == 1)
			mine = json_pack("{s:I,s:I,s:I}", "credited_s", (json_int_t)db_int(st, 0), "hours",
					 (json_int_t)db_int(st, 1), "refused_s", (json_int_t)db_int(st, 2));
		db_done(st);
		if (row < 0)
			return json_decref(o), NULL;
	}
	json_object_set_new(o, "mine", mine);
	return o;
}

json_t *elearn_course_list(db *d, const principal *a, int64_t limit, int64_t offset, err *e)
{
	/* published for every signed-in user; drafts and withdrawn for those who write them (the scope table)
	 */
	query w;
	q_init(&w, "");
	scope_where(&w, a, SE_ELEARN_COURSE, SCOPE_READ);
	int64_t total = 0;
	db_stmt *st = q_page(d, &w, "SELECT COUNT(*) FROM elearn_courses ec",
			     "SELECT " COURSE_COLS COURSE_FROM, "ec.id DESC", limit, offset, &total, e);
	json_t *items = st ? rows_json(st, course_view, e) : NULL;
	q_free(&w);
	if (!items)
		return NULL;
	return json_pack("{s:o,s:I}", "items", items, "total", (json_int_t)total);
}

/* ---- resources ---- */

size_t elearn_max_bytes(void)
{
	return (size_t)64 << 20;
}

struct res_ctx {
	const struct elearn_resource_input *in;
	const char *media;
	int64_t course, id;
	char key[BLOB_KEY_LEN + 1];
};

static int resource_work(tx *t, void *ctx, err *e)
{
	struct res_ctx *c = ctx;
	bool created = false;
	if (blob_put(t, c->media, c->in->data, c->in->size, c->key, &created, e) != 0)
		return -1;
	db_stmt *st = db_query(
		t->d,
		"INSERT INTO elearn_resources (course_id, pos, title, kind, sm3, media_type, size, seconds, "
		"created_at) VALUES ($1, (SELECT COALESCE(MAX(pos), 0) + 1 FROM elearn_resources WHERE "
		"course_id = $1), $2, $3, $4, $5, $6, $7, $8) RETURNING id",
		DB_ARGS(DV_I(c->course), DV_S(c->in->title), DV_S(c->in->kind), DV_S(c->key), DV_S(c->media),
			DV_I((int64_t)c->in->size), DV_I(c->in->seconds), DV_I(now_s())),
		e);
	c->id = 0;
	if (st && db_row(st, e) == 1)
		c->id = db_int(st, 0);
	db_done(st);
	if (!c->id)
		return -1;
	if (db_run(t->d, "UPDATE elearn_courses SET updated_at = $2 WHERE id = $1",
		   DB_ARGS(DV_I(c->course), DV_I(now_s())), e) < 0)
		return -1;
	tx_audit(t, "elearn.resource.add", "elearn_resource", c->id,
		 json_pack("{s:I,s:s,s:s,s:s,s:I,s:I}", "course_id", (json_int_t)c->course, "title",
			   c->in->title, "kind", c->in->kind, "sm3", c->key, "size", (json_int_t)c->in->size,
			   "seconds", (json_int_t)c->in->seconds));
	return 0;
}

json_t *elearn_resource_add(db *d, const principal *a, int64_t course_id,
			    const struct elearn_resource_input *in, err *e)
{
	struct course c;
	if (course_load(d, course_id, &c, e) != 0)
		return NULL;
	if (!writes(a, &c))
		return (reads(a, &c) ? err_set(e, 403, "forbidden", NULL, "无权修改该课程",
					       "may not change this course")
				     : not_found(e)),
		       NULL;
	if (check_text(in->title, "title", 100, true, e) != 0)
		return NULL;
	if (!in->kind || (strcmp(in->kind, "video") && strcmp(in->kind, "pdf") && strcmp(in->kind, "html")))
		return err_set(e, 422, "invalid_value", "kind", "资源类型应为 video、pdf 或 html",
			       "kind is video, pdf or html"),
		       NULL;
	if (in->seconds < 1 || in->seconds > 86400)
		return err_set(e, 422, "invalid_value", "seconds", "资源时长应为 1 至 86400 秒",
			       "seconds is 1 to 86400"),
		       NULL;
	if (!in->size)
		return err_set(e, 400, "body_required", NULL, "缺少文件内容", "the file is required"), NULL;
	const char *media = elearn_media(in->kind, in->data, in->size);
	if (!media || !in->content_type || !declared_as(in->content_type, media))
		return err_set(e, 415, "unsupported_media", "Content-Type",
			       "文件内容与声明的类型不符（视频 MP4/WebM，PDF，HTML 页面）",
			       "the content is not of the declared type (video MP4/WebM, PDF, HTML page)"),
		       NULL;
	struct res_ctx x = {.in = in, .media = media, .course = course_id};
	if (svc_tx(d, a, resource_work, &x, e) != 0)
		return NULL;
	return json_pack("{s:I,s:I,s:s,s:s,s:s,s:s,s:I,s:I}", "id", (json_int_t)x.id, "course_id",
			 (json_int_t)course_id, "title", in->title, "kind", in->kind, "sm3", x.key,
			 "media_type", media, "size", (json_int_t)in->size, "seconds",
			 (json_int_t)in->seconds);
}

int elearn_resource_content(db *d, const principal *a, int64_t id, struct blob *b, err *e)
{
	int64_t course = 0;
	char key[BLOB_KEY_LEN + 1] = "";
	db_stmt *st = db_query(d, "SELECT course_id, sm3 FROM elearn_resources WHERE id = $1",
			       DB_ARGS(DV_I(id)), e);
	int row = st ? db_row(st, e) : -1;
	if (row == 1) {
		course = db_int(st, 0);
		snprintf(key, sizeof key, "%s", db_text(st, 1));
	}
	db_done(st);
	if (row < 0)
		return -1;
	struct course c;
	if (row == 0 || course_load(d, course, &c, e) != 0 || !reads(a, &c))
		return err_isset(e) && e->status != 404 ? -1 : not_found(e);
	return blob_get(d, key, b, e);
}

/* ---- sessions ---- */

struct start_ctx {
	int64_t course, resource, person, session, position;
	const char *device, *tab;
	bool resumed;
};

static int start_work(tx *t, void *ctx, err *e)
{
	struct start_ctx *c = ctx;
	int64_t now = now_s();
	c->resumed = false;
	c->session = 0;
	db_stmt *st = db_query(t->d,
			       "SELECT id, device_id, tab_id, resource_id, last_beat_at, position_s FROM "
			       "elearn_sessions WHERE person_id = $1 AND status = 'live'",
			       DB_ARGS(DV_I(c->person)), e);
	int row = st ? db_row(st, e) : -1;
	int64_t live = 0, last = 0, lres = 0, lpos = 0;
	bool same_dev = false, same_tab = false;
	if (row == 1) {
		live = db_int(st, 0);
		same_dev = !strcmp(db_text(st, 1), c->device);
		same_tab = same_dev && !strcmp(db_text(st, 2), c->tab);
		lres = db_int(st, 3);
		last = db_int(st, 4);
		lpos = db_int(st, 5);
	}
	db_done(st);
	if (row < 0)
		return -1;
	if (live && now - last <= ELEARN_LAPSE_S) {
		if (same_tab && lres == c->resource) {
			c->session = live;
			c->position = lpos;
			c->resumed = true;
			tx_audit(t, "elearn.session.resume", "elearn_session", live,
				 json_pack("{s:I}", "resource_id", (json_int_t)c->resource));
			return 0;
		}
		if (!same_tab)
			return same_dev ? err_set(e, 409, "another_tab", "tab_id",
						  "已在本设备的另一个页面学习，请关闭其他页面（学时只计一个页"
						  "面）",
						  "learning in another tab of this device: close it (time "
						  "counts in "
						  "one tab only)")
					: err_set(e, 409, "another_device", "device_id",
						  "已在另一台设备上学习，同一时间只计一台设备的学时",
						  "learning on another device: time counts on one device at "
						  "a time");
	}
	if (live &&
	    db_run(t->d, "UPDATE elearn_sessions SET status = 'ended', ended_reason = $2 WHERE id = $1",
		   DB_ARGS(DV_I(live), DV_S(now - last > ELEARN_LAPSE_S ? "lapsed" : "switched")), e) < 0)
		return -1;
	if (db_run(t->d,
		   "INSERT INTO elearn_enrolments (course_id, person_id, created_at, updated_at) VALUES "
		   "($1, $2, $3, $3) ON CONFLICT (course_id, person_id) DO NOTHING",
		   DB_ARGS(DV_I(c->course), DV_I(c->person), DV_I(now)), e) < 0)
		return -1;
	c->position = 0;
	if (db_one_int(t->d,
		       "SELECT position_s FROM elearn_progress WHERE person_id = $1 AND resource_id = $2",
		       DB_ARGS(DV_I(c->person), DV_I(c->resource)), &c->position, e) < DB_NOT_FOUND)
		return -1;
	int64_t due = now + ELEARN_PRESENCE_MIN_S +
		      (int64_t)(random_u64() % (ELEARN_PRESENCE_MAX_S - ELEARN_PRESENCE_MIN_S + 1));
	st = db_query(
		t->d,
		"INSERT INTO elearn_sessions (person_id, course_id, resource_id, device_id, tab_id, status, "
		"started_at, last_beat_at, position_s, presence_due_at) VALUES ($1,$2,$3,$4,$5,'live',$6,$6,"
		"$7,$8) RETURNING id",
		DB_ARGS(DV_I(c->person), DV_I(c->course), DV_I(c->resource), DV_S(c->device), DV_S(c->tab),
			DV_I(now), DV_I(c->position), DV_I(due)),
		e);
	row = st ? db_row(st, e) : -1;
	if (row == 1)
		c->session = db_int(st, 0);
	db_done(st);
	if (row != 1) {
		/* another device won the race at the one-live-session index */
		if (e->status == 409)
			err_set(e, 409, "another_device", "device_id",
				"已在另一台设备上学习，同一时间只计一台设备的学时",
				"learning on another device: time counts on one device at a time");
		return -1;
	}
	tx_audit(t, "elearn.session.start", "elearn_session", c->session,
		 json_pack("{s:I,s:I,s:s,s:s,s:I}", "course_id", (json_int_t)c->course, "resource_id",
			   (json_int_t)c->resource, "device_id", c->device, "tab_id", c->tab, "replaced",
			   (json_int_t)live));
	return 0;
}

json_t *elearn_session_start(db *d, const principal *a, int64_t course_id, int64_t resource_id,
			     const char *device_id, const char *tab_id, err *e)
{
	struct course c;
	if (course_load(d, course_id, &c, e) != 0)
		return NULL;
	if (!reads(a, &c))
		return not_found(e), NULL;
	if (!learner_self(a))
		return err_set(e, 403, "forbidden", NULL, "只有学员本人可以学习计时",
			       "only a learner's own account counts learning time"),
		       NULL;
	if (strcmp(c.status, "published"))
		return err_set(e, 409, "not_published", NULL, "课程未发布", "the course is not published"),
		       NULL;
	if (!token_ok(device_id))
		return err_set(e, 422, "invalid_value", "device_id", "设备标识应为 8-64 位字母、数字、_ 或 -",
			       "device_id is 8-64 of A-Z a-z 0-9 _ -"),
		       NULL;
	if (!token_ok(tab_id))
		return err_set(e, 422, "invalid_value", "tab_id", "页面标识应为 8-64 位字母、数字、_ 或 -",
			       "tab_id is 8-64 of A-Z a-z 0-9 _ -"),
		       NULL;
	int64_t n = 0;
	if (db_one_int(d, "SELECT COUNT(*) FROM elearn_resources WHERE id = $1 AND course_id = $2",
		       DB_ARGS(DV_I(resource_id), DV_I(course_id)), &n, e) != DB_OK)
		return NULL;
	if (!n)
		return err_set(e, 422, "invalid_value", "resource_id", "该课程没有这个资源",
			       "no such resource in the course"),
		       NULL;
	struct start_ctx x = {.course = course_id,
			      .resource = resource_id,
			      .person = a->person_id,
			      .device = device_id,
			      .tab = tab_id};
	if (svc_tx(d, a, start_work, &x, e) != 0)
		return NULL;
	return json_pack("{s:I,s:I,s:I,s:I,s:b}", "session_id", (json_int_t)x.session, "resource_id",
			 (json_int_t)resource_id, "position_s", (json_int_t)x.position, "beat_s",
			 (json_int_t)ELEARN_BEAT_S, "resumed", x.resumed);
}

/* ---- heartbeats ---- */

struct elearn_beat_job {
	principal a;
	int64_t session;
	struct elearn_beat_in in;
	char device[72], tab[72];
	char code[8]; /* a presence check's code, drawn once (the work may run twice) */
	/* the outcome of the last run */
	int64_t credited, res_credited, course_credited, hours, asked_at;
	enum elearn_verdict why;
	bool ended, ask;
	char pending[8];
};

struct elearn_beat_job *elearn_beat_prepare(const principal *a, int64_t session_id,
					    const struct elearn_beat_in *in, err *e)
{
	if (!learner_self(a))
		return err_set(e, 403, "forbidden", NULL, "只有学员本人可以学习计时",
			       "only a learner's own account counts learning time"),
		       NULL;
	if (!token_ok(in->device_id) || !token_ok(in->tab_id))
		return err_set(e, 422, "invalid_value", "device_id",
			       "设备和页面标识应为 8-64 位字母、数字、_ 或 -",
			       "device_id and tab_id are 8-64 of A-Z a-z 0-9 _ -"),
		       NULL;
	if (in->position_s < 0 || in->position_s > 86400)
		return err_set(e, 422, "invalid_value", "position_s", "播放位置应为 0 至 86400 秒",
			       "position_s is 0 to 86400"),
		       NULL;
	struct elearn_beat_job *j = xcalloc(1, sizeof *j);
	j->a = *a;
	j->session = session_id;
	j->in = *in;
	snprintf(j->device, sizeof j->device, "%s", in->device_id);
	snprintf(j->tab, sizeof j->tab, "%s", in->tab_id);
	j->in.device_id = j->device;
	j->in.tab_id = j->tab;
	snprintf(j->code, sizeof j->code, "%04u", (unsigned)(random_u64() % 10000));
	return j;
}

void elearn_beat_free(struct elearn_beat_job *j)
{
	free(j);
}

static int beat_work(tx *t, void *ctx, err *e)
{
	struct elearn_beat_job *j = ctx;
	int64_t now = now_s();
	db_stmt *st = db_query(
		t->d,
		"SELECT s.person_id, s.course_id, s.resource_id, s.device_id, s.tab_id, s.status, "
		"s.last_beat_at, s.position_s, COALESCE(s.presence_code, ''), COALESCE(s.presence_asked_at, "
		"0), "
		"s.presence_due_at, r.kind, r.seconds, COALESCE(p.credited_s, 0), c.hour_minutes, "
		"c.max_hours, "
		"n.credited_s FROM elearn_sessions s JOIN elearn_resources r ON r.id = s.resource_id JOIN "
		"elearn_courses c ON c.id = s.course_id JOIN elearn_enrolments n ON n.course_id = "
		"s.course_id "
		"AND n.person_id = s.person_id LEFT JOIN elearn_progress p ON p.person_id = s.person_id AND "
		"p.resource_id = s.resource_id WHERE s.id = $1",
		DB_ARGS(DV_I(j->session)), e);
	int row = st ? db_row(st, e) : -1;
	if (row <= 0 || !session_mine(&j->a, db_int(st, 0))) {
		db_done(st);
		return row < 0 ? -1
			       : err_set(e, 404, "not_found", NULL, "未找到该学习会话", "no such session");
	}
	int64_t course = db_int(st, 1), resource = db_int(st, 2);
	bool dev_ok = !strcmp(db_text(st, 3), j->in.device_id),
	     tab_ok = dev_ok && !strcmp(db_text(st, 4), j->in.tab_id);
	bool live = !strcmp(db_text(st, 5), "live");
	struct elearn_beat b = {.now = now,
				.last_beat_at = db_int(st, 6),
				.position_prev = db_int(st, 7),
				.position_now = j->in.position_s,
				.timed = !strcmp(db_text(st, 11), "video"),
				.resource_s = db_int(st, 12),
				.credited_s = db_int(st, 13),
				.presence_pending = *db_text(st, 8) != 0,
				.presence_asked_at = db_int(st, 9)};
	snprintf(j->pending, sizeof j->pending, "%s", db_text(st, 8));
	int64_t due = db_int(st, 10), hour_minutes = db_int(st, 14), max_hours = db_int(st, 15),
		course_s = db_int(st, 16);
	db_done(st);
	if (!live)
		return err_set(e, 409, "session_ended", NULL, "学习会话已结束，请重新开始",
			       "the session has ended; start again");
	if (!dev_ok)
		return err_set(e, 409, "another_device", "device_id",
			       "该学习会话属于另一台设备，本设备不计学时",
			       "the session belongs to another device; no time counts here");
	if (!tab_ok)
		return err_set(e, 409, "another_tab", "tab_id", "该学习会话属于另一个页面，本页面不计学时",
			       "the session belongs to another tab; no time counts here");
	j->credited = elearn_beat_check(&b, &j->why);
	int64_t elapsed = now - b.last_beat_at;
	int64_t refused = (j->credited == 0 && j->why != EV_DUPLICATE && j->why != EV_RESOURCE_DONE)
				  ? (elapsed < ELEARN_BEAT_MAX_S ? elapsed : ELEARN_BEAT_MAX_S)
				  : 0;
	j->ask = !b.presence_pending && now >= due && !j->in.end;
	if (j->ask)
		snprintf(j->pending, sizeof j->pending, "%s", j->code);
	j->asked_at = j->ask ? now : b.presence_asked_at;
	j->ended = j->in.end;
	if (db_run(t->d,
		   "UPDATE elearn_sessions SET last_beat_at = $2, position_s = $3, beats = beats + 1, "
		   "credited_s "
		   "= credited_s + $4, refused_s = refused_s + $5, last_verdict = $6, presence_code = CASE "
		   "WHEN "
		   "$7 <> '' THEN $7 ELSE presence_code END, presence_asked_at = CASE WHEN $7 <> '' THEN $2 "
		   "ELSE "
		   "presence_asked_at END, status = CASE WHEN $8 = 1 THEN 'ended' ELSE status END, "
		   "ended_reason = "
		   "CASE WHEN $8 = 1 THEN 'closed' ELSE ended_reason END WHERE id = $1",
		   DB_ARGS(DV_I(j->session), DV_I(now), DV_I(j->in.position_s), DV_I(j->credited),
			   DV_I(refused), DV_S(elearn_verdict_name(j->why)), DV_S(j->ask ? j->code : ""),
			   DV_I(j->in.end ? 1 : 0)),
		   e) < 0)
		return -1;
	if (db_run(t->d,
		   "INSERT INTO elearn_progress (person_id, resource_id, course_id, credited_s, position_s, "
		   "updated_at) VALUES ($1,$2,$3,$4,$5,$6) ON CONFLICT (person_id, resource_id) DO UPDATE "
		   "SET "
		   "credited_s = elearn_progress.credited_s + $4, position_s = $5, updated_at = $6",
		   DB_ARGS(DV_I(j->a.person_id), DV_I(resource), DV_I(course), DV_I(j->credited),
			   DV_I(j->in.position_s), DV_I(now)),
		   e) < 0)
		return -1;
	j->res_credited = b.credited_s + j->credited;
	j->course_credited = course_s + j->credited;
	j->hours = elearn_hours(j->course_credited, hour_minutes, max_hours);
	if ((j->credited || refused) &&
	    db_run(t->d,
		   "UPDATE elearn_enrolments SET credited_s = $3, hours = $4, refused_s = refused_s + $5, "
		   "updated_at = $6 WHERE course_id = $1 AND person_id = $2",
		   DB_ARGS(DV_I(course), DV_I(j->a.person_id), DV_I(j->course_credited), DV_I(j->hours),
			   DV_I(refused), DV_I(now)),
		   e) < 0)
		return -1;
	tx_audit(t, "elearn.beat", "elearn_session", j->session,
		 json_pack("{s:I,s:s,s:I,s:I,s:b}", "credited_s", (json_int_t)j->credited, "verdict",
			   elearn_verdict_name(j->why), "position_s", (json_int_t)j->in.position_s, "hours",
			   (json_int_t)j->hours, "presence_asked", j->ask));
	return 0;
}

int elearn_beat_run(db *d, struct elearn_beat_job *j, bool in_caller, err *e)
{
	return svc_tx_flags(d, &j->a, in_caller ? TX_INLINE : 0, beat_work, j, e);
}

json_t *elearn_beat_result(const struct elearn_beat_job *j)
{
	json_t *presence = j->pending[0] ? json_pack("{s:s,s:I,s:I}", "code", j->pending, "asked_at",
						     (json_int_t)j->asked_at, "answer_within_s",
						     (json_int_t)ELEARN_PRESENCE_ANSWER_S)
					 : json_null();
	return json_pack("{s:I,s:s,s:I,s:I,s:I,s:s,s:o}", "credited_s", (json_int_t)j->credited, "verdict",
			 elearn_verdict_name(j->why), "resource_credited_s", (json_int_t)j->res_credited,
			 "course_credited_s", (json_int_t)j->course_credited, "hours", (json_int_t)j->hours,
			 "status", j->ended ? "ended" : "live", "presence", presence);
}

/* ---- presence checks ---- */

struct presence_ctx {
	const principal *a;
	int64_t session, person, next;
	const char *code;
};

static int presence_work(tx *t, void *ctx, err *e)
{
	struct presence_ctx *c = ctx;
	db_stmt *st =
		db_query(t->d,
			 "SELECT person_id, COALESCE(presence_code, ''), status, COALESCE(presence_asked_at, "
			 "0) FROM elearn_sessions WHERE id = $1",
			 DB_ARGS(DV_I(c->session)), e);
	int row = st ? db_row(st, e) : -1;
	char code[8] = "";
	bool live = false;
	int64_t asked = 0;
	if (row == 1 && session_mine(c->a, db_int(st, 0))) {
		snprintf(code, sizeof code, "%s", db_text(st, 1));
		live = !strcmp(db_text(st, 2), "live");
		asked = db_int(st, 3);
	} else if (row == 1)
		row = 0;
	db_done(st);
	if (row < 0)
		return -1;
	if (row == 0)
		return err_set(e, 404, "not_found", NULL, "未找到该学习会话", "no such session");
	if (!live || !code[0])
		return err_set(e, 409, "no_check", NULL, "当前没有待回答的在场确认",
			       "no presence check is open");
	if (strcmp(code, c->code))
		return err_set(e, 422, "wrong_code", "code", "确认码不正确", "the code is wrong");
	int64_t now = now_s();
	c->next = now + ELEARN_PRESENCE_MIN_S +
		  (int64_t)(random_u64() % (ELEARN_PRESENCE_MAX_S - ELEARN_PRESENCE_MIN_S + 1));
	if (db_run(t->d,
		   "UPDATE elearn_sessions SET presence_code = NULL, presence_asked_at = NULL, "
		   "presence_due_at = "
		   "$2, presence_passed = presence_passed + 1 WHERE id = $1",
		   DB_ARGS(DV_I(c->session), DV_I(c->next)), e) < 0)
		return -1;
	tx_audit(t, "elearn.presence", "elearn_session", c->session,
		 json_pack("{s:I}", "answered_after_s", (json_int_t)(now - asked)));
	return 0;
}

json_t *elearn_presence(db *d, const principal *a, int64_t session_id, const char *code, err *e)
{
	if (!learner_self(a))
		return err_set(e, 403, "forbidden", NULL, "只有学员本人可以确认在场",
			       "only the learner confirms their presence"),
		       NULL;
	if (!code || !*code)
		return err_set(e, 422, "missing_field", "code", "缺少确认码", "code is required"), NULL;
	struct presence_ctx c = {.a = a, .session = session_id, .person = a->person_id, .code = code};
	if (svc_tx(d, a, presence_work, &c, e) != 0)
		return NULL;
	return json_pack("{s:b,s:I}", "passed", 1, "next_check_after", (json_int_t)c.next);
}

json_t *elearn_mine(db *d, const principal *a, err *e)
{
	if (!learner_self(a))
		return err_set(e, 403, "forbidden", NULL, "只有学员可以查看本人学时",
			       "only a learner reads their own hours"),
		       NULL;
	db_stmt *st = db_query(
		d,
		"SELECT c.id, c.title, c.status, n.credited_s, n.hours, n.refused_s, c.max_hours, "
		"c.hour_minutes, "
		"c.class_id, (SELECT COUNT(*) FROM elearn_resources r WHERE r.course_id = c.id), (SELECT "
		"COUNT(*) FROM elearn_progress p JOIN elearn_resources r ON r.id = p.resource_id WHERE "
		"p.person_id = n.person_id AND p.course_id = c.id AND p.credited_s >= r.seconds), "
		"n.updated_at "
		"FROM elearn_enrolments n JOIN elearn_courses c ON c.id = n.course_id WHERE n.person_id = $1 "
		"ORDER BY n.updated_at DESC, c.id",
		DB_ARGS(DV_I(a->person_id)), e);
	if (!st)
		return NULL;
	json_t *items = json_array();
	int64_t total = 0;
	while (db_step(st) == DB_ROW) {
		total += db_int(st, 4);
		json_array_append_new(
			items,
			json_pack("{s:I,s:s,s:s,s:I,s:I,s:I,s:I,s:I,s:o,s:I,s:I,s:I}", "course_id",
				  (json_int_t)db_int(st, 0), "title", db_text(st, 1), "status",
				  db_text(st, 2), "credited_s", (json_int_t)db_int(st, 3), "hours",
				  (json_int_t)db_int(st, 4), "refused_s", (json_int_t)db_int(st, 5),
				  "max_hours", (json_int_t)db_int(st, 6), "hour_minutes",
				  (json_int_t)db_int(st, 7), "class_id", nint(st, 8), "resources",
				  (json_int_t)db_int(st, 9), "resources_done", (json_int_t)db_int(st, 10),
				  "updated_at", (json_int_t)db_int(st, 11)));
	}
	if (db_finish(st, e) != 0)
		return json_decref(items), NULL;
	return json_pack("{s:o,s:I}", "courses", items, "total_hours", (json_int_t)total);
}
