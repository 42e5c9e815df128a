/* throttle.h: rate limits by key (client address, institution, ...): at most `limit` events per `window_s`
 * seconds.
 * - throttle_hit / throttle_peek: in this process. A fixed table of counters; when it is full the oldest
 *   window is reused, so memory is bounded whatever the number of clients. Several serve nodes each apply
 *   their own limit (the public look-ups only: a write per look-up would cost more than the look-up).
 * - throttle_hit_shared / throttle_peek_shared: in the database (table rate_limits), one statement: every
 *   node behind the balancer counts in the same window (failed logins per client, admissions, complaints). */
#ifndef JINENG_THROTTLE_H
#define JINENG_THROTTLE_H

#include "util/common.h"
#include "store/db.h"

/* throttle_hit: records one event for key in `bucket`; returns the seconds to wait (> 0) when the limit is
 * exceeded, else 0. */
int throttle_hit(const char *bucket, const char *key, int limit, int window_s);
/* throttle_peek: like throttle_hit without recording an event */
int throttle_peek(const char *bucket, const char *key, int limit, int window_s);
void throttle_reset(const char *bucket, const char *key);

/* the shared counterparts: 0 with *wait the seconds to wait (> 0 when the limit is reached, and then no event
 * is recorded), -1 with e set on a database error. Outside a transaction the statement commits by itself;
 * inside one it is part of it. */
int throttle_hit_shared(db *d, const char *bucket, const char *key, int limit, int window_s, int *wait,
			err *e);
int throttle_peek_shared(db *d, const char *bucket, const char *key, int limit, int window_s, int *wait,
			 err *e);

#endif
