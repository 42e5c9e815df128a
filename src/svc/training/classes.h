/* classes.h: 培训班 — a class of a course (dates, teacher account, capacity, the hours that complete it),
 * enrolment (the person themself, or the institution's staff for them), the timetable (sessions), and
 * attendance by rotating check-in codes: the teacher's screen shows a code that changes every
 * CHECKIN_WINDOW_S seconds, SM2-signed with the institution's key (svc/cert/issuers.h) over
 * "jineng-checkin|CLASS|SESSION|WINDOW"; the trainee's phone submits it while logged in. Hours are counted
 * per trainee; a trainee has completed the class when attended hours >= its completion_hours.
 *
 * Scope: the institution's admin and staff (and the province, the institution's city) manage its classes;
 * the class's teacher shows its codes; a trainee sees the classes they are enrolled in (their own hours);
 * the city reads its region's. Out of sight: 404. */
#ifndef JINENG_SVC_TRAINING_CLASSES_H
#define JINENG_SVC_TRAINING_CLASSES_H

#include "svc/base/svc.h"
#include "svc/base/list.h"

#define CHECKIN_WINDOW_S  30 /* a code's window */
#define CHECKIN_TOLERANCE 1  /* windows either side still accepted (clock skew, scanning time) */

struct training_class_input {
	int64_t teacher_user_id;
	const char *starts_on, *ends_on; /* YYYY-MM-DD */
	int64_t capacity;		 /* 0: the course's */
	int64_t completion_hours;	 /* 0: the course's class hours */
};
int64_t training_class_create(db *d, const principal *a, int64_t course_id,
			      const struct training_class_input *in, err *e);
/* the class, its sessions; for those who manage or read it by region the roster with hours and completion;
 * for an enrolled trainee their own hours */
json_t *training_class_get_json(db *d, const principal *a, int64_t class_id, err *e);
/* enrols person_id (0: the caller's own person, for a candidate) */
int training_enrol(db *d, const principal *a, int64_t class_id, int64_t person_id, err *e);
/* a session of the timetable: its day, its hours of day (China time, "HH:MM", start before end: the
 * check-in window with the grace of training_checkin_rules) and the class hours it counts */
struct training_session_input {
	const char *held_on, *starts_at, *ends_at;
	int64_t hours;
};
int64_t training_session_create(db *d, const principal *a, int64_t class_id,
				const struct training_session_input *in, err *e);
/* the check-in code of a session for the window containing `at` (0: now; a past time within a day is
 * allowed, a future one is not): {code, window, valid_until} */
json_t *training_session_code(db *d, const principal *a, int64_t session_id, int64_t at, err *e);
/* a trainee's check-in: the code on the teacher's screen, the phone's device identifier (kept by the phone:
 * 8-64 of [A-Za-z0-9_-]) and its location. Checked (core/fraud.h checkin_check): the signature, the code's
 * window (±CHECKIN_TOLERANCE), the enrolment, the session's hours plus the grace, the distance to the
 * class's site within the radius, the device not bound to another trainee of the class (the first check-in
 * from a device binds it), once per session. {session_id, class_id, hours, attended_hours, completed,
 * distance_m} */
struct training_checkin_input {
	const char *code, *device_id;
	bool has_location;
	double latitude, longitude;
};
json_t *training_checkin(db *d, const principal *a, const struct training_checkin_input *in, err *e);

/* training_class_list: the classes the caller may see (the province all, a city its region's, the institution
 * its own, a trainee those they are enrolled in); filters course_id, institution_id, region_code; sort id,
 * starts_on; CSV/XLSX */
extern const struct list_spec training_class_list;

#endif
