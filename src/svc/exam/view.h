/* view.h: the JSON shape of each entity of the exam domain, built in one place (as
 * svc/evaluation/view.h): a view reads one row of a statement whose select list is the entity's
 * *_VIEW_COLS, in that order, and returns a new object. */
#ifndef JINENG_EXAM_VIEW_H
#define JINENG_EXAM_VIEW_H

#include "store/db.h"
#include <jansson.h>

/* an item of the bank: {id, item_key, version, occupation_code, level, kind, area, knowledge_code, stem,
 * options, points, institution_id (null: the province's bank), answer (with_key only: the key is the
 * bank's secret, kept from supervisors)} */
#define ITEM_VIEW_COLS                                                                                       \
	"id, item_key, version, occupation_code, level, kind, area, stem, options, answer, points, "         \
	"knowledge_code, institution_id"
json_t *item_view(db_stmt *st, bool with_key);

/* a blueprint cell: {area, kind, count} */
#define BLUEPRINT_CELL_VIEW_COLS "area, kind, count"
json_t *blueprint_cell_view(db_stmt *st);

/* a sitting (场次) with its counts: {id, room, starts_at, minutes, admitted, sitting (started now),
 * submitted, invigilators, analysed}; the list adds invigilator_users */
#define SITTING_VIEW_COLS                                                                                    \
	"s.id, s.room, s.starts_at, s.minutes, "                                                             \
	"(SELECT COUNT(*) FROM attempts t WHERE t.sitting_id = s.id), "                                      \
	"(SELECT COUNT(*) FROM attempts t WHERE t.sitting_id = s.id AND t.status = 'started'), "             \
	"(SELECT COUNT(*) FROM attempts t WHERE t.sitting_id = s.id AND t.status = 'submitted'), "           \
	"(SELECT COUNT(*) FROM sitting_invigilators v WHERE v.sitting_id = s.id), "                          \
	"(SELECT COUNT(*) FROM sitting_analyses n WHERE n.sitting_id = s.id), "                              \
	"b.id, b.room_id, r.site_id, es.name, r.name, b.starts_at, b.ends_at, b.candidates, "                \
	"COALESCE(s.moved_at, 0), COALESCE(s.moved_from_starts_at, 0), s.moved_from_room"
/* the sitting's booking of a 考场 of the registry (§57), null when its room is free text */
#define SITTING_VIEW_JOINS                                                                                   \
	" LEFT JOIN room_bookings b ON b.sitting_id = s.id LEFT JOIN exam_rooms r ON r.id = b.room_id "      \
	"LEFT JOIN exam_sites es ON es.id = r.site_id"
json_t *sitting_view(db_stmt *st);

/* an invigilator of a sitting: {user_id, username, display_name, role} */
#define INVIGILATOR_VIEW_COLS "u.id, u.username, u.display_name, u.role"
json_t *invigilator_view(db_stmt *st);

/* an attempt as its sitting's staff see it: {attempt_id, person_id, name, status, seconds_left (at now),
 * extra_minutes, focus_losses, answered, note, score (null until graded)}; the time left is counted from
 * the moment the row is viewed */
#define ATTEMPT_VIEW_COLS                                                                                    \
	"t.id, t.person_id, p.name, t.status, t.deadline, t.extra_minutes, t.focus_losses, "                 \
	"(SELECT COUNT(*) FROM answers w WHERE w.attempt_id = t.id), t.note, t.score"
json_t *attempt_view(db_stmt *st);

/* an attempt as its candidate sees it in their list: {attempt_id, sitting_id, room, starts_at, minutes,
 * status, plan, deadline (null before the start), seconds_left (at now), extra_minutes, moved (null, or the
 * sitting's last 改期/换场: {at, from_starts_at, from_room})} */
#define OWN_ATTEMPT_VIEW_COLS                                                                                \
	"t.id, t.sitting_id, s.room, s.starts_at, s.minutes, t.status, p.title, COALESCE(t.deadline, 0), "   \
	"t.extra_minutes, COALESCE(s.moved_at, 0), COALESCE(s.moved_from_starts_at, 0), s.moved_from_room"
json_t *own_attempt_view(db_stmt *st);

/* a 雷同卷 flag: {id, sitting_id, room, plan_id, plan_title, attempt_a, name_a, attempt_b, name_b, shared,
 * identical, identical_wrong, omega, p, status, note, created_at, reviewed_at (null while open)} */
#define COLLUSION_VIEW_COLS                                                                                  \
	"f.id, f.sitting_id, s.room, p.id, p.title, f.attempt_a, pa.name, f.attempt_b, pb.name, f.shared, "  \
	"f.identical, f.identical_wrong, f.omega, f.p, f.status, f.note, f.created_at, f.reviewed_at"
#define COLLUSION_VIEW_FROM                                                                                  \
	" FROM collusion_flags f JOIN sittings s ON s.id = f.sitting_id JOIN plans p ON p.id = s.plan_id "   \
	"JOIN institutions i ON i.id = p.institution_id JOIN attempts ta ON ta.id = f.attempt_a JOIN "       \
	"persons pa ON pa.id = ta.person_id JOIN attempts tb ON tb.id = f.attempt_b JOIN persons pb ON "     \
	"pb.id = tb.person_id"
json_t *collusion_view(db_stmt *st);

#endif
