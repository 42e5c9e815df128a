/* routes.c: the stats domain's routes (statistics): method, path, handler, and the roles that may call it.
 * Data scope (which rows) is then enforced by the use case. */
#include "util/common.h"
#include "api/base/routes.h"
#include "api/stats/handlers.h"

const struct route stats_routes[] = {
	{"GET", "/api/v1/stats/overview", h_stats_overview, AUDITORS | R_INST},
	/* 统计钻取: the counters by region (province -> city -> county), occupation, level, institution type
	 * or month, with the same period last year; a city its own region only (svc/stats/stats.c) */
	{"GET", "/api/v1/stats/drill", h_stats_drill, AUDITORS | R_INST},
	{NULL, NULL, NULL, 0},
};
