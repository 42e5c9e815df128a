/* Certificate numbers (docs/DOMAIN.md §5, pure rules).
 *
 * 职业技能等级证书: the 13-character institution code (Y|S + 0000 + province 37 + 6-digit institution
 * serial), the issue year in two digits, the level (1..5), and a 6-digit serial unique per institution,
 * year and level: 22 characters, ^[YS]\d{21}$.
 *
 * 专项职业能力证书 (no national rule was found, so ours): "ZX" + province 37 + the institution's 6-digit
 * serial + two-digit year + 6-digit serial per institution and year: ^ZX37\d{14}$, 18 characters. */
#ifndef JINENG_CORE_CERTNO_H
#define JINENG_CORE_CERTNO_H
#include <stdbool.h>

#define CERTNO_SERIAL_MAX 999999

/* 0 on success; -1 when the parts are out of range */
int certno_make(const char *inst_code, int year, int level, int serial, char out[23]);
int certno_make_special(const char *inst_code, int year, int serial, char out[19]);

typedef struct {
	bool special;
	char inst_code[14]; /* national form; for special numbers the S-form of the same institution */
	int year;	    /* two digits as printed */
	int level;	    /* 1..5; 0 for special */
	int serial;
} certno_parts;

/* 0 when s is a well-formed number of either kind */
int certno_parse(const char *s, certno_parts *p);

/* "三级/高级工"; "合格" for level 0 (专项) */
const char *level_name_zh(int level);

#endif
