/* credit.h: 信用档案 (the credit archive) — the pure rule of whether a credit event blocks an action on a
 * day.
 *
 * A credit event is recorded against an institution, an examiner or a supervisor (docs/DOMAIN.md §36). Its
 * kind (data: credit_kinds) says which actions it blocks while it is in force; the event carries a first day
 * and, usually, a last day. It is in force from its first day to its last day inclusive, unless the bureau
 * withdrew it; after its last day it has expired: it blocks nothing but stays in the archive. Pure: no I/O,
 * dates are integers YYYYMMDD (core/date.h). */
#ifndef JINENG_CORE_CREDIT_H
#define JINENG_CORE_CREDIT_H

#include <stdbool.h>

/* the actions an event may block, as bits; each belongs to one subject type */
enum credit_action {
	CREDIT_PLAN_CREATE = 1u << 0, /* an institution creates a 认定计划 */
	CREDIT_PLAN_SUBMIT = 1u << 1, /* an institution files (报备) a plan with the bureau: draft -> filed */
	CREDIT_PANEL = 1u << 2,	      /* an examiner is put on a practical or 综合评审 panel */
	CREDIT_DISPATCH = 1u << 3,    /* a supervisor is dispatched to sittings */
};
#define CREDIT_ACTIONS_ALL (CREDIT_PLAN_CREATE | CREDIT_PLAN_SUBMIT | CREDIT_PANEL | CREDIT_DISPATCH)

enum credit_subject {
	CREDIT_SUBJ_INSTITUTION = 0,
	CREDIT_SUBJ_EXAMINER,
	CREDIT_SUBJ_SUPERVISOR,
	CREDIT_SUBJ_COUNT
};

/* the subject type's name ("institution", "examiner", "supervisor") and back (-1 unknown) */
const char *credit_subject_name(enum credit_subject s);
int credit_subject_parse(const char *s, enum credit_subject *out);
/* the actions that concern a subject type (an institution's plans, an examiner's panels, a supervisor's
 * dispatch) */
unsigned credit_subject_actions(enum credit_subject s);

/* an action's name ("plan_create", ...) for one bit; NULL when not exactly one known bit */
const char *credit_action_name(unsigned bit);
const char *credit_action_name_zh(unsigned bit);
/* credit_actions_parse: "plan_create,plan_submit" (comma-separated, "" for none) -> mask; -1 on an unknown
 * or repeated name */
int credit_actions_parse(const char *list, unsigned *mask);
/* credit_actions_format: the mask as the comma list credit_actions_parse reads */
void credit_actions_format(unsigned mask, char *out, unsigned cap);

enum credit_state {
	CREDIT_PENDING = 0, /* its first day is still to come */
	CREDIT_IN_FORCE,
	CREDIT_EXPIRED,	  /* after its last day: kept, blocks nothing */
	CREDIT_WITHDRAWN, /* withdrawn by the bureau (with a reason): kept, blocks nothing */
};
const char *credit_state_name(enum credit_state s);

/* the facts of one event that the rule reads */
struct credit_facts {
	unsigned blocks; /* enum credit_action bits */
	int from;	 /* first day in force, YYYYMMDD */
	int until;	 /* last day in force, YYYYMMDD; 0 = no end (until withdrawn) */
	bool withdrawn;
};

/* credit_state_on: the event's state on day `ymd` */
enum credit_state credit_state_on(const struct credit_facts *f, int ymd);
/* credit_blocks: does the event block `action` (one bit) on day `ymd`? In force and the action among its
 * blocks. */
bool credit_blocks(const struct credit_facts *f, unsigned action, int ymd);
/* credit_default_until: the last day of an event of `days` days starting on `from` (from + days - 1); 0 (no
 * end) when days is 0; -1 when days is negative or from is not a date */
int credit_default_until(int from, int days);

#endif
