/* students.h: 院校学生 (issue 23 item 5; docs/DOMAIN.md §61): the 高校学生 pilot by region and period, the
 * major ↔ occupation matching table, a school's students registered by class, the diploma (毕业证书) that
 * with the level certificate of 过程化评价 (proc_eval.h) makes the 双证 record on the talent record. */
#ifndef JINENG_SVC_CULTIVATION_STUDENTS_H
#define JINENG_SVC_CULTIVATION_STUDENTS_H

#include "svc/base/list.h"
#include "svc/base/svc.h"

/* ---- the pilot (province data; read by every staff role) ---- */
struct pilot_input {
	const char *name, *region_code, *starts_on, *ends_on, *source; /* ends_on NULL / "": open-ended */
};
/* pilot_create: the province adds a pilot (201; audited cult_pilot.created) */
json_t *pilot_create(db *d, const principal *a, const struct pilot_input *in, err *e);
json_t *pilot_list_json(db *d, const principal *a, err *e);

/* the evaluating school of the caller: a registered 技工院校 (cult_schools) or a university a pilot covers
 * today; 409 not_a_school for another institution, 409 outside_pilot (with the university's region and the
 * pilots in force) for a university outside it */
struct eval_school {
	int64_t id;
	char type[24], region[16], name[200];
	bool university;
};
int eval_school_of(db *d, const principal *a, struct eval_school *s, err *e);

/* ---- 专业 ↔ 职业 (province data) ---- */
struct major_occ_input {
	const char *major_code, *occupation_code, *major_name, *source;
	int64_t max_level; /* 1..5: the highest level the match supports */
};
/* major_occ_put: the province sets a row (200; audited major_occupation.put with the old max_level) */
json_t *major_occ_put(db *d, const principal *a, const struct major_occ_input *in, err *e);
extern const struct list_spec major_occ_list;
/* major_occ_covers: *yes when the table matches major_code to occupation up to the plan's level */
int major_occ_covers(db *d, const char *major_code, const char *occupation, int level, bool *yes, err *e);

/* ---- students ---- */
struct student_batch_input {
	int64_t major_id;		       /* a 技工院校: one of its filed majors */
	const char *major_code, *major_name;   /* a university: the major's code and name */
	const char *diploma_level;	       /* a university: college / bachelor / assessed_college */
	const char *class_name, *graduates_on; /* the class; the expected graduation (YYYY-MM-DD) */
	int64_t enrolled_year;
	const int64_t *persons;
	size_t n; /* 1..500 */
};
/* students_register: the school registers a class's students in one transaction (201 {created, items}); each
 * person one the school reads (its registry), once per school; each gets the diploma fact of the class
 * (person_diplomas, graduated_on the expected date) that 申报条件 "含在读应届毕业生" reads. Audited
 * student.registered. */
json_t *students_register(db *d, const principal *a, const struct student_batch_input *in, err *e);
extern const struct list_spec student_list;
/* students_import: a 技工院校 imports a class's students from CSV or XLSX (姓名, 公民身份号码, 手机号码, 专业
 * (code or name of its major), 班级, 入学年份, 预计毕业日期); each person matched by the ID number or
 * registered, then registered as students_register does; a row already the school's student in the same class
 * and major is accepted unchanged. preview: every row checked, nothing stored; all_or_nothing: nothing stored
 * when a row is rejected. At most STUDENT_IMPORT_MAX_ROWS rows (413 too_many_rows). Audited student.import
 * (besides the persons' and the students' own records). */
#define STUDENT_IMPORT_MAX_ROWS 2000
json_t *students_import(db *d, const principal *a, const char *data, size_t len, bool all_or_nothing,
			bool preview, err *e);
/* student_diploma: the school records the 毕业证书 (number, date not after today): once; the diploma fact
 * takes the date. Audited student.diploma. */
json_t *student_diploma(db *d, const principal *a, int64_t id, const char *diploma_no, const char *diploma_on,
			err *e);
/* students_talent_add: the talent record's part: school_records [{school, class, major, diploma, the
 * certificates of its 过程化评价, dual}] (svc/../api/registry/talent.c); a supervisor gets none */
int students_talent_add(db *d, const principal *a, int64_t person_id, json_t *rec, err *e);

#endif
