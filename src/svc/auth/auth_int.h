/* auth_int.h: what the auth domain's files share (not for other domains): an account row's columns and its
 * JSON */
#ifndef JINENG_AUTH_INT_H
#define JINENG_AUTH_INT_H

#include "store/db.h"
#include <jansson.h>

/* the columns of an account row, in the order user_row_json reads them (0-9) */
#define USER_COLS                                                                                            \
	"u.id, u.username, u.display_name, u.role, u.region_code, u.institution_id, u.person_id, "           \
	"u.disabled, "                                                                                       \
	"u.created_at, u.examiner_grade"

/* an account row (USER_COLS first) as JSON */
json_t *user_row_json(db_stmt *st);

#endif
