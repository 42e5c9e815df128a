/* eligibility.h: 申报条件 against a registered person's facts (docs/DOMAIN.md §16) */
#ifndef JINENG_ELIGIBILITY_SVC_H
#define JINENG_ELIGIBILITY_SVC_H

#include "svc/base/svc.h"

struct elig_request {
	int64_t person_id;
	const char *occupation_code, *option, *exam_date;
	int level;
	bool related_major; /* the applicant states the diploma's major is related (checked in review) */
	bool declared;	    /* the applicant declares working or intending to work in the occupation */
	int64_t norm_id; /* a plan's 企业评价规范 version: its figures replace the standard's (0 none) */
};
/* {eligible, option:{id,text}, failed?:{condition, code, message_zh, message_en}, facts:{...}} */
json_t *eligibility_check_json(db *d, const principal *a, const struct elig_request *q, err *e);
/* the options of a template for a level: [{id, text}] */
json_t *eligibility_options_json(const char *template_name, int level, err *e);

#endif
