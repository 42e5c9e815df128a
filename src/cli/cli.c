/* cli.c: the dispatcher of the jineng binary. It finds the command (and subcommand) in cli_commands
 * (commands.c), answers `--help`/`-h` for any of them from the usage declared there (stdout, exit 0) and
 * prints that same usage after every usage error (stderr, exit 2), so no command parses --help itself. */
#include "util/common.h"
#include "cli/cli.h"

static bool is_help(const char *a)
{
	return !strcmp(a, "--help") || !strcmp(a, "-h");
}

/* --help or -h anywhere in argv[from..argc) */
static bool wants_help(int argc, char **argv, int from)
{
	for (int i = from; i < argc; i++)
		if (is_help(argv[i]))
			return true;
	return false;
}

static const struct cli_command *find(const struct cli_command *list, const char *name)
{
	for (const struct cli_command *c = list; c && c->name; c++)
		if (!strcmp(c->name, name))
			return c;
	return NULL;
}

/* the usage line: "jineng [PARENT ]NAME ARGS" */
static void usage_line(FILE *f, const char *lead, const struct cli_command *parent,
		       const struct cli_command *c)
{
	fprintf(f, "%sjineng %s%s%s %s\n", lead, parent ? parent->name : "", parent ? " " : "", c->name,
		c->args ? c->args : "SUBCOMMAND ...");
}

/* text word-wrapped to 100 columns, each line after `indent` spaces; a newline in text starts a paragraph */
static void print_wrapped(FILE *f, int indent, const char *text)
{
	const int width = 100;
	while (*text) {
		int col = indent;
		fprintf(f, "%*s", indent, "");
		const char *p = text;
		for (;;) {
			size_t w = strcspn(p, " \n");
			if (p > text && col + 1 + (int)w > width)
				break;
			if (p > text)
				fputc(' ', f), col++;
			fprintf(f, "%.*s", (int)w, p);
			col += (int)w;
			p += w;
			if (*p != ' ')
				break;
			p++;
		}
		fputc('\n', f);
		if (*p == '\n' && *++p)
			fputc('\n', f); /* a blank line between paragraphs */
		text = p;
	}
}

/* the usage of c (a subcommand of parent, or a command when parent is NULL); with the summaries when full */
static void print_usage(FILE *f, const struct cli_command *parent, const struct cli_command *c, bool full)
{
	usage_line(f, "usage: ", parent, c);
	if (full && c->summary) {
		fputc('\n', f);
		print_wrapped(f, 0, c->summary);
	}
	if (full && c->details) {
		fputc('\n', f);
		print_wrapped(f, 0, c->details);
	}
	if (!c->subs)
		return;
	fprintf(f, "\nsubcommands:\n");
	for (const struct cli_command *s = c->subs; s->name; s++) {
		usage_line(f, "  ", c, s);
		if (full && s->summary)
			print_wrapped(f, 6, s->summary);
	}
	fprintf(f, "\n'jineng %s SUBCOMMAND --help' prints the usage of one.\n", c->name);
}

/* the list of commands */
static void print_main_usage(FILE *f, bool full)
{
	if (full)
		fprintf(f, "jineng %s: the skilled-talent platform (技能人才评价与服务平台)\n",
			JINENG_VERSION);
	fprintf(f, "usage: jineng COMMAND [ARGS...]\n       jineng --help | --version\n\ncommands:\n");
	for (const struct cli_command *c = cli_commands; c->name; c++)
		fprintf(f, "  %-9s %s\n", c->name, c->summary ? c->summary : "");
	fprintf(f, "\n'jineng COMMAND --help' prints the usage of one.\n");
}

int cli_usage(const char *cmd, const char *msg)
{
	if (msg)
		fprintf(stderr, "jineng: %s\n", msg);
	char name[64];
	size_t n = strcspn(cmd, " ");
	snprintf(name, sizeof name, "%.*s", (int)n, cmd);
	const struct cli_command *c = find(cli_commands, name), *s = NULL;
	if (c && cmd[n] == ' ')
		s = find(c->subs, cmd + n + 1);
	if (s)
		print_usage(stderr, c, s, false);
	else if (c)
		print_usage(stderr, NULL, c, false);
	else
		print_main_usage(stderr, false);
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

int cli_run(int argc, char **argv)
{
	const struct cli_command *c = argc >= 1 ? find(cli_commands, argv[0]) : NULL;
	if (!c) {
		fprintf(stderr, "jineng: unknown command '%s'\n", argc >= 1 ? argv[0] : "");
		print_main_usage(stderr, false);
		return 2;
	}
	const struct cli_command *s = argc >= 2 ? find(c->subs, argv[1]) : NULL;
	if (s) {
		if (wants_help(argc, argv, 2)) {
			print_usage(stdout, c, s, true);
			return 0;
		}
		return s->run ? s->run(argc, argv) : cli_usage(c->name, NULL);
	}
	if (wants_help(argc, argv, 1)) {
		print_usage(stdout, NULL, c, true);
		return 0;
	}
	if (c->run)
		return c->run(argc, argv);
	char msg[160];
	if (argc < 2)
		snprintf(msg, sizeof msg, "which %s subcommand?", c->name);
	else
		snprintf(msg, sizeof msg, "unknown %s subcommand '%.80s'", c->name, argv[1]);
	return cli_usage(c->name, msg);
}

int cli_main(int argc, char **argv)
{
	if (argc < 2) {
		print_main_usage(stderr, true);
		return 2;
	}
	if (is_help(argv[1])) {
		print_main_usage(stdout, true);
		return 0;
	}
	if (!strcmp(argv[1], "--version")) {
		printf("jineng %s\n", JINENG_VERSION);
		return 0;
	}
	if (!strcmp(argv[1], "help")) {
		/* `jineng help [COMMAND [SUBCOMMAND]]`: the same as `jineng COMMAND [SUBCOMMAND] --help` */
		if (argc < 3) {
			print_main_usage(stdout, true);
			return 0;
		}
		const struct cli_command *c = find(cli_commands, argv[2]);
		const struct cli_command *s = c && argc >= 4 ? find(c->subs, argv[3]) : NULL;
		if (!c || (argc >= 4 && !s) || argc > 4) {
			fprintf(stderr, "jineng: no such command '%s%s%s'\n", argv[2], argc >= 4 ? " " : "",
				argc >= 4 ? argv[3] : "");
			print_main_usage(stderr, false);
			return 2;
		}
		print_usage(stdout, s ? c : NULL, s ? s : c, true);
		return 0;
	}
	return cli_run(argc - 1, argv + 1);
}
