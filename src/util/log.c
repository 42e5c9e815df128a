#include "util/log.h"
#include <pthread.h>
#include <stdarg.h>
#include <time.h>

enum log_level log_min = LOG_INFO;

static const char *const level_names[] = {"debug", "info", "warn", "error"};
static pthread_once_t format_once = PTHREAD_ONCE_INIT;
static bool json_format;

static void format_init(void)
{
	const char *f = getenv("JINENG_LOG_FORMAT");
	json_format = f && !strcmp(f, "json");
}

bool log_json(void)
{
	pthread_once(&format_once, format_init);
	return json_format;
}

static void timestamp(char *out, size_t n)
{
	struct timespec ts;
	struct tm tm;
	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	snprintf(out, n, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
		 tm.tm_hour, tm.tm_min, tm.tm_sec, (int)(ts.tv_nsec / 1000000) % 1000);
}

/* `in` (already free of control bytes) as the inside of a JSON string: '"' and '\\' escaped */
static void json_inside(char *out, size_t n, const char *in)
{
	size_t o = 0;
	for (; *in && o + 2 < n; in++) {
		if (*in == '"' || *in == '\\')
			out[o++] = '\\';
		out[o++] = *in;
	}
	out[o] = 0;
}

void log_msg(enum log_level lvl, const char *fmt, ...)
{
	char msg[2048], ts[64];
	timestamp(ts, sizeof ts);
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	/* no control character reaches the log: a value cannot end the line and forge another one */
	char safe[sizeof msg * 4];
	log_escape(safe, sizeof safe, msg, false);
	/* one write per line, so lines from different threads do not interleave */
	if (log_json()) {
		char js[sizeof safe * 2];
		json_inside(js, sizeof js, safe);
		fprintf(stderr, "{\"ts\":\"%s\",\"level\":\"%s\",\"msg\":\"%s\"}\n", ts, level_names[lvl],
			js);
	} else {
		fprintf(stderr, "%s %s %s\n", ts, level_names[lvl], safe);
	}
}

void log_access(const struct log_access *a)
{
	char ts[64], path[1024], method[48], client[256], user[256];
	timestamp(ts, sizeof ts);
	/* every client-controlled field escaped strictly: a decoded "%0a" or " status=200" in the path cannot
	 * forge a line or a field (and, in JSON, '"' and '\\' are escaped like the rest) */
	log_escape(path, sizeof path, a->path, true);
	log_escape(method, sizeof method, a->method, true);
	log_escape(client, sizeof client, a->client, true);
	log_escape(user, sizeof user, a->user ? a->user : "-", true);
	if (log_json()) {
		char jp[sizeof path * 2], jm[sizeof method * 2], jc[sizeof client * 2], ju[sizeof user * 2],
			ji[64];
		json_inside(jp, sizeof jp, path);
		json_inside(jm, sizeof jm, method);
		json_inside(jc, sizeof jc, client);
		json_inside(ju, sizeof ju, user);
		json_inside(ji, sizeof ji, a->id);
		fprintf(stderr,
			"{\"ts\":\"%s\",\"level\":\"info\",\"event\":\"access\",\"id\":\"%s\",\"client\":\"%"
			"s\","
			"\"user\":\"%s\",\"method\":\"%s\",\"path\":\"%s\",\"status\":%d,\"bytes\":%zu,"
			"\"us\":%lld,"
			"\"aborted\":%s}\n",
			ts, ji, jc, ju, jm, jp, a->status, a->bytes, (long long)a->us,
			a->aborted ? "true" : "false");
		return;
	}
	fprintf(stderr, "%s info access id=%s client=%s user=%s %s %s status=%d bytes=%zu us=%lld%s\n", ts,
		a->id, client, user, method, path, a->status, a->bytes, (long long)a->us,
		a->aborted ? " aborted" : "");
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
