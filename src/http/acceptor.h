/* acceptor.h: the listening socket, one accepting thread, and one request thread per libmicrohttpd daemon
 * running that daemon's event loop; a new connection goes to the daemon holding the fewest (acceptor.c says
 * why). Used by `jineng serve` on both engines (server.c). */
#ifndef JINENG_HTTP_ACCEPTOR_H
#define JINENG_HTTP_ACCEPTOR_H

#include "util/err.h"
#include <microhttpd.h>
#include <netinet/in.h>

struct acceptor;

/* starts one request thread's daemon: MHD_USE_EPOLL and MHD_USE_ITC, no internal thread (the acceptor runs
 * its loop), no listening socket of its own, at most conn_limit connections, `notify` and `notify_cls` as its
 * MHD_OPTION_NOTIFY_CONNECTION; NULL on failure */
typedef struct MHD_Daemon *(*acceptor_daemon_fn)(void *cls, unsigned conn_limit,
						 MHD_NotifyConnectionCallback notify, void *notify_cls);

/* binds sa (port 0: the kernel chooses; *port is the port bound), starts `threads`
 * daemons by `start` and the accepting thread; NULL with e set (503 listen_failed) on failure, nothing left
 * running */
struct acceptor *acceptor_start(const struct sockaddr_in *sa, int threads, unsigned conn_limit,
				acceptor_daemon_fn start, void *cls, unsigned *port, err *e);
/* closes the listening socket and joins the accepting thread; the daemons keep their connections */
void acceptor_stop_accepting(struct acceptor *a);
/* wakes the request thread running c's daemon after MHD_resume_connection(c), so that it looks for resumed
 * connections (a no-op when no acceptor serves) */
void acceptor_kick(struct MHD_Connection *c);
/* A second source of work on a request thread besides its daemon: the thread's pipelined database reads
 * (http/readpipe.c). ready() runs when fd is readable (or writable, when asked), before the thread's next
 * MHD_run; after_run() after every MHD_run; stop() once when the thread stops, before its daemon's last run
 * (it finishes or fails what is in flight, so every suspended request is resumed). */
struct acceptor_source {
	int fd;
	void (*ready)(void *ctx);
	void (*after_run)(void *ctx);
	void (*stop)(void *ctx);
	void *ctx;
};
/* true on one of an acceptor's request threads (where a source may be added) */
bool acceptor_on_request_thread(void);
/* on a request thread: watch s (readable; writable too when `out`); -1 when the calling thread is not an
 * acceptor's request thread, already has a source, or epoll refused */
int acceptor_source_add(struct acceptor_source *s, bool out);
/* asks for (or stops asking for) writability of the calling thread's source */
int acceptor_source_want_out(struct acceptor_source *s, bool out);
/* stops watching the calling thread's source (before its fd is closed) */
void acceptor_source_remove(struct acceptor_source *s);

/* fn runs on each request thread after every MHD_run, when the batch of events is done (the server ends the
 * thread's kept read snapshot there: db_read_release); set before acceptor_start */
void acceptor_set_batch_end(void (*fn)(void));

/* stops every request thread and its daemon (after acceptor_stop_accepting) and frees */
void acceptor_free(struct acceptor *a);

#endif
