/* cmd_user.c: `jineng user add|passwd|list|disable|enable` (administration on the server's machine; acts as
 * the system principal, recorded in the audit archive as cli:<os user>) */
#include "util/common.h"
#include "cli/cli.h"
#include "cli/opts.h"
#include "svc/auth/auth.h"
#include "svc/auth/users.h"
#include <termios.h>
#include <unistd.h>

static int read_password(bool from_stdin, char *out, size_t n)
{
	struct termios old, quiet;
	bool tty = !from_stdin && isatty(STDIN_FILENO);
	if (tty) {
		fprintf(stderr, "password: ");
		tcgetattr(STDIN_FILENO, &old);
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
	}
	char *ok = fgets(out, (int)n, stdin);
	if (tty) {
		tcsetattr(STDIN_FILENO, TCSANOW, &old);
		fprintf(stderr, "\n");
	}
	if (!ok)
		return -1;
	out[strcspn(out, "\r\n")] = 0;
	return 0;
}

static int64_t user_id_by_name(db *d, const char *name)
{
	int64_t id = 0;
	err e = {0};
	return db_one_int(d, "SELECT id FROM users WHERE username = $1", DB_ARGS(DV_S(name)), &id, &e) ==
			       DB_OK
		       ? id
		       : 0;
}

int cmd_user(int argc, char **argv)
{
	if (argc < 2)
		return cli_usage("user", NULL);
	const char *sub = argv[1], *url = default_db_url(), *name = NULL, *role = NULL, *region = NULL, *v;
	const char *display = NULL;
	int64_t inst = 0, person = 0;
	bool pw_stdin = false;
	for (int i = 2; i < argc; i++) {
		if ((v = opt_value(argc, argv, &i, "--db")))
			url = v;
		else if ((v = opt_value(argc, argv, &i, "--role")))
			role = v;
		else if ((v = opt_value(argc, argv, &i, "--region")))
			region = v;
		else if ((v = opt_value(argc, argv, &i, "--institution")))
			inst = atoll(v);
		else if ((v = opt_value(argc, argv, &i, "--person")))
			person = atoll(v);
		else if ((v = opt_value(argc, argv, &i, "--name")))
			display = v;
		else if (!strcmp(argv[i], "--password-stdin"))
			pw_stdin = true;
		else if (argv[i][0] != '-' && !name)
			name = argv[i];
		else
			return cli_usage("user", "unknown option");
	}
	if (strcmp(sub, "list") && !name)
		return cli_usage("user", "a user name is required");
	db *d = cli_open_db(url, true);
	if (!d)
		return 1;
	principal sys;
	principal_system(&sys, "cli");
	err e = {0};
	int rc = 0;
	char pw[256];
	if (!strcmp(sub, "add")) {
		if (!role) {
			rc = cli_usage("user", "--role is required");
		} else if (read_password(pw_stdin, pw, sizeof pw) != 0) {
			rc = cli_fail("no password given", "stdin");
		} else {
			struct user_input in = {.username = name,
						.password = pw,
						.role = role,
						.region_code = region,
						.institution_id = inst,
						.person_id = person,
						.display_name = display};
			int64_t id;
			if (user_create(d, &sys, &in, &id, &e) != 0)
				rc = cli_fail(e.en, name);
			else
				printf("user %s created (id %lld, role %s)\n", name, (long long)id, role);
		}
	} else if (!strcmp(sub, "passwd")) {
		int64_t id = user_id_by_name(d, name);
		if (!id)
			rc = cli_fail("no such user", name);
		else if (read_password(pw_stdin, pw, sizeof pw) != 0)
			rc = cli_fail("no password given", "stdin");
		else if (user_set_password(d, &sys, id, NULL, pw, &e) != 0)
			rc = cli_fail(e.en, name);
		else
			printf("password of %s changed\n", name);
	} else if (!strcmp(sub, "disable") || !strcmp(sub, "enable")) {
		int64_t id = user_id_by_name(d, name);
		if (!id)
			rc = cli_fail("no such user", name);
		else if (user_set_disabled(d, &sys, id, sub[0] == 'd', &e) != 0)
			rc = cli_fail(e.en, name);
		else
			printf("user %s %sd\n", name, sub);
	} else if (!strcmp(sub, "unlock")) {
		/* the operator, above every account: clears a failed-login delay (audited as user.unlock) */
		int64_t id = user_id_by_name(d, name);
		if (!id)
			rc = cli_fail("no such user", name);
		else if (user_unlock(d, &sys, id, &e) != 0)
			rc = cli_fail(e.en, name);
		else
			printf("login delay of %s cleared\n", name);
	} else if (!strcmp(sub, "list")) {
		struct list_args la = {.limit = 500};
		list_set(&la, &user_list, "role", role);
		json_t *l = list_run(d, &sys, &user_list, &la, &e);
		if (!l) {
			rc = cli_fail(e.en, "list");
		} else {
			size_t i;
			json_t *u;
			printf("%-6s %-24s %-18s %-8s %s\n", "id", "username", "role", "region", "state");
			json_array_foreach(json_object_get(l, "items"), i, u)
			{
				json_t *rg = json_object_get(u, "region_code");
				printf("%-6lld %-24s %-18s %-8s %s\n",
				       (long long)json_integer_value(json_object_get(u, "id")),
				       json_string_value(json_object_get(u, "username")),
				       json_string_value(json_object_get(u, "role")),
				       rg ? json_string_value(rg) ? json_string_value(rg) : "-" : "-",
				       json_is_true(json_object_get(u, "disabled")) ? "disabled" : "active");
			}
			json_decref(l);
		}
	} else {
		rc = cli_usage("user", "unknown subcommand");
	}
	memset(pw, 0, sizeof pw);
	db_close(d);
	return rc;
}
