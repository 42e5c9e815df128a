/* refdata.h: reference data files (data/NAME.csv) embedded in the binary by scripts/embed.c. */
#ifndef JINENG_REFDATA_H
#define JINENG_REFDATA_H

struct embedded_file {
	const char *name; /* "regions.csv" */
	const char *text;
};

extern const struct embedded_file refdata_files[]; /* terminated by {0, 0} */

/* refdata_get: the text of a file, or NULL */
const char *refdata_get(const char *name);

#endif
