/* bench_dispatch: a day of 2,000 sittings and 600 supervisors across Shandong's 16 cities, dispatched by
 * core/dispatch.c. Prints the solver's time and plan; with --ref DIR also writes the reference instance for
 * bench/dispatch/ref_lsap.R: the same day with no load term and a daily maximum no lower than the number
 * of time slots, where the problem splits into one linear sum assignment problem per slot (rows: the
 * sittings' units of demand, columns: supervisors), so clue::solve_LSAP solves exactly the same instance.
 * Usage: bench_dispatch [--sittings N] [--supervisors M] [--seed S] [--ref DIR] */
#include "util/common.h"
#include "core/dispatch.h"
#include <inttypes.h>
#include <time.h>

static const struct {
	const char *code;
	double lat, lon;
} cities[] = {
	{"3701", 36.651, 117.120}, {"3702", 36.067, 120.383}, {"3703", 36.813, 118.055},
	{"3704", 34.810, 117.323}, {"3705", 37.434, 118.675}, {"3706", 37.464, 121.448},
	{"3707", 36.707, 119.162}, {"3708", 35.415, 116.587}, {"3709", 36.200, 117.088},
	{"3710", 37.513, 122.120}, {"3711", 35.417, 119.527}, {"3713", 35.104, 118.356},
	{"3714", 37.435, 116.359}, {"3715", 36.457, 115.985}, {"3716", 37.383, 117.971},
	{"3717", 35.234, 115.481},
};
#define NCITY ARRAY_LEN(cities)

static uint64_t rng;
static uint32_t rnd(uint32_t n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)(rng % n);
}
static double jitter(void)
{
	return (rnd(60001) - 30000) / 100000.0; /* +-0.3 degree */
}
static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* the day's sittings start at one of seven times: five slots of 90 minutes and two shorter sittings inside
 * the first and the third (one slot with them) */
static const int64_t starts[] = {8 * 3600 + 1800, 10 * 3600 + 1800, 13 * 3600 + 1800, 15 * 3600 + 1800,
				 18 * 3600,	  9 * 3600,	    14 * 3600};
static const int64_t mins[] = {90, 90, 90, 90, 90, 60, 60};

int main(int argc, char **argv)
{
	size_t nt = 2000, ns = 600;
	const char *ref = NULL;
	rng = 20261203;
	for (int i = 1; i + 1 < argc; i += 2) {
		if (!strcmp(argv[i], "--sittings"))
			nt = (size_t)atol(argv[i + 1]);
		else if (!strcmp(argv[i], "--supervisors"))
			ns = (size_t)atol(argv[i + 1]);
		else if (!strcmp(argv[i], "--seed"))
			rng = (uint64_t)atoll(argv[i + 1]) * 2654435761u + 1;
		else if (!strcmp(argv[i], "--ref"))
			ref = argv[i + 1];
	}
	size_t ninst = nt / 5 + 1;
	int *inst_city = xmalloc(ninst * sizeof *inst_city);
	double *ilat = xmalloc(ninst * sizeof *ilat), *ilon = xmalloc(ninst * sizeof *ilon);
	for (size_t i = 0; i < ninst; i++) {
		inst_city[i] = (int)rnd(NCITY);
		ilat[i] = cities[inst_city[i]].lat + jitter();
		ilon[i] = cities[inst_city[i]].lon + jitter();
	}
	struct dispatch_sup *s = xcalloc(ns, sizeof *s);
	int64_t *avoid = xcalloc(ns * 2, sizeof *avoid);
	for (size_t i = 0; i < ns; i++) {
		int c = (int)rnd(NCITY);
		avoid[2 * i] = 1 + rnd((uint32_t)ninst);
		avoid[2 * i + 1] = 1 + rnd((uint32_t)ninst);
		s[i] = (struct dispatch_sup){.id = (int64_t)i + 1,
					     .lat = cities[c].lat + jitter(),
					     .lon = cities[c].lon + jitter(),
					     .home_inst = rnd(2) ? 1 + rnd((uint32_t)ninst) : 0,
					     .cap = 5,
					     .avoid = &avoid[2 * i],
					     .navoid = rnd(3)};
		snprintf(s[i].city, sizeof s[i].city, "%s", cities[c].code);
	}
	struct dispatch_sitting *t = xcalloc(nt, sizeof *t);
	size_t units = 0;
	for (size_t j = 0; j < nt; j++) {
		size_t in = rnd((uint32_t)ninst);
		int k = (int)rnd(
			5); /* a slot, then in the first and the third a shorter sitting one time in three */
		if (k == 0 && !rnd(3))
			k = 5;
		else if (k == 2 && !rnd(3))
			k = 6;
		int cand = 10 + (int)rnd(100);
		t[j] = (struct dispatch_sitting){.id = (int64_t)j + 1,
						 .inst = (int64_t)in + 1,
						 .cross = inst_city[in] == 0, /* 济南 */
						 .start = starts[k],
						 .end = starts[k] + mins[k] * 60,
						 .lat = ilat[in],
						 .lon = ilon[in],
						 .need = cand >= 95 ? 2 : 1};
		snprintf(t[j].city, sizeof t[j].city, "%s", cities[inst_city[in]].code);
		units += (size_t)t[j].need;
	}
	printf("instance: %zu sittings (%zu supervisor places), %zu supervisors, %zu institutions, 16 "
	       "cities\n",
	       nt, units, ns, ninst);

	/* the day as it is dispatched: a load term of 30 km per extra sitting, at most 5 a day */
	struct dispatch_problem p = {s, ns, t, nt, 30000};
	struct dispatch_result r;
	double t0 = now();
	if (dispatch_solve(&p, &r))
		return 1;
	double t1 = now();
	char why[200];
	if (dispatch_verify(&p, &r, why, sizeof why)) {
		fprintf(stderr, "constraint broken: %s\n", why);
		return 1;
	}
	int maxload = 0;
	for (size_t i = 0; i < ns; i++)
		maxload = r.load[i] > maxload ? r.load[i] : maxload;
	printf("jineng_dispatch_seconds=%.3f slots=%d assigned=%zu short=%zu total_km=%.1f mean_km=%.2f "
	       "max_per_supervisor=%d augmentations=%zu\n",
	       t1 - t0, r.nslots, r.na, r.nshorts, r.dist_m / 1000.0,
	       r.na ? r.dist_m / 1000.0 / (double)r.na : 0, maxload, r.augmentations);
	dispatch_result_free(&r);

	/* the reference instance: no load term, daily maximum >= slots */
	for (size_t i = 0; i < ns; i++)
		s[i].cap = (int)ARRAY_LEN(starts);
	p.load_m = 0;
	t0 = now();
	if (dispatch_solve(&p, &r))
		return 1;
	t1 = now();
	if (dispatch_verify(&p, &r, why, sizeof why)) {
		fprintf(stderr, "constraint broken: %s\n", why);
		return 1;
	}
	printf("jineng_lsap_instance_seconds=%.3f assigned=%zu short=%zu total_m=%" PRId64 "\n", t1 - t0,
	       r.na, r.nshorts, r.dist_m);
	if (ref) {
		/* one file per slot: the cost matrix rows = units, columns = supervisors, -1 = not allowed */
		for (int k = 0; k < r.nslots; k++) {
			char path[512];
			snprintf(path, sizeof path, "%s/slot%d.csv", ref, k);
			FILE *f = fopen(path, "w");
			if (!f)
				return 1;
			for (size_t j = 0; j < nt; j++) {
				if (r.slot[j] != k)
					continue;
				for (int u = 0; u < t[j].need; u++)
					for (size_t i = 0; i < ns; i++) {
						int64_t c = dispatch_check(&s[i], &t[j]) == DC_OK
								    ? dispatch_haversine_m(s[i].lat, s[i].lon,
											   t[j].lat, t[j].lon)
								    : -1;
						fprintf(f, "%" PRId64 "%c", c, i + 1 < ns ? ',' : '\n');
					}
			}
			fclose(f);
		}
	}
	dispatch_result_free(&r);
	free(s);
	free(t);
	free(avoid);
	free(inst_city);
	free(ilat);
	free(ilon);
	return 0;
}
