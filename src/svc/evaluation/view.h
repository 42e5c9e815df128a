/* view.h: the JSON shape of each entity of the evaluation domain, built in one place. A view reads one row
 * of a statement whose select list is the entity's *_VIEW_COLS (in that order), usually from its
 * *_VIEW_FROM, and returns a new object; the use cases that read, list or export an entity (the API, the
 * command line, the demo) all go through it, so a field is added or renamed once. Views never fail: a NULL
 * column becomes JSON null where the API promises null, "" elsewhere. */
#ifndef JINENG_EVALUATION_VIEW_H
#define JINENG_EVALUATION_VIEW_H

#include "store/db.h"
#include <jansson.h>

/* 认定计划: {id, institution_id, institution, occupation_code, occupation, work_type, level, template,
 * title, reg_start, reg_end, exam_date, capacity, subjects, publicity_days, publicity_end (null before
 * 公示), status, status_name, status_reason, registrations} */
#define PLAN_VIEW_COLS                                                                                       \
	"p.id, p.institution_id, i.name, p.occupation_code, o.name, p.work_type, p.level, p.template, "      \
	"p.title, p.reg_start, p.reg_end, p.exam_date, p.capacity, p.subjects, p.publicity_days, "           \
	"p.publicity_end, p.status, p.status_reason, "                                                       \
	"(SELECT COUNT(*) FROM registrations g WHERE g.plan_id = p.id), p.norm_id, "                         \
	"(SELECT n.version FROM enterprise_norms n WHERE n.id = p.norm_id)"
#define PLAN_VIEW_FROM                                                                                       \
	" FROM plans p JOIN institutions i ON i.id = p.institution_id JOIN occupations o ON o.code = "       \
	"p.occupation_code"
json_t *plan_view(db_stmt *st);

/* a plan's status change: {from, to, reason, at} */
#define PLAN_HISTORY_VIEW_COLS "from_state, to_state, reason, at"
json_t *plan_history_view(db_stmt *st);

/* 报名: {id, plan_id, person_id, name, id_number_masked, option, eligible, failed_code, failed_message,
 * failed_message_en, status, review_reason, created_at} */
#define REGISTRATION_VIEW_COLS                                                                               \
	"g.id, g.plan_id, g.person_id, ps.name, ps.id_masked, g.option_id, g.eligible, g.failed_code, "      \
	"g.failed_message, g.status, g.review_reason, g.created_at, g.failed_message_en, g.post, "           \
	"g.theory_waived"
#define REGISTRATION_VIEW_FROM                                                                               \
	" FROM registrations g JOIN plans p ON p.id = g.plan_id JOIN persons ps ON ps.id = g.person_id "     \
	"JOIN institutions i ON i.id = p.institution_id"
json_t *registration_view(db_stmt *st);

/* 评价结果: {id, person_id, name, institution_id, institution, occupation_code, occupation, work_type,
 * level, exam_date, theory, practical, review (null when not sat), passed, certificate_number} */
#define RESULT_VIEW_COLS                                                                                     \
	"r.id, r.person_id, p.name, r.institution_id, i.name, r.occupation_code, o.name, r.work_type, "      \
	"r.level, r.exam_date, r.theory, r.practical, r.review, r.passed, c.number, r.norm_total"
#define RESULT_VIEW_FROM                                                                                     \
	" FROM results r JOIN persons p ON p.id = r.person_id JOIN institutions i ON i.id = "                \
	"r.institution_id JOIN occupations o ON o.code = r.occupation_code LEFT JOIN certificates c ON "     \
	"c.id = r.certificate_id"
json_t *result_view(db_stmt *st);

/* 公示 objection: {id, result_id, candidate ("" when about the plan), text, contact, status, resolution,
 * created_at, resolved_at} */
#define OBJECTION_VIEW_COLS                                                                                  \
	"o.id, o.result_id, COALESCE(pe.name, ''), o.text, o.contact, o.status, o.resolution, "              \
	"o.created_at, o.resolved_at"
#define OBJECTION_VIEW_FROM                                                                                  \
	" FROM objections o LEFT JOIN results r ON r.id = o.result_id AND r.plan_id = o.plan_id LEFT JOIN "  \
	"persons pe ON pe.id = r.person_id"
json_t *objection_view(db_stmt *st);

/* a practical or 综合评审 panel's examiner: {user_id, username, display_name, examiner_grade} */
#define PANEL_MEMBER_VIEW_COLS "u.id, u.username, u.display_name, COALESCE(u.examiner_grade, '')"
json_t *panel_member_view(db_stmt *st);

/* a candidate a panel scores: {registration_id, person_id, name} */
#define PANEL_CANDIDATE_VIEW_COLS "g.id, g.person_id, p.name"
json_t *panel_candidate_view(db_stmt *st);

#endif
