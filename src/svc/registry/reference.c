/* reference.c: the catalogue's regions and occupations (reference.h) */
#include "util/common.h"
#include "svc/registry/reference.h"
#include "svc/registry/refdata_load.h"
#include "svc/registry/view.h"
#include "svc/base/columns.h"
#include "svc/base/tx.h"
#include "store/query.h"

json_t *region_list_json(db *d, const char *parent, const char *level, err *e)
{
	query q;
	q_init(&q, "SELECT " REGION_VIEW_COLS " FROM regions");
	if (parent)
		q_and(&q, "parent_code = ?", DV_S(parent));
	if (level)
		q_and(&q, "level = ?", DV_S(level));
	q_sql(&q, " ORDER BY code");
	json_t *items = rows_json(q_query(d, &q, e), region_view, e);
	q_free(&q);
	if (!items)
		return NULL;
	return json_pack("{s:I,s:o}", "total", (json_int_t)json_array_size(items), "items", items);
}

/* ?category=: the integer the text starts with (0 when none), as the handler always read it */
static int filter_category(query *w, const char *frag, const char *v, err *e)
{
	UNUSED(e);
	q_and(w, frag, DV_I(atoi(v)));
	return 0;
}

static const struct list_filter occ_filters[] = {
	{"name", "(name LIKE ? OR code LIKE ?)", LIST_CONTAINS},
	{"kind", "kind = ?", LIST_EQ},
	{"category", "category = ?", LIST_FN, .fn = filter_category},
};
static const struct list_sort occ_sorts[] = {{"name", "name"}, {"category", "category"}};

const struct list_spec occupation_list = {
	.name = "occupations",
	.count_sql = "SELECT COUNT(*) FROM occupations",
	.select_sql = "SELECT " OCCUPATION_VIEW_COLS " FROM occupations",
	.order = "code",
	LIST_FILTERS(occ_filters),
	LIST_SORTS(occ_sorts),
	.view = occupation_view,
	LIST_COLS(cols_occupations),
};

json_t *occupation_get_json(db *d, const char *code, err *e)
{
	/* the catalogue is public: occupation_list has no scope, so no principal is needed */
	return list_one(d, NULL, &occupation_list, "code = ?", DV_S(code), "职业不存在", "no such occupation",
			e);
}

static int create_work(tx *t, void *p, err *e)
{
	const struct occupation_input *in = p;
	char cat[24];
	snprintf(cat, sizeof cat, "%lld", (long long)in->category);
	if (occupation_add(t->d, in->code, in->name, in->category ? cat : NULL, in->levels, in->types,
			   in->kind, false, e) < 0)
		return -1;
	json_t *det = json_pack("{s:s,s:s}", "code", in->code, "name", in->name);
	if (in->category)
		json_object_set_new(det, "category", json_integer(in->category));
	const char *const keys[] = {"levels", "types", "kind"};
	const char *const vals[] = {in->levels, in->types, in->kind};
	for (size_t i = 0; i < ARRAY_LEN(keys); i++)
		if (vals[i])
			json_object_set_new(det, keys[i], json_string(vals[i]));
	tx_audit_key(t, "occupation.create", "occupation", in->code, det);
	return 0;
}

int occupation_create(db *d, const principal *a, const struct occupation_input *in, err *e)
{
	if (check_text(in->name, "name", 60, true, e) || check_text(in->types, "types", 400, false, e))
		return -1;
	return svc_tx(d, a, create_work, (void *)in, e);
}
