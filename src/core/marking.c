#include "util/common.h"
#include "core/marking.h"

const char *marking_check(const struct mark_aspect *a, int n, int nmodules, int *total_cm)
{
	int64_t total = 0;
	const char *why = NULL;
	if (n <= 0)
		why = "scheme_empty";
	for (int i = 0; i < n; i++) {
		if (a[i].max_cm <= 0 || a[i].max_cm > MARKING_TOTAL_CM) {
			why = why ? why : "aspect_max_invalid";
			continue;
		}
		total += a[i].max_cm;
		if (a[i].module < 0 || a[i].module >= nmodules || a[i].module >= MARKING_MAX_MODULES)
			why = why ? why : "aspect_module_invalid";
		if (a[i].kind == ASPECT_BANDS) {
			if (a[i].nbands < 1 || a[i].nbands > MARKING_MAX_BANDS) {
				why = why ? why : "bands_missing";
				continue;
			}
			for (int k = 0; k < a[i].nbands; k++) {
				const struct mark_band *b = &a[i].bands[k];
				bool bad = b->tol < 0 || b->pct < 0 || b->pct > 100 || b->tol != b->tol;
				if (k > 0)
					bad = bad || b->tol <= a[i].bands[k - 1].tol ||
					      b->pct >= a[i].bands[k - 1].pct;
				if (bad)
					why = why ? why : "bands_invalid";
			}
		} else if (a[i].kind != ASPECT_BINARY && a[i].kind != ASPECT_JUDGEMENT) {
			why = why ? why : "aspect_kind_invalid";
		}
	}
	if (total_cm)
		*total_cm = total > INT32_MAX ? INT32_MAX : (int)total;
	if (!why && total != MARKING_TOTAL_CM)
		why = "scheme_total_not_100";
	return why;
}

int marking_binary(const struct mark_aspect *a, bool met, int *cm)
{
	if (a->kind != ASPECT_BINARY)
		return -1;
	*cm = met ? a->max_cm : 0;
	return 0;
}

/* percent of max_cm, rounded half-up to a hundredth of a mark */
static int pct_of(int max_cm, int pct)
{
	return (int)(((int64_t)max_cm * pct * 2 + 100) / 200);
}

int marking_bands(const struct mark_aspect *a, double measured, int *cm)
{
	if (a->kind != ASPECT_BANDS || measured != measured)
		return -1;
	double dev = measured - a->nominal;
	if (dev < 0)
		dev = -dev;
	*cm = 0;
	for (int k = 0; k < a->nbands; k++) {
		/* a tolerance written 0.05 is met by a deviation computed as 0.0500000001 from decimal inputs
		 */
		if (dev <= a->bands[k].tol + 1e-9) {
			*cm = pct_of(a->max_cm, a->bands[k].pct);
			break;
		}
	}
	return 0;
}

int marking_judgement(int max_cm, const int *scores, int n, int threshold, int *cm, bool *flagged)
{
	if (n < 1 || n > MARKING_MAX_JUDGES || max_cm < 0)
		return -1;
	int sum = 0, lo = 3, hi = 0;
	for (int i = 0; i < n; i++) {
		if (scores[i] < 0 || scores[i] > 3)
			return -1;
		sum += scores[i];
		lo = scores[i] < lo ? scores[i] : lo;
		hi = scores[i] > hi ? scores[i] : hi;
	}
	return marking_judgement_agg(max_cm, n, sum, lo, hi, threshold, cm, flagged);
}

int marking_judgement_agg(int max_cm, int n, int sum, int lo, int hi, int threshold, int *cm, bool *flagged)
{
	if (n < 1 || n > MARKING_MAX_JUDGES || max_cm < 0 || lo < 0 || hi > 3 || lo > hi || sum < lo * n ||
	    sum > hi * n)
		return -1;
	/* max × sum / (3n), half-up: (2 max sum + 3n) / 6n */
	*cm = (int)(((int64_t)2 * max_cm * sum + 3 * n) / (6 * (int64_t)n));
	*flagged = hi - lo > threshold;
	return 0;
}

/* <0 when row a is better than row b */
static int row_cmp(const struct mark_row *a, const struct mark_row *b, int nmodules)
{
	if (a->total_cm != b->total_cm)
		return a->total_cm > b->total_cm ? -1 : 1;
	for (int m = 0; m < nmodules && m < MARKING_MAX_MODULES; m++)
		if (a->module_cm[m] != b->module_cm[m])
			return a->module_cm[m] > b->module_cm[m] ? -1 : 1;
	return 0;
}

void marking_rank(const struct mark_row *rows, int n, int nmodules, int *rank, int *order)
{
	if (n <= 0)
		return;
	int *ord = order ? order : xmalloc(sizeof *ord * (size_t)n);
	for (int i = 0; i < n; i++)
		ord[i] = i;
	/* a bottom-up merge sort: stable, O(n log n), no comparator context needed (qsort has none) */
	int *tmp = xmalloc(sizeof *tmp * (size_t)n);
	for (int w = 1; w < n; w *= 2) {
		for (int lo = 0; lo < n; lo += 2 * w) {
			int mid = lo + w < n ? lo + w : n, hi = lo + 2 * w < n ? lo + 2 * w : n;
			int i = lo, j = mid, k = lo;
			while (i < mid && j < hi)
				tmp[k++] = row_cmp(&rows[ord[j]], &rows[ord[i]], nmodules) < 0 ? ord[j++]
											       : ord[i++];
			while (i < mid)
				tmp[k++] = ord[i++];
			while (j < hi)
				tmp[k++] = ord[j++];
		}
		memcpy(ord, tmp, sizeof *ord * (size_t)n);
	}
	free(tmp);
	for (int p = 0; p < n; p++) {
		if (p > 0 && row_cmp(&rows[ord[p]], &rows[ord[p - 1]], nmodules) == 0)
			rank[ord[p]] = rank[ord[p - 1]];
		else
			rank[ord[p]] = p + 1;
	}
	if (!order)
		free(ord);
}
