/* fuzz_http.c: the whole HTTP request path in process: libmicrohttpd's parsing, the router, path
 * parameters, the query string, headers, the JSON body, authentication, every handler and the service and
 * store layers below it, over a SQLite copy of the demo province.
 *
 * The server's own callbacks run in a daemon without a listening socket (server_start_embedded); each input
 * becomes one request written into a socketpair handed to the daemon, which is driven with MHD_run until it
 * closes the connection. Input: byte 0 picks who sends it (anonymous or one of the demo accounts, logged in
 * once at start), byte 1 the client address (10.0.0.x: throttles are per client), then text:
 *   METHOD TARGET\n
 *   Header: value\n ...
 *   \n
 *   body
 * The harness adds "HTTP/1.1", Host, the bearer token, Connection: close and Content-Length (the input's own
 * Content-Length, Transfer-Encoding, Connection and Expect headers are dropped: they only make the
 * connection wait for bytes that never come). The working database is reset from the template every
 * RESET_EVERY runs so that state written by fuzzed requests stays bounded, and at once when an account's
 * token was refused (the fuzzer logged it out or changed its password). */
#include "util/common.h"
#include "fuzz_common.h"
#include "http/server.h"
#include "api/base/routes.h"
#include "svc/auth/auth.h"
#include "demo/demo.h"
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define RESET_EVERY 1000

static const char *const accounts[] = {
	NULL,	     "admin",	    "jinan_admin", "jinan_org_admin", "jinan_org_staff",
	"examiner1", "supervisor1", "candidate1",  "qingdao_admin",   "qingdao_org_admin"};
#define NACC ARRAY_LEN(accounts)
static char tokens[NACC][44];
static struct server_conf conf;
static struct MHD_Daemon *daemon_;
static uint64_t runs, status_count[6];
static bool need_reset; /* a session of the demo accounts was ended (logout, password change) */
static bool verbose;	/* FUZZ_HTTP_VERBOSE=1: one line per request with the reply */
static bool strict;	/* FUZZ_HTTP_STRICT=1: a 500 reply aborts (so that libFuzzer keeps the input) */

static void login_all(db *d)
{
	for (size_t i = 1; i < NACC; i++) {
		err e = {0};
		json_t *user = NULL;
		int retry = 0;
		struct login_input in = {
			.username = accounts[i], .password = DEMO_PASSWORD, .client = "127.0.0.1"};
		if (auth_login(d, &in, tokens[i], &user, &retry, &e) != 0) {
			fprintf(stderr, "fuzz_http: cannot log %s in: %s\n", accounts[i], e.en);
			exit(1);
		}
		json_decref(user);
	}
}

static void report(void)
{
	fprintf(stderr, "fuzz_http: %llu runs; replies 1xx-5xx: %llu %llu %llu %llu %llu, none %llu\n",
		(unsigned long long)runs, (unsigned long long)status_count[1],
		(unsigned long long)status_count[2], (unsigned long long)status_count[3],
		(unsigned long long)status_count[4], (unsigned long long)status_count[5],
		(unsigned long long)status_count[0]);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	UNUSED(argc);
	UNUSED(argv);
	signal(SIGPIPE, SIG_IGN);
	conf.db_url = fz_demo(300, login_all);
	conf.listen = "embedded";
	conf.threads = 1;
	conf.max_body = 1u << 20;
	conf.base_url = "https://jineng.example.gov.cn";
	daemon_ = server_start_embedded(&conf, api_routes(), api_pages, &api_hooks);
	if (!daemon_) {
		fprintf(stderr, "fuzz_http: cannot start the embedded daemon\n");
		exit(1);
	}
	verbose = getenv("FUZZ_HTTP_VERBOSE") != NULL;
	strict = getenv("FUZZ_HTTP_STRICT") != NULL;
	atexit(report);
	return 0;
}

static bool dropped_header(const char *line, size_t n)
{
	static const char *const names[] = {
		"content-length:", "transfer-encoding:", "connection:", "expect:"};
	for (size_t i = 0; i < ARRAY_LEN(names); i++) {
		size_t k = strlen(names[i]);
		if (n >= k && !strncasecmp(line, names[i], k))
			return true;
	}
	return false;
}

static void add(buf *b, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != '\r')
			buf_add(b, s + i, 1);
}

static int64_t now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 2)
		return 0;
	if (++runs % RESET_EVERY == 0 || need_reset) {
		fz_reset();
		need_reset = false;
	}
	size_t who = (uint8_t)(data[0] - '0') % NACC; /* '0' anonymous, '1' admin, ... */
	const char *s = (const char *)data + 2, *end = (const char *)data + size;
	buf rq;
	buf_init(&rq, 0);

	/* the request line */
	const char *nl = memchr(s, '\n', (size_t)(end - s));
	const char *le = nl ? nl : end;
	add(&rq, s, (size_t)(le - s));
	buf_adds(&rq, " HTTP/1.1\r\nHost: fuzz\r\n");
	s = nl ? nl + 1 : end;
	if (who) {
		buf_adds(&rq, "Authorization: Bearer ");
		buf_adds(&rq, tokens[who]);
		buf_adds(&rq, "\r\n");
	}
	/* headers up to an empty line */
	while (s < end) {
		nl = memchr(s, '\n', (size_t)(end - s));
		le = nl ? nl : end;
		const char *next = nl ? nl + 1 : end;
		if (le == s || (le == s + 1 && *s == '\r')) {
			s = next;
			break;
		}
		/* the line as sent (CRs removed), then the framing headers dropped */
		size_t mark = rq.len;
		add(&rq, s, (size_t)(le - s));
		if (dropped_header(rq.ptr + mark, rq.len - mark))
			rq.len = mark, rq.ptr[mark] = 0;
		else
			buf_adds(&rq, "\r\n");
		s = next;
	}
	char cl[64];
	snprintf(cl, sizeof cl, "Connection: close\r\nContent-Length: %zu\r\n\r\n", (size_t)(end - s));
	buf_adds(&rq, cl);
	buf_add(&rq, s, (size_t)(end - s));

	int sv[2];
	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) != 0) {
		perror("fuzz_http: socketpair");
		abort();
	}
	fcntl(sv[1], F_SETFL, fcntl(sv[1], F_GETFL) | O_NONBLOCK);
	struct sockaddr_in sa = {.sin_family = AF_INET};
	sa.sin_addr.s_addr = htonl(0x0a000000u | data[1]);
	if (MHD_add_connection(daemon_, sv[0], (struct sockaddr *)&sa, sizeof sa) != MHD_YES) {
		fprintf(stderr, "fuzz_http: MHD_add_connection failed\n");
		abort();
	}
	size_t off = 0;
	char reply[1024];
	size_t got = 0;
	int64_t t0 = now_ms();
	for (;;) {
		bool progress = false;
		if (off < rq.len) {
			ssize_t w = write(sv[1], rq.ptr + off, rq.len - off);
			if (w > 0) {
				off += (size_t)w, progress = true;
			} else if (w < 0 && errno != EAGAIN) {
				off = rq.len; /* the server closed early (an error reply); read what it said
					       */
			}
		}
		MHD_run(daemon_);
		char tmp[4096];
		ssize_t r = read(sv[1], tmp, sizeof tmp);
		if (r == 0 || (r < 0 && errno != EAGAIN))
			break;
		if (r > 0) {
			progress = true;
			if (got < sizeof reply) {
				size_t k = (size_t)r < sizeof reply - got ? (size_t)r : sizeof reply - got;
				memcpy(reply + got, tmp, k);
				got += k;
			}
		}
		if (!progress)
			MHD_run_wait(daemon_, 2);
		if (now_ms() - t0 > 20000) {
			fprintf(stderr, "fuzz_http: no reply after 20 s\n");
			abort();
		}
	}
	close(sv[1]);
	MHD_run(daemon_); /* lets the daemon finish the connection */
	int status = 0;
	if (got >= 12 && !memcmp(reply, "HTTP/1.1 ", 9))
		status = atoi(reply + 9);
	status_count[status >= 100 && status < 600 ? status / 100 : 0]++;
	if (who && status == 401 && memmem(reply, got, "invalid_token", 13))
		need_reset = true;
	if (verbose) {
		const char *body = memmem(reply, got, "\r\n\r\n", 4);
		const char *rl = rq.ptr + 0;
		fprintf(stderr, "%.*s as %s -> %d %.*s\n", (int)strcspn(rl, "\r"), rl,
			who ? accounts[who] : "-", status,
			body ? (int)(reply + got - body - 4 < 200 ? reply + got - body - 4 : 200) : 0,
			body ? body + 4 : "");
	}
	if (strict && status == 500) {
		fprintf(stderr, "fuzz_http: 500 for %.*s\n", (int)strcspn(rq.ptr, "\r"), rq.ptr);
		abort();
	}
	buf_free(&rq);
	return 0;
}
