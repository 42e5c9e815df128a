/* audit.c: /api/v1/audit (the archive, for supervisors and administrators) */
#include "util/common.h"
#include "api/base/api.h"
#include "api/base/handlers.h"
#include "svc/base/audit_read.h"

int h_audit_list(req *r)
{
	return api_list_spec(r, &audit_list);
}

int h_audit_verify(req *r)
{
	struct audit_report rep;
	db *d = api_db(r);
	if (!d)
		return -1;
	int rc = audit_verify(d, &rep, &r->e);
	if (rc < 0)
		return -1;
	json_t *o = json_pack("{s:b,s:I,s:s}", "intact", rc == 0, "records", (json_int_t)rep.records,
			      "head_hash", rep.head_hash);
	if (rc == 1)
		json_object_set_new(o, "first_bad",
				    json_pack("{s:I,s:s,s:s}", "seq", (json_int_t)rep.bad_seq, "problem",
					      rep.problem, "problem_zh", rep.problem_zh));
	return req_reply(r, 200, o);
}
