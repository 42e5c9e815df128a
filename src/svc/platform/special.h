/* special.h: 专项职业能力开发 and 新职业信息征集 (issue 24 item 5; docs/DOMAIN.md §66).
 *
 * A city bureau, an enterprise or a school proposes a 专项职业能力考核项目 with its draft 考核规范
 * (special.c); the province sends it to a panel of experts who score independently with 回避 (the rules of
 * the platform panels, §56); a passed review is published into a versioned catalogue (“2024年版”) with its
 * brand (鲁滋鲁味, 鲁艺鲁品, 儒韵风味), which adds the item to the occupation registry (kind special, code
 * ZX-37-NNN) so a filed institution can take it into its scope and record its pass/fail results and
 * certificates (§5, §10). New occupations are proposed and tracked to their adoption in the 大典
 * (new_occupations.c). State machines: core/special.h. */
#ifndef JINENG_SVC_PLATFORM_SPECIAL_H
#define JINENG_SVC_PLATFORM_SPECIAL_H

#include "core/principal.h"
#include "store/db.h"
#include "svc/base/list.h"
#include <jansson.h>

#define SP_MAX_EXPERTS 15
#define SP_MAX_MODULES 20

struct sp_input {
	const char *name, *field, *brand_code, *reason;
	json_t *spec; /* the draft 考核规范 {target, method, minutes, venue, modules:[{name, content}]}; NULL
			 keeps */
	bool brand_given; /* brand_code present (null clears it) */
};

/* sp_create: a proposal in draft, by a city administrator (its city) or the administrator of an enterprise
 * or school (its institution); 403 wrong_proposer otherwise. Audited special_proposal.create. */
json_t *sp_create(db *d, const principal *a, const struct sp_input *in, err *e);
/* sp_update: the proposer edits its draft (409 invalid_state once submitted); a changed spec is a new
 * spec_version */
json_t *sp_update(db *d, const principal *a, int64_t id, const struct sp_input *in, err *e);

struct sp_move_input {
	const char *status, *reason;
	int64_t experts[SP_MAX_EXPERTS];
	size_t nexperts;
	int64_t min_experts, pass_score; /* the review; < 0: the settings' defaults */
	int64_t catalogue_year;		 /* publish: the catalogue version */
};
/* sp_move: the proposal's state machine (core/special.h special_fsm) */
json_t *sp_move(db *d, const principal *a, int64_t id, const struct sp_move_input *in, err *e);
/* sp_score: an expert of the proposal's panel scores it once (0..100), unless they must abstain (403
 * avoidance: the expert's institution or employer is the proposer) */
json_t *sp_score(db *d, const principal *a, int64_t id, int64_t score, const char *comment, err *e);
/* sp_get_json: one proposal with its review (read by its scope, and by the experts of its panel) */
json_t *sp_get_json(db *d, const principal *a, int64_t id, err *e);
extern const struct list_spec sp_list;
/* sp_review_list: an expert's proposals (the current round of a panel they are on) */
extern const struct list_spec sp_review_list;

/* the public catalogue: its versions with their items in force, the brands, the count in force */
json_t *special_catalogue_json(db *d, err *e);
/* the items of the catalogue (public; filters year, brand_code, region_code, name, status) */
extern const struct list_spec special_item_list;
/* special_withdraw: the province takes an item out of the catalogue in force (调整目录), with a reason */
json_t *special_withdraw(db *d, const principal *a, const char *code, const char *reason, err *e);
/* special_item_refuse: 0 unless `code` is a 专项职业能力 item withdrawn from the catalogue (调整目录): then
 * 409 special_item_withdrawn on `field` — no institution files it anew into its scope
 * (svc/registry/institutions.c) and no new result is recorded against it (svc/evaluation/results.c). 0 for an
 * ordinary occupation. */
int special_item_refuse(db *d, const char *code, const char *field, err *e) WUR;

/* special_items_in_force: the number of 专项职业能力考核项目 published and in force (the target "到 2025 年
 * 开发公布不少于 500 项", seed 003 §13, is counted from it) */
int special_items_in_force(db *d, int64_t *n, err *e);

/* ---- 新职业信息征集 (new_occupations.c) ---- */
struct no_input {
	const char *name, *field, *description;
};
json_t *no_create(db *d, const principal *a, const struct no_input *in, err *e);
/* no_move: forward / decline / adopt (the 大典 edition; with a 大典 code the occupation joins the registry)
 * / not adopt */
json_t *no_move(db *d, const principal *a, int64_t id, const char *status, const char *reason,
		const char *edition, const char *code, err *e);
json_t *no_get_json(db *d, const principal *a, int64_t id, err *e);
extern const struct list_spec no_list;

#endif
