/* proc_eval.h: 过程化评价 of a school's students (issue 23 item 5; docs/DOMAIN.md §61). The rule belongs to
 * one 认定 plan of the school (the school is the evaluation institution, the plan filed and approved as any
 * other): its modules with weights and the pass conditions as data. The school registers a class into the
 * plan (each student through svc/evaluation/registrations.h, 本专业或相关专业 from the major ↔ occupation
 * table), records each module's assessment when it happens, and while the plan is scoring compiles the
 * outcomes (core/cultivation.h proc_eval_aggregate) into the plan's results — from there the existing chain:
 * 公示, certified, certificates. */
#ifndef JINENG_SVC_CULTIVATION_PROC_EVAL_H
#define JINENG_SVC_CULTIVATION_PROC_EVAL_H

#include "svc/base/list.h"
#include "svc/base/svc.h"

struct proc_module_input {
	const char *code, *name;
	double weight;
};
struct proc_rule_input {
	int64_t plan_id;
	const char *name, *source;
	const struct proc_module_input *modules;
	size_t nmodules;
	double pass_total, min_module;
};
/* proc_rule_create: the school sets the rule of one of its draft plans of levels 5..3 (201;
 * proc_rule.created) */
json_t *proc_rule_create(db *d, const principal *a, const struct proc_rule_input *in, err *e);
/* proc_rule_get: the rule, its plan, and the sheet: each student registered in the plan with the module
 * scores, the aggregate so far and, once compiled, the outcome and its result */
json_t *proc_rule_get(db *d, const principal *a, int64_t id, err *e);
extern const struct list_spec proc_rule_list;
/* proc_register_class: the school registers every student of its class into the rule's plan (open): each by
 * registration_create in its own transaction, each outcome reported {items, done, refused} */
json_t *proc_register_class(db *d, const principal *a, int64_t id, const char *class_name, const char *option,
			    err *e);

struct proc_score_input {
	int64_t student_id;
	double score; /* 0..100 */
};
/* proc_scores_record: one module's assessment of students registered in the plan (not rejected), dated, while
 * the plan runs (open, examining, scoring) and before the outcomes are compiled; a second recording of the
 * same module corrects it (the old score in the audit, proc_score.recorded) */
json_t *proc_scores_record(db *d, const principal *a, int64_t id, const char *module_code,
			   const char *assessed_on, const struct proc_score_input *s, size_t n, err *e);
/* proc_compile: while the plan is scoring, every approved registration's outcome by the rule, and a result of
 * the plan for each (one transaction; proc_eval.compiled); a second compilation is 409 already_compiled */
json_t *proc_compile(db *d, const principal *a, int64_t id, err *e);
/* proc_plan_has_rule: *yes when plan_id has a 过程化评价 rule (its results come from proc_compile) */
int proc_plan_has_rule(db *d, int64_t plan_id, bool *yes, err *e);

#endif
