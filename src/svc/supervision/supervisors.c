/* supervisors.c: the registry of 督导员 (supervisors.h) */
#include "util/common.h"
#include "svc/supervision/supervisors.h"
#include "svc/platform/workforce.h"
#include "svc/supervision/view.h"
#include "svc/base/scope.h"
#include "svc/base/svc.h"
#include "svc/base/tx.h"
#include "store/query.h"
#include "core/date.h"

static const struct export_col cols_supervisors[] = {
	{"user_id", "编号"},
	{"username", "用户名"},
	{"display_name", "姓名"},
	{"grade", "等级"},
	{"cert_no", "证书编号"},
	{"valid_until", "有效期至"},
	{"institution_name", "所在单位"},
	{"region_name", "所在地区"},
	{"weekdays", "可派工作日"},
	{"max_per_day", "每日上限"},
};

static const struct list_filter sup_filters[] = {
	{"region_code", "sp.region_code LIKE ?", LIST_REGION},
	{"grade", "sp.grade = ?", LIST_EQ},
	{"name", "(u.display_name LIKE ? OR u.username LIKE ?)", LIST_CONTAINS},
};
static const struct list_sort sup_sorts[] = {{"valid_until", "sp.valid_until"}, {"username", "u.username"}};

const struct list_spec supervisor_list = {
	.name = "supervisors",
	.scoped = true,
	.entity = SE_SUPERVISOR,
	.count_sql = "SELECT COUNT(*) FROM supervisor_profiles sp JOIN users u ON u.id = sp.user_id",
	.select_sql = "SELECT " SUPERVISOR_VIEW_COLS
		      " FROM supervisor_profiles sp JOIN users u ON u.id = sp.user_id",
	.order = "sp.user_id",
	LIST_FILTERS(sup_filters),
	LIST_SORTS(sup_sorts),
	.view = supervisor_view,
	LIST_COLS(cols_supervisors),
};

/* the profile's 回避 declarations and days off, added to its view */
static int add_details(db *d, json_t *o, err *e)
{
	int64_t uid = json_integer_value(json_object_get(o, "user_id"));
	db_stmt *st = db_query(d,
			       "SELECT v.institution_id, i.name, v.reason FROM supervisor_avoidances v JOIN "
			       "institutions i ON i.id = v.institution_id WHERE v.user_id = $1 ORDER BY "
			       "v.institution_id",
			       DB_ARGS(DV_I(uid)), e);
	if (!st)
		return -1;
	json_t *av = json_array();
	while (db_step(st) == DB_ROW)
		json_array_append_new(av, json_pack("{s:I,s:s,s:s}", "institution_id",
						    (json_int_t)db_int(st, 0), "institution_name",
						    db_text(st, 1), "reason", db_text(st, 2)));
	json_object_set_new(o, "avoid", av);
	if (db_finish(st, e) != 0)
		return -1;
	st = db_query(d, "SELECT day FROM supervisor_days_off WHERE user_id = $1 ORDER BY day",
		      DB_ARGS(DV_I(uid)), e);
	if (!st)
		return -1;
	json_t *off = json_array();
	while (db_step(st) == DB_ROW)
		json_array_append_new(off, json_string(db_text(st, 0)));
	json_object_set_new(o, "days_off", off);
	return db_finish(st, e);
}

json_t *supervisor_get_json(db *d, const principal *a, int64_t user_id, err *e)
{
	json_t *o = list_one(d, a, &supervisor_list, "sp.user_id = ?", DV_I(user_id), "督导员不存在",
			     "no such supervisor", e);
	if (o && add_details(d, o, e) != 0) {
		json_decref(o);
		return NULL;
	}
	return o;
}

static int check_weekdays(const char *w, err *e)
{
	if (!w)
		return 0;
	bool ok = strlen(w) == 7;
	for (size_t i = 0; ok && i < 7; i++)
		ok = w[i] == '0' || w[i] == '1';
	if (!ok)
		return err_set(e, 422, "invalid_value", "weekdays",
			       "weekdays 应为 7 个 0/1 字符（周一至周日）",
			       "weekdays must be 7 characters 0 or 1 (Monday to Sunday)");
	return 0;
}

static int check_max(int64_t m, err *e)
{
	if (m != -1 && (m < 0 || m > 8))
		return err_set(e, 422, "invalid_value", "max_per_day", "max_per_day 应在 0 到 8 之间",
			       "max_per_day must be 0..8");
	return 0;
}

static int check_days(const char *const *days, size_t n, err *e)
{
	if (n > SUPERVISOR_MAX_DAYS_OFF)
		return err_set(e, 422, "too_many", "days_off", "days_off 最多 %d 天",
			       "days_off holds at most %d days", SUPERVISOR_MAX_DAYS_OFF);
	for (size_t i = 0; i < n; i++) {
		int ymd;
		if (!days[i] || date_parse(days[i], &ymd) != 0 || strlen(days[i]) != 10)
			return err_set(e, 422, "invalid_date", "days_off", "days_off 应为日期 YYYY-MM-DD",
				       "days_off must hold dates YYYY-MM-DD");
	}
	return 0;
}

static int put_days(db *d, int64_t uid, const char *const *days, size_t n, err *e)
{
	if (db_run(d, "DELETE FROM supervisor_days_off WHERE user_id = $1", DB_ARGS(DV_I(uid)), e) < 0)
		return -1;
	for (size_t i = 0; i < n; i++) {
		int ymd;
		char day[11];
		date_parse(days[i], &ymd);
		date_format(ymd, day);
		int64_t dup = 0;
		if (db_one_int(d, "SELECT COUNT(*) FROM supervisor_days_off WHERE user_id = $1 AND day = $2",
			       DB_ARGS(DV_I(uid), DV_S(day)), &dup, e) != DB_OK)
			return -1;
		if (dup)
			continue;
		if (db_run(d, "INSERT INTO supervisor_days_off (user_id, day) VALUES ($1, $2)",
			   DB_ARGS(DV_I(uid), DV_S(day)), e) < 0)
			return -1;
	}
	return 0;
}

struct put_ctx {
	int64_t uid;
	const struct supervisor_input *in;
	bool exists;
};

static int put_work(tx *t, void *p, err *e)
{
	struct put_ctx *c = p;
	const struct supervisor_input *in = c->in;
	int64_t now = now_s();
	dbv inst = in->institution_id > 0 ? DV_I(in->institution_id) : DV_NULL;
	dbv lat = in->has_location ? DV_D(in->latitude) : DV_NULL,
	    lon = in->has_location ? DV_D(in->longitude) : DV_NULL;
	const char *wd = in->weekdays ? in->weekdays : "1111111";
	int64_t max = in->max_per_day >= 0 ? in->max_per_day : 2;
	int64_t n =
		c->exists
			? db_run(t->d,
				 "UPDATE supervisor_profiles SET grade = $1, cert_no = $2, valid_until = $3, "
				 "institution_id = $4, region_code = $5, latitude = $6, longitude = $7, "
				 "weekdays = $8, max_per_day = $9, updated_at = $10 WHERE user_id = $11",
				 DB_ARGS(DV_S(in->grade), DV_S(in->cert_no), DV_S(in->valid_until), inst,
					 DV_S(in->region_code), lat, lon, DV_S(wd), DV_I(max), DV_I(now),
					 DV_I(c->uid)),
				 e)
			: db_run(t->d,
				 "INSERT INTO supervisor_profiles (grade, cert_no, valid_until, "
				 "institution_id, "
				 "region_code, latitude, longitude, weekdays, max_per_day, created_at, "
				 "updated_at, user_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10, "
				 "$11)",
				 DB_ARGS(DV_S(in->grade), DV_S(in->cert_no), DV_S(in->valid_until), inst,
					 DV_S(in->region_code), lat, lon, DV_S(wd), DV_I(max), DV_I(now),
					 DV_I(c->uid)),
				 e);
	if (n < 0)
		return -1;
	if (db_run(t->d, "DELETE FROM supervisor_avoidances WHERE user_id = $1", DB_ARGS(DV_I(c->uid)), e) <
	    0)
		return -1;
	json_t *av = json_array();
	for (size_t i = 0; i < in->navoid; i++) {
		int64_t dup = 0;
		if (db_one_int(t->d,
			       "SELECT COUNT(*) FROM supervisor_avoidances WHERE user_id = $1 AND "
			       "institution_id = $2",
			       DB_ARGS(DV_I(c->uid), DV_I(in->avoid[i].institution_id)), &dup, e) != DB_OK)
			goto fail;
		if (dup)
			continue;
		if (db_run(t->d,
			   "INSERT INTO supervisor_avoidances (user_id, institution_id, reason) VALUES ($1, "
			   "$2, $3)",
			   DB_ARGS(DV_I(c->uid), DV_I(in->avoid[i].institution_id),
				   DV_S(in->avoid[i].reason ? in->avoid[i].reason : "")),
			   e) < 0)
			goto fail;
		json_array_append_new(av, json_integer(in->avoid[i].institution_id));
	}
	if (put_days(t->d, c->uid, in->days_off, in->ndays_off, e) != 0)
		goto fail;
	/* the profile's certificate is the supervisor's 督导员 qualification from the records (评价队伍,
	 * svc/platform/workforce.h): registered or updated in this transaction; a removed one stays removed
	 */
	if (wf_profile_sync_tx(t, c->uid, in->cert_no, in->valid_until, in->region_code,
			       in->institution_id > 0 ? in->institution_id : 0, e) != 0)
		goto fail;
	json_t *det =
		json_pack("{s:s,s:s,s:s,s:s,s:s,s:I,s:o,s:I}", "grade", in->grade, "cert_no", in->cert_no,
			  "valid_until", in->valid_until, "region_code", in->region_code, "weekdays", wd,
			  "max_per_day", (json_int_t)max, "avoid", av, "days_off", (json_int_t)in->ndays_off);
	json_object_set_new(det, "institution_id",
			    in->institution_id > 0 ? json_integer(in->institution_id) : json_null());
	tx_audit(t, c->exists ? "supervisor.update" : "supervisor.create", "supervisor", c->uid, det);
	return 0;
fail:
	json_decref(av);
	return -1;
}

/* the account must be a supervisor's within the caller's reach of accounts */
static int supervisor_account(db *d, const principal *a, int64_t uid, err *e)
{
	if (scope_check(d, a, SE_USER, uid, SCOPE_READ, NULL, e) != 0)
		return -1;
	int64_t n = 0;
	if (db_one_int(d, "SELECT COUNT(*) FROM users WHERE id = $1 AND role = 'supervisor'",
		       DB_ARGS(DV_I(uid)), &n, e) != DB_OK)
		return -1;
	if (!n)
		return err_set(e, 404, "not_found", NULL, "督导员不存在", "no such supervisor");
	return 0;
}

int supervisor_put(db *d, const principal *a, int64_t user_id, const struct supervisor_input *in, err *e)
{
	static const char *const grades[] = {"senior", "intermediate", "junior"};
	bool gok = false;
	for (size_t i = 0; i < ARRAY_LEN(grades) && in->grade; i++)
		gok = gok || !strcmp(in->grade, grades[i]);
	if (!gok)
		return err_set(e, 422, "invalid_value", "grade", "grade 应为 senior、intermediate 或 junior",
			       "grade must be senior, intermediate or junior");
	if (check_text(in->cert_no, "cert_no", 40, true, e))
		return -1;
	int ymd;
	if (!in->valid_until || strlen(in->valid_until) != 10 || date_parse(in->valid_until, &ymd) != 0)
		return err_set(e, 422, "invalid_date", "valid_until", "valid_until 应为日期 YYYY-MM-DD",
			       "valid_until must be a date YYYY-MM-DD");
	if (in->has_location &&
	    (in->latitude < -90 || in->latitude > 90 || in->longitude < -180 || in->longitude > 180))
		return err_set(e, 422, "invalid_value", "latitude", "坐标超出范围",
			       "coordinates out of range");
	if (check_weekdays(in->weekdays, e) || check_max(in->max_per_day, e) ||
	    check_days(in->days_off, in->ndays_off, e))
		return -1;
	if (in->navoid > SUPERVISOR_MAX_AVOID)
		return err_set(e, 422, "too_many", "avoid", "回避单位最多 %d 个",
			       "at most %d avoided institutions", SUPERVISOR_MAX_AVOID);
	for (size_t i = 0; i < in->navoid; i++)
		if (in->avoid[i].reason && check_text(in->avoid[i].reason, "avoid", 200, false, e))
			return -1;
	if (supervisor_account(d, a, user_id, e) != 0)
		return -1;
	int64_t n = 0;
	if (db_one_int(d, "SELECT COUNT(*) FROM regions WHERE code = $1", DB_ARGS(DV_S(in->region_code)), &n,
		       e) != DB_OK)
		return -1;
	if (!n)
		return err_set(e, 422, "invalid_region", "region_code", "行政区划代码不存在",
			       "no such region code");
	if (!scope_covers_region(a, SE_SUPERVISOR, SCOPE_WRITE, in->region_code))
		return err_set(e, 403, "forbidden", "region_code", "该地区不在您的管辖范围内",
			       "that region is outside your scope");
	const int64_t *ids[1 + SUPERVISOR_MAX_AVOID];
	size_t nids = 0;
	if (in->institution_id > 0)
		ids[nids++] = &in->institution_id;
	for (size_t i = 0; i < in->navoid; i++)
		ids[nids++] = &in->avoid[i].institution_id;
	for (size_t i = 0; i < nids; i++) {
		if (db_one_int(d, "SELECT COUNT(*) FROM institutions WHERE id = $1", DB_ARGS(DV_I(*ids[i])),
			       &n, e) != DB_OK)
			return -1;
		if (!n)
			return err_set(e, 404, "not_found",
				       i == 0 && in->institution_id > 0 ? "institution_id" : "avoid",
				       "评价机构不存在", "no such institution");
	}
	struct put_ctx c = {.uid = user_id, .in = in};
	if (db_one_int(d, "SELECT COUNT(*) FROM supervisor_profiles WHERE user_id = $1",
		       DB_ARGS(DV_I(user_id)), &n, e) != DB_OK)
		return -1;
	c.exists = n > 0;
	/* a city changes an existing profile only when it is in its region */
	if (c.exists && scope_check(d, a, SE_SUPERVISOR, user_id, SCOPE_WRITE, NULL, e) != 0)
		return -1;
	return svc_tx(d, a, put_work, &c, e);
}

struct avail_ctx {
	int64_t uid;
	const struct availability_input *in;
};

static int avail_work(tx *t, void *p, err *e)
{
	struct avail_ctx *c = p;
	const struct availability_input *in = c->in;
	json_t *det = json_object();
	if (in->weekdays) {
		if (db_run(t->d,
			   "UPDATE supervisor_profiles SET weekdays = $1, updated_at = $2 WHERE user_id = $3",
			   DB_ARGS(DV_S(in->weekdays), DV_I(now_s()), DV_I(c->uid)), e) < 0)
			goto fail;
		json_object_set_new(det, "weekdays", json_string(in->weekdays));
	}
	if (in->max_per_day >= 0) {
		if (db_run(t->d,
			   "UPDATE supervisor_profiles SET max_per_day = $1, updated_at = $2 WHERE user_id = "
			   "$3",
			   DB_ARGS(DV_I(in->max_per_day), DV_I(now_s()), DV_I(c->uid)), e) < 0)
			goto fail;
		json_object_set_new(det, "max_per_day", json_integer(in->max_per_day));
	}
	if (in->has_days_off) {
		if (put_days(t->d, c->uid, in->days_off, in->ndays_off, e) != 0)
			goto fail;
		json_t *days = json_array();
		for (size_t i = 0; i < in->ndays_off; i++)
			json_array_append_new(days, json_string(in->days_off[i]));
		json_object_set_new(det, "days_off", days);
	}
	tx_audit(t, "supervisor.availability", "supervisor", c->uid, det);
	return 0;
fail:
	json_decref(det);
	return -1;
}

int supervisor_availability(db *d, const principal *a, int64_t user_id, const struct availability_input *in,
			    err *e)
{
	if (check_weekdays(in->weekdays, e) || check_max(in->max_per_day, e) ||
	    (in->has_days_off && check_days(in->days_off, in->ndays_off, e)))
		return -1;
	if (scope_check(d, a, SE_SUPERVISOR, user_id, SCOPE_WRITE, NULL, e) != 0)
		return -1;
	struct avail_ctx c = {user_id, in};
	return svc_tx(d, a, avail_work, &c, e);
}
