/* sites.h: 考点与考场 (issue 24 item 3; docs/DOMAIN.md §57) — the registry of exam sites and their rooms
 * (seats, computers, cameras, equipment), the 标准化考场 assessment as a versioned checklist marked item by
 * item and signed (the manner of the supervision checklist, svc/supervision/inspections.h), the designation
 * of a site per occupation and level once it passed, and the booking of a plan's sittings into rooms: a
 * designated site, seats for the candidates, for the theory exam a computer each, and no room booked twice
 * for overlapping times by any institution. Scope: SE_EXAM_SITE (the registry), SE_PLAN (the booking).
 * Every write audited in its transaction. */
#ifndef JINENG_SVC_PLATFORM_SITES_H
#define JINENG_SVC_PLATFORM_SITES_H

#include "core/workforce.h"
#include "svc/base/list.h"
#include "svc/base/svc.h"

struct site_input {
	const char *name, *address; /* 1..100, 1..200 characters */
	const char *region_code;    /* a region; an institution's own site: NULL (the institution's) */
	int64_t institution_id;	    /* the owner; 0 the bureau. An institution administrator: its own */
};
/* site_create: the province, a city (its region), an institution administrator (its own site). */
int site_create(db *d, const principal *a, const struct site_input *in, int64_t *id, err *e) WUR;
/* site_get_json: {site…, rooms:[…], designations:[…], assessments:[…]} */
json_t *site_get_json(db *d, const principal *a, int64_t id, err *e);
/* site_list: filters region_code, institution_id, name, occupation_code + level (designated for) */
extern const struct list_spec site_list;

struct room_input {
	const char *name;      /* 1..50 characters, unique in the site */
	int64_t seats;	       /* 1..2000 */
	int64_t computers;     /* 0..seats*2 */
	int64_t cameras;       /* >= 0 */
	const char *equipment; /* free text, <= 500 characters */
};
/* room_put: a new room of the site (room_id 0) or a change of one; the site's writers (SE_EXAM_SITE). 409
 * room_name_taken. Audited exam_room.create / exam_room.update. */
int room_put(db *d, const principal *a, int64_t site_id, int64_t room_id, const struct room_input *in,
	     int64_t *id, err *e) WUR;

/* the 标准化考场 checklist: {version, note, items:[{id, code, text, source, position}]} */
json_t *site_checklist_json(db *d, err *e);

struct site_mark_input {
	int64_t item_id;
	const char *result; /* conform | nonconform | not_applicable */
	const char *note;   /* required for nonconform */
};
/* site_assess: the province or the site's city marks the current checklist's items for a site; `sign` signs
 * it (every item marked, every nonconform with a note; passed when none is nonconform), else a draft (the
 * marks of an open draft by the same assessor are merged). Audited site_assessment.save / .sign. *id */
int site_assess(db *d, const principal *a, int64_t site_id, int64_t assessment_id,
		const struct site_mark_input *m, size_t n, bool sign, int64_t *id, err *e) WUR;
json_t *site_assessment_json(db *d, const principal *a, int64_t id, err *e);

/* site_designate: the province designates a site for an occupation and level (考试点); 409
 * site_not_assessed when its latest signed 标准化考场 assessment did not pass (or there is none). Audited
 * exam_site.designate. */
int site_designate(db *d, const principal *a, int64_t site_id, const char *occupation_code, int64_t level,
		   err *e) WUR;

struct booking_input {
	int64_t plan_id;
	int64_t sitting_id; /* the theory sitting (part theory): its times */
	const char *part;   /* theory | practical | review */
	int64_t starts_at;  /* practical / review: epoch seconds */
	int64_t minutes;    /* practical / review: 1..1440 */
	int64_t candidates; /* 1..; a sitting: no fewer than its attempts */
};
/* room_book: the plan's institution (administrator, staff) or the province books a room: the room's site
 * designated for the plan's occupation and level (409 site_not_designated), seats (422 room_too_small), a
 * computer per candidate for the theory exam (422 room_no_computers), no overlapping booking of the room by
 * anyone (409 room_double_booked, naming the other booking's times), a sitting booked once (409
 * sitting_booked). Audited room_booking.create. */
int room_book(db *d, const principal *a, int64_t room_id, const struct booking_input *in, int64_t *id,
	      err *e) WUR;
/* room_bookings_json: the room's bookings from now on (any reader of the site): {items:[…]} */
json_t *room_bookings_json(db *d, const principal *a, int64_t room_id, err *e);
/* room_booking_cancel: the booking institution or the province. Audited room_booking.cancel. */
int room_booking_cancel(db *d, const principal *a, int64_t booking_id, err *e) WUR;

#endif
