/* groups.c: 重点群体 — the kinds, a person's flags with source and validity, the services logged (groups.h)
 */
#include "util/common.h"
#include "svc/cultivation/groups.h"
#include "core/date.h"
#include "core/scope.h"
#include "svc/base/scope.h"
#include "svc/stats/group_counts.h"

static const char *const service_kinds[][2] = {
	{"job_recommendation", "岗位推荐"},
	{"skill_training", "技能培训"},
	{"employment_aid", "就业帮扶"},
};

static const char *service_zh(const char *k)
{
	for (size_t i = 0; i < ARRAY_LEN(service_kinds); i++)
		if (!strcmp(k, service_kinds[i][0]))
			return service_kinds[i][1];
	return NULL;
}

static const char *const sources[][2] = {
	{"import", "部门名单导入"},
	{"declared", "本人申报"},
	{"verified", "人社部门核实"},
};

static const char *source_zh(const char *k)
{
	for (size_t i = 0; i < ARRAY_LEN(sources); i++)
		if (!strcmp(k, sources[i][0]))
			return sources[i][1];
	return NULL;
}

static json_t *kind_view(db_stmt *st)
{
	return json_pack("{s:s,s:s,s:s}", "code", db_text(st, 0), "name", db_text(st, 1), "source",
			 db_text(st, 2));
}

json_t *group_kinds_json(db *d, err *e)
{
	json_t *items = rows_json(
		db_query(d, "SELECT code, name, source FROM person_category_kinds ORDER BY position",
			 DB_NOARGS, e),
		kind_view, e);
	return items ? json_pack("{s:o}", "items", items) : NULL;
}

static void today_text(char out[11])
{
	date_format(date_today_utc8(), out);
}

static json_t *flag_view(db_stmt *st)
{
	return json_pack("{s:s,s:s,s:s,s:s,s:s,s:o,s:b,s:s,s:I}", "category", db_text(st, 0), "name",
			 db_text(st, 1), "source", db_text(st, 2), "source_zh", source_zh(db_text(st, 2)),
			 "valid_from", db_text(st, 3), "valid_to",
			 db_isnull(st, 4) ? json_null() : json_string(db_text(st, 4)), "valid_now",
			 db_int(st, 5) != 0, "evidence", db_text(st, 6), "updated_at",
			 (json_int_t)db_int(st, 7));
}

static json_t *service_view(db_stmt *st)
{
	json_t *det = json_loads(db_text(st, 3), 0, NULL);
	return json_pack("{s:I,s:s,s:s,s:o,s:o,s:I}", "id", (json_int_t)db_int(st, 0), "kind", db_text(st, 1),
			 "kind_zh", service_zh(db_text(st, 1)), "category",
			 db_isnull(st, 2) ? json_null() : json_string(db_text(st, 2)), "detail",
			 det ? det : json_object(), "created_at", (json_int_t)db_int(st, 4));
}

json_t *group_person_json(db *d, const principal *a, int64_t person, err *e)
{
	if (scope_check(d, a, SE_PERSON, person, SCOPE_READ, NULL, e))
		return NULL;
	char today[11];
	today_text(today);
	json_t *flags = rows_json(
		db_query(d,
			 "SELECT pc.category, k.name, pc.source, pc.valid_from, pc.valid_to, CASE WHEN "
			 "pc.valid_from <= $2 AND (pc.valid_to IS NULL OR pc.valid_to >= $2) THEN 1 ELSE 0 "
			 "END, "
			 "pc.evidence, pc.updated_at FROM person_categories pc JOIN person_category_kinds k "
			 "ON "
			 "k.code = pc.category WHERE pc.person_id = $1 ORDER BY k.position",
			 DB_ARGS(DV_I(person), DV_S(today)), e),
		flag_view, e);
	json_t *svc =
		flags ? rows_json(
				db_query(d,
					 "SELECT id, kind, category, detail, created_at FROM person_services "
					 "WHERE person_id = $1 ORDER BY id DESC LIMIT 100",
					 DB_ARGS(DV_I(person)), e),
				service_view, e)
		      : NULL;
	if (!svc) {
		json_decref(flags);
		return NULL;
	}
	return json_pack("{s:I,s:o,s:o}", "person_id", (json_int_t)person, "categories", flags, "services",
			 svc);
}

int group_valid_category(db *d, int64_t person, char out[32], err *e)
{
	char today[11];
	today_text(today);
	out[0] = 0;
	db_stmt *st = db_query(
		d,
		"SELECT pc.category FROM person_categories pc JOIN person_category_kinds k ON k.code = "
		"pc.category WHERE pc.person_id = $1 AND pc.valid_from <= $2 AND (pc.valid_to IS NULL OR "
		"pc.valid_to >= $2) ORDER BY k.position",
		DB_ARGS(DV_I(person), DV_S(today)), e);
	int row = st ? db_row(st, e) : -1;
	if (row == 1)
		snprintf(out, 32, "%s", db_text(st, 0));
	db_done(st);
	return row < 0 ? -1 : 0;
}

struct flag_ctx {
	int64_t person;
	const char *category, *region;
	const struct group_flag_input *in;
};

int group_flag_write(db *d, int64_t user, int64_t person, const char *category, const char *region,
		     const struct group_flag_input *in, err *e)
{
	const char *to = in->valid_to && *in->valid_to ? in->valid_to : NULL;
	/* the person's counted rows of this category by 重点群体 (svc/stats/group_counts.h): out under the
	 * flag as it was, in under the flag as it is now */
	if (group_count_flag(d, person, category, -1, e) != 0)
		return -1;
	if (db_run(d,
		   "INSERT INTO person_categories (person_id, category, source, valid_from, valid_to, "
		   "region_code, "
		   "evidence, recorded_by, created_at, updated_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$9) ON "
		   "CONFLICT (person_id, category) DO UPDATE SET source = excluded.source, valid_from = "
		   "excluded.valid_from, valid_to = excluded.valid_to, evidence = excluded.evidence, "
		   "recorded_by = "
		   "excluded.recorded_by, updated_at = excluded.updated_at",
		   DB_ARGS(DV_I(person), DV_S(category), DV_S(in->source), DV_S(in->valid_from), DV_SN(to),
			   DV_S(region), DV_S(in->evidence ? in->evidence : ""), DV_I(user), DV_I(now_s())),
		   e) < 0)
		return -1;
	return group_count_flag(d, person, category, +1, e);
}

static int flag_work(tx *t, void *ctx, err *e)
{
	struct flag_ctx *c = ctx;
	const struct group_flag_input *in = c->in;
	const char *to = in->valid_to && *in->valid_to ? in->valid_to : NULL;
	if (group_flag_write(t->d, t->a->user_id, c->person, c->category, c->region, in, e) != 0)
		return -1;
	tx_audit(t, "person_category.put", "person", c->person,
		 json_pack("{s:s,s:s,s:s,s:o}", "category", c->category, "source", in->source, "valid_from",
			   in->valid_from, "valid_to", to ? json_string(to) : json_null()));
	return 0;
}

json_t *group_flag_put(db *d, const principal *a, int64_t person, const char *category,
		       const struct group_flag_input *in, err *e)
{
	if (a->role == ROLE_INSTITUTION_ADMIN || a->role == ROLE_INSTITUTION_STAFF)
		return err_set(e, 403, "forbidden", NULL, "重点群体身份由本人申报或人社部门导入、核实",
			       "a category is declared by the person or imported and verified by the bureau"),
		       NULL;
	if (scope_check(d, a, SE_PERSON, person, SCOPE_WRITE, NULL, e))
		return NULL;
	if (!in->source || !source_zh(in->source))
		return err_set(e, 422, "invalid_value", "source", "来源应为 import、declared 或 verified",
			       "source is import, declared or verified"),
		       NULL;
	if (a->role == ROLE_CANDIDATE && strcmp(in->source, "declared"))
		return err_set(e, 422, "invalid_value", "source",
			       "本人只能申报（declared），导入与核实由人社部门进行",
			       "a person only declares; the bureau imports and verifies"),
		       NULL;
	int from = 0, to = 0;
	if (!in->valid_from || date_parse(in->valid_from, &from) != 0)
		return err_set(e, 422, "invalid_date", "valid_from", "有效期起始应为 YYYY-MM-DD",
			       "valid_from is a date (YYYY-MM-DD)"),
		       NULL;
	if (in->valid_to && *in->valid_to && (date_parse(in->valid_to, &to) != 0 || to < from))
		return err_set(e, 422, "invalid_date", "valid_to",
			       "有效期截止应为不早于起始日期的 YYYY-MM-DD",
			       "valid_to is a date not before valid_from"),
		       NULL;
	if (check_text(in->evidence, "evidence", 200, false, e))
		return NULL;
	int64_t n = 0;
	int rc = db_one_int(d, "SELECT COUNT(*) FROM person_category_kinds WHERE code = $1",
			    DB_ARGS(DV_S(category)), &n, e);
	if (rc != DB_OK)
		return db_rc_to_err(d, rc, e), NULL;
	if (!n)
		return err_set(e, 404, "not_found", "category", "没有这一重点群体类别", "no such category"),
		       NULL;
	char region[16] = "";
	db_stmt *st = db_query(d, "SELECT region_code FROM persons WHERE id = $1", DB_ARGS(DV_I(person)), e);
	if (st && db_row(st, e) == 1)
		snprintf(region, sizeof region, "%s", db_text(st, 0));
	db_done(st);
	if (err_isset(e))
		return NULL;
	struct flag_ctx c = {.person = person, .category = category, .region = region, .in = in};
	return svc_tx(d, a, flag_work, &c, e) ? NULL : group_person_json(d, a, person, e);
}

int group_service_insert(tx *t, int64_t person, const char *kind, const char *category, const char *detail,
			 int64_t *id, err *e)
{
	int rc = db_one_int(
		t->d,
		"INSERT INTO person_services (person_id, kind, category, region_code, detail, "
		"recorded_by, created_at) SELECT $1,$2,$3,p.region_code,$4,$5,$6 FROM persons p WHERE "
		"p.id = $1 RETURNING id",
		DB_ARGS(DV_I(person), DV_S(kind), category && *category ? DV_S(category) : DV_NULL,
			DV_S(detail ? detail : "{}"), DV_I(t->a->user_id), DV_I(now_s())),
		id, e);
	return rc == DB_OK ? 0 : db_rc_to_err(t->d, rc, e);
}

struct svc_ctx {
	int64_t person, id;
	const char *kind, *category;
	char *detail;
};

static int service_work(tx *t, void *ctx, err *e)
{
	struct svc_ctx *c = ctx;
	if (group_service_insert(t, c->person, c->kind, c->category, c->detail, &c->id, e))
		return -1;
	tx_audit(t, "person_service.log", "person", c->person,
		 json_pack("{s:I,s:s,s:o}", "service_id", (json_int_t)c->id, "kind", c->kind, "category",
			   c->category ? json_string(c->category) : json_null()));
	return 0;
}

json_t *group_service_log(db *d, const principal *a, int64_t person, const char *kind, const char *category,
			  json_t *detail, err *e)
{
	if (a->role == ROLE_CANDIDATE || a->role == ROLE_PUBLIC)
		return err_set(e, 403, "forbidden", NULL, "服务由人社部门或机构记录",
			       "the bureau or an institution logs a service"),
		       NULL;
	if (scope_check(d, a, SE_PERSON, person, SCOPE_WRITE, NULL, e))
		return NULL;
	if (!kind || !service_zh(kind))
		return err_set(e, 422, "invalid_value", "kind",
			       "服务类型应为 job_recommendation、skill_training 或 employment_aid",
			       "kind is job_recommendation, skill_training or employment_aid"),
		       NULL;
	if (category && *category) {
		int64_t n = 0;
		char today[11];
		today_text(today);
		int rc = db_one_int(
			d,
			"SELECT COUNT(*) FROM person_categories WHERE person_id = $1 AND category = $2 "
			"AND valid_from <= $3 AND (valid_to IS NULL OR valid_to >= $3)",
			DB_ARGS(DV_I(person), DV_S(category), DV_S(today)), &n, e);
		if (rc != DB_OK)
			return db_rc_to_err(d, rc, e), NULL;
		if (!n)
			return err_set(e, 422, "category_not_held", "category",
				       "该人员当前不属于这一重点群体",
				       "the person holds no valid flag of this category"),
			       NULL;
	}
	if (detail && !json_is_object(detail))
		return err_set(e, 422, "invalid_type", "detail", "detail 应为对象", "detail is an object"),
		       NULL;
	char *text = detail ? json_dumps(detail, JSON_COMPACT) : NULL;
	if (text && strlen(text) > 4000) {
		free(text);
		return err_set(e, 422, "too_long", "detail", "detail 过长", "detail is too long"), NULL;
	}
	struct svc_ctx c = {.person = person,
			    .kind = kind,
			    .category = category && *category ? category : NULL,
			    .detail = text};
	int rc = svc_tx(d, a, service_work, &c, e);
	free(text);
	return rc ? NULL : group_person_json(d, a, person, e);
}

static json_t *summary_view(db_stmt *st)
{
	return json_pack("{s:s,s:s,s:s,s:I,s:I}", "category", db_text(st, 0), "name", db_text(st, 1),
			 "region_code", db_text(st, 2), "persons", (json_int_t)db_int(st, 3), "services",
			 (json_int_t)db_int(st, 4));
}

json_t *group_summary_json(db *d, const principal *a, err *e)
{
	if (a->role != ROLE_PROVINCE_ADMIN && a->role != ROLE_CITY_ADMIN)
		return err_set(e, 403, "forbidden", NULL, "仅人社部门查看重点群体统计",
			       "the bureau reads the figures"),
		       NULL;
	char today[11], pat[24];
	today_text(today);
	snprintf(pat, sizeof pat, "%s%%", a->region);
	json_t *items = rows_json(
		db_query(d,
			 "SELECT x.category, k.name, x.city, COUNT(*), (SELECT COUNT(*) FROM person_services "
			 "s "
			 "WHERE s.category = x.category AND s.region_code LIKE substr(x.city, 1, 4) || '%') "
			 "FROM "
			 "(SELECT pc.category, substr(pc.region_code, 1, 4) || '00' AS city FROM "
			 "person_categories pc "
			 "WHERE pc.region_code LIKE $1 AND pc.valid_from <= $2 AND (pc.valid_to IS NULL OR "
			 "pc.valid_to >= $2)) x JOIN person_category_kinds k ON k.code = x.category GROUP BY "
			 "x.category, k.name, k.position, x.city ORDER BY k.position, x.city",
			 DB_ARGS(DV_S(pat), DV_S(today)), e),
		summary_view, e);
	return items ? json_pack("{s:o}", "items", items) : NULL;
}
