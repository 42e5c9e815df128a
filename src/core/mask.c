#include "core/mask.h"
#include <string.h>

static void keep_ends(const char *s, size_t head, size_t tail, char *out, size_t n)
{
	size_t len = strlen(s), k = 0;
	if (len <= head + tail) { /* too short to show anything safely: keep the first only */
		head = len > 2 ? 1 : 0;
		tail = len > 3 ? 1 : 0;
	}
	for (size_t i = 0; i < len && k + 1 < n; i++)
		out[k++] = i < head || i >= len - tail ? s[i] : '*';
	if (n)
		out[k] = 0;
}

void mask_id_number(const char *id, char *out, size_t n)
{
	keep_ends(id ? id : "", 4, 4, out, n);
}

void mask_phone(const char *p, char *out, size_t n)
{
	if (!p)
		p = "";
	const char *dash = strchr(p, '-');
	if (dash) /* landline 0531-88886666 -> 0531-******66 */
		keep_ends(p, (size_t)(dash - p) + 1, 2, out, n);
	else
		keep_ends(p, 3, 4, out, n);
}

void mask_name(const char *name, char *out, size_t n)
{
	size_t k = 0, chars = 0;
	if (!n)
		return;
	for (const unsigned char *s = (const unsigned char *)(name ? name : ""); *s;) {
		size_t cl = *s < 0x80 ? 1 : *s < 0xe0 ? 2 : *s < 0xf0 ? 3 : 4;
		if (chars == 0) {
			if (k + cl >= n)
				break;
			for (size_t i = 0; i < cl && s[i]; i++)
				out[k++] = (char)s[i];
		} else if (k + 1 < n) {
			out[k++] = '*';
		}
		chars++;
		for (size_t i = 0; i < cl && *s; i++)
			s++;
	}
	out[k] = 0;
}
