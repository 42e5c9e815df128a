/* special.h: 专项职业能力开发 and 新职业信息征集 (issue 24 item 5; docs/DOMAIN.md §66), the pure rules:
 *
 * A 专项职业能力考核项目 proposal as a state machine (core/fsm.h):
 *   草稿 draft          → 已提交 submitted     提交 (the proposer: a city bureau or an enterprise / school
 *                                                 administrator; its draft 考核规范 complete)
 *   已提交 submitted    → 草稿 draft           退回修改 (the province, with a reason)
 *   已提交 submitted    → 专家评审中 reviewing 组织专家评审 (the province names a panel of ≥ min_experts)
 *   专家评审中 reviewing → 评审通过 passed      评审通过 (the province; every needed score in, mean ≥ pass)
 *   专家评审中 reviewing → 未通过 rejected      评审不通过 (the province, with a reason; the scores in)
 *   专家评审中 reviewing → 草稿 draft           退回修改 (the province, with the experts' opinions)
 *   评审通过 passed     → 已发布 published      发布 (the province, into a catalogue version)
 *
 * A new-occupation proposal (新职业信息征集):
 *   已提交 submitted → 已上报 forwarded (the province forwards it to 人社部) | 不予上报 declined (reason)
 *   已上报 forwarded → 已纳入大典 adopted (the edition named) | 未纳入大典 not_adopted (reason)
 *
 * And the review's outcome from the panel's independent scores, the catalogue code ZX-37-NNN (docs/DOMAIN.md
 * §5), who may propose. Pure: no I/O. */
#ifndef JINENG_CORE_SPECIAL_H
#define JINENG_CORE_SPECIAL_H

#include "core/fsm.h"

enum special_effects {
	SP_FX_PANEL = 1u << 0,	 /* the review: a new round with its panel */
	SP_FX_OUTCOME = 1u << 1, /* the mean score recorded */
	SP_FX_PUBLISH = 1u << 2, /* the item into the catalogue and the occupation registry */
	SP_FX_OPINION = 1u << 3, /* the reason is the province's opinion */
};

/* what the proposal's guards read */
struct special_ctx {
	bool spec_complete; /* the draft 考核规范 has its target, method and at least one module */
	int panel;	    /* experts named for the review */
	int min_experts;    /* scores the review needs */
	int scores;	    /* scores in (this round) */
	int mean_x100;	    /* their mean × 100, floored */
	int pass_score;	    /* the pass mark (0..100) */
};

extern const struct fsm special_fsm;

enum newocc_effects {
	NO_FX_DECIDE = 1u << 0, /* decided_on and the opinion */
	NO_FX_ADOPT = 1u << 1,	/* the edition (and the code: the occupation joins the registry) */
};

struct newocc_ctx {
	bool edition_named; /* the 大典 edition that adopted it is given */
};

extern const struct fsm newocc_fsm;

enum special_outcome { SR_PENDING = 0, SR_PASSED, SR_FAILED };

/* special_review_outcome: the mean (×100, floored) of n scores and the outcome: pending while fewer than
 * min_experts scores are in (min_experts < 1 counts as 1), passed when the mean reaches pass_score */
enum special_outcome special_review_outcome(const int *scores, int n, int min_experts, int pass_score,
					    int *mean_x100);

/* special_code: the catalogue code of the n-th item, "ZX-37-NNN" (n 1..999); -1 out of range */
int special_code(int n, char out[16]);

/* special_field_zh / newocc_field_zh: the label of a field code, NULL when it is none */
const char *special_field_zh(const char *code);
const char *newocc_field_zh(const char *code);

/* special_may_propose: a city bureau (city_admin) or an institution administrator of an enterprise
 * (employer) or a school (technical_school, university); inst_type NULL for an account without one */
bool special_may_propose(enum role role, const char *inst_type);

#endif
