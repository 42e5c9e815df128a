/* metrics.c: GET /metrics, the process's counters in the Prometheus text format (util/metrics.h).
 *
 * Off unless JINENG_METRICS_TOKEN_FILE names a file holding a token of at least 32 characters: then the
 * scraper sends it as `Authorization: Bearer TOKEN` (Prometheus: authorization.credentials_file). A peer
 * address is no proof here (behind nginx every request comes from 127.0.0.1), so the token is the only
 * key. Off: 404 like any unknown page; a wrong or missing token: 401. */
#include "util/common.h"
#include "api/base/handlers.h"
#include "util/log.h"
#include "util/metrics.h"
#include <pthread.h>

#define METRICS_TOKEN_MIN 32

static char token[256];
static size_t token_len;
static pthread_once_t token_once = PTHREAD_ONCE_INIT;

static void token_load(void)
{
	const char *path = getenv("JINENG_METRICS_TOKEN_FILE");
	if (!path || !*path)
		return;
	FILE *f = fopen(path, "r");
	if (!f) {
		log_warn("metrics: cannot read JINENG_METRICS_TOKEN_FILE %s: /metrics stays off", path);
		return;
	}
	size_t n = fread(token, 1, sizeof token - 1, f);
	fclose(f);
	while (n && (token[n - 1] == '\n' || token[n - 1] == '\r' || token[n - 1] == ' '))
		n--;
	token[n] = 0;
	if (n < METRICS_TOKEN_MIN) {
		log_warn("metrics: the token in %s is shorter than %d characters: /metrics stays off", path,
			 METRICS_TOKEN_MIN);
		return;
	}
	token_len = n;
}

/* equal in a time that does not depend on where they differ */
static bool token_equal(const char *given)
{
	size_t n = strlen(given);
	unsigned char diff = (unsigned char)(n != token_len);
	for (size_t i = 0; i < token_len; i++)
		diff |= (unsigned char)(token[i] ^ (i < n ? given[i] : 0));
	return diff == 0;
}

int page_metrics(req *r)
{
	pthread_once(&token_once, token_load);
	if (!token_len || strcmp(r->path, "/metrics"))
		return err_set(&r->e, 404, "not_found", NULL, "页面不存在", "no such page");
	const char *authz = req_header(r, "Authorization");
	if (!authz || strncasecmp(authz, "Bearer ", 7) || !token_equal(authz + 7)) {
		req_add_header(r, "WWW-Authenticate", "Bearer realm=\"metrics\"");
		return err_set(&r->e, 401, "login_required", NULL, "需要 metrics 令牌",
			       "the metrics token is required");
	}
	size_t len = 0;
	r->raw = metrics_render(&len);
	r->raw_len = len;
	r->ctype = "text/plain; version=0.0.4; charset=utf-8";
	r->status = 200;
	req_add_header(r, "Cache-Control", "no-store");
	return 0;
}
