/* elearn.c: /api/v1/elearn — 线上学习培训: courses, resources (uploaded as the body; served with range
 * requests), viewing sessions, heartbeats through the group committer, presence checks, my hours */
#include "util/common.h"
#include "api/base/api.h"
#include "api/cultivation/handlers.h"
#include "svc/cultivation/elearn.h"
#include "svc/exam/autosave.h"
#include "util/range.h"
#include <stdlib.h>

static char *fmt(req *r, const char *f, long long a, long long b, long long c)
{
	char buf[128];
	snprintf(buf, sizeof buf, f, a, b, c);
	return arena_strdup(r->a, buf);
}

static int course_input(req *r, json_t *b, struct elearn_course_input *in)
{
	*in = (struct elearn_course_input){
		.title = jstr(b, "title", &r->e),
		.summary = jstr(b, "summary", &r->e),
		.occupation_code = jstr(b, "occupation_code", &r->e),
		.region_code = jstr(b, "region_code", &r->e),
		.status = jstr(b, "status", &r->e),
		.level = jint(b, "level", 0, &r->e),
		.institution_id = jint(b, "institution_id", 0, &r->e),
		.class_id = jint(b, "class_id", 0, &r->e),
		.hour_minutes = jint(b, "hour_minutes", 0, &r->e),
		.max_hours = jint(b, "max_hours", 0, &r->e),
	};
	return err_isset(&r->e) ? -1 : 0;
}

int h_elearn_course_create(req *r)
{
	json_t *b = req_json(r);
	struct elearn_course_input in;
	if (!b || course_input(r, b, &in) != 0)
		return -1;
	if (in.status)
		return err_set(&r->e, 422, "invalid_value", "status", "新课程为草稿，发布请修改状态",
			       "a new course is a draft; publish it with PATCH");
	db *d = api_db(r);
	json_t *o = d ? elearn_course_create(d, &r->who, &in, &r->e) : NULL;
	return o ? req_reply(r, 201, o) : -1;
}

int h_elearn_course_update(req *r)
{
	int64_t id = req_param_id(r, 0);
	json_t *b = id > 0 ? req_json(r) : NULL;
	struct elearn_course_input in;
	if (!b || course_input(r, b, &in) != 0)
		return -1;
	if (in.class_id || in.hour_minutes || in.occupation_code || in.region_code || in.institution_id)
		return err_set(
			&r->e, 422, "invalid_value", NULL,
			"课程的职业、地区、机构、培训班和学时长度在开设后不再修改",
			"a course's occupation, region, provider, class and hour length do not change");
	db *d = api_db(r);
	json_t *o = d ? elearn_course_update(d, &r->who, id, &in, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

int h_elearn_course_get(req *r)
{
	int64_t id = req_param_id(r, 0);
	db *d = id > 0 ? api_db(r) : NULL;
	json_t *o = d ? elearn_course_get(d, &r->who, id, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

int h_elearn_course_list(req *r)
{
	int64_t limit, offset;
	if (req_paging(r, &limit, &offset) != 0)
		return -1;
	db *d = api_db(r);
	json_t *o = d ? elearn_course_list(d, &r->who, limit, offset, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

/* the body is the file (Content-Type video/mp4, video/webm, application/pdf or text/html); the query
 * names it: ?title=&kind=video|pdf|html&seconds= */
int h_elearn_resource_add(req *r)
{
	int64_t id = req_param_id(r, 0);
	if (id <= 0)
		return -1;
	/* the seconds are checked by the use case once the course is found (an unknown course is 404 first)
	 */
	const char *secs = req_query(r, "seconds");
	char *end = NULL;
	long long s = secs && *secs ? strtoll(secs, &end, 10) : 0;
	if (secs && *secs && *end)
		s = -1;
	struct elearn_resource_input in = {
		.title = req_query(r, "title"),
		.kind = req_query(r, "kind"),
		.content_type = req_header(r, "Content-Type"),
		.seconds = s,
		.data = r->body.ptr,
		.size = r->body.len,
	};
	db *d = api_db(r);
	json_t *o = d ? elearn_resource_add(d, &r->who, id, &in, &r->e) : NULL;
	return o ? req_reply(r, 201, o) : -1;
}

/* the content with range requests (RFC 9110 §14): Accept-Ranges; Range "bytes=a-b" answered 206 with
 * Content-Range, beyond the end 416; If-Range with another validator than the ETag (the SM3 key: the
 * content of a key never changes) gets the whole content */
int h_elearn_resource_content(req *r)
{
	int64_t id = req_param_id(r, 0);
	db *d = id > 0 ? api_db(r) : NULL;
	struct blob b;
	if (!d || elearn_resource_content(d, &r->who, id, &b, &r->e) != 0)
		return -1;
	char etagb[BLOB_KEY_LEN + 3];
	snprintf(etagb, sizeof etagb, "\"%s\"", b.key);
	char *etag = arena_strdup(r->a, etagb);
	req_add_header(r, "Accept-Ranges", "bytes");
	req_add_header(r, "ETag", etag);
	req_add_header(r, "Cache-Control", "private, max-age=86400, immutable");
	req_add_header(r, "Content-Security-Policy",
		       "sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'");
	const char *range = req_header(r, "Range"), *ifr = req_header(r, "If-Range");
	int64_t first = 0, last = b.size - 1;
	enum range_rc rc = range_parse(range, b.size, &first, &last);
	if (ifr && strcmp(ifr, etag))
		rc = RANGE_NONE;
	if (rc == RANGE_UNSATISFIABLE) {
		free(b.data);
		req_add_header(r, "Content-Range",
			       fmt(r, "bytes */%lld%.0lld%.0lld", (long long)b.size, 0, 0));
		return err_set(&r->e, 416, "range_not_satisfiable", "Range", "请求的范围超出文件大小",
			       "the range starts beyond the content");
	}
	r->ctype = arena_strdup(r->a, b.media_type);
	if (rc == RANGE_OK && (first > 0 || last < b.size - 1)) {
		size_t n = (size_t)(last - first + 1);
		memmove(b.data, b.data + first, n);
		r->raw = (char *)b.data;
		r->raw_len = n;
		r->status = 206;
		req_add_header(
			r, "Content-Range",
			fmt(r, "bytes %lld-%lld/%lld", (long long)first, (long long)last, (long long)b.size));
		return 0;
	}
	r->raw = (char *)b.data;
	r->raw_len = (size_t)b.size;
	r->status = 200;
	return 0;
}

int h_elearn_session_start(req *r)
{
	int64_t id = req_param_id(r, 0);
	json_t *b = id > 0 ? req_json(r) : NULL;
	if (!b)
		return -1;
	int64_t res = jint(b, "resource_id", 0, &r->e);
	const char *dev = jstr(b, "device_id", &r->e), *tab = jstr(b, "tab_id", &r->e);
	if (err_isset(&r->e))
		return -1;
	if (res <= 0)
		return err_set(&r->e, 422, "missing_field", "resource_id", "缺少 resource_id",
			       "resource_id is required");
	db *d = api_db(r);
	json_t *o = d ? elearn_session_start(d, &r->who, id, res, dev, tab, &r->e) : NULL;
	return o ? req_reply(r, json_is_true(json_object_get(o, "resumed")) ? 200 : 201, o) : -1;
}

/* on the group committer, straight in its batch's transaction */
static int beat_work(db *conn, void *ctx, err *e)
{
	return elearn_beat_run(conn, ctx, true, e);
}

static void beat_done(struct autosave_job *j)
{
	req *r = j->owner;
	if (j->status == 200)
		req_reply(r, 200, elearn_beat_result(j->ctx));
	else if (err_isset(&j->error))
		r->e = j->error;
	else
		err_set(&r->e, 503, "db_retry", NULL, "学习记录未能确认保存，请重试",
			"the heartbeat could not be confirmed as saved; retry");
	elearn_beat_free(j->ctx);
	req_complete(r);
}

/* {device_id, tab_id, position_s, end?} */
int h_elearn_beat(req *r)
{
	int64_t id = req_param_id(r, 0);
	json_t *b = id > 0 ? req_json(r) : NULL;
	if (!b)
		return -1;
	struct elearn_beat_in in = {
		.device_id = jstr(b, "device_id", &r->e),
		.tab_id = jstr(b, "tab_id", &r->e),
		.position_s = jint(b, "position_s", 0, &r->e),
		.end = jbool(b, "end", 0, &r->e) != 0,
	};
	if (err_isset(&r->e))
		return -1;
	struct elearn_beat_job *job = elearn_beat_prepare(&r->who, id, &in, &r->e);
	if (!job)
		return -1;
	/* through the group committer (svc/exam/autosave.h): the beats of many learners share one
	 * transaction and one fsync; the reply waits for the batch's commit */
	struct autosave_job *j = arena_zalloc(r->a, sizeof *j);
	j->kind = AUTOSAVE_WORK;
	j->work = beat_work;
	j->done = beat_done;
	j->ctx = job;
	j->owner = r;
	req_defer(r);
	if (autosave_enqueue(server_conf->db_url, j, &r->e) != 0) {
		req_undefer(r);
		elearn_beat_free(job);
		return -1;
	}
	return 0;
}

int h_elearn_presence(req *r)
{
	int64_t id = req_param_id(r, 0);
	json_t *b = id > 0 ? req_json(r) : NULL;
	if (!b)
		return -1;
	const char *code = jstr(b, "code", &r->e);
	if (err_isset(&r->e))
		return -1;
	db *d = api_db(r);
	json_t *o = d ? elearn_presence(d, &r->who, id, code, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

int h_elearn_mine(req *r)
{
	db *d = api_db(r);
	json_t *o = d ? elearn_mine(d, &r->who, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}
