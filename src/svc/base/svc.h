/* svc.h: helpers shared by the use cases (src/svc/). A use case validates, checks scope, then runs its
 * writes and its audit record in one transaction: all or nothing. */
#ifndef JINENG_SVC_H
#define JINENG_SVC_H

#include "core/principal.h"
#include "store/db.h"
#include "svc/base/audit.h"
#include "svc/base/scope.h"
#include <jansson.h>

/* json field readers: return the value, NULL/def when absent or null; set a 422 invalid_type error (and
 * return NULL / def) when present with the wrong type. Check err_isset(e) after a batch of reads. */
const char *jstr(json_t *o, const char *key, err *e);
int64_t jint(json_t *o, const char *key, int64_t def, err *e);
int jbool(json_t *o, const char *key, int def, err *e);
/* jreq: like jstr but 422 missing_field when absent or empty */
const char *jreq(json_t *o, const char *key, err *e);
/* json_ids: a new JSON array of the n ids (for audit details of typed inputs) */
json_t *json_ids(const int64_t *ids, size_t n);
/* rows_json: steps st to its end and returns the view of each row in a new array; NULL with `e` set when
 * st is NULL (db_query failed and set e) or a step fails (never a short list). Releases st. */
json_t *rows_json(db_stmt *st, json_t *(*view)(db_stmt *st), err *e);
/* scoped_row: the statement "<select> WHERE <id_frag> AND <the rows of ent principal a may read>" for one
 * id (id_frag is "p.id = ?"); NULL with `e` set on failure. For a use case's get, with row_json. */
db_stmt *scoped_row(db *d, const principal *a, const char *select, const char *id_frag, int64_t id,
		    enum scope_entity ent, err *e);
/* row_json: the view of st's one row; NULL when there is none (e unset: the caller's 404) or on failure
 * (e set: a database error is never "not found"). Releases st. */
json_t *row_json(db_stmt *st, json_t *(*view)(db_stmt *st), err *e);

/* text checks for names and free text: valid UTF-8, trimmed, 1..max characters, no control characters (C0,
 * DEL, C1) and no invisible format characters (bidi controls such as U+202E, zero-width characters: see
 * invisible_format), which would let a name show as something else on screen and in exports. Returns 0 or
 * 422 invalid_text on `field`. */
int check_text(const char *s, const char *field, size_t max_chars, bool required, err *e);
/* invisible_format: bidi controls and other invisible format characters that check_text refuses (spoofing) */
bool invisible_format(uint32_t cp);
size_t utf8_chars(const char *s);

/* id_text: an id as decimal text in a caller buffer */
const char *id_text(int64_t id, char buf[24]);
int64_t now_s(void);

/* plan_owner: a plan's institution and its region code; 404 not_found when there is no such plan */
int plan_owner(db *d, int64_t plan_id, int64_t *inst, char region[16], err *e);
/* tx_fail: rolls back and returns -1 (for `return tx_fail(d);` after a failed step) */
int tx_fail(db *d);

#endif
