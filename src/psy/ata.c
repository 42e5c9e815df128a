/* ata.c: automated test assembly of several parallel forms to a blueprint and a target information
 * profile (a heuristic, after the "normalised weighted absolute deviation" family of greedy methods of
 * Swanson & Stocking 1993 and van der Linden 2005, ch. 4):
 *  1. Greedy: forms are built one after another; each slot takes, among the eligible items of a blueprint
 *     cell that still needs items, the one whose information at the target points best fills the
 *     remaining gap divided by the slots left: min Σ_j (I_i(θ_j) - (T_j - I_form(θ_j)) / slots_left)².
 *  2. Local search: `iterations` random swaps per form (an item for an eligible item of the same cell);
 *     a swap is kept when it lowers the form's maximum |I_form(θ_j) - T_j| (ties: the sum of squares).
 * Eligible: not already in the form, no enemy of an item in the form, used fewer than max_uses times over
 * all forms, and adding it keeps the overlap with every other form at or below max_overlap. The blueprint
 * and enemy rules are hard constraints: when the greedy step finds no eligible item, assembly fails. */
#include "util/common.h"
#include "psy/psy_int.h"

struct ata {
	size_t n, F, L, nt;
	const psy_ata_item *bank;
	const psy_ata_opts *o;
	double *info;  /* n x nt item information at the target points */
	uint8_t *in;   /* F x n membership */
	int *uses;     /* per item */
	size_t *forms; /* F x L */
	size_t *ov;    /* F x F overlaps */
	int *cell;     /* per item: area * n_types + type, or -1 when outside the blueprint */
};

static bool eligible(const struct ata *A, size_t f, size_t i, size_t except)
{
	if (A->in[f * A->n + i] || A->uses[i] >= A->o->max_uses)
		return false;
	const size_t *form = A->forms + f * A->L;
	int en = A->bank[i].enemy;
	if (en >= 0)
		for (size_t s = 0; s < A->L; s++) {
			size_t j = form[s];
			if (j != (size_t)-1 && j != except && A->bank[j].enemy == en)
				return false;
		}
	for (size_t g = 0; g < A->F; g++) {
		if (g == f || !A->in[g * A->n + i])
			continue;
		size_t ov = A->ov[f * A->F + g] - (except != (size_t)-1 && A->in[g * A->n + except]);
		if (ov + 1 > A->o->max_overlap)
			return false;
	}
	return true;
}

static void place(struct ata *A, size_t f, size_t slot, size_t i, int sign)
{
	A->in[f * A->n + i] = sign > 0;
	A->uses[i] += sign;
	for (size_t g = 0; g < A->F; g++)
		if (g != f && A->in[g * A->n + i]) {
			A->ov[f * A->F + g] += (size_t)sign;
			A->ov[g * A->F + f] += (size_t)sign;
		}
	if (sign > 0)
		A->forms[f * A->L + slot] = i;
}

static void form_dev(const struct ata *A, size_t f, double *maxdev, double *ss)
{
	double mx = 0, s = 0;
	for (size_t j = 0; j < A->nt; j++) {
		double I = 0;
		for (size_t u = 0; u < A->L; u++)
			I += A->info[A->forms[f * A->L + u] * A->nt + j];
		double d = I - A->o->target[j];
		mx = fmax(mx, fabs(d));
		s += d * d;
	}
	*maxdev = mx, *ss = s;
}

int psy_assemble(size_t n, const psy_ata_item *bank, const psy_ata_opts *o, psy_ata_result *res, arena *a,
		 err *e)
{
	memset(res, 0, sizeof *res);
	if (n == 0 || o->n_forms == 0)
		return PSY_ERR(e, "psy_empty", "题库为空或卷数为 0",
			       "the bank is empty or no forms were asked for");
	if (o->n_areas <= 0 || o->n_types <= 0 || !o->count || o->n_theta == 0 || !o->theta || !o->target ||
	    o->max_uses < 1)
		return PSY_ERR(e, "psy_bad_option", "组卷参数不完整", "incomplete assembly settings");
	size_t ncell = (size_t)o->n_areas * (size_t)o->n_types, L = 0;
	for (size_t c = 0; c < ncell; c++) {
		if (o->count[c] < 0)
			return PSY_ERR(e, "psy_bad_option", "蓝图题量不能为负",
				       "blueprint counts cannot be negative");
		L += (size_t)o->count[c];
	}
	if (L == 0)
		return PSY_ERR(e, "psy_bad_option", "蓝图没有要求任何题目",
			       "the blueprint asks for no items");
	struct ata A = {.n = n, .F = o->n_forms, .L = L, .nt = o->n_theta, .bank = bank, .o = o};
	A.info = arena_array(a, psy_mul(n, A.nt), sizeof *A.info);
	A.in = arena_array(a, psy_mul(A.F, n), 1);
	A.uses = arena_array(a, n, sizeof *A.uses);
	A.forms = arena_array(a, psy_mul(A.F, L), sizeof *A.forms);
	A.ov = arena_array(a, psy_mul(A.F, A.F), sizeof *A.ov);
	A.cell = arena_array(a, n, sizeof *A.cell);
	for (size_t i = 0; i < n; i++) {
		const psy_ata_item *b = &bank[i];
		if (!(b->a > 0) || !isfinite(b->b))
			return PSY_ERR(e, "psy_bad_item", "第 %zu 题的参数无效",
				       "item %zu has invalid parameters", i + 1);
		A.cell[i] = b->area >= 0 && b->area < o->n_areas && b->type >= 0 && b->type < o->n_types
				    ? b->area * o->n_types + b->type
				    : -1;
		psy_item it = {.a = b->a, .b = b->b};
		for (size_t j = 0; j < A.nt; j++)
			A.info[i * A.nt + j] = psy_info(&it, o->theta[j]);
	}
	for (size_t c = 0, cnt; c < ncell; c++) {
		cnt = 0;
		for (size_t i = 0; i < n; i++)
			cnt += A.cell[i] == (int)c;
		if (cnt < (size_t)o->count[c] || cnt * (size_t)o->max_uses < (size_t)o->count[c] * A.F)
			return PSY_ERR(e, "psy_infeasible", "题库中领域 %zu 题型 %zu 的题目不足",
				       "the bank has too few items of area %zu, type %zu",
				       c / (size_t)o->n_types + 1, c % (size_t)o->n_types + 1);
	}
	for (size_t c = 0; c < psy_mul(A.F, L); c++)
		A.forms[c] = (size_t)-1;
	int *need = arena_array(a, ncell, sizeof *need);
	double *cur = arena_array(a, A.nt, sizeof *cur);
	for (size_t f = 0; f < A.F; f++) {
		memcpy(need, o->count, ncell * sizeof *need);
		memset(cur, 0, A.nt * sizeof *cur);
		for (size_t slot = 0; slot < L; slot++) {
			double left = (double)(L - slot), best = INFINITY;
			size_t bi = (size_t)-1;
			for (size_t i = 0; i < n; i++) {
				if (A.cell[i] < 0 || need[A.cell[i]] <= 0 || !eligible(&A, f, i, (size_t)-1))
					continue;
				double s = 0;
				for (size_t j = 0; j < A.nt; j++) {
					double d = A.info[i * A.nt + j] - (o->target[j] - cur[j]) / left;
					s += d * d;
				}
				if (s < best)
					best = s, bi = i;
			}
			if (bi == (size_t)-1)
				return PSY_ERR(
					e, "psy_infeasible", "第 %zu 套试卷无法满足蓝图、敌对题或重叠限制",
					"form %zu cannot meet the blueprint, enemy and overlap constraints",
					f + 1);
			place(&A, f, slot, bi, +1);
			need[A.cell[bi]]--;
			for (size_t j = 0; j < A.nt; j++)
				cur[j] += A.info[bi * A.nt + j];
		}
	}
	/* local search, form by form in rounds */
	psy_rng rng;
	psy_rng_seed(&rng, o->seed);
	int iters = o->iterations > 0 ? o->iterations : 2000;
	for (int round = 0; round < 2; round++)
		for (size_t f = 0; f < A.F; f++) {
			double md, ss;
			form_dev(&A, f, &md, &ss);
			for (int t = 0; t < iters; t++) {
				size_t slot = psy_rng_below(&rng, L), out = A.forms[f * L + slot],
				       in = psy_rng_below(&rng, n);
				if (A.cell[in] != A.cell[out] || in == out)
					continue;
				/* take `out` away, then check `in` */
				place(&A, f, slot, out, -1);
				A.forms[f * L + slot] = (size_t)-1;
				if (!eligible(&A, f, in, (size_t)-1)) {
					place(&A, f, slot, out, +1);
					continue;
				}
				place(&A, f, slot, in, +1);
				double md2, ss2;
				form_dev(&A, f, &md2, &ss2);
				if (md2 < md - 1e-12 || (md2 <= md + 1e-12 && ss2 < ss)) {
					md = md2, ss = ss2;
				} else {
					place(&A, f, slot, in, -1);
					place(&A, f, slot, out, +1);
				}
			}
		}
	res->form_len = L;
	res->forms = A.forms;
	res->deviation = arena_array(a, A.F, sizeof(double));
	for (size_t f = 0; f < A.F; f++) {
		double ss;
		form_dev(&A, f, &res->deviation[f], &ss);
		for (size_t g = f + 1; g < A.F; g++)
			if (A.ov[f * A.F + g] > res->max_pair_overlap)
				res->max_pair_overlap = A.ov[f * A.F + g];
	}
	return 0;
}
