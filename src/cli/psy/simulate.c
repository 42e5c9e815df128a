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

/* --model mfrm: ratings by the many-facet model (psy_mfrm_simulate) as RATINGS.csv, the truth as
 * facet,id,measure */
static int simulate_mfrm(const psy_mfrm_design *g, const char *out, const char *truth)
{
	size_t n = g->n_cand * g->raters * g->n_crit;
	uint32_t *c = xcalloc(n, sizeof *c), *e = xcalloc(n, sizeof *e), *i = xcalloc(n, sizeof *i);
	double *s = xcalloc(n, sizeof *s), *th = xcalloc(g->n_cand, sizeof *th),
	       *al = xcalloc(g->n_exam, sizeof *al), *de = xcalloc(g->n_crit, sizeof *de);
	n = psy_mfrm_simulate(g, c, e, i, s, th, al, de);
	int rc = 1;
	FILE *f = out ? fopen(out, "w") : stdout;
	if (!f) {
		cli_fail("无法写入文件 / could not write the file", out);
		goto done;
	}
	fprintf(f, "candidate,examiner,criterion,score,max\n");
	for (size_t o = 0; o < n; o++)
		fprintf(f, "c%u,e%u,k%u,%g,%d\n", c[o] + 1, e[o] + 1, i[o] + 1, s[o], g->max_points);
	if (out && fclose(f) != 0) {
		cli_fail("无法写入文件 / could not write the file", out);
		goto done;
	}
	if (truth) {
		FILE *t = fopen(truth, "w");
		if (!t) {
			cli_fail("无法写入文件 / could not write the file", truth);
			goto done;
		}
		fprintf(t, "facet,id,measure\n");
		for (size_t j = 0; j < g->n_exam; j++)
			fprintf(t, "examiner,e%zu,%.6f\n", j + 1, al[j]);
		for (size_t k = 0; k < g->n_crit; k++)
			fprintf(t, "criterion,k%zu,%.6f\n", k + 1, de[k]);
		for (size_t p = 0; p < g->n_cand; p++)
			fprintf(t, "candidate,c%zu,%.6f\n", p + 1, th[p]);
		if (fclose(t) != 0) {
			cli_fail("无法写入文件 / could not write the file", truth);
			goto done;
		}
	}
	rc = 0;
done:
	free(c), free(e), free(i), free(s), free(th), free(al), free(de);
	return rc;
}

int psycmd_simulate(int argc, char **argv)
{
	const char *out = NULL, *truth = NULL, *model = "rasch", *v;
	long long n = 0, k = 0;
	unsigned long long seed = 1;
	psy_mfrm_design g = {.n_crit = 5, .raters = 3, .batch = 20, .max_points = 10, .sd_exam = 0.5};
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
		else if ((v = opt_value(argc, argv, &i, "--examiners")))
			g.n_exam = (size_t)atoll(v);
		else if ((v = opt_value(argc, argv, &i, "--criteria")))
			g.n_crit = (size_t)atoll(v);
		else if ((v = opt_value(argc, argv, &i, "--raters")))
			g.raters = (size_t)atoll(v);
		else if ((v = opt_value(argc, argv, &i, "--batch")))
			g.batch = (size_t)atoll(v);
		else if ((v = opt_value(argc, argv, &i, "--max")))
			g.max_points = atoi(v);
		else
			return cli_usage("psy simulate", "unknown option");
	}
	if (!strcmp(model, "mfrm")) {
		if (n <= 0 || n > 10000000 || g.n_exam < 1 || g.n_exam > 100000 || g.n_crit < 1 ||
		    g.n_crit > 100 || g.raters < 1 || g.raters > 20 || g.raters > g.n_exam || g.batch < 1 ||
		    g.max_points < 1 || g.max_points > 20)
			return cli_usage("psy simulate",
					 "--model mfrm needs --persons 1..10000000 and --examiners; "
					 "--criteria 1..100, "
					 "--raters 1..20 (at most the examiners), --max 1..20");
		g.n_cand = (size_t)n, g.seed = seed;
		return simulate_mfrm(&g, out, truth);
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
