/* money.c: integer fen, overflow-checked (see money.h) */
#include "util/common.h"
#include "core/money.h"

__extension__ typedef __int128 i128;

int money_add(fen_t a, fen_t b, fen_t *out)
{
	fen_t r;
	if (__builtin_add_overflow(a, b, &r))
		return MONEY_OVERFLOW;
	*out = r;
	return MONEY_OK;
}

int money_sub(fen_t a, fen_t b, fen_t *out)
{
	fen_t r;
	if (__builtin_sub_overflow(a, b, &r))
		return MONEY_OVERFLOW;
	*out = r;
	return MONEY_OK;
}

int money_mul(fen_t a, int64_t n, fen_t *out)
{
	fen_t r;
	if (__builtin_mul_overflow(a, n, &r))
		return MONEY_OVERFLOW;
	*out = r;
	return MONEY_OK;
}

int money_mul_ratio(fen_t a, int64_t num, int64_t den, fen_t *out)
{
	if (den <= 0)
		return MONEY_DOMAIN;
	/* |a * num| < 2^126: exact in 128 bits */
	i128 p = (i128)a * num, q = p / den, r = p % den; /* C truncates toward zero; r has p's sign */
	if (r < 0)
		r = -r;
	if (r * 2 >= den) /* half or more of the divisor: away from zero */
		q += p < 0 ? -1 : 1;
	if (q > INT64_MAX || q < INT64_MIN)
		return MONEY_OVERFLOW;
	*out = (fen_t)q;
	return MONEY_OK;
}

int money_mul_bp(fen_t a, int64_t bp, fen_t *out)
{
	return money_mul_ratio(a, bp, BP_ONE, out);
}

int money_from_yuan(int64_t yuan, fen_t *out)
{
	return money_mul(yuan, FEN_PER_YUAN, out);
}

int64_t money_yuan(fen_t a)
{
	return a / FEN_PER_YUAN;
}

int money_fen_part(fen_t a)
{
	int r = (int)(a % FEN_PER_YUAN);
	return r < 0 ? -r : r;
}

int money_parse(const char *s, fen_t *out)
{
	if (!s)
		return MONEY_SYNTAX;
	bool neg = *s == '-';
	const char *p = s + neg;
	if (*p < '0' || *p > '9')
		return MONEY_SYNTAX;
	/* accumulate the magnitude as a negative number, so FEN_MIN's magnitude fits */
	fen_t acc = 0;
	int decimals = -1; /* decimals: -1 before the point */
	for (; *p; p++) {
		if (*p == '.') {
			if (decimals >= 0)
				return MONEY_SYNTAX;
			decimals = 0;
			continue;
		}
		if (*p < '0' || *p > '9')
			return MONEY_SYNTAX;
		if (decimals >= 0 && ++decimals > 2) {
			/* a third decimal: refused, not rounded, whatever it is ("1.000" included), unless
			 * something after it makes the whole text no number at all */
			for (const char *q = p; *q; q++)
				if (*q < '0' || *q > '9')
					return MONEY_SYNTAX;
			return MONEY_PRECISION;
		}
		if (__builtin_mul_overflow(acc, 10, &acc) || __builtin_sub_overflow(acc, *p - '0', &acc))
			return MONEY_OVERFLOW;
	}
	if (decimals == 0) /* "5." */
		return MONEY_SYNTAX;
	for (int d = decimals < 0 ? 0 : decimals; d < 2; d++)
		if (__builtin_mul_overflow(acc, 10, &acc))
			return MONEY_OVERFLOW;
	if (!neg && acc == INT64_MIN)
		return MONEY_OVERFLOW;
	*out = neg ? acc : -acc;
	return MONEY_OK;
}

int money_rc_err(int rc, const char *field, err *e)
{
	switch (rc) {
	case MONEY_OVERFLOW:
		return err_set(e, 422, "amount_overflow", field, "金额超出范围",
			       "the amount is out of range");
	case MONEY_PRECISION:
		return err_set(e, 422, "amount_precision", field, "金额最多保留两位小数（到分）",
			       "an amount has at most two decimals (fen)");
	case MONEY_DOMAIN:
		return err_set(e, 500, "internal", field, "服务器内部错误",
			       "internal error: money rate domain");
	default:
		return err_set(e, 422, "invalid_amount", field, "金额格式应为 123.45",
			       "an amount reads like 123.45");
	}
}

int money_parse_err(const char *s, const char *field, fen_t *out, err *e)
{
	int rc = money_parse(s, out);
	return rc == MONEY_OK ? 0 : money_rc_err(rc, field, e);
}

size_t money_format(fen_t a, unsigned flags, char *buf, size_t cap)
{
	/* the magnitude as unsigned, so FEN_MIN has one */
	uint64_t m = a < 0 ? (uint64_t)0 - (uint64_t)a : (uint64_t)a;
	char tmp[MONEY_BUF];
	size_t n = 0;
	/* build backwards: two decimals, the point, then the 元 digits in groups of three */
	tmp[n++] = (char)('0' + m % 10);
	m /= 10;
	tmp[n++] = (char)('0' + m % 10);
	m /= 10;
	tmp[n++] = '.';
	int group = 0;
	do {
		if (group == 3 && (flags & MONEY_GROUP)) {
			tmp[n++] = ',';
			group = 0;
		}
		tmp[n++] = (char)('0' + m % 10);
		m /= 10;
		group++;
	} while (m);
	if (a < 0)
		tmp[n++] = '-';
	for (size_t i = 0; i < n && i + 1 < cap; i++)
		buf[i] = tmp[n - 1 - i];
	if (cap)
		buf[n < cap ? n : cap - 1] = 0;
	return n;
}
