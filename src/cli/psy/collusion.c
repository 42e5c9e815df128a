/* collusion.c: `jineng psy collusion`: pairs of persons with improbably many identical answers (omega with
 * an empirical null, Benjamini-Hochberg at --fdr). */
#include "cli/psy/psycmd.h"

int psycmd_collusion(int argc, char **argv)
{
	const char *in = NULL, *keyp = NULL, *v;
	psy_collusion_opts co = {0};
	for (int i = 2; i < argc; i++) {
		if ((v = opt_value(argc, argv, &i, "--in")))
			in = v;
		else if ((v = opt_value(argc, argv, &i, "--key")))
			keyp = v;
		else if ((v = opt_value(argc, argv, &i, "--fdr")))
			co.q = atof(v);
		else if ((v = opt_value(argc, argv, &i, "--groups")))
			co.groups = atoi(v);
		else if ((v = opt_value(argc, argv, &i, "--threads")))
			co.threads = atoi(v);
		else
			return cli_usage("psy collusion", "unknown option");
	}
	if (!in || !keyp || co.q < 0 || co.q >= 1 || co.groups < 0)
		return cli_usage("psy collusion",
				 "--in and --key are required; --fdr is below 1, --groups not negative");
	arena *a = arena_new();
	int rc = 1;
	psy_matrix m;
	int8_t *key;
	err e = {0};
	if (psy_read_matrix(in, PSY_CELLS_OPTIONS, &m, a, &e) != 0) {
		psycmd_fail(&e, in);
		goto done;
	}
	if (!(key = psy_read_key(keyp, &m, a, &e))) {
		psycmd_fail(&e, keyp);
		goto done;
	}
	size_t cap = 100000, nf = 0, np = 0;
	psy_pair *pairs = arena_array(a, cap, sizeof *pairs);
	if (psy_collusion(m.n, m.k, m.x, key, 8, &co, pairs, cap, &nf, &np, a, &e) != 0) {
		psycmd_fail(&e, in);
		goto done;
	}
	printf("person_a,person_b,identical,identical_wrong,omega,p\n");
	for (size_t j = 0; j < nf && j < cap; j++)
		printf("%s,%s,%zu,%zu,%.3f,%.3g\n", m.persons[pairs[j].a], m.persons[pairs[j].b],
		       pairs[j].identical, pairs[j].identical_wrong, pairs[j].omega, pairs[j].p);
	fprintf(stderr, "pairs=%zu flagged=%zu fdr=%g method=omega_empirical_bh\n", np, nf,
		co.q > 0 ? co.q : 0.05);
	rc = 0;
done:
	psy_matrix_free(&m);
	arena_free(a);
	return rc;
}
