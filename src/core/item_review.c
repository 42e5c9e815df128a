/* item_review.c: the rules of item_review.h. */
#include "core/item_review.h"
#include <math.h>
#include <stdio.h>
#include <string.h>

bool distractor_positive(int n_opt, int key, const size_t *count, const double *r)
{
	for (int o = 0; o < n_opt; o++)
		if (o != key && count[o] >= IR_DISTRACTOR_MIN_CHOSEN && !isnan(r[o]) && r[o] > 0)
			return true;
	return false;
}

unsigned item_review_flags(double p, double r_drop, bool distractor)
{
	unsigned f = 0;
	if (!isnan(p) && p < IR_P_LOW)
		f |= IR_TOO_HARD;
	if (!isnan(p) && p > IR_P_HIGH)
		f |= IR_TOO_EASY;
	if (!isnan(r_drop) && r_drop < IR_RDROP_MIN)
		f |= IR_LOW_DISCRIMINATION;
	if (distractor)
		f |= IR_DISTRACTOR;
	return f;
}

const char *item_review_names(unsigned flags, char *buf, size_t n)
{
	static const struct {
		unsigned bit;
		const char *name;
	} names[] = {{IR_TOO_HARD, "too_hard"},
		     {IR_TOO_EASY, "too_easy"},
		     {IR_LOW_DISCRIMINATION, "low_discrimination"},
		     {IR_DISTRACTOR, "distractor"}};
	size_t len = 0;
	if (n)
		buf[0] = '\0';
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (flags & names[i].bit) {
			int w = snprintf(buf + len, n > len ? n - len : 0, "%s%s", len ? "," : "",
					 names[i].name);
			if (w > 0)
				len += (size_t)w;
		}
	return buf;
}
