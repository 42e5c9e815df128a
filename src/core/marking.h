/* 竞赛评分 (WorldSkills-style marking schemes; pure; docs/DOMAIN.md "竞赛评分与成绩"). A scheme is out of 100
 * marks in modules → sub-criteria → aspects. Marks travel as integer hundredths of a mark ("cm", 100 marks =
 * 10000 cm) so totals, ties and both database backends agree to the last digit.
 *
 * Measurement (测量) aspects: either full-or-zero (the judges agree "met" or not) or a measured value against
 * a nominal with tolerance bands (within band k → pct_k % of the aspect's marks, outside every band → 0).
 * Judgement (评价) aspects: each judge gives 0..3 against a written description of each score; the aspect's
 * mark is max × mean(judgements) / 3, the WorldSkills rule (WSI Competition Rules, "Judgement marking"),
 * rounded half-up to 0.01; scores more than `threshold` apart (data, default 1) flag the aspect for
 * discussion and re-marking. */
#ifndef JINENG_CORE_MARKING_H
#define JINENG_CORE_MARKING_H
#include <stdbool.h>
#include <stdint.h>

#define MARKING_TOTAL_CM    10000 /* 100 marks */
#define MARKING_MAX_BANDS   6
#define MARKING_MAX_JUDGES  9
#define MARKING_MAX_MODULES 16

enum aspect_kind {
	ASPECT_BINARY = 1,   /* Measurement, full or zero */
	ASPECT_BANDS = 2,    /* Measurement, a measured value against tolerance bands */
	ASPECT_JUDGEMENT = 3 /* Judgement 0..3 */
};

struct mark_band {
	double tol; /* |measured - nominal| <= tol (the measure's own unit) */
	int pct;    /* percent of the aspect's marks, 0..100 */
};

struct mark_aspect {
	int module; /* 0-based module index in the scheme's order */
	enum aspect_kind kind;
	int max_cm; /* 1..10000 */
	double nominal;
	int nbands;
	struct mark_band bands[MARKING_MAX_BANDS];
};

/* NULL when the aspects make a valid scheme, else a reason code: scheme_empty, aspect_max_invalid,
 * aspect_module_invalid, bands_missing, bands_invalid (tolerances must widen and percents fall),
 * scheme_total_not_100. *total_cm gets the sum of the aspects' marks either way. */
const char *marking_check(const struct mark_aspect *a, int n, int nmodules, int *total_cm);

/* Measurement: full (met true) or zero. Bands: the first band whose tolerance holds. 0, or -1 when the aspect
 * is not of that kind. */
int marking_binary(const struct mark_aspect *a, bool met, int *cm);
int marking_bands(const struct mark_aspect *a, double measured, int *cm);

/* Judgement: scores[0..n) each 0..3 from n judges (1..MARKING_MAX_JUDGES). *cm = round(max × Σ / (3n));
 * *flagged when max(scores) - min(scores) > threshold. -1 on a score outside 0..3 or a bad n. */
int marking_judgement(int max_cm, const int *scores, int n, int threshold, int *cm, bool *flagged);
/* the same from the scores' count, sum, lowest and highest (an SQL aggregate): -1 when they cannot be */
int marking_judgement_agg(int max_cm, int n, int sum, int lo, int hi, int threshold, int *cm, bool *flagged);

/* Ranking: rows of (total, module totals in the scheme's order). rank[i] = 1 + the number of rows strictly
 * better, where better means a higher total, then a higher first module, then the next module... (ties broken
 * by module scores in order); rows equal in all of them share a rank. order[] (may be NULL) gets the row
 * indexes best first (stable for equal rows). */
struct mark_row {
	int64_t total_cm;
	int64_t module_cm[MARKING_MAX_MODULES];
};
void marking_rank(const struct mark_row *rows, int n, int nmodules, int *rank, int *order);

#endif
