/* db_pg_pipe.c: pipelined one-statement reads on PostgreSQL (db_pipe.h).
 *
 * What was sent is a queue of what is still to come back, in order: a PREPARE (its result, then NULL), a
 * QUERY (its result, then NULL) and the SYNC that closes a group (one PGRES_PIPELINE_SYNC). A query skipped
 * because an earlier one of its group failed comes back PGRES_PIPELINE_ABORTED and is sent again once, in a
 * group of its own. */
#include "util/common.h"
#include "store/db_int.h"
#include "store/db_pg_int.h"
#include "store/db_pipe.h"
#include "store/stmt_cache.h"
#include "util/log.h"
#include "util/metrics.h"

enum entry_kind { E_PREPARE, E_QUERY, E_SYNC };

struct entry {
	enum entry_kind kind;
	int slot;    /* the prepared statement's slot, or -1: parsed each time (sql below) */
	bool resent; /* sent again after its group was aborted: not a third time */
	PGresult *res;
	db_pipe_fn fn;
	void *ctx;
	int nvals;
	char **vals; /* nvals values (NULL: SQL NULL) in this entry's one allocation */
	char *sql;   /* slot -1: the statement's text, in the same allocation */
	struct entry *next;
};

struct slot {
	char *sql;
	uint64_t hash;
	bool sent; /* its PREPARE has been sent on this connection (and did not fail) */
};

struct db_pipe {
	db *d;
	PGconn *c;
	struct entry *head, *tail;
	size_t pending; /* QUERY entries in the queue */
	int unsynced;	/* queries sent since the last SYNC */
	bool broken;
	struct slot slots[DB_PIPE_PREPARED];
	int nslots;
};

db_pipe *db_pipe_open(const char *url, err *e)
{
	if (!db_url_is_pg(url)) {
		err_set(e, 500, "internal", NULL, "流水线读取仅支持 PostgreSQL",
			"pipelined reads need PostgreSQL");
		return NULL;
	}
	db *d = NULL;
	if (db_open(url, &d, e) != 0)
		return NULL;
	PGconn *c = pg_conn(d);
	if (PQsetnonblocking(c, 1) != 0 || PQenterPipelineMode(c) != 1) {
		err_set(e, 503, "db_unavailable", "db", "无法开启 PostgreSQL 流水线：%s",
			"could not enter PostgreSQL's pipeline mode: %s", PQerrorMessage(c));
		db_close(d);
		return NULL;
	}
	db_pipe *p = xcalloc(1, sizeof *p);
	p->d = d;
	p->c = c;
	return p;
}

int db_pipe_fd(const db_pipe *p)
{
	return PQsocket(p->c);
}

size_t db_pipe_pending(const db_pipe *p)
{
	return p->pending;
}

bool db_pipe_broken(const db_pipe *p)
{
	return p->broken;
}

static void push(db_pipe *p, struct entry *en)
{
	en->next = NULL;
	if (p->tail)
		p->tail->next = en;
	else
		p->head = en;
	p->tail = en;
	if (en->kind == E_QUERY)
		p->pending++;
}

static struct entry *pop(db_pipe *p)
{
	struct entry *en = p->head;
	p->head = en->next;
	if (!p->head)
		p->tail = NULL;
	if (en->kind == E_QUERY)
		p->pending--;
	return en;
}

static void set_msg(db_pipe *p, const char *msg)
{
	pg_set_msg(p->d, msg);
}

/* the query's answer to its caller; the entry is freed */
static void complete(db_pipe *p, struct entry *en, int rc)
{
	if (rc == DB_OK)
		metrics_add(M_PIPE_READS, 1);
	else
		metrics_add(rc == DB_BUSY    ? M_DB_FAULT_BUSY
			    : rc == DB_RETRY ? M_DB_FAULT_RETRY
					     : M_DB_FAULT_ERROR,
			    1);
	db_stmt *rows = rc == DB_OK ? pg_result_stmt(p->d, en->res) : NULL;
	if (rows)
		en->res = NULL; /* the statement owns it now */
	en->fn(en->ctx, rows, rc, p->d);
	if (rows)
		db_done(rows);
	PQclear(en->res);
	free(en);
}

/* the connection broke: every read in flight is answered DB_RETRY, and the pipe is done */
static int fail_all(db_pipe *p, const char *why)
{
	if (!p->broken)
		log_warn("pipelined reads: %s", why);
	set_msg(p, why);
	p->broken = true;
	while (p->head) {
		struct entry *en = pop(p);
		if (en->kind == E_QUERY)
			complete(p, en, DB_RETRY);
		else
			free(en);
	}
	return -1;
}

/* the slot of `sql`, taken when there is room; -1: parsed each time */
static int slot_of(db_pipe *p, const char *sql)
{
	uint64_t h = stmt_cache_hash(sql);
	for (int i = 0; i < p->nslots; i++)
		if (p->slots[i].hash == h && !strcmp(p->slots[i].sql, sql))
			return i;
	if (p->nslots == DB_PIPE_PREPARED)
		return -1;
	p->slots[p->nslots] = (struct slot){.sql = xstrdup(sql), .hash = h};
	return p->nslots++;
}

/* the SYNC just sent, queued: it closes a group */
static void push_sync(db_pipe *p)
{
	struct entry *se = xcalloc(1, sizeof *se);
	se->kind = E_SYNC;
	push(p, se);
	p->unsynced = 0;
	metrics_add(M_PIPE_GROUPS, 1);
}

/* closes the group of the reads sent since the last sync; false when libpq refused */
static bool sync_group(db_pipe *p)
{
	if (!p->unsynced)
		return true;
	if (!PQpipelineSync(p->c))
		return false;
	push_sync(p);
	return true;
}

/* sends en (a QUERY), after its PREPARE when its slot has none yet; false when libpq refused, and then en is
 * not in the queue (its caller answers it) */
static bool send_query(db_pipe *p, struct entry *en)
{
	/* a read sent again goes in a group of its own: only its own statement can fail it now */
	if (en->resent && !sync_group(p))
		return false;
	char name[16] = "";
	const char *sql = en->sql;
	if (en->slot >= 0) {
		struct slot *s = &p->slots[en->slot];
		snprintf(name, sizeof name, "pp%d", en->slot);
		sql = s->sql;
		if (!s->sent) {
			if (!PQsendPrepare(p->c, name, sql, 0, NULL))
				return false;
			struct entry *pe = xcalloc(1, sizeof *pe);
			pe->kind = E_PREPARE;
			pe->slot = en->slot;
			push(p, pe);
			s->sent = true;
		}
	}
	const char *const *vals = (const char *const *)en->vals;
	int ok = en->slot >= 0 ? PQsendQueryPrepared(p->c, name, en->nvals, vals, NULL, NULL, 0)
			       : PQsendQueryParams(p->c, sql, en->nvals, NULL, vals, NULL, NULL, 0);
	if (!ok)
		return false;
	if (en->resent) { /* its SYNC sent before it is queued: a refusal leaves it out of the queue */
		if (!PQpipelineSync(p->c))
			return false;
		push(p, en);
		push_sync(p);
		return true;
	}
	push(p, en);
	p->unsynced++;
	return true;
}

int db_pipe_send(db_pipe *p, const char *sql, const dbv *args, int nargs, db_pipe_fn fn, void *ctx)
{
	if (p->broken)
		return -1;
	/* the values as text, like the driver's binds, in one allocation with the entry */
	char num[PG_VALUE_TMP];
	size_t need = sizeof(struct entry) + (size_t)nargs * sizeof(char *);
	for (int i = 0; i < nargs; i++)
		need += args[i].t == 's' ? strlen(args[i].s) + 1 : args[i].t == 'n' ? 0 : sizeof num;
	int slot = slot_of(p, sql);
	if (slot < 0)
		need += strlen(sql) + 1;
	struct entry *en = xcalloc(1, need);
	*en = (struct entry){.kind = E_QUERY, .slot = slot, .fn = fn, .ctx = ctx, .nvals = nargs};
	en->vals = (char **)(en + 1);
	char *at = (char *)(en->vals + nargs);
	for (int i = 0; i < nargs; i++) {
		const char *v = pg_value_text(&args[i], num);
		if (!v)
			continue;
		size_t n = strlen(v) + 1;
		memcpy(at, v, n);
		en->vals[i] = at;
		at += n;
	}
	if (slot < 0) {
		en->sql = at;
		memcpy(at, sql, strlen(sql) + 1);
	}
	if (!send_query(p, en)) {
		free(en);
		fail_all(p, PQerrorMessage(p->c));
		return -1;
	}
	return 0;
}

int db_pipe_flush(db_pipe *p)
{
	if (p->broken)
		return -1;
	if (!sync_group(p))
		return fail_all(p, PQerrorMessage(p->c));
	int rc = PQflush(p->c);
	return rc < 0 ? fail_all(p, PQerrorMessage(p->c)) : rc;
}

/* one result (or the NULL that ends a command's results) for the entry at the head; false: wait for more
 * input, or the pipe broke */
static bool take(db_pipe *p)
{
	struct entry *en = p->head;
	PGresult *r = PQgetResult(p->c);
	if (en->kind == E_SYNC) {
		if (!r)
			return false;
		bool sync = PQresultStatus(r) == PGRES_PIPELINE_SYNC;
		PQclear(r);
		if (!sync) {
			fail_all(p, "a result where the end of a group of reads was expected");
			return false;
		}
		free(pop(p));
		return true;
	}
	if (r) { /* the command's result; the NULL after it ends the command */
		PQclear(en->res);
		en->res = r;
		return true;
	}
	pop(p);
	ExecStatusType s = en->res ? PQresultStatus(en->res) : PGRES_FATAL_ERROR;
	if (en->kind == E_PREPARE) {
		if (s != PGRES_COMMAND_OK) /* prepared again by the next query of this statement */
			p->slots[en->slot].sent = false;
		if (s == PGRES_FATAL_ERROR) /* the reason its query fails, if it was the only one */
			set_msg(p, en->res ? PQresultErrorMessage(en->res) : PQerrorMessage(p->c));
		PQclear(en->res);
		free(en);
		return true;
	}
	if (s == PGRES_TUPLES_OK || s == PGRES_COMMAND_OK) {
		complete(p, en, DB_OK);
		return true;
	}
	if (s == PGRES_PIPELINE_ABORTED && !en->resent) {
		/* another read of its group failed and this one never ran: sent again, alone (after this
		 * group's SYNC in the queue) */
		PQclear(en->res);
		en->res = NULL;
		en->resent = true;
		if (send_query(p, en))
			return true;
		complete(p, en, DB_RETRY);
		fail_all(p, PQerrorMessage(p->c));
		return false;
	}
	/* its own failure; aborted although alone in its group: its statement did not prepare (the message
	 * is the PREPARE's) */
	if (s != PGRES_PIPELINE_ABORTED)
		set_msg(p, en->res ? PQresultErrorMessage(en->res) : PQerrorMessage(p->c));
	complete(p, en,
		 s == PGRES_PIPELINE_ABORTED
			 ? DB_ERROR
			 : pg_state_rc(en->res ? PQresultErrorField(en->res, PG_DIAG_SQLSTATE) : NULL));
	return true;
}

int db_pipe_input(db_pipe *p)
{
	if (p->broken)
		return -1;
	if (!PQconsumeInput(p->c) || PQstatus(p->c) == CONNECTION_BAD)
		return fail_all(p, PQerrorMessage(p->c));
	/* everything libpq holds is taken now: the socket will not wake us for what it has already read */
	while (p->head && !PQisBusy(p->c))
		if (!take(p))
			break;
	if (!p->broken && PQstatus(p->c) == CONNECTION_BAD)
		return fail_all(p, PQerrorMessage(p->c));
	return p->broken ? -1 : 0;
}

void db_pipe_close(db_pipe *p)
{
	if (!p)
		return;
	if (!p->broken) {
		p->broken = true; /* not a fault: no warning */
		fail_all(p, "the pipe was closed");
	}
	for (int i = 0; i < p->nslots; i++)
		free(p->slots[i].sql);
	db_close(p->d);
	free(p);
}
