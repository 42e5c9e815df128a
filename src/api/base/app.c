/* app.c: the application the HTTP server runs: the domains' route tables joined, the pages, the hooks */
#include "util/common.h"
#include "api/base/routes.h"
#include "svc/auth/auth.h"
#include "svc/exam/autosave.h"
#include <pthread.h>

const struct api_domain api_domains[] = {
	{"base", base_routes},	       {"auth", auth_routes},
	{"registry", registry_routes}, {"evaluation", evaluation_routes},
	{"exam", exam_routes},	       {"cert", cert_routes},
	{"stats", stats_routes},       {"supervision", supervision_routes},
	{"training", training_routes}, {NULL, NULL},
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
	{NULL, NULL, 0},
};

const struct server_hooks api_hooks = {
	.authenticate = auth_from_token,
	.shutdown = autosave_shutdown,
};
