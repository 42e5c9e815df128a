/* groupkey.h: the keys of the statistics counters by 重点群体 (person category; docs/DOMAIN.md §64), pure.
 * A counted row of a training enrolment, a subsidy claim, a certificate, a 认定 registration or result, a
 * competition entry or result, a 特级/首席技师 appointment, a selection nomination or an incentive payment
 * (津贴奖励), joined with one category flag of its person, counts each of its metrics under that category
 * when the flag was valid on that metric's date (the day of enrolment, registration, entry or nomination in
 * 北京时间, the application date, the issue or revocation date, the exam date, the competition's last day,
 * the term's first day, the day a title ended, the first day of the month paid for). The write path
 * (svc/stats/group_counts.c, inside the writer's transaction) and `jineng stats verify` share this function.
 * No I/O, no clock. */
#ifndef JINENG_CORE_GROUPKEY_H
#define JINENG_CORE_GROUPKEY_H

#include "util/common.h"

enum group_entity {
	GE_ENROLMENT = 0, /* training_enrolments: enrolled; completed (flag) */
	GE_CLAIM,	  /* subsidy_claims: applied; paid (status paid) with its amount */
	GE_CERTIFICATE,	  /* certificates: issued (revoked ones included, as cert.issued) */
	GE_REGISTRATION,  /* registrations: submitted (created_at); approved (status) */
	GE_RESULT,	  /* results: sat; passed (flag) (exam_date) */
	GE_COMP_ENTRY,	  /* competition_entries: entered (created_at); approved (status) */
	GE_ALLOWANCE,	  /* selection_payments: paid, recovered (status) with its amount (the month's 1st) */
	GE_COMP_RESULT, /* competition_results: placed; awarded (a medal in status) (the competition's end) */
	GE_POST_APPOINTMENT, /* post_appointments: a 特级 / 首席技师 term appointed (starts_on) */
	GE_NOMINATION, /* selection_nominations: nominated (created_at); appointed (date: term_start) when the
			  status is appointed or ended; ended (date2: ended_on) when ended */
	GE_COUNT
};

enum group_metric {
	GM_TRAIN_ENROLLED = 0,	/* group.training.enrolled 培训报名人次 */
	GM_TRAIN_COMPLETED,	/* group.training.completed 培训结业人次 */
	GM_CLAIM_APPLIED,	/* group.claim.applied 补贴申领 */
	GM_CLAIM_PAID,		/* group.claim.paid 补贴发放 (amount: fen) */
	GM_CERT_ISSUED,		/* group.cert.issued 证书核发 */
	GM_REG_SUBMITTED,	/* group.registration.submitted 认定报名人次 */
	GM_REG_APPROVED,	/* group.registration.approved 报名审核通过 */
	GM_RESULT_SAT,		/* group.result.sat 参评人次 */
	GM_RESULT_PASSED,	/* group.result.passed 合格人次 */
	GM_COMP_ENTERED,	/* group.competition.entered 竞赛报名人次 */
	GM_COMP_APPROVED,	/* group.competition.approved 竞赛报名审核通过 */
	GM_ALLOWANCE_PAID,	/* group.allowance.paid 津贴奖励发放 (amount: fen) */
	GM_CERT_REVOKED,	/* group.cert.revoked 证书撤销 (by the revocation date) */
	GM_COMP_PLACED,		/* group.competition.placed 竞赛取得成绩人次 */
	GM_COMP_AWARDED,	/* group.competition.awarded 竞赛获奖人次 */
	GM_POST_APPOINTED,	/* group.post.appointed 特级首席技师聘任 */
	GM_SEL_NOMINATED,	/* group.selection.nominated 评选推荐 */
	GM_SEL_APPOINTED,	/* group.selection.appointed 评选入选 */
	GM_SEL_ENDED,		/* group.selection.ended 入选终止 */
	GM_ALLOWANCE_RECOVERED, /* group.allowance.recovered 津贴奖励追回 (amount: fen) */
	GM_COUNT
};

const char *group_metric_name(enum group_metric m); /* "group.claim.applied"; "" out of range */
const char *group_metric_zh(enum group_metric m);   /* "补贴申领" */
int group_metric_parse(const char *s);		    /* -1 unknown */
/* group_metric_of_stat: the counter by category of a §42 metric named `stat_name` ("cert.issued" ->
 * GM_CERT_ISSUED: the name with "group." before it); -1 when it has none (sittings, complaints, inspections:
 * no person) */
int group_metric_of_stat(const char *stat_name);

/* one (row, flag) pair as the entity's source query reads it */
struct group_src {
	const char *category;		   /* the flag's category code */
	const char *valid_from, *valid_to; /* the flag's validity ('YYYY-MM-DD'; valid_to NULL/"": open) */
	const char *region;		   /* the row's region, as its stat_counts row binds it */
	int64_t level;			   /* -1 none */
	int64_t institution_id;		   /* 0 none */
	const char *date;  /* 'YYYY-MM-DD': applied_on, issued_on, exam_date, a payment's month-01, a
			      competition's ends_on, a term's starts_on / term_start (NULL for the entities
			      dated by t) */
	const char *date2; /* the second date: a certificate's revoked_on, a nomination's ended_on */
	int64_t t; /* created_at (epoch seconds) of an enrolment, a registration, a competition entry */
	const char *status; /* a claim's, a certificate's, a registration's, an entry's, a nomination's, a
			       payment's status; a competition result's medal ('' none) */
	int64_t flag;	    /* an enrolment completed; a result passed */
	int64_t amount;	    /* a claim's, a payment's amount_fen */
};

struct group_key {
	enum group_metric metric;
	char category[32];
	char region[13];
	int64_t level;
	int64_t institution_id;
	char month[8];
};

struct group_delta {
	struct group_key k;
	int64_t n, amount;
};

#define GROUP_MAX_DELTAS 3

/* group_metric_money: the metric's amount is money (fen): claims paid, allowances paid and recovered */
bool group_metric_money(enum group_metric m);

/* group_deltas: the counter rows the pair adds to, each metric only when the flag was valid on that metric's
 * date (0: none; a row without its first date counts nowhere; a second date missing or malformed drops only
 * its metric, as core/statkey.c does), or -1 when a field does not fit a key or the first date is malformed
 */
int group_deltas(enum group_entity ent, const struct group_src *s, struct group_delta out[GROUP_MAX_DELTAS]);

/* group_valid_on: is a flag valid from `from` to `to` (NULL or "": open) valid on `day` (all 'YYYY-MM-DD')?
 */
bool group_valid_on(const char *from, const char *to, const char *day);

#endif
