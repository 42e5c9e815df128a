/* ctt.c: `jineng psy ctt`: classical item analysis of 0/1 responses, or of option letters scored by a key
 * (then with the distractor table). */
#include "cli/psy/psycmd.h"

int psycmd_ctt(int argc, char **argv)
{
	const char *in = NULL, *raw = NULL, *keyp = NULL, *v;
	for (int i = 2; i < argc; i++) {
		if ((v = opt_value(argc, argv, &i, "--in")))
			in = v;
		else if ((v = opt_value(argc, argv, &i, "--options")))
			raw = v;
		else if ((v = opt_value(argc, argv, &i, "--key")))
			keyp = v;
		else
			return cli_usage("psy ctt", "unknown option");
	}
	if ((!in && !raw) || (!raw != !keyp))
		return cli_usage("psy ctt", "--in, or --options with --key, is required");
	arena *a = arena_new();
	int rc = 1;
	psy_matrix m = {0}, o = {0};
	int8_t *key = NULL;
	err e = {0};
	if (raw) {
		if (psy_read_matrix(raw, PSY_CELLS_OPTIONS, &o, a, &e) != 0) {
			psycmd_fail(&e, raw);
			goto out;
		}
		if (!(key = psy_read_key(keyp, &o, a, &e))) {
			psycmd_fail(&e, keyp);
			goto out;
		}
	}
	if (in) {
		if (psy_read_matrix(in, PSY_CELLS_01, &m, a, &e) != 0) {
			psycmd_fail(&e, in);
			goto out;
		}
	} else { /* score the option data by the key: omitted stays missing */
		m = o;
		m.x = xcalloc(o.n, o.k);
		m.persons = NULL;
		for (size_t p = 0; p < o.n; p++)
			for (size_t i = 0; i < o.k; i++) {
				int8_t c = o.x[p * o.k + i];
				m.x[p * o.k + i] = c == PSY_NA ? PSY_NA : (int8_t)(c == key[i]);
			}
	}
	psy_data d = {.n = m.n, .k = m.k, .x = m.x};
	psy_ctt_item *it = arena_array(a, m.k, sizeof *it);
	psy_ctt_result res;
	if (psy_ctt(&d, it, &res, a, &e) != 0) {
		psycmd_fail(&e, in ? in : raw);
		goto out;
	}
	printf("item,n,p,r_pbis,r_drop,alpha_if_dropped\n");
	for (size_t i = 0; i < m.k; i++)
		printf("%s,%zu,%.6f,%.6f,%.6f,%.6f\n", m.items[i], it[i].n, it[i].p, it[i].r_pbis,
		       it[i].r_drop, it[i].alpha_if_dropped);
	if (raw) {
		psy_option_stat *os = arena_array(a, o.k * 8, sizeof *os);
		if (psy_distractors(o.n, o.k, o.x, key, 8, os, a, &e) != 0) {
			psycmd_fail(&e, raw);
			goto out;
		}
		printf("\nitem,option,key,n,share,mean_total,p_upper,p_lower,flag\n");
		for (size_t i = 0; i < o.k; i++)
			for (int c = 0; c < 8; c++) {
				psy_option_stat *s = &os[i * 8 + (size_t)c];
				if (!s->n && !s->is_key && c > 3)
					continue; /* options E..H nobody chose are not shown */
				printf("%s,%c,%d,%zu,%.6f,%.4f,%.6f,%.6f,%d\n", o.items[i], 'A' + c,
				       s->is_key, s->n, s->share, s->mean_total, s->p_upper, s->p_lower,
				       s->flagged);
			}
	}
	printf("alpha=%.6f n=%zu\n", res.alpha, res.n_persons);
	rc = 0;
out:
	if (in || !raw)
		psy_matrix_free(&m);
	else
		free(m.x);
	psy_matrix_free(&o);
	arena_free(a);
	return rc;
}
