/* norms.h: 企业评价规范 (docs/DOMAIN.md §65). A self-evaluating enterprise (institution type employer, filed)
 * files its own variant of an occupation's national standard, one version at a time: per level, the 申报条件
 * options it accepts (a subset of the standard's template, with its own figures), its method (考核鉴定 /
 * 考评结合 / 过程化考核 / 业绩评审), the weights of knowledge and skill, the 理论知识权重表 a theory paper
 * must follow, and the posts whose holders skip the theory exam. The enterprise declares the facts that let
 * it file (规模以上, employees, skilled workers; the thresholds in norm_filing_rules). The bureau (its city,
 * or the province) approves or returns it (core/norm.c's state machine); approving a version supersedes the
 * enterprise's previous approved one for the occupation. A plan of the enterprise that names its approved
 * version records it when the plan is created; eligibility, the sitting's blueprint and the results of that
 * plan read that version (plans.c, registrations.c, eligibility.c, svc/exam/sitting.c, plan_results.c). */
#ifndef JINENG_NORMS_H
#define JINENG_NORMS_H

#include "svc/base/list.h"
#include "svc/base/svc.h"
#include "core/eligibility.h"
#include "core/norm.h"
#include "core/cultivation.h"

#define NORM_MAX_OPTIONS 12
#define NORM_MAX_POSTS	 16

struct norm_option {
	char id[16];
	int years[OPTION_MAX_CONDS]; /* -1: the template's figure */
	int n;
};
/* one level of a norm */
struct norm_level {
	int level;
	enum norm_method method;
	int knowledge, skill; /* percent, summing to 100 */
	struct norm_option options[NORM_MAX_OPTIONS];
	int noptions;
	char areas[NORM_MAX_AREAS][41];
	int weights[NORM_MAX_AREAS];
	int nareas;
	char posts[NORM_MAX_POSTS][61];
	int nposts;
	/* 过程化考核 (method process): the module rule — modules with their weights (summing to 100), the
	 * pass total and the per-module minimum, as core/cultivation.h's proc_rule; nmodules 0 for a stored
	 * process level filed before the rule was asked (such a level runs no plan: method_outside_chain) */
	char mod_code[PROC_MAX_MODULES][21], mod_name[PROC_MAX_MODULES][61];
	double mod_weight[PROC_MAX_MODULES];
	int nmodules;
	double pass_total, min_module;
};
/* norm_proc_rule: the level's module rule as a proc_rule over `mods` (PROC_MAX_MODULES entries) */
void norm_proc_rule(const struct norm_level *lv, struct proc_module *mods, struct proc_rule *r);

struct norm_input {
	const char *occupation_code, *title;
	json_t *levels; /* [{level, method, knowledge, skill, options:[{id, years?}], areas?:[{area, weight}],
			   waived_posts?:[...], and for 过程化考核 modules:[{code, name, weight}], pass_total,
			   min_module?}] */
	bool above_size;
	int64_t employees, skilled_employees;
};

/* norm_create: a new draft version (the enterprise's administrator or staff; 403 not_self_evaluating for
 * any other institution type; 409 institution_inactive; 403 outside_filed_scope for a level it is not filed
 * for; 409 not_eligible_to_file with the failed rule; 409 norm_open_version while another version of the
 * occupation is not yet decided). Audited (enterprise_norm.create). */
int64_t norm_create(db *d, const principal *a, const struct norm_input *in, err *e);
/* norm_update: revises a draft (or a returned version, which goes back to draft); 409 invalid_state else */
int norm_update(db *d, const principal *a, int64_t id, const struct norm_input *in, err *e);
/* norm_transition: submitted / approved / rejected / draft as core/norm.c's table allows (422 unknown state,
 * 404 unseen, 409 invalid_transition, 403 forbidden, 422 missing reason); approval supersedes the previous
 * approved version; each move in enterprise_norm_history and audited */
int norm_transition(db *d, const principal *a, int64_t id, const char *to, const char *reason, err *e);
json_t *norm_get_json(db *d, const principal *a, int64_t id, err *e);
/* the norms the principal may read, newest first; filters status, institution_id, occupation_code */
extern const struct list_spec norm_list;
/* norm_rules_json: who may file, {items:[{code, value, zh, en, source}]} */
json_t *norm_rules_json(db *d, err *e);

/* ---- the hooks of the plan chain ---- */

/* norm_for_plan: the norm a new plan of institution `inst` runs on (inside the plan's transaction). With
 * `requested` > 0 it must be this enterprise's approved version for the occupation (404 not_found, 422
 * norm_mismatch, 409 norm_not_approved); with 0 the plan runs on the national standard (an enterprise may
 * evaluate by either; its pages offer the approved version first). The level must be one of the norm's (422
 * level_not_in_norm) and its method one the plan chain runs (409 method_outside_chain). *norm_id 0 and tpl
 * unchanged when the plan runs on the national standard. */
int norm_for_plan(db *d, int64_t inst, const char *occ, int level, int64_t requested, int64_t *norm_id,
		  char tpl[8], err *e);
/* norm_level_load: the level of a norm version (whatever its state now: a plan keeps its version); *found
 * false when the norm does not cover the level */
int norm_level_load(db *d, int64_t norm_id, int level, struct norm_level *out, bool *found, err *e);
/* norm_plan_level: the norm level of plan `plan_id` (*found false for a plan on the national standard) */
int norm_plan_level(db *d, int64_t plan_id, struct norm_level *out, bool *found, err *e);
/* norm_option_of: the option `id` of a norm level, or NULL when the norm does not accept it */
const struct norm_option *norm_option_of(const struct norm_level *lv, const char *id);
/* norm_post_waived: does the norm level waive the theory exam for this post? */
bool norm_post_waived(const struct norm_level *lv, const char *post);

#endif
