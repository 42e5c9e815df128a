/* workforce.h: 评价队伍 (issue 24 item 2; docs/DOMAIN.md §57) — 考评员 / 高级考评员 / 督导员 qualification
 * courses (a training class of svc/training whose exam is a 认定 plan of the exam chain), qualifications with
 * grade and validity granted from a course (completed class + passed exam: a passed result of the plan, or
 * one recorded for its institution, occupation and level between the class's first day and the plan's exam
 * day) or registered from the records
 * (an existing certificate), renewed, and removed through the credit archive (svc/supervision/credit.h: a
 * credit event recorded in the same transaction). The checks the panels (svc/evaluation/practical.c) and the
 * dispatch (svc/supervision/dispatch.c) call. Scope: SE_QUALIFICATION. Every write audited in its
 * transaction. */
#ifndef JINENG_SVC_PLATFORM_WORKFORCE_H
#define JINENG_SVC_PLATFORM_WORKFORCE_H

#include "core/workforce.h"
#include "svc/base/list.h"
#include "svc/base/svc.h"

/* a qualification course: the class, the grade it leads to, the 认定 plan whose passed result is its exam,
 * and the validity in years of what it grants */
struct wf_course_input {
	int64_t class_id;
	const char *grade; /* examiner | senior_examiner | supervisor */
	int64_t exam_plan_id;
	int64_t valid_years; /* 1..10 */
};
/* wf_course_create: the province. 422 invalid input, 404 no such class or plan, 409 course_exists (the
 * class is already a course). Audited workforce_course.create. *id the new course. */
int wf_course_create(db *d, const principal *a, const struct wf_course_input *in, int64_t *id, err *e) WUR;
/* wf_course_list_json: {items:[{id, class_id, course_title, institution_name, grade, grade_zh, exam_plan_id,
 * valid_years, enrolled, qualified}]} for the province and cities */
json_t *wf_course_list_json(db *d, const principal *a, err *e);

struct wf_qual_input {
	int64_t user_id;     /* the holder: an account of role examiner (考评员 grades) or supervisor */
	const char *basis;   /* "course": from course_id (grade, validity from the course; completed + passed
				checked); "record": registered from an existing certificate (grade, cert_no,
				valid_from, valid_until given) */
	int64_t course_id;   /* basis course */
	int64_t person_id;   /* basis course: the trainee (enrolled, completed, passed) the account is for */
	const char *grade;   /* basis record */
	const char *cert_no; /* basis record: the certificate's number, 1..40 characters */
	const char *valid_from, *valid_until; /* basis record: YYYY-MM-DD */
	const char *note;		      /* optional, <= 200 characters */
};
/* wf_qual_grant: the province or the holder's city. 422 (input, wrong role, no person for a course, class not
 * completed: course_not_completed, exam not passed: exam_not_passed), 404 no such holder or course, 409
 * already_qualified (an active qualification of that grade still valid). Audited qualification.grant. */
int wf_qual_grant(db *d, const principal *a, const struct wf_qual_input *in, int64_t *id, err *e) WUR;
/* wf_qual_renew: a new qualification continuing an active one (same grade and number) from the day after its
 * last day (or today when it has lapsed) to valid_until; the old one becomes renewed. 409 not_active.
 * Audited qualification.renew. *id the new one. */
int wf_qual_renew(db *d, const principal *a, int64_t id, const char *valid_until, const char *note,
		  int64_t *nid, err *e) WUR;
/* wf_qual_remove: removal through the credit archive: a credit event of kind examiner_qual_removed /
 * supervisor_qual_removed (blocks panels / dispatch, no end) recorded in the same transaction, and the
 * qualification removed at once. 409 not_active. Audited qualification.remove (and credit.record). */
int wf_qual_remove(db *d, const principal *a, int64_t id, const char *reason, err *e) WUR;
json_t *wf_qual_get_json(db *d, const principal *a, int64_t id, err *e);
/* wf_qual_list: filters user_id, grade, status, region_code, valid_on (YYYY-MM-DD: valid that day) */
extern const struct list_spec wf_qual_list;

/* wf_best_grade: the best grade `user_id` holds valid on every one of the `n` days (YYYYMMDD) among
 * qualifications covering `need` (QG_EXAMINER: 考评员 or 高级考评员; QG_SUPERVISOR) — QG_NONE when none.
 * 0 or -1. */
int wf_best_grade(db *d, int64_t user_id, enum qual_grade need, const int *days, size_t n,
		  enum qual_grade *best, err *e) WUR;
/* wf_refuse: 0 when the user holds a qualification covering `need` valid on every one of the days; else 422
 * not_qualified / qualification_expired / qualification_removed naming the user, on `field`. */
int wf_refuse(db *d, int64_t user_id, enum qual_grade need, const int *days, size_t n, const char *field,
	      err *e) WUR;
/* wf_panel_refuse: THE check for putting an examiner on any panel that evaluates a person (the practical and
 * 综合评审 panels of a plan, svc/evaluation/practical.c; the 特级技师 / 首席技师 评聘 panels,
 * svc/incentive/posts.c; their scoring): an active examiner account (422 not_an_examiner), a 考评员 or
 * 高级考评员 qualification valid on every one of the `n` days (wf_refuse: not_qualified /
 * qualification_expired / qualification_removed), for a panel of `level` 2 or 1 (a post panel is level 1:
 * 特级 / 首席 rank above 一级) a 高级考评员 one (422 senior_examiners_required naming the account), and no
 * credit event in force blocking panels (credit.h). All on `field`. 0 when the examiner may sit; *senior (may
 * be NULL) whether they hold 高级考评员 on those days. */
int wf_panel_refuse(db *d, int64_t user_id, int level, const int *days, size_t n, const char *field,
		    bool *senior, err *e) WUR;
/* wf_profile_sync_tx: INSIDE the caller's transaction (svc/supervision/supervisors.c, supervisor_put): the
 * supervisor profile's certificate (number, last day) as the account's 督导员 qualification from the records:
 * the active record-basis one updated, else a new one from today; nothing when a course grant is active (it
 * governs) or when the last one was removed (a removal is not undone by a profile). Audited
 * qualification.grant / qualification.record with tx_audit_now. */
struct tx;
int wf_profile_sync_tx(struct tx *t, int64_t uid, const char *cert_no, const char *valid_until,
		       const char *region, int64_t inst, err *e) WUR;
/* WF_VALID_SQL: a condition (user column `col`, day text `$n`) true when the account holds an active
 * qualification of grade `g` valid on that day — for set queries (the dispatch's supervisors) */
#define WF_VALID_SQL(col, grade, day)                                                                        \
	"EXISTS (SELECT 1 FROM workforce_quals wq_ WHERE wq_.user_id = " col " AND wq_.grade = '" grade      \
	"' AND wq_.status = 'active' AND wq_.valid_from <= " day " AND wq_.valid_until >= " day ")"

#endif
