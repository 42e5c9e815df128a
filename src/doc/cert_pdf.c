#include "util/common.h"
#include "doc/cert_pdf.h"
#include "doc/qr.h"
#include "util/buf.h"
#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#define A4_W 595.276
#define A4_H 841.890
#define MM   (72.0 / 25.4)

static cairo_status_t to_buf(void *closure, const unsigned char *data, unsigned int len)
{
	buf_add(closure, data, len);
	return buf_ok(closure) ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

/* text at (x, y) in a font like "Noto Serif CJK SC Bold 30"; align 0 left, 1 centre; returns its height */
static double text(cairo_t *cr, const char *font, const char *s, double x, double y, double width, int align)
{
	PangoLayout *l = pango_cairo_create_layout(cr);
	PangoFontDescription *fd = pango_font_description_from_string(font);
	pango_layout_set_font_description(l, fd);
	pango_layout_set_text(l, s, -1);
	pango_layout_set_width(l, (int)(width * PANGO_SCALE));
	pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_alignment(l, align ? PANGO_ALIGN_CENTER : PANGO_ALIGN_LEFT);
	cairo_move_to(cr, x, y);
	pango_cairo_show_layout(cr, l);
	int w, h;
	pango_layout_get_size(l, &w, &h);
	pango_font_description_free(fd);
	g_object_unref(l);
	return (double)h / PANGO_SCALE;
}

static void date_zh(const char *ymd, char *out, size_t n)
{
	int y = 0, m = 0, d = 0;
	if (sscanf(ymd ? ymd : "", "%4d-%2d-%2d", &y, &m, &d) == 3)
		snprintf(out, n, "%d年%d月%d日", y, m, d);
	else
		snprintf(out, n, "%s", ymd ? ymd : "");
}

int cert_pdf(const struct cert_doc *c, char **pdf, size_t *len, err *e)
{
	buf b;
	buf_init(&b, 16u << 20);
	cairo_surface_t *s = cairo_pdf_surface_create_for_stream(to_buf, &b, A4_W, A4_H);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, c->title);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, "jineng " JINENG_VERSION);
	cairo_t *cr = cairo_create(s);
	int rc = 0;

	/* frame */
	cairo_set_source_rgb(cr, 0.55, 0.12, 0.10);
	cairo_set_line_width(cr, 3);
	cairo_rectangle(cr, 14 * MM, 14 * MM, A4_W - 28 * MM, A4_H - 28 * MM);
	cairo_stroke(cr);
	cairo_set_line_width(cr, 0.8);
	cairo_rectangle(cr, 17 * MM, 17 * MM, A4_W - 34 * MM, A4_H - 34 * MM);
	cairo_stroke(cr);

	/* title */
	double y = 36 * MM;
	y += text(cr, "Noto Serif CJK SC Bold 34", c->title, 0, y, A4_W, 1);
	cairo_set_source_rgb(cr, 0.35, 0.35, 0.35);
	const char *en = strstr(c->title, "专项") ? "Certificate of Special Vocational Ability"
						  : "Vocational Skill Level Certificate";
	y += text(cr, "Noto Serif CJK SC 11", en, 0, y + 2, A4_W, 1) + 14 * MM;

	/* photo slot (1 inch: 25 x 35 mm) */
	double px = A4_W - 30 * MM - 25 * MM, py = y;
	cairo_set_source_rgb(cr, 0.6, 0.6, 0.6);
	cairo_set_line_width(cr, 0.6);
	cairo_rectangle(cr, px, py, 25 * MM, 35 * MM);
	cairo_stroke(cr);
	text(cr, "Noto Sans CJK SC 9", "照片\n(1 寸)", px, py + 13 * MM, 25 * MM, 1);

	/* fields: 小四号 = 12 pt */
	char issued[40];
	date_zh(c->issued_on, issued, sizeof issued);
	char occ[200];
	snprintf(occ, sizeof occ, "%s%s%s%s", c->occupation, c->occupation_code ? "（" : "",
		 c->occupation_code ? c->occupation_code : "", c->occupation_code ? "）" : "");
	const char *rows[][2] = {
		{"姓　　名", c->name},
		{"证件类型", c->id_type},
		{"证件号码", c->id_number},
		{"职业名称", occ},
		{"工种/职业方向", c->work_type && *c->work_type ? c->work_type : "--"},
		{"职业技能等级", c->level},
		{"证书编号", c->number},
		{"评价机构", c->institution},
		{"发证日期", issued},
	};
	double lx = 30 * MM, vx = 74 * MM, vw = px - vx - 6 * MM;
	for (size_t i = 0; i < ARRAY_LEN(rows); i++) {
		cairo_set_source_rgb(cr, 0.25, 0.25, 0.25);
		text(cr, "Noto Serif CJK SC 12", rows[i][0], lx, y, vx - lx, 0);
		cairo_set_source_rgb(cr, 0, 0, 0);
		double h = text(cr, "Noto Serif CJK SC Bold 12", rows[i][1] ? rows[i][1] : "", vx, y,
				i < 3 ? vw : A4_W - vx - 30 * MM, 0);
		y += (h > 18 ? h : 18) + 5 * MM;
	}

	/* body text */
	char body[400];
	snprintf(body, sizeof body, "　　经评价，%s的职业技能等级达到%s，特发此证。", c->name, c->level);
	cairo_set_source_rgb(cr, 0, 0, 0);
	y += 4 * MM + text(cr, "Noto Serif CJK SC 12", body, lx, y + 4 * MM, A4_W - 2 * lx, 0);

	/* QR code and issuer */
	double qs = 38 * MM, qx = A4_W - 30 * MM - qs, qy = A4_H - 30 * MM - qs - 14 * MM;
	if (qr_draw(cr, c->qr_text, qx, qy, qs, e) != 0)
		rc = -1;
	cairo_set_source_rgb(cr, 0.25, 0.25, 0.25);
	text(cr, "Noto Sans CJK SC 8", "扫码验证真伪", qx, qy + qs + 1 * MM, qs, 1);
	cairo_set_source_rgb(cr, 0, 0, 0);
	text(cr, "Noto Serif CJK SC 12", c->institution, lx, qy + 6 * MM, qx - lx - 8 * MM, 0);
	text(cr, "Noto Serif CJK SC 12", issued, lx, qy + 16 * MM, qx - lx - 8 * MM, 0);

	/* the national look-up sites */
	cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
	text(cr, "Noto Sans CJK SC 9",
	     "证书查询：http://jndj.osta.org.cn　　评价机构查询：http://pjjg.osta.org.cn", 0, A4_H - 26 * MM,
	     A4_W, 1);

	if (c->status_note && *c->status_note) {
		cairo_save(cr);
		cairo_translate(cr, A4_W / 2, A4_H / 2);
		cairo_rotate(cr, -0.6);
		cairo_set_source_rgba(cr, 0.8, 0, 0, 0.35);
		text(cr, "Noto Sans CJK SC Bold 72", c->status_note, -A4_W / 2, -60, A4_W, 1);
		cairo_restore(cr);
	}
	cairo_show_page(cr);
	cairo_destroy(cr);
	cairo_surface_finish(s);
	cairo_status_t st = cairo_surface_status(s);
	cairo_surface_destroy(s);
	if (rc != 0 || st != CAIRO_STATUS_SUCCESS || !buf_ok(&b)) {
		buf_free(&b);
		return rc != 0 ? -1
			       : err_set(e, 500, "internal", NULL, "生成证书 PDF 失败",
					 "could not render the certificate PDF");
	}
	*pdf = buf_take(&b, len);
	return 0;
}
