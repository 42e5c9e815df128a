/* reference.h: reads and writes of the catalogue: regions (GB/T 2260) and occupations (职业分类大典 and
 * 专项职业能力), public reads; the province adds occupations. */
#ifndef JINENG_REFERENCE_H
#define JINENG_REFERENCE_H

#include "svc/base/svc.h"
#include "svc/base/list.h"

/* region_list_json: {"total":N,"items":[...]} of the regions under `parent` and/or of `level` (either may be
 * NULL), by code */
json_t *region_list_json(db *d, const char *parent, const char *level, err *e);

/* occupation_list: filters name (the name or code contains it), kind, category; by code */
extern const struct list_spec occupation_list;
/* occupation_get_json: one occupation by its code (404 not_found) */
json_t *occupation_get_json(db *d, const char *code, err *e);

struct occupation_input {
	const char *code, *name, *types, *kind, *levels; /* levels "5|4|3" */
	int64_t category;				 /* 0: none */
};
/* occupation_create: the province adds an occupation to the catalogue (422 on a malformed code, name,
 * levels or kind; 409 occupation_exists). Audited (occupation.create). */
int occupation_create(db *d, const principal *a, const struct occupation_input *in, err *e);

#endif
