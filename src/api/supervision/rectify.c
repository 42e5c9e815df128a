/* rectify.c: 整改 — the list and one rectification (scoped reads), the institution's response, the
 * bureau's close / return / escalate, and the confirmation of a revoking situation on a rectification or a
 * signed inspection (it suspends the institution's filing) */
#include "util/common.h"
#include "api/base/api.h"
#include "api/supervision/handlers.h"
#include "svc/supervision/rectify.h"

int h_rectifications_list(req *r)
{
	return api_list_spec(r, &rectify_list);
}

static int reply_rectification(req *r, db *d, int64_t id)
{
	json_t *o = rectify_get_json(d, &r->who, id, &r->e);
	return o ? req_reply(r, 200, o) : -1;
}

int h_rectification_get(req *r)
{
	int64_t id = req_param_id(r, 0);
	db *d = id > 0 ? api_db(r) : NULL;
	return d ? reply_rectification(r, d, id) : -1;
}

int h_rectification_respond(req *r)
{
	int64_t id = req_param_id(r, 0);
	json_t *b = id > 0 ? req_json(r) : NULL;
	if (!b)
		return -1;
	const char *text = jstr(b, "response", &r->e);
	if (err_isset(&r->e))
		return -1;
	db *d = api_db(r);
	if (!d || rectify_respond(d, &r->who, id, text, &r->e) != 0)
		return -1;
	return reply_rectification(r, d, id);
}

/* the body is the file itself (its limit the evidence limit: api/base/app.c body_limits) */
int h_rectification_evidence_upload(req *r)
{
	int64_t id = req_param_id(r, 0);
	if (id <= 0)
		return -1;
	struct rectify_evidence_input in = {
		.rectification_id = id,
		.content_type = req_header(r, "Content-Type"),
		.data = r->body.ptr,
		.size = r->body.len,
		.filename = req_query(r, "filename"),
	};
	db *d = api_db(r);
	bool created = false;
	json_t *o = d ? rectify_evidence_add(d, &r->who, &in, &created, &r->e) : NULL;
	return o ? req_reply(r, created ? 201 : 200, o) : -1;
}

/* the file, as an attachment of its stored type (as the inspection evidence is served) */
int h_rectification_evidence_get(req *r)
{
	int64_t id = req_param_id(r, 0), eid = id > 0 ? req_param_id(r, 1) : -1;
	db *d = eid > 0 ? api_db(r) : NULL;
	if (!d)
		return -1;
	struct blob b;
	char name[96];
	if (rectify_evidence_fetch(d, &r->who, id, eid, &b, name, &r->e) != 0)
		return -1;
	return reply_evidence_file(r, &b, name);
}

/* close, return and escalate: {reason} (optional where the table says so) */
static int bureau_move(req *r, const char *to)
{
	int64_t id = req_param_id(r, 0);
	json_t *b = id > 0 ? req_json(r) : NULL;
	if (!b)
		return -1;
	const char *reason = jstr(b, "reason", &r->e);
	if (err_isset(&r->e))
		return -1;
	db *d = api_db(r);
	if (!d || rectify_move(d, &r->who, id, to, reason, &r->e) != 0)
		return -1;
	return reply_rectification(r, d, id);
}

int h_rectification_close(req *r)
{
	return bureau_move(r, "closed");
}

int h_rectification_return(req *r)
{
	return bureau_move(r, "open");
}

int h_rectification_escalate(req *r)
{
	return bureau_move(r, "escalated");
}

static int revoking(req *r, bool on_rectification)
{
	int64_t id = req_param_id(r, 0);
	json_t *b = id > 0 ? req_json(r) : NULL;
	if (!b)
		return -1;
	struct revoking_input in = {.code = jstr(b, "code", &r->e), .reason = jstr(b, "reason", &r->e)};
	if (err_isset(&r->e))
		return -1;
	if (on_rectification)
		in.rectification_id = id;
	else
		in.inspection_id = id;
	db *d = api_db(r);
	bool created = false;
	json_t *o = d ? revoking_confirm(d, &r->who, &in, &created, &r->e) : NULL;
	return o ? req_reply(r, created ? 201 : 200, o) : -1;
}

int h_rectification_revoking(req *r)
{
	return revoking(r, true);
}

int h_inspection_revoking(req *r)
{
	return revoking(r, false);
}

int h_rectify_terms(req *r)
{
	db *d = api_db(r);
	json_t *o = d ? rectify_terms_json(d, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

/* PUT /rectify-terms/{class}: {days, source} */
int h_rectify_term_set(req *r)
{
	const char *p = r->params[0];
	if (!p || strlen(p) != 1 || p[0] < '0' || p[0] > '5')
		return err_set(&r->e, 404, "not_found", NULL, "问题分类不存在", "no such problem class");
	json_t *b = req_json(r);
	if (!b)
		return -1;
	int64_t days = jint(b, "days", -1, &r->e);
	const char *source = jstr(b, "source", &r->e);
	if (err_isset(&r->e))
		return -1;
	db *d = api_db(r);
	json_t *o = d ? rectify_term_set(d, &r->who, p[0] - '0', days, source, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}
