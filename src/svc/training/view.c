#include "util/common.h"
#include "svc/training/view.h"
#include "core/date.h"
#include "core/money.h"
#include "store/query.h"

static json_t *text_or_null(db_stmt *st, int i)
{
	return db_isnull(st, i) ? json_null() : json_string(db_text(st, i));
}

static json_t *fen_or_null(db_stmt *st, int i)
{
	return db_isnull(st, i) ? json_null() : json_integer((json_int_t)db_int(st, i));
}

const char *training_kind_name(const char *kind)
{
	static const char *const names[][2] = {{"private_school", "民办职业培训学校"},
					       {"technical_school", "技工院校"},
					       {"enterprise", "企业培训中心"},
					       {"public_centre", "公共实训基地"}};
	for (size_t i = 0; kind && i < ARRAY_LEN(names); i++)
		if (!strcmp(kind, names[i][0]))
			return names[i][1];
	return kind ? kind : "";
}

json_t *training_org_view(db_stmt *st)
{
	json_t *o = json_pack("{s:I,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s}", "id", (json_int_t)db_int(st, 0),
			      "name", db_text(st, 1), "type", db_text(st, 2), "region_code", db_text(st, 3),
			      "kind", db_text(st, 5), "kind_name", training_kind_name(db_text(st, 5)),
			      "licence_no", db_text(st, 6), "filed_on", db_text(st, 7), "training_status",
			      db_text(st, 8), "address", db_text(st, 10));
	json_object_set_new(o, "region_name", text_or_null(st, 4));
	json_object_set_new(o, "status", json_string(db_text(st, 9)));
	return o;
}

json_t *training_site_view(db_stmt *st)
{
	json_t *o = json_pack("{s:I,s:I,s:s,s:s,s:s,s:s,s:f,s:f}", "id", (json_int_t)db_int(st, 0),
			      "institution_id", (json_int_t)db_int(st, 1), "name", db_text(st, 2), "address",
			      db_text(st, 3), "county_code", db_text(st, 4), "city_code", db_text(st, 6),
			      "latitude", db_double(st, 7), "longitude", db_double(st, 8));
	json_object_set_new(o, "county_name", text_or_null(st, 5));
	return o;
}

json_t *training_course_view(db_stmt *st)
{
	char price[MONEY_BUF];
	money_format(db_int(st, 8), 0, price, sizeof price);
	json_t *o = json_pack("{s:I,s:I,s:I,s:s,s:I,s:s,s:I,s:I,s:s,s:I,s:b,s:s}", "id",
			      (json_int_t)db_int(st, 0), "institution_id", (json_int_t)db_int(st, 1),
			      "site_id", (json_int_t)db_int(st, 2), "occupation_code", db_text(st, 3),
			      "level", (json_int_t)db_int(st, 5), "title", db_text(st, 6), "class_hours",
			      (json_int_t)db_int(st, 7), "price_fen", (json_int_t)db_int(st, 8), "price",
			      price, "capacity", (json_int_t)db_int(st, 9), "subsidised", db_int(st, 10) != 0,
			      "status", db_text(st, 11));
	json_object_set_new(o, "occupation", text_or_null(st, 4));
	json_object_set_new(o, "institution_name", json_string(db_text(st, 12)));
	json_t *site = json_pack("{s:I,s:s,s:s,s:s,s:f,s:f}", "id", (json_int_t)db_int(st, 2), "name",
				 db_text(st, 13), "address", db_text(st, 14), "county_code", db_text(st, 15),
				 "latitude", db_double(st, 17), "longitude", db_double(st, 18));
	json_object_set_new(site, "county_name", text_or_null(st, 16));
	json_object_set_new(o, "site", site);
	if (db_isnull(st, 19)) {
		json_object_set_new(o, "shortage", json_null());
	} else {
		/* 急需紧缺: the entry's amount, or NULL when the list gives only its range ([GAP]) */
		json_t *sh =
			json_pack("{s:I,s:s}", "year", (json_int_t)db_int(st, 19), "list", db_text(st, 23));
		json_object_set_new(sh, "amount_fen", fen_or_null(st, 20));
		json_object_set_new(sh, "min_fen", fen_or_null(st, 21));
		json_object_set_new(sh, "max_fen", fen_or_null(st, 22));
		json_object_set_new(o, "shortage", sh);
	}
	json_object_set_new(o, "starts", json_array());
	return o;
}

static int str_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* the member name and the column as text, or null when it is NULL */
static void w_text(jw *w, const char *key, db_stmt *st, int i)
{
	jw_key(w, key);
	jw_str(w, db_isnull(st, i) ? NULL : db_text(st, i));
}

static void w_int_or_null(jw *w, const char *key, db_stmt *st, int i)
{
	jw_key(w, key);
	if (db_isnull(st, i))
		jw_null(w);
	else
		jw_int(w, db_int(st, i));
}

/* the same members in the same order as training_course_view (then "starts" set by the map's set_starts) */
void training_course_write(jw *w, db_stmt *st, const char *starts)
{
	char price[MONEY_BUF];
	money_format(db_int(st, 8), 0, price, sizeof price);
	jw_key(w, "id");
	jw_int(w, db_int(st, 0));
	jw_key(w, "institution_id");
	jw_int(w, db_int(st, 1));
	jw_key(w, "site_id");
	jw_int(w, db_int(st, 2));
	w_text(w, "occupation_code", st, 3);
	jw_key(w, "level");
	jw_int(w, db_int(st, 5));
	w_text(w, "title", st, 6);
	jw_key(w, "class_hours");
	jw_int(w, db_int(st, 7));
	jw_key(w, "price_fen");
	jw_int(w, db_int(st, 8));
	jw_key(w, "price");
	jw_str(w, price);
	jw_key(w, "capacity");
	jw_int(w, db_int(st, 9));
	jw_key(w, "subsidised");
	jw_bool(w, db_int(st, 10) != 0);
	w_text(w, "status", st, 11);
	w_text(w, "occupation", st, 4);
	w_text(w, "institution_name", st, 12);
	jw_key(w, "site");
	jw_obj(w);
	jw_key(w, "id");
	jw_int(w, db_int(st, 2));
	w_text(w, "name", st, 13);
	w_text(w, "address", st, 14);
	w_text(w, "county_code", st, 15);
	jw_key(w, "latitude");
	jw_real(w, db_double(st, 17));
	jw_key(w, "longitude");
	jw_real(w, db_double(st, 18));
	w_text(w, "county_name", st, 16);
	jw_obj_end(w);
	jw_key(w, "shortage");
	if (db_isnull(st, 19)) {
		jw_null(w);
	} else {
		jw_obj(w);
		jw_key(w, "year");
		jw_int(w, db_int(st, 19));
		w_text(w, "list", st, 23);
		w_int_or_null(w, "amount_fen", st, 20);
		w_int_or_null(w, "min_fen", st, 21);
		w_int_or_null(w, "max_fen", st, 22);
		jw_obj_end(w);
	}
	/* the dates ascending (neither engine promises the order of its aggregate), at most 64 */
	jw_key(w, "starts");
	jw_arr(w);
	if (starts && *starts) {
		char *copy = xstrdup(starts), *dates[64], *save = NULL;
		size_t n = 0;
		for (char *t = strtok_r(copy, ",", &save); t && n < ARRAY_LEN(dates);
		     t = strtok_r(NULL, ",", &save))
			dates[n++] = t;
		qsort(dates, n, sizeof *dates, str_cmp);
		for (size_t i = 0; i < n; i++)
			jw_str(w, dates[i]);
		free(copy);
	}
	jw_arr_end(w);
}

int training_course_starts_attach(db *d, json_t *items, err *e)
{
	size_t n = json_array_size(items);
	if (!n)
		return 0;
	char today[11];
	date_format(date_today_utc8(), today);
	query q;
	q_init(&q, "SELECT course_id, starts_on FROM training_course_starts WHERE starts_on >= ");
	q_arg(&q, "?", DV_S(today));
	q_sql(&q, " AND course_id IN (");
	for (size_t i = 0; i < n; i++)
		q_arg(&q, i ? ",?" : "?",
		      DV_I(json_integer_value(json_object_get(json_array_get(items, i), "id"))));
	q_sql(&q, ") ORDER BY course_id, starts_on");
	db_stmt *st = q_query(d, &q, e);
	q_free(&q);
	if (!st)
		return -1;
	while (db_step(st) == DB_ROW) {
		int64_t id = db_int(st, 0);
		for (size_t i = 0; i < n; i++) {
			json_t *it = json_array_get(items, i);
			if (json_integer_value(json_object_get(it, "id")) == id)
				json_array_append_new(json_object_get(it, "starts"),
						      json_string(db_text(st, 1)));
		}
	}
	return db_finish(st, e);
}

json_t *training_shortage_list_view(db_stmt *st)
{
	json_t *o = json_pack("{s:s,s:I,s:s,s:s}", "city_code", db_text(st, 0), "year",
			      (json_int_t)db_int(st, 2), "title", db_text(st, 3), "source", db_text(st, 4));
	json_object_set_new(o, "city_name", text_or_null(st, 1));
	json_object_set_new(o, "declared_count", fen_or_null(st, 5));
	json_object_set_new(o, "min_fen", fen_or_null(st, 6));
	json_object_set_new(o, "max_fen", fen_or_null(st, 7));
	return o;
}

json_t *training_shortage_entry_view(db_stmt *st)
{
	json_t *o = json_pack("{s:s}", "occupation_code", db_text(st, 0));
	json_object_set_new(o, "occupation", text_or_null(st, 1));
	json_object_set_new(o, "amount_fen", fen_or_null(st, 2));
	return o;
}
