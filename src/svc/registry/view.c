/* view.c: the registry's entities as JSON (view.h) */
#include "util/common.h"
#include "svc/registry/view.h"
#include "crypto/pii.h"
#include "svc/base/rowview.h"

static const char *const types[][2] = {{"employer", "用人单位"},
				       {"social_org", "社会培训评价组织"},
				       {"technical_school", "技工院校"},
				       {"university", "高校"},
				       {"training", "培训机构"}};
static const char *const statuses[][2] = {{"filed", "备案"}, {"suspended", "暂停"}, {"exited", "退出"}};

const char *inst_type_name(const char *t)
{
	for (size_t i = 0; i < ARRAY_LEN(types); i++)
		if (!strcmp(t, types[i][0]))
			return types[i][1];
	return t;
}

const char *inst_status_name(const char *s)
{
	for (size_t i = 0; i < ARRAY_LEN(statuses); i++)
		if (!strcmp(s, statuses[i][0]))
			return statuses[i][1];
	return s;
}

static json_t *str_or_null(db_stmt *st, int col)
{
	return db_isnull(st, col) ? json_null() : json_string(db_text(st, col));
}

json_t *institution_view(db_stmt *st)
{
	json_t *o = json_pack(
		"{s:I,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:I,s:b}", "id", (json_int_t)db_int(st, 0),
		"name", db_text(st, 1), "credit_code", db_text(st, 2), "type", db_text(st, 3), "type_name",
		inst_type_name(db_text(st, 3)), "region_code", db_text(st, 4), "status", db_text(st, 6),
		"status_name", inst_status_name(db_text(st, 6)), "status_reason", db_text(st, 7),
		"status_date", db_text(st, 8), "address", db_text(st, 9), "contact_name", db_text(st, 10),
		"created_at", (json_int_t)db_int(st, 12), "check_override", (int)db_int(st, 13));
	json_object_set_new(o, "inst_code", str_or_null(st, 5));
	json_object_set_new(o, "contact_phone", json_string(db_text(st, 11)));
	json_object_set_new(o, "region_name", str_or_null(st, 14));
	return o;
}

json_t *inst_scope_view(db_stmt *st)
{
	json_t *lv = json_array();
	int64_t mask = db_int(st, 1);
	for (int l = 5; l >= 1; l--)
		if (mask & (1 << l))
			json_array_append_new(lv, json_integer(l));
	return json_pack("{s:s,s:s,s:o}", "occupation_code", db_text(st, 0), "occupation", db_text(st, 2),
			 "levels", lv);
}

json_t *inst_status_view(db_stmt *st)
{
	return json_pack("{s:s,s:s,s:s,s:s,s:I}", "status", db_text(st, 0), "status_name",
			 inst_status_name(db_text(st, 0)), "reason", db_text(st, 1), "date", db_text(st, 2),
			 "at", (json_int_t)db_int(st, 3));
}

json_t *standard_view(db_stmt *st)
{
	return json_pack("{s:s,s:s,s:o,s:b,s:I}", "version", db_text(st, 0), "template", db_text(st, 1),
			 "profile", json_loads(db_text(st, 2), 0, NULL), "active", (int)db_int(st, 3),
			 "created_at", (json_int_t)db_int(st, 4));
}

/* the person's members, for the tree and for the list written as text (svc/base/rowview.h): the look-up by
 * ID number answers from person_write without building a tree (docs/PERFORMANCE.md) */
static const struct rv_member person_members[] = {
	{"id", 0, RV_INT},
	{"name", 1, RV_TEXT},
	{"id_type", 2, RV_TEXT},
	{"id_number_masked", 3, RV_TEXT},
	{"gender", 4, RV_TEXT},
	{"birth_date", 5, RV_TEXT},
	{"phone_masked", 6, RV_TEXT},
	{"region_code", 7, RV_TEXT},
	{"region_name", 12, RV_TEXT},
	{"employer_id", 8, RV_INT},
	{"employer_name", 13, RV_TEXT},
	{"education", 9, RV_TEXT},
	{"created_at", 10, RV_INT},
	{"updated_at", 11, RV_INT},
};

json_t *person_view(db_stmt *st)
{
	return rv_tree(st, person_members, ARRAY_LEN(person_members));
}

void person_write(jw *w, db_stmt *st)
{
	rv_write(w, st, person_members, ARRAY_LEN(person_members));
}

json_t *person_view_full(db_stmt *st, arena *ar)
{
	json_t *o = person_view(st);
	const char *idn = pii_open(ar, "id_number", db_text(st, 14));
	json_object_set_new(o, "id_number", idn ? json_string(idn) : json_null());
	const char *ph = db_isnull(st, 15) ? NULL : pii_open(ar, "phone", db_text(st, 15));
	json_object_set_new(o, "phone", ph ? json_string(ph) : json_null());
	return o;
}

json_t *occupation_view(db_stmt *st)
{
	json_t *lv = json_array();
	char text[16] = "";
	int64_t mask = db_int(st, 3);
	for (int l = 5; l >= 1; l--)
		if (mask & (1 << l)) {
			json_array_append_new(lv, json_integer(l));
			snprintf(text + strlen(text), sizeof text - strlen(text), "%s%d", text[0] ? "|" : "",
				 l);
		}
	return json_pack("{s:s,s:s,s:o,s:o,s:s,s:s,s:s}", "code", db_text(st, 0), "name", db_text(st, 1),
			 "category", db_isnull(st, 2) ? json_null() : json_integer(db_int(st, 2)), "levels",
			 lv, "levels_text", text, "types", db_text(st, 4), "kind", db_text(st, 5));
}

json_t *region_view(db_stmt *st)
{
	return json_pack("{s:s,s:s,s:o,s:s}", "code", db_text(st, 0), "name", db_text(st, 1), "parent_code",
			 str_or_null(st, 2), "level", db_text(st, 3));
}
