/* server.c: libmicrohttpd glue. One request, one arena; the reply is queued on the handler's second or later
 * call (queuing on the first call makes libmicrohttpd close the connection, halving throughput). */
#include "util/common.h"
#include "http/server.h"
#include "http/router.h"
#include "http/proxy.h"
#include "http/acceptor.h"
#include "util/log.h"
#include "util/metrics.h"
#include "util/jsonw.h"
#include "store/replica.h"
#include "store/db.h"
#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

const struct server_conf *server_conf;

static char boot_prefix[9];
static atomic_ullong req_counter;
static __thread db *thread_db;
static pthread_mutex_t conns_lock = PTHREAD_MUTEX_INITIALIZER;
static db *conns[256];
static int nconns;
static bool access_log = true;
/* what the application gave server_run: its API table, its pages and its hooks */
static const struct route *app_routes;
static const struct page *app_pages;
static const struct server_hooks *app_hooks;

/* after each batch of events on a request thread: its connection keeps no read snapshot while it waits
 * (db_read_release) */
static void release_snapshot(void)
{
	db_read_release(thread_db);
}

db *req_db(req *r)
{
	if (thread_db)
		return thread_db;
	if (db_open(server_conf->db_url, &thread_db, &r->e) != 0)
		return NULL;
	/* a request thread's loop releases the snapshot its reads keep after each batch (release_snapshot);
	 * a thread without that loop (the embedded daemon) never keeps one */
	db_keep_snapshots(thread_db, acceptor_on_request_thread());
	pthread_mutex_lock(&conns_lock);
	if (nconns < (int)ARRAY_LEN(conns))
		conns[nconns++] = thread_db;
	pthread_mutex_unlock(&conns_lock);
	metrics_add(M_DB_CONNS_OPEN, 1);
	return thread_db;
}

static enum MHD_Result collect_xff(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
	UNUSED(kind);
	buf *b = cls;
	if (key && value && !strcasecmp(key, "X-Forwarded-For")) {
		if (b->len)
			buf_addc(b, ',');
		buf_adds(b, value);
	}
	return MHD_YES;
}

/* "<boot prefix>-<n>", as "%s-%lld" would write it, cut at 23 bytes (without printf: this runs for every
 * request) */
static void request_id(char out[24], int64_t n)
{
	char digits[21];
	size_t k = (size_t)fmt_i64(n, digits), p = strlen(boot_prefix);
	memcpy(out, boot_prefix, p);
	out[p++] = '-';
	if (k > 23 - p)
		k = 23 - p;
	memcpy(out + p, digits, k);
	out[p + k] = 0;
}

static req *req_new(struct MHD_Connection *c, const char *url, const char *method)
{
	arena *a = arena_take();
	req *r = arena_zalloc(a, sizeof *r);
	r->a = a;
	r->conn = c;
	r->path = arena_strdup(a, url);
	r->method = arena_strdup(a, method);
	r->t0_us = mono_us();
	r->route = -2;
	metrics_add(M_REQUESTS_ACTIVE, 1);
	size_t lim = app_hooks && app_hooks->body_limit ? app_hooks->body_limit(method, url) : 0;
	r->max_body = lim ? lim : server_conf->max_body;
	buf_init(&r->body, r->max_body);
	request_id(r->id, (int64_t)atomic_fetch_add(&req_counter, 1));
	const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	char peer[64] = "";
	if (ci && ci->client_addr) {
		const struct sockaddr *sa = ci->client_addr;
		if (sa->sa_family == AF_INET)
			inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr, peer, sizeof peer);
		else if (sa->sa_family == AF_INET6)
			inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)sa)->sin6_addr, peer, sizeof peer);
	}
	/* behind a trusted reverse proxy the client is named by X-Forwarded-For (every such header, in order)
	 */
	_Static_assert(sizeof r->client == sizeof peer, "the client's address is the peer's");
	memcpy(r->client, peer, sizeof r->client);
	if (server_conf->ntrusted_proxies > 0 &&
	    cidr_match(server_conf->trusted_proxies, server_conf->ntrusted_proxies, peer)) {
		buf xff;
		buf_init(&xff, 8192);
		MHD_get_connection_values(c, MHD_HEADER_KIND, collect_xff, &xff);
		if (buf_ok(&xff) && xff.len)
			client_address(peer, xff.ptr, server_conf->trusted_proxies,
				       server_conf->ntrusted_proxies, r->client);
		buf_free(&xff);
	}
	const char *lang = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Accept-Language");
	const char *ql = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "lang");
	r->lang_en = (ql && !strncmp(ql, "en", 2)) || (!ql && lang && !strncmp(lang, "en", 2));
	return r;
}

static json_t *error_body(req *r)
{
	json_t *o = json_object();
	json_object_set_new(o, "code", json_string(r->e.code ? r->e.code : "internal"));
	json_object_set_new(o, "message", json_string(r->lang_en ? r->e.en : r->e.zh));
	json_object_set_new(o, "message_zh", json_string(r->e.zh));
	json_object_set_new(o, "message_en", json_string(r->e.en));
	if (r->e.field[0])
		json_object_set_new(o, "field", json_string(r->e.field));
	json_object_set_new(o, "request_id", json_string(r->id));
	return json_pack("{s:o}", "error", o);
}

static enum MHD_Result send_reply(req *r)
{
	struct MHD_Response *resp;
	const char *ctype = r->ctype;
	if (err_isset(&r->e)) {
		r->status = r->e.status;
		if (r->status >= 500)
			log_error("%s %s %s: %s", r->id, r->method, r->path, r->e.en);
		free(r->raw);
		r->raw = NULL;
		if (r->out)
			json_decref(r->out);
		r->out = error_body(r);
	}
	if (r->raw) {
		resp = MHD_create_response_from_buffer(r->raw_len, r->raw, MHD_RESPMEM_MUST_FREE);
		r->raw = NULL;
	} else {
		/* written straight from the tree, as json_dumps(JSON_COMPACT) writes it (util/jsonw.h): the
		 * dump was a tenth of a look-up's CPU */
		buf out;
		buf_init(&out, 0);
		if (r->out) {
			jw w;
			jw_init(&w, &out);
			buf_room(&out, 480); /* one allocation of 512 bytes for most replies, from the
						thread's cache */
			jw_json(&w, r->out);
		}
		size_t n = out.len;
		char *s = out.ptr;
		resp = MHD_create_response_from_buffer(n, s ? s : (char *)"",
						       s ? MHD_RESPMEM_MUST_FREE : MHD_RESPMEM_PERSISTENT);
		ctype = "application/json; charset=utf-8";
		MHD_add_response_header(resp, "Cache-Control", "no-store");
		r->raw_len = n;
	}
	if (ctype)
		MHD_add_response_header(resp, "Content-Type", ctype);
	MHD_add_response_header(resp, "X-Request-Id", r->id);
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	if (r->filename) {
		char cd[256];
		snprintf(cd, sizeof cd, "attachment; filename=\"%s\"", r->filename);
		MHD_add_response_header(resp, "Content-Disposition", cd);
	}
	bool retry_after = false;
	for (int i = 0; i < r->nhdr; i++) {
		MHD_add_response_header(resp, r->hdr[i][0], r->hdr[i][1]);
		retry_after |= !strcasecmp(r->hdr[i][0], "Retry-After");
	}
	/* every 503 says when to come back (a database failing over, a connection replaced): one second,
	 * unless the handler named its own wait */
	if (r->status == 503 && !retry_after)
		MHD_add_response_header(resp, "Retry-After", "1");
	enum MHD_Result ok = MHD_queue_response(r->conn, (unsigned)(r->status ? r->status : 200), resp);
	MHD_destroy_response(resp);
	return ok;
}

static void api_run(req *r, const struct route *rt);

/* A read-only node (--read-only, issue 18 item 3) answers the public GETs only (verification, public keys,
 * status lists, the other public look-ups), from a hot standby; a write is refused 405 and any other read
 * 503 (so a balancer sends it to a node that can answer). Its replica is read at most every half second;
 * when the standby is cut off from its primary or more than max_lag_s behind, every API request (health
 * too) answers 503 replica_behind, which takes the node out of nginx's pool until it has caught up. */
static pthread_mutex_t replica_mu = PTHREAD_MUTEX_INITIALIZER;
static struct replica_state replica_last;
static int64_t replica_at_us;
static bool replica_read;

bool req_replica(bool *standby, double *lag_s)
{
	if (!server_conf || !server_conf->read_only)
		return false;
	pthread_mutex_lock(&replica_mu);
	*standby = replica_last.standby;
	*lag_s = replica_last.lag_s;
	pthread_mutex_unlock(&replica_mu);
	return true;
}

static int replica_fresh(req *r, struct replica_state *out)
{
	int64_t now = mono_us();
	pthread_mutex_lock(&replica_mu);
	bool fresh = replica_read && now - replica_at_us < 500000;
	*out = replica_last;
	pthread_mutex_unlock(&replica_mu);
	if (fresh)
		return 0;
	db *d = req_db(r);
	if (!d || replica_state(d, out, &r->e) != 0)
		return -1;
	pthread_mutex_lock(&replica_mu);
	replica_last = *out;
	replica_at_us = now;
	replica_read = true;
	pthread_mutex_unlock(&replica_mu);
	metrics_replica((int64_t)(out->lag_s * 1000), out->streaming);
	return 0;
}

/* the lag bound of a read-only node, for its API and its pages (the /v/ verification page) alike */
static int replica_gate(req *r)
{
	struct replica_state s;
	if (replica_fresh(r, &s) != 0)
		return -1;
	if (!s.streaming || s.lag_s > server_conf->max_lag_s) {
		req_add_header(r, "Retry-After", "5");
		if (!s.streaming)
			return err_set(&r->e, 503, "replica_behind", NULL,
				       "只读节点与主库的复制已中断，暂不提供查验",
				       "this read-only node's replication from the primary is cut off; it "
				       "answers no look-ups until it streams again");
		return err_set(&r->e, 503, "replica_behind", NULL,
			       "只读节点落后主库 %.1f 秒（上限 %d 秒），暂不提供查验",
			       "this read-only node is %.1f s behind the primary (at most %d s allowed)",
			       s.lag_s, server_conf->max_lag_s);
	}
	return 0;
}

static int read_only_gate(req *r, const struct route *rt)
{
	if (strcmp(r->method, "GET") && strcmp(r->method, "HEAD")) {
		req_add_header(r, "Allow", "GET, HEAD");
		return err_set(&r->e, 405, "read_only_node", NULL,
			       "本节点为只读查验节点，不接受修改；请通过主站点办理",
			       "this is a read-only verification node: it accepts no changes; use the main "
			       "site");
	}
	if (!(rt->roles & RB(ROLE_PUBLIC)))
		return err_set(&r->e, 503, "read_only_node", NULL,
			       "本节点为只读查验节点，只提供公开查验、公钥和状态列表",
			       "this is a read-only verification node: it answers only the public look-ups "
			       "(verification, public keys, status lists)");
	return replica_gate(r);
}

/* A database fault during the request (a statement that failed with busy, retry or error) must never be
 * answered as success or "not found": whatever the handler replied below 500 becomes the fault's 503/500.
 * Deferred requests are answered by their worker (the group committer), which reports its own faults. */
static void fault_net(req *r)
{
	int f = thread_db ? db_fault(thread_db) : 0;
	if (!f || __atomic_load_n(&r->deferred, __ATOMIC_ACQUIRE))
		return;
	int status = err_isset(&r->e) ? r->e.status : r->status ? r->status : 200;
	if (status >= 500)
		return;
	log_warn("%s: %s %s answered %d after a database fault; answering 503/500 instead", r->id, r->method,
		 r->path, status);
	json_decref(r->out);
	r->out = NULL;
	free(r->raw);
	r->raw = NULL;
	r->raw_len = 0;
	r->status = 0;
	r->ctype = NULL;
	r->filename = NULL;
	r->nhdr = 0;
	err_clear(&r->e);
	db_rc_to_err(thread_db, f, &r->e);
}

static void api_dispatch(req *r)
{
	const struct route *rt = NULL;
	r->route = -1;
	switch (router_match(app_routes, r->a, r->method, r->path, &rt, r->params, &r->nparams)) {
	case ROUTE_NO_PATH:
		err_set(&r->e, 404, "no_such_endpoint", NULL, "接口不存在：%s", "no such endpoint: %s",
			r->path);
		return;
	case ROUTE_NO_METHOD:
		req_add_header(r, "Allow", router_allow(app_routes, r->a, r->path));
		err_set(&r->e, 405, "method_not_allowed", NULL, "该接口不支持 %s 方法",
			"method %s not allowed here", r->method);
		return;
	case ROUTE_FOUND:
		r->route = (int)(rt - app_routes);
		break;
	}
	if (req_check_lengths(r, rt->pattern, REQ_MAX_VALUE) != 0)
		return;
	if (server_conf->read_only && read_only_gate(r, rt) != 0)
		return;
	bool reading = !strcmp(r->method, "GET") || !strcmp(r->method, "HEAD");
	/* the worker's connection is this request's until it returns (a suspended autosave waits on the
	 * committer's connection, not on this one) */
	metrics_add(M_DB_CONNS_IN_USE, 1);
	db *rd = reading ? req_db(r) : NULL;
	if (!reading)
		db_read_release(thread_db); /* a write never runs in a kept read snapshot */
	if (thread_db)
		db_fault_clear(thread_db);
	if (rd)
		db_read_begin(rd);
	api_run(r, rt);
	if (rd)
		db_read_end(rd);
	fault_net(r);
	if (r->db && db_in_tx(r->db)) {
		log_error("%s: transaction left open by %s %s", r->id, r->method, r->path);
		db_abort_all(r->db);
	}
	if (thread_db && db_in_tx(thread_db))
		db_abort_all(thread_db);
	metrics_add(M_DB_CONNS_IN_USE, -1);
}

/* authentication, the role check, then the handler */
static void api_run(req *r, const struct route *rt)
{
	const char *authz = req_header(r, "Authorization");
	r->who.role = ROLE_PUBLIC;
	if (authz && *authz) {
		if (strncasecmp(authz, "Bearer ", 7) != 0) {
			err_set(&r->e, 401, "invalid_token", NULL, "认证头格式应为 Bearer 令牌",
				"the Authorization header must be 'Bearer <token>'");
			return;
		}
		db *d = req_db(r);
		if (!d || app_hooks->authenticate(d, authz + 7, &r->who, &r->e) != 0)
			return;
	}
	if (r->who.role == ROLE_PUBLIC && !(rt->roles & RB(ROLE_PUBLIC))) {
		err_set(&r->e, 401, "login_required", NULL, "请先登录", "login required");
		return;
	}
	if (!role_in(&r->who, rt->roles)) {
		err_set(&r->e, 403, "forbidden", NULL, "当前角色（%s）无权执行此操作",
			"your role (%s) may not do this", role_name_zh(r->who.role));
		if (r->lang_en)
			snprintf(r->e.en, sizeof r->e.en, "your role (%s) may not do this",
				 role_name(r->who.role));
		return;
	}
	if (rt->fn(r) != 0 && !err_isset(&r->e))
		ERR_INTERNAL(&r->e, "handler failed without an error");
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url, const char *method,
				  const char *version, const char *upload, size_t *upload_size,
				  void **con_cls)
{
	UNUSED(cls);
	UNUSED(version);
	req *r = *con_cls;
	if (!r) {
		r = req_new(c, url, method);
		*con_cls = r;
		const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
		unsigned long long len = cl ? strtoull(cl, NULL, 10) : 0;
		if (len > r->max_body)
			r->too_big = true; /* the body is read and dropped, so the client sees the 413 */
		if (len > 16 * (unsigned long long)r->max_body) {
			/* absurd: refuse before reading; this reply closes the connection */
			err_set(&r->e, 413, "body_too_large", NULL, "请求体超过上限 %zu 字节",
				"request body exceeds the limit of %zu bytes", r->max_body);
			return send_reply(r);
		}
		return MHD_YES;
	}
	if (*upload_size) {
		if (!r->too_big) {
			buf_add(&r->body, upload, *upload_size);
			if (!buf_ok(&r->body))
				r->too_big = true;
		}
		*upload_size = 0;
		return MHD_YES;
	}
	if (r->deferred) {
		int st = __atomic_load_n(&r->deferred, __ATOMIC_ACQUIRE);
		if (st != DEFER_DONE && st != DEFER_DONE_EARLY)
			return MHD_YES; /* not ready (or sent) */
		r->deferred = DEFER_SENT;
		return send_reply(r);
	}
	if (r->status || err_isset(&r->e))
		return MHD_YES; /* already answered */
	if (r->too_big) {
		err_set(&r->e, 413, "body_too_large", NULL, "请求体超过上限 %zu 字节",
			"request body exceeds the limit of %zu bytes", r->max_body);
	} else if (!strncmp(r->path, "/api/", 5)) {
		api_dispatch(r);
		int dst = __atomic_load_n(&r->deferred, __ATOMIC_ACQUIRE);
		if (dst == DEFER_WAITING || dst == DEFER_DONE_EARLY) {
			/* suspend first, then publish it; if the work finished meanwhile, resume at once */
			MHD_suspend_connection(c);
			int want = DEFER_WAITING;
			if (!__atomic_compare_exchange_n(&r->deferred, &want, DEFER_SUSPENDED, false,
							 __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
				MHD_resume_connection(c); /* done before we suspended */
				acceptor_kick(c);
			}
			return MHD_YES;
		}
	} else if (strcmp(method, "GET") && strcmp(method, "HEAD")) {
		req_add_header(r, "Allow", "GET, HEAD");
		err_set(&r->e, 405, "method_not_allowed", NULL, "该地址只支持 GET",
			"only GET is allowed here");
	} else {
		const struct page *pg = app_pages;
		while (pg && pg->prefix && strncmp(r->path, pg->prefix, strlen(pg->prefix)))
			pg++;
		if (pg && pg->prefix) {
			/* a read-only node too far behind answers no page of the database (/v/); /metrics
			 * still answers, with the lag */
			bool behind = server_conf->read_only && strcmp(pg->prefix, "/metrics") &&
				      replica_gate(r) != 0;
			if (!behind && req_check_lengths(r, NULL, pg->max_value) == 0 && pg->fn(r) != 0 &&
			    !err_isset(&r->e))
				ERR_INTERNAL(&r->e, "page handler failed");
		} else {
			static_serve(r);
		}
	}
	return send_reply(r);
}

void req_defer(req *r)
{
	__atomic_store_n(&r->deferred, DEFER_WAITING, __ATOMIC_RELEASE);
}

void req_undefer(req *r)
{
	__atomic_store_n(&r->deferred, DEFER_NONE, __ATOMIC_RELEASE);
}

void req_complete(req *r)
{
	int want = DEFER_WAITING;
	if (__atomic_compare_exchange_n(&r->deferred, &want, DEFER_DONE_EARLY, false, __ATOMIC_ACQ_REL,
					__ATOMIC_ACQUIRE))
		return; /* the worker has not suspended yet: it will resume itself */
	__atomic_store_n(&r->deferred, DEFER_DONE, __ATOMIC_RELEASE);
	MHD_resume_connection(r->conn);
	acceptor_kick(r->conn); /* its request thread runs the daemon again (http/acceptor.c) */
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
			 enum MHD_RequestTerminationCode tc)
{
	UNUSED(cls);
	UNUSED(c);
	req *r = *con_cls;
	if (!r)
		return;
	if (access_log)
		log_access(&(struct log_access){
			.id = r->id,
			.client = r->client,
			.user = r->who.user_id ? r->who.username : "-",
			.method = r->method,
			.path = r->path,
			.status = r->status,
			.bytes = r->raw_len,
			.us = mono_us() - r->t0_us,
			.aborted = tc != MHD_REQUEST_TERMINATED_COMPLETED_OK,
		});
	metrics_request(r->route, r->status ? r->status : 200, mono_us() - r->t0_us);
	metrics_add(M_REQUESTS_ACTIVE, -1);
	if (r->out)
		json_decref(r->out);
	free(r->raw);
	buf_free(&r->body);
	arena_give(r->a);
	*con_cls = NULL;
}

static void set_app(const struct route *routes, const struct page *pages, const struct server_hooks *hooks)
{
	app_routes = routes;
	app_pages = pages;
	app_hooks = hooks;
	int n = 0;
	while (routes && routes[n].method)
		n++;
	const char **methods = xcalloc((size_t)n + 1, sizeof *methods),
		   **patterns = xcalloc((size_t)n + 1, sizeof *patterns);
	for (int i = 0; i < n; i++) {
		methods[i] = routes[i].method;
		patterns[i] = routes[i].pattern;
	}
	metrics_routes(n, methods, patterns);
	free(methods);
	free(patterns);
}

struct MHD_Daemon *server_start_embedded(const struct server_conf *conf, const struct route *routes,
					 const struct page *pages, const struct server_hooks *hooks)
{
	server_conf = conf;
	set_app(routes, pages, hooks);
	access_log = false;
	snprintf(boot_prefix, sizeof boot_prefix, "embedded");
	return MHD_start_daemon(MHD_USE_NO_LISTEN_SOCKET | MHD_USE_ITC | MHD_ALLOW_SUSPEND_RESUME, 0, NULL,
				NULL, on_request, NULL, MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL,
				MHD_OPTION_END);
}

static int parse_listen(const char *listen, struct sockaddr_in *sa, err *e)
{
	char host[64] = "127.0.0.1";
	int port = 8080;
	const char *colon = strrchr(listen, ':');
	if (colon) {
		snprintf(host, sizeof host, "%.*s", (int)(colon - listen), listen);
		port = atoi(colon + 1);
	} else {
		port = atoi(listen);
	}
	memset(sa, 0, sizeof *sa);
	sa->sin_family = AF_INET;
	sa->sin_port = htons((uint16_t)port);
	if (!*host || !strcmp(host, "*"))
		snprintf(host, sizeof host, "0.0.0.0");
	if (!strcmp(host, "localhost"))
		snprintf(host, sizeof host, "127.0.0.1");
	/* port 0: the kernel chooses a free port, logged as "serving on http://HOST:PORT" (tests start
	 * servers so, without the race of probing for a free port first) */
	const char *digits = colon ? colon + 1 : listen;
	if (!*digits || strspn(digits, "0123456789") != strlen(digits))
		port = -1;
	if (port < 0 || port > 65535 || inet_pton(AF_INET, host, &sa->sin_addr) != 1)
		return err_set(e, 400, "bad_listen", "listen", "监听地址无效：%s",
			       "invalid listen address '%s'", listen);
	return 0;
}

/* one request thread's daemon: no listening socket (the acceptor hands it connections) and no thread of its
 * own (the acceptor's request thread runs its loop: http/acceptor.c says why) */
#define IDLE_TIMEOUT_S 60u   /* an idle keep-alive connection is closed after this */
#define CONN_LIMIT     4096u /* open connections a node holds, all its threads together */

static struct MHD_Daemon *start_worker(void *cls, unsigned conn_limit, MHD_NotifyConnectionCallback notify,
				       void *notify_cls)
{
	UNUSED(cls);
	return MHD_start_daemon(MHD_USE_EPOLL | MHD_USE_ITC | MHD_ALLOW_SUSPEND_RESUME | MHD_USE_ERROR_LOG |
					MHD_USE_NO_LISTEN_SOCKET,
				0, NULL, NULL, on_request, NULL, MHD_OPTION_NOTIFY_COMPLETED, on_completed,
				NULL, MHD_OPTION_NOTIFY_CONNECTION, notify, notify_cls,
				MHD_OPTION_CONNECTION_TIMEOUT, IDLE_TIMEOUT_S, MHD_OPTION_CONNECTION_LIMIT,
				conn_limit, MHD_OPTION_END);
}

int server_run(const struct server_conf *conf, const struct route *routes, const struct page *pages,
	       const struct server_hooks *hooks, err *e)
{
	struct sockaddr_in sa;
	server_conf = conf;
	set_app(routes, pages, hooks);
	if (parse_listen(conf->listen, &sa, e) != 0)
		return -1;
	const char *al = getenv("JINENG_ACCESS_LOG");
	access_log = !(al && !strcmp(al, "off"));
	unsigned char rnd[4];
	FILE *ur = fopen("/dev/urandom", "rb");
	if (!ur || fread(rnd, 1, 4, ur) != 4)
		memset(rnd, 0, 4);
	if (ur)
		fclose(ur);
	snprintf(boot_prefix, sizeof boot_prefix, "%02x%02x%02x%02x", rnd[0], rnd[1], rnd[2], rnd[3]);

	/* signals go to the main thread only (sigwait below), never to a worker */
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);

	int threads = conf->threads > 1 ? conf->threads : 2;
	/* one accepting thread spreads the connections over the request threads (http/acceptor.h): on
	 * PostgreSQL a request thread waits out its round trips, and connections piled onto one thread wait
	 * for each other; on SQLite libmicrohttpd's own pool put every connection of a look-up benchmark on
	 * one of two threads in three rounds of eight (docs/PERFORMANCE.md, 2026-12-05, seventeenth session)
	 */
	unsigned port = 0;
	acceptor_set_batch_end(release_snapshot);
	struct acceptor *acc = acceptor_start(&sa, threads, CONN_LIMIT, start_worker, NULL, &port, e);
	if (!acc)
		return -1;
	/* the address as bound (the port the kernel chose for port 0). No SO_REUSEPORT: a second server on a
	 * port in use fails here instead of silently taking half of the first one's connections */
	char bound[96];
	char ip[INET_ADDRSTRLEN] = "?";
	inet_ntop(AF_INET, &sa.sin_addr, ip, sizeof ip);
	snprintf(bound, sizeof bound, "%s:%u", ip, port);
	metrics_add(M_DB_POOL_SIZE, threads);
	log_info("jineng %s serving on http://%s (db %s, %d threads, web %s)", JINENG_VERSION, bound,
		 !strncmp(conf->db_url, "sqlite:", 7) ? conf->db_url : "postgres", threads,
		 conf->web_dir ? conf->web_dir : "-");
	int sig = 0;
	sigwait(&set, &sig);
	log_info("received %s, stopping", sig == SIGTERM ? "SIGTERM" : "SIGINT");
	acceptor_stop_accepting(acc);
	if (hooks->shutdown)
		hooks->shutdown(); /* completes deferred work (queued saves), resuming their connections */
	acceptor_free(acc);
	pthread_mutex_lock(&conns_lock);
	for (int i = 0; i < nconns; i++)
		db_close(conns[i]);
	nconns = 0;
	pthread_mutex_unlock(&conns_lock);
	log_info("stopped");
	return 0;
}
