/* input.h: the registry's request bodies read into typed inputs (input.c). Each returns 0, or -1 with r->e
 * set (422 invalid_type / missing_field / invalid_value naming the field); memory comes from the request's
 * arena. */
#ifndef JINENG_API_REGISTRY_INPUT_H
#define JINENG_API_REGISTRY_INPUT_H

#include "http/req.h"
#include "svc/registry/institutions.h"
#include "svc/registry/persons.h"
#include "svc/registry/reference.h"
#include "svc/registry/standards.h"
#include <jansson.h>

/* {"scopes":[{"occupation_code","levels":[5,4,...]}]} */
int read_inst_scopes(req *r, json_t *b, struct inst_scope **out, size_t *n);

/* a work-history entry, a diploma or a title of a person: the fields of its kind */
int read_person_fact(req *r, json_t *b, enum person_fact_kind kind, struct person_fact *f);

/* an occupation added to the catalogue */
int read_occupation(req *r, json_t *b, struct occupation_input *in);

/* a version of an occupation's standard: version, template, profile (with its conditions) */
int read_standard(req *r, json_t *b, struct standard_input *in);

#endif
