/* score.c: `jineng psy score`: θ and its standard error for each person (EAP or MLE) against calibrated
 * items, and the summed-score table. */
#include "cli/psy/psycmd.h"

/* summed score -> θ over every item of the file */
static void print_table(const psy_itemfile *F, arena *a)
{
	double *th = arena_array(a, F->n + 1, sizeof *th), *se = arena_array(a, F->n + 1, sizeof *se),
	       *pr = arena_array(a, F->n + 1, sizeof *pr);
	psy_sum_table(F->n, F->it, th, se, pr, a);
	printf("score,theta,se,proportion\n");
	for (size_t s = 0; s <= F->n; s++)
		printf("%zu,%.4f,%.4f,%.6f\n", s, th[s], se[s], pr[s]);
}

int psycmd_score(int argc, char **argv)
{
	const char *itp = NULL, *in = NULL, *method = "eap", *v;
	bool table = false;
	for (int i = 2; i < argc; i++) {
		if ((v = opt_value(argc, argv, &i, "--items")))
			itp = v;
		else if ((v = opt_value(argc, argv, &i, "--in")))
			in = v;
		else if ((v = opt_value(argc, argv, &i, "--method")))
			method = v;
		else if (!strcmp(argv[i], "--table"))
			table = true;
		else
			return cli_usage("psy score", "unknown option");
	}
	if (!itp || (!in && !table) || (strcmp(method, "eap") && strcmp(method, "mle")))
		return cli_usage("psy score",
				 "--items and --in or --table are required; --method is eap or mle");
	arena *a = arena_new();
	int rc = 1;
	psy_itemfile F;
	psy_matrix m = {0};
	err e = {0};
	if (psy_read_items(itp, &F, a, &e) != 0) {
		psycmd_fail(&e, itp);
		goto done;
	}
	if (table) {
		print_table(&F, a);
		if (!in) {
			rc = 0;
			goto done;
		}
		printf("\n");
	}
	if (psy_read_matrix(in, PSY_CELLS_01, &m, a, &e) != 0) {
		psycmd_fail(&e, in);
		goto done;
	}
	/* the responses' columns in the item file's order */
	size_t *col = arena_array(a, m.k, sizeof *col);
	for (size_t i = 0; i < m.k; i++) {
		size_t j = 0;
		while (j < F.n && strcmp(F.ids[j], m.items[i]))
			j++;
		if (j == F.n) {
			err_set(&e, 422, "psy_unknown_item", NULL, "题目 %.60s 不在题目参数文件中",
				"item %.60s is not in the item file", m.items[i]);
			psycmd_fail(&e, itp);
			goto done;
		}
		col[i] = j;
	}
	int8_t *row = arena_array(a, F.n, 1);
	printf("person,theta,se,answered\n");
	for (size_t p = 0; p < m.n; p++) {
		memset(row, PSY_NA, F.n);
		size_t answered = 0;
		for (size_t i = 0; i < m.k; i++) {
			row[col[i]] = m.x[p * m.k + i];
			answered += row[col[i]] != PSY_NA;
		}
		double th, se;
		if (!strcmp(method, "eap"))
			psy_eap(F.n, F.it, row, &th, &se);
		else
			psy_mle(F.n, F.it, row, &th, &se);
		if (answered == 0 && !strcmp(method, "mle"))
			printf("%s,,,0\n", m.persons[p]);
		else
			printf("%s,%.4f,%.4f,%zu\n", m.persons[p], th, se, answered);
	}
	rc = 0;
done:
	psy_matrix_free(&m);
	arena_free(a);
	return rc;
}
