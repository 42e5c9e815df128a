/* bank_import.h: 题库 import from CSV or XLSX. One row per item, with a header row naming the columns in
 * English or Chinese (docs/DOMAIN.md §19 lists them): occupation_code, level, type, knowledge_area,
 * knowledge_code, stem, option_a .. option_h, key, points
 *   [, replaces]
 * Each row is checked on its own (item_row_check, pure) and against the database (known occupation and level,
 * the institution's filed scope, no duplicate stem in the bank, the item it replaces); a rejected row is
 * reported with its line, field, code and message and the others are stored, each through item_save (so
 * every accepted item is in the audit archive), unless the import is all-or-nothing. */
#ifndef JINENG_ITEMS_IMPORT_H
#define JINENG_ITEMS_IMPORT_H

#include "svc/base/import.h"
#include "svc/exam/exam.h"
#include "svc/base/svc.h"

#define ITEM_MAX_OPTIONS 8

/* one row's texts as read from the CSV (NULL or "" = empty) */
struct item_row {
	const char *occupation_code, *level, *type, *area, *knowledge_code, *stem, *key, *points, *replaces;
	const char *options[ITEM_MAX_OPTIONS];
};

/* a checked row; stem and options point into the row (or are static: 对, 错) */
struct item_norm {
	char occupation_code[16];
	int level;
	const char *kind; /* "single", "multi" or "judge" (static) */
	char area[128], knowledge_code[24], answer[ITEM_MAX_OPTIONS + 1];
	const char *stem; /* points into the row */
	const char *options[ITEM_MAX_OPTIONS];
	int noptions;
	double points;
	int64_t replaces;
};

/* item_row_check: the rules that need no database: type (single / multi / judge, or multiple, true_false,
 * 单选, 多选, 判断), level 1..5 (or 五级..一级), stem, knowledge area and a knowledge code like A-01-003,
 * 2..8 options without gaps (a true/false item has 对 and 错, filled in when left empty), a key among the
 * options (one letter for single and true/false — 对/错 also accepted —, two or more for multiple), points in
 * (0, 100] (1 when empty). 0, or -1 with e naming the field. */
int item_row_check(const struct item_row *in, struct item_norm *out, err *e);

/* items_import: the import, from opts->data/len or opts->path (CSV or XLSX, svc/base/import.h): who may
 * import into which bank: the province administrator into the province-wide bank (institution_id 0) or any
 * filed institution's; institution staff into their own institution's only (403 outside_scope). Rejected rows
 * go to opts->on_reject as they come as well as into the report. Commits the accepted rows with an
 * items.import audit record naming source, or, when opts->all_or_nothing and a row was rejected, nothing.
 * Returns the report {rows, imported, rejected, stored, encoding, institution_id?, errors: [{line, field,
 * code, message_zh, message_en}]} (the first 1000 errors; line = CSV record or sheet row, the header is 1),
 * or NULL with e set for a failure of the whole import (422 missing_column, also for an empty file;
 * malformed_csv, malformed_xlsx, bad_encoding; the database). */
json_t *items_import(db *d, const principal *a, int64_t institution_id, const char *source,
		     const import_opts *opts, err *e);

/* items_import_csv: the whole import from a buffer (CSV in UTF-8, with or without BOM, or GB18030; or XLSX)
 * with source "api" */
json_t *items_import_csv(db *d, const principal *a, int64_t institution_id, const char *data, size_t len,
			 bool all_or_nothing, err *e);

/* items_bank_seed: loads the embedded seeded bank data/items/<occ>-L<level>.csv and its blueprint
 * (<occ>-L<level>.blueprint.csv) into the province-wide bank unless that bank already holds items of the
 * occupation and level; *added gets the items stored (0 when it was there). */
int items_bank_seed(db *d, const principal *a, const char *name, int64_t *added, err *e);

/* a parsed blueprint's cells, ready for blueprint_put (their area texts owned here: bp_cells_free) */
struct bp_cells {
	struct blueprint_cell_input *cells;
	size_t n, cap;
};
void bp_cells_free(struct bp_cells *c);

/* blueprint_csv_check: parses a blueprint CSV (occupation_code, level, knowledge_area, type, count, points);
 * the points of all cells must sum to 100. Fills cells (freed here on failure, by the caller after). */
int blueprint_csv_check(const char *text, char occ[16], int *level, struct bp_cells *cells, err *e);

#endif
