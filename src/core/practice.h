/* practice.h: 模拟练习 (practice papers; issue 23 item 4; docs/DOMAIN.md §62) — the pure rules: how a
 * practice paper follows the exam blueprint at a smaller size (the blueprint's cells scaled to the paper's
 * length by the largest remainder, each cell at most what the practice pool holds), where a learner's day
 * begins (China Standard Time) and how many papers the day still allows. Drawing the items is core/paper.c's
 * (the exam chain's paper assembly); marking an item is core/elearn.h's all-or-nothing rule. No I/O. */
#ifndef JINENG_CORE_PRACTICE_H
#define JINENG_CORE_PRACTICE_H

#include "core/paper.h"
#include <stddef.h>
#include <stdint.h>

/* practice_scale: out[i] = bp[i] with its count scaled from the blueprint's total to `target` items: each
 * cell count * target / total rounded down, the items left over going one each to the cells of the largest
 * remainders (ties: the earlier cell); then each cell capped at avail[i], the pool's items of that cell (a
 * short practice pool gives a shorter paper, never a refusal). A target at or above the total keeps the
 * blueprint's counts (capped). Returns the paper's length (the sum of out's counts), 0 when nothing can be
 * drawn; at most 256 cells. */
int practice_scale(const struct blueprint_cell *bp, const int *avail, size_t ncells, int target,
		   struct blueprint_cell *out);

/* the start (Unix seconds) of the China Standard Time day (UTC+8) holding `now` */
int64_t practice_day_start(int64_t now);

/* papers left today: limit - used, never below 0 */
int practice_left(int64_t used_today, int64_t per_day);

#endif
