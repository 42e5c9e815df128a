/* prefs.h: an account's web UI preferences (table user_preferences, migration 046): one JSON object of at
 * most PREFS_MAX_BYTES, read and replaced whole by its own account only (GET/PUT /api/v1/me/preferences). The
 * web UI keeps there the visible columns of each list page (docs/WEB.md "Column toggles"), so that they
 * follow the user to another browser. The server does not read the contents. */
#ifndef JINENG_SVC_PREFS_H
#define JINENG_SVC_PREFS_H

#include "core/principal.h"
#include "store/db.h"
#include <jansson.h>

#define PREFS_MAX_BYTES 16384

/* prefs_get: the caller's object ({} when none was saved); NULL with e set on a database error */
json_t *prefs_get(db *d, const principal *a, err *e);
/* prefs_put: replaces the caller's object with `json` (the text of a JSON object, compact); 413
 * prefs_too_large past PREFS_MAX_BYTES, 422 invalid_type when it is no object. Audited (user.preferences). */
int prefs_put(db *d, const principal *a, const char *json, err *e);

#endif
