/* geo.h: distances on the earth for the 培训地图 (WGS-84 degrees in, kilometres out). Pure: no I/O.
 *
 * geo_km is the haversine great-circle distance on a sphere of the earth's mean radius (IUGG R1 =
 * 6371.0088 km); for the distances of a province its error against the ellipsoid is below 0.5 %, which
 * orders courses correctly and shows whole hundreds of metres. geo_bbox is the latitude/longitude box that
 * holds every point within r km of a centre: the spatial index's prefilter (then geo_km decides). */
#ifndef JINENG_CORE_GEO_H
#define JINENG_CORE_GEO_H

#include <stdbool.h>

#define GEO_EARTH_KM 6371.0088

struct geo_box {
	double min_lat, max_lat, min_lon, max_lon;
};

/* geo_valid: a latitude in [-90, 90] and a longitude in [-180, 180], both finite */
bool geo_valid(double lat, double lon);
/* geo_km: the great-circle distance between two points, in km (haversine) */
double geo_km(double lat1, double lon1, double lat2, double lon2);
/* geo_bbox: the box around (lat, lon) that holds every point within r_km (r_km >= 0). Near a pole or when
 * the box would wrap the antimeridian it widens to all longitudes (never too small, sometimes wider). */
struct geo_box geo_bbox(double lat, double lon, double r_km);

#endif
