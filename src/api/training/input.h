/* input.h: request bodies of the training routes parsed into the typed inputs of src/svc/training. Each
 * parser reads only its JSON object and reports a field of the wrong type (422 invalid_type) or a date that
 * is no date (422 invalid_date) naming the field; the rules on the values stay with the use case. 0, or -1
 * with r->e set. */
#ifndef JINENG_API_TRAINING_INPUT_H
#define JINENG_API_TRAINING_INPUT_H

#include "http/req.h"
#include "svc/training/claims.h"
#include "svc/training/catalogue.h"
#include "svc/training/map.h"
#include "svc/training/shortage.h"
#include "svc/training/classes.h"
#include <jansson.h>

/* POST /training/claims: {person_id, employer_id?, kind, occupation_code, level, region_code, course?,
 * apply_date? (today), cert_date?, insured?: [{start, end?}], class_hours?, completed?, contract_start?,
 * contract_end?, training_start?, training_end?} */
int claim_input_parse(req *r, json_t *b, struct claim_input *in);

int read_training_org(req *r, json_t *b, struct training_org_input *in);
int read_training_site(req *r, json_t *b, struct training_site_input *in);
int read_training_course(req *r, json_t *b, struct training_course_input *in);
int read_shortage(req *r, json_t *b, struct shortage_input *in);
/* ?lat=&lon=&radius_km=&county=&occupation=&level=&subsidised=1&shortage=1&starts_from=&starts_to=
 * &page=&page_size= (page_size at most 100) */
int read_map_query(req *r, struct training_map_query *q);
/* POST /training/checkins: the phone's {latitude, longitude} (both or neither) */
int read_location(req *r, json_t *b, struct training_checkin_input *in);

#endif
