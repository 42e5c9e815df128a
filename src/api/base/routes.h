/* routes.h: the API's route tables. Each domain (src/api/<domain>/routes.c) declares its own table;
 * api_routes joins them into the one table the server matches against. */
#ifndef JINENG_API_ROUTES_H
#define JINENG_API_ROUTES_H

#include "http/router.h"
#include "http/server.h"

/* role masks several domains use */
#define ADMINS_AND_INST (R_ADMINS | R_INST)
#define AUDITORS	(R_ADMINS | RB(ROLE_SUPERVISOR))

extern const struct route base_routes[];
extern const struct route auth_routes[];
extern const struct route registry_routes[];
extern const struct route evaluation_routes[];
extern const struct route exam_routes[];
extern const struct route cert_routes[];
extern const struct route stats_routes[];
extern const struct route supervision_routes[];
extern const struct route training_routes[];
extern const struct route incentive_routes[];
extern const struct route competition_routes[];
extern const struct route cultivation_routes[];
extern const struct route platform_routes[];

/* the domains by name, NULL-name terminated (`jineng routes` lists them) */
struct api_domain {
	const char *name;
	const struct route *routes;
};
extern const struct api_domain api_domains[];

/* the domains' tables in one, NULL-method terminated (built once; lives for the process) */
const struct route *api_routes(void);
/* the pages outside /api: the certificate verification page GET /v/{number} */
extern const struct page api_pages[];
/* what the server needs from the use cases: token authentication, and completing queued saves at shutdown */
extern const struct server_hooks api_hooks;

/* the certificate verification page (src/api/cert/page_verify.c) */
int page_verify(req *r);

#endif
