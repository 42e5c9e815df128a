/* calibrate.c: `jineng psy calibrate`: item parameters from 0/1 responses, Rasch (CML) or 2PL (MML). */
#include "cli/psy/psycmd.h"

/* the engine's psy_constant_item names a position; the message names the item */
static int constant_item_fail(const psy_matrix *m, const char *in)
{
	size_t i = 0;
	for (; i < m->k; i++) {
		size_t ones = 0, seen = 0;
		for (size_t p = 0; p < m->n; p++)
			if (m->x[p * m->k + i] != PSY_NA)
				seen++, ones += (size_t)m->x[p * m->k + i];
		if (ones == 0 || ones == seen)
			break;
	}
	if (i == m->k)
		return 0;
	err e = {0};
	err_set(&e, 422, "psy_constant_item", NULL,
		"题目 %.60s 在可用考生中全部答对、全部答错或无人作答，无法估计",
		"item %.60s is answered all right, all wrong or not at all by the persons used; it cannot be "
		"estimated",
		m->items[i]);
	return psycmd_fail(&e, in);
}

int psycmd_calibrate(int argc, char **argv)
{
	const char *in = NULL, *out = NULL, *model = NULL, *fitp = NULL, *v;
	psy_mml_opts mo = {0};
	for (int i = 2; i < argc; i++) {
		if ((v = opt_value(argc, argv, &i, "--in")))
			in = v;
		else if ((v = opt_value(argc, argv, &i, "--out")))
			out = v;
		else if ((v = opt_value(argc, argv, &i, "--model")))
			model = v;
		else if ((v = opt_value(argc, argv, &i, "--fit")))
			fitp = v;
		else if ((v = opt_value(argc, argv, &i, "--quad")))
			mo.quad_points = atoi(v);
		else if ((v = opt_value(argc, argv, &i, "--threads")))
			mo.threads = atoi(v);
		else
			return cli_usage("psy calibrate", "unknown option");
	}
	if (!in || !model || (strcmp(model, "rasch") && strcmp(model, "2pl")))
		return cli_usage("psy calibrate", "--in and --model rasch|2pl are required");
	if (mo.quad_points && mo.quad_points < 41)
		return cli_usage("psy calibrate", "--quad must be at least 41");
	arena *a = arena_new();
	psy_matrix m;
	int rc = 1;
	err e = {0};
	if (psy_read_matrix(in, PSY_CELLS_01, &m, a, &e) != 0) {
		psycmd_fail(&e, in);
		goto done;
	}
	psy_data d = {.n = m.n, .k = m.k, .x = m.x};
	psy_item *it = arena_array(a, m.k, sizeof *it);
	psy_fit fit;
	int r = !strcmp(model, "rasch") ? psy_rasch_cml(&d, it, &fit, a, &e)
					: psy_2pl_mml(&d, &mo, it, &fit, a, &e);
	if (r != 0) {
		if (!(e.code && !strcmp(e.code, "psy_constant_item") && constant_item_fail(&m, in)))
			psycmd_fail(&e, in);
		goto done;
	}
	fprintf(stderr, "loglik=%.6f iterations=%d\n", fit.loglik, fit.iterations);
	fprintf(stderr, "model=%s persons_used=%zu %s=%zu%s\n", model, fit.n_used,
		strcmp(model, "rasch") ? "patterns" : "missing_groups", fit.n_patterns,
		strcmp(model, "rasch") ? (fit.se_full ? " se=full_information" : " se=item_blocks") : "");
	if (psy_write_items(out, m.k, m.items, it, &e) != 0) {
		psycmd_fail(&e, out);
		goto done;
	}
	if (fitp) {
		FILE *f = fopen(fitp, "w");
		if (!f) {
			cli_fail("无法写入文件 / could not write the file", fitp);
			goto done;
		}
		fprintf(f, "item,infit,outfit\n");
		for (size_t i = 0; i < m.k; i++)
			fprintf(f, "%s,%.4f,%.4f\n", m.items[i], it[i].infit, it[i].outfit);
		fclose(f);
	}
	rc = 0;
done:
	psy_matrix_free(&m);
	arena_free(a);
	return rc;
}
