/* orders.h: 订单班 / 冠名班 (a school, an enterprise, a filed major, a cohort of students and their
 * placement) and 技工教育集团 (联盟) with their members and the 省级重点 flag (docs/DOMAIN.md §53) */
#ifndef JINENG_SVC_CULTIVATION_ORDERS_H
#define JINENG_SVC_CULTIVATION_ORDERS_H

#include "svc/base/list.h"
#include "svc/base/svc.h"

struct order_class_input {
	int64_t enterprise_id, major_id;
	const char *kind, *name; /* kind: order 订单班 / named 冠名班 */
	int64_t cohort_year, graduation_year, planned;
	int64_t school_id; /* the bureau opening one for a school (demand.c, answering job demand); 0: the
			      caller's own school */
};
/* order_class_create: the school (administrator or staff) opens a class with a filed employer on one of its
 * filed majors (201; order_class.created); the province or the school's city opens one for a registered
 * school (school_id) through demand_answer — another city's school is not found (404) */
json_t *order_class_create(db *d, const principal *a, const struct order_class_input *in, err *e);
/* order_class_get: the class with its students, their placement and the counts (the school, the enterprise,
 * the city, the province) */
json_t *order_class_get(db *d, const principal *a, int64_t id, err *e);
extern const struct list_spec order_class_list;
/* order_class_add_students: the school adds persons (up to 500 at once; each once; within planned) */
json_t *order_class_add_students(db *d, const principal *a, int64_t id, const int64_t *persons, size_t n,
				 err *e);

struct placement_input {
	int64_t person_id;
	const char *placement; /* placed (by the partner) / elsewhere / not_placed / pending */
	int64_t employer_id;   /* elsewhere: the employer (0 unknown) */
	const char *placed_on; /* YYYY-MM-DD, placed and elsewhere */
	const char *note;
};
/* order_class_place: the school or the enterprise records a student's placement (order_class.placement) */
json_t *order_class_place(db *d, const principal *a, int64_t id, const struct placement_input *in, err *e);
/* order_class_graduate: the school closes the class when its cohort graduates (order_class.graduated) */
json_t *order_class_graduate(db *d, const principal *a, int64_t id, err *e);

struct group_input {
	const char *name, *kind, *region_code; /* kind: group 集团 / alliance 联盟 */
};
json_t *edu_group_create(db *d, const principal *a, const struct group_input *in, err *e);
json_t *edu_group_get(db *d, const principal *a, int64_t id, err *e);
extern const struct list_spec edu_group_list;
/* edu_group_add_member: the city or the province adds a member institution: a school (technical_school or
 * university), an enterprise (employer) or a training institution (training or social_org) */
json_t *edu_group_add_member(db *d, const principal *a, int64_t id, int64_t institution_id,
			     const char *member_kind, bool lead, err *e);
/* edu_group_set_key: the province names (or un-names) a group 省级重点 with the year and document */
json_t *edu_group_set_key(db *d, const principal *a, int64_t id, bool key, int64_t year, const char *doc_no,
			  err *e);

#endif
