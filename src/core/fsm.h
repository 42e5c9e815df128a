/* fsm.h: declarative state machines for the workflows that have states (认定计划 today; claims,
 * complaints, selections tomorrow). A workflow is one constant table: its states (stored code, Chinese and
 * English labels) and its transitions (from, to, the action's code and button labels, the roles that may
 * take it, whether it needs a reason, its guards, the audit action it is recorded under, and the effects
 * the use case runs with it). The use case loads the object and a small context, asks the table, and
 * writes the change and its audit record in one transaction; nothing about who may move what is written
 * by hand in a use case.
 *
 * Deciding a move answers, in this order (the first failure wins; each fills `e` and returns -1):
 *   422 invalid_value     the target is no state of the workflow                 (fsm_check_state)
 *   409 invalid_transition no transition from the current state to the target   (fsm_decide)
 *   403 forbidden         the caller acts with no role the transition allows
 *   422 missing_field     the transition needs a reason and none was given
 *   guards, in the order declared, each with its own status, code and message
 *
 * Roles are the bits of core/principal.h (RB(role), R_INST, R_ADMINS, ...). The caller passes the role
 * bits it acts with on this object: fsm_acting() gives RB(p->role) when the data scope lets the principal
 * change the object and 0 when it does not (it may read it, but no transition is its to take).
 *
 * Guards are pure functions over the workflow's context, a struct the table's owner declares and the use
 * case fills from the database before deciding (counts, dates, flags). They do no I/O.
 *
 * Pure: no I/O, no global state; the tables are const and may be shared by every thread. */
#ifndef JINENG_CORE_FSM_H
#define JINENG_CORE_FSM_H

#include "util/common.h"
#include "util/err.h"
#include "core/principal.h"

struct fsm_state {
	const char *code; /* stored in the database and sent by the API: "draft" */
	const char *zh;	  /* "草稿" */
	const char *en;	  /* "Draft" */
};

/* fsm_guard_fn: 0 when the transition may go on this context; -1 with `e` set (status, code, field,
 * zh, en) when it may not. `ctx` is the workflow's context struct; it may be NULL only when the guard
 * says so in its table. */
typedef int (*fsm_guard_fn)(const void *ctx, err *e);

struct fsm_guard {
	const char *id;	    /* stable name for docs, tests and listings: "publicity_over" */
	const char *zh;	    /* what it requires, for people: "公示期已结束" */
	fsm_guard_fn check; /* never NULL */
};

enum fsm_flags {
	FSM_NEEDS_REASON = 1u << 0, /* the move needs a non-empty reason (422 missing_field "reason") */
};

#define FSM_MAX_GUARDS 4

struct fsm_transition {
	const char *from, *to;		 /* state codes */
	const char *action;		 /* the verb, unique per from state: "file", "approve", "return" */
	const char *zh, *en;		 /* its button: "提交备案" / "File for approval" */
	unsigned roles;			 /* RB() bits of the roles that may take it */
	const char *actor_zh, *actor_en; /* who takes it, for the 403: "评价机构" / "the institution" */
	unsigned flags;			 /* enum fsm_flags */
	const struct fsm_guard *guards[FSM_MAX_GUARDS]; /* checked in order; the list ends at NULL */
	const char *audit;				/* the audit action it is recorded under */
	unsigned effects; /* the table owner's bits: what the use case does besides the update */
};

struct fsm {
	const char *name;		     /* "plan": the entity, as in audit records */
	const char *subject_zh, *subject_en; /* for messages: "计划" / "the plan" */
	const char *field;		     /* the input field that names the target state: "status" */
	const struct fsm_state *states;
	size_t nstates;
	const struct fsm_transition *transitions;
	size_t ntransitions;
};

/* fsm_state: the state with this code, or NULL (also for s == NULL) */
const struct fsm_state *fsm_state(const struct fsm *m, const char *code);
/* fsm_state_zh / fsm_state_en: the label of a state code, or "" when the code is no state */
const char *fsm_state_zh(const struct fsm *m, const char *code);
const char *fsm_state_en(const struct fsm *m, const char *code);
/* fsm_check_state: 0 when `code` is a state; else 422 invalid_value on m->field, -1 */
int fsm_check_state(const struct fsm *m, const char *code, err *e);

/* fsm_find: the transition from -> to, or NULL */
const struct fsm_transition *fsm_find(const struct fsm *m, const char *from, const char *to);
/* fsm_find_action: the transition named `action` out of `from`, or NULL */
const struct fsm_transition *fsm_find_action(const struct fsm *m, const char *from, const char *action);

static inline unsigned fsm_acting(const principal *p, bool may_change)
{
	return may_change && (unsigned)p->role < ROLE_COUNT ? RB(p->role) : 0;
}

/* fsm_allows: may one acting with `roles` take t (roles only; no reason, no guards)? */
static inline bool fsm_allows(const struct fsm_transition *t, unsigned roles)
{
	return (t->roles & roles) != 0;
}

/* fsm_check: may one acting with `roles` take t with this reason on this context? Checks roles (403),
 * the reason (422) and the guards in order. 0 or -1 with `e` set. */
int fsm_check(const struct fsm *m, const struct fsm_transition *t, unsigned roles, const char *reason,
	      const void *ctx, err *e);
/* fsm_check_guards: t's guards alone, in order. 0 or -1 with `e` set by the first that fails; *failed
 * (when not NULL) gets that guard. */
int fsm_check_guards(const struct fsm_transition *t, const void *ctx, const struct fsm_guard **failed,
		     err *e);

/* fsm_decide: the whole decision for moving an object in state `from` to `to` (see the order above).
 * `from` must be a state of m (a stored value); `to` is checked. On 0, *out is the transition to take. */
int fsm_decide(const struct fsm *m, const char *from, const char *to, unsigned roles, const char *reason,
	       const void *ctx, const struct fsm_transition **out, err *e);

/* fsm_available: the transitions out of `from` that one acting with `roles` may take, in table order,
 * so a UI can show the allowed buttons. With ctx NULL the guards are not evaluated (every transition
 * the roles allow is listed); with a context, transitions whose guards fail are left out. The reason is
 * an input, never evaluated here (FSM_NEEDS_REASON tells the UI to ask for one). Writes at most `cap`
 * pointers to out (out may be NULL when cap is 0) and returns how many transitions qualify, which may
 * be more than cap. */
size_t fsm_available(const struct fsm *m, const char *from, unsigned roles, const void *ctx,
		     const struct fsm_transition **out, size_t cap);

/* fsm_validate: checks a table once (tests run it over every table): every state code unique and
 * labelled, every transition between declared states with an action, labels, roles, actors and an
 * audit action, no two transitions with the same (from, to) or (from, action), every guard with an id
 * and a function, every state but the initial one (states[0]) reachable from it. 0 or -1 with `e` set
 * (500 invalid_fsm naming the first fault). */
int fsm_validate(const struct fsm *m, err *e);

#endif
