/* shortage.h: 急需紧缺工种培训目录 — a city's (or the province's, city_code 370000) list of shortage
 * occupations for a year, with the subsidy each carries (fen) and the source it comes from. Seeded:
 * 临沂 2024 (seed 004: 27 工种, 400-880 元/人, two named; the rest [GAP]). Read by everyone; written by the
 * province (any city) and a city administrator (its own city). */
#ifndef JINENG_SVC_TRAINING_SHORTAGE_H
#define JINENG_SVC_TRAINING_SHORTAGE_H

#include "svc/base/svc.h"
#include "svc/base/list.h"
#include "svc/base/tx.h"
#include "core/money.h"

#define SHORTAGE_MAX_ENTRIES 200

struct shortage_entry_in {
	const char *occupation_code;
	const char *amount; /* yuan as text; NULL: the source gives only the list's range ([GAP]) */
};
struct shortage_input {
	const char *title, *source;
	int64_t declared_count;		   /* -1: not given */
	const char *min, *max;		   /* the range the source gives, yuan as text; NULL none */
	struct shortage_entry_in *entries; /* replaces the list's entries */
	size_t nentries;
};

/* shortage_amounts_check: the subsidy range and the entries of a list or of a proposal of one (the early
 * warning's, svc/stats/shortage_warn.c): min and max in yuan as text (NULL: none; 0 <= min <= max), every
 * entry an occupation that exists and its amount (NULL: none) inside the range. out->amounts (calloc'd, one
 * an entry, set where the entry has an amount) is the caller's to free, also on failure. 0, or -1 with e set
 * (422 naming min, max or entries; 500) */
struct shortage_amounts {
	fen_t min, max, *amounts;
	bool has_min, has_max;
};
int shortage_amounts_check(db *d, const char *min, const char *max, const struct shortage_entry_in *entries,
			   size_t n, struct shortage_amounts *out, err *e);

/* shortage_list: the lists (newest year first); filter city_code (that region and below) */
extern const struct list_spec shortage_list;
/* shortage_get_json: one list with its entries; 404 when there is none */
json_t *shortage_get_json(db *d, const char *city, int64_t year, err *e);
/* shortage_put: creates or replaces the list of `city` for `year` */
int shortage_put(db *d, const principal *a, const char *city, int64_t year, const struct shortage_input *in,
		 err *e);

/* shortage_write: writes the list of `city` for `year` (creating or replacing it, entries replaced) inside
 * t's transaction, checked by the caller and not audited here (the caller audits its own action): the one
 * writer of the catalogue, shared with the proposal of the early warning (svc/stats/shortage_warn.c) */
struct shortage_row {
	const char *occupation_code;
	bool has_amount;
	fen_t amount;
};
int shortage_write(tx *t, const char *city, int64_t year, const char *title, const char *source,
		   int64_t declared_count, const fen_t *min, const fen_t *max,
		   const struct shortage_row *rows, size_t nrows, err *e);

#endif
