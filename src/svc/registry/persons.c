#include "util/common.h"
#include "svc/registry/persons.h"
#include "svc/registry/life_events.h"
#include "core/date.h"
#include "core/idnum.h"
#include "core/mask.h"
#include "core/phone.h"
#include "crypto/pii.h"
#include "util/arena.h"
#include "store/query.h"
#include "svc/base/columns.h"
#include "svc/base/tx.h"
#include "svc/registry/view.h"

/* a bounded copy as snprintf(dst, n, "%s", src) makes it, without the format machinery: validation runs
 * once per row of a bulk import, where the six formatted copies were 13 % of the loading thread */
static void copy_str(char *dst, size_t n, const char *src)
{
	size_t l = strnlen(src, n - 1);
	memcpy(dst, src, l);
	dst[l] = 0;
}

int person_validate(const struct person_input *in, int today_ymd, struct person_norm *out, err *e)
{
	memset(out, 0, sizeof *out);
	if (check_text(in->name, "name", 50, true, e) != 0)
		return -1;
	copy_str(out->name, sizeof out->name, in->name);
	enum id_type t = ID_RESIDENT;
	if (in->id_type && id_type_parse(in->id_type, &t) != 0)
		return err_set(e, 422, "invalid_id_type", "id_type", "证件类型无效：%s",
			       "unknown id_type '%s' (resident_id, passport, hk_macao_permit, taiwan_permit, "
			       "foreign_permanent_resident, other)",
			       in->id_type);
	copy_str(out->id_type, sizeof out->id_type, id_type_name(t));
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
		copy_str(out->id_number, sizeof out->id_number, info.normalized);
		out->gender[0] = info.gender;
		date_format(info.birth_ymd, out->birth_date);
		copy_str(out->region6, sizeof out->region6, info.region6);
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
		copy_str(out->region_code, sizeof out->region_code, in->region_code);
	}
	if (check_text(in->education, "education", 40, false, e) != 0)
		return -1;
	copy_str(out->education, sizeof out->education, in->education ? in->education : "");
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

struct create_ctx {
	const struct person_input *in;
	const struct person_norm *n;
	char region[8], idx[65], sidx[65], pidx[65], masked[48], pmasked[32];
	const char *sealed, *psealed;
	int64_t id;
	bool created;
};

static int create_work(tx *t, void *p, err *e)
{
	struct create_ctx *c = p;
	const struct person_norm *n = c->n;
	const principal *a = t->a;
	db *d = t->d;
	c->created = false;
	/* an existing person: institutions link it into their scope; others are told it exists */
	int64_t existing = 0;
	int rc = db_one_int(d, "SELECT id FROM persons WHERE id_index = $1", DB_ARGS(DV_S(c->idx)), &existing,
			    e);
	if (rc != DB_OK && rc != DB_NOT_FOUND)
		return -1;
	if (rc == DB_OK) {
		if (!a->institution_id)
			return err_set(e, 409, "person_exists", "id_number",
				       "该证件号码的人员已登记（编号 %lld）",
				       "a person with this ID number is already registered (id %lld)",
				       (long long)existing);
		/* knowing an ID number is not enough to pull a person into an institution's scope: the name
		 * sent must be the registered one */
		int64_t same = 0;
		if (db_one_int(d, "SELECT COUNT(*) FROM persons WHERE id = $1 AND name = $2",
			       DB_ARGS(DV_I(existing), DV_S(n->name)), &same, e) != DB_OK)
			return -1;
		if (!same)
			return err_set(e, 422, "name_mismatch", "name",
				       "该证件号码已登记，但姓名与登记信息不一致",
				       "a person with this ID number is registered under another name");
		if (link_institution(d, a->institution_id, existing, e) != 0)
			return -1;
		c->id = existing;
		tx_audit(t, "person.link", "person", existing,
			 json_pack("{s:I}", "institution_id", (json_int_t)a->institution_id));
		return 0;
	}
	int64_t now = now_s();
	db_stmt *st = db_query(
		d,
		"INSERT INTO persons (name, id_type, id_sealed, id_index, id_masked, gender, "
		"birth_date, phone_sealed, "
		"phone_index, phone_masked, region_code, employer_id, education, created_at, "
		"updated_at, id_suffix_index) VALUES "
		"($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$14,$15) RETURNING id",
		DB_ARGS(DV_S(n->name), DV_S(n->id_type), DV_S(c->sealed), DV_S(c->idx), DV_S(c->masked),
			n->gender[0] ? DV_S(n->gender) : DV_NULL,
			n->birth_date[0] ? DV_S(n->birth_date) : DV_NULL, DV_SN(c->psealed),
			c->psealed ? DV_S(c->pidx) : DV_NULL, c->psealed ? DV_S(c->pmasked) : DV_NULL,
			DV_S(c->region), c->in->employer_id > 0 ? DV_I(c->in->employer_id) : DV_NULL,
			DV_S(c->in->education ? c->in->education : ""), DV_I(now), DV_S(c->sidx)),
		e);
	rc = st ? db_step(st) : DB_ERROR;
	if (rc == DB_ROW)
		c->id = db_int(st, 0);
	db_done(st);
	if (rc != DB_ROW)
		return st ? db_rc_to_err(d, rc, e) : -1;
	if (a->institution_id && link_institution(d, a->institution_id, c->id, e) != 0)
		return -1;
	tx_audit(t, "person.create", "person", c->id,
		 json_pack("{s:s,s:s,s:s,s:s}", "name", n->name, "id_type", n->id_type, "id_number",
			   c->masked, "region_code", c->region));
	c->created = true;
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

	struct create_ctx c = {.in = in, .n = &n};
	snprintf(c.region, sizeof c.region, "%s", region);
	char field[48];
	snprintf(field, sizeof field, "id_number:%s", n.id_type);
	pii_blind_index(field, n.id_number, c.idx);
	if (!person_id_suffix_index(n.id_number, c.sidx))
		snprintf(c.sidx, sizeof c.sidx, "-");
	mask_id_number(n.id_number, c.masked, sizeof c.masked);
	arena *ar = arena_new();
	c.sealed = pii_seal(ar, "id_number", n.id_number);
	if (n.phone[0]) {
		c.psealed = pii_seal(ar, "phone", n.phone);
		pii_blind_index("phone", n.phone, c.pidx);
		mask_phone(n.phone, c.pmasked, sizeof c.pmasked);
	}
	int rc = svc_tx(d, a, create_work, &c, e);
	arena_free(ar);
	if (rc != 0)
		return -1;
	*created = c.created;
	return c.id;
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
	q_init(&q, "SELECT " PERSON_VIEW_COLS PERSON_VIEW_FROM);
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
		o = principal_sees_pii(a) ? person_view_full(st, ar) : person_view(st);
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
	/* 人员状态: a death or a move out of the province (life_events.c) */
	json_t *ev = person_life_events_json(d, id, e);
	if (!ev) {
		json_decref(o);
		return NULL;
	}
	json_object_set_new(o, "life_events", ev);
	return o;
}

bool person_id_suffix_index(const char *id_number, char out[65])
{
	out[0] = 0;
	size_t len = strlen(id_number);
	if (len < 6)
		return false;
	char suf[7];
	for (int i = 0; i < 6; i++) {
		char ch = id_number[len - 6 + i];
		suf[i] = ch >= 'a' && ch <= 'z' ? (char)(ch - 'a' + 'A') : ch;
	}
	suf[6] = 0;
	pii_blind_index("id_suffix", suf, out);
	return true;
}

/* six letters or digits: an ID number's last six characters, looked up by their own index (many may match) */
static bool id_suffix_form(const char *v)
{
	size_t len = strlen(v);
	bool alnum = len == 6;
	for (size_t i = 0; alnum && i < len; i++)
		alnum = (v[i] >= '0' && v[i] <= '9') || (v[i] >= 'a' && v[i] <= 'z') ||
			(v[i] >= 'A' && v[i] <= 'Z');
	return alnum;
}

void person_id_filter(query *w, const char *frag, const char *frag_suffix, const char *v)
{
	char idx[65], field[48], norm[40];
	if (id_suffix_form(v)) {
		/* the last 6 characters: through their own blind index, never by opening a sealed number */
		person_id_suffix_index(v, idx);
		q_and(w, frag_suffix, DV_S(idx));
		return;
	}
	/* the whole number: through the blind index; a malformed number simply matches nothing */
	idnum_info info;
	if (idnum_check(v, 99991231, &info) == IDNUM_OK)
		v = info.normalized;
	snprintf(norm, sizeof norm, "%s", v);
	snprintf(field, sizeof field, "id_number:%s", "resident_id");
	pii_blind_index(field, norm, idx);
	q_and(w, frag, DV_S(idx));
}

/* a whole number matches one person at most (its blind index is unique); a suffix may match many */
static bool id_number_unique(const char *v)
{
	return !id_suffix_form(v);
}

/* ?id_number=: the whole number or its last 6 characters, through the blind indexes */
static int filter_id_number(query *w, const char *frag, const char *v, err *e)
{
	UNUSED(e);
	UNUSED(frag);
	person_id_filter(w, "p.id_index = ?", "p.id_suffix_index = ?", v);
	return 0;
}

int person_suffix_backfill(db *d, int *n, err *e)
{
	*n = 0;
	/* done once: afterwards every person is written with its suffix index, and a start need not scan the
	 * table for rows without one */
	int64_t done = 0;
	int rc = db_one_int(d, "SELECT value FROM counters WHERE name = 'person_id_suffix_indexed'",
			    DB_NOARGS, &done, e);
	if (rc == DB_OK)
		return 0;
	if (rc != DB_NOT_FOUND)
		return -1;
	int64_t after = 0;
	for (;;) {
		/* batches of 500 in a transaction each: a large registry is indexed without one huge
		 * transaction. Each batch starts after the last id of the one before (the primary key's
		 * order): asking again for the first rows without an index made every batch scan the rows
		 * already indexed, and a 1,000,000-person registry took more than five minutes to start */
		db_stmt *st = db_query(d,
				       "SELECT id, id_sealed FROM persons WHERE id > $1 AND id_suffix_index "
				       "IS NULL ORDER BY "
				       "id LIMIT 500",
				       DB_ARGS(DV_I(after)), e);
		if (!st)
			return -1;
		int64_t ids[500];
		char idx[500][65];
		int k = 0;
		arena *ar = arena_new();
		while (db_step(st) == DB_ROW && k < 500) {
			const char *idn = pii_open(ar, "id_number", db_text(st, 1));
			ids[k] = db_int(st, 0);
			/* a value this key cannot open gets "-", which no search computes, so it is not read
			 * again */
			if (!idn || !person_id_suffix_index(idn, idx[k]))
				snprintf(idx[k], sizeof idx[k], "-");
			k++;
		}
		arena_free(ar);
		if (db_finish(st, e) != 0)
			return -1;
		if (k == 0)
			break;
		after = ids[k - 1];
		if (db_begin(d, e) != 0)
			return -1;
		for (int i = 0; i < k; i++)
			if (db_run(d, "UPDATE persons SET id_suffix_index = $2 WHERE id = $1",
				   DB_ARGS(DV_I(ids[i]), DV_S(idx[i])), e) < 0) {
				db_rollback(d);
				return -1;
			}
		if (db_commit(d, e) != 0)
			return -1;
		*n += k;
		if (k < 500)
			break;
	}
	return db_run(d,
		      "INSERT INTO counters (name, value) VALUES ('person_id_suffix_indexed', 1) ON CONFLICT "
		      "(name) DO NOTHING",
		      DB_NOARGS, e) < 0
		       ? -1
		       : 0;
}

/* ?phone=: exact look-up by phone through its blind index */
static int filter_phone(query *w, const char *frag, const char *v, err *e)
{
	UNUSED(e);
	char idx[65], norm[32];
	if (phone_normalize(v, norm, sizeof norm) != 0)
		snprintf(norm, sizeof norm, "-");
	pii_blind_index("phone", norm, idx);
	q_and(w, frag, DV_S(idx));
	return 0;
}

static const struct list_filter person_filters[] = {
	{"name", "p.name LIKE ?", LIST_STARTS},
	{"id_number", "p.id_index = ?", LIST_FN, .fn = filter_id_number, .unique = id_number_unique},
	{"phone", "p.phone_index = ?", LIST_FN, .fn = filter_phone},
	{"region_code", "p.region_code LIKE ?", LIST_REGION},
	{"employer_id", "p.employer_id = ?", LIST_ID},
	{"institution_id",
	 "EXISTS (SELECT 1 FROM institution_persons ip2 WHERE ip2.person_id = p.id AND ip2.institution_id = "
	 "?)",
	 LIST_ID},
};
static const struct list_sort person_sorts[] = {
	{"name", "p.name"}, {"created_at", "p.created_at"}, {"updated_at", "p.updated_at"}};

const struct list_spec person_list = {
	.name = "persons",
	.scoped = true,
	.entity = SE_PERSON,
	.count_sql = "SELECT COUNT(*) FROM persons p",
	.select_sql = "SELECT " PERSON_LIST_COLS PERSON_VIEW_FROM,
	.order = "p.id",
	LIST_FILTERS(person_filters),
	LIST_SORTS(person_sorts),
	.view = person_view,
	.write = person_write,
	LIST_COLS(cols_persons),
};

struct update_ctx {
	int64_t id;
	const struct person_input *in;
	const char *phone; /* normalised; "" clears it */
};

static int update_work(tx *t, void *p, err *e)
{
	struct update_ctx *c = p;
	const struct person_input *in = c->in;
	db *d = t->d;
	int64_t now = now_s();
	json_t *changed = json_array();
	tx_audit(t, "person.update", "person", c->id, json_pack("{s:o}", "changed", changed));
	struct {
		bool given;
		const char *col;
		dbv v;
	} sets[] = {
		{in->name != NULL, "name", DV_SN(in->name)},
		{in->education != NULL, "education", DV_SN(in->education)},
		{in->region_code != NULL, "region_code", DV_SN(in->region_code)},
		{in->employer_id != 0, "employer_id", in->employer_id > 0 ? DV_I(in->employer_id) : DV_NULL},
	};
	static const char *const sql[] = {
		"UPDATE persons SET name = $2, updated_at = $3 WHERE id = $1",
		"UPDATE persons SET education = $2, updated_at = $3 WHERE id = $1",
		"UPDATE persons SET region_code = $2, updated_at = $3 WHERE id = $1",
		"UPDATE persons SET employer_id = $2, updated_at = $3 WHERE id = $1",
	};
	for (size_t i = 0; i < ARRAY_LEN(sets); i++) {
		if (!sets[i].given)
			continue;
		if (db_run(d, sql[i], DB_ARGS(DV_I(c->id), sets[i].v, DV_I(now)), e) < 0)
			return -1;
		json_array_append_new(changed, json_string(sets[i].col));
	}
	if (in->phone) {
		int64_t rc;
		if (c->phone[0]) {
			char pidx[65], pm[32];
			pii_blind_index("phone", c->phone, pidx);
			mask_phone(c->phone, pm, sizeof pm);
			arena *ar = arena_new();
			rc = db_run(d,
				    "UPDATE persons SET phone_sealed = $2, phone_index = $3, phone_masked = "
				    "$4, updated_at = $5 WHERE id = $1",
				    DB_ARGS(DV_I(c->id), DV_S(pii_seal(ar, "phone", c->phone)), DV_S(pidx),
					    DV_S(pm), DV_I(now)),
				    e);
			arena_free(ar);
		} else {
			rc = db_run(
				d,
				"UPDATE persons SET phone_sealed = NULL, phone_index = NULL, phone_masked "
				"= NULL, updated_at = $2 WHERE id = $1",
				DB_ARGS(DV_I(c->id), DV_I(now)), e);
		}
		if (rc < 0)
			return -1;
		json_array_append_new(changed, json_string("phone"));
	}
	return 0;
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
	struct update_ctx c = {.id = id, .in = in, .phone = phone};
	return svc_tx(d, a, update_work, &c, e);
}

struct fact_ctx {
	int64_t id, fid;
	const struct person_fact *f;
	const char *sql;
	dbv args[6];
	int nargs;
};

static int fact_work(tx *t, void *p, err *e)
{
	struct fact_ctx *c = p;
	const struct person_fact *f = c->f;
	db_stmt *st = db_query(t->d, c->sql, c->args, c->nargs, e);
	if (!st)
		return -1;
	int rc = db_row(st, e);
	if (rc > 0)
		c->fid = db_int(st, 0);
	db_done(st);
	if (rc <= 0)
		return rc < 0 ? -1 : ERR_INTERNAL(e, "insert returned no id");
	json_t *det = json_object();
	const char *const keys[] = {"employer_name", "occupation_code", "start_date",	"end_date", "level",
				    "school",	     "major",		"graduated_on", "grade",    "name",
				    "obtained_on"};
	const char *const vals[] = {
		f->employer_name, f->occupation_code, f->start_date, f->end_date, f->level,	 f->school,
		f->major,	  f->graduated_on,    f->grade,	     f->name,	  f->obtained_on};
	for (size_t i = 0; i < ARRAY_LEN(keys); i++)
		if (vals[i])
			json_object_set_new(det, keys[i], json_string(vals[i]));
	json_object_set_new(det, "kind", json_string(person_fact_kind_name(f->kind)));
	json_object_set_new(det, "fact_id", json_integer(c->fid));
	tx_audit(t, "person.add_fact", "person", c->id, det);
	return 0;
}

const char *person_fact_kind_name(enum person_fact_kind k)
{
	return k == FACT_WORK ? "work_history" : k == FACT_DIPLOMA ? "diplomas" : "titles";
}

int64_t person_add_fact(db *d, const principal *a, int64_t id, const struct person_fact *f, err *e)
{
	if (scope_check(d, a, SE_PERSON, id, SCOPE_WRITE, NULL, e) != 0)
		return -1;
	if (a->role == ROLE_CANDIDATE)
		return err_set(e, 403, "forbidden", NULL, "工作经历、学历和职称须由机构或管理部门登记",
			       "work history, diplomas and titles are recorded by institutions or bureaus");
	int ymd1 = 0, ymd2 = 0;
	struct fact_ctx c = {.id = id, .f = f};
	c.args[c.nargs++] = DV_I(id);
	if (f->kind == FACT_WORK) {
		if (check_text(f->employer_name, "employer_name", 100, true, e))
			return -1;
		if (date_parse(f->start_date, &ymd1) != 0)
			return err_set(e, 422, "invalid_date", "start_date", "日期格式应为 YYYY-MM-DD",
				       "dates are YYYY-MM-DD");
		if (f->end_date && (date_parse(f->end_date, &ymd2) != 0 || ymd2 < ymd1))
			return err_set(e, 422, "invalid_date", "end_date", "结束日期无效或早于开始日期",
				       "end_date is invalid or before start_date");
		c.sql = "INSERT INTO person_work_history (person_id, employer_name, occupation_code, "
			"start_date, end_date, created_at) VALUES ($1,$2,$3,$4,$5,$6) RETURNING id";
		c.args[c.nargs++] = DV_S(f->employer_name);
		c.args[c.nargs++] = DV_SN(f->occupation_code);
		c.args[c.nargs++] = DV_S(f->start_date);
		c.args[c.nargs++] = DV_SN(f->end_date);
	} else if (f->kind == FACT_DIPLOMA) {
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
		bool ok = false;
		for (size_t i = 0; i < ARRAY_LEN(levels); i++)
			ok |= f->level && !strcmp(f->level, levels[i]);
		if (!ok)
			return err_set(e, 422, "invalid_value", "level", "学历层次无效：%s",
				       "unknown diploma level '%s'", f->level ? f->level : "");
		if (date_parse(f->graduated_on, &ymd1) != 0)
			return err_set(e, 422, "invalid_date", "graduated_on", "日期格式应为 YYYY-MM-DD",
				       "dates are YYYY-MM-DD");
		if (check_text(f->school, "school", 100, false, e) ||
		    check_text(f->major, "major", 100, false, e))
			return -1;
		c.sql = "INSERT INTO person_diplomas (person_id, level, school, major, graduated_on, "
			"created_at) VALUES ($1,$2,$3,$4,$5,$6) RETURNING id";
		c.args[c.nargs++] = DV_S(f->level);
		c.args[c.nargs++] = DV_S(f->school ? f->school : "");
		c.args[c.nargs++] = DV_S(f->major ? f->major : "");
		c.args[c.nargs++] = DV_S(f->graduated_on);
	} else {
		if (!f->grade || (strcmp(f->grade, "junior") && strcmp(f->grade, "intermediate") &&
				  strcmp(f->grade, "senior")))
			return err_set(e, 422, "invalid_value", "grade",
				       "职称等级应为 junior、intermediate 或 senior",
				       "grade must be junior, intermediate or senior");
		if (check_text(f->name, "name", 60, true, e))
			return -1;
		if (date_parse(f->obtained_on, &ymd1) != 0)
			return err_set(e, 422, "invalid_date", "obtained_on", "日期格式应为 YYYY-MM-DD",
				       "dates are YYYY-MM-DD");
		c.sql = "INSERT INTO person_titles (person_id, grade, name, obtained_on, created_at) VALUES "
			"($1,$2,$3,$4,$5) RETURNING id";
		c.args[c.nargs++] = DV_S(f->grade);
		c.args[c.nargs++] = DV_S(f->name);
		c.args[c.nargs++] = DV_S(f->obtained_on);
	}
	c.args[c.nargs++] = DV_I(now_s());
	return svc_tx(d, a, fact_work, &c, e) == 0 ? c.fid : -1;
}
