/* req.h: one HTTP request and its reply. Everything a request allocates lives in r->a and is freed when the
 * reply has been sent. A handler reads r (method, path params, query, JSON body, principal), calls the
 * service layer, and either sets r->status + r->out (a JSON value the request then owns) and returns 0, or
 * fills r->e and returns -1; the server renders both. */
#ifndef JINENG_REQ_H
#define JINENG_REQ_H

#include "util/common.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/err.h"
#include "core/principal.h"
#include "store/db.h"
#include <jansson.h>

struct cidr;

#define REQ_MAX_PARAMS 6

typedef struct req {
	arena *a;
	struct MHD_Connection *conn;
	const char *method;
	const char *path;
	char id[24]; /* request id, also sent as X-Request-Id */
	char client[64];
	int64_t t0_us;
	int route; /* the matched route's index in the table; -1 an /api/ path of none, -2 a page or file */
	buf body;
	size_t max_body; /* this request's body limit (server_hooks.body_limit, else server_conf->max_body) */
	bool too_big;
	int deferred; /* enum req_defer_state, changed atomically (req_defer, req_complete, server.c) */
	bool lang_en;
	const char *params[REQ_MAX_PARAMS]; /* {name} segments of the matched route, in order */
	int nparams;
	principal who;
	db *db;
	err e;
	/* the reply */
	int status;
	json_t *out;
	char *raw; /* a body already written: JSON text (req_reply_text) or a file (malloc'd, handed to the
		      server) */
	size_t raw_len;
	const char *ctype;
	const char *filename;  /* Content-Disposition attachment name */
	const char *hdr[6][2]; /* extra reply headers (name, value) */
	int nhdr;
} req;

typedef int (*handler_fn)(req *r);

/* Every query-string value and path parameter of an API request is at most REQ_MAX_VALUE bytes:
 * req_check_lengths, run by the server before any handler, answers 422 "too_long" naming the parameter, so
 * no handler (and no query it builds) ever sees a longer one. It also answers 422 "invalid_encoding" for a
 * value, name or path parameter that is not UTF-8, which a handler could not echo in its JSON reply. The
 * certificate verification page (/v/) takes the QR's signed data, up to REQ_MAX_QR bytes. */
#define REQ_MAX_VALUE 256
#define REQ_MAX_QR    2048
/* pattern: the matched route's pattern (names the path parameters), or NULL; max: the bound in bytes */
int req_check_lengths(req *r, const char *pattern, size_t max);
/* query-string parameter, or NULL */
const char *req_query(req *r, const char *key);
/* request header, or NULL */
const char *req_header(req *r, const char *key);
/* the JSON body as an object; on failure sets 400 "malformed_json" (or 400 "body_required") and returns NULL.
 * The tree is released with the request. */
json_t *req_json(req *r);
/* path parameter i as an id (> 0); sets 404 and returns -1 when it is not a positive integer */
int64_t req_param_id(req *r, int i);
/* paging from ?page=&page_size= (defaults 1 and 20, page_size at most 500); 422 on bad values */
int req_paging(req *r, int64_t *limit, int64_t *offset);

/* replies */
int req_reply(req *r, int status, json_t *body); /* takes ownership of body; returns 0 */
/* a JSON reply already written as text (util/jsonw.h), taken from b (left empty), no-store as every tree
 * reply; 0, or -1 with a 500 when b ran out of memory */
int req_reply_text(req *r, int status, buf *b);
/* adds a reply header (name and value must outlive the request: literals or arena strings) */
void req_add_header(req *r, const char *name, const char *value);
/* deferred replies: a handler that hands its work to another thread calls req_defer() and returns 0; the
 * connection is suspended (the worker thread is free) until that thread fills the reply (req_reply or
 * r->e) and calls req_complete(), from any thread */
void req_defer(req *r);
void req_complete(req *r);
/* req_undefer: the handler deferred, then failed to hand the work over: it answers now (r->e) */
void req_undefer(req *r);

/* the deferred reply's handshake between the worker that suspends the connection and the thread that
 * completes the work; whichever comes second resumes (or does not suspend) */
enum req_defer_state {
	DEFER_NONE = 0,	      /* an ordinary reply */
	DEFER_WAITING = 1,    /* req_defer: work handed over; the worker is about to suspend */
	DEFER_DONE = 2,	      /* completed after the suspension: the connection was resumed to send it */
	DEFER_SENT = 3,	      /* the reply is queued */
	DEFER_SUSPENDED = 4,  /* the worker suspended the connection; req_complete will resume it */
	DEFER_DONE_EARLY = 5, /* completed before the worker suspended: it sends without suspending */
};

/* keep a JSON value alive until the request ends */
json_t *req_keep(req *r, json_t *v);

/* The server's settings, shared read-only by handlers. */
struct server_conf {
	const char *db_url;
	const char *web_dir;
	const char *listen;
	int threads;
	size_t max_body;
	int verify_rate;		    /* public look-ups a minute per client (0: the default, 120) */
	int admit_rate;			    /* admissions a minute per institution (0: the default, 600) */
	int complaint_rate;		    /* complaints an hour per client (0: the default, 20) */
	const char *base_url;		    /* public base URL used in certificate QR texts */
	const struct cidr *trusted_proxies; /* whose X-Forwarded-For is believed (http/proxy.h) */
	int ntrusted_proxies;
	bool read_only; /* --read-only: public GETs only, from a standby whose lag is at most max_lag_s */
	int max_lag_s;
};
extern const struct server_conf *server_conf;

/* the calling worker thread's database connection (opened on first use) */
db *req_db(req *r);

/* a read-only node's replica as last read (at most half a second old): true when this node is read-only,
 * with whether its database is a standby and how far behind its primary, in seconds */
bool req_replica(bool *standby, double *lag_s);

#endif
