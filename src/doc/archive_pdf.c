/* archive_pdf.c: the quality archive as an A4 PDF (see archive_pdf.h) */
#include "util/common.h"
#include "doc/archive_pdf.h"
#include "util/buf.h"
#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#define A4_W	 595.276
#define A4_H	 841.890
#define MM	 (72.0 / 25.4)
#define MARGIN	 (16 * MM)
#define TOP	 (22 * MM)
#define BOTTOM	 (A4_H - 20 * MM)
#define PAD	 (1.2 * MM)
#define MAX_COLS 16

#define F_TITLE "Noto Serif CJK SC Bold 20"
#define F_NAME	"Noto Serif CJK SC Bold 14"
#define F_H2	"Noto Sans CJK SC Bold 12"
#define F_TEXT	"Noto Sans CJK SC 8.5"
#define F_HEAD	"Noto Sans CJK SC Bold 8.5"
#define F_SMALL "Noto Sans CJK SC 7.5"

static cairo_status_t to_buf(void *closure, const unsigned char *data, unsigned int len)
{
	buf_add(closure, data, len);
	return buf_ok(closure) ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

/* a wrapped layout of s in `font`, `width` points wide; align 0 left, 1 centre, 2 right */
static PangoLayout *layout(cairo_t *cr, const char *font, const char *s, double width, int align)
{
	PangoLayout *l = pango_cairo_create_layout(cr);
	PangoFontDescription *fd = pango_font_description_from_string(font);
	pango_layout_set_font_description(l, fd);
	pango_font_description_free(fd);
	pango_layout_set_text(l, s ? s : "", -1);
	pango_layout_set_width(l, (int)(width * PANGO_SCALE));
	pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_alignment(l, align == 1   ? PANGO_ALIGN_CENTER
				      : align == 2 ? PANGO_ALIGN_RIGHT
						   : PANGO_ALIGN_LEFT);
	return l;
}

static double height_of(PangoLayout *l)
{
	int w, h;
	pango_layout_get_size(l, &w, &h);
	return (double)h / PANGO_SCALE;
}

/* draws s at (x, y) and returns its height */
static double text(cairo_t *cr, const char *font, const char *s, double x, double y, double width, int align)
{
	PangoLayout *l = layout(cr, font, s, width, align);
	cairo_move_to(cr, x, y);
	pango_cairo_show_layout(cr, l);
	double h = height_of(l);
	g_object_unref(l);
	return h;
}

/* a JSON value as cell text in a caller buffer */
static const char *cell(json_t *v, char *b, size_t n)
{
	if (json_is_string(v))
		return json_string_value(v);
	if (json_is_integer(v))
		snprintf(b, n, "%lld", (long long)json_integer_value(v));
	else if (json_is_real(v))
		snprintf(b, n, "%.4g", json_real_value(v));
	else if (json_is_true(v))
		snprintf(b, n, "是");
	else if (json_is_false(v))
		snprintf(b, n, "否");
	else if (!v || json_is_null(v))
		snprintf(b, n, "—");
	else {
		char *s = json_dumps(v, JSON_COMPACT);
		snprintf(b, n, "%s", s ? s : "");
		free(s);
	}
	return b;
}

/* display width of a text: a CJK (non-ASCII) character counts 2, others 1 */
static size_t display_width(const char *s)
{
	size_t w = 0;
	for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
		if (*p < 0x80)
			w++;
		else if ((*p & 0xC0) != 0x80)
			w += 2;
	}
	return w;
}

struct page {
	cairo_t *cr;
	int number;
	double y;
	const char *name; /* the institution, for the running footer */
	const char *generated;
};

static void footer(struct page *p)
{
	char b[400];
	snprintf(b, sizeof b, "%s · 质量档案 · 生成于 %s", p->name, p->generated);
	cairo_set_source_rgb(p->cr, 0.4, 0.4, 0.4);
	text(p->cr, F_SMALL, b, MARGIN, A4_H - 14 * MM, A4_W - 2 * MARGIN - 30 * MM, 0);
	snprintf(b, sizeof b, "第 %d 页", p->number);
	text(p->cr, F_SMALL, b, A4_W - MARGIN - 30 * MM, A4_H - 14 * MM, 30 * MM, 2);
	cairo_set_source_rgb(p->cr, 0, 0, 0);
}

static void new_page(struct page *p)
{
	footer(p);
	cairo_show_page(p->cr);
	p->number++;
	p->y = TOP;
}

/* makes room for h points, starting a new page when the rest of this one is too short */
static bool room(struct page *p, double h)
{
	if (p->y + h <= BOTTOM)
		return false;
	new_page(p);
	return true;
}

struct table {
	size_t n;
	const char *keys[MAX_COLS], *titles[MAX_COLS];
	double x[MAX_COLS], w[MAX_COLS];
};

static double row_height(cairo_t *cr, const struct table *t, const char *const *vals, const char *font)
{
	double h = 0;
	for (size_t c = 0; c < t->n; c++) {
		PangoLayout *l = layout(cr, font, vals[c], t->w[c] - 2 * PAD, 0);
		double ch = height_of(l);
		g_object_unref(l);
		if (ch > h)
			h = ch;
	}
	return h + 2 * PAD;
}

static void draw_row(struct page *p, const struct table *t, const char *const *vals, const char *font,
		     double h, bool head)
{
	cairo_t *cr = p->cr;
	if (head) {
		cairo_set_source_rgb(cr, 0.92, 0.93, 0.95);
		cairo_rectangle(cr, t->x[0], p->y, t->x[t->n - 1] + t->w[t->n - 1] - t->x[0], h);
		cairo_fill(cr);
	}
	cairo_set_source_rgb(cr, 0.7, 0.7, 0.7);
	cairo_set_line_width(cr, 0.4);
	for (size_t c = 0; c < t->n; c++) {
		cairo_rectangle(cr, t->x[c], p->y, t->w[c], h);
		cairo_stroke(cr);
	}
	cairo_set_source_rgb(cr, 0, 0, 0);
	for (size_t c = 0; c < t->n; c++)
		text(cr, font, vals[c], t->x[c] + PAD, p->y + PAD, t->w[c] - 2 * PAD, 0);
	p->y += h;
}

static void draw_section(struct page *p, json_t *sec, int index)
{
	static const char *const numerals[] = {"一", "二", "三",   "四",   "五",   "六",   "七",   "八",
					       "九", "十", "十一", "十二", "十三", "十四", "十五", "十六"};
	cairo_t *cr = p->cr;
	json_t *cols = json_object_get(sec, "columns"), *items = json_object_get(sec, "items");
	char head[300];
	snprintf(head, sizeof head, "%s、%s（%zu）", index < (int)ARRAY_LEN(numerals) ? numerals[index] : "",
		 json_string_value(json_object_get(sec, "title")) ?: "", json_array_size(items));
	room(p, 80); /* the heading never alone at the foot of a page */
	p->y += 4 * MM;
	cairo_set_source_rgb(cr, 0.10, 0.20, 0.45);
	p->y += text(cr, F_H2, head, MARGIN, p->y, A4_W - 2 * MARGIN, 0);
	const char *note = json_string_value(json_object_get(sec, "note"));
	if (note && *note) {
		cairo_set_source_rgb(cr, 0.4, 0.4, 0.4);
		p->y += text(cr, F_SMALL, note, MARGIN, p->y + 1, A4_W - 2 * MARGIN, 0) + 1;
	}
	cairo_set_source_rgb(cr, 0, 0, 0);
	p->y += 1.5 * MM;
	if (!json_array_size(items)) {
		p->y += text(cr, F_TEXT, "（无记录）", MARGIN, p->y, A4_W - 2 * MARGIN, 0);
		return;
	}
	/* column widths: each wants its widest text (at most 36 display characters) and needs at least its
	 * title (at most 8) and its longest unbreakable word (at most 12); what the page lacks is taken from
	 * the columns in proportion to what they want beyond their need, what it has left over is shared out
	 */
	struct table t = {0};
	/* one display unit: half a CJK character of the heading font, as pango lays it out on this surface */
	PangoLayout *ul = layout(cr, F_HEAD, "中", -1, 0);
	int uw, uh;
	pango_layout_get_size(ul, &uw, &uh);
	g_object_unref(ul);
	const double UNIT = (double)uw / PANGO_SCALE / 2 + 0.2;
	double want[MAX_COLS], need[MAX_COLS], sum_want = 0, sum_need = 0;
	size_t ci;
	json_t *col;
	json_array_foreach(cols, ci, col)
	{
		if (t.n == MAX_COLS)
			break;
		t.keys[t.n] = json_string_value(json_object_get(col, "key")) ?: "";
		t.titles[t.n] = json_string_value(json_object_get(col, "title")) ?: "";
		size_t title = display_width(t.titles[t.n]), w = title, word = 0;
		size_t ri;
		json_t *it;
		json_array_foreach(items, ri, it)
		{
			char b[64];
			const char *v = cell(json_object_get(it, t.keys[t.n]), b, sizeof b);
			size_t dw = display_width(v), run = 0;
			if (dw > w)
				w = dw;
			for (const char *q = v; *q; q++) { /* ASCII words; CJK text breaks anywhere */
				run = ((unsigned char)*q < 0x80 && *q != ' ') ? run + 1 : 0;
				if (run > word)
					word = run;
			}
		}
		double n = (double)(title > 8 ? 8 : title);
		double wd = (double)(word > 12 ? 12 : word);
		n = n > wd ? n : wd;
		n = n < 3 ? 3 : n;
		double wt = w > 36 ? 36 : (double)w;
		want[t.n] = (wt > n ? wt : n) * UNIT + 2 * PAD + 1;
		need[t.n] = n * UNIT + 2 * PAD + 1;
		sum_want += want[t.n];
		sum_need += need[t.n];
		t.n++;
	}
	if (!t.n)
		return;
	double avail = A4_W - 2 * MARGIN, x = MARGIN;
	for (size_t c = 0; c < t.n; c++) {
		double w;
		if (sum_want <= avail)
			w = want[c] * avail / sum_want;
		else if (sum_need >= avail)
			w = need[c] * avail / sum_need;
		else
			w = need[c] + (want[c] - need[c]) * (avail - sum_need) / (sum_want - sum_need);
		t.x[c] = x;
		t.w[c] = w;
		x += w;
	}
	double hh = row_height(cr, &t, t.titles, F_HEAD);
	room(p, hh * 2);
	draw_row(p, &t, t.titles, F_HEAD, hh, true);
	size_t ri;
	json_t *it;
	json_array_foreach(items, ri, it)
	{
		char bufs[MAX_COLS][64];
		const char *vals[MAX_COLS];
		for (size_t c = 0; c < t.n; c++)
			vals[c] = cell(json_object_get(it, t.keys[c]), bufs[c], sizeof bufs[c]);
		double h = row_height(cr, &t, vals, F_TEXT);
		if (room(p, h))
			draw_row(p, &t, t.titles, F_HEAD, hh, true);
		draw_row(p, &t, vals, F_TEXT, h, false);
	}
}

int archive_pdf(json_t *archive, char **pdf, size_t *len, err *e)
{
	json_t *inst = json_object_get(archive, "institution");
	const char *name = json_string_value(json_object_get(inst, "name")) ?: "";
	char title[400];
	snprintf(title, sizeof title, "%s 质量档案", name);
	buf b;
	buf_init(&b, 64u << 20);
	cairo_surface_t *s = cairo_pdf_surface_create_for_stream(to_buf, &b, A4_W, A4_H);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, title);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, "jineng " JINENG_VERSION);
	cairo_t *cr = cairo_create(s);
	struct page p = {.cr = cr,
			 .number = 1,
			 .y = TOP,
			 .name = name,
			 .generated = json_string_value(json_object_get(archive, "generated_at")) ?: ""};

	/* the title block */
	cairo_set_source_rgb(cr, 0, 0, 0);
	p.y += text(cr, F_TITLE, "评价机构质量档案", 0, p.y, A4_W, 1) + 2 * MM;
	p.y += text(cr, F_NAME, name, MARGIN, p.y, A4_W - 2 * MARGIN, 1) + 1 * MM;
	char line[600];
	snprintf(line, sizeof line, "统一社会信用代码 %s　·　%s（%s）　·　%s　·　生成于 %s",
		 json_string_value(json_object_get(inst, "credit_code")) ?: "",
		 json_string_value(json_object_get(inst, "region_name")) ?: "",
		 json_string_value(json_object_get(inst, "region_code")) ?: "",
		 json_string_value(json_object_get(inst, "status_name")) ?: "", p.generated);
	cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
	p.y += text(cr, F_SMALL, line, MARGIN, p.y, A4_W - 2 * MARGIN, 1) + 2 * MM;
	cairo_set_source_rgb(cr, 0.10, 0.20, 0.45);
	cairo_set_line_width(cr, 1.2);
	cairo_move_to(cr, MARGIN, p.y);
	cairo_line_to(cr, A4_W - MARGIN, p.y);
	cairo_stroke(cr);
	p.y += 2 * MM;

	size_t i;
	json_t *sec;
	json_array_foreach(json_object_get(archive, "sections"), i, sec) draw_section(&p, sec, (int)i);

	footer(&p);
	cairo_show_page(cr);
	cairo_destroy(cr);
	cairo_surface_finish(s);
	cairo_status_t st = cairo_surface_status(s);
	cairo_surface_destroy(s);
	if (st != CAIRO_STATUS_SUCCESS || !buf_ok(&b)) {
		buf_free(&b);
		return err_set(e, 500, "internal", NULL, "生成质量档案 PDF 失败",
			       "could not render the quality archive PDF");
	}
	*pdf = buf_take(&b, len);
	return 0;
}
