/* audit_read.h: reading the audit archive (GET /audit, its export): the records the principal may read
 * (the audit scope of core/scope.c: the province all, a city or a supervisor what the accounts of its region
 * did), newest first. */
#ifndef JINENG_AUDIT_READ_H
#define JINENG_AUDIT_READ_H

#include "svc/base/list.h"

/* filters actor, entity, entity_id, action (exact); from, to (YYYY-MM-DD in Asia/Shanghai, `to` inclusive,
 * or epoch milliseconds) */
extern const struct list_spec audit_list;
/* audit_view: one record (columns AUDIT_VIEW_COLS, alias a) with its time as Asia/Shanghai text */
#define AUDIT_VIEW_COLS "a.seq, a.at, a.actor, a.role, a.action, a.entity, a.entity_id, a.detail, a.hash"
json_t *audit_view(db_stmt *st);
/* audit_time_text: epoch milliseconds as "YYYY-MM-DD HH:MM:SS" in Asia/Shanghai */
void audit_time_text(int64_t at_ms, char out[32]);

#endif
