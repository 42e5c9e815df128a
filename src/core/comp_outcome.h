/* comp_outcome.h: 竞赛成果, the pure rules of what a competition's final results bring (issue 21 item 6;
 * docs/DOMAIN.md "竞赛成果"; seed 003 §21):
 *   - 山东省技术能手: 省级一类竞赛前三名 and 省级二类竞赛第一名, every group (学生组 too);
 *   - 晋升一级: the same winners, one level above the highest valid certificate of the event's occupation,
 *     or the level the group's rules give a winner without one, or nothing, each with its reason;
 *     optionally at most N promotions through competitions per person in M months (off by default: a rule
 *     of another province, Tianjin);
 *   - the base-or-unit award: the provincial 集训基地 when the contestant trained at one, otherwise the
 *     选送单位 — never both (基地、单位不重复享受).
 * Pure: no I/O. Each decision carries its reason in Chinese and English. */
#ifndef JINENG_CORE_COMP_OUTCOME_H
#define JINENG_CORE_COMP_OUTCOME_H

#include "util/common.h"

struct co_reason {
	char zh[200], en[200];
};

/* co_honour_due: does a result of `place` (1 the best) in a competition of tier `tier` (a stored code) bring
 * 山东省技术能手? The reason says why or why not. */
bool co_honour_due(const char *tier, int place, struct co_reason *why);

/* the promotion's inputs */
struct co_promo_in {
	bool has_occupation; /* the event is of an occupation (a WorldSkills skill without one: no promotion)
			      */
	int current_level;   /* the highest valid certificate of the occupation: 1..5, 0 none */
	int group_level;     /* the level the group's rules give a winner without one: 1..5, 0 none */
	bool limit_on;	     /* the optional limit */
	int limit_count, limit_months;
	int used; /* promotions through competitions of the person within the limit's months */
};

/* co_promotion: the level a winner is promoted to (1..5), or 0 with the reason why not */
int co_promotion(const struct co_promo_in *in, struct co_reason *why);

enum co_payee { CO_PAY_NONE = 0, CO_PAY_BASE, CO_PAY_UNIT };
/* co_base_or_unit: who receives the base-or-unit award of a result: the 集训基地 (training_base > 0),
 * else the 选送单位 (sending_unit > 0, else the nominating institution), else nobody (a city nominated the
 * contestant). *payee gets the institution's id. */
enum co_payee co_base_or_unit(int64_t training_base, int64_t sending_unit, int64_t nominating_inst,
			      int64_t *payee, struct co_reason *why);

#endif
