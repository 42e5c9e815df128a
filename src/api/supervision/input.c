/* input.c: the supervision routes' bodies as typed inputs (see input.h) */
#include "util/common.h"
#include "api/supervision/input.h"
#include "svc/base/svc.h"

int complaint_input_parse(req *r, json_t *b, struct complaint_input *in)
{
	*in = (struct complaint_input){
		.category = jstr(b, "category", &r->e),
		.subject_kind = jstr(b, "subject_kind", &r->e),
		.subject_id = jint(b, "subject_id", 0, &r->e),
		.region_code = jstr(b, "region_code", &r->e),
		.text = jstr(b, "text", &r->e),
		.anonymous = jbool(b, "anonymous", 0, &r->e) != 0,
		.name = jstr(b, "name", &r->e),
		.phone = jstr(b, "phone", &r->e),
	};
	return err_isset(&r->e) ? -1 : 0;
}

int complaint_terms_parse(req *r, json_t *b, struct complaint_terms *in)
{
	*in = (struct complaint_terms){
		.ack_days = jint(b, "ack_days", 0, &r->e),
		.reply_days = jint(b, "reply_days", 0, &r->e),
		.source = jstr(b, "source", &r->e),
	};
	return err_isset(&r->e) ? -1 : 0;
}
