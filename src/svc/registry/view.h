/* view.h: the JSON shape of the registry's entities (institutions, persons, occupations, regions), each
 * built by one view function from a row of its column list. The use cases, list specs, the API, exports
 * and the CLI all go through these, so an entity looks the same wherever it is shown. */
#ifndef JINENG_REGISTRY_VIEW_H
#define JINENG_REGISTRY_VIEW_H

#include "store/db.h"
#include "util/arena.h"
#include "util/jsonw.h"
#include <jansson.h>

/* institutions (alias i) */
#define INSTITUTION_VIEW_COLS                                                                                \
	"i.id, i.name, i.credit_code, i.type, i.region_code, i.inst_code, i.status, i.status_reason, "       \
	"i.status_date, i.address, i.contact_name, i.contact_phone, i.created_at, i.check_override, "        \
	"(SELECT name FROM regions r WHERE r.code = i.region_code)"
json_t *institution_view(db_stmt *st);
/* the Chinese names of an institution type and status (the value itself when unknown) */
const char *inst_type_name(const char *type);
const char *inst_status_name(const char *status);

/* a filed scope entry: occupation code, its name, the levels (5..1) */
#define INST_SCOPE_VIEW_COLS "s.occupation_code, s.levels, o.name"
json_t *inst_scope_view(db_stmt *st);
/* an institution's status change */
#define INST_STATUS_VIEW_COLS "status, reason, status_date, at"
json_t *inst_status_view(db_stmt *st);

/* a version of an occupation's standard */
#define STANDARD_VIEW_COLS "version, template, profile, active, created_at"
json_t *standard_view(db_stmt *st);

/* persons (alias p): masked identity, what person_view writes (lists and exports read only these: no
 * ciphertext leaves the database for a page that never opens it); person_view_full adds the opened ID
 * number and phone from the sealed columns of PERSON_VIEW_COLS (single-record reads by roles that may see
 * them; `ar` holds the opened text) */
#define PERSON_LIST_COLS                                                                                     \
	"p.id, p.name, p.id_type, p.id_masked, p.gender, p.birth_date, p.phone_masked, p.region_code, "      \
	"p.employer_id, p.education, p.created_at, p.updated_at, rg.name, emp.name"
#define PERSON_VIEW_COLS PERSON_LIST_COLS ", p.id_sealed, p.phone_sealed"
/* the FROM clause both column lists read: the names joined in the statement (one index probe each), not
 * looked up by a sub-select per row. On PostgreSQL the probes need random_page_cost = 1.1 (jineng doctor):
 * with the default 4 the planner reads regions and institutions whole and hashes them instead */
#define PERSON_VIEW_FROM                                                                                     \
	" FROM persons p LEFT JOIN regions rg ON rg.code = p.region_code LEFT JOIN institutions emp ON "     \
	"emp.id = p.employer_id"
json_t *person_view(db_stmt *st);
void person_write(jw *w, db_stmt *st); /* person_view's bytes, written without a tree */
json_t *person_view_full(db_stmt *st, arena *ar);

/* occupations (the catalogue, no alias) */
#define OCCUPATION_VIEW_COLS "code, name, category, levels, types, kind"
json_t *occupation_view(db_stmt *st);

/* regions */
#define REGION_VIEW_COLS "code, name, parent_code, level"
json_t *region_view(db_stmt *st);

#endif
