/* The accepting thread (src/http/acceptor.c): new connections are spread over the request threads, each to
 * the thread holding the fewest, and a request thread answers a full batch of its connections at once (not
 * after its idle timeout, as libmicrohttpd 0.9.75's own loop did for a batch of exactly 128). Each daemon
 * here answers a request with its own number, so a connection tells which thread serves it. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "util/common.h"
#include "http/acceptor.h"
#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static int numbers[8];
static int started;

/* /later: the request is suspended and handed to another thread, which resumes it at once (as the group
 * committer resumes a save made durable) */
static pthread_mutex_t later_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t later_cv = PTHREAD_COND_INITIALIZER;
static struct MHD_Connection *later;
static bool later_done, later_stop;

static void *resumer(void *arg)
{
	UNUSED(arg);
	pthread_mutex_lock(&later_mu);
	while (!later_stop) {
		if (later) {
			struct MHD_Connection *c = later;
			later = NULL;
			later_done = true;
			MHD_resume_connection(c);
			acceptor_kick(c);
		}
		pthread_cond_wait(&later_cv, &later_mu);
	}
	pthread_mutex_unlock(&later_mu);
	return NULL;
}

static enum MHD_Result answer(void *cls, struct MHD_Connection *c, const char *url, const char *method,
			      const char *version, const char *data, size_t *size, void **con_cls)
{
	if (!strcmp(url, "/later") && *con_cls) {
		pthread_mutex_lock(&later_mu);
		bool resumed = later_done;
		if (!resumed) {
			MHD_suspend_connection(c);
			later = c;
			pthread_cond_signal(&later_cv);
		}
		later_done = false;
		pthread_mutex_unlock(&later_mu);
		if (!resumed)
			return MHD_YES;
	}
	UNUSED(method);
	UNUSED(version);
	UNUSED(data);
	UNUSED(size);
	if (!*con_cls) { /* the reply on the second call keeps the connection open (http/server.c) */
		*con_cls = c;
		return MHD_YES;
	}
	char body[16];
	snprintf(body, sizeof body, "%d", *(int *)cls);
	struct MHD_Response *r = MHD_create_response_from_buffer(strlen(body), body, MHD_RESPMEM_MUST_COPY);
	enum MHD_Result ok = MHD_queue_response(c, 200, r);
	MHD_destroy_response(r);
	return ok;
}

static struct MHD_Daemon *start(void *cls, unsigned conn_limit, MHD_NotifyConnectionCallback notify,
				void *notify_cls)
{
	UNUSED(cls);
	numbers[started] = started;
	return MHD_start_daemon(
		MHD_USE_EPOLL | MHD_USE_ITC | MHD_ALLOW_SUSPEND_RESUME | MHD_USE_NO_LISTEN_SOCKET, 0, NULL,
		NULL, answer, &numbers[started++], MHD_OPTION_NOTIFY_CONNECTION, notify, notify_cls,
		MHD_OPTION_CONNECTION_LIMIT, conn_limit, MHD_OPTION_CONNECTION_TIMEOUT, 60u, MHD_OPTION_END);
}

static struct acceptor *serve(int threads, unsigned *port)
{
	struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = 0};
	inet_pton(AF_INET, "127.0.0.1", &sa.sin_addr);
	err e = {0};
	started = 0;
	struct acceptor *a = acceptor_start(&sa, threads, 1024, start, NULL, port, &e);
	assert_non_null(a);
	return a;
}

static int dial(unsigned port)
{
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
	inet_pton(AF_INET, "127.0.0.1", &sa.sin_addr);
	assert_int_equal(connect(fd, (struct sockaddr *)&sa, sizeof sa), 0);
	return fd;
}

/* the number of the thread that answers a request on fd */
static int which(int fd)
{
	const char req[] = "GET / HTTP/1.1\r\nHost: t\r\n\r\n";
	assert_int_equal(write(fd, req, sizeof req - 1), (ssize_t)(sizeof req - 1));
	char buf[1024];
	size_t n = 0;
	const char *body = NULL;
	while (!body && n < sizeof buf - 1) {
		ssize_t k = read(fd, buf + n, sizeof buf - 1 - n);
		assert_true(k > 0);
		n += (size_t)k;
		buf[n] = 0;
		body = strstr(buf, "\r\n\r\n");
		if (body && !body[4])
			body = NULL; /* the headers came first; the body follows */
	}
	assert_non_null(body);
	return atoi(body + 4);
}

static void stop(struct acceptor *a)
{
	acceptor_stop_accepting(a);
	acceptor_free(a);
}

/* four connections opened together go to four threads, one each (libmicrohttpd's own pool let the first
 * thread to wake take up to ten of them) */
static void test_connections_opened_together_go_one_to_each_thread(void **state)
{
	UNUSED(state);
	unsigned port;
	struct acceptor *a = serve(4, &port);
	int fd[4], seen[4] = {0};
	for (int i = 0; i < 4; i++)
		fd[i] = dial(port);
	for (int i = 0; i < 4; i++) {
		int t = which(fd[i]);
		assert_true(t >= 0 && t < 4);
		seen[t]++;
	}
	for (int t = 0; t < 4; t++)
		assert_int_equal(seen[t], 1);
	for (int i = 0; i < 4; i++)
		close(fd[i]);
	stop(a);
}

/* a new connection goes to the thread holding the fewest, not the next in turn: after the second thread's
 * connection closed, the next one goes to it although the turn is the first thread's */
static void test_a_new_connection_goes_to_the_thread_with_the_fewest(void **state)
{
	UNUSED(state);
	unsigned port;
	struct acceptor *a = serve(2, &port);
	int x = dial(port), y = dial(port);
	int tx = which(x), ty = which(y);
	assert_int_not_equal(tx, ty);
	close(ty == 1 ? y : x);
	/* the thread notices the close on its next wake-up */
	nanosleep(&(struct timespec){0, 200 * 1000 * 1000}, NULL);
	int z = dial(port);
	assert_int_equal(which(z), 1);
	close(z);
	close(ty == 1 ? x : y);
	stop(a);
}

/* a port in use is an error with its code, and nothing is left running */
static void test_a_port_in_use_is_refused(void **state)
{
	UNUSED(state);
	unsigned port;
	struct acceptor *a = serve(2, &port);
	struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
	inet_pton(AF_INET, "127.0.0.1", &sa.sin_addr);
	err e = {0};
	unsigned p2;
	started = 0;
	assert_null(acceptor_start(&sa, 2, 64, start, NULL, &p2, &e));
	assert_int_equal(e.status, 503);
	assert_string_equal(e.code, "listen_failed");
	assert_int_equal(started, 0);
	stop(a);
}

/* 128 keep-alive connections on one request thread, each sending its next request at the same moment: every
 * request is answered within seconds, round after round (libmicrohttpd's own loop, handed exactly 128
 * events by one wait, waited again with the 60-second idle timeout before answering any) */
static void test_a_full_batch_is_answered_at_once(void **state)
{
	UNUSED(state);
	enum { N = 128, ROUNDS = 20 };
	unsigned port;
	struct acceptor *a = serve(1, &port);
	int fd[N];
	for (int i = 0; i < N; i++) {
		fd[i] = dial(port);
		assert_int_equal(which(fd[i]), 0);
	}
	const char req[] = "GET / HTTP/1.1\r\nHost: t\r\n\r\n";
	for (int r = 0; r < ROUNDS; r++) {
		for (int i = 0; i < N; i++)
			assert_int_equal(write(fd[i], req, sizeof req - 1), (ssize_t)(sizeof req - 1));
		struct timespec t0, t1;
		clock_gettime(CLOCK_MONOTONIC, &t0);
		for (int i = 0; i < N; i++) {
			struct pollfd p = {.fd = fd[i], .events = POLLIN};
			assert_int_equal(poll(&p, 1, 5000), 1); /* answered within 5 s */
			char buf[1024];
			size_t n = 0;
			const char *body = NULL;
			while (!body || !body[4]) { /* the headers and the one-digit body */
				ssize_t k = read(fd[i], buf + n, sizeof buf - 1 - n);
				assert_true(k > 0);
				n += (size_t)k;
				buf[n] = 0;
				body = strstr(buf, "\r\n\r\n");
			}
		}
		clock_gettime(CLOCK_MONOTONIC, &t1);
		assert_true(t1.tv_sec - t0.tv_sec < 5);
	}
	for (int i = 0; i < N; i++)
		close(fd[i]);
	stop(a);
}

/* a request suspended by its handler and resumed by another thread at once is answered, a thousand times in
 * a row on one connection (without the resumer's kick, libmicrohttpd could swallow its own wake-up and the
 * request thread slept with the answer unsent: tests/api/06 hung so) */
static void test_a_request_resumed_from_another_thread_is_answered(void **state)
{
	UNUSED(state);
	unsigned port;
	pthread_t t;
	later_stop = false;
	assert_int_equal(pthread_create(&t, NULL, resumer, NULL), 0);
	struct acceptor *a = serve(1, &port);
	int fd = dial(port);
	const char req[] = "GET /later HTTP/1.1\r\nHost: t\r\n\r\n";
	for (int i = 0; i < 1000; i++) {
		assert_int_equal(write(fd, req, sizeof req - 1), (ssize_t)(sizeof req - 1));
		char buf[1024];
		size_t n = 0;
		const char *body = NULL;
		while (!body || !body[4]) {
			struct pollfd p = {.fd = fd, .events = POLLIN};
			assert_int_equal(poll(&p, 1, 2000), 1); /* answered within 2 s */
			ssize_t k = read(fd, buf + n, sizeof buf - 1 - n);
			assert_true(k > 0);
			n += (size_t)k;
			buf[n] = 0;
			body = strstr(buf, "\r\n\r\n");
		}
	}
	close(fd);
	stop(a);
	pthread_mutex_lock(&later_mu);
	later_stop = true;
	pthread_cond_signal(&later_cv);
	pthread_mutex_unlock(&later_mu);
	pthread_join(t, NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_connections_opened_together_go_one_to_each_thread),
		cmocka_unit_test(test_a_new_connection_goes_to_the_thread_with_the_fewest),
		cmocka_unit_test(test_a_port_in_use_is_refused),
		cmocka_unit_test(test_a_full_batch_is_answered_at_once),
		cmocka_unit_test(test_a_request_resumed_from_another_thread_is_answered),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
