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
	/* 统计看板: the whole chain (培养 评价 使用 激励 监管) of a region or an institution beside last
	 * year, by the next level of regions (the 16 cities' map) and by month (svc/stats/dashboard.c) */
	{"GET", "/api/v1/stats/dashboard", h_stats_dashboard, AUDITORS | R_INST},
	/* 重点群体 (§64, svc/stats/group_counts.c): enrolments, completions, claims and certificates by
	 * person category, this period beside last year; the bureau */
	{"GET", "/api/v1/stats/key-groups", h_stats_key_groups, R_ADMINS},
	/* 统计报表 (svc/stats/reports.c): the province, or a city for itself, makes a version of a report
	 * now; the versions and their workbooks, byte for byte as made */
	{"POST", "/api/v1/stats/reports", h_stat_report_make, R_ADMINS},
	{"GET", "/api/v1/stats/reports", h_stat_report_list, R_ADMINS},
	{"GET", "/api/v1/stats/reports/{id}/xlsx", h_stat_report_xlsx, R_ADMINS},
	/* 开放数据 (svc/stats/open_data.c): the province publishes a year's tables with small cells hidden;
	 * the public reads the published versions, as JSON, CSV or XLSX */
	{"GET", "/api/v1/public/open-data", h_open_data_catalogue, R_EVERYONE},
	{"GET", "/api/v1/public/open-data/{dataset}/{period}", h_open_data_table, R_EVERYONE},
	{"POST", "/api/v1/open-data/releases", h_open_data_publish, RB(ROLE_PROVINCE_ADMIN)},
	{"GET", "/api/v1/open-data/releases", h_open_data_releases,
	 RB(ROLE_PROVINCE_ADMIN) | RB(ROLE_SUPERVISOR)},
	/* 急需紧缺预警 (svc/stats/shortage_warn.c): the province or a city imports postings (a city its own);
	 * the warning list and a forecast of the province or a city (a city its own); the province makes,
	 * edits and publishes next year's proposed catalogue, a city reads its own */
	{"POST", "/api/v1/stats/shortage/postings", h_postings_import, R_ADMINS},
	{"GET", "/api/v1/stats/shortage/warnings", h_shortage_warnings, R_ADMINS},
	{"GET", "/api/v1/stats/shortage/forecast", h_shortage_forecast, R_ADMINS},
	{"POST", "/api/v1/stats/shortage/proposals", h_shortage_proposal_make, RB(ROLE_PROVINCE_ADMIN)},
	{"GET", "/api/v1/stats/shortage/proposals/{city}/{year}", h_shortage_proposal_get, R_ADMINS},
	{"PUT", "/api/v1/stats/shortage/proposals/{city}/{year}", h_shortage_proposal_put,
	 RB(ROLE_PROVINCE_ADMIN)},
	{"POST", "/api/v1/stats/shortage/proposals/{city}/{year}/publish", h_shortage_proposal_publish,
	 RB(ROLE_PROVINCE_ADMIN)},
	/* the thresholds of the warning (table shortage_rules): read by the bureaus, set by the province */
	{"GET", "/api/v1/stats/shortage/rules", h_shortage_rules, R_ADMINS},
	{"PUT", "/api/v1/stats/shortage/rules", h_shortage_rules_put, RB(ROLE_PROVINCE_ADMIN)},
	/* 目标任务 (svc/stats/targets.c): the bureaus read their region's targets with the progress counted
	 * from what the system holds; the province sets any region's, a city its own */
	{"GET", "/api/v1/stats/target-metrics", h_target_metrics, AUDITORS},
	{"GET", "/api/v1/stats/targets", h_targets, AUDITORS},
	{"POST", "/api/v1/stats/targets", h_target_create, R_ADMINS},
	{"GET", "/api/v1/stats/targets/{id}", h_target_get, AUDITORS},
	{"PUT", "/api/v1/stats/targets/{id}", h_target_update, R_ADMINS},
	{NULL, NULL, NULL, 0},
};
