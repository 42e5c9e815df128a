/* refdata_load.h: seeds the reference tables (regions, occupations and 专项职业能力 items) from the data
 * embedded in the binary. Existing rows are kept as they are (administrators may have edited them); rows
 * that are missing are added. Runs with every migration, so an upgraded binary brings its new entries. */
#ifndef JINENG_REFDATA_LOAD_H
#define JINENG_REFDATA_LOAD_H

#include "store/db.h"

struct refdata_counts {
	int regions, occupations, calendar_days;
};

int refdata_load(db *d, struct refdata_counts *added, err *e);
/* occupation_levels_mask: "5|4|3" -> bit mask (bit L for level L); -1 when malformed */
int occupation_levels_mask(const char *s);
/* the working-day calendar's overrides, sorted (struct cal_day from core/workdays.h); malloc'd, *n set */
struct cal_day;
struct cal_day *calendar_load(db *d, size_t *n, err *e);
/* occupation_add: validates and inserts one occupation row (import and seed share it). 0, or -1 with e. */
int occupation_add(db *d, const char *code, const char *name, const char *category, const char *levels,
		   const char *types, const char *kind, bool ignore_existing, err *e);

#endif
