#include "core/idnum.h"
#include "core/date.h"
#include <ctype.h>
#include <stdio.h>
#include <string.h>

static const struct {
	const char *name, *zh;
} types[ID__COUNT] = {
	[ID_RESIDENT] = {"resident_id", "居民身份证"},
	[ID_PASSPORT] = {"passport", "护照"},
	[ID_HK_MACAO_PERMIT] = {"hk_macao_permit", "港澳居民来往内地通行证"},
	[ID_TAIWAN_PERMIT] = {"taiwan_permit", "台湾居民来往大陆通行证"},
	[ID_FOREIGN_PERMANENT] = {"foreign_permanent_resident", "外国人永久居留身份证"},
	[ID_OTHER] = {"other", "其他证件"},
};

const char *id_type_name(enum id_type t)
{
	return (unsigned)t < ID__COUNT ? types[t].name : "other";
}

const char *id_type_zh(enum id_type t)
{
	return (unsigned)t < ID__COUNT ? types[t].zh : "其他证件";
}

int id_type_parse(const char *s, enum id_type *out)
{
	for (int i = 0; s && i < ID__COUNT; i++)
		if (!strcmp(s, types[i].name) || !strcmp(s, types[i].zh)) {
			*out = (enum id_type)i;
			return 0;
		}
	return -1;
}

char idnum_check_char(const char *s)
{
	static const int w[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
	int sum = 0;
	for (int i = 0; i < 17; i++)
		sum += (s[i] - '0') * w[i];
	return "10X98765432"[sum % 11];
}

/* copies the trimmed input (at most n-1 bytes); -1 if longer */
static int trim_copy(const char *in, char *out, size_t n)
{
	while (*in == ' ' || *in == '\t')
		in++;
	size_t len = strlen(in);
	while (len &&
	       (in[len - 1] == ' ' || in[len - 1] == '\t' || in[len - 1] == '\r' || in[len - 1] == '\n'))
		len--;
	if (len >= n)
		return -1;
	memcpy(out, in, len);
	out[len] = 0;
	return 0;
}

enum idnum_rc idnum_check(const char *in, int today_ymd, idnum_info *info)
{
	char s[24];
	memset(info, 0, sizeof *info);
	if (!in || trim_copy(in, s, sizeof s) != 0)
		return IDNUM_BAD_FORMAT;
	size_t n = strlen(s);
	if (n == 15) {
		if (strspn(s, "0123456789") != 15)
			return IDNUM_BAD_FORMAT;
		char t[19];
		snprintf(t, sizeof t, "%.6s19%.9s", s, s + 6);
		t[17] = idnum_check_char(t);
		t[18] = 0;
		memcpy(s, t, 19);
	} else if (n == 18) {
		if (strspn(s, "0123456789") < 17)
			return IDNUM_BAD_FORMAT;
		if (s[17] == 'x')
			s[17] = 'X';
		if (!isdigit((unsigned char)s[17]) && s[17] != 'X')
			return IDNUM_BAD_FORMAT;
		if (idnum_check_char(s) != s[17])
			return IDNUM_BAD_CHECK;
	} else {
		return IDNUM_BAD_FORMAT;
	}
	int ymd = 0;
	for (int i = 6; i < 14; i++)
		ymd = ymd * 10 + (s[i] - '0');
	if (!date_valid(ymd) || ymd < 19000101)
		return IDNUM_BAD_DATE;
	if (ymd > today_ymd)
		return IDNUM_FUTURE_DATE;
	memcpy(info->normalized, s, 19);
	info->birth_ymd = ymd;
	info->gender = (s[16] - '0') % 2 ? 'M' : 'F';
	memcpy(info->region6, s, 6);
	info->region6[6] = 0;
	return IDNUM_OK;
}

int idnum_check_other(enum id_type t, const char *in, char *out, size_t n)
{
	(void)t;
	char s[40];
	if (!in || trim_copy(in, s, sizeof s) != 0)
		return -1;
	size_t len = strlen(s);
	if (len < 4 || len > 32 || len >= n)
		return -1;
	for (size_t i = 0; i < len; i++) {
		char c = (char)toupper((unsigned char)s[i]);
		if (!isalnum((unsigned char)c) && c != '(' && c != ')' && c != '-')
			return -1;
		out[i] = c;
	}
	out[len] = 0;
	return 0;
}
