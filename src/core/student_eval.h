/* student_eval.h: 院校学生评价 rules that need no database (svc/cultivation/students.c and proc_eval.c,
 * docs/DOMAIN.md §61):
 *
 * - 高校学生 pilot (seed 004 潍坊 "全省唯一高校学生职业技能等级认定试点城市"; seed 002 驻潍高校): a
 * university takes part only while a pilot covers its region on the day (pilot_find); the region of a pilot
 * covers itself and every region under it (370700 covers 370702; 370000 the province).
 * - 专业匹配度 (seed 004): a major matches an occupation up to a level (max_level, 1 highest .. 5 lowest); a
 * plan of a higher level (a smaller number) is outside the match (major_match_covers).
 * - the diploma a 技工院校 class leads to (培养层次 of the major, DOMAIN §9 贯通): 中级工班 →
 * technical_school, 高级工班 → senior_technical_class, 预备技师班 → preparatory_technician_class
 * (person_diplomas.level)
 *
 * Pure: no I/O. */
#ifndef JINENG_CORE_STUDENT_EVAL_H
#define JINENG_CORE_STUDENT_EVAL_H

#include <stdbool.h>
#include <stddef.h>

struct pilot {
	const char *region_code;
	const char *starts_on, *ends_on; /* YYYY-MM-DD; ends_on "" open-ended */
};

/* region_within: is region `code` the area `area` or under it (trailing "00" pairs of area are its level)? */
bool region_within(const char *code, const char *area);

/* pilot_find: the index of the first pilot covering region `code` on `day` (YYYY-MM-DD), or -1 */
int pilot_find(const struct pilot *p, size_t n, const char *code, const char *day);

/* major_match_covers: a match up to max_level covers a plan of `level` (both 1..5) */
bool major_match_covers(int max_level, int level);

/* diploma_of_major_level: the person_diplomas level of a 技工院校 major's 培养层次 (intermediate, senior,
 * preparatory); NULL for an unknown one */
const char *diploma_of_major_level(const char *major_level);

/* university_diploma_ok: the diploma levels a university's student may be registered toward (college 大专,
 * bachelor 本科, assessed_college 经评估论证的高职) */
bool university_diploma_ok(const char *level);

#endif
