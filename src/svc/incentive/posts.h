/* posts.h: 新八级工 posts — 特级技师 and 首席技师 评聘 (issue 22 item 1; docs/DOMAIN.md
 * "特级技师、首席技师评聘").
 *
 * The bureau (the province for any enterprise, a city for the enterprises of its region) authorises a filed
 * self-evaluating employer to run the trial, with the decision's document number, date and scope; it may
 * revoke it. An authorised enterprise defines its posts (number, term, conditions, pay and benefits as data;
 * core/post_flow.c checks the pay), opens an appointment round with a panel (the evaluation chain's rules:
 * core/practical.h panel_problem at level 1, the 回避 of svc/evaluation/practical.h, the 信用档案 bar, scores
 * final and hidden until the panel is complete) scoring three stages — 业绩评审, 现场答辩, 综合评审 — ranks
 * within the seats and appoints for a term; yearly appraisals decide a renewal (core/post_flow.c). The
 * province publishes the name lists (GET /public/posts). Tables: src/store/schema/044_posts.sql. Scope:
 * SE_POST (core/scope.c). */
#ifndef JINENG_SVC_POSTS_H
#define JINENG_SVC_POSTS_H

#include "svc/base/list.h"
#include "svc/base/svc.h"
#include "core/money.h"

struct post_trial_input {
	int64_t institution_id;
	const char *doc_no, *decided_on, *scope;
	int covers_chief; /* 1 / 0; -1 not given (1) */
};
json_t *post_trial_add(db *d, const principal *a, const struct post_trial_input *in, err *e);
json_t *post_trial_revoke(db *d, const principal *a, int64_t id, const char *doc_no, const char *reason,
			  err *e);
extern const struct list_spec post_trial_list;

#define POST_MAX_CONDITIONS 16
struct post_condition {
	const char *text, *source; /* source: the document, or "[GAP]" */
};
struct post_def_input {
	const char *rung; /* "special" / "chief" */
	const char *name;
	int64_t seats, term_months;
	const char *min_rung; /* a core/ladder.h code or name */
	const struct post_condition *conditions;
	size_t nconditions;
	const char *reference_post; /* "正高级工程师", "副总经理" */
	fen_t reference_pay_fen, monthly_pay_fen, monthly_allowance_fen, one_off_fen;
	const char *benefits;
};
json_t *post_def_add(db *d, const principal *a, const struct post_def_input *in, err *e);
extern const struct list_spec post_def_list;

#define POST_MAX_CRITERIA 32
struct post_criterion {
	const char *name;
	double points;	   /* (0, 100] */
	const char *stage; /* performance (业绩评审), defence (现场答辩), overall (综合评审) */
	int star;	   /* 1, 0; -1 not given */
};
struct post_round_input {
	int64_t post_id;
	const char *name;
	double pass_score; /* NAN: not given */
	const struct post_criterion *criteria;
	size_t ncriteria;
	const int64_t *examiners;
	size_t nexaminers;
	double spread_pct; /* NAN: not given (0.2, as the evaluation chain's panels) */
};
json_t *post_round_add(db *d, const principal *a, const struct post_round_input *in, err *e);
json_t *post_round_json(db *d, const principal *a, int64_t id, err *e);
json_t *post_round_move(db *d, const principal *a, int64_t id, const char *to, const char *reason, err *e);

/* post_apply: an employee applies (themself, or the enterprise for them); the ladder is checked now */
json_t *post_apply(db *d, const principal *a, int64_t round_id, int64_t person_id, const char *achievements,
		   err *e);
/* post_score: a panel examiner's scores of one application, one per criterion in order (final) */
json_t *post_score(db *d, const principal *a, int64_t application_id, const double *scores, size_t n, err *e);

extern const struct list_spec post_appt_list;
json_t *post_appraisal_put(db *d, const principal *a, int64_t appt_id, int64_t year_no, const char *result,
			   const char *remark, err *e);
json_t *post_appt_move(db *d, const principal *a, int64_t id, const char *to, const char *reason, err *e);

/* post_publish: the province publishes every serving appointment not yet on the name list */
json_t *post_publish(db *d, const principal *a, err *e);
/* post_reviews_json: an examiner's rounds under review (scoring) whose panel they are on, each as
 * post_round_json gives it (scores hidden until complete), every application with `avoid` / `avoid_reason`
 * (回避) and `my_scores` (the member's own, or null) */
json_t *post_reviews_json(db *d, const principal *a, err *e);
/* post_mine_json: a worker's page (a candidate account bound to a person): the employer, the rung held, the
 * employer's rounds open for applications with their post (conditions, benefits, pay) and whether the worker
 * may apply (and why not), and the worker's applications */
json_t *post_mine_json(db *d, const principal *a, err *e);
/* post_public_json: the published name lists (anonymous); rung and region filters optional */
json_t *post_public_json(db *d, const char *rung, const char *region, err *e);

/* posts_talent_add: the posts part of a person's talent record ("posts": every appointment with its
 * appraisals; "ladder": the highest rung held, from certificates and serving appointments). The caller has
 * checked that `a` reads the person. */
int posts_talent_add(db *d, const principal *a, int64_t person_id, json_t *rec, err *e);

#endif
