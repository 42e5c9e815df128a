/* req.c: helpers handlers use to read a request and shape a reply. */
#include "util/common.h"
#include "http/req.h"
#include "util/csvread.h"
#include <microhttpd.h>

const char *req_query(req *r, const char *key)
{
	const char *v = MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, key);
	return v && *v ? v : NULL;
}

static int too_long(req *r, const char *name, size_t len, size_t max)
{
	return err_set(&r->e, 422, "too_long", name, "参数 %s 过长（%zu 字节，最多 %zu 字节）",
		       "parameter '%s' is too long (%zu bytes, at most %zu)", name, len, max);
}

static int not_utf8(req *r, const char *name)
{
	return err_set(&r->e, 422, "invalid_encoding", name, "参数 %s 不是有效的 UTF-8 文本",
		       "parameter '%s' is not valid UTF-8 text", name);
}

struct long_arg {
	size_t max;
	const char *key;
	size_t len;
	bool not_utf8;
};

static enum MHD_Result find_long(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
	UNUSED(kind);
	struct long_arg *la = cls;
	size_t n = value ? strlen(value) : 0, k = key ? strlen(key) : 0;
	if (n > la->max || k > la->max) {
		la->key = k <= la->max && utf8_valid(key, k) ? key : "?";
		la->len = n > k ? n : k;
		return MHD_NO;
	}
	if ((key && !utf8_valid(key, k)) || (value && !utf8_valid(value, n))) {
		/* a reply naming the parameter must itself be UTF-8 (JSON) */
		la->key = key && utf8_valid(key, k) ? key : "?";
		la->not_utf8 = true;
		return MHD_NO;
	}
	return MHD_YES;
}

int req_check_lengths(req *r, const char *pattern, size_t max)
{
	/* path parameters, named by the pattern's {name} segments in order */
	int i = 0;
	for (const char *p = pattern ? strchr(pattern, '{') : NULL; p && i < r->nparams;
	     p = strchr(p + 1, '{'), i++) {
		size_t n = strlen(r->params[i]);
		bool utf8 = utf8_valid(r->params[i], n);
		if (n > max || !utf8) {
			const char *end = strchr(p, '}');
			char *name = arena_strndup(r->a, p + 1, end ? (size_t)(end - p - 1) : strlen(p + 1));
			return n > max ? too_long(r, name, n, max) : not_utf8(r, name);
		}
	}
	struct long_arg la = {.max = max};
	if (r->conn)
		MHD_get_connection_values(r->conn, MHD_GET_ARGUMENT_KIND, find_long, &la);
	if (!la.key)
		return 0;
	return la.not_utf8 ? not_utf8(r, la.key) : too_long(r, la.key, la.len, max);
}

const char *req_header(req *r, const char *key)
{
	return MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, key);
}

static void decref(void *p)
{
	json_decref(p);
}

json_t *req_keep(req *r, json_t *v)
{
	if (v)
		arena_on_free(r->a, decref, v);
	return v;
}

json_t *req_json(req *r)
{
	if (!r->body.len) {
		err_set(&r->e, 400, "body_required", NULL, "请求体不能为空，应为 JSON 对象",
			"a JSON object is required as the request body");
		return NULL;
	}
	json_error_t je;
	json_t *v = json_loadb(r->body.ptr, r->body.len, JSON_REJECT_DUPLICATES, &je);
	if (!v) {
		err_set(&r->e, 400, "malformed_json", NULL, "JSON 格式错误（第 %d 行第 %d 列）：%s",
			"malformed JSON at line %d column %d: %s", je.line, je.column, je.text);
		return NULL;
	}
	req_keep(r, v);
	if (!json_is_object(v)) {
		err_set(&r->e, 400, "malformed_json", NULL, "请求体应为 JSON 对象",
			"the body must be a JSON object");
		return NULL;
	}
	return v;
}

int64_t req_param_id(req *r, int i)
{
	const char *s = i < r->nparams ? r->params[i] : NULL;
	char *end;
	long long v = s ? strtoll(s, &end, 10) : 0;
	if (!s || *end || v <= 0 || *s == '+' || *s == ' ') {
		err_set(&r->e, 404, "not_found", NULL, "记录不存在", "not found");
		return -1;
	}
	return v;
}

static int parse_pos(req *r, const char *name, int64_t def, int64_t max, int64_t *out)
{
	const char *s = req_query(r, name);
	*out = def;
	if (!s)
		return 0;
	char *end;
	long long v = strtoll(s, &end, 10);
	if (*end || v < 1 || v > max)
		return err_set(&r->e, 422, "invalid_paging", name, "分页参数 %s 应为 1 到 %lld 之间的整数",
			       "%s must be an integer from 1 to %lld", name, (long long)max);
	*out = v;
	return 0;
}

int req_paging(req *r, int64_t *limit, int64_t *offset)
{
	int64_t page, size;
	if (parse_pos(r, "page", 1, 1000000000, &page) || parse_pos(r, "page_size", 20, 500, &size))
		return -1;
	*limit = size;
	*offset = (page - 1) * size;
	return 0;
}

int req_reply(req *r, int status, json_t *body)
{
	r->status = status;
	if (r->out)
		json_decref(r->out);
	r->out = body;
	return 0;
}

int req_reply_text(req *r, int status, buf *b)
{
	if (!buf_ok(b)) {
		buf_free(b);
		return ERR_INTERNAL(&r->e, "out of memory writing a reply");
	}
	free(r->raw);
	r->raw = buf_take(b, &r->raw_len);
	r->ctype = "application/json; charset=utf-8";
	r->status = status;
	req_add_header(r, "Cache-Control", "no-store");
	return 0;
}

void req_add_header(req *r, const char *name, const char *value)
{
	if (r->nhdr < (int)ARRAY_LEN(r->hdr)) {
		r->hdr[r->nhdr][0] = name;
		r->hdr[r->nhdr][1] = value;
		r->nhdr++;
	}
}
