/* jobs.c: 就业服务 — job recommendations and employment outcomes (jobs.h) */
#include "util/common.h"
#include "svc/cultivation/jobs.h"
#include "svc/cultivation/groups.h"
#include "core/apprentice.h"
#include "core/date.h"
#include "core/ladder.h"
#include "core/scope.h"
#include "svc/base/scope.h"
#include "svc/base/tx.h"

#define CERT_MAX 32

struct held {
	char occ[32];
	int grade;
};

static json_t *posting_json(db_stmt *st, const struct held *h, const char *region)
{
	int rung = db_isnull(st, 8) ? -1 : (int)db_int(st, 8);
	char why_zh[400], why_en[400];
	snprintf(why_zh, sizeof why_zh, "持有%.31s证书（%s），岗位要求%s，工作地在%s", h->occ,
		 ladder_grade_label(h->grade), rung > 0 ? ladder_name_zh(rung) : "不限等级",
		 !strncmp(region, db_text(st, 2), 4) ? "本市" : "本地区");
	snprintf(why_en, sizeof why_en, "holds a certificate of %.31s (grade %d); the posting asks %s; in %s",
		 h->occ, h->grade, rung > 0 ? ladder_name_en(rung) : "any level",
		 !strncmp(region, db_text(st, 2), 4) ? "your city" : "your region");
	return json_pack("{s:I,s:s,s:s,s:s,s:s,s:I,s:o,s:o,s:o,s:s,s:o,s:s,s:s,s:s}", "id",
			 (json_int_t)db_int(st, 0), "employer", db_text(st, 1), "region_code", db_text(st, 2),
			 "occupation_code", db_text(st, 3), "title", db_text(st, 4), "vacancies",
			 (json_int_t)db_int(st, 5), "pay_min_fen",
			 db_isnull(st, 6) ? json_null() : json_integer(db_int(st, 6)), "pay_max_fen",
			 db_isnull(st, 7) ? json_null() : json_integer(db_int(st, 7)), "level",
			 rung >= 0 ? json_integer(rung) : json_null(), "level_zh",
			 rung > 0 ? ladder_name_zh(rung) : "", "closed_on",
			 db_isnull(st, 10) ? json_null() : json_string(db_text(st, 10)), "posted_on",
			 db_text(st, 9), "why_zh", why_zh, "why_en", why_en);
}

static int load_person(db *d, const principal *a, int64_t *person, char region[16], err *e)
{
	if (a->role == ROLE_CANDIDATE) {
		/* a worker reads their own: another's id is not found, as any person out of reach */
		if (*person > 0 && *person != a->person_id)
			return err_set(e, 404, "not_found", "person_id", "人员不存在", "no such person");
		*person = a->person_id;
	}
	if (*person <= 0)
		return err_set(e, 422, "missing_field", "person_id", "请指定人员", "person_id is required");
	if (scope_check(d, a, SE_PERSON, *person, SCOPE_READ, "person_id", e))
		return -1;
	db_stmt *st = db_query(d, "SELECT region_code FROM persons WHERE id = $1", DB_ARGS(DV_I(*person)), e);
	int row = st ? db_row(st, e) : -1;
	if (row == 1)
		snprintf(region, 16, "%s", db_text(st, 0));
	db_done(st);
	return row == 1 ? 0 : -1;
}

json_t *job_recommend_json(db *d, const principal *a, int64_t person, err *e)
{
	char region[16] = "", today[11], cat[32];
	if (load_person(d, a, &person, region, e) || group_valid_category(d, person, cat, e))
		return NULL;
	date_format(date_today_utc8(), today);
	struct held h[CERT_MAX];
	size_t nh = 0;
	json_t *certs = json_array();
	db_stmt *st = db_query(
		d,
		"SELECT occupation_code, MIN(level) FROM certificates WHERE person_id = $1 AND status "
		"= 'valid' AND level BETWEEN 1 AND 5 GROUP BY occupation_code ORDER BY occupation_code",
		DB_ARGS(DV_I(person)), e);
	while (st && nh < CERT_MAX && db_step(st) == DB_ROW) {
		snprintf(h[nh].occ, sizeof h[nh].occ, "%s", db_text(st, 0));
		h[nh].grade = (int)db_int(st, 1);
		json_array_append_new(certs,
				      json_pack("{s:s,s:i,s:s}", "occupation_code", h[nh].occ, "level",
						h[nh].grade, "level_zh", ladder_grade_label(h[nh].grade)));
		nh++;
	}
	if (!st || db_finish(st, e)) {
		json_decref(certs);
		return NULL;
	}
	json_t *items = json_array();
	st = db_query(
		d,
		"SELECT jp.id, jp.employer, jp.region_code, jp.occupation_code, jp.title, jp.vacancies, "
		"jp.pay_min_fen, jp.pay_max_fen, jp.level, jp.posted_on, jp.closed_on FROM job_postings jp "
		"WHERE jp.occupation_code IN (SELECT occupation_code FROM certificates WHERE person_id = $1 "
		"AND status = 'valid') AND jp.posted_on <= $2 AND (jp.closed_on IS NULL OR jp.closed_on >= "
		"$2) ORDER BY jp.posted_on DESC, jp.id DESC LIMIT 2000",
		DB_ARGS(DV_I(person), DV_S(today)), e);
	while (st && db_step(st) == DB_ROW && json_array_size(items) < 50) {
		if (!job_region_matches(region, db_text(st, 2)))
			continue;
		int rung = db_isnull(st, 8) ? 0 : (int)db_int(st, 8);
		int need = rung == WL_APPRENTICE ? 0 : ladder_grade(rung);
		if (rung != WL_APPRENTICE && need == 0)
			continue; /* 特级技师, 首席技师: appointed posts, no certificate reaches them */
		for (size_t i = 0; i < nh; i++)
			if (!strcmp(h[i].occ, db_text(st, 3)) && job_level_reaches(h[i].grade, need)) {
				json_array_append_new(items, posting_json(st, &h[i], region));
				break;
			}
	}
	if (!st || db_finish(st, e)) {
		json_decref(certs);
		json_decref(items);
		return NULL;
	}
	return json_pack("{s:I,s:s,s:o,s:o,s:o}", "person_id", (json_int_t)person, "region_code", region,
			 "certificates", certs, "category", cat[0] ? json_string(cat) : json_null(), "items",
			 items);
}

struct send_ctx {
	int64_t person, id;
	const char *category;
	char *detail;
	size_t n;
};

static int send_work(tx *t, void *ctx, err *e)
{
	struct send_ctx *c = ctx;
	if (group_service_insert(t, c->person, "job_recommendation", c->category, c->detail, &c->id, e))
		return -1;
	tx_audit(t, "person_service.log", "person", c->person,
		 json_pack("{s:I,s:s,s:o,s:I}", "service_id", (json_int_t)c->id, "kind", "job_recommendation",
			   "category", c->category ? json_string(c->category) : json_null(), "postings",
			   (json_int_t)c->n));
	return 0;
}

json_t *job_recommend_send(db *d, const principal *a, int64_t person, err *e)
{
	if (a->role == ROLE_CANDIDATE || a->role == ROLE_PUBLIC)
		return err_set(e, 403, "forbidden", NULL, "岗位推荐由人社部门或机构发送",
			       "the bureau or an institution sends recommendations"),
		       NULL;
	if (person > 0 && scope_check(d, a, SE_PERSON, person, SCOPE_WRITE, "person_id", e))
		return NULL;
	json_t *r = job_recommend_json(d, a, person, e);
	if (!r)
		return NULL;
	json_t *items = json_object_get(r, "items"), *ids = json_array(), *x;
	size_t i;
	json_array_foreach(items, i, x) json_array_append(ids, json_object_get(x, "id"));
	json_t *cat = json_object_get(r, "category");
	json_t *det = json_pack("{s:o}", "postings", ids);
	struct send_ctx c = {.person = json_integer_value(json_object_get(r, "person_id")),
			     .category = json_is_string(cat) ? json_string_value(cat) : NULL,
			     .detail = json_dumps(det, JSON_COMPACT),
			     .n = json_array_size(ids)};
	int rc = svc_tx(d, a, send_work, &c, e);
	free(c.detail);
	if (rc) {
		json_decref(det);
		json_decref(r);
		return NULL;
	}
	json_t *out = json_pack("{s:I,s:O,s:o}", "service_id", (json_int_t)c.id, "postings",
				json_object_get(det, "postings"), "recommendations", r);
	json_decref(det);
	return out;
}

/* ---- outcomes ---- */

struct ref_facts {
	int64_t inst, employer, ref_id;
	char ref_on[11], region[16], programme[40];
};

static int load_ref(db *d, const struct outcome_input *in, struct ref_facts *f, err *e)
{
	memset(f, 0, sizeof *f);
	const char *sql = NULL;
	if (!strcmp(in->ref_kind, "class"))
		/* the class's 培养项目 tag (cult_class_tags), when it has one */
		sql = "SELECT c.institution_id, 0, c.ends_on, i.region_code, COALESCE((SELECT "
		      "ct.programme_code "
		      "FROM cult_class_tags ct WHERE ct.class_id = c.id), ''), c.id FROM training_classes c "
		      "JOIN "
		      "institutions i ON i.id = c.institution_id JOIN training_enrolments x ON x.class_id = "
		      "c.id "
		      "AND x.person_id = $2 WHERE c.id = $1 AND $3 = $3";
	else if (!strcmp(in->ref_kind, "apprenticeship"))
		sql = "SELECT ap.trainer_id, ap.employer_id, ap.completed_on, ap.region_code, '', ap.id FROM "
		      "apprenticeships ap WHERE ap.id = $1 AND ap.person_id = $2 AND ap.status = 'completed' "
		      "AND $3 = $3";
	else if (!strcmp(in->ref_kind, "certificate"))
		sql = "SELECT c.institution_id, 0, c.issued_on, i.region_code, '', c.id FROM certificates c "
		      "JOIN "
		      "institutions i ON i.id = c.institution_id WHERE c.number = $3 AND c.person_id = $2 "
		      "AND "
		      "c.status = 'valid' AND $1 = $1";
	else
		return err_set(e, 422, "invalid_value", "ref_kind",
			       "ref_kind 应为 class、apprenticeship 或 certificate",
			       "ref_kind is class, apprenticeship or certificate");
	db_stmt *st = db_query(d, sql,
			       DB_ARGS(DV_I(in->ref_id), DV_I(in->person_id),
				       DV_S(in->certificate_no ? in->certificate_no : "")),
			       e);
	int row = st ? db_row(st, e) : -1;
	if (row == 1) {
		f->inst = db_int(st, 0);
		f->employer = db_int(st, 1);
		snprintf(f->ref_on, sizeof f->ref_on, "%s", db_text(st, 2));
		snprintf(f->region, sizeof f->region, "%s", db_text(st, 3));
		snprintf(f->programme, sizeof f->programme, "%s", db_text(st, 4));
		f->ref_id = db_int(st, 5);
	}
	db_done(st);
	if (row < 0)
		return -1;
	if (row == 0)
		return err_set(
			e, 404, "not_found", "ref_id", "未找到该人员的培训班、已结业的学徒培养或有效证书",
			"no class of the person, completed apprenticeship or valid certificate with this id");
	return 0;
}

struct oc_ctx {
	const struct outcome_input *in;
	const struct ref_facts *f;
	int within;
	int64_t id;
};

static int oc_work(tx *t, void *ctx, err *e)
{
	struct oc_ctx *c = ctx;
	const struct outcome_input *in = c->in;
	int64_t now = now_s();
	int rc = db_one_int(
		t->d,
		"INSERT INTO employment_outcomes (person_id, ref_kind, ref_id, ref_on, class_id, programme, "
		"institution_id, employed, employer_id, employer_name, posting_id, employed_on, within_6m, "
		"region_code, recorded_by, created_at, updated_at) VALUES "
		"($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$16) ON CONFLICT (person_id, "
		"ref_kind, "
		"ref_id) DO UPDATE SET programme = excluded.programme, employed = excluded.employed, "
		"employer_id = "
		"excluded.employer_id, employer_name = excluded.employer_name, posting_id = "
		"excluded.posting_id, "
		"employed_on = excluded.employed_on, within_6m = excluded.within_6m, recorded_by = "
		"excluded.recorded_by, updated_at = excluded.updated_at RETURNING id",
		DB_ARGS(DV_I(in->person_id), DV_S(in->ref_kind), DV_I(c->f->ref_id), DV_S(c->f->ref_on),
			!strcmp(in->ref_kind, "class") ? DV_I(in->ref_id) : DV_NULL,
			in->programme && *in->programme ? DV_S(in->programme)
			: c->f->programme[0]		? DV_S(c->f->programme)
							: DV_NULL,
			DV_I(c->f->inst), DV_I(in->employed),
			in->employer_id > 0 ? DV_I(in->employer_id) : DV_NULL,
			DV_S(in->employer_name ? in->employer_name : ""),
			in->posting_id > 0 ? DV_I(in->posting_id) : DV_NULL,
			in->employed && in->employed_on ? DV_S(in->employed_on) : DV_NULL, DV_I(c->within),
			DV_S(c->f->region), DV_I(t->a->user_id), DV_I(now)),
		&c->id, e);
	if (rc != DB_OK)
		return db_rc_to_err(t->d, rc, e);
	tx_audit(t, "employment_outcome.put", "person", in->person_id,
		 json_pack("{s:I,s:s,s:I,s:b,s:b}", "outcome_id", (json_int_t)c->id, "ref_kind", in->ref_kind,
			   "ref_id", (json_int_t)c->f->ref_id, "employed", in->employed != 0, "within_6m",
			   c->within != 0));
	return 0;
}

static json_t *outcome_view(db_stmt *st)
{
	return json_pack("{s:I,s:I,s:s,s:I,s:s,s:o,s:b,s:s,s:o,s:b,s:s}", "id", (json_int_t)db_int(st, 0),
			 "person_id", (json_int_t)db_int(st, 1), "ref_kind", db_text(st, 2), "ref_id",
			 (json_int_t)db_int(st, 3), "ref_on", db_text(st, 4), "institution_id",
			 db_isnull(st, 5) ? json_null() : json_integer(db_int(st, 5)), "employed",
			 db_int(st, 6) != 0, "employer_name", db_text(st, 7), "employed_on",
			 db_isnull(st, 8) ? json_null() : json_string(db_text(st, 8)), "within_6m",
			 db_int(st, 9) != 0, "region_code", db_text(st, 10));
}

json_t *outcome_put(db *d, const principal *a, const struct outcome_input *in, err *e)
{
	bool by_no = in->ref_kind && !strcmp(in->ref_kind, "certificate");
	if (!in->ref_kind || (by_no ? !in->certificate_no || !*in->certificate_no : in->ref_id <= 0) ||
	    in->person_id <= 0 || in->employed < 0)
		return err_set(e, 422, "missing_field",
			       in->person_id <= 0 ? "person_id"
			       : !in->ref_kind	  ? "ref_kind"
			       : by_no		  ? (in->certificate_no && *in->certificate_no ? "employed"
											       : "certificate_no")
			       : in->ref_id <= 0  ? "ref_id"
						  : "employed",
			       "缺少人员、培训依据或就业情况",
			       "person_id, ref_kind, ref_id and employed are required"),
		       NULL;
	if (check_text(in->employer_name, "employer_name", 100, in->employed == 1, e) ||
	    check_text(in->programme, "programme", 40, false, e))
		return NULL;
	struct ref_facts f;
	if (load_ref(d, in, &f, e))
		return NULL;
	scope_owner o = {.found = true, .institution_id = f.inst};
	snprintf(o.region, sizeof o.region, "%s", f.region);
	bool employer = a->role == ROLE_INSTITUTION_ADMIN && f.employer && a->institution_id == f.employer;
	if (!employer && scope_decide(a, SE_INSTITUTION, &o, SCOPE_WRITE) != 0)
		return err_set(e, 404, "not_found", "ref_id", "未找到本单位、本地区的该培训依据",
			       "no such reference of yours or in your region"),
		       NULL;
	int ref = 0, on = 0;
	if (date_parse(f.ref_on, &ref) != 0)
		return err_set(e, 409, "not_completed", "ref_id", "培训尚无结业日期",
			       "the training has no end date"),
		       NULL;
	if (in->employed &&
	    (!in->employed_on || date_parse(in->employed_on, &on) != 0 || on > date_today_utc8()))
		return err_set(e, 422, "invalid_date", "employed_on", "就业日期应为不晚于今天的 YYYY-MM-DD",
			       "employed_on is a date not after today"),
		       NULL;
	struct oc_ctx c = {.in = in, .f = &f, .within = in->employed && within_months(ref, on, 6)};
	if (svc_tx(d, a, oc_work, &c, e))
		return NULL;
	json_t *r = row_json(
		db_query(d,
			 "SELECT id, person_id, ref_kind, ref_id, ref_on, institution_id, employed, "
			 "employer_name, employed_on, within_6m, region_code FROM employment_outcomes "
			 "WHERE id = $1",
			 DB_ARGS(DV_I(c.id)), e),
		outcome_view, e);
	return r;
}

static json_t *sum_view(db_stmt *st)
{
	int64_t total = db_int(st, 2), w6 = db_int(st, 4);
	return json_pack("{s:s,s:s,s:I,s:I,s:I,s:f}", "key", db_text(st, 0), "name", db_text(st, 1), "total",
			 (json_int_t)total, "employed", (json_int_t)db_int(st, 3), "within_6m",
			 (json_int_t)w6, "rate_6m", total ? (double)w6 / (double)total : 0.0);
}

json_t *outcome_summary_json(db *d, const principal *a, const char *by, err *e)
{
	const char *key, *name, *join = "";
	if (!by || !strcmp(by, "institution")) {
		by = "institution";
		key = "CAST(eo.institution_id AS TEXT)";
		name = "COALESCE(i.name, '')";
		join = " LEFT JOIN institutions i ON i.id = eo.institution_id";
	} else if (!strcmp(by, "class")) {
		key = "CAST(eo.class_id AS TEXT)";
		name = "COALESCE(MAX(t.title), '')";
		join = " LEFT JOIN training_classes c ON c.id = eo.class_id LEFT JOIN training_courses t ON "
		       "t.id = "
		       "c.course_id";
	} else if (!strcmp(by, "programme")) {
		key = "eo.programme";
		name = "eo.programme";
	} else
		return err_set(e, 422, "invalid_value", "by", "by 应为 institution、class 或 programme",
			       "by is institution, class or programme"),
		       NULL;
	char sql[1200], pat[24];
	snprintf(pat, sizeof pat, "%s%%", a->region);
	bool inst = a->role == ROLE_INSTITUTION_ADMIN || a->role == ROLE_INSTITUTION_STAFF;
	int n = snprintf(
		sql, sizeof sql,
		"SELECT %s, %s, COUNT(*), SUM(eo.employed), SUM(eo.within_6m) FROM employment_outcomes "
		"eo%s WHERE %s IS NOT NULL AND %s GROUP BY %s%s ORDER BY 1",
		key, name, join, key,
		a->role == ROLE_PROVINCE_ADMIN ? "$1 = $1 AND $2 = $2"
		: inst			       ? "$1 = $1 AND eo.institution_id = $2"
					       : "eo.region_code LIKE $1 AND $2 = $2",
		key, !strcmp(by, "institution") ? ", i.name" : "");
	if (n < 0 || (size_t)n >= sizeof sql)
		return ERR_INTERNAL(e, "outcome summary SQL too long"), NULL;
	if (!inst && a->role != ROLE_PROVINCE_ADMIN && a->role != ROLE_CITY_ADMIN)
		return err_set(e, 403, "forbidden", NULL, "无权查看就业去向统计",
			       "not allowed to read the outcomes"),
		       NULL;
	json_t *items =
		rows_json(db_query(d, sql, DB_ARGS(DV_S(pat), DV_I(a->institution_id)), e), sum_view, e);
	return items ? json_pack("{s:s,s:o}", "by", by, "items", items) : NULL;
}
