/* view.h: the JSON of the supervision domain's rows (one function per row shape). The *_VIEW_COLS macros
 * name the columns each view reads, in order; a query selects them and hands each row to the view. */
#ifndef JINENG_SVC_SUPERVISION_VIEW_H
#define JINENG_SVC_SUPERVISION_VIEW_H

#include "store/db.h"
#include <jansson.h>

/* a complaint in a queue (never the complainant's identity, nor the text): {id, category, category_name,
 * subject_kind, subject_id, institution_id, institution_name, region_code, city, status, status_zh,
 * outcome, anonymous, received_on, ack_due, reply_due, acknowledged_on, decided_on, ack_overdue,
 * reply_overdue} (the overdue flags against today in China time) */
#define COMPLAINT_VIEW_COLS                                                                                  \
	"cp.id, cp.category, cc.name, cp.subject_kind, cp.subject_id, cp.institution_id, "                   \
	"COALESCE(ci.name, ''), cp.region_code, COALESCE(cr.name, ''), cp.status, cp.outcome, "              \
	"cp.anonymous, "                                                                                     \
	"cp.received_on, cp.ack_due, cp.reply_due, cp.acknowledged_on, cp.decided_on"
#define COMPLAINT_VIEW_FROM                                                                                  \
	" FROM complaints cp JOIN complaint_categories cc ON cc.code = cp.category LEFT JOIN institutions "  \
	"ci ON ci.id = cp.institution_id LEFT JOIN regions cr ON cr.code = cp.region_code"
json_t *complaint_view(db_stmt *st);

/* one entry of a complaint's handling record: {id, kind, from_state, to_state, text, actor, at} */
#define COMPLAINT_RECORD_VIEW_COLS                                                                           \
	"cr.id, cr.kind, cr.from_state, cr.to_state, cr.text, COALESCE(u.username, ''), cr.at"
json_t *complaint_record_view(db_stmt *st);

/* a category with its deadlines: {code, name, name_en, ack_days, reply_days, source, updated_at} */
#define COMPLAINT_CATEGORY_VIEW_COLS "code, name, name_en, ack_days, reply_days, source, updated_at"
json_t *complaint_category_view(db_stmt *st);

/* what the public status page shows for a tracking code (no identity, no text, no institution):
 * {status, status_zh, status_en, category, category_name, received_on, ack_due, reply_due,
 * acknowledged_on, decided_on, reply} */
#define COMPLAINT_STATUS_VIEW_COLS                                                                           \
	"cp.status, cp.category, cc.name, cp.received_on, cp.ack_due, cp.reply_due, cp.acknowledged_on, "    \
	"cp.decided_on, cp.reply"
json_t *complaint_status_view(db_stmt *st);
/* a supervisor's profile (alias sp, its account u) */
#define SUPERVISOR_VIEW_COLS                                                                                 \
	"sp.user_id, u.username, u.display_name, sp.grade, sp.cert_no, sp.valid_until, sp.institution_id, "  \
	"(SELECT i.name FROM institutions i WHERE i.id = sp.institution_id), sp.region_code, (SELECT "       \
	"r.name "                                                                                            \
	"FROM regions r WHERE r.code = sp.region_code), sp.latitude, sp.longitude, sp.weekdays, "            \
	"sp.max_per_day, u.disabled, sp.updated_at"
json_t *supervisor_view(db_stmt *st);

/* a dispatch assignment (alias da, its sitting s, plan p, institution i, supervisor's account u) */
#define ASSIGNMENT_VIEW_COLS                                                                                 \
	"da.id, da.run_id, da.day, da.sitting_id, s.room, s.starts_at, s.minutes, p.id, p.title, p.level, "  \
	"i.id, i.name, i.address, i.region_code, da.supervisor_id, u.username, u.display_name, "             \
	"da.distance_m, da.nth, da.explanation"
#define ASSIGNMENT_VIEW_FROM                                                                                 \
	" FROM dispatch_assignments da JOIN sittings s ON s.id = da.sitting_id JOIN plans p ON p.id = "      \
	"s.plan_id JOIN institutions i ON i.id = p.institution_id JOIN users u ON u.id = da.supervisor_id"
json_t *assignment_view(db_stmt *st);

/* a credit event (alias ce, its kind k; the accounts that recorded cu and withdrew wu): {id, subject_type,
 * subject_id, subject_name, region_code, kind, kind_name, kind_name_en, blocks [actions], from, until,
 * reason, source_type, source_id, status, state (pending / in_force / expired / withdrawn, on today in
 * China time, core/credit.h), state_zh, blocking (in force and blocking something), withdraw_reason,
 * withdrawn_at, withdrawn_by, corrects_id, created_by, created_at} */
#define CREDIT_VIEW_COLS                                                                                     \
	"ce.id, ce.subject_type, ce.subject_id, CASE WHEN ce.subject_type = 'institution' THEN (SELECT "     \
	"si.name FROM institutions si WHERE si.id = ce.subject_id) ELSE (SELECT CASE WHEN su.display_name "  \
	"= '' THEN su.username ELSE su.display_name END FROM users su WHERE su.id = ce.subject_id) END, "    \
	"ce.region_code, ce.kind, k.name_zh, k.name_en, ce.blocks, ce.from_date, ce.until_date, ce.reason, " \
	"ce.source_type, ce.source_id, ce.status, ce.withdraw_reason, ce.withdrawn_at, wu.username, "        \
	"ce.corrects_id, cu.username, ce.created_at"
#define CREDIT_VIEW_FROM                                                                                     \
	" FROM credit_events ce JOIN credit_kinds k ON k.code = ce.kind LEFT JOIN users cu ON cu.id = "      \
	"ce.created_by LEFT JOIN users wu ON wu.id = ce.withdrawn_by"
json_t *credit_event_view(db_stmt *st);
/* a rectification (alias rf, its institution i, inspection ins, check item ci): {id, inspection_id,
 * sitting_id, supervisor_id, item_id, item_code, theme, item_text, problem_class, institution_id,
 * institution_name, region_code, finding, days, term_source, opened_on, due_on, status, status_zh,
 * response, responded_on, decision, escalated_on, closed_on, updated_at, overdue} (overdue against today in
 * China time: core/rectify_flow.h) */
#define RECTIFY_VIEW_COLS                                                                                    \
	"rf.id, rf.inspection_id, ins.sitting_id, ins.supervisor_id, rf.item_id, ci.code, ci.theme, "        \
	"ci.text, "                                                                                          \
	"rf.problem_class, rf.institution_id, i.name, i.region_code, rf.finding, rf.days, rf.term_source, "  \
	"rf.opened_on, rf.due_on, rf.status, rf.response, rf.responded_on, rf.decision, rf.escalated_on, "   \
	"rf.closed_on, rf.updated_at"
#define RECTIFY_VIEW_FROM                                                                                    \
	" FROM rectifications rf JOIN institutions i ON i.id = rf.institution_id JOIN inspections ins ON "   \
	"ins.id = rf.inspection_id JOIN check_items ci ON ci.id = rf.item_id"
json_t *rectify_view(db_stmt *st);

/* an entry of a rectification's record: {id, kind, from_state, to_state, text, actor, at} */
#define RECTIFY_RECORD_VIEW_COLS                                                                             \
	"rr.id, rr.kind, rr.from_state, rr.to_state, rr.text, COALESCE(u.username, ''), rr.at"
json_t *rectify_record_view(db_stmt *st);

/* a confirmed revoking situation: {id, institution_id, inspection_id, rectification_id, version, code,
 * situation, reason, suspended, confirmed_by, confirmed_on, at} */
#define REVOKING_VIEW_COLS                                                                                   \
	"rc.id, rc.institution_id, rc.inspection_id, rc.rectification_id, rc.version, rc.code, "             \
	"rc.situation, "                                                                                     \
	"rc.reason, rc.suspended, COALESCE(u.username, ''), rc.confirmed_on, rc.at"
json_t *revoking_view(db_stmt *st);

#endif
