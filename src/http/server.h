/* server.h: the HTTP server (libmicrohttpd, internal epoll thread pool). server_run blocks until SIGINT or
 * SIGTERM, then stops accepting, lets running requests finish, and returns 0 (or -1 with e set). */
#ifndef JINENG_SERVER_H
#define JINENG_SERVER_H

#include "http/req.h"

int server_run(const struct server_conf *conf, err *e);

/* static files of the web build (static.c): fills r->fd / r->raw; 404 when absent */
int static_serve(req *r);

#endif
