/* dispatch.c: the supervisors' dispatch as a min-cost flow (see dispatch.h) */
#include "util/common.h"
#include "core/dispatch.h"
#include <math.h>

const char *dispatch_constraint_name(enum dispatch_constraint c)
{
	static const char *const names[DC_COUNT] = {"ok",	 "unavailable", "home_institution",
						    "avoidance", "own_city",	"busy"};
	return (unsigned)c < DC_COUNT ? names[c] : "?";
}

const char *dispatch_alt_reason_name(enum dispatch_alt_reason r)
{
	static const char *const names[] = {"same_slot", "day_full", "load", "elsewhere", "farther"};
	return (unsigned)r < ARRAY_LEN(names) ? names[r] : "?";
}

int64_t dispatch_haversine_m(double lat1, double lon1, double lat2, double lon2)
{
	const double rad = M_PI / 180.0, R = 6371008.8;
	double p1 = lat1 * rad, p2 = lat2 * rad, dp = (lat2 - lat1) * rad, dl = (lon2 - lon1) * rad;
	double h = sin(dp / 2) * sin(dp / 2) + cos(p1) * cos(p2) * sin(dl / 2) * sin(dl / 2);
	if (h > 1)
		h = 1;
	return (int64_t)llround(2 * R * asin(sqrt(h)));
}

static bool overlaps(int64_t a0, int64_t a1, int64_t b0, int64_t b1)
{
	return a0 < b1 && b0 < a1;
}

enum dispatch_constraint dispatch_check(const struct dispatch_sup *s, const struct dispatch_sitting *t)
{
	if (s->cap <= 0)
		return DC_UNAVAILABLE;
	if (s->home_inst > 0 && s->home_inst == t->inst)
		return DC_HOME;
	for (size_t i = 0; i < s->navoid; i++)
		if (s->avoid[i] == t->inst)
			return DC_AVOID;
	if (t->cross && s->city[0] && !strcmp(s->city, t->city))
		return DC_OWN_CITY;
	for (size_t i = 0; i < s->nbusy; i++)
		if (overlaps(s->busy[i].start, s->busy[i].end, t->start, t->end))
			return DC_BUSY;
	return DC_OK;
}

/* ---- time slots: connected components of the overlap graph ---- */

static const struct dispatch_sitting *sort_sits;
static int by_start(const void *a, const void *b)
{
	const struct dispatch_sitting *x = &sort_sits[*(const size_t *)a],
				      *y = &sort_sits[*(const size_t *)b];
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return *(const size_t *)a < *(const size_t *)b ? -1 : 1;
}

static int make_slots(const struct dispatch_problem *p, int *slot)
{
	size_t n = p->nsits;
	if (!n)
		return 0;
	size_t *ord = xmalloc(n * sizeof *ord);
	for (size_t i = 0; i < n; i++)
		ord[i] = i;
	sort_sits = p->sits;
	qsort(ord, n, sizeof *ord, by_start);
	int k = -1;
	int64_t end = 0;
	for (size_t i = 0; i < n; i++) {
		const struct dispatch_sitting *t = &p->sits[ord[i]];
		if (k < 0 || t->start >= end) {
			k++;
			end = t->end;
		} else if (t->end > end)
			end = t->end;
		slot[ord[i]] = k;
	}
	free(ord);
	return k + 1;
}

int64_t dispatch_cost(const struct dispatch_problem *p, const struct dispatch_assign *a, size_t na)
{
	int64_t c = 0;
	int *load = xcalloc(p->nsups ? p->nsups : 1, sizeof *load);
	for (size_t i = 0; i < na; i++) {
		c += a[i].dist_m;
		c += p->load_m * load[a[i].sup]++;
	}
	free(load);
	return c;
}

/* ---- the solver ---- */

struct heap_ent {
	int64_t d;
	int32_t v;
};

struct heap {
	struct heap_ent *h;
	size_t n, cap;
};

static void heap_push(struct heap *q, int64_t d, int32_t v)
{
	if (q->n == q->cap) {
		q->cap = q->cap ? q->cap * 2 : 1024;
		q->h = realloc(q->h, q->cap * sizeof *q->h);
		if (!q->h)
			abort();
	}
	size_t i = q->n++;
	while (i > 0) {
		size_t up = (i - 1) / 2;
		if (q->h[up].d <= d)
			break;
		q->h[i] = q->h[up];
		i = up;
	}
	q->h[i] = (struct heap_ent){d, v};
}

static struct heap_ent heap_pop(struct heap *q)
{
	struct heap_ent top = q->h[0], last = q->h[--q->n];
	size_t i = 0;
	for (;;) {
		size_t c = 2 * i + 1;
		if (c >= q->n)
			break;
		if (c + 1 < q->n && q->h[c + 1].d < q->h[c].d)
			c++;
		if (q->h[c].d >= last.d)
			break;
		q->h[i] = q->h[c];
		i = c;
	}
	if (q->n)
		q->h[i] = last;
	return top;
}

struct net {
	const struct dispatch_problem *p;
	size_t ns, nsup;
	int nslots;
	const int *slot;
	/* eligible arcs sitting -> (supervisor, slot), CSR by sitting */
	size_t *off;
	int32_t *asup, *asit;
	int64_t *acost;
	unsigned char *used;
	/* nodes: sittings [0, ns), (supervisor, slot) [ns, sb), supervisors [sb, T), sink T */
	size_t sb, T, N;
	int32_t *occ;	 /* per (supervisor, slot): the arc serving it, -1 none */
	int32_t *sslots; /* per supervisor: the slots it serves (cap entries from soff) */
	size_t *soff;
	int *nused, *cap;
	int64_t *pot, *dist;
	int32_t *prev, *prevarc;
	uint32_t *seen, *done;
	unsigned char *dead; /* reached by a search that found no path: can never reach the sink again */
	uint32_t search;
	int32_t *settled;
	struct heap q;
};

static inline void relax(struct net *g, size_t u, int64_t nd, size_t v, int32_t e)
{
	if (g->done[u] == g->search || g->dead[u])
		return;
	if (g->seen[u] != g->search || nd < g->dist[u]) {
		g->seen[u] = g->search;
		g->dist[u] = nd;
		g->prev[u] = (int32_t)v;
		g->prevarc[u] = e;
		heap_push(&g->q, nd, (int32_t)u);
	}
}

/* one shortest augmenting path from sitting j0 to the sink; true when one was found and applied */
static bool augment(struct net *g, size_t j0)
{
	if (g->dead[j0])
		return false;
	g->search++;
	g->q.n = 0;
	size_t nsettled = 0;
	g->seen[j0] = g->search;
	g->dist[j0] = 0;
	heap_push(&g->q, 0, (int32_t)j0);
	int64_t D = -1;
	while (g->q.n) {
		struct heap_ent he = heap_pop(&g->q);
		size_t v = (size_t)he.v;
		if (g->done[v] == g->search || he.d != g->dist[v])
			continue;
		g->done[v] = g->search;
		g->settled[nsettled++] = (int32_t)v;
		int64_t d = he.d;
		if (v == g->T) {
			D = d;
			break;
		}
		if (v < g->ns) {
			size_t base = g->ns + (size_t)g->slot[v];
			for (size_t e = g->off[v]; e < g->off[v + 1]; e++) {
				if (g->used[e])
					continue;
				size_t u = base + (size_t)g->asup[e] * (size_t)g->nslots;
				relax(g, u, d + g->acost[e] + g->pot[v] - g->pot[u], v, (int32_t)e);
			}
		} else if (v < g->sb) {
			size_t k = v - g->ns, s = k / (size_t)g->nslots;
			int32_t e = g->occ[k];
			if (e < 0) {
				size_t u = g->sb + s;
				relax(g, u, d + g->pot[v] - g->pot[u], v, -1);
			} else {
				size_t j = (size_t)g->asit[e];
				relax(g, j, d - g->acost[e] + g->pot[v] - g->pot[j], v, -1);
			}
		} else {
			size_t s = v - g->sb;
			if (g->nused[s] < g->cap[s])
				relax(g, g->T, d + g->p->load_m * g->nused[s] + g->pot[v] - g->pot[g->T], v,
				      -1);
			for (int i = 0; i < g->nused[s]; i++) {
				size_t u = g->ns + s * (size_t)g->nslots +
					   (size_t)g->sslots[g->soff[s] + (size_t)i];
				relax(g, u, d + g->pot[v] - g->pot[u], v, -1);
			}
		}
	}
	if (D < 0) {
		/* Nothing reached from j0 reaches the sink, and never will: an augmentation reverses arcs of
		 * a path whose every node reached the sink, so a node that reaches none of them now cannot
		 * reach one later, and saturated arcs only take reach away. Later searches skip these nodes.
		 */
		for (size_t i = 0; i < nsettled; i++)
			g->dead[g->settled[i]] = 1;
		return false;
	}
	for (size_t i = 0; i < nsettled; i++) {
		size_t v = (size_t)g->settled[i];
		g->pot[v] += g->dist[v] - D;
	}
	/* apply the path, from the sink back to j0 */
	size_t v = g->T;
	while (v != j0) {
		size_t u = (size_t)g->prev[v];
		if (v == g->T) {
			/* the supervisor's count grows through the slot it takes (below) */
		} else if (v >= g->sb) {
			/* slot node u -> supervisor: the supervisor now serves u's slot */
			size_t s = v - g->sb;
			g->sslots[g->soff[s] + (size_t)g->nused[s]++] =
				(int32_t)((u - g->ns) % (size_t)g->nslots);
		} else if (v >= g->ns) {
			size_t k = v - g->ns;
			if (u < g->ns) { /* sitting -> slot node: the arc is used */
				int32_t e = g->prevarc[v];
				g->used[e] = 1;
				g->occ[k] = e;
			} else { /* supervisor -> slot node (back): the supervisor leaves the slot */
				size_t s = u - g->sb;
				int32_t sl = (int32_t)(k % (size_t)g->nslots);
				for (int i = 0; i < g->nused[s]; i++)
					if (g->sslots[g->soff[s] + (size_t)i] == sl) {
						g->sslots[g->soff[s] + (size_t)i] =
							g->sslots[g->soff[s] + (size_t)--g->nused[s]];
						break;
					}
				g->occ[k] = -1;
			}
		} else {
			/* slot node -> sitting (back): the sitting gives the supervisor up */
			size_t k = u - g->ns;
			g->used[g->occ[k]] = 0;
		}
		v = u;
	}
	return true;
}

static const struct dispatch_problem *sort_p;
static int by_sit_dist(const void *a, const void *b)
{
	const struct dispatch_assign *x = a, *y = b;
	if (x->sit != y->sit)
		return x->sit < y->sit ? -1 : 1;
	if (x->dist_m != y->dist_m)
		return x->dist_m < y->dist_m ? -1 : 1;
	return x->sup < y->sup ? -1 : x->sup > y->sup;
}
static int by_sup_start(const void *a, const void *b)
{
	const struct dispatch_assign *x = a, *y = b;
	if (x->sup != y->sup)
		return x->sup < y->sup ? -1 : 1;
	int64_t sx = sort_p->sits[x->sit].start, sy = sort_p->sits[y->sit].start;
	if (sx != sy)
		return sx < sy ? -1 : 1;
	return x->sit < y->sit ? -1 : x->sit > y->sit;
}

void dispatch_result_free(struct dispatch_result *r)
{
	free(r->a);
	free(r->shorts);
	free(r->slot);
	free(r->eligible);
	free(r->load);
	memset(r, 0, sizeof *r);
}

int dispatch_solve(const struct dispatch_problem *p, struct dispatch_result *r)
{
	memset(r, 0, sizeof *r);
	size_t ns = p->nsits, nsup = p->nsups;
	r->slot = xcalloc(ns ? ns : 1, sizeof *r->slot);
	r->eligible = xcalloc(ns ? ns : 1, sizeof *r->eligible);
	r->load = xcalloc(nsup ? nsup : 1, sizeof *r->load);
	r->nslots = make_slots(p, r->slot);
	int nslots = r->nslots ? r->nslots : 1;

	struct net g = {.p = p, .ns = ns, .nsup = nsup, .nslots = nslots, .slot = r->slot};
	/* the eligible arcs */
	g.off = xmalloc((ns + 1) * sizeof *g.off);
	size_t narcs = 0, arcap = ns * 8 + 16;
	g.asup = xmalloc(arcap * sizeof *g.asup);
	g.acost = xmalloc(arcap * sizeof *g.acost);
	for (size_t j = 0; j < ns; j++) {
		g.off[j] = narcs;
		for (size_t s = 0; s < nsup; s++) {
			if (dispatch_check(&p->sups[s], &p->sits[j]) != DC_OK)
				continue;
			if (narcs == arcap) {
				arcap *= 2;
				g.asup = realloc(g.asup, arcap * sizeof *g.asup);
				g.acost = realloc(g.acost, arcap * sizeof *g.acost);
				if (!g.asup || !g.acost)
					abort();
			}
			g.asup[narcs] = (int32_t)s;
			g.acost[narcs] = dispatch_haversine_m(p->sups[s].lat, p->sups[s].lon, p->sits[j].lat,
							      p->sits[j].lon);
			narcs++;
		}
		r->eligible[j] = (int)(narcs - g.off[j]);
	}
	g.off[ns] = narcs;
	g.asit = xmalloc((narcs ? narcs : 1) * sizeof *g.asit);
	for (size_t j = 0; j < ns; j++)
		for (size_t e = g.off[j]; e < g.off[j + 1]; e++)
			g.asit[e] = (int32_t)j;
	g.used = xcalloc(narcs ? narcs : 1, 1);

	g.sb = ns + nsup * (size_t)nslots;
	g.T = g.sb + nsup;
	g.N = g.T + 1;
	g.occ = xmalloc((nsup * (size_t)nslots + 1) * sizeof *g.occ);
	for (size_t k = 0; k < nsup * (size_t)nslots; k++)
		g.occ[k] = -1;
	g.soff = xmalloc((nsup + 1) * sizeof *g.soff);
	g.cap = xcalloc(nsup ? nsup : 1, sizeof *g.cap);
	g.nused = xcalloc(nsup ? nsup : 1, sizeof *g.nused);
	size_t tot = 0;
	for (size_t s = 0; s < nsup; s++) {
		g.soff[s] = tot;
		int c = p->sups[s].cap < 0 ? 0 : p->sups[s].cap;
		if (c > nslots)
			c = nslots; /* never more than one per slot */
		g.cap[s] = c;
		tot += (size_t)c;
	}
	g.soff[nsup] = tot;
	g.sslots = xmalloc((tot + 1) * sizeof *g.sslots);
	g.pot = xcalloc(g.N, sizeof *g.pot);
	g.dist = xcalloc(g.N, sizeof *g.dist);
	g.prev = xcalloc(g.N, sizeof *g.prev);
	g.prevarc = xcalloc(g.N, sizeof *g.prevarc);
	g.seen = xcalloc(g.N, sizeof *g.seen);
	g.done = xcalloc(g.N, sizeof *g.done);
	g.dead = xcalloc(g.N, 1);
	g.settled = xmalloc(g.N * sizeof *g.settled);

	/* the units of demand, sitting by sitting in order of time */
	size_t *ord = xmalloc((ns ? ns : 1) * sizeof *ord);
	for (size_t i = 0; i < ns; i++)
		ord[i] = i;
	sort_sits = p->sits;
	if (ns)
		qsort(ord, ns, sizeof *ord, by_start);
	int *covered = xcalloc(ns ? ns : 1, sizeof *covered);
	for (size_t i = 0; i < ns; i++) {
		size_t j = ord[i];
		for (int u = 0; u < p->sits[j].need; u++) {
			r->augmentations++;
			if (!augment(&g, j))
				break; /* no further unit of j fits either */
			covered[j]++;
		}
	}

	/* the plan */
	size_t na = 0;
	for (size_t e = 0; e < narcs; e++)
		na += g.used[e];
	r->a = xmalloc((na ? na : 1) * sizeof *r->a);
	for (size_t e = 0; e < narcs; e++)
		if (g.used[e]) {
			r->a[r->na++] = (struct dispatch_assign){
				.sit = (size_t)g.asit[e], .sup = (size_t)g.asup[e], .dist_m = g.acost[e]};
			r->dist_m += g.acost[e];
		}
	sort_p = p;
	qsort(r->a, r->na, sizeof *r->a, by_sup_start);
	for (size_t i = 0; i < r->na; i++) {
		r->a[i].nth = ++r->load[r->a[i].sup];
		r->cost += r->a[i].dist_m + p->load_m * (r->a[i].nth - 1);
	}
	qsort(r->a, r->na, sizeof *r->a, by_sit_dist);

	for (size_t j = 0; j < ns; j++)
		if (covered[j] < p->sits[j].need)
			r->nshorts++;
	r->shorts = xcalloc(r->nshorts ? r->nshorts : 1, sizeof *r->shorts);
	size_t k = 0;
	for (size_t j = 0; j < ns; j++) {
		if (covered[j] >= p->sits[j].need)
			continue;
		struct dispatch_short *sh = &r->shorts[k++];
		sh->sit = j;
		sh->need = p->sits[j].need;
		sh->covered = covered[j];
		sh->eligible = r->eligible[j];
		for (size_t s = 0; s < nsup; s++)
			sh->refused[dispatch_check(&p->sups[s], &p->sits[j])]++;
		sh->refused[DC_OK] = 0;
	}

	free(ord);
	free(covered);
	free(g.off);
	free(g.asup);
	free(g.asit);
	free(g.acost);
	free(g.used);
	free(g.occ);
	free(g.soff);
	free(g.cap);
	free(g.nused);
	free(g.sslots);
	free(g.pot);
	free(g.dist);
	free(g.prev);
	free(g.prevarc);
	free(g.seen);
	free(g.done);
	free(g.dead);
	free(g.settled);
	free(g.q.h);
	return 0;
}

/* ---- explanations and checks ---- */

struct cand {
	size_t sup;
	int64_t d;
};
static int by_d(const void *a, const void *b)
{
	const struct cand *x = a, *y = b;
	if (x->d != y->d)
		return x->d < y->d ? -1 : 1;
	return x->sup < y->sup ? -1 : x->sup > y->sup;
}

size_t dispatch_alternatives(const struct dispatch_problem *p, const struct dispatch_result *r, size_t sit,
			     struct dispatch_alt *out, size_t max)
{
	if (sit >= p->nsits || !max)
		return 0;
	const struct dispatch_sitting *t = &p->sits[sit];
	int64_t far = -1;
	for (size_t i = 0; i < r->na; i++)
		if (r->a[i].sit == sit && r->a[i].dist_m > far)
			far = r->a[i].dist_m;
	struct cand *c = xmalloc((p->nsups ? p->nsups : 1) * sizeof *c);
	size_t nc = 0;
	for (size_t s = 0; s < p->nsups; s++) {
		if (dispatch_check(&p->sups[s], t) != DC_OK)
			continue;
		bool chosen = false;
		for (size_t i = 0; i < r->na && !chosen; i++)
			chosen = r->a[i].sit == sit && r->a[i].sup == s;
		if (!chosen)
			c[nc++] = (struct cand){
				s, dispatch_haversine_m(p->sups[s].lat, p->sups[s].lon, t->lat, t->lon)};
	}
	qsort(c, nc, sizeof *c, by_d);
	size_t n = 0;
	for (size_t k = 0; k < nc && n < max; k++) {
		struct dispatch_alt al = {.sup = c[k].sup, .dist_m = c[k].d, .why = ALT_FARTHER, .other = 0};
		bool same = false;
		for (size_t i = 0; i < r->na; i++)
			if (r->a[i].sup == c[k].sup && r->slot[r->a[i].sit] == r->slot[sit]) {
				same = true;
				al.other = r->a[i].sit;
				break;
			}
		int load = r->load[c[k].sup], cap = p->sups[c[k].sup].cap;
		if (cap > r->nslots)
			cap = r->nslots;
		if (same)
			al.why = ALT_SAME_SLOT;
		else if (load >= cap)
			al.why = ALT_DAY_FULL;
		else if (far >= 0 && c[k].d < far)
			al.why = load > 0 && p->load_m * load >= far - c[k].d ? ALT_LOAD : ALT_ELSEWHERE;
		out[n++] = al;
	}
	free(c);
	return n;
}

int dispatch_verify(const struct dispatch_problem *p, const struct dispatch_result *r, char *why, size_t n)
{
	int *cnt = xcalloc(p->nsits ? p->nsits : 1, sizeof *cnt);
	int *day = xcalloc(p->nsups ? p->nsups : 1, sizeof *day);
	int rc = -1;
	for (size_t i = 0; i < r->na; i++) {
		const struct dispatch_assign *a = &r->a[i];
		if (a->sit >= p->nsits || a->sup >= p->nsups) {
			snprintf(why, n, "assignment %zu out of range", i);
			goto out;
		}
		enum dispatch_constraint c = dispatch_check(&p->sups[a->sup], &p->sits[a->sit]);
		if (c != DC_OK) {
			snprintf(why, n, "supervisor %zu at sitting %zu breaks %s", a->sup, a->sit,
				 dispatch_constraint_name(c));
			goto out;
		}
		if (++cnt[a->sit] > p->sits[a->sit].need) {
			snprintf(why, n, "sitting %zu gets more than its %d", a->sit, p->sits[a->sit].need);
			goto out;
		}
		if (++day[a->sup] > p->sups[a->sup].cap) {
			snprintf(why, n, "supervisor %zu over its daily %d", a->sup, p->sups[a->sup].cap);
			goto out;
		}
		for (size_t k = 0; k < i; k++) {
			const struct dispatch_assign *b = &r->a[k];
			if (b->sup != a->sup)
				continue;
			if (b->sit == a->sit) {
				snprintf(why, n, "supervisor %zu twice at sitting %zu", a->sup, a->sit);
				goto out;
			}
			const struct dispatch_sitting *x = &p->sits[a->sit], *y = &p->sits[b->sit];
			if (overlaps(x->start, x->end, y->start, y->end)) {
				snprintf(why, n, "supervisor %zu at overlapping sittings %zu and %zu", a->sup,
					 a->sit, b->sit);
				goto out;
			}
		}
	}
	size_t shorts = 0;
	for (size_t j = 0; j < p->nsits; j++)
		if (cnt[j] < p->sits[j].need)
			shorts++;
	if (shorts != r->nshorts) {
		snprintf(why, n, "%zu sittings short, %zu reported", shorts, r->nshorts);
		goto out;
	}
	rc = 0;
out:
	free(cnt);
	free(day);
	return rc;
}
