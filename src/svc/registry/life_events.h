/* life_events.h: 人员状态 — a person's death (去世) or move out of the province (调离本省), recorded by the
 * province or the person's city with the day and its source (docs/DOMAIN.md §58). The same transaction sets
 * persons.life_status and stops the person's running allowances (svc/incentive/allowances.h
 * allowances_person_event: payments for later months recovered in the ledger, each with the reason). */
#ifndef JINENG_SVC_REGISTRY_LIFE_EVENTS_H
#define JINENG_SVC_REGISTRY_LIFE_EVENTS_H

#include "core/principal.h"
#include "store/db.h"
#include <jansson.h>

struct life_event_input {
	const char *kind;	 /* death | left_province */
	const char *occurred_on; /* YYYY-MM-DD, not after today */
	const char *source;	 /* the notice it rests on (required) */
	const char *note;	 /* optional */
};

/* person_life_event_add: 201's body {id, person_id, kind, occurred_on, source, note, life_status, stops:
 * [{nomination_id, reason, recovered, recovered_fen}]}. 403 unless the province or the person's city
 * (SE_PERSON write reach, never an institution or the person); 409 already_recorded for a second event of
 * the same kind; 422 invalid_value / invalid_date. Audited person.life_event. */
json_t *person_life_event_add(db *d, const principal *a, int64_t person_id, const struct life_event_input *in,
			      err *e);
/* the events recorded for a person, oldest first: [{id, kind, occurred_on, source, note, stopped,
 * created_at}] (read with the person) */
json_t *person_life_events_json(db *d, int64_t person_id, err *e);

#endif
