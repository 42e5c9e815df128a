/* acceptor.c: one thread accepts the connections and hands each to the request thread holding the fewest.
 *
 * libmicrohttpd's own thread pool lets every thread poll the listening socket, and the thread that wakes
 * first accepts up to ten connections in a row. A request thread blocks while its database answers
 * (PostgreSQL: a round trip per statement), so two keep-alive connections on one thread wait for each other
 * while another thread sits idle: with four clients on four threads, two runs in five of the 培训地图
 * benchmark served half the requests (about 1,000 against 2,000–2,500 a second, the two cores half idle;
 * docs/PERFORMANCE.md). Here each request thread is a daemon of its own without a listening socket, and the
 * acceptor gives a new connection to the daemon with the fewest open (counted by libmicrohttpd's connection
 * notifications), the first of them in turn on a tie. */
#include "util/common.h"
#include "http/acceptor.h"
#include "util/log.h"
#include <errno.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdatomic.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

struct acceptor {
	int fd;
	int n;
	struct MHD_Daemon **d;
	atomic_int *open; /* connections each daemon holds */
	atomic_bool stopping;
	unsigned next;
	pthread_t thread;
	bool started;
};

static void on_connection(void *cls, struct MHD_Connection *c, void **socket_context,
			  enum MHD_ConnectionNotificationCode toe)
{
	UNUSED(c);
	UNUSED(socket_context);
	atomic_int *open = cls;
	atomic_fetch_add(open, toe == MHD_CONNECTION_NOTIFY_STARTED ? 1 : -1);
}

static int fewest(struct acceptor *a)
{
	int best = (int)(a->next++ % (unsigned)a->n), least = atomic_load(&a->open[best]);
	for (int k = 1; k < a->n && least > 0; k++) {
		int i = (best + k) % a->n, o = atomic_load(&a->open[i]);
		if (o < least) {
			least = o;
			best = i;
		}
	}
	return best;
}

static void *accept_loop(void *arg)
{
	struct acceptor *a = arg;
	for (;;) {
		struct sockaddr_storage sa;
		socklen_t len = sizeof sa;
		int c = accept4(a->fd, (struct sockaddr *)&sa, &len, SOCK_NONBLOCK | SOCK_CLOEXEC);
		if (atomic_load(&a->stopping)) {
			if (c >= 0)
				close(c);
			break;
		}
		if (c < 0) {
			if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS || errno == ENOMEM) {
				/* out of descriptors: the connection waits in the backlog; try again shortly
				 */
				log_warn("accept: %s", strerror(errno));
				nanosleep(&(struct timespec){0, 10 * 1000 * 1000}, NULL);
			}
			continue; /* EINTR, ECONNABORTED, a peer that left before it was accepted */
		}
		/* libmicrohttpd owns the socket from here, and closes it if it cannot take it */
		int i = fewest(a);
		if (MHD_add_connection(a->d[i], c, (struct sockaddr *)&sa, len) != MHD_YES)
			log_warn("a new connection was refused by request thread %d (at its limit?)", i);
	}
	return NULL;
}

struct acceptor *acceptor_start(const struct sockaddr_in *sa, int threads, unsigned conn_limit,
				acceptor_daemon_fn start, void *cls, unsigned *port, err *e)
{
	struct acceptor *a = xcalloc(1, sizeof *a);
	a->n = threads;
	a->d = xcalloc((size_t)threads, sizeof *a->d);
	a->open = xcalloc((size_t)threads, sizeof *a->open);
	a->fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	int one = 1;
	struct sockaddr_in bound;
	socklen_t blen = sizeof bound;
	if (a->fd < 0 || setsockopt(a->fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) != 0 ||
	    bind(a->fd, (const struct sockaddr *)sa, sizeof *sa) != 0 || listen(a->fd, 1024) != 0 ||
	    getsockname(a->fd, (struct sockaddr *)&bound, &blen) != 0) {
		err_set(e, 503, "listen_failed", "listen", "无法监听：%s", "could not listen: %s",
			strerror(errno));
		goto fail;
	}
	*port = ntohs(bound.sin_port);
	unsigned per = conn_limit / (unsigned)threads;
	for (int i = 0; i < threads; i++) {
		a->d[i] = start(cls, per ? per : 1, on_connection, &a->open[i]);
		if (!a->d[i]) {
			err_set(e, 503, "listen_failed", "listen", "无法启动请求线程 %d",
				"could not start request thread %d", i);
			goto fail;
		}
	}
	if (pthread_create(&a->thread, NULL, accept_loop, a) != 0) {
		err_set(e, 503, "listen_failed", "listen", "无法启动接收线程",
			"could not start the accepting thread");
		goto fail;
	}
	a->started = true;
	return a;
fail:
	acceptor_stop_accepting(a);
	acceptor_free(a);
	return NULL;
}

void acceptor_stop_accepting(struct acceptor *a)
{
	atomic_store(&a->stopping, true);
	if (a->fd >= 0)
		shutdown(a->fd, SHUT_RDWR); /* wakes the blocked accept4 (EINVAL) */
	if (a->started)
		pthread_join(a->thread, NULL);
	a->started = false;
	if (a->fd >= 0)
		close(a->fd);
	a->fd = -1;
}

void acceptor_free(struct acceptor *a)
{
	if (!a)
		return;
	for (int i = 0; i < a->n; i++)
		if (a->d[i])
			MHD_stop_daemon(a->d[i]);
	free(a->d);
	free(a->open);
	free(a);
}
