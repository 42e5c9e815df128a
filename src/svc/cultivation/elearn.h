/* elearn.h: 线上学习培训 (issue 23 item 4; docs/DOMAIN.md §55) — online courses of resources (video, PDF,
 * HTML page) kept in the blob store by their SM3 key, viewing sessions kept by heartbeats, and the 学时 they
 * earn (core/elearn.h: the checks). A course may be tied to a 培训班 (svc/training/classes.h): its whole
 * 学时 then count toward that class's completion hours and the class hours of its 培训补贴
 * (ELEARN_CLASS_HOURS is added wherever the training domain sums a trainee's hours).
 *
 * Who: a course is written by the province, the city of its region, or its provider institution (admin and
 * staff); published courses are read by every signed-in user, drafts only by those who write them; a
 * learner is a candidate (a person's account): they start sessions, send beats and answer presence checks
 * for themselves only. Out of sight: 404. */
#ifndef JINENG_SVC_CULTIVATION_ELEARN_H
#define JINENG_SVC_CULTIVATION_ELEARN_H

#include "svc/base/svc.h"
#include "svc/base/blob.h"

/* the online 学时 of person `person` on the courses tied to class `cls` (SQL expressions of the caller's
 * query), for the training domain's sums of attended hours */
#define ELEARN_CLASS_HOURS(cls, person)                                                                      \
	"COALESCE((SELECT SUM(eh.hours) FROM elearn_enrolments eh JOIN elearn_courses ec ON ec.id = "        \
	"eh.course_id WHERE ec.class_id = " cls " AND eh.person_id = " person "), 0)"

struct elearn_course_input {
	const char *title, *summary, *occupation_code, *region_code, *status;
	int64_t level, institution_id, class_id, hour_minutes, max_hours;
};
/* a course in draft: the province (region_code: any city, default the province), a city (its own), an
 * institution (its own, as provider, in its region); a class must be the provider's */
json_t *elearn_course_create(db *d, const principal *a, const struct elearn_course_input *in, err *e);
/* changes title, summary, status (draft, published: at least one resource; withdrawn) */
json_t *elearn_course_update(db *d, const principal *a, int64_t id, const struct elearn_course_input *in,
			     err *e);
/* the course and its resources; a learner's own progress on each; for those who write it the number of
 * learners and their 学时 */
json_t *elearn_course_get(db *d, const principal *a, int64_t id, err *e);
/* {items, total}: published courses, and the drafts the caller writes */
json_t *elearn_course_list(db *d, const principal *a, int64_t limit, int64_t offset, err *e);

struct elearn_resource_input {
	const char *title, *kind, *content_type;
	int64_t seconds;
	const void *data;
	size_t size;
};
/* a resource at the end of the course: the content stored by its SM3 key (the same file twice is one blob) */
json_t *elearn_resource_add(db *d, const principal *a, int64_t course_id,
			    const struct elearn_resource_input *in, err *e);
/* the largest resource file: 64 MiB (the upload route's body limit; a bigger video is cut into parts) */
size_t elearn_max_bytes(void);
/* the content of a resource the caller may read (b->data is the caller's to free) */
int elearn_resource_content(db *d, const principal *a, int64_t id, struct blob *b, err *e);

/* a viewing session of a learner on a resource from one device and one tab (8-64 of [A-Za-z0-9_-] each):
 * resumed when it is this device's and tab's, refused 409 another_tab / another_device while another of
 * the learner's sessions is live (beat within ELEARN_LAPSE_S), which it replaces otherwise. Enrols the
 * learner in the course. {session_id, resource_id, position_s, beat_s, resumed} */
json_t *elearn_session_start(db *d, const principal *a, int64_t course_id, int64_t resource_id,
			     const char *device_id, const char *tab_id, err *e);

/* a heartbeat, in three steps for the group committer (svc/exam/autosave.h AUTOSAVE_WORK): prepare checks
 * the input on the caller's connection; run writes the beat and its audit record (in_caller: straight in
 * the committer's transaction, TX_INLINE; it may run more than once); result is the answer after a run
 * that returned 0: {credited_s, verdict, resource_credited_s, course_credited_s, hours, status, presence:
 * {code, asked_at} | null} */
struct elearn_beat_job;
struct elearn_beat_in {
	const char *device_id, *tab_id;
	int64_t position_s;
	bool end;
};
struct elearn_beat_job *elearn_beat_prepare(const principal *a, int64_t session_id,
					    const struct elearn_beat_in *in, err *e);
int elearn_beat_run(db *d, struct elearn_beat_job *j, bool in_caller, err *e);
json_t *elearn_beat_result(const struct elearn_beat_job *j);
void elearn_beat_free(struct elearn_beat_job *j);

/* the answer to a presence check: the code the page showed; 422 wrong_code, 409 no_check */
json_t *elearn_presence(db *d, const principal *a, int64_t session_id, const char *code, err *e);

/* the learner's own courses and 学时: {courses: [...], total_hours} */
json_t *elearn_mine(db *d, const principal *a, err *e);

#endif
