/* input.h: request bodies of the supervision routes parsed into the typed inputs of src/svc/supervision.
 * Each parser reads only its JSON object and reports a field of the wrong type as 422 invalid_type naming
 * the field; the rules on the values stay with the use case. 0, or -1 with r->e set. */
#ifndef JINENG_API_SUPERVISION_INPUT_H
#define JINENG_API_SUPERVISION_INPUT_H

#include "http/req.h"
#include "svc/supervision/complaints.h"

/* POST /public/complaints: {category, subject_kind?, subject_id?, region_code?, text, anonymous?, name?,
 * phone?} */
int complaint_input_parse(req *r, json_t *b, struct complaint_input *in);
/* PUT /complaint-categories/{code}: {ack_days, reply_days, source?} */
int complaint_terms_parse(req *r, json_t *b, struct complaint_terms *in);

/* 督导员 and dispatch (memory from the request's arena) */
#include "svc/supervision/dispatch.h"
#include "svc/supervision/supervisors.h"
#include <jansson.h>

/* a supervisor's profile: grade, cert_no, valid_until, institution_id, region_code, latitude, longitude,
 * weekdays, max_per_day, avoid [{institution_id, reason}], days_off [dates] */
int read_supervisor(req *r, json_t *b, struct supervisor_input *in);
/* weekdays, max_per_day, days_off (each optional) */
int read_availability(req *r, json_t *b, struct availability_input *in);
/* needs [{level_from, level_to, min_candidates, supervisors}], cross_dispatch [city codes], load_km */
int read_dispatch_rules(req *r, json_t *b, struct dispatch_rules_input *in);

/* 信用档案: POST /credit-events {subject_type, subject_id, kind, from?, until? (null: no end), reason,
 * source_type?, source_id?, corrects?} */
#include "svc/supervision/credit.h"
int read_credit_event(req *r, json_t *b, struct credit_event_input *in);

/* 定期评估: a new version of the indicator system {excellent_min, pass_min, inner_cover?, outer_cover?,
 * widen_min, history_periods?, source?, indicators [{code, name, weight, rule, full, warn, partial?,
 * min_base, veto?, source?}]} */
#include "svc/supervision/assess.h"
int read_assess_system(req *r, json_t *b, struct assess_system_input *in);

#endif
