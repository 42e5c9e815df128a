/* actions.h: the moves a caller may take on a record, as detail replies list them ("actions", the web UI's
 * buttons): every transition of the record's machine (core/fsm.h) out of `status` that one acting with
 * `roles` (fsm_acting) may take, in table order, guards not evaluated; each as {action, to, zh, en,
 * needs_reason}. */
#ifndef JINENG_SVC_BASE_ACTIONS_H
#define JINENG_SVC_BASE_ACTIONS_H

#include "core/fsm.h"
#include <jansson.h>

json_t *fsm_actions_json(const struct fsm *m, const char *status, unsigned roles);

#endif
