/* routes.c: the registry domain's routes (regions, occupations and standards, institutions, persons and their
 * talent record): method, path, handler, and the roles that may call it. Data scope (which rows) is then
 * enforced by the use case. */
#include "util/common.h"
#include "api/base/routes.h"
#include "api/registry/handlers.h"

const struct route registry_routes[] = {
	{"GET", "/api/v1/regions", h_regions, R_EVERYONE},
	{"GET", "/api/v1/occupations", h_occupations, R_EVERYONE},
	{"POST", "/api/v1/occupations", h_occupation_create, RB(ROLE_PROVINCE_ADMIN)},
	{"GET", "/api/v1/occupations/{code}", h_occupation_get, R_EVERYONE},
	{"GET", "/api/v1/occupations/{code}/standards", h_standards_list, R_EVERYONE},
	{"POST", "/api/v1/occupations/{code}/standards", h_standards_add, RB(ROLE_PROVINCE_ADMIN)},
	{"GET", "/api/v1/institutions", h_inst_list, R_EVERYONE},
	{"POST", "/api/v1/institutions", h_inst_create, R_ADMINS},
	{"GET", "/api/v1/institutions/{id}", h_inst_get, R_EVERYONE},
	{"PATCH", "/api/v1/institutions/{id}", h_inst_update, R_ADMINS | RB(ROLE_INSTITUTION_ADMIN)},
	{"POST", "/api/v1/institutions/{id}/status", h_inst_status, R_ADMINS},
	{"PUT", "/api/v1/institutions/{id}/scopes", h_inst_scope, R_ADMINS},
	{"GET", "/api/v1/institutions/{id}/status-history", h_inst_history, R_STAFF | RB(ROLE_SUPERVISOR)},
	{"GET", "/api/v1/persons", h_persons_list, ADMINS_AND_INST | RB(ROLE_CANDIDATE)},
	{"POST", "/api/v1/persons", h_persons_create, ADMINS_AND_INST},
	{"GET", "/api/v1/persons/{id}", h_persons_get, ADMINS_AND_INST | RB(ROLE_CANDIDATE)},
	{"PATCH", "/api/v1/persons/{id}", h_persons_update, ADMINS_AND_INST | RB(ROLE_CANDIDATE)},
	{"POST", "/api/v1/persons/{id}/work-history", h_persons_work, ADMINS_AND_INST},
	{"POST", "/api/v1/persons/{id}/diplomas", h_persons_diploma, ADMINS_AND_INST},
	{"POST", "/api/v1/persons/{id}/titles", h_persons_title, ADMINS_AND_INST},
	{"POST", "/api/v1/persons/{id}/life-events", h_persons_life_event,
	 RB(ROLE_PROVINCE_ADMIN) | RB(ROLE_CITY_ADMIN)},
	{"GET", "/api/v1/persons/{id}/talent-record", h_talent_record,
	 ADMINS_AND_INST | RB(ROLE_CANDIDATE) | RB(ROLE_SUPERVISOR)},
	{"GET", "/api/v1/calendar/workdays", h_workdays, R_EVERYONE},
	{NULL, NULL, NULL, 0},
};
