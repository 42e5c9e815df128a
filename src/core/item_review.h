/* item_review.h: 试题复核标记 — when an item's statistics from a graded sitting send it back for review.
 * Rules (docs/DOMAIN.md §23): 难度过高 p < 0.10; 难度过低 p > 0.95; 区分度不足 r_drop < 0.15; 干扰项
 * 异常 a wrong option chosen by at least 2 candidates whose choice correlates positively with the rest
 * score. Pure. */
#ifndef JINENG_ITEM_REVIEW_H
#define JINENG_ITEM_REVIEW_H

#include <stdbool.h>
#include <stddef.h>

enum {
	IR_TOO_HARD = 1,	   /* p < 0.10 */
	IR_TOO_EASY = 2,	   /* p > 0.95 */
	IR_LOW_DISCRIMINATION = 4, /* r_drop < 0.15 */
	IR_DISTRACTOR = 8,	   /* a distractor with positive discrimination */
};

#define IR_P_LOW		 0.10
#define IR_P_HIGH		 0.95
#define IR_RDROP_MIN		 0.15
#define IR_DISTRACTOR_MIN_CHOSEN 2

/* distractor_positive: key is the correct option's index; count[o] and r[o] per option (r NAN when
 * undefined) */
bool distractor_positive(int n_opt, int key, const size_t *count, const double *r);

/* item_review_flags: NAN p or r_drop never raise their flag (an item nobody answered, or a constant one,
 * is caught by p or has nothing to say) */
unsigned item_review_flags(double p, double r_drop, bool distractor);

/* item_review_names: "too_hard,low_discrimination" etc. into buf ("" when no flag); returns buf */
const char *item_review_names(unsigned flags, char *buf, size_t n);

#endif
