/* psyio.c: the psychometrics engine's files (psyio.h). Keys, item parameters and blueprints have declared
 * columns and are read through util/tabread.h (the importers' reader: aliases, Chinese headers, CSV or
 * XLSX); a response matrix's columns are its items, named by the data, so it is read as plain CSV
 * (util/csvread.h) with the header taken as the item ids. Every reader checks each cell and stops at the
 * first problem with its line (the header is line 1) in the message. */
#include "psy/psyio.h"
#include "util/csvread.h"
#include "util/tabread.h"
#include <ctype.h>
#include <math.h>

/* trims blanks and a trailing CR in place */
static char *trim(char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
		s[--n] = 0;
	return s;
}

/* an option letter A..H (any case) as 0..7, or -1 */
static int option_letter(const char *s, size_t len)
{
	int c = len == 1 ? toupper((unsigned char)s[0]) : 0;
	return c >= 'A' && c <= 'H' ? c - 'A' : -1;
}

/* ---- response matrices ---- */

struct matrix_ctx {
	psy_matrix *m;
	psy_cells kind;
	arena *a;
	err *e;
};

static int matrix_header(struct matrix_ctx *c, char **f, size_t nf)
{
	psy_matrix *m = c->m;
	if (nf < 2) {
		err_set(c->e, 422, "psy_bad_header", NULL, "第 1 行：表头应为 person 加至少一个题目编号",
			"line 1: the header must be person and at least one item id");
		return 1;
	}
	m->k = nf - 1;
	m->items = arena_array(c->a, m->k, sizeof(char *));
	for (size_t i = 0; i < m->k; i++) {
		char *id = trim(f[i + 1]);
		if (!*id) {
			err_set(c->e, 422, "psy_bad_header", NULL, "第 1 行：第 %zu 列题目编号为空",
				"line 1: column %zu has no item id", i + 2);
			return 1;
		}
		for (size_t j = 0; j < i; j++)
			if (!strcmp(m->items[j], id)) {
				err_set(c->e, 422, "psy_bad_header", NULL, "第 1 行：题目编号 %.60s 重复",
					"line 1: item id %.60s repeated", id);
				return 1;
			}
		m->items[i] = arena_strdup(c->a, id);
	}
	return 0;
}

static int matrix_row(void *ctx, char **f, size_t nf, size_t rec)
{
	struct matrix_ctx *c = ctx;
	psy_matrix *m = c->m;
	if (rec == 1)
		return matrix_header(c, f, nf);
	if (nf != m->k + 1) {
		err_set(c->e, 422, "psy_bad_row", NULL, "第 %zu 行：应有 %zu 列，实际 %zu 列",
			"line %zu: expected %zu columns, found %zu", rec, m->k + 1, nf);
		return 1;
	}
	if (m->n == m->cap) {
		size_t nc = m->cap ? m->cap * 2 : 1024;
		m->x = xrealloc(m->x, nc * m->k);
		m->persons = xrealloc(m->persons, nc * sizeof(char *));
		m->cap = nc;
	}
	int8_t *row = m->x + m->n * m->k;
	for (size_t i = 0; i < m->k; i++) {
		const char *s = trim(f[i + 1]);
		size_t len = strlen(s);
		int opt;
		if (len == 0) {
			row[i] = PSY_NA;
		} else if (c->kind == PSY_CELLS_01 && len == 1 && (s[0] == '0' || s[0] == '1')) {
			row[i] = (int8_t)(s[0] - '0');
		} else if (c->kind == PSY_CELLS_OPTIONS && (opt = option_letter(s, len)) >= 0) {
			row[i] = (int8_t)opt;
		} else {
			if (c->kind == PSY_CELLS_01)
				err_set(c->e, 422, "psy_bad_cell", NULL,
					"第 %zu 行：单元格应为 0、1 或空（题目 %.60s）",
					"line %zu: cells must be 0, 1 or empty (item %.60s)", rec,
					m->items[i]);
			else
				err_set(c->e, 422, "psy_bad_cell", NULL,
					"第 %zu 行：单元格应为选项字母 A 到 H 或空（题目 %.60s）",
					"line %zu: cells must be an option letter A to H or empty (item "
					"%.60s)",
					rec, m->items[i]);
			return 1;
		}
	}
	m->persons[m->n] = arena_strdup(c->a, trim(f[0]));
	m->n++;
	return 0;
}

void psy_matrix_free(psy_matrix *m)
{
	free(m->x);
	free(m->persons);
	m->x = NULL;
	m->persons = NULL;
	m->cap = 0;
}

int psy_read_matrix(const char *path, psy_cells kind, psy_matrix *m, arena *a, err *e)
{
	memset(m, 0, sizeof *m);
	struct matrix_ctx c = {.m = m, .kind = kind, .a = a, .e = e};
	const char *enc = NULL;
	if (csv_read_file(path, matrix_row, &c, &enc, e) != 0) {
		if (!err_isset(e))
			err_set(e, 422, "file_unreadable", NULL, "无法读取文件", "could not read the file");
		psy_matrix_free(m);
		return -1;
	}
	if (m->k == 0)
		return err_set(e, 422, "psy_empty_file", NULL, "文件为空，没有表头",
			       "the file is empty: no header");
	if (m->n == 0) {
		psy_matrix_free(m);
		return err_set(e, 422, "psy_empty_file", NULL, "文件没有作答行",
			       "the file has no response rows");
	}
	return 0;
}

/* ---- answer keys ---- */

enum { KC_ITEM, KC_KEY, KC_N };
static const tab_col key_cols[KC_N] = {
	[KC_ITEM] = {"item", "题目", {"题目编号"}, TAB_REQUIRED},
	[KC_KEY] = {"key", "答案", {"正确答案"}, TAB_REQUIRED},
};
static const tab_spec key_spec = {key_cols, KC_N, TAB_TRIM};

struct key_ctx {
	arena *a;
	err *e;
	size_t n, cap;
	char **items;
	int8_t *key;
};

static int key_row(void *ctx, const tab_row *r)
{
	struct key_ctx *kf = ctx;
	const char *k = tab_get(r, KC_KEY), *item = tab_get(r, KC_ITEM);
	int opt = k ? option_letter(k, strlen(k)) : -1;
	if (opt < 0) {
		err_set(kf->e, 422, "psy_bad_row", "key", "第 %zu 行：答案应为 A 到 H 之一",
			"line %zu: the key must be one of A to H", r->line);
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
	kf->items[kf->n] = arena_strdup(kf->a, item ? item : "");
	kf->key[kf->n++] = (int8_t)opt;
	return 0;
}

int8_t *psy_read_key(const char *path, const psy_matrix *m, arena *a, err *e)
{
	struct key_ctx kf = {.a = a, .e = e};
	if (tab_read_file(&key_spec, path, NULL, key_row, &kf, NULL, e) != 0)
		return NULL;
	int8_t *key = arena_array(a, m->k, 1);
	for (size_t i = 0; i < m->k; i++) {
		size_t j = 0;
		while (j < kf.n && strcmp(kf.items[j], m->items[i]))
			j++;
		if (j == kf.n) {
			err_set(e, 422, "psy_no_key", NULL, "题目 %.60s 没有答案", "item %.60s has no key",
				m->items[i]);
			return NULL;
		}
		key[i] = kf.key[j];
	}
	return key;
}

/* ---- item parameter files ---- */

enum { IC_ITEM, IC_A, IC_B, IC_SEA, IC_SEB, IC_AREA, IC_TYPE, IC_ENEMY, IC_N };
static const tab_col item_cols[IC_N] = {
	[IC_ITEM] = {"item", "题目", {"题目编号"}, TAB_REQUIRED},
	[IC_A] = {"a", "区分度", {0}, TAB_REQUIRED},
	[IC_B] = {"b", "难度", {0}, TAB_REQUIRED},
	[IC_SEA] = {"se_a", "区分度标准误"},
	[IC_SEB] = {"se_b", "难度标准误"},
	[IC_AREA] = {"area", "知识领域", {"领域"}},
	[IC_TYPE] = {"type", "题型"},
	[IC_ENEMY] = {"enemy", "互斥组"},
};
static const tab_spec item_spec = {item_cols, IC_N, TAB_TRIM};

/* a finite number, nothing after it but blanks; NULL (an empty cell) is none */
static int parse_num(const char *s, double *v)
{
	char *end;
	if (!s)
		return -1;
	*v = strtod(s, &end);
	while (*end == ' ' || *end == '\r')
		end++;
	return end == s || *end || !isfinite(*v) ? -1 : 0;
}

struct item_ctx {
	psy_itemfile *F;
	err *e;
};

static void item_grow(psy_itemfile *F)
{
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

/* an optional column's cell (arena): "" when empty, NULL when the file has no such column */
static char *optional(psy_itemfile *F, const tab_row *r, int col)
{
	const char *v = tab_get(r, col);
	return tab_has(r, col) ? arena_strdup(F->a, v ? v : "") : NULL;
}

static int item_row(void *ctx, const tab_row *r)
{
	struct item_ctx *c = ctx;
	psy_itemfile *F = c->F;
	if (F->n == F->cap)
		item_grow(F);
	psy_item *t = &F->it[F->n];
	if (parse_num(tab_get(r, IC_A), &t->a) || parse_num(tab_get(r, IC_B), &t->b) || !(t->a > 0)) {
		err_set(c->e, 422, "psy_bad_row", NULL, "第 %zu 行：a 应为正数、b 应为数字",
			"line %zu: a must be a positive number and b a number", r->line);
		return 1;
	}
	if (parse_num(tab_get(r, IC_SEA), &t->se_a))
		t->se_a = NAN;
	if (parse_num(tab_get(r, IC_SEB), &t->se_b))
		t->se_b = NAN;
	const char *id = tab_get(r, IC_ITEM);
	F->ids[F->n] = arena_strdup(F->a, id ? id : "");
	F->area[F->n] = optional(F, r, IC_AREA);
	F->type[F->n] = optional(F, r, IC_TYPE);
	F->enemy[F->n] = optional(F, r, IC_ENEMY);
	F->n++;
	return 0;
}

int psy_read_items(const char *path, psy_itemfile *F, arena *a, err *e)
{
	memset(F, 0, sizeof *F);
	F->a = a;
	struct item_ctx c = {.F = F, .e = e};
	if (tab_read_file(&item_spec, path, NULL, item_row, &c, NULL, e) != 0)
		return -1;
	if (F->n == 0)
		return err_set(e, 422, "psy_empty_file", NULL, "题目参数文件没有题目",
			       "the item file has no items");
	return 0;
}

/* ---- blueprints ---- */

enum { BC_AREA, BC_TYPE, BC_COUNT, BC_N };
static const tab_col bp_cols[BC_N] = {
	[BC_AREA] = {"area", "知识领域", {"领域"}, TAB_REQUIRED},
	[BC_TYPE] = {"type", "题型", {0}, TAB_REQUIRED},
	[BC_COUNT] = {"count", "题量", {"题数"}, TAB_REQUIRED},
};
static const tab_spec bp_spec = {bp_cols, BC_N, TAB_TRIM};

struct bp_ctx {
	psy_blueprint *B;
	err *e;
};

static int bp_row(void *ctx, const tab_row *r)
{
	struct bp_ctx *c = ctx;
	psy_blueprint *B = c->B;
	const char *area = tab_get(r, BC_AREA), *type = tab_get(r, BC_TYPE), *cnt = tab_get(r, BC_COUNT);
	char *end;
	long n = strtol(cnt ? cnt : "", &end, 10); /* an empty count is 0, a missing one wrong */
	if ((size_t)r->map[BC_COUNT] >= r->n || *end || n < 0 || n > 100000) {
		err_set(c->e, 422, "psy_bad_row", "count", "第 %zu 行：题量应为非负整数",
			"line %zu: count must be a whole number >= 0", r->line);
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
	B->area[B->n] = arena_strdup(B->a, area ? area : "");
	B->type[B->n] = arena_strdup(B->a, type ? type : "");
	B->count[B->n++] = (int)n;
	return 0;
}

int psy_read_blueprint(const char *path, psy_blueprint *B, arena *a, err *e)
{
	memset(B, 0, sizeof *B);
	B->a = a;
	struct bp_ctx c = {.B = B, .e = e};
	if (tab_read_file(&bp_spec, path, NULL, bp_row, &c, NULL, e) != 0)
		return -1;
	if (B->n == 0)
		return err_set(e, 422, "psy_empty_file", NULL, "蓝图为空", "the blueprint is empty");
	return 0;
}

/* ---- writing ---- */

int psy_write_items(const char *path, size_t k, char *const *ids, const psy_item *it, err *e)
{
	FILE *f = path ? fopen(path, "w") : stdout;
	if (!f)
		return err_set(e, 422, "file_unwritable", NULL, "无法写入文件", "could not write the file");
	fprintf(f, "item,a,b,se_a,se_b\n");
	for (size_t i = 0; i < k; i++)
		fprintf(f, "%s,%.6f,%.6f,%.6f,%.6f\n", ids[i], it[i].a, it[i].b, it[i].se_a, it[i].se_b);
	if (path ? fclose(f) != 0 : fflush(f) != 0)
		return err_set(e, 422, "file_unwritable", NULL, "无法写入文件", "could not write the file");
	return 0;
}

/* ---- columns ---- */

int psy_intern(char *const *vals, size_t n, int *out, char ***names, arena *a)
{
	int m = 0;
	char **nm = arena_array(a, n ? n : 1, sizeof *nm);
	for (size_t i = 0; i < n; i++) {
		const char *v = vals[i] ? vals[i] : "";
		int j = 0;
		while (j < m && strcmp(nm[j], v))
			j++;
		if (j == m)
			nm[m++] = (char *)v;
		out[i] = j;
	}
	*names = nm;
	return m;
}

/* ---- ratings ---- */

/* ids numbered by an open-addressing hash (FNV-1a), so a province's candidates are numbered in linear time */
struct idmap {
	size_t n, cap;	/* ids, slots (a power of two) */
	uint32_t *slot; /* id number + 1, 0 empty */
	char **names;	/* by number (grows) */
	size_t ncap;
};

static uint64_t fnv1a(const char *s)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 0x100000001b3ULL;
	return h;
}

static uint32_t idmap_get(struct idmap *m, const char *id, arena *a)
{
	if (2 * (m->n + 1) > m->cap) {
		size_t nc = m->cap ? m->cap * 2 : 1024;
		uint32_t *ns = arena_array(a, nc, sizeof *ns);
		for (size_t k = 0; k < m->cap; k++)
			if (m->slot[k]) {
				size_t h = fnv1a(m->names[m->slot[k] - 1]) & (nc - 1);
				while (ns[h])
					h = (h + 1) & (nc - 1);
				ns[h] = m->slot[k];
			}
		m->slot = ns, m->cap = nc;
	}
	size_t h = fnv1a(id) & (m->cap - 1);
	while (m->slot[h]) {
		if (!strcmp(m->names[m->slot[h] - 1], id))
			return m->slot[h] - 1;
		h = (h + 1) & (m->cap - 1);
	}
	if (m->n == m->ncap) {
		size_t nc = m->ncap ? m->ncap * 2 : 256;
		char **nn = arena_array(a, nc, sizeof *nn);
		if (m->n)
			memcpy(nn, m->names, m->n * sizeof *nn);
		m->names = nn, m->ncap = nc;
	}
	m->names[m->n] = arena_strdup(a, id);
	m->slot[h] = (uint32_t)(m->n + 1);
	return (uint32_t)m->n++;
}

enum { RC_CAND, RC_EXAM, RC_CRIT, RC_SCORE, RC_MAX, RC_N };
static const tab_col rating_cols[RC_N] = {
	[RC_CAND] = {"candidate",
		     "考生",
		     {"candidate_id", "考生编号", "准考证号", "registration_id"},
		     TAB_REQUIRED},
	[RC_EXAM] = {"examiner", "考评员", {"examiner_id", "考评员编号", "评委", "评分人"}, TAB_REQUIRED},
	[RC_CRIT] = {"criterion",
		     "评分项",
		     {"criterion_id", "评分要素", "评分项目", "考核项目"},
		     TAB_REQUIRED},
	[RC_SCORE] = {"score", "得分", {"分数", "评分"}, TAB_REQUIRED},
	[RC_MAX] = {"max", "满分", {"max_points", "配分", "分值"}},
};
static const tab_spec rating_spec = {rating_cols, RC_N, TAB_TRIM};

struct rating_ctx {
	psy_ratings *R;
	struct idmap m[3];
	err *e;
};

static int rating_row(void *ctx, const tab_row *row)
{
	struct rating_ctx *c = ctx;
	psy_ratings *R = c->R;
	const char *id[3] = {tab_get(row, RC_CAND), tab_get(row, RC_EXAM), tab_get(row, RC_CRIT)};
	static const char *const zh[3] = {"考生", "考评员", "评分项"}, *const en[3] = {"candidate",
										       "examiner",
										       "criterion"};
	for (int f = 0; f < 3; f++)
		if (!id[f]) {
			err_set(c->e, 422, "psy_bad_row", rating_cols[f].field, "第 %zu 行：%s为空%.0s",
				"line %zu: %.0sthe %s is empty", row->line, zh[f], en[f]);
			return 1;
		}
	double score, mx = NAN;
	if (parse_num(tab_get(row, RC_SCORE), &score) || score < 0) {
		err_set(c->e, 422, "psy_bad_row", "score", "第 %zu 行：得分应为不小于 0 的数",
			"line %zu: the score must be a number >= 0", row->line);
		return 1;
	}
	if (tab_has(row, RC_MAX) && (parse_num(tab_get(row, RC_MAX), &mx) || !(mx > 0) || score > mx)) {
		err_set(c->e, 422, "psy_bad_row", "max", "第 %zu 行：满分应为正数且不小于得分",
			"line %zu: max must be a positive number no smaller than the score", row->line);
		return 1;
	}
	if (R->n == R->cap) {
		size_t nc = R->cap ? R->cap * 2 : 4096;
		R->cand = xrealloc(R->cand, nc * sizeof *R->cand);
		R->exam = xrealloc(R->exam, nc * sizeof *R->exam);
		R->crit = xrealloc(R->crit, nc * sizeof *R->crit);
		R->score = xrealloc(R->score, nc * sizeof *R->score);
		R->row_max = xrealloc(R->row_max, nc * sizeof *R->row_max);
		R->line = xrealloc(R->line, nc * sizeof *R->line);
		R->cap = nc;
	}
	R->cand[R->n] = idmap_get(&c->m[0], id[0], R->a);
	R->exam[R->n] = idmap_get(&c->m[1], id[1], R->a);
	R->crit[R->n] = idmap_get(&c->m[2], id[2], R->a);
	R->score[R->n] = score;
	R->row_max[R->n] = mx;
	R->line[R->n++] = row->line;
	R->max_given = tab_has(row, RC_MAX);
	return 0;
}

struct rkey {
	uint32_t c, e, i;
	size_t line;
};

static int rkey_cmp(const void *a, const void *b)
{
	const struct rkey *x = a, *y = b;
	if (x->c != y->c)
		return x->c < y->c ? -1 : 1;
	if (x->e != y->e)
		return x->e < y->e ? -1 : 1;
	if (x->i != y->i)
		return x->i < y->i ? -1 : 1;
	return x->line < y->line ? -1 : x->line > y->line;
}

void psy_ratings_free(psy_ratings *R)
{
	free(R->cand), free(R->exam), free(R->crit), free(R->score), free(R->row_max), free(R->line);
	R->cand = R->exam = R->crit = NULL;
	R->score = R->row_max = NULL;
	R->line = NULL;
	R->cap = 0;
}

int psy_read_ratings(const char *path, psy_ratings *R, arena *a, err *e)
{
	memset(R, 0, sizeof *R);
	R->a = a;
	struct rating_ctx c = {.R = R, .e = e};
	if (tab_read_file(&rating_spec, path, NULL, rating_row, &c, NULL, e) != 0)
		goto fail;
	if (R->n == 0) {
		err_set(e, 422, "psy_empty_file", NULL, "评分文件没有评分",
			"the ratings file has no ratings");
		goto fail;
	}
	R->n_cand = c.m[0].n, R->cands = c.m[0].names;
	R->n_exam = c.m[1].n, R->exams = c.m[1].names;
	R->n_crit = c.m[2].n, R->crits = c.m[2].names;
	/* one rating per candidate, examiner and criterion */
	struct rkey *k = xmalloc(R->n * sizeof *k);
	for (size_t o = 0; o < R->n; o++)
		k[o] = (struct rkey){R->cand[o], R->exam[o], R->crit[o], R->line[o]};
	qsort(k, R->n, sizeof *k, rkey_cmp);
	for (size_t o = 1; o < R->n; o++)
		if (k[o].c == k[o - 1].c && k[o].e == k[o - 1].e && k[o].i == k[o - 1].i) {
			err_set(e, 422, "psy_duplicate_rating", NULL,
				"第 %zu 行与第 %zu 行是同一考评员对同一考生同一评分项的评分",
				"lines %zu and %zu rate the same candidate on the same criterion by the same "
				"examiner",
				k[o - 1].line, k[o].line);
			free(k);
			goto fail;
		}
	free(k);
	/* full marks per criterion */
	R->max = arena_array(a, R->n_crit, sizeof *R->max);
	for (size_t i = 0; i < R->n_crit; i++)
		R->max[i] = R->max_given ? NAN : 1;
	for (size_t o = 0; o < R->n; o++) {
		double *m = &R->max[R->crit[o]];
		if (!R->max_given) {
			double up = ceil(R->score[o]);
			*m = up > *m ? up : *m;
		} else if (isnan(*m)) {
			*m = R->row_max[o];
		} else if (*m != R->row_max[o]) {
			err_set(e, 422, "psy_bad_row", "max", "第 %zu 行：评分项 %.60s 的满分与前面的行不同",
				"line %zu: criterion %.60s has a different max than on earlier rows",
				R->line[o], R->crits[R->crit[o]]);
			goto fail;
		}
	}
	return 0;
fail:
	if (!err_isset(e))
		err_set(e, 422, "file_unreadable", NULL, "无法读取文件", "could not read the file");
	psy_ratings_free(R);
	return -1;
}
