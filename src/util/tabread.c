/* tabread.c: tables from CSV or XLSX with declared columns (see tabread.h) */
#include "util/common.h"
#include "util/tabread.h"
#include "util/csvread.h"
#include <errno.h>
#include <expat.h>
#include <strings.h>
#include <zip.h>

#define DEFAULT_PROGRESS 1000
#define DEFAULT_KEEP	 1000
/* The most an XLSX part may inflate to, in proportion to the workbook's size (XML compresses 10 to 20
 * times; a zip bomb must not cost more than that): the shared strings are held in memory, the sheet is
 * streamed, the small parts (workbook, relationships) have a fixed cap. */
#define XLSX_SMALL_PART	 ((zip_uint64_t)4 << 20)
#define XLSX_RATIO	 64
#define XLSX_MAX_STRINGS ((zip_uint64_t)512 << 20)
#define XLSX_MAX_SHEET	 ((zip_uint64_t)4 << 30)

/* ---- header matching ---- */

struct reader {
	const tab_spec *spec;
	const tab_opts *opts;
	tab_row_fn fn;
	void *ctx;
	tab_info *info;
	err *e;
	int *map;
	bool header_seen;
	int rc; /* set when the header fails (-1, e set) */
};

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* trims in place; returns the start */
static char *trim(char *s)
{
	while (is_space(*s))
		s++;
	size_t n = strlen(s);
	while (n && is_space(s[n - 1]))
		s[--n] = 0;
	return s;
}

/* copies s into out[cap], cut at a character boundary */
static void copy_utf8(char *out, size_t cap, const char *s)
{
	size_t n = strlen(s);
	if (n >= cap) {
		n = cap - 1;
		while (n && ((unsigned char)s[n] & 0xc0) == 0x80)
			n--;
	}
	memcpy(out, s, n);
	out[n] = 0;
}

/* header text as compared: trimmed, without a trailing '*' (or full-width ＊) marking a required column */
static void header_key(const char *h, char *out, size_t cap)
{
	while (is_space(*h))
		h++;
	size_t n = strlen(h);
	for (;;) {
		while (n && is_space(h[n - 1]))
			n--;
		if (n && h[n - 1] == '*')
			n--;
		else if (n >= 3 && !memcmp(h + n - 3, "\xEF\xBC\x8A", 3))
			n -= 3;
		else
			break;
	}
	char tmp[1024];
	if (n >= sizeof tmp)
		n = sizeof tmp - 1;
	memcpy(tmp, h, n);
	tmp[n] = 0;
	copy_utf8(out, cap, tmp);
}

static bool col_named(const tab_col *c, const char *h)
{
	if (!strcasecmp(h, c->field) || (c->zh && !strcasecmp(h, c->zh)))
		return true;
	for (int i = 0; i < TAB_MAX_ALIASES && c->aliases[i]; i++)
		if (!strcasecmp(h, c->aliases[i]))
			return true;
	return false;
}

static void col_label(const tab_col *c, char *zh, size_t zcap, char *en, size_t ecap)
{
	if (c->zh) {
		snprintf(zh, zcap, "%s（%s）", c->zh, c->field);
		snprintf(en, ecap, "%s (%s)", c->field, c->zh);
	} else {
		snprintf(zh, zcap, "%s", c->field);
		snprintf(en, ecap, "%s", c->field);
	}
}

static int header(struct reader *r, char **f, size_t n)
{
	const tab_spec *s = r->spec;
	for (size_t k = 0; k < s->ncols; k++)
		r->map[k] = -1;
	for (size_t i = 0; i < n; i++) {
		char h[256];
		header_key(f[i] ? f[i] : "", h, sizeof h);
		if (!*h)
			continue;
		size_t k = 0;
		while (k < s->ncols && !col_named(&s->cols[k], h))
			k++;
		if (k == s->ncols) {
			if (!r->info->unknown++)
				copy_utf8(r->info->first_unknown, sizeof r->info->first_unknown, h);
			if (s->flags & TAB_STRICT)
				return err_set(r->e, 422, "unknown_column", r->info->first_unknown,
					       "无法识别第 %zu 列的列名：%s",
					       "column %zu has an unknown header: %s", i + 1, h);
			continue;
		}
		if (r->map[k] >= 0) {
			char zh[160], en[160];
			col_label(&s->cols[k], zh, sizeof zh, en, sizeof en);
			return err_set(r->e, 422, "duplicate_column", s->cols[k].field,
				       "第 %d 列和第 %zu 列都是 %s", "columns %d and %zu both give %.0s%s",
				       r->map[k] + 1, i + 1, zh, en);
		}
		r->map[k] = (int)i;
	}
	/* every missing required column, named in both languages; the field is the first */
	char zh[320] = "", en[320] = "";
	const char *first = NULL;
	for (size_t k = 0; k < s->ncols; k++) {
		if (!(s->cols[k].flags & TAB_REQUIRED) || r->map[k] >= 0)
			continue;
		char z[160], g[160];
		col_label(&s->cols[k], z, sizeof z, g, sizeof g);
		size_t zl = strlen(zh), el = strlen(en);
		snprintf(zh + zl, sizeof zh - zl, "%s%s", first ? "、" : "", z);
		snprintf(en + el, sizeof en - el, "%s%s", first ? ", " : "", g);
		if (!first)
			first = s->cols[k].field;
	}
	if (first)
		return err_set(r->e, 422, "missing_column", first, "缺少必需的列：%s",
			       "the header lacks the required column %.0s%s", zh, en);
	r->info->header = true;
	return 0;
}

/* one record from either format: the first is the header */
static int on_record(void *p, char **f, size_t n, size_t line)
{
	struct reader *r = p;
	if (!r->header_seen) {
		r->header_seen = true;
		if (header(r, f, n) != 0) {
			r->rc = -1;
			return -1;
		}
		return 0;
	}
	if (r->spec->flags & TAB_TRIM)
		for (size_t i = 0; i < n; i++)
			f[i] = trim(f[i]);
	tab_row row = {.line = line, .cells = f, .n = n, .map = r->map, .spec = r->spec};
	r->info->rows++;
	int rc = r->fn(r->ctx, &row);
	if (rc == 0 && r->opts && r->opts->progress) {
		size_t every = r->opts->progress_every ? r->opts->progress_every : DEFAULT_PROGRESS;
		if (r->info->rows % every == 0)
			r->opts->progress(r->opts->progress_ctx, r->info->rows);
	}
	return rc;
}

const char *tab_get(const tab_row *r, int col)
{
	if (col < 0 || (size_t)col >= r->spec->ncols)
		return NULL;
	int i = r->map[col];
	return i >= 0 && (size_t)i < r->n && r->cells[i] && *r->cells[i] ? r->cells[i] : NULL;
}

bool tab_has(const tab_row *r, int col)
{
	return col >= 0 && (size_t)col < r->spec->ncols && r->map[col] >= 0;
}

static bool is_zip(const char *data, size_t len)
{
	return len >= 4 && !memcmp(data, "PK\x03\x04", 4);
}

int tab_read_mem(const tab_spec *spec, const char *data, size_t len, const tab_opts *opts, tab_row_fn fn,
		 void *ctx, tab_info *info, err *e)
{
	tab_info dummy;
	if (!info)
		info = &dummy;
	memset(info, 0, sizeof *info);
	struct reader r = {.spec = spec, .opts = opts, .fn = fn, .ctx = ctx, .info = info, .e = e};
	r.map = xmalloc((spec->ncols ? spec->ncols : 1) * sizeof *r.map);
	char *conv = NULL;
	int rc;
	if (is_zip(data, len)) {
		info->format = "xlsx";
		info->encoding = "utf-8";
		rc = xlsx_read_mem(data, len, on_record, &r, e);
	} else {
		info->format = "csv";
		if ((rc = text_to_utf8(&data, &len, &conv, &info->encoding, e)) != 0)
			goto out;
		rc = csv_read_mem(data, len, on_record, &r, e);
	}
	if (r.rc)
		rc = r.rc; /* the header's error, in e */
	else if (rc == 0 && !r.header_seen)
		rc = err_set(e, 422, "empty_file", NULL, "文件为空或缺少表头",
			     "the file is empty or has no header row");
out:
	free(conv);
	free(r.map);
	return rc;
}

int tab_read_file(const tab_spec *spec, const char *path, const tab_opts *opts, tab_row_fn fn, void *ctx,
		  tab_info *info, err *e)
{
	size_t len;
	char *data = file_read_all(path, &len, e);
	if (!data) {
		if (info)
			memset(info, 0, sizeof *info);
		return -1;
	}
	int rc = tab_read_mem(spec, data, len, opts, fn, ctx, info, e);
	free(data);
	return rc;
}

/* ---- XLSX: the first sheet of a workbook ---- */

/* element and attribute names without their namespace prefix (files from some tools write x:row) */
static const char *local(const char *name)
{
	const char *c = strrchr(name, ':');
	return c ? c + 1 : name;
}

static const char *attr(const char **atts, const char *name)
{
	for (int i = 0; atts[i]; i += 2)
		if (!strcmp(local(atts[i]), name))
			return atts[i + 1];
	return NULL;
}

/* the r:id attribute (relationship namespace), told from a plain id by its prefix */
static const char *rel_id(const char **atts)
{
	for (int i = 0; atts[i]; i += 2)
		if (strchr(atts[i], ':') && !strcmp(local(atts[i]), "id"))
			return atts[i + 1];
	return NULL;
}

/* growing text, with a cap */
struct text {
	char *p;
	size_t len, cap;
};

static bool text_add(struct text *t, const char *s, size_t n, size_t max)
{
	if (t->len + n + 1 > max)
		return false;
	if (t->len + n + 1 > t->cap) {
		while (t->len + n + 1 > t->cap)
			t->cap = t->cap ? t->cap * 2 : 256;
		t->p = xrealloc(t->p, t->cap);
	}
	memcpy(t->p + t->len, s, n);
	t->len += n;
	t->p[t->len] = 0;
	return true;
}

struct xlsx {
	zip_t *z;
	err *e;
	XML_Parser xp;
	bool failed; /* e set */
	int stop;    /* the row callback's value */
	/* workbook and its relationships */
	char sheet_rid[64], sheet_path[256];
	bool have_sheet;
	/* shared strings */
	struct text sst; /* every shared string, NUL-terminated, one after another */
	size_t *sstoff, nsst, capsst;
	zip_uint64_t max_strings, max_sheet;
	int si_depth, rph_depth;
	bool in_t;
	struct text cur;
	/* the sheet */
	int (*fn)(void *, char **, size_t, size_t);
	void *ctx;
	size_t row_no, col, ncells, capcells;
	size_t *offs; /* cell offsets into rowtext, (size_t)-1 for none */
	char **cells;
	struct text rowtext;
	char ctype[16];
	bool in_v, in_is;
};

static void xfail(struct xlsx *x, const char *zh, const char *en)
{
	if (!x->failed)
		err_set(x->e, 422, "malformed_xlsx", NULL, "XLSX 文件无法读取：%s",
			"unreadable XLSX file: %.0s%s", zh, en);
	x->failed = true;
	XML_StopParser(x->xp, XML_FALSE);
}

/* SpreadsheetML has no DOCTYPE: one is refused before its entities could be declared */
static void on_doctype(void *p, const char *name, const char *sysid, const char *pubid, int has_internal)
{
	UNUSED(name);
	UNUSED(sysid);
	UNUSED(pubid);
	UNUSED(has_internal);
	xfail(p, "不允许 DOCTYPE", "a DOCTYPE is not allowed");
}

/* parses one part of the archive with the handlers set on a fresh parser; 1 when the part is absent */
static int parse_part(struct xlsx *x, const char *name, XML_StartElementHandler start,
		      XML_EndElementHandler end, XML_CharacterDataHandler chars, zip_uint64_t max)
{
	zip_stat_t st;
	zip_stat_init(&st);
	if (zip_stat(x->z, name, 0, &st) != 0)
		return 1;
	if ((st.valid & ZIP_STAT_SIZE) && st.size > max)
		return err_set(x->e, 422, "too_large", NULL, "XLSX 文件中的 %s 过大",
			       "the XLSX part %s is too large", name);
	zip_file_t *zf = zip_fopen(x->z, name, 0);
	if (!zf)
		return err_set(x->e, 422, "malformed_xlsx", NULL, "XLSX 文件无法读取：%s 损坏",
			       "unreadable XLSX file: %s is damaged", name);
	XML_Parser p = XML_ParserCreate("UTF-8");
	x->xp = p;
	XML_SetUserData(p, x);
	XML_SetElementHandler(p, start, end);
	XML_SetCharacterDataHandler(p, chars);
	XML_SetStartDoctypeDeclHandler(p, on_doctype);
	int rc = 0;
	zip_uint64_t total = 0;
	char buf[65536];
	for (;;) {
		zip_int64_t got = zip_fread(zf, buf, sizeof buf);
		if (got < 0) {
			rc = err_set(x->e, 422, "malformed_xlsx", NULL, "XLSX 文件无法读取：%s 损坏",
				     "unreadable XLSX file: %s is damaged", name);
			break;
		}
		total += (zip_uint64_t)got;
		if (total > max) {
			rc = err_set(x->e, 422, "too_large", NULL, "XLSX 文件中的 %s 过大",
				     "the XLSX part %s is too large", name);
			break;
		}
		if (XML_Parse(p, buf, (int)got, got == 0) == XML_STATUS_ERROR) {
			if (x->failed || x->stop)
				rc = x->failed ? -1 : x->stop;
			else
				rc = err_set(x->e, 422, "malformed_xlsx", NULL,
					     "XLSX 文件无法读取：%s 第 %lu 行：%s",
					     "unreadable XLSX file: %s line %lu: %s", name,
					     (unsigned long)XML_GetCurrentLineNumber(p),
					     XML_ErrorString(XML_GetErrorCode(p)));
			break;
		}
		if (x->failed || x->stop) {
			rc = x->failed ? -1 : x->stop;
			break;
		}
		if (got == 0)
			break;
	}
	XML_ParserFree(p);
	x->xp = NULL;
	zip_fclose(zf);
	return rc;
}

/* workbook.xml: the first <sheet>'s relationship id */
static void wb_start(void *p, const char *name, const char **atts)
{
	struct xlsx *x = p;
	if (!x->sheet_rid[0] && !strcmp(local(name), "sheet")) {
		const char *id = rel_id(atts);
		if (id)
			snprintf(x->sheet_rid, sizeof x->sheet_rid, "%s", id);
	}
}

/* workbook.xml.rels: where that relationship points */
static void rels_start(void *p, const char *name, const char **atts)
{
	struct xlsx *x = p;
	if (x->have_sheet || strcmp(local(name), "Relationship"))
		return;
	const char *id = attr(atts, "Id"), *target = attr(atts, "Target");
	if (!id || !target || strcmp(id, x->sheet_rid))
		return;
	if (target[0] == '/')
		snprintf(x->sheet_path, sizeof x->sheet_path, "%s", target + 1);
	else
		snprintf(x->sheet_path, sizeof x->sheet_path, "xl/%s", target);
	x->have_sheet = true;
}

static void no_end(void *p, const char *name)
{
	UNUSED(p);
	UNUSED(name);
}

static void no_chars(void *p, const char *s, int n)
{
	UNUSED(p);
	UNUSED(s);
	UNUSED(n);
}

/* sharedStrings.xml: <si> holds <t>, or runs <r><t>; the phonetic guide <rPh><t> is not the text */
static void sst_start(void *p, const char *name, const char **atts)
{
	UNUSED(atts);
	struct xlsx *x = p;
	const char *n = local(name);
	if (!strcmp(n, "si")) {
		x->si_depth++;
		x->cur.len = 0;
		if (x->cur.p)
			x->cur.p[0] = 0;
	} else if (!strcmp(n, "rPh")) {
		x->rph_depth++;
	} else if (!strcmp(n, "t") && x->si_depth && !x->rph_depth) {
		x->in_t = true;
	}
}

static void sst_end(void *p, const char *name)
{
	struct xlsx *x = p;
	const char *n = local(name);
	if (!strcmp(n, "t")) {
		x->in_t = false;
	} else if (!strcmp(n, "rPh")) {
		x->rph_depth--;
	} else if (!strcmp(n, "si") && x->si_depth) {
		x->si_depth--;
		if (x->nsst == x->capsst) {
			x->capsst = x->capsst ? x->capsst * 2 : 256;
			x->sstoff = xrealloc(x->sstoff, x->capsst * sizeof *x->sstoff);
		}
		x->sstoff[x->nsst++] = x->sst.len;
		if (!text_add(&x->sst, x->cur.p ? x->cur.p : "", x->cur.len, x->max_strings) ||
		    !text_add(&x->sst, "\0", 1, x->max_strings)) {
			err_set(x->e, 422, "too_large", NULL, "XLSX 文件的共享字符串过多",
				"the XLSX file's shared strings are too large");
			x->failed = true;
			XML_StopParser(x->xp, XML_FALSE);
		}
	}
}

static void sst_chars(void *p, const char *s, int n)
{
	struct xlsx *x = p;
	if (x->in_t && !text_add(&x->cur, s, (size_t)n, x->max_strings))
		xfail(x, "共享字符串过长", "a shared string is too long");
}

/* "BC12" -> column 54 (0-based); -1 when malformed */
static long col_of_ref(const char *ref)
{
	long c = 0;
	int letters = 0;
	for (; *ref >= 'A' && *ref <= 'Z'; ref++, letters++) {
		c = c * 26 + (*ref - 'A' + 1);
		if (c > TAB_MAX_COLUMNS)
			return -1;
	}
	return letters ? c - 1 : -1;
}

static void row_reset(struct xlsx *x)
{
	x->ncells = 0;
	x->col = 0;
	x->rowtext.len = 0;
}

static void sheet_start(void *p, const char *name, const char **atts)
{
	struct xlsx *x = p;
	const char *n = local(name);
	if (!strcmp(n, "row")) {
		const char *r = attr(atts, "r");
		char *end;
		unsigned long no = r ? strtoul(r, &end, 10) : 0;
		x->row_no = r && !*end && no > 0 ? (size_t)no : x->row_no + 1;
		row_reset(x);
	} else if (!strcmp(n, "c")) {
		const char *r = attr(atts, "r"), *t = attr(atts, "t");
		long c = r ? col_of_ref(r) : (long)x->col;
		if (c < 0 || c >= TAB_MAX_COLUMNS) {
			xfail(x, "单元格引用无效", "a cell reference is invalid");
			return;
		}
		x->col = (size_t)c;
		snprintf(x->ctype, sizeof x->ctype, "%s", t ? t : "n");
		/* the cell's text starts here; NUL-separated in rowtext */
		if (x->col >= x->capcells) {
			size_t cap = x->capcells ? x->capcells : 16;
			while (cap <= x->col)
				cap *= 2;
			x->offs = xrealloc(x->offs, cap * sizeof *x->offs);
			x->capcells = cap;
		}
		for (size_t i = x->ncells; i <= x->col; i++)
			x->offs[i] = (size_t)-1;
		if (x->ncells <= x->col)
			x->ncells = x->col + 1;
		x->offs[x->col] = x->rowtext.len;
		if (!text_add(&x->rowtext, "", 0, x->max_sheet))
			xfail(x, "行过长", "a row is too long");
	} else if (!strcmp(n, "v")) {
		x->in_v = true;
	} else if (!strcmp(n, "is")) {
		x->in_is = true;
	} else if (!strcmp(n, "t") && x->in_is) {
		x->in_v = true;
	} else if (!strcmp(n, "rPh")) {
		x->rph_depth++;
	}
}

static void sheet_chars(void *p, const char *s, int n)
{
	struct xlsx *x = p;
	if (x->in_v && !x->rph_depth && !text_add(&x->rowtext, s, (size_t)n, x->max_sheet))
		xfail(x, "行过长", "a row is too long");
}

static void sheet_end(void *p, const char *name)
{
	struct xlsx *x = p;
	const char *n = local(name);
	if (!strcmp(n, "v") || (!strcmp(n, "t") && x->in_is)) {
		x->in_v = false;
	} else if (!strcmp(n, "is")) {
		x->in_is = false;
	} else if (!strcmp(n, "rPh")) {
		x->rph_depth--;
	} else if (!strcmp(n, "c")) {
		size_t off = x->offs[x->col];
		if (!strcmp(x->ctype, "s") && x->rowtext.p[off]) {
			/* a shared string: the value is its index; the text replaces it */
			char *end;
			unsigned long i = strtoul(x->rowtext.p + off, &end, 10);
			if (end == x->rowtext.p + off || *end || i >= x->nsst) {
				xfail(x, "共享字符串编号无效", "a shared string index is invalid");
				return;
			}
			x->rowtext.len = off;
			const char *str = x->sst.p + x->sstoff[i];
			if (!text_add(&x->rowtext, str, strlen(str), x->max_sheet)) {
				xfail(x, "行过长", "a row is too long");
				return;
			}
		}
		/* the terminating NUL belongs to this cell */
		if (!text_add(&x->rowtext, "\0", 1, x->max_sheet)) {
			xfail(x, "行过长", "a row is too long");
			return;
		}
		x->col++;
	} else if (!strcmp(n, "row")) {
		bool any = false;
		for (size_t i = 0; i < x->ncells && !any; i++)
			any = x->offs[i] != (size_t)-1 && x->rowtext.p[x->offs[i]];
		if (!any)
			return;
		x->cells = xrealloc(x->cells, (x->ncells ? x->ncells : 1) * sizeof *x->cells);
		static char empty[1];
		for (size_t i = 0; i < x->ncells; i++)
			x->cells[i] = x->offs[i] == (size_t)-1 ? empty : x->rowtext.p + x->offs[i];
		int rc = x->fn(x->ctx, x->cells, x->ncells, x->row_no);
		if (rc) {
			x->stop = rc;
			XML_StopParser(x->xp, XML_FALSE);
		}
	}
}

int xlsx_read_mem(const char *data, size_t len, int (*fn)(void *ctx, char **fields, size_t n, size_t row),
		  void *ctx, err *e)
{
	zip_uint64_t budget = (zip_uint64_t)len * XLSX_RATIO + XLSX_SMALL_PART;
	struct xlsx x = {.e = e,
			 .fn = fn,
			 .ctx = ctx,
			 .max_strings = budget < XLSX_MAX_STRINGS ? budget : XLSX_MAX_STRINGS,
			 .max_sheet = budget < XLSX_MAX_SHEET ? budget : XLSX_MAX_SHEET};
	zip_error_t ze;
	zip_error_init(&ze);
	zip_source_t *src = zip_source_buffer_create(data, len, 0, &ze);
	int rc = -1;
	if (src && !(x.z = zip_open_from_source(src, ZIP_RDONLY, &ze)))
		zip_source_free(src);
	if (!x.z) {
		rc = err_set(e, 422, "malformed_xlsx", NULL, "XLSX 文件无法读取：%s",
			     "unreadable XLSX file: %.0s%s", "不是有效的 ZIP 压缩包",
			     zip_error_strerror(&ze));
		goto out;
	}
	if ((rc = parse_part(&x, "xl/workbook.xml", wb_start, no_end, no_chars, XLSX_SMALL_PART)) < 0)
		goto out;
	if (rc == 1) {
		rc = err_set(e, 422, "malformed_xlsx", NULL, "XLSX 文件无法读取：缺少 xl/workbook.xml",
			     "unreadable XLSX file: xl/workbook.xml is missing");
		goto out;
	}
	if (x.sheet_rid[0] && (rc = parse_part(&x, "xl/_rels/workbook.xml.rels", rels_start, no_end, no_chars,
					       XLSX_SMALL_PART)) < 0)
		goto out;
	if (!x.have_sheet)
		snprintf(x.sheet_path, sizeof x.sheet_path, "xl/worksheets/sheet1.xml");
	if ((rc = parse_part(&x, "xl/sharedStrings.xml", sst_start, sst_end, sst_chars, x.max_strings)) < 0)
		goto out;
	rc = parse_part(&x, x.sheet_path, sheet_start, sheet_end, sheet_chars, x.max_sheet);
	if (rc == 1)
		rc = err_set(e, 422, "malformed_xlsx", NULL, "XLSX 文件无法读取：缺少工作表 %s",
			     "unreadable XLSX file: the sheet %s is missing", x.sheet_path);
out:
	if (x.z)
		zip_discard(x.z);
	zip_error_fini(&ze);
	free(x.sst.p);
	free(x.sstoff);
	free(x.cur.p);
	free(x.offs);
	free(x.cells);
	free(x.rowtext.p);
	return rc;
}

/* ---- the reject report ---- */

void tab_report_init(tab_report *r, size_t keep)
{
	memset(r, 0, sizeof *r);
	r->keep = keep ? keep : DEFAULT_KEEP;
}

void tab_report_add(tab_report *r, size_t line, const err *e)
{
	r->count++;
	if (r->kept >= r->keep)
		return;
	if (r->kept == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 16;
		r->items = xrealloc(r->items, r->cap * sizeof *r->items);
	}
	r->items[r->kept].line = line;
	r->items[r->kept++].e = *e;
}

void tab_report_free(tab_report *r)
{
	free(r->items);
	memset(r, 0, sizeof *r);
}

static int csv_cell(FILE *f, const char *s)
{
	if (!strpbrk(s, ",\"\r\n"))
		return fputs(s, f) < 0 ? -1 : 0;
	if (fputc('"', f) == EOF)
		return -1;
	for (; *s; s++)
		if ((*s == '"' && fputc('"', f) == EOF) || fputc(*s, f) == EOF)
			return -1;
	return fputc('"', f) == EOF ? -1 : 0;
}

int tab_report_csv_header(FILE *f)
{
	return fputs("\xEF\xBB\xBFline,field,code,message\n", f) < 0 ? -1 : 0;
}

int tab_report_csv_row(FILE *f, size_t line, const err *e)
{
	if (fprintf(f, "%zu,", line) < 0 || csv_cell(f, e->field) || fputc(',', f) == EOF ||
	    csv_cell(f, e->code ? e->code : "") || fputc(',', f) == EOF || fputc('"', f) == EOF)
		return -1;
	for (const char *p = e->zh; *p; p++)
		if ((*p == '"' && fputc('"', f) == EOF) || fputc(*p, f) == EOF)
			return -1;
	return fputs("\"\n", f) < 0 ? -1 : 0;
}

int tab_report_write_csv(const tab_report *r, FILE *f)
{
	if (tab_report_csv_header(f) != 0)
		return -1;
	for (size_t i = 0; i < r->kept; i++)
		if (tab_report_csv_row(f, r->items[i].line, &r->items[i].e) != 0)
			return -1;
	return 0;
}
