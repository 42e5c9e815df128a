#include "util/common.h"
#include "svc/training/catalogue.h"
#include "core/date.h"
#include "core/geo.h"
#include "store/query.h"
#include "svc/base/scope.h"
#include "svc/base/tx.h"
#include "svc/training/view.h"

static const char *const kinds[] = {"private_school", "technical_school", "enterprise", "public_centre"};

/* the province, the institution's city and (own) the institution's administrator may change what it offers;
 * the filing itself is the province's and the city's (own = false) */
static int check_write(db *d, const principal *a, int64_t inst_id, bool own, const char *field, err *e)
{
	if (scope_check(d, a, SE_INSTITUTION, inst_id, SCOPE_WRITE, field, e) != 0)
		return -1;
	if (!own && a->role != ROLE_PROVINCE_ADMIN && a->role != ROLE_CITY_ADMIN)
		return err_set(e, 403, "forbidden", field, "培训机构备案由省、市人社部门办理",
			       "a training filing is made by the province or the city");
	return 0;
}

/* the institution is filed for training (404 otherwise: nothing to offer courses under) */
static int check_org(db *d, int64_t inst_id, const char *field, err *e)
{
	int64_t n = 0;
	if (db_one_int(d, "SELECT COUNT(*) FROM training_orgs WHERE institution_id = $1",
		       DB_ARGS(DV_I(inst_id)), &n, e) != DB_OK)
		return -1;
	if (!n)
		return err_set(e, 404, "not_found", field, "该机构未备案为培训机构",
			       "the institution is not filed as a training institution");
	return 0;
}

/* ---- the filing ---- */

struct org_ctx {
	int64_t id;
	const struct training_org_input *in;
	char filed_on[11];
	int64_t now;
};

static int org_work(tx *t, void *p, err *e)
{
	struct org_ctx *c = p;
	const char *lic = c->in->licence_no ? c->in->licence_no : "";
	const char *status = c->in->status ? c->in->status : "filed";
	if (db_run(t->d,
		   "INSERT INTO training_orgs (institution_id, kind, licence_no, filed_on, status, "
		   "created_at, "
		   "updated_at) VALUES ($1,$2,$3,$4,$5,$6,$6) ON CONFLICT (institution_id) DO UPDATE SET "
		   "kind = "
		   "excluded.kind, licence_no = excluded.licence_no, filed_on = excluded.filed_on, status = "
		   "excluded.status, updated_at = excluded.updated_at",
		   DB_ARGS(DV_I(c->id), DV_S(c->in->kind), DV_S(lic), DV_S(c->filed_on), DV_S(status),
			   DV_I(c->now)),
		   e) < 0)
		return -1;
	tx_audit(t, "training.org.file", "institution", c->id,
		 json_pack("{s:s,s:s,s:s,s:s}", "kind", c->in->kind, "licence_no", lic, "filed_on",
			   c->filed_on, "status", status));
	return 0;
}

int training_org_put(db *d, const principal *a, int64_t id, const struct training_org_input *in, err *e)
{
	if (check_write(d, a, id, false, NULL, e) != 0)
		return -1;
	bool ok = false;
	for (size_t i = 0; i < ARRAY_LEN(kinds); i++)
		ok |= in->kind && !strcmp(in->kind, kinds[i]);
	if (!ok)
		return err_set(
			e, 422, "invalid_kind", "kind",
			"培训机构类别应为 private_school、technical_school、enterprise 或 public_centre",
			"kind must be private_school, technical_school, enterprise or public_centre");
	if (check_text(in->licence_no, "licence_no", 50, false, e) != 0)
		return -1;
	if (in->status && strcmp(in->status, "filed") && strcmp(in->status, "suspended"))
		return err_set(e, 422, "invalid_status", "status", "状态应为 filed 或 suspended",
			       "status must be filed or suspended");
	struct org_ctx c = {.id = id, .in = in, .now = now_s()};
	int ymd = date_today_utc8();
	if (in->filed_on && date_parse(in->filed_on, &ymd) != 0)
		return err_set(e, 422, "invalid_date", "filed_on", "日期格式应为 YYYY-MM-DD",
			       "date must be YYYY-MM-DD");
	date_format(ymd, c.filed_on);
	return svc_tx(d, a, org_work, &c, e);
}

static const struct list_filter org_filters[] = {
	{"name", "i.name LIKE ?", LIST_CONTAINS, 100},
	{"kind", "o.kind = ?", LIST_EQ, 20},
	{"region_code", "i.region_code LIKE ?", LIST_REGION, 12},
};
static const struct list_sort org_sorts[] = {{"name", "i.name"}, {"filed_on", "o.filed_on"}};

static int org_where(struct query *w, const principal *a, const char *const *vals, err *e)
{
	UNUSED(a);
	UNUSED(vals);
	UNUSED(e);
	q_and(w, "o.status = 'filed' AND i.status = 'filed'", DV_NULL);
	return 0;
}

static const struct export_col org_cols[] = {
	{"id", "编号"},
	{"name", "机构名称"},
	{"kind_name", "培训机构类别"},
	{"licence_no", "办学许可证号"},
	{"filed_on", "备案日期"},
	{"region_name", "所在地区"},
	{"address", "地址"},
};

const struct list_spec training_org_list = {
	.name = "training_institutions",
	.count_sql = "SELECT COUNT(*) FROM training_orgs o JOIN institutions i ON i.id = o.institution_id",
	.select_sql = "SELECT " TRAINING_ORG_VIEW_COLS
		      " FROM training_orgs o JOIN institutions i ON i.id = o.institution_id",
	.order = "i.id",
	LIST_FILTERS(org_filters),
	LIST_SORTS(org_sorts),
	.view = training_org_view,
	.where = org_where,
	LIST_COLS(org_cols),
};

/* public while the institution and its training filing are filed; otherwise for those who may write it */
static int check_read(db *d, const principal *a, int64_t inst_id, err *e)
{
	int64_t pub = 0;
	if (db_one_int(d,
		       "SELECT COUNT(*) FROM training_orgs o JOIN institutions i ON i.id = o.institution_id "
		       "WHERE "
		       "o.institution_id = $1 AND o.status = 'filed' AND i.status = 'filed'",
		       DB_ARGS(DV_I(inst_id)), &pub, e) != DB_OK)
		return -1;
	if (pub)
		return 0;
	if (!a || a->role == ROLE_PUBLIC ||
	    scope_check(d, a, SE_INSTITUTION, inst_id, SCOPE_WRITE, NULL, e) != 0) {
		err_clear(e);
		return err_set(e, 404, "not_found", NULL, "培训机构不存在", "no such training institution");
	}
	return check_org(d, inst_id, NULL, e);
}

json_t *training_org_get_json(db *d, const principal *a, int64_t id, err *e)
{
	if (check_read(d, a, id, e) != 0)
		return NULL;
	json_t *o = row_json(db_query(d,
				      "SELECT " TRAINING_ORG_VIEW_COLS
				      " FROM training_orgs o JOIN institutions i "
				      "ON i.id = o.institution_id WHERE o.institution_id = $1",
				      DB_ARGS(DV_I(id)), e),
			     training_org_view, e);
	if (!o) {
		if (!err_isset(e))
			err_set(e, 404, "not_found", NULL, "培训机构不存在", "no such training institution");
		return NULL;
	}
	json_t *sites = rows_json(db_query(d,
					   "SELECT " TRAINING_SITE_VIEW_COLS
					   " FROM training_sites s WHERE s.institution_id = $1 ORDER BY s.id",
					   DB_ARGS(DV_I(id)), e),
				  training_site_view, e);
	json_t *courses = sites ? rows_json(db_query(d,
						     "SELECT " TRAINING_COURSE_VIEW_COLS TRAINING_COURSE_FROM
						     " WHERE c.institution_id = $1 ORDER BY c.id",
						     DB_ARGS(DV_I(id)), e),
					    training_course_view, e)
				: NULL;
	if (!courses || training_course_starts_attach(d, courses, e) != 0) {
		json_decref(o);
		json_decref(sites);
		json_decref(courses);
		return NULL;
	}
	json_object_set_new(o, "sites", sites);
	json_object_set_new(o, "courses", courses);
	return o;
}

/* ---- sites ---- */

/* the county (or city district) a site stands in, and its city */
static int check_county(db *d, const char *code, char city[16], err *e)
{
	if (!code || !*code)
		return err_set(e, 422, "missing_field", "county_code", "缺少所在县（市、区）",
			       "missing required field 'county_code'");
	db_stmt *st =
		db_query(d, "SELECT level, parent_code FROM regions WHERE code = $1", DB_ARGS(DV_S(code)), e);
	if (!st)
		return -1;
	int rc = db_step(st);
	bool ok = rc == DB_ROW && !strcmp(db_text(st, 0), "county") && db_text(st, 1);
	if (ok)
		snprintf(city, 16, "%s", db_text(st, 1));
	db_done(st);
	if (rc != DB_ROW && rc != DB_DONE)
		return db_rc_to_err(d, rc, e);
	if (!ok)
		return err_set(e, 422, "invalid_region", "county_code", "县（市、区）代码不存在",
			       "unknown county code");
	return 0;
}

/* a city places sites only inside its region; an institution may have sites anywhere (branch campuses) */
static int check_site_region(const principal *a, const char *county, err *e)
{
	if (scope_region_outside(a, SE_INSTITUTION, county))
		return err_set(e, 403, "forbidden", "county_code", "该地区不在您的管辖范围内",
			       "that region is outside your scope");
	return 0;
}

static int check_site_input(const struct training_site_input *in, bool create, err *e)
{
	if (check_text(in->name, "name", 100, create, e) ||
	    check_text(in->address, "address", 200, create, e))
		return -1;
	if (create && (!in->has_lat || !in->has_lon))
		return err_set(e, 422, "missing_field", in->has_lat ? "longitude" : "latitude",
			       "缺少坐标（WGS-84 纬度、经度）",
			       "missing coordinates (WGS-84 latitude and longitude)");
	if (in->has_lat != in->has_lon)
		return err_set(e, 422, "missing_field", in->has_lat ? "longitude" : "latitude",
			       "纬度和经度须一并给出", "latitude and longitude go together");
	if (in->has_lat && !geo_valid(in->latitude, in->longitude))
		return err_set(e, 422, "invalid_coordinates", "latitude",
			       "坐标无效（纬度 -90..90，经度 -180..180）",
			       "invalid coordinates (latitude -90..90, longitude -180..180)");
	return 0;
}

struct site_ctx {
	int64_t inst_id, id;
	const struct training_site_input *in;
	char city[16];
	int64_t now;
};

static int site_create_work(tx *t, void *p, err *e)
{
	struct site_ctx *c = p;
	const struct training_site_input *in = c->in;
	if (db_one_int(t->d,
		       "INSERT INTO training_sites (institution_id, name, address, county_code, city_code, "
		       "latitude, "
		       "longitude, created_at, updated_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$8) RETURNING id",
		       DB_ARGS(DV_I(c->inst_id), DV_S(in->name), DV_S(in->address), DV_S(in->county_code),
			       DV_S(c->city), DV_D(in->latitude), DV_D(in->longitude), DV_I(c->now)),
		       &c->id, e) != DB_OK)
		return -1;
	tx_audit(t, "training.site.create", "training_site", c->id,
		 json_pack("{s:I,s:s,s:s,s:f,s:f}", "institution_id", (json_int_t)c->inst_id, "name",
			   in->name, "county_code", in->county_code, "latitude", in->latitude, "longitude",
			   in->longitude));
	return 0;
}

int64_t training_site_create(db *d, const principal *a, int64_t inst_id, const struct training_site_input *in,
			     err *e)
{
	struct site_ctx c = {.inst_id = inst_id, .in = in, .now = now_s()};
	if (check_write(d, a, inst_id, true, NULL, e) != 0 || check_org(d, inst_id, NULL, e) != 0 ||
	    check_site_input(in, true, e) != 0 || check_county(d, in->county_code, c.city, e) != 0 ||
	    check_site_region(a, in->county_code, e) != 0)
		return -1;
	return svc_tx(d, a, site_create_work, &c, e) == 0 ? c.id : -1;
}

static int site_update_work(tx *t, void *p, err *e)
{
	struct site_ctx *c = p;
	const struct training_site_input *in = c->in;
	json_t *changed = json_object();
	tx_audit(t, "training.site.update", "training_site", c->id, changed);
	if (in->name) {
		if (db_run(t->d, "UPDATE training_sites SET name = $2 WHERE id = $1",
			   DB_ARGS(DV_I(c->id), DV_S(in->name)), e) < 0)
			return -1;
		json_object_set_new(changed, "name", json_string(in->name));
	}
	if (in->address) {
		if (db_run(t->d, "UPDATE training_sites SET address = $2 WHERE id = $1",
			   DB_ARGS(DV_I(c->id), DV_S(in->address)), e) < 0)
			return -1;
		json_object_set_new(changed, "address", json_string(in->address));
	}
	if (in->county_code) {
		if (db_run(t->d, "UPDATE training_sites SET county_code = $2, city_code = $3 WHERE id = $1",
			   DB_ARGS(DV_I(c->id), DV_S(in->county_code), DV_S(c->city)), e) < 0)
			return -1;
		json_object_set_new(changed, "county_code", json_string(in->county_code));
	}
	if (in->has_lat) {
		if (db_run(t->d, "UPDATE training_sites SET latitude = $2, longitude = $3 WHERE id = $1",
			   DB_ARGS(DV_I(c->id), DV_D(in->latitude), DV_D(in->longitude)), e) < 0)
			return -1;
		json_object_set_new(changed, "latitude", json_real(in->latitude));
		json_object_set_new(changed, "longitude", json_real(in->longitude));
	}
	return db_run(t->d, "UPDATE training_sites SET updated_at = $2 WHERE id = $1",
		      DB_ARGS(DV_I(c->id), DV_I(c->now)), e) < 0
		       ? -1
		       : 0;
}

static int site_owner(db *d, int64_t site_id, int64_t *inst_id, err *e)
{
	int rc = db_one_int(d, "SELECT institution_id FROM training_sites WHERE id = $1",
			    DB_ARGS(DV_I(site_id)), inst_id, e);
	if (rc == DB_NOT_FOUND || (rc != DB_OK && !err_isset(e)))
		return err_set(e, 404, "not_found", NULL, "培训场地不存在", "no such training site");
	return rc == DB_OK ? 0 : -1;
}

int training_site_update(db *d, const principal *a, int64_t site_id, const struct training_site_input *in,
			 err *e)
{
	struct site_ctx c = {.id = site_id, .in = in, .now = now_s()};
	if (site_owner(d, site_id, &c.inst_id, e) != 0)
		return -1;
	if (check_write(d, a, c.inst_id, true, NULL, e) != 0) {
		if (e->status == 404)
			err_set(e, 404, "not_found", NULL, "培训场地不存在", "no such training site");
		return -1;
	}
	if (check_site_input(in, false, e) != 0 ||
	    (in->county_code &&
	     (check_county(d, in->county_code, c.city, e) || check_site_region(a, in->county_code, e))))
		return -1;
	return svc_tx(d, a, site_update_work, &c, e);
}

json_t *training_site_get_json(db *d, int64_t site_id, err *e)
{
	json_t *o = row_json(
		db_query(d, "SELECT " TRAINING_SITE_VIEW_COLS " FROM training_sites s WHERE s.id = $1",
			 DB_ARGS(DV_I(site_id)), e),
		training_site_view, e);
	if (!o && !err_isset(e))
		err_set(e, 404, "not_found", NULL, "培训场地不存在", "no such training site");
	return o;
}

/* ---- courses ---- */

struct course_ctx {
	int64_t inst_id, id;
	const struct training_course_input *in;
	fen_t price;
	int64_t now;
};

static int course_check(db *d, int64_t inst_id, const struct training_course_input *in, bool create,
			fen_t *price, err *e)
{
	if (check_text(in->title, "title", 100, create, e) != 0)
		return -1;
	if (create || in->site_id > 0) {
		int64_t owner = 0;
		int rc = in->site_id > 0
				 ? db_one_int(d, "SELECT institution_id FROM training_sites WHERE id = $1",
					      DB_ARGS(DV_I(in->site_id)), &owner, e)
				 : DB_NOT_FOUND;
		if (rc != DB_OK && rc != DB_NOT_FOUND)
			return -1;
		if (rc == DB_NOT_FOUND || owner != inst_id)
			return err_set(e, 422, "invalid_site", "site_id", "培训场地不存在或不属于该机构",
				       "no such site of this institution");
	}
	if (create || in->occupation_code) {
		int64_t levels = -1;
		int rc = in->occupation_code ? db_one_int(d, "SELECT levels FROM occupations WHERE code = $1",
							  DB_ARGS(DV_S(in->occupation_code)), &levels, e)
					     : DB_NOT_FOUND;
		if (rc != DB_OK && rc != DB_NOT_FOUND)
			return -1;
		if (rc == DB_NOT_FOUND)
			return err_set(e, 422, "invalid_occupation", "occupation_code", "职业（工种）不存在",
				       "unknown occupation");
		if (create &&
		    (in->level < 0 || in->level > 5 || (in->level > 0 && !(levels & (1 << in->level))) ||
		     (in->level == 0 && levels != 0)))
			return err_set(e, 422, "invalid_level", "level", "该职业不设此等级",
				       "the occupation has no such level");
	}
	if (!create && in->level >= 0)
		return err_set(e, 422, "immutable_field", "level", "课程的职业和等级不能修改，请新建课程",
			       "a course's occupation and level cannot change: create a new course");
	if ((create || in->class_hours >= 0) && (in->class_hours < 1 || in->class_hours > 2000))
		return err_set(e, 422, "invalid_value", "class_hours", "课时应为 1..2000",
			       "class_hours must be 1..2000");
	if ((create || in->capacity >= 0) && (in->capacity < 1 || in->capacity > 10000))
		return err_set(e, 422, "invalid_value", "capacity", "容量应为 1..10000",
			       "capacity must be 1..10000");
	if (create && !in->price)
		return err_set(e, 422, "missing_field", "price", "缺少价格（元）",
			       "missing required field 'price'");
	if (in->price && money_parse_err(in->price, "price", price, e) != 0)
		return -1;
	if (in->price && (*price < 0 || *price > 100000000))
		return err_set(e, 422, "invalid_amount", "price", "价格应在 0 到 1,000,000 元之间",
			       "price must be 0 to 1,000,000 yuan");
	if (in->status && strcmp(in->status, "open") && strcmp(in->status, "closed"))
		return err_set(e, 422, "invalid_status", "status", "状态应为 open 或 closed",
			       "status must be open or closed");
	for (size_t i = 0; i < in->nstarts; i++) {
		int ymd;
		if (!in->starts[i] || date_parse(in->starts[i], &ymd) != 0 || strlen(in->starts[i]) != 10)
			return err_set(e, 422, "invalid_date", "starts", "开班日期格式应为 YYYY-MM-DD",
				       "start dates must be YYYY-MM-DD");
	}
	return 0;
}

static int put_starts(tx *t, int64_t id, const struct training_course_input *in, json_t *det, err *e)
{
	if (!in->starts_given)
		return 0;
	if (db_run(t->d, "DELETE FROM training_course_starts WHERE course_id = $1", DB_ARGS(DV_I(id)), e) < 0)
		return -1;
	json_t *arr = json_array();
	json_object_set_new(det, "starts", arr);
	for (size_t i = 0; i < in->nstarts; i++) {
		if (db_run(t->d,
			   "INSERT INTO training_course_starts (course_id, starts_on) VALUES ($1, $2) ON "
			   "CONFLICT DO "
			   "NOTHING",
			   DB_ARGS(DV_I(id), DV_S(in->starts[i])), e) < 0)
			return -1;
		json_array_append_new(arr, json_string(in->starts[i]));
	}
	return 0;
}

static int course_create_work(tx *t, void *p, err *e)
{
	struct course_ctx *c = p;
	const struct training_course_input *in = c->in;
	if (db_one_int(
		    t->d,
		    "INSERT INTO training_courses (institution_id, site_id, occupation_code, level, title, "
		    "class_hours, price_fen, capacity, subsidised, status, created_at, updated_at) VALUES "
		    "($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$11) RETURNING id",
		    DB_ARGS(DV_I(c->inst_id), DV_I(in->site_id), DV_S(in->occupation_code), DV_I(in->level),
			    DV_S(in->title), DV_I(in->class_hours), DV_I(c->price), DV_I(in->capacity),
			    DV_I(in->subsidised == 1), DV_S(in->status ? in->status : "open"), DV_I(c->now)),
		    &c->id, e) != DB_OK)
		return -1;
	json_t *det = json_pack("{s:I,s:I,s:s,s:I,s:s,s:I,s:I,s:I,s:b}", "institution_id",
				(json_int_t)c->inst_id, "site_id", (json_int_t)in->site_id, "occupation_code",
				in->occupation_code, "level", (json_int_t)in->level, "title", in->title,
				"class_hours", (json_int_t)in->class_hours, "price_fen", (json_int_t)c->price,
				"capacity", (json_int_t)in->capacity, "subsidised", in->subsidised == 1);
	tx_audit(t, "training.course.create", "training_course", c->id, det);
	return put_starts(t, c->id, in, det, e);
}

int64_t training_course_create(db *d, const principal *a, int64_t inst_id,
			       const struct training_course_input *in, err *e)
{
	struct course_ctx c = {.inst_id = inst_id, .in = in, .now = now_s()};
	if (check_write(d, a, inst_id, true, NULL, e) != 0 || check_org(d, inst_id, NULL, e) != 0 ||
	    course_check(d, inst_id, in, true, &c.price, e) != 0)
		return -1;
	return svc_tx(d, a, course_create_work, &c, e) == 0 ? c.id : -1;
}

static int course_update_work(tx *t, void *p, err *e)
{
	struct course_ctx *c = p;
	const struct training_course_input *in = c->in;
	json_t *det = json_object();
	tx_audit(t, "training.course.update", "training_course", c->id, det);
	struct {
		bool given;
		const char *sql, *field;
		dbv v;
	} set[] = {
		{in->site_id > 0, "UPDATE training_courses SET site_id = $2 WHERE id = $1", "site_id",
		 DV_I(in->site_id)},
		{in->title != NULL, "UPDATE training_courses SET title = $2 WHERE id = $1", "title",
		 DV_SN(in->title)},
		{in->class_hours >= 0, "UPDATE training_courses SET class_hours = $2 WHERE id = $1",
		 "class_hours", DV_I(in->class_hours)},
		{in->capacity >= 0, "UPDATE training_courses SET capacity = $2 WHERE id = $1", "capacity",
		 DV_I(in->capacity)},
		{in->price != NULL, "UPDATE training_courses SET price_fen = $2 WHERE id = $1", "price_fen",
		 DV_I(c->price)},
		{in->subsidised >= 0, "UPDATE training_courses SET subsidised = $2 WHERE id = $1",
		 "subsidised", DV_I(in->subsidised == 1)},
		{in->status != NULL, "UPDATE training_courses SET status = $2 WHERE id = $1", "status",
		 DV_SN(in->status)},
	};
	for (size_t i = 0; i < ARRAY_LEN(set); i++) {
		if (!set[i].given)
			continue;
		if (db_run(t->d, set[i].sql, DB_ARGS(DV_I(c->id), set[i].v), e) < 0)
			return -1;
		json_object_set_new(det, set[i].field,
				    set[i].v.t == 's' ? json_string(set[i].v.s)
						      : json_integer((json_int_t)set[i].v.i));
	}
	if (put_starts(t, c->id, in, det, e) != 0)
		return -1;
	return db_run(t->d, "UPDATE training_courses SET updated_at = $2 WHERE id = $1",
		      DB_ARGS(DV_I(c->id), DV_I(c->now)), e) < 0
		       ? -1
		       : 0;
}

static int course_owner(db *d, int64_t id, int64_t *inst_id, err *e)
{
	int rc = db_one_int(d, "SELECT institution_id FROM training_courses WHERE id = $1", DB_ARGS(DV_I(id)),
			    inst_id, e);
	if (rc == DB_NOT_FOUND)
		return err_set(e, 404, "not_found", NULL, "培训课程不存在", "no such course");
	return rc == DB_OK ? 0 : -1;
}

int training_course_update(db *d, const principal *a, int64_t course_id,
			   const struct training_course_input *in, err *e)
{
	struct course_ctx c = {.id = course_id, .in = in, .now = now_s()};
	if (course_owner(d, course_id, &c.inst_id, e) != 0)
		return -1;
	if (check_write(d, a, c.inst_id, true, NULL, e) != 0) {
		if (e->status == 404)
			err_set(e, 404, "not_found", NULL, "培训课程不存在", "no such course");
		return -1;
	}
	if (in->occupation_code)
		return err_set(e, 422, "immutable_field", "occupation_code",
			       "课程的职业和等级不能修改，请新建课程",
			       "a course's occupation and level cannot change: create a new course");
	if (course_check(d, c.inst_id, in, false, &c.price, e) != 0)
		return -1;
	return svc_tx(d, a, course_update_work, &c, e);
}

/* the course's classes that have not ended (today China time or later), soonest first, with their places
 * taken: what a worker chooses from to enrol (POST /training/classes/{id}/enrolments) */
static int course_classes_attach(db *d, json_t *o, int64_t course_id, err *e)
{
	char today[11];
	date_format(date_today_utc8(), today);
	db_stmt *st = db_query(d,
			       "SELECT c.id, c.starts_on, c.ends_on, c.capacity, c.completion_hours, (SELECT "
			       "COUNT(*) FROM training_enrolments x WHERE x.class_id = c.id) FROM "
			       "training_classes c WHERE c.course_id = $1 AND c.ends_on >= $2 ORDER BY "
			       "c.starts_on, c.id LIMIT 50",
			       DB_ARGS(DV_I(course_id), DV_S(today)), e);
	if (!st)
		return -1;
	json_t *arr = json_array();
	while (db_step(st) == DB_ROW)
		json_array_append_new(arr, json_pack("{sI ss ss sI sI sI}", "id", (json_int_t)db_int(st, 0),
						     "starts_on", db_text(st, 1), "ends_on", db_text(st, 2),
						     "capacity", (json_int_t)db_int(st, 3),
						     "completion_hours", (json_int_t)db_int(st, 4),
						     "enrolled", (json_int_t)db_int(st, 5)));
	json_object_set_new(o, "classes", arr);
	return db_finish(st, e);
}

json_t *training_course_get_json(db *d, const principal *a, int64_t course_id, err *e)
{
	int64_t inst = 0;
	if (course_owner(d, course_id, &inst, e) != 0)
		return NULL;
	if (check_read(d, a, inst, e) != 0) {
		if (e->status == 404)
			err_set(e, 404, "not_found", NULL, "培训课程不存在", "no such course");
		return NULL;
	}
	json_t *o = row_json(
		db_query(d, "SELECT " TRAINING_COURSE_VIEW_COLS TRAINING_COURSE_FROM " WHERE c.id = $1",
			 DB_ARGS(DV_I(course_id)), e),
		training_course_view, e);
	if (!o) {
		if (!err_isset(e))
			err_set(e, 404, "not_found", NULL, "培训课程不存在", "no such course");
		return NULL;
	}
	json_t *one = json_pack("[o]", o);
	int rc = training_course_starts_attach(d, one, e);
	json_incref(o);
	json_decref(one);
	if (rc != 0 || course_classes_attach(d, o, course_id, e) != 0) {
		json_decref(o);
		return NULL;
	}
	return o;
}
