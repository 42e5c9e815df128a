/* wages.h: 工资价位 (the market pay levels of skilled posts; docs/DOMAIN.md §40) — pure rules, no I/O.
 *
 * - The ladder of 新八级工 as the pay survey reports it (学徒工 … 首席技师), parsed from the names an
 *   employer's file may use.
 * - Percentiles by Hyndman & Fan's definition 7 (R's default, quantile(type = 7)), computed exactly in
 *   integers over sorted amounts in fen and rounded to the fen, half up.
 * - Disclosure control of one cell: at least min_employers employers and min_persons persons, and no
 *   employer holding more than max_share_pct % of the cell's persons; a suppressed cell says every reason.
 * - The year-on-year change of a published figure, in basis points.
 * - The minimum pay of a skilled post (《技能人才最低工资分类参考指引》人社厅发〔2025〕52号): the local
 * monthly minimum wage times the post class's multiple (105 / 120 / 150 / 200 %), plus a step per skill level
 *   above 初级工 (the step is local data, a [GAP] in the seeds). */
#ifndef JINENG_CORE_WAGES_H
#define JINENG_CORE_WAGES_H

#include "util/common.h"

/* the ladder (学徒工 … 首席技师) is core/ladder.h's one ordered type; a wage level is a rung of it (WL_*) */
#include "core/ladder.h"

static inline int wage_level_parse(const char *s)
{
	return ladder_parse(s);
}
static inline const char *wage_level_code(int level)
{
	return ladder_code(level);
}
static inline const char *wage_level_name_zh(int level)
{
	return ladder_name_zh(level);
}

/* the published percentiles, in this order */
#define WAGE_NQ 5
extern const int wage_quantile_pct[WAGE_NQ]; /* 10, 25, 50, 75, 90 */

/* wage_quantile7: the pct-th percentile (0..100) of x[0..n-1] (sorted ascending, n >= 1) by definition 7:
 * h = (n - 1) * pct / 100, j = floor(h), q = x[j] + (h - j) * (x[j+1] - x[j]), rounded to the fen half up
 * (half away from zero). Exact: h is kept as the integer (n - 1) * pct and its remainder over 100. */
int64_t wage_quantile7(const int64_t *x, size_t n, int pct);

/* disclosure rules of a publication (data: wage_rules) */
struct wage_disclosure {
	int64_t min_employers; /* 3 */
	int64_t min_persons;   /* 10 */
	int64_t max_share_pct; /* 50: no employer above this share of the cell's persons */
};

enum wage_suppress_reason {
	WS_FEW_EMPLOYERS = 1 << 0, /* fewer than min_employers employers */
	WS_FEW_PERSONS = 1 << 1,   /* fewer than min_persons persons */
	WS_DOMINANT = 1 << 2,	   /* one employer holds more than max_share_pct % of the persons */
};

/* wage_suppress: the reasons a cell of `persons` persons from `employers` employers, the largest of which
 * holds `largest` of them, is not published (0: it is published) */
unsigned wage_suppress(const struct wage_disclosure *r, int64_t employers, int64_t persons, int64_t largest);
/* wage_suppress_format: the reasons as a comma list of codes ("few_employers,few_persons,dominant_employer";
 * "" for 0) into out */
void wage_suppress_format(unsigned reasons, char *out, size_t cap);
/* the Chinese and English sentence of one reason bit, with the rule's number */
void wage_suppress_text(unsigned reason, const struct wage_disclosure *r, char *zh, size_t zcap, char *en,
			size_t ecap);

/* wage_change_bp: the change from prev to cur in basis points (1/100 of a per cent), rounded half away from
 * zero; false (nothing to say) when prev <= 0 */
bool wage_change_bp(int64_t prev, int64_t cur, int64_t *bp);

/* wage_min_annual: the minimum annual pay (fen) of a post of class multiple class_pct (105 …) held at
 * `level`, where the local monthly minimum wage is monthly_fen and each level above 初级工 adds
 * level_step_pct points to the multiple: monthly_fen * 12 * (class_pct + steps * level_step_pct) / 100,
 * rounded up to the fen (a minimum is never rounded down). steps = level - WL_5 (0 for 学徒工 and 初级工).
 * -1 on a negative input or overflow. */
int64_t wage_min_annual(int64_t monthly_fen, int64_t class_pct, int64_t level_step_pct, int level);

#endif
