/* handlers.h: the cultivation domain's request handlers (培养体系, issue 23), for its route table (routes.c).
 * Built in parts, each with its own file: 技工院校 and majors (schools.c), 线上学习培训 (elearn.c), 知识竞赛
 * (contests.c), … */
#ifndef JINENG_API_CULTIVATION_HANDLERS_H
#define JINENG_API_CULTIVATION_HANDLERS_H

#include "http/req.h"

/* 技工院校 and their majors (schools.c) */
int h_schools(req *r);
int h_school_register(req *r);
int h_school_import(req *r);
int h_school_get(req *r);
int h_school_campus_add(req *r);
int h_school_year_put(req *r);
int h_majors(req *r);
int h_major_create(req *r);
int h_major_get(req *r);
int h_major_move(req *r);

/* 企业新型学徒制 (apprenticeships.c) */
int h_appr_list(req *r);
int h_appr_create(req *r);
int h_appr_get(req *r);
int h_appr_progress(req *r);
int h_appr_move(req *r);
int h_appr_claim(req *r);
int h_appr_register(req *r);
int h_appr_rates(req *r);
int h_appr_rate_put(req *r);
int h_appr_summary(req *r);
/* 线上学习培训 (elearn.c) */
int h_elearn_course_create(req *r);
int h_elearn_course_list(req *r);
int h_elearn_course_get(req *r);
int h_elearn_course_update(req *r);
int h_elearn_resource_add(req *r);
int h_elearn_resource_content(req *r);
int h_elearn_session_start(req *r);
int h_elearn_beat(req *r);
int h_elearn_presence(req *r);
int h_elearn_mine(req *r);

/* contests.c */
int h_contest_create(req *r);
int h_contest_list(req *r);
int h_contest_get(req *r);
int h_contest_enter(req *r);
int h_contest_answers(req *r);
int h_contest_score(req *r);
int h_contest_leaderboard(req *r);

/* 模拟练习 (practice.c) */
int h_practice_options(req *r);
int h_practice_start(req *r);
int h_practice_list(req *r);
int h_practice_get(req *r);
int h_practice_submit(req *r);
int h_practice_release(req *r);
int h_practice_pool(req *r);
int h_practice_rules(req *r);
int h_practice_rule_put(req *r);

/* 订单班 and 技工教育集团 (orders.c) */
int h_order_classes(req *r);
int h_order_class_create(req *r);
int h_order_class_get(req *r);
int h_order_class_students(req *r);
int h_order_class_place(req *r);
int h_order_class_graduate(req *r);
int h_edu_groups(req *r);
int h_edu_group_create(req *r);
int h_edu_group_get(req *r);
int h_edu_group_member(req *r);
int h_edu_group_key(req *r);

/* 培养项目 and class tags (programmes.c) */
int h_programmes(req *r);
int h_programme_put(req *r);
int h_programme_year_put(req *r);
int h_class_tag_put(req *r);
int h_class_stats(req *r);

/* 重点群体 and 就业服务 (groups.c) */
int h_group_kinds(req *r);
int h_group_person(req *r);
int h_group_flag_put(req *r);
int h_group_service(req *r);
int h_group_summary(req *r);
int h_group_import(req *r);
int h_group_rules(req *r);
int h_group_rule_put(req *r);
int h_job_recommend(req *r);
int h_job_recommend_send(req *r);
int h_outcome_put(req *r);
int h_outcome_summary(req *r);

/* 产教评 技能生态链 and 岗位需求 → 培训班 / 订单班 (chains.c) */
int h_chain_roles(req *r);
int h_chains(req *r);
int h_chain_create(req *r);
int h_chain_get(req *r);
int h_chain_member_add(req *r);
int h_chain_member_remove(req *r);
int h_demand_rules(req *r);
int h_demand_rules_put(req *r);
int h_demand_postings(req *r);
int h_demand_answer(req *r);
int h_demand_answers_of(req *r);
/* 院校学生评价: the pilot, the major ↔ occupation table, students, 过程化评价 (student_eval.c) */
int h_cult_pilots(req *r);
int h_cult_pilot_create(req *r);
int h_major_occupations(req *r);
int h_major_occupation_put(req *r);
int h_students(req *r);
int h_students_register(req *r);
int h_students_import(req *r);
int h_chain_import(req *r);
int h_student_diploma(req *r);
int h_proc_rules(req *r);
int h_proc_rule_create(req *r);
int h_proc_rule_get(req *r);
int h_proc_register(req *r);
int h_proc_scores(req *r);
int h_proc_compile(req *r);

#endif
