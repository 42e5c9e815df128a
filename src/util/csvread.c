#include "util/common.h"
#include "util/csvread.h"
#include <csv.h>
#include <errno.h>
#include <iconv.h>

/* A record's fields live in one growing buffer (offsets while it grows, pointers when the record is
 * handed over): no allocation per field. They are valid until the callback returns. */
struct state {
	csv_row_fn fn;
	void *ctx;
	char **fields;
	size_t *offs;
	size_t n, cap;
	char *buf;
	size_t blen, bcap;
	size_t record;
	int stop;
};

static void on_field(void *data, size_t len, void *p)
{
	struct state *s = p;
	if (s->stop)
		return;
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 16;
		s->fields = xrealloc(s->fields, s->cap * sizeof(char *));
		s->offs = xrealloc(s->offs, s->cap * sizeof(size_t));
	}
	if (s->blen + len + 1 > s->bcap) {
		while (s->blen + len + 1 > s->bcap)
			s->bcap = s->bcap ? s->bcap * 2 : 4096;
		s->buf = xrealloc(s->buf, s->bcap);
	}
	memcpy(s->buf + s->blen, data, len);
	s->buf[s->blen + len] = 0;
	s->offs[s->n++] = s->blen;
	s->blen += len + 1;
}

static void on_record(int c, void *p)
{
	UNUSED(c);
	struct state *s = p;
	if (!s->stop && s->n) {
		for (size_t i = 0; i < s->n; i++)
			s->fields[i] = s->buf + s->offs[i];
		s->record++;
		/* skip wholly empty lines */
		if (!(s->n == 1 && s->fields[0][0] == 0))
			s->stop = s->fn(s->ctx, s->fields, s->n, s->record);
	}
	s->n = 0;
	s->blen = 0;
}

static void state_free(struct state *s)
{
	free(s->fields);
	free(s->offs);
	free(s->buf);
}

int csv_read_mem(const char *data, size_t len, csv_row_fn fn, void *ctx, err *e)
{
	struct csv_parser p;
	struct state s = {.fn = fn, .ctx = ctx};
	if (len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3))
		data += 3, len -= 3;
	if (csv_init(&p, CSV_APPEND_NULL) != 0)
		return err_set(e, 500, "internal", NULL, "CSV 解析器初始化失败",
			       "could not start the CSV parser");
	/* parse in slices so a callback's stop takes effect without reading the rest */
	size_t off = 0;
	while (off < len && !s.stop) {
		size_t chunk = len - off > 65536 ? 65536 : len - off;
		if (csv_parse(&p, data + off, chunk, on_field, on_record, &s) != chunk) {
			int rc = err_set(e, 422, "malformed_csv", NULL, "CSV 格式错误（约第 %zu 条记录）：%s",
					 "malformed CSV near record %zu: %s", s.record + 1,
					 csv_strerror(csv_error(&p)));
			csv_free(&p);
			state_free(&s);
			return rc;
		}
		off += chunk;
	}
	if (!s.stop)
		csv_fini(&p, on_field, on_record, &s);
	csv_free(&p);
	state_free(&s);
	return s.stop;
}

bool utf8_valid(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;
	while (i < n) {
		/* ASCII runs 8 bytes at a time */
		while (i + 8 <= n) {
			uint64_t w;
			memcpy(&w, s + i, 8);
			if (w & 0x8080808080808080ULL)
				break;
			i += 8;
		}
		if (i >= n)
			break;
		unsigned char c = s[i];
		size_t k;
		uint32_t cp;
		if (c < 0x80) {
			i++;
			continue;
		} else if ((c & 0xe0) == 0xc0) {
			k = 1, cp = c & 0x1f;
		} else if ((c & 0xf0) == 0xe0) {
			k = 2, cp = c & 0x0f;
		} else if ((c & 0xf8) == 0xf0) {
			k = 3, cp = c & 0x07;
		} else {
			return false;
		}
		for (size_t j = 1; j <= k; j++) {
			if (i + j >= n || (s[i + j] & 0xc0) != 0x80)
				return false;
			cp = (cp << 6) | (s[i + j] & 0x3f);
		}
		if ((k == 1 && cp < 0x80) || (k == 2 && cp < 0x800) || (k == 3 && cp < 0x10000) ||
		    cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			return false;
		i += k + 1;
	}
	return true;
}

char *gb18030_to_utf8(const char *s, size_t n, size_t *outlen)
{
	iconv_t cd = iconv_open("UTF-8", "GB18030");
	if (cd == (iconv_t)-1)
		return NULL;
	size_t cap = n * 2 + 16, left = cap;
	char *out = xmalloc(cap + 1), *op = out;
	char *ip = (char *)s;
	size_t il = n;
	while (il > 0) {
		if (iconv(cd, &ip, &il, &op, &left) == (size_t)-1) {
			if (errno == E2BIG) {
				size_t used = (size_t)(op - out);
				cap *= 2;
				out = xrealloc(out, cap + 1);
				op = out + used;
				left = cap - used;
				continue;
			}
			free(out);
			iconv_close(cd);
			return NULL;
		}
	}
	iconv_close(cd);
	*op = 0;
	*outlen = (size_t)(op - out);
	return out;
}

char *file_read_all(const char *path, size_t *len, err *e)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return err_set(e, 422, "file_unreadable", NULL, "无法读取文件 %s：%s",
			       "could not read %s: %s", path, strerror(errno)),
		       NULL;
	char *data = NULL;
	size_t n = 0, cap = 0;
	for (;;) {
		if (cap - n < 65536) {
			cap = cap ? cap * 2 : 1 << 20;
			data = xrealloc(data, cap);
		}
		size_t got = fread(data + n, 1, cap - n, f);
		n += got;
		if (got == 0)
			break;
	}
	bool bad = ferror(f);
	fclose(f);
	if (bad) {
		free(data);
		return err_set(e, 422, "file_unreadable", NULL, "无法读取文件 %s", "could not read %s", path),
		       NULL;
	}
	*len = n;
	return data;
}

int text_to_utf8(const char **data, size_t *len, char **owned, const char **encoding, err *e)
{
	*owned = NULL;
	*encoding = "utf-8";
	if (utf8_valid(*data, *len))
		return 0;
	size_t cl;
	if (!(*owned = gb18030_to_utf8(*data, *len, &cl)))
		return err_set(e, 422, "bad_encoding", NULL, "文件既不是 UTF-8 也不是 GB18030 编码",
			       "the file is neither UTF-8 nor GB18030");
	*data = *owned;
	*len = cl;
	*encoding = "gb18030";
	return 0;
}

int csv_read_file(const char *path, csv_row_fn fn, void *ctx, const char **encoding, err *e)
{
	size_t len;
	char *raw = file_read_all(path, &len, e), *conv = NULL;
	if (!raw)
		return -1;
	const char *data = raw;
	int rc = text_to_utf8(&data, &len, &conv, encoding, e);
	if (rc == 0)
		rc = csv_read_mem(data, len, fn, ctx, e);
	free(conv);
	free(raw);
	return rc;
}
