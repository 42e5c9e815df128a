/* assemble.c: `jineng psy assemble`: parallel forms from a calibrated bank that meet a blueprint (items
 * per area and type), keep enemies apart, limit overlap and item use, and match a target information
 * function. */
#include "cli/psy/psycmd.h"

#define MAX_TARGET 64

/* --target THETA:INFO,...; returns the number of pairs, 0 when the text is not such a list */
static size_t parse_target(const char *p, double *th, double *tv)
{
	size_t nt = 0;
	while (*p && nt < MAX_TARGET) {
		char *end;
		th[nt] = strtod(p, &end);
		if (*end != ':')
			break;
		tv[nt] = strtod(end + 1, &end);
		nt++;
		p = *end == ',' ? end + 1 : end;
		if (!*end)
			break;
	}
	return nt == 0 || *p ? 0 : nt;
}

static void write_forms(FILE *f, const psy_ata_opts *o, const psy_ata_result *res, const psy_itemfile *F)
{
	fprintf(f, "form,position,item,area,type\n");
	for (size_t fm = 0; fm < o->n_forms; fm++)
		for (size_t s = 0; s < res->form_len; s++) {
			size_t i = res->forms[fm * res->form_len + s];
			fprintf(f, "%zu,%zu,%s,%s,%s\n", fm + 1, s + 1, F->ids[i], F->area[i],
				F->type[i] ? F->type[i] : "");
		}
}

/* per form: its information at each target θ against the target, then the largest overlap */
static void report(const psy_ata_opts *o, const psy_ata_result *res, const psy_itemfile *F)
{
	for (size_t fm = 0; fm < o->n_forms; fm++) {
		fprintf(stderr, "form=%zu items=%zu max_info_deviation=%.4f info=", fm + 1, res->form_len,
			res->deviation[fm]);
		for (size_t j = 0; j < o->n_theta; j++) {
			double I = 0;
			for (size_t s = 0; s < res->form_len; s++)
				I += psy_info(&F->it[res->forms[fm * res->form_len + s]], o->theta[j]);
			fprintf(stderr, "%s%.2f@%.2f(target %.2f)", j ? "," : "", I, o->theta[j],
				o->target[j]);
		}
		fputc('\n', stderr);
	}
	fprintf(stderr, "max_pair_overlap=%zu allowed=%zu\n", res->max_pair_overlap, o->max_overlap);
}

int psycmd_assemble(int argc, char **argv)
{
	const char *itp = NULL, *bpp = NULL, *tgt = NULL, *outp = NULL, *v;
	psy_ata_opts o = {.n_forms = 2, .max_uses = 0, .iterations = 2000, .seed = 1};
	long long max_overlap = -1;
	for (int i = 2; i < argc; i++) {
		if ((v = opt_value(argc, argv, &i, "--items")))
			itp = v;
		else if ((v = opt_value(argc, argv, &i, "--blueprint")))
			bpp = v;
		else if ((v = opt_value(argc, argv, &i, "--forms")))
			o.n_forms = (size_t)atoll(v);
		else if ((v = opt_value(argc, argv, &i, "--target")))
			tgt = v;
		else if ((v = opt_value(argc, argv, &i, "--max-overlap")))
			max_overlap = atoll(v);
		else if ((v = opt_value(argc, argv, &i, "--max-uses")))
			o.max_uses = atoi(v);
		else if ((v = opt_value(argc, argv, &i, "--iterations")))
			o.iterations = atoi(v);
		else if ((v = opt_value(argc, argv, &i, "--seed")))
			o.seed = strtoull(v, NULL, 10);
		else if ((v = opt_value(argc, argv, &i, "--out")))
			outp = v;
		else
			return cli_usage("psy assemble", "unknown option");
	}
	if (!itp || !bpp || o.n_forms == 0 || o.n_forms > 1000 || o.iterations < 0)
		return cli_usage(
			"psy assemble",
			"--items and --blueprint are required; --forms 1..1000, --iterations not negative");
	arena *a = arena_new();
	int rc = 1;
	psy_itemfile F;
	psy_blueprint B;
	err e = {0};
	if (psy_read_items(itp, &F, a, &e) != 0) {
		psycmd_fail(&e, itp);
		goto done;
	}
	if (!F.area[0]) {
		cli_fail("题库需要 area 列 / the bank needs an area column", itp);
		goto done;
	}
	if (psy_read_blueprint(bpp, &B, a, &e) != 0) {
		psycmd_fail(&e, bpp);
		goto done;
	}
	/* areas and types: the bank's distinct values */
	char **an, **tn, **en;
	int *area = arena_array(a, F.n, sizeof *area), *type = arena_array(a, F.n, sizeof *type),
	    *enemy = arena_array(a, F.n, sizeof *enemy);
	o.n_areas = psy_intern(F.area, F.n, area, &an, a);
	o.n_types = psy_intern(F.type, F.n, type, &tn, a);
	psy_intern(F.enemy, F.n, enemy, &en, a);
	int *count = arena_array(a, (size_t)o.n_areas * (size_t)o.n_types, sizeof *count);
	for (size_t r = 0; r < B.n; r++) {
		int ai = -1, ti = -1;
		for (int j = 0; j < o.n_areas; j++)
			if (!strcmp(an[j], B.area[r]))
				ai = j;
		for (int j = 0; j < o.n_types; j++)
			if (!strcmp(tn[j], B.type[r]) || (!F.type[0] && !*B.type[r]))
				ti = j;
		if (ai < 0 || ti < 0) {
			err_set(&e, 422, "psy_blueprint_unmet", NULL,
				"第 %zu 行：题库中没有领域 %.40s、题型 %.40s 的题",
				"line %zu: the bank has no item of area %.40s, type %.40s", r + 2, B.area[r],
				B.type[r]);
			psycmd_fail(&e, bpp);
			goto done;
		}
		count[ai * o.n_types + ti] += B.count[r];
	}
	size_t L = 0;
	for (int c = 0; c < o.n_areas * o.n_types; c++)
		L += (size_t)count[c];
	o.count = count;
	o.max_overlap = max_overlap >= 0 ? (size_t)max_overlap : L / 4;
	if (o.max_uses <= 0)
		o.max_uses = (int)o.n_forms;
	psy_ata_item *bank = arena_array(a, F.n, sizeof *bank);
	for (size_t i = 0; i < F.n; i++)
		bank[i] = (psy_ata_item){.area = area[i],
					 .type = type[i],
					 .enemy = F.enemy[i] && *F.enemy[i] ? enemy[i] : -1,
					 .a = F.it[i].a,
					 .b = F.it[i].b};
	/* target: THETA:INFO pairs, or by default L times the bank's mean information at -2..2 */
	double th[MAX_TARGET], tv[MAX_TARGET];
	size_t nt = 0;
	if (tgt) {
		if (!(nt = parse_target(tgt, th, tv))) {
			rc = cli_usage(
				"psy assemble",
				"--target wants THETA:INFO pairs separated by commas, e.g. -1:4,0:6,1:4");
			goto done;
		}
	} else {
		for (int j = -2; j <= 2; j++, nt++) {
			th[nt] = j, tv[nt] = 0;
			for (size_t i = 0; i < F.n; i++)
				tv[nt] += psy_info(&F.it[i], j) * (double)L / (double)F.n;
		}
	}
	o.n_theta = nt, o.theta = th, o.target = tv;
	psy_ata_result res;
	if (psy_assemble(F.n, bank, &o, &res, a, &e) != 0) {
		psycmd_fail(&e, itp);
		goto done;
	}
	FILE *f = outp ? fopen(outp, "w") : stdout;
	if (!f) {
		cli_fail("无法写入文件 / could not write the file", outp);
		goto done;
	}
	write_forms(f, &o, &res, &F);
	if (outp)
		fclose(f);
	report(&o, &res, &F);
	rc = 0;
done:
	arena_free(a);
	return rc;
}
