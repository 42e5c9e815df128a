/* view.h: the JSON shape of the auth domain's entities: an account (never its password hash) and a login
 * record, each built by one view function from a row of its column list */
#ifndef JINENG_AUTH_VIEW_H
#define JINENG_AUTH_VIEW_H

#include "store/db.h"
#include <jansson.h>

/* the columns of an account row (alias u), in the order user_view reads them (0-9) */
#define USER_VIEW_COLS                                                                                       \
	"u.id, u.username, u.display_name, u.role, u.region_code, u.institution_id, u.person_id, "           \
	"u.disabled, u.created_at, u.examiner_grade"
/* the names behind an account's data scope (columns 10-12 after USER_VIEW_COLS): region, institution, person
 */
#define USER_NAMES_VIEW_COLS                                                                                 \
	", (SELECT r.name FROM regions r WHERE r.code = u.region_code), (SELECT i.name FROM institutions i " \
	"WHERE i.id = u.institution_id), (SELECT p.name FROM persons p WHERE p.id = u.person_id)"

/* user_view: an account (USER_VIEW_COLS) */
json_t *user_view(db_stmt *st);
/* user_view_named: an account with the names of its region, institution and person (USER_VIEW_COLS
 * USER_NAMES_VIEW_COLS); which names the reader may see is decided after the statement (users.c) */
json_t *user_view_named(db_stmt *st);

/* a login record of the audit archive (LOGIN_VIEW_COLS, alias a) */
#define LOGIN_VIEW_COLS "a.seq, a.at, a.entity_id, a.action, a.detail, a.actor_id"
json_t *login_view(db_stmt *st);

#endif
