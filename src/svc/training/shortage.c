#include "util/common.h"
#include "svc/training/shortage.h"
#include "core/money.h"
#include "store/query.h"
#include "svc/base/scope.h"
#include "svc/base/tx.h"
#include "svc/training/view.h"

static const struct list_filter shortage_filters[] = {
	{"city_code", "sl.city_code LIKE ?", LIST_REGION, 12},
};

static const struct export_col shortage_cols[] = {
	{"city_name", "城市"},
	{"year", "年度"},
	{"title", "目录"},
	{"declared_count", "工种数"},
	{"min_fen", "补贴下限（分）"},
	{"max_fen", "补贴上限（分）"},
	{"source", "来源"},
};

const struct list_spec shortage_list = {
	.name = "shortage_lists",
	.count_sql = "SELECT COUNT(*) FROM training_shortage_lists sl",
	.select_sql = "SELECT " TRAINING_SHORTAGE_LIST_VIEW_COLS " FROM training_shortage_lists sl",
	.order = "sl.year DESC, sl.city_code",
	LIST_FILTERS(shortage_filters),
	.view = training_shortage_list_view,
	LIST_COLS(shortage_cols),
};

static int check_year(int64_t year, err *e)
{
	if (year < 2000 || year > 9999)
		return err_set(e, 422, "invalid_value", "year", "年度应为 2000..9999",
			       "year must be 2000..9999");
	return 0;
}

json_t *shortage_get_json(db *d, const char *city, int64_t year, err *e)
{
	if (check_year(year, e) != 0)
		return NULL;
	if (!city || strlen(city) > 12)
		return err_set(e, 404, "not_found", NULL, "目录不存在", "no such list"), NULL;
	json_t *o =
		row_json(db_query(d,
				  "SELECT " TRAINING_SHORTAGE_LIST_VIEW_COLS
				  " FROM training_shortage_lists sl WHERE sl.city_code = $1 AND sl.year = $2",
				  DB_ARGS(DV_S(city), DV_I(year)), e),
			 training_shortage_list_view, e);
	if (!o) {
		if (!err_isset(e))
			err_set(e, 404, "not_found", NULL, "该市该年度的急需紧缺工种目录不存在",
				"no shortage list of that city and year");
		return NULL;
	}
	json_t *entries =
		rows_json(db_query(d,
				   "SELECT " TRAINING_SHORTAGE_ENTRY_VIEW_COLS
				   " FROM training_shortage_entries sh WHERE sh.city_code = $1 AND sh.year = "
				   "$2 ORDER BY sh.occupation_code",
				   DB_ARGS(DV_S(city), DV_I(year)), e),
			  training_shortage_entry_view, e);
	if (!entries) {
		json_decref(o);
		return NULL;
	}
	/* what the source names but the list does not spell out yet */
	json_int_t declared = json_integer_value(json_object_get(o, "declared_count"));
	json_object_set_new(o, "missing_count",
			    json_is_integer(json_object_get(o, "declared_count")) &&
					    declared > (json_int_t)json_array_size(entries)
				    ? json_integer(declared - (json_int_t)json_array_size(entries))
				    : json_integer(0));
	json_object_set_new(o, "entries", entries);
	return o;
}

struct put_ctx {
	const char *city;
	int64_t year;
	const struct shortage_input *in;
	struct shortage_amounts am;
	int64_t now;
};

int shortage_write(tx *t, const char *city, int64_t year, const char *title, const char *source,
		   int64_t declared_count, const fen_t *min, const fen_t *max,
		   const struct shortage_row *rows, size_t nrows, err *e)
{
	dbv dc = declared_count >= 0 ? DV_I(declared_count) : DV_NULL;
	dbv mn = min ? DV_I(*min) : DV_NULL, mx = max ? DV_I(*max) : DV_NULL;
	if (db_run(t->d,
		   "INSERT INTO training_shortage_lists (city_code, year, title, source, declared_count, "
		   "min_fen, "
		   "max_fen, updated_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8) ON CONFLICT (city_code, year) DO "
		   "UPDATE "
		   "SET title = excluded.title, source = excluded.source, declared_count = "
		   "excluded.declared_count, "
		   "min_fen = excluded.min_fen, max_fen = excluded.max_fen, updated_at = excluded.updated_at",
		   DB_ARGS(DV_S(city), DV_I(year), DV_S(title), DV_S(source), dc, mn, mx, DV_I(now_s())),
		   e) < 0 ||
	    db_run(t->d, "DELETE FROM training_shortage_entries WHERE city_code = $1 AND year = $2",
		   DB_ARGS(DV_S(city), DV_I(year)), e) < 0)
		return -1;
	for (size_t i = 0; i < nrows; i++) {
		dbv amt = rows[i].has_amount ? DV_I(rows[i].amount) : DV_NULL;
		if (db_run(t->d,
			   "INSERT INTO training_shortage_entries (city_code, year, occupation_code, "
			   "amount_fen) "
			   "VALUES ($1,$2,$3,$4)",
			   DB_ARGS(DV_S(city), DV_I(year), DV_S(rows[i].occupation_code), amt), e) < 0) {
			if (e->status == 409)
				err_set(e, 409, "conflict", "entries", "同一职业在目录中出现两次",
					"an occupation is listed twice");
			return -1;
		}
	}
	return 0;
}

static int put_work(tx *t, void *p, err *e)
{
	struct put_ctx *c = p;
	const struct shortage_input *in = c->in;
	struct shortage_row *rows = calloc(in->nentries ? in->nentries : 1, sizeof *rows);
	if (!rows)
		return err_set(e, 500, "internal", NULL, "内存不足", "out of memory");
	for (size_t i = 0; i < in->nentries; i++)
		rows[i] = (struct shortage_row){in->entries[i].occupation_code, in->entries[i].amount != NULL,
						c->am.amounts[i]};
	int rc = shortage_write(t, c->city, c->year, in->title, in->source, in->declared_count,
				c->am.has_min ? &c->am.min : NULL, c->am.has_max ? &c->am.max : NULL, rows,
				in->nentries, e);
	free(rows);
	if (rc != 0)
		return -1;
	json_t *ents = json_array();
	for (size_t i = 0; i < in->nentries; i++) {
		json_t *one = json_pack("{s:s}", "occupation_code", in->entries[i].occupation_code);
		json_object_set_new(one, "amount_fen",
				    in->entries[i].amount ? json_integer((json_int_t)c->am.amounts[i])
							  : json_null());
		json_array_append_new(ents, one);
	}
	char id[40];
	snprintf(id, sizeof id, "%s/%lld", c->city, (long long)c->year);
	json_t *det = json_pack("{s:s,s:I,s:s,s:s,s:o}", "city_code", c->city, "year", (json_int_t)c->year,
				"title", in->title, "source", in->source, "entries", ents);
	tx_audit_key(t, "training.shortage.put", "shortage_list", id, det);
	return 0;
}

int shortage_amounts_check(db *d, const char *min, const char *max, const struct shortage_entry_in *entries,
			   size_t n, struct shortage_amounts *out, err *e)
{
	*out = (struct shortage_amounts){.has_min = min != NULL, .has_max = max != NULL};
	if ((min && money_parse_err(min, "min", &out->min, e) != 0) ||
	    (max && money_parse_err(max, "max", &out->max, e) != 0))
		return -1;
	if ((out->has_min && out->min < 0) || (out->has_max && out->max < (out->has_min ? out->min : 0)))
		return err_set(e, 422, "invalid_amount", "max", "补贴范围无效（0 ≤ min ≤ max）",
			       "invalid subsidy range (0 <= min <= max)");
	out->amounts = calloc(n ? n : 1, sizeof *out->amounts);
	if (!out->amounts)
		return err_set(e, 500, "internal", NULL, "内存不足", "out of memory");
	for (size_t i = 0; i < n; i++) {
		const char *code = entries[i].occupation_code;
		int64_t k = 0;
		if (!code || strlen(code) > 32 ||
		    db_one_int(d, "SELECT COUNT(*) FROM occupations WHERE code = $1", DB_ARGS(DV_S(code)), &k,
			       e) != DB_OK ||
		    !k)
			return err_isset(e) ? -1
					    : err_set(e, 422, "invalid_occupation", "entries",
						      "职业（工种）不存在：%s", "unknown occupation: %s",
						      code ? code : "");
		if (!entries[i].amount)
			continue;
		fen_t *v = &out->amounts[i];
		if (money_parse_err(entries[i].amount, "entries", v, e) != 0)
			return -1;
		if (*v < 0 || (out->has_min && *v < out->min) || (out->has_max && *v > out->max))
			return err_set(e, 422, "invalid_amount", "entries", "补贴金额应在目录的范围内",
				       "an amount is outside the list's range");
	}
	return 0;
}

int shortage_put(db *d, const principal *a, const char *city, int64_t year, const struct shortage_input *in,
		 err *e)
{
	if (check_year(year, e) != 0)
		return -1;
	/* a city, or the province (370000) */
	char level[16] = "";
	db_stmt *st = city && strlen(city) <= 12 ? db_query(d, "SELECT level FROM regions WHERE code = $1",
							    DB_ARGS(DV_S(city)), e)
						 : NULL;
	if (st && db_step(st) == DB_ROW)
		snprintf(level, sizeof level, "%s", db_text(st, 0));
	db_done(st);
	if (err_isset(e))
		return -1;
	if (strcmp(level, "city") && strcmp(level, "province"))
		return err_set(e, 404, "not_found", NULL, "市（或省）代码不存在", "no such city or province");
	if (!scope_covers_region(a, SE_INSTITUTION, SCOPE_WRITE, city) ||
	    (!strcmp(level, "province") && a->role != ROLE_PROVINCE_ADMIN))
		return err_set(e, 403, "forbidden", NULL, "该目录不在您的管辖范围内",
			       "that list is outside your scope");
	if (check_text(in->title, "title", 100, true, e) || check_text(in->source, "source", 1000, true, e))
		return -1;
	if (in->declared_count < -1 || in->declared_count > 10000)
		return err_set(e, 422, "invalid_value", "declared_count", "工种总数应为 0..10000",
			       "declared_count must be 0..10000");
	if (in->nentries > SHORTAGE_MAX_ENTRIES)
		return err_set(e, 422, "too_many", "entries", "目录至多 200 个职业",
			       "a list holds at most 200 entries");
	struct put_ctx c = {.city = city, .year = year, .in = in, .now = now_s()};
	int rc = shortage_amounts_check(d, in->min, in->max, in->entries, in->nentries, &c.am, e);
	if (!rc)
		rc = svc_tx(d, a, put_work, &c, e);
	free(c.am.amounts);
	return rc;
}
