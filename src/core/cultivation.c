/* cultivation.c: the major's filing machine, the labels, 过程化评价 aggregation (see cultivation.h) */
#include "util/common.h"
#include "core/cultivation.h"
#include <math.h>

static const struct fsm_state major_states[] = {
	{"draft", "草稿", "Draft"},
	{"submitted", "待备案", "Submitted for filing"},
	{"filed", "已备案", "Filed"},
	{"returned", "已退回", "Returned"},
	{"withdrawing", "待撤销", "Withdrawal submitted"},
	{"withdrawn", "已撤销", "Withdrawn"},
};

static int has_content(const void *ctx, err *e)
{
	const struct major_ctx *c = ctx;
	if (c && c->has_content)
		return 0;
	return err_set(e, 422, "missing_field", "name",
		       "变更备案须提交变更后的专业内容（名称、层次、学制等）",
		       "a change is filed with the major's new content (name, level, years...)");
}

static int no_open_classes(const void *ctx, err *e)
{
	const struct major_ctx *c = ctx;
	if (c && !c->open_classes)
		return 0;
	return err_set(e, 409, "open_order_classes", "status",
		       "该专业仍有在办的订单班、冠名班，须先结业后再撤销",
		       "the major still has running order classes: they graduate before it is withdrawn");
}

static const struct fsm_guard g_content = {"has_content", "变更内容已提交", has_content};
static const struct fsm_guard g_no_classes = {"no_open_classes", "无在办的订单班、冠名班", no_open_classes};

#define SCHOOL                                                                                               \
	.roles = RB(ROLE_INSTITUTION_ADMIN) | RB(ROLE_INSTITUTION_STAFF), .actor_zh = "技工院校",            \
	.actor_en = "the school"
#define BUREAU                                                                                               \
	.roles = RB(ROLE_PROVINCE_ADMIN) | RB(ROLE_CITY_ADMIN), .actor_zh = "人社部门",                      \
	.actor_en = "the bureau"

static const struct fsm_transition major_transitions[] = {
	{"draft", "submitted", "submit", "提交备案", "Submit for filing", SCHOOL, .audit = "major.submitted"},
	{"returned", "submitted", "resubmit", "重新提交", "Resubmit", SCHOOL, .audit = "major.submitted",
	 .effects = MAJOR_FX_NEW_VERSION},
	{"submitted", "filed", "record", "备案登记", "Record the filing", BUREAU, .audit = "major.filed",
	 .effects = MAJOR_FX_FILE},
	{"submitted", "returned", "return", "退回", "Return", BUREAU, .flags = FSM_NEEDS_REASON,
	 .audit = "major.returned", .effects = MAJOR_FX_RETURN},
	{"filed", "submitted", "change", "变更备案", "File a change", SCHOOL, .flags = FSM_NEEDS_REASON,
	 .guards = {&g_content}, .audit = "major.change_submitted", .effects = MAJOR_FX_NEW_VERSION},
	{"filed", "withdrawing", "withdraw", "申请撤销", "Withdraw", SCHOOL, .flags = FSM_NEEDS_REASON,
	 .guards = {&g_no_classes}, .audit = "major.withdrawal_submitted", .effects = MAJOR_FX_NEW_VERSION},
	{"withdrawing", "withdrawn", "record_withdrawal", "撤销登记", "Record the withdrawal", BUREAU,
	 .audit = "major.withdrawn", .effects = MAJOR_FX_WITHDRAW},
	{"withdrawing", "filed", "refuse_withdrawal", "退回撤销", "Return the withdrawal", BUREAU,
	 .flags = FSM_NEEDS_REASON, .audit = "major.withdrawal_returned", .effects = MAJOR_FX_RETURN},
};

const struct fsm major_fsm = {
	.name = "major",
	.subject_zh = "专业备案",
	.subject_en = "the major's filing",
	.field = "status",
	.states = major_states,
	.nstates = ARRAY_LEN(major_states),
	.transitions = major_transitions,
	.ntransitions = ARRAY_LEN(major_transitions),
};

struct label {
	const char *code, *zh;
};

static const char *label_of(const struct label *l, size_t n, const char *code)
{
	for (size_t i = 0; code && i < n; i++)
		if (!strcmp(l[i].code, code))
			return l[i].zh;
	return NULL;
}

#define LABELS(fn, ...)                                                                                      \
	const char *fn(const char *code)                                                                     \
	{                                                                                                    \
		static const struct label l[] = {__VA_ARGS__};                                               \
		return label_of(l, ARRAY_LEN(l), code);                                                      \
	}

LABELS(school_tier_zh, {"technician_college", "技师学院"}, {"senior_school", "高级技工学校"},
       {"school", "技工学校"})
LABELS(major_level_zh, {"intermediate", "中级工班"}, {"senior", "高级工班"}, {"preparatory", "预备技师班"})
LABELS(order_kind_zh, {"order", "订单班"}, {"named", "冠名班"})
LABELS(placement_zh, {"pending", "待就业"}, {"placed", "合作企业录用"}, {"elsewhere", "其他单位就业"},
       {"not_placed", "未就业"})
LABELS(group_kind_zh, {"group", "技工教育集团"}, {"alliance", "技工教育联盟"})
LABELS(member_kind_zh, {"school", "院校"}, {"enterprise", "企业"}, {"training", "培训机构"})
LABELS(class_form_zh, {"enterprise", "企业自主培训"}, {"market", "市场化培训"},
       {"subsidised", "政府补贴培训"})
LABELS(class_content_zh, {"employment", "就业技能培训"}, {"upgrade", "岗位技能提升培训"},
       {"entrepreneurship", "创新创业培训"}, {"safety", "安全技能培训"})

int proc_rule_check(const struct proc_rule *r, const char *field, err *e)
{
	if (!r->nmodules || r->nmodules > PROC_MAX_MODULES)
		return err_set(e, 422, "invalid_value", field, "评价模块应为 1 到 %d 个",
			       "a rule has 1 to %d modules", PROC_MAX_MODULES);
	double sum = 0;
	for (size_t i = 0; i < r->nmodules; i++) {
		const struct proc_module *m = &r->modules[i];
		if (!m->code || !*m->code || !m->name || !*m->name)
			return err_set(e, 422, "invalid_value", field, "第 %zu 个模块缺少编码或名称",
				       "module %zu has no code or name", i + 1);
		if (!(m->weight > 0) || m->weight > 100)
			return err_set(e, 422, "invalid_value", field, "模块 %s 的权重应大于 0 且不超过 100",
				       "module %s: the weight is above 0 and at most 100", m->code);
		for (size_t k = 0; k < i; k++)
			if (!strcmp(r->modules[k].code, m->code))
				return err_set(e, 422, "invalid_value", field, "模块编码 %s 重复",
					       "module code %s appears twice", m->code);
		sum += m->weight;
	}
	if (fabs(sum - 100) > 1e-6)
		return err_set(e, 422, "invalid_value", field, "模块权重之和应为 100（现为 %.2f）",
			       "the module weights sum to 100 (they sum to %.2f)", sum);
	if (!(r->pass_total >= 0 && r->pass_total <= 100))
		return err_set(e, 422, "invalid_value", "pass_total", "合格总分应在 0 到 100 之间",
			       "pass_total is between 0 and 100");
	if (!(r->min_module >= 0 && r->min_module <= 100))
		return err_set(e, 422, "invalid_value", "min_module", "单模块最低分应在 0 到 100 之间",
			       "min_module is between 0 and 100");
	return 0;
}

void proc_eval_aggregate(const struct proc_rule *r, const double *scores, struct proc_outcome *out)
{
	memset(out, 0, sizeof *out);
	double total = 0;
	for (size_t i = 0; i < r->nmodules; i++) {
		if (scores[i] < 0) {
			out->missing++;
			continue;
		}
		total += r->modules[i].weight * scores[i] / 100.0;
		if (scores[i] < r->min_module)
			out->below++;
	}
	out->total = round(total * 100.0) / 100.0;
	if (out->missing)
		out->reasons |= PROC_MISSING;
	if (out->total < r->pass_total)
		out->reasons |= PROC_BELOW_TOTAL;
	if (out->below)
		out->reasons |= PROC_BELOW_MODULE;
	out->passed = out->reasons == 0;
}
