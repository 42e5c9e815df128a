/* 组卷 (paper assembly) for computer-based theory exams, pure: a paper per candidate drawn from the item
 * bank to the blueprint (counts per knowledge area and item kind), preferring the items least used so far
 * in the sitting (exposure balance), with item order and option order shuffled per candidate from an
 * explicit seed, so the same seed gives the same paper. */
#ifndef JINENG_CORE_PAPER_H
#define JINENG_CORE_PAPER_H
#include <stddef.h>
#include <stdbool.h>
#include <stdint.h>

struct bank_item {
	int64_t id;
	int area;     /* index of its knowledge area */
	int kind;     /* 0 single, 1 multiple, 2 true/false */
	int noptions; /* 2..8 */
	int exposure; /* times already drawn in this sitting (updated by paper_assemble) */
};

struct blueprint_cell {
	int area, kind, count;
};

struct paper_item {
	int64_t item_id;
	uint8_t order[8]; /* option order: position i shows original option order[i] */
	int noptions;
};

/* fills out[0..total) (total = sum of counts); returns total, or -1 when the bank cannot meet a cell
 * (*short_cell = its index) */
int paper_assemble(struct bank_item *bank, size_t nbank, const struct blueprint_cell *bp, size_t ncells,
		   uint64_t seed, struct paper_item *out, size_t max, int *short_cell);

/* the paper's shape (stored beside it, migration 069): one character per question, '0' plus its number of
 * options ("4442": four questions, the last with two options); out holds n + 1 bytes */
void paper_shape(const struct paper_item *items, int n, char *out);

/* maps an answer given in shown option letters ("BD") back to the original letters, sorted ("AC") */
void paper_unshuffle(const struct paper_item *it, const char *shown, char *orig, size_t n);

#endif
