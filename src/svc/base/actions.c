#include "util/common.h"
#include "svc/base/actions.h"

json_t *fsm_actions_json(const struct fsm *m, const char *status, unsigned roles)
{
	const struct fsm_transition *ts[16];
	size_t n = fsm_available(m, status, roles, NULL, ts, ARRAY_LEN(ts));
	json_t *acts = json_array();
	for (size_t k = 0; k < n && k < ARRAY_LEN(ts); k++)
		json_array_append_new(acts,
				      json_pack("{s:s,s:s,s:s,s:s,s:b}", "action", ts[k]->action, "to",
						ts[k]->to, "zh", ts[k]->zh, "en", ts[k]->en, "needs_reason",
						(ts[k]->flags & FSM_NEEDS_REASON) != 0));
	return acts;
}
