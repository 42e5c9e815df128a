/* server.h: the HTTP server (libmicrohttpd, internal epoll thread pool). server_run blocks until SIGINT or
 * SIGTERM, then stops accepting, lets running requests finish, and returns 0 (or -1 with e set). */
#ifndef JINENG_SERVER_H
#define JINENG_SERVER_H

#include "http/req.h"

int server_run(const struct server_conf *conf, err *e);

/* server_start_embedded: the same request handling (callbacks, limits, replies) in a daemon with no listening
 * socket and no thread of its own, for the in-process fuzz harness (tests/fuzz/fuzz_http.c): the caller hands
 * it connections with MHD_add_connection and drives it with MHD_run. No access log. NULL on failure. */
struct MHD_Daemon;
struct MHD_Daemon *server_start_embedded(const struct server_conf *conf);

/* static files of the web build (static.c): fills r->fd / r->raw; 404 when absent */
int static_serve(req *r);

#endif
