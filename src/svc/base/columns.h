/* columns.h: export columns per list */
#ifndef JINENG_COLUMNS_H
#define JINENG_COLUMNS_H

#include "doc/export.h"

extern const struct export_col cols_persons[];
extern const size_t ncols_persons;
extern const struct export_col cols_institutions[];
extern const size_t ncols_institutions;
extern const struct export_col cols_users[];
extern const size_t ncols_users;
extern const struct export_col cols_audit[];
extern const size_t ncols_audit;
extern const struct export_col cols_occupations[];
extern const size_t ncols_occupations;
extern const struct export_col cols_certificates[];
extern const size_t ncols_certificates;
extern const struct export_col cols_collusion[];
extern const size_t ncols_collusion;

#endif
