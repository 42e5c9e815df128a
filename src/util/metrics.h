/* metrics.h: the process's counters for GET /metrics, in the Prometheus text format (version 0.0.4).
 * Requests by route and status with a latency histogram per route, database faults, transaction retries,
 * the autosave committer's batches and queue waits, and the use of the database connections. Every update is
 * a relaxed atomic add: no lock on the request path. The server registers its route table once
 * (metrics_routes) before it serves. */
#ifndef JINENG_METRICS_H
#define JINENG_METRICS_H

#include "util/common.h"

enum metric {
	M_DB_FAULT_BUSY,   /* a statement found the database locked or busy */
	M_DB_FAULT_RETRY,  /* connection lost or serialisation failure */
	M_DB_FAULT_ERROR,  /* any other database error (not a conflict) */
	M_TX_RETRIES,	   /* svc_tx ran a unit of work again after a retryable failure */
	M_AUTOSAVE_FAILED, /* autosave batches that failed as a whole (their saves answered 503) */
	M_REQUESTS_ACTIVE, /* gauge: requests being served now */
	M_DB_POOL_SIZE,	 /* gauge: the worker threads, each with at most one database connection of its own */
	M_DB_CONNS_OPEN, /* gauge: database connections open (the workers', their pipelined reads', the
			    committer's) */
	M_DB_CONNS_IN_USE, /* gauge: worker connections serving an API request now */
	M_AUTOSAVE_QUEUED, /* gauge: autosave jobs waiting for the committer's next batch */
	M_PIPE_READS,	   /* reads answered through a request thread's pipelined connection (db_pipe.h) */
	M_PIPE_GROUPS,	   /* groups of pipelined reads sent (one sync each): reads / groups = reads a trip */
	M_READ_SNAPSHOTS_KEPT, /* read-only requests read in the snapshot their thread kept (db_read_end) */
	M_COUNT
};

void metrics_add(enum metric m, int64_t n);
/* the route table: routes 0..n-1 by method and pattern; requests of no route are counted apart */
void metrics_routes(int n, const char *const *methods, const char *const *patterns);
/* a finished request: its route (-1: an /api/ path of no route; -2: a page or a static file), its status and
 * its time in microseconds */
void metrics_request(int route, int status, int64_t us);
/* one autosave batch: the saves it held and the time its transaction took, in microseconds */
void metrics_batch(int saves, int64_t us);
/* one autosave job's wait in the committer's queue, from its enqueue to the start of its batch (us) */
void metrics_queue_wait(int64_t us);
/* a read-only node's replica (issue 18 item 3): its lag in milliseconds and whether it streams; rendered
 * only once set */
void metrics_replica(int64_t lag_ms, bool streaming);
/* the text of every metric (malloc'd, NUL-terminated; *len its length) */
char *metrics_render(size_t *len);

#endif
