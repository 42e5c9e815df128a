#include "util/common.h"
#include "svc/registry/refdata_load.h"
#include "svc/base/tx.h"
#include "store/refdata.h"
#include "util/csvread.h"
#include "core/date.h"
#include "core/workdays.h"
#include <time.h>

int occupation_levels_mask(const char *s)
{
	int mask = 0;
	if (!s)
		return 0;
	for (const char *p = s; *p; p++) {
		if (*p >= '1' && *p <= '5' && (p[1] == 0 || p[1] == '|'))
			mask |= 1 << (*p - '0');
		else if (*p != '|')
			return -1;
	}
	return mask;
}

static bool occ_code_ok(const char *c)
{
	/* 国家职业分类大典: d-dd-dd-dd; ours for 专项职业能力: ZX-37-NNN */
	size_t n = strlen(c);
	if (n == 10) {
		for (size_t i = 0; i < n; i++)
			if ((i == 1 || i == 4 || i == 7) ? c[i] != '-' : (c[i] < '0' || c[i] > '9'))
				return false;
		return true;
	}
	return n == 9 && !strncmp(c, "ZX-", 3) && c[5] == '-' && strspn(c + 3, "0123456789") == 2 &&
	       strspn(c + 6, "0123456789") == 3;
}

int occupation_add(db *d, const char *code, const char *name, const char *category, const char *levels,
		   const char *types, const char *kind, bool ignore_existing, err *e)
{
	if (!code || !occ_code_ok(code))
		return err_set(e, 422, "invalid_occupation_code", "code",
			       "职业编码格式应为 X-XX-XX-XX（或专项 ZX-37-NNN）",
			       "occupation codes look like 6-31-01-03 (or ZX-37-001 for special abilities)");
	if (!name || !*name)
		return err_set(e, 422, "missing_field", "name", "缺少职业名称", "missing occupation name");
	int mask = occupation_levels_mask(levels);
	if (mask < 0)
		return err_set(e, 422, "invalid_level", "levels", "等级应写作 5|4|3 这样的形式",
			       "levels look like 5|4|3");
	if (!kind || !*kind)
		kind = "occupation";
	if (strcmp(kind, "occupation") && strcmp(kind, "special"))
		return err_set(e, 422, "invalid_value", "kind", "kind 应为 occupation 或 special",
			       "kind must be occupation or special");
	int cat = category && *category ? atoi(category) : 0;
	const char *sql = ignore_existing ? "INSERT INTO occupations (code, name, category, levels, types, "
					    "kind, created_at) VALUES "
					    "($1,$2,$3,$4,$5,$6,$7) ON CONFLICT (code) DO NOTHING"
					  : "INSERT INTO occupations (code, name, category, levels, types, "
					    "kind, created_at) VALUES "
					    "($1,$2,$3,$4,$5,$6,$7)";
	int64_t n = db_run(d, sql,
			   DB_ARGS(DV_S(code), DV_S(name), cat ? DV_I(cat) : DV_NULL, DV_I(mask),
				   DV_S(types ? types : ""), DV_S(kind), DV_I(time(NULL))),
			   e);
	if (n < 0 && e->status == 409)
		return err_set(e, 409, "occupation_exists", "code", "职业编码 %s 已存在",
			       "occupation %s exists", code);
	return n < 0 ? -1 : (int)n;
}

struct load {
	db *d;
	err *e;
	int added;
	int cols[8];
	const char *which;
};

static int col(char **f, size_t n, int i)
{
	return i >= 0 && (size_t)i < n && f[i][0];
}

static int region_row(void *ctx, char **f, size_t n, size_t rec)
{
	struct load *l = ctx;
	if (rec == 1)
		return 0;
	if (n < 4)
		return 0;
	int64_t c = db_run(l->d,
			   "INSERT INTO regions (code, name, parent_code, level) VALUES ($1,$2,$3,$4) ON "
			   "CONFLICT (code) DO "
			   "NOTHING",
			   DB_ARGS(DV_S(f[0]), DV_S(f[1]), f[2][0] ? DV_S(f[2]) : DV_NULL, DV_S(f[3])), l->e);
	if (c < 0)
		return -1;
	l->added += (int)c;
	return 0;
}

static int occ_row(void *ctx, char **f, size_t n, size_t rec)
{
	struct load *l = ctx;
	if (rec == 1) {
		/* header: code,name,category,levels,types,kind */
		static const char *names[] = {"code", "name", "category", "levels", "types", "kind"};
		for (size_t k = 0; k < ARRAY_LEN(names); k++) {
			l->cols[k] = -1;
			for (size_t i = 0; i < n; i++)
				if (!strcmp(f[i], names[k]))
					l->cols[k] = (int)i;
		}
		return 0;
	}
	const char *v[6];
	for (int k = 0; k < 6; k++)
		v[k] = col(f, n, l->cols[k]) ? f[l->cols[k]] : NULL;
	int rc = occupation_add(l->d, v[0], v[1], v[2], v[3], v[4], v[5], true, l->e);
	if (rc < 0)
		return -1;
	l->added += rc;
	return 0;
}

static int holiday_row(void *ctx, char **f, size_t n, size_t rec)
{
	struct load *l = ctx;
	int ymd;
	if (rec == 1 || n < 2)
		return 0;
	if (date_parse(f[0], &ymd) != 0 || (strcmp(f[1], "holiday") && strcmp(f[1], "workday")))
		return err_set(l->e, 422, "invalid_value", "holidays.csv", "节假日表第 %zu 行无效",
			       "holidays.csv line %zu is invalid", rec);
	int64_t c =
		db_run(l->d,
		       "INSERT INTO calendar_days (day, workday, name) VALUES ($1,$2,$3) ON CONFLICT (day) "
		       "DO NOTHING",
		       DB_ARGS(DV_S(f[0]), DV_I(!strcmp(f[1], "workday")), DV_S(n > 2 ? f[2] : "")), l->e);
	if (c < 0)
		return -1;
	l->added += (int)c;
	return 0;
}

struct cal_day *calendar_load(db *d, size_t *n, err *e)
{
	db_stmt *st = db_query(d, "SELECT day, workday FROM calendar_days ORDER BY day", DB_NOARGS, e);
	if (!st)
		return NULL;
	size_t cap = 512, k = 0;
	struct cal_day *cal = xmalloc(cap * sizeof *cal);
	while (db_step(st) == DB_ROW) {
		int ymd;
		if (date_parse(db_text(st, 0), &ymd) != 0)
			continue;
		if (k == cap)
			cal = xrealloc(cal, (cap *= 2) * sizeof *cal);
		cal[k++] = (struct cal_day){ymd, db_int(st, 1) != 0};
	}
	if (db_finish(st, e) != 0) {
		free(cal);
		return NULL;
	}
	*n = k;
	return cal;
}

struct load_ctx {
	struct refdata_counts *added;
};

static int load_work(tx *t, void *p, err *e)
{
	struct refdata_counts *added = ((struct load_ctx *)p)->added;
	const char *regions = refdata_get("regions.csv"), *occ = refdata_get("occupations.csv"),
		   *hol = refdata_get("holidays.csv");
	struct load l = {.d = t->d, .e = e};
	memset(added, 0, sizeof *added);
	if (regions && csv_read_mem(regions, strlen(regions), region_row, &l, e) != 0)
		return -1;
	added->regions = l.added;
	l.added = 0;
	if (occ && csv_read_mem(occ, strlen(occ), occ_row, &l, e) != 0)
		return -1;
	added->occupations = l.added;
	l.added = 0;
	if (hol && csv_read_mem(hol, strlen(hol), holiday_row, &l, e) != 0)
		return -1;
	added->calendar_days = l.added;
	return 0;
}

int refdata_load(db *d, struct refdata_counts *added, err *e)
{
	principal sys = {.role = ROLE_PROVINCE_ADMIN, .username = "system:migrate"};
	struct load_ctx c = {.added = added};
	return svc_tx_flags(d, &sys, TX_NO_AUDIT, load_work, &c, e);
}
