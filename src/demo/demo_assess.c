/* demo_assess.c: the demo province's yearly 定期评估 (docs/DOMAIN.md §35), published:
 * 菏泽演示职业技能评价中心 reported 40 candidates of one occupation and level in the last year, every one
 * passed, against 5 in the years before, while another institution filed for it passed 88 of 120 of the same:
 * its pass rate lies beyond the funnel's 99.8% limit and its volume jumped 24-fold, so it is graded 不合格
 * and exits the catalogue when the province publishes; every other institution is graded from what the demo
 * holds. */
#include "util/common.h"
#include "demo/demo.h"
#include "core/date.h"
#include "svc/evaluation/results.h"
#include "svc/supervision/assess.h"

#define DEMO_HISTORY "演示数据：历史评价记录补录"

/* n results of inst for occupation occ at level, `passed` of them passed, dated from `first` days ago back */
static int add_results(db *d, const principal *sys, int64_t inst, const char *occ, int level, int n,
		       int passed, long first, const int64_t *people, int npeople, err *e)
{
	long today = date_to_days(date_today_utc8());
	for (int i = 0; i < n; i++) {
		char exam[11];
		date_format(date_from_days(today - first - i % 150), exam);
		bool pass = i < passed;
		struct result_input in = {.person_id = people[i % npeople],
					  .institution_id = inst,
					  .occupation_code = occ,
					  .exam_date = exam,
					  .level = level,
					  .theory = pass ? 82 : 45,
					  .practical = pass ? 80 : 50,
					  .review = -1,
					  .passed = -1,
					  .correction_reason = DEMO_HISTORY};
		if (result_create(d, sys, &in, e) < 0)
			return -1;
	}
	return 0;
}

int demo_assess(db *d, const principal *sys, int64_t bad, err *e)
{
	/* an occupation and level of the institution's filed scope that another institution files too */
	char occ[24] = "";
	int64_t peer = 0, mask = 0;
	db_stmt *st = db_query(
		d,
		"SELECT s.occupation_code, s.levels, o.institution_id FROM institution_scopes s JOIN "
		"institution_scopes o ON o.occupation_code = s.occupation_code AND o.institution_id <> "
		"s.institution_id JOIN institutions i ON i.id = o.institution_id WHERE s.institution_id = $1 "
		"AND i.type <> 'training' AND (s.levels & o.levels & 62) <> 0 ORDER BY s.occupation_code, "
		"o.institution_id LIMIT 1",
		DB_ARGS(DV_I(bad)), e);
	int row = st ? db_row(st, e) : -1;
	if (row == 1) {
		snprintf(occ, sizeof occ, "%s", db_text(st, 0));
		mask = db_int(st, 1);
		peer = db_int(st, 2);
	}
	db_done(st);
	if (row < 0)
		return -1;
	int level = 5;
	while (level > 1 && !(mask & (1 << level)))
		level--;
	int64_t people[16];
	int np = 0;
	st = db_query(d, "SELECT id FROM persons ORDER BY id LIMIT 16", DB_NOARGS, e);
	while (st && db_step(st) == DB_ROW)
		people[np++] = db_int(st, 0);
	if (!st || db_finish(st, e) != 0)
		return -1;
	if (row == 1 && np > 0 &&
	    (add_results(d, sys, bad, occ, level, 40, 40, 10, people, np, e) != 0 ||
	     add_results(d, sys, bad, occ, level, 5, 5, 400, people, np, e) != 0 ||
	     add_results(d, sys, peer, occ, level, 120, 88, 20, people, np, e) != 0))
		return -1;
	/* the yearly assessment of the province: the 365 days up to today, published */
	long today = date_to_days(date_today_utc8());
	char from[11], to[11];
	date_format(date_from_days(today - 364), from);
	date_format(date_from_days(today), to);
	struct assess_run_input in = {.period_from = from, .period_to = to};
	json_t *run = assess_run(d, sys, &in, e);
	if (!run)
		return -1;
	int64_t id = json_integer_value(json_object_get(run, "id"));
	json_decref(run);
	json_t *pub = assess_publish(d, sys, id, e);
	if (!pub)
		return -1;
	json_decref(pub);
	return 0;
}
