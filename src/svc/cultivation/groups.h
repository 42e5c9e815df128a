/* groups.h: 重点群体 (issue 23 item 7; docs/DOMAIN.md §54) — person categories as data
 * (person_category_kinds, seed 003 §3 and the 农民工, 青年学生), a person's flags with their source
 * (import: a department's list by the bureau; declared: the person themself; verified: the bureau checked it)
 * and validity (valid_from, valid_to; open when absent), and the services given (岗位推荐, 技能培训,
 * 就业帮扶), each logged with the category it served. Scope: the person's (SE_PERSON): the province all, a
 * city its region, the person their own; institutions read and log services for the persons they reach, and
 * set no flag. */
#ifndef JINENG_SVC_CULTIVATION_GROUPS_H
#define JINENG_SVC_CULTIVATION_GROUPS_H

#include "svc/base/svc.h"
#include "svc/base/tx.h"

/* the kinds (public) */
json_t *group_kinds_json(db *d, err *e);

struct group_flag_input {
	const char *source;		   /* import, declared, verified; a candidate may only declare */
	const char *valid_from, *valid_to; /* valid_to NULL or "": open */
	const char *evidence;
};
/* group_flag_put: sets (or replaces) the person's flag of `category`; audited person_category.put. The person
 * themself declares only (422 invalid_value for another source); the bureau of the person's region any
 * source; 404 for a person out of reach, 403 for an institution. Returns the person's categories and
 * services. */
json_t *group_flag_put(db *d, const principal *a, int64_t person, const char *category,
		       const struct group_flag_input *in, err *e);
/* group_flag_write: the flag's row (inserted or replaced) inside the caller's transaction, with the person's
 * counters by category moved (svc/stats/group_counts.h); the caller has checked the input and the scope and
 * audits. `region`: the person's region code. */
int group_flag_write(db *d, int64_t user, int64_t person, const char *category, const char *region,
		     const struct group_flag_input *in, err *e) WUR;
/* group_flag_import: a department's list (CSV or XLSX: 公民身份号码, 类别 (code or name), 有效期起, 有效期止,
 * 依据) entered by the bureau (the province, a city administrator) as flags of source `import`, each person
 * in the caller's region (another's, or an unregistered number: the row is rejected unknown_person, the same
 * answer for both so a city learns nothing of another's persons); errors per row in Chinese and English;
 * all_or_nothing: one rejected row stores nothing; preview: every row checked and the report given, nothing
 * stored. Audited person_category.import with the numbers. Returns {rows, accepted (rows that passed),
 * imported (rows stored), rejected, stored, preview, encoding, by_category: {code: rows accepted}, errors}.
 */
json_t *group_flag_import(db *d, const principal *a, const char *data, size_t len, bool all_or_nothing,
			  bool preview, err *e);
/* group_person_json: {categories: [{category, name, source, valid_from, valid_to, valid_now, evidence}],
 * services: [{id, kind, kind_zh, category, detail, created_at}]} of a person the caller reads */
json_t *group_person_json(db *d, const principal *a, int64_t person, err *e);
/* group_service_log: logs a service given to a person (job_recommendation, skill_training,
 * employment_aid; category: one of the person's valid flags, or NULL); the bureau and the institutions that
 * reach the person; audited person_service.log */
json_t *group_service_log(db *d, const principal *a, int64_t person, const char *kind, const char *category,
			  json_t *detail, err *e);
/* group_service_insert: the row alone, inside the caller's unit (the job recommendations; the caller audits);
 * the person's region is read here. *id gets the row. */
int group_service_insert(tx *t, int64_t person, const char *kind, const char *category, const char *detail,
			 int64_t *id, err *e);
/* group_summary_json: the valid flags today by category and city within the caller's region (the bureau),
 * with the services logged by kind: {items: [{category, name, region_code, persons, services}]} */
json_t *group_summary_json(db *d, const principal *a, err *e);
/* group_valid_category: the first valid flag of the person today, in the kinds' order ("" when none) */
int group_valid_category(db *d, int64_t person, char out[32], err *e);

#endif
