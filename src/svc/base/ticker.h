/* ticker.h: work a node runs in the background every period on its own database connection (the 知识竞赛
 * rounds scored at their deadline, the scheduled statistics reports). The connection is opened at the first
 * run and again after any failure (a connection lost in a failover); a failed run is logged and tried again
 * next period; ticker_stop wakes the thread and joins it. Work that must run once across several nodes
 * claims its rows itself (docs/OPERATIONS.md). */
#ifndef JINENG_SVC_BASE_TICKER_H
#define JINENG_SVC_BASE_TICKER_H

#include "store/db.h"

/* one run: *done counts what it did (logged when not 0); 0, or -1 with e set */
typedef int (*ticker_job)(db *d, int *done, err *e);

typedef struct ticker ticker;

/* name ("report schedule") and what a count is ("reports made") are for the log; NULL when the thread
 * could not start */
ticker *ticker_start(const char *name, const char *what, const char *db_url, int period_ms, ticker_job job);
/* stops and frees t (NULL: nothing) */
void ticker_stop(ticker *t);

#endif
