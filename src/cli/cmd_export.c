/* cmd_export.c: `jineng export persons|institutions|users|certificates [--format csv|xlsx] [--out FILE]`: the
 * same rows and columns as the list endpoints' ?format=, for the whole province, streamed page by page. */
#include "util/common.h"
#include "cli/cli.h"
#include "cli/opts.h"
#include "cli/progress.h"
#include "svc/auth/auth.h"
#include "svc/auth/users.h"
#include "svc/registry/institutions.h"
#include "svc/cert/certs.h"
#include "svc/registry/persons.h"

#define PAGE 10000

int cmd_export(int argc, char **argv)
{
	const char *url = default_db_url(), *kind = NULL, *format = "csv", *out = NULL, *v;
	for (int i = 1; i < argc; i++) {
		if ((v = opt_value(argc, argv, &i, "--db")))
			url = v;
		else if ((v = opt_value(argc, argv, &i, "--format")))
			format = v;
		else if ((v = opt_value(argc, argv, &i, "--out")))
			out = v;
		else if (argv[i][0] != '-' && !kind)
			kind = argv[i];
		else
			return cli_usage("export", "unknown option");
	}
	/* the lists that export: their specs give the rows (the list endpoints' ?format=) and the columns */
	static const struct list_spec *const kinds[] = {&person_list, &inst_list, &user_list, &cert_list};
	const struct list_spec *spec = NULL;
	for (size_t i = 0; kind && i < ARRAY_LEN(kinds); i++)
		if (!strcmp(kind, kinds[i]->name))
			spec = kinds[i];
	if (!spec)
		return cli_usage("export", "KIND is persons, institutions, users or certificates");
	if (strcmp(format, "csv") && strcmp(format, "xlsx"))
		return cli_usage("export", "--format is csv or xlsx");
	if (!out)
		out = strcmp(format, "csv") ? NULL : "-";
	if (!out)
		return cli_usage("export", "--out FILE is needed for xlsx");
	db *d = cli_open_db(url, true);
	if (!d)
		return 1;
	principal sys;
	principal_system(&sys, "export");
	err e = {0};
	exporter *x = exporter_open(format, out, kind, spec->cols, spec->ncols, &e);
	int rc = 0;
	if (!x) {
		db_close(d);
		return cli_fail(e.en, out);
	}
	progress_start(kind);
	for (int64_t off = 0;; off += PAGE) {
		struct list_args la = {.limit = PAGE, .offset = off};
		json_t *page = list_run(d, &sys, spec, &la, &e);
		if (!page) {
			rc = cli_fail(e.en, kind);
			break;
		}
		json_t *items = json_object_get(page, "items");
		exporter_rows(x, items, &e);
		size_t n = json_array_size(items);
		progress_update(exporter_count(x), json_integer_value(json_object_get(page, "total")));
		json_decref(page);
		if (n < PAGE)
			break;
	}
	int64_t count = exporter_count(x);
	if (exporter_close(x, &e) != 0 && rc == 0)
		rc = cli_fail(e.en, out);
	db_close(d);
	if (rc == 0)
		progress_end(count);
	return rc;
}
