#include "util/common.h"
#include "doc/qr.h"
#include "util/buf.h"
#include <qrencode.h>

#define QUIET 4

static QRcode *encode(const char *text, err *e)
{
	QRcode *q = QRcode_encodeString8bit(text, 0, QR_ECLEVEL_M);
	if (!q)
		err_set(e, 422, "qr_too_long", NULL, "内容过长，无法生成二维码",
			"the text is too long for a QR code");
	return q;
}

static void draw(cairo_t *cr, const QRcode *q, double x, double y, double size)
{
	int n = q->width;
	double m = size / (n + 2 * QUIET);
	cairo_save(cr);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_rectangle(cr, x, y, size, size);
	cairo_fill(cr);
	cairo_set_source_rgb(cr, 0, 0, 0);
	for (int r = 0; r < n; r++)
		for (int c = 0; c < n; c++)
			if (q->data[r * n + c] & 1)
				cairo_rectangle(cr, x + (c + QUIET) * m, y + (r + QUIET) * m, m, m);
	cairo_fill(cr);
	cairo_restore(cr);
}

int qr_draw(cairo_t *cr, const char *text, double x, double y, double size, err *e)
{
	QRcode *q = encode(text, e);
	if (!q)
		return -1;
	/* crisp modules: no antialiasing between neighbouring squares */
	cairo_antialias_t aa = cairo_get_antialias(cr);
	cairo_set_antialias(cr, CAIRO_ANTIALIAS_NONE);
	draw(cr, q, x, y, size);
	cairo_set_antialias(cr, aa);
	QRcode_free(q);
	return 0;
}

static cairo_status_t to_buf(void *closure, const unsigned char *data, unsigned int len)
{
	buf_add(closure, data, len);
	return buf_ok(closure) ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

int qr_png(const char *text, int scale, char **png, size_t *len, err *e)
{
	QRcode *q = encode(text, e);
	if (!q)
		return -1;
	int px = (q->width + 2 * QUIET) * scale;
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, px, px);
	cairo_t *cr = cairo_create(s);
	cairo_set_antialias(cr, CAIRO_ANTIALIAS_NONE);
	draw(cr, q, 0, 0, px);
	cairo_destroy(cr);
	buf b;
	buf_init(&b, 0);
	cairo_status_t st = cairo_surface_write_to_png_stream(s, to_buf, &b);
	cairo_surface_destroy(s);
	QRcode_free(q);
	if (st != CAIRO_STATUS_SUCCESS) {
		buf_free(&b);
		return err_set(e, 500, "internal", NULL, "生成二维码图片失败",
			       "could not write the QR image");
	}
	*png = buf_take(&b, len);
	return 0;
}
