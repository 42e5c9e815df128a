/* psy.h: the psychometrics engine. Pure functions over caller-provided arrays: no I/O, no global state.
 * Working memory comes from the arena the caller passes (freed with it); results go to caller-provided
 * outputs. Every function returns 0, or -1 with `e` filled (Chinese and English message, code
 * "psy_<reason>", status 422) when the data cannot support the method. Randomness only through an
 * explicitly seeded psy_rng. Formulas, convergence rules and references: docs/PSYCHOMETRICS.md. */
#ifndef JINENG_PSY_H
#define JINENG_PSY_H

#include "util/common.h"
#include "util/arena.h"
#include "util/err.h"

/* ---- data ---- */

#define PSY_NA ((int8_t)-1) /* not presented / omitted */

/* psy_data: n persons by k items, row-major; x[p*k+i] is 0, 1 or PSY_NA */
typedef struct psy_data {
	size_t n, k;
	const int8_t *x;
} psy_data;

/* psy_item: one calibrated item, P(x=1|θ) = 1 / (1 + exp(-a(θ - b))). Rasch: a = 1, se_a = 0.
 * infit/outfit (mean squares) are filled by the Rasch calibration only (NAN otherwise). */
typedef struct psy_item {
	double a, b, se_a, se_b;
	double infit, outfit;
} psy_item;

/* ---- random numbers: xoshiro256** seeded through splitmix64 ---- */

typedef struct psy_rng {
	uint64_t s[4];
} psy_rng;

void psy_rng_seed(psy_rng *r, uint64_t seed);
uint64_t psy_rng_next(psy_rng *r);
double psy_rng_uniform(psy_rng *r);	    /* [0, 1), 53 random bits */
double psy_rng_normal(psy_rng *r);	    /* N(0, 1), polar method */
size_t psy_rng_below(psy_rng *r, size_t n); /* uniform on 0..n-1 without modulo bias; n > 0 */

/* psy_simulate: n persons θ ~ N(0,1) answer k items by the model; x gets n*k cells, theta (if not NULL)
 * the abilities. Deterministic for a seed. */
void psy_simulate(size_t n, size_t k, const psy_item *items, uint64_t seed, int8_t *x, double *theta);

/* ---- classical test theory ---- */

typedef struct psy_ctt_item {
	size_t n;		 /* persons who answered the item */
	double p;		 /* proportion correct among them */
	double r_pbis;		 /* point-biserial correlation with the total score */
	double r_drop;		 /* correlation with the total score without the item */
	double alpha_if_dropped; /* Cronbach's alpha of the other k-1 items (NAN when k < 3) */
} psy_ctt_item;

typedef struct psy_ctt_result {
	double alpha;	  /* Cronbach's alpha = KR-20 on 0/1 data (NAN when k < 2) */
	size_t n_persons; /* persons with at least one response */
	bool pairwise;	  /* true when missing cells made alpha use pairwise covariances */
} psy_ctt_result;

/* psy_ctt: items[k] filled. With missing cells the total score is prorated (k times the proportion
 * correct of the answered items) and alpha uses pairwise-complete covariances. */
int psy_ctt(const psy_data *d, psy_ctt_item *items, psy_ctt_result *res, arena *a, err *e) WUR;

/* Distractor analysis. opt[p*k+i] is the chosen option 0..n_opt-1 (A..H) or PSY_NA (omitted);
 * key[i] the correct option. Output rows are item-major: out[i*n_opt + o]. */
typedef struct psy_option_stat {
	size_t n;	   /* persons who chose this option */
	double share;	   /* n / persons who saw the item (omissions count in the denominator) */
	double mean_total; /* mean number-correct score of those who chose it (NAN when n = 0) */
	double p_upper;	   /* share among the upper 27% by total score */
	double p_lower;	   /* share among the lower 27% */
	bool is_key;
	bool flagged; /* a distractor chosen more by the upper than the lower group, or whose
			 choosers score at least as high on average as the key's */
} psy_option_stat;

int psy_distractors(size_t n, size_t k, const int8_t *opt, const int8_t *key, int n_opt, psy_option_stat *out,
		    arena *a, err *e) WUR;

/* psy_option_r: option discrimination for per-candidate forms. d->x holds 0/1/PSY_NA scores; opt the
 * chosen option (PSY_NA when not given, left blank, or not an option item) and key[i] the correct option
 * (-1: skip the item). For item i and option o: count[i*n_opt+o] persons chose it and r[i*n_opt+o] is the
 * point-biserial correlation between choosing it and the rest score (proportion correct on the person's
 * other answered items), NAN when nobody or everybody chose it. A distractor with r > 0 attracts the
 * stronger candidates. */
int psy_option_r(const psy_data *d, const int8_t *opt, const int8_t *key, int n_opt, size_t *count, double *r,
		 arena *a, err *e) WUR;

/* ---- calibration ---- */

typedef struct psy_fit {
	double loglik; /* conditional (Rasch CML) or marginal (2PL) log-likelihood at the estimates */
	int iterations;
	bool converged;
	size_t n_used;	   /* persons used (CML drops zero and full scores) */
	size_t n_patterns; /* distinct response patterns (2PL) or missingness groups (CML) */
	bool se_full;	   /* 2PL: standard errors from the full observed information (else item blocks) */
} psy_fit;

/* psy_rasch_cml: conditional maximum likelihood, difficulties summing to zero, standard errors from
 * the inverse conditional information, infit/outfit from MLE person abilities. */
int psy_rasch_cml(const psy_data *d, psy_item *items, psy_fit *fit, arena *a, err *e) WUR;

typedef struct psy_mml_opts {
	int quad_points; /* >= 41; default 61 on [-6, 6] */
	double tol;	 /* max |parameter change| per EM cycle; default 1e-5 */
	int max_iter;	 /* default 2000 */
	int threads;	 /* E-step threads; 0 = 2 */
} psy_mml_opts;

/* psy_2pl_mml: Bock-Aitkin EM over distinct response patterns, θ ~ N(0,1) on a fixed grid. */
int psy_2pl_mml(const psy_data *d, const psy_mml_opts *o, psy_item *items, psy_fit *fit, arena *a,
		err *e) WUR;

/* ---- scoring ---- */

#define PSY_THETA_MIN (-6.0)
#define PSY_THETA_MAX 6.0

/* EAP with a N(0,1) prior on 81 points over [-6, 6]; missing items are skipped. */
void psy_eap(size_t k, const psy_item *items, const int8_t *x, double *theta, double *se);
/* MLE by Newton with bisection fallback, bounded to [PSY_THETA_MIN, PSY_THETA_MAX]; zero and full scores
 * get the bound. se = 1/sqrt(information) at the estimate. Returns the number of items answered. */
size_t psy_mle(size_t k, const psy_item *items, const int8_t *x, double *theta, double *se);
/* psy_sum_table: summed score s = 0..k -> EAP θ and posterior SD given the sum (Lord-Wingersky
 * recursion), and the expected proportion of the N(0,1) population at each sum. Arrays of k+1. */
void psy_sum_table(size_t k, const psy_item *items, double *theta, double *se, double *prop, arena *a);
/* item and test information */
double psy_info(const psy_item *it, double theta);
double psy_prob(const psy_item *it, double theta);

/* ---- computerised adaptive testing ---- */

typedef struct psy_cat_opts {
	double se_stop;	    /* stop when SE(θ) <= se_stop */
	size_t max_len;	    /* and never give more than max_len items */
	size_t min_len;	    /* nor fewer than min_len */
	size_t randomesque; /* choose at random among the best `randomesque` items (1 = pure max info) */
	double r_max;	    /* Sympson-Hetter target maximum exposure rate (0 = off) */
	int sh_rounds;	    /* Sympson-Hetter calibration rounds */
	size_t sh_sims;	    /* simulees per calibration round */
	const int *area;    /* knowledge area of each item (NULL = no content balancing) */
	int n_areas;
	const double *area_target; /* target share of each area in a test (sums to 1) */
} psy_cat_opts;

typedef struct psy_cat_sim {
	size_t n;
	double bias, rmse, mean_len, mean_se;
	double max_exposure; /* highest share of simulees who saw one item */
	double overlap;	     /* mean share of items two simulees have in common (Chen, Ankenmann & Spray) */
	size_t unused_items; /* items never given */
	double *exposure;    /* k exposure rates (arena memory) */
	double *k_sh;	     /* k Sympson-Hetter exposure parameters used (arena memory) */
} psy_cat_sim;

/* psy_cat_next: the next item for a candidate who has been given `given` (n_given items), at the current
 * estimate θ. used[k] marks items this candidate may not get; the chosen item, and any item passed over
 * by the Sympson-Hetter lottery, are marked in it. k_sh: Sympson-Hetter parameters (NULL = all 1);
 * sel (NULL or k counters) counts selections before the lottery, for the calibration. Returns the item,
 * or (size_t)-1 when none is left. */
size_t psy_cat_next(size_t k, const psy_item *items, const psy_cat_opts *o, bool *used, const size_t *given,
		    size_t n_given, double theta, const double *k_sh, size_t *sel, psy_rng *rng);
/* psy_cat_simulate: θ ~ N(0,1) simulees answer by the model; Sympson-Hetter parameters calibrated first
 * when o->r_max > 0. */
int psy_cat_simulate(size_t k, const psy_item *items, const psy_cat_opts *o, size_t n_sim, uint64_t seed,
		     psy_cat_sim *out, arena *a, err *e) WUR;

/* ---- automated test assembly ---- */

typedef struct psy_ata_item {
	int area;    /* knowledge area 0..n_areas-1 */
	int type;    /* item type 0..n_types-1 */
	int enemy;   /* enemy set id (items sharing a non-negative id never share a form); -1 none */
	double a, b; /* IRT parameters for the information target */
} psy_ata_item;

typedef struct psy_ata_opts {
	size_t n_forms;
	int n_areas, n_types;
	const int *count; /* required items per (area, type): count[area*n_types + type] */
	size_t n_theta;	  /* target information profile: points and values */
	const double *theta, *target;
	size_t max_overlap; /* items any two forms may share */
	int max_uses;	    /* times one item may be used over all forms (>= 1) */
	int iterations;	    /* local-search swaps tried per form */
	uint64_t seed;
} psy_ata_opts;

typedef struct psy_ata_result {
	size_t form_len;
	size_t *forms;	   /* n_forms * form_len item indices (arena memory) */
	double *deviation; /* per form: max |information - target| over the theta points */
	size_t max_pair_overlap;
} psy_ata_result;

int psy_assemble(size_t n_items, const psy_ata_item *bank, const psy_ata_opts *o, psy_ata_result *res,
		 arena *a, err *e) WUR;

/* ---- answer copying ---- */

typedef struct psy_pair {
	size_t a, b;		/* the two persons (row indices), a < b */
	size_t identical;	/* identical answers (same option) */
	size_t identical_wrong; /* identical incorrect answers */
	double omega;		/* Wollack's ω for b copying from a (max of both directions reported) */
	double p;		/* one-sided normal p-value of ω */
	bool flagged;		/* significant after Benjamini-Hochberg at level q */
} psy_pair;

typedef struct psy_collusion_opts {
	double q;		    /* false discovery rate for Benjamini-Hochberg; default 0.05 */
	int groups;		    /* score groups for the conditional option proportions; default 10 */
	int threads;		    /* 0 = 2 */
	const int8_t *item_options; /* optional: options of each item (2..n_opt); NULL = n_opt for all */
} psy_collusion_opts;

/* psy_collusion: every pair of persons. opt may hold PSY_NA for items a person was not given (per-candidate
 * forms) or left blank: a pair's expected matches and variance then run over the items both answered, so
 * candidates with different forms are compared only where they can match. Writes the flagged pairs (at most
 * `cap`, sorted by p) to out and their number to *n_flagged; *n_pairs gets the number of pairs tested. */
int psy_collusion(size_t n, size_t k, const int8_t *opt, const int8_t *key, int n_opt,
		  const psy_collusion_opts *o, psy_pair *out, size_t cap, size_t *n_flagged, size_t *n_pairs,
		  arena *a, err *e) WUR;

/* ---- many-facet Rasch model (Linacre 1989): examiner severity (docs/PSYCHOMETRICS.md) ----
 *
 * log P(x = k) / P(x = k-1) = θ_candidate - δ_criterion - α_examiner - τ_k, with the thresholds τ per
 * criterion (partial credit, the default) or shared by all criteria (rating scale). Scores on the 0..max
 * points scale become categories: a criterion with at most `max_categories` whole-number levels keeps its
 * points as categories, otherwise the score is rounded to the nearest of `max_categories` evenly spaced
 * levels from 0 to max; then the levels nobody used are dropped and the others renumbered in order
 * (Facets' "ordinal" recount). Estimated by joint maximum likelihood (JMLE) with Wright's (L-1)/L bias
 * correction; severities and difficulties are centred on 0 (thresholds on 0 per structure), candidates
 * float. Elements with all their ratings in an extreme category are left out of the estimation and measured
 * afterwards with the others held fixed, at an extreme score moved 0.3 categories inwards. A design whose
 * ratings do not link (Weeks & Williams 1964 connected sets) is refused with code psy_disconnected. */

typedef enum psy_mfrm_model {
	PSY_MFRM_PCM = 0, /* thresholds per criterion (partial credit) */
	PSY_MFRM_RSM = 1, /* one threshold set for all criteria (rating scale); equal levels required */
} psy_mfrm_model;

/* the ratings: observation o is candidate cand[o] scored by examiner exam[o] on criterion crit[o] with
 * score[o] points, 0 <= score <= max[crit[o]] */
typedef struct psy_mfrm_data {
	size_t n_obs, n_cand, n_exam, n_crit;
	const uint32_t *cand, *exam, *crit;
	const double *score;
	const double *max; /* n_crit full marks, > 0 */
} psy_mfrm_data;

typedef struct psy_mfrm_opts {
	psy_mfrm_model model;
	int max_categories;	 /* 2..21; default 11 (0..10 whole points kept as they are) */
	double tol;		 /* largest change of any measure at convergence; default 1e-4 logits */
	int max_iter;		 /* default 2000 */
	bool no_bias_correction; /* keep the raw JMLE estimates */
} psy_mfrm_opts;

/* one element of a facet (a candidate, an examiner or a criterion) */
typedef struct psy_mfrm_elem {
	double measure;	   /* logits: ability, severity (+ = harsher) or difficulty (+ = harder); NAN none */
	double se;	   /* model standard error 1/sqrt(information) */
	double infit;	   /* information-weighted mean square, NAN for extreme elements */
	double outfit;	   /* unweighted mean square */
	size_t n;	   /* observations */
	double mean_score; /* mean points given (examiner), earned (candidate) or scored (criterion) */
	double fair_score; /* Facets' fair average: expected points per rating with the other facets at their
			      average (candidates at their mean, examiners at 0 severity), over all criteria
			      (examiner, candidate) or on this criterion; NAN when not measured */
	bool extreme;	   /* every rating in the lowest or highest category */
} psy_mfrm_elem;

/* a facet's spread: separation and reliability over its non-extreme elements, and the fixed (all equal)
 * chi-square: Σw m² - (Σw m)²/Σw with w = 1/se², df = count - 1 */
typedef struct psy_mfrm_spread {
	size_t count;
	double sd, rmse, adj_sd, separation, reliability, chi2;
	size_t df;
} psy_mfrm_spread;

typedef struct psy_mfrm_result {
	psy_mfrm_elem *cand, *exam, *crit; /* n_cand, n_exam, n_crit (arena) */
	int *n_cat;			   /* per criterion: categories after the mapping */
	double *points;			   /* per criterion: points per level (1 = whole points) */
	size_t *tau_off;		   /* criterion i's thresholds τ_1.. at tau[tau_off[i]] */
	double *tau;			   /* the thresholds, each structure's summing to 0 */
	size_t *cat_off;		   /* criterion i's n_cat levels at cat_level[cat_off[i]] */
	int *cat_level; /* the level (0..) each category stands for: points = level * points[i] */
	size_t n_used;	/* observations in the estimation (extremes left out) */
	int iterations;
	bool converged;
	double loglik;	    /* joint log-likelihood of the observations used */
	double bias_factor; /* (L-1)/L applied, L the mean observations per candidate; 1 when off */
	psy_mfrm_spread exam_spread, crit_spread, cand_spread;
} psy_mfrm_result;

/* psy_mfrm: estimates every facet. Codes: psy_no_data, psy_bad_element, psy_bad_score, psy_bad_max,
 * psy_rsm_levels, psy_no_variation (nothing left after the extremes), psy_disconnected (the message gives
 * the number of subsets and the largest's size). */
int psy_mfrm(const psy_mfrm_data *d, const psy_mfrm_opts *o, psy_mfrm_result *r, arena *a, err *e) WUR;

/* psy_mfrm_simulate: ratings from the partial credit many-facet model for tests and benchmarks. Candidates
 * sit in panels of `batch` (default 20) candidates; each panel gets `raters` distinct examiners (the
 * panel's number modulo n_exam and raters - 1 drawn at random), who each score every candidate of the
 * panel on every criterion, 0..max_points (the thresholds evenly spaced over [-2, 2]). θ ~ N(0, 1),
 * severities ~ N(0, sd_exam²) (default 0.5), difficulties evenly spaced over [-0.5, 0.5]; severities and
 * difficulties centred. The arrays hold n_cand * raters * n_crit ratings; theta, alpha, delta the truth. */
typedef struct psy_mfrm_design {
	size_t n_cand, n_exam, n_crit, raters, batch;
	int max_points;
	double sd_exam;
	uint64_t seed;
} psy_mfrm_design;

size_t psy_mfrm_simulate(const psy_mfrm_design *g, uint32_t *cand, uint32_t *exam, uint32_t *crit,
			 double *score, double *theta, double *alpha, double *delta);

#endif
