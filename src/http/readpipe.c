/* readpipe.c: each request thread's pipelined PostgreSQL connection (readpipe.h), opened on the first read
 * that asks for it and watched by the thread's event loop (http/acceptor.h, a source): the reads queued
 * during a turn are sent after its MHD_run, their results are read when the socket is readable, and a
 * connection that breaks is closed (its reads answered 503) and opened again on a read a second later at the
 * earliest, the reads in between going the ordinary way. */
#include "util/common.h"
#include "http/readpipe.h"
#include "http/acceptor.h"
#include "store/db_pipe.h"
#include "util/log.h"
#include "util/metrics.h"
#include <poll.h>
#include <time.h>

struct readpipe {
	db_pipe *p;
	struct acceptor_source src;
	bool out; /* waiting for the socket to take the rest of what was sent */
};

static _Thread_local struct readpipe *tl;
static _Thread_local int64_t reopen_at; /* monotonic ms: no new connection before (after a failure) */

struct pending {
	req *r;
	readpipe_fn fn;
	void *ctx;
};

static void on_rows(void *ctx, db_stmt *rows, int rc, db *d)
{
	struct pending *pd = ctx;
	if (rc != DB_OK)
		db_rc_to_err(d, rc, &pd->r->e);
	pd->fn(pd->r, rows, pd->ctx);
	req_complete(pd->r);
}

/* the connection is closed; its reads in flight are answered 503 by db_pipe_close */
static void drop(struct readpipe *rp)
{
	acceptor_source_remove(&rp->src);
	db_pipe_close(rp->p);
	metrics_add(M_DB_CONNS_OPEN, -1);
	free(rp);
	tl = NULL;
	reopen_at = mono_ms() + 1000;
}

static void want_out(struct readpipe *rp, bool out)
{
	if (rp->out != out && acceptor_source_want_out(&rp->src, out) == 0)
		rp->out = out;
}

static void after_run(void *ctx)
{
	struct readpipe *rp = ctx;
	int rc = db_pipe_flush(rp->p);
	if (rc < 0)
		drop(rp);
	else
		want_out(rp, rc == 1);
}

static void ready(void *ctx)
{
	struct readpipe *rp = ctx;
	if (db_pipe_input(rp->p) != 0)
		drop(rp);
	else if (rp->out) /* the rest goes with the flush after this turn's MHD_run */
		want_out(rp, false);
}

/* the thread stops: what is in flight is answered (for at most two seconds), the rest 503 */
static void stop(void *ctx)
{
	struct readpipe *rp = ctx;
	int64_t until = mono_ms() + 2000;
	while (db_pipe_pending(rp->p) && mono_ms() < until && db_pipe_flush(rp->p) >= 0) {
		struct pollfd pf = {.fd = db_pipe_fd(rp->p), .events = POLLIN};
		if (poll(&pf, 1, 100) > 0 && db_pipe_input(rp->p) != 0)
			break;
	}
	drop(rp);
}

static struct readpipe *thread_pipe(void)
{
	if (tl)
		return tl;
	/* not on a request thread (the fuzz harness's in-process daemon): no loop to watch the socket */
	if (!server_conf || !db_url_is_pg(server_conf->db_url) || !acceptor_on_request_thread() ||
	    mono_ms() < reopen_at)
		return NULL;
	err e = {0};
	struct readpipe *rp = xcalloc(1, sizeof *rp);
	rp->p = db_pipe_open(server_conf->db_url, &e);
	if (rp->p) {
		rp->src = (struct acceptor_source){.fd = db_pipe_fd(rp->p),
						   .ready = ready,
						   .after_run = after_run,
						   .stop = stop,
						   .ctx = rp};
		if (acceptor_source_add(&rp->src, false) == 0) {
			metrics_add(M_DB_CONNS_OPEN, 1);
			return tl = rp;
		}
		db_pipe_close(rp->p); /* epoll refused it */
	} else {
		log_warn("pipelined reads: %s", e.en);
	}
	free(rp);
	reopen_at = mono_ms() + 1000;
	return NULL;
}

int req_read_pipelined(req *r, const char *sql, const dbv *args, int nargs, readpipe_fn fn, void *ctx)
{
	struct readpipe *rp = thread_pipe();
	if (!rp)
		return 1;
	struct pending *pd = arena_alloc(r->a, sizeof *pd);
	*pd = (struct pending){.r = r, .fn = fn, .ctx = ctx};
	if (db_pipe_send(rp->p, sql, args, nargs, on_rows, pd) != 0) {
		drop(rp); /* its other reads answered 503; this one goes the ordinary way */
		return 1;
	}
	req_defer(r);
	return 0;
}
