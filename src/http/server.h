/* server.h: the HTTP server (libmicrohttpd). On PostgreSQL one epoll daemon per request thread, fed by one
 * accepting thread that gives each new connection to the thread holding the fewest (http/acceptor.h); on
 * SQLite libmicrohttpd's own epoll thread pool. server_run blocks until SIGINT or SIGTERM, then stops
 * accepting, lets running requests finish, and returns 0 (or -1 with e set). */
#ifndef JINENG_SERVER_H
#define JINENG_SERVER_H

#include "http/req.h"
#include "http/router.h"

/* a page outside /api (GET only): the first whose prefix starts the path answers it; its path may be up to
 * max_value bytes (req_check_lengths) */
struct page {
	const char *prefix;
	handler_fn fn;
	size_t max_value;
};

/* what the server needs from the application, besides its tables */
struct server_hooks {
	/* a bearer token to a principal; -1 with e set (401) when it is not a live session */
	int (*authenticate)(db *d, const char *token, principal *who, err *e);
	/* called once after the daemon stopped accepting, before it stops: completes deferred work */
	void (*shutdown)(void);
	/* the largest request body of method+path when a route takes more (or less) than the server's
	 * max_body (an upload of a file); 0 (or no hook): max_body. Asked once per request, before its body
	 * is read. */
	size_t (*body_limit)(const char *method, const char *path);
};

/* routes: the API table (NULL-method terminated); pages: NULL-prefix terminated (may be NULL) */
int server_run(const struct server_conf *conf, const struct route *routes, const struct page *pages,
	       const struct server_hooks *hooks, err *e);

/* server_start_embedded: the same request handling (callbacks, limits, replies) in a daemon with no listening
 * socket and no thread of its own, for the in-process fuzz harness (tests/fuzz/fuzz_http.c): the caller hands
 * it connections with MHD_add_connection and drives it with MHD_run. No access log. NULL on failure. */
struct MHD_Daemon;
struct MHD_Daemon *server_start_embedded(const struct server_conf *conf, const struct route *routes,
					 const struct page *pages, const struct server_hooks *hooks);

/* static files of the web build (static.c): fills r->fd / r->raw; 404 when absent */
int static_serve(req *r);

#endif
