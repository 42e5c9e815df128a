/* columns.h: export columns per list. The arrays are declared with their sizes so a list spec
 * (svc/base/list.h) can take LIST_COLS(cols_x) in a static initialiser; columns.c includes this header, so a
 * size that does not match its definition does not compile. */
#ifndef JINENG_COLUMNS_H
#define JINENG_COLUMNS_H

#include "doc/export.h"

extern const struct export_col cols_persons[11];
extern const size_t ncols_persons;
extern const struct export_col cols_institutions[11];
extern const size_t ncols_institutions;
extern const struct export_col cols_users[7];
extern const size_t ncols_users;
extern const struct export_col cols_audit[9];
extern const size_t ncols_audit;
extern const struct export_col cols_occupations[6];
extern const size_t ncols_occupations;
extern const struct export_col cols_certificates[13];
extern const size_t ncols_certificates;
extern const struct export_col cols_collusion[12];
extern const size_t ncols_collusion;

#endif
