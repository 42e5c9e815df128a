/* router.h: the route table. A route is {method, pattern, handler, roles}; a pattern is a path whose
 * segments may be `{name}` placeholders ("/api/v1/persons/{id}"). `roles` is a mask of RB(role) bits that
 * may call it; R_EVERYONE includes the public (no login). */
#ifndef JINENG_ROUTER_H
#define JINENG_ROUTER_H

#include "http/req.h"

struct route {
	const char *method;
	const char *pattern;
	handler_fn fn;
	unsigned roles;
};

enum route_match { ROUTE_FOUND, ROUTE_NO_PATH, ROUTE_NO_METHOD };

/* router_match: finds the route for method+path in a table (terminated by a NULL method); fills params
 * (pointers into the arena copy of path) */
enum route_match router_match(const struct route *table, arena *a, const char *method, const char *path,
			      const struct route **found, const char **params, int *nparams);

/* router_allow: the methods the table has for path, for a 405's Allow header ("GET, HEAD, POST"; HEAD
 * wherever GET is), in the arena */
const char *router_allow(const struct route *table, arena *a, const char *path);

#endif
