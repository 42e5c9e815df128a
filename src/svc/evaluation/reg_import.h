/* reg_import.h: 批量报名 — registering a plan's candidates from a CSV file (columns and rules in
 * reg_import.c and docs/DOMAIN.md §18). */
#ifndef JINENG_REG_IMPORT_H
#define JINENG_REG_IMPORT_H

#include "svc/base/svc.h"

/* registrations_import_csv: every row through registration_create under the caller's role (the plan's
 * institution). Returns {rows, registered, eligible, rejected, stored, errors: [{line, field, code,
 * message_zh, message_en}], registrations: [{line, registration_id, person_id, eligible, failed_code?,
 * failed_message?, failed_message_en?}]}; with all_or_nothing and a rejected row nothing is stored (stored
 * false). NULL with e set when the file cannot be read (missing_column, empty_file) or the database fails. */
json_t *registrations_import_csv(db *d, const principal *a, int64_t plan_id, const char *data, size_t len,
				 bool all_or_nothing, err *e);

#endif
