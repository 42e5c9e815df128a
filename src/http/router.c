#include "util/common.h"
#include "http/router.h"

/* matches one pattern against a path, segment by segment */
static bool match(const char *pat, const char *path, arena *a, const char **params, int *np)
{
	int n = 0;
	while (*pat && *path) {
		if (*pat != '/' || *path != '/')
			return false;
		pat++, path++;
		const char *pe = strchrnul(pat, '/'), *se = strchrnul(path, '/');
		if (*pat == '{') {
			if (se == path || n >= REQ_MAX_PARAMS)
				return false;
			params[n++] = arena_strndup(a, path, (size_t)(se - path));
		} else if (pe - pat != se - path || memcmp(pat, path, (size_t)(se - path)) != 0) {
			return false;
		}
		pat = pe, path = se;
	}
	if (*pat || *path)
		return false;
	*np = n;
	return true;
}

/* the pattern's text before its first parameter is the path's too (most routes differ from a path a few
 * bytes after "/api/v1/": a quick refusal before the segment by segment match, which every request ran for
 * every route before its own) */
static bool literal_head(const char *pat, const char *path)
{
	while (*pat && *pat != '{' && *pat == *path)
		pat++, path++;
	return *pat == '{' || (!*pat && !*path);
}

enum route_match router_match(const struct route *table, arena *a, const char *method, const char *path,
			      const struct route **found, const char **params, int *nparams)
{
	enum route_match res = ROUTE_NO_PATH;
	for (const struct route *rt = table; rt->method; rt++) {
		const char *p[REQ_MAX_PARAMS];
		int np = 0;
		if (!literal_head(rt->pattern, path) || !match(rt->pattern, path, a, p, &np))
			continue;
		if (strcmp(rt->method, method) != 0 &&
		    !(strcmp(method, "HEAD") == 0 && strcmp(rt->method, "GET") == 0)) {
			res = ROUTE_NO_METHOD;
			continue;
		}
		memcpy(params, p, sizeof(p[0]) * (size_t)np);
		*nparams = np;
		*found = rt;
		return ROUTE_FOUND;
	}
	return res;
}

const char *router_allow(const struct route *table, arena *a, const char *path)
{
	static const char *const order[] = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"};
	bool has[ARRAY_LEN(order)] = {false};
	for (const struct route *rt = table; rt->method; rt++) {
		const char *p[REQ_MAX_PARAMS];
		int np = 0;
		if (!match(rt->pattern, path, a, p, &np))
			continue;
		for (size_t i = 0; i < ARRAY_LEN(order); i++)
			if (!strcmp(rt->method, order[i]) || (i == 1 && !strcmp(rt->method, "GET")))
				has[i] = true;
	}
	char buf[64] = "";
	for (size_t i = 0; i < ARRAY_LEN(order); i++)
		if (has[i])
			snprintf(buf + strlen(buf), sizeof buf - strlen(buf), "%s%s", buf[0] ? ", " : "",
				 order[i]);
	return arena_strndup(a, buf, strlen(buf));
}
