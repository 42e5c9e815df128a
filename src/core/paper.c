#include "core/paper.h"
#include <string.h>

static uint64_t next(uint64_t *s)
{
	uint64_t z = (*s += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static uint64_t below(uint64_t *s, uint64_t n)
{
	return n ? next(s) % n : 0;
}

int paper_assemble(struct bank_item *bank, size_t nbank, const struct blueprint_cell *bp, size_t ncells,
		   uint64_t seed, struct paper_item *out, size_t max, int *short_cell)
{
	uint64_t s = seed;
	size_t k = 0;
	for (size_t c = 0; c < ncells; c++) {
		for (int taken = 0; taken < bp[c].count; taken++) {
			/* the least exposed eligible item not yet on this paper; ties broken at random */
			size_t best = nbank;
			int best_exp = 0, ties = 0;
			for (size_t i = 0; i < nbank; i++) {
				if (bank[i].area != bp[c].area || bank[i].kind != bp[c].kind)
					continue;
				bool used = false;
				for (size_t j = 0; j < k && !used; j++)
					used = out[j].item_id == bank[i].id;
				if (used)
					continue;
				if (best == nbank || bank[i].exposure < best_exp) {
					best = i;
					best_exp = bank[i].exposure;
					ties = 1;
				} else if (bank[i].exposure == best_exp && below(&s, (uint64_t)++ties) == 0) {
					best = i; /* reservoir choice among equals */
				}
			}
			if (best == nbank || k >= max) {
				if (short_cell)
					*short_cell = (int)c;
				return -1;
			}
			bank[best].exposure++;
			struct paper_item *p = &out[k++];
			memset(p, 0, sizeof *p);
			p->item_id = bank[best].id;
			p->noptions = bank[best].noptions > 8 ? 8 : bank[best].noptions;
			for (int o = 0; o < p->noptions; o++)
				p->order[o] = (uint8_t)o;
			if (bank[best].kind != 2) /* true/false keeps 对 before 错 */
				for (int o = p->noptions - 1; o > 0; o--) {
					int j = (int)below(&s, (uint64_t)o + 1);
					uint8_t t = p->order[o];
					p->order[o] = p->order[j];
					p->order[j] = t;
				}
		}
	}
	/* the items' order on the paper */
	for (size_t i = k; i > 1; i--) {
		size_t j = (size_t)below(&s, i);
		struct paper_item t = out[i - 1];
		out[i - 1] = out[j];
		out[j] = t;
	}
	return (int)k;
}

void paper_unshuffle(const struct paper_item *it, const char *shown, char *orig, size_t n)
{
	bool have[8] = {false};
	for (const char *c = shown; c && *c; c++) {
		int pos = *c - 'A';
		if (pos >= 0 && pos < it->noptions)
			have[it->order[pos]] = true;
	}
	size_t k = 0;
	for (int o = 0; o < 8 && k + 1 < n; o++)
		if (have[o])
			orig[k++] = (char)('A' + o);
	if (n)
		orig[k] = 0;
}

void paper_shape(const struct paper_item *items, int n, char *out)
{
	for (int i = 0; i < n; i++)
		out[i] = (char)('0' + items[i].noptions);
	out[n > 0 ? n : 0] = 0;
}
