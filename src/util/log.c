#include "util/log.h"
#include <stdarg.h>
#include <time.h>

enum log_level log_min = LOG_INFO;

void log_msg(enum log_level lvl, const char *fmt, ...)
{
	static const char *names[] = {"debug", "info", "warn", "error"};
	char line[2048];
	struct timespec ts;
	struct tm tm;
	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	int n = snprintf(line, sizeof line, "%04d-%02d-%02dT%02d:%02d:%02d.%03ldZ %s ", tm.tm_year + 1900,
			 tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, ts.tv_nsec / 1000000,
			 names[lvl]);
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(line + n, sizeof line - (size_t)n - 1, fmt, ap);
	va_end(ap);
	/* no control character reaches the log: a value cannot end the line and forge another one */
	char safe[sizeof line * 4];
	log_escape(safe, sizeof safe, line, false);
	/* one write per line, so lines from different threads do not interleave */
	fprintf(stderr, "%s\n", safe);
}

size_t log_escape(char *out, size_t n, const char *in, bool strict)
{
	static const char hex[] = "0123456789abcdef";
	size_t o = 0;
	if (n == 0)
		return 0;
	for (const unsigned char *p = (const unsigned char *)in; *p; p++) {
		bool esc = *p < 0x20 || *p == 0x7f ||
			   (strict && (*p == ' ' || *p == '"' || *p == '\\' || *p >= 0x80));
		if (o + (esc ? 4 : 1) >= n)
			break;
		if (esc) {
			out[o++] = '\\';
			out[o++] = 'x';
			out[o++] = hex[*p >> 4];
			out[o++] = hex[*p & 15];
		} else {
			out[o++] = (char)*p;
		}
	}
	out[o] = 0;
	return o;
}
