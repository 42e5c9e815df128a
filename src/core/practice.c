/* practice.c: 模拟练习, the pure rules (see practice.h) */
#include "core/practice.h"
#include <string.h>

int practice_scale(const struct blueprint_cell *bp, const int *avail, size_t ncells, int target,
		   struct blueprint_cell *out)
{
	if (ncells > 256 || target < 1)
		return 0;
	int64_t total = 0;
	for (size_t i = 0; i < ncells; i++)
		total += bp[i].count > 0 ? bp[i].count : 0;
	if (total <= 0)
		return 0;
	int64_t rem[256];
	int64_t given = 0;
	for (size_t i = 0; i < ncells; i++) {
		int64_t c = bp[i].count > 0 ? bp[i].count : 0;
		out[i] = bp[i];
		if (target >= total) {
			out[i].count = (int)c;
			rem[i] = 0;
		} else {
			out[i].count = (int)(c * target / total);
			rem[i] = c * target % total;
		}
		given += out[i].count;
	}
	/* the largest remainders take the items left over, one each */
	for (int64_t left = (target < total ? target : total) - given; left > 0; left--) {
		size_t best = ncells;
		for (size_t i = 0; i < ncells; i++)
			if (rem[i] > 0 && (best == ncells || rem[i] > rem[best]))
				best = i;
		if (best == ncells)
			break;
		out[best].count++;
		rem[best] = 0;
	}
	int n = 0;
	for (size_t i = 0; i < ncells; i++) {
		int cap = avail ? (avail[i] > 0 ? avail[i] : 0) : out[i].count;
		if (out[i].count > cap)
			out[i].count = cap;
		n += out[i].count;
	}
	return n;
}

int64_t practice_day_start(int64_t now)
{
	const int64_t cst = 8 * 3600, day = 86400;
	int64_t local = now + cst;
	int64_t q = local / day;
	if (local % day < 0)
		q--;
	return q * day - cst;
}

int practice_left(int64_t used_today, int64_t per_day)
{
	int64_t left = per_day - used_today;
	return left > 0 ? (int)left : 0;
}
