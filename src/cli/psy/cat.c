/* cat.c: `jineng psy cat`: simulated computerised adaptive tests on a calibrated bank (content balanced by
 * the bank's areas when ITEMS.csv has an area column; exposure control by randomesque selection and
 * Sympson-Hetter rounds). */
#include "cli/psy/psycmd.h"

static int write_exposure(const char *path, const psy_itemfile *F, const psy_cat_sim *sim)
{
	FILE *f = fopen(path, "w");
	if (!f)
		return cli_fail("无法写入文件 / could not write the file", path);
	fprintf(f, "item,exposure,k_sh\n");
	for (size_t i = 0; i < F->n; i++)
		fprintf(f, "%s,%.4f,%.4f\n", F->ids[i], sim->exposure[i], sim->k_sh[i]);
	fclose(f);
	return 0;
}

int psycmd_cat(int argc, char **argv)
{
	const char *itp = NULL, *expo = NULL, *v;
	long long nsim = 0;
	unsigned long long seed = 1;
	psy_cat_opts o = {.se_stop = 0.3, .max_len = 30, .min_len = 5, .randomesque = 1};
	for (int i = 2; i < argc; i++) {
		if ((v = opt_value(argc, argv, &i, "--items")))
			itp = v;
		else if ((v = opt_value(argc, argv, &i, "--simulate")))
			nsim = atoll(v);
		else if ((v = opt_value(argc, argv, &i, "--se")))
			o.se_stop = atof(v);
		else if ((v = opt_value(argc, argv, &i, "--max")))
			o.max_len = (size_t)atoll(v);
		else if ((v = opt_value(argc, argv, &i, "--min")))
			o.min_len = (size_t)atoll(v);
		else if ((v = opt_value(argc, argv, &i, "--seed")))
			seed = strtoull(v, NULL, 10);
		else if ((v = opt_value(argc, argv, &i, "--randomesque")))
			o.randomesque = (size_t)atoll(v);
		else if ((v = opt_value(argc, argv, &i, "--rmax")))
			o.r_max = atof(v);
		else if ((v = opt_value(argc, argv, &i, "--sh-rounds")))
			o.sh_rounds = atoi(v);
		else if ((v = opt_value(argc, argv, &i, "--exposure")))
			expo = v;
		else
			return cli_usage("psy cat", "unknown option");
	}
	if (!itp || nsim <= 0 || o.max_len == 0 || o.se_stop < 0 || o.r_max < 0 || o.r_max > 1 ||
	    o.randomesque == 0 || o.randomesque > 64)
		return cli_usage("psy cat", "--items and --simulate N are required; --max above 0, --se not "
					    "negative, --rmax 0..1, --randomesque 1..64");
	arena *a = arena_new();
	int rc = 1;
	psy_itemfile F;
	err e = {0};
	if (psy_read_items(itp, &F, a, &e) != 0) {
		psycmd_fail(&e, itp);
		goto done;
	}
	char **anames = NULL;
	int *area = NULL;
	double *target = NULL;
	if (F.area[0]) {
		area = arena_array(a, F.n, sizeof *area);
		o.n_areas = psy_intern(F.area, F.n, area, &anames, a);
		target = arena_array(a, (size_t)o.n_areas, sizeof *target);
		for (size_t i = 0; i < F.n; i++) /* target shares: the areas' shares of the bank */
			target[area[i]] += 1.0 / (double)F.n;
		o.area = area;
		o.area_target = target;
	}
	psy_cat_sim sim;
	if (psy_cat_simulate(F.n, F.it, &o, (size_t)nsim, seed, &sim, a, &e) != 0) {
		psycmd_fail(&e, itp);
		goto done;
	}
	printf("simulees=%zu items=%zu areas=%d se_stop=%.3f max=%zu randomesque=%zu rmax=%.3f seed=%llu\n",
	       sim.n, F.n, o.n_areas, o.se_stop, o.max_len, o.randomesque, o.r_max, seed);
	printf("bias=%.4f rmse=%.4f mean_length=%.2f mean_se=%.4f max_exposure=%.4f overlap=%.4f "
	       "unused_items=%zu\n",
	       sim.bias, sim.rmse, sim.mean_len, sim.mean_se, sim.max_exposure, sim.overlap,
	       sim.unused_items);
	if (expo && write_exposure(expo, &F, &sim) != 0)
		goto done;
	rc = 0;
done:
	arena_free(a);
	return rc;
}
