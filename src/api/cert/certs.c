/* certs.c: /api/v1/certificates (证书: issue, list, read, PDF, verifiable credential, revoke, reissue) and
 * the public verification API (/api/v1/public/...) */
#include "util/common.h"
#include "api/base/api.h"
#include "http/readpipe.h"
#include "api/cert/handlers.h"
#include "svc/base/columns.h"
#include "svc/cert/certs.h"
#include "svc/evaluation/eligibility.h"
#include "svc/cert/issuers.h"
#include "svc/auth/throttle.h"
#include "svc/cert/vc.h"
#include "svc/incentive/card.h"
#include <stdlib.h>

int h_certs_issue(req *r)
{
	json_t *b = req_json(r), *ids = b ? json_object_get(b, "result_ids") : NULL;
	if (!b)
		return -1;
	if (!json_is_array(ids) || !json_array_size(ids))
		return err_set(&r->e, 422, "missing_field", "result_ids", "result_ids 应为非空的结果编号数组",
			       "result_ids must be a non-empty array of result ids");
	size_t n = json_array_size(ids);
	if (n > 1000)
		return err_set(&r->e, 422, "too_many", "result_ids", "一次最多发证 1000 份",
			       "at most 1000 certificates at once");
	int64_t *v = arena_array(r->a, n, sizeof *v);
	for (size_t i = 0; i < n; i++) {
		json_t *x = json_array_get(ids, i);
		if (!json_is_integer(x) || json_integer_value(x) <= 0)
			return err_set(&r->e, 422, "invalid_type", "result_ids",
				       "result_ids 的元素应为正整数", "result_ids holds positive integers");
		v[i] = json_integer_value(x);
	}
	db *d = api_db(r);
	json_t *numbers = d ? cert_issue(d, &r->who, v, n, &r->e) : NULL;
	return numbers ? req_reply(r, 201, json_pack("{s:o}", "numbers", numbers)) : -1;
}

int h_certs_list(req *r)
{
	return api_list_spec(r, &cert_list);
}

int h_certs_get(req *r)
{
	db *d = api_db(r);
	json_t *o = d ? cert_get_json(d, &r->who, r->params[0], &r->e) : NULL;
	if (!o)
		return -1;
	struct cert_row c;
	if (cert_row_get(d, r->a, r->params[0], &c, &r->e) == 1)
		json_object_set_new(o, "qr_text",
				    json_string(cert_qr_text(r->a, server_conf->base_url, c.number, c.payload,
							     c.signature)));
	return req_reply(r, 200, o);
}

int h_certs_pdf(req *r)
{
	db *d = api_db(r);
	char *pdf = NULL, *fn = arena_alloc(r->a, 40);
	size_t len = 0;
	if (!d ||
	    cert_pdf_get(d, &r->who, r->params[0], server_conf->base_url, &pdf, &len, fn, 40, &r->e) != 0)
		return -1;
	r->raw = pdf;
	r->raw_len = len;
	r->ctype = "application/pdf";
	r->filename = fn;
	r->status = 200;
	return 0;
}

int h_certs_credential(req *r)
{
	db *d = api_db(r);
	char *jwt = d ? vc_certificate_jwt(d, &r->who, r->params[0], server_conf->base_url, &r->e) : NULL;
	if (!jwt)
		return -1;
	r->raw = jwt;
	r->raw_len = strlen(jwt);
	r->ctype = "application/vc+jwt";
	r->status = 200;
	return 0;
}

static const char *reason_of(req *r)
{
	json_t *b = req_json(r);
	return b ? jreq(b, "reason", &r->e) : NULL;
}

int h_certs_revoke(req *r)
{
	const char *reason = reason_of(r);
	if (!reason)
		return -1;
	db *d = api_db(r);
	if (!d || cert_revoke(d, &r->who, r->params[0], reason, &r->e) != 0)
		return -1;
	json_t *o = cert_get_json(d, &r->who, r->params[0], &r->e);
	return o ? req_reply(r, 200, o) : -1;
}

int h_certs_reissue(req *r)
{
	const char *reason = reason_of(r);
	if (!reason)
		return -1;
	db *d = api_db(r);
	json_t *o = d ? cert_reissue(d, &r->who, r->params[0], reason, &r->e) : NULL;
	return o ? req_reply(r, 201, o) : -1;
}

/* public look-ups are throttled per client: JINENG_VERIFY_RATE per minute (default 120) */
int api_verify_throttled(req *r)
{
	int rate = server_conf && server_conf->verify_rate > 0 ? server_conf->verify_rate : 120;
	int wait = throttle_hit("verify", r->client, rate, 60);
	if (!wait)
		return 0;
	req_add_header(r, "Retry-After", arena_printf(r->a, "%d", wait));
	return err_set(&r->e, 429, "too_many_requests", NULL, "查询过于频繁，请 %d 秒后再试",
		       "too many look-ups; try again in %d s", wait);
}

/* the holder's public honours, only if the holder allows it (svc/incentive/card.h), then the reply */
static int public_reply(req *r, db *d, json_t *o, int64_t holder)
{
	json_t *h = o && holder ? honours_public_of_person(d, holder, &r->e) : NULL;
	if (o && err_isset(&r->e)) {
		json_decref(o);
		return -1;
	}
	if (h)
		json_object_set_new(o, "honours", h);
	return o ? req_reply(r, 200, o) : -1;
}

/* the verification's rows, read down the request thread's pipelined connection (http/readpipe.h); the
 * honours, rare, read the ordinary way */
static void public_rows(req *r, db_stmt *rows, void *ctx)
{
	UNUSED(ctx);
	if (!rows)
		return; /* r->e says why */
	int64_t holder = 0;
	json_t *o = cert_public_of_rows(rows, req_query(r, "name"), &holder, &r->e);
	db *d = o && holder ? api_db(r) : NULL;
	public_reply(r, d, o, d ? holder : 0);
	if (d)
		db_abort_all(d); /* the honours' read left nothing open, and nothing may stay */
}

int h_public_cert(req *r)
{
	if (api_verify_throttled(r) != 0)
		return -1;
	db *d = api_db(r);
	if (!d)
		return -1;
	/* on PostgreSQL the look-up shares a round trip with the request thread's other reads */
	if (db_dialect_of(d) == DB_PG &&
	    req_read_pipelined(r, cert_public_sql, DB_ARGS(DV_S(r->params[0])), public_rows, NULL) == 0)
		return 0;
	int64_t holder = 0;
	json_t *o = cert_public_json(d, r->params[0], req_query(r, "name"), &holder, &r->e);
	return public_reply(r, d, o, holder);
}

int h_public_keys(req *r)
{
	db *d = api_db(r);
	json_t *o = d ? issuer_keys_json(d, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

int h_public_status(req *r)
{
	const char *p = r->params[0];
	if (!*p || strspn(p, "0123456789") != strlen(p) || strlen(p) > 6)
		return err_set(&r->e, 404, "not_found", NULL, "状态列表不存在", "no such status list");
	db *d = api_db(r);
	char *jwt = d ? vc_status_list_jwt(d, atoll(p), server_conf->base_url, &r->e) : NULL;
	if (!jwt)
		return -1;
	r->raw = jwt;
	r->raw_len = strlen(jwt);
	r->ctype = "application/vc+jwt";
	r->status = 200;
	req_add_header(r, "Cache-Control", "public, max-age=60");
	return 0;
}
