/* psyio.h: the files of the psychometrics engine (docs/PSYCHOMETRICS.md, "Files"), read and checked cell by
 * cell, and the item-parameter file written back. The engine (psy.h) stays pure; this is its only file I/O,
 * shared by `jineng psy` (src/cli/psy/) and whatever else reads the same files. Keys, item parameters and
 * blueprints have declared columns and are read through util/tabread.h like every importer's files (CSV in
 * UTF-8 or GB18030, or XLSX; English or Chinese headers, in any order); response matrices are CSV whose
 * header names the items. Every reader returns 0, or -1 with `e` filled (status 422, a Chinese and an
 * English message naming the line and the item of the first problem, or the column for a header problem;
 * the readers' own codes such as missing_column, malformed_csv, file_unreadable pass through). Strings and
 * arrays come from the arena the caller passes, except a matrix's rows, which grow by realloc
 * (psy_matrix_free). */
#ifndef JINENG_PSYIO_H
#define JINENG_PSYIO_H

#include "util/common.h"
#include "util/arena.h"
#include "util/err.h"
#include "psy/psy.h"

/* what a response matrix's cells hold */
typedef enum psy_cells {
	PSY_CELLS_01,	   /* 0, 1 or empty (missing) */
	PSY_CELLS_OPTIONS, /* an option letter A..H (any case) or empty; stored as 0..7 */
} psy_cells;

/* RESPONSES.csv / RAW.csv: header `person,<item id>,...`, one row per person. */
typedef struct psy_matrix {
	size_t n, k;
	char **items;	/* k item ids, distinct (arena) */
	char **persons; /* n person ids (malloc'd array of arena strings) */
	int8_t *x;	/* n x k row-major, PSY_NA where empty (malloc'd) */
	size_t cap;	/* rows allocated */
} psy_matrix;

/* psy_read_matrix: reads a whole matrix; at least one item and one response row */
int psy_read_matrix(const char *path, psy_cells kind, psy_matrix *m, arena *a, err *e);
/* psy_matrix_free: releases the rows (the arena keeps the strings); safe on a zeroed or freed matrix */
void psy_matrix_free(psy_matrix *m);

/* psy_read_key: KEY.csv (item (题目), key (答案) A..H); returns the key of each of m's items in m's order (k
 * values 0..7, arena), or NULL when the file is bad or one of m's items has no key */
int8_t *psy_read_key(const char *path, const psy_matrix *m, arena *a, err *e);

/* ITEMS.csv / BANK.csv: columns item (题目), a (区分度), b (难度) required; se_a, se_b, area (知识领域),
 * type (题型), enemy (互斥组) optional. a must be positive; an se that is not a number is NAN. */
typedef struct psy_itemfile {
	size_t n;
	char **ids;
	psy_item *it;
	char **area;  /* all NULL when the file has no area column ("" for an empty cell) */
	char **type;  /* all NULL when no type column */
	char **enemy; /* all NULL when no enemy column */
	/* reading state */
	arena *a;
	size_t cap;
} psy_itemfile;

/* psy_read_items: at least one item */
int psy_read_items(const char *path, psy_itemfile *f, arena *a, err *e);

/* BLUEPRINT.csv: area (知识领域), type (题型), count (题量), count a whole number 0..100000 */
typedef struct psy_blueprint {
	size_t n;
	char **area, **type;
	int *count;
	/* reading state */
	arena *a;
	size_t cap;
} psy_blueprint;

/* psy_read_blueprint: at least one row */
int psy_read_blueprint(const char *path, psy_blueprint *b, arena *a, err *e);

/* psy_write_items: ITEMS.csv (`item,a,b,se_a,se_b`) for k items, to path or, when path is NULL, stdout */
int psy_write_items(const char *path, size_t k, char *const *ids, const psy_item *it, err *e);

/* psy_intern: numbers the distinct values of a string column in order of first appearance (NULL counts
 * as ""): out[i] is vals[i]'s number, *names (arena) the values by number; returns how many there are */
int psy_intern(char *const *vals, size_t n, int *out, char ***names, arena *a);

/* RATINGS.csv: one rating a row, columns candidate (考生), examiner (考评员), criterion (评分项), score
 * (得分) required, max (满分) optional; read through util/tabread.h. Scores are numbers >= 0; a max, when the
 * column is there, is positive, at least the row's score and the same on every row of its criterion;
 * without the column a criterion's full marks are its highest score rounded up (at least 1). The same
 * candidate, examiner and criterion twice is an error (psy_duplicate_rating). */
typedef struct psy_ratings {
	size_t n;			/* ratings */
	size_t n_cand, n_exam, n_crit;	/* distinct ids, numbered in order of first appearance */
	char **cands, **exams, **crits; /* ids by number (arena) */
	uint32_t *cand, *exam, *crit;	/* per rating (malloc'd, psy_ratings_free) */
	double *score;			/* per rating (malloc'd) */
	double *max;			/* per criterion (arena) */
	bool max_given;			/* the file had a max column */
	/* reading state */
	size_t cap;
	double *row_max;
	size_t *line;
	void *ids[3];
	arena *a;
} psy_ratings;

int psy_read_ratings(const char *path, psy_ratings *r, arena *a, err *e);
void psy_ratings_free(psy_ratings *r);

#endif
