/* cmd_psy.c: `jineng psy ...`, the psychometrics engine's command line (docs/PSYCHOMETRICS.md).
 * Reads the CSV files (util/csvread.h), checks every cell with a message naming the line, calls the pure
 * engine in src/psy and prints CSV. Exit codes: 0 done, 1 input rejected, 2 usage. */
#include "util/common.h"
#include "cli/cli.h"
#include "cli/opts.h"
#include "psy/psy.h"
#include "util/arena.h"
#include "util/csvread.h"
#include <ctype.h>
#include <math.h>

#define USAGE_CTT "psy ctt --in RESPONSES.csv | --options RAW.csv --key KEY.csv [--in RESPONSES.csv]"
#define USAGE_CAL                                                                                            \
	"psy calibrate --model rasch|2pl --in RESPONSES.csv [--out ITEMS.csv] [--fit FIT.csv] [--quad N]"
#define USAGE_SCO "psy score --items ITEMS.csv --in RESPONSES.csv [--method eap|mle] [--table]"

/* ---- reading ---- */

enum cells { CELLS_01, CELLS_OPTIONS };

struct matrix {
	arena *a;
	enum cells kind;
	size_t n, k, cap;
	char **items;	/* k item ids */
	char **persons; /* n person ids */
	int8_t *x;
	char msg[400]; /* "zh / en" of the first problem */
};

static char *trim(char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
		s[--n] = 0;
	return s;
}

static int matrix_row(void *ctx, char **f, size_t nf, size_t rec)
{
	struct matrix *m = ctx;
	if (rec == 1) {
		if (nf < 2) {
			snprintf(m->msg, sizeof m->msg,
				 "第 1 行：表头应为 person 加至少一个题目编号 / line 1: the header must be "
				 "person and at least one item id");
			return 1;
		}
		m->k = nf - 1;
		m->items = arena_array(m->a, m->k, sizeof(char *));
		for (size_t i = 0; i < m->k; i++) {
			char *id = trim(f[i + 1]);
			if (!*id) {
				snprintf(m->msg, sizeof m->msg,
					 "第 1 行：第 %zu 列题目编号为空 / line 1: column %zu has no item id",
					 i + 2, i + 2);
				return 1;
			}
			for (size_t j = 0; j < i; j++)
				if (!strcmp(m->items[j], id)) {
					snprintf(m->msg, sizeof m->msg,
						 "第 1 行：题目编号 %.60s 重复 / line 1: item id %.60s "
						 "repeated",
						 id, id);
					return 1;
				}
			m->items[i] = arena_strdup(m->a, id);
		}
		return 0;
	}
	if (nf != m->k + 1) {
		snprintf(m->msg, sizeof m->msg,
			 "第 %zu 行：应有 %zu 列，实际 %zu 列 / line %zu: expected %zu columns, found %zu",
			 rec, m->k + 1, nf, rec, m->k + 1, nf);
		return 1;
	}
	if (m->n == m->cap) {
		size_t nc = m->cap ? m->cap * 2 : 1024;
		int8_t *nx = xrealloc(m->x, nc * m->k);
		m->x = nx;
		m->persons = xrealloc(m->persons, nc * sizeof(char *));
		m->cap = nc;
	}
	int8_t *row = m->x + m->n * m->k;
	for (size_t i = 0; i < m->k; i++) {
		const char *c = f[i + 1];
		while (*c == ' ' || *c == '\t')
			c++;
		size_t len = strlen(c);
		while (len && (c[len - 1] == ' ' || c[len - 1] == '\t' || c[len - 1] == '\r'))
			len--;
		if (len == 0) {
			row[i] = PSY_NA;
		} else if (m->kind == CELLS_01 && len == 1 && (c[0] == '0' || c[0] == '1')) {
			row[i] = (int8_t)(c[0] - '0');
		} else if (m->kind == CELLS_OPTIONS && len == 1 && toupper((unsigned char)c[0]) >= 'A' &&
			   toupper((unsigned char)c[0]) <= 'H') {
			row[i] = (int8_t)(toupper((unsigned char)c[0]) - 'A');
		} else {
			if (m->kind == CELLS_01)
				snprintf(m->msg, sizeof m->msg,
					 "第 %zu 行：单元格应为 0、1 或空（题目 %.60s） / line %zu: cells "
					 "must be 0, 1 or empty (item %.60s)",
					 rec, m->items[i], rec, m->items[i]);
			else
				snprintf(m->msg, sizeof m->msg,
					 "第 %zu 行：单元格应为选项字母 A 到 H 或空（题目 %.60s） / line "
					 "%zu: cells must be an option letter "
					 "A to H or empty (item %.60s)",
					 rec, m->items[i], rec, m->items[i]);
			return 1;
		}
	}
	m->persons[m->n] = arena_strdup(m->a, trim(f[0]));
	m->n++;
	return 0;
}

static void matrix_free(struct matrix *m)
{
	free(m->x);
	free(m->persons);
	m->x = NULL;
	m->persons = NULL;
}

/* read_matrix: prints the problem and returns -1 on failure */
static int read_matrix(const char *path, enum cells kind, struct matrix *m, arena *a)
{
	memset(m, 0, sizeof *m);
	m->a = a;
	m->kind = kind;
	err e = {0};
	const char *enc = NULL;
	int rc = csv_read_file(path, matrix_row, m, &enc, &e);
	if (rc != 0 || m->msg[0]) {
		if (m->msg[0])
			cli_fail(m->msg, path);
		else
			cli_fail(err_isset(&e) ? e.en : "could not read the file", path);
		matrix_free(m);
		return -1;
	}
	if (m->k == 0) {
		cli_fail("文件为空，没有表头 / the file is empty: no header", path);
		return -1;
	}
	if (m->n == 0) {
		cli_fail("文件没有作答行 / the file has no response rows", path);
		matrix_free(m);
		return -1;
	}
	return 0;
}

/* KEY.csv: item,key */
struct keyfile {
	arena *a;
	size_t n, cap;
	char **items;
	int8_t *key;
	char msg[300];
};

static int key_row(void *ctx, char **f, size_t nf, size_t rec)
{
	struct keyfile *kf = ctx;
	if (rec == 1) {
		if (nf < 2 || strcmp(trim(f[0]), "item") || strcmp(trim(f[1]), "key")) {
			snprintf(kf->msg, sizeof kf->msg,
				 "第 1 行：表头应为 item,key / line 1: the header must be item,key");
			return 1;
		}
		return 0;
	}
	const char *k = nf >= 2 ? trim(f[1]) : "";
	if (nf < 2 || strlen(k) != 1 || toupper((unsigned char)k[0]) < 'A' ||
	    toupper((unsigned char)k[0]) > 'H') {
		snprintf(kf->msg, sizeof kf->msg,
			 "第 %zu 行：答案应为 A 到 H 之一 / line %zu: the key must be one of A to H", rec,
			 rec);
		return 1;
	}
	if (kf->n == kf->cap) {
		size_t nc = kf->cap ? kf->cap * 2 : 64;
		char **ni = arena_array(kf->a, nc, sizeof *ni);
		int8_t *nk = arena_array(kf->a, nc, 1);
		if (kf->n) {
			memcpy(ni, kf->items, kf->n * sizeof *ni);
			memcpy(nk, kf->key, kf->n);
		}
		kf->items = ni, kf->key = nk, kf->cap = nc;
	}
	kf->items[kf->n] = arena_strdup(kf->a, trim(f[0]));
	kf->key[kf->n++] = (int8_t)(toupper((unsigned char)k[0]) - 'A');
	return 0;
}

/* keys in the order of the matrix's items; prints and returns NULL when an item has no key */
static int8_t *read_key(const char *path, const struct matrix *m, arena *a)
{
	struct keyfile kf = {.a = a};
	err e = {0};
	const char *enc;
	if (csv_read_file(path, key_row, &kf, &enc, &e) != 0 || kf.msg[0]) {
		cli_fail(kf.msg[0] ? kf.msg : e.en, path);
		return NULL;
	}
	int8_t *key = arena_array(a, m->k, 1);
	for (size_t i = 0; i < m->k; i++) {
		size_t j = 0;
		while (j < kf.n && strcmp(kf.items[j], m->items[i]))
			j++;
		if (j == kf.n) {
			char msg[300];
			snprintf(msg, sizeof msg, "题目 %.60s 没有答案 / item %.60s has no key", m->items[i],
				 m->items[i]);
			cli_fail(msg, path);
			return NULL;
		}
		key[i] = kf.key[j];
	}
	return key;
}

/* ITEMS.csv: item,a,b[,se_a,se_b][,area] in any column order */
struct itemfile {
	arena *a;
	int col_item, col_a, col_b, col_area, col_sea, col_seb, col_type, col_enemy;
	size_t n, cap;
	char **ids;
	psy_item *it;
	char **area, **type, **enemy;
	char msg[300];
};

static int parse_num(const char *s, double *v)
{
	char *end;
	s = *s ? s : "x";
	*v = strtod(s, &end);
	while (*end == ' ' || *end == '\r')
		end++;
	return *end || !isfinite(*v) ? -1 : 0;
}

static int item_row(void *ctx, char **f, size_t nf, size_t rec)
{
	struct itemfile *F = ctx;
	if (rec == 1) {
		F->col_item = F->col_a = F->col_b = F->col_area = F->col_sea = F->col_seb = F->col_type =
			F->col_enemy = -1;
		for (size_t c = 0; c < nf; c++) {
			const char *h = trim(f[c]);
			if (!strcmp(h, "item"))
				F->col_item = (int)c;
			else if (!strcmp(h, "a"))
				F->col_a = (int)c;
			else if (!strcmp(h, "b"))
				F->col_b = (int)c;
			else if (!strcmp(h, "area"))
				F->col_area = (int)c;
			else if (!strcmp(h, "se_a"))
				F->col_sea = (int)c;
			else if (!strcmp(h, "se_b"))
				F->col_seb = (int)c;
			else if (!strcmp(h, "type"))
				F->col_type = (int)c;
			else if (!strcmp(h, "enemy"))
				F->col_enemy = (int)c;
		}
		if (F->col_item < 0 || F->col_a < 0 || F->col_b < 0) {
			snprintf(F->msg, sizeof F->msg,
				 "第 1 行：表头应含 item、a、b 列 / line 1: the header needs item, a and b");
			return 1;
		}
		return 0;
	}
	if (F->n == F->cap) {
		size_t nc = F->cap ? F->cap * 2 : 256;
		char **ni = arena_array(F->a, nc, sizeof *ni), **na = arena_array(F->a, nc, sizeof *na),
		     **nty = arena_array(F->a, nc, sizeof *nty), **nen = arena_array(F->a, nc, sizeof *nen);
		psy_item *nt = arena_array(F->a, nc, sizeof *nt);
		if (F->n) {
			memcpy(ni, F->ids, F->n * sizeof *ni);
			memcpy(na, F->area, F->n * sizeof *na);
			memcpy(nty, F->type, F->n * sizeof *nty);
			memcpy(nen, F->enemy, F->n * sizeof *nen);
			memcpy(nt, F->it, F->n * sizeof *nt);
		}
		F->ids = ni, F->area = na, F->type = nty, F->enemy = nen, F->it = nt, F->cap = nc;
	}
	int need = F->col_item > F->col_a ? F->col_item : F->col_a;
	need = need > F->col_b ? need : F->col_b;
	need = need > F->col_area ? need : F->col_area;
	psy_item *t = &F->it[F->n];
	if ((int)nf <= need || parse_num(trim(f[F->col_a]), &t->a) || parse_num(trim(f[F->col_b]), &t->b) ||
	    !(t->a > 0)) {
		snprintf(F->msg, sizeof F->msg,
			 "第 %zu 行：a 应为正数、b 应为数字 / line %zu: a must be a positive number and b a "
			 "number",
			 rec, rec);
		return 1;
	}
	t->se_a = t->se_b = NAN;
	if (F->col_sea >= 0 && (int)nf > F->col_sea && parse_num(trim(f[F->col_sea]), &t->se_a))
		t->se_a = NAN;
	if (F->col_seb >= 0 && (int)nf > F->col_seb && parse_num(trim(f[F->col_seb]), &t->se_b))
		t->se_b = NAN;
	F->ids[F->n] = arena_strdup(F->a, trim(f[F->col_item]));
	F->area[F->n] = F->col_area >= 0 ? arena_strdup(F->a, trim(f[F->col_area])) : NULL;
	F->type[F->n] =
		F->col_type >= 0 && (int)nf > F->col_type ? arena_strdup(F->a, trim(f[F->col_type])) : NULL;
	F->enemy[F->n] = F->col_enemy >= 0 && (int)nf > F->col_enemy
				 ? arena_strdup(F->a, trim(f[F->col_enemy]))
				 : NULL;
	F->n++;
	return 0;
}

static int read_items(const char *path, struct itemfile *F, arena *a)
{
	memset(F, 0, sizeof *F);
	F->a = a;
	err e = {0};
	const char *enc;
	if (csv_read_file(path, item_row, F, &enc, &e) != 0 || F->msg[0]) {
		cli_fail(F->msg[0] ? F->msg : e.en, path);
		return -1;
	}
	if (F->n == 0) {
		cli_fail("题目参数文件没有题目 / the item file has no items", path);
		return -1;
	}
	return 0;
}

static int engine_fail(const err *e, const char *where)
{
	char msg[700];
	snprintf(msg, sizeof msg, "%s / %s", e->zh, e->en);
	return cli_fail(msg, where);
}

/* ---- psy ctt ---- */

static int psy_cmd_ctt(int argc, char **argv)
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
			return cli_usage("psy", "unknown option; usage: jineng " USAGE_CTT);
	}
	if ((!in && !raw) || (!raw != !keyp))
		return cli_usage("psy", "usage: jineng " USAGE_CTT);
	arena *a = arena_new();
	int rc = 1;
	struct matrix m = {0}, o = {0};
	int8_t *key = NULL;
	if (raw) {
		if (read_matrix(raw, CELLS_OPTIONS, &o, a) != 0 || !(key = read_key(keyp, &o, a)))
			goto out;
	}
	if (in) {
		if (read_matrix(in, CELLS_01, &m, a) != 0)
			goto out;
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
	err e = {0};
	if (psy_ctt(&d, it, &res, a, &e) != 0) {
		engine_fail(&e, in ? in : raw);
		goto out;
	}
	printf("item,n,p,r_pbis,r_drop,alpha_if_dropped\n");
	for (size_t i = 0; i < m.k; i++)
		printf("%s,%zu,%.6f,%.6f,%.6f,%.6f\n", m.items[i], it[i].n, it[i].p, it[i].r_pbis,
		       it[i].r_drop, it[i].alpha_if_dropped);
	if (raw) {
		psy_option_stat *os = arena_array(a, o.k * 8, sizeof *os);
		if (psy_distractors(o.n, o.k, o.x, key, 8, os, a, &e) != 0) {
			engine_fail(&e, raw);
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
		matrix_free(&m);
	else
		free(m.x);
	matrix_free(&o);
	arena_free(a);
	return rc;
}

/* ---- psy calibrate ---- */

static int write_items(const char *path, const struct matrix *m, const psy_item *it)
{
	FILE *f = path ? fopen(path, "w") : stdout;
	if (!f)
		return cli_fail("无法写入文件 / could not write the file", path);
	fprintf(f, "item,a,b,se_a,se_b\n");
	for (size_t i = 0; i < m->k; i++)
		fprintf(f, "%s,%.6f,%.6f,%.6f,%.6f\n", m->items[i], it[i].a, it[i].b, it[i].se_a, it[i].se_b);
	if (path && fclose(f) != 0)
		return cli_fail("无法写入文件 / could not write the file", path);
	return 0;
}

static int psy_cmd_calibrate(int argc, char **argv)
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
			return cli_usage("psy", "unknown option; usage: jineng " USAGE_CAL);
	}
	if (!in || !model || (strcmp(model, "rasch") && strcmp(model, "2pl")))
		return cli_usage("psy", "usage: jineng " USAGE_CAL);
	if (mo.quad_points && mo.quad_points < 41)
		return cli_usage("psy", "--quad must be at least 41");
	arena *a = arena_new();
	struct matrix m;
	int rc = 1;
	if (read_matrix(in, CELLS_01, &m, a) != 0)
		goto done;
	psy_data d = {.n = m.n, .k = m.k, .x = m.x};
	psy_item *it = arena_array(a, m.k, sizeof *it);
	psy_fit fit;
	err e = {0};
	int r = !strcmp(model, "rasch") ? psy_rasch_cml(&d, it, &fit, a, &e)
					: psy_2pl_mml(&d, &mo, it, &fit, a, &e);
	if (r != 0) {
		if (e.code && !strcmp(e.code, "psy_constant_item")) {
			/* name the item rather than its position */
			size_t i = 0;
			for (; i < m.k; i++) {
				size_t ones = 0, seen = 0;
				for (size_t p = 0; p < m.n; p++)
					if (m.x[p * m.k + i] != PSY_NA)
						seen++, ones += (size_t)m.x[p * m.k + i];
				if (ones == 0 || ones == seen)
					break;
			}
			if (i < m.k) {
				char msg[400];
				snprintf(msg, sizeof msg,
					 "题目 %.60s 在可用考生中全部答对、全部答错或无人作答，无法估计 / "
					 "item %.60s is answered "
					 "all right, all wrong or not at all by the persons used; it cannot "
					 "be estimated",
					 m.items[i], m.items[i]);
				cli_fail(msg, in);
				goto done;
			}
		}
		engine_fail(&e, in);
		goto done;
	}
	fprintf(stderr, "loglik=%.6f iterations=%d\n", fit.loglik, fit.iterations);
	fprintf(stderr, "model=%s persons_used=%zu %s=%zu%s\n", model, fit.n_used,
		strcmp(model, "rasch") ? "patterns" : "missing_groups", fit.n_patterns,
		strcmp(model, "rasch") ? (fit.se_full ? " se=full_information" : " se=item_blocks") : "");
	if (write_items(out, &m, it) != 0)
		goto done;
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
	matrix_free(&m);
	arena_free(a);
	return rc;
}

/* ---- psy score ---- */

static int psy_cmd_score(int argc, char **argv)
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
			return cli_usage("psy", "unknown option; usage: jineng " USAGE_SCO);
	}
	if (!itp || (!in && !table) || (strcmp(method, "eap") && strcmp(method, "mle")))
		return cli_usage("psy", "usage: jineng " USAGE_SCO);
	arena *a = arena_new();
	int rc = 1;
	struct itemfile F;
	struct matrix m = {0};
	if (read_items(itp, &F, a) != 0)
		goto done;
	if (table) { /* summed score -> θ over every item of the file */
		double *th = arena_array(a, F.n + 1, sizeof *th), *se = arena_array(a, F.n + 1, sizeof *se),
		       *pr = arena_array(a, F.n + 1, sizeof *pr);
		psy_sum_table(F.n, F.it, th, se, pr, a);
		printf("score,theta,se,proportion\n");
		for (size_t s = 0; s <= F.n; s++)
			printf("%zu,%.4f,%.4f,%.6f\n", s, th[s], se[s], pr[s]);
		if (!in) {
			rc = 0;
			goto done;
		}
		printf("\n");
	}
	if (read_matrix(in, CELLS_01, &m, a) != 0)
		goto done;
	/* the responses' columns in the item file's order */
	size_t *col = arena_array(a, m.k, sizeof *col);
	for (size_t i = 0; i < m.k; i++) {
		size_t j = 0;
		while (j < F.n && strcmp(F.ids[j], m.items[i]))
			j++;
		if (j == F.n) {
			char msg[300];
			snprintf(msg, sizeof msg,
				 "题目 %.60s 不在题目参数文件中 / item %.60s is not in the item file",
				 m.items[i], m.items[i]);
			cli_fail(msg, itp);
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
	matrix_free(&m);
	arena_free(a);
	return rc;
}

/* ---- psy simulate ---- */

#define USAGE_SIM                                                                                            \
	"psy simulate --persons N --items K [--model rasch|2pl] [--seed S] [--out RESPONSES.csv] [--truth "  \
	"ITEMS.csv]"

static int psy_cmd_simulate(int argc, char **argv)
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
			return cli_usage("psy", "unknown option; usage: jineng " USAGE_SIM);
	}
	if (n <= 0 || k <= 0 || n > 100000000 || k > 10000 ||
	    (strcmp(model, "rasch") && strcmp(model, "2pl")))
		return cli_usage("psy", "usage: jineng " USAGE_SIM);
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
	/* in blocks of persons, so memory stays small for millions of rows */
	size_t block = 4096, kk = (size_t)k;
	int8_t *x = xmalloc(block * kk);
	char *line = xmalloc(kk * 2 + 32);
	fprintf(f, "person");
	for (size_t i = 0; i < kk; i++)
		fprintf(f, ",i%zu", i + 1);
	fputc('\n', f);
	for (size_t p0 = 0; p0 < (size_t)n; p0 += block) {
		size_t m = (size_t)n - p0 < block ? (size_t)n - p0 : block;
		psy_simulate(m, kk, it, seed + p0 / block * 0x9e3779b97f4a7c15ULL, x, NULL);
		for (size_t p = 0; p < m; p++) {
			int len = snprintf(line, 32, "p%zu", p0 + p + 1);
			for (size_t i = 0; i < kk; i++) {
				line[len++] = ',';
				line[len++] = (char)('0' + x[p * kk + i]);
			}
			line[len++] = '\n';
			fwrite(line, 1, (size_t)len, f);
		}
	}
	if (out && fclose(f) != 0)
		cli_fail("无法写入文件 / could not write the file", out);
	else
		rc = 0;
	if (rc == 0 && truth) {
		struct matrix mm = {.k = kk};
		mm.items = xcalloc(kk, sizeof(char *));
		char(*names)[16] = xcalloc(kk, 16);
		for (size_t i = 0; i < kk; i++) {
			snprintf(names[i], 24, "i%zu", i + 1);
			mm.items[i] = names[i];
		}
		rc = write_items(truth, &mm, it) ? 1 : 0;
		free(names);
		free(mm.items);
	}
	free(line);
	free(x);
	free(it);
	return rc;
}

/* ---- psy collusion ---- */

#define USAGE_COL "psy collusion --in RAW_RESPONSES.csv --key KEY.csv [--fdr 0.05] [--groups 10]"

static int psy_cmd_collusion(int argc, char **argv)
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
			return cli_usage("psy", "unknown option; usage: jineng " USAGE_COL);
	}
	if (!in || !keyp || co.q < 0 || co.q >= 1 || co.groups < 0)
		return cli_usage("psy", "usage: jineng " USAGE_COL);
	arena *a = arena_new();
	int rc = 1;
	struct matrix m;
	int8_t *key;
	if (read_matrix(in, CELLS_OPTIONS, &m, a) != 0)
		goto done0;
	if (!(key = read_key(keyp, &m, a)))
		goto done;
	size_t cap = 100000, nf = 0, np = 0;
	psy_pair *pairs = arena_array(a, cap, sizeof *pairs);
	err e = {0};
	if (psy_collusion(m.n, m.k, m.x, key, 8, &co, pairs, cap, &nf, &np, a, &e) != 0) {
		engine_fail(&e, in);
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
	matrix_free(&m);
done0:
	arena_free(a);
	return rc;
}

/* ---- psy cat ---- */

#define USAGE_CAT                                                                                            \
	"psy cat --items ITEMS.csv --simulate N [--se 0.3] [--max 30] [--min 5] [--seed S] [--randomesque "  \
	"R] "                                                                                                \
	"[--rmax 0.25] [--sh-rounds 10] [--exposure FILE.csv]"

/* distinct values of a string column, as 0-based ints; returns the number of distinct values */
static int intern(char **vals, size_t n, int *out, char ***names, arena *a)
{
	int m = 0;
	char **nm = arena_array(a, n ? n : 1, sizeof *nm);
	for (size_t i = 0; i < n; i++) {
		int j = 0;
		while (j < m && strcmp(nm[j], vals[i] ? vals[i] : ""))
			j++;
		if (j == m)
			nm[m++] = vals[i] ? vals[i] : "";
		out[i] = j;
	}
	*names = nm;
	return m;
}

static int psy_cmd_cat(int argc, char **argv)
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
			return cli_usage("psy", "unknown option; usage: jineng " USAGE_CAT);
	}
	if (!itp || nsim <= 0 || o.max_len == 0 || o.se_stop < 0 || o.r_max < 0 || o.r_max > 1 ||
	    o.randomesque == 0 || o.randomesque > 64)
		return cli_usage("psy", "usage: jineng " USAGE_CAT);
	arena *a = arena_new();
	int rc = 1;
	struct itemfile F;
	if (read_items(itp, &F, a) != 0)
		goto done;
	char **anames = NULL;
	int *area = NULL;
	double *target = NULL;
	if (F.area[0]) {
		area = arena_array(a, F.n, sizeof *area);
		o.n_areas = intern(F.area, F.n, area, &anames, a);
		target = arena_array(a, (size_t)o.n_areas, sizeof *target);
		for (size_t i = 0; i < F.n; i++) /* target shares: the areas' shares of the bank */
			target[area[i]] += 1.0 / (double)F.n;
		o.area = area;
		o.area_target = target;
	}
	psy_cat_sim sim;
	err e = {0};
	if (psy_cat_simulate(F.n, F.it, &o, (size_t)nsim, seed, &sim, a, &e) != 0) {
		engine_fail(&e, itp);
		goto done;
	}
	printf("simulees=%zu items=%zu areas=%d se_stop=%.3f max=%zu randomesque=%zu rmax=%.3f seed=%llu\n",
	       sim.n, F.n, o.n_areas, o.se_stop, o.max_len, o.randomesque, o.r_max, seed);
	printf("bias=%.4f rmse=%.4f mean_length=%.2f mean_se=%.4f max_exposure=%.4f overlap=%.4f "
	       "unused_items=%zu\n",
	       sim.bias, sim.rmse, sim.mean_len, sim.mean_se, sim.max_exposure, sim.overlap,
	       sim.unused_items);
	if (expo) {
		FILE *f = fopen(expo, "w");
		if (!f) {
			cli_fail("无法写入文件 / could not write the file", expo);
			goto done;
		}
		fprintf(f, "item,exposure,k_sh\n");
		for (size_t i = 0; i < F.n; i++)
			fprintf(f, "%s,%.4f,%.4f\n", F.ids[i], sim.exposure[i], sim.k_sh[i]);
		fclose(f);
	}
	rc = 0;
done:
	arena_free(a);
	return rc;
}

/* ---- psy assemble ---- */

#define USAGE_ATA                                                                                            \
	"psy assemble --items BANK.csv --blueprint BLUEPRINT.csv [--forms 2] [--target THETA:INFO,...] "     \
	"[--max-overlap N] [--max-uses N] [--iterations N] [--seed S] [--out FORMS.csv]"

struct blueprint {
	arena *a;
	size_t n, cap;
	char **area, **type;
	int *count;
	char msg[300];
};

static int bp_row(void *ctx, char **f, size_t nf, size_t rec)
{
	struct blueprint *B = ctx;
	if (rec == 1) {
		if (nf < 3 || strcmp(trim(f[0]), "area") || strcmp(trim(f[1]), "type") ||
		    strcmp(trim(f[2]), "count")) {
			snprintf(B->msg, sizeof B->msg,
				 "第 1 行：表头应为 area,type,count / line 1: the header must be "
				 "area,type,count");
			return 1;
		}
		return 0;
	}
	char *end;
	long c = nf >= 3 ? strtol(trim(f[2]), &end, 10) : -1;
	if (nf < 3 || *end || c < 0 || c > 100000) {
		snprintf(B->msg, sizeof B->msg,
			 "第 %zu 行：题量应为非负整数 / line %zu: count must be a whole number >= 0", rec,
			 rec);
		return 1;
	}
	if (B->n == B->cap) {
		size_t nc = B->cap ? B->cap * 2 : 32;
		char **na = arena_array(B->a, nc, sizeof *na), **nt = arena_array(B->a, nc, sizeof *nt);
		int *ncnt = arena_array(B->a, nc, sizeof *ncnt);
		if (B->n) {
			memcpy(na, B->area, B->n * sizeof *na);
			memcpy(nt, B->type, B->n * sizeof *nt);
			memcpy(ncnt, B->count, B->n * sizeof *ncnt);
		}
		B->area = na, B->type = nt, B->count = ncnt, B->cap = nc;
	}
	B->area[B->n] = arena_strdup(B->a, trim(f[0]));
	B->type[B->n] = arena_strdup(B->a, trim(f[1]));
	B->count[B->n++] = (int)c;
	return 0;
}

static int psy_cmd_assemble(int argc, char **argv)
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
			return cli_usage("psy", "unknown option; usage: jineng " USAGE_ATA);
	}
	if (!itp || !bpp || o.n_forms == 0 || o.n_forms > 1000 || o.iterations < 0)
		return cli_usage("psy", "usage: jineng " USAGE_ATA);
	arena *a = arena_new();
	int rc = 1;
	struct itemfile F;
	struct blueprint B = {.a = a};
	err e = {0};
	const char *enc;
	if (read_items(itp, &F, a) != 0)
		goto done;
	if (!F.area[0]) {
		cli_fail("题库需要 area 列 / the bank needs an area column", itp);
		goto done;
	}
	if (csv_read_file(bpp, bp_row, &B, &enc, &e) != 0 || B.msg[0] || B.n == 0) {
		cli_fail(B.msg[0] ? B.msg : err_isset(&e) ? e.en : "蓝图为空 / the blueprint is empty", bpp);
		goto done;
	}
	/* areas and types: the bank's distinct values */
	char **an, **tn, **en;
	int *area = arena_array(a, F.n, sizeof *area), *type = arena_array(a, F.n, sizeof *type),
	    *enemy = arena_array(a, F.n, sizeof *enemy);
	o.n_areas = intern(F.area, F.n, area, &an, a);
	o.n_types = intern(F.type, F.n, type, &tn, a);
	int ne = intern(F.enemy, F.n, enemy, &en, a);
	UNUSED(ne);
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
			char msg[300];
			snprintf(msg, sizeof msg,
				 "第 %zu 行：题库中没有领域 %.40s、题型 %.40s 的题 / line %zu: the bank has "
				 "no item of area %.40s, type %.40s",
				 r + 2, B.area[r], B.type[r], r + 2, B.area[r], B.type[r]);
			cli_fail(msg, bpp);
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
	double th[64], tv[64];
	size_t nt = 0;
	if (tgt) {
		const char *p = tgt;
		while (*p && nt < 64) {
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
		if (nt == 0 || *p) {
			rc = cli_usage(
				"psy",
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
		engine_fail(&e, itp);
		goto done;
	}
	FILE *f = outp ? fopen(outp, "w") : stdout;
	if (!f) {
		cli_fail("无法写入文件 / could not write the file", outp);
		goto done;
	}
	fprintf(f, "form,position,item,area,type\n");
	for (size_t fm = 0; fm < o.n_forms; fm++)
		for (size_t s = 0; s < res.form_len; s++) {
			size_t i = res.forms[fm * res.form_len + s];
			fprintf(f, "%zu,%zu,%s,%s,%s\n", fm + 1, s + 1, F.ids[i], F.area[i],
				F.type[i] ? F.type[i] : "");
		}
	if (outp)
		fclose(f);
	for (size_t fm = 0; fm < o.n_forms; fm++) {
		fprintf(stderr, "form=%zu items=%zu max_info_deviation=%.4f info=", fm + 1, res.form_len,
			res.deviation[fm]);
		for (size_t j = 0; j < nt; j++) {
			double I = 0;
			for (size_t s = 0; s < res.form_len; s++)
				I += psy_info(&F.it[res.forms[fm * res.form_len + s]], th[j]);
			fprintf(stderr, "%s%.2f@%.2f(target %.2f)", j ? "," : "", I, th[j], tv[j]);
		}
		fputc('\n', stderr);
	}
	fprintf(stderr, "max_pair_overlap=%zu allowed=%zu\n", res.max_pair_overlap, o.max_overlap);
	rc = 0;
done:
	arena_free(a);
	return rc;
}

/* ---- dispatch ---- */

int cmd_psy(int argc, char **argv)
{
	static const struct {
		const char *name;
		int (*run)(int, char **);
	} subs[] = {
		{"ctt", psy_cmd_ctt},		{"calibrate", psy_cmd_calibrate}, {"score", psy_cmd_score},
		{"simulate", psy_cmd_simulate}, {"collusion", psy_cmd_collusion}, {"cat", psy_cmd_cat},
		{"assemble", psy_cmd_assemble},
	};
	if (argc >= 2)
		for (size_t i = 0; i < ARRAY_LEN(subs); i++)
			if (!strcmp(argv[1], subs[i].name))
				return subs[i].run(argc, argv);
	return cli_usage("psy", argc < 2 ? "which psy subcommand?" : "unknown psy subcommand");
}
