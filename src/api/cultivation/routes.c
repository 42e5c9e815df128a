/* routes.c: the cultivation domain's routes (培养体系, issue 23): method, path, handler, and the roles that
 * may call it; a section per part. Data scope (which rows) is then enforced by the use case. */
#include "util/common.h"
#include "api/base/routes.h"
#include "api/cultivation/handlers.h"

const struct route cultivation_routes[] = {
	/* 技工院校 (item 1: svc/cultivation/schools.c): the city or the province registers a technical school
	 * with its tier (also from a CSV file); the school reports campuses and yearly figures; its majors
	 * are filed with the bureau (专业设置 备案制: the school submits, changes and withdraws, the bureau
	 * records or returns) */
	{"GET", "/api/v1/cultivation/schools", h_schools, R_STAFF},
	{"POST", "/api/v1/cultivation/schools", h_school_register, R_ADMINS},
	{"POST", "/api/v1/cultivation/schools/import", h_school_import, R_ADMINS},
	{"GET", "/api/v1/cultivation/schools/{id}", h_school_get, R_STAFF},
	{"POST", "/api/v1/cultivation/schools/{id}/campuses", h_school_campus_add, R_STAFF},
	{"PUT", "/api/v1/cultivation/schools/{id}/years/{year}", h_school_year_put, R_STAFF},
	{"GET", "/api/v1/cultivation/majors", h_majors, R_STAFF},
	{"POST", "/api/v1/cultivation/majors", h_major_create, R_INST},
	{"GET", "/api/v1/cultivation/majors/{id}", h_major_get, R_STAFF},
	{"POST", "/api/v1/cultivation/majors/{id}/status", h_major_move, R_STAFF},
	{NULL, NULL, NULL, 0},
};
