/* mfrm.c: `jineng psy mfrm`: examiner severity, criterion difficulty and candidate measures from ratings by
 * the many-facet Rasch model (psy_mfrm; docs/PSYCHOMETRICS.md "Many-facet Rasch model"). */
#include "cli/psy/psycmd.h"
#include <math.h>

/* a number, or an empty cell for NAN */
static void num(double v, const char *fmt)
{
	putchar(',');
	if (isfinite(v))
		printf(fmt, v);
}

/* a CSV field, quoted when it needs to be */
static void field(FILE *f, const char *s)
{
	if (!strpbrk(s, ",\"\r\n")) {
		fputs(s, f);
		return;
	}
	fputc('"', f);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', f);
		fputc(*s, f);
	}
	fputc('"', f);
}

static void rows(const char *facet, size_t n, char *const *ids, const psy_mfrm_elem *el)
{
	for (size_t k = 0; k < n; k++) {
		printf("%s,", facet);
		field(stdout, ids[k]);
		num(el[k].measure, "%.4f");
		num(el[k].se, "%.4f");
		num(el[k].infit, "%.3f");
		num(el[k].outfit, "%.3f");
		printf(",%zu", el[k].n);
		num(el[k].mean_score, "%.3f");
		num(el[k].fair_score, "%.3f");
		printf(",%d\n", el[k].extreme ? 1 : 0);
	}
}

static int write_thresholds(const char *path, const psy_ratings *R, const psy_mfrm_result *r)
{
	FILE *f = fopen(path, "w");
	if (!f)
		return -1;
	fprintf(f, "criterion,category,points,threshold\n");
	for (size_t i = 0; i < R->n_crit; i++)
		for (int c = 0; c < r->n_cat[i]; c++) {
			field(f, R->crits[i]);
			fprintf(f, ",%d,%g,", c, r->cat_level[r->cat_off[i] + (size_t)c] * r->points[i]);
			if (c > 0)
				fprintf(f, "%.4f", r->tau[r->tau_off[i] + (size_t)c - 1]);
			fputc('\n', f);
		}
	return fclose(f);
}

static void spread(const char *facet, const psy_mfrm_spread *s)
{
	fprintf(stderr, "%s: count=%zu sd=%.3f rmse=%.3f separation=%.2f reliability=%.3f chi2=%.1f df=%zu\n",
		facet, s->count, s->sd, s->rmse, s->separation, s->reliability, s->chi2, s->df);
}

int psycmd_mfrm(int argc, char **argv)
{
	const char *in = NULL, *tpath = NULL, *v;
	psy_mfrm_opts o = {0};
	for (int i = 2; i < argc; i++) {
		if ((v = opt_value(argc, argv, &i, "--model"))) {
			if (!strcmp(v, "rsm"))
				o.model = PSY_MFRM_RSM;
			else if (strcmp(v, "pcm"))
				return cli_usage("psy mfrm", "--model is pcm or rsm");
		} else if ((v = opt_value(argc, argv, &i, "--categories"))) {
			o.max_categories = atoi(v);
			if (o.max_categories < 2 || o.max_categories > 21)
				return cli_usage("psy mfrm", "--categories is 2..21");
		} else if ((v = opt_value(argc, argv, &i, "--thresholds"))) {
			tpath = v;
		} else if (!strcmp(argv[i], "--no-bias-correction")) {
			o.no_bias_correction = true;
		} else if (argv[i][0] != '-' && !in) {
			in = argv[i];
		} else {
			return cli_usage("psy mfrm", "unknown option");
		}
	}
	if (!in)
		return cli_usage("psy mfrm", "RATINGS.csv is required");
	arena *a = arena_new();
	int rc = 1;
	psy_ratings R;
	err e = {0};
	if (psy_read_ratings(in, &R, a, &e) != 0) {
		psycmd_fail(&e, in);
		goto done;
	}
	psy_mfrm_data d = {R.n, R.n_cand, R.n_exam, R.n_crit, R.cand, R.exam, R.crit, R.score, R.max};
	psy_mfrm_result r;
	if (psy_mfrm(&d, &o, &r, a, &e) != 0) {
		psycmd_fail(&e, in);
		goto done;
	}
	printf("facet,id,measure,se,infit,outfit,n,mean_score,fair_score,extreme\n");
	rows("examiner", R.n_exam, R.exams, r.exam);
	rows("criterion", R.n_crit, R.crits, r.crit);
	rows("candidate", R.n_cand, R.cands, r.cand);
	if (tpath && write_thresholds(tpath, &R, &r) != 0) {
		cli_fail("cannot write the thresholds file", tpath);
		goto done;
	}
	fprintf(stderr,
		"ratings=%zu used=%zu candidates=%zu examiners=%zu criteria=%zu model=%s iterations=%d "
		"converged=%s bias_factor=%.4f loglik=%.3f max=%s\n",
		R.n, r.n_used, R.n_cand, R.n_exam, R.n_crit, o.model == PSY_MFRM_RSM ? "rsm" : "pcm",
		r.iterations, r.converged ? "yes" : "no", r.bias_factor, r.loglik,
		R.max_given ? "column" : "highest_score");
	spread("examiners", &r.exam_spread);
	spread("criteria", &r.crit_spread);
	spread("candidates", &r.cand_spread);
	rc = r.converged ? 0 : 1;
	if (!r.converged)
		fprintf(stderr, "jineng: 估计未收敛 / the estimation did not converge\n");
done:
	psy_ratings_free(&R);
	arena_free(a);
	return rc;
}
