/* comp_outcome.c: the rules of comp_outcome.h */
#include "core/comp_outcome.h"
#include "core/certno.h"
#include <stdio.h>
#include <string.h>

/* the reason in both languages (each text formats its own arguments) */
#define WHY_ZH(w, ...) ((w) ? (void)snprintf((w)->zh, sizeof(w)->zh, __VA_ARGS__) : (void)0)
#define WHY_EN(w, ...) ((w) ? (void)snprintf((w)->en, sizeof(w)->en, __VA_ARGS__) : (void)0)

bool co_honour_due(const char *tier, int place, struct co_reason *why)
{
	if (!tier || (strcmp(tier, "province_1") && strcmp(tier, "province_2"))) {
		WHY_ZH(why, "仅省级一类、二类竞赛的获奖选手授予山东省技术能手（种子 003 §21）");
		WHY_EN(why,
		       "only provincial class 1 and class 2 competitions confer the title (seed 003 §21)");
		return false;
	}
	bool one = !strcmp(tier, "province_1");
	int top = one ? 3 : 1;
	if (place >= 1 && place <= top) {
		WHY_ZH(why, "省级%s类竞赛第 %d 名（%s）：授予山东省技术能手（种子 003 §21）",
		       one ? "一" : "二", place, one ? "前三名" : "第一名");
		WHY_EN(why, "place %d of a provincial class %d competition (%s): the title (seed 003 §21)",
		       place, one ? 1 : 2, one ? "top 3" : "first");
		return true;
	}
	WHY_ZH(why, "省级%s类竞赛仅%s授予山东省技术能手，本选手第 %d 名", one ? "一" : "二",
	       one ? "前三名" : "第一名", place);
	WHY_EN(why, "a provincial class %d competition confers the title on its %s only; this is place %d",
	       one ? 1 : 2, one ? "top 3" : "first", place);
	return false;
}

int co_promotion(const struct co_promo_in *in, struct co_reason *why)
{
	if (!in->has_occupation) {
		WHY_ZH(why, "赛项没有对应的国家职业（世赛项目），无从晋升职业技能等级");
		WHY_EN(why, "the event has no occupation (a WorldSkills skill): no skill level to promote");
		return 0;
	}
	int to = 0;
	if (in->current_level == 1) {
		WHY_ZH(why, "已持有该职业一级/高级技师证书，没有更高的等级可晋升");
		WHY_EN(why, "already holds 一级/高级技师 of the occupation: no higher level");
		return 0;
	}
	if (in->current_level >= 2 && in->current_level <= 5)
		to = in->current_level - 1;
	else if (in->group_level >= 1 && in->group_level <= 5)
		to = in->group_level;
	else {
		WHY_ZH(why, "未持有该职业的职业技能等级证书，且赛项规则未规定无证选手授予的等级");
		WHY_EN(why,
		       "holds no certificate of the occupation and the event's rules give no level to such a "
		       "winner");
		return 0;
	}
	if (in->limit_on && in->used >= in->limit_count) {
		WHY_ZH(why,
		       "已达竞赛晋升次数限制：%d 个月内已通过竞赛晋升 %d 次（上限 %d 次；外省规则，已启用）",
		       in->limit_months, in->used, in->limit_count);
		WHY_EN(why,
		       "the limit on promotions through competitions is reached: %d in %d months (at most "
		       "%d)",
		       in->used, in->limit_months, in->limit_count);
		return 0;
	}
	if (in->current_level) {
		WHY_ZH(why, "持有%s证书，晋升一级为%s（种子 003 §21）", level_name_zh(in->current_level),
		       level_name_zh(to));
		WHY_EN(why, "holds level %d; promoted one level to %d (seed 003 §21)", in->current_level, to);
	} else {
		WHY_ZH(why, "未持有该职业证书，按赛项规则授予%s", level_name_zh(to));
		WHY_EN(why, "holds no certificate of the occupation; the event's rules give level %d", to);
	}
	return to;
}

enum co_payee co_base_or_unit(int64_t training_base, int64_t sending_unit, int64_t nominating_inst,
			      int64_t *payee, struct co_reason *why)
{
	*payee = 0;
	if (training_base > 0) {
		*payee = training_base;
		WHY_ZH(why, "选手在省级集训基地集训：奖励集训基地，选送单位不再奖励（基地、单位不重复享受，种"
			    "子 003 "
			    "§21）");
		WHY_EN(why, "trained at a provincial training base: the base is paid, not the sending unit "
			    "(seed 003 "
			    "§21)");
		return CO_PAY_BASE;
	}
	int64_t unit = sending_unit > 0 ? sending_unit : nominating_inst;
	if (unit > 0) {
		*payee = unit;
		WHY_ZH(why, "选手未在省级集训基地集训：奖励选送单位（种子 003 §21）");
		WHY_EN(why,
		       "not trained at a provincial training base: the sending unit is paid (seed 003 §21)");
		return CO_PAY_UNIT;
	}
	WHY_ZH(why, "选手由地市推荐，没有选送单位（机构）可奖励");
	WHY_EN(why, "nominated by a city: no sending unit to pay");
	return CO_PAY_NONE;
}
