/* main.c: the jineng binary only dispatches to its subcommands (src/cli/cmd_*.c). */
#include "util/common.h"
#include "cli/cli.h"

static const struct cli_command commands[] = {
	{"serve", cmd_serve,
	 "serve [--db URL] [--listen HOST:PORT] [--web DIR] [--threads N] [--key-file PATH] [--trusted-proxy "
	 "CIDR]... "
	 "[--insecure-test-mode]"},
	{"demo", cmd_demo,
	 "demo [--db URL] [--listen HOST:PORT] [--size small|province] [--no-serve] [--key-file PATH] "
	 "[--trusted-proxy CIDR]... [--insecure-test-mode]"},
	{"migrate", cmd_migrate, "migrate [--db URL]"},
	{"user", cmd_user, "user add|passwd|list|disable|enable|unlock ..."},
	{"import", cmd_import,
	 "import persons|institutions|occupations|items FILE.csv [--institution ID] [--db URL] "
	 "[--all-or-nothing]"},
	{"export", cmd_export, "export KIND [--format csv|xlsx] [--db URL] [--out FILE]"},
	{"audit", cmd_audit, "audit verify [--db URL]"},
	{"cert", cmd_cert, "cert verify-qr TEXT --key PUBKEY.pem"},
	{"psy", cmd_psy, "psy ctt|calibrate|score|collusion|cat|assemble|simulate ..."},
};

static int usage(FILE *f)
{
	fprintf(f, "jineng %s: the skilled-talent platform (技能人才评价与服务平台)\nusage:\n",
		JINENG_VERSION);
	for (size_t i = 0; i < ARRAY_LEN(commands); i++)
		fprintf(f, "  jineng %s\n", commands[i].usage);
	return f == stdout ? 0 : 2;
}

int cli_usage(const char *cmd, const char *msg)
{
	if (msg)
		fprintf(stderr, "jineng: %s\n", msg);
	for (size_t i = 0; i < ARRAY_LEN(commands); i++)
		if (strcmp(commands[i].name, cmd) == 0)
			fprintf(stderr, "usage: jineng %s\n", commands[i].usage);
	return 2;
}

int cli_fail(const char *what, const char *where)
{
	if (where && *where)
		fprintf(stderr, "jineng: %s (%s)\n", what, where);
	else
		fprintf(stderr, "jineng: %s\n", what);
	return 1;
}

int main(int argc, char **argv)
{
	if (argc < 2)
		return usage(stderr);
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help"))
		return usage(stdout);
	if (!strcmp(argv[1], "--version")) {
		printf("jineng %s\n", JINENG_VERSION);
		return 0;
	}
	for (size_t i = 0; i < ARRAY_LEN(commands); i++)
		if (strcmp(commands[i].name, argv[1]) == 0)
			return commands[i].run(argc - 1, argv + 1);
	fprintf(stderr, "jineng: unknown command '%s'\n", argv[1]);
	return usage(stderr);
}
