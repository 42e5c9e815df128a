/* completion.h: 培训结业转报名 (issue 14 item 3; docs/DOMAIN.md §37) — a trainee who completed a class
 * registers for an open 认定 plan of the class's occupation and level; the registration goes through the
 * evaluation domain's use case (eligibility judged as for any registration) and keeps the training as its
 * evidence (registration_training: class, institution, course, hours). No open plan of that occupation and
 * level: 409 no_open_plan, said politely. Only the trainee themself (a candidate enrolled in the class; 404
 * otherwise). */
#ifndef JINENG_SVC_TRAINING_COMPLETION_H
#define JINENG_SVC_TRAINING_COMPLETION_H

#include "svc/base/svc.h"

struct completion_registration_input {
	int64_t plan_id; /* 0: the open plan of the occupation and level with the earliest exam date */
	const char *option;
	bool declared, related_major;
};
/* {registration: the registration as GET /registrations/{id}, training: {class_id, institution_id,
 * institution_name, course_id, course_title, occupation_code, level, attended_hours, completion_hours}} */
json_t *training_register_completed(db *d, const principal *a, int64_t class_id,
				    const struct completion_registration_input *in, err *e);

#endif
