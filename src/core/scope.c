/* scope.c: the scope table and the one decision (see scope.h) */
#include "util/common.h"
#include "core/scope.h"

#define N REACH_NONE
#define P REACH_PUBLIC
#define S REACH_SELF
#define V REACH_INVIGILATED
#define I REACH_INSTITUTION
#define R REACH_REGION
#define A REACH_ALL

/* an exam site (alias es) designated for at least one occupation and level: everyone's registry */
#define SITE_DESIGNATED "EXISTS (SELECT 1 FROM site_designations sd_ WHERE sd_.site_id = es.id)"

/* a published online course (alias ec); a 知识竞赛 round (alias cr) is public from its creation */
#define COURSE_PUBLISHED "ec.status = 'published'"
#define ROUND_PUBLIC	 "cr.status IN ('open', 'scored')"

/* the sitting of the row (alias s) is invigilated by the user `?` */
#define INVIGILATES                                                                                          \
	"EXISTS (SELECT 1 FROM sitting_invigilators si WHERE si.sitting_id = s.id AND si.user_id = ?)"

/* The scope table. For each entity: its name; the columns that bind a row to a region, an institution and a
 * person (as the list queries alias them: p persons / plans, i institutions, u users, g registrations,
 * s sittings, t attempts, r results, c certificates, it items, b blueprints); the account itself (users);
 * the invigilation condition; the rows the public may see; then the read and the write reach per role:
 *                       public prov  city  iadm  istf  exam  supv  cand  finance */
// clang-format off
static const struct scope_rule rules[SE_ENTITY_COUNT] = {
	[SE_PERSON] = {"person", "p.region_code",
		"(p.employer_id = ? OR EXISTS (SELECT 1 FROM institution_persons ip WHERE ip.person_id = p.id AND "
		"ip.institution_id = ?))", "p.id", NULL, NULL, NULL,
		/* read */  {N,    A,    R,    I,    I,    N,    N,    S},
		/* write */ {N,    A,    R,    I,    I,    N,    N,    S}},
	[SE_INSTITUTION] = {"institution", "i.region_code", "i.id = ?", NULL, NULL, NULL, "i.status = 'filed'",
		{P,    A,    R,    I,    I,    I,    R,    P},
		{N,    A,    R,    I,    N,    N,    N,    N}},
	[SE_USER] = {"user",
		"COALESCE((SELECT ui.region_code FROM institutions ui WHERE ui.id = u.institution_id), u.region_code)",
		"u.institution_id = ?", NULL, "u.id = ?", NULL, NULL,
		{N,    A,    R,    I,    S,    S,    S,    S,    S},
		{N,    A,    R,    I,    S,    S,    S,    S,    S}},
	[SE_PLAN] = {"plan", "i.region_code", "p.institution_id = ?", NULL, NULL, NULL, "p.status = 'open'",
		{P,    A,    R,    I,    I,    I,    R,    P},
		{N,    A,    R,    I,    I,    N,    N,    N}},
	[SE_REGISTRATION] = {"registration", "i.region_code", "p.institution_id = ?", "g.person_id", NULL, NULL, NULL,
		{N,    A,    R,    I,    I,    N,    R,    S},
		{N,    A,    N,    I,    I,    N,    N,    S}},
	/* examiners reach the sittings they invigilate and their attempts */
	[SE_SITTING] = {"sitting", "i.region_code", "p.institution_id = ?", NULL, NULL, INVIGILATES, NULL,
		{N,    A,    R,    I,    I,    V,    R,    N},
		{N,    A,    N,    I,    I,    N,    N,    N}},
	[SE_ATTEMPT] = {"attempt", "i.region_code", "p.institution_id = ?", "t.person_id", NULL, INVIGILATES, NULL,
		{N,    A,    R,    I,    I,    V,    R,    S},
		{N,    A,    N,    I,    I,    V,    N,    S}},
	[SE_RESULT] = {"result", "i.region_code", "r.institution_id = ?", "r.person_id", NULL, NULL, NULL,
		{N,    A,    R,    I,    I,    N,    R,    S},
		{N,    A,    N,    I,    I,    N,    N,    N}},
	[SE_CERTIFICATE] = {"certificate", "i.region_code", "c.institution_id = ?", "c.person_id", NULL, NULL, NULL,
		{N,    A,    R,    I,    I,    N,    R,    S},
		{N,    A,    N,    I,    I,    N,    N,    N}},
	/* items and blueprints: province-wide rows (no institution) are read by every institution's staff and
	 * written by the province only; an institution's own rows by that institution only. Supervisors read
	 * the banks without answer keys (exams.c, analysis.c leave them out). */
	[SE_ITEM] = {"item",
		"(it.institution_id IS NULL OR (SELECT ii.region_code FROM institutions ii WHERE ii.id = it.institution_id) "
		"LIKE ?)", "(it.institution_id IS NULL OR it.institution_id = ?)", NULL, NULL, NULL, NULL,
		{N,    A,    N,    I,    I,    N,    R,    N},
		{N,    A,    N,    I,    I,    N,    N,    N}},
	[SE_BLUEPRINT] = {"blueprint",
		"(b.institution_id = 0 OR (SELECT bi.region_code FROM institutions bi WHERE bi.id = b.institution_id) "
		"LIKE ?)", "(b.institution_id = 0 OR b.institution_id = ?)", NULL, NULL, NULL, NULL,
		{N,    A,    N,    I,    I,    N,    R,    N},
		{N,    A,    N,    I,    I,    N,    N,    N}},
	[SE_OBJECTION] = {"objection", "i.region_code", "p.institution_id = ?", NULL, NULL, NULL, NULL,
		{N,    A,    R,    I,    I,    N,    R,    N},
		{N,    A,    R,    I,    I,    N,    N,    N}},
	[SE_COLLUSION] = {"collusion_flag", "i.region_code", "p.institution_id = ?", NULL, NULL, NULL, NULL,
		{N,    A,    R,    I,    I,    N,    R,    N},
		{N,    A,    N,    N,    N,    N,    R,    N}},
	[SE_ANALYSIS] = {"analysis", "i.region_code", "p.institution_id = ?", NULL, NULL, NULL, NULL,
		{N,    A,    R,    I,    I,    N,    R,    N},
		{N,    A,    N,    I,    I,    N,    N,    N}},
	/* the audit archive: the province all of it, a city and a supervisor the records of the accounts of
	 * their region (by the acting account); nobody writes it except through the use cases */
	[SE_AUDIT] = {"audit",
		"(SELECT COALESCE((SELECT ui.region_code FROM institutions ui WHERE ui.id = au.institution_id), "
		"au.region_code) FROM users au WHERE au.id = a.actor_id)", NULL, NULL, NULL, NULL, NULL,
		{N,    A,    R,    N,    N,    N,    R,    N},
		{N,    N,    N,    N,    N,    N,    N,    N}},
	/* 投诉举报: the province and the city of the complaint (its handler) read and move it; a supervisor of
	 * the region reads it (never the complainant's identity: svc/supervision/complaints.c); institutions,
	 * examiners and candidates reach none (the public submits and looks up by tracking code only) */
	[SE_COMPLAINT] = {"complaint", "cp.region_code", NULL, NULL, NULL, NULL, NULL,
		{N,    A,    R,    N,    N,    N,    R,    N},
		{N,    A,    R,    N,    N,    N,    N,    N}},
	/* the signed audit extract of one plan (loaded as the plan): the province, the plan's city, the
	 * supervisors of its region and the plan's own institution administrator (evidence of its own plan,
	 * which it may have to show an institution or a court); not staff, examiners or candidates */
	[SE_AUDIT_EXTRACT] = {"audit_extract", "i.region_code", "p.institution_id = ?", NULL, NULL, NULL, NULL,
		{N,    A,    R,    I,    N,    N,    R,    N},
		{N,    N,    N,    N,    N,    N,    N,    N}},
	/* 督导员: the province all, a city the supervisors of its region, a supervisor their own profile (of
	 * which they change only their availability: svc/supervision/supervisors.c) */
	[SE_SUPERVISOR] = {"supervisor", "sp.region_code", NULL, NULL, "sp.user_id = ?", NULL, NULL,
		{N,    A,    R,    N,    N,    N,    S,    N},
		{N,    A,    R,    N,    N,    N,    S,    N}},
	/* dispatch assignments: by the sitting's region; a supervisor reads their own; institutions are not told
	 * who comes */
	[SE_DISPATCH] = {"dispatch_assignment", "i.region_code", NULL, NULL, "da.supervisor_id = ?", NULL, NULL,
		{N,    A,    R,    N,    N,    N,    S,    N},
		{N,    A,    R,    N,    N,    N,    N,    N}},
	/* 补贴申领: the province all, a city the claims of its region (its fund pays them), the person their own
	 * (read only); institutions, examiners and supervisors nothing (svc/training/claims.c) */
	[SE_SUBSIDY_CLAIM] = {"subsidy_claim", "sc.region_code", NULL, "sc.person_id", NULL, NULL, NULL,
		{N,    A,    R,    N,    N,    N,    N,    S},
		{N,    A,    R,    N,    N,    N,    N,    N}},
	/* the subsidy ledger's accounts: read by the province, the city whose money they hold, and the person
	 * whose payable or recovery account it is; written only by the ledger's use cases (svc/training) */
	[SE_LEDGER_ACCOUNT] = {"ledger_account", "la.region_code", NULL, "la.person_id", NULL, NULL, NULL,
		{N,    A,    R,    N,    N,    N,    N,    S},
		{N,    N,    N,    N,    N,    N,    N,    N}},
	/* 满意度调查: results are read as aggregates only (svc/supervision/surveys.c): the province all, a city its
	 * region, an institution administrator its own sittings; nobody writes a response through the scope (a
	 * candidate answers for their own attempt, checked by the use case) */
	[SE_SURVEY] = {"survey", "sr.region_code", "sr.institution_id = ?", NULL, NULL, NULL, NULL,
		{N,    A,    R,    I,    N,    N,    N,    N},
		{N,    N,    N,    N,    N,    N,    N,    N}},
	/* 督导检查: the province all, a city the inspections of its region's sittings, a supervisor their own
	 * (the only writer), the institution's administrator the signed inspections of its own sittings (never
	 * a draft: svc/supervision/inspections.c) */
	[SE_INSPECTION] = {"inspection", "i.region_code", "(p.institution_id = ? AND ins.status = 'signed')", NULL,
		"ins.supervisor_id = ?", NULL, NULL,
		{N,    A,    R,    I,    N,    N,    S,    N},
		{N,    N,    N,    N,    N,    N,    S,    N}},
	/* 信用档案: the province all, a city the events of its region (it records and withdraws them), an
	 * institution's administrator and staff the institution's own events, an examiner or a supervisor their
	 * own (read only; svc/supervision/credit.c) */
	[SE_CREDIT] = {"credit_event", "ce.region_code", "(ce.subject_type = 'institution' AND ce.subject_id = ?)",
		NULL, "(ce.subject_type IN ('examiner','supervisor') AND ce.subject_id = ?)", NULL, NULL,
		{N,    A,    R,    I,    I,    S,    S,    N},
		{N,    A,    R,    N,    N,    N,    N,    N}},
	/* 整改: the province all, the city of the institution its region's, the institution (administrator and
	 * staff) its own, which it answers; a supervisor reads those opened by their own inspections; the bureau
	 * closes and escalates (core/rectify_flow.c decides which role takes which move) */
	[SE_RECTIFICATION] = {"rectification", "i.region_code", "rf.institution_id = ?", NULL,
		"ins.supervisor_id = ?", NULL, NULL,
		{N,    A,    R,    I,    I,    N,    S,    N},
		{N,    A,    R,    I,    I,    N,    N,    N}},
	/* 疑点线索 (svc/training/fraud.c): the province all, a city the signals it reviews; institutions,
	 * supervisors and trainees nothing */
	[SE_FRAUD_SIGNAL] = {"fraud_signal", "fs.region_code", NULL, NULL, NULL, NULL, NULL,
		{N,    A,    R,    N,    N,    N,    N,    N},
		{N,    A,    R,    N,    N,    N,    N,    N}},
	/* 质量档案 (the quality archive of one institution, loaded as the institution): the province, the
	 * institution's city, its own administrator, and the supervisors who inspected one of its sittings
	 * (an inspection of theirs there, draft or signed: the "self" of this row); never another institution,
	 * staff, examiners, candidates or the public; nobody writes it (it is read from the other tables) */
	[SE_QUALITY_ARCHIVE] = {"quality_archive", "i.region_code", "i.id = ?", NULL,
		"EXISTS (SELECT 1 FROM inspections qi JOIN sittings qs ON qs.id = qi.sitting_id JOIN plans qp ON "
		"qp.id = qs.plan_id WHERE qp.institution_id = i.id AND qi.supervisor_id = ?)", NULL, NULL,
		{N,    A,    R,    I,    N,    N,    S,    N},
		{N,    N,    N,    N,    N,    N,    N,    N}},
	/* 定期评估: the province every institution's row, a city its region's, an institution administrator its
	 * own row of a published run (never a draft); written by the use case (the province, a city for its
	 * region), never through the scope */
	[SE_ASSESSMENT] = {"assessment", "i.region_code", "(ar.institution_id = ? AND ru.state = 'published')", NULL,
		NULL, NULL, NULL,
		{N,    A,    R,    I,    N,    N,    N,    N},
		{N,    N,    N,    N,    N,    N,    N,    N}},
	/* 工资价位 填报 (svc/incentive/wages.c): the employer (administrator and staff) its own, which it submits;
	 * the province all and a city its region's (sealed; never public: the public reads published cells) */
	[SE_WAGE_SUBMISSION] = {"wage_submission", "ws.region_code", "ws.institution_id = ?", NULL, NULL, NULL, NULL,
		{N,    A,    R,    I,    I,    N,    N,    N},
		{N,    N,    N,    I,    I,    N,    N,    N}},
	/* 职业技能竞赛 (svc/competition): the province every competition, a city those organised in its region, an
	 * institution administrator its institution's own (staff read them); a published competition is read
	 * by everyone (shared_read), the public included */
	[SE_COMPETITION] = {"competition", "(cm.published = 1 OR cm.region_code LIKE ?)",
		"(cm.published = 1 OR cm.institution_id = ?)", NULL, NULL, NULL, "cm.published = 1",
		{P,    A,    R,    I,    I,    P,    P,    P},
		{N,    A,    R,    I,    N,    N,    N,    N}},
	/* 惠才卡申请 (svc/incentive/card.c): the province, the employer's city (the same-level 人社), the
	 * employer's administrator and staff (单位专员), the person; who takes which step is core/card_flow.c's */
	[SE_CARD_APPLICATION] = {"card_application", "ca.region_code", "ca.employer_id = ?", "ca.person_id", NULL,
		NULL, NULL,
		{N,    A,    R,    I,    I,    N,    N,    S},
		{N,    A,    R,    I,    I,    N,    N,    S}},
	/* 山东惠才卡: read by the province, the employer's city and administrator, and the holder; only the
	 * provincial window changes (revokes) it */
	[SE_TALENT_CARD] = {"talent_card", "tk.region_code", "tk.employer_id = ?", "tk.person_id", NULL, NULL, NULL,
		{N,    A,    R,    I,    N,    N,    N,    S},
		{N,    A,    N,    N,    N,    N,    N,    N}},
	/* 贯通申请: the province all, a city the applications of its region (it recommends them), the person their
	 * own (read, and write for the moves the table gives the applicant: withdraw); institutions, examiners and
	 * supervisors nothing (svc/incentive/titles.c) */
	[SE_TITLE_APPLICATION] = {"title_application", "ta.region_code", NULL, "ta.person_id", NULL, NULL, NULL,
		{N,    A,    R,    N,    N,    N,    N,    S},
		{N,    A,    R,    N,    N,    N,    N,    S}},
	/* 特级技师、首席技师评聘 (svc/incentive/posts.c): a post, its rounds and appointments belong to the
	 * enterprise: the province and the enterprise's city read and authorise (the trial), the enterprise's
	 * administrator keeps them (staff read); a round's examiners reach it through its panel, the appointee
	 * their own appointment through the talent record, the public the published name lists only */
	[SE_POST] = {"post", "pd.region_code", "pd.institution_id = ?", NULL, NULL, NULL, NULL,
		{N,    A,    R,    I,    I,    N,    N,    N},
		{N,    A,    R,    I,    N,    N,    N,    N}},
	/* 评选推荐 (selection programmes, svc/incentive/selections.c): the province all, the nominating city its
	 * own nominations, the person their own (read); written by the province and the nominating city */
	[SE_SELECTION_NOMINATION] = {"selection_nomination", "sn.region_code", NULL, "sn.person_id", NULL, NULL,
		NULL,
		{N,    A,    R,    N,    N,    N,    N,    S},
		{N,    A,    R,    N,    N,    N,    N,    N}},
	/* 技工院校 (svc/cultivation): the school's profile, majors, students and 过程化评价 belong to the school
	 * (administrator and staff), read and decided (filings) by its city and the province */
	[SE_SCHOOL] = {"school", "cs.region_code", "cs.school_id = ?", NULL, NULL, NULL, NULL,
		{N,    A,    R,    I,    I,    N,    N,    N},
		{N,    A,    R,    I,    I,    N,    N,    N}},
	/* 订单班 / 冠名班: the school and the partner enterprise (both record placement), its city, the province */
	[SE_ORDER_CLASS] = {"order_class", "oc.region_code", "? IN (oc.school_id, oc.enterprise_id)", NULL, NULL,
		NULL, NULL,
		{N,    A,    R,    I,    I,    N,    N,    N},
		{N,    A,    R,    I,    I,    N,    N,    N}},
	/* 技工教育集团 (联盟): kept by its city and the province; its member institutions read it */
	[SE_EDU_GROUP] = {"edu_group", "cg.region_code",
		"EXISTS (SELECT 1 FROM cult_group_members gm WHERE gm.group_id = cg.id AND gm.institution_id = ?)",
		NULL, NULL, NULL, NULL,
		{N,    A,    R,    I,    I,    N,    N,    N},
		{N,    A,    R,    N,    N,    N,    N,    N}},
	/* 企业新型学徒制 (svc/cultivation/apprenticeships.c): the employer and the school or training institution
	 * that trains (either institution: `?` matches one of the two), the employer's city, the province; the
	 * apprentice reads their own. Who moves what is the state machine's (core/apprentice.c) */
	[SE_APPRENTICESHIP] = {"apprenticeship", "ap.region_code", "? IN (ap.employer_id, ap.trainer_id)",
		"ap.person_id", NULL, NULL, NULL,
		{N,    A,    R,    I,    I,    N,    N,    S},
		{N,    A,    R,    I,    I,    N,    N,    N}},
	/* 考评员 / 督导员资格 (svc/platform/workforce.c): the province all, a city its region's holders, an
	 * institution's administrator and staff the holders of their institution, the holder their own; granted,
	 * renewed and removed by the province and the holder's city */
	[SE_QUALIFICATION] = {"qualification", "wq.region_code", "wq.institution_id = ?", NULL, "wq.user_id = ?",
		NULL, NULL,
		{N,    A,    R,    I,    I,    S,    S,    N},
		{N,    A,    R,    N,    N,    N,    N,    N}},
	/* 考点 and 考场 (svc/platform/sites.c): the province all, a city its region's, an institution its own;
	 * a designated site (考试点) is every administrator's and institution's to read (a plan books any
	 * designated site's rooms); the province, the site's city and its owning institution's administrator
	 * change it (the 标准化考场 check and the designation are the bureau's: the use case) */
	[SE_EXAM_SITE] = {"exam_site", "(" SITE_DESIGNATED " OR es.region_code LIKE ?)",
		"(" SITE_DESIGNATED " OR es.institution_id = ?)", NULL, NULL, NULL, SITE_DESIGNATED,
		{N,    A,    R,    I,    I,    N,    N,    N},
		{N,    A,    R,    I,    N,    N,    N,    N}},
	/* 平台载体 (svc/platform/projects.c): an application binds to its institution and that institution's
	 * region; the institution applies, its city recommends, the province decides. 财政 reads the projects
	 * whose grants it co-approves and writes nothing through the scope (its one power is the tranche's
	 * co-approval, a role check of its own). The public list is a route of its own (published facts). */
	[SE_PLATFORM_APPLICATION] = {"platform_application", "pa.region_code", "pa.institution_id = ?", NULL,
		NULL, NULL, NULL,
		{N,    A,    R,    I,    I,    N,    N,    N,    N},
		{N,    A,    R,    I,    N,    N,    N,    N,    N}},
	[SE_PLATFORM] = {"platform", "pf.region_code", "pf.institution_id = ?", NULL, NULL, NULL, NULL,
		{N,    A,    R,    I,    I,    N,    N,    N,    A},
		{N,    A,    N,    I,    I,    N,    N,    N,    N}},
	/* 线上课程 (svc/cultivation/elearn.c): written by the province, the city of its region and its provider
	 * institution (administrator and staff); a published course is every signed-in user's to read (the
	 * public none), a draft or withdrawn one only its writers' */
	[SE_ELEARN_COURSE] = {"elearn_course", "(" COURSE_PUBLISHED " OR ec.region_code LIKE ?)",
		"(" COURSE_PUBLISHED " OR ec.institution_id = ?)", NULL, NULL, NULL, COURSE_PUBLISHED,
		{N,    A,    R,    I,    I,    P,    P,    P,    P},
		{N,    A,    R,    I,    I,    N,    N,    N,    N}},
	/* 学习会话 and a learner's 学时: the learner's own (they alone start sessions, beat and answer presence
	 * checks); the bureaus read the hours through the classes they count toward (svc/training) */
	[SE_ELEARN_SESSION] = {"elearn_session", NULL, NULL, "els.person_id", NULL, NULL, NULL,
		{N,    N,    N,    N,    N,    N,    N,    S},
		{N,    N,    N,    N,    N,    N,    N,    S}},
	/* 知识竞赛 rounds (svc/cultivation/contest.c): organised and scored by the province and a city (its region);
	 * every round is public from its creation (open or scored) */
	[SE_CONTEST_ROUND] = {"contest_round", "(" ROUND_PUBLIC " OR cr.region_code LIKE ?)", NULL, NULL, NULL, NULL,
		ROUND_PUBLIC,
		{P,    A,    R,    P,    P,    P,    P,    P,    P},
		{N,    A,    R,    N,    N,    N,    N,    N,    N}},
	/* 知识竞赛 entries: the contestant's own (they enter and answer); the organiser reads them through the
	 * round's leaderboard */
	[SE_CONTEST_ENTRY] = {"contest_entry", NULL, NULL, "cx.person_id", NULL, NULL, NULL,
		{N,    N,    N,    N,    N,    N,    N,    S},
		{N,    N,    N,    N,    N,    N,    N,    S}},
	/* 模拟练习 (svc/cultivation/practice.c): a learner's practice papers are their own, to take and to read;
	 * the province and the learner's city read them (how the pool is used), nobody else */
	[SE_PRACTICE_PAPER] = {"practice_paper", "pp.region_code", NULL, "pp.person_id", NULL, NULL, NULL,
		{N,    A,    R,    N,    N,    N,    N,    S},
		{N,    N,    N,    N,    N,    N,    N,    S}},
	/* 产教评 技能生态链 (svc/cultivation/chains.c): kept by the province and the lead enterprise's city (the
	 * chain's region); its member institutions (the lead among them) read it */
	[SE_SKILL_CHAIN] = {"skill_chain", "sk.region_code",
		"EXISTS (SELECT 1 FROM skill_chain_members km WHERE km.chain_id = sk.id AND km.institution_id = ?)",
		NULL, NULL, NULL, NULL,
		{N,    A,    R,    I,    I,    N,    N,    N},
		{N,    A,    R,    N,    N,    N,    N,    N}},
	/* 专项职业能力开发 and 新职业征集 (svc/platform/special.c, new_occupations.c; DOMAIN §66): a proposal binds
	 * to its city (a city bureau's own, or the proposing enterprise's or school's region) and to the
	 * proposing institution; the province all; the institution's administrator writes (proposes, edits
	 * its draft, submits), staff read; a review panel's examiners reach the proposals of their panel
	 * through the use case; the published catalogue is a public route of its own */
	[SE_SPECIAL_PROPOSAL] = {"special_proposal", "sp.region_code", "sp.institution_id = ?", NULL, NULL,
		NULL, NULL,
		{N,    A,    R,    I,    I,    N,    N,    N,    N},
		{N,    A,    R,    I,    N,    N,    N,    N,    N}},
	[SE_NEW_OCCUPATION] = {"new_occupation", "nop.region_code", "nop.institution_id = ?", NULL, NULL, NULL,
		NULL,
		{N,    A,    R,    I,    I,    N,    N,    N,    N},
		{N,    A,    R,    I,    N,    N,    N,    N,    N}},
	/* 企业评价规范 (svc/evaluation/norms.c): the enterprise files and revises its own, its city or the province
	 * approves (the state machine core/norm.c says which move is whose) */
	[SE_ENTERPRISE_NORM] = {"enterprise_norm", "en.region_code", "en.institution_id = ?", NULL, NULL, NULL,
		NULL,
		{N,    A,    R,    I,    I,    N,    N,    N,    N},
		{N,    A,    R,    I,    I,    N,    N,    N,    N}},
	/* 目标任务 (svc/stats/targets.c): the bureaus' own indicators. The province reads and sets every
	 * region's; a city reads and sets its own city's (never the province's row or another city's); a
	 * supervisor reads those of the region it supervises, as it reads the dashboard. Institutions,
	 * examiners, candidates and 财政 reach none: a target is a region's, not an institution's (an
	 * institution's dashboard shows its own counters). */
	[SE_TARGET] = {"target", "tg.region_code", NULL, NULL, NULL, NULL, NULL,
		{N,    A,    R,    N,    N,    N,    R,    N,    N},
		{N,    A,    R,    N,    N,    N,    N,    N,    N}},
};
// clang-format on

#undef N
#undef P
#undef S
#undef V
#undef I
#undef R
#undef A

const struct scope_rule *scope_rule(enum scope_entity ent)
{
	return (unsigned)ent < SE_ENTITY_COUNT ? &rules[ent] : NULL;
}

enum scope_reach scope_reach_of(const principal *p, enum scope_entity ent, enum scope_action act)
{
	const struct scope_rule *r = scope_rule(ent);
	if (!r || (unsigned)p->role >= ROLE_COUNT)
		return REACH_NONE;
	enum scope_reach reach = (enum scope_reach)(act == SCOPE_WRITE ? r->write : r->read)[p->role];
	/* 财政 (issue 24) reads what the public reads, beyond the rows its own column gives it (the platforms
	 * whose grants it co-approves) */
	if (p->role == ROLE_FINANCE && act == SCOPE_READ && reach == REACH_NONE &&
	    r->read[ROLE_PUBLIC] == REACH_PUBLIC)
		reach = REACH_PUBLIC;
	/* a region reach needs a region; an institution reach an institution; a self reach a person or
	 * account */
	if (reach == REACH_REGION && !p->region[0])
		return REACH_NONE;
	if ((reach == REACH_INSTITUTION || reach == REACH_INVIGILATED) && p->institution_id <= 0)
		return REACH_NONE;
	if (reach == REACH_SELF && p->person_id <= 0 && p->user_id <= 0)
		return REACH_NONE;
	return reach;
}

bool region_covers(const char *prefix, const char *code)
{
	size_t n = prefix ? strlen(prefix) : 0;
	return n > 0 && code && !strncmp(code, prefix, n);
}

bool reach_allows(const principal *p, enum scope_reach reach, const scope_owner *o)
{
	switch (reach) {
	case REACH_ALL:
		return true;
	case REACH_REGION:
		return region_covers(p->region, o->region);
	case REACH_INSTITUTION:
		return p->institution_id > 0 &&
		       (o->institution_id == p->institution_id || o->institution_linked);
	case REACH_INVIGILATED:
		return p->institution_id > 0 && o->invigilated;
	case REACH_SELF:
		return (p->person_id > 0 && o->person_id == p->person_id) ||
		       (p->user_id > 0 && o->user_id == p->user_id);
	case REACH_PUBLIC:
		return o->public_row;
	case REACH_NONE:
	default:
		return false;
	}
}

/* province-wide bank rows (items, blueprints: no owning institution) are read by every institution or region
 * reach */
static bool shared_read(enum scope_entity ent, enum scope_reach reach, const scope_owner *o)
{
	if (ent == SE_COMPETITION) /* a published competition is everyone's to read */
		return o->public_row;
	if (ent == SE_EXAM_SITE) /* a designated site: every role that reads some sites reads it */
		return reach != REACH_NONE && o->public_row;
	/* a published course, a 知识竞赛 round: every role that reads some reads them */
	if (ent == SE_ELEARN_COURSE || ent == SE_CONTEST_ROUND)
		return reach != REACH_NONE && o->public_row;
	return (ent == SE_ITEM || ent == SE_BLUEPRINT) &&
	       (reach == REACH_INSTITUTION || reach == REACH_REGION) && o->institution_id == 0;
}

int scope_decide(const principal *p, enum scope_entity ent, const scope_owner *o, enum scope_action act)
{
	if (!o->found)
		return 404;
	enum scope_reach rr = scope_reach_of(p, ent, SCOPE_READ);
	if (!reach_allows(p, rr, o) && !shared_read(ent, rr, o))
		return 404;
	if (act == SCOPE_READ)
		return 0;
	return reach_allows(p, scope_reach_of(p, ent, SCOPE_WRITE), o) ? 0 : 403;
}

bool may_grant(enum role creator, enum role r)
{
	static const unsigned grants[ROLE_COUNT] = {
		[ROLE_PROVINCE_ADMIN] = RB(ROLE_PROVINCE_ADMIN) | RB(ROLE_CITY_ADMIN) |
					RB(ROLE_INSTITUTION_ADMIN) | RB(ROLE_INSTITUTION_STAFF) |
					RB(ROLE_EXAMINER) | RB(ROLE_SUPERVISOR) | RB(ROLE_CANDIDATE) |
					RB(ROLE_FINANCE),
		[ROLE_CITY_ADMIN] = RB(ROLE_INSTITUTION_ADMIN) | RB(ROLE_INSTITUTION_STAFF) |
				    RB(ROLE_EXAMINER) | RB(ROLE_CANDIDATE),
		[ROLE_INSTITUTION_ADMIN] =
			RB(ROLE_INSTITUTION_STAFF) | RB(ROLE_EXAMINER) | RB(ROLE_CANDIDATE),
	};
	return (unsigned)creator < ROLE_COUNT && (unsigned)r < ROLE_COUNT && (grants[creator] & RB(r)) != 0;
}
