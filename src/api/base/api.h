/* api.h: helpers shared by the handlers (src/api/). A handler parses the request, calls one use
 * case in src/svc and renders its result; it holds no SQL. */
#ifndef JINENG_API_H
#define JINENG_API_H

#include "http/req.h"
#include "doc/export.h"
#include "svc/base/svc.h"
#include "svc/base/list.h"

/* api_db: the worker's connection, remembered in r->db; NULL with r->e set when unavailable */
db *api_db(req *r);
/* api_list: renders a {items,total} list, or, with ?format=csv|xlsx, the items as a file named
 * <basename>.csv/.xlsx. Takes ownership of list (NULL means r->e is set). */
int api_list(req *r, json_t *list, const struct export_col *cols, size_t ncols, const char *basename);
/* api_list_spec: a list use case declared as a spec (svc/base/list.h): paging, its filters and ?sort= read
 * from the query string by their names, rendered as api_list does (the spec's columns for ?format=) */
int api_list_spec(req *r, const struct list_spec *s);
/* api_paging: limit/offset from the query; for ?format= exports, up to API_EXPORT_MAX rows from the start */
#define API_EXPORT_MAX 100000
int api_paging(req *r, int64_t *limit, int64_t *offset);
/* a workflow move (POST .../status of a state machine declared with core/fsm.h: plans, complaints, subsidy
 * claims): the path's id, the body's "status" (required) and "reason", and the database; 0, or -1 with r->e
 * set (404 for a bad id, 400 for a body that is not JSON, 422 for a missing or mistyped field) */
struct api_move {
	int64_t id;
	const char *to, *reason;
	db *d;
};
int api_move_input(req *r, struct api_move *m);
/* api_ok: 200 {"ok":true} */
int api_ok(req *r);
/* api_import_reply: a CSV import's report — 200 when stored, else 422 rows_rejected with the report (nothing
 * stored under all_or_nothing); -1 when rep is NULL (r->e set) */
int api_import_reply(req *r, json_t *rep);
/* api_verify_throttled: the per-client limit on public certificate look-ups (JINENG_VERIFY_RATE a minute,
 * default 120); 429 with Retry-After when exceeded */
int api_verify_throttled(req *r);

#endif
