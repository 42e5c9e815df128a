/* acceptor.c: one thread accepts the connections and hands each to the request thread holding the fewest;
 * each request thread runs its own libmicrohttpd daemon's event loop.
 *
 * libmicrohttpd's own thread pool lets every thread poll the listening socket, and the thread that wakes
 * first accepts up to ten connections in a row. A request thread blocks while its database answers
 * (PostgreSQL: a round trip per statement), so two keep-alive connections on one thread wait for each other
 * while another thread sits idle: with four clients on four threads, two runs in five of the 培训地图
 * benchmark served half the requests (about 1,000 against 2,000–2,500 a second, the two cores half idle;
 * docs/PERFORMANCE.md). On SQLite the same happened to the person look-up: in three rounds of eight every
 * connection landed on one of the two threads (56,000 req/s against 72,000–75,000). Here each request thread
 * is a daemon of its own without a listening socket, and the acceptor gives a new connection to the daemon
 * with the fewest open (counted by libmicrohttpd's connection notifications), the first of them in turn on a
 * tie.
 *
 * The request threads are ours, not libmicrohttpd's: libmicrohttpd 0.9.75's internal epoll loop drains the
 * kernel's events 128 at a time and, when a wait returns exactly 128, waits again with the full timeout
 * before handling any of them (daemon.c, MHD_epoll). A thread holding 128 or more connections that all
 * became readable together then slept until its next event or its 60-second idle timeout with every one of
 * those requests unread (a look-up at -c256 on two threads: rounds of 101 to 30,000 req/s among rounds of
 * 67,000; tests/unit/test_acceptor.c). Our loop waits on the daemon's epoll descriptor itself and lets
 * MHD_run work without blocking, so a full batch is followed by the next at once. Connections are handed
 * over through a queue and an eventfd, and the request thread adds them itself (a daemon without an internal
 * thread takes new connections only from the thread that runs it). A connection resumed from another thread
 * (a save made durable by the group committer) is kicked through the same eventfd: libmicrohttpd looks for
 * resumed connections only when MHD_run starts, and the wake-up it sends itself can be swallowed by a run
 * already under way, after which nothing would call MHD_run again (found by tests/api/06: a save that
 * never answered). */
#include "util/common.h"
#include "http/acceptor.h"
#include "util/log.h"
#include <errno.h>
#include <limits.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdatomic.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

struct handoff {
	int fd;
	socklen_t len;
	struct sockaddr_storage sa;
};

struct worker {
	struct MHD_Daemon *d;
	int i;		 /* its number, for the log */
	int ep;		 /* our epoll: the daemon's epoll descriptor and `ev` */
	int ev;		 /* eventfd: connections handed over, or time to stop */
	atomic_int open; /* connections the daemon holds */
	atomic_bool stop;
	pthread_mutex_t mu; /* guards q */
	struct handoff *q;
	size_t nq, cap;
	pthread_t thread;
	bool started;
	struct acceptor_source *src; /* acceptor_source_add's, or NULL */
};

struct acceptor {
	int fd;
	int n;
	struct worker *w;
	atomic_bool stopping;
	unsigned next;
	pthread_t thread;
	bool started;
};

/* a connection is counted when handed over (so the next choice sees it before the request thread runs) and
 * uncounted when libmicrohttpd closes it */
static void on_connection(void *cls, struct MHD_Connection *c, void **socket_context,
			  enum MHD_ConnectionNotificationCode toe)
{
	UNUSED(c);
	UNUSED(socket_context);
	if (toe == MHD_CONNECTION_NOTIFY_CLOSED)
		atomic_fetch_sub((atomic_int *)cls, 1);
}

static void wake(struct worker *w)
{
	uint64_t one = 1;
	while (write(w->ev, &one, sizeof one) < 0 && errno == EINTR)
		;
}

static _Atomic(struct acceptor *) running; /* the serving acceptor, for acceptor_kick */

void acceptor_kick(struct MHD_Connection *c)
{
	struct acceptor *a = atomic_load(&running);
	const union MHD_ConnectionInfo *ci =
		a ? MHD_get_connection_info(c, MHD_CONNECTION_INFO_DAEMON) : NULL;
	for (int i = 0; ci && i < a->n; i++)
		if (a->w[i].d == ci->daemon) {
			wake(&a->w[i]);
			return;
		}
}

/* the connections handed over since the last turn, added by the thread that runs the daemon */
static void take_handoffs(struct worker *w)
{
	uint64_t n;
	while (read(w->ev, &n, sizeof n) < 0 && errno == EINTR)
		;
	pthread_mutex_lock(&w->mu);
	struct handoff *q = w->q;
	size_t nq = w->nq;
	w->q = NULL;
	w->nq = w->cap = 0;
	pthread_mutex_unlock(&w->mu);
	for (size_t k = 0; k < nq; k++)
		/* libmicrohttpd owns the socket from here, and closes it if it cannot take it */
		if (MHD_add_connection(w->d, q[k].fd, (struct sockaddr *)&q[k].sa, q[k].len) != MHD_YES) {
			atomic_fetch_sub(&w->open, 1);
			log_warn("a new connection was refused by request thread %d (at its limit?)", w->i);
		}
	free(q);
}

static _Thread_local struct worker *self; /* the request thread's own worker */

bool acceptor_on_request_thread(void)
{
	return self != NULL;
}

int acceptor_source_add(struct acceptor_source *s, bool out)
{
	struct worker *w = self;
	struct epoll_event ev = {.events = EPOLLIN | (out ? EPOLLOUT : 0), .data.fd = s->fd};
	if (!w || w->src || s->fd < 0 || epoll_ctl(w->ep, EPOLL_CTL_ADD, s->fd, &ev) != 0)
		return -1;
	w->src = s;
	return 0;
}

int acceptor_source_want_out(struct acceptor_source *s, bool out)
{
	struct worker *w = self;
	struct epoll_event ev = {.events = EPOLLIN | (out ? EPOLLOUT : 0), .data.fd = s->fd};
	return w && w->src == s ? epoll_ctl(w->ep, EPOLL_CTL_MOD, s->fd, &ev) : -1;
}

void acceptor_source_remove(struct acceptor_source *s)
{
	struct worker *w = self;
	if (!w || w->src != s)
		return;
	epoll_ctl(w->ep, EPOLL_CTL_DEL, s->fd, NULL);
	w->src = NULL;
}

static void (*batch_end)(void);

void acceptor_set_batch_end(void (*fn)(void))
{
	batch_end = fn;
}

static void *worker_loop(void *arg)
{
	struct worker *w = arg;
	self = w;
	while (!atomic_load(&w->stop)) {
		MHD_UNSIGNED_LONG_LONG to = 0;
		int ms = MHD_get_timeout(w->d, &to) == MHD_YES ? (to > INT_MAX ? INT_MAX : (int)to) : -1;
		struct epoll_event ev[3];
		int n = epoll_wait(w->ep, ev, 3, ms);
		if (n < 0 && errno != EINTR) {
			log_error("request thread %d: epoll_wait: %s", w->i, strerror(errno));
			nanosleep(&(struct timespec){0, 10 * 1000 * 1000}, NULL);
		}
		for (int k = 0; k < n; k++)
			if (ev[k].data.fd == w->ev)
				take_handoffs(w);
			else if (w->src && ev[k].data.fd == w->src->fd)
				w->src->ready(w->src->ctx); /* may remove the source */
		MHD_run(w->d); /* never blocks: a full batch of events is followed by the next at once */
		if (w->src)
			w->src->after_run(w->src->ctx);
		if (batch_end)
			batch_end();
	}
	struct acceptor_source *src = w->src;
	if (src) {
		src->stop(src->ctx); /* resumes what waited on it */
		MHD_run(w->d);
	}
	self = NULL;
	return NULL;
}

static int fewest(struct acceptor *a)
{
	int best = (int)(a->next++ % (unsigned)a->n), least = atomic_load(&a->w[best].open);
	for (int k = 1; k < a->n && least > 0; k++) {
		int i = (best + k) % a->n, o = atomic_load(&a->w[i].open);
		if (o < least) {
			least = o;
			best = i;
		}
	}
	return best;
}

static int hand_over(struct worker *w, int fd, const struct sockaddr_storage *sa, socklen_t len)
{
	pthread_mutex_lock(&w->mu);
	if (w->nq == w->cap) {
		size_t cap = w->cap ? w->cap * 2 : 16;
		struct handoff *q = realloc(w->q, cap * sizeof *q);
		if (!q) {
			pthread_mutex_unlock(&w->mu);
			return -1;
		}
		w->q = q;
		w->cap = cap;
	}
	w->q[w->nq++] = (struct handoff){.fd = fd, .len = len, .sa = *sa};
	atomic_fetch_add(&w->open, 1);
	pthread_mutex_unlock(&w->mu);
	wake(w);
	return 0;
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
		if (hand_over(&a->w[fewest(a)], c, &sa, len) != 0) {
			log_warn("accept: out of memory handing a connection over");
			close(c);
		}
	}
	return NULL;
}

static int start_worker(struct acceptor *a, int i, acceptor_daemon_fn start, void *cls, unsigned per, err *e)
{
	struct worker *w = &a->w[i];
	w->d = start(cls, per ? per : 1, on_connection, &w->open);
	const union MHD_DaemonInfo *di = w->d ? MHD_get_daemon_info(w->d, MHD_DAEMON_INFO_EPOLL_FD) : NULL;
	w->ep = epoll_create1(EPOLL_CLOEXEC);
	w->ev = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
	struct epoll_event mhd = {.events = EPOLLIN, .data.fd = di ? di->epoll_fd : -1},
			   hand = {.events = EPOLLIN, .data.fd = w->ev};
	if (!di || w->ep < 0 || w->ev < 0 || epoll_ctl(w->ep, EPOLL_CTL_ADD, di->epoll_fd, &mhd) != 0 ||
	    epoll_ctl(w->ep, EPOLL_CTL_ADD, w->ev, &hand) != 0)
		return err_set(e, 503, "listen_failed", "listen", "无法启动请求线程 %d",
			       "could not start request thread %d", i);
	if (pthread_create(&w->thread, NULL, worker_loop, w) != 0)
		return err_set(e, 503, "listen_failed", "listen", "无法启动请求线程 %d",
			       "could not start request thread %d", i);
	w->started = true;
	return 0;
}

struct acceptor *acceptor_start(const struct sockaddr_in *sa, int threads, unsigned conn_limit,
				acceptor_daemon_fn start, void *cls, unsigned *port, err *e)
{
	struct acceptor *a = xcalloc(1, sizeof *a);
	a->n = threads;
	a->w = xcalloc((size_t)threads, sizeof *a->w);
	for (int i = 0; i < threads; i++) {
		a->w[i].ep = a->w[i].ev = -1;
		a->w[i].i = i;
		pthread_mutex_init(&a->w[i].mu, NULL);
	}
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
	for (int i = 0; i < threads; i++)
		if (start_worker(a, i, start, cls, per, e) != 0)
			goto fail;
	if (pthread_create(&a->thread, NULL, accept_loop, a) != 0) {
		err_set(e, 503, "listen_failed", "listen", "无法启动接收线程",
			"could not start the accepting thread");
		goto fail;
	}
	a->started = true;
	atomic_store(&running, a);
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
	struct acceptor *me = a;
	atomic_compare_exchange_strong(&running, &me, NULL);
	for (int i = 0; i < a->n; i++) {
		struct worker *w = &a->w[i];
		if (w->started) {
			atomic_store(&w->stop, true);
			wake(w);
			pthread_join(w->thread, NULL);
		}
		for (size_t k = 0; k < w->nq; k++) /* handed over but never taken */
			close(w->q[k].fd);
		free(w->q);
		if (w->d)
			MHD_stop_daemon(w->d);
		if (w->ep >= 0)
			close(w->ep);
		if (w->ev >= 0)
			close(w->ev);
		pthread_mutex_destroy(&w->mu);
	}
	free(a->w);
	free(a);
}
