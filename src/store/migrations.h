/* migrations.h: the schema migrations embedded in the binary (generated from src/store/schema/<dialect>/
 * NNN_name.sql by scripts/embed.c). Versions are per dialect and applied in order. */
#ifndef JINENG_MIGRATIONS_H
#define JINENG_MIGRATIONS_H

struct migration {
	const char *dialect; /* "sqlite" or "pg" */
	int version;
	const char *name;
	const char *sql;
};

extern const struct migration migrations[]; /* terminated by an entry with dialect NULL */

#endif
