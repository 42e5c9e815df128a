/* fuzz_common.h: what the fuzz harnesses (tests/fuzz/fuzz_*.c) share: a scratch directory, a demo province
 * made once per process in a template database, and a working copy that is reset from the template in place
 * (so the connections the code under test holds stay valid) every so many runs, keeping state bounded. */
#ifndef JINENG_FUZZ_COMMON_H
#define JINENG_FUZZ_COMMON_H

#include "store/db.h"
#include <stddef.h>
#include <stdint.h>

/* optional, as in libFuzzer: a harness with nothing to set up does not define it */
int LLVMFuzzerInitialize(int *argc, char ***argv) __attribute__((weak));
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* the process's scratch directory (under /dev/shm when it exists), removed at exit */
const char *fz_dir(void);
/* fz_demo: migrates DIR/tmpl.db, loads the reference data and the demo province with `persons` persons and
 * the seeded item banks, calls setup(d) on it when not NULL (e.g. to log the demo accounts in), and copies it
 * to DIR/work.db. Returns the working copy's URL ("sqlite:DIR/work.db"); exits on failure. */
const char *fz_demo(int64_t persons, void (*setup)(db *d));
/* fz_reset: the working copy becomes the template again (SQLite backup, in place) */
void fz_reset(void);
/* a NUL-terminated malloc'd copy of data[0..n) */
char *fz_strndup(const uint8_t *data, size_t n);

/* fz_quiet_begin/end: stdout and stderr go to /dev/null in between (the reports of a CLI subcommand; a crash
 * there loses its sanitizer report, but libFuzzer still writes the input, which replays with the report) */
void fz_quiet_begin(void);
void fz_quiet_end(void);
/* writes data[0..n) to path; aborts on failure */
void fz_write_file(const char *path, const uint8_t *data, size_t n);

#endif
