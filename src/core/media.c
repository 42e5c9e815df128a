/* media.c: media types recognised by their signatures (see media.h) */
#include "util/common.h"
#include "core/media.h"
#include <ctype.h>

static const struct {
	const char *type, *ext;
	const unsigned char *magic;
	size_t len;
} kinds[] = {
	/* JPEG: SOI then the first marker's 0xFF (JFIF, Exif, raw: FF D8 FF) */
	{"image/jpeg", "jpg", (const unsigned char *)"\xFF\xD8\xFF", 3},
	/* PNG: the 8-byte signature of RFC 2083 §3.1 */
	{"image/png", "png", (const unsigned char *)"\x89PNG\r\n\x1A\n", 8},
	/* PDF: the header "%PDF-" at offset 0 (ISO 32000-1 §7.5.2) */
	{"application/pdf", "pdf", (const unsigned char *)"%PDF-", 5},
};

bool media_normalise(const char *ctype, char *out, size_t n)
{
	if (!ctype || n == 0)
		return false;
	while (*ctype == ' ' || *ctype == '\t')
		ctype++;
	size_t k = 0;
	for (; ctype[k] && ctype[k] != ';' && ctype[k] != ' ' && ctype[k] != '\t'; k++) {
		if (k + 1 >= n)
			return false;
		out[k] = (char)tolower((unsigned char)ctype[k]);
	}
	out[k] = 0;
	return k > 0;
}

const char *media_sniff(const void *data, size_t n)
{
	const unsigned char *p = data;
	for (size_t i = 0; p && i < ARRAY_LEN(kinds); i++)
		if (n >= kinds[i].len && !memcmp(p, kinds[i].magic, kinds[i].len))
			return kinds[i].type;
	return NULL;
}

const char *media_ext(const char *type)
{
	for (size_t i = 0; type && i < ARRAY_LEN(kinds); i++)
		if (!strcmp(type, kinds[i].type))
			return kinds[i].ext;
	return "bin";
}
