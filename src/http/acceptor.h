/* acceptor.h: the listening socket, one accepting thread, and one libmicrohttpd daemon per request thread; a
 * new connection goes to the daemon holding the fewest (acceptor.c says why). Used on PostgreSQL (server.c).
 */
#ifndef JINENG_HTTP_ACCEPTOR_H
#define JINENG_HTTP_ACCEPTOR_H

#include "util/err.h"
#include <microhttpd.h>
#include <netinet/in.h>

struct acceptor;

/* starts one request thread's daemon (no listening socket of its own, at most conn_limit connections),
 * passing `notify` and `notify_cls` as its MHD_OPTION_NOTIFY_CONNECTION; NULL on failure */
typedef struct MHD_Daemon *(*acceptor_daemon_fn)(void *cls, unsigned conn_limit,
						 MHD_NotifyConnectionCallback notify, void *notify_cls);

/* binds sa (port 0: the kernel chooses; *port is the port bound), starts `threads`
 * daemons by `start` and the accepting thread; NULL with e set (503 listen_failed) on failure, nothing left
 * running */
struct acceptor *acceptor_start(const struct sockaddr_in *sa, int threads, unsigned conn_limit,
				acceptor_daemon_fn start, void *cls, unsigned *port, err *e);
/* closes the listening socket and joins the accepting thread; the daemons keep their connections */
void acceptor_stop_accepting(struct acceptor *a);
/* stops every daemon (after acceptor_stop_accepting) and frees */
void acceptor_free(struct acceptor *a);

#endif
