/* cmd_serve.c: `jineng serve` */
#include "util/common.h"
#include "cli/cli.h"
#include "cli/opts.h"
#include "http/server.h"
#include <sys/stat.h>

static const char *base_url_for(const char *listen, char *buf, size_t n)
{
	const char *env = getenv("JINENG_BASE_URL");
	if (env && *env)
		return env;
	snprintf(buf, n, "http://%s", strncmp(listen, "0.0.0.0:", 8) ? listen : listen + 8);
	return buf;
}

int serve_with(const char *url, const char *listen, const char *web, int threads)
{
	char base[300];
	db *d = cli_open_db(url, true);
	if (!d)
		return 1;
	db_close(d);
	struct stat st;
	if (web && (stat(web, &st) != 0 || !S_ISDIR(st.st_mode)))
		web = NULL;
	struct server_conf conf = {
		.db_url = url,
		.listen = listen,
		.web_dir = web,
		.threads = threads,
		.max_body = 1u << 20,
		.base_url = base_url_for(listen, base, sizeof base),
	};
	const char *mb = getenv("JINENG_MAX_BODY");
	if (mb && atoll(mb) > 0)
		conf.max_body = (size_t)atoll(mb);
	err e = {0};
	if (server_run(&conf, &e) != 0)
		return cli_fail(e.en, listen);
	return 0;
}

int cmd_serve(int argc, char **argv)
{
	const char *url = default_db_url(), *listen = default_listen(), *web = "web/dist", *v;
	int threads = 2;
	for (int i = 1; i < argc; i++) {
		if ((v = opt_value(argc, argv, &i, "--db")))
			url = v;
		else if ((v = opt_value(argc, argv, &i, "--listen")))
			listen = v;
		else if ((v = opt_value(argc, argv, &i, "--web")))
			web = v;
		else if ((v = opt_value(argc, argv, &i, "--threads")))
			threads = atoi(v);
		else
			return cli_usage("serve", "unknown option");
	}
	if (threads < 1 || threads > 256)
		return cli_usage("serve", "--threads must be 1..256");
	return serve_with(url, listen, web, threads);
}
