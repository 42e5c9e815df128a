/* readpipe.h: a request's one-statement read sent down its request thread's pipelined PostgreSQL connection
 * (store/db_pipe.h) instead of a round trip of its own. The look-ups a thread meets in one turn of its event
 * loop go to PostgreSQL together after the turn, and each request is answered when its rows arrive; the
 * request's connection is suspended meanwhile (req_defer), so the thread goes on with other requests. */
#ifndef JINENG_HTTP_READPIPE_H
#define JINENG_HTTP_READPIPE_H

#include "http/req.h"

/* fills r's reply from the rows (rows NULL: the read failed and r->e is set), on r's request thread */
typedef void (*readpipe_fn)(req *r, db_stmt *rows, void *ctx);

/* 0: the read is queued and r's reply deferred until fn has run; 1: no pipeline here (SQLite, not on a
 * request thread, the connection down and not yet due to be opened again): the caller reads itself */
int req_read_pipelined(req *r, const char *sql, const dbv *args, int nargs, readpipe_fn fn, void *ctx);

#endif
