#include "util/common.h"
#include "svc/registry/persons.h"
#include "core/date.h"
#include "core/idnum.h"
#include "core/mask.h"
#include "core/phone.h"
#include "crypto/pii.h"
#include "util/arena.h"

int person_validate(const struct person_input *in, int today_ymd, struct person_norm *out, err *e)
{
	memset(out, 0, sizeof *out);
	if (check_text(in->name, "name", 50, true, e) != 0)
		return -1;
	snprintf(out->name, sizeof out->name, "%s", in->name);
	enum id_type t = ID_RESIDENT;
	if (in->id_type && id_type_parse(in->id_type, &t) != 0)
		return err_set(e, 422, "invalid_id_type", "id_type", "证件类型无效：%s",
			       "unknown id_type '%s' (resident_id, passport, hk_macao_permit, taiwan_permit, "
			       "foreign_permanent_resident, other)",
			       in->id_type);
	snprintf(out->id_type, sizeof out->id_type, "%s", id_type_name(t));
	if (!in->id_number || !*in->id_number)
		return err_set(e, 422, "missing_field", "id_number", "缺少证件号码",
			       "missing required field 'id_number'");
	if (t == ID_RESIDENT) {
		idnum_info info;
		switch (idnum_check(in->id_number, today_ymd, &info)) {
		case IDNUM_OK:
			break;
		case IDNUM_BAD_CHECK:
			return err_set(e, 422, "invalid_id_number", "id_number", "公民身份号码校验码错误",
				       "the resident ID number's check character is wrong");
		case IDNUM_BAD_DATE:
			return err_set(e, 422, "invalid_id_number", "id_number",
				       "公民身份号码中的出生日期不存在",
				       "the resident ID number holds an impossible birth date");
		case IDNUM_FUTURE_DATE:
			return err_set(e, 422, "invalid_id_number", "id_number",
				       "公民身份号码中的出生日期晚于今天",
				       "the resident ID number's birth date is in the future");
		default:
			return err_set(
				e, 422, "invalid_id_number", "id_number",
				"公民身份号码应为 18 位（或旧 15 位）",
				"a resident ID number has 18 characters (or 15 digits for old numbers)");
		}
		snprintf(out->id_number, sizeof out->id_number, "%s", info.normalized);
		out->gender[0] = info.gender;
		date_format(info.birth_ymd, out->birth_date);
		snprintf(out->region6, sizeof out->region6, "%s", info.region6);
	} else if (idnum_check_other(t, in->id_number, out->id_number, sizeof out->id_number) != 0) {
		return err_set(e, 422, "invalid_id_number", "id_number",
			       "证件号码格式无效（4–32 位字母数字）",
			       "invalid document number (4-32 letters and digits)");
	}
	if (in->phone && *in->phone && phone_normalize(in->phone, out->phone, sizeof out->phone) != 0)
		return err_set(e, 422, "invalid_phone", "phone", "手机号码或固定电话格式无效",
			       "invalid phone number");
	if (in->region_code && *in->region_code) {
		if (strlen(in->region_code) != 6 || strspn(in->region_code, "0123456789") != 6)
			return err_set(e, 422, "invalid_region", "region_code", "行政区划代码应为 6 位数字",
				       "region_code must be a 6-digit GB/T 2260 code");
		snprintf(out->region_code, sizeof out->region_code, "%s", in->region_code);
	}
	if (check_text(in->education, "education", 40, false, e) != 0)
		return -1;
	snprintf(out->education, sizeof out->education, "%s", in->education ? in->education : "");
	return 0;
}

static bool region_exists(db *d, const char *code, err *e)
{
	int64_t n = 0;
	return db_one_int(d, "SELECT COUNT(*) FROM regions WHERE code = $1", DB_ARGS(DV_S(code)), &n, e) ==
		       DB_OK &&
	       n > 0;
}

/* region_of_actor: where a new person is registered when the input names no region */
static void default_region(db *d, const principal *a, const struct person_norm *n, char out[8], err *e)
{
	if (n->region_code[0]) {
		snprintf(out, 8, "%s", n->region_code);
		return;
	}
	/* the county, else the city, of a Shandong resident ID number */
	if (n->region6[0] == '3' && n->region6[1] == '7') {
		if (region_exists(d, n->region6, e)) {
			snprintf(out, 8, "%s", n->region6);
			return;
		}
		char city[8];
		snprintf(city, sizeof city, "%.4s00", n->region6);
		if (region_exists(d, city, e)) {
			snprintf(out, 8, "%s", city);
			return;
		}
	}
	if (a->institution_id) {
		db_stmt *st = db_query(d, "SELECT region_code FROM institutions WHERE id = $1",
				       DB_ARGS(DV_I(a->institution_id)), e);
		if (st && db_step(st) == DB_ROW) {
			snprintf(out, 8, "%s", db_text(st, 0));
			db_done(st);
			return;
		}
		db_done(st);
	}
	if (a->role == ROLE_CITY_ADMIN)
		snprintf(out, 8, "%.4s00", a->region);
	else
		snprintf(out, 8, "370000");
}

static int link_institution(db *d, int64_t inst, int64_t person, err *e)
{
	return db_run(d,
		      "INSERT INTO institution_persons (institution_id, person_id) VALUES ($1, $2) ON "
		      "CONFLICT DO NOTHING",
		      DB_ARGS(DV_I(inst), DV_I(person)), e) < 0
		       ? -1
		       : 0;
}

static int check_employer(db *d, const principal *a, int64_t employer_id, err *e)
{
	int64_t n = 0;
	if (db_one_int(d, "SELECT COUNT(*) FROM institutions WHERE id = $1", DB_ARGS(DV_I(employer_id)), &n,
		       e) != DB_OK ||
	    n == 0)
		return err_set(e, 422, "unknown_institution", "employer_id", "用人单位不存在",
			       "no such employer");
	UNUSED(a);
	return 0;
}

int64_t person_create(db *d, const principal *a, const struct person_input *in, bool *created, err *e)
{
	struct person_norm n;
	*created = false;
	if (person_validate(in, date_today_utc8(), &n, e) != 0)
		return -1;
	/* registering needs a person write reach wider than oneself (core/scope.c SE_PERSON) */
	if (scope_reach_of(a, SE_PERSON, SCOPE_WRITE) < REACH_INSTITUTION)
		return err_set(e, 403, "forbidden", NULL, "无权登记人员", "you may not register persons");
	char region[8];
	default_region(d, a, &n, region, e);
	if (!region_exists(d, region, e))
		return err_set(e, 422, "invalid_region", "region_code", "行政区划代码不存在：%s",
			       "unknown region code %s", region);
	if (scope_region_outside(a, SE_PERSON, region))
		return err_set(e, 403, "forbidden", "region_code", "该地区不在您的管辖范围内",
			       "that region is outside your scope");
	if (in->employer_id > 0 && check_employer(d, a, in->employer_id, e) != 0)
		return -1;

	char idx[65], pidx[65], masked[48], pmasked[32];
	char field[48];
	snprintf(field, sizeof field, "id_number:%s", n.id_type);
	pii_blind_index(field, n.id_number, idx);
	mask_id_number(n.id_number, masked, sizeof masked);
	arena *ar = arena_new();
	int64_t id = -1;
	if (db_begin(d, e) != 0)
		goto out;
	/* an existing person: institutions link it into their scope; others are told it exists */
	int64_t existing = 0;
	int rc =
		db_one_int(d, "SELECT id FROM persons WHERE id_index = $1", DB_ARGS(DV_S(idx)), &existing, e);
	if (rc == DB_OK && a->institution_id) {
		/* knowing an ID number is not enough to pull a person into an institution's scope: the name
		 * sent must be the registered one */
		int64_t same = 0;
		rc = db_one_int(d, "SELECT COUNT(*) FROM persons WHERE id = $1 AND name = $2",
				DB_ARGS(DV_I(existing), DV_S(n.name)), &same, e);
		if (rc != DB_OK) {
			tx_fail(d);
			goto out;
		}
		if (!same) {
			tx_fail(d);
			err_set(e, 422, "name_mismatch", "name", "该证件号码已登记，但姓名与登记信息不一致",
				"a person with this ID number is registered under another name");
			goto out;
		}
	}
	if (rc == DB_OK) {
		if (a->institution_id) {
			char t[24];
			json_t *det = json_pack("{s:I}", "institution_id", (json_int_t)a->institution_id);
			int arc = link_institution(d, a->institution_id, existing, e) != 0 ||
				  audit_append(d, a, "person.link", "person", id_text(existing, t), det, e) !=
					  0;
			json_decref(det);
			if (arc || db_commit(d, e) != 0) {
				tx_fail(d);
				goto out;
			}
			id = existing;
		} else {
			tx_fail(d);
			err_set(e, 409, "person_exists", "id_number", "该证件号码的人员已登记（编号 %lld）",
				"a person with this ID number is already registered (id %lld)",
				(long long)existing);
		}
		goto out;
	} else if (rc != DB_NOT_FOUND) {
		tx_fail(d);
		goto out;
	}
	const char *sealed = pii_seal(ar, "id_number", n.id_number);
	const char *psealed = NULL;
	if (n.phone[0]) {
		psealed = pii_seal(ar, "phone", n.phone);
		pii_blind_index("phone", n.phone, pidx);
		mask_phone(n.phone, pmasked, sizeof pmasked);
	}
	int64_t now = now_s();
	db_stmt *st = db_query(d,
			       "INSERT INTO persons (name, id_type, id_sealed, id_index, id_masked, gender, "
			       "birth_date, phone_sealed, "
			       "phone_index, phone_masked, region_code, employer_id, education, created_at, "
			       "updated_at) VALUES "
			       "($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$14) RETURNING id",
			       DB_ARGS(DV_S(n.name), DV_S(n.id_type), DV_S(sealed), DV_S(idx), DV_S(masked),
				       n.gender[0] ? DV_S(n.gender) : DV_NULL,
				       n.birth_date[0] ? DV_S(n.birth_date) : DV_NULL, DV_SN(psealed),
				       psealed ? DV_S(pidx) : DV_NULL, psealed ? DV_S(pmasked) : DV_NULL,
				       DV_S(region), in->employer_id > 0 ? DV_I(in->employer_id) : DV_NULL,
				       DV_S(in->education ? in->education : ""), DV_I(now)),
			       e);
	rc = st ? db_step(st) : DB_ERROR;
	if (rc == DB_ROW)
		id = db_int(st, 0);
	db_done(st);
	if (rc != DB_ROW) {
		tx_fail(d);
		if (st)
			db_rc_to_err(d, rc, e);
		id = -1;
		goto out;
	}
	char t[24];
	json_t *det = json_pack("{s:s,s:s,s:s,s:s}", "name", n.name, "id_type", n.id_type, "id_number",
				masked, "region_code", region);
	int bad = (a->institution_id && link_institution(d, a->institution_id, id, e) != 0) ||
		  audit_append(d, a, "person.create", "person", id_text(id, t), det, e) != 0 ||
		  db_commit(d, e) != 0;
	json_decref(det);
	if (bad) {
		tx_fail(d);
		id = -1;
		goto out;
	}
	*created = true;
out:
	arena_free(ar);
	return id;
}

#define PERSON_COLS                                                                                          \
	"p.id, p.name, p.id_type, p.id_masked, p.gender, p.birth_date, p.phone_masked, p.region_code, "      \
	"p.employer_id, p.education, p.created_at, p.updated_at, (SELECT name FROM regions r WHERE r.code "  \
	"= "                                                                                                 \
	"p.region_code), (SELECT name FROM institutions i WHERE i.id = p.employer_id), p.id_sealed, "        \
	"p.phone_sealed"

static json_t *null_or_str(db_stmt *st, int col)
{
	return db_isnull(st, col) ? json_null() : json_string(db_text(st, col));
}

static json_t *person_row(db_stmt *st, bool full, arena *ar)
{
	json_t *o = json_pack("{s:I,s:s,s:s,s:s}", "id", (json_int_t)db_int(st, 0), "name", db_text(st, 1),
			      "id_type", db_text(st, 2), "id_number_masked", db_text(st, 3));
	json_object_set_new(o, "gender", null_or_str(st, 4));
	json_object_set_new(o, "birth_date", null_or_str(st, 5));
	json_object_set_new(o, "phone_masked", null_or_str(st, 6));
	json_object_set_new(o, "region_code", json_string(db_text(st, 7)));
	json_object_set_new(o, "region_name", null_or_str(st, 12));
	json_object_set_new(o, "employer_id", db_isnull(st, 8) ? json_null() : json_integer(db_int(st, 8)));
	json_object_set_new(o, "employer_name", null_or_str(st, 13));
	json_object_set_new(o, "education", json_string(db_text(st, 9)));
	json_object_set_new(o, "created_at", json_integer(db_int(st, 10)));
	json_object_set_new(o, "updated_at", json_integer(db_int(st, 11)));
	if (full) {
		const char *idn = pii_open(ar, "id_number", db_text(st, 14));
		json_object_set_new(o, "id_number", idn ? json_string(idn) : json_null());
		const char *ph = db_isnull(st, 15) ? NULL : pii_open(ar, "phone", db_text(st, 15));
		json_object_set_new(o, "phone", ph ? json_string(ph) : json_null());
	}
	return o;
}

static json_t *facts(db *d, const char *sql, int64_t id, err *e)
{
	db_stmt *st = db_query(d, sql, DB_ARGS(DV_I(id)), e);
	if (!st)
		return NULL;
	json_t *arr = json_array();
	while (db_step(st) == DB_ROW) {
		json_t *o = json_object();
		for (int c = 0; c < db_ncols(st); c++) {
			const char *name = db_colname(st, c);
			if (db_isnull(st, c))
				json_object_set_new(o, name, json_null());
			else if (!strcmp(name, "id"))
				json_object_set_new(o, name, json_integer(db_int(st, c)));
			else
				json_object_set_new(o, name, json_string(db_text(st, c)));
		}
		json_array_append_new(arr, o);
	}
	if (db_finish(st, e) != 0) {
		json_decref(arr);
		return NULL;
	}
	return arr;
}

json_t *person_get_json(db *d, const principal *a, int64_t id, err *e)
{
	query q;
	q_init(&q, "SELECT " PERSON_COLS " FROM persons p");
	q_and(&q, "p.id = ?", DV_I(id));
	scope_where(&q, a, SE_PERSON, SCOPE_READ);
	db_stmt *st = q_query(d, &q, e);
	q_free(&q);
	if (!st)
		return NULL;
	arena *ar = arena_new();
	json_t *o = NULL;
	int rc = db_step(st);
	if (rc == DB_ROW)
		o = person_row(st, principal_sees_pii(a), ar);
	else if (rc == DB_DONE)
		err_set(e, 404, "not_found", NULL, "人员不存在", "no such person");
	else
		db_rc_to_err(d, rc, e);
	db_done(st);
	arena_free(ar);
	if (!o)
		return NULL;
	static const char *const fact_sql[][2] = {
		{"work_history",
		 "SELECT id, employer_name, occupation_code, start_date, end_date FROM person_work_history "
		 "WHERE person_id = $1 ORDER BY start_date"},
		{"diplomas",
		 "SELECT id, level, school, major, graduated_on FROM person_diplomas WHERE person_id = $1 "
		 "ORDER BY graduated_on"},
		{"titles",
		 "SELECT id, grade, name, obtained_on FROM person_titles WHERE person_id = $1 ORDER BY "
		 "obtained_on"},
	};
	for (size_t i = 0; i < ARRAY_LEN(fact_sql); i++) {
		json_t *arr = facts(d, fact_sql[i][1], id, e);
		if (!arr) {
			json_decref(o);
			return NULL;
		}
		json_object_set_new(o, fact_sql[i][0], arr);
	}
	return o;
}

json_t *person_list_json(db *d, const principal *a, const struct person_filter *f, int64_t limit,
			 int64_t offset, err *e)
{
	query w;
	q_init(&w, "");
	scope_where(&w, a, SE_PERSON, SCOPE_READ);
	if (f->name) {
		q_and_like(&w, "p.name LIKE ?", "", f->name, "%");
	}
	if (f->id_number) {
		/* exact look-up through the blind index; a malformed number simply matches nothing */
		char idx[65], field[48], norm[40];
		idnum_info info;
		const char *v = f->id_number;
		if (idnum_check(f->id_number, 99991231, &info) == IDNUM_OK)
			v = info.normalized;
		snprintf(norm, sizeof norm, "%s", v);
		snprintf(field, sizeof field, "id_number:%s", "resident_id");
		pii_blind_index(field, norm, idx);
		q_and(&w, "p.id_index = ?", DV_S(idx));
	}
	if (f->phone) {
		/* exact look-up by phone through its blind index */
		char idx[65], norm[32];
		if (phone_normalize(f->phone, norm, sizeof norm) != 0)
			snprintf(norm, sizeof norm, "-");
		pii_blind_index("phone", norm, idx);
		q_and(&w, "p.phone_index = ?", DV_S(idx));
	}
	if (f->region_code) {
		char pat[20], pre[13];
		region_prefix(f->region_code, pre);
		snprintf(pat, sizeof pat, "%s%%", pre);
		q_and(&w, "p.region_code LIKE ?", DV_S(pat));
	}
	if (f->employer_id)
		q_and(&w, "p.employer_id = ?", DV_I(f->employer_id));
	if (f->institution_id)
		q_and(&w,
		      "EXISTS (SELECT 1 FROM institution_persons ip2 WHERE ip2.person_id = p.id AND "
		      "ip2.institution_id = ?)",
		      DV_I(f->institution_id));
	int64_t total = 0;
	db_stmt *st = q_page(d, &w, "SELECT COUNT(*) FROM persons p", "SELECT " PERSON_COLS " FROM persons p",
			     "p.id", limit, offset, &total, e);
	q_free(&w);
	if (!st)
		return NULL;
	json_t *items = json_array();
	while (db_step(st) == DB_ROW)
		json_array_append_new(items, person_row(st, false, NULL));
	if (db_finish(st, e) != 0) {
		json_decref(items);
		return NULL;
	}
	return json_pack("{s:o,s:I}", "items", items, "total", (json_int_t)total);
}

int person_update(db *d, const principal *a, int64_t id, const struct person_input *in, err *e)
{
	if (scope_check(d, a, SE_PERSON, id, SCOPE_WRITE, NULL, e) != 0)
		return -1;
	if (a->role == ROLE_CANDIDATE && (in->name || in->region_code || in->employer_id))
		return err_set(e, 403, "forbidden", NULL, "考生只能修改自己的联系电话和学历",
			       "candidates may change only their phone and education");
	if (in->name && check_text(in->name, "name", 50, true, e) != 0)
		return -1;
	if (check_text(in->education, "education", 40, false, e) != 0)
		return -1;
	char phone[24] = "";
	if (in->phone && *in->phone && phone_normalize(in->phone, phone, sizeof phone) != 0)
		return err_set(e, 422, "invalid_phone", "phone", "手机号码或固定电话格式无效",
			       "invalid phone number");
	if (in->region_code &&
	    (!region_exists(d, in->region_code, e) || scope_region_outside(a, SE_PERSON, in->region_code)))
		return err_set(e, 422, "invalid_region", "region_code", "行政区划代码无效或不在管辖范围内",
			       "unknown region code or outside your scope");
	if (in->employer_id > 0 && check_employer(d, a, in->employer_id, e) != 0)
		return -1;
	arena *ar = arena_new();
	json_t *changed = json_array();
	int res = -1;
	if (db_begin(d, e) != 0)
		goto out;
	int64_t now = now_s();
#define SET(col, val, label)                                                                                 \
	do {                                                                                                 \
		if (db_run(d, "UPDATE persons SET " col " = $2, updated_at = $3 WHERE id = $1",              \
			   DB_ARGS(DV_I(id), val, DV_I(now)), e) < 0)                                        \
			goto fail;                                                                           \
		json_array_append_new(changed, json_string(label));                                          \
	} while (0)
	if (in->name)
		SET("name", DV_S(in->name), "name");
	if (in->education)
		SET("education", DV_S(in->education), "education");
	if (in->region_code)
		SET("region_code", DV_S(in->region_code), "region_code");
	if (in->employer_id > 0)
		SET("employer_id", DV_I(in->employer_id), "employer_id");
	if (in->employer_id < 0)
		SET("employer_id", DV_NULL, "employer_id");
	if (in->phone) {
		if (phone[0]) {
			char pidx[65], pm[32];
			pii_blind_index("phone", phone, pidx);
			mask_phone(phone, pm, sizeof pm);
			if (db_run(d,
				   "UPDATE persons SET phone_sealed = $2, phone_index = $3, phone_masked = "
				   "$4, updated_at = $5 "
				   "WHERE id = $1",
				   DB_ARGS(DV_I(id), DV_S(pii_seal(ar, "phone", phone)), DV_S(pidx), DV_S(pm),
					   DV_I(now)),
				   e) < 0)
				goto fail;
		} else if (db_run(d,
				  "UPDATE persons SET phone_sealed = NULL, phone_index = NULL, phone_masked "
				  "= NULL, updated_at "
				  "= $2 WHERE id = $1",
				  DB_ARGS(DV_I(id), DV_I(now)), e) < 0) {
			goto fail;
		}
		json_array_append_new(changed, json_string("phone"));
	}
#undef SET
	char t[24];
	json_t *det = json_pack("{s:O}", "changed", changed);
	int arc = audit_append(d, a, "person.update", "person", id_text(id, t), det, e);
	json_decref(det);
	if (arc != 0 || db_commit(d, e) != 0)
		goto fail;
	res = 0;
	goto out;
fail:
	db_rollback(d);
out:
	json_decref(changed);
	arena_free(ar);
	return res;
}

int64_t person_add_fact(db *d, const principal *a, int64_t id, const char *kind, json_t *body, err *e)
{
	if (scope_check(d, a, SE_PERSON, id, SCOPE_WRITE, NULL, e) != 0)
		return -1;
	if (a->role == ROLE_CANDIDATE)
		return err_set(e, 403, "forbidden", NULL, "工作经历、学历和职称须由机构或管理部门登记",
			       "work history, diplomas and titles are recorded by institutions or bureaus");
	int ymd1 = 0, ymd2 = 0;
	const char *sql = NULL;
	dbv args[6];
	int nargs = 0;
	int64_t now = now_s();
	args[nargs++] = DV_I(id);
	if (!strcmp(kind, "work_history")) {
		const char *emp = jreq(body, "employer_name", e), *occ = jstr(body, "occupation_code", e);
		const char *s = jreq(body, "start_date", e), *en = jstr(body, "end_date", e);
		if (err_isset(e) || check_text(emp, "employer_name", 100, true, e))
			return -1;
		if (date_parse(s, &ymd1) != 0)
			return err_set(e, 422, "invalid_date", "start_date", "日期格式应为 YYYY-MM-DD",
				       "dates are YYYY-MM-DD");
		if (en && (date_parse(en, &ymd2) != 0 || ymd2 < ymd1))
			return err_set(e, 422, "invalid_date", "end_date", "结束日期无效或早于开始日期",
				       "end_date is invalid or before start_date");
		sql = "INSERT INTO person_work_history (person_id, employer_name, occupation_code, "
		      "start_date, end_date, "
		      "created_at) VALUES ($1,$2,$3,$4,$5,$6) RETURNING id";
		args[nargs++] = DV_S(emp);
		args[nargs++] = DV_SN(occ);
		args[nargs++] = DV_S(s);
		args[nargs++] = DV_SN(en);
	} else if (!strcmp(kind, "diplomas")) {
		static const char *levels[] = {"junior_high",
					       "high_school",
					       "secondary_vocational",
					       "technical_school",
					       "senior_technical_class",
					       "preparatory_technician_class",
					       "college",
					       "bachelor",
					       "master",
					       "doctor",
					       "assessed_college",
					       "apprenticeship"};
		const char *lv = jreq(body, "level", e), *g = jreq(body, "graduated_on", e);
		const char *school = jstr(body, "school", e), *major = jstr(body, "major", e);
		if (err_isset(e))
			return -1;
		bool ok = false;
		for (size_t i = 0; i < ARRAY_LEN(levels); i++)
			ok |= !strcmp(lv, levels[i]);
		if (!ok)
			return err_set(e, 422, "invalid_value", "level", "学历层次无效：%s",
				       "unknown diploma level '%s'", lv);
		if (date_parse(g, &ymd1) != 0)
			return err_set(e, 422, "invalid_date", "graduated_on", "日期格式应为 YYYY-MM-DD",
				       "dates are YYYY-MM-DD");
		if (check_text(school, "school", 100, false, e) || check_text(major, "major", 100, false, e))
			return -1;
		sql = "INSERT INTO person_diplomas (person_id, level, school, major, graduated_on, "
		      "created_at) VALUES "
		      "($1,$2,$3,$4,$5,$6) RETURNING id";
		args[nargs++] = DV_S(lv);
		args[nargs++] = DV_S(school ? school : "");
		args[nargs++] = DV_S(major ? major : "");
		args[nargs++] = DV_S(g);
	} else {
		const char *gr = jreq(body, "grade", e), *nm = jreq(body, "name", e),
			   *on = jreq(body, "obtained_on", e);
		if (err_isset(e))
			return -1;
		if (strcmp(gr, "junior") && strcmp(gr, "intermediate") && strcmp(gr, "senior"))
			return err_set(e, 422, "invalid_value", "grade",
				       "职称等级应为 junior、intermediate 或 senior",
				       "grade must be junior, intermediate or senior");
		if (check_text(nm, "name", 60, true, e))
			return -1;
		if (date_parse(on, &ymd1) != 0)
			return err_set(e, 422, "invalid_date", "obtained_on", "日期格式应为 YYYY-MM-DD",
				       "dates are YYYY-MM-DD");
		sql = "INSERT INTO person_titles (person_id, grade, name, obtained_on, created_at) VALUES "
		      "($1,$2,$3,$4,$5) "
		      "RETURNING id";
		args[nargs++] = DV_S(gr);
		args[nargs++] = DV_S(nm);
		args[nargs++] = DV_S(on);
	}
	args[nargs++] = DV_I(now);
	if (db_begin(d, e) != 0)
		return -1;
	int64_t fid = -1;
	db_stmt *st = db_query(d, sql, args, nargs, e);
	int rc = st ? db_step(st) : DB_ERROR;
	if (rc == DB_ROW)
		fid = db_int(st, 0);
	db_done(st);
	if (rc != DB_ROW) {
		if (st)
			db_rc_to_err(d, rc, e);
		return tx_fail(d);
	}
	char t[24];
	json_t *det = json_deep_copy(body);
	json_object_set_new(det, "kind", json_string(kind));
	json_object_set_new(det, "fact_id", json_integer(fid));
	int arc = audit_append(d, a, "person.add_fact", "person", id_text(id, t), det, e);
	json_decref(det);
	if (arc != 0 || db_commit(d, e) != 0)
		return tx_fail(d);
	return fid;
}
