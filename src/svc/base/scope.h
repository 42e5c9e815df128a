/* scope.h: the data scope of src/core/scope.h in SQL. One table of owner-fact queries per entity and one
 * WHERE builder: every list, export, read and write of the use cases goes through these two, so the rule
 * of who sees and changes what is written once (core/scope.c) and applied the same way everywhere. */
#ifndef JINENG_SVC_SCOPE_H
#define JINENG_SVC_SCOPE_H

#include "core/scope.h"
#include "store/db.h"

struct query; /* store/query.h: the files that build queries include it themselves */

/* scope_where: appends to q the condition that keeps the rows of `ent` principal a may read (act READ) or
 * change (act WRITE). The query must alias the entity's tables as the rule's columns do (core/scope.c:
 * p persons or plans, i institutions, u users, g registrations, s sittings, t attempts, r results,
 * c certificates, it items, b blueprints). */
void scope_where(struct query *q, const principal *a, enum scope_entity ent, enum scope_action act);

/* scope_load: the owner facts of one row (o->found false when there is no such row). */
int scope_load(db *d, const principal *a, enum scope_entity ent, int64_t id, scope_owner *o, err *e);

/* scope_check: loads the row's owner facts and decides: 0 allowed; -1 with 404 not_found when the row is
 * absent or out of the principal's read reach (its existence is not revealed), 403 forbidden when it may
 * be read but not changed, 503 on a database error. `field` names the input that carried the id (NULL for
 * a path parameter). */
int scope_check(db *d, const principal *a, enum scope_entity ent, int64_t id, enum scope_action act,
		const char *field, err *e);

/* scope_check_via: like scope_check, but decides with the rule of `rule_ent` on the owner facts of row `id`
 * of `load_ent`: the objections, sittings or analyses of a plan (load the plan, decide as objections), the
 * attempts of a sitting. */
int scope_check_via(db *d, const principal *a, enum scope_entity load_ent, int64_t id,
		    enum scope_entity rule_ent, enum scope_action act, const char *field, err *e);

/* scope_region_outside: does a region reach (a city administrator's) of principal a over `ent` leave out
 * region `code`? Used when a row is created or moved to a region: a region reach may place rows only inside
 * its region; wider and institution reaches are not bound by it. */
bool scope_region_outside(const principal *a, enum scope_entity ent, const char *code);

/* scope_covers_region: may principal a act on rows bound to region `code` (a region reach covers it or the
 * principal reaches everything)? */
bool scope_covers_region(const principal *a, enum scope_entity ent, enum scope_action act, const char *code);

#endif
