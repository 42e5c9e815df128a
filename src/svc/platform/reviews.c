/* reviews.c: 省评审 as the expert sees it — the applications on the panels of the examiner's calls in review,
 * each with the declared facts, the conditions' check, the expert's own score (never another's) and whether
 * the expert must abstain (回避, the rule pf_score applies); the expert scores with POST
 * /platform/applications/{id}/scores (applications.c). docs/DOMAIN.md §56 "省评审". */
#include "util/common.h"
#include "svc/platform/platform_int.h"
#include "svc/base/svc.h"
#include "util/arena.h"
#include <stdlib.h>

struct review_row {
	int64_t id, inst, lead;
	json_t *o;
};

json_t *pf_reviews_json(db *d, const principal *a, err *e)
{
	if (a->role != ROLE_EXAMINER)
		return err_set(e, 403, "forbidden", NULL, "只有评审专家（考评人员）查看待评申报",
			       "the applications to score are an expert's (an examiner's)"),
		       NULL;
	/* a panel holds at most 15 experts and a call a bounded number of recommended applications (the
	 * cities' quotas): 1,000 rows is beyond any call; more is refused rather than cut */
	db_stmt *st = db_query(
		d,
		"SELECT pa.id, pa.call_id, c.title, c.year, pa.type_code, pt.name, pa.grade, pa.name, "
		"pa.institution_id, i.name, pa.region_code, COALESCE(pa.lead_person_id, 0), "
		"COALESCE(lp.name, ''), "
		"pa.facts, pa.decision, pa.city_opinion, s.score, COALESCE(s.comment, ''), c.min_experts, "
		"(SELECT COUNT(*) FROM platform_scores x WHERE x.application_id = pa.id) FROM "
		"platform_call_experts m JOIN platform_calls c ON c.id = m.call_id JOIN "
		"platform_applications pa ON "
		"pa.call_id = c.id JOIN platform_types pt ON pt.code = pa.type_code JOIN institutions i ON "
		"i.id = "
		"pa.institution_id LEFT JOIN persons lp ON lp.id = pa.lead_person_id LEFT JOIN "
		"platform_scores s ON "
		"s.application_id = pa.id AND s.expert_id = m.user_id WHERE m.user_id = $1 AND c.status = "
		"'reviewing' AND pa.status = 'recommended' ORDER BY c.id, pa.type_code, pa.id LIMIT 1001",
		DB_ARGS(DV_I(a->user_id)), e);
	if (!st)
		return NULL;
	size_t n = 0, cap = 8;
	struct review_row *v = malloc(cap * sizeof *v);
	int row = 0;
	while (v && (row = db_row(st, e)) == 1) {
		if (n == cap) {
			struct review_row *nv = realloc(v, (cap *= 2) * sizeof *v);
			if (!nv)
				break;
			v = nv;
		}
		json_t *facts = json_loads(db_text(st, 13), 0, NULL);
		json_t *dec = json_loads(db_text(st, 14), 0, NULL);
		v[n].id = db_int(st, 0);
		v[n].inst = db_int(st, 8);
		v[n].lead = db_int(st, 11);
		v[n].o = json_pack(
			"{s:I,s:I,s:s,s:I,s:s,s:s,s:s,s:s,s:I,s:s,s:s,s:s,s:o,s:o,s:s,s:b,s:o,s:s,s:I,s:I}",
			"id", (json_int_t)v[n].id, "call_id", (json_int_t)db_int(st, 1), "call_title",
			db_text(st, 2), "year", (json_int_t)db_int(st, 3), "type_code", db_text(st, 4),
			"type_name", db_text(st, 5), "grade", db_text(st, 6), "name", db_text(st, 7),
			"institution_id", (json_int_t)v[n].inst, "institution_name", db_text(st, 9),
			"region_code", db_text(st, 10), "lead_name", db_text(st, 12), "facts",
			facts ? facts : json_object(), "checks",
			dec && json_object_get(dec, "checks") ? json_incref(json_object_get(dec, "checks"))
							      : json_array(),
			"city_opinion", db_text(st, 15), "scored", !db_isnull(st, 16), "score",
			db_isnull(st, 16) ? json_null() : json_integer(db_int(st, 16)), "comment",
			db_text(st, 17), "min_experts", (json_int_t)db_int(st, 18), "scores",
			(json_int_t)db_int(st, 19));
		json_decref(dec);
		n++;
	}
	db_done(st);
	bool failed = !v || row == 1 || row < 0;
	if (!failed && n > 1000) {
		err_set(e, 422, "too_many", NULL, "待评申报超过 1000 件",
			"more than 1,000 applications to score");
		failed = true;
	}
	json_t *items = json_array();
	arena *ar = failed ? NULL : arena_new();
	for (size_t i = 0; i < n; i++) {
		if (!failed) {
			/* 回避 as the score would find it */
			const char *why = pf_avoid(d, ar, a->user_id, v[i].inst, v[i].lead, e);
			if (err_isset(e))
				failed = true;
			json_object_set_new(v[i].o, "avoid", json_boolean(why != NULL));
			json_object_set_new(v[i].o, "avoid_reason", json_string(why ? why : ""));
		}
		json_array_append_new(items, v[i].o);
	}
	if (ar)
		arena_free(ar);
	free(v);
	if (failed) {
		if (!err_isset(e))
			ERR_INTERNAL(e, "out of memory");
		json_decref(items);
		return NULL;
	}
	return json_pack("{s:o}", "items", items);
}
