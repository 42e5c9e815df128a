/* squads.h (svc): 竞赛选拔与集训 (issue 21 item 7) — the provincial selection pool for 中国技能大赛 and
 * 世界技能大赛 (gold medallists of published 省级一类 / 二类 events, seed 003 §19), the 集训 squads per skill
 * with their 集训基地, coaches and members (each with the 选送单位 and the 集训基地 the prize rule of 003 §21
 * reads), and the selection rounds (选拔赛): events of a competition of the squad's tier whose entries are
 * the squad's members, marked and ranked by the marking of items 4-5 (marking.h, results.h); the squad is
 * ranked by its rounds' results. Tables: 042_competition_squads.sql. Rules: docs/DOMAIN.md "竞赛选拔与集训".
 *
 * Who: the province manages the pool and the squads (the route table admits the province admin only for
 * writes). Reads: the province everything; a city administrator the pool rows whose 选送单位 is in its
 * region and the squads with a base or a member's sending unit in its region; an institution administrator
 * the pool rows it sent and the squads it is the base or a sending unit of; anyone else 404. */
#ifndef JINENG_SVC_COMPETITION_SQUADS_H
#define JINENG_SVC_COMPETITION_SQUADS_H

#include "core/principal.h"
#include "store/db.h"
#include "svc/base/list.h"
#include <jansson.h>

/* sq_pool_add: the gold medallists of a published event of a 省级一类 / 二类 competition enter the pool of
 * `target` (worldskills, national) for `skill` (NULL: the event's WorldSkills skill, else its occupation's
 * name). Idempotent: a person already in the pool of that target and skill stays as they are. 404 no such
 * event; 422 not_provincial (another tier), invalid_value (target), skill_required; 409
 * results_not_published. {event_id, target, skill, added, already, items: [the event's pool rows]} */
json_t *sq_pool_add(db *d, const principal *a, int64_t event_id, const char *target, const char *skill,
		    err *e);
/* the pool rows the caller may read; filters target, skill, source_competition_id, in_squad */
extern const struct list_spec sq_pool_list;

struct squad_input {
	const char *target, *skill, *name,
		*base_level; /* name NULL: "<skill> <year> 集训队"; level: provincial */
	int64_t year, base_institution_id;
};
/* a new squad (201): 409 squad_exists for the same target, skill and year; 422 base_not_found */
json_t *sq_squad_create(db *d, const principal *a, const struct squad_input *in, err *e);
/* the squads the caller may read; filters target, skill, year */
extern const struct list_spec sq_squad_list;
/* one squad: its base, coaches, members (with 选送单位, 集训基地, where they came from and their round
 * results), its rounds and the ranking by the rounds; 404 out of the caller's reach */
json_t *sq_squad_json(db *d, const principal *a, int64_t id, err *e);

struct squad_coach {
	const char *name, *role; /* role head, coach, expert */
	int64_t institution_id;	 /* 0 none */
};
/* replaces the coaches of a squad (at most 20) */
json_t *sq_coaches_set(db *d, const principal *a, int64_t id, const struct squad_coach *c, size_t n, err *e);

/* a member from the pool of the squad's target and skill (422 not_in_pool), with the 选送单位 (0: the
 * institution that sent them to the event they won, 422 sending_unit_required without one) and the 集训基地
 * (0: the squad's base); 409 already_member */
struct squad_member_input {
	int64_t pool_id, sending_unit_id, training_base_id;
};
json_t *sq_member_add(db *d, const principal *a, int64_t squad_id, const struct squad_member_input *in,
		      err *e);

/* a member leaves the squad (淘汰 after a round, withdrawal) with a reason (required, at most 200
 * characters): no longer ranked nor entered into later rounds; 404 no such member, 409 already_left. Answers
 * the squad. */
json_t *sq_member_leave(db *d, const principal *a, int64_t member_id, const char *reason, err *e);

/* a selection round: an event of an open competition of the squad's tier (worldskills / national; 422
 * round_tier otherwise), not yet drawn; every active member is entered as an approved contestant of the
 * group `grp` (NULL: the event's only group) with the 选送单位 as the entry's unit. 409 round_exists,
 * registration_closed, event_drawn. {squad_id, event_id, round, entered, already} */
json_t *sq_round_add(db *d, const principal *a, int64_t squad_id, int64_t event_id, const char *grp, err *e);

#endif
