/* ladder.h: the 新八级工 ladder, ONE ordered type for every part that speaks of a skill level (seed 002:
 * 在现有初级工、中级工、高级工、技师、高级技师"五级工"序列基础上，向上增设特级技师、首席技师技术职务（岗位），
 * 向下补设学徒工; docs/DOMAIN.md "新八级工"):
 *
 *   学徒工 < 初级工 (五级) < 中级工 (四级) < 高级工 (三级) < 技师 (二级) < 高级技师 (一级) < 特级技师 <
 * 首席技师
 *
 * The enum's order IS the ladder's order: a higher value is a higher rung, so "this or higher" is `>=`.
 * Certificates store the five levels as the national grade (1 一级 … 5 五级, lower is higher);
 * ladder_from_grade / ladder_grade convert at that one boundary. 特级技师 and 首席技师 are posts an
 * enterprise appoints to (svc/incentive/posts.c), not certificate grades; 学徒工 is no certificate either.
 * Pure: no I/O. */
#ifndef JINENG_CORE_LADDER_H
#define JINENG_CORE_LADDER_H

#include <stdbool.h>

enum ladder_rung {
	WL_APPRENTICE = 0, /* 学徒工 */
	WL_5,		   /* 初级工（五级） */
	WL_4,		   /* 中级工（四级） */
	WL_3,		   /* 高级工（三级） */
	WL_2,		   /* 技师（二级） */
	WL_1,		   /* 高级技师（一级） */
	WL_SPECIAL,	   /* 特级技师 */
	WL_CHIEF,	   /* 首席技师 */
	WL_COUNT
};

/* ladder_parse: a rung as a file or a request writes it: the code ("apprentice", "level5" … "level1",
 * "special", "chief"), the Chinese name (学徒工, 初级工 … 首席技师, also "初级工（五级）"), the grade
 * (五级 … 一级, "5" … "1"). -1 when none of them. */
int ladder_parse(const char *s);
const char *ladder_code(int rung);    /* NULL outside the ladder */
const char *ladder_name_zh(int rung); /* NULL outside the ladder */
const char *ladder_name_en(int rung); /* NULL outside the ladder */

/* ladder_from_grade: the rung of a certificate grade 1..5 (1 高级技师 … 5 初级工); -1 for any other grade */
int ladder_from_grade(int grade);
/* ladder_grade: the certificate grade 1..5 of a rung; 0 for 学徒工, 特级技师, 首席技师 (no certificate
 * grade), -1 outside the ladder */
int ladder_grade(int rung);
/* ladder_grade_label: the label of a certificate grade, "一级/高级技师" … "五级/初级工" (the grade and the
 * rung's name, from the one table); "" for any other grade. Statistics, 申报条件, 贯通 and 定期评估 print
 * grades with it. */
const char *ladder_grade_label(int grade);
/* ladder_at_least: is `held` this rung or higher? (false when either is outside the ladder) */
bool ladder_at_least(int held, int required);
/* ladder_grade_at_least: does a certificate of grade `held` (1..5) stand at grade `required` (1..5) or
 * higher on the ladder? (1 一级 is higher than 5 五级.) false when either is no grade. */
bool ladder_grade_at_least(int held, int required);

#endif
