/* Masking of personal information in output (docs/DOMAIN.md §6). */
#ifndef JINENG_CORE_MASK_H
#define JINENG_CORE_MASK_H
#include <stddef.h>

/* "370102199001011234" -> "3701**********1234"; short numbers keep at most 1 + 1 */
void mask_id_number(const char *id, char *out, size_t n);
/* "13812345678" -> "138****5678"; landlines keep the area code and last 2 */
void mask_phone(const char *phone, char *out, size_t n);
/* "张三丰" -> "张**" (UTF-8 aware) */
void mask_name(const char *name, char *out, size_t n);

#endif
