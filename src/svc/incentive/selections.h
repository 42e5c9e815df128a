/* selections.h: 评选项目 (issue 22 item 2; docs/DOMAIN.md "评选项目与津贴"). One selection machine configured
 * by data: a programme (selection_programmes: 齐鲁首席技师, 齐鲁技能大奖, 山东省技术技能大师,
 * 泰山产业领军人才(技能), 省政府特殊津贴, 休假疗养, 技能研修, 创新成果评选) → a round (places, allowance,
 * reference day, experts, 公示 days) → city quotas → nominations by cities within their quota, each checked
 * by the rule engine (core/selection_rules.h) over the person's certificates, titles (贯通's person_titles),
 * age and earlier nominations → independent expert scores with 回避 → ranking → 公示 (working days of the
 * holiday calendar) → appointment with a term (the honour added to the talent record; lump sums posted to the
 * ledger; monthly and yearly sums by the batches of allowances.h). Outside honours are imported onto the
 * talent record. */
#ifndef JINENG_SVC_INCENTIVE_SELECTIONS_H
#define JINENG_SVC_INCENTIVE_SELECTIONS_H

#include "core/principal.h"
#include "store/db.h"
#include "svc/base/list.h"
#include <jansson.h>

/* sel_programmes_json: every programme with its rules, money (fen and yuan text), source and gaps (everyone)
 */
json_t *sel_programmes_json(db *d, err *e);

/* the province changes a programme's data; -1 (or NULL) leaves a field unchanged. A monthly allowance below
 * the programme's floor is refused (422 below_floor: seed 003 不低于). Audited selection_programme.updated.
 */
struct sel_programme_input {
	int64_t max_places, cycle_years, min_level, title_grade, front_line, max_age, preferred_age,
		renominate_years, term_months, active;
	int64_t monthly_fen, lump_fen, yearly_fen, yearly_work_fen; /* -1 unchanged */
	const char *source;					    /* required */
};
json_t *sel_programme_put(db *d, const principal *a, const char *code, const struct sel_programme_input *in,
			  err *e);

/* a round of a programme (the province). places: -1 the programme's max_places (a larger number is 422);
 * monthly_fen: -1 the programme's (below the floor 422 below_floor); ref_date "" today; min_experts -1 → 3;
 * publicity_days -1 → 5. One live round per programme and year (409 round_exists). Audited
 * selection_round.created. */
struct sel_round_input {
	const char *programme, *title, *ref_date, *nominate_until, *schedule;
	int64_t year, places, monthly_fen, min_experts, publicity_days;
};
json_t *sel_round_create(db *d, const principal *a, const struct sel_round_input *in, err *e);
/* the rounds (everyone), newest first; programme filters (NULL all) */
json_t *sel_rounds_json(db *d, const char *programme, err *e);
/* one round with its quotas (used and left) and, from 公示 on, the selected list (name, employer, rank) */
json_t *sel_round_get_json(db *d, const principal *a, int64_t id, err *e);
/* sel_quotas_put: the province sets the cities' quotas of a round in nominating (replaces them; the sum
 * may not exceed the round's places: 422 quota_over_places; a quota below the nominations already made:
 * 409 quota_below_used). Audited selection_round.quotas. */
json_t *sel_quotas_put(db *d, const principal *a, int64_t round, const char *const *regions,
		       const int64_t *quotas, size_t n, err *e);
/* sel_round_move: nominating → reviewing → publicity (ranks the scored nominations: 409 unscored while one
 * has fewer than min_experts scores; the first `places` selected; 公示 ends after publicity_days working
 * days) → appointed (409 publicity_running until the 公示 has ended; term_start "" today; each selected
 * person appointed with the term, the programme's honour added, its lump sum posted); or → cancelled
 * before appointment. Audited selection_round.<status>. */
json_t *sel_round_move(db *d, const principal *a, int64_t id, const char *to, const char *term_start, err *e);

/* a nomination: the person, the front-line work and a new achievement as the nominating city declares them */
struct sel_nominee_input {
	int64_t person_id;
	int front_line, new_achievement; /* 0/1 */
	const char *achievements;	 /* 业绩 text (optional) */
};
/* sel_check_json: the rule engine's decision for a person in a round (the province, the person's city, the
 * person themself), every condition explained, without nominating */
json_t *sel_check_json(db *d, const principal *a, int64_t round, const struct sel_nominee_input *in, err *e);
/* sel_nominate: the person's city (or the province for that city) nominates in a round in nominating: 422
 * not_eligible naming the first failed condition; 409 quota_full when the city's quota is used (no quota:
 * 0); 409 already_nominated. Audited selection_nomination.created. */
json_t *sel_nominate(db *d, const principal *a, int64_t round, const struct sel_nominee_input *in, err *e);

/* the nominations the caller may read (SE_SELECTION_NOMINATION); filters round_id, status, person_id,
 * region_code */
extern const struct list_spec sel_nomination_list;
/* one nomination with its decision, the experts' scores (the province), and its payments and schedule */
json_t *sel_nomination_get_json(db *d, const principal *a, int64_t id, err *e);
/* sel_score_add: one expert's independent score (0..100) of a nomination in review: entered by the province
 * for `expert` (an examiner's account; 回避: 422 recusal when the expert works at the nominee's employer, is
 * the nominee or declared an avoidance), or by a member of the round's panel themself (`expert` ignored: 403
 * avoidance, 403 not_on_panel); 409 already_scored. Audited selection_nomination.scored. The member gets
 * {nomination_id, expert_id, score, scored}, the province the nomination. */
json_t *sel_score_add(db *d, const principal *a, int64_t nomination, int64_t expert, int64_t score,
		      const char *comment, err *e);

/* sel_panel_put: the province names a round's review panel (examiner accounts, at most SEL_PANEL_MAX, each
 * once; none clears it) while it is nominating or in review and nobody has scored (409 already_scored). With
 * a panel, only its members score, each independently (403 not_on_panel for another examiner, 422
 * not_on_panel when the province names one), 回避 as 综合评审 (svc/evaluation/practical.h avoidance_reason:
 * a declared avoidance or the same employer; the nominee themself), and the ranking waits for every member
 * who need not abstain (and min_experts). Audited selection_round.panel. Answers the round. */
#define SEL_PANEL_MAX 15
json_t *sel_panel_put(db *d, const principal *a, int64_t round, const int64_t *examiners, size_t n, err *e);
/* sel_reviews_json: an examiner's nominations to score: those of rounds in review whose panel they are on,
 * with the eligibility checks, their own score (never the others'), and whether they must abstain */
json_t *sel_reviews_json(db *d, const principal *a, err *e);

/* selections_talent_add: the selections and allowances part of a person's talent record, added to `rec`
 * (the nominations the caller may read; appointments are public facts of the record) */
int selections_talent_add(db *d, const principal *a, int64_t person_id, json_t *rec, err *e);

/* honours_import: the province or a city imports outside honours (中华技能大奖, 全国技术能手, 大国工匠,
 * 齐鲁(大) 工匠 …) from a CSV/XLSX file (证件号码, 荣誉类别, 荣誉名称, 获得日期, 来源) onto the talent record
 * through the import runner; a city only for persons of its region; the same honour again is unchanged.
 * Audited person.honours_import. */
json_t *honours_import(db *d, const principal *a, const char *data, size_t len, bool all_or_nothing, err *e);

#endif
