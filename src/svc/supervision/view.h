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

#endif
