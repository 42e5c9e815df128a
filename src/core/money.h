/* money.h: amounts of money as integer fen (分, 1/100 元) in an int64_t, for subsidies, allowances and
 * fees. Never a double: every operation is exact or rounds by one stated rule, and every operation that
 * could leave the int64 range says so instead of wrapping.
 *
 * Rounding: 四舍五入 to the fen, half away from zero — 0.5 fen becomes 1 fen and -0.5 fen becomes -1 fen
 * (the rule of GB/T 8170's 修约 "五入" as bookkeeping applies it, and what people expect of a sum on a
 * form). It applies only where a product is not whole fen: money_mul_bp and money_mul_ratio.
 *
 * Text: "123.45", "123", "-0.05", "0.5" — an optional '-', one or more digits, optionally a point and one
 * or two digits. Nothing else: no '+', no spaces, no grouping commas, no exponent, no more than two
 * decimals (a third decimal is refused, never rounded away), no bare "." or ".5" or "5.". The database
 * column is an integer of fen (store/db.h).
 *
 * Pure: no I/O, no global state. Every function returning int returns MONEY_OK (0) or a negative
 * enum money_rc and leaves *out untouched on failure. */
#ifndef JINENG_CORE_MONEY_H
#define JINENG_CORE_MONEY_H

#include "util/common.h"
#include "util/err.h"

typedef int64_t fen_t;

#define FEN_PER_YUAN 100
#define FEN_MAX	     INT64_MAX /*  92233720368547758.07 元 */
#define FEN_MIN	     INT64_MIN /* -92233720368547758.08 元 */
#define BP_ONE	     10000     /* 100 % in basis points (万分之一) */
/* MONEY_BUF: room for any amount money_format writes, grouped or not, with its NUL */
#define MONEY_BUF 32

enum money_rc {
	MONEY_OK = 0,
	MONEY_OVERFLOW = -1,  /* the result is outside FEN_MIN..FEN_MAX */
	MONEY_SYNTAX = -2,    /* text that is not an amount */
	MONEY_PRECISION = -3, /* more than two decimals */
	MONEY_DOMAIN = -4,    /* a zero or negative denominator */
};

/* arithmetic: *out = a + b, a - b, a * n (n a count or a whole factor) */
int money_add(fen_t a, fen_t b, fen_t *out) WUR;
int money_sub(fen_t a, fen_t b, fen_t *out) WUR;
int money_mul(fen_t a, int64_t n, fen_t *out) WUR;
/* money_mul_bp: *out = a * bp / 10000 rounded half away from zero; bp is a rate in basis points
 * (1250 = 12.5 %; negative rates are allowed). MONEY_OVERFLOW only when the rounded result does not fit. */
int money_mul_bp(fen_t a, int64_t bp, fen_t *out) WUR;
/* money_mul_ratio: *out = a * num / den rounded half away from zero (den > 0, else MONEY_DOMAIN). The
 * product is formed in 128 bits, so a * num may exceed int64 as long as the quotient does not. */
int money_mul_ratio(fen_t a, int64_t num, int64_t den, fen_t *out) WUR;

/* 元 and fen */
int money_from_yuan(int64_t yuan, fen_t *out) WUR; /* whole 元 to fen: yuan * 100 */
/* money_yuan: the whole 元 of an amount, truncated toward zero (-1.50 → -1); money_fen_part: the fen
 * after them, 0..99 without sign (-1.50 → 50). money_yuan(a) * 100 ± money_fen_part(a) == a. */
int64_t money_yuan(fen_t a);
int money_fen_part(fen_t a);

/* money_parse: text as described above to fen. MONEY_SYNTAX, MONEY_PRECISION or MONEY_OVERFLOW; s NULL
 * is MONEY_SYNTAX. */
int money_parse(const char *s, fen_t *out) WUR;
/* money_parse_err: money_parse, reporting a failure as a 422 on `field` in Chinese and English
 * (invalid_amount, amount_precision, amount_overflow). 0 or -1. */
int money_parse_err(const char *s, const char *field, fen_t *out, err *e) WUR;

enum money_format_flags {
	MONEY_GROUP = 1u << 0, /* thousands separators: "1,234.56" */
};
/* money_format: "1234.56", "-0.05", "0.00" (always two decimals); with MONEY_GROUP "1,234.56". Writes
 * at most cap bytes including the NUL (cap >= MONEY_BUF always suffices) and returns the length of the
 * whole text, as snprintf does (a result >= cap means it was cut). */
size_t money_format(fen_t a, unsigned flags, char *buf, size_t cap);

/* money_rc_err: a failed rc as a 422 on `field` (or 500 for MONEY_DOMAIN, a caller's bug). Returns -1. */
int money_rc_err(int rc, const char *field, err *e);

#endif
