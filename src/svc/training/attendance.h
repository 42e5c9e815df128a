/* attendance.h: 考勤表 — a class's attendance as a table (trainees × sessions) for the institution's staff
 * page and the bureaus (docs/DOMAIN.md §31). Read only; the check-ins themselves are classes.h's. */
#ifndef JINENG_SVC_TRAINING_ATTENDANCE_H
#define JINENG_SVC_TRAINING_ATTENDANCE_H

#include "core/principal.h"
#include "store/db.h"
#include <jansson.h>

/* training_attendance_json: {class_id, completion_hours, sessions: [{id, held_on, hours, present}],
 * trainees: [{person_id, name, id_number (masked), attended_hours, completed, checkins: [{session_id,
 * checked_at}]}]} — the institution's admin and staff, the province, the city of the institution's region;
 * 404 for anyone else (a trainee reads their own hours in the class's read) */
json_t *training_attendance_json(db *d, const principal *a, int64_t class_id, err *e);

#endif
