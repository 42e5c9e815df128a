/* simulate.c: `jineng psy simulate`: 0/1 responses of θ ~ N(0,1) persons to generated items (Rasch: b ~
 * N(0,1) centred; 2PL: also a ~ U(0.6, 2)), written in blocks so millions of rows need little memory;
 * deterministic for a seed. */
#include "cli/psy/psycmd.h"

/* the responses, in blocks of persons */
static void write_responses(FILE *f, size_t n, size_t k, const psy_item *it, unsigned long long seed)
{
	size_t block = 4096;
	int8_t *x = xmalloc(block * k);
	char *line = xmalloc(k * 2 + 32);
	fprintf(f, "person");
	for (size_t i = 0; i < k; i++)
		fprintf(f, ",i%zu", i + 1);
	fputc('\n', f);
	for (size_t p0 = 0; p0 < n; p0 += block) {
		size_t m = n - p0 < block ? n - p0 : block;
		psy_simulate(m, k, it, seed + p0 / block * 0x9e3779b97f4a7c15ULL, x, NULL);
		for (size_t p = 0; p < m; p++) {
			int len = snprintf(line, 32, "p%zu", p0 + p + 1);
			for (size_t i = 0; i < k; i++) {
				line[len++] = ',';
				line[len++] = (char)('0' + x[p * k + i]);
			}
			line[len++] = '\n';
			fwrite(line, 1, (size_t)len, f);
		}
	}
	free(line);
	free(x);
}

/* the generating parameters as ITEMS.csv, items named i1..ik */
static int write_truth(const char *path, size_t k, const psy_item *it)
{
	char **ids = xcalloc(k, sizeof *ids);
	char(*names)[24] = xcalloc(k, sizeof *names);
	for (size_t i = 0; i < k; i++) {
		snprintf(names[i], sizeof names[i], "i%zu", i + 1);
		ids[i] = names[i];
	}
	err e = {0};
	int rc = psy_write_items(path, k, ids, it, &e) ? psycmd_fail(&e, path) : 0;
	free(names);
	free(ids);
	return rc;
}

int psycmd_simulate(int argc, char **argv)
{
	const char *out = NULL, *truth = NULL, *model = "rasch", *v;
	long long n = 0, k = 0;
	unsigned long long seed = 1;
	for (int i = 2; i < argc; i++) {
		if ((v = opt_value(argc, argv, &i, "--persons")))
			n = atoll(v);
		else if ((v = opt_value(argc, argv, &i, "--items")))
			k = atoll(v);
		else if ((v = opt_value(argc, argv, &i, "--model")))
			model = v;
		else if ((v = opt_value(argc, argv, &i, "--seed")))
			seed = strtoull(v, NULL, 10);
		else if ((v = opt_value(argc, argv, &i, "--out")))
			out = v;
		else if ((v = opt_value(argc, argv, &i, "--truth")))
			truth = v;
		else
			return cli_usage("psy simulate", "unknown option");
	}
	if (n <= 0 || k <= 0 || n > 100000000 || k > 10000 ||
	    (strcmp(model, "rasch") && strcmp(model, "2pl")))
		return cli_usage(
			"psy simulate",
			"--persons 1..100000000 and --items 1..10000 are required; --model is rasch or 2pl");
	psy_item *it = xcalloc((size_t)k, sizeof *it);
	psy_rng r;
	psy_rng_seed(&r, seed ^ 0x5eed5eedULL);
	double mean = 0;
	for (long long i = 0; i < k; i++) {
		it[i].a = strcmp(model, "2pl") ? 1.0 : 0.6 + 1.4 * psy_rng_uniform(&r);
		it[i].b = psy_rng_normal(&r);
		mean += it[i].b / (double)k;
	}
	if (!strcmp(model, "rasch"))
		for (long long i = 0; i < k; i++)
			it[i].b -= mean; /* CML's sum-zero scale */
	int rc = 1;
	FILE *f = out ? fopen(out, "w") : stdout;
	if (!f) {
		free(it);
		return cli_fail("无法写入文件 / could not write the file", out);
	}
	write_responses(f, (size_t)n, (size_t)k, it, seed);
	if (out && fclose(f) != 0)
		cli_fail("无法写入文件 / could not write the file", out);
	else
		rc = 0;
	if (rc == 0 && truth)
		rc = write_truth(truth, (size_t)k, it);
	free(it);
	return rc;
}
