/* throttle.h: in-process rate limits by key (client address, user name, ...): at most `limit` events per
 * `window_s` seconds. A fixed table of counters; when it is full the oldest window is reused, so memory is
 * bounded whatever the number of clients. Per process: several serve nodes each apply their own limit. */
#ifndef JINENG_THROTTLE_H
#define JINENG_THROTTLE_H

#include "util/common.h"

/* throttle_hit: records one event for key in `bucket`; returns the seconds to wait (> 0) when the limit is
 * exceeded, else 0. */
int throttle_hit(const char *bucket, const char *key, int limit, int window_s);
/* throttle_peek: like throttle_hit without recording an event */
int throttle_peek(const char *bucket, const char *key, int limit, int window_s);
void throttle_reset(const char *bucket, const char *key);

#endif
