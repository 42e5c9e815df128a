/* progress.h: a progress line on stderr when it is a terminal (nothing otherwise):
 *   导入 persons  45%  450000/1000000  120000/s */
#ifndef JINENG_PROGRESS_H
#define JINENG_PROGRESS_H

#include "util/common.h"

void progress_start(const char *label);
void progress_update(int64_t done, int64_t total);
void progress_end(int64_t done);

#endif
