/* users.h: accounts (用户): who may create, change, disable and unlock whom, and the data scope each account
 * is given (users.c). Logins and sessions: auth.h. */
#ifndef JINENG_USERS_H
#define JINENG_USERS_H

#include "svc/base/svc.h"
#include "svc/base/list.h"

struct user_input {
	const char *username, *password, *display_name, *role, *region_code, *examiner_grade;
	int64_t institution_id, person_id;
};

/* user_create: checks the actor may create such an account in its scope, validates, stores, audits. */
int user_create(db *d, const principal *actor, const struct user_input *in, int64_t *id, err *e);
/* user_write_check: 0 when actor may change account user_id: in its user scope (else 404) and of a role it
 * may grant (else 403) */
int user_write_check(db *d, const principal *actor, int64_t user_id, err *e);
/* user_set_password: an actor changes its own password (old required) or an admin resets one in scope. */
int user_set_password(db *d, const principal *actor, int64_t user_id, const char *old_pw, const char *new_pw,
		      err *e);
int user_set_disabled(db *d, const principal *actor, int64_t user_id, bool disabled, err *e);
/* user_unlock: clears an account's failed-login delay; the actor must be an administrator above the account
 * (a province administrator for another province administrator) with the account in scope. Audited
 * (user.unlock). */
int user_unlock(db *d, const principal *actor, int64_t user_id, err *e);
/* user_json: the account as JSON (never the password hash) */
json_t *user_get_json(db *d, const principal *actor, int64_t user_id, err *e);
/* user_list: the accounts the actor may read; filter role; the names of an account's institution and person
 * only where the actor may read them */
extern const struct list_spec user_list;

#endif
