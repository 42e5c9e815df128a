/* cultivation.h: 培养体系 rules that need no database (svc/cultivation, docs/DOMAIN.md §53):
 *
 * A major's filing (专业设置 备案制, seed 001 "由审批制改为备案制"), core/fsm.h table major_fsm:
 *   草稿 draft          → 待备案 submitted   提交备案 (the school)
 *   已退回 returned      → 待备案 submitted   重新提交 (the school)
 *   待备案 submitted     → 已备案 filed       备案登记 (the city or the province): the submitted version is
 * in force 待备案 submitted     → 已退回 returned    退回 (the city or the province, with a reason) 已备案
 * filed         → 待备案 submitted   变更备案 (the school, with a reason and the new content: a new version)
 *   已备案 filed         → 待撤销 withdrawing 申请撤销 (the school, with a reason)
 *   待撤销 withdrawing   → 已撤销 withdrawn   撤销登记 (the city or the province)
 *   待撤销 withdrawing   → 已备案 filed       退回撤销 (the city or the province, with a reason)
 * A change returned leaves the last filed version in force (filed_version).
 *
 * 过程化评价 (seed 004 潍坊: 技工院校学生过程化评价): module scores aggregated by a rule's weights and pass
 * conditions into a pass or a fail with reasons (proc_eval_aggregate).
 *
 * Pure: no I/O. */
#ifndef JINENG_CORE_CULTIVATION_H
#define JINENG_CORE_CULTIVATION_H

#include "core/fsm.h"

enum major_effects {
	MAJOR_FX_NEW_VERSION = 1u << 0, /* the school's content becomes a new pending version */
	MAJOR_FX_FILE = 1u << 1,	/* the pending version is filed and in force */
	MAJOR_FX_RETURN = 1u << 2,	/* the pending version is returned */
	MAJOR_FX_WITHDRAW = 1u << 3,	/* a pending withdrawal is recorded */
};

struct major_ctx {
	bool has_content;  /* a change carries the new content */
	bool open_classes; /* the major has running 订单班 (no withdrawal then) */
};

extern const struct fsm major_fsm;

/* tier, level and the labels of the domain's codes: the Chinese label, or NULL for an unknown code */
const char *school_tier_zh(const char *code);
const char *major_level_zh(const char *code);
const char *order_kind_zh(const char *code);
const char *placement_zh(const char *code);
const char *group_kind_zh(const char *code);
const char *member_kind_zh(const char *code);
const char *class_form_zh(const char *code);
const char *class_content_zh(const char *code);

#define PROC_MAX_MODULES 20

struct proc_module {
	const char *code, *name;
	double weight; /* percent; the weights of a rule sum to 100 */
};

struct proc_rule {
	const struct proc_module *modules;
	size_t nmodules;
	double pass_total; /* the weighted total must be at least this */
	double min_module; /* every module at least this (0: no per-module bar) */
};

/* proc_rule_check: 0 when the rule is well formed (1..PROC_MAX_MODULES modules with distinct non-empty codes
 * and names, weights > 0 summing to 100 within 1e-6, 0 <= pass_total <= 100, 0 <= min_module <= 100); -1 with
 * a 422 on `field` otherwise */
int proc_rule_check(const struct proc_rule *r, const char *field, err *e);

enum proc_reason {
	PROC_MISSING = 1u << 0,	     /* a module has no score yet */
	PROC_BELOW_TOTAL = 1u << 1,  /* the weighted total is below pass_total */
	PROC_BELOW_MODULE = 1u << 2, /* a module is below min_module */
};

struct proc_outcome {
	double total;	  /* Σ weight × score / 100, over the recorded modules, rounded to 2 decimals */
	bool passed;	  /* every module recorded, total >= pass_total, each >= min_module */
	unsigned reasons; /* enum proc_reason bits when not passed */
	size_t missing;	  /* modules without a score */
	size_t below;	  /* modules under min_module */
};

/* proc_eval_aggregate: scores[i] is module i's score (< 0: not recorded) */
void proc_eval_aggregate(const struct proc_rule *r, const double *scores, struct proc_outcome *out);

#endif
