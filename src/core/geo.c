#include "core/geo.h"
#include <math.h>

#define DEG (M_PI / 180.0)

bool geo_valid(double lat, double lon)
{
	return isfinite(lat) && isfinite(lon) && lat >= -90.0 && lat <= 90.0 && lon >= -180.0 && lon <= 180.0;
}

double geo_km(double lat1, double lon1, double lat2, double lon2)
{
	double dlat = (lat2 - lat1) * DEG, dlon = (lon2 - lon1) * DEG;
	double s1 = sin(dlat / 2), s2 = sin(dlon / 2);
	double h = s1 * s1 + cos(lat1 * DEG) * cos(lat2 * DEG) * s2 * s2;
	if (h > 1.0)
		h = 1.0;
	return 2.0 * GEO_EARTH_KM * asin(sqrt(h));
}

struct geo_box geo_bbox(double lat, double lon, double r_km)
{
	double dlat = r_km / (GEO_EARTH_KM * DEG); /* degrees of latitude per r km */
	struct geo_box b = {lat - dlat, lat + dlat, -180.0, 180.0};
	if (b.min_lat < -90.0)
		b.min_lat = -90.0;
	if (b.max_lat > 90.0)
		b.max_lat = 90.0;
	/* the widest longitude span of the circle is at the latitude of the tangent point: asin(sin r/R /
	 * cos lat) (the exact bound, Bartholomew's "Finding points within a distance of a
	 * latitude/longitude") */
	double ang = r_km / GEO_EARTH_KM;
	if (b.min_lat > -90.0 && b.max_lat < 90.0 && ang < M_PI / 2) {
		double s = sin(ang) / cos(lat * DEG);
		if (s < 1.0) {
			double dlon = asin(s) / DEG;
			if (lon - dlon >= -180.0 && lon + dlon <= 180.0) {
				b.min_lon = lon - dlon;
				b.max_lon = lon + dlon;
			}
		}
	}
	return b;
}
