/* core/geo.c: haversine distances against known city pairs, and the bounding box never leaving out a point
 * within the radius (the spatial index's prefilter). */
#include "util/common.h"
#include <stdarg.h>
#include <setjmp.h>
#include <math.h>
#include <cmocka.h>
#include "core/geo.h"

static void test_distance(void **state)
{
	UNUSED(state);
	static const struct {
		double lat1, lon1, lat2, lon2, km, tol;
	} cases[] = {
		{36.6512, 117.1201, 36.6512, 117.1201, 0.0, 1e-9},  /* the same point */
		{36.6512, 117.1201, 36.0671, 120.3826, 298.4, 1.5}, /* 济南 - 青岛 */
		{35.1047, 118.3564, 36.6512, 117.1201, 204.0, 1.5}, /* 临沂 - 济南 */
		{0.0, 0.0, 0.0, 1.0, 111.195, 0.01},		    /* one degree of the equator */
		{0.0, 0.0, 1.0, 0.0, 111.195, 0.01},		    /* one degree of a meridian */
		{89.0, 0.0, 89.0, 180.0, 222.39, 0.05},		    /* over the pole */
		{0.0, 179.5, 0.0, -179.5, 111.195, 0.01},	    /* over the antimeridian */
		{0.0, 0.0, 0.0, 180.0, M_PI * GEO_EARTH_KM, 1e-6},  /* antipodes */
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		double km = geo_km(cases[i].lat1, cases[i].lon1, cases[i].lat2, cases[i].lon2);
		if (fabs(km - cases[i].km) > cases[i].tol)
			fail_msg("case %zu: %.4f km, expected %.4f", i, km, cases[i].km);
		/* symmetric */
		assert_true(fabs(km - geo_km(cases[i].lat2, cases[i].lon2, cases[i].lat1, cases[i].lon1)) <
			    1e-9);
	}
}

static void test_valid(void **state)
{
	UNUSED(state);
	assert_true(geo_valid(35.1, 118.3));
	assert_true(geo_valid(-90, -180));
	assert_true(geo_valid(90, 180));
	assert_false(geo_valid(90.0001, 0));
	assert_false(geo_valid(0, -180.0001));
	assert_false(geo_valid(NAN, 0));
	assert_false(geo_valid(0, INFINITY));
}

/* every point on the circle of radius r (and just inside it) lies in the box; the box is not much wider
 * than the circle away from the poles */
static void test_bbox(void **state)
{
	UNUSED(state);
	static const struct {
		double lat, lon, r;
	} cases[] = {{35.1, 118.3, 5}, {35.1, 118.3, 200}, {60.0, 10.0, 300}, {-33.9, 151.2, 50},
		     {0.0, 179.9, 50}, {89.9, 0.0, 50},	   {0.0, 0.0, 0.0}};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		struct geo_box b = geo_bbox(cases[i].lat, cases[i].lon, cases[i].r);
		for (int k = 0; k < 3600; k++) {
			/* the point at bearing k/10 degrees, distance r * 0.999 (destination formula) */
			double d = cases[i].r * 0.999 / GEO_EARTH_KM, th = k / 10.0 * M_PI / 180;
			double la = cases[i].lat * M_PI / 180, lo = cases[i].lon * M_PI / 180;
			double la2 = asin(sin(la) * cos(d) + cos(la) * sin(d) * cos(th));
			double lo2 = lo + atan2(sin(th) * sin(d) * cos(la), cos(d) - sin(la) * sin(la2));
			double plat = la2 * 180 / M_PI, plon = fmod(lo2 * 180 / M_PI + 540, 360) - 180;
			if (plat < b.min_lat || plat > b.max_lat || plon < b.min_lon || plon > b.max_lon)
				fail_msg("case %zu: point %.5f,%.5f outside box [%.5f,%.5f]x[%.5f,%.5f]", i,
					 plat, plon, b.min_lat, b.max_lat, b.min_lon, b.max_lon);
		}
	}
	/* 5 km around 临沂: about 0.045 degrees of latitude and 0.055 of longitude each way */
	struct geo_box b = geo_bbox(35.1, 118.3, 5);
	assert_true(fabs((b.max_lat - b.min_lat) / 2 - 0.04497) < 1e-4);
	assert_true(fabs((b.max_lon - b.min_lon) / 2 - 0.05505) < 2e-4);
	/* near the antimeridian the box takes every longitude */
	b = geo_bbox(0.0, 179.9, 50);
	assert_true(b.min_lon == -180.0 && b.max_lon == 180.0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_distance),
		cmocka_unit_test(test_valid),
		cmocka_unit_test(test_bbox),
	};
	return cmocka_run_group_tests_name("core/geo", tests, NULL, NULL);
}
