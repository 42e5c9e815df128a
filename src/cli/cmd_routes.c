/* cmd_routes.c: `jineng routes`: the API's route table as the binary has it (method, path, domain, the roles
 * that may call it), for the OpenAPI completeness test, the scope matrix and readers */
#include "util/common.h"
#include "cli/cli.h"
#include "api/base/routes.h"
#include <jansson.h>

static json_t *roles_json(unsigned mask)
{
	json_t *a = json_array();
	for (int r = 0; r < ROLE_COUNT; r++)
		if (mask & RB(r))
			json_array_append_new(a, json_string(role_name((enum role)r)));
	return a;
}

int cmd_routes(int argc, char **argv)
{
	bool as_json = false;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--json"))
			as_json = true;
		else
			return cli_usage("routes", "unknown option");
	}
	json_t *all = as_json ? json_array() : NULL;
	for (const struct api_domain *d = api_domains; d->name; d++)
		for (const struct route *rt = d->routes; rt->method; rt++) {
			if (all) {
				json_array_append_new(all,
						      json_pack("{s:s,s:s,s:s,s:o}", "method", rt->method,
								"path", rt->pattern, "domain", d->name,
								"roles", roles_json(rt->roles)));
				continue;
			}
			printf("%s\t%s\t%s\t", rt->method, rt->pattern, d->name);
			for (int r = 0, n = 0; r < ROLE_COUNT; r++)
				if (rt->roles & RB(r))
					printf("%s%s", n++ ? "," : "", role_name((enum role)r));
			putchar('\n');
		}
	if (all) {
		json_dumpf(all, stdout, JSON_INDENT(1));
		putchar('\n');
		json_decref(all);
	}
	return fflush(stdout) == 0 ? 0 : 1;
}
