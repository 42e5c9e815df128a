/* app.c: the application the HTTP server runs: the domains' route tables joined, the pages, the hooks */
#include "util/common.h"
#include "api/base/routes.h"
#include "api/base/handlers.h"
#include "svc/supervision/evidence.h"
#include "svc/cultivation/elearn.h"
#include "svc/auth/auth.h"
#include "svc/exam/autosave.h"
#include <pthread.h>

const struct api_domain api_domains[] = {
	{"base", base_routes},
	{"auth", auth_routes},
	{"registry", registry_routes},
	{"evaluation", evaluation_routes},
	{"exam", exam_routes},
	{"cert", cert_routes},
	{"stats", stats_routes},
	{"supervision", supervision_routes},
	{"training", training_routes},
	{"incentive", incentive_routes},
	{"competition", competition_routes},
	{"cultivation", cultivation_routes},
	{"platform", platform_routes},
	{NULL, NULL},
};

static struct route *joined;
static pthread_once_t join_once = PTHREAD_ONCE_INIT;

static void join(void)
{
	size_t n = 0;
	for (const struct api_domain *d = api_domains; d->name; d++)
		for (const struct route *rt = d->routes; rt->method; rt++)
			n++;
	joined = xcalloc(n + 1, sizeof *joined);
	n = 0;
	for (const struct api_domain *d = api_domains; d->name; d++)
		for (const struct route *rt = d->routes; rt->method; rt++)
			joined[n++] = *rt;
}

const struct route *api_routes(void)
{
	pthread_once(&join_once, join);
	return joined;
}

const struct page api_pages[] = {
	{"/v/", page_verify, REQ_MAX_QR},
	{"/metrics", page_metrics, REQ_MAX_VALUE},
	{NULL, NULL, 0},
};

/* routes whose body is a file, with their own limit instead of the server's max_body (JINENG_MAX_BODY, for
 * JSON): the upload routes. Patterns as in the route tables ({x} is one non-empty segment). */
static const struct {
	const char *method, *pattern;
	size_t (*limit)(void);
} body_limits[] = {
	{"POST", "/api/v1/inspections/{id}/evidence", evidence_max_bytes},
	{"POST", "/api/v1/rectifications/{id}/evidence", evidence_max_bytes},
	{"POST", "/api/v1/elearn/courses/{id}/resources", elearn_max_bytes},
};

static bool pattern_match(const char *pat, const char *path)
{
	while (*pat && *path) {
		if (*pat == '{') {
			const char *pe = strchrnul(pat, '/'), *se = strchrnul(path, '/');
			if (se == path)
				return false;
			pat = pe, path = se;
		} else if (*pat++ != *path++) {
			return false;
		}
	}
	return !*pat && !*path;
}

static size_t api_body_limit(const char *method, const char *path)
{
	for (size_t i = 0; i < ARRAY_LEN(body_limits); i++)
		if (method && path && !strcmp(method, body_limits[i].method) &&
		    pattern_match(body_limits[i].pattern, path))
			return body_limits[i].limit();
	return 0;
}

const struct server_hooks api_hooks = {
	.authenticate = auth_from_token,
	.shutdown = autosave_shutdown,
	.body_limit = api_body_limit,
};
