#include "util/common.h"
#include "svc/svc.h"
#include <time.h>

const char *jstr(json_t *o, const char *key, err *e)
{
	json_t *v = json_object_get(o, key);
	if (!v || json_is_null(v))
		return NULL;
	if (!json_is_string(v)) {
		if (!err_isset(e))
			err_set(e, 422, "invalid_type", key, "字段 %s 应为字符串",
				"field '%s' must be a string", key);
		return NULL;
	}
	return json_string_value(v);
}

const char *jreq(json_t *o, const char *key, err *e)
{
	const char *s = jstr(o, key, e);
	if ((!s || !*s) && !err_isset(e))
		err_set(e, 422, "missing_field", key, "缺少必填字段 %s", "missing required field '%s'", key);
	return s && *s ? s : NULL;
}

int64_t jint(json_t *o, const char *key, int64_t def, err *e)
{
	json_t *v = json_object_get(o, key);
	if (!v || json_is_null(v))
		return def;
	if (!json_is_integer(v)) {
		if (!err_isset(e))
			err_set(e, 422, "invalid_type", key, "字段 %s 应为整数",
				"field '%s' must be an integer", key);
		return def;
	}
	return json_integer_value(v);
}

int jbool(json_t *o, const char *key, int def, err *e)
{
	json_t *v = json_object_get(o, key);
	if (!v || json_is_null(v))
		return def;
	if (!json_is_boolean(v)) {
		if (!err_isset(e))
			err_set(e, 422, "invalid_type", key, "字段 %s 应为布尔值",
				"field '%s' must be true or false", key);
		return def;
	}
	return json_is_true(v);
}

size_t utf8_chars(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return n;
}

int check_text(const char *s, const char *field, size_t max_chars, bool required, err *e)
{
	if (!s || !*s) {
		if (required)
			return err_set(e, 422, "missing_field", field, "缺少必填字段 %s",
				       "missing required field '%s'", field);
		return 0;
	}
	size_t n = strlen(s);
	if (s[0] == ' ' || s[n - 1] == ' ')
		return err_set(e, 422, "invalid_text", field, "字段 %s 首尾不能有空格",
			       "field '%s' has leading or trailing spaces", field);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p < 0x20 || *p == 0x7f)
			return err_set(e, 422, "invalid_text", field, "字段 %s 含有控制字符",
				       "field '%s' contains control characters", field);
	if (utf8_chars(s) > max_chars)
		return err_set(e, 422, "invalid_text", field, "字段 %s 超过 %zu 个字符",
			       "field '%s' is longer than %zu characters", field, max_chars);
	return 0;
}

const char *id_text(int64_t id, char buf[24])
{
	snprintf(buf, 24, "%lld", (long long)id);
	return buf;
}

int64_t now_s(void)
{
	return (int64_t)time(NULL);
}

int tx_fail(db *d)
{
	db_rollback(d);
	return -1;
}

int write_scope_miss(db *d, const char *table, int64_t id, err *e)
{
	static const char *const sql[][2] = {
		{"persons", "SELECT COUNT(*) FROM persons WHERE id = $1"},
		{"institutions", "SELECT COUNT(*) FROM institutions WHERE id = $1"},
		{"users", "SELECT COUNT(*) FROM users WHERE id = $1"},
	};
	if (e->status != 404)
		return -1;
	for (size_t i = 0; i < ARRAY_LEN(sql); i++) {
		if (strcmp(sql[i][0], table))
			continue;
		int64_t n = 0;
		err e2 = {0};
		if (db_one_int(d, sql[i][1], DB_ARGS(DV_I(id)), &n, &e2) == DB_OK && n > 0)
			return err_set(e, 403, "forbidden", NULL, "该记录不在您的管辖范围内，无权修改",
				       "that record is outside your scope; you may not change it");
	}
	return -1;
}

void scope_rows(query *q, const principal *a, const char *inst_col, const char *region_col,
		const char *person_col)
{
	char frag[96], pat[20];
	switch (a->role) {
	case ROLE_PROVINCE_ADMIN:
	case ROLE_SUPERVISOR:
		return;
	case ROLE_CITY_ADMIN:
		snprintf(pat, sizeof pat, "%s%%", a->region);
		snprintf(frag, sizeof frag, "%s LIKE ?", region_col);
		q_and(q, frag, DV_S(pat));
		return;
	case ROLE_INSTITUTION_ADMIN:
	case ROLE_INSTITUTION_STAFF:
		snprintf(frag, sizeof frag, "%s = ?", inst_col);
		q_and(q, frag, DV_I(a->institution_id));
		return;
	case ROLE_CANDIDATE:
		snprintf(frag, sizeof frag, "%s = ?", person_col);
		q_and(q, frag, DV_I(a->person_id));
		return;
	default:
		q_and(q, "1 = 0", DV_NULL);
	}
}

int plan_owner(db *d, int64_t plan_id, int64_t *inst, char region[16], err *e)
{
	*inst = 0;
	region[0] = '\0';
	db_stmt *st =
		db_query(d,
			 "SELECT p.institution_id, i.region_code FROM plans p JOIN institutions i ON i.id = "
			 "p.institution_id WHERE p.id = $1",
			 DB_ARGS(DV_I(plan_id)), e);
	if (!st)
		return -1;
	if (db_step(st) == DB_ROW) {
		*inst = db_int(st, 0);
		snprintf(region, 16, "%s", db_text(st, 1));
	}
	db_done(st);
	return *inst ? 0 : err_set(e, 404, "not_found", NULL, "认定计划不存在", "no such plan");
}

bool plan_reader(const principal *a, int64_t inst, const char *region)
{
	switch (a->role) {
	case ROLE_PROVINCE_ADMIN:
	case ROLE_SUPERVISOR:
		return true;
	case ROLE_CITY_ADMIN:
		return !strncmp(region, a->region, strlen(a->region));
	case ROLE_INSTITUTION_ADMIN:
	case ROLE_INSTITUTION_STAFF:
	case ROLE_EXAMINER:
		return a->institution_id == inst;
	default:
		return false;
	}
}
