/* fuzz_psy.c: the psychometrics CSV readers of `jineng psy` (psy/psyio.c: response matrices of 0/1 or
 * option letters, answer keys, item parameter files, blueprints, ratings) and the engine (src/psy) behind each
 * subcommand, on small inputs. Input: byte 0 picks the subcommand line (below), then the first file's bytes,
 * a NUL, and the second file's bytes (for the subcommands that read two). Output goes to /dev/null. */
#include "util/common.h"
#include "fuzz_common.h"
#include "cli/cli.h"

static char a_path[300], b_path[300];

static const char *const lines[][12] = {
	{"ctt", "--in", "A"},
	{"ctt", "--options", "A", "--key", "B"},
	{"calibrate", "--model", "rasch", "--in", "A", "--quad", "11"},
	{"calibrate", "--model", "2pl", "--in", "A", "--quad", "7"},
	{"score", "--items", "A", "--in", "B", "--method", "eap"},
	{"score", "--items", "A", "--in", "B", "--method", "mle", "--table"},
	{"collusion", "--in", "A", "--key", "B", "--groups", "2"},
	{"cat", "--items", "A", "--simulate", "3", "--max", "6", "--min", "2", "--seed", "7"},
	{"assemble", "--items", "A", "--blueprint", "B", "--forms", "2", "--iterations", "30", "--seed", "7"},
	{"mfrm", "A", "--thresholds", "B"},
	{"mfrm", "A", "--model", "rsm", "--categories", "3"},
};

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	UNUSED(argc);
	UNUSED(argv);
	snprintf(a_path, sizeof a_path, "%s/a.csv", fz_dir());
	snprintf(b_path, sizeof b_path, "%s/b.csv", fz_dir());
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1 || size > 4096) /* the engine is iterative: keep each run short */
		return 0;
	const char *const *line = lines[data[0] % ARRAY_LEN(lines)];
	const uint8_t *a = data + 1, *nul = memchr(a, 0, size - 1);
	size_t alen = nul ? (size_t)(nul - a) : size - 1;
	const uint8_t *b = nul ? nul + 1 : data + size;
	fz_write_file(a_path, a, alen);
	fz_write_file(b_path, b, (size_t)(data + size - b));
	char *argv[14];
	int argc = 0;
	argv[argc++] = (char *)"psy";
	for (int i = 0; i < 12 && line[i]; i++)
		argv[argc++] = !strcmp(line[i], "A")   ? a_path
			       : !strcmp(line[i], "B") ? b_path
						       : (char *)line[i];
	argv[argc] = NULL;
	fz_quiet_begin();
	cli_run(argc, argv);
	fz_quiet_end();
	return 0;
}
