/* map.h: the 培训地图 — courses near a point or in a chosen county, public.
 *
 * Near a point: the sites within radius_km (given, or grown 5 → 10 → 20 … → 640 km until the page is
 * full) found on the spatial index (SQLite: the R*Tree training_sites_spatial over a bounding box;
 * PostgreSQL: the GiST index of ll_to_earth() through earth_box, cube + earthdistance), then the exact
 * haversine distance (core/geo.h) decides and orders: distance, then course id. Both engines compute the
 * distance the same way in C, so they answer the same order. In a county without a point: that county's
 * courses by id, distance null. Filters: occupation, level, subsidised only, 急需紧缺 only, a start date
 * window. Only open courses of filed training institutions. */
#ifndef JINENG_SVC_TRAINING_MAP_H
#define JINENG_SVC_TRAINING_MAP_H

#include "store/db.h"
#include "util/buf.h"

#define TRAINING_MAP_RADIUS_MAX 640.0 /* km: Shandong is ~700 km across */
#define TRAINING_MAP_LIMIT_MAX	100

struct training_map_query {
	bool has_point;
	double lat, lon;
	double radius_km;	/* 0: grow until the page is full */
	const char *county;	/* a county or city code (that region and below); NULL none */
	const char *occupation; /* an occupation code */
	int64_t level;		/* -1 any; 0 no level (专项); 1..5 */
	bool subsidised_only, shortage_only;
	const char *starts_from, *starts_to; /* YYYY-MM-DD: a start date in [from, to] */
	int64_t limit, offset;
};

/* training_map: the answer's JSON text {"items":[course + distance_km], "total":N, "radius_km":r|null}
 * appended to `out` (written straight as text, byte for byte what json_dumps made of the views before:
 * view.h training_course_write); -1 with e set (422 for a bad filter: missing point and county,
 * coordinates, dates, an occupation or county code too long) */
int training_map(db *d, const struct training_map_query *q, buf *out, err *e);

#endif
