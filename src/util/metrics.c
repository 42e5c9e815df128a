/* metrics.c: the counters of metrics.h and their text. Routes are counted in one array allocated when the
 * route table is registered; statuses fold into the classes a dashboard reads (each code the API answers is
 * listed; any other is counted as "other"). */
#include "util/common.h"
#include "util/buf.h"
#include "util/metrics.h"
#include <stdatomic.h>

/* latency buckets in seconds (Prometheus' "le"), and the batch sizes */
static const double lat_le[] = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5};
#define NLAT (sizeof lat_le / sizeof *lat_le)
static const int batch_le[] = {1, 2, 4, 8, 16, 32, 64, 128, 256, 512};
#define NBATCH (sizeof batch_le / sizeof *batch_le)
static const int statuses[] = {200, 201, 204, 206, 304, 400, 401, 403, 404, 405,
			       409, 410, 413, 415, 422, 429, 500, 502, 503, 504};
#define NSTATUS (sizeof statuses / sizeof *statuses + 1) /* the last one: any other */

struct route_stats {
	const char *method, *pattern;
	atomic_ullong by_status[NSTATUS];
	atomic_ullong le[NLAT + 1]; /* counts per bucket (not cumulative; summed when rendered) */
	atomic_ullong sum_us;
};

static atomic_llong counters[M_COUNT];
static struct route_stats *routes;
static int nroutes; /* routes[nroutes] = no route, routes[nroutes + 1] = pages and static files */
static atomic_ullong batch_le_n[NBATCH + 1], batch_saves, batch_count, batch_us, batch_lat[NLAT + 1];
static atomic_ullong wait_lat[NLAT + 1], wait_count, wait_us;

static const struct {
	const char *name, *type, *help;
} meta[M_COUNT] = {
	[M_DB_FAULT_BUSY] = {"jineng_db_faults_total{kind=\"busy\"}", "counter",
			     "database statements that failed, by kind"},
	[M_DB_FAULT_RETRY] = {"jineng_db_faults_total{kind=\"retry\"}", "counter", NULL},
	[M_DB_FAULT_ERROR] = {"jineng_db_faults_total{kind=\"error\"}", "counter", NULL},
	[M_TX_RETRIES] = {"jineng_tx_retries_total", "counter",
			  "units of work run again after a retryable database failure"},
	[M_AUTOSAVE_FAILED] = {"jineng_autosave_failed_batches_total", "counter",
			       "autosave batches that failed as a whole (their saves answered 503)"},
	[M_REQUESTS_ACTIVE] = {"jineng_http_requests_active", "gauge", "requests being served now"},
	[M_DB_POOL_SIZE] = {"jineng_db_pool_size", "gauge",
			    "worker threads, each holding at most one database connection of its own"},
	[M_DB_CONNS_OPEN] =
		{"jineng_db_connections_open", "gauge",
		 "database connections open (the workers', their pipelined reads' and the autosave "
		 "committer's)"},
	[M_DB_CONNS_IN_USE] = {"jineng_db_connections_in_use", "gauge",
			       "worker connections serving an API request now"},
	[M_AUTOSAVE_QUEUED] = {"jineng_autosave_queued", "gauge",
			       "autosave jobs waiting for the committer's next batch"},
	[M_PIPE_READS] = {"jineng_db_pipelined_reads_total", "counter",
			  "reads answered through a request thread's pipelined PostgreSQL connection"},
	[M_PIPE_GROUPS] = {"jineng_db_pipelined_groups_total", "counter",
			   "groups of pipelined reads sent to PostgreSQL, one round trip each"},
	[M_READ_SNAPSHOTS_KEPT] =
		{"jineng_db_read_snapshots_kept_total", "counter",
		 "read-only requests served from the SQLite snapshot their thread kept from the "
		 "request before"},
};

void metrics_add(enum metric m, int64_t n)
{
	if ((unsigned)m < M_COUNT)
		atomic_fetch_add_explicit(&counters[m], n, memory_order_relaxed);
}

void metrics_routes(int n, const char *const *methods, const char *const *patterns)
{
	struct route_stats *rs = xcalloc((size_t)n + 2, sizeof *rs);
	for (int i = 0; i < n; i++) {
		rs[i].method = methods[i];
		rs[i].pattern = patterns[i];
	}
	rs[n].method = "*";
	rs[n].pattern = "(no route)";
	rs[n + 1].method = "GET";
	rs[n + 1].pattern = "(pages and files)";
	free(routes);
	routes = rs;
	nroutes = n;
}

static size_t lat_bucket(int64_t us)
{
	size_t i = 0;
	while (i < NLAT && (double)us > lat_le[i] * 1e6)
		i++;
	return i;
}

void metrics_request(int route, int status, int64_t us)
{
	if (!routes)
		return;
	struct route_stats *s = &routes[route >= 0 && route < nroutes ? route
					: route == -1		      ? nroutes
								      : nroutes + 1];
	size_t k = NSTATUS - 1;
	for (size_t i = 0; i + 1 < NSTATUS; i++)
		if (statuses[i] == status) {
			k = i;
			break;
		}
	atomic_fetch_add_explicit(&s->by_status[k], 1, memory_order_relaxed);
	atomic_fetch_add_explicit(&s->le[lat_bucket(us)], 1, memory_order_relaxed);
	atomic_fetch_add_explicit(&s->sum_us, (unsigned long long)(us > 0 ? us : 0), memory_order_relaxed);
}

void metrics_batch(int saves, int64_t us)
{
	size_t i = 0;
	while (i < NBATCH && saves > batch_le[i])
		i++;
	atomic_fetch_add_explicit(&batch_le_n[i], 1, memory_order_relaxed);
	atomic_fetch_add_explicit(&batch_count, 1, memory_order_relaxed);
	atomic_fetch_add_explicit(&batch_saves, (unsigned long long)saves, memory_order_relaxed);
	atomic_fetch_add_explicit(&batch_us, (unsigned long long)(us > 0 ? us : 0), memory_order_relaxed);
	atomic_fetch_add_explicit(&batch_lat[lat_bucket(us)], 1, memory_order_relaxed);
}

void metrics_queue_wait(int64_t us)
{
	atomic_fetch_add_explicit(&wait_lat[lat_bucket(us)], 1, memory_order_relaxed);
	atomic_fetch_add_explicit(&wait_count, 1, memory_order_relaxed);
	atomic_fetch_add_explicit(&wait_us, (unsigned long long)(us > 0 ? us : 0), memory_order_relaxed);
}

#define LOAD(x) atomic_load_explicit(&(x), memory_order_relaxed)

/* a histogram over the latency buckets, its counts per bucket in v (not cumulative) */
static void lat_histogram(buf *b, const char *name, const char *help, const atomic_ullong *v,
			  unsigned long long sum_us, unsigned long long count)
{
	buf_printf(b, "# HELP %s %s\n# TYPE %s histogram\n", name, help, name);
	unsigned long long cum = 0;
	for (size_t k = 0; k <= NLAT; k++) {
		cum += atomic_load_explicit(&v[k], memory_order_relaxed);
		if (k < NLAT)
			buf_printf(b, "%s_bucket{le=\"%g\"} %llu\n", name, lat_le[k], cum);
		else
			buf_printf(b, "%s_bucket{le=\"+Inf\"} %llu\n", name, cum);
	}
	buf_printf(b, "%s_sum %.6f\n%s_count %llu\n", name, (double)sum_us / 1e6, name, count);
}

/* a label value: \, " and newlines escaped (patterns are ours, but the format demands it) */
static void label(buf *b, const char *s)
{
	for (; *s; s++) {
		if (*s == '\\' || *s == '"')
			buf_printf(b, "\\%c", *s);
		else if (*s == '\n')
			buf_add(b, "\\n", 2);
		else
			buf_add(b, s, 1);
	}
}

static void route_labels(buf *b, const struct route_stats *s)
{
	buf_add(b, "method=\"", 8);
	label(b, s->method);
	buf_add(b, "\",route=\"", 9);
	label(b, s->pattern);
	buf_add(b, "\"", 1);
}

static atomic_llong replica_lag_ms = -1;
static atomic_int replica_streaming;

void metrics_replica(int64_t lag_ms, bool streaming)
{
	atomic_store_explicit(&replica_streaming, streaming, memory_order_relaxed);
	atomic_store_explicit(&replica_lag_ms, lag_ms, memory_order_relaxed);
}

char *metrics_render(size_t *len)
{
	buf b = {0};
	for (int m = 0; m < M_COUNT; m++) {
		if (meta[m].help) {
			const char *brace = strchr(meta[m].name, '{');
			int base = brace ? (int)(brace - meta[m].name) : (int)strlen(meta[m].name);
			buf_printf(&b, "# HELP %.*s %s\n# TYPE %.*s %s\n", base, meta[m].name, meta[m].help,
				   base, meta[m].name, meta[m].type);
		}
		buf_printf(&b, "%s %lld\n", meta[m].name, (long long)LOAD(counters[m]));
	}
	buf_printf(&b, "# HELP jineng_http_requests_total requests answered, by route and status\n"
		       "# TYPE jineng_http_requests_total counter\n");
	for (int i = 0; routes && i < nroutes + 2; i++)
		for (size_t k = 0; k < NSTATUS; k++) {
			unsigned long long n = LOAD(routes[i].by_status[k]);
			if (!n)
				continue;
			buf_add(&b, "jineng_http_requests_total{", 27);
			route_labels(&b, &routes[i]);
			if (k + 1 < NSTATUS)
				buf_printf(&b, ",status=\"%d\"} %llu\n", statuses[k], n);
			else
				buf_printf(&b, ",status=\"other\"} %llu\n", n);
		}
	buf_printf(&b, "# HELP jineng_http_request_duration_seconds time from the request's arrival to its "
		       "reply\n# TYPE jineng_http_request_duration_seconds histogram\n");
	for (int i = 0; routes && i < nroutes + 2; i++) {
		unsigned long long cum = 0;
		for (size_t k = 0; k <= NLAT; k++)
			cum += LOAD(routes[i].le[k]);
		if (!cum)
			continue;
		unsigned long long total = cum;
		cum = 0;
		for (size_t k = 0; k <= NLAT; k++) {
			cum += LOAD(routes[i].le[k]);
			buf_add(&b, "jineng_http_request_duration_seconds_bucket{", 44);
			route_labels(&b, &routes[i]);
			if (k < NLAT)
				buf_printf(&b, ",le=\"%g\"} %llu\n", lat_le[k], cum);
			else
				buf_printf(&b, ",le=\"+Inf\"} %llu\n", cum);
		}
		buf_add(&b, "jineng_http_request_duration_seconds_sum{", 41);
		route_labels(&b, &routes[i]);
		buf_printf(&b, "} %.6f\n", (double)LOAD(routes[i].sum_us) / 1e6);
		buf_add(&b, "jineng_http_request_duration_seconds_count{", 43);
		route_labels(&b, &routes[i]);
		buf_printf(&b, "} %llu\n", total);
	}
	buf_printf(&b, "# HELP jineng_autosave_batch_saves saves per autosave committer batch\n"
		       "# TYPE jineng_autosave_batch_saves histogram\n");
	unsigned long long cum = 0;
	for (size_t k = 0; k <= NBATCH; k++) {
		cum += LOAD(batch_le_n[k]);
		if (k < NBATCH)
			buf_printf(&b, "jineng_autosave_batch_saves_bucket{le=\"%d\"} %llu\n", batch_le[k],
				   cum);
		else
			buf_printf(&b, "jineng_autosave_batch_saves_bucket{le=\"+Inf\"} %llu\n", cum);
	}
	buf_printf(&b, "jineng_autosave_batch_saves_sum %llu\njineng_autosave_batch_saves_count %llu\n",
		   LOAD(batch_saves), LOAD(batch_count));
	lat_histogram(&b, "jineng_autosave_batch_seconds", "time of an autosave batch's transaction",
		      batch_lat, LOAD(batch_us), LOAD(batch_count));
	lat_histogram(&b, "jineng_autosave_queue_wait_seconds",
		      "time an autosave job waited in the committer's queue before its batch began", wait_lat,
		      LOAD(wait_us), LOAD(wait_count));
	long long lag = LOAD(replica_lag_ms);
	if (lag >= 0)
		buf_printf(
			&b,
			"# HELP jineng_replication_lag_seconds how far the read-only node's database is "
			"behind "
			"its primary\n# TYPE jineng_replication_lag_seconds gauge\n"
			"jineng_replication_lag_seconds %.3f\n"
			"# HELP jineng_replica_streaming 1 while the standby receives WAL from its primary\n"
			"# TYPE jineng_replica_streaming gauge\njineng_replica_streaming %d\n",
			(double)lag / 1000, LOAD(replica_streaming));
	return buf_take(&b, len);
}
