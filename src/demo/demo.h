/* demo.h: the demo province: institutions of every type in all 16 cities with valid credit codes and
 * filed scopes, persons with valid ID numbers and plausible names, facts for eligibility, and an account
 * for every role. Idempotent: a database that has it already is left as it is. */
#ifndef JINENG_DEMO_H
#define JINENG_DEMO_H

#include "store/db.h"

#define DEMO_PASSWORD "Demo@Skills2026"
/* the demo hospital's provider key for 山东惠才卡 uses (demo_card.c; published: a demo only) */
#define DEMO_HOSPITAL_KEY "jineng-demo-hospital-key-0001"

struct demo_account {
	const char *username, *role, *what;
};
extern const struct demo_account demo_accounts[];

/* demo_seed: *fresh tells whether data was created now (false: it was there already). progress, when not
 * NULL, is called now and then with (done, total). */
/* the n-th person (by id) of the institution (0 when there is none) */
int64_t demo_nth_person(db *d, int64_t inst, int n, err *e);
/* an occupation of the institution's filed scope at `level`, the first by code (last: the last); "" when none
 */
int demo_scope_occupation(db *d, int64_t inst, int level, bool last, char out[32], err *e);
int demo_seed(db *d, int64_t persons, bool *fresh, void (*progress)(int64_t, int64_t), err *e);
/* demo_scale (demo_scale.c): certificates and registrations over the 60 months before this one, generated in
 * SQL up to `certs` and `regs` rows (those made before count), counted in the statistics counters in the same
 * audited transaction (`demo.scale`); the numbers added now in *added_certs, *added_regs */
int demo_scale(db *d, int64_t certs, int64_t regs, int64_t *added_certs, int64_t *added_regs, err *e);

#include "core/fake.h"
#include "core/principal.h"
#include <jansson.h>
/* demo_set_scope: inst_set_scope from the demo's JSON list [{"occupation_code","levels":[...]}] */
int demo_set_scope(db *d, const principal *sys, int64_t inst, json_t *scopes, err *e);
#include "core/principal.h"
/* demo_certificates (demo_certs.c): results and certificates; insts holds 5 institution ids per city in the
 * order employer, social organisation, technical school, university, training; candidate_person (济南) and
 * linyi_person (临沂, the training demo's worker) each pass and hold a certificate */
int demo_certificates(db *d, const principal *sys, const int64_t *insts, const char *const *city_codes,
		      int ncities, int64_t candidate_person, int64_t linyi_person, fake_rng *rng, err *e);

/* demo_items (demo_items.c): the seeded item banks and blueprints (电工四级, 中式烹调师五级, 电子商务师四级)
 * in the province-wide bank, each loaded unless that bank already has items (*added gets the items stored
 * now); and, once, a 电工四级 plan of 济南演示职业技能评价中心 with candidate1 approved and admitted to a
 * sitting that has begun, and an open 电子商务师四级 plan of 临沂演示职业技能评价中心 (linyi_org_admin, its
 * practical panel linyi_examiner1..3) for linyi_worker's 培训结业转报名 */
int demo_items(db *d, int64_t *added, err *e);

/* demo_supervision (demo_supervision.c): four more supervisors with profiles for the registry (济南, 青岛,
 * 淄博 with a 回避 declaration, 泰安), all but the 济南 one off on the day the demo is made; after
 * demo_rectify */
int demo_supervision(db *d, err *e);

/* demo_complaints (demo_complaints.c): three 投诉举报, one handled by 济南 within its deadlines and upheld,
 * one to 济南 unacknowledged past its deadline, one just received by 青岛 */
int demo_complaints(db *d, int64_t jinan_inst, err *e);

/* demo_rectify (demo_rectify.c): a Qingdao supervisor's inspection of a 济南演示职业技能评价中心 sitting six
 * weeks ago with three 不符合 and a correction two days ago with one more: one rectification answered and
 * closed, one overdue, one answered late, one open in time. Made once; after the demo's exam plan and
 * before demo_supervision (whose supervisors would otherwise join that day's pool) */
int demo_rectify(db *d, err *e);

/* demo_training (demo_training.c): training institutions, sites around the 16 cities' seats and their
 * courses (临沂's with its 急需紧缺 occupations); 临沂's classes with linyi_worker enrolled and that worker's
 * 参保记录; insts as for demo_certificates */
int demo_training(db *d, const principal *sys, const int64_t *insts, fake_rng *rng, err *e);
/* demo_subsidy (demo_subsidy.c): 技能提升补贴 claims of 济南 and 临沂 in every state, a payment batch each
 * with its bank file and results (two paid, one failed), one paid claim recovered */
int demo_subsidy(db *d, const principal *sys, err *e);
/* demo_fraud (demo_fraud.c): 疑点线索 of 临沂 for linyi_admin's queue — 两地申领 (临沂 and 济南), 一机多签
 * and 结业率异常 from classes of the 临沂 school and technical college that ended ten days ago (the college's
 * linyi_college_admin made here); insts as for demo_certificates */
int demo_fraud(db *d, const principal *sys, const int64_t *insts, err *e);
/* demo_open_data.c: the last finished quarter's certificates and passed evaluations by city, published */
int demo_open_data(db *d, const principal *sys, err *e);

/* demo_credit (demo_credit.c): 信用档案 — 济南演示技师学院 (jinan_insts[2]) graded 不合格 a month ago, its
 * new plans blocked; 济南演示职业技术学院 (jinan_insts[3]) with an expired 违规失信 */
int demo_credit(db *d, const int64_t *jinan_insts, err *e);

/* demo_inspection (demo_inspections.c): supervisor1 (青岛) dispatched across cities to the demo's 济南
 * sitting of today, its inspection opened as a draft; once, with the sitting */
int demo_inspection(db *d, int64_t sitting, err *e);

/* demo_assess (demo_assess.c): the province's yearly 定期评估 over the last 365 days, published; `bad`
 * (菏泽演示 职业技能评价中心) gets results that grade it 不合格, so it exits the catalogue */
int demo_assess(db *d, const principal *sys, int64_t bad, err *e);
/* demo_card: 山东惠才卡 — a 齐鲁工匠 of 济南's enterprise `ent` holds a card a hospital has used; another
 * waits on 济南's first review (demo_card.c) */
int demo_card(db *d, const principal *sys, int64_t ent, err *e);

/* demo_wages (demo_wages.c): 工资价位 — the posts, minimum wages and pay files of 济南's five and 青岛's
 * three institutions for the last two years, both years published by the province with suppressed small cells
 */
int demo_wages(db *d, const principal *sys, const int64_t *jinan_insts, const int64_t *qingdao_insts, err *e);
/* demo_titles (demo_titles.c): 贯通 — a 技师 of 济南 (account jinan_technician) applied for 工程师,
 * recommended by 济南 and waiting for the province; a 高级技师 approved for 副高级 in 工艺美术 under the
 * province's rule; insts as for demo_certificates */
int demo_titles(db *d, const principal *sys, const int64_t *insts, err *e);
/* demo_talent (demo_talent.c): 贯通, the rest — an engineer of 济南 (account jinan_engineer) holds a 二级
 * certificate issued through 职称 → 技能等级 and shows his 全国技术能手 honour on verification; a 技工院校
 * teacher got 副高级 and 二级 by 一评双证; a suspended 惠才卡 provider; insts as for demo_titles */
int demo_talent(db *d, const principal *sys, const int64_t *insts, err *e);
/* demo_posts (demo_posts.c): 特级技师、首席技师评聘 — 济南 authorised the enterprise `ent` (jinan_ent_admin),
 * which appointed a 特级技师 through a round scored by post_expert1..3 (examiners of `org`); the province
 * published the name list */
int demo_posts(db *d, const principal *sys, int64_t ent, int64_t org, err *e);

/* demo_selections (demo_selections.c): 评选项目与津贴 — the 齐鲁首席技师 round of two years ago ranked,
 * published and appointed, its appointees' monthly allowances paid by the batches through the ledger, one
 * stop with its recoveries; this year's round open with 济南 nominating within its quota */
int demo_selections(db *d, const principal *sys, err *e);
/* demo_apprentice (demo_apprentice.c): 企业新型学徒制 — 济南's rate, three apprentices of the enterprise
 * `ent` (jinan_ent_admin) with the 技师学院 `school`, of an occupation of `org`'s scope at level 4: one
 * completed with its employer's subsidy paid once, one in training, one waiting for 济南's approval */
int demo_apprentice(db *d, int64_t ent, int64_t school, int64_t org, err *e);
/* demo_cultivation (demo_cultivation.c): 技工院校 — the 技师学院 `school` registered by 济南
 * (jinan_college_admin), a major filed and one waiting, a graduated 冠名班 with the enterprise `ent` whose
 * graduates are placed, the 省级重点 济南技工教育集团 */
int demo_cultivation(db *d, const principal *sys, int64_t school, int64_t ent, int64_t org, err *e);
/* demo_chains (demo_chains.c): 岗位需求 → 培训班 / 订单班 and a 产教评 chain — 济南's postings answered by a
 * class of a 济南 training school (jinan_train_admin) and an 订单班 of the 技师学院 `school` with the
 * enterprise `ent`; 济南's chain led by `ent` with the school, the training school and the evaluator `org` */
int demo_chains(db *d, const principal *sys, int64_t ent, int64_t school, int64_t org, err *e);
/* demo_key_groups (demo_key_groups.c): 重点群体 — 济南 imports a department's list, sets a demo rule by
 * category (退役军人 +300 元 on 技能提升补贴) and files a claim it changes; the board's card by category
 * counts it */
int demo_key_groups(db *d, err *e);
/* demo_student_eval (demo_student_eval.c): 院校学生评价 — six students of the 技师学院 `school` (persons of
 * `org`) reach 四级 through 过程化评价 on a plan of the school (four pass and hold 双证); after
 * demo_cultivation */
int demo_student_eval(db *d, int64_t school, int64_t org, err *e);
/* demo_login: the principal of a demo account as a login would make it (0, or -1 when there is none) */
int demo_login(db *d, const char *username, principal *p, err *e);
/* demo_platform (demo_platform.c): 平台载体项目 — this year's call; 济南's enterprise `ent` (jinan_ent_admin)
 * applied for a 国家级技能大师工作室 led by its 齐鲁工匠, 济南 recommended it, the 临沂 examiners scored it,
 * it was established after the 公示; two tranches co-approved by 财政 (finance1) and paid, a third waiting;
 * its activity and this year's 绩效考核 (certificates issued by `org`) */
int demo_platform(db *d, const principal *sys, int64_t ent, int64_t org, err *e);
/* demo_special (demo_special.c): 专项职业能力开发 — 济南's enterprise `ent` proposed a 鲁滋鲁味 item, the
 * 临沂 examiners reviewed it and the province published it into this year's catalogue; 济南's own 鲁艺鲁品
 * proposal under review; 家庭教育指导师 and 民宿管家 tracked to their adoption in the 2022年版 大典 (seed
 * 002) */
int demo_special(db *d, const principal *sys, int64_t ent, err *e);

/* demo_targets (demo_targets.c): 目标任务 — 济南's own target (jinan_admin) beside the province's six of 065
 */
int demo_targets(db *d, err *e);

/* demo_elearn (demo_elearn.c): 线上学习培训 — 临沂's training school's online course tied to the 电子商务师
 * class of linyi_worker, who earned 4 online 学时 on it last week (counted in the class's hours) */
int demo_elearn(db *d, err *e);
/* demo_norms (demo_norms.c): 企业评价规范 — 济南's enterprise (jinan_ent) has version 1 approved and a plan
 * open on it, version 2 approved after it (superseding 1; the plan keeps 1); 青岛's enterprise (qingdao_ent)
 * a version waiting for the bureau */
int demo_norms(db *d, int64_t jinan_ent, int64_t qingdao_ent, err *e);
/* demo_db_url: the database the demo seeds, set by `jineng demo` before demo_seed: demo_norms's candidate
 * sits the theory through the exam's group committer (svc/exam/autosave.h), which opens its own connection */
extern const char *demo_db_url;
/* demo_contests (demo_elearn.c): 知识竞赛 on the 电子商务师 bank (after demo_items): last week's round scored
 * with its leaderboards, linyi_worker among its contestants, and a second round open now */
int demo_contests(db *d, err *e);
/* demo_practice (demo_practice.c): 模拟练习 — the province's practice set of 电子商务师 四级 (three items
 * with their explanations per knowledge area of the blueprint) released to the practice pool, and
 * linyi_worker's scored paper of yesterday (after demo_items) */
int demo_practice(db *d, err *e);

/* demo_competition (demo_competition.c): 职业技能竞赛 — series, next year's provincial plan published (the
 * 山东省职业技能大赛 open with its events, quotas and nominated contestants), 济南's 劳动之星 drawn, 岗位练兵
 * counts */
int demo_competition(db *d, err *e);
/* demo_marking (demo_marking.c): the 山东省职业技能大赛's 焊工 event marked by demo_judge1..3 with a
 * disagreement re-marked, signed off by demo_chief, results computed and published (公示); skipped when the
 * competition demo has no such event */
int demo_marking(db *d, const principal *sys, err *e);
/* demo_squads (demo_squads.c): the 焊工 gold medallist of the 山东省职业技能大赛 into the 世界技能大赛
 * selection pool (焊接), the 焊接 squad with its 集训基地, coaches and 选送单位, entered into round 1 of the
 * selection */
int demo_squads(db *d, const principal *sys, err *e);
/* demo_outcomes (demo_outcomes.c): the 焊工 winners' 山东省技术能手, promotion certificates and prize money
 * (the base paid for the first, the sending unit for the second), after an objection resolved during 公示 */
int demo_outcomes(db *d, err *e);

/* demo_shortage (demo_shortage.c): 急需紧缺预警 — supply history and the last year's postings of 济南 and
 * 青岛, and 济南's proposal of next year's catalogue (a draft) */
int demo_shortage(db *d, const principal *sys, err *e);
/* demo_qualify (demo_workforce.c): a qualification of `grade` (examiner, senior_examiner, supervisor) from
 * the records for the account, valid from two years ago to three years on, unless it holds one already */
int demo_qualify(db *d, const principal *sys, int64_t uid, const char *grade, const char *cert_no, err *e);
/* demo_workforce (demo_workforce.c): once, after the demo exam: an exam site of 济南演示职业技能评价中心 with
 * a computer room and a workshop, its 标准化考场 check passed, designated for 电工四级, the demo sitting
 * booked */
int demo_workforce(db *d, err *e);

#endif
