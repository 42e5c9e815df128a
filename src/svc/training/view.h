/* view.h: the training domain's rows as JSON. Each *_VIEW_COLS names the columns its view reads, in order,
 * as the queries alias the tables: i institutions, o training_orgs, s training_sites, c training_courses,
 * sh training_shortage_entries, sl training_shortage_lists. */
#ifndef JINENG_SVC_TRAINING_VIEW_H
#define JINENG_SVC_TRAINING_VIEW_H

#include "store/db.h"
#include "util/jsonw.h"
#include <jansson.h>

#define TRAINING_ORG_VIEW_COLS                                                                               \
	"i.id, i.name, i.type, i.region_code, (SELECT name FROM regions r WHERE r.code = i.region_code), "   \
	"o.kind, o.licence_no, o.filed_on, o.status, i.status, i.address"
json_t *training_org_view(db_stmt *st);
/* the Chinese name of a training institution's kind */
const char *training_kind_name(const char *kind);

#define TRAINING_SITE_VIEW_COLS                                                                              \
	"s.id, s.institution_id, s.name, s.address, s.county_code, "                                         \
	"(SELECT name FROM regions r WHERE r.code = s.county_code), s.city_code, s.latitude, s.longitude"
json_t *training_site_view(db_stmt *st);

/* a course with its site, institution, occupation and county names and the 急需紧缺 entry of its site's city
 * (the latest year's list). The two names are LEFT JOINs on their primary keys, not scalar subqueries:
 * PostgreSQL read a subquery's tiny table by a sequential scan for each row (half of the 培训地图 page's 0.6
 * ms for 20 rows; as joins, one index probe per distinct code through Memoize: docs/PERFORMANCE.md) */
#define TRAINING_COURSE_FROM_SITE " FROM training_courses c JOIN training_sites s ON s.id = c.site_id"
#define TRAINING_COURSE_FROM_HEAD TRAINING_COURSE_FROM_SITE " JOIN institutions i ON i.id = c.institution_id"
#define TRAINING_COURSE_FROM_TAIL                                                                            \
	" LEFT JOIN occupations oc ON oc.code = c.occupation_code LEFT JOIN regions rg ON rg.code = "        \
	"s.county_code LEFT JOIN training_shortage_entries sh ON sh.city_code = s.city_code AND "            \
	"sh.occupation_code = c.occupation_code AND sh.year = (SELECT MAX(l.year) FROM "                     \
	"training_shortage_lists l WHERE l.city_code = s.city_code) LEFT JOIN training_shortage_lists sl "   \
	"ON "                                                                                                \
	"sl.city_code = sh.city_code AND sl.year = sh.year"
/* the courses with their filing (o), for the lists and their filters on o.status */
#define TRAINING_COURSE_FROM                                                                                 \
	TRAINING_COURSE_FROM_HEAD                                                                            \
	" JOIN training_orgs o ON o.institution_id = c.institution_id" TRAINING_COURSE_FROM_TAIL
/* the view's rows of courses already chosen by id (the 培训地图's page): the view reads nothing of the
 * filing, and on PostgreSQL its join was a twelfth of the page statement (docs/PERFORMANCE.md) */
#define TRAINING_COURSE_ROWS_FROM TRAINING_COURSE_FROM_HEAD TRAINING_COURSE_FROM_TAIL
#define TRAINING_COURSE_VIEW_COLS                                                                            \
	"c.id, c.institution_id, c.site_id, c.occupation_code, oc.name, c.level, c.title, c.class_hours, "   \
	"c.price_fen, c.capacity, c.subsidised, c.status, i.name, s.name, s.address, s.county_code, "        \
	"rg.name, s.latitude, s.longitude, sh.year, sh.amount_fen, sl.min_fen, sl.max_fen, sl.title"
#define TRAINING_COURSE_NCOLS 24
json_t *training_course_view(db_stmt *st);
/* training_course_write: the members of training_course_view's object written as text (w is inside the
 * object: the caller writes the braces and may add members after), byte for byte what json_dumps makes of the
 * view, with "starts" from `starts` (the dates from today on, comma-separated in any order, or NULL): the
 * 培训地图's twenty courses a request without a tree of json_t (docs/PERFORMANCE.md). tests/api/63 compares
 * the two. */
void training_course_write(jw *w, db_stmt *st, const char *starts);
/* training_course_starts_attach: sets "starts" (the start dates from today on, ascending) on every course
 * object of `items` (each has "id"), in one query */
int training_course_starts_attach(db *d, json_t *items, err *e);

#define TRAINING_SHORTAGE_LIST_VIEW_COLS                                                                     \
	"sl.city_code, (SELECT name FROM regions r WHERE r.code = sl.city_code), sl.year, sl.title, "        \
	"sl.source, sl.declared_count, sl.min_fen, sl.max_fen"
json_t *training_shortage_list_view(db_stmt *st);
#define TRAINING_SHORTAGE_ENTRY_VIEW_COLS                                                                    \
	"sh.occupation_code, (SELECT name FROM occupations oc WHERE oc.code = sh.occupation_code), "         \
	"sh.amount_fen"
json_t *training_shortage_entry_view(db_stmt *st);

#endif
