/* norm_runs.h: the plans of an enterprise's 评价规范 (docs/DOMAIN.md §65) whose level is evaluated by
 * 过程化考核 or 业绩评审, run through the plan chain:
 *
 * - 过程化考核: the enterprise records each module's assessment of the plan's approved candidates when it
 * happens (dated: not in the future, not after the plan's exam day; once per candidate and module; while the
 * plan is open, examining or scoring and before its results), and the plan's results are compiled from the
 * version's module rule (core/cultivation.c proc_eval_aggregate, the rule 院校学生评价 uses) by
 * POST /plans/{id}/results (plan_results.c).
 * - 业绩评审: the enterprise writes each approved candidate's performance record (achievements, evidence);
 * the plan's review panel (practical.c, PART_REVIEW: qualified 考评员, 高级 for levels 2 and 1, 回避,
 * independent final scores) scores it, and the panel's score decides at 60 (core/norm.c norm_passed).
 *
 * Who: the staff of the plan's institution write; the province, the institution's city and supervisors
 * read (the registration's scope, core/scope.c); a candidate reads only their own; an examiner on the plan's
 * review panel reads the performance records it scores. */
#ifndef JINENG_NORM_RUNS_H
#define JINENG_NORM_RUNS_H

#include "svc/base/svc.h"
#include "svc/evaluation/norms.h"

#define NORM_MAX_SCORES 500

struct norm_score_input {
	int64_t registration_id;
	double score; /* NAN for an entry that is no number */
};

/* norm_process_record: one module's assessment of candidates of a 过程化考核 plan, in one transaction
 * (audited norm_process.recorded). 404 plan or registration not reached / not an approved registration of
 * the plan; 409 not_process_plan, invalid_state, already_compiled, already_recorded (the module of the
 * candidate recorded before), late_assessment (after the plan's exam day); 422 unknown_module,
 * invalid_date (format, future), invalid_score. */
int norm_process_record(db *d, const principal *a, int64_t plan_id, const char *module,
			const char *assessed_on, const struct norm_score_input *s, size_t n, err *e);

/* norm_process_correct: a recorded module score of an approved registration of the plan corrected by the
 * staff of the plan's institution before the results are compiled, with its reason (required, up to 500
 * characters), in one transaction (audited norm_process.corrected with the old and new score and the reason).
 * 404 plan or registration not reached; 403 not the plan's institution; 409 not_process_plan,
 * already_compiled, invalid_state, not_recorded (the module has no score yet: it is recorded, not corrected);
 * 422 unknown_module, invalid_score, reason (required / too long). */
int norm_process_correct(db *d, const principal *a, int64_t plan_id, int64_t reg_id, const char *module,
			 double score, const char *reason, err *e);

/* norm_process_json: the plan's module rule and, per approved candidate (a candidate: their own only), the
 * modules recorded and the aggregate as it stands {total, passed, reasons} */
json_t *norm_process_json(db *d, const principal *a, int64_t plan_id, err *e);

/* one approved registration's outcome under the module rule (plan_results.c) */
struct norm_process_outcome {
	int64_t reg, person;
	double total;
	bool passed;
};
/* norm_process_outcomes: every approved registration of the plan aggregated (*out malloc'd, *n rows) */
int norm_process_outcomes(db *d, int64_t plan_id, const struct norm_level *lv,
			  struct norm_process_outcome **out, int *n, err *e);

/* norm_performance_put: the performance record of an approved registration of a 业绩评审 plan (the plan's
 * institution's staff; while open, examining or scoring; 409 review_started once the panel has scored the
 * candidate). Audited norm_performance.recorded with the old text. */
int norm_performance_put(db *d, const principal *a, int64_t reg_id, const char *achievements,
			 const char *evidence, err *e);
json_t *norm_performance_json(db *d, const principal *a, int64_t reg_id, err *e);

/* norm_performance_list_json: a 业绩评审 plan's approved candidates (a candidate: their own only), each with
 * the record (or none), its time and whether the panel has scored it (review_started: the record is then
 * fixed); the plan's state, whether its results are compiled and whether its review panel is set */
json_t *norm_performance_list_json(db *d, const principal *a, int64_t plan_id, err *e);

/* norm_performance_recorded: does the registration have a performance record? (practical.c: the panel
 * scores a record) */
int norm_performance_recorded(db *d, int64_t reg_id, bool *yes, err *e);

#endif
