/* scope.h: the data scope, written once. For every entity, a table says how far each role's hand reaches
 * when reading and when writing (everything, a region, one institution, the sittings one invigilates, one's
 * own person, public rows only, nothing), and which columns bind a row of that entity to a region, an
 * institution and a person. scope_decide() answers one question from those tables: may this principal do
 * this to a row with these owner facts? Pure data and rules, no I/O; src/svc/base/scope.c turns the same
 * table into SQL (the WHERE fragment of a list, the owner facts of one row). docs/security/scope.md prints
 * it. */
#ifndef JINENG_SCOPE_H
#define JINENG_SCOPE_H

#include "core/principal.h"

enum scope_entity {
	SE_PERSON = 0,
	SE_INSTITUTION,
	SE_USER,
	SE_PLAN,
	SE_REGISTRATION,
	SE_SITTING,
	SE_ATTEMPT,
	SE_RESULT,
	SE_CERTIFICATE,
	SE_ITEM,
	SE_BLUEPRINT,
	SE_OBJECTION,
	SE_COLLUSION,
	SE_ANALYSIS,
	SE_AUDIT,
	SE_COMPLAINT,
	SE_AUDIT_EXTRACT, /* the signed audit extract of one plan (svc/supervision/extract.c) */
	SE_SUPERVISOR,	  /* a supervisor's profile (supervisor_profiles sp) */
	SE_DISPATCH, /* a dispatch assignment (dispatch_assignments da, its sitting's plan p and institution
			i) */
	SE_SUBSIDY_CLAIM,  /* 补贴申领 (subsidy_claims sc): the claim's city, the person themself */
	SE_LEDGER_ACCOUNT, /* an account of the subsidy ledger (ledger_accounts la): its city, its payee
			      person */
	/* 满意度调查 results (survey_responses sr, aggregates only) */
	SE_SURVEY,
	SE_INSPECTION, /* 督导检查 (inspections ins, its sitting s, plan p, institution i) */
	SE_CREDIT,     /* 信用档案 (credit_events ce): institutions', examiners', supervisors' events */
	SE_RECTIFICATION,   /* 整改 (rectifications rf, its institution i, its inspection ins) */
	SE_FRAUD_SIGNAL,    /* 疑点线索 (fraud_signals fs): the reviewing city */
	SE_QUALITY_ARCHIVE, /* 质量档案 of one institution (institutions i; svc/supervision/archive.c) */
	SE_ASSESSMENT,	    /* 定期评估 rows (assess_rows ar, its run ru, institution i) */
	SE_WAGE_SUBMISSION, /* 工资价位 填报 (wage_submissions ws): the employer's own, the bureau its region
			     */
	SE_COMPETITION, /* 职业技能竞赛 (competitions cm): the organiser's region or institution; published:
			   public */
	SE_CARD_APPLICATION, /* 惠才卡申请 (card_applications ca): the employer, its region, the person */
	SE_TALENT_CARD, /* 山东惠才卡 (talent_cards tk): the holder, the employer's region, the employer */
	SE_TITLE_APPLICATION, /* 贯通申请 (title_applications ta): the person's city, the person themself */
	SE_POST, /* 特级技师、首席技师岗位 (post_defs pd) and its rounds and appointments: the enterprise, its
		    region */
	SE_SELECTION_NOMINATION, /* 评选推荐 (selection_nominations sn): the nominating city, the person
				    themself */
	SE_SCHOOL, /* 技工院校 and what a school owns (cult_schools, cult_majors, cult_students aliased cs):
		      its region, the school */
	SE_ORDER_CLASS, /* 订单班 / 冠名班 (cult_order_classes oc): its region, the school or the partner
			   enterprise */
	SE_EDU_GROUP,	/* 技工教育集团 (cult_groups cg): its region, its member institutions (read) */
	SE_APPRENTICESHIP, /* 企业新型学徒制 (apprenticeships ap): the employer, the trainer, its region, the
			      apprentice */
	SE_QUALIFICATION, /* 考评员 / 督导员资格 (workforce_quals wq): the holder's region and institution,
			     the holder */
	SE_EXAM_SITE, /* 考点 (exam_sites es) and its rooms: the site's region, its owning institution */
	SE_PLATFORM_APPLICATION, /* 平台载体申报 (platform_applications pa): the applicant institution, its
				    city */
	SE_PLATFORM, /* 平台载体项目 (platforms pf): the institution, its city; 财政 reads all (co-approval)
		      */
	SE_ELEARN_COURSE, /* 线上课程 (elearn_courses ec): its region, its provider; published: every user's
			   */
	SE_ELEARN_SESSION, /* 学习会话 and a learner's 学时 (elearn_sessions els): the learner */
	SE_CONTEST_ROUND, /* 知识竞赛 round (contest_rounds cr): the organiser's region; every round public */
	SE_CONTEST_ENTRY, /* 知识竞赛 entry (contest_entries cx): the contestant, the organiser's region */
	SE_PRACTICE_PAPER, /* 模拟练习 paper (practice_papers pp): the learner, the learner's region */
	SE_SKILL_CHAIN, /* 产教评 技能生态链 (skill_chains sk): the lead's region, its member institutions
			   (read) */
	SE_SPECIAL_PROPOSAL, /* 专项职业能力考核项目申报 (special_proposals sp): the proposing institution,
				its city */
	SE_NEW_OCCUPATION, /* 新职业建议 (new_occupation_proposals nop): the proposing institution, its city
			    */
	SE_ENTERPRISE_NORM, /* 企业评价规范 (enterprise_norms en): the enterprise, its city approves */
	SE_TARGET, /* 目标任务 (targets tg): the bureau of its region (the province 370000, a city its code)
		    */
	SE_ENTITY_COUNT
};

enum scope_action { SCOPE_READ = 0, SCOPE_WRITE = 1 };

/* how far a role reaches over an entity, from nothing to everything */
enum scope_reach {
	REACH_NONE = 0,
	REACH_PUBLIC,	   /* rows the public may see (filed institutions, plans open for registration) */
	REACH_SELF,	   /* rows of the principal's own person (a candidate) or own account */
	REACH_INVIGILATED, /* rows of sittings the principal invigilates (an examiner), within its institution
			    */
	REACH_INSTITUTION, /* rows bound to the principal's institution */
	REACH_REGION,	   /* rows bound to a region under the principal's region prefix */
	REACH_ALL,
};

/* the facts that bind one row to its owners, loaded by src/svc/base/scope.c */
typedef struct scope_owner {
	bool found;		 /* the row exists */
	int64_t institution_id;	 /* 0: none (a province-wide row) */
	char region[16];	 /* the region code that binds it ("" none) */
	int64_t person_id;	 /* the person it is about (0 none) */
	int64_t user_id;	 /* the account it is (users) */
	bool institution_linked; /* persons: linked to the principal's institution (employer or registered
				    there) */
	bool invigilated;	 /* the principal invigilates the row's sitting */
	bool public_row;	 /* the public may see it */
} scope_owner;

struct scope_rule {
	const char *name; /* the entity, as in docs and audit records */
	/* binding columns, as the list queries alias them; NULL when the entity has no such binding */
	const char
		*region_col;	 /* e.g. "i.region_code" (lists add "LIKE prefix%"), or a whole condition
				  * with one `?` for the pattern when shared rows are in every region's reach */
	const char *inst_cond;	 /* a condition with one `?` for the institution id */
	const char *person_col;	 /* e.g. "r.person_id" */
	const char *self_cond;	 /* the account itself (users), one `?` for the user id */
	const char *invig_cond;	 /* one `?` for the user id: the row's sitting is invigilated by them */
	const char *public_cond; /* rows the public may see; NULL none */
	unsigned char read[ROLE_COUNT], write[ROLE_COUNT]; /* enum scope_reach per role */
};

const struct scope_rule *scope_rule(enum scope_entity ent);
enum scope_reach scope_reach_of(const principal *p, enum scope_entity ent, enum scope_action act);

/* region_covers: does region prefix `prefix` ("37", "3701") cover region code `code`? An empty prefix
 * covers nothing. */
bool region_covers(const char *prefix, const char *code);

/* scope_decide: 0 allow; 404 when the row is out of the principal's read reach (or absent), so its
 * existence is not revealed; 403 when it may be read but not written. */
int scope_decide(const principal *p, enum scope_entity ent, const scope_owner *o, enum scope_action act);

/* reach_allows: does `reach` of principal p cover a row with owner facts o? */
bool reach_allows(const principal *p, enum scope_reach reach, const scope_owner *o);

/* ---- granting roles (user creation) ---- */

/* may_grant: may a principal of role `creator` create accounts of role `r`? The one grant table: the province
 * creates every role (supervisors and province administrators only by it); a city administrator creates
 * institution administrators and staff, examiners and candidates of its city; an institution administrator
 * its own staff and examiners, and candidate accounts of persons linked to it. */
bool may_grant(enum role creator, enum role r);

/* a supervisor's scope is the region it was assigned ("37" for the whole province, "3701" for one city) */

#endif
