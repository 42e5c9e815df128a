/* cmd_subsidy.c: `jineng subsidy check FILE.csv [--out FILE]`: decides a batch of subsidy claims with the
 * rule engine (core/subsidy.h) under the default rules, without a database: each row is judged with the
 * earlier granted rows of the same person as its prior claims (the yearly limit, once per occupation and
 * level, the 技能提升 / 培训补贴 exclusion), as a city checks a file of applications before filing them.
 * Writes one line per claim (line, person, kind, ok, amount_fen, the first failed check and its code) and a
 * summary with the rate on stderr. Exit 0 when every row could be judged, 1 when a row is unusable (named on
 * stderr). */
#include "util/common.h"
#include "cli/cli.h"
#include "cli/opts.h"
#include "core/date.h"
#include "core/subsidy.h"
#include "util/csvread.h"
#include <time.h>

enum col {
	K_PERSON,
	K_KIND,
	K_OCC,
	K_LEVEL,
	K_APPLY,
	K_CERT,
	K_INS_START,
	K_INS_END,
	K_CITY,
	K_COURSE,
	K_HOURS,
	K_COMPLETED,
	K_CSTART,
	K_CEND,
	K_TSTART,
	K_TEND,
	K_NCOLS
};
static const char *const col_names[K_NCOLS] = {
	"person",	  "kind",	  "occupation_code", "level",
	"apply_date",	  "cert_date",	  "insured_start",   "insured_end",
	"city",		  "course",	  "class_hours",     "completed",
	"contract_start", "contract_end", "training_start",  "training_end",
};

/* a person's granted claims, in a hash table keyed by the person's text */
struct person_claims {
	char *person;
	struct subsidy_prior *prior;
	size_t n, cap;
};

struct batch {
	int idx[K_NCOLS]; /* the column of each field, -1 when absent */
	struct person_claims *tab;
	size_t cap, used;
	FILE *out;
	long rows, granted, refused, bad;
};

static uint64_t hash(const char *s)
{
	uint64_t h = 1469598103934665603ull;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

static struct person_claims *slot(struct batch *b, const char *person)
{
	if (b->used * 2 >= b->cap) {
		size_t ncap = b->cap ? b->cap * 2 : 1024;
		struct person_claims *nt = xcalloc(ncap, sizeof *nt);
		for (size_t i = 0; i < b->cap; i++) {
			if (!b->tab[i].person)
				continue;
			size_t j = hash(b->tab[i].person) & (ncap - 1);
			while (nt[j].person)
				j = (j + 1) & (ncap - 1);
			nt[j] = b->tab[i];
		}
		free(b->tab);
		b->tab = nt;
		b->cap = ncap;
	}
	size_t j = hash(person) & (b->cap - 1);
	while (b->tab[j].person && strcmp(b->tab[j].person, person))
		j = (j + 1) & (b->cap - 1);
	if (!b->tab[j].person) {
		b->tab[j].person = xstrdup(person);
		b->used++;
	}
	return &b->tab[j];
}

static const char *field(struct batch *b, char **f, size_t n, enum col c)
{
	int i = b->idx[c];
	return i >= 0 && (size_t)i < n && f[i][0] ? f[i] : NULL;
}

static int date_of(const char *s, int *out)
{
	*out = 0;
	return !s || date_parse(s, out) == 0 ? 0 : -1;
}

static int bad_row(struct batch *b, size_t record, const char *what)
{
	fprintf(stderr, "jineng: line %zu: %s\n", record, what);
	b->bad++;
	return 0;
}

static int row(void *ctx, char **f, size_t n, size_t record)
{
	struct batch *b = ctx;
	if (record == 1) {
		for (int c = 0; c < K_NCOLS; c++) {
			b->idx[c] = -1;
			for (size_t i = 0; i < n; i++)
				if (!strcmp(f[i], col_names[c]))
					b->idx[c] = (int)i;
		}
		for (int c = K_PERSON; c <= K_APPLY; c++)
			if (b->idx[c] < 0) {
				fprintf(stderr, "jineng: the header has no column %s\n", col_names[c]);
				return 1;
			}
		fprintf(b->out, "line,person,kind,ok,amount_fen,failed,code\n");
		return 0;
	}
	b->rows++;
	const char *person = field(b, f, n, K_PERSON), *occ = field(b, f, n, K_OCC);
	struct subsidy_facts x = {.kind = subsidy_kind_parse(field(b, f, n, K_KIND)),
				  .occupation = occ,
				  .course = field(b, f, n, K_COURSE),
				  .city = field(b, f, n, K_CITY)};
	const char *lv = field(b, f, n, K_LEVEL), *hours = field(b, f, n, K_HOURS),
		   *done = field(b, f, n, K_COMPLETED);
	struct fact_work ins = {0};
	if (!person || !occ || x.kind < 0 || !lv || !*lv || strspn(lv, "0123456789") != strlen(lv))
		return bad_row(b, record, "person, kind, occupation_code and level are required");
	x.level = atoi(lv);
	x.class_hours = hours ? atoi(hours) : 0;
	x.completed = done && (!strcmp(done, "1") || !strcmp(done, "true") || !strcmp(done, "是"));
	if (date_of(field(b, f, n, K_APPLY), &x.apply_date) || !x.apply_date ||
	    date_of(field(b, f, n, K_CERT), &x.cert_date) ||
	    date_of(field(b, f, n, K_INS_START), &ins.start) ||
	    date_of(field(b, f, n, K_INS_END), &ins.end) ||
	    date_of(field(b, f, n, K_CSTART), &x.contract_start) ||
	    date_of(field(b, f, n, K_CEND), &x.contract_end) ||
	    date_of(field(b, f, n, K_TSTART), &x.training_start) ||
	    date_of(field(b, f, n, K_TEND), &x.training_end))
		return bad_row(b, record, "a date is YYYY-MM-DD (apply_date required)");
	if (ins.start) {
		x.insured = &ins;
		x.ninsured = 1;
	}
	struct person_claims *pc = slot(b, person);
	x.prior = pc->prior;
	x.nprior = pc->n;
	struct subsidy_decision d;
	err e = {0};
	if (subsidy_decide(subsidy_rules_default(), &x, &d, &e) != 0)
		return bad_row(b, record, e.en);
	if (d.ok) {
		b->granted++;
		if (pc->n == pc->cap) {
			pc->cap = pc->cap ? pc->cap * 2 : 4;
			pc->prior = xrealloc(pc->prior, pc->cap * sizeof *pc->prior);
		}
		pc->prior[pc->n++] = (struct subsidy_prior){.kind = x.kind,
							    .occupation = xstrdup(occ),
							    .level = x.level,
							    .course = x.course ? xstrdup(x.course) : NULL,
							    .applied_on = x.apply_date};
	} else {
		b->refused++;
	}
	const struct subsidy_check *fc = d.failed >= 0 ? &d.checks[d.failed] : NULL;
	fprintf(b->out, "%zu,%s,%s,%d,%lld,%s,%s\n", record, person, subsidy_kind_code(x.kind), d.ok,
		(long long)d.amount, fc ? fc->id : "", fc ? fc->code : "");
	return 0;
}

static void batch_free(struct batch *b)
{
	for (size_t i = 0; i < b->cap; i++) {
		struct person_claims *pc = &b->tab[i];
		if (!pc->person)
			continue;
		for (size_t k = 0; k < pc->n; k++) {
			free((char *)pc->prior[k].occupation);
			free((char *)pc->prior[k].course);
		}
		free(pc->prior);
		free(pc->person);
	}
	free(b->tab);
}

int cmd_subsidy(int argc, char **argv)
{
	if (argc < 2 || strcmp(argv[1], "check"))
		return cli_usage("subsidy", NULL);
	const char *file = NULL, *outpath = NULL, *v;
	for (int i = 2; i < argc; i++) {
		if ((v = opt_value(argc, argv, &i, "--out")))
			outpath = v;
		else if (argv[i][0] == '-' || file)
			return cli_usage("subsidy", "unknown option");
		else
			file = argv[i];
	}
	if (!file)
		return cli_usage("subsidy", "which file?");
	struct batch b = {.out = stdout};
	if (outpath && !(b.out = fopen(outpath, "w")))
		return cli_fail("cannot write the output", outpath);
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	err e = {0};
	const char *enc = NULL;
	int rc = csv_read_file(file, row, &b, &enc, &e);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	if (outpath)
		fclose(b.out);
	else
		fflush(stdout);
	batch_free(&b);
	if (rc < 0)
		return cli_fail(e.en, file);
	if (rc > 0)
		return 1;
	double s = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	fprintf(stderr,
		"checked %ld claims: %ld granted, %ld refused, %ld unusable, in %.3f s (%.0f claims/s)\n",
		b.rows, b.granted, b.refused, b.bad, s, s > 0 ? (double)b.rows / s : 0.0);
	return b.bad ? 1 : 0;
}
