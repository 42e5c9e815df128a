/* norm.h: 企业评价规范 — the pure rules of a self-evaluating enterprise's own norm (docs/DOMAIN.md §65): its
 * state machine (draft → submitted → approved | rejected; approved → superseded by the next approved
 * version), its evaluation methods (考核鉴定 / 考评结合 / 过程化考核 / 业绩评审), the weights of knowledge
 * and skill, the 理论知识权重表 (areas of the theory paper) a blueprint must follow, how a result passes
 * under the norm, and who may file one (a 规模以上 enterprise whose workforce is mainly skilled, the
 * thresholds as data). No I/O. */
#ifndef JINENG_CORE_NORM_H
#define JINENG_CORE_NORM_H

#include "core/fsm.h"
#include <stdbool.h>
#include <stddef.h>

extern const struct fsm norm_fsm;

enum norm_method {
	NM_NONE = 0,
	NM_ASSESSMENT, /* 考核鉴定: theory and practical, each part passes on its own */
	NM_COMBINED,   /* 考评结合: the weighted total of knowledge and skill passes */
	NM_PROCESS, /* 过程化考核: module scores gathered over time, aggregated by the version's rule */
	NM_PERFORMANCE, /* 业绩评审: a panel's review of the candidate's performance record */
};
enum norm_method norm_method_parse(const char *s);
const char *norm_method_name(enum norm_method m);
const char *norm_method_zh(enum norm_method m);
/* does the 认定计划 chain run this method? 考核鉴定 and 考评结合 by a theory sitting and panels, 过程化考核
 * by the plan's module scores (the version's module rule, core/cultivation.h proc_eval_aggregate), 业绩评审
 * by the plan's review panel scoring each candidate's performance record */
bool norm_method_in_chain(enum norm_method m);
/* norm_plan_parts: the parts a plan on a level evaluated by `m` declares (NM_NONE: the national standard):
 * 理论知识 and 操作技能 for 考核鉴定 and 考评结合 and the standard; none for 过程化考核 (its modules) and
 * 业绩评审 (its record); 综合评审 at levels 2 and 1, and at every level for 业绩评审 (its panel is the review
 * panel). Bits NORM_PART_*. */
enum { NORM_PART_THEORY = 1u << 0, NORM_PART_PRACTICAL = 1u << 1, NORM_PART_REVIEW = 1u << 2 };
unsigned norm_plan_parts(enum norm_method m, int level);

/* norm_assessed_on_check: the day a 过程化考核 module assessment is dated (YYYYMMDD): never after today
 * (NORM_DAY_FUTURE) nor after the plan's exam day, which closes the assessment period (NORM_DAY_AFTER_EXAM;
 * exam_day 0: no bound). 0 when it may be recorded. */
enum { NORM_DAY_FUTURE = 1, NORM_DAY_AFTER_EXAM = 2 };
int norm_assessed_on_check(int day, int today, int exam_day);

/* norm_weights_ok: knowledge and skill are percentages (0..100) summing to 100, skill at least 1 (every
 * method scores the practical part) */
bool norm_weights_ok(int knowledge, int skill);

#define NORM_MAX_AREAS 16
/* one row of the 理论知识权重表: an area (鉴定范围) and its share of the theory paper, in percent */
struct norm_area {
	const char *area;
	int weight;
};
/* norm_areas_ok: 1..NORM_MAX_AREAS areas, each named once with a weight 1..100, summing to 100; none when
 * the level has no theory weight (knowledge 0). Returns 0, or 1 + the index of the first bad area (n + 1
 * when only the sum is wrong). */
int norm_areas_check(const struct norm_area *a, size_t n);

/* one area's count of items in a blueprint */
struct norm_cell {
	const char *area;
	int count;
};
/* norm_blueprint_off: does a blueprint follow the norm's areas? Each area's share of the paper must be
 * within one item of its weight (|100·count − weight·total| < 100); an area of the blueprint the norm does
 * not name is off. Returns -1 when it follows them, else the index into cells of the first area that is off
 * (an area of the norm missing from the blueprint: ncells + its index). */
int norm_blueprint_off(const struct norm_area *areas, size_t nareas, const struct norm_cell *cells,
		       size_t ncells);

/* a candidate's part scores under a norm: theory < 0 when waived (免考理论) */
struct norm_scores {
	double theory, practical, review;
};
/* norm_total: the weighted total, rounded to 0.1: knowledge·theory + skill·practical (percent); a waived
 * theory puts the whole weight on the practical part */
double norm_total(int knowledge, int skill, const struct norm_scores *s);
/* norm_passed: 考核鉴定 — the theory (unless waived) and the practical each reach the pass mark; 考评结合 —
 * the weighted total reaches it. Levels 2 and 1 also need the 综合评审 at the pass mark. *total gets
 * norm_total. 业绩评审 — the panel's score (s->review), rounded to 0.1 into *total, reaches the pass mark
 * (at every level: the panel is the review). 过程化考核 never passes here: its module rule decides
 * (proc_eval_aggregate). */
bool norm_passed(enum norm_method m, int knowledge, int skill, int level, double pass_mark,
		 const struct norm_scores *s, double *total);

/* filing eligibility (who may file a norm), thresholds from norm_filing_rules */
struct norm_filing_rule {
	bool above_size_required;
	int skilled_share_min_pct;
};
struct norm_filing {
	bool above_size;
	long employees, skilled_employees;
};
/* norm_filing_check: 0 when the enterprise may file; else fills code and both messages */
int norm_filing_check(const struct norm_filing_rule *r, const struct norm_filing *f, char code[32],
		      char zh[160], char en[160]);

#endif
