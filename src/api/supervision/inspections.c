/* inspections.c: 督导检查 — the checklist (read; the province replaces it with a new version) and the
 * inspections of sittings (a supervisor opens, saves, signs; scoped reads) */
#include "util/common.h"
#include "api/base/api.h"
#include "api/supervision/handlers.h"
#include "svc/base/svc.h"
#include "svc/supervision/inspections.h"
#include "svc/supervision/evidence.h"

/* the objects of array `key` (absent: none); 422 when it is not an array of objects or has more than max */
static json_t *objects(req *r, json_t *b, const char *key, size_t max, bool required)
{
	json_t *a = json_object_get(b, key);
	if (!a || json_is_null(a)) {
		if (required)
			err_set(&r->e, 422, "missing_field", key, "缺少 %s", "%s is required", key);
		return NULL;
	}
	if (!json_is_array(a)) {
		err_set(&r->e, 422, "invalid_type", key, "%s 应为数组", "%s must be an array", key);
		return NULL;
	}
	if (json_array_size(a) > max) {
		err_set(&r->e, 422, "too_many", key, "%s 最多 %zu 项", "%s has at most %zu entries", key,
			max);
		return NULL;
	}
	size_t i;
	json_t *x;
	json_array_foreach(a, i, x) if (!json_is_object(x))
	{
		err_set(&r->e, 422, "invalid_type", key, "%s 的每项应为对象", "%s must hold objects", key);
		return NULL;
	}
	return a;
}

int h_checklist_get(req *r)
{
	const char *v = req_query(r, "version");
	int64_t version = 0;
	if (v && *v) {
		char *end = NULL;
		long long x = strtoll(v, &end, 10);
		if (!end || *end || x < 1)
			return err_set(&r->e, 422, "invalid_value", "version", "版本号无效",
				       "version must be a positive integer");
		version = x;
	}
	db *d = api_db(r);
	json_t *o = d ? checklist_json(d, version, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

int h_checklist_put(req *r)
{
	json_t *b = req_json(r);
	if (!b)
		return -1;
	struct checklist_input in = {.note = jstr(b, "note", &r->e)};
	json_t *cl = json_object_get(b, "classes");
	if (!json_is_array(cl) || json_array_size(cl) != 5)
		return err_set(&r->e, 422, "invalid_value", "classes", "问题分类应为 5 个名称",
			       "classes must be the 5 class names");
	for (size_t k = 0; k < 5; k++) {
		in.class_names[k] = json_string_value(json_array_get(cl, k));
		if (!in.class_names[k])
			return err_set(&r->e, 422, "invalid_type", "classes", "问题分类名称应为字符串",
				       "class names must be strings");
	}
	json_t *items = objects(r, b, "items", CHECKLIST_MAX_ITEMS, true);
	if (!items)
		return -1;
	json_t *revs = objects(r, b, "revocations", CHECKLIST_MAX_REVOCATIONS, false);
	if (err_isset(&r->e))
		return -1;
	struct check_item_input *it = arena_array(r->a, json_array_size(items) + 1, sizeof *it);
	size_t i;
	json_t *x;
	json_array_foreach(items, i, x)
	{
		it[i] = (struct check_item_input){
			.code = jstr(x, "code", &r->e),
			.stage = jstr(x, "stage", &r->e),
			.kind = jstr(x, "kind", &r->e),
			.theme = jstr(x, "theme", &r->e),
			.text = jstr(x, "text", &r->e),
			.source = jstr(x, "source", &r->e),
			.problem_class = jint(x, "problem_class", 0, &r->e),
		};
	}
	size_t nrev = revs ? json_array_size(revs) : 0;
	struct revocation_input *rv = arena_array(r->a, nrev + 1, sizeof *rv);
	if (revs)
		json_array_foreach(revs, i, x)
		{
			rv[i] = (struct revocation_input){.code = jstr(x, "code", &r->e),
							  .text = jstr(x, "text", &r->e),
							  .source = jstr(x, "source", &r->e)};
		}
	if (err_isset(&r->e))
		return -1;
	in.items = it;
	in.nitems = json_array_size(items);
	in.revocations = rv;
	in.nrevocations = nrev;
	db *d = api_db(r);
	json_t *o = d ? checklist_put(d, &r->who, &in, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

int h_inspection_open(req *r)
{
	json_t *b = req_json(r);
	if (!b)
		return -1;
	int64_t sitting = jint(b, "sitting_id", 0, &r->e), corrects = jint(b, "corrects_id", 0, &r->e);
	if (err_isset(&r->e))
		return -1;
	db *d = api_db(r);
	bool created = false;
	json_t *o = d ? inspection_open(d, &r->who, sitting, corrects, &created, &r->e) : NULL;
	return o ? req_reply(r, created ? 201 : 200, o) : -1;
}

int h_inspection_get(req *r)
{
	int64_t id = req_param_id(r, 0);
	db *d = id > 0 ? api_db(r) : NULL;
	json_t *o = d ? inspection_get_json(d, &r->who, id, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

int h_inspection_save(req *r)
{
	int64_t id = req_param_id(r, 0);
	json_t *b = id > 0 ? req_json(r) : NULL;
	if (!b)
		return -1;
	json_t *marks = objects(r, b, "marks", INSPECTION_MAX_MARKS, false);
	const char *summary = jstr(b, "summary", &r->e);
	if (err_isset(&r->e))
		return -1;
	size_t n = marks ? json_array_size(marks) : 0, i;
	struct mark_input *m = arena_array(r->a, n + 1, sizeof *m);
	json_t *x;
	if (marks)
		json_array_foreach(marks, i, x)
		{
			m[i] = (struct mark_input){.item_id = jint(x, "item_id", 0, &r->e),
						   .result = jstr(x, "result", &r->e),
						   .note = jstr(x, "note", &r->e),
						   .seq = jint(x, "seq", 0, &r->e)};
		}
	if (err_isset(&r->e))
		return -1;
	db *d = api_db(r);
	if (!d || inspection_save(d, &r->who, id, m, n, summary, &r->e) != 0)
		return -1;
	json_t *o = inspection_get_json(d, &r->who, id, &r->e);
	return o ? req_reply(r, 200, o) : -1;
}

int h_inspection_sign(req *r)
{
	int64_t id = req_param_id(r, 0);
	db *d = id > 0 ? api_db(r) : NULL;
	if (!d || inspection_sign(d, &r->who, id, &r->e) != 0)
		return -1;
	json_t *o = inspection_get_json(d, &r->who, id, &r->e);
	return o ? req_reply(r, 200, o) : -1;
}

int h_inspections_list(req *r)
{
	return api_list_spec(r, &inspection_list);
}

/* the evidence upload: the body is the file itself (Content-Type image/jpeg, image/png or application/pdf);
 * ?item_id= attaches it to one check item, ?filename= names it as the device did */
int h_evidence_upload(req *r)
{
	int64_t id = req_param_id(r, 0);
	if (id <= 0)
		return -1;
	struct evidence_input in = {
		.inspection_id = id,
		.content_type = req_header(r, "Content-Type"),
		.data = r->body.ptr,
		.size = r->body.len,
		.filename = req_query(r, "filename"),
	};
	const char *item = req_query(r, "item_id");
	if (item && *item) {
		char *end = NULL;
		long long x = strtoll(item, &end, 10);
		if (!end || *end || x < 1)
			return err_set(&r->e, 422, "invalid_value", "item_id", "检查项无效",
				       "item_id must be a positive integer");
		in.item_id = x;
	}
	db *d = api_db(r);
	bool created = false;
	json_t *o = d ? evidence_add(d, &r->who, &in, &created, &r->e) : NULL;
	return o ? req_reply(r, created ? 201 : 200, o) : -1;
}

int h_evidence_list(req *r)
{
	int64_t id = req_param_id(r, 0);
	db *d = id > 0 ? api_db(r) : NULL;
	json_t *o = d ? evidence_list_json(d, &r->who, id, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

/* the file, as an attachment of its stored type; never sniffed by the browser (the server's nosniff) */
int h_evidence_get(req *r)
{
	int64_t id = req_param_id(r, 0), eid = id > 0 ? req_param_id(r, 1) : -1;
	db *d = eid > 0 ? api_db(r) : NULL;
	if (!d)
		return -1;
	struct blob b;
	char name[96];
	if (evidence_fetch(d, &r->who, id, eid, &b, name, &r->e) != 0)
		return -1;
	return reply_evidence_file(r, &b, name);
}

int reply_evidence_file(req *r, struct blob *b, const char *name)
{
	r->status = 200;
	r->raw = (char *)b->data; /* the reply owns it now */
	r->raw_len = (size_t)b->size;
	r->ctype = arena_strdup(r->a, b->media_type);
	r->filename = arena_strdup(r->a, name);
	req_add_header(r, "Cache-Control", "private, no-store");
	req_add_header(r, "Content-Security-Policy", "default-src 'none'; sandbox");
	req_add_header(r, "X-Evidence-SM3", arena_strdup(r->a, b->key));
	return 0;
}
