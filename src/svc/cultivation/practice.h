/* practice.h: 模拟练习 (practice papers; issue 23 item 4; docs/DOMAIN.md §62) — a learner practises for an
 * occupation and level (or the occupation and level of an online course) on a paper drawn from the practice
 * pool by the exam chain's paper assembly (core/paper.c) to the province's blueprint scaled to the paper's
 * length (core/practice.c), submits once and sees the score, the right answers and the explanations.
 *
 * The practice pool (practice_items): items released by their bank's editor (the province its own bank, an
 * institution its own) with an explanation; a release takes every version of the item out of the real exams'
 * draw (svc/exam/sitting.c), and an item on a paper of a sitting still under way cannot be released. Nothing
 * of practice enters attempts, answers, results, item exposure or the item statistics.
 *
 * Who (the scope table, SE_PRACTICE_PAPER): a learner (a person's own account) takes and reads their own
 * papers; the province and the learner's city read them; out of reach 404. The limits (papers a day, items a
 * paper) are data per region (practice_rules): the province's row, a city's row for its learners. */
#ifndef JINENG_SVC_CULTIVATION_PRACTICE_H
#define JINENG_SVC_CULTIVATION_PRACTICE_H

#include "svc/base/svc.h"

/* the pool's occupations and levels (items in each) and, for a learner, today's limit and papers left:
 * {pools: [{occupation_code, occupation_name, level, items}], rule: {papers_per_day, items_per_paper,
 * region_code}, used_today, left_today} */
json_t *practice_options(db *d, const principal *a, err *e);

/* a new paper for the learner: of occupation_code and level, or of course_id's (a published course with an
 * occupation and level); 409 daily_limit when today's papers are used, 409 no_practice_items when the pool
 * has nothing of the occupation and level. {id, ..., items: [{pos, kind, stem, options, points}]} */
json_t *practice_start(db *d, const principal *a, const char *occupation_code, int64_t level,
		       int64_t course_id, err *e);
/* {items, total}: the caller's own papers (a learner), or those of the caller's region (the bureaus), newest
 * first */
json_t *practice_list(db *d, const principal *a, int64_t limit, int64_t offset, err *e);
/* the paper: before submission its items; after, each item with the answer given, the key (in the letters as
 * shown), right or not, and the explanation */
json_t *practice_get(db *d, const principal *a, int64_t id, err *e);
/* submits the answers (letters as shown, by position; "" unanswered) once and scores the paper: each item its
 * points when the answer is exactly the key; 409 already_submitted the second time */
json_t *practice_submit(db *d, const principal *a, int64_t id, const char *const *answers, size_t n, err *e);

/* releases item item_id (every version of it) to the practice pool with its explanation, or changes the
 * explanation of a released one: the item's bank editor (the scope table's writers of the item); 409
 * item_in_use while the item is on a paper of a sitting still under way */
json_t *practice_release(db *d, const principal *a, int64_t item_id, const char *explanation, err *e);
/* {items, total}: the released items of an occupation and level (their editors and the supervisors who audit
 * the banks; no answer keys for supervisors) */
json_t *practice_pool(db *d, const principal *a, const char *occupation_code, int64_t level, int64_t limit,
		      int64_t offset, err *e);

/* the limits per region: {items: [{region_code, papers_per_day, items_per_paper, source, updated_at}]} */
json_t *practice_rules(db *d, const principal *a, err *e);
/* sets a region's limits (the province: 370000 or a city's code) */
json_t *practice_rule_put(db *d, const principal *a, const char *region_code, int64_t papers_per_day,
			  int64_t items_per_paper, const char *source, err *e);

#endif
