/* log.h: one line per event on stderr: time, level, message (text, or JSON with JINENG_LOG_FORMAT=json).
 * Library code does not log errors it returns; it returns them (err.h). */
#ifndef JINENG_LOG_H
#define JINENG_LOG_H

#include "util/common.h"

enum log_level { LOG_DEBUG, LOG_INFO, LOG_WARN, LOG_ERROR };
extern enum log_level log_min;

void log_msg(enum log_level lvl, const char *fmt, ...) PRINTF(2, 3);
/* log_json: JINENG_LOG_FORMAT=json was set: each line is one JSON object ({"ts","level","msg"}, and for the
 * access log the fields below); else text lines "TIME LEVEL MESSAGE" */
bool log_json(void);
/* one access-log line per finished request, with its id (the X-Request-Id the client was sent) */
struct log_access {
	const char *id, *client, *user, *method, *path;
	int status;
	size_t bytes;
	int64_t us;
	bool aborted;
};
void log_access(const struct log_access *a);
/* log_escape: copies `in` into out (n bytes, always terminated, cut when full) with control bytes written as
 * \xHH; `strict` also escapes space, '"', '\\' and every byte >= 0x80, for a field whose end must be
 * unambiguous (a request path in the access log). log_msg applies the lenient form to every line.
 * Returns the length written. */
size_t log_escape(char *out, size_t n, const char *in, bool strict);

#define log_debug(...) (log_min <= LOG_DEBUG ? log_msg(LOG_DEBUG, __VA_ARGS__) : (void)0)
#define log_info(...)  (log_min <= LOG_INFO ? log_msg(LOG_INFO, __VA_ARGS__) : (void)0)
#define log_warn(...)  log_msg(LOG_WARN, __VA_ARGS__)
#define log_error(...) log_msg(LOG_ERROR, __VA_ARGS__)

#endif
