/* captcha.c: the captcha picture (captcha.h). The characters are drawn in the system's sans-serif bold
 * (fontconfig; fonts-noto-cjk and DejaVu are installed with the dependencies), each rotated by up to ±25°,
 * scaled 0.85-1.15 and moved up or down, in a dark colour of its own; behind and over them lie light
 * blotches, four Bézier curves in the characters' colours and about 150 dots, so that a reader must see the
 * shapes rather than cut the picture at fixed places. */
#include "util/common.h"
#include "util/buf.h"
#include "doc/captcha.h"
#include "crypto/token.h"
#include <cairo.h>
#include <math.h>

/* a uniform double in [lo, hi) from the system's random source */
static double rnd(double lo, double hi)
{
	return lo + (hi - lo) * (double)(random_u64() >> 11) / 9007199254740992.0;
}

static cairo_status_t to_buf(void *closure, const unsigned char *data, unsigned int len)
{
	buf_add(closure, data, len);
	return buf_ok(closure) ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

static void dark(cairo_t *cr)
{
	cairo_set_source_rgb(cr, rnd(0.05, 0.45), rnd(0.05, 0.4), rnd(0.1, 0.5));
}

int captcha_png(const char *text, char **png, size_t *len, err *e)
{
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, CAPTCHA_W, CAPTCHA_H);
	cairo_t *cr = cairo_create(s);
	cairo_set_source_rgb(cr, rnd(0.92, 1), rnd(0.92, 1), rnd(0.9, 1));
	cairo_paint(cr);
	/* light blotches */
	for (int i = 0; i < 8; i++) {
		cairo_set_source_rgba(cr, rnd(0.6, 1), rnd(0.6, 1), rnd(0.6, 1), 0.35);
		cairo_arc(cr, rnd(0, CAPTCHA_W), rnd(0, CAPTCHA_H), rnd(6, 18), 0, 2 * M_PI);
		cairo_fill(cr);
	}
	cairo_select_font_face(cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
	size_t n = strlen(text);
	double step = (CAPTCHA_W - 20.0) / (double)(n ? n : 1);
	for (size_t i = 0; i < n; i++) {
		char ch[2] = {text[i], 0};
		cairo_save(cr);
		cairo_set_font_size(cr, 30 * rnd(0.85, 1.15));
		cairo_text_extents_t ext;
		cairo_text_extents(cr, ch, &ext);
		cairo_translate(cr, 10 + step * ((double)i + 0.5) + rnd(-3, 3), CAPTCHA_H / 2.0 + rnd(-4, 4));
		cairo_rotate(cr, rnd(-0.44, 0.44));
		cairo_move_to(cr, -ext.x_bearing - ext.width / 2, -ext.y_bearing - ext.height / 2);
		dark(cr);
		cairo_show_text(cr, ch);
		cairo_restore(cr);
	}
	/* curves across the characters */
	for (int i = 0; i < 4; i++) {
		dark(cr);
		cairo_set_line_width(cr, rnd(1.2, 2.4));
		cairo_move_to(cr, rnd(-10, 20), rnd(0, CAPTCHA_H));
		cairo_curve_to(cr, rnd(20, 80), rnd(-20, CAPTCHA_H + 20), rnd(80, 140),
			       rnd(-20, CAPTCHA_H + 20), rnd(CAPTCHA_W - 20, CAPTCHA_W + 10),
			       rnd(0, CAPTCHA_H));
		cairo_stroke(cr);
	}
	/* dots */
	for (int i = 0; i < 150; i++) {
		cairo_set_source_rgb(cr, rnd(0, 0.8), rnd(0, 0.8), rnd(0, 0.8));
		cairo_rectangle(cr, rnd(0, CAPTCHA_W), rnd(0, CAPTCHA_H), 1.5, 1.5);
		cairo_fill(cr);
	}
	cairo_status_t st = cairo_status(cr);
	cairo_destroy(cr);
	buf b;
	buf_init(&b, 0);
	if (st == CAIRO_STATUS_SUCCESS)
		st = cairo_surface_write_to_png_stream(s, to_buf, &b);
	cairo_surface_destroy(s);
	if (st != CAIRO_STATUS_SUCCESS) {
		buf_free(&b);
		return err_set(e, 500, "internal", NULL, "生成验证码图片失败", "could not draw the captcha");
	}
	*png = buf_take(&b, len);
	return 0;
}
