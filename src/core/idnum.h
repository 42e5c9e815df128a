/* 公民身份号码 (GB 11643-1999) and the other identity documents a person may
 * register with.  Pure rules; see docs/DOMAIN.md §1. */
#ifndef JINENG_CORE_IDNUM_H
#define JINENG_CORE_IDNUM_H
#include <stddef.h>

enum id_type {
	ID_RESIDENT,	      /* 居民身份证 */
	ID_PASSPORT,	      /* 护照 */
	ID_HK_MACAO_PERMIT,   /* 港澳居民来往内地通行证 */
	ID_TAIWAN_PERMIT,     /* 台湾居民来往大陆通行证 */
	ID_FOREIGN_PERMANENT, /* 外国人永久居留身份证 */
	ID_OTHER,
	ID__COUNT
};

const char *id_type_name(enum id_type t);
const char *id_type_zh(enum id_type t);
/* accepts the English name or the Chinese name; 0 on success */
int id_type_parse(const char *s, enum id_type *out);

enum idnum_rc { IDNUM_OK, IDNUM_BAD_FORMAT, IDNUM_BAD_CHECK, IDNUM_BAD_DATE, IDNUM_FUTURE_DATE };

typedef struct {
	char normalized[19]; /* 18 characters, upper-case X; 15-digit input converted */
	int birth_ymd;
	char gender;	 /* 'M' or 'F' */
	char region6[7]; /* the address code */
} idnum_info;

/* validates an 18-digit (or legacy 15-digit) number; today_ymd bounds the birth date */
enum idnum_rc idnum_check(const char *in, int today_ymd, idnum_info *info);
/* the check character for the first 17 characters of s */
char idnum_check_char(const char *s17);
/* other documents: trims, upper-cases, 4-32 of [A-Z0-9()-]; 0 on success */
int idnum_check_other(enum id_type t, const char *in, char *out, size_t n);

#endif
