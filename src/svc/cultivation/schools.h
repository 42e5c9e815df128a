/* schools.h: 技工院校 — the bureau's register of technical schools with their tier, campuses and yearly
 * figures; majors filed with the bureau (专业设置 备案制, core/cultivation.h major_fsm) with their versions
 * and the 工学一体化 stage (docs/DOMAIN.md §53) */
#ifndef JINENG_SVC_CULTIVATION_SCHOOLS_H
#define JINENG_SVC_CULTIVATION_SCHOOLS_H

#include "svc/base/import.h"
#include "svc/base/list.h"
#include "svc/base/svc.h"

struct school_input {
	int64_t institution_id;
	const char *tier;     /* technician_college / senior_school / school */
	int64_t founded_year; /* 0 unknown */
};
/* school_register: the city (its region) or the province registers a filed institution of type
 * technical_school as a 技工院校 (201), or changes its tier (200 with *created false). */
json_t *school_register(db *d, const principal *a, const struct school_input *in, bool *created, err *e);
json_t *school_get(db *d, const principal *a, int64_t id, err *e);
extern const struct list_spec school_list;

struct campus_input {
	const char *name, *address;
	bool main;
};
json_t *school_campus_add(db *d, const principal *a, int64_t school, const struct campus_input *in, err *e);

struct school_year_input {
	int64_t year, enrolled, graduates, students;
};
/* school_year_put: the school's 招生 / 毕业 / 在校生 of a year (the school, its city, the province) */
json_t *school_year_put(db *d, const principal *a, int64_t school, const struct school_year_input *in,
			err *e);

/* the CSV import of schools (the import framework): columns 统一社会信用代码, 层次 (技师学院 / 高级技工学校 /
 * 技工学校), 建校年份; rows whose institution is not a technical school of the caller's reach are rejected */
json_t *school_import(db *d, const principal *a, const char *data, size_t len, bool all_or_nothing, err *e);

struct major_input {
	const char *code, *name, *occupation_code, *level;
	int64_t years, ythh_stage;
};
/* major_create: a draft major of the caller's school (201) */
json_t *major_create(db *d, const principal *a, const struct major_input *in, err *e);
json_t *major_get(db *d, const principal *a, int64_t id, err *e);
extern const struct list_spec major_list;
/* major_move: a move of the filing machine (status, reason; a change carries `content`) */
json_t *major_move(db *d, const principal *a, int64_t id, const char *status, const char *reason,
		   const struct major_input *content, err *e);

#endif
