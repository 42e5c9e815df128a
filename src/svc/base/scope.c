/* scope.c: the data scope in SQL (see scope.h and core/scope.h) */
#include "util/common.h"
#include "store/query.h"
#include "svc/base/scope.h"
#include "svc/base/svc.h"

/* Owner facts of one row: $1 the row's id, $2 the principal's institution, $3 the principal's user id.
 * Columns: institution_id, region_code, person_id, user_id, linked to $2, invigilated by $3, public. Every
 * statement names $2 and $3 so PostgreSQL can type them. */
#define NO_LINK	  "CASE WHEN $2 < 0 THEN 1 ELSE 0 END"
#define NO_INVIG  "CASE WHEN $3 < 0 THEN 1 ELSE 0 END"
#define PLAN_JOIN " JOIN plans p ON p.id = s.plan_id JOIN institutions i ON i.id = p.institution_id"
#define INVIG_S                                                                                              \
	"CASE WHEN EXISTS (SELECT 1 FROM sitting_invigilators si WHERE si.sitting_id = s.id AND si.user_id " \
	"= $3) THEN 1 ELSE 0 END"

static const char *const owner_sql[SE_ENTITY_COUNT] = {
	[SE_PERSON] =
		"SELECT p.employer_id, p.region_code, p.id, 0, CASE WHEN EXISTS (SELECT 1 FROM "
		"institution_persons "
		"ip WHERE ip.person_id = p.id AND ip.institution_id = $2) THEN 1 ELSE 0 END, " NO_INVIG ", 0 "
		"FROM persons p WHERE p.id = $1",
	[SE_INSTITUTION] =
		"SELECT i.id, i.region_code, 0, 0, " NO_LINK ", " NO_INVIG ", CASE WHEN i.status = 'filed' "
		"THEN 1 ELSE 0 END FROM institutions i WHERE i.id = $1",
	[SE_USER] =
		"SELECT u.institution_id, COALESCE((SELECT ui.region_code FROM institutions ui WHERE ui.id = "
		"u.institution_id), u.region_code), u.person_id, u.id, " NO_LINK ", " NO_INVIG
		", 0 FROM users u "
		"WHERE u.id = $1",
	[SE_PLAN] = "SELECT p.institution_id, i.region_code, 0, 0, " NO_LINK ", " NO_INVIG
		    ", CASE WHEN p.status = "
		    "'open' THEN 1 ELSE 0 END FROM plans p JOIN institutions i ON i.id = p.institution_id "
		    "WHERE p.id = $1",
	[SE_REGISTRATION] =
		"SELECT p.institution_id, i.region_code, g.person_id, 0, " NO_LINK ", " NO_INVIG ", 0 FROM "
		"registrations g JOIN plans p ON p.id = g.plan_id JOIN institutions i ON i.id = "
		"p.institution_id WHERE g.id = $1",
	[SE_SITTING] = "SELECT p.institution_id, i.region_code, 0, 0, " NO_LINK ", " INVIG_S
		       ", 0 FROM sittings s" PLAN_JOIN " WHERE s.id = $1",
	[SE_ATTEMPT] =
		"SELECT p.institution_id, i.region_code, t.person_id, 0, " NO_LINK ", " INVIG_S ", 0 FROM "
		"attempts t JOIN sittings s ON s.id = t.sitting_id" PLAN_JOIN " WHERE t.id = $1",
	[SE_RESULT] = "SELECT r.institution_id, i.region_code, r.person_id, 0, " NO_LINK ", " NO_INVIG
		      ", 0 FROM results r "
		      "JOIN institutions i ON i.id = r.institution_id WHERE r.id = $1",
	[SE_CERTIFICATE] =
		"SELECT c.institution_id, i.region_code, c.person_id, 0, " NO_LINK ", " NO_INVIG ", 0 FROM "
		"certificates c JOIN institutions i ON i.id = c.institution_id WHERE c.id = $1",
	[SE_ITEM] =
		"SELECT COALESCE(it.institution_id, 0), COALESCE((SELECT ii.region_code FROM institutions ii "
		"WHERE ii.id = it.institution_id), ''), 0, 0, " NO_LINK ", " NO_INVIG
		", 0 FROM items it WHERE it.id = $1",
	/* blueprints have no id: the "id" is the owning institution (0 province-wide) */
	[SE_BLUEPRINT] = "SELECT $1 + 0, COALESCE((SELECT bi.region_code FROM institutions bi WHERE bi.id = "
			 "$1), ''), 0, "
			 "0, " NO_LINK ", " NO_INVIG ", 0 WHERE $1 >= 0",
	[SE_OBJECTION] = "SELECT p.institution_id, i.region_code, 0, 0, " NO_LINK ", " NO_INVIG
			 ", 0 FROM objections o "
			 "JOIN plans p ON p.id = o.plan_id JOIN institutions i ON i.id = p.institution_id "
			 "WHERE o.id = $1",
	[SE_COLLUSION] = "SELECT p.institution_id, i.region_code, 0, 0, " NO_LINK ", " INVIG_S
			 ", 0 FROM collusion_flags f "
			 "JOIN sittings s ON s.id = f.sitting_id" PLAN_JOIN " WHERE f.id = $1",
	[SE_ANALYSIS] = "SELECT p.institution_id, i.region_code, 0, 0, " NO_LINK ", " INVIG_S
			", 0 FROM sittings s" PLAN_JOIN " WHERE s.id = $1",
	[SE_AUDIT] = NULL,
	[SE_COMPLAINT] = "SELECT 0, cp.region_code, 0, 0, " NO_LINK ", " NO_INVIG
			 ", 0 FROM complaints cp WHERE cp.id = $1",
	[SE_AUDIT_EXTRACT] =
		"SELECT p.institution_id, i.region_code, 0, 0, " NO_LINK ", " NO_INVIG
		", 0 FROM plans p JOIN institutions i ON i.id = p.institution_id WHERE p.id = $1",
	[SE_SUPERVISOR] = "SELECT 0, sp.region_code, 0, sp.user_id, " NO_LINK ", " NO_INVIG
			  ", 0 FROM supervisor_profiles sp WHERE sp.user_id = $1",
	[SE_DISPATCH] = "SELECT p.institution_id, i.region_code, 0, da.supervisor_id, " NO_LINK ", " NO_INVIG
			", 0 FROM dispatch_assignments da JOIN sittings s ON s.id = da.sitting_id" PLAN_JOIN
			" WHERE da.id = $1",
	[SE_SUBSIDY_CLAIM] = "SELECT 0, sc.region_code, sc.person_id, 0, " NO_LINK ", " NO_INVIG
			     ", 0 FROM subsidy_claims sc WHERE sc.id = $1",
	[SE_LEDGER_ACCOUNT] = "SELECT 0, la.region_code, COALESCE(la.person_id, 0), 0, " NO_LINK ", " NO_INVIG
			      ", 0 FROM ledger_accounts la WHERE la.id = $1",
	/* the institution only once signed: a draft binds to no institution */
	[SE_INSPECTION] =
		"SELECT CASE WHEN ins.status = 'signed' THEN p.institution_id ELSE 0 END, i.region_code, 0, "
		"ins.supervisor_id, " NO_LINK ", " NO_INVIG ", 0 FROM inspections ins JOIN sittings s ON "
		"s.id = ins.sitting_id" PLAN_JOIN " WHERE ins.id = $1",
	/* an institution's event binds to the institution, an examiner's or supervisor's to the account */
	[SE_CREDIT] =
		"SELECT CASE WHEN ce.subject_type = 'institution' THEN ce.subject_id ELSE 0 END, "
		"ce.region_code, 0, CASE WHEN ce.subject_type = 'institution' THEN 0 ELSE ce.subject_id "
		"END, " NO_LINK ", " NO_INVIG ", 0 FROM credit_events ce WHERE ce.id = $1",
	[SE_RECTIFICATION] =
		"SELECT rf.institution_id, i.region_code, 0, ins.supervisor_id, " NO_LINK ", " NO_INVIG
		", 0 FROM rectifications rf JOIN institutions i ON i.id = rf.institution_id JOIN "
		"inspections ins ON ins.id = rf.inspection_id WHERE rf.id = $1",
	[SE_FRAUD_SIGNAL] = "SELECT 0, fs.region_code, 0, 0, " NO_LINK ", " NO_INVIG
			    ", 0 FROM fraud_signals fs WHERE fs.id = $1",
	/* the supervisor's own row when they inspected a sitting of the institution */
	[SE_QUALITY_ARCHIVE] = "SELECT i.id, i.region_code, 0, CASE WHEN EXISTS (SELECT 1 FROM inspections "
			       "qi JOIN sittings qs "
			       "ON qs.id = qi.sitting_id JOIN plans qp ON qp.id = qs.plan_id WHERE "
			       "qp.institution_id = i.id AND "
			       "qi.supervisor_id = $3) THEN $3 ELSE 0 END, " NO_LINK ", " NO_INVIG
			       ", 0 FROM institutions i WHERE i.id = $1",
	/* the institution only once published: a draft row binds to no institution */
	[SE_ASSESSMENT] =
		"SELECT CASE WHEN ru.state = 'published' THEN ar.institution_id ELSE 0 END, i.region_code, "
		"0, 0, " NO_LINK ", " NO_INVIG ", 0 FROM assess_rows ar JOIN assess_runs ru ON ru.id = "
		"ar.run_id JOIN institutions i ON i.id = ar.institution_id WHERE ar.id = $1",
	[SE_WAGE_SUBMISSION] = "SELECT ws.institution_id, ws.region_code, 0, 0, " NO_LINK ", " NO_INVIG
			       ", 0 FROM wage_submissions ws WHERE ws.id = $1",
	[SE_COMPETITION] = "SELECT COALESCE(cm.institution_id, 0), cm.region_code, 0, 0, " NO_LINK
			   ", " NO_INVIG ", cm.published FROM competitions cm WHERE cm.id = $1",
	[SE_CARD_APPLICATION] = "SELECT ca.employer_id, ca.region_code, ca.person_id, 0, " NO_LINK
				", " NO_INVIG ", 0 FROM card_applications ca WHERE ca.id = $1",
	[SE_TALENT_CARD] = "SELECT tk.employer_id, tk.region_code, tk.person_id, 0, " NO_LINK ", " NO_INVIG
			   ", 0 FROM talent_cards tk WHERE tk.id = $1",
	[SE_TITLE_APPLICATION] = "SELECT 0, ta.region_code, ta.person_id, 0, " NO_LINK ", " NO_INVIG
				 ", 0 FROM title_applications ta WHERE ta.id = $1",
	[SE_POST] = "SELECT pd.institution_id, pd.region_code, 0, 0, " NO_LINK ", " NO_INVIG
		    ", 0 FROM post_defs pd WHERE pd.id = $1",
	[SE_SELECTION_NOMINATION] = "SELECT 0, sn.region_code, sn.person_id, 0, " NO_LINK ", " NO_INVIG
				    ", 0 FROM selection_nominations sn WHERE sn.id = $1",
	[SE_SCHOOL] = "SELECT cs.school_id, cs.region_code, 0, 0, " NO_LINK ", " NO_INVIG
		      ", 0 FROM cult_schools cs WHERE cs.school_id = $1",
	/* the partner enterprise's reach is decided by the use case (svc/cultivation/orders.c) */
	[SE_ORDER_CLASS] = "SELECT oc.school_id, oc.region_code, 0, 0, " NO_LINK ", " NO_INVIG
			   ", 0 FROM cult_order_classes oc WHERE oc.id = $1",
	[SE_EDU_GROUP] = "SELECT 0, cg.region_code, 0, 0, " NO_LINK ", " NO_INVIG
			 ", 0 FROM cult_groups cg WHERE cg.id = $1",
	/* the trainer when the principal is the trainer's, else the employer */
	[SE_APPRENTICESHIP] =
		"SELECT CASE WHEN ap.trainer_id = $2 THEN ap.trainer_id ELSE ap.employer_id END, "
		"ap.region_code, ap.person_id, 0, " NO_LINK ", " NO_INVIG
		", 0 FROM apprenticeships ap WHERE ap.id = $1",
	[SE_QUALIFICATION] = "SELECT COALESCE(wq.institution_id, 0), wq.region_code, 0, wq.user_id, " NO_LINK
			     ", " NO_INVIG ", 0 FROM workforce_quals wq WHERE wq.id = $1",
	[SE_EXAM_SITE] =
		"SELECT COALESCE(es.institution_id, 0), es.region_code, 0, 0, " NO_LINK ", " NO_INVIG
		", CASE WHEN EXISTS (SELECT 1 FROM site_designations sd WHERE sd.site_id = es.id) THEN 1 "
		"ELSE 0 END FROM exam_sites es WHERE es.id = $1",
	[SE_PLATFORM_APPLICATION] = "SELECT pa.institution_id, pa.region_code, 0, 0, " NO_LINK ", " NO_INVIG
				    ", 0 FROM platform_applications pa WHERE pa.id = $1",
	[SE_PLATFORM] = "SELECT pf.institution_id, pf.region_code, 0, 0, " NO_LINK ", " NO_INVIG
			", 0 FROM platforms pf WHERE pf.id = $1",
	[SE_ELEARN_COURSE] =
		"SELECT COALESCE(ec.institution_id, 0), ec.region_code, 0, 0, " NO_LINK ", " NO_INVIG
		", CASE WHEN ec.status = 'published' THEN 1 ELSE 0 END FROM elearn_courses ec WHERE "
		"ec.id = $1",
	[SE_ELEARN_SESSION] = "SELECT 0, '', els.person_id, 0, " NO_LINK ", " NO_INVIG
			      ", 0 FROM elearn_sessions els WHERE els.id = $1",
	[SE_CONTEST_ROUND] = "SELECT 0, cr.region_code, 0, 0, " NO_LINK ", " NO_INVIG
			     ", 1 FROM contest_rounds cr WHERE cr.id = $1",
	[SE_PRACTICE_PAPER] = "SELECT 0, pp.region_code, pp.person_id, 0, " NO_LINK ", " NO_INVIG
			      ", 0 FROM practice_papers pp WHERE pp.id = $1",
	/* a member's reach is decided by the use case (svc/cultivation/chains.c), as for education groups */
	[SE_SKILL_CHAIN] = "SELECT 0, sk.region_code, 0, 0, " NO_LINK ", " NO_INVIG
			   ", 0 FROM skill_chains sk WHERE sk.id = $1",
	[SE_SPECIAL_PROPOSAL] = "SELECT COALESCE(sp.institution_id, 0), sp.region_code, 0, 0, " NO_LINK
				", " NO_INVIG ", 0 FROM special_proposals sp WHERE sp.id = $1",
	[SE_NEW_OCCUPATION] = "SELECT COALESCE(nop.institution_id, 0), nop.region_code, 0, 0, " NO_LINK
			      ", " NO_INVIG ", 0 FROM new_occupation_proposals nop WHERE nop.id = $1",
	[SE_ENTERPRISE_NORM] = "SELECT en.institution_id, en.region_code, 0, 0, " NO_LINK ", " NO_INVIG
			       ", 0 FROM enterprise_norms en WHERE en.id = $1",
	[SE_TARGET] = "SELECT 0, tg.region_code, 0, 0, " NO_LINK ", " NO_INVIG
		      ", 0 FROM targets tg WHERE tg.id = $1",
};

void scope_where(query *q, const principal *a, enum scope_entity ent, enum scope_action act)
{
	const struct scope_rule *r = scope_rule(ent);
	enum scope_reach reach = scope_reach_of(a, ent, act);
	char pat[24], frag[512];
	const char *cond = NULL;
	switch (reach) {
	case REACH_ALL:
		return;
	case REACH_REGION:
		if (r->region_col) {
			snprintf(pat, sizeof pat, "%s%%", a->region);
			int n = snprintf(frag, sizeof frag, strchr(r->region_col, '?') ? "%s" : "%s LIKE ?",
					 r->region_col);
			if (n > 0 && (size_t)n < sizeof frag) {
				q_and(q, frag, DV_S(pat));
				return;
			}
		}
		break; /* a cut fragment fails closed: nothing */
	case REACH_INSTITUTION:
		if (r->inst_cond) {
			q_and(q, r->inst_cond, DV_I(a->institution_id));
			return;
		}
		break;
	case REACH_INVIGILATED:
		if (r->invig_cond) {
			q_and(q, r->invig_cond, DV_I(a->user_id));
			return;
		}
		break;
	case REACH_SELF:
		if (r->person_col && a->person_id > 0) {
			int n = snprintf(frag, sizeof frag, "%s = ?", r->person_col);
			if (n > 0 && (size_t)n < sizeof frag) {
				q_and(q, frag, DV_I(a->person_id));
				return;
			}
			break;
		}
		if (r->self_cond && a->user_id > 0) {
			q_and(q, r->self_cond, DV_I(a->user_id));
			return;
		}
		break;
	case REACH_PUBLIC:
		cond = r->public_cond;
		break;
	case REACH_NONE:
	default:
		break;
	}
	q_and(q, cond ? cond : "1 = 0", DV_NULL);
}

int scope_load(db *d, const principal *a, enum scope_entity ent, int64_t id, scope_owner *o, err *e)
{
	memset(o, 0, sizeof *o);
	if ((unsigned)ent >= SE_ENTITY_COUNT || !owner_sql[ent])
		return ERR_INTERNAL(e, "no owner facts for this entity");
	db_stmt *st =
		db_query(d, owner_sql[ent], DB_ARGS(DV_I(id), DV_I(a->institution_id), DV_I(a->user_id)), e);
	if (!st)
		return -1;
	int rc = db_step(st);
	if (rc == DB_ROW) {
		o->found = true;
		o->institution_id = db_int(st, 0);
		snprintf(o->region, sizeof o->region, "%s", db_text(st, 1) ? db_text(st, 1) : "");
		o->person_id = db_int(st, 2);
		o->user_id = db_int(st, 3);
		o->institution_linked = db_int(st, 4) != 0;
		o->invigilated = db_int(st, 5) != 0;
		o->public_row = db_int(st, 6) != 0;
	}
	db_done(st);
	if (rc != DB_ROW && rc != DB_DONE)
		return db_rc_to_err(d, rc, e);
	return 0;
}

static const struct {
	const char *zh, *en;
} what[SE_ENTITY_COUNT] = {
	[SE_PERSON] = {"人员", "person"},
	[SE_INSTITUTION] = {"评价机构", "institution"},
	[SE_USER] = {"用户", "user"},
	[SE_PLAN] = {"认定计划", "plan"},
	[SE_REGISTRATION] = {"报名", "registration"},
	[SE_SITTING] = {"考场", "sitting"},
	[SE_ATTEMPT] = {"答卷", "attempt"},
	[SE_RESULT] = {"结果", "result"},
	[SE_CERTIFICATE] = {"证书", "certificate"},
	[SE_ITEM] = {"试题", "item"},
	[SE_BLUEPRINT] = {"组卷蓝图", "blueprint"},
	[SE_OBJECTION] = {"异议", "objection"},
	[SE_COLLUSION] = {"雷同标记", "collusion flag"},
	[SE_ANALYSIS] = {"考场分析", "analysis"},
	[SE_AUDIT] = {"审计记录", "audit record"},
	[SE_COMPLAINT] = {"投诉", "complaint"},
	[SE_AUDIT_EXTRACT] = {"审计摘录", "audit extract"},
	[SE_SUPERVISOR] = {"督导员", "supervisor"},
	[SE_DISPATCH] = {"督导派遣", "dispatch assignment"},
	[SE_SUBSIDY_CLAIM] = {"补贴申领", "subsidy claim"},
	[SE_LEDGER_ACCOUNT] = {"补贴台账账户", "ledger account"},
	[SE_SURVEY] = {"满意度调查", "survey"},
	[SE_INSPECTION] = {"督导检查", "inspection"},
	[SE_CREDIT] = {"信用事件", "credit event"},
	[SE_RECTIFICATION] = {"整改", "rectification"},
	[SE_FRAUD_SIGNAL] = {"疑点线索", "fraud signal"},
	[SE_QUALITY_ARCHIVE] = {"质量档案", "quality archive"},
	[SE_ASSESSMENT] = {"定期评估", "assessment"},
	[SE_WAGE_SUBMISSION] = {"工资填报", "wage submission"},
	[SE_COMPETITION] = {"竞赛", "competition"},
	[SE_CARD_APPLICATION] = {"惠才卡申请", "card application"},
	[SE_TALENT_CARD] = {"山东惠才卡", "talent card"},
	[SE_TITLE_APPLICATION] = {"贯通申请", "贯通 application"},
	[SE_POST] = {"特级技师、首席技师岗位", "technician post"},
	[SE_SELECTION_NOMINATION] = {"评选推荐", "selection nomination"},
	[SE_SCHOOL] = {"技工院校", "school"},
	[SE_ORDER_CLASS] = {"订单班", "order class"},
	[SE_EDU_GROUP] = {"技工教育集团", "education group"},
	[SE_APPRENTICESHIP] = {"新型学徒制", "apprenticeship"},
	[SE_QUALIFICATION] = {"考评员、督导员资格", "qualification"},
	[SE_EXAM_SITE] = {"考点", "exam site"},
	[SE_PLATFORM_APPLICATION] = {"平台载体申报", "platform application"},
	[SE_PLATFORM] = {"平台载体", "platform"},
	[SE_ELEARN_COURSE] = {"线上课程", "online course"},
	[SE_ELEARN_SESSION] = {"学习会话", "learning session"},
	[SE_CONTEST_ROUND] = {"竞赛场次", "contest round"},
	[SE_CONTEST_ENTRY] = {"参赛记录", "contest entry"},
	[SE_PRACTICE_PAPER] = {"模拟练习", "practice paper"},
	[SE_SKILL_CHAIN] = {"产教评技能生态链", "skill chain"},
	[SE_SPECIAL_PROPOSAL] = {"专项职业能力考核项目申报", "special-ability proposal"},
	[SE_NEW_OCCUPATION] = {"新职业建议", "new-occupation proposal"},
	[SE_ENTERPRISE_NORM] = {"企业评价规范", "enterprise norm"},
	[SE_TARGET] = {"目标任务", "target"},
};

int scope_check(db *d, const principal *a, enum scope_entity ent, int64_t id, enum scope_action act,
		const char *field, err *e)
{
	return scope_check_via(d, a, ent, id, ent, act, field, e);
}

int scope_check_via(db *d, const principal *a, enum scope_entity load_ent, int64_t id, enum scope_entity ent,
		    enum scope_action act, const char *field, err *e)
{
	scope_owner o;
	if (scope_load(d, a, load_ent, id, &o, e) != 0)
		return -1;
	if (load_ent != ent)
		o.public_row = false; /* a public plan does not make its objections or sittings public */
	int verdict = scope_decide(a, ent, &o, act);
	if (verdict == 0)
		return 0;
	/* both messages name the entity; err_set gives both formats the same arguments, so the Chinese one is
	 * written after it */
	if (verdict == 403) {
		err_set(e, 403, "forbidden", field, "",
			"that %s is outside your scope; you may not change it", what[load_ent].en);
		snprintf(e->zh, sizeof e->zh, "该%s不在您的管辖范围内，无权修改", what[load_ent].zh);
	} else {
		err_set(e, 404, "not_found", field, "", "no such %s", what[load_ent].en);
		snprintf(e->zh, sizeof e->zh, "%s不存在", what[load_ent].zh);
	}
	return -1;
}

bool scope_region_outside(const principal *a, enum scope_entity ent, const char *code)
{
	return scope_reach_of(a, ent, SCOPE_WRITE) == REACH_REGION && !region_covers(a->region, code);
}

bool scope_covers_region(const principal *a, enum scope_entity ent, enum scope_action act, const char *code)
{
	enum scope_reach reach = scope_reach_of(a, ent, act);
	return reach == REACH_ALL || (reach == REACH_REGION && region_covers(a->region, code));
}
