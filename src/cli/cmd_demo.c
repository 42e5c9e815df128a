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
	int64_t certs = -1, regs = -1; /* the province-size history (demo_scale.c); -1: the size's own */
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
		else if ((v = opt_value(argc, argv, &i, "--certs")))
			certs = atoll(v);
		else if ((v = opt_value(argc, argv, &i, "--registrations")))
			regs = atoll(v);
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
	/* the province: 10,000,000 certificates and 5,000,000 registrations over 5 years (issue 17 item 6) */
	if (certs < 0)
		certs = !strcmp(size, "province") ? 10000000 : 0;
	if (regs < 0)
		regs = !strcmp(size, "province") ? 5000000 : 0;
	db *d = cli_open_db(url, true);
	if (!d)
		return 1;
	err e = {0};
	bool fresh = false;
	progress_start("demo persons");
	demo_db_url = url;
	int rc = demo_seed(d, persons, &fresh, on_progress, &e);
	int64_t items = 0;
	if (rc == 0)
		rc = demo_items(d, &items, &e);
	/* the 模拟练习 set beside the 电子商务师 bank, then the 知识竞赛 rounds, which draw from it */
	if (rc == 0 && fresh)
		rc = demo_practice(d, &e);
	if (rc == 0 && fresh)
		rc = demo_contests(d, &e);
	int64_t added_c = 0, added_r = 0;
	if (rc == 0 && (certs > 0 || regs > 0)) {
		printf("generating the history: up to %lld certificates and %lld registrations over 60 "
		       "months...\n",
		       (long long)certs, (long long)regs);
		fflush(stdout);
		rc = demo_scale(d, certs, regs, &added_c, &added_r, &e);
		if (rc == 0)
			printf("added %lld certificates and %lld registrations of the history, counted in "
			       "the "
			       "statistics counters\n",
			       (long long)added_c, (long long)added_r);
	}
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
