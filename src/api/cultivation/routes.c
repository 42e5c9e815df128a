/* routes.c: the cultivation domain's routes (培养体系, issue 23): method, path, handler, and the roles that
 * may call it; a section per part. Data scope (which rows) is then enforced by the use case. */
#include "util/common.h"
#include "api/base/routes.h"
#include "api/cultivation/handlers.h"

#define APPR_READERS (R_ADMINS | R_INST | RB(ROLE_CANDIDATE))

const struct route cultivation_routes[] = {
	/* 技工院校 (item 1: svc/cultivation/schools.c): the city or the province registers a technical school
	 * with its tier (also from a CSV file); the school reports campuses and yearly figures; its majors
	 * are filed with the bureau (专业设置 备案制: the school submits, changes and withdraws, the bureau
	 * records or returns) */
	{"GET", "/api/v1/cultivation/schools", h_schools, R_STAFF},
	{"POST", "/api/v1/cultivation/schools", h_school_register, R_ADMINS},
	{"POST", "/api/v1/cultivation/schools/import", h_school_import, R_ADMINS},
	{"GET", "/api/v1/cultivation/schools/{id}", h_school_get, R_STAFF},
	{"POST", "/api/v1/cultivation/schools/{id}/campuses", h_school_campus_add, R_STAFF},
	{"PUT", "/api/v1/cultivation/schools/{id}/years/{year}", h_school_year_put, R_STAFF},
	{"GET", "/api/v1/cultivation/majors", h_majors, R_STAFF},
	{"POST", "/api/v1/cultivation/majors", h_major_create, R_INST},
	{"GET", "/api/v1/cultivation/majors/{id}", h_major_get, R_STAFF},
	{"POST", "/api/v1/cultivation/majors/{id}/status", h_major_move, R_STAFF},
	/* ---- 企业新型学徒制 (item 3: svc/cultivation/apprenticeships.c): the employer (or the bureau)
	 * files, the bureau approves, the employer and the trainer record progress, the employer or the
	 * bureau completes; the bureau files the employer's subsidy (training's claims); the apprentice
	 * registers for 认定; the city's rate is public; the bureau reads the target ---- */
	{"GET", "/api/v1/cultivation/apprenticeships", h_appr_list, APPR_READERS},
	{"POST", "/api/v1/cultivation/apprenticeships", h_appr_create, R_ADMINS | RB(ROLE_INSTITUTION_ADMIN)},
	{"GET", "/api/v1/cultivation/apprenticeships/{id}", h_appr_get, APPR_READERS},
	{"POST", "/api/v1/cultivation/apprenticeships/{id}/progress", h_appr_progress, R_ADMINS | R_INST},
	{"POST", "/api/v1/cultivation/apprenticeships/{id}/status", h_appr_move,
	 R_ADMINS | RB(ROLE_INSTITUTION_ADMIN)},
	{"POST", "/api/v1/cultivation/apprenticeships/{id}/claim", h_appr_claim, R_ADMINS},
	{"POST", "/api/v1/cultivation/apprenticeships/{id}/registration", h_appr_register,
	 RB(ROLE_CANDIDATE)},
	{"GET", "/api/v1/cultivation/apprentice-rates", h_appr_rates, R_EVERYONE},
	{"PUT", "/api/v1/cultivation/apprentice-rates/{region_code}", h_appr_rate_put, R_ADMINS},
	{"GET", "/api/v1/cultivation/apprentice-target", h_appr_summary, R_ADMINS},
	/* 订单班 / 冠名班 (item 1: svc/cultivation/orders.c): the school opens a class with an enterprise on
	 * a filed major and enrols its students; the school or the enterprise records placement; the bureau
	 * reads */
	{"GET", "/api/v1/cultivation/order-classes", h_order_classes, R_STAFF},
	{"POST", "/api/v1/cultivation/order-classes", h_order_class_create, R_INST},
	{"GET", "/api/v1/cultivation/order-classes/{id}", h_order_class_get, R_STAFF},
	{"POST", "/api/v1/cultivation/order-classes/{id}/students", h_order_class_students, R_INST},
	{"POST", "/api/v1/cultivation/order-classes/{id}/placements", h_order_class_place, R_INST},
	{"POST", "/api/v1/cultivation/order-classes/{id}/graduate", h_order_class_graduate, R_INST},
	/* 技工教育集团 (联盟): kept by the city and the province, read by members; 省级重点 named by the
	   province */
	{"GET", "/api/v1/cultivation/groups", h_edu_groups, R_STAFF},
	{"POST", "/api/v1/cultivation/groups", h_edu_group_create, R_ADMINS},
	{"GET", "/api/v1/cultivation/groups/{id}", h_edu_group_get, R_STAFF},
	{"POST", "/api/v1/cultivation/groups/{id}/members", h_edu_group_member, R_ADMINS},
	{"POST", "/api/v1/cultivation/groups/{id}/key", h_edu_group_key, RB(ROLE_PROVINCE_ADMIN)},
	/* 培养项目 (item 2: svc/cultivation/programmes.c): programmes as data with yearly targets (the
	 * province), read with their progress; a training class tagged with programme, form and content by
	 * its institution or the bureau; counts grouped by programme, form or content */
	{"GET", "/api/v1/cultivation/programmes", h_programmes, R_STAFF},
	{"PUT", "/api/v1/cultivation/programmes/{code}", h_programme_put, RB(ROLE_PROVINCE_ADMIN)},
	{"PUT", "/api/v1/cultivation/programmes/{code}/years/{year}", h_programme_year_put,
	 RB(ROLE_PROVINCE_ADMIN)},
	{"PUT", "/api/v1/cultivation/class-tags/{id}", h_class_tag_put, R_STAFF},
	{"GET", "/api/v1/cultivation/class-stats", h_class_stats, R_STAFF},
	/* ---- 重点群体 (item 7: svc/cultivation/groups.c): the kinds are public; a person's flags and
	 * services read as the person is; the person declares, the bureau imports or verifies; the bureau and
	 * institutions log services; the bureau reads the figures ---- */
	{"GET", "/api/v1/cultivation/person-categories", h_group_kinds, R_EVERYONE},
	{"GET", "/api/v1/cultivation/person-categories/summary", h_group_summary, R_ADMINS},
	{"GET", "/api/v1/cultivation/persons/{id}/categories", h_group_person, APPR_READERS},
	{"PUT", "/api/v1/cultivation/persons/{id}/categories/{code}", h_group_flag_put,
	 R_ADMINS | RB(ROLE_CANDIDATE)},
	{"POST", "/api/v1/cultivation/persons/{id}/services", h_group_service, R_ADMINS | R_INST},
	/* 重点群体 (§64: svc/cultivation/group_import.c, group_rules.c): a department's list imported by the
	 * bureau (its region's persons); the subsidy rules by category, set by the province or a city */
	{"POST", "/api/v1/cultivation/person-categories/import", h_group_import, R_ADMINS},
	{"GET", "/api/v1/cultivation/subsidy-group-rules", h_group_rules, R_ADMINS},
	{"PUT", "/api/v1/cultivation/subsidy-group-rules", h_group_rule_put, R_ADMINS},
	/* ---- 就业服务 (item 6: svc/cultivation/jobs.c): a worker's recommendations (their own, or a person
	 * the caller reads), sent and logged by the bureau or an institution; outcomes by the bureau or the
	 * institution, figures by class, programme and institution ---- */
	{"GET", "/api/v1/cultivation/job-recommendations", h_job_recommend, APPR_READERS},
	{"POST", "/api/v1/cultivation/job-recommendations", h_job_recommend_send, R_ADMINS | R_INST},
	{"PUT", "/api/v1/cultivation/employment-outcomes", h_outcome_put,
	 R_ADMINS | RB(ROLE_INSTITUTION_ADMIN)},
	{"GET", "/api/v1/cultivation/employment-outcomes/summary", h_outcome_summary, R_ADMINS | R_INST},
	/* ---- 岗位需求 → 培训班 / 订单班 and 产教评 技能生态链 (item 6: svc/cultivation/demand.c, chains.c):
	 * the bureau or the institution answers postings with a class (opened at once or existing) and the
	 * places it pledges; the rules are the province's data; chains led by a 链主企业 kept by the province
	 * or the lead's city, read by their members ---- */
	{"GET", "/api/v1/cultivation/demand-rules", h_demand_rules, R_STAFF},
	{"PUT", "/api/v1/cultivation/demand-rules", h_demand_rules_put, RB(ROLE_PROVINCE_ADMIN)},
	{"GET", "/api/v1/cultivation/demand/postings", h_demand_postings, R_STAFF},
	{"POST", "/api/v1/cultivation/demand/answers", h_demand_answer, R_STAFF},
	{"GET", "/api/v1/cultivation/demand/answers", h_demand_answers_of, R_STAFF},
	{"GET", "/api/v1/cultivation/chain-roles", h_chain_roles, R_STAFF},
	{"GET", "/api/v1/cultivation/chains", h_chains, R_STAFF},
	{"POST", "/api/v1/cultivation/chains", h_chain_create, R_ADMINS},
	{"POST", "/api/v1/cultivation/chains/import", h_chain_import, R_ADMINS},
	{"GET", "/api/v1/cultivation/chains/{id}", h_chain_get, R_STAFF},
	{"POST", "/api/v1/cultivation/chains/{id}/members", h_chain_member_add, R_ADMINS},
	{"DELETE", "/api/v1/cultivation/chains/{id}/members/{institution_id}", h_chain_member_remove,
	 R_ADMINS},
	/* 线上学习培训 (svc/cultivation/elearn.c): courses of resources in the blob store, served with range
	 * requests; viewing sessions, heartbeats (through the group committer) and presence checks */
	{"POST", "/api/v1/elearn/courses", h_elearn_course_create, ADMINS_AND_INST},
	{"GET", "/api/v1/elearn/courses", h_elearn_course_list, R_ANY_USER},
	{"GET", "/api/v1/elearn/courses/{id}", h_elearn_course_get, R_ANY_USER},
	{"PATCH", "/api/v1/elearn/courses/{id}", h_elearn_course_update, ADMINS_AND_INST},
	{"POST", "/api/v1/elearn/courses/{id}/resources", h_elearn_resource_add, ADMINS_AND_INST},
	{"GET", "/api/v1/elearn/resources/{id}/content", h_elearn_resource_content, R_ANY_USER},
	{"POST", "/api/v1/elearn/courses/{id}/sessions", h_elearn_session_start, RB(ROLE_CANDIDATE)},
	{"POST", "/api/v1/elearn/sessions/{id}/beats", h_elearn_beat, RB(ROLE_CANDIDATE)},
	{"POST", "/api/v1/elearn/sessions/{id}/presence", h_elearn_presence, RB(ROLE_CANDIDATE)},
	{"GET", "/api/v1/elearn/me", h_elearn_mine, RB(ROLE_CANDIDATE)},
	/* 知识竞赛 (svc/cultivation/contest.c): rounds on a paper from the item bank, timed answers through
	 * the group committer, scored at the deadline, leaderboards by person, employer and city */
	{"POST", "/api/v1/contest-rounds", h_contest_create, R_ADMINS},
	{"GET", "/api/v1/contest-rounds", h_contest_list, R_EVERYONE},
	{"GET", "/api/v1/contest-rounds/{id}", h_contest_get, R_EVERYONE},
	{"POST", "/api/v1/contest-rounds/{id}/entries", h_contest_enter, RB(ROLE_CANDIDATE)},
	{"PUT", "/api/v1/contest-rounds/{id}/answers", h_contest_answers, RB(ROLE_CANDIDATE)},
	{"POST", "/api/v1/contest-rounds/{id}/score", h_contest_score, R_ADMINS},
	{"GET", "/api/v1/contest-rounds/{id}/leaderboard", h_contest_leaderboard, R_ANY_USER},
	/* 模拟练习 (svc/cultivation/practice.c): a learner's practice papers from the practice pool (theirs
	 * to start, read and submit; the province and the learner's city read them); the bank editors release
	 * items to the pool with their explanations; the limits per region, set by the province */
	{"GET", "/api/v1/practice/options", h_practice_options, RB(ROLE_CANDIDATE)},
	{"POST", "/api/v1/practice/papers", h_practice_start, RB(ROLE_CANDIDATE)},
	{"GET", "/api/v1/practice/papers", h_practice_list, R_ADMINS | RB(ROLE_CANDIDATE)},
	{"GET", "/api/v1/practice/papers/{id}", h_practice_get, R_ADMINS | RB(ROLE_CANDIDATE)},
	{"POST", "/api/v1/practice/papers/{id}/submit", h_practice_submit, RB(ROLE_CANDIDATE)},
	{"GET", "/api/v1/practice/items", h_practice_pool,
	 RB(ROLE_PROVINCE_ADMIN) | R_INST | RB(ROLE_SUPERVISOR)},
	{"POST", "/api/v1/practice/items", h_practice_release, RB(ROLE_PROVINCE_ADMIN) | R_INST},
	{"GET", "/api/v1/practice/rules", h_practice_rules, R_ANY_USER},
	{"PUT", "/api/v1/practice/rules/{region_code}", h_practice_rule_put, RB(ROLE_PROVINCE_ADMIN)},
	/* ---- 院校学生评价 (item 5: svc/cultivation/students.c, proc_eval.c): the province keeps the
	 * 高校学生 pilot and the major ↔ occupation table (read by every staff role); the school registers
	 * its students by class and records their diplomas; the school sets the 过程化评价 rule of its draft
	 * plan, registers a class into the plan, records module scores and compiles the outcomes into the
	 * plan's results; the bureau reads ---- */
	{"GET", "/api/v1/cultivation/pilots", h_cult_pilots, R_STAFF},
	{"POST", "/api/v1/cultivation/pilots", h_cult_pilot_create, RB(ROLE_PROVINCE_ADMIN)},
	{"GET", "/api/v1/cultivation/major-occupations", h_major_occupations, R_STAFF},
	{"PUT", "/api/v1/cultivation/major-occupations", h_major_occupation_put, RB(ROLE_PROVINCE_ADMIN)},
	{"GET", "/api/v1/cultivation/students", h_students, R_STAFF},
	{"POST", "/api/v1/cultivation/students", h_students_register, R_INST},
	{"POST", "/api/v1/cultivation/students/import", h_students_import, R_INST},
	{"POST", "/api/v1/cultivation/students/{id}/diploma", h_student_diploma, R_INST},
	{"GET", "/api/v1/cultivation/eval-rules", h_proc_rules, R_STAFF},
	{"POST", "/api/v1/cultivation/eval-rules", h_proc_rule_create, R_INST},
	{"GET", "/api/v1/cultivation/eval-rules/{id}", h_proc_rule_get, R_STAFF},
	{"POST", "/api/v1/cultivation/eval-rules/{id}/registrations", h_proc_register, R_INST},
	{"POST", "/api/v1/cultivation/eval-rules/{id}/scores", h_proc_scores, R_INST},
	{"POST", "/api/v1/cultivation/eval-rules/{id}/results", h_proc_compile, R_INST},
	{NULL, NULL, NULL, 0},
};
