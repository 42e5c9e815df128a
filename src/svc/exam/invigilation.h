/* invigilation.h: 监考人员 of a sitting — who may invigilate (the institution's active administrators,
 * staff and examiners) and the room rule of core/room.h enforced at set-up and at each admission. */
#ifndef JINENG_INVIGILATORS_H
#define JINENG_INVIGILATORS_H

#include "svc/base/svc.h"

/* invigilators_replace: inside the caller's transaction; ids are user ids (NULL: not given as a list). 422
 * invigilators_required (no list, or fewer than 2 distinct), invalid_invigilator (not an active staff
 * member or examiner of inst), invigilators_short (fewer than the candidates already admitted need). */
int invigilators_replace(db *d, int64_t sitting, int64_t inst, const int64_t *ids, size_t n, err *e);
/* invigilators_admit_check: 409 invigilators_short when one more candidate would exceed the room's
 * invigilators */
int invigilators_admit_check(db *d, int64_t sitting, err *e);
/* invigilators_json: [{user_id, username, display_name, role}] */
json_t *invigilators_json(db *d, int64_t sitting, err *e);
/* sitting_invigilators_put: the PUT endpoint's use case (scope, transaction, audit) */
json_t *sitting_invigilators_put(db *d, const principal *a, int64_t sitting, const int64_t *ids, size_t n,
				 err *e);

#endif
