/* wages.c: 工资价位 rules (see wages.h; docs/DOMAIN.md §41) */
#include "util/common.h"
#include "core/wages.h"
#include <string.h>

const int wage_quantile_pct[WAGE_NQ] = {10, 25, 50, 75, 90};

/* a / 100 rounded half away from zero */
static int64_t div100_round(int64_t a)
{
	return a >= 0 ? (a + 50) / 100 : -((-a + 50) / 100);
}

int64_t wage_quantile7(const int64_t *x, size_t n, int pct)
{
	if (!x || n == 0)
		return 0;
	if (pct <= 0)
		return x[0];
	if (pct >= 100)
		return x[n - 1];
	uint64_t h100 = (uint64_t)(n - 1) * (uint64_t)pct;
	size_t j = (size_t)(h100 / 100);
	int64_t r = (int64_t)(h100 % 100);
	if (r == 0 || j + 1 >= n)
		return x[j];
	/* x[j] + r/100 * (x[j+1] - x[j]) = (100 x[j] + r (x[j+1] - x[j])) / 100; amounts of fen fit far below
	 * 2^63 / 100 (9.2e16 fen) */
	return div100_round(x[j] * 100 + r * (x[j + 1] - x[j]));
}

unsigned wage_suppress(const struct wage_disclosure *r, int64_t employers, int64_t persons, int64_t largest)
{
	unsigned why = 0;
	if (employers < r->min_employers)
		why |= WS_FEW_EMPLOYERS;
	if (persons < r->min_persons)
		why |= WS_FEW_PERSONS;
	/* largest / persons > max_share_pct / 100, in integers */
	if (persons <= 0 || largest * 100 > r->max_share_pct * persons)
		why |= WS_DOMINANT;
	return why;
}

static const struct {
	unsigned bit;
	const char *code;
} reasons[] = {
	{WS_FEW_EMPLOYERS, "few_employers"},
	{WS_FEW_PERSONS, "few_persons"},
	{WS_DOMINANT, "dominant_employer"},
};

void wage_suppress_format(unsigned why, char *out, size_t cap)
{
	size_t used = 0;
	if (cap)
		out[0] = 0;
	for (size_t i = 0; i < sizeof reasons / sizeof reasons[0]; i++) {
		if (!(why & reasons[i].bit))
			continue;
		int n = snprintf(out + used, cap > used ? cap - used : 0, "%s%s", used ? "," : "",
				 reasons[i].code);
		if (n < 0 || (size_t)n >= (cap > used ? cap - used : 0))
			return;
		used += (size_t)n;
	}
}

void wage_suppress_text(unsigned reason, const struct wage_disclosure *r, char *zh, size_t zcap, char *en,
			size_t ecap)
{
	switch (reason) {
	case WS_FEW_EMPLOYERS:
		snprintf(zh, zcap, "填报单位少于 %lld 家", (long long)r->min_employers);
		snprintf(en, ecap, "fewer than %lld employers", (long long)r->min_employers);
		break;
	case WS_FEW_PERSONS:
		snprintf(zh, zcap, "样本人数少于 %lld 人", (long long)r->min_persons);
		snprintf(en, ecap, "fewer than %lld persons", (long long)r->min_persons);
		break;
	case WS_DOMINANT:
		snprintf(zh, zcap, "单一单位人数占比超过 %lld%%", (long long)r->max_share_pct);
		snprintf(en, ecap, "one employer holds more than %lld%% of the persons",
			 (long long)r->max_share_pct);
		break;
	default:
		snprintf(zh, zcap, "%s", "");
		snprintf(en, ecap, "%s", "");
	}
}

bool wage_change_bp(int64_t prev, int64_t cur, int64_t *bp)
{
	if (prev <= 0)
		return false;
	/* (cur - prev) * 10000 / prev, half away from zero; |cur - prev| < 2^40 keeps the product in range */
	int64_t num = (cur - prev) * 10000;
	int64_t q = num / prev, rem = num % prev;
	if (rem != 0 && (rem < 0 ? -rem : rem) * 2 >= prev)
		q += num < 0 ? -1 : 1;
	*bp = q;
	return true;
}

int64_t wage_min_annual(int64_t monthly_fen, int64_t class_pct, int64_t level_step_pct, int level)
{
	if (monthly_fen < 0 || class_pct < 0 || level_step_pct < 0 || level < 0 || level >= WL_COUNT)
		return -1;
	int64_t steps = level > WL_5 ? level - WL_5 : 0;
	int64_t pct = class_pct + steps * level_step_pct;
	int64_t num;
	if (__builtin_mul_overflow(monthly_fen, (int64_t)12, &num) || __builtin_mul_overflow(num, pct, &num))
		return -1;
	return (num + 99) / 100;
}
