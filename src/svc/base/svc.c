#include "util/common.h"
#include "svc/base/svc.h"
#include "store/query.h"
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

json_t *json_ids(const int64_t *ids, size_t n)
{
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(arr, json_integer(ids[i]));
	return arr;
}

json_t *rows_json(db_stmt *st, json_t *(*view)(db_stmt *st), err *e)
{
	if (!st)
		return NULL;
	json_t *items = json_array();
	while (db_step(st) == DB_ROW)
		json_array_append_new(items, view(st));
	if (db_finish(st, e) != 0) {
		json_decref(items);
		return NULL;
	}
	return items;
}

db_stmt *scoped_row(db *d, const principal *a, const char *select, const char *id_frag, int64_t id,
		    enum scope_entity ent, err *e)
{
	query q;
	q_init(&q, select);
	q_and(&q, id_frag, DV_I(id));
	scope_where(&q, a, ent, SCOPE_READ);
	db_stmt *st = q_query(d, &q, e);
	q_free(&q);
	return st;
}

json_t *row_json(db_stmt *st, json_t *(*view)(db_stmt *st), err *e)
{
	if (!st)
		return NULL;
	json_t *o = db_row(st, e) > 0 ? view(st) : NULL;
	db_done(st);
	return o;
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

/* one UTF-8 sequence at p: its length and code point, or -1 when malformed (overlong, surrogate, > U+10FFFF)
 */
static int utf8_decode(const unsigned char *p, uint32_t *cp)
{
	static const uint32_t min[] = {0, 0, 0x80, 0x800, 0x10000};
	int len = p[0] < 0x80		  ? 1
		  : (p[0] & 0xe0) == 0xc0 ? 2
		  : (p[0] & 0xf0) == 0xe0 ? 3
		  : (p[0] & 0xf8) == 0xf0 ? 4
					  : -1;
	if (len < 0)
		return -1;
	uint32_t c = len == 1 ? p[0] : p[0] & (0x7f >> len);
	for (int i = 1; i < len; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return -1;
		c = (c << 6) | (p[i] & 0x3f);
	}
	if (c < min[len] || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return -1;
	*cp = c;
	return len;
}

/* characters that change how the text around them is shown without showing themselves: the bidi controls
 * (U+061C, U+200E/F, U+202A-202E, U+2066-2069), zero-width and joiner characters, invisible operators, the
 * deprecated format characters, the BOM, interlinear annotation marks and tag characters (Unicode Cf) */
bool invisible_format(uint32_t cp)
{
	return cp == 0xad || cp == 0x34f || cp == 0x61c || cp == 0x115f || cp == 0x1160 ||
	       (cp >= 0x17b4 && cp <= 0x17b5) || (cp >= 0x180b && cp <= 0x180f) ||
	       (cp >= 0x200b && cp <= 0x200f) || (cp >= 0x2028 && cp <= 0x202e) ||
	       (cp >= 0x2060 && cp <= 0x206f) || cp == 0x3164 || (cp >= 0xfe00 && cp <= 0xfe0f) ||
	       cp == 0xfeff || cp == 0xffa0 || (cp >= 0xfff0 && cp <= 0xfffb) ||
	       (cp >= 0xe0000 && cp <= 0xe0fff);
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
	for (const unsigned char *p = (const unsigned char *)s; *p;) {
		uint32_t cp = 0;
		int len = utf8_decode(p, &cp);
		if (len < 0)
			return err_set(e, 422, "invalid_text", field, "字段 %s 不是有效的 UTF-8 文本",
				       "field '%s' is not valid UTF-8", field);
		if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0))
			return err_set(e, 422, "invalid_text", field, "字段 %s 含有控制字符",
				       "field '%s' contains control characters", field);
		if (invisible_format(cp))
			return err_set(e, 422, "invalid_text", field,
				       "字段 %s 含有不可见的格式字符（U+%04X）",
				       "field '%s' contains an invisible format character (U+%04X)", field,
				       (unsigned)cp);
		p += len;
	}
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
