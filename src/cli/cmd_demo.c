/* cmd_demo.c: `jineng demo`: creates the demo province (idempotent), prints the accounts, serves it */
#include "util/common.h"
#include "cli/cli.h"
#include "cli/opts.h"
#include "cli/progress.h"
#include "demo/demo.h"
#include "http/proxy.h"

static void on_progress(int64_t done, int64_t total)
{
	progress_update(done, total);
}

int cmd_demo(int argc, char **argv)
{
	const char *url = default_db_url(), *listen = default_listen(), *web = "web/dist", *size = "small",
		   *v;
	bool serve = true;
	static struct cidr proxies[SERVE_MAX_PROXIES];
	static const char *proxy_text[SERVE_MAX_PROXIES];
	struct serve_opts o = {.threads = 2, .proxies = proxies, .proxy_text = proxy_text};
	for (int i = 1; i < argc; i++) {
		int bad = 0;
		if (serve_option(&o, argc, argv, &i, &bad)) {
			if (bad)
				return 2;
		} else if ((v = opt_value(argc, argv, &i, "--db")))
			url = v;
		else if ((v = opt_value(argc, argv, &i, "--listen")))
			listen = v;
		else if ((v = opt_value(argc, argv, &i, "--size")))
			size = v;
		else if ((v = opt_value(argc, argv, &i, "--web")))
			web = v;
		else if (!strcmp(argv[i], "--no-serve"))
			serve = false;
		else
			return cli_usage("demo", "unknown option");
	}
	int64_t persons;
	if (!strcmp(size, "small"))
		persons = 5000;
	else if (!strcmp(size, "province"))
		persons = 1000000;
	else
		return cli_usage("demo", "--size is small or province");
	db *d = cli_open_db(url, true);
	if (!d)
		return 1;
	err e = {0};
	bool fresh = false;
	progress_start("demo persons");
	int rc = demo_seed(d, persons, &fresh, on_progress, &e);
	int64_t items = 0;
	if (rc == 0)
		rc = demo_items(d, &items, &e);
	db_close(d);
	if (rc != 0)
		return cli_fail(e.en, "demo");
	if (fresh)
		progress_end(persons);
	printf("%s demo province in %s\n", fresh ? "created the" : "kept the existing",
	       !strncmp(url, "sqlite:", 7) ? url : "postgres");
	if (items)
		printf("loaded %lld items of the seeded banks (电工四级, 中式烹调师五级, 电子商务师四级) and "
		       "their "
		       "blueprints\n",
		       (long long)items);
	printf("demo accounts (password %s for all):\n", DEMO_PASSWORD);
	for (const struct demo_account *a = demo_accounts; a->username; a++)
		printf("  %-18s %-18s %s\n", a->username, a->role, a->what);
	fflush(stdout);
	if (!serve)
		return 0;
	printf("serving on http://%s (Ctrl-C stops)\n", listen);
	fflush(stdout);
	o.url = url;
	o.listen = listen;
	o.web = web;
	return serve_with(&o);
}
