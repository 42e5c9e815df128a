/* archive.c: GET /api/v1/institutions/{id}/quality-archive (JSON) and .../quality-archive/pdf (A4 PDF) */
#include "util/common.h"
#include "api/base/api.h"
#include "api/supervision/handlers.h"
#include "svc/supervision/archive.h"

int h_quality_archive(req *r)
{
	int64_t id = req_param_id(r, 0);
	db *d = api_db(r);
	if (id < 0 || !d)
		return -1;
	json_t *o = quality_archive_json(d, &r->who, id, &r->e);
	return o ? req_reply(r, 200, o) : -1;
}

int h_quality_archive_pdf(req *r)
{
	int64_t id = req_param_id(r, 0);
	db *d = api_db(r);
	char *pdf = NULL, *fn = arena_alloc(r->a, 48);
	size_t len = 0;
	if (id < 0 || !d || quality_archive_pdf(d, &r->who, id, &pdf, &len, fn, 48, &r->e) != 0)
		return -1;
	r->raw = pdf;
	r->raw_len = len;
	r->ctype = "application/pdf";
	r->filename = fn;
	r->status = 200;
	return 0;
}
