/* replica.h: where a read-only node's database stands (issue 18 item 3, docs/OPERATIONS.md "Read-only
 * verification nodes"). */
#ifndef JINENG_REPLICA_H
#define JINENG_REPLICA_H

#include "store/db.h"

struct replica_state {
	bool standby;	/* the server is a hot standby (PostgreSQL in recovery) */
	bool streaming; /* a standby receiving WAL from its primary now (false: cut off, lag unknown) */
	double lag_s;	/* how far behind the primary: 0 when everything received is replayed, else the age
			   of the last transaction replayed, in seconds */
	int schema;	/* the schema version the database holds */
};

/* replica_state: reads it in one statement. SQLite and a PostgreSQL primary: not a standby, lag 0. 0, or -1
 * with e set. */
int replica_state(db *d, struct replica_state *out, err *e);
/* replica_schema_expected: the schema version this binary's migrations reach for d's dialect */
int replica_schema_expected(const db *d);

#endif
