/* workforce.h: 评价队伍与考点 — the pure rules of issue 24 items 2-3 (docs/DOMAIN.md §57): which
 * qualification grade a task needs and whether a held one covers it on a day; whether a room fits a sitting
 * (seats, and for the theory exam one computer per candidate); whether two bookings overlap; whether a
 * 标准化考场 assessment passes. No I/O. */
#ifndef JINENG_CORE_WORKFORCE_H
#define JINENG_CORE_WORKFORCE_H

#include <stdbool.h>
#include <stdint.h>

enum qual_grade {
	QG_NONE = 0,
	QG_EXAMINER,	    /* 考评员 */
	QG_SENIOR_EXAMINER, /* 高级考评员 */
	QG_SUPERVISOR,	    /* 督导员 */
};

/* qual_grade_parse: "examiner", "senior_examiner", "supervisor"; QG_NONE for anything else */
enum qual_grade qual_grade_parse(const char *s);
const char *qual_grade_name(enum qual_grade g);
const char *qual_grade_zh(enum qual_grade g);
/* qual_role: the account role a grade belongs to: "examiner" or "supervisor" (NULL for QG_NONE) */
const char *qual_role(enum qual_grade g);
/* qual_needed_for_level: the grade a panel member needs for a plan of `level` (1..5; 0 专项): levels 2 and
 * 1 need 高级考评员, the others 考评员 */
enum qual_grade qual_needed_for_level(int level);
/* qual_covers: does a held grade cover a needed one? 高级考评员 covers 考评员; 督导员 only itself */
bool qual_covers(enum qual_grade held, enum qual_grade needed);
/* qual_valid_on: an active qualification is valid from its first to its last day inclusive (YYYYMMDD) */
bool qual_valid_on(bool active, int from, int until, int ymd);

enum room_part { RP_THEORY = 0, RP_PRACTICAL, RP_REVIEW };
/* room_part_parse: "theory", "practical", "review"; -1 for anything else */
int room_part_parse(const char *s);
/* room_problem: NULL when a room of `seats` seats and `computers` computers fits `candidates` for the part;
 * else the error code: "room_too_small" (more candidates than seats), "room_no_computers" (the theory exam
 * is taken on computers: one per candidate) */
const char *room_problem(enum room_part part, int64_t candidates, int64_t seats, int64_t computers);
/* spans_overlap: do [a0, a1) and [b0, b1) share an instant? (back to back is no overlap) */
bool spans_overlap(int64_t a0, int64_t a1, int64_t b0, int64_t b1);
/* site_check_passed: a signed 标准化考场 assessment passes when every item is marked and none nonconform */
bool site_check_passed(int64_t items, int64_t marked, int64_t nonconform);

#endif
