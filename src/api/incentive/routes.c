/* routes.c: the incentive domain's routes (使用与激励, issue 22): method, path, handler, and the roles that
 * may call it; a section per part. Data scope (which rows) is then enforced by the use case. */
#include "util/common.h"
#include "api/base/routes.h"
#include "api/incentive/handlers.h"

const struct route incentive_routes[] = {
	/* 工资价位 (svc/incentive/wages.c): the rules and the year's posts are public; employers submit their
	 * own pay; the bureau sets minimum wages and posts, publishes and reads its publications with counts;
	 * the public reads the published table */
	{"GET", "/api/v1/wages/rules", h_wage_rules, R_EVERYONE},
	{"PUT", "/api/v1/wages/min-wages/{region_code}", h_wage_min_wage_put, R_ADMINS},
	{"GET", "/api/v1/wages/posts/{year}", h_wage_posts_get, R_EVERYONE},
	{"PUT", "/api/v1/wages/posts/{year}", h_wage_posts_put, RB(ROLE_PROVINCE_ADMIN)},
	{"POST", "/api/v1/wages/submissions/import", h_wage_import, R_INST},
	{"GET", "/api/v1/wages/submissions", h_wage_submissions, R_STAFF},
	{"GET", "/api/v1/wages/check", h_wage_check, R_STAFF},
	{"POST", "/api/v1/wages/publications", h_wage_publish, R_ADMINS},
	{"GET", "/api/v1/wages/publications/{id}", h_wage_publication_get, R_ADMINS},
	{"GET", "/api/v1/public/wages", h_wage_public, R_EVERYONE},
	{NULL, NULL, NULL, 0},
};
