#include "core/uscc.h"
#include <ctype.h>
#include <string.h>

static const char charset[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";

static int value(char c)
{
	const char *p = c ? strchr(charset, c) : NULL;
	return p ? (int)(p - charset) : -1;
}

void uscc_normalize(const char *in, char out[19])
{
	size_t k = 0;
	out[0] = 0;
	if (!in)
		return;
	while (*in == ' ' || *in == '\t')
		in++;
	size_t len = strlen(in);
	while (len && isspace((unsigned char)in[len - 1]))
		len--;
	if (len > 18) { /* keep it visibly wrong: 19 characters never pass */
		len = 18;
		out[k++] = '?';
	}
	for (size_t i = 0; i < len && k < 18; i++)
		out[k++] = (char)toupper((unsigned char)in[i]);
	out[k] = 0;
}

char uscc_check_char(const char *code)
{
	int sum = 0, w = 1;
	for (int i = 0; i < 17; i++) {
		sum += value(code[i]) * w;
		w = w * 3 % 31;
	}
	int c = 31 - sum % 31;
	return charset[c == 31 ? 0 : c];
}

enum uscc_rc uscc_check(const char *code, char *expected)
{
	if (!code || strlen(code) != 18)
		return USCC_BAD_FORMAT;
	for (int i = 0; i < 18; i++)
		if (value(code[i]) < 0)
			return USCC_BAD_FORMAT;
	/* positions 3-8 are an administrative-division code */
	for (int i = 2; i < 8; i++)
		if (!isdigit((unsigned char)code[i]))
			return USCC_BAD_FORMAT;
	char want = uscc_check_char(code);
	if (expected)
		*expected = want;
	return want == code[17] ? USCC_OK : USCC_BAD_CHECK;
}
