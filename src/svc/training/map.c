#include "util/common.h"
#include "svc/training/map.h"
#include "core/date.h"
#include "core/geo.h"
#include "store/query.h"
#include "svc/training/view.h"
#include "svc/base/svc.h"
#include <math.h>
#include <pthread.h>
#include <stdlib.h>

/* earth_box() and ll_to_earth() use earthdistance's earth() radius (6378168 m), larger than GEO_EARTH_KM's:
 * the box is asked for a slightly larger radius so it never leaves out a site geo_km puts inside */
#define PG_BOX_FACTOR 1.002
#define RTREE_MARGIN  1e-4

static int check_query(const struct training_map_query *q, err *e)
{
	if (!q->has_point && !(q->county && *q->county))
		return err_set(e, 422, "missing_field", "lat", "请给出位置（lat、lon）或所在县（county）",
			       "give a point (lat, lon) or a county");
	if (q->has_point && !geo_valid(q->lat, q->lon))
		return err_set(e, 422, "invalid_coordinates", "lat",
			       "坐标无效（纬度 -90..90，经度 -180..180）",
			       "invalid coordinates (latitude -90..90, longitude -180..180)");
	if (q->radius_km < 0 || q->radius_km > TRAINING_MAP_RADIUS_MAX || isnan(q->radius_km))
		return err_set(e, 422, "invalid_value", "radius_km", "半径应为 0..640 公里",
			       "radius_km must be 0..640");
	if (q->county && (strlen(q->county) > 12 || strspn(q->county, "0123456789") != strlen(q->county)))
		return err_set(e, 422, "invalid_region", "county", "县（市、区）代码无效",
			       "invalid county code");
	if (q->occupation && strlen(q->occupation) > 32)
		return err_set(e, 422, "too_long", "occupation", "occupation 过长（至多 32 字节）",
			       "occupation is too long (at most 32 bytes)");
	if (q->level < -1 || q->level > 5)
		return err_set(e, 422, "invalid_value", "level", "等级应为 0..5", "level must be 0..5");
	int ymd;
	if (q->starts_from && date_parse(q->starts_from, &ymd) != 0)
		return err_set(e, 422, "invalid_date", "starts_from", "日期格式应为 YYYY-MM-DD",
			       "date must be YYYY-MM-DD");
	if (q->starts_to && date_parse(q->starts_to, &ymd) != 0)
		return err_set(e, 422, "invalid_date", "starts_to", "日期格式应为 YYYY-MM-DD",
			       "date must be YYYY-MM-DD");
	return 0;
}

/* the filters every mode shares, on the aliases of TRAINING_COURSE_FROM; lean: the query joins only the
 * course c and its site s (the near-point candidates), so the institution's and the filing's status and the
 * 急需紧缺 entry are tested with EXISTS, each a primary-key probe for the rows the spatial index found,
 * instead of joins (the joins cost a third of the candidate statement on SQLite, and their Bloom filters
 * read the whole institutions and training_orgs tables on every request) */
static void add_filters(query *w, const struct training_map_query *q, bool lean)
{
	if (lean)
		q_and(w,
		      "c.status = 'open' AND EXISTS (SELECT 1 FROM training_orgs o WHERE o.institution_id = "
		      "c.institution_id AND o.status = 'filed') AND EXISTS (SELECT 1 FROM institutions i "
		      "WHERE "
		      "i.id = c.institution_id AND i.status = 'filed')",
		      DV_NULL);
	else
		q_and(w, "c.status = 'open' AND o.status = 'filed' AND i.status = 'filed'", DV_NULL);
	if (q->county && *q->county) {
		/* 371300 (a city) covers its counties 3713xx; a county code itself */
		size_t n = strlen(q->county);
		while (n > 2 && q->county[n - 1] == '0' && q->county[n - 2] == '0')
			n -= 2;
		char pre[16];
		snprintf(pre, sizeof pre, "%.*s", (int)n, q->county);
		q_and_like(w, "s.county_code LIKE ?", "", pre, "%");
	}
	if (q->occupation && *q->occupation)
		q_and(w, "c.occupation_code = ?", DV_S(q->occupation));
	if (q->level >= 0)
		q_and(w, "c.level = ?", DV_I(q->level));
	if (q->subsidised_only)
		q_and(w, "c.subsidised = 1", DV_NULL);
	if (q->shortage_only && lean)
		q_and(w,
		      "EXISTS (SELECT 1 FROM training_shortage_entries sh WHERE sh.city_code = s.city_code "
		      "AND "
		      "sh.occupation_code = c.occupation_code AND sh.year = (SELECT MAX(l.year) FROM "
		      "training_shortage_lists l WHERE l.city_code = s.city_code))",
		      DV_NULL);
	else if (q->shortage_only)
		q_and(w, "sh.year IS NOT NULL", DV_NULL);
	if (q->starts_from || q->starts_to) {
		char from[11] = "0000-00-00", to[11] = "9999-99-99";
		int ymd;
		if (q->starts_from && date_parse(q->starts_from, &ymd) == 0)
			date_format(ymd, from);
		if (q->starts_to && date_parse(q->starts_to, &ymd) == 0)
			date_format(ymd, to);
		q_and(w,
		      "EXISTS (SELECT 1 FROM training_course_starts cs WHERE cs.course_id = c.id AND "
		      "cs.starts_on >= "
		      "?",
		      DV_S(from));
		q_arg(w, " AND cs.starts_on <= ?)", DV_S(to));
	}
}

/* the candidates' FROM: the course and its site only (add_filters' lean form tests the rest) */
#define MAP_LEAN_FROM " FROM training_courses c JOIN training_sites s ON s.id = c.site_id"

struct cand {
	int64_t id;
	double km;
};

static int cand_cmp(const void *a, const void *b)
{
	const struct cand *x = a, *y = b;
	if (x->km != y->km)
		return x->km < y->km ? -1 : 1;
	return (x->id > y->id) - (x->id < y->id);
}

/* the benchmark's reference run (bench/training-map.sh): JINENG_MAP_FULL_SCAN=1 makes every map query skip
 * the spatial index; read once per process, not per request */
static bool full_scan;
static pthread_once_t full_scan_once = PTHREAD_ONCE_INIT;

static void full_scan_read(void)
{
	const char *v = getenv("JINENG_MAP_FULL_SCAN");
	full_scan = v && !strcmp(v, "1");
}

/* earthdistance's earth_box(ll_to_earth(lat, lon), metres) as its two corners: ll_to_earth is the point
 * (R cos φ cos λ, R cos φ sin λ, R sin φ) with earth() = 6378168 m, and earth_box enlarges it by
 * gc_to_sec(metres) = 2R sin(metres / 2R) (the chord of the great-circle distance) in each of the three
 * dimensions. Computed here rather than in the statement: with earth_box(ll_to_earth(?, ?), ?) in it,
 * PostgreSQL inlined those SQL functions and planned the joins again for every request (0.8-1 ms against 0.6
 * ms of execution for 40 candidates among 100,000 sites) and kept preferring such custom plans; only a `SET
 * plan_cache_mode` around the statements, two more round trips a request, overrode it. With the corners as
 * parameters the selectivity of @> is a constant (cube's contsel), the generic plan (the same GiST index
 * scan) costs what a custom one does, and the plan cache keeps it after five executions by itself */
#define PG_EARTH_M 6378168.0
static void pg_box(double lat, double lon, double metres, double lo[3], double hi[3])
{
	double phi = lat * M_PI / 180.0, lam = lon * M_PI / 180.0;
	double p[3] = {PG_EARTH_M * cos(phi) * cos(lam), PG_EARTH_M * cos(phi) * sin(lam),
		       PG_EARTH_M * sin(phi)};
	double chord =
		metres / PG_EARTH_M > M_PI ? 2 * PG_EARTH_M : 2 * PG_EARTH_M * sin(metres / (2 * PG_EARTH_M));
	for (int i = 0; i < 3; i++) {
		lo[i] = p[i] - chord;
		hi[i] = p[i] + chord;
	}
}

/* the courses within r km of the point matching the filters, as (id, km), unsorted */
static int candidates(db *d, const struct training_map_query *q, double r, struct cand **out, size_t *n,
		      err *e)
{
	struct geo_box b = geo_bbox(q->lat, q->lon, r);
	bool pg = db_dialect_of(d) == DB_PG;
	query w;
	pthread_once(&full_scan_once, full_scan_read);
	if (full_scan) {
		/* the reference keeps the view's joins, as it always did: with only the course and its site,
		 * SQLite reads every course and probes its site (83 against 55 ms a request) */
		q_init(&w, "SELECT c.id, s.latitude, s.longitude" TRAINING_COURSE_FROM);
		q_and(&w, "s.latitude >= ?", DV_D(b.min_lat));
		q_and(&w, "s.latitude <= ?", DV_D(b.max_lat));
		q_and(&w, "s.longitude >= ?", DV_D(b.min_lon));
		q_and(&w, "s.longitude <= ?", DV_D(b.max_lon));
	} else if (pg) {
		/* earth_box(ll_to_earth(lat, lon), r) computed here (pg_box): the cube's two corners as six
		 * numbers */
		double lo[3], hi[3];
		pg_box(q->lat, q->lon, r * 1000.0 * PG_BOX_FACTOR, lo, hi);
		q_init(&w, "SELECT c.id, s.latitude, s.longitude" MAP_LEAN_FROM);
		q_and(&w, "cube(ARRAY[CAST(? AS double precision), ", DV_D(lo[0]));
		q_arg(&w, "CAST(? AS double precision), ", DV_D(lo[1]));
		q_arg(&w, "CAST(? AS double precision)], ", DV_D(lo[2]));
		q_arg(&w, "ARRAY[CAST(? AS double precision), ", DV_D(hi[0]));
		q_arg(&w, "CAST(? AS double precision), ", DV_D(hi[1]));
		q_arg(&w, "CAST(? AS double precision)]) @> ll_to_earth(s.latitude, s.longitude)",
		      DV_D(hi[2]));
	} else {
		/* the R*Tree drives: its boxes are the sites' points (32-bit floats rounded outward) */
		q_init(&w, "SELECT c.id, s.latitude, s.longitude FROM training_sites_spatial rt JOIN "
			   "training_sites s ON s.id = rt.id JOIN training_courses c ON c.site_id = s.id");
		/* the sites are points (min = max): containment, which the R*Tree prunes far better than the
		 * overlap form (0.02 ms against 0.9 ms for 114 of 100,000 sites), on a box widened by 1e-4
		 * degree
		 * (~11 m) because the R*Tree keeps 32-bit floats (rounded outward, ~0.4 m) */
		q_and(&w, "rt.min_lat >= ?", DV_D(b.min_lat - RTREE_MARGIN));
		q_and(&w, "rt.max_lat <= ?", DV_D(b.max_lat + RTREE_MARGIN));
		q_and(&w, "rt.min_lon >= ?", DV_D(b.min_lon - RTREE_MARGIN));
		q_and(&w, "rt.max_lon <= ?", DV_D(b.max_lon + RTREE_MARGIN));
	}
	add_filters(&w, q, !full_scan);
	db_stmt *st = q_query(d, &w, e);
	q_free(&w);
	if (!st)
		return -1;
	size_t cap = 64, k = 0;
	struct cand *v = malloc(cap * sizeof *v);
	int rc;
	while (v && (rc = db_step(st)) == DB_ROW) {
		double km = geo_km(q->lat, q->lon, db_double(st, 1), db_double(st, 2));
		if (km > r)
			continue;
		if (k == cap) {
			struct cand *nv = realloc(v, (cap *= 2) * sizeof *v);
			if (!nv) {
				free(v);
				v = NULL;
				break;
			}
			v = nv;
		}
		v[k++] = (struct cand){db_int(st, 0), km};
	}
	if (!v) {
		db_done(st);
		return err_set(e, 500, "internal", NULL, "内存不足", "out of memory");
	}
	if (db_finish(st, e) != 0) {
		free(v);
		return -1;
	}
	*out = v;
	*n = k;
	return 0;
}

/* the page's FROM on PostgreSQL: the view's, with the institution's name by one primary-key probe a row. As a
 * join, the generic plan of twenty ids hashed every institution for it (a sequential scan of the table, 0.1
 * of the statement's 0.5 ms with 1,000 institutions, and growing with them; docs/PERFORMANCE.md); OFFSET 0
 * keeps the sub-select from being flattened back into that join */
#define MAP_PAGE_FROM_PG                                                                                     \
	TRAINING_COURSE_FROM_SITE " JOIN LATERAL (SELECT i0.name FROM institutions i0 WHERE i0.id = "        \
				  "c.institution_id OFFSET 0) i ON TRUE" TRAINING_COURSE_FROM_TAIL

/* the full rows of the page's course ids, in the order given, with their distance: one statement, the
 * courses' start dates from today on aggregated into its last column (as training_course_starts_attach
 * gives them, without a second statement) */
static int page_rows(db *d, const struct cand *v, size_t n, bool with_km, jw *w, err *e)
{
	jw_arr(w);
	if (!n) {
		jw_arr_end(w);
		return 0;
	}
	char today[11];
	date_format(date_today_utc8(), today);
	query q;
	bool pg = db_dialect_of(d) == DB_PG;
	q_init(&q, pg ? "SELECT " TRAINING_COURSE_VIEW_COLS
			", (SELECT string_agg(cs.starts_on, ',') FROM training_course_starts cs WHERE "
			"cs.course_id = c.id AND cs.starts_on >= "
		      : "SELECT " TRAINING_COURSE_VIEW_COLS
			", (SELECT group_concat(cs.starts_on, ',') FROM training_course_starts cs WHERE "
			"cs.course_id = c.id AND cs.starts_on >= ");
	q_arg(&q, "?)", DV_S(today));
	q_sql(&q, pg ? MAP_PAGE_FROM_PG " WHERE c.id IN (" : TRAINING_COURSE_ROWS_FROM " WHERE c.id IN (");
	for (size_t i = 0; i < n; i++)
		q_arg(&q, i ? ",?" : "?", DV_I(v[i].id));
	q_sql(&q, ")");
	db_stmt *st = q_query(d, &q, e);
	q_free(&q);
	if (!st)
		return -1;
	/* each row written as it comes into one scratch buffer (its place recorded), then the rows in the
	 * page's order */
	struct span {
		size_t at, len;
		bool got;
	} *row = xcalloc(n, sizeof *row);
	buf tmp;
	buf_init(&tmp, 0);
	while (db_step(st) == DB_ROW) {
		int64_t id = db_int(st, 0);
		for (size_t i = 0; i < n; i++)
			if (v[i].id == id && !row[i].got) {
				row[i].got = true;
				row[i].at = tmp.len;
				jw rw;
				jw_init(&rw, &tmp);
				rw.depth = 1; /* inside the course's object */
				training_course_write(&rw, st,
						      db_isnull(st, TRAINING_COURSE_NCOLS)
							      ? NULL
							      : db_text(st, TRAINING_COURSE_NCOLS));
				row[i].len = tmp.len - row[i].at;
				break;
			}
	}
	int rc = db_finish(st, e);
	if (rc == 0 && !buf_ok(&tmp))
		rc = ERR_INTERNAL(e, "out of memory writing the map's rows");
	for (size_t i = 0; rc == 0 && i < n; i++) {
		if (!row[i].got)
			continue; /* gone between the two reads */
		jw_obj(w);
		buf_add(w->b, tmp.ptr + row[i].at, row[i].len);
		w->any[w->depth] = true;
		jw_key(w, "distance_km");
		if (with_km)
			jw_real(w, round(v[i].km * 1000.0) / 1000.0);
		else
			jw_null(w);
		jw_obj_end(w);
	}
	buf_free(&tmp);
	free(row);
	jw_arr_end(w);
	return rc;
}

/* the first radius of the search: Shandong's land area (about 155,800 km²) and the number of training sites
 * give a density; the search starts at the radius of the sequence 5, 10, 20 ... 640 km whose circle is
 * expected to hold the page, so a sparse map (the demo's, or a rural county) is read once instead of once per
 * doubling. The count is read at most once a minute per process; it decides only where the search starts,
 * never the answer (near_point picks the smallest radius of the sequence that holds the page from the
 * candidates it read, exactly as growing from 5 km would) */
#define MAP_AREA_KM2 155800.0
#define MAP_R0_KM    5.0

static pthread_mutex_t density_mu = PTHREAD_MUTEX_INITIALIZER;
static int64_t density_sites = -1, density_at;

static double first_radius(db *d, size_t need)
{
	int64_t now = now_s(), sites = -1;
	pthread_mutex_lock(&density_mu);
	if (density_sites >= 0 && now - density_at < 60)
		sites = density_sites;
	pthread_mutex_unlock(&density_mu);
	if (sites < 0) {
		err ignore = {0}; /* without the count the search starts at 5 km, as it always did */
		if (db_one_int(d, "SELECT COUNT(*) FROM training_sites", DB_NOARGS, &sites, &ignore) != DB_OK)
			return MAP_R0_KM;
		pthread_mutex_lock(&density_mu);
		density_sites = sites;
		density_at = now;
		pthread_mutex_unlock(&density_mu);
	}
	double per_km2 = (double)sites / MAP_AREA_KM2, r = MAP_R0_KM;
	while (r < TRAINING_MAP_RADIUS_MAX && M_PI * r * r * per_km2 < (double)need)
		r *= 2;
	return r > TRAINING_MAP_RADIUS_MAX ? TRAINING_MAP_RADIUS_MAX : r;
}

static int near_point(db *d, const struct training_map_query *q, buf *out, err *e)
{
	size_t need = (size_t)(q->offset + q->limit);
	double r = q->radius_km > 0 ? q->radius_km : first_radius(d, need);
	struct cand *v = NULL;
	size_t n = 0;
	for (;;) {
		if (candidates(d, q, r, &v, &n, e) != 0)
			return -1;
		if (q->radius_km > 0)
			break;
		/* the smallest radius of the sequence up to r whose circle holds the page: the candidates
		 * within it are the ones a search grown to it would have read */
		double pick = 0;
		size_t k = 0;
		for (double s = MAP_R0_KM; s <= r && !pick; s *= 2) {
			k = 0;
			for (size_t i = 0; i < n; i++)
				k += v[i].km <= s;
			if (k >= need)
				pick = s;
		}
		if (pick) {
			size_t w = 0;
			for (size_t i = 0; i < n; i++)
				if (v[i].km <= pick)
					v[w++] = v[i];
			n = w;
			r = pick;
			break;
		}
		if (r >= TRAINING_MAP_RADIUS_MAX)
			break;
		free(v);
		v = NULL;
		r = r * 2 > TRAINING_MAP_RADIUS_MAX ? TRAINING_MAP_RADIUS_MAX : r * 2;
	}
	if (n > 1) /* none found leaves no array to sort */
		qsort(v, n, sizeof *v, cand_cmp);
	size_t from = (size_t)q->offset < n ? (size_t)q->offset : n;
	size_t cnt = n - from < (size_t)q->limit ? n - from : (size_t)q->limit;
	jw w;
	jw_init(&w, out);
	jw_obj(&w);
	jw_key(&w, "items");
	int rc = page_rows(d, v + from, cnt, true, &w, e);
	free(v);
	if (rc != 0)
		return -1;
	jw_key(&w, "total");
	jw_int(&w, (int64_t)n);
	jw_key(&w, "radius_km");
	jw_real(&w, r);
	jw_obj_end(&w);
	return 0;
}

static int in_county(db *d, const struct training_map_query *q, buf *out, err *e)
{
	query w;
	q_init(&w, "");
	add_filters(&w, q, false);
	int64_t total = 0;
	db_stmt *st = q_page(d, &w, "SELECT COUNT(*)" TRAINING_COURSE_FROM,
			     "SELECT c.id" TRAINING_COURSE_FROM, "c.id", q->limit, q->offset, &total, e);
	q_free(&w);
	if (!st)
		return -1;
	struct cand v[TRAINING_MAP_LIMIT_MAX];
	size_t n = 0;
	while (n < ARRAY_LEN(v) && db_step(st) == DB_ROW)
		v[n++] = (struct cand){db_int(st, 0), 0};
	if (db_finish(st, e) != 0)
		return -1;
	jw o;
	jw_init(&o, out);
	jw_obj(&o);
	jw_key(&o, "items");
	if (page_rows(d, v, n, false, &o, e) != 0)
		return -1;
	jw_key(&o, "total");
	jw_int(&o, total);
	jw_key(&o, "radius_km");
	jw_null(&o);
	jw_obj_end(&o);
	return 0;
}

int training_map(db *d, const struct training_map_query *q, buf *out, err *e)
{
	if (check_query(q, e) != 0)
		return -1;
	if (!q->has_point)
		return in_county(d, q, out, e);
	return near_point(d, q, out, e);
}
