/* demo_certs.c: the demo's results and certificates — for the evaluating institutions of every city, results
 * in occupations and levels of their filed scope (a few failed), certificates for the passes, one
 * 专项职业能力 certificate, one certificate revoked and one reissued. */
#include "util/common.h"
#include "demo/demo.h"
#include "svc/cert/certs.h"
#include "svc/registry/institutions.h"
#include "core/date.h"

/* the demo's past results are historical records the province enters through the correction path */
#define DEMO_HISTORY "演示数据：历史评价记录补录"

struct scope {
	char code[16];
	int64_t levels;
};

static int load_scopes(db *d, int64_t inst, struct scope *out, int max, err *e)
{
	db_stmt *st = db_query(d,
			       "SELECT occupation_code, levels FROM institution_scopes WHERE institution_id "
			       "= $1 ORDER BY occupation_code",
			       DB_ARGS(DV_I(inst)), e);
	int n = 0;
	while (st && db_step(st) == DB_ROW && n < max) {
		snprintf(out[n].code, sizeof out[n].code, "%s", db_text(st, 0));
		out[n++].levels = db_int(st, 1);
	}
	db_done(st);
	return st ? n : -1;
}

/* persons of a city, some of them (by id order from a random start) */
static int city_persons(db *d, const char *city, fake_rng *rng, int64_t *out, int max, err *e)
{
	char pat[8];
	snprintf(pat, sizeof pat, "%.4s%%", city);
	int64_t total = 0;
	if (db_one_int(d, "SELECT COUNT(*) FROM persons WHERE region_code LIKE $1", DB_ARGS(DV_S(pat)),
		       &total, e) != DB_OK)
		return -1;
	int64_t skip = total > max ? (int64_t)(fake_next(rng) % (uint64_t)(total - max)) : 0;
	db_stmt *st =
		db_query(d, "SELECT id FROM persons WHERE region_code LIKE $1 ORDER BY id LIMIT $2 OFFSET $3",
			 DB_ARGS(DV_S(pat), DV_I(max), DV_I(skip)), e);
	int n = 0;
	while (st && db_step(st) == DB_ROW && n < max)
		out[n++] = db_int(st, 0);
	db_done(st);
	return st ? n : -1;
}

int demo_certificates(db *d, const principal *sys, const int64_t *insts, const char *const *city_codes,
		      int ncities, int64_t candidate_person, int64_t linyi_person, fake_rng *rng, err *e)
{
	int64_t results[1024];
	int nres = 0, today = date_today_utc8();
	for (int c = 0; c < ncities; c++)
		for (int t = 0; t < 3; t++) { /* employer, social organisation, technical school */
			int64_t inst = insts[c * 5 + t];
			struct scope sc[8];
			int64_t people[16];
			int ns = load_scopes(d, inst, sc, 8, e),
			    np = city_persons(d, city_codes[c], rng, people, 16, e);
			if (ns < 0 || np < 0)
				return -1;
			if (c == 0 && t == 1 && candidate_person > 0)
				people[0] = candidate_person; /* the demo candidate holds a certificate */
			if (c == 11 && t == 1 && linyi_person > 0)
				people[0] = linyi_person; /* so does the 临沂 worker of the training demo */
			for (int k = 0; k < np && k < 6 && ns > 0; k++) {
				const struct scope *s = &sc[k % ns];
				int lv[5], nl = 0;
				for (int l = 5; l >= 1; l--)
					if (s->levels & (1 << l))
						lv[nl++] = l;
				if (!nl)
					continue;
				char exam[11];
				date_format(date_from_days(date_to_days(today) - fake_int(rng, 20, 300)),
					    exam);
				struct result_input in = {.person_id = people[k],
							  .institution_id = inst,
							  .occupation_code = s->code,
							  .exam_date = exam,
							  .level = lv[fake_next(rng) % (uint64_t)nl],
							  .passed = -1,
							  .correction_reason = DEMO_HISTORY};
				in.theory = fake_int(rng, 52, 98);
				in.practical = fake_int(rng, 55, 97);
				in.review = in.level <= 2 ? fake_int(rng, 60, 95) : -1;
				if (k == 0)
					in.theory = in.theory < 60 ? in.theory + 20 : in.theory;
				if (k == 0 && people[k] == linyi_person) {
					/* the 临沂 worker passes at the scope's lowest level (五/四/三级 are
					 * the levels 技能提升补贴 pays): a certificate to claim with; the
					 * draws above are kept, so the rest of the demo is as before */
					in.practical += in.practical < 60 ? 20 : 0;
					in.level = lv[0];
					in.review = in.level <= 2 ? in.review : -1;
				}
				int64_t id = result_create(d, sys, &in, e);
				if (id < 0)
					return -1;
				if (nres < (int)ARRAY_LEN(results))
					results[nres++] = id;
			}
		}
	/* one 专项职业能力 at the Jinan social organisation, if the catalogue has the item */
	int64_t special = 0;
	if (db_one_int(d, "SELECT COUNT(*) FROM occupations WHERE code = 'ZX-37-001'", DB_NOARGS, &special,
		       e) != DB_OK)
		return -1;
	if (special) {
		json_t *sc = json_array();
		struct scope cur[8];
		int n = load_scopes(d, insts[1], cur, 8, e);
		for (int i = 0; i < n; i++) {
			json_t *lv = json_array();
			for (int l = 5; l >= 1; l--)
				if (cur[i].levels & (1 << l))
					json_array_append_new(lv, json_integer(l));
			json_array_append_new(
				sc, json_pack("{s:s,s:o}", "occupation_code", cur[i].code, "levels", lv));
		}
		json_array_append_new(sc, json_pack("{s:s}", "occupation_code", "ZX-37-001"));
		int rc = n < 0 ? -1 : demo_set_scope(d, sys, insts[1], sc, e);
		json_decref(sc);
		if (rc != 0)
			return -1;
		char exam[11];
		date_format(date_from_days(date_to_days(today) - 30), exam);
		int64_t people[4];
		if (city_persons(d, city_codes[0], rng, people, 4, e) < 1)
			return -1;
		struct result_input in = {.person_id = people[0],
					  .institution_id = insts[1],
					  .occupation_code = "ZX-37-001",
					  .exam_date = exam,
					  .level = 0,
					  .theory = -1,
					  .practical = 88,
					  .review = -1,
					  .passed = 1,
					  .correction_reason = DEMO_HISTORY};
		int64_t id = result_create(d, sys, &in, e);
		if (id < 0)
			return -1;
		results[nres++] = id;
	}
	/* certificates for every pass */
	int64_t pass[1024];
	int npass = 0;
	long passday[1024];
	for (int i = 0; i < nres; i++) {
		db_stmt *st = db_query(d, "SELECT passed, exam_date FROM results WHERE id = $1",
				       DB_ARGS(DV_I(results[i])), e);
		if (!st)
			return -1;
		int ymd = today;
		if (db_step(st) == DB_ROW && db_int(st, 0)) {
			if (date_parse(db_text(st, 1), &ymd) != 0)
				ymd = today;
			passday[npass] = date_to_days(ymd);
			pass[npass++] = results[i];
		}
		db_done(st);
	}
	/* issued in monthly batches, each about four weeks after its exam month (after publicity), so the
	 * dashboard shows a history; the clock is restored afterwards */
	json_t *numbers = json_array();
	for (long back = 11; back >= 0 && numbers; back--) {
		int64_t batch[1024];
		size_t nb = 0;
		long lo = date_to_days(today) - 30 * (back + 1) - 25, hi = lo + 30;
		for (int i = 0; i < npass; i++) {
			long x = passday[i];
			if ((x >= lo && x < hi) || (back == 0 && x >= hi) || (back == 11 && x < lo))
				batch[nb++] = pass[i];
		}
		if (!nb)
			continue;
		date_set_today(date_from_days(hi + 25 > date_to_days(today) ? date_to_days(today) : hi + 25));
		json_t *got = cert_issue(d, sys, batch, nb, e);
		date_set_today(0);
		if (!got) {
			json_decref(numbers);
			return -1;
		}
		json_array_extend(numbers, got);
		json_decref(got);
	}
	if (!numbers)
		return -1;
	int rc = 0;
	if (json_array_size(numbers) >= 3) {
		const char *a = json_string_value(json_array_get(numbers, 1)),
			   *b = json_string_value(json_array_get(numbers, 2));
		json_t *re = NULL;
		if (cert_revoke(d, sys, a, "持证人提供虚假申报材料，经核查撤销", e) != 0 ||
		    !(re = cert_reissue(d, sys, b, "持证人姓名登记有误，更正后换发", e)))
			rc = -1;
		json_decref(re);
	}
	json_decref(numbers);
	return rc;
}
