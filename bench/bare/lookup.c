/* bench/bare/lookup.c: the ceiling of a person look-up through libmicrohttpd on this machine, with nothing of
 * jineng around it: no routing, sessions, scopes, audit or JSON library. GET /?k=<the ID number's blind index>
 * runs the statement jineng's look-up runs (the person joined to its region's and employer's names) on the
 * thread's own connection, prepared once, and answers the row's fields as JSON written with snprintf.
 * The same HTTP stack over SQLite and over PostgreSQL tells how much of the gap between jineng's two engines
 * is the database's round trip itself (bench/bare.sh; docs/PERFORMANCE.md).
 *
 * usage: lookup DB PORT THREADS     DB is sqlite:FILE or a postgresql:// URL */
#include <libpq-fe.h>
#include <microhttpd.h>
#include <pthread.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LOOKUP_SQL                                                                                           \
	"SELECT p.id, p.name, p.id_type, p.id_masked, p.gender, p.birth_date, p.phone_masked, p.region_code, " \
	"p.employer_id, p.education, p.created_at, p.updated_at, rg.name, emp.name FROM persons p "          \
	"LEFT JOIN regions rg ON rg.code = p.region_code LEFT JOIN institutions emp ON emp.id = "             \
	"p.employer_id WHERE p.id_index = $1"
#define NCOLS 14

static const char *db_url;

struct conn {
	sqlite3 *sq;
	sqlite3_stmt *st;
	PGconn *pg;
};

static pthread_key_t conn_key;

static struct conn *thread_conn(void)
{
	struct conn *c = pthread_getspecific(conn_key);
	if (c)
		return c;
	c = calloc(1, sizeof *c);
	if (!c)
		return NULL;
	if (!strncmp(db_url, "sqlite:", 7)) {
		if (sqlite3_open_v2(db_url + 7, &c->sq, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
		    sqlite3_prepare_v2(c->sq, LOOKUP_SQL, -1, &c->st, NULL) != SQLITE_OK)
			goto fail;
	} else {
		c->pg = PQconnectdb(db_url);
		PGresult *r = PQstatus(c->pg) == CONNECTION_OK ? PQprepare(c->pg, "q", LOOKUP_SQL, 1, NULL) : NULL;
		int ok = r && PQresultStatus(r) == PGRES_COMMAND_OK;
		PQclear(r);
		if (!ok)
			goto fail;
	}
	pthread_setspecific(conn_key, c);
	return c;
fail:
	fprintf(stderr, "lookup: cannot open or prepare on %s\n", db_url);
	exit(1);
}

/* the row as a JSON object: numbers as they are, texts quoted (the columns hold no quotes or backslashes) */
static int row_json(char *out, size_t cap, const char *const *v)
{
	static const char *const names[NCOLS] = {
		"id", "name", "id_type", "id_number_masked", "gender", "birth_date", "phone_masked",
		"region_code", "employer_id", "education", "created_at", "updated_at", "region_name",
		"employer_name"};
	static const int number[NCOLS] = {[0] = 1, [8] = 1, [10] = 1, [11] = 1};
	size_t n = (size_t)snprintf(out, cap, "{\"items\":[{");
	for (int i = 0; i < NCOLS && n < cap; i++) {
		const char *sep = i ? "," : "";
		if (!v[i])
			n += (size_t)snprintf(out + n, cap - n, "%s\"%s\":null", sep, names[i]);
		else if (number[i])
			n += (size_t)snprintf(out + n, cap - n, "%s\"%s\":%s", sep, names[i], v[i]);
		else
			n += (size_t)snprintf(out + n, cap - n, "%s\"%s\":\"%s\"", sep, names[i], v[i]);
	}
	if (n < cap)
		n += (size_t)snprintf(out + n, cap - n, "}],\"total\":1}");
	return n < cap ? (int)n : -1;
}

static int look_up(const char *key, char *out, size_t cap)
{
	struct conn *c = thread_conn();
	const char *v[NCOLS] = {0};
	int n = -1;
	if (c->sq) {
		sqlite3_bind_text(c->st, 1, key, -1, SQLITE_STATIC);
		if (sqlite3_step(c->st) == SQLITE_ROW) {
			for (int i = 0; i < NCOLS; i++)
				v[i] = (const char *)sqlite3_column_text(c->st, i);
			n = row_json(out, cap, v);
		}
		sqlite3_reset(c->st);
		return n;
	}
	PGresult *r = PQexecPrepared(c->pg, "q", 1, &key, NULL, NULL, 0);
	if (PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1) {
		for (int i = 0; i < NCOLS; i++)
			v[i] = PQgetisnull(r, 0, i) ? NULL : PQgetvalue(r, 0, i);
		n = row_json(out, cap, v);
	}
	PQclear(r);
	return n;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url, const char *method,
				  const char *version, const char *upload, size_t *upload_size, void **state)
{
	(void)cls, (void)url, (void)version, (void)upload, (void)upload_size;
	static int seen;
	if (!*state) { /* the first call has the headers only: answering there makes libmicrohttpd close */
		*state = &seen;
		return MHD_YES;
	}
	if (strcmp(method, "GET") != 0)
		return MHD_NO;
	const char *key = MHD_lookup_connection_value(conn, MHD_GET_ARGUMENT_KIND, "k");
	char body[2048];
	int n = key ? look_up(key, body, sizeof body) : -1;
	unsigned status = n > 0 ? MHD_HTTP_OK : MHD_HTTP_NOT_FOUND;
	if (n <= 0)
		n = snprintf(body, sizeof body, "{\"error\":\"not_found\"}");
	struct MHD_Response *res =
		MHD_create_response_from_buffer((size_t)n, body, MHD_RESPMEM_MUST_COPY);
	MHD_add_response_header(res, "Content-Type", "application/json");
	enum MHD_Result rc = MHD_queue_response(conn, status, res);
	MHD_destroy_response(res);
	return rc;
}

int main(int argc, char **argv)
{
	if (argc != 4) {
		fprintf(stderr, "usage: lookup sqlite:FILE|postgresql://... PORT THREADS\n");
		return 2;
	}
	db_url = argv[1];
	pthread_key_create(&conn_key, NULL);
	sigset_t set; /* blocked before the threads start, so they inherit it: only sigwait below takes them */
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);
	struct MHD_Daemon *d = MHD_start_daemon(
		MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL, (uint16_t)atoi(argv[2]), NULL, NULL, on_request,
		NULL, MHD_OPTION_THREAD_POOL_SIZE, (unsigned)atoi(argv[3]), MHD_OPTION_CONNECTION_LIMIT, 4096u,
		MHD_OPTION_END);
	if (!d) {
		fprintf(stderr, "lookup: cannot listen on port %s\n", argv[2]);
		return 1;
	}
	int sig;
	sigwait(&set, &sig);
	MHD_stop_daemon(d);
	return 0;
}
